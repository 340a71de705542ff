"""Shared fixtures: the ATIS data (from a path, never copied), a tiny hand-written dataset, the bundled model."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from cli.server_process import serve
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


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`slotfill serve` as a real process on a free port; its base URL. Stopped afterwards."""
    with serve(log=tmp_path_factory.mktemp("server") / "server.log") as server:
        yield server.url
