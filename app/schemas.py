"""Request and response bodies of the HTTP API (also what /docs shows).

Declarations only: pydantic refuses wrong types, unknown fields and out-of-range values; the checks
that need two fields at once or the service's settings are in app/validation.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from world.frame import EXAMPLE_BOSTON, EXAMPLE_FRAME

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


def _iso_with_offset(value: object) -> object:
    """ISO 8601 text with a UTC offset, and nothing else: pydantic alone would also take a Unix time
    (a number, or digits in a string) and word its refusals after its own formats."""
    if value is None or (isinstance(value, datetime) and value.utcoffset() is not None):
        return value
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.utcoffset() is not None:
                return parsed
    raise PydanticCustomError(
        "datetime_with_offset",
        "Input should be an ISO 8601 date and time with a UTC offset, like 2026-11-29T23:30:00-09:00",
    )


ReferenceTime = Annotated[
    AwareDatetime | None,
    BeforeValidator(_iso_with_offset),
    Field(
        None,
        description='the moment relative dates and times are read from ("tomorrow", "next friday"), as ISO 8601 '
        "with a UTC offset: the offset says whose tomorrow it is; default the server's current time in UTC",
        examples=["2026-11-29T23:30:00-09:00"],
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
    reference_time: ReferenceTime = None


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
    reference_time: ReferenceTime = None  # one moment for every text: "tomorrow" is the same day throughout


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


class PlaceMatch(BaseModel):
    name: str = Field(..., description="the known name the slot's text was matched to")
    score: float = Field(..., ge=0, le=100, description="how close the match is, 0 to 100 (100: exact)")
    fuzzy: bool = Field(..., description="true when the text was matched despite a misspelling")


class Place(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_BOSTON]})

    name: str
    country: str | None = Field(None, description="its country")
    airports: list[str] = Field(..., description="IATA codes of the place's airports, most likely first")
    city_code: str | None = Field(None, description="IATA metropolitan code that covers all its airports")
    tz: str | None = Field(None, description="IANA time zone")
    lat: float | None = None
    lon: float | None = None
    match: PlaceMatch | None = Field(None, description="on a slot's place: how the slot's text was recognised")


class FrameLocation(BaseModel):
    text: str = Field(..., description="the place as typed")
    place: Place | None = Field(..., description="null when the name is unknown")
    airports: list[str] = Field(..., description="IATA codes to search, most likely first")
    confidence: float = Field(..., description="how sure the tagger and the place lookup are together (0 to 1)")


class FrameLeg(BaseModel):
    date: str | None = Field(..., description="YYYY-MM-DD, relative dates read from `reference_time`")
    earliest: str | None = Field(..., description="HH:MM, local time at the airport, or null")
    latest: str | None = Field(..., description="HH:MM, local time at the airport, or null")
    text: str = Field(..., description="the words the date and times were read from")
    confidence: float = Field(..., description="0 to 1")


class FrameAirline(BaseModel):
    text: str = Field(..., description="the airline as typed")
    name: str | None = Field(..., description="null when the airline is unknown")
    code: str | None = Field(..., description="IATA code")
    confidence: float = Field(..., description="0 to 1")


class MaxPrice(BaseModel):
    amount: float
    currency: str = Field(..., description="ISO 4217 code")


class Frame(BaseModel):
    """What a booking system needs to act on the request, read from the slots."""

    model_config = ConfigDict(populate_by_name=True, json_schema_extra={"examples": [EXAMPLE_FRAME]})

    reference_time: str = Field(..., description="the moment relative dates were read from, ISO 8601")
    intent: str
    origin: FrameLocation | None
    destination: FrameLocation | None
    stops: list[FrameLocation] = Field(..., description="places to stop over at, in order")
    depart: FrameLeg | None
    arrive: FrameLeg | None
    # "return" is a Python keyword: the field is return_ in code, "return" on the wire.
    return_: FrameLeg | None = Field(..., alias="return")
    airline: FrameAirline | None
    cabin: Literal["first", "business", "premium_economy", "economy"] | None
    round_trip: bool | None = Field(..., description="true for a return trip, false for one way, null unsaid")
    nonstop: bool | None = Field(..., description="true when the request asks for nonstop flights, else null")
    max_price: MaxPrice | None


class SlotResult(BaseModel):
    name: str
    value: str = Field(..., description="the span as typed")
    start: int
    end: int
    confidence: float = Field(..., description="probability that every token of the span has its label")
    place: Place | None = Field(
        None,
        description="place slots only (city, airport, state, country), when the service resolves places: the "
        "place and its airports, or null when the name is unknown",
    )


class IntentScore(BaseModel):
    name: str
    confidence: float


class IntentResult(IntentScore):
    name: str = Field(
        ...,
        description='the most likely intent, or "out_of_scope" when `in_domain` is under the service\'s threshold '
        "and, when the service resolves answers (SLOTFILL_RESOLVE, on by default), the text names no route the "
        "tagger is sure of (an origin and a destination with airports)",
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
    frame: Frame | None = Field(
        None,
        description="the request as a booking: places, dates, airline, cabin... (null when out of scope; absent "
        "when the service runs with SLOTFILL_RESOLVE=false)",
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
