"""Recipe sweep: many `slotfill train` runs at once, each scored on test and on the unseen-city set.

Made for a machine with a GPU and many cores (all runs share one CUDA device; with
`nvidia-cuda-mps-control -d` running they share it better). On this project's 2-core machine use
`--device cpu` and a handful of runs, or it takes hours. The table it writes is the one in
docs/sweep.md:

    slotfill robustness --output runs/atis-unseen
    python scripts/sweep.py --data ../shared/data/atis --unseen runs/atis-unseen --device cuda \
        --runs base lr2e3 lr3e3 --seeds 1 2 3 4 --markdown docs/sweep.md
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Name -> `slotfill train` flags on top of the defaults.
RECIPES: dict[str, list[str]] = {
    "base": [],
    "intent-to-slots": ["--intent-to-slots"],
    "layers2": ["--layers", "2"],
    "hidden300": ["--hidden-size", "300"],
    "word-dim200": ["--word-dim", "200"],
    "char-filters128": ["--char-filters", "128"],
    "char-kernel5": ["--char-kernel", "5"],
    "dropout0.3": ["--dropout", "0.3"],
    "batch16": ["--batch-size", "16"],
    "slot-dropout0.15": ["--slot-word-dropout", "0.15"],
    "unk-replace0.8": ["--unk-replace", "0.8"],
    "epochs100": ["--epochs", "100", "--patience", "15"],
    "big": ["--hidden-size", "300", "--word-dim", "200", "--char-filters", "128"],
    "lr2e3": ["--lr", "2e-3"],
    "lr3e3": ["--lr", "3e-3"],
    "lr2e3-epochs100": ["--lr", "2e-3", "--epochs", "100", "--patience", "15"],
    "lr2e3-slot-dropout0.15": ["--lr", "2e-3", "--slot-word-dropout", "0.15"],
    "lr2e3-hidden300": ["--lr", "2e-3", "--hidden-size", "300"],
    "lr2e3-intent-weight0.5": ["--lr", "2e-3", "--intent-weight", "0.5"],
}
SLOTFILL = [sys.executable, "-m", "app.cli"]


def train_all(args: argparse.Namespace) -> dict[str, subprocess.Popen[bytes]]:
    args.output.mkdir(parents=True, exist_ok=True)
    runs = {}
    for recipe in args.runs:
        for seed in args.seeds:
            tag = f"{recipe}_s{seed}"
            command = [*SLOTFILL, "train", "--data", str(args.data), "--output", str(args.output / tag), "--force"]
            command += ["--seed", str(seed), "--device", args.device, "--threads", "1", "--no-progress"]
            command += ["--json", str(args.output / f"{tag}.json"), *RECIPES[recipe]]
            log = (args.output / f"{tag}.log").open("w")
            runs[tag] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    started = time.monotonic()
    while any(p.poll() is None for p in runs.values()) and time.monotonic() - started < args.deadline:
        time.sleep(10)
    for process in runs.values():
        if process.poll() is None:
            process.kill()  # its checkpoint is never half-written (atomic save); it just has no result
    return runs


def scores(args: argparse.Namespace, tag: str) -> dict[str, float] | None:
    report_file = args.output / f"{tag}.json"
    if not report_file.exists():
        return None
    report = json.loads(report_file.read_text())
    result = {"valid": report["valid"]["slot_f1"], "seconds": report["train_seconds"]}
    for split, data in (("test", args.data), ("unseen", args.unseen)):
        scored = args.output / f"{tag}.{split}.json"
        command = [*SLOTFILL, "evaluate", "--model", str(args.output / tag), "--data", str(data), "--json", str(scored)]
        subprocess.run(command, capture_output=True, check=True)
        evaluated = json.loads(scored.read_text())
        result[f"{split}_f1"] = evaluated["slot_f1"]
        result[f"{split}_sentence"] = evaluated["sentence_accuracy"]
        result[f"{split}_intent"] = evaluated["intent_accuracy"]
    return result


def markdown(results: dict[str, dict[str, float]], recipes: list[str]) -> str:
    lines = [
        "| recipe | runs | valid F1 | test F1 (mean ± sd) | intent | sentence | unseen F1 | gap | train s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for recipe in recipes:
        rows = [r for tag, r in results.items() if tag.rsplit("_s", 1)[0] == recipe]
        if not rows:
            lines.append(f"| {recipe} | 0 | | | | | | | |")
            continue

        def mean(key: str, rows: list[dict[str, float]] = rows) -> float:
            return statistics.mean(r[key] for r in rows)

        spread = statistics.stdev(r["test_f1"] for r in rows) if len(rows) > 1 else 0.0
        lines.append(
            f"| {recipe} | {len(rows)} | {mean('valid'):.2f} | {mean('test_f1'):.2f} ± {spread:.2f} "
            f"| {mean('test_intent'):.2f} | {mean('test_sentence'):.2f} | {mean('unseen_f1'):.2f} "
            f"| {mean('test_f1') - mean('unseen_f1'):.2f} | {mean('seconds'):.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--unseen", type=Path, required=True, help="the `slotfill robustness` dataset")
    parser.add_argument("--runs", nargs="+", choices=sorted(RECIPES), default=["base"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--output", type=Path, default=Path("runs/sweep"))
    parser.add_argument("--deadline", type=float, default=3600, help="seconds; unfinished runs are stopped")
    parser.add_argument("--markdown", type=Path, help="write the table here too")
    args = parser.parse_args()

    runs = train_all(args)
    with ThreadPoolExecutor(8) as pool:
        scored = dict(zip(runs, pool.map(lambda tag: scores(args, tag), runs), strict=True))
    results = {tag: r for tag, r in scored.items() if r is not None}
    (args.output / "sweep.json").write_text(json.dumps(results, indent=1))
    table = markdown(results, args.runs)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    return 0 if len(results) == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
