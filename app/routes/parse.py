"""POST /v1/parse and /v1/parse/batch: text in, per-token distributions, slots and intent out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.config import Settings
from app.deps import PredictorDep, SettingsDep
from app.errors import ApiError, JsonResponse
from app.schemas import BatchRequest, BatchResponse, ErrorResponse, ParseRequest, ParseResponse
from model.predictor import Utterance

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


@router.post("/parse", response_model=ParseResponse, responses=ERRORS)
def parse(body: ParseRequest, predictor: PredictorDep, settings: SettingsDep) -> JsonResponse:
    """Tag one text (or token list): a distribution over slot labels per token, slots and intent."""
    if body.tokens is not None:
        if any(not t or any(ch.isspace() for ch in t) for t in body.tokens):
            raise ApiError(422, "invalid_tokens", "tokens must be non-empty strings without spaces")
        utterance = Utterance.from_tokens(body.tokens)
    else:
        utterance = Utterance.from_text(body.text or "")
    [result] = predictor.parse([checked_utterance(utterance, settings, "text")], top_k=body.top_k)
    return JsonResponse(result)


@router.post("/parse/batch", response_model=BatchResponse, responses=ERRORS)
def parse_batch(body: BatchRequest, predictor: PredictorDep, settings: SettingsDep) -> JsonResponse:
    """Tag many texts in one forward pass; results come back in the order sent."""
    if len(body.texts) > settings.max_batch_texts:
        raise ApiError(
            413, "too_many_texts", f"{len(body.texts)} texts; the limit is max_batch_texts={settings.max_batch_texts}"
        )
    utterances = [checked_utterance(Utterance.from_text(t), settings, f"texts[{i}]") for i, t in enumerate(body.texts)]
    return JsonResponse({"results": predictor.parse(utterances, top_k=body.top_k)})
