"""A short soak in the suite (the 60-second figures are in the README): scripts/soak.py must pass."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_short_soak_has_no_errors_no_growth_and_stable_answers(tmp_path: Path):
    figures = tmp_path / "soak.json"
    command = [sys.executable, str(ROOT / "scripts" / "soak.py"), "--seconds", "8", "--concurrency", "64"]
    done = subprocess.run([*command, "--json", str(figures)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(figures.read_text())
    assert result["requests"] > 64 and result["errors"] == 0 and result["first_equals_last"]
