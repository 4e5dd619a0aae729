"""The `{{n}}` placeholder of a template string (n from 1 to 999), as the template's checks, the review
and the renderer all read it. `{{0}}` matches too, so a check can name it; anything else between
double braces (`{{ 1 }}`, `{{01}}`) is no placeholder, refused when a template is written."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{\{([1-9][0-9]{0,2}|0)\}\}")
