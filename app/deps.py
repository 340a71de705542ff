"""Typed dependencies for route functions.

All are ``async``: FastAPI runs a plain-function dependency in its thread pool, a hop that would
cost /v1/parse, the hot path, more than the rest of the framework's work on it.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, Request

from app.config import Settings
from app.errors import ApiError
from app.parsing import Parser
from model.predictor import Predictor
from world.resolve import Resolver


async def get_parser(request: Request) -> Parser:
    """The served model (batched or not, as SLOTFILL_BATCHING says); 503 until it is loaded and warm.

    This is the service's one readiness check: /readyz answers with it too.
    """
    parser: Parser | None = request.app.state.parser
    if parser is None:
        raise ApiError(503, "not_ready", "the model is not loaded yet")
    return parser


async def get_predictor(parser: Annotated[Parser, Depends(get_parser)]) -> Predictor:
    """The model itself, for routes that run it directly (whole batches, explanations)."""
    return parser.predictor


async def get_resolver(request: Request) -> Resolver | None:
    """The stage after the model (places, dates, airline -> frame), or None when SLOTFILL_RESOLVE is off.

    Loaded at start-up before the parser, so a route that got past ``get_parser`` finds it there.
    """
    resolver: Resolver | None = request.app.state.resolver
    return resolver


async def app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def require_api_key(
    settings: Annotated[Settings, Depends(app_settings)],
    x_api_key: Annotated[str | None, Header(description="required when the server sets SLOTFILL_API_KEY")] = None,
) -> None:
    expected = settings.api_key
    if expected is not None and not (
        x_api_key is not None and secrets.compare_digest(x_api_key.encode(), expected.get_secret_value().encode())
    ):
        raise ApiError(401, "unauthorized", "missing or wrong X-API-Key header")


ParserDep = Annotated[Parser, Depends(get_parser)]
PredictorDep = Annotated[Predictor, Depends(get_predictor)]
ResolverDep = Annotated[Resolver | None, Depends(get_resolver)]
SettingsDep = Annotated[Settings, Depends(app_settings)]
