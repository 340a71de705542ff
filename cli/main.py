"""The ``slotfill`` command: train, baseline, experiment, evaluate, robustness, predict, serve.

Building the parser imports only the torch-free config dataclasses, whose fields make the training
flags (``cli/flags.py``). Each command imports what it needs (torch, the service, the training code)
inside its function, so ``slotfill --help`` and a mistyped flag answer at once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cli.flags import HelpFormatter, add_flags, from_flags
from training.config import TrainConfig
from training.data import DataError, dataset_dir, default_data_dir

# What a checkpoint takes from its training data (sizes) or from the recipe (whether its in-domain head
# was fitted: --negatives; whether words are looked up in lower case: --word-case): no flag of their own.
FILLED_FROM_DATA = (
    "num_words",
    "num_chars",
    "num_labels",
    "num_intents",
    "in_domain",
    "in_domain_slots",
    "fold_word_case",
    "lexicon_features",
)


def _model_dir(value: Path | None) -> Path | None:
    """--model, else $SLOTFILL_MODEL, else None (= the bundled checkpoint)."""
    chosen = value or os.environ.get("SLOTFILL_MODEL")
    return Path(chosen) if chosen else None


def _reference_time(value: str) -> datetime:
    """--reference-time: ISO 8601 with a UTC offset, as the API's reference_time."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 8601 date and time with a UTC offset")
    return moment


def _device(value: str) -> str:
    """--device, checked while parsing: a typo or a missing GPU is a usage error, not a traceback."""
    if value in ("cpu", "auto"):  # always valid; argparse also passes the default through here, without torch
        return value
    from training.train import training_device

    try:
        training_device(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return value


def cmd_train(args: argparse.Namespace) -> int:
    from training.train import train

    report = train(from_flags(TrainConfig, args, data=dataset_dir(args.data)))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def cmd_baseline(args: argparse.Namespace) -> int:
    from training.baseline import baseline_report
    from training.evaluate import format_report

    report = baseline_report(dataset_dir(args.data), progress=args.progress)
    for split in ("valid", "test"):
        if split in report:
            print(format_report(f"CRF baseline {split}", report[split]))
    print(f"fitted in {report['fit_seconds']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def cmd_experiment(args: argparse.Namespace) -> int:
    from training import experiments

    # Each experiment trains into folders of its own: the recipe's output is never used.
    base = from_flags(TrainConfig, args, data=dataset_dir(args.data), output=Path("unused"))
    if args.which == "lecture":
        rows = experiments.run_lecture(base)
        table, result = experiments.lecture_table(rows), {"rows": rows}
    else:
        result = experiments.run_seeds(base, args.seeds, keep=args.keep)
        table = experiments.seeds_table(result)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from model.checkpoint import load_checkpoint
    from training.data import read_split
    from training.evaluate import evaluation_report, format_evaluation, write_errors

    checkpoint = load_checkpoint(_model_dir(args.model))
    examples = read_split(dataset_dir(args.data) / args.split)
    report, results = evaluation_report(checkpoint, examples)
    print(format_evaluation(args.split, report))
    if args.reliability:
        from training.reliability import plot_reliability

        curves = {"raw": report["calibration_raw"], "calibrated": report["calibration"]}
        plot_reliability(curves, args.reliability, f"{checkpoint.name} on {args.split}")
        print(f"wrote {args.reliability}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    if args.errors:
        print(f"wrote {write_errors(args.errors, examples, results)} misclassified sentences to {args.errors}")
    return 0


def cmd_fit_in_domain(args: argparse.Namespace) -> int:
    from model.checkpoint import BUNDLED_MODEL, load_checkpoint, save_checkpoint
    from training.in_domain import format_fit, refit

    source = _model_dir(args.model) or BUNDLED_MODEL
    checkpoint = load_checkpoint(source)
    fit = refit(checkpoint, dataset_dir(args.data), args.negatives, args.seed)
    print(format_fit(fit))
    # The training report travels with the checkpoint, the head's fit added to it.
    report_path = source / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else {}
    report["in_domain"] = fit
    save_checkpoint(
        checkpoint, args.output, force=args.force, extra_files={"report.json": json.dumps(report, indent=1)}
    )
    print(f"wrote {args.output} (the tagger unchanged; version {checkpoint.version})")
    return 0


def cmd_in_domain(args: argparse.Namespace) -> int:
    from model.checkpoint import load_checkpoint
    from model.predictor import Predictor
    from training.data import read_split
    from training.in_domain import format_in_domain, in_domain_report
    from world.resolve import Resolver

    predictor = Predictor(load_checkpoint(_model_dir(args.model)), args.threshold)

    def texts(paths: list[Path]) -> dict[str, list[str]]:
        return {p.name: [t for t in p.read_text(encoding="utf-8").splitlines() if t.strip()] for p in paths}

    split = dataset_dir(args.data) / args.split
    in_domain = {f"{args.data.name}/{args.split}": [" ".join(e.tokens) for e in read_split(split)]}
    resolver = None if args.no_resolve else Resolver.load()
    report = in_domain_report(predictor, {**in_domain, **texts(args.in_domain)}, texts(args.out_of_domain), resolver)
    print(format_in_domain(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def cmd_world_set(args: argparse.Namespace) -> int:
    """slotfill places / frames: the service's path (model, then resolution) over one of eval/'s sets."""
    from model.checkpoint import load_checkpoint
    from model.predictor import Predictor
    from training import world_eval
    from world.resolve import Resolver

    report_of, format_report = {
        "places": (world_eval.places_report, world_eval.format_places),
        "frames": (world_eval.frames_report, world_eval.format_frames),
    }[args.command]
    report = report_of(Predictor(load_checkpoint(_model_dir(args.model))), Resolver.load(), args.set)
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def cmd_robustness(args: argparse.Namespace) -> int:
    from training.robustness import write_robustness_set

    changed, cities = write_robustness_set(dataset_dir(args.data), args.output, seed=args.seed, split=args.split)
    print(f"wrote {args.output}/{args.split}: {changed} utterances with cities swapped for {cities} unseen ones")
    print(f"score it: slotfill evaluate --data {args.output} --split {args.split}")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    from app.config import Settings
    from app.errors import ApiError
    from app.schemas import ParseRequest
    from app.validation import request_utterance
    from model.checkpoint import load_checkpoint
    from model.predictor import Predictor

    settings = Settings()  # the service's limits, threshold and resolution switch, read from the same environment
    predictor = Predictor(load_checkpoint(_model_dir(args.model)), settings.in_domain_threshold)
    resolver = None
    if settings.resolve:
        from world.resolve import Resolver

        resolver = Resolver.load()
    for line in sys.stdin:
        result: dict[str, Any]
        try:  # each line checked as POST /v1/parse checks its text, and refused in the same words
            utterance = request_utterance(ParseRequest(text=line.rstrip("\n")), settings, predictor.tokenizer)
        except ApiError as error:
            result = {"error": {"code": error.code, "message": error.message}}
        else:
            [result] = predictor.parse([utterance], top_k=args.top_k)
            if resolver is not None:
                resolver.resolve(result, args.reference_time or datetime.now(UTC).replace(microsecond=0))
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="slotfill", description="Slot filling for flight-booking requests.")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=summary, formatter_class=HelpFormatter)

    def data_flag(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--data",
            type=Path,
            metavar="DIR",
            default=default_data_dir(),
            help="dataset folder with train/ valid/ test/; $SLOTFILL_DATA sets the default",
        )

    def model_flag(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--model",
            type=Path,
            metavar="DIR",
            help="checkpoint folder (default: $SLOTFILL_MODEL, else the bundled ATIS model)",
        )

    train = command("train", "train a model and write a checkpoint folder")
    data_flag(train)
    add_flags(train, TrainConfig, exclude=("data", *FILLED_FROM_DATA), types={"device": _device})
    train.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the report to this file (default: not written)"
    )
    train.set_defaults(run=cmd_train)

    baseline = command("baseline", "fit a CRF slot tagger and a tf-idf intent classifier; score them like train")
    data_flag(baseline)
    baseline.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the report to this file (default: not written)"
    )
    baseline.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=True, help="show progress bars while fitting"
    )
    baseline.set_defaults(run=cmd_baseline)

    experiment = command("experiment", "reproducible comparisons (the lecture's models; seeds)")
    experiment.add_argument("which", choices=["lecture", "seeds"], help="the lecture's ladder of models, or seeds")
    experiment.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        metavar="SEED",
        default=[13, 14, 15, 16, 17],
        help="for 'seeds': the seeds to train with",
    )
    experiment.add_argument(
        "--keep", type=Path, metavar="DIR", help="for 'seeds': keep each checkpoint here (default: not kept)"
    )
    experiment.add_argument(
        "--markdown", type=Path, metavar="FILE", help="also write the table to this file (default: not written)"
    )
    experiment.add_argument(
        "--json", type=Path, metavar="FILE", help="write the raw results to this file (default: not written)"
    )
    data_flag(experiment)
    # No --output (each experiment trains into folders of its own), so nothing for --force to replace.
    exclude = ("data", "output", "force", *FILLED_FROM_DATA)
    add_flags(experiment, TrainConfig, exclude=exclude, types={"device": _device})
    experiment.set_defaults(run=cmd_experiment)

    evaluate = command("evaluate", "score a checkpoint on a dataset split")
    model_flag(evaluate)
    data_flag(evaluate)
    evaluate.add_argument("--split", default="test", help="the split folder to score")
    evaluate.add_argument(
        "--json", type=Path, metavar="FILE", help="write the full report to this file (default: not written)"
    )
    evaluate.add_argument(
        "--errors",
        type=Path,
        metavar="FILE",
        help="write misclassified sentences (JSON lines) to this file (default: not written)",
    )
    evaluate.add_argument(
        "--reliability",
        type=Path,
        metavar="FILE",
        help="draw a reliability diagram (PNG) to this file (default: not drawn)",
    )
    evaluate.set_defaults(run=cmd_evaluate)

    eval_root = Path(__file__).resolve().parents[1] / "eval"  # the project's own sets (README)
    eval_dir = eval_root / "in_domain"
    in_domain = command("in-domain", "how well the in-domain probability tells the model's domain from other texts")
    model_flag(in_domain)
    data_flag(in_domain)
    in_domain.add_argument("--split", default="test", help="the split whose sentences are the in-domain side")
    in_domain.add_argument(
        "--in-domain",
        type=Path,
        nargs="*",
        metavar="FILE",
        default=[eval_dir / "near_domain_ground_service.txt"],
        help="more in-domain texts, one per line",
    )
    in_domain.add_argument(
        "--out-of-domain",
        type=Path,
        nargs="+",
        metavar="FILE",
        default=[eval_dir / "out_of_domain.txt", eval_dir / "near_domain.txt"],
        help="out-of-domain texts, one per line",
    )
    in_domain.add_argument(
        "--threshold", type=float, help="the in-domain threshold to report rates at (default: the model's own)"
    )
    in_domain.add_argument(
        "--no-resolve",
        action="store_true",
        help="leave out the share answered as served, which runs the resolver on every text (default: reported)",
    )
    in_domain.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the report to this file (default: not written)"
    )
    in_domain.set_defaults(run=cmd_in_domain)

    fit_in_domain = command("fit-in-domain", "fit a trained checkpoint's in-domain head anew; the tagger is unchanged")
    model_flag(fit_in_domain)
    data_flag(fit_in_domain)
    fit_in_domain.add_argument(
        "--negatives",
        default="general",
        help='texts to refuse, comma-separated: "general" (the project\'s pool), text files, dataset folders',
    )
    fit_in_domain.add_argument("--seed", type=int, default=13, help="seed of the held-out share of the negatives")
    fit_in_domain.add_argument("--output", type=Path, metavar="DIR", required=True, help="checkpoint folder to write")
    fit_in_domain.add_argument("--force", action="store_true", help="replace an existing checkpoint at --output")
    fit_in_domain.set_defaults(run=cmd_fit_in_domain)

    sets = {
        "places": ("score the project's set of world places: roles, places missed, first airports", "every miss"),
        "frames": ("score the project's set of booking frames: each field, and whole frames", "every wrong frame"),
    }
    for name, (summary, misses) in sets.items():
        world_set = command(name, summary)
        model_flag(world_set)
        world_set.add_argument("--set", type=Path, default=eval_root / name / "requests.jsonl", help="the set to score")
        world_set.add_argument(
            "--json", type=Path, metavar="FILE", help=f"also write the report with {misses} (default: not written)"
        )
        world_set.set_defaults(run=cmd_world_set)

    robustness = command("robustness", "write a test split whose cities are all unseen in train")
    data_flag(robustness)
    robustness.add_argument(
        "--output", type=Path, metavar="DIR", required=True, help="dataset folder to write (outside the repo)"
    )
    robustness.add_argument("--split", default="test", help="the split to rewrite")
    robustness.add_argument("--seed", type=int, default=13, help="seed of the choice of unseen cities")
    robustness.set_defaults(run=cmd_robustness)

    predict = command("predict", "tag one utterance per stdin line; one JSON result per line")
    model_flag(predict)
    predict.add_argument(
        "--top-k", type=int, metavar="K", help="only the K most likely labels per distribution (default: every label)"
    )
    predict.add_argument(
        "--reference-time",
        type=_reference_time,
        metavar="ISO",
        help="the moment relative dates are read from, ISO 8601 with a UTC offset (default: now, in UTC)",
    )
    predict.set_defaults(run=cmd_predict)

    serve = command("serve", "serve the HTTP API")
    model_flag(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: every interface)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes, each with the model")
    serve.set_defaults(run=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Imported once parsed: the checkpoint module loads torch, which --help and usage errors never need.
    from model.checkpoint import CheckpointError

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
