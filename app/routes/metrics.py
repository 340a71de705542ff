"""GET /metrics: Prometheus' text format (requests by route template and status, latencies, model info)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.metrics import render_latest

router = APIRouter(tags=["metrics"])


@router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
def metrics() -> Response:
    """Counters and latency histograms per route template and status, and ``slotfill_model_info``."""
    body, content_type = render_latest()
    return Response(content=body, media_type=content_type)
