"""Which control characters a text field refuses, one pattern per kind of field (the OpenAPI document
writes the same classes into its patterns)."""

from __future__ import annotations

import re

NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # a name is one line of printable text
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # message text: tab, LF and CR are text
VARIABLE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # a recipient's variable: tab and LF are text
