"""Batched serving gives every request its own, unchanged answer.

- ``Predictor.parse`` (the fast path: distinct-word character encoding, real-token slot head,
  whole-batch post-processing) agrees with ``SlotTagger.forward`` and a plain per-utterance build;
- ``encode_batch`` still returns what the straightforward per-token loop returns;
- ``app.batching.Batcher`` answers concurrent requests correctly, really groups them, isolates a
  failing request and shuts down cleanly;
- /v1/parse gives the same answers with batching on and off.

No timings here: speed is measured by ``bench/run.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import httpx
import numpy as np
import orjson
import pytest
import torch

from app.batching import Batcher, BatcherClosed
from app.config import Settings
from app.errors import JsonResponse
from app.main import create_app
from model.checkpoint import Calibration, Checkpoint
from model.predictor import MAX_WORD_CHARS, AnswerShape, Predictor, Utterance, encode_batch
from model.tagger import SlotTagger, SlotTaggerConfig
from model.vocab import Vocabulary
from training.data import read_split

SENTENCES = [
    "I'd like to fly from Boston to Denver on Monday morning",
    "flights from new york to st. louis",
    "what is the cheapest fare from dallas to seattle",
    "show me ground transportation in atlanta",
    "boston",
    "list all american airlines flights from pittsburgh to baltimore after 5 pm on thursday",
    "Zyxwvut qqq to Frobnicate",  # unknown words and characters
    "a " * 40 + "denver",  # long
]


def labels_of(result: dict[str, Any]) -> list[str]:
    return [t["label"] for t in result["tokens"]]


def as_sent(answer: Any) -> Any:
    """The answer as a client reads it: through the service's JSON encoding (float32 rows included)."""
    return orjson.loads(JsonResponse(answer).body)


def assert_same_answer(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Equal but for float rounding: a batch's matrix products may round differently from a lone pass."""
    assert got["text"] == want["text"]
    assert labels_of(got) == labels_of(want)
    spans = [{k: v for k, v in s.items() if k != "confidence"} for s in got["slots"]]
    assert spans == [{k: v for k, v in s.items() if k != "confidence"} for s in want["slots"]]
    assert got["intent"]["name"] == want["intent"]["name"]
    assert got.get("labels") == want.get("labels")
    for g, w in zip(got["tokens"], want["tokens"], strict=True):
        if "probabilities" in w:  # a compact answer
            assert g["probabilities"] == pytest.approx(w["probabilities"], abs=1e-5)
            continue
        assert list(g["distribution"]) == list(w["distribution"])
        for label, p in w["distribution"].items():
            assert g["distribution"][label] == pytest.approx(p, abs=1e-5)


# -- the predictor ---------------------------------------------------------------------------


def reference_encode(words: Vocabulary, chars: Vocabulary, batch: Sequence[Sequence[str]]):
    """encode_batch as it was first written: one loop step per token."""
    lengths = [len(tokens) for tokens in batch]
    steps = max(lengths, default=0) or 1
    width = max(1, min(max((len(w) for tokens in batch for w in tokens), default=1), MAX_WORD_CHARS))
    word_ids = np.zeros((len(batch), steps), dtype=np.int64)
    char_ids = np.zeros((len(batch), steps, width), dtype=np.int64)
    for b, tokens in enumerate(batch):
        word_ids[b, : len(tokens)] = words.ids(tokens)
        for t, word in enumerate(tokens):
            ids = chars.ids(word[:MAX_WORD_CHARS])
            char_ids[b, t, : len(ids)] = ids
    return torch.from_numpy(word_ids), torch.from_numpy(char_ids), torch.tensor(lengths)


def test_encode_batch_matches_the_per_token_loop(bundled_predictor: Predictor):
    checkpoint = bundled_predictor.checkpoint
    batch = [[t.text for t in Utterance.from_text(s).tokens] for s in SENTENCES]
    batch.append(["supercalifragilisticexpialidocious-and-more", "to"])  # cut at MAX_WORD_CHARS
    for rows in (batch, batch[:1], []):
        got = encode_batch(checkpoint.words, checkpoint.chars, rows)
        want = reference_encode(checkpoint.words, checkpoint.chars, rows)
        for g, w in zip(got, want, strict=True):
            assert torch.equal(g, w)


def model_probabilities(predictor: Predictor, batch: list[list[str]]) -> list[np.ndarray]:
    """Slot probabilities through SlotTagger.forward on padded tensors: what the fast path must reproduce."""
    checkpoint = predictor.checkpoint
    with torch.inference_mode():
        words, chars, lengths = encode_batch(checkpoint.words, checkpoint.chars, batch)
        slot_logits, _ = checkpoint.model(words, chars, lengths)
        real = torch.arange(words.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)
        temperature = checkpoint.calibration.slot_temperature
        crf = checkpoint.model.crf
        if crf is None:
            probs = torch.softmax(slot_logits / temperature, dim=-1)
        else:  # the CRF's marginals: each token's distribution given the whole sentence
            probs = crf.marginals(slot_logits, real, temperature)
    return [probs[b, : len(tokens)].numpy() for b, tokens in enumerate(batch)]


def tiny_predictor(**config: Any) -> Predictor:
    torch.manual_seed(0)
    words = Vocabulary(["<pad>", "<unk>", "flights", "from", "boston", "to", "denver"])
    chars = Vocabulary(["<pad>", "<unk>", *"abcdefghijklmnopqrstuvwxyz"])
    labels = ["O", "B-fromloc.city_name", "B-toloc.city_name", "I-toloc.city_name"]
    model = SlotTagger(
        SlotTaggerConfig(
            num_words=len(words), num_chars=len(chars), num_labels=len(labels), num_intents=2, hidden_size=16, **config
        )
    )
    if model.crf is not None:
        with torch.no_grad():
            model.crf.transitions.normal_(0.0, 2.0)  # zeros would make the CRF a per-token softmax
    return Predictor(
        Checkpoint("tiny", model, words, chars, labels, ["flight", "airfare"], calibration=Calibration(1.3, 1.0))
    )


@pytest.mark.parametrize(
    "config",
    [
        {},
        {"cell": "rnn", "bidirectional": False},
        {"cell": "lstm", "num_layers": 2, "char_dim": 0},
        {"cell": "none", "window": 1},
        {"char_kernel": 5},
        {"intent_to_slots": True},
        {"crf": True},
    ],
)
def test_fast_forward_agrees_with_the_model(config: dict[str, Any]):
    predictor = tiny_predictor(**config)
    batch = [["flights", "from", "boston", "to", "denver"], ["boston"], ["to", "xyz", "denver"]]
    for rows in (batch, batch[:1]):
        fast = predictor.probabilities(rows).slots
        for f, m in zip(fast, model_probabilities(predictor, rows), strict=True):
            np.testing.assert_allclose(f, m, rtol=0, atol=1e-5)  # float rounding of a different summation order


def test_fast_forward_agrees_with_the_model_on_atis(bundled_predictor: Predictor, atis_dir):
    examples = read_split(atis_dir / "test")
    batch = [e.tokens for e in examples[:300]]
    fast = bundled_predictor.probabilities(batch)
    for f, m in zip(fast.slots, model_probabilities(bundled_predictor, batch), strict=True):
        np.testing.assert_allclose(f, m, rtol=0, atol=1e-5)
        assert (f.argmax(axis=1) == m.argmax(axis=1)).all()


def reference_result(
    self: Predictor, utterance: Utterance, slot_probs: np.ndarray, intent_probs: np.ndarray, top_k: int | None = None
) -> dict[str, Any]:
    """The answer for one utterance, built the plain way, token by token: the oracle for ``parse``."""
    best = slot_probs.argmax(axis=1)
    confidence = slot_probs[np.arange(len(best)), best]
    labels = self.labels[best].tolist()
    if top_k is None:
        names = self.checkpoint.labels
        distributions = [dict(zip(names, row.tolist(), strict=True)) for row in slot_probs]
    else:
        k = min(top_k, len(self.labels))
        order = np.argsort(-slot_probs, axis=1, kind="stable")[:, :k]
        top_probs = np.take_along_axis(slot_probs, order, axis=1)
        distributions = [
            dict(zip(self.labels[o].tolist(), p.tolist(), strict=True)) for o, p in zip(order, top_probs, strict=True)
        ]
    tokens = [
        {
            "text": tok.text,
            "start": tok.start,
            "end": tok.end,
            "label": label,
            "confidence": conf,
            "distribution": dist,
        }
        for tok, label, conf, dist in zip(utterance.tokens, labels, confidence.tolist(), distributions, strict=True)
    ]
    ranking_order = np.argsort(-intent_probs, kind="stable")
    if top_k is not None:
        ranking_order = ranking_order[:top_k]
    ranking = [
        {"name": name, "confidence": p}
        for name, p in zip(self.intents[ranking_order].tolist(), intent_probs[ranking_order].tolist(), strict=True)
    ]
    return {
        "text": utterance.text,
        "tokens": tokens,
        "slots": self._slots(utterance, labels, confidence),
        "intent": {"name": ranking[0]["name"], "confidence": ranking[0]["confidence"], "ranking": ranking},
        "model": {"name": self.checkpoint.name, "version": self.checkpoint.version},
    }


@pytest.mark.parametrize("top_k", [None, 1, 3, 500])
def test_parse_equals_the_plain_build(bundled_predictor: Predictor, top_k: int | None):
    utterances = [Utterance.from_text(s) for s in SENTENCES]
    probs = bundled_predictor.probabilities([[t.text for t in u.tokens] for u in utterances])
    expected = [
        reference_result(bundled_predictor, u, probs.slots[i], probs.intents[i], top_k)
        for i, u in enumerate(utterances)
    ]
    assert bundled_predictor.parse(utterances, top_k=top_k) == expected


def test_compact_answer_carries_the_same_probabilities_as_arrays(bundled_predictor: Predictor):
    utterances = [Utterance.from_text(s) for s in SENTENCES]
    mappings = bundled_predictor.parse(utterances)
    compact = bundled_predictor.parse(utterances, compact=True)
    labels = bundled_predictor.checkpoint.labels
    for full, small in zip(mappings, compact, strict=True):
        assert {k: v for k, v in small.items() if k != "tokens"} == {k: v for k, v in full.items() if k != "tokens"}
        for token, compact_token in zip(full["tokens"], small["tokens"], strict=True):
            distribution = token.pop("distribution")
            assert dict(zip(labels, compact_token.pop("probabilities"), strict=True)) == distribution
            assert compact_token == token
    with pytest.raises(ValueError, match="no top_k"):
        AnswerShape(top_k=3, compact=True)


def test_parse_each_gives_each_utterance_its_own_shape(bundled_predictor: Predictor):
    utterances = [Utterance.from_text(s) for s in SENTENCES]
    shapes = [AnswerShape(k) for k in (None, 3, 1, None, 5, 3)] + [AnswerShape(compact=True)] * 2
    mixed = bundled_predictor.parse_each(utterances, shapes)
    for i, shape in enumerate(shapes):
        alone = bundled_predictor.parse(utterances, top_k=shape.top_k, compact=shape.compact)[i]
        assert as_sent(mixed[i]) == as_sent(alone)
    with pytest.raises(ValueError, match="answer shapes"):
        bundled_predictor.parse_each(utterances, shapes[:2])
    assert bundled_predictor.parse_each([], []) == []


# -- the batcher -----------------------------------------------------------------------------


def requests() -> list[tuple[Utterance, AnswerShape]]:
    """64 requests: every sentence with and without top_k, and compact, in a shuffled order."""
    shapes = [AnswerShape(), AnswerShape(3), AnswerShape(1), AnswerShape(compact=True)]
    pairs = [(Utterance.from_text(s), shape) for s in SENTENCES for shape in shapes] * 2
    order = np.random.default_rng(0).permutation(len(pairs))
    return [pairs[i] for i in order]


def test_concurrent_requests_get_their_own_answers_in_shared_batches(bundled_predictor: Predictor):
    jobs = requests()

    async def run() -> tuple[list[dict[str, Any]], Batcher]:
        batcher = Batcher(bundled_predictor, max_batch_size=16)
        await batcher.start()
        try:
            return await asyncio.gather(*(batcher.parse(u, k) for u, k in jobs)), batcher
        finally:
            await batcher.stop()

    answers, batcher = asyncio.run(run())
    for (utterance, shape), answer in zip(jobs, answers, strict=True):
        [alone] = bundled_predictor.parse_each([utterance], [shape])
        assert_same_answer(answer, alone)
    # Every request was answered once, in batches that really grouped requests and kept the limit.
    assert sum(size * count for size, count in batcher.batch_sizes.items()) == len(jobs)
    assert max(batcher.batch_sizes) > 1
    assert max(batcher.batch_sizes) <= 16


class FailsOnBoom:
    """A predictor whose batch fails whenever one utterance says "boom"."""

    def __init__(self, predictor: Predictor):
        self.predictor = predictor

    def parse_each(self, utterances: Sequence[Utterance], shapes: Sequence[AnswerShape]) -> list[dict[str, Any]]:
        if any("boom" in u.text for u in utterances):
            raise RuntimeError("boom")
        return self.predictor.parse_each(utterances, shapes)


def test_one_failing_request_does_not_fail_its_batch(bundled_predictor: Predictor):
    texts = ["flights from boston to denver", "boom", "show me fares to dallas"]

    async def run() -> list[Any]:
        batcher = Batcher(FailsOnBoom(bundled_predictor), max_batch_size=8)  # type: ignore[arg-type]
        await batcher.start()
        try:
            return await asyncio.gather(*(batcher.parse(Utterance.from_text(t)) for t in texts), return_exceptions=True)
        finally:
            await batcher.stop()

    good, bad, other = asyncio.run(run())
    assert isinstance(bad, RuntimeError) and str(bad) == "boom"
    assert_same_answer(good, bundled_predictor.parse([Utterance.from_text(texts[0])])[0])
    assert_same_answer(other, bundled_predictor.parse([Utterance.from_text(texts[2])])[0])


def test_stopped_batcher_refuses_and_fails_waiting_requests(bundled_predictor: Predictor):
    async def run() -> tuple[list[Any], Batcher]:
        batcher = Batcher(bundled_predictor)
        await batcher.start()
        waiting = [asyncio.ensure_future(batcher.parse(Utterance.from_text(s))) for s in SENTENCES]
        await asyncio.sleep(0)  # let them queue
        await batcher.stop()
        return await asyncio.gather(*waiting, return_exceptions=True), batcher

    outcomes, batcher = asyncio.run(run())
    # Those already handed to the worker thread may have finished; none is left hanging.
    assert all(isinstance(o, dict | BatcherClosed) for o in outcomes)
    with pytest.raises(BatcherClosed):
        asyncio.run(batcher.parse(Utterance.from_text("boston")))


# -- through HTTP ----------------------------------------------------------------------------


async def post_concurrently(settings: Settings, bodies: list[dict[str, Any]]) -> tuple[list[httpx.Response], Any]:
    """Run the real app (lifespan included) and send all bodies at once."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            responses = await asyncio.gather(*(client.post("/v1/parse", json=b) for b in bodies))
            batch_sizes = dict(app.state.batcher.batch_sizes) if app.state.batcher is not None else None
    return list(responses), batch_sizes


def test_http_answers_are_the_same_with_batching_on_and_off():
    bodies: list[dict[str, Any]] = [{"text": s, "top_k": k} for s in SENTENCES for k in (None, 3)]
    bodies += [{"text": s, "compact": True} for s in SENTENCES[:3]]
    bodies += [{"tokens": ["flights", "from", "Boston"]}, {"text": "?!"}]
    on, sizes = asyncio.run(post_concurrently(Settings(batching=True, batching_max_size=8), bodies))
    off, no_sizes = asyncio.run(post_concurrently(Settings(batching=False), bodies))
    assert no_sizes is None and sizes is not None
    assert sum(size * count for size, count in sizes.items()) == len(bodies) - 1  # "?!" never reaches the model
    for a, b in zip(on, off, strict=True):
        assert a.status_code == b.status_code
        if a.status_code == 200:
            assert_same_answer(a.json(), b.json())
        else:
            assert a.json() == b.json() and a.json()["error"]["code"] == "no_tokens"
