import json
from pathlib import Path

import pytest
import torch

from model.checkpoint import load_checkpoint
from model.predictor import Predictor, Utterance
from model.tagger import SlotTaggerConfig
from training.train import TrainConfig, train, training_device

SMALL = SlotTaggerConfig(word_dim=16, char_dim=8, char_filters=8, hidden_size=16)


def tiny_config(data: Path, output: Path, **overrides) -> TrainConfig:
    values = dict(
        data=data,
        output=output,
        epochs=25,
        patience=25,
        batch_size=4,
        learning_rate=0.01,
        seed=3,
        progress=False,
        model=SMALL,
        schedule="constant",
        slot_word_dropout=0.0,  # a dozen sentences: let it memorise, so "loss falls" is a clear signal
    )
    values.update(overrides)
    return TrainConfig(**values)


def test_tiny_training_run_learns_and_writes_a_loadable_checkpoint(tiny_data: Path, tmp_path: Path):
    output = tmp_path / "model"
    report = train(tiny_config(tiny_data, output))
    losses = [h["loss"] for h in report["history"]]
    assert losses[-1] < losses[0] / 2
    predictor = Predictor(load_checkpoint(output))
    [result] = predictor.parse([Utterance.from_text("flights from Boston to Denver")])
    assert [t["label"] for t in result["tokens"]] == ["O", "O", "B-fromloc.city_name", "O", "B-toloc.city_name"]
    assert result["intent"]["name"] == "flight"
    saved_report = json.loads((output / "report.json").read_text())
    assert saved_report["valid"]["slot_f1"] == report["valid"]["slot_f1"]
    assert load_checkpoint(output).metadata["seed"] == 3


def test_same_seed_same_model(tiny_data: Path, tmp_path: Path):
    first = train(tiny_config(tiny_data, tmp_path / "a", epochs=3, patience=3))
    second = train(tiny_config(tiny_data, tmp_path / "b", epochs=3, patience=3))
    assert [h["loss"] for h in first["history"]] == [h["loss"] for h in second["history"]]
    assert load_checkpoint(tmp_path / "a").weights_sha256 == load_checkpoint(tmp_path / "b").weights_sha256


def test_existing_output_is_kept_without_force(tiny_data: Path, tmp_path: Path):
    output = tmp_path / "model"
    train(tiny_config(tiny_data, output, epochs=1))
    digest = load_checkpoint(output).weights_sha256
    with pytest.raises(FileExistsError, match="--force"):
        train(tiny_config(tiny_data, output, epochs=1, seed=4))
    assert load_checkpoint(output).weights_sha256 == digest


def test_training_device_names():
    assert training_device("cpu") == torch.device("cpu")
    assert training_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    with pytest.raises(ValueError, match="not a device"):
        training_device("gpu")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="no CUDA device"):
            training_device("cuda")


def test_recipe_options_reach_the_checkpoint(tiny_data: Path, tmp_path: Path):
    output = tmp_path / "model"
    model = SlotTaggerConfig(word_dim=16, char_dim=8, char_filters=8, hidden_size=16, intent_to_slots=True)
    train(tiny_config(tiny_data, output, epochs=2, model=model, intent_loss_weight=0.5, device="cpu"))
    checkpoint = load_checkpoint(output)
    assert checkpoint.model.config.intent_to_slots
    assert checkpoint.metadata["recipe"]["intent_loss_weight"] == 0.5
    assert checkpoint.metadata["device"] == "cpu"
