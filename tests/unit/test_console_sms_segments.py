"""The console's segment count (chalicelib/console/sms.js) is the server's (services/sms_segments.py):
the preview shows what a fallback SMS will cost. Runs the console's own module in Node.js."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from chalicelib.services.sms_segments import count

MODULE = Path(__file__).resolve().parents[2] / "chalicelib" / "console" / "sms.js"
NODE = shutil.which("node")

TEXTS = [
    "", "a", "a" * 160, "a" * 161, "a" * 306, "a" * 307, "€" * 80, "€" * 81, "a" * 152 + "€" + "a" * 152 + "€",
    "a" * 152 + "€" + "a",
    "Your order {{1}} has shipped: {{2}}", "Ça coûte 5 €", "Zamówienie {{1}} wysłane", "आपका ऑर्डर भेज दिया गया है",
    "é" * 70 + "😀", "😀" * 35, "😀" * 36, "ก" * 70, "ก" * 71, "[" * 160, "Ñandú ¿qué?\n¡Sí!", "\f~^|\\{}",
]


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_the_console_counts_segments_as_the_server_does() -> None:
    script = "\n".join([
        f"import {{ smsSegments }} from {json.dumps(MODULE.as_uri())};",
        "import { readFileSync } from 'node:fs';",
        "console.log(JSON.stringify(JSON.parse(readFileSync(0, 'utf8')).map(smsSegments)));",
    ])
    result = subprocess.run([str(NODE), "--input-type=module", "-e", script], input=json.dumps(TEXTS),
                            capture_output=True, text=True, check=True, timeout=60)
    console = [(c["encoding"], c["units"], c["segments"]) for c in json.loads(result.stdout)]
    server = [(s.encoding, s.units, s.count) for s in map(count, TEXTS)]
    assert console == server
