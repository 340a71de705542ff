"""From tokens to answers: tensors in, calibrated probabilities out, then labels, spans and intent.

The pieces are kept apart so each can be used alone: ``encode_batch`` (strings -> tensors),
``probabilities`` (one batched forward pass), ``parse`` (text -> the JSON-ready answer the service
and the CLI return; a compact answer's ``probabilities`` are float32 numpy rows, which orjson with
``OPT_SERIALIZE_NUMPY`` writes as it does the service's responses).

Serving speed: ``Predictor.parse`` runs the model through ``Predictor.forward``, which does the
arithmetic of ``SlotTagger.forward`` without its waste on a padded batch (the character encoder
reads each distinct word once, the slot head reads real tokens only), and builds the answers of a
whole batch with a handful of array operations instead of one per token.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import Tensor

from model.bio import bio_spans
from model.checkpoint import Checkpoint
from model.tagger import CharCNN, SlotTagger, WindowEncoder
from model.tokenizer import Token, join_tokens, tokenize
from model.vocab import Vocabulary

MAX_WORD_CHARS = 24  # longer words are cut for the character encoder; their word id is unchanged
CHAR_CACHE_WORDS = 50_000  # distinct words whose character ids are remembered (texts can hold any word)


@dataclass(frozen=True, slots=True)
class Utterance:
    """What the tagger reads: the text as sent and its tokens with offsets into it."""

    text: str
    tokens: list[Token]

    @classmethod
    def from_text(cls, text: str) -> Utterance:
        return cls(text, tokenize(text))

    @classmethod
    def from_tokens(cls, tokens: Sequence[str]) -> Utterance:
        text, spans = join_tokens(list(tokens))
        return cls(text, spans)


def _distinct_words(batch: Sequence[Sequence[str]], steps: int) -> tuple[np.ndarray, list[str]]:
    """Per position, the row of its (truncated) word among the batch's distinct words; 0 = padding.

    A batch of ATIS requests repeats "to", "from", "flights" ... : work per distinct word is a
    fraction of the work per position.
    """
    index = np.zeros((len(batch), steps), dtype=np.int64)
    rows: dict[str, int] = {}
    for b, tokens in enumerate(batch):
        # setdefault's default is evaluated first: a new word gets the next row (rows start at 1).
        index[b, : len(tokens)] = [rows.setdefault(w[:MAX_WORD_CHARS], len(rows) + 1) for w in tokens]
    return index, list(rows)


def _encode(
    words: Vocabulary, char_ids: Callable[[str], list[int]], batch: Sequence[Sequence[str]]
) -> tuple[np.ndarray, list[int], np.ndarray, np.ndarray]:
    """Word ids (B, T), lengths, the character ids of each distinct word (U + 1, C; row 0 is
    padding, so padding positions pick up zeros), and each position's row among them (B, T)."""
    lengths = [len(tokens) for tokens in batch]
    steps = max(lengths, default=0) or 1
    word_ids = np.zeros((len(batch), steps), dtype=np.int64)
    for b, tokens in enumerate(batch):
        word_ids[b, : len(tokens)] = words.ids(tokens)
    index, distinct = _distinct_words(batch, steps)
    width = max(1, min(max((len(w) for w in distinct), default=1), MAX_WORD_CHARS))
    rows = np.zeros((len(distinct) + 1, width), dtype=np.int64)
    for r, word in enumerate(distinct, start=1):
        ids = char_ids(word)
        rows[r, : len(ids)] = ids
    return word_ids, lengths, rows, index


def encode_batch(
    words: Vocabulary, chars: Vocabulary, batch: Sequence[Sequence[str]]
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Word ids (B, T), character ids (B, T, C) and lengths (B,) for lists of normalised tokens."""
    word_ids, lengths, rows, index = _encode(words, chars.ids, batch)
    return torch.from_numpy(word_ids), torch.from_numpy(rows[index]), torch.tensor(lengths, dtype=torch.int64)


@dataclass(frozen=True, slots=True)
class AnswerShape:
    """How each token's distribution is written in an answer."""

    top_k: int | None = None  # only the k most likely labels; None = every label
    compact: bool = False  # every label's probability as a float32 row in the order of ``checkpoint.labels``

    def __post_init__(self) -> None:
        if self.compact and self.top_k is not None:
            raise ValueError("a compact answer carries every label: it takes no top_k")


@dataclass
class Probabilities:
    slots: list[np.ndarray]  # per utterance, (tokens, labels), rows sum to 1
    intents: np.ndarray  # (utterances, intents), rows sum to 1


@dataclass(frozen=True, slots=True)
class EncodedBatch:
    """A batch as ``Predictor.forward`` reads it: the characters of each distinct word only once."""

    words: Tensor  # (B, T) word ids, 0 = padding
    lengths: Tensor  # (B,) real tokens per row
    word_chars: Tensor  # (U + 1, C) character ids of each distinct word; row 0 is padding
    char_rows: Tensor  # (B, T) row of word_chars for each position; 0 for padding


class Predictor:
    def __init__(self, checkpoint: Checkpoint):
        self.checkpoint = checkpoint
        self.model = checkpoint.model.eval()
        self.labels = np.array(checkpoint.labels)
        self.intents = np.array(checkpoint.intents)
        self._char_ids: dict[str, list[int]] = {}

    # -- tensors in ---------------------------------------------------------------------------

    def _chars_of(self, word: str) -> list[int]:
        ids = self._char_ids.get(word)
        if ids is None:
            if len(self._char_ids) >= CHAR_CACHE_WORDS:
                self._char_ids.clear()  # crude but bounded: arbitrary input cannot grow it for ever
            ids = self._char_ids[word] = self.checkpoint.chars.ids(word)
        return ids

    def encode(self, batch: Sequence[Sequence[str]]) -> EncodedBatch:
        """Tensors for ``forward``: word ids per position, character ids per distinct word."""
        word_ids, lengths, rows, index = _encode(self.checkpoint.words, self._chars_of, batch)
        return EncodedBatch(
            torch.from_numpy(word_ids),
            torch.tensor(lengths, dtype=torch.int64),
            torch.from_numpy(rows),
            torch.from_numpy(index),
        )

    # -- the model ----------------------------------------------------------------------------

    def forward(self, batch: EncodedBatch) -> tuple[Tensor, Tensor]:
        """Slot logits of the real tokens (N, labels), utterance after utterance, and intent logits (B, intents).

        The arithmetic of ``SlotTagger.forward`` (tests check they agree), minus the work on padding:
        a word's character features do not depend on its neighbours, so each distinct word goes
        through the character encoder once (its convolution as a matrix product); the slot head reads
        real tokens only. On a batch of ATIS sentences this is about twice as fast as the padded forward.
        """
        model = self.model
        if not isinstance(model, SlotTagger):  # some other module with the same call: no shortcuts
            words, chars = batch.words, batch.word_chars[batch.char_rows]
            slot_logits, intent_logits = model(words, chars, batch.lengths)
            return slot_logits[self._real_tokens(batch)], intent_logits
        x = model.word_embedding(batch.words)
        if model.chars is not None:
            per_word = self._char_features(model.chars, batch.word_chars)  # (U + 1, filters); row 0 is zeros
            x = torch.cat([x, per_word[batch.char_rows]], dim=-1)
        states = model.dropout(self._encode_states(model, model.dropout(x), batch))
        pooled = model.pool(states, batch.words, batch.lengths)
        slot_inputs = model.slot_features(states, pooled)[self._real_tokens(batch)]  # the head on real tokens only
        return model.slot_head(slot_inputs), model.intent_head(pooled)

    @staticmethod
    def _char_features(chars: CharCNN, word_chars: Tensor) -> Tensor:
        """``CharCNN.forward`` for (U, C) character ids -> (U, filters), its convolution as one matrix product.

        Same arithmetic as the module (tests check, to float rounding). oneDNN's convolution builds a
        primitive for every new input shape, slow to create and kept in memory: a batch of distinct
        words has a new shape almost every time, so the service's memory grew and the convolution
        was several times slower than this product.
        """
        conv = chars.conv
        kernel = conv.kernel_size[0]
        pad = int(conv.padding[0]) if isinstance(conv.padding, tuple) else -1
        simple = conv.stride == (1,) and conv.dilation == (1,) and conv.groups == 1 and conv.padding_mode == "zeros"
        if not simple or 2 * pad != kernel - 1 or conv.bias is None:  # not the layout CharCNN builds: no shortcut
            return chars(word_chars.unsqueeze(0))[0]
        x = chars.embedding(word_chars)  # (U, C, D)
        windows = torch.nn.functional.pad(x, (0, 0, pad, pad)).unfold(1, kernel, 1)  # (U, C, D, K)
        weight = conv.weight.reshape(conv.out_channels, -1)  # (filters, D * K), same (D, K) order
        y = torch.nn.functional.linear(windows.reshape(*windows.shape[:2], -1), weight, conv.bias)  # (U, C, F)
        # Padding characters must not win the max; padding words (no characters) become zeros.
        char_mask = (word_chars != 0).unsqueeze(-1)
        y = y.masked_fill(~char_mask, -1e4).max(dim=1).values
        return y * char_mask.any(dim=1)

    @staticmethod
    def _encode_states(model: SlotTagger, x: Tensor, batch: EncodedBatch) -> Tensor:
        """``SlotTagger.encode`` after its embeddings: (B, T, output_dim), padding positions zero."""
        if isinstance(model.encoder, WindowEncoder):
            return model.encoder(x) * (batch.words != 0).unsqueeze(-1)
        steps = batch.words.shape[1]
        if bool((batch.lengths == steps).all()):
            out, _ = model.encoder(x)
            return out
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, batch.lengths, batch_first=True, enforce_sorted=False)
        out, _ = model.encoder(packed)
        out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=steps)
        return out

    @staticmethod
    def _real_tokens(batch: EncodedBatch) -> Tensor:
        steps = batch.words.shape[1]
        return torch.arange(steps).unsqueeze(0) < batch.lengths.unsqueeze(1)

    @torch.inference_mode()
    def _flat_probabilities(self, batch: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated slot probabilities of every real token (N, labels) and intents (B, intents)."""
        encoded = self.encode(batch)
        slot_logits, intent_logits = self.forward(encoded)
        calibration = self.checkpoint.calibration
        if isinstance(self.model, SlotTagger) and self.model.crf is not None:
            # The CRF's marginals need each sentence whole: the real tokens' scores back in their rows.
            real = self._real_tokens(encoded)
            padded = slot_logits.new_zeros(*real.shape, slot_logits.shape[-1])
            padded[real] = slot_logits
            slot_probs = self.model.crf.marginals(padded, real, calibration.slot_temperature)[real].numpy()
        else:
            slot_probs = torch.softmax(slot_logits / calibration.slot_temperature, dim=-1).numpy()
        intent_probs = torch.softmax(intent_logits / calibration.intent_temperature, dim=-1).numpy()
        return slot_probs, intent_probs

    def probabilities(self, batch: Sequence[Sequence[str]]) -> Probabilities:
        """One forward pass over a batch of token lists; temperatures from the checkpoint applied."""
        slot_probs, intent_probs = self._flat_probabilities(batch)
        ends = np.cumsum([len(tokens) for tokens in batch])
        return Probabilities(np.split(slot_probs, ends[:-1]) if len(batch) else [], intent_probs)

    # -- answers out --------------------------------------------------------------------------

    def parse(
        self, utterances: Sequence[Utterance], top_k: int | None = None, compact: bool = False
    ) -> list[dict[str, Any]]:
        return self.parse_each(utterances, [AnswerShape(top_k, compact)] * len(utterances))

    def parse_each(self, utterances: Sequence[Utterance], shapes: Sequence[AnswerShape]) -> list[dict[str, Any]]:
        """``parse`` with a shape per utterance: one forward pass for requests that ask differently.

        The answers equal a plain per-utterance build (tests/test_batching.py checks it); the
        per-label work is done for the whole batch at once, which matters for full distributions.
        """
        if len(shapes) != len(utterances):
            raise ValueError(f"{len(utterances)} utterances but {len(shapes)} answer shapes")
        if any(not u.tokens for u in utterances):
            raise ValueError("every utterance needs at least one token")
        if not utterances:
            return []
        slot_probs, intent_probs = self._flat_probabilities([[t.text for t in u.tokens] for u in utterances])
        ends = np.cumsum([len(u.tokens) for u in utterances]).tolist()
        starts = [0, *ends[:-1]]
        best = slot_probs.argmax(axis=1)
        confidence = slot_probs[np.arange(len(best)), best]
        labels = self.labels[best].tolist()
        confidences = confidence.tolist()
        distributions = self._distributions(slot_probs, starts, ends, shapes)
        rankings = self._rankings(intent_probs, [shape.top_k for shape in shapes])
        model = self.checkpoint
        results = []
        for i, utterance in enumerate(utterances):
            first, last = starts[i], ends[i]
            # A compact answer's tokens carry arrays aligned with ``checkpoint.labels``.
            field = "probabilities" if shapes[i].compact else "distribution"
            tokens = [
                {"text": tok.text, "start": tok.start, "end": tok.end, "label": label, "confidence": conf, field: dist}
                for tok, label, conf, dist in zip(
                    utterance.tokens,
                    labels[first:last],
                    confidences[first:last],
                    distributions[first:last],
                    strict=True,
                )
            ]
            ranking = rankings[i]
            results.append(
                {
                    "text": utterance.text,
                    "tokens": tokens,
                    "slots": self._slots(utterance, labels[first:last], confidence[first:last]),
                    "intent": {"name": ranking[0]["name"], "confidence": ranking[0]["confidence"], "ranking": ranking},
                    "model": {"name": model.name, "version": model.version},
                }
            )
        return results

    def _distributions(
        self, slot_probs: np.ndarray, starts: list[int], ends: list[int], shapes: Sequence[AnswerShape]
    ) -> list[Any]:
        """Every token's distribution, built over all rows that share a shape at once."""
        wanted = set(shapes)
        if len(wanted) == 1:  # the usual case: no reordering needed
            return self._distribution_rows(slot_probs, shapes[0])
        out: list[Any] = [None] * len(slot_probs)
        for shape in wanted:
            rows = np.concatenate(
                [np.arange(s, e) for s, e, want in zip(starts, ends, shapes, strict=True) if want == shape]
            )
            for r, dist in zip(rows.tolist(), self._distribution_rows(slot_probs[rows], shape), strict=True):
                out[r] = dist
        return out

    def _distribution_rows(self, probs: np.ndarray, shape: AnswerShape) -> list[Any]:
        """Each row's distribution in a few array operations: probabilities in label order (compact),
        or a label -> probability mapping of all labels or of the top_k."""
        if shape.compact:
            # float32 rows as they are: orjson (OPT_SERIALIZE_NUMPY) writes them about 3x faster than
            # lists of Python floats, in their shortest float32 form (40% fewer bytes).
            return list(probs)
        if shape.top_k is None:
            names = self.checkpoint.labels
            return [dict(zip(names, row, strict=True)) for row in probs.tolist()]
        order = np.argsort(-probs, axis=1, kind="stable")[:, : min(shape.top_k, len(self.labels))]
        top_names = self.labels[order].tolist()
        top_probs = np.take_along_axis(probs, order, axis=1).tolist()
        return [dict(zip(n, p, strict=True)) for n, p in zip(top_names, top_probs, strict=True)]

    def _rankings(self, intent_probs: np.ndarray, top_ks: Sequence[int | None]) -> list[list[dict[str, Any]]]:
        order = np.argsort(-intent_probs, axis=1, kind="stable")
        names = self.intents[order].tolist()
        probs = np.take_along_axis(intent_probs, order, axis=1).tolist()
        return [
            [{"name": n, "confidence": p} for n, p in zip(names[i][:k], probs[i][:k], strict=True)]
            for i, k in enumerate(top_ks)
        ]

    @staticmethod
    def _slots(utterance: Utterance, labels: list[str], confidence: np.ndarray) -> list[dict[str, Any]]:
        slots = []
        for span in bio_spans(labels):
            start, end = utterance.tokens[span.first].start, utterance.tokens[span.last].end
            slots.append(
                {
                    "name": span.name,
                    "value": utterance.text[start:end],
                    "start": start,
                    "end": end,
                    # The chance every token of the span carries the predicted label.
                    "confidence": float(np.prod(confidence[span.first : span.last + 1])),
                }
            )
        return slots
