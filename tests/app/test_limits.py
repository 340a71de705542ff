"""app.limits.BodySizeLimit: a body over max_body_bytes is refused with 413, whether its Content-Length
says so up front or it streams in chunks past the limit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.errors import install_error_handlers
from app.limits import BodySizeLimit

LIMIT = 100


@pytest.fixture(scope="module")
def small() -> TestClient:
    """An echo app behind a 100-byte limit."""
    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=LIMIT)

    @app.post("/echo")
    def echo(body: dict[str, Any]) -> dict[str, Any]:
        return body

    return TestClient(app)


def body_of(size: int) -> bytes:
    """A JSON object of exactly ``size`` bytes."""
    padding = size - len(json.dumps({"x": ""}, separators=(",", ":")))
    return json.dumps({"x": "a" * padding}, separators=(",", ":")).encode()


def chunks(total: int, size: int = 30):
    data = body_of(total)
    for start in range(0, len(data), size):
        yield data[start : start + size]


def assert_refused(response) -> None:
    assert response.status_code == 413, response.text
    error = response.json()["error"]
    assert error["code"] == "body_too_large" and f"max_body_bytes={LIMIT}" in error["message"]


def test_up_to_the_limit_is_accepted(small: TestClient):
    response = small.post("/echo", content=body_of(LIMIT), headers={"content-type": "application/json"})
    assert response.status_code == 200 and len(response.json()["x"]) == LIMIT - 8


def test_over_the_limit_by_content_length(small: TestClient):
    assert_refused(small.post("/echo", content=body_of(LIMIT + 1), headers={"content-type": "application/json"}))


def test_a_content_length_that_is_not_a_number(small: TestClient):
    headers = {"content-type": "application/json", "content-length": "lots"}
    assert_refused(small.post("/echo", content=b"{}", headers=headers))


def test_chunked_within_the_limit_is_accepted(small: TestClient):
    response = small.post("/echo", content=chunks(LIMIT), headers={"content-type": "application/json"})
    assert response.status_code == 200


def test_chunked_over_the_limit_is_refused_mid_stream(small: TestClient):
    assert_refused(small.post("/echo", content=chunks(LIMIT * 5), headers={"content-type": "application/json"}))


# ---- the service, with its default limit ----


def test_service_refuses_big_bodies(client: TestClient):
    big = json.dumps({"text": "a" * 5_000_000}).encode()
    response = client.post("/v1/parse", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "max_body_bytes=1000000" in response.json()["error"]["message"]

    def streamed():
        for _ in range(30):
            yield b" " * 100_000

    response = client.post("/v1/parse", content=streamed(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "max_body_bytes" in response.json()["error"]["message"]
