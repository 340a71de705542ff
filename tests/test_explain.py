"""The hand-stepped LSTM in model/explain.py is the trained nn.LSTM, and /v1/explain serves it."""

from __future__ import annotations

import pytest
import torch
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from model.checkpoint import Checkpoint, save_checkpoint
from model.explain import lstm_gates
from model.predictor import Predictor, encode_batch
from model.tagger import SlotTagger, SlotTaggerConfig
from model.vocab import Vocabulary

SENTENCES = [
    "i would like to arrive taipei on november second",
    "i would like to leave taipei on november second",
    "flights from boston to denver",
    "fare",  # a single step: the backward direction starts and ends on it
]
TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def bundled(bundled_predictor: Predictor) -> Checkpoint:
    return bundled_predictor.checkpoint


def assert_matches_nn_lstm(model: SlotTagger, words: Vocabulary, chars: Vocabulary, tokens: list[str]) -> None:
    """Each direction's stepped hidden states equal nn.LSTM's output for that direction."""
    model.eval()
    word_ids, char_ids, lengths = encode_batch(words, chars, [tokens])
    with torch.no_grad():
        expected = model.encode(word_ids, char_ids, lengths)[0]  # (T, directions * H)
    traces = lstm_gates(model, word_ids, char_ids)
    hidden = model.config.hidden_size
    assert set(traces) == ({"forward", "backward"} if model.config.bidirectional else {"forward"})
    for d, name in enumerate(["forward", "backward"][: len(traces)]):
        trace = traces[name]
        difference = (trace.hidden - expected[:, d * hidden : (d + 1) * hidden]).abs().max().item()
        assert difference <= TOLERANCE, f"{name}: max |h_step - h_nn.LSTM| = {difference:.2e}"
        assert trace.cell_norm.shape == (len(tokens),)
        for gate in (trace.input_gate, trace.forget_gate, trace.output_gate):
            assert gate.shape == (len(tokens),)
            assert bool(((gate >= 0) & (gate <= 1)).all())


@pytest.mark.parametrize("sentence", SENTENCES)
def test_stepped_cell_reproduces_bundled_lstm(bundled: Checkpoint, sentence: str) -> None:
    assert bundled.model.config.cell == "lstm"
    assert_matches_nn_lstm(bundled.model, bundled.words, bundled.chars, sentence.split())


def small_vocabularies() -> tuple[Vocabulary, Vocabulary]:
    words = Vocabulary(["<pad>", "<unk>", "flights", "from", "boston", "to", "denver"])
    chars = Vocabulary(["<pad>", "<unk>", *"abcdefghijklmnopqrstuvwxyz"])
    return words, chars


@pytest.mark.parametrize("bidirectional", [True, False], ids=["bidirectional", "one-way"])
@pytest.mark.parametrize("char_dim", [8, 0], ids=["chars", "no-chars"])
def test_stepped_cell_reproduces_random_lstm(bidirectional: bool, char_dim: int) -> None:
    torch.manual_seed(0)
    words, chars = small_vocabularies()
    config = SlotTaggerConfig(
        num_words=len(words),
        num_chars=len(chars),
        num_labels=5,
        num_intents=3,
        word_dim=12,
        char_dim=char_dim,
        char_filters=6,
        hidden_size=7,
        num_layers=2,
        bidirectional=bidirectional,
    )
    model = SlotTagger(config)
    # Random biases too: nn.LSTM's default init would hide a mix-up between its two bias vectors.
    with torch.no_grad():
        for name, parameter in model.encoder.named_parameters():
            if name.startswith("bias"):
                parameter.uniform_(-1, 1)
    # Two layers: only the first is explained, so compare with a one-layer LSTM holding its weights.
    one_layer = SlotTagger(SlotTaggerConfig(**{**config.to_dict(), "num_layers": 1}))
    one_layer.load_state_dict(model.state_dict(), strict=False)
    for tokens in (["flights", "from", "boston", "to", "denver"], ["unknown", "words", "here"], ["to"]):
        assert_matches_nn_lstm(one_layer, words, chars, tokens)
        first = lstm_gates(model, *encode_batch(words, chars, [tokens])[:2])
        second = lstm_gates(one_layer, *encode_batch(words, chars, [tokens])[:2])
        assert torch.equal(first["forward"].hidden, second["forward"].hidden)


def test_lstm_gates_refuses_other_cells() -> None:
    words, chars = small_vocabularies()
    model = SlotTagger(SlotTaggerConfig(num_words=len(words), num_chars=len(chars), cell="rnn", hidden_size=4))
    with pytest.raises(ValueError, match="not 'lstm'"):
        lstm_gates(model, *encode_batch(words, chars, [["to"]])[:2])


# ---- the HTTP route (``client`` from conftest.py: ``TestClient(create_app(...))`` with the model loaded) ----


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


@pytest.mark.parametrize(
    ("body", "code"),
    [({"text": " ?! "}, "no_tokens"), ({"tokens": ["a b"]}, "invalid_tokens"), ({}, "invalid_request")],
)
def test_explain_route_errors(client: TestClient, body: dict, code: str) -> None:
    response = client.post("/v1/explain", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code


def test_explain_route_refuses_a_model_without_lstm(tmp_path, bundled: Checkpoint) -> None:
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


def test_page_and_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    assert "i would like to arrive taipei on november second" in html
    assert "i would like to leave taipei on november second" in html
    assert "http://" not in html and "https://" not in html  # nothing from other sites
    for asset, kind in (("/static/app.js", "javascript"), ("/static/style.css", "text/css")):
        response = client.get(asset)
        assert response.status_code == 200 and kind in response.headers["content-type"]
        assert "http://" not in response.text and "https://" not in response.text
