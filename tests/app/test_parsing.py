"""app.parsing: both parsers answer as the predictor does, and the setting picks one of them."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx2

from app.batching import Batcher
from app.config import Settings
from app.main import create_app
from app.parsing import Parser, ThreadPoolParser, make_parser
from model.answers import AnswerShape
from model.predictor import Predictor
from model.tokenizer import Tokenizer

from .helpers import SENTENCES, assert_same_answer


def test_the_batching_setting_picks_the_parser(bundled_predictor: Predictor):
    batched = make_parser(bundled_predictor, Settings(batching=True, batching_max_size=8))
    assert isinstance(batched, Batcher) and batched.max_batch_size == 8
    alone = make_parser(bundled_predictor, Settings(batching=False))
    assert isinstance(alone, ThreadPoolParser)
    assert batched.predictor is alone.predictor is bundled_predictor


def test_thread_pool_parser_answers_as_the_predictor(bundled_predictor: Predictor):
    shapes = [AnswerShape(), AnswerShape(3), AnswerShape(compact=True)]
    jobs = [(Tokenizer().utterance(s), shape) for s in SENTENCES[:4] for shape in shapes]

    async def run() -> list[dict[str, Any]]:
        parser: Parser = ThreadPoolParser(bundled_predictor)
        await parser.start()
        try:
            return await asyncio.gather(*(parser.parse(u, shape) for u, shape in jobs))
        finally:
            await parser.stop()

    for (utterance, shape), answer in zip(jobs, asyncio.run(run()), strict=True):
        [alone] = bundled_predictor.parse_each([utterance], [shape])
        assert_same_answer(answer, alone)


async def post_concurrently(settings: Settings, bodies: list[dict[str, Any]]) -> tuple[list[httpx2.Response], Any]:
    """Run the real app (lifespan included) and send all bodies at once."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            responses = await asyncio.gather(*(client.post("/v1/parse", json=b) for b in bodies))
            parser = app.state.parser
            batch_sizes = dict(parser.batch_sizes) if isinstance(parser, Batcher) else None
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
