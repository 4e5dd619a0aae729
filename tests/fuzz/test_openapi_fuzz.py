"""Schemathesis against the local stack, started as `make run` starts it, over every operation of
the OpenAPI document it serves: examples, boundary values (coverage) and generated requests, valid
and invalid. No answer may be a 5xx, fall outside its documented status, content type or schema,
accept what the document says is invalid, or answer a wrong method without a 405 and `Allow`.

`make test` runs a few examples per operation; `make fuzz` many (RCS_FUZZ_EXAMPLES)."""

from __future__ import annotations

import copy
import re
import zlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from jsonschema import Draft202012Validator
from schemathesis.core.failures import AcceptedNegativeData, Failure
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import CoveragePhaseData

from chalicelib.api.openapi import document
from tests.fuzz.conftest import FuzzWorld, fuzz_config
from tests.support.openapi import DOCUMENT_URI, _registry

pytestmark = [pytest.mark.stack]

schema = schemathesis.openapi.from_dict(copy.deepcopy(document()), config=fuzz_config())  # it resolves in place


@schemathesis.hook
def filter_failure(context: schemathesis.HookContext, failure: Failure, case: schemathesis.Case[Any],
                   response: schemathesis.Response) -> bool:
    """Every failure counts but one: an "invalid" request whose only faults, as sent on the wire,
    are query parameters or headers the operation does not have, or a query parameter left empty.
    The API ignores what it does not read and reads an empty query value as absent (as most HTTP
    APIs do); extensions.md asks for neither to be refused."""
    if not isinstance(failure, AcceptedNegativeData) or case.meta is None:
        return True
    negative = {location for location, info in case.meta.components.items()
                if info.mode == schemathesis.GenerationMode.NEGATIVE}
    coverage = case.meta.phase.data
    if not negative and isinstance(coverage, CoveragePhaseData) and coverage.parameter_location is not None:
        negative = {coverage.parameter_location}  # a coverage case names the one parameter it breaks
    if not negative or not negative <= {ParameterLocation.QUERY, ParameterLocation.HEADER}:
        return True
    sent = response.request
    query = parse_qs(urlsplit(str(sent.url)).query, keep_blank_values=True)
    for name, values in query.items():
        schema = parameter_schema(case.operation.path, case.method, "query", name)
        if schema is not None and (len(values) > 1 or not value_valid(schema, values[0], empty_is_absent=True)):
            return True
    for name, value in sent.headers.items():
        schema = parameter_schema(case.operation.path, case.method, "header", name)
        if schema is not None and not value_valid(schema, value, empty_is_absent=False):
            return True
    return False


def parameter_schema(path: str, method: str, where: str, name: str) -> str | None:
    """The JSON pointer of the schema of the documented parameter, or None if there is none."""
    item = document()["paths"][path]
    listed = [(f"paths/{_escape(path)}/parameters/{i}", p) for i, p in enumerate(item.get("parameters", []))]
    listed += [(f"paths/{_escape(path)}/{method.lower()}/parameters/{i}", p)
               for i, p in enumerate(item[method.lower()].get("parameters", []))]
    for pointer, parameter in listed:
        if "$ref" in parameter:
            pointer = parameter["$ref"].removeprefix("#/")
            parameter = _resolve(parameter["$ref"])
        if parameter["in"] == where and parameter["name"].lower() == name.lower():
            return f"{pointer}/schema"
    return None


def value_valid(pointer: str, value: str, *, empty_is_absent: bool) -> bool:
    """Whether `value`, as sent, is valid by the schema at `pointer` (text on the wire: a string that
    reads as the documented number counts as that number)."""
    if empty_is_absent and value == "":
        return True
    validator = Draft202012Validator({"$ref": f"{DOCUMENT_URI}#/{pointer}"}, registry=_registry())
    candidates: list[Any] = [value]
    if re.fullmatch(r"-?[0-9]+", value):
        candidates.append(int(value))
    return any(validator.is_valid(candidate) for candidate in candidates)


def _negative_path(case: schemathesis.Case[Any]) -> bool:
    if case.meta is None or not case.meta.generation.mode.is_negative:
        return False
    info = case.meta.components.get(ParameterLocation.PATH)
    coverage = case.meta.phase.data
    return (info is not None and info.mode == schemathesis.GenerationMode.NEGATIVE) or (
        isinstance(coverage, CoveragePhaseData) and coverage.parameter_location == ParameterLocation.PATH)


def _escape(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


def _resolve(reference: str) -> dict[str, Any]:
    node: Any = document()
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node  # type: ignore[no-any-return]


@schema.parametrize()
def test_every_operation_answers_within_its_document(case: schemathesis.Case[Any], fuzz_world: FuzzWorld) -> None:
    # Random ids mostly find nothing: every other case addresses the fuzzer's real things instead,
    # so the answers with data (and the state changes) are fuzzed too; never a case whose fault is its
    # path (a real id would make it valid).
    if case.path_parameters and not _negative_path(case) \
            and zlib.crc32(repr(sorted(case.path_parameters.items())).encode()) % 2 == 0:
        for name in list(case.path_parameters):
            real = fuzz_world.ids.get(name)
            if real:
                case.path_parameters[name] = real[zlib.crc32(repr(case.body).encode()) % len(real)]
    case.call_and_validate(headers=fuzz_world.headers)
