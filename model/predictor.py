"""The model runner: token lists in, calibrated probabilities out, and answers built from them.

Token lists are what the checkpoint's tokenizer makes (``predictor.tokenizer.utterance(text)``).

``Predictor.probabilities`` encodes a batch (``model.encoding``), runs the tagger's one forward
pass, applies the checkpoint's temperatures (``SlotTagger.slot_probabilities``) and reads each
token's label from them (``model.decoding.LabelDecoder``); ``Predictor.parse`` hands those to
``model.answers`` for the answer's shape.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import numpy as np
import torch

from model.answers import AnswerBuilder, AnswerShape
from model.checkpoint import Checkpoint
from model.decoding import LabelDecoder
from model.tokenizer import Utterance
from world.lexicon import Lexicon


@dataclass
class Probabilities:
    slots: list[np.ndarray]  # per utterance, (tokens, labels), rows sum to 1
    intents: np.ndarray  # (utterances, intents), rows sum to 1
    in_domain: np.ndarray | None  # (utterances,) P(of the model's domain); None for a model without the head
    labels: list[np.ndarray]  # per utterance, (tokens,) each token's label index (Predictor.flat_probabilities)


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
        self.decoder = LabelDecoder(checkpoint.labels)

    @torch.inference_mode()
    def flat_probabilities(
        self, batch: Sequence[Sequence[str]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]:
        """Calibrated slot probabilities of every real token (N, labels), sentence after sentence,
        intent probabilities (B, intents), in-domain probabilities (B,) (None without the head) and
        each real token's label index (N,): its most probable, kept to BIO, and one slot for a known name those
        cut (``model.decoding.LabelDecoder``; a model without the place lookup knows no names)."""
        encoded = self.encoder.encode(batch)
        out = self.model(encoded)
        calibration = self.checkpoint.calibration
        slot_probs = self.model.slot_probabilities(
            out.slot_scores, encoded.lengths, calibration.slot_temperature
        ).numpy()
        intent_probs = self.model.intent_probabilities(out.intent_scores, calibration.intent_temperature)
        # The head's logit is calibrated when it is fitted (training/in_domain.py): a sigmoid is all it needs.
        in_domain = torch.sigmoid(out.in_domain_scores).numpy() if out.in_domain_scores is not None else None
        flags = encoded.lexicon.numpy() if encoded.lexicon is not None else None
        labels = self.decode(slot_probs, batch, flags)
        return slot_probs, intent_probs.numpy(), in_domain, labels

    def decode(
        self, slot_probs: np.ndarray, batch: Sequence[Sequence[str]], flags: np.ndarray | None = None
    ) -> np.ndarray:
        """Each real token's label index (N,) from the batch's stacked slot probabilities (N, labels): the most
        likely, kept to BIO, and one slot for a known name those cut (``LabelDecoder``). ``flags``: the batch's
        lookup flags (B, T, F) as the encoder makes them; made here when not given."""
        if flags is None and self.encoder.lexicon is not None:
            lookup = self.encoder.lexicon_flags(batch, max((len(tokens) for tokens in batch), default=0))
            flags = lookup.numpy() if lookup is not None else None
        starts = list(accumulate((len(tokens) for tokens in batch[:-1]), initial=0))
        if flags is None:  # a model without the lookup knows no names
            return self.decoder.best(slot_probs, starts, lambda i: ())
        known = flags
        return self.decoder.best(slot_probs, starts, lambda i: Lexicon.names(known[i, : len(batch[i])]))

    def probabilities(self, batch: Sequence[Sequence[str]]) -> Probabilities:
        """One forward pass over a batch of token lists; temperatures from the checkpoint applied."""
        slot_probs, intent_probs, in_domain, labels = self.flat_probabilities(batch)
        ends = np.cumsum([len(tokens) for tokens in batch])[:-1]
        if not len(batch):
            return Probabilities([], intent_probs, in_domain, [])
        return Probabilities(np.split(slot_probs, ends), intent_probs, in_domain, np.split(labels, ends))

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
        batch = [[t.text for t in u.tokens] for u in utterances]
        slot_probs, intent_probs, in_domain, labels = self.flat_probabilities(batch)
        return self.answers.build(utterances, slot_probs, intent_probs, shapes, in_domain, labels)
