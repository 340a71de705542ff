"""Calibrated probabilities -> the answer the service and the CLI return (the JSON shape that
``app/schemas.py`` declares): per-token labels and distributions, slot spans, the intent ranking.

A whole batch's answers are built with a handful of array operations instead of one per token.
A compact answer's ``probabilities`` are float32 numpy rows, which orjson with
``OPT_SERIALIZE_NUMPY`` writes as it does the service's responses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import numpy as np

from model.bio import bio_spans
from model.tokenizer import Utterance

OUT_OF_SCOPE = "out_of_scope"  # the intent of a text the model's in-domain head says is not of its domain


@dataclass(frozen=True, slots=True)
class AnswerShape:
    """How each token's distribution is written in an answer."""

    top_k: int | None = None  # only the k most likely labels; None = every label
    compact: bool = False  # every label's probability as a float32 row in the order of the model's labels

    def __post_init__(self) -> None:
        if self.compact and self.top_k is not None:
            raise ValueError("a compact answer carries every label: it takes no top_k")


class AnswerBuilder:
    """Builds answers for one model: its label and intent names, and its name and version."""

    def __init__(
        self,
        labels: Sequence[str],
        intents: Sequence[str],
        model_name: str,
        model_version: str,
        in_domain_threshold: float = 0.5,
    ):
        self.label_names = list(labels)
        self.labels = np.array(labels)
        self.intents = np.array(intents)
        self.model = {"name": model_name, "version": model_version}
        self.in_domain_threshold = in_domain_threshold

    def build(
        self,
        utterances: Sequence[Utterance],
        slot_probs: np.ndarray,
        intent_probs: np.ndarray,
        shapes: Sequence[AnswerShape],
        in_domain: np.ndarray | None = None,
        labels: np.ndarray | None = None,
    ) -> list[dict[str, Any]]:
        """slot_probs: (N, labels) for every token of every utterance in order; intent_probs: (B, intents);
        in_domain: (B,) P(of the model's domain), None for a model without an in-domain head; labels: (N,)
        each token's label index (``Predictor.flat_probabilities``), by default its most probable."""
        ends = list(accumulate(len(u.tokens) for u in utterances))
        starts = [0, *ends[:-1]]
        best = slot_probs.argmax(axis=1) if labels is None else labels
        confidence = slot_probs[np.arange(len(best)), best]
        names = self.labels[best].tolist()
        confidences = confidence.tolist()
        distributions = self._distributions(slot_probs, starts, ends, shapes)
        rankings = self._rankings(intent_probs, [shape.top_k for shape in shapes])
        in_domain_list: list[float | None] = in_domain.tolist() if in_domain is not None else [None] * len(utterances)
        results = []
        for i, utterance in enumerate(utterances):
            first, last = starts[i], ends[i]
            # A compact answer's tokens carry arrays aligned with the model's labels.
            field = "probabilities" if shapes[i].compact else "distribution"
            tokens = [
                {"text": tok.text, "start": tok.start, "end": tok.end, "label": label, "confidence": conf, field: dist}
                for tok, label, conf, dist in zip(
                    utterance.tokens,
                    names[first:last],
                    confidences[first:last],
                    distributions[first:last],
                    strict=True,
                )
            ]
            results.append(
                {
                    "text": utterance.text,
                    "tokens": tokens,
                    "slots": self._slots(utterance, names[first:last], confidence[first:last]),
                    "intent": self._intent(rankings[i], in_domain_list[i]),
                    "in_domain": in_domain_list[i],
                    "model": dict(self.model),
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
            # float32 rows as they are: orjson (OPT_SERIALIZE_NUMPY) writes them faster than lists of
            # Python floats, in their shortest float32 form.
            return list(probs)
        if shape.top_k is None:
            return [dict(zip(self.label_names, row, strict=True)) for row in probs.tolist()]
        order = top_k_order(probs, min(shape.top_k, len(self.labels)))
        top_names = self.labels[order].tolist()
        top_probs = probs[_rows(order), order].tolist()
        return [dict(zip(n, p, strict=True)) for n, p in zip(top_names, top_probs, strict=True)]

    def _rankings(self, intent_probs: np.ndarray, top_ks: Sequence[int | None]) -> list[list[dict[str, Any]]]:
        order = (-intent_probs).argsort(axis=1, kind="stable")
        names = self.intents[order].tolist()
        probs = intent_probs[_rows(order), order].tolist()
        return [
            [{"name": n, "confidence": p} for n, p in zip(names[i][:k], probs[i][:k], strict=True)]
            for i, k in enumerate(top_ks)
        ]

    def out_of_scope(self, in_domain: Any) -> Any:
        """Whether an in-domain probability (or each of an array of them) makes the answer out_of_scope."""
        return in_domain < self.in_domain_threshold

    def _intent(self, ranking: list[dict[str, Any]], in_domain: float | None) -> dict[str, Any]:
        """The top intent; "out_of_scope" (confidence 1 - in_domain) when the text is unlikely to be of the
        model's domain. The ranking stays the model's own, for whoever wants it."""
        if in_domain is not None and self.out_of_scope(in_domain):
            return {"name": OUT_OF_SCOPE, "confidence": 1.0 - in_domain, "ranking": ranking}
        return {"name": ranking[0]["name"], "confidence": ranking[0]["confidence"], "ranking": ranking}

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
                    "confidence": float(confidence[span.first : span.last + 1].prod()),
                }
            )
        return slots


def top_k_order(probs: np.ndarray, k: int) -> np.ndarray:
    """Each row's k most probable labels, most probable first, a tie in label order: ``(-probs).argsort(axis=1,
    kind="stable")[:, :k]`` without sorting whole rows (a stable sort of every token's 158 labels was about half
    of a short answer's time). A non-negative float32's bits, read as an integer, order as the float does; with the
    label's index in the low bits every key is different, so the k smallest keys are the stable sort's first k."""
    labels = probs.shape[1]
    if probs.dtype != np.float32 or not 0 < k < labels:
        return (-probs).argsort(axis=1, kind="stable")[:, :k]
    keys = (-probs.view(np.int32).astype(np.int64) << labels.bit_length()) + np.arange(labels)
    first = np.argpartition(keys, k - 1, axis=1)[:, :k]
    chosen = keys[_rows(first), first]
    return first[_rows(first), chosen.argsort(axis=1)]


def _rows(order: np.ndarray) -> np.ndarray:
    """The row index of each entry of a (rows, k) index array, for picking each row's entries in one step
    (``np.take_along_axis`` builds the same index in Python, a cost a single sentence's answer notices)."""
    return np.arange(len(order))[:, None]
