"""The CRF baseline: what its features see, that it learns, and ``slotfill baseline`` as a user runs it."""

import json
from pathlib import Path

import pytest

from cli.main import main
from training.baseline import fit_baseline, token_features, word_shape
from training.data import Example, read_split


def test_shape_squeezes_runs_of_the_same_kind():
    assert [word_shape(w) for w in ("Boston", "6:30", "9/15", "JFK", "o'clock")] == ["Xx", "d:d", "d/d", "X", "x'x"]


def test_a_tokens_features_see_its_neighbours_two_either_side():
    sentence = ["flights", "from", "boston", "to", "denver"]
    own = token_features(sentence, 2)
    assert "0:word=boston" in own and "-1:word=from" in own and "2:word=denver" in own
    for neighbour in (0, 1, 3, 4):
        changed = [*sentence]
        changed[neighbour] = "dallas"
        assert token_features(changed, 2) != own, f"word {neighbour} does not reach the features of word 2"


def test_the_sentence_ends_are_marked():
    first, last = token_features(["to", "denver"], 0), token_features(["to", "denver"], 1)
    assert {"-2:BOS", "-1:BOS", "2:EOS"} <= set(first) and "1:word=denver" in first
    assert {"1:EOS", "2:EOS", "-2:BOS"} <= set(last) and "-1:word=to" in last


def test_the_baseline_learns_the_tiny_dataset(tiny_data: Path):
    baseline = fit_baseline(read_split(tiny_data / "train"), progress=False)
    example = Example(
        ["flights", "from", "boston", "to", "denver"],
        ["O", "O", "B-fromloc.city_name", "O", "B-toloc.city_name"],
        "flight",
    )
    tags, intents = baseline.predict([example])
    assert tags == [example.tags] and intents == ["flight"]


def test_the_command_prints_both_splits_and_writes_the_report(
    tiny_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    report_path = tmp_path / "baseline.json"
    assert main(["baseline", "--data", str(tiny_data), "--json", str(report_path), "--no-progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("CRF baseline valid: slot F1 ") and "(3 sentences)" in lines[0]
    assert lines[1].startswith("CRF baseline test: slot F1 ")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["fit_seconds"] > 0 and report["test"]["sentences"] == 3
    assert report["valid"]["slot_f1"] > 50


def test_the_command_names_a_missing_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["baseline", "--data", str(tmp_path / "nowhere"), "--no-progress"]) == 2
    assert "dataset folder not found" in capsys.readouterr().err
