import json
from pathlib import Path

import numpy as np
import pytest
import torch

from model.checkpoint import load_checkpoint
from model.predictor import Predictor, Utterance
from model.tagger import LockedDropout, SlotTaggerConfig
from training.train import (
    EncodedExamples,
    TrainConfig,
    average_weights,
    delete_context_words,
    drop_words,
    train,
    training_device,
)

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
        # A dozen sentences: no augmentation, let it memorise, so "loss falls" is a clear signal.
        slot_word_dropout=0.0,
        slot_span_dropout=0.0,
        context_deletion=0.0,
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
    model = SlotTaggerConfig(
        word_dim=16, char_dim=8, char_filters=8, hidden_size=16, intent_to_slots=True, locked_dropout=True
    )
    train(tiny_config(tiny_data, output, epochs=2, model=model, intent_loss_weight=0.5, device="cpu"))
    checkpoint = load_checkpoint(output)
    assert checkpoint.model.config.intent_to_slots
    assert checkpoint.model.config.locked_dropout and isinstance(checkpoint.model.dropout, LockedDropout)
    assert checkpoint.metadata["recipe"]["intent_loss_weight"] == 0.5
    assert checkpoint.metadata["device"] == "cpu"


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
    [result] = predictor.parse([Utterance.from_text("flights from Boston to Denver")])
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


def test_locked_dropout_drops_the_same_features_at_every_step():
    dropout = LockedDropout(0.5)
    x = torch.ones(4, 7, 32)
    torch.manual_seed(0)
    dropped = dropout(x)
    assert torch.equal(dropped, dropped[:, :1].expand_as(dropped))  # one mask per sentence, all steps
    assert not torch.equal(dropped[0], dropped[1])  # but its own for each sentence
    assert set(dropped.unique().tolist()) == {0.0, 2.0}  # kept features scaled by 1 / (1 - p)
    assert torch.equal(dropout.eval()(x), x)


def encoded(sentences: list[tuple[str, str]]) -> EncodedExamples:
    from model.vocab import Vocabulary
    from training.data import Example
    from training.train import build_vocabularies

    examples = [Example(tokens.split(), tags.split(), "flight") for tokens, tags in sentences]
    _, words, chars, labels, intents = build_vocabularies(examples)
    assert isinstance(words, Vocabulary)
    return EncodedExamples.build(examples, words, chars, labels, intents)


def test_context_deletion_drops_one_word_outside_the_slots_and_keeps_the_rest_aligned():
    data = encoded(
        [
            ("arrive in taipei on monday", "O O B-toloc.city_name O B-depart_date.day_name"),
            ("from new york", "O B-fromloc.city_name I-fromloc.city_name"),
            ("boston", "B-city_name"),  # nothing to delete
        ]
    )
    batch = data.batch(np.arange(3))
    torch.manual_seed(0)
    shorter = delete_context_words(batch, chance=1.0)
    assert shorter.lengths.tolist() == [4, 2, 1]
    for row in range(3):
        n = int(shorter.lengths[row])
        before = list(zip(batch.words[row].tolist(), batch.tags[row].tolist(), batch.chars[row].tolist(), strict=True))
        after = list(
            zip(shorter.words[row].tolist(), shorter.tags[row].tolist(), shorter.chars[row].tolist(), strict=True)
        )
        real_before = before[: int(batch.lengths[row])]
        # What is left is the sentence minus one word (order kept), and that word was outside every slot.
        removed = [w for w in real_before if w not in after[:n]]
        assert len(removed) == len(real_before) - n
        assert [w for w in real_before if w not in removed] == after[:n]
        assert all(not batch.spans[row, i] for i, w in enumerate(real_before) if w in removed)
        assert all(w == 0 and t == -100 and not any(c) for w, t, c in after[n:])  # padding after the end
    assert torch.equal(delete_context_words(batch, chance=0.0).words, batch.words)
    # Shortened sentences keep their intent target unless told not to; the others keep it always.
    assert torch.equal(shorter.intents, batch.intents)
    torch.manual_seed(0)
    silent = delete_context_words(batch, chance=1.0, keep_intent=False)
    assert torch.equal(silent.words, shorter.words)
    assert silent.intents[:2].sum() == 0 and torch.equal(silent.intents[2], batch.intents[2])
    assert batch.intents.sum() == 3  # the batch itself is untouched


def test_slot_span_dropout_feeds_whole_slots_as_unknown_respelled_words(tmp_path: Path):
    data = encoded(
        [
            ("fly from new york to boston", "O O B-fromloc.city_name I-fromloc.city_name O B-toloc.city_name"),
            ("flights to kansas city", "O O B-toloc.city_name I-toloc.city_name"),
        ]
    )
    batch = data.batch(np.arange(2))
    config = TrainConfig(data=tmp_path, output=tmp_path, word_dropout=0.0, slot_word_dropout=0.0, slot_span_dropout=1.0)
    no_drop = torch.zeros(int(batch.words.max()) + 1)
    letters = torch.arange(2, 20)
    unk = 1  # Vocabulary.build puts <pad> first and <unk> second
    words, chars = drop_words(batch.words, batch.chars, batch.spans, no_drop, config, unk, letters)
    in_slot = batch.spans > 0
    assert bool((words[in_slot] == unk).all())
    assert torch.equal(words[~in_slot], batch.words[~in_slot])
    assert not torch.equal(chars[in_slot], batch.chars[in_slot])  # respelled
    assert torch.equal(chars[~in_slot], batch.chars[~in_slot])
    assert batch.spans[0].tolist() == [0, 0, 1, 1, 0, 2] and batch.spans[1].tolist() == [0, 0, 1, 1, 0, 0]
