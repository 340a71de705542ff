"""Confidences that mean what they say, measured on what the service answers."""

from pathlib import Path

import numpy as np
import pytest

from model.predictor import Predictor
from training.data import read_split
from training.evaluate import evaluate, expected_calibration_error


def test_ece_of_a_perfectly_calibrated_set_is_zero():
    confidence = np.array([0.8] * 10 + [0.3] * 10)
    correct = np.array([1] * 8 + [0] * 2 + [1] * 3 + [0] * 7)
    assert expected_calibration_error(confidence, correct)["ece"] == pytest.approx(0.0)


def test_ece_of_an_overconfident_set():
    # Says 0.95 but is right half the time: a gap of 0.45 on every item.
    result = expected_calibration_error(np.full(20, 0.95), np.array([1, 0] * 10))
    assert result["ece"] == pytest.approx(45.0)
    assert [b["count"] for b in result["bins"]] == [20]


def test_bundled_model_is_calibrated_on_atis_test(atis_dir: Path, bundled_predictor: Predictor):
    report = evaluate(bundled_predictor, read_split(atis_dir / "test"))
    calibration = report["calibration"]
    assert calibration["tokens"]["count"] == sum(len(line.split()) for line in (atis_dir / "test" / "seq.in").open())
    assert calibration["tokens"]["ece"] <= 1.0
    assert calibration["intents"]["ece"] <= 2.0
    assert calibration["slots"]["ece"] <= 3.0


def test_temperatures_were_fitted(bundled_predictor: Predictor):
    calibration = bundled_predictor.checkpoint.calibration
    assert calibration.slot_temperature != 1.0 and calibration.intent_temperature != 1.0
