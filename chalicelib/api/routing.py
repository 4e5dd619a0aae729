"""How a route is declared: its access level, its body parsing and its error handling, in one place.

Every API route goes through `api_route`, so the route table (`ROUTES`) knows each operation's
access level, and every outcome of a view, including an unexpected exception, becomes a response
with the envelope of extensions.md.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import pydantic
from chalice.app import Blueprint, Request, Response

from chalicelib import errors
from chalicelib.api.envelope import JSON, from_domain_error, internal_error
from chalicelib.auth.tokens import Principal, verify
from chalicelib.lazy import lazy_module
from chalicelib.logs import logger
from chalicelib.services import idempotency
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from chalicelib.services import rate_limit
else:
    rate_limit = lazy_module("chalicelib.services.rate_limit")

API_PREFIX = "/api/v1/rcs"
Access = Literal["public", "user", "admin"]
ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)
Outcome = dict[str, Any]


@dataclass(frozen=True)
class RouteSpec:
    path: str
    method: str
    access: Access
    view: str


ROUTES: list[RouteSpec] = []


class ApiRequest:
    """What a view may read of the request: the caller, the query, the headers and the body."""

    def __init__(self, request: Request, principal: Principal | None) -> None:
        self._request = request
        self._principal = principal

    @property
    def principal(self) -> Principal:
        if self._principal is None:
            raise errors.Unauthenticated("this operation needs a bearer token")
        return self._principal

    @property
    def account_id(self) -> str:
        return self.principal.account_id

    def header(self, name: str) -> str | None:
        value = self._request.headers.get(name)
        return str(value) if value is not None else None

    def query(self, name: str) -> str | None:
        params: Mapping[str, str] = self._request.query_params or {}
        getlist = getattr(params, "getlist", None)  # Chalice's MultiDict (KeyError when absent)
        if getlist is not None and name in params and len(getlist(name)) > 1:
            raise errors.InvalidInput(name, f"{name} is given more than once")
        value = params.get(name)
        return str(value) if value is not None else None

    def query_int(self, name: str, *, default: int, low: int, high: int) -> int:
        raw = self.query(name)
        if raw is None or raw == "":
            return default
        if not _INTEGER.fullmatch(raw):  # int() would also take "1_000", " 5" and other scripts' digits
            raise errors.InvalidInput(name, f"{name} must be an integer")
        value = int(raw)
        if not low <= value <= high:
            raise errors.InvalidInput(name, f"{name} must be between {low} and {high}")
        return value

    @property
    def raw_body(self) -> bytes:
        raw = self._request.raw_body or b""
        return raw if isinstance(raw, bytes) else str(raw).encode()

    def json(self) -> Any:
        """The body as JSON; a request with no body reads as an empty object. Text that is not
        Unicode (a `\\ud800` escape without its pair) is refused here: nothing could store it."""
        raw = self.raw_body
        if not raw.strip():
            return {}
        try:
            body = json.loads(raw, parse_float=_json_number)
        except (ValueError, RecursionError):
            raise errors.InvalidInput("body", "body is not valid JSON") from None
        if _SURROGATE_ESCAPE.search(raw):
            where = _unpaired_surrogate_at(body)
            if where is not None:
                raise errors.InvalidInput(where, f"{where}: is not valid Unicode (an unpaired surrogate)")
        return body

    def parse(self, model: type[ModelT]) -> ModelT:
        """The body validated into `model`; the first problem is reported with its field."""
        body = self.json()
        if not isinstance(body, dict):
            raise errors.InvalidInput("body", "body must be a JSON object")
        return model.model_validate(body)


_INTEGER = re.compile(r"-?[0-9]{1,19}")


def _json_number(text: str) -> int | float:
    """A JSON number written with a fraction or an exponent: JSON (and JSON Schema's `integer`) has one
    kind of number, so `649.0` and `6.49e2` are the integer 649; any other stays a float (as does one
    past 20 digits: `1e999999999` must not become a billion-digit int)."""
    exact = Decimal(text)
    if exact.is_finite() and exact.adjusted() < 20 and exact == exact.to_integral_value():
        return int(exact)
    return float(text)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unpaired_surrogate_at(body: Any) -> str | None:
    """The path (`members.0.variables.1`) of the first key or string holding a lone surrogate
    (json.loads joins the pairs), or None. Iterative: the body may be nested a thousand deep."""
    pending: list[tuple[str, Any]] = [("", body)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return path or "body"
        elif isinstance(value, dict):
            for key, item in value.items():
                where = f"{path}.{key}" if path else str(key)
                if _SURROGATE.search(key):
                    return path or "body"
                pending.append((where, item))
        elif isinstance(value, list):
            pending.extend((f"{path}.{index}" if path else str(index), item) for index, item in enumerate(value))
    return None


def invalid_input_from(error: pydantic.ValidationError) -> errors.InvalidInput:
    first = error.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"]) or "body"
    message = first["msg"]
    if first["type"] == "missing":
        message = "is required"
    elif first["type"] == "extra_forbidden":
        message = "is not a known field"
    return errors.InvalidInput(field, f"{field}: {message}")


def _authenticate(request: Request, access: Access) -> Principal | None:
    if access == "public":
        return None
    principal = verify(request.headers.get("authorization"))
    rate_limit.check(principal.account_id)  # before the admin check: a refused call also counts
    if access == "admin" and not principal.is_admin:
        raise errors.Forbidden("this operation is for admins")
    return principal


def api_route(
    blueprint: Blueprint,
    path: str,
    *,
    methods: list[str],
    access: Access = "user",
    status: int = 200,
    idempotent: bool = False,
    prefix: str = API_PREFIX,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:

    """Register `view(request, **path_params) -> dict | Response` on `blueprint` under `prefix` (the
    API's, unless the blueprint is registered elsewhere: the console's is "/console").

    `idempotent` routes honour an `Idempotency-Key` header (see chalicelib/services/idempotency.py)."""

    def register(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def handler(**params: str) -> Response:
            request = blueprint.current_request
            try:
                if len(request.raw_body or b"") > get_settings().max_body_bytes:
                    raise errors.PayloadTooLarge("request body is too large")
                api_request = ApiRequest(request, _authenticate(request, access))

                def run() -> Outcome:
                    result = view(api_request, **params)
                    if isinstance(result, Response):  # its own headers too (the webhook's text/plain)
                        return {"status": result.status_code, "body": result.body,
                                "headers": {str(k): str(v) for k, v in (result.headers or {}).items()}}
                    return {"status": status, "body": {"success": True, **result}}

                key = api_request.header(idempotency.HEADER) if idempotent else None
                if key is None:
                    outcome = run()
                else:
                    scope = f"{api_request.account_id}|{request.method} {path}|{sorted(params.items())}"
                    outcome = idempotency.once(key, scope=scope, body=api_request.raw_body, run=run,
                                               lambda_context=blueprint.lambda_context)
            except errors.DomainError as error:
                return from_domain_error(error)
            except pydantic.ValidationError as error:
                return from_domain_error(invalid_input_from(error))
            except Exception:
                logger.exception("unhandled error in view", extra={"view": view.__name__})
                return internal_error()
            return Response(body=outcome["body"], status_code=outcome["status"],
                            headers={**JSON, **outcome.get("headers", {})})

        for method in methods:
            ROUTES.append(RouteSpec(prefix + path, method, access, view.__name__))
        blueprint.route(path, methods=methods)(handler)
        return handler

    return register
