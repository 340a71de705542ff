"""The slot tagger: words (+ their characters) -> recurrent encoder -> a label per token + an intent.

Everything here is pure PyTorch: no files, no strings. Vocabularies and checkpoints live in
``model.checkpoint``; turning text into tensors and back lives in ``model.predictor``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

import torch
from torch import Tensor, nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

Cell = Literal["lstm", "rnn", "none"]


@dataclass
class SlotTaggerConfig:
    num_words: int = 1000  # word vocabulary size, padding and <unk> included
    num_chars: int = 100  # character vocabulary size, padding and <unk> included
    num_labels: int = 3  # BIO slot labels
    num_intents: int = 2  # atomic intents (a multi-intent "a#b" is trained as half a, half b)
    word_dim: int = 100  # word embedding size
    char_dim: int = 32  # character embedding size (0 turns the character encoder off)
    char_filters: int = 64  # character CNN output size: one max-pooled feature per filter
    char_kernel: int = 3  # character CNN window width
    cell: Cell = "lstm"  # "lstm", Elman "rnn", or "none" (feed-forward on a word window, no memory)
    window: int = 0  # feed-forward only: how many neighbours on each side a word sees
    hidden_size: int = 200  # recurrent state size per direction (feed-forward: hidden layer size)
    num_layers: int = 1  # stacked recurrent layers
    bidirectional: bool = True  # also read right to left, so a word sees what follows it
    dropout: float = 0.5  # on embeddings and encoder outputs, training only
    locked_dropout: bool = False  # one dropout mask per sentence for all its words (variational dropout)
    intent_to_slots: bool = False  # the slot head also reads the pooled sentence vector (what the request is about)
    crf: bool = False  # a linear-chain CRF over the slot scores; token distributions are its posterior marginals

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> SlotTaggerConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown model config fields: {', '.join(unknown)}")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class CharCNN(nn.Module):
    """One vector per word from its characters, so unseen words still get a representation."""

    def __init__(self, num_chars: int, char_dim: int, filters: int, kernel: int):
        super().__init__()
        self.embedding = nn.Embedding(num_chars, char_dim, padding_idx=0)
        self.conv = nn.Conv1d(char_dim, filters, kernel, padding=kernel // 2)

    def forward(self, chars: Tensor) -> Tensor:  # (B, T, C) -> (B, T, filters)
        batch, steps, width = chars.shape
        x = self.embedding(chars.view(batch * steps, width)).transpose(1, 2)
        x = self.conv(x)
        # Padding characters must not win the max; padding words (no characters) become zeros.
        char_mask = chars.view(batch * steps, 1, width) != 0
        x = x.masked_fill(~char_mask, -1e4).max(dim=2).values
        x = x * char_mask.any(dim=2)
        return x.view(batch, steps, -1)


class LockedDropout(nn.Module):
    """Dropout whose mask is drawn once per sentence and shared by all its time steps, so a
    recurrent layer sees the same features dropped at every step (Gal and Ghahramani's variational dropout)."""

    def __init__(self, p: float):
        super().__init__()
        self.p = p

    def forward(self, x: Tensor) -> Tensor:  # (B, T, D)
        if not self.training or self.p == 0:
            return x
        mask = x.new_empty(x.shape[0], 1, x.shape[2]).bernoulli_(1 - self.p) / (1 - self.p)
        return x * mask


class LinearChainCRF(nn.Module):
    """Scores for label-to-label steps on top of each token's label scores.

    A label sequence scores the sum of its tokens' scores and of its transitions (plus a start and
    an end score); its probability is that score normalised over every sequence (forward algorithm).
    What a token gets is its posterior marginal P(label at t | sentence), from forward-backward: a
    distribution over labels that sums to 1 and accounts for its neighbours' labels. Dividing every
    score by a temperature flattens or sharpens it, as for a softmax.

    Hand-written because the CRF libraries for PyTorch train and Viterbi-decode but do not give
    marginals at a temperature under ``torch.inference_mode``, which the service needs.
    """

    def __init__(self, num_labels: int):
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(num_labels, num_labels))  # [from, to]
        self.start = nn.Parameter(torch.zeros(num_labels))
        self.end = nn.Parameter(torch.zeros(num_labels))

    @staticmethod
    def _log_matmul(log_x: Tensor, exp_transitions: Tensor, shift: Tensor) -> Tensor:
        """log(exp(log_x) @ exp(transitions)) for (B, L) rows, as one matrix product: a logsumexp
        over label pairs, 5x faster than ``torch.logsumexp`` on (B, L, L) for a training batch. Each row is shifted
        by its maximum and the transitions by theirs (``exp_transitions`` = exp(transitions - shift)),
        so nothing overflows."""
        row_max = log_x.max(dim=1, keepdim=True).values
        product = (log_x - row_max).exp() @ exp_transitions
        return product.clamp_min(1e-30).log() + row_max + shift

    def _final_forward_scores(self, scores: Tensor, mask: Tensor) -> Tensor:
        """alpha (B, L) at each row's last real token: log-sum of the scores of every label
        sequence ending in each label there (a padding step keeps its row's alpha)."""
        shift = self.transitions.max()
        exp_transitions = (self.transitions - shift).exp()
        alpha = self.start + scores[:, 0]
        for t in range(1, scores.shape[1]):
            step = self._log_matmul(alpha, exp_transitions, shift) + scores[:, t]
            alpha = torch.where(mask[:, t : t + 1], step, alpha)
        return alpha

    def nll(self, scores: Tensor, tags: Tensor, mask: Tensor) -> Tensor:
        """Negative log-likelihood of each row's tag sequence, (B,).

        scores: (B, T, L) per-token label scores; tags: (B, T) label ids (anything at padding);
        mask: (B, T) True at real tokens, which come first in each row (at least one per row).
        """
        tags = tags.masked_fill(~mask, 0)
        log_partition = torch.logsumexp(self._final_forward_scores(scores, mask) + self.end, dim=1)
        emitted = scores.gather(2, tags.unsqueeze(2)).squeeze(2).masked_fill(~mask, 0).sum(dim=1)
        stepped = (self.transitions[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]).sum(dim=1)
        last = tags.gather(1, (mask.sum(dim=1, keepdim=True) - 1).clamp(min=0)).squeeze(1)
        gold = self.start[tags[:, 0]] + emitted + stepped + self.end[last]
        return log_partition - gold

    def marginals(self, scores: Tensor, mask: Tensor, temperature: float | Tensor = 1.0) -> Tensor:
        """P(label at t | sentence), (B, T, L), with every score divided by ``temperature``.

        Forward-backward in probability space, each step's vector rescaled to sum to 1 (the scale
        cancels when a token's products are normalised): four small operations a step where the
        log-space recursion of ``nll`` needs ten, which is most of the cost for one short sentence.
        Padding positions hold meaningless numbers; read real tokens only.
        """
        scores = scores / temperature

        def shifted_exp(x: Tensor, dim: int | None = None) -> Tensor:  # exp(x - max): at most 1, never overflows
            top = x.max() if dim is None else x.max(dim=dim, keepdim=True).values
            return (x - top).exp()

        step_to = shifted_exp(self.transitions / temperature)  # [from, to]
        emitted = shifted_exp(scores, dim=2)
        start, end = shifted_exp(self.start / temperature), shifted_exp(self.end / temperature)
        padded = not bool(mask.all())

        def normalised(x: Tensor) -> Tensor:
            return x / x.sum(dim=1, keepdim=True)

        alpha = normalised(start * emitted[:, 0])  # alpha[t]: weight of label prefixes ending in each label
        alphas = [alpha]
        for t in range(1, scores.shape[1]):
            step = normalised((alpha @ step_to) * emitted[:, t])
            alpha = torch.where(mask[:, t : t + 1], step, alpha) if padded else step
            alphas.append(alpha)
        last = normalised(end.expand_as(alpha))
        beta = last  # beta[t]: weight of label suffixes after t; at a row's last token, the end scores
        betas = [beta]
        for t in range(scores.shape[1] - 2, -1, -1):
            step = normalised((emitted[:, t + 1] * beta) @ step_to.T)
            beta = torch.where(mask[:, t + 1 : t + 2], step, last) if padded else step
            betas.append(beta)
        joint = torch.stack(alphas, dim=1) * torch.stack(betas[::-1], dim=1)
        return joint / joint.sum(dim=2, keepdim=True)


class WindowEncoder(nn.Module):
    """Feed-forward baseline: each word sees itself and ``window`` neighbours on each side, nothing more."""

    def __init__(self, input_dim: int, hidden_size: int, window: int):
        super().__init__()
        self.window = window
        self.layer = nn.Linear(input_dim * (2 * window + 1), hidden_size)

    def forward(self, x: Tensor) -> Tensor:  # (B, T, D) -> (B, T, H)
        steps = x.shape[1]
        padded = nn.functional.pad(x, (0, 0, self.window, self.window))
        neighbours = [padded[:, i : i + steps] for i in range(2 * self.window + 1)]
        return torch.tanh(self.layer(torch.cat(neighbours, dim=-1)))


class SlotTagger(nn.Module):
    def __init__(self, config: SlotTaggerConfig):
        super().__init__()
        self.config = config
        self.word_embedding = nn.Embedding(config.num_words, config.word_dim, padding_idx=0)
        self.chars = (
            CharCNN(config.num_chars, config.char_dim, config.char_filters, config.char_kernel)
            if config.char_dim > 0
            else None
        )
        input_dim = config.word_dim + (config.char_filters if self.chars is not None else 0)
        self.dropout: nn.Module = LockedDropout(config.dropout) if config.locked_dropout else nn.Dropout(config.dropout)

        self.encoder: nn.Module
        if config.cell == "none":
            self.encoder = WindowEncoder(input_dim, config.hidden_size, config.window)
            output_dim = config.hidden_size
        else:
            rnn = nn.LSTM if config.cell == "lstm" else nn.RNN
            self.encoder = rnn(
                input_dim,
                config.hidden_size,
                num_layers=config.num_layers,
                bidirectional=config.bidirectional,
                batch_first=True,
                dropout=config.dropout if config.num_layers > 1 else 0.0,
            )
            output_dim = config.hidden_size * (2 if config.bidirectional else 1)

        # Intent from max- and mean-pooled encoder states: max finds a decisive word ("fare",
        # "airline"), mean keeps the overall shape of the request.
        self.intent_head = nn.Linear(2 * output_dim, config.num_intents)
        self.slot_head = nn.Linear(output_dim + (2 * output_dim if config.intent_to_slots else 0), config.num_labels)
        self.crf = LinearChainCRF(config.num_labels) if config.crf else None

    def encode(self, words: Tensor, chars: Tensor, lengths: Tensor) -> Tensor:
        """Contextual state per token, (B, T, output_dim); padding positions are zero."""
        x = self.word_embedding(words)
        if self.chars is not None:
            x = torch.cat([x, self.chars(chars)], dim=-1)
        x = self.dropout(x)
        if isinstance(self.encoder, WindowEncoder):
            return self.encoder(x) * (words != 0).unsqueeze(-1)
        steps = words.shape[1]
        if bool((lengths == steps).all()):
            out, _ = self.encoder(x)  # nothing to pack: every sequence is full length
            return out
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.encoder(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=steps)
        return out

    def forward(self, words: Tensor, chars: Tensor, lengths: Tensor) -> tuple[Tensor, Tensor]:
        """Unnormalised scores: slots (B, T, num_labels), intents (B, num_intents).

        words: (B, T) word ids, 0 = padding; chars: (B, T, C) character ids, 0 = padding;
        lengths: (B,) number of real tokens in each row.
        """
        states = self.dropout(self.encode(words, chars, lengths))
        pooled = self.pool(states, words, lengths)
        return self.slot_head(self.slot_features(states, pooled)), self.intent_head(pooled)

    @staticmethod
    def pool(states: Tensor, words: Tensor, lengths: Tensor) -> Tensor:
        """One vector per sentence, (B, 2 * output_dim): max- and mean-pooled states of its real tokens."""
        mask = (words != 0).unsqueeze(-1)
        pooled_max = states.masked_fill(~mask, -1e4).max(dim=1).values
        pooled_mean = states.sum(dim=1) / lengths.clamp(min=1).unsqueeze(-1).to(states.dtype)
        return torch.cat([pooled_max, pooled_mean], dim=-1)

    def slot_features(self, states: Tensor, pooled: Tensor) -> Tensor:
        """What the slot head reads per token: its state, and (if configured) its sentence's pooled vector."""
        if not self.config.intent_to_slots:
            return states
        return torch.cat([states, pooled.unsqueeze(1).expand(-1, states.shape[1], -1)], dim=-1)

    def slot_loss(self, slot_scores: Tensor, tags: Tensor) -> Tensor:
        """Mean negative log-likelihood per real token. tags: (B, T) label ids, -100 at padding.

        With a CRF it is each sentence's sequence NLL summed, over the number of real tokens: the
        same scale as the per-token cross-entropy, so the learning rate means the same.
        """
        if self.crf is None:
            return nn.functional.cross_entropy(slot_scores.reshape(-1, slot_scores.shape[-1]), tags.reshape(-1))
        mask = tags != -100
        return self.crf.nll(slot_scores, tags, mask).sum() / mask.sum().clamp(min=1)
