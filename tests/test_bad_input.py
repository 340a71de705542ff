"""Hostile and odd input: every case gets a deliberate answer, never a 500, and the server keeps going."""

import json
from unicodedata import normalize

import pytest
from fastapi.testclient import TestClient


def post(client: TestClient, body=None, content: bytes | None = None):
    if content is not None:
        return client.post("/v1/parse", content=content, headers={"content-type": "application/json"})
    return client.post("/v1/parse", json=body)


REJECTED = [
    ("empty string", {"text": ""}, 422, "no words to tag"),
    ("whitespace only", {"text": " \t\n "}, 422, "no words to tag"),
    ("punctuation only", {"text": "?!.,;:"}, 422, "no words to tag"),
    ("emoji only", {"text": "\U0001f6eb\u2708\ufe0f"}, 422, "no words to tag"),
    ("10,000 tokens", {"text": "a " * 10_000}, 422, "max_text_chars=2000"),
    ("10,000 pre-split tokens", {"tokens": ["a"] * 10_000}, 422, "max_text_chars=2000"),
    ("201 tokens", {"text": "a " * 201}, 422, "max_tokens=200"),
    ("text a number", {"text": 12}, 422, "text: Input should be a valid string"),
    ("tokens a string", {"tokens": "boston"}, 422, "tokens: Input should be a valid list"),
    ("tokens with a number", {"tokens": ["boston", 3]}, 422, "tokens.1: Input should be a valid string"),
    ("missing fields", {}, 422, "give exactly one of 'text' or 'tokens'"),
    ("both text and tokens", {"text": "boston", "tokens": ["boston"]}, 422, "give exactly one"),
    ("empty tokens", {"tokens": []}, 422, "no words to tag"),
    ("top_k zero", {"text": "boston", "top_k": 0}, 422, "top_k"),
    ("top_k negative", {"text": "boston", "top_k": -3}, 422, "top_k"),
    ("top_k huge", {"text": "boston", "top_k": 10**12}, 422, "top_k"),
    ("top_k a string", {"text": "boston", "top_k": "many"}, 422, "top_k"),
    ("body a list", ["boston"], 422, "Input should be a valid dictionary"),
]


@pytest.mark.parametrize(("name", "body", "status", "message"), REJECTED, ids=[r[0] for r in REJECTED])
def test_rejected_with_a_named_reason(client: TestClient, name, body, status, message):
    response = post(client, body)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("name", "content", "status", "message"),
    [
        ("invalid JSON", b'{"text": "boston"', 422, "JSON"),
        ("invalid UTF-8", b'{"text": "bost\xff\xfeon"}', 400, "UTF-8"),
        ("5 MB body", json.dumps({"text": "a" * 5_000_000}).encode(), 413, "max_body_bytes"),
    ],
)
def test_raw_bodies(client: TestClient, name, content, status, message):
    response = post(client, content=content)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]


ODD_BUT_FINE = [
    ("control characters", "flights\x07 from\x1b boston\x0b to denver", ["flights", "from", "boston", "to", "denver"]),
    ("NUL", "flights from\x00boston to denver", ["flights", "from", "boston", "to", "denver"]),
    ("emoji", "flights \U0001f6eb from boston \U0001f60a to denver", ["flights", "from", "boston", "to", "denver"]),
    (
        "right-to-left text",
        "flights from boston to \u05ea\u05dc \u05d0\u05d1\u05d9\u05d1",
        ["flights", "from", "boston", "to", "\u05ea\u05dc", "\u05d0\u05d1\u05d9\u05d1"],
    ),
    ("right-to-left marks", "\u202eflights from boston\u202c to denver", ["flights", "from", "boston", "to", "denver"]),
    (
        "zero-width joiners",
        "flights\u200d from boston to den\u200bver",
        ["flights", "from", "boston", "to", "den", "ver"],
    ),
    (
        "combining marks",
        "flights from sa\u0303o paulo to denver",
        ["flights", "from", "sa\u0303o", "paulo", "to", "denver"],
    ),
]


@pytest.mark.parametrize(("name", "text", "tokens"), ODD_BUT_FINE, ids=[r[0] for r in ODD_BUT_FINE])
def test_odd_characters_are_tagged(client: TestClient, name, text, tokens):
    response = post(client, {"text": text, "top_k": 2})
    assert response.status_code == 200, response.text
    result = response.json()
    assert [t["text"] for t in result["tokens"]] == [normalize("NFKC", t.lower()) for t in tokens]
    for token in result["tokens"]:  # offsets still cut the token out of the text as sent
        assert normalize("NFKC", text[token["start"] : token["end"]].lower()) == token["text"]


def test_very_long_single_token_is_tagged(client: TestClient):
    response = post(client, {"text": "x" * 1999})
    assert response.status_code == 200
    assert len(response.json()["tokens"]) == 1


def test_server_still_answers_after_the_matrix(client: TestClient):
    for _, body, _, _ in REJECTED:
        post(client, body)
    response = post(client, {"text": "flights from boston to denver"})
    assert response.status_code == 200
    assert {s["name"] for s in response.json()["slots"]} == {"fromloc.city_name", "toloc.city_name"}
