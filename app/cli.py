"""The ``slotfill`` command: train, evaluate, predict, serve."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from model.config import SlotTaggerConfig

if TYPE_CHECKING:
    from training.config import TrainConfig

DEFAULTS = SlotTaggerConfig()
DATA_HELP = "dataset folder with train/ valid/ test/ (default: $SLOTFILL_DATA, else ../shared/data/atis)"


def _model_dir(value: str | None) -> Path | None:
    """--model, else $SLOTFILL_MODEL, else None (= the bundled checkpoint)."""
    chosen = value or os.environ.get("SLOTFILL_MODEL")
    return Path(chosen) if chosen else None


def _data_dir(value: str | None) -> Path:
    from training.data import default_data_dir

    return Path(value) if value else default_data_dir()


def _device_name(value: str) -> str:
    """--device, checked while parsing: a typo or a missing GPU is a usage error, not a traceback."""
    from training.train import training_device

    try:
        training_device(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return value


def recipe_from_args(args: argparse.Namespace, output: Path) -> TrainConfig:
    from training.config import TrainConfig  # imported late: `slotfill serve` should not pay for training code

    model = SlotTaggerConfig(
        word_dim=args.word_dim,
        char_dim=args.char_dim if args.chars else 0,
        char_filters=args.char_filters,
        cell=args.cell,
        window=args.window,
        hidden_size=args.hidden_size,
        num_layers=args.layers,
        bidirectional=args.bidirectional,
        dropout=args.dropout,
        char_kernel=args.char_kernel,
        intent_to_slots=args.intent_to_slots,
        locked_dropout=args.locked_dropout,
        crf=args.crf,
        **({"intent_loss_weight": args.intent_weight} if args.intent_weight is not None else {}),
    )
    # Flags left out are None: TrainConfig's own defaults apply (one place for them, and no training
    # code imported to build the parser that `slotfill serve` also uses).
    chosen = {
        "epochs": args.epochs,
        "patience": args.patience,
        "batch_size": args.batch_size,
        "learning_rate": args.lr,
        "schedule": args.schedule,
        "seed": args.seed,
        "word_dropout": args.word_dropout,
        "slot_word_dropout": args.slot_word_dropout,
        "slot_span_dropout": args.slot_span_dropout,
        "context_deletion": args.context_deletion,
        "shortened_intent": args.shortened_intent,
        "unk_replace": args.unk_replace,
        "average_last": args.average_last,
        "threads": args.threads,
        "device": args.device,
    }
    return TrainConfig(
        data=_data_dir(args.data),
        output=output,
        name=args.name,
        force=args.force,
        progress=not args.no_progress,
        model=model,
        **{k: v for k, v in chosen.items() if v is not None},
    )


def cmd_train(args: argparse.Namespace) -> int:
    from training.train import train

    report = train(recipe_from_args(args, Path(args.output)))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def cmd_experiment(args: argparse.Namespace) -> int:
    from training import experiments

    base = recipe_from_args(args, Path("unused"))
    if args.which == "lecture":
        rows = experiments.run_lecture(base)
        table, result = experiments.lecture_table(rows), {"rows": rows}
    else:
        result = experiments.run_seeds(base, args.seeds, keep=Path(args.keep) if args.keep else None)
        table = experiments.seeds_table(result)
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table + "\n", encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    import dataclasses

    from model.checkpoint import Calibration, load_checkpoint
    from model.predictor import Predictor
    from training.data import read_split
    from training.evaluate import evaluate, format_report, intent_is_right, parse_examples, report_from_results

    checkpoint = load_checkpoint(_model_dir(args.model))
    examples = read_split(_data_dir(args.data) / args.split)
    results = parse_examples(Predictor(checkpoint), examples)
    report = report_from_results(examples, results)
    raw = evaluate(Predictor(dataclasses.replace(checkpoint, calibration=Calibration())), examples)
    report["calibration_raw"] = raw["calibration"]
    print(format_report(args.split, report))
    print("\nper-slot F1 (support):")
    for name, v in report["per_slot_f1"].items():
        print(f"  {name:40s} {v['f1']:6.2f} ({v['support']})")
    print("\nmost confused labels (gold -> predicted: tokens):")
    for c in report["top_confusions"]:
        print(f"  {c['gold']} -> {c['predicted']}: {c['count']}")
    print(f"\nexpected calibration error, %, 15 bins (raw -> temperature-scaled, {checkpoint.calibration}):")
    for kind in ("tokens", "intents", "slots"):
        before, after = raw["calibration"][kind], report["calibration"][kind]
        print(f"  {kind:8s} {before['ece']:5.2f} -> {after['ece']:5.2f} (n={after['count']})")
    if args.reliability:
        from training.reliability import plot_reliability

        curves = {"raw": raw["calibration"], "calibrated": report["calibration"]}
        plot_reliability(curves, Path(args.reliability), f"{checkpoint.name} on {args.split}")
        print(f"wrote {args.reliability}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            for e, result in zip(examples, results, strict=True):
                tags, intent = [t["label"] for t in result["tokens"]], result["intent"]["name"]
                if tags != e.tags or not intent_is_right(intent, e.intent):
                    row = {"tokens": e.tokens, "gold_tags": e.tags, "predicted_tags": tags}
                    f.write(json.dumps({**row, "gold_intent": e.intent, "predicted_intent": intent}) + "\n")
    return 0


def cmd_robustness(args: argparse.Namespace) -> int:
    from training.robustness import write_robustness_set

    changed, cities = write_robustness_set(_data_dir(args.data), Path(args.output), seed=args.seed, split=args.split)
    print(f"wrote {args.output}/{args.split}: {changed} utterances with cities swapped for {cities} unseen ones")
    print(f"score it: slotfill evaluate --data {args.output} --split {args.split}")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    from model.checkpoint import load_checkpoint
    from model.predictor import Predictor
    from model.tokenizer import Utterance

    predictor = Predictor(load_checkpoint(_model_dir(args.model)))
    for line in sys.stdin:
        utterance = Utterance.from_text(line.rstrip("\n"))
        if not utterance.tokens:
            result: dict = {"text": utterance.text, "error": "no words to tag"}
        else:
            [result] = predictor.parse([utterance], top_k=args.top_k)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from model.checkpoint import load_checkpoint

    model = _model_dir(args.model)
    load_checkpoint(model)  # fail here, with the reason, before a port is opened
    if model is not None:
        os.environ["SLOTFILL_MODEL"] = str(model.resolve())  # workers read settings from the environment
    uvicorn.run("app.main:app", host=args.host, port=args.port, workers=args.workers, access_log=False)
    return 0


def add_recipe_arguments(parser: argparse.ArgumentParser) -> None:
    """Data, optimisation and architecture flags shared by ``train`` and ``experiment``."""
    parser.add_argument("--data", help=DATA_HELP)
    parser.add_argument("--force", action="store_true", help="replace an existing checkpoint at --output")
    parser.add_argument("--name", default="", help="model name reported by the service")
    # Training flags default to None = TrainConfig's default (training/train.py documents each).
    parser.add_argument("--epochs", type=int, help="the cosine schedule reaches 0 here (default 40)")
    parser.add_argument("--patience", type=int, help="epochs without a better valid F1 before stopping")
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--lr", type=float, help="Adam's learning rate (default 3e-3)")
    parser.add_argument("--schedule", choices=["cosine", "constant"], help="learning-rate schedule")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--word-dropout", type=float, help="chance any word is read as <unk>")
    parser.add_argument("--slot-word-dropout", type=float, help="chance a word inside a slot is read as <unk>")
    parser.add_argument(
        "--slot-span-dropout", type=float, help="chance a whole slot is read as <unk> words (multi-word unseen names)"
    )
    parser.add_argument(
        "--context-deletion",
        type=float,
        help="chance a sentence loses one word outside its slots ('arrive in X' also teaches 'arrive X')",
    )
    parser.add_argument(
        "--shortened-intent",
        action=argparse.BooleanOptionalAction,
        help="sentences shortened by --context-deletion also train the intent (default yes)",
    )
    parser.add_argument("--unk-replace", type=float, help="chance a word seen once in train is read as <unk>")
    parser.add_argument("--intent-weight", type=float, help="weight of the intent loss beside the slot loss")
    parser.add_argument(
        "--average-last",
        type=int,
        help="also try the mean weights of the last K epochs (checkpoint averaging); kept if better on valid",
    )
    parser.add_argument("--threads", type=int, help="torch threads (0: torch's default)")
    parser.add_argument("--device", type=_device_name, help="cpu, cuda, cuda:N, or auto (cuda when there is one)")
    parser.add_argument("--cell", choices=["lstm", "rnn", "none"], default=DEFAULTS.cell)
    parser.add_argument("--window", type=int, default=DEFAULTS.window, help="feed-forward (--cell none): neighbours")
    parser.add_argument("--hidden-size", type=int, default=DEFAULTS.hidden_size)
    parser.add_argument("--layers", type=int, default=DEFAULTS.num_layers)
    parser.add_argument("--bidirectional", action=argparse.BooleanOptionalAction, default=DEFAULTS.bidirectional)
    parser.add_argument("--chars", action=argparse.BooleanOptionalAction, default=True, help="character encoder")
    parser.add_argument("--word-dim", type=int, default=DEFAULTS.word_dim)
    parser.add_argument("--char-dim", type=int, default=DEFAULTS.char_dim)
    parser.add_argument("--char-filters", type=int, default=DEFAULTS.char_filters)
    parser.add_argument("--char-kernel", type=int, default=DEFAULTS.char_kernel, help="character CNN window width")
    parser.add_argument(
        "--intent-to-slots",
        action=argparse.BooleanOptionalAction,
        default=DEFAULTS.intent_to_slots,
        help="the slot head also reads the pooled sentence vector",
    )
    parser.add_argument("--dropout", type=float, default=DEFAULTS.dropout)
    parser.add_argument(
        "--locked-dropout",
        action=argparse.BooleanOptionalAction,
        default=DEFAULTS.locked_dropout,
        help="one dropout mask per sentence, shared by all its words",
    )
    parser.add_argument(
        "--crf",
        action=argparse.BooleanOptionalAction,
        default=DEFAULTS.crf,
        help="a linear-chain CRF over the slot scores (token distributions are its posterior marginals)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="slotfill", description="Slot filling for flight-booking requests.")
    commands = parser.add_subparsers(dest="command", required=True)
    model_help = "checkpoint folder (default: $SLOTFILL_MODEL, else the bundled ATIS model)"

    train = commands.add_parser("train", help="train a model and write a checkpoint folder")
    train.add_argument("--output", required=True, help="checkpoint folder to write")
    add_recipe_arguments(train)
    train.add_argument("--json", help="also write the report to this file")
    train.set_defaults(run=cmd_train)

    experiment = commands.add_parser("experiment", help="reproducible comparisons (the lecture's models; seeds)")
    experiment.add_argument("which", choices=["lecture", "seeds"])
    experiment.add_argument("--seeds", type=int, nargs="+", default=[13, 14, 15, 16, 17], help="for 'seeds'")
    experiment.add_argument("--markdown", help="write the table to this file")
    experiment.add_argument("--json", help="write the raw results to this file")
    experiment.add_argument("--keep", help="for 'seeds': keep each seed's checkpoint under this folder")
    add_recipe_arguments(experiment)
    experiment.set_defaults(run=cmd_experiment)

    evaluate = commands.add_parser("evaluate", help="score a checkpoint on a dataset split")
    evaluate.add_argument("--model", help=model_help)
    evaluate.add_argument("--data", help=DATA_HELP)
    evaluate.add_argument("--split", default="test")
    evaluate.add_argument("--json", help="write the full report to this file")
    evaluate.add_argument("--errors", help="write misclassified sentences (JSON lines) to this file")
    evaluate.add_argument("--reliability", help="draw a reliability diagram (PNG) to this file")
    evaluate.set_defaults(run=cmd_evaluate)

    robustness = commands.add_parser("robustness", help="write a test split whose cities are all unseen in train")
    robustness.add_argument("--data", help=DATA_HELP)
    robustness.add_argument("--output", required=True, help="dataset folder to write (outside the repo)")
    robustness.add_argument("--split", default="test")
    robustness.add_argument("--seed", type=int, default=13)
    robustness.set_defaults(run=cmd_robustness)

    predict = commands.add_parser("predict", help="tag one utterance per stdin line; one JSON result per line")
    predict.add_argument("--model", help=model_help)
    predict.add_argument("--top-k", type=int, default=None)
    predict.set_defaults(run=cmd_predict)

    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--model", help=model_help)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    from model.checkpoint import CheckpointError
    from training.data import DataError

    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (CheckpointError, DataError, FileExistsError, FileNotFoundError) as exc:
        print(f"slotfill {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `slotfill evaluate | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"slotfill {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
