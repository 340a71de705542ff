"""The HTTP contract, through the real app with its lifespan (bundled model loaded)."""

import math

import pytest
from fastapi.testclient import TestClient

SENTENCE = "I'd like to fly from Boston to Denver on Monday morning"


def parse(client: TestClient, **body):
    response = client.post("/v1/parse", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_answer_has_every_field_of_the_contract(client: TestClient):
    result = parse(client, text=SENTENCE)
    assert set(result) == {"text", "tokens", "slots", "intent", "model"}
    assert result["text"] == SENTENCE
    labels = client.get("/v1/model").json()["labels"]
    for token in result["tokens"]:
        assert set(token) == {"text", "start", "end", "label", "confidence", "distribution"}
        assert set(token["distribution"]) == set(labels)
        assert math.isclose(sum(token["distribution"].values()), 1.0, abs_tol=1e-4)
        assert token["label"] == max(token["distribution"], key=token["distribution"].get)
        assert token["confidence"] == token["distribution"][token["label"]]
        assert SENTENCE[token["start"] : token["end"]].lower() == token["text"]
    assert set(result["intent"]) == {"name", "confidence", "ranking"}
    assert result["intent"]["name"] == result["intent"]["ranking"][0]["name"] == "atis_flight"
    assert math.isclose(sum(r["confidence"] for r in result["intent"]["ranking"]), 1.0, abs_tol=1e-4)
    assert set(result["model"]) == {"name", "version"}


def test_from_boston_to_denver(client: TestClient):
    result = parse(client, text=SENTENCE)
    slots = {s["name"]: s for s in result["slots"]}
    assert slots["fromloc.city_name"]["value"] == "Boston"
    assert slots["toloc.city_name"]["value"] == "Denver"
    boston = slots["fromloc.city_name"]
    assert SENTENCE[boston["start"] : boston["end"]] == "Boston"
    assert 0 < boston["confidence"] <= 1


def test_multi_word_slot_value_is_the_text_as_typed(client: TestClient):
    text = "Flights from New York to St. Louis"
    slots = {s["name"]: s["value"] for s in parse(client, text=text)["slots"]}
    assert slots == {"fromloc.city_name": "New York", "toloc.city_name": "St. Louis"}


def test_top_k(client: TestClient):
    result = parse(client, text="flights from boston to denver", top_k=3)
    for token in result["tokens"]:
        probabilities = list(token["distribution"].values())
        assert len(probabilities) == 3
        assert probabilities == sorted(probabilities, reverse=True)
        assert next(iter(token["distribution"])) == token["label"]
    assert len(result["intent"]["ranking"]) == 3


def test_compact_answer_lists_labels_once_and_probabilities_as_arrays(client: TestClient):
    full = parse(client, text=SENTENCE)
    compact = parse(client, text=SENTENCE, compact=True)
    labels = client.get("/v1/model").json()["labels"]
    assert compact["labels"] == labels
    assert {k: v for k, v in compact.items() if k not in ("tokens", "labels")} == {
        k: v for k, v in full.items() if k != "tokens"
    }
    for token, small in zip(full["tokens"], compact["tokens"], strict=True):
        assert set(small) == {"text", "start", "end", "label", "confidence", "probabilities"}
        assert dict(zip(labels, small["probabilities"], strict=True)) == pytest.approx(token["distribution"])
        assert labels[small["probabilities"].index(max(small["probabilities"]))] == small["label"] == token["label"]
    # Labels once and bare numbers: well under the mapping's size.
    size = len(client.post("/v1/parse", json={"text": SENTENCE}).content)
    assert len(client.post("/v1/parse", json={"text": SENTENCE, "compact": True}).content) < 0.7 * size

    batch = client.post("/v1/parse/batch", json={"texts": [SENTENCE, "fares to dallas"], "compact": True}).json()
    assert batch["labels"] == labels
    assert all("labels" not in r and "probabilities" in r["tokens"][0] for r in batch["results"])

    refused = client.post("/v1/parse", json={"text": SENTENCE, "compact": True, "top_k": 3})
    assert refused.status_code == 422
    assert "top_k or compact" in refused.json()["error"]["message"]


def test_tokens_input_offsets_refer_to_joined_tokens(client: TestClient):
    result = parse(client, tokens=["flights", "from", "Boston", "to", "denver"])
    assert result["text"] == "flights from Boston to denver"
    assert [(t["start"], t["end"]) for t in result["tokens"]] == [(0, 7), (8, 12), (13, 19), (20, 22), (23, 29)]
    assert {s["name"]: s["value"] for s in result["slots"]}["fromloc.city_name"] == "Boston"


def test_batch_keeps_order(client: TestClient):
    texts = [
        "flights from boston to denver",
        "what is the cheapest fare from dallas to seattle",
        "show me ground transportation in atlanta",
    ]
    response = client.post("/v1/parse/batch", json={"texts": texts})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["text"] for r in results] == texts
    for result, text in zip(results, texts, strict=True):
        alone = parse(client, text=text)
        assert [t["label"] for t in result["tokens"]] == [t["label"] for t in alone["tokens"]]
        assert result["intent"]["name"] == alone["intent"]["name"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({}, 422, "give exactly one of 'text' or 'tokens'"),
        ({"text": "a", "tokens": ["a"]}, 422, "give exactly one of 'text' or 'tokens'"),
        ({"text": 5}, 422, "text: Input should be a valid string"),
        ({"text": "   "}, 422, "no words to tag"),
        ({"text": "?!"}, 422, "no words to tag"),
        ({"tokens": []}, 422, "no words to tag"),
        ({"tokens": ["a b"]}, 422, "without spaces"),
        ({"text": "boston", "top_k": 0}, 422, "top_k: Input should be greater than or equal to 1"),
        ({"text": "boston", "compact": 0}, 422, "compact: Input should be a valid boolean"),
        ({"text": "boston", "extra": 1}, 422, "extra: Extra inputs are not permitted"),
        ({"text": "a " * 300}, 422, "max_tokens=200"),
        ({"text": "b" * 3000}, 422, "max_text_chars=2000"),
    ],
)
def test_bad_bodies_get_a_named_4xx(client: TestClient, body, status, message):
    response = client.post("/v1/parse", json=body)
    assert response.status_code == status
    error = response.json()["error"]
    assert message in error["message"]
    assert error["code"]


def test_invalid_json_and_oversized_body(client: TestClient):
    response = client.post("/v1/parse", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and "JSON" in response.json()["error"]["message"]
    response = client.post("/v1/parse", content=b"x" * 2_000_001, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "max_body_bytes" in response.json()["error"]["message"]


def test_batch_errors_name_the_text(client: TestClient):
    response = client.post("/v1/parse/batch", json={"texts": ["boston", "!!"]})
    assert response.status_code == 422 and "texts[1]" in response.json()["error"]["message"]
    response = client.post("/v1/parse/batch", json={"texts": []})
    assert response.status_code == 422
    response = client.post("/v1/parse/batch", json={"texts": ["boston"] * 300})
    assert response.status_code == 413 and "max_batch_texts=256" in response.json()["error"]["message"]


def test_health_ready_and_model(client: TestClient):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    info = client.get("/v1/model").json()
    assert len(info["weights_sha256"]) == 64 and info["version"] == info["weights_sha256"][:12]
    assert "O" in info["labels"] and "atis_flight" in info["intents"]
    assert info["training"]["metrics"]["test"]["slot_f1"] > 90


def test_unknown_route_is_json(client: TestClient):
    response = client.get("/nope")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_openapi_has_examples(client: TestClient):
    spec = client.get("/openapi.json").json()
    assert "/v1/parse" in spec["paths"] and "/v1/parse/batch" in spec["paths"]
    assert "Boston to Denver" in str(spec["components"]["schemas"]["ParseRequest"])


def test_chunked_body_over_the_limit_is_refused_mid_stream(client: TestClient):
    def chunks():
        for _ in range(30):
            yield b" " * 100_000

    response = client.post("/v1/parse", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "max_body_bytes" in response.json()["error"]["message"]


def test_api_key_when_configured():
    from app.config import Settings
    from app.main import create_app

    with TestClient(create_app(Settings(api_key="s3cret"))) as keyed:
        assert keyed.post("/v1/parse", json={"text": "boston"}).status_code == 401
        assert (
            keyed.post("/v1/parse", json={"text": "boston"}, headers={"x-api-key": "nope"}).json()["error"]["code"]
            == "unauthorized"
        )
        assert keyed.post("/v1/parse", json={"text": "boston"}, headers={"x-api-key": "s3cret"}).status_code == 200
        assert keyed.get("/healthz").status_code == 200  # probes need no key


def test_cors_is_off_unless_configured(client: TestClient):
    preflight = {"origin": "https://elsewhere.example", "access-control-request-method": "POST"}
    assert "access-control-allow-origin" not in client.options("/v1/parse", headers=preflight).headers
    from app.config import Settings
    from app.main import create_app

    with TestClient(create_app(Settings(cors_origins=["https://elsewhere.example"]))) as open_client:
        answer = open_client.options("/v1/parse", headers=preflight)
        assert answer.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_limits_come_from_the_settings_the_app_was_made_with():
    from app.config import Settings
    from app.main import create_app

    with TestClient(create_app(Settings(max_tokens=3, max_batch_texts=2))) as strict:
        response = strict.post("/v1/parse", json={"text": "flights from boston to denver"})
        assert response.status_code == 422 and "max_tokens=3" in response.json()["error"]["message"]
        response = strict.post("/v1/parse/batch", json={"texts": ["boston", "denver", "dallas"]})
        assert response.status_code == 413 and "max_batch_texts=2" in response.json()["error"]["message"]


def test_start_up_fixes_the_mmap_threshold(monkeypatch):
    import app.main as main_module
    from app.memory import map_large_blocks

    assert map_large_blocks() is True  # glibc here: mallopt is found and accepts the threshold
    calls = []
    monkeypatch.setattr(main_module, "map_large_blocks", lambda: calls.append(1) or True)
    with TestClient(main_module.create_app()) as started:
        assert started.get("/readyz").status_code == 200
    assert calls == [1]


def test_large_batch_answers_give_freed_memory_back(client: TestClient, monkeypatch):
    from app.memory import TRIM_AFTER_TEXTS, release_free_memory
    from app.routes import parse as parse_routes

    assert release_free_memory() is True  # glibc here: malloc_trim is found and runs
    calls = []
    monkeypatch.setattr(parse_routes, "release_free_memory", lambda: calls.append(1) or True)
    small = client.post("/v1/parse/batch", json={"texts": ["from boston to denver"] * (TRIM_AFTER_TEXTS - 1)})
    assert small.status_code == 200 and calls == []
    large = client.post("/v1/parse/batch", json={"texts": ["from boston to denver"] * TRIM_AFTER_TEXTS})
    assert large.status_code == 200 and len(large.json()["results"]) == TRIM_AFTER_TEXTS
    assert calls == [1]
