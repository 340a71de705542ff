"""schemathesis (its CLI) against the live service's own OpenAPI: every endpoint, valid and broken bodies.

Passes only when no check fails: no 5xx, every response matching the documented schema.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ_EXAMPLES = 40  # per operation and phase: bounded, so that the suite can afford the run


@pytest.mark.slow
def test_every_endpoint_keeps_its_contract(live_server: str, tmp_path: Path):
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{live_server}/openapi.json",
        "--checks",
        "all",
        # Schema-valid bodies that mean nothing ("   ", {}) are refused on purpose with a named 422;
        # the limits that settings set are not in the schema either.
        "--exclude-checks",
        "positive_data_acceptance",
        "--max-examples",
        str(FUZZ_EXAMPLES),
        "--seed",
        "13",
        "--request-timeout",
        "30",
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=900, cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"}
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "No issues found" in done.stdout or " passed" in done.stdout
