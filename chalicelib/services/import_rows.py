"""What a CSV import reads from each line: the header's columns (the phone, the variables, the
opt-out flag) and a data row's phone, variables and opt-out, or why the row is rejected."""

from __future__ import annotations

import re
from typing import Any

from chalicelib.services.csv_rows import is_valid_text
from chalicelib.services.phones import MAX_VARIABLES, Rejected, check_variables, to_e164

_VARIABLE_COLUMN = re.compile(r"^(?:var_?)?([1-9][0-9]?)$")
OPT_OUT_COLUMN = "opt_out"
_YES, _NO = frozenset({"true", "yes", "y", "1"}), frozenset({"", "false", "no", "n", "0"})


class HeaderError(ValueError):
    pass


def parse_header(fields: list[str]) -> dict[str, Any]:
    """Which column holds the phone, which hold variables (`var_1` or `1` …) and which, if any,
    says the number opted out (`opt_out`)."""
    phone: int | None = None
    opt_out: int | None = None
    variables: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(fields):
        clean = name.replace("\ufeff", "").strip().lower()
        match = _VARIABLE_COLUMN.match(clean)
        if clean == "phone":
            if phone is not None:
                raise HeaderError("the header names the phone column twice")
            phone = index
        elif clean == OPT_OUT_COLUMN:
            if opt_out is not None:
                raise HeaderError("the header names the opt_out column twice")
            opt_out = index
        elif match and int(match.group(1)) <= MAX_VARIABLES:
            key = str(int(match.group(1)))
            if key in variables:
                raise HeaderError(f"the header names variable {key} twice")
            variables[key] = index
        else:
            ignored.append(clean[:64])
    if phone is None:
        raise HeaderError("the header has no phone column")
    columns: dict[str, Any] = {"phone": phone, "variables": variables, "ignored": ignored[:20]}
    if opt_out is not None:
        columns[OPT_OUT_COLUMN] = opt_out
    return columns


def opts_out(fields: list[str], columns: dict[str, Any]) -> bool:
    """Whether the row's `opt_out` cell says yes (true, yes, y, 1; false, no, n, 0 or empty say no,
    in any case); raises Rejected for anything else."""
    index = columns.get(OPT_OUT_COLUMN)
    if index is None:
        return False
    value = (fields[int(index)] if int(index) < len(fields) else "").strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise Rejected("opt_out must be true, yes, 1, false, no, 0 or empty")


def parse_row(fields: list[str], columns: dict[str, Any], region: str | None) -> tuple[str, dict[str, str]]:
    """(E.164 phone, variables) of a data row; raises Rejected."""
    if not all(is_valid_text(value) for value in fields):
        raise Rejected("not valid UTF-8")
    index = int(columns["phone"])
    phone = to_e164(fields[index] if index < len(fields) else "", region)
    variables = {key: fields[i] for key, i in columns["variables"].items() if i < len(fields) and fields[i] != ""}
    return phone, check_variables(variables)
