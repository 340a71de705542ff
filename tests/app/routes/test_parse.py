"""POST /v1/parse and /v1/parse/batch: the answer's contract, through the real app (bundled model)."""

import math
from unicodedata import normalize

import pytest
from fastapi.testclient import TestClient

from app.memory import TRIM_AFTER_TEXTS
from app.routes import parse as parse_routes

SENTENCE = "I'd like to fly from Boston to Denver on Monday morning"


def parse(client: TestClient, **body):
    response = client.post("/v1/parse", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_answer_has_every_field_of_the_contract(client: TestClient):
    result = parse(client, text=SENTENCE)
    assert set(result) == {"text", "tokens", "slots", "intent", "in_domain", "frame", "model"}
    assert result["in_domain"] > 0.9 and result["intent"]["name"] == "atis_flight"
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
    moment = "2026-11-29T10:00:00-05:00"  # the same for both: a frame names the moment it was read at
    full = parse(client, text=SENTENCE, reference_time=moment)
    compact = parse(client, text=SENTENCE, compact=True, reference_time=moment)
    assert compact["frame"] is not None and compact["frame"]["reference_time"] == moment
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
    response = client.post("/v1/parse", json={"text": text, "top_k": 2})
    assert response.status_code == 200, response.text
    result = response.json()
    assert [t["text"] for t in result["tokens"]] == [normalize("NFKC", t.lower()) for t in tokens]
    for token in result["tokens"]:  # offsets still cut the token out of the text as sent
        assert normalize("NFKC", text[token["start"] : token["end"]].lower()) == token["text"]


def test_very_long_single_token_is_tagged(client: TestClient):
    response = client.post("/v1/parse", json={"text": "x" * 1999})
    assert response.status_code == 200
    assert len(response.json()["tokens"]) == 1


def test_large_batch_answers_give_freed_memory_back(client: TestClient, monkeypatch):
    calls = []
    monkeypatch.setattr(parse_routes, "release_free_memory", lambda: calls.append(1) or True)
    small = client.post("/v1/parse/batch", json={"texts": ["from boston to denver"] * (TRIM_AFTER_TEXTS - 1)})
    assert small.status_code == 200 and calls == []
    large = client.post("/v1/parse/batch", json={"texts": ["from boston to denver"] * TRIM_AFTER_TEXTS})
    assert large.status_code == 200 and len(large.json()["results"]) == TRIM_AFTER_TEXTS
    assert calls == [1]


def test_batch_top_k(client: TestClient):
    results = client.post("/v1/parse/batch", json={"texts": ["flights to denver", "fares"], "top_k": 2}).json()
    for result in results["results"]:
        assert all(len(token["distribution"]) == 2 for token in result["tokens"])
        assert len(result["intent"]["ranking"]) == 2


def test_a_text_that_is_no_flight_request_is_out_of_scope_in_every_answer(client: TestClient):
    text = "order me a large pepperoni pizza"
    single = parse(client, text=text)
    assert single["intent"]["name"] == "out_of_scope" and single["in_domain"] < 0.1
    assert single["intent"]["confidence"] == pytest.approx(1 - single["in_domain"])
    assert single["intent"]["ranking"][0]["name"].startswith("atis_")  # the model's own guess stays
    assert single["tokens"]  # the words are still tagged
    batch = client.post("/v1/parse/batch", json={"texts": [text, SENTENCE], "compact": True}).json()["results"]
    assert [r["intent"]["name"] for r in batch] == ["out_of_scope", "atis_flight"]
    assert batch[0]["in_domain"] == pytest.approx(single["in_domain"], abs=1e-6)


def test_the_in_domain_threshold_is_a_setting():
    from app.config import Settings
    from app.main import create_app

    with TestClient(create_app(Settings(in_domain_threshold=1.0))) as strict:
        assert parse(strict, text="what meals are served on the flight")["intent"]["name"] == "out_of_scope"
        # A route the tagger is sure of is answered all the same (world.resolve.Resolver.names_a_flight) ...
        assert parse(strict, text="flights from boston to denver")["intent"]["name"] == "atis_flight"
    with TestClient(create_app(Settings(in_domain_threshold=1.0, resolve=False))) as unresolved:
        # ... by the resolver: the head's decision alone refuses it.
        assert parse(unresolved, text="flights from boston to denver")["intent"]["name"] == "out_of_scope"
    with TestClient(create_app(Settings(in_domain_threshold=0.0))) as lenient:
        assert parse(lenient, text="order me a large pepperoni pizza")["intent"]["name"] != "out_of_scope"
