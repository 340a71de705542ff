"""The model runner: token lists in, calibrated probabilities out, and answers built from them.

Token lists are what the checkpoint's tokenizer makes (``predictor.tokenizer.utterance(text)``).

``Predictor.probabilities`` encodes a batch (``model.encoding``), runs the tagger's one forward
pass and applies the checkpoint's temperatures (``SlotTagger.slot_probabilities``);
``Predictor.parse`` hands those to ``model.answers`` for the answer's shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from model.answers import AnswerBuilder, AnswerShape
from model.checkpoint import Checkpoint
from model.encoding import Encoder
from model.tokenizer import Utterance


@dataclass
class Probabilities:
    slots: list[np.ndarray]  # per utterance, (tokens, labels), rows sum to 1
    intents: np.ndarray  # (utterances, intents), rows sum to 1


class Predictor:
    def __init__(self, checkpoint: Checkpoint):
        self.checkpoint = checkpoint
        self.model = checkpoint.model.eval()
        self.tokenizer = checkpoint.tokenizer
        self.encoder = Encoder(checkpoint.words, checkpoint.chars)
        self.answers = AnswerBuilder(checkpoint.labels, checkpoint.intents, checkpoint.name, checkpoint.version)
        self.labels = self.answers.labels
        self.intents = self.answers.intents

    @torch.inference_mode()
    def flat_probabilities(self, batch: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated slot probabilities of every real token (N, labels), sentence after sentence,
        and intent probabilities (B, intents)."""
        encoded = self.encoder.encode(batch)
        slot_scores, intent_scores, _ = self.model(encoded)
        calibration = self.checkpoint.calibration
        slot_probs = self.model.slot_probabilities(slot_scores, encoded.lengths, calibration.slot_temperature)
        intent_probs = self.model.intent_probabilities(intent_scores, calibration.intent_temperature)
        return slot_probs.numpy(), intent_probs.numpy()

    def probabilities(self, batch: Sequence[Sequence[str]]) -> Probabilities:
        """One forward pass over a batch of token lists; temperatures from the checkpoint applied."""
        slot_probs, intent_probs = self.flat_probabilities(batch)
        ends = np.cumsum([len(tokens) for tokens in batch])
        return Probabilities(np.split(slot_probs, ends[:-1]) if len(batch) else [], intent_probs)

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
        slot_probs, intent_probs = self.flat_probabilities([[t.text for t in u.tokens] for u in utterances])
        return self.answers.build(utterances, slot_probs, intent_probs, shapes)
