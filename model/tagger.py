"""The slot tagger: words (+ their characters) -> recurrent encoder -> a label per token + an intent.

Everything here is pure PyTorch: no files, no strings. The architecture's settings are
``model.config.SlotTaggerConfig``; text becomes tensors in ``model.encoding``; checkpoints live in
``model.checkpoint``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import torch
from torch import Tensor, nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from model.config import SlotTaggerConfig
from model.encoding import EncodedBatch, real_tokens


class CharCNN(nn.Module):
    """One vector per word from its characters, so unseen words still get a representation.

    A convolution over each word's character embeddings, max-pooled over the word. It is applied
    as one matrix product over character windows (the arithmetic of ``nn.Conv1d``, whose weights it
    keeps): oneDNN's convolution builds a primitive for every new input shape, slow to create and
    kept in memory, and a batch of distinct words has a new shape almost every time.
    """

    def __init__(self, num_chars: int, char_dim: int, filters: int, kernel: int):
        super().__init__()
        if kernel % 2 == 0:
            raise ValueError(f"char_kernel must be odd (a window centred on each character), not {kernel}")
        self.embedding = nn.Embedding(num_chars, char_dim, padding_idx=0)
        self.conv = nn.Conv1d(char_dim, filters, kernel, padding=kernel // 2)

    def forward(self, word_chars: Tensor) -> Tensor:  # (U, C) character ids -> (U, filters)
        kernel, pad = self.conv.kernel_size[0], self.conv.kernel_size[0] // 2
        x = self.embedding(word_chars)  # (U, C, D)
        windows = nn.functional.pad(x, (0, 0, pad, pad)).unfold(1, kernel, 1)  # (U, C, D, K)
        weight = self.conv.weight.reshape(self.conv.out_channels, -1)  # (filters, D * K), the same (D, K) order
        y = nn.functional.linear(windows.reshape(*windows.shape[:2], -1), weight, self.conv.bias)  # (U, C, filters)
        # Padding characters must not win the max; padding words (no characters) become zeros. amax, not
        # max(dim).values: max also finds where each maximum is, which here costs ten times as much.
        char_mask = (word_chars != 0).unsqueeze(-1)
        y = y.masked_fill(~char_mask, -1e4).amax(dim=1)
        return y * char_mask.any(dim=1)


class Dropout(nn.Module):
    """Inverted dropout, as ``nn.Dropout``, with its mask drawn by ``torch.rand``: on a CPU that is
    several times faster than the ``bernoulli_`` sampling ``nn.Dropout`` uses, and dropout's two
    masks per batch were a noticeable part of a training step."""

    def __init__(self, p: float):
        super().__init__()
        self.p = p

    def forward(self, x: Tensor) -> Tensor:
        if not self.training or self.p == 0:
            return x
        keep = torch.rand(x.shape, device=x.device) >= self.p
        return x * keep.to(x.dtype) / (1 - self.p)


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
        """log(exp(log_x) @ exp(transitions)) for (B, L) rows: a logsumexp over label pairs done as
        one matrix product, which is much cheaper than ``torch.logsumexp`` over a (B, L, L) tensor.
        Each row is shifted by its maximum and the transitions by theirs (``exp_transitions`` =
        exp(transitions - shift)), so nothing overflows."""
        row_max = log_x.amax(dim=1, keepdim=True)
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
            top = x.max() if dim is None else x.amax(dim=dim, keepdim=True)
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


IN_DOMAIN_HIDDEN = 32  # hidden units of the in-domain head


def in_domain_head(input_dim: int, views: int = 1) -> nn.Sequential:
    """A sentence's vector -> the logit of P(in the training data's domain): one hidden layer, of
    ``IN_DOMAIN_HIDDEN`` units for each view of the sentence the vector joins."""
    hidden = IN_DOMAIN_HIDDEN * views
    return nn.Sequential(nn.Linear(input_dim, hidden), nn.ReLU(), nn.Linear(hidden, 1))


@dataclass(frozen=True, slots=True)
class Targets:
    """What the tagger is trained to predict for a batch."""

    tags: Tensor  # (N,) label id of each real token, sentence after sentence; -100 = not scored
    intents: Tensor  # (B, num_intents) soft intent targets; a zero row trains no intent

    def to(self, device: torch.device) -> Targets:
        return Targets(self.tags.to(device), self.intents.to(device))


class TaggerOutput(NamedTuple):
    """What one forward pass gives."""

    slot_scores: Tensor  # (N, num_labels) for the real tokens, sentence after sentence
    intent_scores: Tensor  # (B, num_intents)
    in_domain_scores: Tensor | None  # (B,) logit of P(in the training data's domain); None without the head
    loss: Tensor | None  # given targets: slot loss + intent_loss_weight x intent loss


class SlotTagger(nn.Module):
    """Words and their characters -> a recurrent encoder -> slot scores per token and intent scores.

    ``forward`` is the one forward pass: training, serving and the gate view (``model.explain``)
    all run it or its first steps (``embed``, ``encode``). It works on ``EncodedBatch``es, whose
    characters come once per distinct word, and the slot head reads real tokens only.
    """

    def __init__(self, config: SlotTaggerConfig):
        super().__init__()
        self.config = config
        self.word_embedding = nn.Embedding(config.num_words, config.word_dim, padding_idx=0)
        self.chars = (
            CharCNN(config.num_chars, config.char_dim, config.char_filters, config.char_kernel)
            if config.char_dim > 0
            else None
        )
        input_dim = config.word_dim + (config.char_filters if self.chars is not None else 0) + config.lexicon_features
        self.dropout: nn.Module = LockedDropout(config.dropout) if config.locked_dropout else Dropout(config.dropout)

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
        # A small classifier, in-domain vs out-of-domain texts, fitted after the tagger (training/in_domain.py)
        # so that it leaves the tagger as trained. It reads the pooled sentence vector and, with
        # in_domain_slots, what the slot head found (each label's highest probability): "sfo to lax on the
        # 3rd" reads as a flight request by its slots where the sentence vector, of words the training
        # requests do not use so, does not place it.
        views = 2 if config.in_domain_slots else 1
        head_input = 2 * output_dim + (config.num_labels if config.in_domain_slots else 0)
        self.in_domain_head = in_domain_head(head_input, views) if config.in_domain else None

    def embed(self, batch: EncodedBatch) -> Tensor:
        """What the encoder reads, (B, T, D): each word's embedding ++ its character features ++ its
        place and airline lookup flags (world/lexicon.py)."""
        x = self.word_embedding(batch.words)
        if self.chars is not None:
            per_word = self.chars(batch.word_chars)  # (U + 1, filters); row 0 (padding) is zeros
            x = torch.cat([x, per_word[batch.char_rows]], dim=-1)
        if self.config.lexicon_features:
            if batch.lexicon is None or batch.lexicon.shape[-1] != self.config.lexicon_features:
                raise ValueError(f"this model reads {self.config.lexicon_features} lookup flags per token")
            x = torch.cat([x, batch.lexicon.to(x.dtype)], dim=-1)
        return x

    def encode(self, batch: EncodedBatch, full: bool | None = None) -> Tensor:
        """Contextual state per token, (B, T, output_dim); padding positions are zero. ``full``: whether every
        row is full length (no padding), when the caller knows."""
        x = self.dropout(self.embed(batch))
        if isinstance(self.encoder, WindowEncoder):
            return self.encoder(x) * (batch.words != 0).unsqueeze(-1)
        steps = batch.words.shape[1]
        if full is None:
            full = is_full(batch)
        if full:
            out, _ = self.encoder(x)  # nothing to pack: every sequence is full length
            return out
        packed = pack_padded_sequence(x, batch.lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.encoder(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=steps)
        return out

    def read(self, batch: EncodedBatch) -> tuple[Tensor, Tensor, Tensor]:
        """What every head starts from: the pooled sentence vectors (B, 2 * output_dim), the slot scores of
        the real tokens (N, labels) and the real-token mask (B, T)."""
        # A single sentence, or a batch of one length, has no padding: its positions are its tokens, which spares
        # a served request the masking and indexing below (a dozen small operations).
        full = is_full(batch)
        states = self.dropout(self.encode(batch, full))
        pooled = self.pool(states, batch, full)
        features = self.slot_features(states, pooled)
        if full:
            real = torch.ones(states.shape[:2], dtype=torch.bool, device=states.device)
            return pooled, self.slot_head(features.flatten(0, 1)), real
        real = real_tokens(batch.lengths.to(states.device), states.shape[1])
        return pooled, self.slot_head(features[real]), real  # the head on real tokens only

    def forward(self, batch: EncodedBatch, targets: Targets | None = None) -> TaggerOutput:
        """Slot scores of the real tokens, intent scores, in-domain scores and, given ``targets``,
        the loss: slot loss + intent_loss_weight x intent loss."""
        pooled, slot_scores, real = self.read(batch)
        intent_scores = self.intent_head(pooled)
        in_domain_scores = None
        if self.in_domain_head is not None:
            views = [pooled, self.label_maxima(slot_scores, real)] if self.config.in_domain_slots else [pooled]
            in_domain_scores = self.in_domain_head(torch.cat(views, dim=-1)).squeeze(1)
        if targets is None:
            return TaggerOutput(slot_scores, intent_scores, in_domain_scores, None)
        intent_loss = nn.functional.cross_entropy(intent_scores, targets.intents)
        loss = self.slot_loss(slot_scores, targets.tags, real) + self.config.intent_loss_weight * intent_loss
        return TaggerOutput(slot_scores, intent_scores, in_domain_scores, loss)

    @staticmethod
    def label_maxima(slot_scores: Tensor, real: Tensor) -> Tensor:
        """Each label's highest probability over a sentence's tokens (the softmax of the slot scores, without
        a CRF or temperature), (B, num_labels): what the tagger found in it, wherever."""
        probabilities = torch.softmax(slot_scores, dim=-1)
        if bool(real.all()):  # no padding (one sentence, or all of a length): the rows fold into sentences
            return probabilities.view(*real.shape, -1).amax(dim=1)
        return pad_rows(probabilities, real).amax(dim=1)

    @staticmethod
    def pool(states: Tensor, batch: EncodedBatch, full: bool = False) -> Tensor:
        """One vector per sentence, (B, 2 * output_dim): max- and mean-pooled states of its real tokens.
        ``full``: no row has padding, so no position needs masking."""
        if full:
            pooled_max = states.amax(dim=1)
        else:
            mask = (batch.words != 0).unsqueeze(-1)
            pooled_max = states.masked_fill(~mask, -1e4).amax(dim=1)
        lengths = batch.lengths.to(states.device).clamp(min=1).unsqueeze(-1).to(states.dtype)
        return torch.cat([pooled_max, states.sum(dim=1) / lengths], dim=-1)

    def slot_features(self, states: Tensor, pooled: Tensor) -> Tensor:
        """What the slot head reads per token: its state, and (if configured) its sentence's pooled vector."""
        if not self.config.intent_to_slots:
            return states
        return torch.cat([states, pooled.unsqueeze(1).expand(-1, states.shape[1], -1)], dim=-1)

    def slot_loss(self, slot_scores: Tensor, tags: Tensor, real: Tensor) -> Tensor:
        """Mean negative log-likelihood per scored token. slot_scores, tags: real tokens only; real: (B, T).

        With a CRF it is each sentence's sequence NLL summed, over the number of scored tokens: the
        same scale as the per-token cross-entropy, so the learning rate means the same.
        """
        if self.crf is None:
            return nn.functional.cross_entropy(slot_scores, tags)
        padded_tags = tags.new_full(real.shape, -100)
        padded_tags[real] = tags
        mask = padded_tags != -100
        return self.crf.nll(pad_rows(slot_scores, real), padded_tags, mask).sum() / mask.sum().clamp(min=1)

    def slot_probabilities(
        self, slot_scores: Tensor, lengths: Tensor, temperature: float | Tensor = 1.0, log: bool = False
    ) -> Tensor:
        """Each real token's distribution over labels at ``temperature``, (N, num_labels): the softmax
        of its scores, or with a CRF its posterior marginal given the whole sentence. ``log`` gives
        log-probabilities (what temperature fitting minimises the NLL of)."""
        if self.crf is None:
            scaled = slot_scores / temperature
            return torch.log_softmax(scaled, dim=-1) if log else torch.softmax(scaled, dim=-1)
        real = real_tokens(lengths.to(slot_scores.device), int(lengths.max()))
        marginals = self.crf.marginals(pad_rows(slot_scores, real), real, temperature)[real]
        return marginals.clamp_min(1e-30).log() if log else marginals

    @staticmethod
    def intent_probabilities(intent_scores: Tensor, temperature: float | Tensor = 1.0, log: bool = False) -> Tensor:
        """Each sentence's distribution over intents at ``temperature``, (B, num_intents)."""
        scaled = intent_scores / temperature
        return torch.log_softmax(scaled, dim=-1) if log else torch.softmax(scaled, dim=-1)


def is_full(batch: EncodedBatch) -> bool:
    """Whether every row of ``batch`` is full length: no padding anywhere."""
    return bool((batch.lengths == batch.words.shape[1]).all())


def pad_rows(scores: Tensor, real: Tensor) -> Tensor:
    """Real tokens' rows (N, L) back in their sentences, (B, T, L); padding positions hold zeros."""
    out = scores.new_zeros(*real.shape, scores.shape[-1])
    out[real] = scores
    return out
