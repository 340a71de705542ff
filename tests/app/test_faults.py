"""Faults: a training run killed mid-way leaves the model already there intact, and SIGTERM lets a
request that is in flight finish before the server exits.

Each step waits for a signal from the process under test (a line it writes, an answer it sends),
never for a guessed length of time.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from cli.server_process import ROOT, SLOTFILL, serve
from model.checkpoint import load_checkpoint

# How long to wait for any one signal: generous, for start-up on a busy 2-core machine.
SIGNAL_TIMEOUT_S = 120.0


def start_training(data: Path, output: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [*SLOTFILL, "train", "--data", str(data), "--output", str(output), "--hidden-size", "8", *extra]
    env = {**os.environ, "SLOTFILL_TORCH_THREADS": "1"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def wait_for_output(process: subprocess.Popen[bytes], marker: bytes) -> None:
    """Read the process's output until ``marker`` appears; fail if it exits first or time runs out."""
    assert process.stdout is not None
    seen = b""
    deadline = time.monotonic() + SIGNAL_TIMEOUT_S
    while marker not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(f"no {marker!r} after {SIGNAL_TIMEOUT_S:.0f} s:\n{seen[-3000:].decode(errors='replace')}")
        readable, _, _ = select.select([process.stdout], [], [], remaining)
        if readable:
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                pytest.fail(f"exited with {process.wait()} before {marker!r}:\n{seen[-3000:].decode(errors='replace')}")
            seen += chunk


@pytest.mark.slow
def test_sigkill_mid_training_leaves_the_existing_model_intact(tiny_data: Path, tmp_path: Path):
    output = tmp_path / "model"
    first = start_training(tiny_data, output, "--epochs", "1", "--no-progress")
    first.communicate(timeout=300)
    assert first.returncode == 0
    before = load_checkpoint(output).weights_sha256

    run = start_training(tiny_data, output, "--epochs", "100000", "--patience", "100000", "--force")
    try:
        # The progress bar's postfix names the epoch once the first one is scored: training is under way.
        wait_for_output(run, b"epoch=")
        run.send_signal(signal.SIGKILL)
        assert run.wait(timeout=30) == -signal.SIGKILL
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()

    assert load_checkpoint(output).weights_sha256 == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".model")] == []


def read_head(connection: socket.socket) -> bytes:
    """One response head (status line and headers), read byte by byte so nothing after it is taken."""
    data = bytearray()
    while not data.endswith(b"\r\n\r\n"):
        byte = connection.recv(1)
        if not byte:
            break
        data += byte
    return bytes(data)


def read_to_close(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    data = bytearray()
    while chunk := connection.recv(65536):
        data += chunk
    return bytes(data)


def wait_for_log(log: Path, line: str) -> None:
    deadline = time.monotonic() + SIGNAL_TIMEOUT_S
    while line not in log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            pytest.fail(f"no {line!r} in the server log after {SIGNAL_TIMEOUT_S:.0f} s:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)


@pytest.mark.slow
def test_sigterm_lets_a_request_in_flight_finish(tmp_path: Path):
    texts = ["i would like a flight from boston to denver on monday morning with a stop in dallas " * 8] * 256
    body = json.dumps({"texts": texts, "top_k": 1}).encode()
    request_head = (
        "POST /v1/parse/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n"
    ).encode()
    log = tmp_path / "server.log"
    with serve(log=log) as server:
        port = int(server.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=SIGNAL_TIMEOUT_S) as connection:
            connection.sendall(request_head)
            # uvicorn sends "100 Continue" when the app first asks for the body: the request is in the app.
            assert read_head(connection).startswith(b"HTTP/1.1 100 Continue")
            server.process.send_signal(signal.SIGTERM)
            # uvicorn has stopped taking new connections and waits for this one.
            wait_for_log(log, "Waiting for connections to close")
            connection.sendall(body)
            head = read_head(connection)
            answer = read_to_close(connection)  # the last answer on a connection the server is closing
        assert head.startswith(b"HTTP/1.1 200 OK\r\n"), head + answer[:500]
        assert len(json.loads(answer)["results"]) == 256
        # uvicorn finishes the work in flight, then exits by re-raising the signal it caught.
        assert server.process.wait(timeout=60) in (0, -signal.SIGTERM)
    assert "Finished server process" in log.read_text()
