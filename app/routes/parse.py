"""POST /v1/parse and /v1/parse/batch: text in, per-token distributions, slots and intent out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.deps import ParserDep, PredictorDep, SettingsDep
from app.errors import JsonResponse
from app.memory import TRIM_AFTER_TEXTS, release_free_memory
from app.schemas import BatchRequest, BatchResponse, ParseRequest, ParseResponse
from app.validation import answer_shape, batch_utterances, request_utterance

router = APIRouter(prefix="/v1", tags=["parse"])


@router.post("/parse", response_model=ParseResponse)
async def parse(body: ParseRequest, parser: ParserDep, settings: SettingsDep) -> JsonResponse:
    """Tag one text (or token list): a distribution over slot labels per token, slots and intent."""
    shape = answer_shape(body.top_k, body.compact)
    result = await parser.parse(request_utterance(body, settings, parser.predictor.tokenizer), shape)
    if body.compact:
        result["labels"] = parser.predictor.checkpoint.labels
    return JsonResponse(result)


@router.post("/parse/batch", response_model=BatchResponse)
def parse_batch(body: BatchRequest, predictor: PredictorDep, settings: SettingsDep) -> JsonResponse:
    """Tag many texts in one forward pass; results come back in the order sent."""
    shape = answer_shape(body.top_k, body.compact)
    utterances = batch_utterances(body, settings, predictor.tokenizer)
    answer: dict[str, Any] = {"results": predictor.parse(utterances, top_k=shape.top_k, compact=shape.compact)}
    if body.compact:
        answer["labels"] = predictor.checkpoint.labels
    response = JsonResponse(answer)
    if len(utterances) >= TRIM_AFTER_TEXTS:
        # Rendered, the answer's objects are freed: hand their pages back (app/memory.py). Not after
        # sending: a client that hangs up would skip it.
        release_free_memory()
    return response
