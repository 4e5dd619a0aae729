"""CSV records read from a byte stream, each with the byte offset where it ends.

A CSV import is read in steps that may run in different invocations; each step starts at a byte
offset where a record begins. The stream is split into lines here (so the offset of every line
end is known) and the lines are handed to `csv.reader` one at a time: the reader asks for the
next line only when the record is not complete (a quoted field with a line break), so after each
record the position of the line source is exactly the end of that record.

Nothing holds more than one chunk and one record in memory. A line longer than `max_line_bytes`
is skipped to its end and reported as a bad record, so a file without line breaks cannot exhaust
the memory. A record that grows past `max_record_bytes` over several lines (an unclosed quote would
otherwise swallow the rest of the file into one record) is reported as bad, and reading starts
again at the next line; a field longer than `max_field_bytes` makes its record bad. `out_of_time`
is asked at every line, inside a record too: when it says so, OutOfTime stops the reading at the
start of the unfinished record (where the next step resumes).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"
MAX_LINE_BYTES = 64 * 1024
MAX_RECORD_BYTES = 64 * 1024
MAX_FIELD_BYTES = 8 * 1024


@dataclass(frozen=True)
class Record:
    """One CSV record: its `fields`, or `error` when it could not be read; `start` and `end`
    are the byte offsets of its first byte and of the byte after its last line break."""

    fields: list[str] | None
    error: str
    start: int
    end: int


class LineTooLong(Exception):
    pass


class RecordTooLong(Exception):
    pass


class OutOfTime(Exception):
    """No time is left to finish the record that begins at `start` (a record boundary)."""

    def __init__(self, start: int) -> None:
        super().__init__(f"out of time at byte {start}")
        self.start = start


class ByteLines:
    """Lines (with their line break) of a stream of byte chunks that begins at `offset`."""

    def __init__(self, chunks: Iterable[bytes], offset: int, *, max_line_bytes: int = MAX_LINE_BYTES) -> None:
        self._chunks = iter(chunks)
        self._buffer = b""
        self._position = 0
        self._eof = False
        self.offset = offset
        self.max_line_bytes = max_line_bytes
        if offset == 0:
            self._skip_bom()

    def _fill(self) -> bool:
        """Read one more chunk into the buffer; False at the end of the stream."""
        if self._eof:
            return False
        for chunk in self._chunks:
            if chunk:
                self._buffer = self._buffer[self._position:] + chunk
                self._position = 0
                return True
        self._eof = True
        return False

    def _skip_bom(self) -> None:
        while len(self._buffer) - self._position < len(BOM) and self._fill():
            pass
        if self._buffer[self._position:self._position + len(BOM)] == BOM:
            self._position += len(BOM)
            self.offset += len(BOM)

    def next_line(self) -> bytes | None:
        """The next line, or None at the end; raises LineTooLong (after skipping past it)."""
        while True:
            newline = self._buffer.find(b"\n", self._position)
            if newline >= 0:
                line = self._buffer[self._position:newline + 1]
                self._position = newline + 1
                self.offset += len(line)
                if len(line) > self.max_line_bytes:
                    raise LineTooLong()
                return line
            if len(self._buffer) - self._position > self.max_line_bytes:
                self._skip_rest_of_line()
                raise LineTooLong()
            if not self._fill():
                if self._position >= len(self._buffer):
                    return None
                line = self._buffer[self._position:]
                self._position = len(self._buffer)
                self.offset += len(line)
                return line

    def _skip_rest_of_line(self) -> None:
        while True:
            newline = self._buffer.find(b"\n", self._position)
            if newline >= 0:
                self.offset += newline + 1 - self._position
                self._position = newline + 1
                return
            self.offset += len(self._buffer) - self._position
            self._position = len(self._buffer)
            if not self._fill():
                return


class _TextLines:
    """What `csv.reader` iterates: the lines decoded (an undecodable byte becomes U+FFFD), while
    the record being read (from `record_start`) stays within `max_record_bytes` and time is left."""

    def __init__(self, lines: ByteLines, max_record_bytes: int, out_of_time: Callable[[], bool] | None) -> None:
        self._lines = lines
        self._max_record_bytes = max_record_bytes
        self._out_of_time = out_of_time
        self.record_start = lines.offset

    def __iter__(self) -> _TextLines:
        return self

    def __next__(self) -> str:
        if self._out_of_time is not None and self._out_of_time():
            raise OutOfTime(self.record_start)
        if self._lines.offset - self.record_start > self._max_record_bytes:
            raise RecordTooLong()
        line = self._lines.next_line()
        if line is None:
            raise StopIteration
        return line.decode("utf-8", errors="replace")


def records(chunks: Iterable[bytes], offset: int = 0, *, max_line_bytes: int = MAX_LINE_BYTES,
            max_record_bytes: int = MAX_RECORD_BYTES, max_field_bytes: int = MAX_FIELD_BYTES,
            out_of_time: Callable[[], bool] | None = None) -> Iterator[Record]:
    """Every record of the stream that begins at byte `offset` (a record boundary). A BOM at
    offset 0 is skipped. Empty lines are skipped. Raises OutOfTime (see the module's doc)."""
    lines = ByteLines(chunks, offset, max_line_bytes=max_line_bytes)
    while True:
        text = _TextLines(lines, max_record_bytes, out_of_time)
        reader = csv.reader(text)
        start = lines.offset
        try:
            for fields in reader:
                end = lines.offset
                if any(len(field) > max_field_bytes // 4 and len(field.encode()) > max_field_bytes
                       for field in fields):
                    yield Record(None, f"a field is longer than {max_field_bytes} bytes", start, end)
                elif fields:
                    yield Record(fields, "", start, end)
                start = text.record_start = end
            return
        except RecordTooLong:
            yield Record(None, f"a record is longer than {max_record_bytes} bytes (an unclosed quote?)", start,
                         lines.offset)
        except LineTooLong:
            yield Record(None, f"a line is longer than {max_line_bytes} bytes", start, lines.offset)
        except csv.Error as error:
            yield Record(None, f"malformed CSV ({error})", start, lines.offset)


def is_valid_text(value: str) -> bool:
    """False when the text came from bytes that were not UTF-8."""
    return "\ufffd" not in value
