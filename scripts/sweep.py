"""Recipe sweep: many `slotfill train` runs, each scored on test and on the unseen-city set.

Made for a machine with a GPU and many cores (all runs share one CUDA device; with
`nvidia-cuda-mps-control -d` running they share it better). On this project's 2-core machine use
`--device cpu --parallel 2` and a handful of runs. The tables in docs/sweep.md come from it:

    slotfill robustness --output runs/atis-unseen
    python scripts/sweep.py --data ../shared/data/atis --unseen runs/atis-unseen --device cuda \
        --runs base lr2e3 lr3e3 --seeds 1 2 3 4 --markdown docs/sweep.md
    python scripts/sweep.py --data ../shared/data/atis --unseen runs/atis-unseen --device cpu \
        --parallel 2 --runs e40 e40cd e40cs --seeds 13 14 15 16 17 --output runs/cpu-sweep

`--score-only` scores the runs already in `--output` again (e.g. after a new `slotfill evaluate`).
`--ensemble` also scores, on test, the average of each recipe's runs (and of all runs): the
"small ensemble" lever, measured without serving it.
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
    "layers2": ["--num-layers", "2"],
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
    "lr2e3": ["--learning-rate", "2e-3"],
    "lr3e3": ["--learning-rate", "3e-3"],
    "lr2e3-epochs100": ["--learning-rate", "2e-3", "--epochs", "100", "--patience", "15"],
    "lr2e3-slot-dropout0.15": ["--learning-rate", "2e-3", "--slot-word-dropout", "0.15"],
    "lr2e3-hidden300": ["--learning-rate", "2e-3", "--hidden-size", "300"],
    "lr2e3-intent-weight0.5": ["--learning-rate", "2e-3", "--intent-loss-weight", "0.5"],
    # CPU recipes (docs/sweep.md, second part): 3e-3 over 40 epochs, then the augmentations.
    "e40": ["--learning-rate", "3e-3", "--epochs", "40"],
    "e40cd": ["--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.3"],
    "e40cs": [
        *("--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.3"),
        *("--slot-span-dropout", "0.15", "--slot-word-dropout", "0.2"),
    ],
    "e40cs3": [
        *("--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.3"),
        *("--slot-span-dropout", "0.3", "--slot-word-dropout", "0.2"),
    ],
    # On top of e40cs (the bundled recipe): shortened sentences train the slots only; the slot head
    # also reads the pooled sentence vector (ground-transport and distance requests label cities apart).
    "e40cs-ni": [
        *("--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.3"),
        *("--slot-span-dropout", "0.15", "--slot-word-dropout", "0.2", "--no-shortened-intent"),
    ],
    "e40cs-its": [
        *("--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.3"),
        *("--slot-span-dropout", "0.15", "--slot-word-dropout", "0.2", "--intent-to-slots"),
    ],
    "e40cs-ld": [  # and locked (variational) dropout
        *("--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.3"),
        *("--slot-span-dropout", "0.15", "--slot-word-dropout", "0.2", "--locked-dropout"),
    ],
    # Checkpoint averaging: the mean weights of the last 10 epochs, kept where valid prefers them.
    "e40cs-avg": [
        *("--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.3"),
        *("--slot-span-dropout", "0.15", "--slot-word-dropout", "0.2", "--average-last", "10"),
    ],
    # A linear-chain CRF over the slot scores (the service returns its posterior marginals).
    "e40cs-crf": [
        *("--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.3"),
        *("--slot-span-dropout", "0.15", "--slot-word-dropout", "0.2", "--crf"),
    ],
    "e40cs-crf-cd5": [  # and more context deletion, for "arrive taipei"
        *("--learning-rate", "3e-3", "--epochs", "40", "--context-deletion", "0.5"),
        *("--slot-span-dropout", "0.15", "--slot-word-dropout", "0.2", "--crf"),
    ],
}
SLOTFILL = [sys.executable, "-m", "cli"]
ROOT = Path(__file__).resolve().parent.parent


def recipe_of(tag: str) -> str:
    """The recipe of a run tag: "e40cs_s13" -> "e40cs"."""
    return tag.rsplit("_s", 1)[0]


def train_all(args: argparse.Namespace) -> list[str]:
    """Train every recipe x seed, at most ``--parallel`` at a time; return the run tags."""
    args.output.mkdir(parents=True, exist_ok=True)
    waiting = [(recipe, seed) for recipe in args.runs for seed in args.seeds]
    tags = [f"{recipe}_s{seed}" for recipe, seed in waiting]
    running: list[subprocess.Popen[bytes]] = []
    deadline = time.monotonic() + args.deadline
    while (waiting or running) and time.monotonic() < deadline:
        running = [p for p in running if p.poll() is None]
        while waiting and len(running) < (args.parallel or len(tags)):
            recipe, seed = waiting.pop(0)
            tag = f"{recipe}_s{seed}"
            command = [*SLOTFILL, "train", "--data", str(args.data), "--output", str(args.output / tag), "--force"]
            command += ["--seed", str(seed), "--device", args.device, "--threads", "1", "--no-progress"]
            command += RECIPES[recipe]
            log = (args.output / f"{tag}.log").open("w")
            running.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT))
        time.sleep(1 if waiting or running else 0)
    for process in running:
        if process.poll() is None:
            process.kill()  # its checkpoint is never half-written (atomic save); it just has no result
    return tags


def scores(args: argparse.Namespace, tag: str) -> dict[str, float] | None:
    report_file = args.output / tag / "report.json"  # written into every finished checkpoint
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
        result[f"{split}_token_ece"] = evaluated["calibration"]["tokens"]["ece"]
    return result


def ensemble_scores(models: list[Path], data: Path) -> dict[str, float]:
    """Test scores of the models' averaged slot and intent probabilities (all trained on the same labels)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # `python scripts/sweep.py`: import the project's packages
    import numpy as np

    from model.checkpoint import load_checkpoint
    from model.predictor import Predictor
    from training.data import read_split
    from training.evaluate import predict_examples, score

    examples = read_split(data / "test")
    predictors = [Predictor(load_checkpoint(m)) for m in models]
    first = predictors[0]
    for other, path in zip(predictors[1:], models[1:], strict=True):
        if other.checkpoint.labels != first.checkpoint.labels or other.checkpoint.intents != first.checkpoint.intents:
            raise SystemExit(f"sweep: {path} has other labels or intents than {models[0]}; cannot average them")
    outputs = [predict_examples(p, examples) for p in predictors]
    slot_probs = [np.mean([o[2][i] for o in outputs], axis=0) for i in range(len(examples))]
    intent_probs = np.mean([o[3] for o in outputs], axis=0)
    labels = first.decode(
        np.concatenate(slot_probs), [[first.tokenizer.normalise(t) for t in e.tokens] for e in examples]
    )
    tags = [first.labels[row].tolist() for row in np.split(labels, np.cumsum([len(e.tokens) for e in examples])[:-1])]
    intents = first.intents[intent_probs.argmax(axis=1)].tolist()
    return {"models": len(models), **score(examples, tags, intents, detailed=False)}


def ensembles(args: argparse.Namespace, results: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Each recipe's finished runs averaged, and all of them (when more than one recipe)."""
    groups = {recipe: [tag for tag in results if recipe_of(tag) == recipe] for recipe in args.runs}
    if len(args.runs) > 1:
        groups["all"] = list(results)
    return {name: ensemble_scores([args.output / t for t in tags], args.data) for name, tags in groups.items() if tags}


def markdown(results: dict[str, dict[str, float]], recipes: list[str]) -> str:
    lines = [
        "| recipe | runs | valid F1 | test F1 (± sd) | intent | sentence | token ECE | unseen F1 | gap | train s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for recipe in recipes:
        rows = [r for tag, r in results.items() if recipe_of(tag) == recipe]
        if not rows:
            lines.append(f"| {recipe} | 0 | | | | | | | | |")
            continue

        def mean(key: str, rows: list[dict[str, float]] = rows) -> float:
            return statistics.mean(r[key] for r in rows)

        spread = statistics.stdev(r["test_f1"] for r in rows) if len(rows) > 1 else 0.0
        lines.append(
            f"| {recipe} | {len(rows)} | {mean('valid'):.2f} | {mean('test_f1'):.2f} ± {spread:.2f} "
            f"| {mean('test_intent'):.2f} | {mean('test_sentence'):.2f} | {mean('test_token_ece'):.2f}% "
            f"| {mean('unseen_f1'):.2f} "
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
    parser.add_argument("--parallel", type=int, default=0, help="most runs at once (0: all); on 2 CPU cores, 2")
    parser.add_argument("--score-only", action="store_true", help="score the runs already in --output, train none")
    parser.add_argument("--ensemble", action="store_true", help="also score each recipe's runs averaged, on test")
    args = parser.parse_args()

    runs = [f"{r}_s{s}" for r in args.runs for s in args.seeds] if args.score_only else train_all(args)
    with ThreadPoolExecutor(8) as pool:
        scored = dict(zip(runs, pool.map(lambda tag: scores(args, tag), runs), strict=True))
    results = {tag: r for tag, r in scored.items() if r is not None}
    (args.output / "sweep.json").write_text(json.dumps(results, indent=1))
    table = markdown(results, args.runs)
    if args.ensemble:
        averaged = ensembles(args, results)
        (args.output / "ensembles.json").write_text(json.dumps(averaged, indent=1))
        table += "\n| ensemble (probabilities averaged) | models | test F1 | intent | sentence |\n"
        table += "| --- | --- | --- | --- | --- |\n"
        table += "".join(
            f"| {name} | {e['models']:.0f} | {e['slot_f1']:.2f} | {e['intent_accuracy']:.2f} "
            f"| {e['sentence_accuracy']:.2f} |\n"
            for name, e in averaged.items()
        )
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    return 0 if len(results) == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
