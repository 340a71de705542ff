"""Answers built for a whole batch at once equal the plain token-by-token build."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from model.answers import OUT_OF_SCOPE, AnswerBuilder, AnswerShape, top_k_order
from model.bio import bio_spans
from model.tokenizer import Tokenizer, Utterance

LABELS = ["O", "B-fromloc.city_name", "B-toloc.city_name", "I-toloc.city_name"]
INTENTS = ["flight", "airfare", "airline"]
TEXTS = ["Flights from Boston to New York", "fare", "to St. Louis from denver"]


def random_probabilities(rows: int, columns: int, seed: int) -> np.ndarray:
    scores = np.random.default_rng(seed).normal(size=(rows, columns)) * 3
    probs = np.exp(scores)
    return (probs / probs.sum(axis=1, keepdims=True)).astype(np.float32)


def plain_answer(utterance: Utterance, slot_probs: np.ndarray, intent_probs: np.ndarray, top_k: int | None):
    """One utterance's answer, token by token: the oracle for ``AnswerBuilder.build``."""
    tokens, labels, confidences = [], [], []
    for token, row in zip(utterance.tokens, slot_probs, strict=True):
        order = sorted(range(len(LABELS)), key=lambda i: -row[i])  # stable: ties keep label order
        best = order[0]
        labels.append(LABELS[best])
        confidences.append(float(row[best]))
        kept = order[:top_k] if top_k is not None else range(len(LABELS))
        distribution = {LABELS[i]: float(row[i]) for i in kept}
        tokens.append(
            {
                "text": token.text,
                "start": token.start,
                "end": token.end,
                "label": LABELS[best],
                "confidence": float(row[best]),
                "distribution": distribution,
            }
        )
    slots = []
    for span in bio_spans(labels):
        start, end = utterance.tokens[span.first].start, utterance.tokens[span.last].end
        confidence = float(np.prod(np.array(confidences[span.first : span.last + 1], dtype=np.float32)))
        slots.append({"name": span.name, "value": utterance.text[start:end], "start": start, "end": end,
                      "confidence": confidence})  # fmt: skip
    order = sorted(range(len(INTENTS)), key=lambda i: -intent_probs[i])[:top_k]
    ranking = [{"name": INTENTS[i], "confidence": float(intent_probs[i])} for i in order]
    return {
        "text": utterance.text,
        "tokens": tokens,
        "slots": slots,
        "intent": {"name": ranking[0]["name"], "confidence": ranking[0]["confidence"], "ranking": ranking},
        "in_domain": None,
        "model": {"name": "tiny", "version": "abc"},
    }


def build(
    shapes: list[AnswerShape], seed: int = 0
) -> tuple[list[dict[str, Any]], list[Utterance], np.ndarray, np.ndarray]:
    utterances = [Tokenizer().utterance(t) for t in TEXTS]
    slot_probs = random_probabilities(sum(len(u.tokens) for u in utterances), len(LABELS), seed)
    intent_probs = random_probabilities(len(utterances), len(INTENTS), seed + 1)
    answers = AnswerBuilder(LABELS, INTENTS, "tiny", "abc").build(utterances, slot_probs, intent_probs, shapes)
    return answers, utterances, slot_probs, intent_probs


@pytest.mark.parametrize("top_k", [None, 1, 3, 500])
def test_build_equals_the_plain_build(top_k: int | None):
    for seed in range(5):
        answers, utterances, slot_probs, intent_probs = build([AnswerShape(top_k)] * len(TEXTS), seed)
        first = 0
        for answer, utterance, intents in zip(answers, utterances, intent_probs, strict=True):
            rows = slot_probs[first : first + len(utterance.tokens)]
            first += len(utterance.tokens)
            assert answer == plain_answer(utterance, rows, intents, top_k)


def test_slots_are_cut_from_the_text_as_typed():
    utterances = [Tokenizer().utterance("to St. Louis")]
    slot_probs = np.array([[0.9, 0.0, 0.1, 0.0], [0.0, 0.0, 0.8, 0.2], [0.1, 0.0, 0.0, 0.9]], dtype=np.float32)
    [answer] = AnswerBuilder(LABELS, INTENTS, "tiny", "abc").build(
        utterances, slot_probs, np.array([[0.5, 0.3, 0.2]]), [AnswerShape()]
    )
    [slot] = answer["slots"]
    assert (slot["name"], slot["value"], slot["start"], slot["end"]) == ("toloc.city_name", "St. Louis", 3, 12)
    assert slot["confidence"] == pytest.approx(0.8 * 0.9)


def test_compact_answers_carry_every_probability_in_label_order():
    shapes = [AnswerShape(), AnswerShape(compact=True), AnswerShape(2)]
    answers, _, slot_probs, _ = build(shapes)
    full, _, _, _ = build([AnswerShape()] * len(TEXTS))
    first = len(answers[0]["tokens"])
    for token, plain in zip(answers[1]["tokens"], full[1]["tokens"], strict=True):
        assert "distribution" not in token
        assert dict(zip(LABELS, token["probabilities"].tolist(), strict=True)) == pytest.approx(plain["distribution"])
    np.testing.assert_array_equal(answers[1]["tokens"][0]["probabilities"], slot_probs[first])
    assert all(len(t["distribution"]) == 2 for t in answers[2]["tokens"])
    assert answers[0] == full[0]
    with pytest.raises(ValueError, match="no top_k"):
        AnswerShape(top_k=3, compact=True)


def test_a_text_under_the_in_domain_threshold_is_out_of_scope_with_its_slots_and_ranking_kept():
    shapes = [AnswerShape()] * len(TEXTS)
    plain, utterances, slot_probs, intent_probs = build(shapes)
    in_domain = np.linspace(0.05, 0.95, len(TEXTS))
    answers = AnswerBuilder(LABELS, INTENTS, "tiny", "abc", in_domain_threshold=0.5).build(
        utterances, slot_probs, intent_probs, shapes, in_domain
    )
    for answer, same, p in zip(answers, plain, in_domain, strict=True):
        assert answer["in_domain"] == pytest.approx(p)
        assert answer["tokens"] == same["tokens"] and answer["slots"] == same["slots"]
        assert answer["intent"]["ranking"] == same["intent"]["ranking"]
        if p < 0.5:
            assert answer["intent"]["name"] == OUT_OF_SCOPE
            assert answer["intent"]["confidence"] == pytest.approx(1 - p)
        else:
            assert answer["intent"]["name"] == same["intent"]["name"] != OUT_OF_SCOPE
    assert {a["intent"]["name"] == OUT_OF_SCOPE for a in answers} == {True, False}  # both sides were tried


@pytest.mark.parametrize("seed", range(5))
def test_top_k_order_is_the_stable_sorts_first_k_ties_in_label_order(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Rows of a few values only (ties everywhere, zeros and the smallest float32 among them), and softmax rows.
    tied = rng.choice(np.array([0, 1e-45, 1e-30, 0.25, 0.5, 1.0], dtype=np.float32), size=(7, 158))
    logits = rng.normal(size=(7, 158)) * 20
    softmax = np.exp(logits - logits.max(axis=1, keepdims=True))
    softmax = (softmax / softmax.sum(axis=1, keepdims=True)).astype(np.float32)
    for probs in (tied, softmax, softmax.astype(np.float64)):
        for k in (1, 3, 10, 157, 158):
            assert np.array_equal(top_k_order(probs, k), (-probs).argsort(axis=1, kind="stable")[:, :k])
