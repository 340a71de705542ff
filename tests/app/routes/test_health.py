"""GET /healthz, /readyz and /v1/model."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


def test_health_ready_and_model(client: TestClient):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}
    info = client.get("/v1/model").json()
    assert len(info["weights_sha256"]) == 64 and info["version"] == info["weights_sha256"][:12]
    assert "O" in info["labels"] and "atis_flight" in info["intents"]
    assert info["training"]["metrics"]["test"]["slot_f1"] > 90


def test_not_ready_before_the_model_is_loaded():
    not_started = TestClient(create_app(Settings()))  # no `with`: start-up has not run
    assert not_started.get("/healthz").status_code == 200
    response = not_started.get("/readyz")
    assert response.status_code == 503 and response.json()["error"]["code"] == "not_ready"
