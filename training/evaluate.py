"""Score predictions the way ATIS papers do: CoNLL slot F1, intent accuracy, sentence accuracy.

Two paths are scored. The *given-token* path feeds the data's own tokens to the model, as papers
do. The *text path* is what a user of the service gets: each sentence's text (its tokens joined by
spaces) cut by the checkpoint's tokenizer, tagged, and the predicted slots' characters mapped back
onto the data's tokens; it also counts the sentences the tokenizer cuts differently from the data.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from seqeval.metrics import classification_report, f1_score, precision_score, recall_score

from model.answers import OUT_OF_SCOPE
from model.bio import bio_spans
from model.checkpoint import Calibration, Checkpoint
from model.predictor import Predictor
from model.tokenizer import Token
from training.data import Example

ECE_BINS = 15


def intent_is_right(predicted: str, gold: str) -> bool:
    """A multi-intent gold label "a#b" counts a prediction of a, b or "a#b" as right."""
    return predicted == gold or predicted in gold.split("#")


def predict_examples(
    predictor: Predictor, examples: Sequence[Example], batch_size: int = 256
) -> tuple[list[list[str]], list[str], list[np.ndarray], np.ndarray]:
    """Predicted tags, predicted intents (out_of_scope where the service would say so), slot
    probabilities and intent probabilities, in order: the given-token path."""
    normalise = predictor.tokenizer.normalise
    tags: list[list[str]] = []
    intents: list[str] = []
    slot_probs: list[np.ndarray] = []
    intent_probs: list[np.ndarray] = []
    for start in range(0, len(examples), batch_size):
        chunk = examples[start : start + batch_size]
        probs = predictor.probabilities([[normalise(t) for t in e.tokens] for e in chunk])
        slot_probs.extend(probs.slots)
        intent_probs.append(probs.intents)
        tags.extend(predictor.labels[labels].tolist() for labels in probs.labels)
        named = predictor.intents[probs.intents.argmax(axis=1)]
        if probs.in_domain is not None:
            named = np.where(predictor.answers.out_of_scope(probs.in_domain), OUT_OF_SCOPE, named)
        intents.extend(named.tolist())
    return tags, intents, slot_probs, np.concatenate(intent_probs) if intent_probs else np.zeros((0, 0))


def score(
    examples: Sequence[Example], tags: list[list[str]], intents: list[str], detailed: bool = True
) -> dict[str, Any]:
    """Slot F1, intent and sentence accuracy; ``detailed`` adds precision, recall, per-slot F1 and
    the most confused label pairs (several more passes of seqeval: left out between epochs)."""
    gold_tags = [e.tags for e in examples]
    intent_right = [intent_is_right(p, e.intent) for p, e in zip(intents, examples, strict=True)]
    sentence_right = [ok and p == g for ok, p, g in zip(intent_right, tags, gold_tags, strict=True)]
    scores: dict[str, Any] = {
        "sentences": len(examples),
        "slot_f1": 100 * f1_score(gold_tags, tags, zero_division=0),
        "intent_accuracy": 100 * float(np.mean(intent_right)),
        "sentence_accuracy": 100 * float(np.mean(sentence_right)),
    }
    if not detailed:
        return scores
    per_slot = classification_report(gold_tags, tags, output_dict=True, zero_division=0)
    confusions: Counter[tuple[str, str]] = Counter(
        (g, p) for gs, ps in zip(gold_tags, tags, strict=True) for g, p in zip(gs, ps, strict=True) if g != p
    )
    return {
        **scores,
        "slot_precision": 100 * precision_score(gold_tags, tags, zero_division=0),
        "slot_recall": 100 * recall_score(gold_tags, tags, zero_division=0),
        "per_slot_f1": {
            name: {"f1": 100 * v["f1-score"], "support": int(v["support"])}
            for name, v in sorted(per_slot.items())
            if "avg" not in name
        },
        "top_confusions": [{"gold": g, "predicted": p, "count": n} for (g, p), n in confusions.most_common(10)],
    }


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> dict[str, Any]:
    """ECE over equal-width confidence bins: the gap between confidence and accuracy, weighted by bin size.

    Returns the ECE (in %) and the per-bin table a reliability diagram is drawn from.
    """
    confidence, correct = np.asarray(confidence, dtype=float), np.asarray(correct, dtype=float)
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    table, ece = [], 0.0
    for b in range(bins):
        inside = which == b
        if not inside.any():
            continue
        gap = abs(confidence[inside].mean() - correct[inside].mean())
        ece += gap * inside.mean()
        table.append(
            {
                "bin": b,
                "count": int(inside.sum()),
                "confidence": confidence[inside].mean(),
                "accuracy": correct[inside].mean(),
            }
        )
    return {"ece": 100 * ece, "count": len(confidence), "bins": table}


def parse_examples(predictor: Predictor, examples: Sequence[Example], batch_size: int = 256) -> list[dict[str, Any]]:
    """What POST /v1/parse answers for each example (tokens as given), top label only."""
    results: list[dict[str, Any]] = []
    for start in range(0, len(examples), batch_size):
        chunk = examples[start : start + batch_size]
        results.extend(predictor.parse([predictor.tokenizer.given(e.tokens) for e in chunk], top_k=1))
    return results


def tags_of_slots(slots: list[dict[str, Any]], tokens: list[Token]) -> list[str]:
    """BIO tags for ``tokens`` from slots given as character spans: a token inside a slot's span
    takes its name (B- for the first such token, I- after), any other token is O."""
    tags = ["O"] * len(tokens)
    for slot in slots:
        inside = [i for i, t in enumerate(tokens) if slot["start"] <= t.start and t.end <= slot["end"]]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + slot["name"]
    return tags


def text_path_report(predictor: Predictor, examples: Sequence[Example], batch_size: int = 256) -> dict[str, Any]:
    """Scores of the service's answers to each sentence's text, on the data's tokens, and how many
    sentences the checkpoint's tokenizer cuts differently from the data (``retokenized``)."""
    tokenizer = predictor.tokenizer
    tags: list[list[str]] = []
    intents: list[str] = []
    retokenized = 0
    for start in range(0, len(examples), batch_size):
        chunk = examples[start : start + batch_size]
        gold = [tokenizer.given(e.tokens) for e in chunk]  # the data's tokens, offsets into the joined text
        typed = [tokenizer.utterance(g.text) for g in gold]
        answers = iter(predictor.parse([u for u in typed if u.tokens], top_k=1))
        for g, u in zip(gold, typed, strict=True):
            retokenized += [t.text for t in u.tokens] != [t.text for t in g.tokens]
            answer: dict[str, Any] = next(answers) if u.tokens else {"slots": [], "intent": {"name": ""}}
            tags.append(tags_of_slots(answer["slots"], g.tokens))
            intents.append(answer["intent"]["name"])
    return {**score(examples, tags, intents, detailed=False), "retokenized": retokenized}


def calibration(examples: Sequence[Example], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Do the service's confidences mean what they say? Tokens, intents and slot spans."""
    token_conf, token_right, intent_conf, intent_right, span_conf, span_right = [], [], [], [], [], []
    for example, result in zip(examples, results, strict=True):
        for token, gold in zip(result["tokens"], example.tags, strict=True):
            token_conf.append(token["confidence"])
            token_right.append(token["label"] == gold)
        intent_conf.append(result["intent"]["confidence"])
        intent_right.append(intent_is_right(result["intent"]["name"], example.intent))
        gold_spans = set(bio_spans(example.tags))
        predicted_spans = bio_spans([t["label"] for t in result["tokens"]])
        for span, slot in zip(predicted_spans, result["slots"], strict=True):
            span_conf.append(slot["confidence"])
            span_right.append(span in gold_spans)
    return {
        "tokens": expected_calibration_error(np.array(token_conf), np.array(token_right)),
        "intents": expected_calibration_error(np.array(intent_conf), np.array(intent_right)),
        "slots": expected_calibration_error(np.array(span_conf), np.array(span_right)),
    }


def report_from_results(examples: Sequence[Example], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy and calibration of the service's answers (``parse_examples``) against the gold labels."""
    tags = [[t["label"] for t in r["tokens"]] for r in results]
    intents = [r["intent"]["name"] for r in results]
    report = score(examples, tags, intents)
    report["calibration"] = calibration(examples, results)
    return report


def evaluate(predictor: Predictor, examples: Sequence[Example]) -> dict[str, Any]:
    return report_from_results(examples, parse_examples(predictor, examples))


def format_report(name: str, report: dict[str, Any]) -> str:
    return (
        f"{name}: slot F1 {report['slot_f1']:.2f} (P {report['slot_precision']:.2f} R {report['slot_recall']:.2f}), "
        f"intent accuracy {report['intent_accuracy']:.2f}, sentence accuracy {report['sentence_accuracy']:.2f} "
        f"({report['sentences']} sentences)"
    )


def evaluation_report(
    checkpoint: Checkpoint, examples: Sequence[Example]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What ``slotfill evaluate`` reports: the service's answers scored (``report_from_results``), the
    calibration the raw scores would have had without the checkpoint's temperatures, and those
    temperatures. Returned with the answers themselves, for ``write_errors``."""
    predictor = Predictor(checkpoint)
    results = parse_examples(predictor, examples)
    report = report_from_results(examples, results)
    raw = Predictor(dataclasses.replace(checkpoint, calibration=Calibration()))
    report["calibration_raw"] = calibration(examples, parse_examples(raw, examples))
    report["temperatures"] = dataclasses.asdict(checkpoint.calibration)
    report["text_path"] = text_path_report(predictor, examples)
    return report, results


def format_text_path(name: str, report: dict[str, Any]) -> str:
    return (
        f"{name} through the text path: slot F1 {report['slot_f1']:.2f}, intent accuracy "
        f"{report['intent_accuracy']:.2f}, sentence accuracy {report['sentence_accuracy']:.2f} "
        f"({report['retokenized']} of {report['sentences']} sentences tokenized differently from the data)"
    )


def format_evaluation(name: str, report: dict[str, Any]) -> str:
    """An ``evaluation_report`` for people: the scores, per-slot F1, the worst confusions, calibration."""
    lines = [format_report(name, report), format_text_path(name, report["text_path"]), "", "per-slot F1 (support):"]
    lines += [f"  {slot:40s} {v['f1']:6.2f} ({v['support']})" for slot, v in report["per_slot_f1"].items()]
    lines += ["", "most confused labels (gold -> predicted: tokens):"]
    lines += [f"  {c['gold']} -> {c['predicted']}: {c['count']}" for c in report["top_confusions"]]
    temperatures = ", ".join(f"{kind.replace('_', ' ')} {value:.3f}" for kind, value in report["temperatures"].items())
    lines += ["", f"expected calibration error, %, {ECE_BINS} bins (raw -> temperature-scaled, {temperatures}):"]
    for kind in ("tokens", "intents", "slots"):
        before, after = report["calibration_raw"][kind], report["calibration"][kind]
        lines.append(f"  {kind:8s} {before['ece']:5.2f} -> {after['ece']:5.2f} (n={after['count']})")
    return "\n".join(lines)


def write_errors(path: Path, examples: Sequence[Example], results: list[dict[str, Any]]) -> int:
    """Write the examples whose tags or intent the answers got wrong, one JSON line each; return how many."""
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for example, result in zip(examples, results, strict=True):
            tags, intent = [t["label"] for t in result["tokens"]], result["intent"]["name"]
            if tags != example.tags or not intent_is_right(intent, example.intent):
                row = {"tokens": example.tokens, "gold_tags": example.tags, "predicted_tags": tags}
                out.write(json.dumps({**row, "gold_intent": example.intent, "predicted_intent": intent}) + "\n")
                written += 1
    return written
