"""Wires the service: settings, model loading at start-up, routes, error handlers, body limit."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import torch
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import Settings, get_settings
from app.deps import require_api_key
from app.errors import ERROR_RESPONSES, install_error_handlers
from app.kernels import choose_onednn
from app.limits import BodySizeLimit
from app.memory import map_large_blocks, release_free_memory
from app.metrics import PrometheusMiddleware, set_model_info
from app.parsing import make_parser
from app.routes import docs, explain, health, page, parse
from app.routes import metrics as metrics_routes
from model.checkpoint import load_checkpoint
from model.predictor import Predictor
from world.resolve import Resolver

log = logging.getLogger("slotfill")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        torch.set_num_threads(settings.torch_threads)
        map_large_blocks()  # before the model and the first batches allocate (app/memory.py)
        predictor = Predictor(load_checkpoint(settings.model), settings.in_domain_threshold)
        onednn = choose_onednn(predictor, settings.onednn)  # app/kernels.py
        log.info("the model's LSTM runs on %s kernels", "oneDNN's" if onednn else "PyTorch's own")
        # First calls allocate and fill caches: make them before traffic, a realistic request for both stages.
        [warm] = predictor.parse([predictor.tokenizer.given(["from", "boston", "to", "denver", "tomorrow"])])
        if settings.resolve:
            resolver = Resolver.load()
            resolver.resolve(warm)
            app.state.resolver = resolver
        # Start-up objects live for ever, the places and airlines tables among them: keep the collector
        # from rescanning them (long pauses otherwise), once what loading them left behind is collected and
        # its pages handed back (app/memory.py).
        gc.collect()
        gc.freeze()
        release_free_memory()
        set_model_info(predictor.checkpoint.name, predictor.checkpoint.version)
        parser = make_parser(predictor, settings)  # batched or not, as settings.batching says (app/parsing.py)
        await parser.start()
        app.state.parser = parser  # from here on the service is ready (app/deps.py: get_parser)
        yield
        app.state.parser = None  # not ready while stopping: a late request gets 503, not a half-stopped model
        await parser.stop()
        app.state.resolver = None

    app = FastAPI(
        title="slotfill",
        description="Slot filling for flight-booking requests: per-token label distributions, slots and intent.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # /docs and /redoc come from app/routes/docs.py, without a CDN
        redoc_url=None,
    )
    app.state.parser = None
    app.state.resolver = None
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
    # Added last, so outermost: it also counts requests that the body-size limit refuses.
    app.add_middleware(PrometheusMiddleware)

    protected = [Depends(require_api_key)]
    app.include_router(health.router)
    app.include_router(parse.router, dependencies=protected, responses=ERROR_RESPONSES)
    app.include_router(explain.router, dependencies=protected, responses=ERROR_RESPONSES)
    app.include_router(metrics_routes.router)
    app.include_router(page.router)
    app.mount("/static", page.static_files(), name="static")
    app.include_router(docs.router)
    app.mount(docs.ASSETS_URL, docs.static_files(), name="docs-assets")
    return app


app = create_app()
