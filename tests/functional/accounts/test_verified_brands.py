"""An admin verifies an account as a registry brand; the review then lets it send in that brand's
name to the brand's own domains (docs/review-policy.md, `unverified_brand`)."""

from __future__ import annotations

from typing import Any

from chalice.test import Client

from tests.functional.lists.support import Auth, call
from tests.support.templates import get, run_review_worker, submit

SBI_STATEMENT: dict[str, Any] = {
    "category": "transactional", "language": "en_IN",
    "components": {"type": "text", "text": "Dear {{1}}, your SBI credit card statement is ready. View it at "
                                           "https://www.sbi.co.in/statements."},
}


def brands(client: Client, auth: Auth, method: str = "GET", body: Any = None, account: str = "acme") -> Any:
    return call(client, method, f"/admin/accounts/{account}/brands", auth("ops", admin=True), body)


def test_an_admin_sets_and_reads_the_brands_an_account_is_verified_as(client: Client, auth: Auth) -> None:
    assert brands(client, auth) == (200, {"success": True, "account_id": "acme", "verified_brands": []})

    assert brands(client, auth, "PUT", {"brands": ["sbi", "paypal"]})[0] == 200

    assert brands(client, auth)[1]["verified_brands"] == ["paypal", "sbi"]
    assert brands(client, auth, "PUT", {"brands": []})[1]["verified_brands"] == []
    assert brands(client, auth)[1]["verified_brands"] == []


def test_a_brand_that_is_not_in_the_registry_is_refused_naming_it(client: Client, auth: Auth) -> None:
    status, body = brands(client, auth, "PUT", {"brands": ["sbi", "acme_bank_of_nowhere"]})

    assert status == 400 and body["field"] == "brands.1"
    assert brands(client, auth)[1]["verified_brands"] == []


def test_a_template_in_a_brands_name_goes_to_a_human_until_the_account_is_verified_as_it(
        client: Client, auth: Auth) -> None:
    before = submit(client, auth, SBI_STATEMENT)
    run_review_worker(client)
    brands(client, auth, "PUT", {"brands": ["sbi"]})
    after = submit(client, auth, SBI_STATEMENT)
    run_review_worker(client)

    held = get(client, auth, before)
    assert held["ai_review_status"] == "needs_admin"
    assert [f["code"] for f in held["ai_review_findings"]] == ["unverified_brand"]
    assert get(client, auth, after)["ai_review_status"] == "approved"


def test_verifying_one_account_verifies_no_other(client: Client, auth: Auth) -> None:
    brands(client, auth, "PUT", {"brands": ["sbi"]}, account="acme")
    other = submit(client, auth, SBI_STATEMENT, account="globex")
    run_review_worker(client)

    assert get(client, auth, other, account="globex")["ai_review_status"] == "needs_admin"
