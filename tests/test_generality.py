"""Nothing ATIS-specific: a restaurant dataset (examples/restaurants) trains and serves through the same commands."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from cli.main import main

ROOT = Path(__file__).resolve().parent.parent
RESTAURANTS = ROOT / "examples" / "restaurants"


@pytest.mark.slow
def test_restaurant_dataset_trains_and_serves(tmp_path: Path):
    model = tmp_path / "restaurants"
    args = ["train", "--data", str(RESTAURANTS), "--output", str(model), "--epochs", "30", "--patience", "30"]
    # 60 sentences: a small model, and none of the augmentations made for ATIS-sized data.
    args += ["--hidden-size", "32", "--batch-size", "8", "--learning-rate", "0.005", "--context-deletion", "0"]
    assert main([*args, "--slot-span-dropout", "0", "--no-progress"]) == 0
    with TestClient(create_app(Settings(model=model))) as client:
        info = client.get("/v1/model").json()
        assert set(info["intents"]) == {"book_table", "find_restaurant", "opening_hours", "order_delivery"}
        assert "B-cuisine" in info["labels"] and not any("city" in label for label in info["labels"])
        answer = client.post(
            "/v1/parse", json={"text": "Book a table for four at an Italian place in Soho tonight"}
        ).json()
        # Its in-domain head was fitted against the general pool alone: flights are not its domain.
        flights = client.post(
            "/v1/parse/batch",
            json={"texts": ["flights from boston to denver on monday", "cheapest fare from dallas to atlanta"]},
        ).json()["results"]
    slots = {s["name"]: s["value"] for s in answer["slots"]}
    assert slots.get("cuisine") == "Italian" and slots.get("party_size") == "four"
    assert answer["intent"]["name"] == "book_table" and answer["in_domain"] > 0.5
    assert [r["intent"]["name"] for r in flights] == ["out_of_scope", "out_of_scope"]


def test_no_atis_label_or_intent_is_written_into_the_code():
    atis_labels = {"fromloc", "toloc", "atis_", "depart_date", "airline_name"}
    for package in ("app", "cli", "model", "training"):
        for source in (ROOT / package).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            found = sorted(label for label in atis_labels if label in text)
            assert not found, f"{source.relative_to(ROOT)} mentions {found}"
