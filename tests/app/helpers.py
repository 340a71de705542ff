"""What several service tests share: sentences to send, and answer comparison up to float rounding."""

from __future__ import annotations

from typing import Any

import pytest

SENTENCES = [
    "I'd like to fly from Boston to Denver on Monday morning",
    "flights from new york to st. louis",
    "what is the cheapest fare from dallas to seattle",
    "show me ground transportation in atlanta",
    "boston",
    "list all american airlines flights from pittsburgh to baltimore after 5 pm on thursday",
    "Zyxwvut qqq to Frobnicate",  # unknown words and characters
    "a " * 40 + "denver",  # long
]


def labels_of(result: dict[str, Any]) -> list[str]:
    return [t["label"] for t in result["tokens"]]


def assert_same_answer(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Equal but for float rounding: a batch's matrix products may round differently from a lone pass."""
    assert got["text"] == want["text"]
    assert labels_of(got) == labels_of(want)
    spans = [{k: v for k, v in s.items() if k != "confidence"} for s in got["slots"]]
    assert spans == [{k: v for k, v in s.items() if k != "confidence"} for s in want["slots"]]
    assert got["intent"]["name"] == want["intent"]["name"]
    assert got.get("labels") == want.get("labels")
    for g, w in zip(got["tokens"], want["tokens"], strict=True):
        if "probabilities" in w:  # a compact answer
            assert g["probabilities"] == pytest.approx(w["probabilities"], abs=1e-5)
            continue
        assert list(g["distribution"]) == list(w["distribution"])
        for label, p in w["distribution"].items():
            assert g["distribution"][label] == pytest.approx(p, abs=1e-5)
