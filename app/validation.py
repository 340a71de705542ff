"""Every check a request gets beyond its schema's types and ranges, in one place and one wording.

``app/schemas.py`` declares the fields (pydantic refuses wrong types and out-of-range values);
what needs two fields at once, or the service's settings, is checked here and refused with a
named ``ApiError``. ``model.answers.AnswerShape`` keeps its own guard for callers that are not HTTP.
"""

from __future__ import annotations

from app.config import Settings
from app.errors import ApiError
from app.schemas import BatchRequest, ParseRequest
from model.answers import AnswerShape
from model.tokenizer import Tokenizer, Utterance


def answer_shape(top_k: int | None, compact: bool) -> AnswerShape:
    """How the answer writes each distribution; a compact answer carries every label, so no top_k."""
    if compact and top_k is not None:
        raise ApiError(422, "invalid_request", "give top_k or compact, not both: a compact answer carries every label")
    return AnswerShape(top_k, compact)


def request_utterance(body: ParseRequest, settings: Settings, tokenizer: Tokenizer) -> Utterance:
    """The text or token list of a /v1/parse or /v1/explain body, cut by the served model's
    tokenizer, within the limits."""
    if body.text is not None and body.tokens is None:
        utterance = tokenizer.utterance(body.text)
    elif body.tokens is not None and body.text is None:
        if any(not t or any(ch.isspace() for ch in t) for t in body.tokens):
            raise ApiError(422, "invalid_tokens", "tokens must be non-empty strings without spaces")
        utterance = tokenizer.given(body.tokens)
    else:
        raise ApiError(422, "invalid_request", "give exactly one of 'text' or 'tokens'")
    return _within_limits(utterance, settings, "text")


def batch_utterances(body: BatchRequest, settings: Settings, tokenizer: Tokenizer) -> list[Utterance]:
    """The texts of a /v1/parse/batch body, each within the limits; an error names the text."""
    if len(body.texts) > settings.max_batch_texts:
        raise ApiError(
            413, "too_many_texts", f"{len(body.texts)} texts; the limit is max_batch_texts={settings.max_batch_texts}"
        )
    return [_within_limits(tokenizer.utterance(t), settings, f"texts[{i}]") for i, t in enumerate(body.texts)]


def _within_limits(utterance: Utterance, settings: Settings, where: str) -> Utterance:
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
