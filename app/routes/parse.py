"""POST /v1/parse and /v1/parse/batch: text in, per-token distributions, slots and intent out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from app.batching import Batcher, BatcherClosed
from app.config import Settings
from app.deps import PredictorDep, SettingsDep, get_predictor
from app.errors import ApiError, JsonResponse
from app.memory import TRIM_AFTER_TEXTS, release_free_memory
from app.schemas import BatchRequest, BatchResponse, ErrorResponse, ParseRequest, ParseResponse
from model.answers import AnswerShape
from model.predictor import Predictor
from model.tokenizer import Utterance

router = APIRouter(prefix="/v1", tags=["parse"])
ERRORS: dict[int | str, dict[str, Any]] = {413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}


def checked_utterance(utterance: Utterance, settings: Settings, where: str) -> Utterance:
    if len(utterance.text) > settings.max_text_chars:
        raise ApiError(
            422,
            "text_too_long",
            f"{where} has {len(utterance.text)} characters; the limit is max_text_chars={settings.max_text_chars}",
        )
    if not utterance.tokens:
        raise ApiError(422, "no_tokens", f"{where} has no words to tag (only spaces, punctuation or symbols)")
    if len(utterance.tokens) > settings.max_tokens:
        raise ApiError(
            422,
            "too_many_tokens",
            f"{where} has {len(utterance.tokens)} tokens; the limit is max_tokens={settings.max_tokens}",
        )
    return utterance


# /v1/parse is the hot path. FastAPI runs plain-function dependencies in its thread pool, a hop
# that costs more than the rest of the framework's work; these async ones (and app_settings) run on the event loop.
async def _model(request: Request) -> Batcher | Predictor:
    """The batcher when batching is on (SLOTFILL_BATCHING), else the predictor itself."""
    batcher: Batcher | None = getattr(request.app.state, "batcher", None)
    return batcher if batcher is not None else get_predictor(request)


def request_utterance(body: ParseRequest) -> Utterance:
    if body.tokens is not None:
        if any(not t or any(ch.isspace() for ch in t) for t in body.tokens):
            raise ApiError(422, "invalid_tokens", "tokens must be non-empty strings without spaces")
        return Utterance.from_tokens(body.tokens)
    return Utterance.from_text(body.text or "")


@router.post("/parse", response_model=ParseResponse, responses=ERRORS)
async def parse(
    body: ParseRequest,
    model: Annotated[Batcher | Predictor, Depends(_model)],
    settings: SettingsDep,
) -> JsonResponse:
    """Tag one text (or token list): a distribution over slot labels per token, slots and intent."""
    utterance = checked_utterance(request_utterance(body), settings, "text")
    shape = AnswerShape(body.top_k, body.compact)
    if isinstance(model, Predictor):  # batching off: one forward pass per request, in the thread pool
        predictor = model
        [result] = await run_in_threadpool(model.parse_each, [utterance], [shape])
    else:
        predictor = model.predictor
        try:
            result = await model.parse(utterance, shape)
        except BatcherClosed as exc:
            raise ApiError(503, "not_ready", str(exc)) from None
    if body.compact:
        result["labels"] = predictor.checkpoint.labels
    return JsonResponse(result)


@router.post("/parse/batch", response_model=BatchResponse, responses=ERRORS)
def parse_batch(body: BatchRequest, predictor: PredictorDep, settings: SettingsDep) -> JsonResponse:
    """Tag many texts in one forward pass; results come back in the order sent."""
    if len(body.texts) > settings.max_batch_texts:
        raise ApiError(
            413, "too_many_texts", f"{len(body.texts)} texts; the limit is max_batch_texts={settings.max_batch_texts}"
        )
    utterances = [checked_utterance(Utterance.from_text(t), settings, f"texts[{i}]") for i, t in enumerate(body.texts)]
    answer: dict[str, Any] = {"results": predictor.parse(utterances, top_k=body.top_k, compact=body.compact)}
    if body.compact:
        answer["labels"] = predictor.checkpoint.labels
    response = JsonResponse(answer)
    if len(utterances) >= TRIM_AFTER_TEXTS:
        # Rendered, the answer's objects are freed: hand their pages back (app/memory.py). Not after
        # sending: a client that hangs up would skip it.
        release_free_memory()
    return response
