"""app.validation: the checks beyond the schema, each refused with a named code and message."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.errors import ApiError
from app.main import create_app
from app.schemas import BatchRequest, ParseRequest
from app.validation import answer_shape, batch_utterances, request_utterance
from model.answers import AnswerShape
from model.tokenizer import Tokenizer

SETTINGS = Settings()
ATIS = Tokenizer()


def refusal(call, *args) -> ApiError:
    with pytest.raises(ApiError) as refused:
        call(*args)
    return refused.value


def test_answer_shape():
    assert answer_shape(None, False) == AnswerShape()
    assert answer_shape(3, False) == AnswerShape(top_k=3)
    assert answer_shape(None, True) == AnswerShape(compact=True)
    error = refusal(answer_shape, 3, True)
    assert (error.status, error.code) == (422, "invalid_request")
    assert "top_k or compact" in error.message


def test_text_or_tokens_become_an_utterance():
    utterance = request_utterance(ParseRequest(text="Flights to Denver"), SETTINGS, ATIS)
    assert utterance.text == "Flights to Denver" and [t.text for t in utterance.tokens] == ["flights", "to", "denver"]
    utterance = request_utterance(ParseRequest(tokens=["flights", "to", "Denver"]), SETTINGS, ATIS)
    assert utterance.text == "flights to Denver" and [(t.start, t.end) for t in utterance.tokens][-1] == (11, 17)


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({}, "invalid_request", "give exactly one of 'text' or 'tokens'"),
        ({"text": "a", "tokens": ["a"]}, "invalid_request", "give exactly one of 'text' or 'tokens'"),
        ({"text": ""}, "no_tokens", "text has no words to tag"),
        ({"text": " \t\n "}, "no_tokens", "no words to tag"),
        ({"text": "?!.,;:"}, "no_tokens", "no words to tag"),
        ({"text": "\U0001f6eb\u2708\ufe0f"}, "no_tokens", "no words to tag"),
        ({"tokens": []}, "no_tokens", "no words to tag"),
        ({"tokens": ["a b"]}, "invalid_tokens", "without spaces"),
        ({"tokens": ["boston", ""]}, "invalid_tokens", "non-empty"),
        ({"text": "a " * 201}, "too_many_tokens", "201 tokens; the limit is max_tokens=200"),
        ({"text": "b" * 2001}, "text_too_long", "2001 characters; the limit is max_text_chars=2000"),
        ({"text": "a " * 10_000}, "text_too_long", "max_text_chars=2000"),
        ({"tokens": ["a"] * 10_000}, "text_too_long", "max_text_chars=2000"),
    ],
)
def test_refused_utterances(body: dict, code: str, message: str):
    error = refusal(request_utterance, ParseRequest(**body), SETTINGS, ATIS)
    assert (error.status, error.code) == (422, code)
    assert message in error.message


def test_limits_are_the_settings_given():
    error = refusal(request_utterance, ParseRequest(text="flights to denver"), Settings(max_tokens=2), ATIS)
    assert error.code == "too_many_tokens" and "max_tokens=2" in error.message
    error = refusal(request_utterance, ParseRequest(text="denver"), Settings(max_text_chars=5), ATIS)
    assert error.code == "text_too_long" and "max_text_chars=5" in error.message


def test_batch_errors_name_the_text():
    assert len(batch_utterances(BatchRequest(texts=["boston", "to denver"]), SETTINGS, ATIS)) == 2
    error = refusal(batch_utterances, BatchRequest(texts=["boston", "!!"]), SETTINGS, ATIS)
    assert (error.status, error.code) == (422, "no_tokens") and error.message.startswith("texts[1] ")
    error = refusal(batch_utterances, BatchRequest(texts=["boston"] * 3), Settings(max_batch_texts=2), ATIS)
    assert (error.status, error.code) == (413, "too_many_texts") and "max_batch_texts=2" in error.message


# ---- through HTTP: every route that takes a text applies the same checks ----


@pytest.mark.parametrize("path", ["/v1/parse", "/v1/explain"])
@pytest.mark.parametrize(
    ("body", "code"),
    [({}, "invalid_request"), ({"text": " ?! "}, "no_tokens"), ({"tokens": ["a b"]}, "invalid_tokens")],
)
def test_routes_refuse_with_the_same_codes(client: TestClient, path: str, body: dict, code: str):
    response = client.post(path, json=body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code


def test_compact_with_top_k_is_refused_by_both_parse_routes(client: TestClient):
    for path, body in (("/v1/parse", {"text": "boston"}), ("/v1/parse/batch", {"texts": ["boston"]})):
        response = client.post(path, json={**body, "compact": True, "top_k": 3})
        assert response.status_code == 422, path
        assert "top_k or compact" in response.json()["error"]["message"]


def test_batch_route_names_the_text(client: TestClient):
    response = client.post("/v1/parse/batch", json={"texts": ["boston", "!!"]})
    assert response.status_code == 422 and "texts[1]" in response.json()["error"]["message"]
    response = client.post("/v1/parse/batch", json={"texts": ["boston"] * 300})
    assert response.status_code == 413 and "max_batch_texts=256" in response.json()["error"]["message"]


def test_limits_come_from_the_settings_the_app_was_made_with():
    with TestClient(create_app(Settings(max_tokens=3, max_batch_texts=2))) as strict:
        response = strict.post("/v1/parse", json={"text": "flights from boston to denver"})
        assert response.status_code == 422 and "max_tokens=3" in response.json()["error"]["message"]
        response = strict.post("/v1/parse/batch", json={"texts": ["boston", "denver", "dallas"]})
        assert response.status_code == 413 and "max_batch_texts=2" in response.json()["error"]["message"]
