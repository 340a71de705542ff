"""app.errors: every refusal is {"error": {"code", "message"}}, documented once for every /v1 operation,
and an unexpected failure is a 500 that names no internals."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.errors import ERROR_RESPONSES, install_error_handlers


def post_raw(client: TestClient, content: bytes):
    return client.post("/v1/parse", content=content, headers={"content-type": "application/json"})


@pytest.mark.parametrize(
    ("name", "content", "status", "code", "message"),
    [
        ("invalid JSON", b'{"text": "boston"', 422, "invalid_request", "JSON"),
        ("not JSON at all", b"{not json", 422, "invalid_request", "JSON"),
        ("invalid UTF-8", b'{"text": "bost\xff\xfeon"}', 400, "invalid_body", "UTF-8"),
    ],
)
def test_unreadable_bodies(client: TestClient, name: str, content: bytes, status: int, code: str, message: str):
    response = post_raw(client, content)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert message in response.json()["error"]["message"]


def test_unknown_route_and_wrong_method_are_json(client: TestClient):
    response = client.get("/nope")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = client.get("/v1/parse")
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"
    assert response.headers["allow"] == "POST"  # the header Starlette set survives the JSON body


def test_unexpected_failure_is_a_500_without_internals():
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/fails")
    def fails() -> None:
        raise RuntimeError("secret detail from deep inside")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/fails")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": "internal error; see the server log"}}


def test_every_v1_operation_documents_the_error_answers(client: TestClient):
    spec = client.get("/openapi.json").json()
    for path in ("/v1/parse", "/v1/parse/batch", "/v1/explain"):
        responses = spec["paths"][path]["post"]["responses"]
        assert {str(status) for status in ERROR_RESPONSES} <= set(responses), path
        for status in ERROR_RESPONSES:
            schema = responses[str(status)]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (path, status)
    for path in ("/readyz", "/v1/model"):
        assert "503" in spec["paths"][path]["get"]["responses"], path


HOSTILE = [
    {"text": ""},
    {"text": "?!.,;:"},
    {"text": "a " * 10_000},
    {"tokens": ["a"] * 10_000},
    {"text": 12},
    {"tokens": ["boston", 3]},
    {},
    {"text": "boston", "tokens": ["boston"]},
    {"text": "boston", "top_k": 10**12},
    {"text": "boston", "compact": True, "top_k": 2},
    ["boston"],
]


def test_server_still_answers_after_hostile_input(client: TestClient):
    for body in HOSTILE:
        response = client.post("/v1/parse", json=body)
        assert 400 <= response.status_code < 500, (body, response.text)
        assert set(response.json()["error"]) == {"code", "message"}
    response = client.post("/v1/parse", json={"text": "flights from boston to denver"})
    assert response.status_code == 200
    assert {s["name"] for s in response.json()["slots"]} == {"fromloc.city_name", "toloc.city_name"}
