"""Open the LSTM up: step its first layer by hand and record what the gates do at every token.

``nn.LSTM`` is one fused kernel, so its gates cannot be watched from outside. Here the same cell is
rewritten with the lecture's equations, using the trained layer's own weights:

    f = σ(W_f·[h, x] + b_f)      forget gate: how much of the old memory c_prev to keep
    i = σ(W_i·[h, x] + b_i)      input gate: how much of the new candidate to write
    c̃ = tanh(W_c·[h, x] + b_c)   candidate memory
    c = f·c_prev + i·c̃
    o = σ(W_o·[h, x] + b_o)      output gate: how much of the memory to show
    h = o·tanh(c)

PyTorch stores the layer differently: ``weight_ih_l0`` (4H, D) acts on x, ``weight_hh_l0`` (4H, H)
on h, and there are two biases, each stacked in gate order (i, f, g=c̃, o); the right-to-left
direction has the same names with a ``_reverse`` suffix. ``lecture_weights`` re-packs them into
one W per gate acting on [h, x], so the stepping code reads like the equations. Pure torch, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor, nn

from model.encoding import EncodedBatch
from model.tagger import SlotTagger

GATE_ORDER = ("i", "f", "g", "o")  # how PyTorch stacks the four gates in its weight matrices


@dataclass(frozen=True)
class GateWeights:
    """One direction of an LSTM layer in the lecture's form: W_* act on [h, x], one bias per gate."""

    w: dict[str, Tensor]  # gate -> (H, H + D)
    b: dict[str, Tensor]  # gate -> (H,)

    @property
    def hidden_size(self) -> int:
        return self.b["f"].shape[0]


@dataclass(frozen=True)
class DirectionTrace:
    """What one direction did, one row per token in sentence order (also for the backward direction)."""

    input_gate: Tensor  # (T,) mean of i over the hidden units
    forget_gate: Tensor  # (T,) mean of f
    output_gate: Tensor  # (T,) mean of o
    cell_norm: Tensor  # (T,) Euclidean norm of the memory c after reading the token
    hidden: Tensor  # (T, H) h after reading the token: what nn.LSTM outputs for this direction


def lecture_weights(lstm: nn.LSTM, reverse: bool = False) -> GateWeights:
    """Re-pack layer 0 of ``lstm`` (one direction) into a W and b per gate acting on [h, x]."""
    suffix = "_l0_reverse" if reverse else "_l0"
    w_ih, w_hh = getattr(lstm, "weight_ih" + suffix), getattr(lstm, "weight_hh" + suffix)
    if lstm.bias:
        bias = getattr(lstm, "bias_ih" + suffix) + getattr(lstm, "bias_hh" + suffix)
    else:
        bias = w_ih.new_zeros(w_ih.shape[0])
    w = {g: torch.cat([hh, ih], dim=1) for g, ih, hh in zip(GATE_ORDER, w_ih.chunk(4), w_hh.chunk(4), strict=True)}
    return GateWeights(w=w, b=dict(zip(GATE_ORDER, bias.chunk(4), strict=True)))


def run_direction(weights: GateWeights, x: Tensor, reverse: bool = False) -> DirectionTrace:
    """Step the cell over x (T, D), right to left when ``reverse``; results are in sentence order."""
    steps = x.shape[0]
    h = x.new_zeros(weights.hidden_size)
    c = x.new_zeros(weights.hidden_size)
    rows: list[tuple[Tensor, Tensor, Tensor, Tensor, Tensor]] = []
    order = range(steps - 1, -1, -1) if reverse else range(steps)
    for t in order:
        hx = torch.cat([h, x[t]])
        f = torch.sigmoid(weights.w["f"] @ hx + weights.b["f"])
        i = torch.sigmoid(weights.w["i"] @ hx + weights.b["i"])
        c_tilde = torch.tanh(weights.w["g"] @ hx + weights.b["g"])
        c = f * c + i * c_tilde
        o = torch.sigmoid(weights.w["o"] @ hx + weights.b["o"])
        h = o * torch.tanh(c)
        rows.append((i.mean(), f.mean(), o.mean(), c.norm(), h))
    if reverse:
        rows.reverse()
    i_mean, f_mean, o_mean, c_norm, hidden = (torch.stack(column) for column in zip(*rows, strict=True))
    return DirectionTrace(input_gate=i_mean, forget_gate=f_mean, output_gate=o_mean, cell_norm=c_norm, hidden=hidden)


@torch.inference_mode()
def lstm_gates(model: SlotTagger, batch: EncodedBatch) -> dict[str, DirectionTrace]:
    """Gate means, memory norms and hidden states of the first LSTM layer for one sentence.

    ``batch`` holds one token list (``Encoder.encode``). The layer reads what ``SlotTagger.embed``
    gives, the first step of the model's own forward pass (its dropout is the identity in eval
    mode, the mode a served model is in). Returns {"forward": ..., "backward": ...}; "backward"
    only when the model is bidirectional. Raises ValueError for a model whose encoder is not an LSTM.
    """
    lstm = model.encoder
    if not isinstance(lstm, nn.LSTM):
        raise ValueError(f"the model's cell is {model.config.cell!r}, not 'lstm': it has no gates to show")
    if batch.words.dim() != 2 or batch.words.shape[0] != 1:
        raise ValueError(f"expected one sentence, words of shape (1, T); got {tuple(batch.words.shape)}")
    if lstm.proj_size:
        raise ValueError("LSTMs with projections (proj_size > 0) are not supported")
    x = model.embed(batch)[0]
    traces = {"forward": run_direction(lecture_weights(lstm), x)}
    if lstm.bidirectional:
        traces["backward"] = run_direction(lecture_weights(lstm, reverse=True), x, reverse=True)
    return traces
