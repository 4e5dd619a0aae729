"""Schemathesis' positive phase against the local stack: every request the OpenAPI document calls
valid (documented examples, boundary values, generated requests) is answered within the document, and
none is refused but for the business rules below, each documented in its operation's responses.

What JSON Schema cannot say is stated in the document in words and met here before a request is sent
(`meet_documented_rules`): a rule across fields or against stored data, never a field's own form.

`make test` runs a few examples per operation; `make fuzz` many (RCS_FUZZ_EXAMPLES, or
RCS_FUZZ_POSITIVE_EXAMPLES for this phase alone)."""

from __future__ import annotations

import copy
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import langcodes
import phonenumbers
import pytest
import schemathesis

from chalicelib.api.openapi import document
from chalicelib.services.review.brands import registry
from tests.fuzz.conftest import LANGUAGES, PEM_KEY, PHONES, FuzzWorld, positive_config

pytestmark = [pytest.mark.stack]

# The only refusals of a schema-valid request: the state of the account, never the request's form.
ALLOWED_REFUSALS = {
    403: "forbidden",  # the template is not approved (POST /broadcasts, POST /templates/{id}/test)
    404: "not_found",  # no such id for this account (or a number that names no member)
    409: "conflict",  # the state forbids it (start twice, a name taken, a cap, no credentials, no balance)
    429: "rate_limited",  # the account's test-send limit
}

# Not fuzzed here: the RBM webhook authenticates each body by its HMAC signature, which no schema can
# generate (tests/functional/test_receipts.py sends signed events; the fuzzer sends unsigned ones).
schema = schemathesis.openapi.from_dict(copy.deepcopy(document()), config=positive_config()).exclude(
    operation_id="rbmWebhook")

ANSWERS: Counter[tuple[str, int]] = Counter()
_PLACEHOLDER = re.compile(r"\{\{[1-9][0-9]{0,2}\}\}")
A_YEAR = timedelta(days=365)


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    yield
    refused = {key: n for key, n in ANSWERS.items() if key[1] >= 400}
    print(f"\npositive phase: {sum(ANSWERS.values())} schema-valid requests; "
          f"by status {dict(Counter(status for (_, status) in ANSWERS.elements()))}; refused (allowed): {refused}")


def _time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _one_placeholder(value: Any) -> Any:
    """Every `{{n}}` as `{{1}}`: a template's placeholders are numbered 1, 2, … without gaps across all
    its texts (TemplateDraft's description), which no pattern of one field can say."""
    if isinstance(value, str):
        return _PLACEHOLDER.sub("{{1}}", value)
    if isinstance(value, list):
        return [_one_placeholder(item) for item in value]
    if isinstance(value, dict):
        return {key: _one_placeholder(item) for key, item in value.items()}
    return value


def _card(card: dict[str, Any]) -> None:
    """A card needs a title, a description or media."""
    if all(card.get(key) is None for key in ("title", "description", "media")):
        card["title"] = "Card"


def _suggestion(suggestion: dict[str, Any]) -> None:
    if suggestion.get("type") == "location":  # a point (both coordinates) or a query
        if (suggestion.get("latitude") is None) != (suggestion.get("longitude") is None):
            suggestion.pop("latitude", None)
            suggestion.pop("longitude", None)
        if suggestion.get("latitude") is None and suggestion.get("query") is None:
            suggestion["query"] = "Paris"
    if suggestion.get("type") == "calendar":  # ends after it starts
        start, end = _time(suggestion["start_time"]), _time(suggestion["end_time"])
        if start is not None and (end is None or end <= start):
            suggestion["start_time"] = "2030-01-01T10:00:00Z"
            suggestion["end_time"] = "2030-01-01T11:00:00Z"


def _template(body: dict[str, Any]) -> dict[str, Any]:
    body = _one_placeholder(body)
    fallback = body.get("sms_fallback")
    rest = {key: value for key, value in body.items() if key != "sms_fallback"}
    if isinstance(fallback, dict) and isinstance(fallback.get("text"), str) and not _PLACEHOLDER.search(repr(rest)):
        # the SMS may use only the template's own placeholders (the document's sms_fallback.text)
        fallback["text"] = _PLACEHOLDER.sub("1", fallback["text"])
    components = body.get("components") or {}
    cards = [components] if components.get("type") == "rich_card" else components.get("cards") or []
    for card in cards:
        _card(card)
    for holder in [body, *cards]:
        for suggestion in holder.get("suggestions") or []:
            _suggestion(suggestion)
    return body


def _valid_phone(text: Any, *, possible: bool = False) -> bool:
    try:
        number = phonenumbers.parse(text, None)
    except (phonenumbers.NumberParseException, TypeError):
        return False
    return bool(phonenumbers.is_possible_number(number) if possible else phonenumbers.is_valid_number(number))


def _language(tag: Any) -> bool:
    try:
        normal = str(tag).replace("_", "-")
        return bool(langcodes.tag_is_valid(normal) and langcodes.Language.get(normal).is_valid())
    except (ValueError, LookupError):
        return False


def meet_formats(case: schemathesis.Case[Any]) -> None:
    """Values of the document's own formats (`bcp47`, `phone-number`, `pem-rsa-private-key`) as the
    format says: Schemathesis generates them with conftest.py's strategies when it fuzzes, but its
    examples and boundary values (the coverage phase) follow the pattern alone."""
    body: dict[str, Any] | None = case.body if isinstance(case.body, dict) else None
    if body is None:
        return
    operation = (case.method.upper(), case.operation.path)
    if operation == ("POST", "/templates"):
        if not _language(body.get("language")):
            body["language"] = LANGUAGES[0]
        components: dict[str, Any] = body["components"] if isinstance(body.get("components"), dict) else {}
        holders = [body, components, *(components.get("cards") or [])]
        for holder in holders:
            for suggestion in holder.get("suggestions") or []:
                number = suggestion.get("phone_number")
                if suggestion.get("type") == "dial" and not _PLACEHOLDER.fullmatch(number) \
                        and not _valid_phone(number, possible=True):
                    suggestion["phone_number"] = PHONES[0]
    elif operation == ("POST", "/templates/{template_id}/test") and not _valid_phone(body.get("phone")):
        body["phone"] = PHONES[1]
    elif operation == ("PUT", "/credentials") and isinstance(body.get("service_account"), dict):
        body["service_account"]["private_key"] = PEM_KEY


def _window(holder: dict[str, Any]) -> None:
    """A send window's end differs from its start."""
    window = holder.get("send_window")
    if isinstance(window, dict) and window.get("start") == window.get("end"):
        window["end"] = "23:59" if window["start"] != "23:59" else "00:00"


def meet_documented_rules(case: schemathesis.Case[Any], world: FuzzWorld) -> None:
    """Make a generated request meet the rules its operation states in words (see the module's doc)."""
    operation = (case.method.upper(), case.operation.path)
    body: dict[str, Any] | None = case.body if isinstance(case.body, dict) else None
    if case.query and case.query.get("cursor"):
        case.query["cursor"] = ""  # a cursor is only valid as a listing issued it (`cursor`)
    if operation == ("POST", "/templates") and body is not None:
        case.body = _template(body)
    elif operation in (("POST", "/broadcasts"), ("PUT", "/settings")) and body is not None:
        _window(body)
        moment = _time(body["scheduled_at"]) if isinstance(body.get("scheduled_at"), str) else None
        if moment is not None and moment - datetime.now(UTC) > A_YEAR - timedelta(days=1):
            body["scheduled_at"] = None  # at most a year ahead, and "now" is no JSON Schema keyword
    elif operation == ("POST", "/templates/{template_id}/test") and body is not None:
        body["variables"] = {**(body.get("variables") or {}), "1": "Ann"}  # the template's placeholders
    elif operation == ("PUT", "/admin/accounts/{account_id}/brands") and body is not None:
        known = sorted(registry().brands)  # ids of the review's brand registry, which is data, not schema
        body["brands"] = [known[zlib.crc32(brand.encode()) % len(known)] for brand in body["brands"]]


def use_real_ids(case: schemathesis.Case[Any], world: FuzzWorld) -> None:
    """Random ids mostly find nothing: every other case addresses the account's real things, and a
    DELETE the spare ones (so the rest of the run keeps the template and the list)."""
    if not case.path_parameters or zlib.crc32(repr(sorted(case.path_parameters.items())).encode()) % 2:
        return
    for name in list(case.path_parameters):
        if case.method.upper() == "DELETE" and world.spare and name in world.spare:
            case.path_parameters[name] = world.spare[name]
        elif world.ids.get(name):
            real = world.ids[name]
            case.path_parameters[name] = real[zlib.crc32(repr(case.body).encode()) % len(real)]


def restore_simulator(world: FuzzWorld, case: schemathesis.Case[Any]) -> None:
    """A generated PUT or DELETE /credentials leaves the account without its simulator: put it back."""
    import requests

    from tests.fuzz.conftest import BASE_URL

    if case.operation.path == "/credentials" and case.method.upper() in ("PUT", "DELETE"):
        requests.put(f"{BASE_URL}/credentials", json={"provider": "simulator", "latency_ms": 0}, headers=world.headers,
                     timeout=30).raise_for_status()


@schema.parametrize()
def test_no_schema_valid_request_is_refused(case: schemathesis.Case[Any], positive_world: FuzzWorld) -> None:
    use_real_ids(case, positive_world)
    meet_formats(case)
    meet_documented_rules(case, positive_world)
    response = case.call(headers=positive_world.headers)
    try:
        ANSWERS[(f"{case.method.upper()} {case.operation.path}", response.status_code)] += 1
        case.validate_response(response)
        status = response.status_code
        if status >= 400:
            body = response.json()
            assert ALLOWED_REFUSALS.get(status) == body.get("error"), (
                f"a schema-valid request was refused: {case.method.upper()} {case.formatted_path} "
                f"query={case.query} body={case.body!r:.1500} -> {status} {body}")
    finally:
        restore_simulator(positive_world, case)
