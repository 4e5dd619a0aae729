"""Reading CSV records from a byte stream with the byte offset where each ends."""

from __future__ import annotations

import pytest

from chalicelib.services.csv_rows import records

DATA = (b'\xef\xbb\xbfphone,var_1\r\n+14155550100,"hello, ""world"""\r\n\r\n'
        b'"+1 415\n555 0101",x\n+14155550102,no line break')


def chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 64, 4096])
def test_records_and_offsets_do_not_depend_on_how_the_stream_is_chunked(size: int) -> None:
    found = [(r.fields, r.start, r.end) for r in records(chunks(DATA, size))]
    assert all(DATA[r.end - 1:r.end] in (b"\n", b"k") for r in records([DATA]))

    assert found == [
        (["phone", "var_1"], 3, 16),
        (["+14155550100", 'hello, "world"'], 16, 49),
        (["+1 415\n555 0101", "x"], 51, 71),
        (["+14155550102", "no line break"], 71, len(DATA)),
    ]


def test_reading_from_a_record_boundary_gives_the_same_records_from_there() -> None:
    everything = list(records([DATA]))
    resumed = list(records([DATA[51:]], 51))
    assert resumed == everything[2:]


def test_a_bom_is_only_skipped_at_the_start_of_the_file() -> None:
    assert [r.fields for r in records([b"\xef\xbb\xbfa\n"])] == [["a"]]
    assert [r.fields for r in records([b"\xef\xbb\xbfa\n"], 10)] == [["\ufeffa"]]


def test_a_line_over_the_limit_is_one_bad_record_and_reading_goes_on() -> None:
    data = b"a,b\n" + b"x" * 100 + b"\nc,d\n"
    found = list(records(chunks(data, 7), max_line_bytes=50))

    assert [(r.fields, r.error != "") for r in found] == [(["a", "b"], False), (None, True), (["c", "d"], False)]
    assert found[1].start == 4 and found[1].end == 105
    assert "longer than 50 bytes" in found[1].error


def test_a_file_without_any_line_break_never_holds_more_than_the_limit() -> None:
    endless = (b"y" * 1000 for _ in range(1000))
    found = list(records(endless, max_line_bytes=4096))
    assert [(r.fields, r.end) for r in found] == [(None, 1_000_000)]


def test_bytes_that_are_not_utf8_become_replacement_characters() -> None:
    [record] = list(records([b"caf\xe9,x\n"]))
    assert record.fields == ["caf\ufffd", "x"]
