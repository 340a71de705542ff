"""Reliability diagrams: does a confidence of 0.9 come true nine times in ten?"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_reliability(reports: dict[str, dict[str, Any]], path: Path, title: str) -> None:
    """One panel per kind (tokens, intents, slots); bars = accuracy per confidence bin, line = perfect.

    ``reports`` maps a curve name ("raw", "calibrated") to a ``calibration()`` result.
    """
    import matplotlib  # optional (dev extra): only this command draws

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = ["tokens", "intents", "slots"]
    figure, axes = plt.subplots(1, len(kinds), figsize=(4 * len(kinds), 4), sharey=True)
    for ax, kind in zip(axes, kinds, strict=True):
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect")
        for (curve, report), marker in zip(reports.items(), "os^", strict=False):
            bins = report[kind]["bins"]
            ax.plot(
                [b["confidence"] for b in bins],
                [b["accuracy"] for b in bins],
                marker=marker,
                label=f"{curve} (ECE {report[kind]['ece']:.2f}%)",
            )
        ax.set_title(f"{kind} (n={next(iter(reports.values()))[kind]['count']})")
        ax.set_xlabel("confidence")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.legend(loc="upper left", fontsize=8)
    axes[0].set_ylabel("accuracy")
    figure.suptitle(title)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=90)
    plt.close(figure)
