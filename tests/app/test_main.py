"""app.main: what start-up does (model, memory settings) and how the app is wired (CORS)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import app.main as main_module
from app.batching import Batcher
from app.config import Settings
from app.main import create_app


def test_start_up_fixes_the_mmap_threshold(monkeypatch: pytest.MonkeyPatch):
    calls = []
    monkeypatch.setattr(main_module, "map_large_blocks", lambda: calls.append(1) or True)
    with TestClient(main_module.create_app(Settings())) as started:
        assert started.get("/readyz").status_code == 200
    assert calls == [1]


def test_cors_is_off_unless_configured(client: TestClient):
    preflight = {"origin": "https://elsewhere.example", "access-control-request-method": "POST"}
    assert "access-control-allow-origin" not in client.options("/v1/parse", headers=preflight).headers
    with TestClient(create_app(Settings(cors_origins=["https://elsewhere.example"]))) as open_client:
        answer = open_client.options("/v1/parse", headers=preflight)
        assert answer.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_shutdown_stops_the_parser_and_readiness_goes():
    app = create_app(Settings(batching=True))
    with TestClient(app) as started:
        parser = app.state.parser
        assert isinstance(parser, Batcher) and parser.running
        assert started.get("/readyz").status_code == 200
    assert app.state.parser is None
    assert not parser.running
