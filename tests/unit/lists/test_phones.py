"""Phones to E.164 and the variables of a member."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.services.phones import Rejected, check_region, check_variables, to_e164


@pytest.mark.parametrize(("raw", "region", "e164"), [
    ("+919876543210", None, "+919876543210"),
    (" +91 98765-43210 ", None, "+919876543210"),
    ("098765 43210", "IN", "+919876543210"),
    ("9876543210", "IN", "+919876543210"),
    ("(415) 555-0100", "US", "+14155550100"),
    ("0044 20 7946 0958", "IN", "+442079460958"),
])
def test_valid_numbers_become_e164(raw: str, region: str | None, e164: str) -> None:
    assert to_e164(raw, region) == e164


@pytest.mark.parametrize(("raw", "region", "reason"), [
    ("9876543210", None, "a national number needs a default_region (or write it with +country code)"),
    ("", None, "phone is empty"),
    ("   ", "IN", "phone is empty"),
    ("hello", "IN", "not a phone number"),
    ("+999123456789", None, "unknown country code"),
    ("12345", "IN", "not a valid phone number"),
    ("+1" + "2" * 70, None, "too long"),
])
def test_invalid_numbers_are_rejected_with_a_reason(raw: str, region: str | None, reason: str) -> None:
    with pytest.raises(Rejected) as rejected:
        to_e164(raw, region)
    assert rejected.value.reason == reason


def test_regions_are_two_letter_codes_phonenumbers_knows() -> None:
    assert check_region("in") == "IN"
    assert check_region(None) is None and check_region("") is None
    with pytest.raises(Rejected):
        check_region("India")


@pytest.mark.parametrize("variables", [
    None, {}, {"1": "A-1042", "2": "line\nbreak"}, {str(n): "v" for n in range(1, 21)},
])
def test_usable_variables_pass(variables: Any) -> None:
    assert check_variables(variables) == (variables or {})


@pytest.mark.parametrize("variables", [
    [], "x", {"0": "a"}, {"1": ""}, {"1": None}, {"a": "b"}, {"100": "x"}, {"1": "x" * 501},
    {str(n): "v" for n in range(1, 22)}, {"1": "nul\x00"},
])
def test_unusable_variables_are_rejected(variables: Any) -> None:
    with pytest.raises(Rejected):
        check_variables(variables)
