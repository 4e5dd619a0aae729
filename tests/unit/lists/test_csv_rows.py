"""Reading CSV records from a byte stream with the byte offset where each ends."""

from __future__ import annotations

import pytest

from chalicelib.services.csv_rows import OutOfTime, records

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


def test_an_unclosed_quote_cannot_grow_a_record_with_the_file() -> None:
    # GIVEN a file whose second row opens a quote it never closes, followed by 10,000 good rows
    good = b"".join(b"+1415555%04d,x\n" % n for n in range(10_000))
    data = b'phone,var_1\n+14155550100,"never closed\n' + good
    # WHEN it is read with records capped at 1 kB
    found = list(records(chunks(data, 4096), max_record_bytes=1024))
    # THEN the open record is reported bad once it passes 1 kB, and reading resumes at the next line
    bad = [r for r in found if r.fields is None]
    assert len(bad) == 1 and "longer than 1024 bytes" in bad[0].error
    assert bad[0].end - bad[0].start <= 1024 + 64
    good_rows = [r for r in found if r.fields and r.fields[0].startswith("+1415555")]
    assert len(good_rows) > 9_900  # all but the few lines swallowed before the cap
    assert found[-1].end == len(data)


def test_a_field_longer_than_the_cap_makes_its_record_bad_and_the_next_one_is_read() -> None:
    data = b"phone,var_1\n+14155550100," + b"y" * 300 + b"\n+14155550101,ok\n"
    found = list(records([data], max_field_bytes=256))
    assert [r.fields for r in found] == [["phone", "var_1"], None, ["+14155550101", "ok"]]
    assert "a field is longer than 256 bytes" in found[1].error
    # a multi-byte field is measured in bytes, not characters
    accented = "é" * 200  # 400 bytes
    assert next(iter(records([f"a,{accented}\n".encode()], max_field_bytes=256))).fields is None


def test_time_is_looked_at_inside_a_record_and_reading_stops_at_its_start() -> None:
    # GIVEN a record spanning many lines (a quoted field with line breaks) after one complete record
    data = b'a,b\n"' + b"line\n" * 100 + b'",z\nlast,row\n'
    lines_asked = 0

    def out_of_time() -> bool:
        nonlocal lines_asked
        lines_asked += 1
        return lines_asked > 10  # time runs out in the middle of the second record

    reader = records([data], out_of_time=out_of_time)
    assert next(reader).fields == ["a", "b"]
    # WHEN time runs out inside the second record THEN OutOfTime names where that record begins
    with pytest.raises(OutOfTime) as stopped:
        next(reader)
    assert stopped.value.start == 4
    # AND a later step resuming there reads it whole
    assert next(r.fields for r in records([data[4:]], 4)) == ["line\n" * 100, "z"]
