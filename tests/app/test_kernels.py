"""app.kernels: oneDNN's kernels or PyTorch's own for the served model, as set or the faster of the two."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
import torch
from pydantic import ValidationError

from app.config import Settings
from app.kernels import choose_onednn
from model.predictor import Predictor


@pytest.fixture(autouse=True)
def onednn_restored() -> Iterator[None]:
    """The process-wide switch as it was before each test."""
    enabled = torch.backends.mkldnn.enabled
    yield
    torch.backends.mkldnn.set_flags(enabled)


def clock_where(seconds: dict[bool, float]):
    """A clock on which a forward pass takes ``seconds[oneDNN on]``: it moves half that at each reading."""
    now = [0.0]

    def clock() -> float:
        now[0] += seconds[torch.backends.mkldnn.enabled] / 2
        return now[0]

    return clock


def test_on_and_off_are_as_set(bundled_predictor: Predictor):
    assert choose_onednn(bundled_predictor, "off") is False and not torch.backends.mkldnn.enabled
    assert choose_onednn(bundled_predictor, "on") is True and torch.backends.mkldnn.enabled


@pytest.mark.parametrize("faster", [True, False])
def test_auto_keeps_the_faster(bundled_predictor: Predictor, faster: bool):
    seconds = {faster: 0.001, not faster: 0.002}
    assert choose_onednn(bundled_predictor, "auto", rounds=3, clock=clock_where(seconds)) is faster
    assert torch.backends.mkldnn.enabled is faster


def test_both_kernels_give_the_same_answers(bundled_predictor: Predictor):
    batch = [["flights", "from", "kuala", "lumpur", "to", "boston", "tomorrow"], ["cheapest", "fare", "to", "denver"]]
    answers = []
    for setting in ("on", "off"):
        choose_onednn(bundled_predictor, setting)
        slots, intents, in_domain, labels = bundled_predictor.flat_probabilities(batch)
        answers.append((slots, intents, in_domain, labels))
    (slots_on, intents_on, in_domain_on, labels_on), (slots_off, intents_off, in_domain_off, labels_off) = answers
    assert np.abs(slots_on - slots_off).max() < 1e-5 and np.abs(intents_on - intents_off).max() < 1e-5
    assert in_domain_on is not None and in_domain_off is not None and np.abs(in_domain_on - in_domain_off).max() < 1e-5
    assert np.array_equal(labels_on, labels_off)


def test_the_setting_takes_three_values():
    assert Settings(onednn="off").onednn == "off"
    with pytest.raises(ValidationError):
        Settings(onednn="fastest")  # type: ignore[arg-type]
