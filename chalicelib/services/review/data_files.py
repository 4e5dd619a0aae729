"""Reading the review's data files (policy, brands, lexicons) fast: libyaml's parser when PyYAML
has it (its wheels do), which reads the lexicons in a fraction of the pure-Python parser's time."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


@cache
def _vocabularies() -> dict[str, tuple[str, ...]]:
    text = resources.files("chalicelib.services.review").joinpath("data/vocabulary.yaml").read_text("utf-8")
    return {str(name): tuple(str(entry) for entry in entries) for name, entries in load_yaml(text).items()}


def vocabulary(name: str) -> tuple[str, ...]:
    """One word or symbol list of `data/vocabulary.yaml` (lure words, drug emoji, shorteners...);
    the file is read once."""
    return _vocabularies()[name]
