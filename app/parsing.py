"""The one way routes reach the model: ``await parser.parse(utterance, shape)``.

Two implementations, chosen once at start-up by ``SLOTFILL_BATCHING``:

- ``Batcher`` (app/batching.py): requests that arrive together share one forward pass;
- ``ThreadPoolParser``: one forward pass per request, in Starlette's thread pool.

Either way the model runs off the event loop, and a route never needs to know which one it got.
"""

from __future__ import annotations

from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool

from app.batching import Batcher
from app.config import Settings
from model.answers import AnswerShape
from model.predictor import Predictor
from model.tokenizer import Utterance


class Parser(Protocol):
    """Answers one utterance at a time without blocking the event loop."""

    @property
    def predictor(self) -> Predictor: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def parse(self, utterance: Utterance, shape: AnswerShape) -> dict[str, Any]: ...


class ThreadPoolParser:
    """One forward pass per request, off the event loop: for when batching is switched off."""

    def __init__(self, predictor: Predictor):
        self._predictor = predictor

    @property
    def predictor(self) -> Predictor:
        return self._predictor

    async def start(self) -> None:
        """Nothing to start: Starlette's thread pool is always there."""

    async def stop(self) -> None:
        """Nothing to stop: requests still running finish in the thread pool."""

    async def parse(self, utterance: Utterance, shape: AnswerShape) -> dict[str, Any]:
        [answer] = await run_in_threadpool(self._predictor.parse_each, [utterance], [shape])
        return answer


def make_parser(predictor: Predictor, settings: Settings) -> Parser:
    """The batcher when ``settings.batching`` is on, else a parser that runs each request alone."""
    if settings.batching:
        return Batcher(predictor, settings.batching_max_size)
    return ThreadPoolParser(predictor)
