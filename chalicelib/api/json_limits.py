"""Bounds on JSON a caller controls, checked on the bytes before anything parses them: how deep
arrays and objects nest. A deep document costs the parser (and any recursive walk after it) stack
and time; counting brackets outside strings costs one pass."""

from __future__ import annotations

from chalicelib import errors

_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")
_QUOTE, _BACKSLASH = ord('"'), ord("\\")


def nesting_depth(raw: bytes) -> int:
    """How deep arrays and objects nest in `raw` (JSON text, valid or not), strings skipped."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _BACKSLASH:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif byte in _CLOSE:
            depth -= 1
    return deepest


def check(raw: bytes, *, field: str, max_bytes: int, max_depth: int) -> None:
    """InvalidInput naming `field` when `raw` is larger than `max_bytes` or nests deeper than `max_depth`."""
    if len(raw) > max_bytes:
        raise errors.InvalidInput(field, f"{field} is larger than {max_bytes} bytes")
    if nesting_depth(raw) > max_depth:
        raise errors.InvalidInput(field, f"{field} nests deeper than {max_depth} levels")
