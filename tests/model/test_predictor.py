"""The model runner: the bundled model answers as it always has, and probabilities come from the
model's own forward pass and calibration."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from model.answers import AnswerShape
from model.predictor import Predictor
from model.tokenizer import Tokenizer
from tests.model.helpers import CONFIGS, SENTENCES, tiny_checkpoint
from training.data import read_split

# Answers of the bundled model as it was shipped (written when it replaced the one before, by the
# predictor of that commit, on one thread): labels with probability >= min_probability per token, and the intents
# likewise. A change that moves any of them by more than TOLERANCE changes what the service answers. Another CPU
# sums in another order (oneDNN's AVX2 kernels against AVX-512's): the same model moves by up to about 1.2e-6.
BUNDLED_ANSWERS = Path(__file__).parent / "bundled_answers.json"
TOLERANCE = 1e-5


@pytest.fixture
def one_thread():
    """Torch on one thread, as a service worker runs it: the pinned answers' last digits move with the thread count."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.usefixtures("one_thread")
def test_bundled_model_answers_as_before(bundled_predictor: Predictor):
    reference = json.loads(BUNDLED_ANSWERS.read_text(encoding="utf-8"))
    assert bundled_predictor.checkpoint.version == reference["model_version"]
    floor = reference["min_probability"]
    for sentence in reference["sentences"]:
        [answer] = bundled_predictor.parse([Tokenizer().utterance(sentence["text"])])
        assert [t["text"] for t in answer["tokens"]] == [t["text"] for t in sentence["tokens"]]
        for token, want in zip(answer["tokens"], sentence["tokens"], strict=True):
            for label, p in token["distribution"].items():
                expected = want["distribution"].get(label)
                if expected is None:
                    assert p < floor + TOLERANCE, (sentence["text"], token["text"], label)
                else:
                    assert abs(p - expected) <= TOLERANCE, (sentence["text"], token["text"], label)
        intents = {i["name"]: i["confidence"] for i in answer["intent"]["ranking"]}
        for name, p in intents.items():
            assert abs(p - sentence["intents"].get(name, 0.0)) <= TOLERANCE + (
                0 if name in sentence["intents"] else floor
            )


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "default")
def test_probabilities_are_the_models_calibrated_distributions(config: dict[str, Any]):
    checkpoint = tiny_checkpoint(**config)
    predictor = Predictor(checkpoint)
    model, calibration = checkpoint.model, checkpoint.calibration
    probs = predictor.probabilities(SENTENCES)
    assert [len(p) for p in probs.slots] == [len(s) for s in SENTENCES]
    with torch.inference_mode():
        batch = predictor.encoder.encode(SENTENCES)
        slot_scores, intent_scores, _, _ = model(batch)
        slots = model.slot_probabilities(slot_scores, batch.lengths, calibration.slot_temperature)
        intents = model.intent_probabilities(intent_scores, calibration.intent_temperature)
    np.testing.assert_array_equal(np.concatenate(probs.slots), slots.numpy())
    np.testing.assert_array_equal(probs.intents, intents.numpy())
    # The temperatures are applied: a different calibration gives different numbers.
    checkpoint.calibration = type(calibration)(1.0, 1.0)
    assert not np.allclose(np.concatenate(Predictor(checkpoint).probabilities(SENTENCES).slots), slots.numpy())


def test_parse_each_gives_each_utterance_its_own_shape(bundled_predictor: Predictor):
    texts = ["flights from boston to denver", "fare", "what is the cheapest fare to st. louis", "boston"]
    utterances = [Tokenizer().utterance(t) for t in texts]
    shapes = [AnswerShape(), AnswerShape(3), AnswerShape(compact=True), AnswerShape(1)]
    mixed = bundled_predictor.parse_each(utterances, shapes)
    for i, shape in enumerate(shapes):
        alone = bundled_predictor.parse(utterances, top_k=shape.top_k, compact=shape.compact)[i]
        assert mixed[i]["intent"] == alone["intent"]
        assert [t["label"] for t in mixed[i]["tokens"]] == [t["label"] for t in alone["tokens"]]
        key = "probabilities" if shape.compact else "distribution"
        for got, want in zip(mixed[i]["tokens"], alone["tokens"], strict=True):
            np.testing.assert_allclose(
                np.array(list(got[key].values()) if not shape.compact else got[key]),
                np.array(list(want[key].values()) if not shape.compact else want[key]),
                rtol=0,
                atol=1e-5,
            )
    with pytest.raises(ValueError, match="answer shapes"):
        bundled_predictor.parse_each(utterances, shapes[:2])
    with pytest.raises(ValueError, match="at least one token"):
        bundled_predictor.parse([Tokenizer().utterance("?!")])
    assert bundled_predictor.parse_each([], []) == []


def test_batch_companions_do_not_change_an_answer(bundled_predictor: Predictor, atis_dir: Path):
    """Padding, other sentences' words and the batch size leave each sentence's probabilities alone."""
    batch = [e.tokens for e in read_split(atis_dir / "test")[:200]]
    together = bundled_predictor.probabilities(batch)
    for size in (1, 7):
        for start in range(0, 28, size):
            apart = bundled_predictor.probabilities(batch[start : start + size])
            for i, slots in enumerate(apart.slots):
                np.testing.assert_allclose(slots, together.slots[start + i], rtol=0, atol=1e-5)
            np.testing.assert_allclose(apart.intents, together.intents[start : start + size], rtol=0, atol=1e-5)


def test_answers_and_evaluation_read_the_same_labels(bundled_predictor: Predictor):
    """Each token's label, in the answer and in what `slotfill evaluate` scores, is the decoder's: the argmax, but
    for a known name the argmax cuts ("salt lake" leaving, "city" arriving)."""
    texts = ["i want to leave salt lake city on monday", "flights from boston to denver"]
    utterances = [bundled_predictor.tokenizer.utterance(t) for t in texts]
    probabilities = bundled_predictor.probabilities([[t.text for t in u.tokens] for u in utterances])
    answers = bundled_predictor.parse(utterances, top_k=1)
    for answer, labels, slots in zip(answers, probabilities.labels, probabilities.slots, strict=True):
        assert [t["label"] for t in answer["tokens"]] == bundled_predictor.labels[labels].tolist()
        assert [t["confidence"] for t in answer["tokens"]] == pytest.approx(slots[np.arange(len(labels)), labels])
    cut = probabilities.slots[0].argmax(axis=1)
    assert bundled_predictor.labels[cut][6] == "I-toloc.city_name"  # "city": the argmax alone cuts the name
    assert bundled_predictor.labels[probabilities.labels[0]][4:7].tolist() == [
        "B-fromloc.city_name",
        "I-fromloc.city_name",
        "I-fromloc.city_name",
    ]
    np.testing.assert_array_equal(probabilities.labels[1], probabilities.slots[1].argmax(axis=1))
