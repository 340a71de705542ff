"""Scores as the papers compute them, and the calibration error of confidences."""

import numpy as np
import pytest

from training.data import Example
from training.evaluate import expected_calibration_error, intent_is_right, score


def test_ece_of_a_perfectly_calibrated_set_is_zero():
    confidence = np.array([0.8] * 10 + [0.3] * 10)
    correct = np.array([1] * 8 + [0] * 2 + [1] * 3 + [0] * 7)
    assert expected_calibration_error(confidence, correct)["ece"] == pytest.approx(0.0)


def test_ece_of_an_overconfident_set():
    # Says 0.95 but is right half the time: a gap of 0.45 on every item.
    result = expected_calibration_error(np.full(20, 0.95), np.array([1, 0] * 10))
    assert result["ece"] == pytest.approx(45.0)
    assert [b["count"] for b in result["bins"]] == [20]


def test_scores_count_spans_intents_and_whole_sentences():
    examples = [
        Example(["to", "new", "york"], ["O", "B-city", "I-city"], "flight"),
        Example(["fare", "to", "boston"], ["O", "O", "B-city"], "airfare#flight"),
    ]
    tags = [["O", "B-city", "O"], ["O", "O", "B-city"]]  # the first span cut short: one of two spans right
    report = score(examples, tags, ["flight", "flight"])
    assert report["slot_f1"] == pytest.approx(100 * 2 * 0.5 * 0.5 / (0.5 + 0.5))
    assert report["intent_accuracy"] == 100.0  # "flight" is one of "airfare#flight"
    assert report["sentence_accuracy"] == 50.0
    assert report["per_slot_f1"]["city"]["support"] == 2
    assert report["top_confusions"] == [{"gold": "I-city", "predicted": "O", "count": 1}]
    assert not intent_is_right("airline", "airfare#flight")
