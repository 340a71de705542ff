"""Prometheus metrics: request counts and latencies by route template and status, and the served model.

The middleware labels each request with the route's path template (``/v1/parse``, never the raw URL),
so the number of series stays bounded: a URL that matches no route counts as ``<unmatched>``.

Several uvicorn workers (``slotfill serve --workers N``) are several processes, each with its own
counters. Set ``PROMETHEUS_MULTIPROC_DIR`` to an empty folder, writable by the service, before the
workers start (the Docker image does, and empties it at every start): each worker then writes its values
there and ``/metrics`` reports the sum over all workers, whichever worker answers the scrape. Without it,
``/metrics`` reports the counters of the one worker that answered.
"""

from __future__ import annotations

import os
import re
import time
import weakref
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.routing import Match, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if MULTIPROC_DIR:
    # Each metric below opens its file in this folder as it is made: the folder must exist first.
    os.makedirs(MULTIPROC_DIR, exist_ok=True)

UNMATCHED = "<unmatched>"
# Fine steps at the low end, where one sentence's parse falls; batches and cold starts reach the top ones.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "slotfill_http_requests",
    "HTTP requests answered, by method, route template and status code.",
    ["method", "endpoint", "status"],
)
LATENCY = Histogram(
    "slotfill_http_request_duration_seconds",
    "Time from receiving a request to sending the end of its response, by method, route template and status.",
    ["method", "endpoint", "status"],
    buckets=LATENCY_BUCKETS,
)
MODEL_INFO = Gauge(
    "slotfill_model_info",
    "The checkpoint this process serves (always 1): its name and version (first 12 hex digits of the weights' sha256).",
    ["name", "version"],
    multiprocess_mode="max",
)


def set_model_info(name: str, version: str) -> None:
    """Record the served model (call once the checkpoint is loaded)."""
    MODEL_INFO.clear()
    MODEL_INFO.labels(name=name, version=version).set(1)


def route_template(scope: Scope, routed: Scope | None = None) -> str:
    """The path template of the route that answered (or would have answered) this request.

    ``scope`` is the request's scope as it came in; ``routed`` is the same after the app has handled it
    (the router adds the matched route to it, and a mount rewrites its root path).
    """
    template = getattr((routed or scope).get("route"), "path", None)  # FastAPI's router sets it on its routes
    if isinstance(template, str):
        return template
    app = scope.get("app")
    # Plain Starlette routes and mounts (/docs, /openapi.json, /static) do not set scope["route"].
    for route in getattr(app, "routes", ()):
        path = getattr(route, "path", None)
        if isinstance(path, str) and route.matches(scope)[0] != Match.NONE:
            return path
    # Refused before routing (e.g. by the body-size limit): find the API route it was meant for.
    path = scope.get("path", "")
    for pattern, template in _api_templates(app):
        if pattern.match(path):
            return template
    return UNMATCHED


_TEMPLATES: weakref.WeakKeyDictionary[Any, list[tuple[re.Pattern[str], str]]] = weakref.WeakKeyDictionary()


def _api_templates(app: Any) -> list[tuple[re.Pattern[str], str]]:
    """(regex, template) for every path in the app's OpenAPI schema, computed once per app."""
    if app is None or not hasattr(app, "openapi"):
        return []
    if app not in _TEMPLATES:
        _TEMPLATES[app] = [(compile_path(template)[0], template) for template in app.openapi().get("paths", {})]
    return _TEMPLATES[app]


class PrometheusMiddleware:
    """Pure ASGI middleware: counts and times every HTTP request by method, route template and status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        request_scope = dict(scope)  # routing changes the scope in place; keep it as it came in
        status = 500  # what the client gets if the app raises before it answers

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            labels = {
                "method": scope["method"],
                "endpoint": route_template(request_scope, scope),
                "status": str(status),
            }
            REQUESTS.labels(**labels).inc()
            LATENCY.labels(**labels).observe(time.perf_counter() - start)


def render_latest() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, summed over workers in multiprocess mode."""
    registry: Any = REGISTRY
    if MULTIPROC_DIR:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry), CONTENT_TYPE_LATEST
