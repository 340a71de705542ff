"""Request and response bodies of the HTTP API (also what /docs shows).

Declarations only: pydantic refuses wrong types, unknown fields and out-of-range values; the checks
that need two fields at once or the service's settings are in app/validation.py.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

TopK = Annotated[int | None, Field(None, ge=1, le=10_000, description="return only the k most likely labels per token")]
Compact = Annotated[
    bool,
    Field(
        False,
        strict=True,  # true or false only: 0, 1 and "yes" are refused, as the schema says
        description="every token's full distribution as an array `probabilities` in the order of the answer's "
        "`labels` (listed once) instead of a label -> probability mapping: about a third of the bytes; "
        "takes no top_k",
    ),
]


class ParseRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"text": "I'd like to fly from Boston to Denver on Monday morning"},
                {"tokens": ["flights", "from", "boston", "to", "denver"], "top_k": 3},
            ]
        },
    )

    text: str | None = Field(None, description="raw text, tokenised like the training data; give text or tokens")
    tokens: list[str] | None = Field(None, description="pre-tokenised input, used as given (lower-cased)")
    top_k: TopK = None
    compact: Compact = False


class BatchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"texts": ["flights from boston to denver", "what is fare code h"], "top_k": 3}]
        },
    )

    texts: list[str] = Field(..., min_length=1, description="raw texts, answered in the same order")
    top_k: TopK = None
    compact: Compact = False


class TokenResult(BaseModel):
    text: str = Field(..., description="the token as the model read it (normalised)")
    start: int = Field(..., description="offset of the token's first character in the text")
    end: int = Field(..., description="offset just past the token's last character")
    label: str = Field(..., description="most likely slot label")
    confidence: float = Field(..., description="probability of `label`")
    distribution: dict[str, float] | None = Field(
        None, description="label -> probability (all labels, or the top_k); absent in a compact answer"
    )
    probabilities: list[float] | None = Field(
        None, description="compact answers only: every label's probability, in the order of `labels`"
    )


class SlotResult(BaseModel):
    name: str
    value: str = Field(..., description="the span as typed")
    start: int
    end: int
    confidence: float = Field(..., description="probability that every token of the span has its label")


class IntentScore(BaseModel):
    name: str
    confidence: float


class IntentResult(IntentScore):
    name: str = Field(
        ..., description='the most likely intent, or "out_of_scope" when `in_domain` is under the service\'s threshold'
    )
    confidence: float = Field(..., description="its probability (for out_of_scope: 1 - in_domain)")
    ranking: list[IntentScore] = Field(..., description="the model's intents, most likely first (never out_of_scope)")


class ModelInfo(BaseModel):
    name: str
    version: str


class ParseResponse(BaseModel):
    text: str
    labels: list[str] | None = Field(None, description="compact answers only: the labels `probabilities` follow")
    tokens: list[TokenResult]
    slots: list[SlotResult]
    intent: IntentResult
    in_domain: float | None = Field(
        ...,
        description="calibrated probability that the text is a request of the model's own domain (null for a "
        "model trained without an in-domain head)",
    )
    model: ModelInfo


class BatchResponse(BaseModel):
    labels: list[str] | None = Field(
        None, description="compact answers only: the labels every token's `probabilities` follow (once for all results)"
    )
    results: list[ParseResponse]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


class GateStats(BaseModel):
    """One direction of the first LSTM layer at one token, after reading it."""

    input: float = Field(..., ge=0, le=1, description="mean input gate i over the hidden units: how much is written")
    forget: float = Field(..., ge=0, le=1, description="mean forget gate f: how much of the old memory is kept")
    output: float = Field(..., ge=0, le=1, description="mean output gate o: how much of the memory is shown")
    cell_norm: float = Field(..., ge=0, description="Euclidean norm of the memory cell c")


class ExplainToken(BaseModel):
    text: str = Field(..., description="the token as the model read it (normalised)")
    start: int
    end: int
    forward: GateStats = Field(..., description="left-to-right direction, having read up to this token")
    backward: GateStats | None = Field(..., description="right-to-left direction (null for a one-way model)")


class ExplainResponse(BaseModel):
    text: str
    layer: int = Field(..., description="which LSTM layer is shown (always the first, 0)")
    hidden_size: int = Field(..., description="memory cells per direction; gate values are means over them")
    tokens: list[ExplainToken]
    model: ModelInfo
