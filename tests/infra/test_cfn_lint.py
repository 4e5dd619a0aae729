"""cfn-lint finds no error and no warning in any synthesised template (it validates the SAM
resources against SAM's own schema)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.infra.conftest import Synthesis


def test_cfn_lint_passes_on_every_synthesised_template(synthesized: dict[str, Synthesis]) -> None:
    templates = [str(s.outdir / f"{s.stage}.template.json") for s in synthesized.values()]
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    result = subprocess.run([str(cfn_lint), "--format", "parseable", *templates],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
