import json
from pathlib import Path

import pytest
import torch

from model.checkpoint import BUNDLED_MODEL, Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
from model.config import SlotTaggerConfig
from model.predictor import Predictor
from model.tagger import SlotTagger
from model.vocab import Vocabulary

SENTENCES = [["flights", "from", "boston", "to", "denver"], ["fare", "to", "unseenville"]]


def small_checkpoint() -> Checkpoint:
    torch.manual_seed(0)
    words = Vocabulary(["<pad>", "<unk>", "flights", "from", "boston", "to", "denver", "fare"])
    chars = Vocabulary(["<pad>", "<unk>", *"abcdefghijklmnopqrstuvwxyz"])
    labels = ["O", "B-fromloc.city_name", "B-toloc.city_name"]
    config = SlotTaggerConfig(
        num_words=len(words),
        num_chars=len(chars),
        num_labels=3,
        num_intents=2,
        hidden_size=8,
        word_dim=6,
        char_dim=4,
        char_filters=5,
    )
    return Checkpoint("small", SlotTagger(config).eval(), words, chars, labels, ["flight", "airfare"])


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    return save_checkpoint(small_checkpoint(), tmp_path / "ckpt")


def test_round_trip_gives_the_same_outputs(saved: Path):
    original = small_checkpoint()
    loaded = load_checkpoint(saved)
    before, after = Predictor(original).probabilities(SENTENCES), Predictor(loaded).probabilities(SENTENCES)
    for a, b in zip(before.slots, after.slots, strict=True):
        assert a.shape == b.shape and abs(a - b).max() < 1e-6
    assert abs(before.intents - after.intents).max() < 1e-6
    assert loaded.labels == original.labels and loaded.words.symbols == original.words.symbols
    assert len(loaded.weights_sha256) == 64


def test_existing_checkpoint_is_not_overwritten_without_force(saved: Path):
    with pytest.raises(FileExistsError):
        save_checkpoint(small_checkpoint(), saved)
    save_checkpoint(small_checkpoint(), saved, force=True)
    assert load_checkpoint(saved).name == "small"
    assert sorted(p.name for p in saved.parent.iterdir()) == ["ckpt"]  # no staging folders left behind


def test_tampered_weights_are_refused(saved: Path):
    weights = saved / "weights.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="does not match the sha256"):
        load_checkpoint(saved)


def test_truncated_weights_are_refused(saved: Path):
    weights = saved / "weights.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])
    with pytest.raises(CheckpointError, match="sha256"):
        load_checkpoint(saved)


def test_missing_file(saved: Path):
    (saved / "config.json").unlink()
    with pytest.raises(CheckpointError, match=r"config\.json is missing"):
        load_checkpoint(saved)


def edit_config(folder: Path, change) -> None:
    path = folder / "config.json"
    config = json.loads(path.read_text())
    change(config)
    path.write_text(json.dumps(config))


def test_unknown_format_version(saved: Path):
    edit_config(saved, lambda c: c.update(format_version=99))
    with pytest.raises(CheckpointError, match="format_version 99"):
        load_checkpoint(saved)


def test_shape_mismatch(saved: Path):
    edit_config(saved, lambda c: c["model"].update(hidden_size=9))
    with pytest.raises(CheckpointError, match="weights do not fit the config"):
        load_checkpoint(saved)


def test_bundled_checkpoint_is_safetensors_and_json_only():
    folder = BUNDLED_MODEL
    assert {p.suffix for p in folder.iterdir()} <= {".json", ".safetensors"}
    checkpoint = load_checkpoint()
    assert checkpoint.metadata["data_sha256"]["test/seq.in"]
    assert set(checkpoint.metadata["versions"]) >= {"torch", "python"}
