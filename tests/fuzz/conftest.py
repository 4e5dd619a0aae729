"""The local stack for the fuzzer, with a world in it (an approved template, a list with members,
simulator credentials, a balance, a sent broadcast and a draft), and the Schemathesis schema of the
OpenAPI document.

The schema is built when the tests are collected (Schemathesis makes one test per operation then),
before the stack runs: so the stack's ports are chosen here, the schema is read from the document
that ships (the fixture checks the stack serves the same), and the token, printed by
`python -m infra.local.token` as `make token` does, is sent with each call.

One stack serves the package (stopped after its last test): the fuzzer (test_openapi_fuzz.py, valid
and invalid requests) and the positive phase (test_valid_requests.py, schema-valid requests only)
each seed an account of their own on it.

Some constraints are named as string formats, for what no pattern can say; the strategies below
generate values of them: `bcp47` (a registered language tag), `phone-number` (a number libphonenumber
holds valid) and `pem-rsa-private-key` (an unencrypted RSA key in PEM).

`RCS_FUZZ_EXAMPLES` sets the examples per operation (`make test`: a few; `make fuzz`: many);
`RCS_FUZZ_SEED` replays a run."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from hypothesis import strategies as st

from chalicelib.api.openapi import document
from tests.support.stack import LocalStack, free_port, start_local_stack

ACCOUNT = "fuzzer"
EXAMPLES = int(os.environ.get("RCS_FUZZ_EXAMPLES", "5"))
DEEP = EXAMPLES > 20
POSITIVE_EXAMPLES = int(os.environ.get("RCS_FUZZ_POSITIVE_EXAMPLES", str(EXAMPLES)))
API_PORT, MOTO_PORT = free_port(), free_port()
BASE_URL = f"http://127.0.0.1:{API_PORT}/api/v1/rcs"

LANGUAGES = ["en_US", "en-US", "hi-IN", "fr", "pt-BR", "ar", "zh-Hans-CN", "es-419", "de-CH", "ta"]
PHONES = ["+14155550123", "+919876543210", "+447911123456", "+4915123456789", "+33612345678", "+5511987654321"]


def _pem_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


schemathesis.openapi.format("bcp47", st.sampled_from(LANGUAGES))
schemathesis.openapi.format("phone-number", st.sampled_from(PHONES))
PEM_KEY = _pem_key()
schemathesis.openapi.format("pem-rsa-private-key", st.just(PEM_KEY))


@dataclass(frozen=True)
class FuzzWorld:
    """The fuzzer's token, and real ids of its account that generated requests sometimes use."""

    headers: dict[str, str]
    ids: dict[str, list[str]]
    spare: dict[str, str] | None = None  # ids that DELETE may take (the positive phase)


def _call(headers: dict[str, str], method: str, path: str, body: Any = None) -> Any:
    response = requests.request(method, f"{BASE_URL}{path}", json=body, headers=headers, timeout=30)
    assert response.status_code < 300, (method, path, response.status_code, response.text)
    return response.json()


def _seed(headers: dict[str, str], account: str = ACCOUNT) -> dict[str, list[str]]:
    _call(headers, "PUT", "/credentials", {"provider": "simulator", "latency_ms": 0, "delivery_rate": 1.0,
                                           "read_rate": 1.0, "delivery_delay_ms": 100, "read_delay_ms": 200})
    _call(headers, "POST", f"/admin/accounts/{account}/credit", {"amount": 1_000_000, "reference": "fuzz"})
    template_id = _call(headers, "POST", "/templates", {
        "name": "order_shipped", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hi {{1}}, your order has shipped and arrives on Monday."},
        "suggestions": [{"type": "url", "text": "Track order", "url": "https://t.example/{{1}}"}]})["template_id"]
    _call(headers, "POST", f"/admin/templates/{template_id}/review", {"decision": "approved"})
    list_id = _call(headers, "POST", "/lists", {"name": "fuzz list"})["list_id"]
    _call(headers, "POST", f"/lists/{list_id}/members",
          {"members": [{"phone": f"+1415555{n:04d}", "variables": {"1": f"Ann {n}"}} for n in range(5)]})
    import_id = _call(headers, "POST", f"/lists/{list_id}/imports", {})["import_id"]
    sent = _call(headers, "POST", "/broadcasts", {"template_id": template_id, "list_id": list_id})
    _call(headers, "POST", f"/broadcasts/{sent['broadcast_id']}/start")
    draft = _call(headers, "POST", "/broadcasts", {"template_id": template_id, "list_id": list_id})
    deadline = time.monotonic() + 30  # the runner sends, the simulator's receipts come back
    while time.monotonic() < deadline:
        broadcast = _call(headers, "GET", f"/broadcasts/{sent['broadcast_id']}")["broadcast"]
        if broadcast["status"] == "completed" and broadcast["read_count"] == 5:
            break
        time.sleep(0.5)
    return {"template_id": [template_id], "list_id": [list_id], "import_id": [import_id],
            "broadcast_id": [sent["broadcast_id"], draft["broadcast_id"]], "phone": ["%2B14155550001"],
            "account_id": [account]}


@pytest.fixture(scope="package")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    # A generous rate limit: the fuzzer calls as fast as the stack answers, one account for all
    # (429 is documented and validated, but it would hide what the operations answer).
    stack = start_local_stack(Path(tmp_path_factory.mktemp("fuzz")), api_port=API_PORT, moto_port=MOTO_PORT,
                              RCS_API_RATE_PER_SECOND="1000", RCS_API_BURST="5000")
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def fuzz_world(local_stack: LocalStack) -> FuzzWorld:
    served = requests.get(f"{local_stack.base}/openapi.json", timeout=30)
    assert served.status_code == 200 and served.json() == document(), "the stack serves another document"
    headers = {"Authorization": f"Bearer {local_stack.token(ACCOUNT, admin=True)}"}
    return FuzzWorld(headers, _seed(headers))


def fuzz_config() -> schemathesis.Config:
    checks = {name: {"enabled": True} for name in (
        "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
        "response_headers_conformance", "negative_data_rejection", "missing_required_header", "unsupported_method",
        "allow_header_conformance")}
    # An oversized invalid body (a few thousand generated members) meets the gateway's size limit
    # first: 413 payload_too_large refuses it as surely as a 400 would.
    checks["negative_data_rejection"]["expected-statuses"] = [
        "400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
    data: dict[str, Any] = {
        "base-url": BASE_URL,
        "checks": {"enabled": False, **checks},
        "phases": {
            "examples": {"enabled": True},
            # Wrong methods must answer 405 with Allow, TRACE too (infra/local/api_server.py hands the
            # methods http.server has no handler for to the app). CONNECT is left out: HTTP clients
            # send it to proxies, never to a path.
            "coverage": {"enabled": True, "unexpected-methods": ["GET", "PUT", "POST", "DELETE", "PATCH",
                                                                 "OPTIONS", "TRACE"]},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
        "generation": {"max-examples": EXAMPLES, "mode": "all", "no-shrink": not DEEP, "database": "none"},
        "request-timeout": 30,
    }
    if "RCS_FUZZ_SEED" in os.environ:
        data["seed"] = int(os.environ["RCS_FUZZ_SEED"])
    return schemathesis.Config.from_dict(data)


POSITIVE_ACCOUNT = "positive"


@pytest.fixture(scope="module")
def positive_world(local_stack: LocalStack) -> FuzzWorld:
    """An account of its own for the positive phase, with spare things for its DELETEs to take."""
    headers = {"Authorization": f"Bearer {local_stack.token(POSITIVE_ACCOUNT, admin=True)}"}
    ids = _seed(headers, POSITIVE_ACCOUNT)
    spare_template = _call(headers, "POST", "/templates", {
        "name": "spare", "category": "transactional", "language": "en",
        "components": {"type": "text", "text": "A spare template to delete."}})["template_id"]
    spare_list = _call(headers, "POST", "/lists", {"name": "spare"})["list_id"]
    return FuzzWorld(headers, ids, spare={"template_id": spare_template, "list_id": spare_list})


def positive_config() -> schemathesis.Config:
    """Schema-valid requests only: documented examples, boundary values and generated requests. Every
    answer must be documented; which refusals are allowed is test_valid_requests.py's to say."""
    checks = {name: {"enabled": True} for name in (
        "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
        "response_headers_conformance")}
    data: dict[str, Any] = {
        "base-url": BASE_URL,
        "checks": {"enabled": False, **checks},
        "phases": {
            "examples": {"enabled": True},
            # Boundary values of every constraint: hundreds of requests an operation, so `make fuzz` only.
            "coverage": {"enabled": DEEP, "unexpected-methods": []},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
        "generation": {"max-examples": POSITIVE_EXAMPLES, "mode": "positive", "no-shrink": not DEEP,
                       "database": "none"},
        "request-timeout": 30,
    }
    if "RCS_FUZZ_SEED" in os.environ:
        data["seed"] = int(os.environ["RCS_FUZZ_SEED"])
    return schemathesis.Config.from_dict(data)
