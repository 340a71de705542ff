"""cli/server_process.py: the server is ready inside the block, gone after it, and a failed start says why."""

import sys
import urllib.request
from pathlib import Path

import pytest

from cli.server_process import ROOT, ServerError, serve

# The benchmark's floor app: a FastAPI app with /readyz that starts without loading a model.
FLOOR = [sys.executable, "-m", "uvicorn", "floor:app", "--app-dir", str(ROOT / "bench")]


def test_server_answers_inside_the_block_and_is_stopped_after_it(tmp_path: Path):
    log = tmp_path / "floor.log"
    with serve(command=FLOOR, log=log) as server:
        assert server.process.poll() is None
        with urllib.request.urlopen(f"{server.url}/readyz", timeout=10) as answer:
            assert answer.status == 200
    assert server.process.returncode is not None
    assert "Uvicorn running on " + server.url in log.read_text()


def test_a_server_that_exits_at_start_raises_with_its_log(tmp_path: Path):
    with pytest.raises(ServerError, match=r"config\.json is missing"), serve(model=tmp_path / "no-model"):
        pass


def test_model_and_workers_belong_to_slotfill_serve_only():
    with pytest.raises(ValueError, match="slotfill serve"), serve(command=FLOOR, workers=2):
        pass
