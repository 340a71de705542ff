"""Temperature scaling finds the temperature that makes held-out probabilities honest."""

from pathlib import Path

import pytest
import torch

from model.predictor import Predictor
from training.calibration import calibrate, fit_temperature
from training.data import read_split


def test_fit_temperature_recovers_the_temperature_that_generated_the_labels():
    torch.manual_seed(0)
    logits = torch.randn(20_000, 5) * 3
    labels = torch.multinomial(torch.softmax(logits / 2.0, dim=1), 1).squeeze(1)  # drawn at temperature 2
    fitted = fit_temperature(lambda t: torch.log_softmax(logits / t, dim=1), labels)
    assert fitted == pytest.approx(2.0, rel=0.05)
    soft = torch.softmax(logits / 0.5, dim=1)  # soft targets at temperature 0.5
    assert fit_temperature(lambda t: torch.log_softmax(logits / t, dim=1), soft) == pytest.approx(0.5, rel=0.01)


@pytest.mark.slow
def test_calibrating_the_bundled_model_again_finds_its_temperatures(atis_dir: Path, bundled_predictor: Predictor):
    checkpoint = bundled_predictor.checkpoint
    refitted = calibrate(checkpoint, read_split(atis_dir / "valid"))
    assert refitted.slot_temperature == pytest.approx(checkpoint.calibration.slot_temperature, rel=1e-3)
    assert refitted.intent_temperature == pytest.approx(checkpoint.calibration.intent_temperature, rel=1e-3)
