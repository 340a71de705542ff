"""The model runner: token lists in, calibrated probabilities out, and answers built from them.

Token lists are what the checkpoint's tokenizer makes (``predictor.tokenizer.utterance(text)``).

``Predictor.probabilities`` encodes a batch (``model.encoding``), runs the tagger's one forward
pass and applies the checkpoint's temperatures (``SlotTagger.slot_probabilities``);
``Predictor.parse`` hands those to ``model.answers`` for the answer's shape.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from model.answers import AnswerBuilder, AnswerShape
from model.checkpoint import Checkpoint
from model.tokenizer import Utterance


@dataclass
class Probabilities:
    slots: list[np.ndarray]  # per utterance, (tokens, labels), rows sum to 1
    intents: np.ndarray  # (utterances, intents), rows sum to 1
    in_domain: np.ndarray | None  # (utterances,) P(of the model's domain); None for a model without the head


class Predictor:
    """Runs one checkpoint. ``in_domain_threshold`` overrides the checkpoint's own (its calibration's)."""

    def __init__(self, checkpoint: Checkpoint, in_domain_threshold: float | None = None):
        self.checkpoint = checkpoint
        self.model = checkpoint.model.eval()
        self.encoder = checkpoint.encoder()
        self.tokenizer = checkpoint.tokenizer
        if self.tokenizer.ranges and self.encoder.lexicon is not None:
            self.tokenizer = dataclasses.replace(self.tokenizer, names=self.encoder.lexicon)
        threshold = checkpoint.calibration.in_domain_threshold if in_domain_threshold is None else in_domain_threshold
        self.answers = AnswerBuilder(
            checkpoint.labels, checkpoint.intents, checkpoint.name, checkpoint.version, in_domain_threshold=threshold
        )
        self.labels = self.answers.labels
        self.intents = self.answers.intents

    @torch.inference_mode()
    def flat_probabilities(self, batch: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Calibrated slot probabilities of every real token (N, labels), sentence after sentence,
        intent probabilities (B, intents) and in-domain probabilities (B,) (None without the head)."""
        encoded = self.encoder.encode(batch)
        out = self.model(encoded)
        calibration = self.checkpoint.calibration
        slot_probs = self.model.slot_probabilities(out.slot_scores, encoded.lengths, calibration.slot_temperature)
        intent_probs = self.model.intent_probabilities(out.intent_scores, calibration.intent_temperature)
        # The head's logit is calibrated when it is fitted (training/in_domain.py): a sigmoid is all it needs.
        in_domain = torch.sigmoid(out.in_domain_scores).numpy() if out.in_domain_scores is not None else None
        return slot_probs.numpy(), intent_probs.numpy(), in_domain

    def probabilities(self, batch: Sequence[Sequence[str]]) -> Probabilities:
        """One forward pass over a batch of token lists; temperatures from the checkpoint applied."""
        slot_probs, intent_probs, in_domain = self.flat_probabilities(batch)
        ends = np.cumsum([len(tokens) for tokens in batch])
        return Probabilities(np.split(slot_probs, ends[:-1]) if len(batch) else [], intent_probs, in_domain)

    def parse(
        self, utterances: Sequence[Utterance], top_k: int | None = None, compact: bool = False
    ) -> list[dict[str, Any]]:
        return self.parse_each(utterances, [AnswerShape(top_k, compact)] * len(utterances))

    def parse_each(self, utterances: Sequence[Utterance], shapes: Sequence[AnswerShape]) -> list[dict[str, Any]]:
        """``parse`` with a shape per utterance: one forward pass for requests that ask differently."""
        if len(shapes) != len(utterances):
            raise ValueError(f"{len(utterances)} utterances but {len(shapes)} answer shapes")
        if any(not u.tokens for u in utterances):
            raise ValueError("every utterance needs at least one token")
        if not utterances:
            return []
        slot_probs, intent_probs, in_domain = self.flat_probabilities([[t.text for t in u.tokens] for u in utterances])
        return self.answers.build(utterances, slot_probs, intent_probs, shapes, in_domain)
