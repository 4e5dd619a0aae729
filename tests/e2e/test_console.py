"""The web console in a real browser (Debian's Chromium through Playwright) against `make run`'s
stack: sign in, write a template and watch its preview and verdict, upload a CSV and watch the
import, run a broadcast and watch its funnel, clear the human review queue as an admin.

Each main view is saved as a screenshot into tests/e2e/screenshots/ (git-ignored)."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.e2e.conftest import Stack, wait_for
from tests.e2e.test_local_stack import _ready_account

playwright_api = pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = pytest.mark.stack

CHROMIUM = os.environ.get("RCS_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)  # conditions, not sleeps: each waits up to this long


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium (make test does)")
    SHOTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    yield opened
    context.close()
    assert problems == [], f"the console threw: {problems}"


def console_url(stack: Stack) -> str:
    return stack.base.replace("/api/v1/rcs", "/console")


def sign_in(page: Page, stack: Stack, account: str, *, admin: bool = False) -> None:
    page.goto(console_url(stack))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Account name").fill(account)
    if admin:
        page.get_by_label("Admin (human review, credits)").check()
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Templates")).to_be_visible()
    expect(page.locator("#who")).to_contain_text(account)


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def every_control_is_labelled(page: Page) -> None:
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('main input, main select, main textarea')]
        .filter((el) => !el.labels || el.labels.length === 0).map((el) => el.outerHTML)""")
    assert unlabelled == []


def test_a_template_written_in_the_console_shows_its_preview_and_then_its_verdict_on_the_fields(
        page: Page, stack: Stack) -> None:
    sign_in(page, stack, "web-templates")
    page.get_by_role("link", name="New template").click()
    expect(page.get_by_role("heading", name="New template")).to_be_visible()
    preview = page.get_by_role("figure", name="Preview of the message on a phone")

    # GIVEN a text with a placeholder and a chip, the preview shows them as the phone will
    page.get_by_label("Name", exact=True).fill("order_update")
    page.get_by_label("Text").fill("Hi {{1}}, your order ships on Monday.")
    expect(preview.locator(".bubble")).to_have_text("Hi {{1}}, your order ships on Monday.")
    expect(preview.locator("mark.ph")).to_have_text("{{1}}")
    page.get_by_role("button", name="Add a chip").click()
    page.get_by_label("Label").fill("Track order")
    expect(preview.locator(".chips .chip")).to_have_text("Track order")
    every_control_is_labelled(page)

    # a vertical and a horizontal rich card, with media
    page.get_by_label("Kind").select_option("rich_card")
    page.get_by_label("Title").fill("Summer sale")
    page.get_by_label("Image URL").fill("https://img.example/sandals.jpg")
    expect(preview.locator(".rcs-card .card-title")).to_have_text("Summer sale")
    expect(preview.locator(".rcs-card img.media")).to_have_attribute("src", "https://img.example/sandals.jpg")
    page.get_by_label("Orientation").select_option("horizontal")
    expect(preview.locator(".rcs-card.horizontal .media-side")).to_be_visible()

    # a carousel at both card widths
    page.get_by_label("Kind").select_option("carousel")
    cards = preview.locator(".carousel .rcs-card")
    expect(cards).to_have_count(2)
    assert cards.first.bounding_box()["width"] == pytest.approx(232, abs=1)  # type: ignore[index]
    page.get_by_label("Card width").select_option("small")
    expect(cards.first).to_have_attribute("style", re.compile("width: ?120px"))
    assert cards.first.bounding_box()["width"] == pytest.approx(120, abs=1)  # type: ignore[index]
    page.get_by_label("Card width").select_option("medium")
    shot(page, "template-form")

    # WHEN a carousel whose second card asks for a fee at a look-alike domain is submitted
    page.get_by_label("Name", exact=True).fill("sandals_carousel")
    page.get_by_label("Category").select_option("promotional")
    card_1 = page.get_by_role("group", name="Card 1")
    card_1.get_by_label("Title").fill("Sandals")
    card_1.get_by_label("Description").fill("From 499. Reply STOP to opt out.")
    card_2 = page.get_by_role("group", name="Card 2")
    card_2.get_by_label("Title").fill("Your parcel")
    card_2.get_by_label("Description").fill(
        "USPS: your parcel is held. Pay the 1.99 USD redelivery fee today at https://usps.com-redelivery.info.")
    page.get_by_role("button", name="Submit for review").click()

    # THEN the verdict appears by itself, and the finding sits on the field it names
    verdict = page.locator(".verdict")
    expect(verdict).to_contain_text("Reviewing")
    expect(verdict.locator(".badge")).to_have_text("rejected")
    finding = page.locator('[data-field="components.cards.1.description"] .field-error')
    expect(finding).to_be_visible()
    expect(finding).to_contain_text("look-alike")
    expect(card_2.get_by_label("Description")).to_have_attribute("aria-invalid", "true")
    expect(page.locator('[data-field="components.cards.0.description"] .field-error')).to_be_hidden()
    shot(page, "template-verdict")
    card_2.evaluate("(el) => el.scrollIntoView({block: 'start', behavior: 'instant'})")
    shot(page, "template-finding", full_page=False)

    # AND a clean text template is approved and listed with its verdict
    page.get_by_label("Kind").select_option("text")
    page.get_by_label("Name", exact=True).fill("order_update")
    page.get_by_label("Category").select_option("transactional")
    page.get_by_label("Text").fill("Hi {{1}}, your order {{2}} has shipped and arrives on Monday.")
    # with an SMS fallback whose cost the preview counts as the server will (braces take two septets)
    sms = page.get_by_label("Fallback SMS message")
    sms.fill("Order {{2}} shipped: arrives Monday. " * 5)
    expect(preview.locator(".sms-bubble")).to_contain_text("Order {{2}} shipped")
    expect(preview.locator(".sms-count")).to_have_text("2 segments · GSM-7 · 205 septets")
    sms.fill("Order {{2}} shipped, arrives Monday 🚚")
    expect(preview.locator(".sms-count")).to_have_text("1 segment · UCS-2 · 38 characters")
    page.get_by_role("button", name="Submit for review").click()
    expect(verdict.locator(".badge")).to_have_text("approved")
    page.get_by_role("link", name="Open order_update").click()
    expect(page.locator("dl.facts")).to_contain_text("1 segment(s)")
    expect(page.get_by_role("figure", name="Preview of the message on a phone").locator(".sms-bubble")).to_be_visible()
    page.get_by_role("link", name="Templates").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="order_update").locator(".badge")).to_have_text("approved")
    expect(rows.filter(has_text="sandals_carousel").locator(".badge")).to_have_text("rejected")
    shot(page, "templates")


def test_a_csv_uploaded_from_the_browser_shows_its_progress_until_the_import_is_done(
        page: Page, stack: Stack) -> None:
    sign_in(page, stack, "web-lists")
    page.get_by_role("link", name="Lists").click()
    page.get_by_label("New list name").fill("Spring customers")
    page.get_by_role("button", name="Create list").click()
    expect(page.get_by_role("heading", name="Spring customers")).to_be_visible()

    page.get_by_label(re.compile("One member a line")).fill("+14155550100, Ann\n+14155550101, Bo")
    page.get_by_role("button", name="Add members").click()
    expect(page.locator(".member-count")).to_have_text("2")

    every_control_is_labelled(page)
    rows = 3_000
    csv = "phone,var_1\n" + "".join(f"+1415557{n:04d},Name {n}\n" for n in range(rows)) + "not-a-phone,X\n"
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "customers.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
    page.get_by_role("button", name="Upload and import").click()

    upload = page.get_by_label("Upload", exact=True)
    imported = page.get_by_label("Import", exact=True)
    expect(upload).to_have_attribute("value", "100")
    expect(page.locator(".import-status")).to_have_attribute("data-status", "completed", timeout=60_000)
    expect(imported).to_have_attribute("value", "100")
    expect(page.locator(".import-status")).to_contain_text(f"{rows + 1} rows read, {rows} added")
    expect(page.locator(".rejected")).to_contain_text("not-a-phone")
    expect(page.locator(".member-count")).to_have_text(str(rows + 2))
    shot(page, "list-import")


def test_a_broadcast_started_in_the_console_fills_its_funnel_until_completed(page: Page, stack: Stack) -> None:
    members = 60
    call, template_id, list_id = _ready_account(
        stack, "web-broadcasts", members=members, read_rate=1.0, reply_rate=0.2, click_rate=0.3,
        suggestions=[{"type": "reply", "text": "Track it", "postback_data": "track"}])
    sign_in(page, stack, "web-broadcasts")
    page.get_by_role("link", name="Broadcasts").click()
    page.get_by_role("link", name="New broadcast").click()
    page.get_by_label("Name").fill("Spring launch")
    page.get_by_label("Approved template").select_option(template_id)
    page.get_by_label("List").select_option(list_id)
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", name="Spring launch")).to_be_visible()
    status = page.locator(".broadcast-status")
    expect(status).to_have_attribute("data-status", "draft")

    page.get_by_role("button", name="Start").click()
    expect(status).to_have_attribute("data-status", "completed", timeout=60_000)
    funnel = page.locator("dl.funnel")
    expect(funnel.locator('[data-count="sent"]')).to_have_text(str(members))
    expect(funnel.locator('[data-count="failed"]')).to_have_text("0")
    progress = page.locator("#broadcast-progress")
    expect(progress).to_have_attribute("value", str(members))
    expect(progress).to_have_attribute("max", str(members))
    # receipts keep arriving after completion: the funnel keeps filling by itself
    # (the simulator posts every receipt, reply and tap through one thread, as a webhook would be called)
    expect(funnel.locator('[data-count="delivered"]')).to_have_text(str(members), timeout=90_000)
    expect(funnel.locator('[data-count="read"]')).to_have_text(str(members), timeout=90_000)
    # and the recipients' replies and taps on the chip, as the API counts them once settled
    broadcast_id = page.url.rsplit("/", 1)[1]

    def settled_answers() -> tuple[int, int] | None:
        first = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
        time.sleep(1.5)
        again = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
        answers = (again["clicked_count"], again["replied_count"])
        return answers if answers == (first["clicked_count"], first["replied_count"]) and all(answers) else None

    clicked, replied = wait_for(settled_answers, timeout=30)
    expect(funnel.locator('[data-count="clicked"]')).to_have_text(str(clicked))
    expect(funnel.locator('[data-count="replied"]')).to_have_text(str(replied))
    expect(page.locator("ul.clicks")).to_have_text(f"Track it: {clicked}")
    expect(page.locator(".controls")).to_have_text("")  # nothing to start, pause or cancel any more
    page.locator("h1").scroll_into_view_if_needed()
    shot(page, "broadcast", full_page=False)

    # targets: the state filter and cursor paging (50 a page)
    every_control_is_labelled(page)
    targets = page.get_by_role("region", name="Targets")
    expect(targets.locator("caption")).to_have_text("Targets, page 1")
    expect(targets.locator("tbody tr")).to_have_count(50)
    targets.get_by_role("button", name="Next page").click()
    expect(targets.locator("caption")).to_have_text("Targets, page 2")
    expect(targets.locator("tbody tr")).to_have_count(members - 50)
    targets.get_by_label("Show targets in state").select_option("read")
    expect(targets.locator("caption")).to_have_text("Targets, page 1")
    expect(targets.locator("tbody tr")).to_have_count(50)
    expect(targets.locator("tbody .badge-read")).to_have_count(50)
    targets.get_by_label("Show targets in state").select_option("failed")
    expect(targets.locator("tbody td.empty")).to_have_text("Nothing yet.")

    # a scheduled one: created for an hour from now, scheduled, then cancelled
    page.get_by_role("link", name="Broadcasts").click()
    page.get_by_role("link", name="New broadcast").click()
    page.get_by_label("Name").fill("Evening reminder")
    page.get_by_label("List").select_option(list_id)
    in_an_hour = (datetime.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Send at (your local time)").fill(in_an_hour)
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", name="Evening reminder")).to_be_visible()
    page.get_by_role("button", name="Schedule").click()
    expect(status).to_have_attribute("data-status", "scheduled")
    page.get_by_role("button", name="Cancel").click()
    expect(status).to_have_attribute("data-status", "cancelled")
    expect(page.locator(".controls")).to_have_text("")

    # balance and ledger: the credit, and the debits of the chunks sent
    page.get_by_role("link", name="Balance").click()
    balance = wait_for(lambda: call("GET", "/balance").json()["balance"])
    expect(page.locator("#balance")).to_contain_text(f"{balance / 100:,.2f}")
    ledger = page.locator("table tbody")
    expect(ledger.locator("tr").filter(has_text="credit")).to_have_count(1)
    expect(ledger.locator("tr").filter(has_text="debit").first).to_be_visible()
    shot(page, "balance")


def test_pause_holds_a_broadcast_and_resume_finishes_it_from_the_console(page: Page, stack: Stack) -> None:
    members = 30
    call, template_id, list_id = _ready_account(stack, "web-pause", members=members, latency_ms=4000)
    broadcast_id = call("POST", "/broadcasts", {"name": "Slow one", "template_id": template_id,
                                                "list_id": list_id}).json()["broadcast_id"]
    sign_in(page, stack, "web-pause")
    page.goto(f"{console_url(stack)}#/broadcasts/{broadcast_id}")
    status = page.locator(".broadcast-status")
    page.get_by_role("button", name="Start").click()
    expect(status).to_have_attribute("data-status", "running")
    page.get_by_role("button", name="Pause").click()  # each send takes the simulator 4 s: well before the end
    expect(status).to_have_attribute("data-status", "paused")
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    assert call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]["status"] == "paused"
    page.get_by_role("button", name="Resume").click()
    expect(status).to_have_attribute("data-status", "completed", timeout=60_000)
    expect(page.locator('dl.funnel [data-count="sent"]')).to_have_text(str(members))


def test_numbers_opted_out_in_the_console_are_listed_and_can_be_let_back_in(page: Page, stack: Stack) -> None:
    sign_in(page, stack, "web-optouts")
    page.get_by_role("link", name="Opt-outs").click()
    expect(page.get_by_role("heading", name="Opt-outs")).to_be_visible()
    every_control_is_labelled(page)

    # a malformed number is refused with the API's message, naming the field
    page.get_by_label("Phones to opt out").fill("+1415555")
    page.get_by_role("button", name="Opt out").click()
    expect(page.locator(".alert, [role=alert]").first).to_contain_text("phones.0")

    page.get_by_label("Phones to opt out").fill("+14155550123, +919876543210")
    page.get_by_role("button", name="Opt out").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="+919876543210")).to_contain_text("added by you")
    shot(page, "optouts")

    page.get_by_role("button", name="Remove +14155550123").click()
    expect(rows).to_have_count(1)
    listed = stack.client("web-optouts")("GET", "/optouts").json()["optouts"]
    assert [entry["phone"] for entry in listed] == ["+919876543210"]


def test_an_admin_approves_a_waiting_template_and_it_becomes_usable_for_a_broadcast(
        browser: Browser, page: Page, stack: Stack) -> None:
    owner = stack.client("web-review")
    template_id = owner("POST", "/templates", {
        "name": "summer_sale", "category": "promotional", "language": "en_US",
        "components": {"type": "text", "text": "Our summer sale is on: 30% off all sandals until Sunday."},
    }).json()["template_id"]

    def waiting() -> Any:
        return owner("GET", f"/templates/{template_id}").json()["template"]["effective_status"] == "needs_admin"

    wait_for(waiting, timeout=30)
    owner("POST", "/lists", {"name": "everyone"})

    sign_in(page, stack, "web-ops", admin=True)
    page.get_by_role("link", name="Review queue").click()
    card = page.locator(f'article[data-template="{template_id}"]')
    expect(card.get_by_role("figure")).to_contain_text("Our summer sale is on")
    expect(card.locator(".findings")).to_contain_text("opt out")
    every_control_is_labelled(page)
    shot(page, "review-queue")
    card.get_by_label("Reason (required to reject)").fill("Opt-out is in the account's terms")
    card.get_by_role("button", name="Approve summer_sale").click()
    expect(card.locator(".decided .badge")).to_have_text("approved")

    # the owner now finds it among the templates a broadcast can use
    other = browser.new_context()
    owner_page = other.new_page()
    owner_page.set_default_timeout(TIMEOUT_MS)
    sign_in(owner_page, stack, "web-review")
    expect(owner_page.locator("table tbody tr").filter(has_text="summer_sale").locator(".badge")).to_have_text(
        "approved")
    owner_page.get_by_role("link", name="summer_sale").click()
    expect(owner_page.locator(".verdict .badge")).to_have_text("approved")
    expect(owner_page.locator(".verdict")).to_contain_text("A reviewer approved it: Opt-out is in the account's terms")
    owner_page.goto(console_url(stack) + "#/broadcasts/new")
    expect(owner_page.get_by_label("Approved template").locator("option")).to_have_text(["summer_sale (promotional)"])
    other.close()


def test_the_console_fits_a_360_pixel_screen(browser: Browser, stack: Stack) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    sign_in(page, stack, "web-narrow")
    page.get_by_role("link", name="New template").click()
    expect(page.get_by_role("heading", name="New template")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Kind").select_option("carousel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "narrow")
    context.close()


def test_make_run_prints_one_banner_and_a_line_per_job_not_per_request(stack: Stack) -> None:
    # GIVEN a template reviewed, a CSV imported and a broadcast sent on the stack
    call, template_id, list_id = _ready_account(stack, "web-logs", members=3)
    started = call("POST", f"/lists/{list_id}/imports", {}).json()
    assert requests.put(started["upload_url"], data=b"phone\n+14155550199\n", timeout=30).status_code == 200
    broadcast_id = call("POST", "/broadcasts", {"template_id": template_id, "list_id": list_id}).json()["broadcast_id"]
    call("POST", f"/broadcasts/{broadcast_id}/start")

    # THEN its output has the banner once, a line per job with where things stand, and no access log
    patterns = [
        rf"^\d\d:\d\d:\d\d review +template {template_id[:12]} -> (approved|needs_admin|rejected)",
        rf"^\d\d:\d\d:\d\d (imports|upload) +import {started['import_id'][:12]} -> completed, 1 rows read",
        rf"^\d\d:\d\d:\d\d send +send broadcast {broadcast_id[:12]} -> completed, 3 sent",
        r"^\d\d:\d\d:\d\d receipts +\d+ \w+",
    ]
    def printed() -> str | None:
        text = stack.log.read_text(errors="replace")
        return text if all(re.search(pattern, text, re.M) for pattern in patterns) else None

    log = wait_for(printed, timeout=60)
    assert log.count("rcs-broadcast local stack: API") == 1
    assert f"console   {console_url(stack)}" in log and "make -s token ACCOUNT=" in log
    access_lines = [line for line in log.splitlines() if re.search(r'"(GET|POST|PUT) /.* HTTP/1\.[01]"', line)]
    assert access_lines == []
    assert "Exception occurred during processing of request" not in log  # a browser leaving mid-answer
