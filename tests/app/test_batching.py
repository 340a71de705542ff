"""app.batching.Batcher: concurrent requests get their own answers in shared batches, a failing
request fails alone, and a stopped batcher refuses work and leaves nobody waiting."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from app.batching import Batcher, BatcherClosed
from model.answers import AnswerShape
from model.predictor import Predictor
from model.tokenizer import Tokenizer, Utterance

from .helpers import SENTENCES, assert_same_answer


def requests() -> list[tuple[Utterance, AnswerShape]]:
    """64 requests: every sentence with and without top_k, and compact, in a shuffled order."""
    shapes = [AnswerShape(), AnswerShape(3), AnswerShape(1), AnswerShape(compact=True)]
    pairs = [(Tokenizer().utterance(s), shape) for s in SENTENCES for shape in shapes] * 2
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
            return await asyncio.gather(
                *(batcher.parse(Tokenizer().utterance(t)) for t in texts), return_exceptions=True
            )
        finally:
            await batcher.stop()

    good, bad, other = asyncio.run(run())
    assert isinstance(bad, RuntimeError) and str(bad) == "boom"
    assert_same_answer(good, bundled_predictor.parse([Tokenizer().utterance(texts[0])])[0])
    assert_same_answer(other, bundled_predictor.parse([Tokenizer().utterance(texts[2])])[0])


def test_stopped_batcher_refuses_and_fails_waiting_requests(bundled_predictor: Predictor):
    async def run() -> tuple[list[Any], Batcher]:
        batcher = Batcher(bundled_predictor)
        await batcher.start()
        waiting = [asyncio.ensure_future(batcher.parse(Tokenizer().utterance(s))) for s in SENTENCES]
        await asyncio.sleep(0)  # let them queue
        await batcher.stop()
        return await asyncio.gather(*waiting, return_exceptions=True), batcher

    outcomes, batcher = asyncio.run(run())
    # Those already handed to the worker thread may have finished; none is left hanging.
    assert all(isinstance(o, dict | BatcherClosed) for o in outcomes)
    with pytest.raises(BatcherClosed) as refused:
        asyncio.run(batcher.parse(Tokenizer().utterance("boston")))
    # To a client a closed batcher is a service that is not ready: 503, with the usual error body.
    assert (refused.value.status, refused.value.code) == (503, "not_ready")


class RecordsThreads:
    """A predictor that notes which thread ran each batch, and how big it was."""

    def __init__(self, predictor: Predictor):
        self.predictor = predictor
        self.batches: list[tuple[int, int]] = []  # (thread id, batch size)

    def parse_each(self, utterances: Sequence[Utterance], shapes: Sequence[AnswerShape]) -> list[dict[str, Any]]:
        self.batches.append((threading.get_ident(), len(utterances)))
        return self.predictor.parse_each(utterances, shapes)


def test_a_lone_request_runs_on_the_event_loop_and_a_batch_on_the_worker_thread(bundled_predictor: Predictor):
    recorder = RecordsThreads(bundled_predictor)
    utterances = [Tokenizer().utterance(s) for s in SENTENCES]

    async def run() -> list[dict[str, Any]]:
        batcher = Batcher(recorder, max_batch_size=16)  # type: ignore[arg-type]
        await batcher.start()
        try:
            one_by_one = [await batcher.parse(u) for u in utterances]
            together = await asyncio.gather(*(batcher.parse(u) for u in utterances))
            return one_by_one + list(together)
        finally:
            await batcher.stop()

    answers = asyncio.run(run())
    loop_thread = threading.get_ident()  # asyncio.run runs its loop on the calling thread
    alone, grouped = recorder.batches[: len(utterances)], recorder.batches[len(utterances) :]
    assert alone == [(loop_thread, 1)] * len(utterances)
    assert sum(size for _, size in grouped) == len(utterances) and max(size for _, size in grouped) > 1
    assert all(thread != loop_thread for thread, size in grouped if size > 1)
    for utterance, answer in zip(utterances * 2, answers, strict=True):
        assert_same_answer(answer, bundled_predictor.parse([utterance])[0])


def test_batch_size_must_be_positive(bundled_predictor: Predictor):
    with pytest.raises(ValueError, match="at least 1"):
        Batcher(bundled_predictor, max_batch_size=0)
