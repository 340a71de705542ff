"""app.deps: the one readiness check (503 until the model is loaded) and the API key."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


def test_before_start_up_every_model_route_is_not_ready():
    """No lifespan has run (no `with`): the parser is not there yet."""
    not_started = TestClient(create_app(Settings()))
    for method, path, body in [
        ("GET", "/readyz", None),
        ("GET", "/v1/model", None),
        ("POST", "/v1/parse", {"text": "boston"}),
        ("POST", "/v1/parse/batch", {"texts": ["boston"]}),
        ("POST", "/v1/explain", {"text": "boston"}),
    ]:
        response = not_started.request(method, path, json=body)
        assert response.status_code == 503, path
        assert response.json()["error"] == {"code": "not_ready", "message": "the model is not loaded yet"}
    assert not_started.get("/healthz").status_code == 200  # alive all the same


@pytest.fixture(scope="module")
def keyed() -> TestClient:
    with TestClient(create_app(Settings(api_key="s3cret"))) as client:
        yield client


@pytest.mark.parametrize("headers", [{}, {"x-api-key": "nope"}, {"x-api-key": "s3cret "}])
def test_api_key_refused(keyed: TestClient, headers: dict[str, str]):
    for path, body in (("/v1/parse", {"text": "boston"}), ("/v1/explain", {"text": "boston"})):
        response = keyed.post(path, json=body, headers=headers)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "unauthorized"


def test_api_key_accepted_and_probes_stay_open(keyed: TestClient):
    assert keyed.post("/v1/parse", json={"text": "boston"}, headers={"x-api-key": "s3cret"}).status_code == 200
    for path in ("/healthz", "/readyz", "/v1/model", "/metrics"):
        assert keyed.get(path).status_code == 200, path
