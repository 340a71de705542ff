"""Liveness, readiness and what model is served."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.deps import ParserDep, PredictorDep
from app.errors import ERROR_RESPONSES, JsonResponse

router = APIRouter(tags=["health"])
NOT_READY: dict[int | str, dict[str, Any]] = {503: ERROR_RESPONSES[503]}


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is alive (says nothing about the model)."""
    return {"status": "ok"}


@router.get("/readyz", responses=NOT_READY)
async def readyz(_: ParserDep) -> JsonResponse:
    """200 once the model is loaded and warmed up, 503 before (the same check every model route makes)."""
    return JsonResponse({"status": "ready"})


@router.get("/v1/model", responses=NOT_READY)
async def model_info(predictor: PredictorDep) -> dict[str, Any]:
    """The served checkpoint: config, labels, intents, metrics, weights sha256."""
    return predictor.checkpoint.describe()
