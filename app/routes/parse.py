"""POST /v1/parse and /v1/parse/batch: text in, per-token distributions, slots, intent and frame out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter

from app.deps import ParserDep, PredictorDep, ResolverDep, SettingsDep
from app.errors import JsonResponse
from app.memory import TRIM_AFTER_TEXTS, release_free_memory
from app.schemas import BatchRequest, BatchResponse, ParseRequest, ParseResponse
from app.validation import answer_shape, batch_utterances, request_utterance

router = APIRouter(prefix="/v1", tags=["parse"])


def reference_or_now(reference_time: datetime | None) -> datetime:
    """The request's reference time, else now in UTC (to the second: sub-second digits mean nothing to a date)."""
    return reference_time or datetime.now(UTC).replace(microsecond=0)


@router.post("/parse", response_model=ParseResponse)
async def parse(body: ParseRequest, parser: ParserDep, resolver: ResolverDep, settings: SettingsDep) -> JsonResponse:
    """Tag one text (or token list): a distribution over slot labels per token, slots, intent and frame."""
    shape = answer_shape(body.top_k, body.compact)
    result = await parser.parse(request_utterance(body, settings, parser.predictor.tokenizer), shape)
    if resolver is not None:
        # Dict work, well under a millisecond: cheaper on the event loop than a hop to a thread.
        resolver.resolve(result, reference_or_now(body.reference_time))
    if body.compact:
        result["labels"] = parser.predictor.checkpoint.labels
    return JsonResponse(result)


@router.post("/parse/batch", response_model=BatchResponse)
def parse_batch(
    body: BatchRequest, predictor: PredictorDep, resolver: ResolverDep, settings: SettingsDep
) -> JsonResponse:
    """Tag many texts in one forward pass; results come back in the order sent."""
    shape = answer_shape(body.top_k, body.compact)
    utterances = batch_utterances(body, settings, predictor.tokenizer)
    results = predictor.parse(utterances, top_k=shape.top_k, compact=shape.compact)
    if resolver is not None:
        reference_time = reference_or_now(body.reference_time)  # once: a batch read across midnight stays one day
        for result in results:
            resolver.resolve(result, reference_time)
    answer: dict[str, Any] = {"results": results}
    if body.compact:
        answer["labels"] = predictor.checkpoint.labels
    response = JsonResponse(answer)
    if len(utterances) >= TRIM_AFTER_TEXTS:
        # Rendered, the answer's objects are freed: hand their pages back (app/memory.py). Not after
        # sending: a client that hangs up would skip it.
        release_free_memory()
    return response
