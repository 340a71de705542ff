"""Typed dependencies for route functions."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, Request

from app.config import Settings
from app.errors import ApiError
from model.predictor import Predictor


def get_predictor(request: Request) -> Predictor:
    predictor: Predictor | None = getattr(request.app.state, "predictor", None)
    if predictor is None:
        raise ApiError(503, "not_ready", "the model is not loaded yet")
    return predictor


async def app_settings(request: Request) -> Settings:
    """The settings the app was created with (async: no thread-pool hop on the hot path)."""
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


PredictorDep = Annotated[Predictor, Depends(get_predictor)]
SettingsDep = Annotated[Settings, Depends(app_settings)]
