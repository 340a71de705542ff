"""app.schemas: what the request bodies' declarations refuse (types, ranges, unknown fields), named."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.schemas import BatchRequest, ParseRequest

REFUSED = [
    ("text a number", {"text": 12}, "text: Input should be a valid string"),
    ("tokens a string", {"tokens": "boston"}, "tokens: Input should be a valid list"),
    ("tokens with a number", {"tokens": ["boston", 3]}, "tokens.1: Input should be a valid string"),
    ("top_k zero", {"text": "boston", "top_k": 0}, "top_k: Input should be greater than or equal to 1"),
    ("top_k negative", {"text": "boston", "top_k": -3}, "top_k: Input should be greater than or equal to 1"),
    ("top_k huge", {"text": "boston", "top_k": 10**12}, "top_k: Input should be less than or equal to 10000"),
    ("top_k a string", {"text": "boston", "top_k": "many"}, "top_k: Input should be a valid integer"),
    ("compact a number", {"text": "boston", "compact": 0}, "compact: Input should be a valid boolean"),
    ("compact a string", {"text": "boston", "compact": "yes"}, "compact: Input should be a valid boolean"),
    ("unknown field", {"text": "boston", "extra": 1}, "extra: Extra inputs are not permitted"),
    ("body a list", ["boston"], "Input should be a valid dictionary"),
]


@pytest.mark.parametrize(("name", "body", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_parse_body_refused_with_the_field_named(client: TestClient, name: str, body, message: str):
    response = client.post("/v1/parse", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert message in error["message"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"texts": []}, "texts: List should have at least 1 item"),
        ({"texts": "boston"}, "texts: Input should be a valid list"),
        ({"text": "boston"}, "texts: Field required"),
    ],
)
def test_batch_body_refused_with_the_field_named(client: TestClient, body: dict, message: str):
    response = client.post("/v1/parse/batch", json=body)
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]


def test_defaults():
    body = ParseRequest(text="boston")
    assert (body.tokens, body.top_k, body.compact) == (None, None, False)
    batch = BatchRequest(texts=["boston"])
    assert (batch.top_k, batch.compact) == (None, False)


def test_openapi_shows_the_examples(client: TestClient):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert "Boston to Denver" in str(schemas["ParseRequest"]["examples"])
    assert schemas["BatchRequest"]["examples"][0]["texts"]
