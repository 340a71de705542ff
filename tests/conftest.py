"""Shared fixtures: the ATIS data (from a path, never copied), a tiny hand-written dataset, the bundled model."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from model.checkpoint import load_checkpoint
from model.predictor import Predictor
from training.data import default_data_dir

# A dozen utterances in the ATIS folder format: (tokens, tags, intent).
TINY_TRAIN = [
    ("flights from boston to denver", "O O B-fromloc.city_name O B-toloc.city_name", "flight"),
    ("show flights from denver to boston", "O O O B-fromloc.city_name O B-toloc.city_name", "flight"),
    ("i want to fly from dallas to seattle", "O O O O O B-fromloc.city_name O B-toloc.city_name", "flight"),
    (
        "fly from seattle to dallas on monday",
        "O O B-fromloc.city_name O B-toloc.city_name O B-depart_date.day_name",
        "flight",
    ),
    ("what is the fare from boston to dallas", "O O O O O B-fromloc.city_name O B-toloc.city_name", "airfare"),
    ("how much is a ticket from denver to seattle", "O O O O O O B-fromloc.city_name O B-toloc.city_name", "airfare"),
    (
        "cheapest fare from new york to boston",
        "B-cost_relative O O B-fromloc.city_name I-fromloc.city_name O B-toloc.city_name",
        "airfare",
    ),
    (
        "flights to new york from denver on friday",
        "O O B-toloc.city_name I-toloc.city_name O B-fromloc.city_name O B-depart_date.day_name",
        "flight",
    ),
    ("fares from seattle to new york", "O O B-fromloc.city_name O B-toloc.city_name I-toloc.city_name", "airfare"),
    (
        "list flights from dallas to denver on friday",
        "O O O B-fromloc.city_name O B-toloc.city_name O B-depart_date.day_name",
        "flight",
    ),
    ("fare and flights from boston to seattle", "O O O O B-fromloc.city_name O B-toloc.city_name", "airfare#flight"),
    (
        "arrive in boston from dallas on monday",
        "O O B-toloc.city_name O B-fromloc.city_name O B-depart_date.day_name",
        "flight",
    ),
]
TINY_VALID = [
    ("flights from dallas to boston", "O O B-fromloc.city_name O B-toloc.city_name", "flight"),
    ("fare from new york to denver", "O O B-fromloc.city_name I-fromloc.city_name O B-toloc.city_name", "airfare"),
    (
        "fly from boston to seattle on friday",
        "O O B-fromloc.city_name O B-toloc.city_name O B-depart_date.day_name",
        "flight",
    ),
]


def write_split(directory: Path, rows: list[tuple[str, str, str]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, column in (("seq.in", 0), ("seq.out", 1), ("label", 2)):
        (directory / name).write_text("".join(row[column] + "\n" for row in rows), encoding="utf-8")


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    root = tmp_path / "tiny"
    write_split(root / "train", TINY_TRAIN)
    write_split(root / "valid", TINY_VALID)
    write_split(root / "test", TINY_VALID)
    return root


@pytest.fixture(scope="session")
def atis_dir() -> Path:
    """The real ATIS folder; missing data fails under CI=true and skips elsewhere."""
    path = default_data_dir()
    if not (path / "test" / "seq.in").is_file():
        message = f"ATIS data not found at {path} (set SLOTFILL_DATA)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def bundled_predictor() -> Predictor:
    return Predictor(load_checkpoint())


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    """The real app with its lifespan running (the bundled model loaded once for all API tests)."""
    with TestClient(create_app(Settings())) as test_client:
        yield test_client


ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT_S = 120  # model load on a busy 2-core machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    pytest.fail(f"server not ready after {READY_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`slotfill serve` as a real process on a free port (one torch thread); its base URL. Stopped afterwards."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {**os.environ, "SLOTFILL_TORCH_THREADS": "1"}
    command = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
