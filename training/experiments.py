"""Reproducible comparisons: the lecture's ladder of models, and the bundled recipe over seeds."""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from model.checkpoint import load_checkpoint
from model.predictor import Predictor
from training.config import TrainConfig
from training.train import train

# The lecture's argument, one step at a time: no context -> a window -> memory -> both directions
# -> characters for words never seen in training.
LECTURE_MODELS: list[tuple[str, dict[str, Any]]] = [
    ("feed-forward, the token alone", {"cell": "none", "window": 0, "char_dim": 0}),
    ("feed-forward, ±1 word window", {"cell": "none", "window": 1, "char_dim": 0}),
    ("Elman RNN", {"cell": "rnn", "bidirectional": False, "char_dim": 0}),
    ("LSTM", {"cell": "lstm", "bidirectional": False, "char_dim": 0}),
    ("bidirectional LSTM", {"cell": "lstm", "bidirectional": True, "char_dim": 0}),
    ("bidirectional LSTM + characters", {"cell": "lstm", "bidirectional": True}),
]
LECTURE_SENTENCES = (
    "i would like to arrive taipei on november second",
    "i would like to leave taipei on november second",
)
METRICS = ("slot_f1", "intent_accuracy", "sentence_accuracy")


def label_of(predictor: Predictor, sentence: str, word: str) -> str:
    [result] = predictor.parse([predictor.tokenizer.utterance(sentence)], top_k=1)
    return next(t["label"] for t in result["tokens"] if t["text"] == word)


def run_lecture(base: TrainConfig, split: str = "test") -> list[dict[str, Any]]:
    """Train each lecture model with the same budget (epochs, seed, optimiser); score on ``split``."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="slotfill-lecture-") as scratch:
        for index, (name, changes) in enumerate(LECTURE_MODELS):
            config = dataclasses.replace(
                base,
                output=Path(scratch) / f"model-{index}",
                model=dataclasses.replace(base.model, **changes),
                force=True,
                baseline=False,  # the comparison is between the LSTM's variants
            )
            started = time.monotonic()
            report = train(config)
            seconds = time.monotonic() - started
            predictor = Predictor(load_checkpoint(config.output))
            rows.append(
                {
                    "model": name,
                    **{k: report[split][k] for k in METRICS},
                    "parameters": sum(p.numel() for p in predictor.model.parameters()),
                    "train_seconds": seconds,
                    "arrive taipei": label_of(predictor, LECTURE_SENTENCES[0], "taipei"),
                    "leave taipei": label_of(predictor, LECTURE_SENTENCES[1], "taipei"),
                }
            )
    return rows


def lecture_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| model | slot F1 | sentence acc. | parameters | train time | 'arrive taipei' | 'leave taipei' |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['model']} | {r['slot_f1']:.2f} | {r['sentence_accuracy']:.2f} | {r['parameters']:,} | "
            f"{r['train_seconds']:.0f} s | {r['arrive taipei']} | {r['leave taipei']} |"
        )
    return "\n".join(lines)


def run_seeds(base: TrainConfig, seeds: list[int], split: str = "test", keep: Path | None = None) -> dict[str, Any]:
    """The same recipe with several seeds: mean and standard deviation of each metric on ``split``.

    ``keep``: a folder to keep each seed's checkpoint in (``seed-N``); by default they are discarded.
    """
    runs = []
    with tempfile.TemporaryDirectory(prefix="slotfill-seeds-") as scratch:
        folder = keep or Path(scratch)
        for seed in seeds:
            report = train(
                dataclasses.replace(base, seed=seed, output=folder / f"seed-{seed}", force=True, baseline=False)
            )
            metrics = {k: report[split][k] for k in METRICS}
            runs.append({"seed": seed, **metrics, "train_seconds": report["train_seconds"]})
    summary = {}
    for key in (*METRICS, "train_seconds"):
        values = [r[key] for r in runs]
        summary[key] = {"mean": statistics.mean(values), "std": statistics.stdev(values) if len(values) > 1 else 0.0}
    return {"split": split, "runs": runs, "summary": summary}


def seeds_table(result: dict[str, Any]) -> str:
    lines = ["| seed | slot F1 | intent acc. | sentence acc. | train time |", "| --- | --- | --- | --- | --- |"]
    for r in result["runs"]:
        lines.append(
            f"| {r['seed']} | {r['slot_f1']:.2f} | {r['intent_accuracy']:.2f} | {r['sentence_accuracy']:.2f} | "
            f"{r['train_seconds']:.0f} s |"
        )
    s = result["summary"]
    lines.append(
        "| mean ± std | "
        + " | ".join(f"{s[k]['mean']:.2f} ± {s[k]['std']:.2f}" for k in METRICS)
        + f" | {s['train_seconds']['mean']:.0f} s |"
    )
    return "\n".join(lines)
