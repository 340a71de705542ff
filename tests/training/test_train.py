"""Training runs end to end on a dozen sentences: it learns, repeats itself, keeps what it should."""

import json
from pathlib import Path

import pytest
import torch

from model.checkpoint import CheckpointError, load_checkpoint
from model.config import SlotTaggerConfig
from model.predictor import Predictor
from model.tagger import LockedDropout
from model.tokenizer import Tokenizer
from training.config import TrainConfig
from training.train import average_weights, train, training_device

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
        baseline=False,
        model=SMALL,
        schedule="constant",
        # A dozen sentences: no augmentation, let it memorise, so "loss falls" is a clear signal.
        slot_word_dropout=0.0,
        slot_span_dropout=0.0,
        context_deletion=0.0,
        world_swap=0.0,
        round_trips=0.0,
    )
    values.update(overrides)
    return TrainConfig(**values)


@pytest.mark.slow
def test_tiny_training_run_learns_and_writes_a_loadable_checkpoint(tiny_data: Path, tmp_path: Path):
    output = tmp_path / "model"
    report = train(tiny_config(tiny_data, output))
    losses = [h["loss"] for h in report["history"]]
    assert losses[-1] < losses[0] / 2
    predictor = Predictor(load_checkpoint(output))
    [result] = predictor.parse([Tokenizer().utterance("flights from Boston to Denver")])
    assert [t["label"] for t in result["tokens"]] == ["O", "O", "B-fromloc.city_name", "O", "B-toloc.city_name"]
    assert result["intent"]["name"] == "flight"
    saved_report = json.loads((output / "report.json").read_text())
    assert saved_report["valid"]["slot_f1"] == report["valid"]["slot_f1"]
    assert load_checkpoint(output).metadata["seed"] == 3


@pytest.mark.slow
def test_same_seed_same_model(tiny_data: Path, tmp_path: Path):
    first = train(tiny_config(tiny_data, tmp_path / "a", epochs=3, patience=3))
    second = train(tiny_config(tiny_data, tmp_path / "b", epochs=3, patience=3))
    assert [h["loss"] for h in first["history"]] == [h["loss"] for h in second["history"]]
    assert load_checkpoint(tmp_path / "a").weights_sha256 == load_checkpoint(tmp_path / "b").weights_sha256


@pytest.mark.slow
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


@pytest.mark.slow
def test_recipe_options_reach_the_checkpoint(tiny_data: Path, tmp_path: Path):
    output = tmp_path / "model"
    model = SlotTaggerConfig(
        word_dim=16,
        char_dim=8,
        char_filters=8,
        hidden_size=16,
        intent_to_slots=True,
        locked_dropout=True,
        intent_loss_weight=0.5,
    )
    train(tiny_config(tiny_data, output, epochs=2, model=model, device="cpu"))
    checkpoint = load_checkpoint(output)
    assert checkpoint.model.config.intent_to_slots
    assert checkpoint.model.config.locked_dropout and isinstance(checkpoint.model.dropout, LockedDropout)
    assert checkpoint.model.config.intent_loss_weight == 0.5
    assert checkpoint.metadata["device"] == "cpu"


@pytest.mark.slow
def test_a_crf_tagger_trains_and_serves_its_marginals(tiny_data: Path, tmp_path: Path):
    output = tmp_path / "model"
    model = SlotTaggerConfig(word_dim=16, char_dim=8, char_filters=8, hidden_size=16, crf=True)
    report = train(tiny_config(tiny_data, output, model=model))
    losses = [h["loss"] for h in report["history"]]
    assert losses[-1] < losses[0] / 2
    checkpoint = load_checkpoint(output)
    assert checkpoint.model.crf is not None
    assert checkpoint.model.crf.transitions.abs().max() > 0.1  # the transitions were learned and saved
    assert checkpoint.calibration.slot_temperature != 1.0  # fitted on the CRF's marginals
    predictor = Predictor(checkpoint)
    [result] = predictor.parse([Tokenizer().utterance("flights from Boston to Denver")])
    assert [t["label"] for t in result["tokens"]] == ["O", "O", "B-fromloc.city_name", "O", "B-toloc.city_name"]
    for token in result["tokens"]:
        assert sum(token["distribution"].values()) == pytest.approx(1.0, abs=1e-5)
        assert token["confidence"] == max(token["distribution"].values())


def test_average_weights_is_the_elementwise_mean():
    states = [
        {"w": torch.tensor([1.0, 2.0]), "b": torch.tensor([0.0])},
        {"w": torch.tensor([3.0, 6.0]), "b": torch.tensor([1.0])},
    ]
    averaged = average_weights(states)
    assert torch.equal(averaged["w"], torch.tensor([2.0, 4.0])) and torch.equal(averaged["b"], torch.tensor([0.5]))


@pytest.mark.slow
def test_checkpoint_averaging_is_kept_only_when_valid_prefers_it(tiny_data: Path, tmp_path: Path):
    plain = train(tiny_config(tiny_data, tmp_path / "plain", epochs=6, patience=6))
    averaged = train(tiny_config(tiny_data, tmp_path / "averaged", epochs=6, patience=6, average_last=3))
    # Averaging happens after training: the same seed trains the same epochs.
    assert [h["loss"] for h in plain["history"]] == [h["loss"] for h in averaged["history"]]
    outcome = averaged["averaged"]
    assert outcome["epochs"] == [4, 6]
    assert outcome["best_epoch_valid_slot_f1"] == max(h["valid_slot_f1"] for h in plain["history"])
    assert outcome["kept"] == (outcome["valid_slot_f1"] > outcome["best_epoch_valid_slot_f1"])
    same_weights = (
        load_checkpoint(tmp_path / "plain").weights_sha256 == load_checkpoint(tmp_path / "averaged").weights_sha256
    )
    assert same_weights != outcome["kept"]
    assert averaged["valid"]["slot_f1"] == pytest.approx(
        max(outcome["valid_slot_f1"], outcome["best_epoch_valid_slot_f1"])
    )


# A small cased dataset cut the way the sgd-slu data is: case kept, "-" and ":" inside tokens.
CASED_TRAIN = [
    ("Book a table at Chi-town Grill for 6:30", "O O O O B-place I-place O B-time"),
    ("Find me a table at Blue-Moon Diner at 7:15", "O O O O O B-place I-place O B-time"),
    ("Reserve Blue-Moon Diner for 8:45 tonight", "O B-place I-place O B-time O"),
    ("I want Chi-town Grill at 5:30", "O O B-place I-place O B-time"),
    ("Table for two at Sun-Ray Cafe at 9:00", "O O O O B-place I-place O B-time"),
    ("Can you book Sun-Ray Cafe for 6:15", "O O O B-place I-place O B-time"),
    ("Book Chi-town Grill at 7:45 please", "O B-place I-place O B-time O"),
    ("A table at Blue-Moon Diner for 5:00", "O O O B-place I-place O B-time"),
]
CASED_VALID = [
    ("Book Sun-Ray Cafe at 6:30", "O B-place I-place O B-time"),
    ("Find a table at Chi-town Grill for 8:15", "O O O O B-place I-place O B-time"),
    ("Reserve Blue-Moon Diner at 7:00 please", "O B-place I-place O B-time O"),
]


@pytest.mark.slow
def test_a_cased_dataset_is_served_as_it_was_evaluated(tmp_path: Path):
    """The tokenizer comes from the data and travels in the checkpoint: the service cuts text as the
    data was cut, and what it answers is what training reported for the text path."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app
    from tests.conftest import write_split
    from training.data import read_split
    from training.evaluate import score, tags_of_slots

    data, output = tmp_path / "cased", tmp_path / "model"
    for split, rows in (("train", CASED_TRAIN), ("valid", CASED_VALID), ("test", CASED_VALID)):
        write_split(data / split, [(text, tags, "book") for text, tags in rows])
    report = train(tiny_config(data, output, epochs=30, patience=30))
    tokenizer = load_checkpoint(output).tokenizer
    assert (tokenizer.lowercase, tokenizer.joiners) == (False, "-:")
    assert report["test"]["text_path"]["retokenized"] == 0
    assert report["test"]["text_path"]["slot_f1"] == pytest.approx(report["test"]["slot_f1"])

    examples = read_split(data / "test")
    with TestClient(create_app(Settings(model=output))) as client:
        answers = [client.post("/v1/parse", json={"text": " ".join(e.tokens)}).json() for e in examples]
    for example, answer in zip(examples, answers, strict=True):
        assert [t["text"] for t in answer["tokens"]] == example.tokens  # case and inner "-", ":" kept
    served_tags = [
        tags_of_slots(answer["slots"], tokenizer.given(e.tokens).tokens)
        for e, answer in zip(examples, answers, strict=True)
    ]
    served = score(examples, served_tags, [a["intent"]["name"] for a in answers], detailed=False)
    assert served["slot_f1"] == pytest.approx(report["test"]["text_path"]["slot_f1"])
    assert served["slot_f1"] > 50  # it learned something: the comparison is not between two zeros


def test_what_the_recipe_leaves_open_is_chosen_by_the_data_size(tmp_path: Path):
    config = TrainConfig(data=tmp_path, output=tmp_path)
    atis = config.resolved(4478)  # the bundled recipe
    assert (atis.epochs, atis.batch_size, atis.learning_rate, atis.augment) == (40, 32, 3e-3, "on")
    assert (atis.word_dropout, atis.context_deletion) == (config.word_dropout, config.context_deletion)
    large = config.resolved(12_280)
    assert (large.epochs, large.batch_size, large.learning_rate, large.augment) == (12, 64, 6e-3, "off")
    assert (large.unk_replace, large.word_dropout, large.slot_word_dropout) == (0.0, 0.0, 0.0)
    assert (large.slot_span_dropout, large.context_deletion) == (0.0, 0.0)
    assert large.model.crf and not atis.model.crf
    assert large.model.intent_to_slots and not atis.model.intent_to_slots
    plain = TrainConfig(data=tmp_path, output=tmp_path, large_data_intent_to_slots=False)
    assert not plain.resolved(12_280).model.intent_to_slots
    assert (large.model.dropout, atis.model.dropout) == (config.large_data_dropout, config.model.dropout)
    assert not atis.model.fold_word_case and config.resolved(12, cased=True).model.fold_word_case
    assert (
        not TrainConfig(data=tmp_path, output=tmp_path, word_case="keep").resolved(12, cased=True).model.fold_word_case
    )
    assert TrainConfig(data=tmp_path, output=tmp_path, large_data_dropout=0).resolved(12_280).model.dropout == 0.5
    assert not TrainConfig(data=tmp_path, output=tmp_path, large_data_crf=False).resolved(12_280).model.crf
    assert config.resolved(12).epochs == 40 and config.resolved(10_000_000).epochs == 5
    given = TrainConfig(data=tmp_path, output=tmp_path, epochs=7, batch_size=8, learning_rate=0.01, augment="on")
    chosen = given.resolved(12_280)
    assert (chosen.epochs, chosen.batch_size, chosen.learning_rate, chosen.augment) == (7, 8, 0.01, "on")
    assert chosen.word_dropout == config.word_dropout
    assert TrainConfig(data=tmp_path, output=tmp_path, augment="off").resolved(12).context_deletion == 0.0


@pytest.mark.slow
def test_the_crf_baseline_is_fitted_beside_and_reported(tiny_data: Path, tmp_path: Path, capsys):
    report = train(tiny_config(tiny_data, tmp_path / "model", epochs=2, baseline=True))
    assert report["baseline"]["test"]["sentences"] == report["test"]["sentences"]
    assert "CRF baseline test: slot F1" in capsys.readouterr().out
    saved = json.loads((tmp_path / "model" / "report.json").read_text())
    assert saved["baseline"]["valid"]["slot_f1"] == report["baseline"]["valid"]["slot_f1"]


@pytest.mark.slow
def test_the_place_lookup_is_read_when_it_knows_the_data_and_switched_by_a_flag(tiny_data: Path, tmp_path: Path):
    from world.lexicon import load_lexicon

    report = train(tiny_config(tiny_data, tmp_path / "auto", epochs=2, patience=2, world_swap=0.5))
    checkpoint = load_checkpoint(tmp_path / "auto")
    assert checkpoint.model.config.lexicon_features == load_lexicon().width  # the tiny data's cities are known
    assert checkpoint.metadata["recipe"]["lexicon"] == "on"
    assert "B-toloc.airport_code" in checkpoint.labels  # made-up sentences name airports by their codes
    assert report["valid"]["slot_f1"] >= 0
    off = train(tiny_config(tiny_data, tmp_path / "off", epochs=2, patience=2, lexicon="off"))
    plain = load_checkpoint(tmp_path / "off")
    assert plain.model.config.lexicon_features == 0 and plain.metadata["recipe"]["lexicon"] == "off"
    assert "B-toloc.airport_code" not in plain.labels and off["valid"]["slot_f1"] >= 0
    # A checkpoint that reads more (or fewer) flags than this slotfill's lookup gives is refused.
    checkpoint.model.config.lexicon_features += 2
    with pytest.raises(CheckpointError, match="lookup flags"):
        checkpoint.encoder()
