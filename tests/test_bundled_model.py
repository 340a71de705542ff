"""The shipped model, scored on ATIS test the standard way (seqeval, conlleval-compatible), and its
confidences measured on what the service answers."""

from pathlib import Path

from model.predictor import Predictor
from training.data import read_split
from training.evaluate import evaluate


def test_bundled_model_meets_its_published_numbers(atis_dir: Path, bundled_predictor: Predictor):
    report = evaluate(bundled_predictor, read_split(atis_dir / "test"))
    assert report["sentences"] == 893
    # The floor the project promises; the README reports what it reaches.
    assert report["slot_f1"] >= 95.0
    assert report["intent_accuracy"] >= 96.0
    recorded = bundled_predictor.checkpoint.metadata["metrics"]["test"]
    assert abs(recorded["slot_f1"] - report["slot_f1"]) < 0.01  # what config.json claims is what it does


def test_bundled_model_is_calibrated_on_atis_test(atis_dir: Path, bundled_predictor: Predictor):
    report = evaluate(bundled_predictor, read_split(atis_dir / "test"))
    calibration = report["calibration"]
    assert calibration["tokens"]["count"] == sum(len(line.split()) for line in (atis_dir / "test" / "seq.in").open())
    assert calibration["tokens"]["ece"] <= 1.1
    assert calibration["intents"]["ece"] <= 2.0
    assert calibration["slots"]["ece"] <= 3.0


def test_bundled_model_token_ece_is_at_most_one_percent(atis_dir: Path, bundled_predictor: Predictor):
    report = evaluate(bundled_predictor, read_split(atis_dir / "test"))
    assert report["calibration"]["tokens"]["ece"] <= 1.0


def test_temperatures_were_fitted(bundled_predictor: Predictor):
    calibration = bundled_predictor.checkpoint.calibration
    assert calibration.slot_temperature != 1.0 and calibration.intent_temperature != 1.0
