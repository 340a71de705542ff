"""The hand-stepped LSTM of the gate view is the trained nn.LSTM, reading what the model's own forward pass feeds it."""

from __future__ import annotations

import pytest
import torch

from model.checkpoint import Checkpoint
from model.config import SlotTaggerConfig
from model.encoding import Encoder
from model.explain import lstm_gates
from model.predictor import Predictor
from model.tagger import SlotTagger
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


def assert_matches_nn_lstm(model: SlotTagger, encoder: Encoder, tokens: list[str]) -> None:
    """Each direction's stepped hidden states equal nn.LSTM's output for that direction."""
    model.eval()
    batch = encoder.encode([tokens])
    with torch.no_grad():
        expected = model.encode(batch)[0]  # (T, directions * H): nn.LSTM's output in the forward pass
    traces = lstm_gates(model, batch)
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
    assert_matches_nn_lstm(bundled.model, bundled.encoder(), sentence.split())


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
        assert_matches_nn_lstm(one_layer, Encoder(words, chars), tokens)
        batch = Encoder(words, chars).encode([tokens])
        first, second = lstm_gates(model, batch), lstm_gates(one_layer, batch)
        assert torch.equal(first["forward"].hidden, second["forward"].hidden)


def test_lstm_gates_refuses_other_cells() -> None:
    words, chars = small_vocabularies()
    model = SlotTagger(SlotTaggerConfig(num_words=len(words), num_chars=len(chars), cell="rnn", hidden_size=4))
    with pytest.raises(ValueError, match="not 'lstm'"):
        lstm_gates(model, Encoder(words, chars).encode([["to"]]))
