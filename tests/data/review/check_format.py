"""Checks that corpus files are well-formed templates (the API's own validation) with a label.

    .venv/bin/python tests/data/review/check_format.py FILE [FILE ...]

It says nothing about what the reviewer thinks of a template: authors of sealed cases use it
without seeing verdicts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from pydantic import ValidationError

from chalicelib import errors
from chalicelib.services.template_content import TemplateDraft
from chalicelib.services.template_fields import check_size, placeholders_of

REQUIRED = {"id", "category", "language", "components", "expected", "why"}
EXPECTED = {"approved", "needs_admin", "rejected"}


def problems(entry: dict[str, object]) -> list[str]:
    found = [f"missing {key}" for key in sorted(REQUIRED - entry.keys())]
    if entry.get("expected") not in EXPECTED:
        found.append(f"expected must be one of {sorted(EXPECTED)}")
    verified = entry.get("verified_brands", [])
    if not isinstance(verified, list) or not all(isinstance(name, str) for name in verified):
        found.append("verified_brands must be a list of brand names")
    body = {key: entry[key] for key in ("category", "language", "components", "suggestions") if key in entry}
    body["name"] = "corpus_case"
    try:
        draft = TemplateDraft.model_validate(body)
        components, suggestions = draft.content()
        placeholders_of(components, suggestions)
        check_size(components, suggestions)
    except ValidationError as error:
        found += [f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()]
    except errors.InvalidInput as error:
        found.append(str(error))
    return found


def main(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
        ids: set[str] = set()
        for entry in entries:
            if entry.get("id") in ids:
                print(f"{path}: duplicate id {entry.get('id')}")
                bad += 1
            ids.add(entry.get("id"))
            for problem in problems(entry):
                print(f"{path}: {entry.get('id')}: {problem}")
                bad += 1
        print(f"{path}: {len(entries)} cases checked")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
