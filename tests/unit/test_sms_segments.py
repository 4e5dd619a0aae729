"""SMS segments as carriers count them (chalicelib/services/sms_segments.py): GSM-7 160 septets in
one segment, 153 per segment once split, extension characters two septets that never straddle a
segment; anything outside GSM 03.38 makes the text UCS-2: 70 UTF-16 units, 67 once split, an emoji
two units that never straddle a segment."""

from __future__ import annotations

import pytest

from chalicelib.services.sms_segments import count


@pytest.mark.parametrize(("length", "segments"), [(1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3),
                                                  (460, 4)])
def test_gsm_7_boundaries(length: int, segments: int) -> None:
    result = count("a" * length)
    assert (result.encoding, result.units, result.count) == ("GSM-7", length, segments)


@pytest.mark.parametrize("character", ["€", "[", "]", "{", "}", "\\", "~", "^", "|"])
def test_an_extension_character_takes_two_septets(character: str) -> None:
    assert count(character * 80) == count("a" * 160)
    assert (count(character * 80).encoding, count(character * 81).count) == ("GSM-7", 2)
    assert count("a" * 159 + character).count == 2  # 161 septets


def test_an_escape_never_straddles_two_segments() -> None:
    # 152 septets, then € (2): the second segment begins with the €, so 153 + 153 + 1 needs three
    text = "a" * 152 + "€" + "a" * 152 + "€"
    assert count(text).units == 308
    assert count(text).count == 3


def test_accented_letters_of_the_gsm_alphabet_stay_gsm_7_and_others_make_it_ucs_2() -> None:
    assert count("é è ù ì ò Ç Ø å Ñ ü ß Δ Ω").encoding == "GSM-7"
    assert count("ç").encoding == "UCS-2"  # only the capital Ç is in GSM 03.38
    assert count("नमस्ते").encoding == "UCS-2"


@pytest.mark.parametrize(("text", "units", "segments"), [
    ("ç" * 70, 70, 1), ("ç" * 71, 71, 2), ("ç" * 134, 134, 2), ("ç" * 135, 135, 3),
    ("😀" * 35, 70, 1), ("😀" * 36, 72, 2),
    ("a" * 69 + "😀", 71, 2),
])
def test_ucs_2_boundaries(text: str, units: int, segments: int) -> None:
    result = count(text)
    assert (result.encoding, result.units, result.count) == ("UCS-2", units, segments)


def test_a_surrogate_pair_never_straddles_two_segments() -> None:
    # 66 units then an emoji (2): the first segment holds 66, the emoji opens the second
    text = "ç" * 66 + "😀" + "ç" * 66
    assert count(text).units == 134
    assert count(text).count == 3


def test_one_emoji_makes_a_whole_gsm_text_ucs_2() -> None:
    assert count("a" * 100).count == 1
    assert count("a" * 100 + "😀").count == 2


def test_the_empty_text_costs_nothing() -> None:
    assert count("").count == 0
