"""Liveness, readiness and what model is served."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from app.deps import PredictorDep
from app.errors import JsonResponse, error_response

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive (says nothing about the model)."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "model not loaded yet"}})
def readyz(request: Request) -> JsonResponse:
    """200 once the model is loaded and warmed up, 503 before."""
    if getattr(request.app.state, "predictor", None) is None:
        return error_response(503, "not_ready", "the model is not loaded yet")
    return JsonResponse({"status": "ready"})


@router.get("/v1/model")
def model_info(predictor: PredictorDep) -> dict[str, Any]:
    """The served checkpoint: config, labels, intents, metrics, weights sha256."""
    return predictor.checkpoint.describe()
