"""Faults: a killed training run and a stopped server lose nothing."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from model.checkpoint import load_checkpoint

from .conftest import ROOT, free_port, wait_ready

ENV = {**os.environ, "SLOTFILL_TORCH_THREADS": "1"}


def start_training(data: Path, output: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "app.cli", "train", "--data", str(data), "--output", str(output), "--no-progress"]
    return subprocess.Popen(
        [*command, "--hidden-size", "8", *extra], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def test_sigkill_mid_training_leaves_the_existing_model_intact(tiny_data: Path, tmp_path: Path):
    output = tmp_path / "model"
    assert start_training(tiny_data, output, "--epochs", "1").wait(timeout=300) == 0
    before = load_checkpoint(output).weights_sha256

    run = start_training(tiny_data, output, "--epochs", "100000", "--patience", "100000", "--force")
    time.sleep(8)  # well into training (start-up takes a few seconds)
    assert run.poll() is None, "training should still be running"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)

    assert load_checkpoint(output).weights_sha256 == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".model")] == []


def test_sigterm_drains_in_flight_requests(tmp_path: Path):
    port = free_port()
    log = tmp_path / "server.log"
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    with open(log, "wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server, log)
        texts = ["i would like a flight from boston to denver on monday morning with a stop in dallas " * 8] * 256
        answers: list[httpx.Response] = []
        request = threading.Thread(
            target=lambda: answers.append(httpx.post(f"{base}/v1/parse/batch", json={"texts": texts}, timeout=120))
        )
        request.start()
        time.sleep(0.3)  # the batch is being tagged now
        server.send_signal(signal.SIGTERM)
        request.join(timeout=120)
        assert answers and answers[0].status_code == 200
        assert len(answers[0].json()["results"]) == 256
        # uvicorn finishes in-flight work, then exits by re-raising the signal it caught.
        assert server.wait(timeout=60) in (0, -signal.SIGTERM)
        assert "Finished server process" in log.read_text()
    finally:
        if server.poll() is None:
            server.kill()
