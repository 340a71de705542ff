"""Wires the service: settings, model loading at start-up, routes, error handlers, body limit."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import torch
from fastapi import FastAPI, Request, Response

from app.config import Settings, get_settings
from app.errors import error_response, install_error_handlers
from app.routes import health, parse
from model.checkpoint import load_checkpoint
from model.predictor import Predictor, Utterance


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        torch.set_num_threads(settings.torch_threads)
        predictor = Predictor(load_checkpoint(settings.model))
        predictor.parse([Utterance.from_text("flights from boston to denver")])  # warm-up
        # Start-up objects live for ever: keep the collector from rescanning them (long pauses otherwise).
        gc.freeze()
        app.state.predictor = predictor
        yield
        app.state.predictor = None

    app = FastAPI(
        title="slotfill",
        description="Slot filling for flight-booking requests: per-token label distributions, slots and intent.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.predictor = None
    install_error_handlers(app)

    @app.middleware("http")
    async def limit_body_size(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > settings.max_body_bytes):
            return error_response(413, "body_too_large", f"request body over max_body_bytes={settings.max_body_bytes}")
        return await call_next(request)

    app.include_router(health.router)
    app.include_router(parse.router)
    return app


app = create_app()
