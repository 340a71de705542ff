"""POST /v1/explain: the first LSTM layer's gates per token, through the real app (bundled model).

That the hand-stepped LSTM reproduces nn.LSTM is model/explain.py's to show (tests/model/).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from model.checkpoint import Checkpoint, save_checkpoint
from model.config import SlotTaggerConfig
from model.predictor import Predictor
from model.tagger import SlotTagger


def test_explain_route_shape_and_ranges(client: TestClient) -> None:
    text = "I would like to arrive in Taipei on November second"
    response = client.post("/v1/explain", json={"text": text})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"text", "layer", "hidden_size", "tokens", "model"}
    assert body["text"] == text and body["layer"] == 0
    assert body["hidden_size"] == client.get("/v1/model").json()["config"]["hidden_size"]
    assert [t["text"] for t in body["tokens"]] == text.lower().split()
    for token in body["tokens"]:
        assert set(token) == {"text", "start", "end", "forward", "backward"}
        assert text[token["start"] : token["end"]].lower() == token["text"]
        for direction in ("forward", "backward"):
            stats = token[direction]
            assert set(stats) == {"input", "forget", "output", "cell_norm"}
            for gate in ("input", "forget", "output"):
                assert 0.0 <= stats[gate] <= 1.0
            assert stats["cell_norm"] >= 0.0


def test_explain_route_agrees_with_parse_tokens(client: TestClient) -> None:
    body = {"tokens": ["flights", "from", "boston", "to", "denver"]}
    explained = client.post("/v1/explain", json=body).json()
    parsed = client.post("/v1/parse", json=body).json()
    keys = ("text", "start", "end")
    assert [[t[k] for k in keys] for t in explained["tokens"]] == [[t[k] for k in keys] for t in parsed["tokens"]]


def test_explain_route_refuses_a_model_without_lstm(tmp_path: Path, bundled_predictor: Predictor) -> None:
    bundled = bundled_predictor.checkpoint
    config = SlotTaggerConfig(**{**bundled.model.config.to_dict(), "cell": "rnn", "hidden_size": 8})
    rnn = Checkpoint(
        name="rnn",
        model=SlotTagger(config),
        words=bundled.words,
        chars=bundled.chars,
        labels=bundled.labels,
        intents=bundled.intents,
    )
    directory = save_checkpoint(rnn, tmp_path / "rnn")
    with TestClient(create_app(Settings(model=directory))) as client:
        response = client.post("/v1/explain", json={"text": "flights to denver"})
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "not_lstm" and "rnn" in error["message"]
        assert client.post("/v1/parse", json={"text": "flights to denver"}).status_code == 200
