"""Wires the service: settings, model loading at start-up, routes, error handlers, body limit."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import torch
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.batching import Batcher
from app.config import Settings, get_settings
from app.deps import require_api_key
from app.errors import ERROR_RESPONSES, install_error_handlers
from app.limits import BodySizeLimit
from app.memory import map_large_blocks
from app.metrics import PrometheusMiddleware, set_model_info
from app.routes import explain, health, page, parse
from app.routes import metrics as metrics_routes
from model.checkpoint import load_checkpoint
from model.predictor import Predictor
from model.tokenizer import Utterance


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        torch.set_num_threads(settings.torch_threads)
        map_large_blocks()  # before the model and the first batches allocate (app/memory.py)
        predictor = Predictor(load_checkpoint(settings.model))
        predictor.parse([Utterance.from_tokens(["warm", "up"])])  # first call allocates; do it before traffic
        # Start-up objects live for ever: keep the collector from rescanning them (long pauses otherwise).
        gc.freeze()
        app.state.predictor = predictor
        set_model_info(predictor.checkpoint.name, predictor.checkpoint.version)
        # /v1/parse requests that arrive together share one forward pass (app/batching.py).
        app.state.batcher = Batcher(predictor, settings.batching_max_size) if settings.batching else None
        if app.state.batcher is not None:
            await app.state.batcher.start()
        yield
        if app.state.batcher is not None:
            await app.state.batcher.stop()
        app.state.batcher = None
        app.state.predictor = None

    app = FastAPI(
        title="slotfill",
        description="Slot filling for flight-booking requests: per-token label distributions, slots and intent.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.predictor = None
    app.state.batcher = None
    app.state.settings = settings
    install_error_handlers(app)

    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:  # off unless configured: browsers on other origins may not call us
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["content-type", "x-api-key"],
        )
    protected = [Depends(require_api_key)]

    app.include_router(health.router)
    app.include_router(parse.router, dependencies=protected, responses=ERROR_RESPONSES)
    app.include_router(metrics_routes.router)
    # Added last, so outermost: it also counts requests that the body-size limit refuses.
    app.add_middleware(PrometheusMiddleware)
    app.include_router(explain.router, dependencies=protected, responses=ERROR_RESPONSES)
    app.include_router(page.router)
    app.mount("/static", page.static_files(), name="static")
    return app


app = create_app()
