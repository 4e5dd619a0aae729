"""Reading the review's data files (policy, brands, lexicons) fast: libyaml's parser when PyYAML
has it (its wheels do), which reads the lexicons in a fraction of the pure-Python parser's time."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)
