"""From tokens to answers: tensors in, calibrated probabilities out, then labels, spans and intent.

The pieces are kept apart so each can be used alone: ``encode_batch`` (strings -> tensors),
``probabilities`` (one batched forward pass), ``build_result`` (probabilities -> the JSON-ready
answer the service and the CLI return).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from model.bio import bio_spans
from model.checkpoint import Checkpoint
from model.tokenizer import Token, join_tokens, tokenize
from model.vocab import Vocabulary

MAX_WORD_CHARS = 24  # longer words are cut for the character encoder; their word id is unchanged


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


def encode_batch(
    words: Vocabulary, chars: Vocabulary, batch: Sequence[Sequence[str]]
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Word ids (B, T), character ids (B, T, C) and lengths (B,) for lists of normalised tokens."""
    lengths = [len(tokens) for tokens in batch]
    steps = max(lengths, default=0) or 1
    width = max((len(w) for tokens in batch for w in tokens), default=1)
    width = max(1, min(width, MAX_WORD_CHARS))
    word_ids = np.zeros((len(batch), steps), dtype=np.int64)
    char_ids = np.zeros((len(batch), steps, width), dtype=np.int64)
    for b, tokens in enumerate(batch):
        word_ids[b, : len(tokens)] = words.ids(tokens)
        for t, word in enumerate(tokens):
            ids = chars.ids(word[:MAX_WORD_CHARS])
            char_ids[b, t, : len(ids)] = ids
    return torch.from_numpy(word_ids), torch.from_numpy(char_ids), torch.tensor(lengths, dtype=torch.int64)


@dataclass
class Probabilities:
    slots: list[np.ndarray]  # per utterance, (tokens, labels), rows sum to 1
    intents: np.ndarray  # (utterances, intents), rows sum to 1


class Predictor:
    def __init__(self, checkpoint: Checkpoint):
        self.checkpoint = checkpoint
        self.model = checkpoint.model.eval()
        self.labels = np.array(checkpoint.labels)
        self.intents = np.array(checkpoint.intents)

    @torch.inference_mode()
    def probabilities(self, batch: Sequence[Sequence[str]]) -> Probabilities:
        """One forward pass over a batch of token lists; temperatures from the checkpoint applied."""
        words, chars, lengths = encode_batch(self.checkpoint.words, self.checkpoint.chars, batch)
        slot_logits, intent_logits = self.model(words, chars, lengths)
        calibration = self.checkpoint.calibration
        slot_probs = torch.softmax(slot_logits / calibration.slot_temperature, dim=-1).numpy()
        intent_probs = torch.softmax(intent_logits / calibration.intent_temperature, dim=-1).numpy()
        return Probabilities([slot_probs[b, :n] for b, n in enumerate(lengths.tolist())], intent_probs)

    def parse(self, utterances: Sequence[Utterance], top_k: int | None = None) -> list[dict[str, Any]]:
        if any(not u.tokens for u in utterances):
            raise ValueError("every utterance needs at least one token")
        probs = self.probabilities([[t.text for t in u.tokens] for u in utterances])
        return [self.build_result(u, probs.slots[i], probs.intents[i], top_k) for i, u in enumerate(utterances)]

    def build_result(
        self, utterance: Utterance, slot_probs: np.ndarray, intent_probs: np.ndarray, top_k: int | None = None
    ) -> dict[str, Any]:
        """The service's answer for one utterance (see the API contract in README.md)."""
        best = slot_probs.argmax(axis=1)
        confidence = slot_probs[np.arange(len(best)), best]
        labels = self.labels[best].tolist()
        if top_k is None:
            names = self.checkpoint.labels
            distributions = [dict(zip(names, row.tolist(), strict=True)) for row in slot_probs]
        else:
            k = min(top_k, len(self.labels))
            order = np.argsort(-slot_probs, axis=1, kind="stable")[:, :k]
            top_probs = np.take_along_axis(slot_probs, order, axis=1)
            distributions = [
                dict(zip(self.labels[o].tolist(), p.tolist(), strict=True))
                for o, p in zip(order, top_probs, strict=True)
            ]
        tokens = [
            {
                "text": tok.text,
                "start": tok.start,
                "end": tok.end,
                "label": label,
                "confidence": conf,
                "distribution": dist,
            }
            for tok, label, conf, dist in zip(utterance.tokens, labels, confidence.tolist(), distributions, strict=True)
        ]
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
        ranking_order = np.argsort(-intent_probs, kind="stable")
        if top_k is not None:
            ranking_order = ranking_order[:top_k]
        ranking = [
            {"name": name, "confidence": p}
            for name, p in zip(self.intents[ranking_order].tolist(), intent_probs[ranking_order].tolist(), strict=True)
        ]
        return {
            "text": utterance.text,
            "tokens": tokens,
            "slots": slots,
            "intent": {"name": ranking[0]["name"], "confidence": ranking[0]["confidence"], "ranking": ranking},
            "model": {"name": self.checkpoint.name, "version": self.checkpoint.version},
        }
