"""The slotfill command as a user runs it: real processes, real files; and its parser, read directly."""

import argparse
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from cli.flags import HelpFormatter, from_flags
from cli.main import FILLED_FROM_DATA, build_parser, main
from cli.server_process import free_port
from model.checkpoint import BUNDLED_MODEL
from model.config import SlotTaggerConfig
from training.config import TrainConfig
from training.data import DEFAULT_DATA

SLOTFILL = [sys.executable, "-m", "cli"]
ENV = {**os.environ, "SLOTFILL_TORCH_THREADS": "1"}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SLOTFILL, *args], input=stdin, capture_output=True, text=True, env=ENV, timeout=300)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    [commands] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(commands.choices)


def flags(command: str) -> set[str]:
    return {option for action in subcommands()[command]._actions for option in action.option_strings}


def test_parsing_and_help_load_no_torch_fastapi_uvicorn_or_numpy():
    """Every command parses, and prints its help, with none of the heavy imports (they are the commands')."""
    script = """
import contextlib, io, sys
from cli.main import build_parser
parser = build_parser()
argvs = [["train", "--output", "m"], ["experiment", "seeds"], ["evaluate"], ["robustness", "--output", "o"]]
argvs += [["predict"], ["serve"], ["--help"]]
argvs += [[command, "--help"] for command in ("train", "experiment", "evaluate", "robustness", "predict", "serve")]
for argv in argvs:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        parser.parse_args(argv)
print(sorted({name.split(".")[0] for name in sys.modules} & {"torch", "numpy", "fastapi", "uvicorn"}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_every_flag_has_help_and_shows_its_default():
    for name, parser in subcommands().items():
        formatter = HelpFormatter(f"slotfill {name}")
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"slotfill {name} {action.dest}: no help"
            shown = formatter._get_help_string(action) or ""
            assert action.required or "(default:" in shown, f"slotfill {name} {action.dest}: no default shown"


def test_training_flags_are_the_config_fields():
    """One flag per field, named after it; sizes taken from the data have none."""
    fields = {f.name for f in dataclasses.fields(TrainConfig)} - {"model"}
    fields |= {f.name for f in dataclasses.fields(SlotTaggerConfig)} - set(FILLED_FROM_DATA)
    wanted = {"--" + name.replace("_", "-") for name in fields}
    assert wanted <= flags("train")
    assert not {"--" + name.replace("_", "-") for name in FILLED_FROM_DATA} & flags("train")
    for boolean in ("--crf", "--no-crf", "--bidirectional", "--no-bidirectional", "--progress", "--no-progress"):
        assert boolean in flags("train")


def test_experiment_offers_no_output_and_no_force():
    assert {"--output", "--force"} <= flags("train")
    assert not {"--output", "--force", "--no-force"} & flags("experiment")
    assert "--learning-rate" in flags("experiment")


def test_train_flags_default_to_the_train_config_defaults(tmp_path: Path):
    args = build_parser().parse_args(["train", "--output", str(tmp_path / "m"), "--data", str(tmp_path)])
    from_cli = dataclasses.asdict(from_flags(TrainConfig, args))
    assert from_cli == dataclasses.asdict(TrainConfig(data=tmp_path, output=tmp_path / "m"))


def test_train_flags_reach_the_config(tmp_path: Path):
    argv = ["train", "--output", str(tmp_path / "m"), "--learning-rate", "0.01", "--num-layers", "2"]
    argv += ["--intent-loss-weight", "0.5", "--char-dim", "0", "--no-bidirectional", "--crf", "--no-progress"]
    argv += ["--schedule", "constant", "--min-word-count", "2", "--no-shortened-intent"]
    config = from_flags(TrainConfig, build_parser().parse_args(argv))
    assert (config.learning_rate, config.schedule, config.min_word_count) == (0.01, "constant", 2)
    assert not config.progress and not config.shortened_intent
    model = config.model
    assert (model.num_layers, model.intent_loss_weight, model.char_dim) == (2, 0.5, 0)
    assert not model.bidirectional and model.crf
    with pytest.raises(SystemExit):
        build_parser().parse_args([*argv, "--schedule", "linear"])


def test_data_defaults_to_the_dataset_beside_the_checkout_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, atis_dir: Path, capsys: pytest.CaptureFixture[str]
):
    if not (DEFAULT_DATA / "train" / "seq.in").is_file():
        pytest.skip(f"no dataset beside the checkout ({DEFAULT_DATA})")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SLOTFILL_DATA", raising=False)
    assert main(["robustness", "--output", "unseen"]) == 0
    assert (tmp_path / "unseen" / "test" / "seq.in").is_file()
    assert "unseen ones" in capsys.readouterr().out


def test_missing_dataset_says_how_to_point_at_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLOTFILL_DATA", str(tmp_path / "nowhere"))
    assert main(["train", "--output", "m", "--no-progress"]) == 2
    error = capsys.readouterr().err
    assert f"slotfill train: error: {tmp_path / 'nowhere'}: dataset folder not found" in error
    assert "--data DIR" in error and "SLOTFILL_DATA" in error
    assert not (tmp_path / "m").exists()


def test_predict_answers_and_refuses_as_the_api_does(client: TestClient):
    empty, punctuation, too_long = "", " ,, ", "boston " * 300
    done = run(
        "predict",
        "--top-k",
        "2",
        stdin="\n".join(["flights from Boston to Denver", empty, punctuation, too_long, "fare to dallas"]) + "\n",
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 5
    assert {s["name"]: s["value"] for s in lines[0]["slots"]}["toloc.city_name"] == "Denver"
    assert all(len(t["distribution"]) == 2 for t in lines[4]["tokens"])
    for line, text in zip(lines[1:4], (empty, punctuation, too_long), strict=True):
        assert line == client.post("/v1/parse", json={"text": text}).json()
    assert [line["error"]["code"] for line in lines[1:4]] == ["no_tokens", "no_tokens", "text_too_long"]


@pytest.mark.slow
def test_train_then_evaluate_then_predict_with_the_new_model(tiny_data: Path, tmp_path: Path):
    model = tmp_path / "mine"
    train = ["train", "--data", str(tiny_data), "--output", str(model), "--epochs", "2", "--hidden-size", "8"]
    done = run(*train, "--no-progress")
    assert done.returncode == 0, done.stderr
    report_file = tmp_path / "report.json"
    errors_file = tmp_path / "errors.jsonl"
    evaluate = ["evaluate", "--model", str(model), "--data", str(tiny_data), "--json", str(report_file)]
    done = run(*evaluate, "--errors", str(errors_file))
    assert done.returncode == 0, done.stderr
    assert "slot F1" in done.stdout and "per-slot F1" in done.stdout and "expected calibration error" in done.stdout
    report = json.loads(report_file.read_text())
    assert report["sentences"] == 3 and set(report["calibration_raw"]) == {"tokens", "intents", "slots"}
    errors = [json.loads(line) for line in errors_file.read_text().splitlines()]
    assert f"wrote {len(errors)} misclassified sentences" in done.stdout
    assert len(errors) == round(3 * (100 - report["sentence_accuracy"]) / 100)
    assert all(e["gold_tags"] != e["predicted_tags"] or e["gold_intent"] != e["predicted_intent"] for e in errors)
    done = run("predict", "--model", str(model), stdin="flights from boston to denver\n")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["tokens"]) == 5
    again = run("train", "--data", str(tiny_data), "--output", str(model), "--epochs", "1", "--no-progress")
    assert again.returncode == 2 and "--force" in again.stderr


@pytest.mark.slow
def test_bad_training_data_is_named_and_nothing_is_written(tiny_data: Path, tmp_path: Path):
    (tiny_data / "train" / "seq.out").write_text("O O\n" * 12, encoding="utf-8")
    done = run("train", "--data", str(tiny_data), "--output", str(tmp_path / "m"), "--no-progress")
    assert done.returncode == 2
    assert f"{tiny_data / 'train' / 'seq.out'}:1: 2 tags for 5 tokens" in done.stderr
    assert not (tmp_path / "m").exists() and list(tmp_path.iterdir()) == [tiny_data]


@pytest.mark.slow
def test_unknown_training_device_is_a_usage_error(tiny_data: Path, tmp_path: Path):
    done = run("train", "--data", str(tiny_data), "--output", str(tmp_path / "m"), "--device", "gpu")
    assert done.returncode == 2
    assert "argument --device: 'gpu' is not a device torch knows" in done.stderr
    assert not (tmp_path / "m").exists()


def test_serve_answers_over_real_http(live_server: str):
    answer = httpx.post(f"{live_server}/v1/parse", json={"text": "flights from boston to denver"}).json()
    assert {s["name"]: s["value"] for s in answer["slots"]} == {
        "fromloc.city_name": "boston",
        "toloc.city_name": "denver",
    }


def damage_config(model: Path, change) -> None:
    config = json.loads((model / "config.json").read_text())
    change(config)
    (model / "config.json").write_text(json.dumps(config))


DAMAGES = {
    "tampered": lambda m: (m / "weights.safetensors").write_bytes(
        (m / "weights.safetensors").read_bytes()[:-10] + b"0" * 10
    ),
    "truncated": lambda m: (m / "weights.safetensors").write_bytes((m / "weights.safetensors").read_bytes()[:1000]),
    "missing": lambda m: (m / "weights.safetensors").unlink(),
    "shape": lambda m: damage_config(m, lambda c: c["model"].update(hidden_size=128)),
    "version": lambda m: damage_config(m, lambda c: c.update(format_version=2)),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_serve_refuses_a_bad_model_before_opening_the_port(tmp_path: Path, damage: str):
    model = tmp_path / "bad"
    model.mkdir()
    for f in BUNDLED_MODEL.iterdir():
        (model / f.name).write_bytes(f.read_bytes())
    DAMAGES[damage](model)
    port = free_port()
    done = run("serve", "--model", str(model), "--port", str(port))
    assert done.returncode == 2
    assert "error:" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Uvicorn running" not in done.stderr + done.stdout  # the port was never opened


def test_predict_resolves_places_and_the_frame_at_the_reference_time():
    done = run(
        "predict",
        "--top-k",
        "1",
        "--reference-time",
        "2026-11-29T23:30:00-09:00",
        stdin="flights from chicago to denver tomorrow\n",
    )
    assert done.returncode == 0, done.stderr
    [answer] = [json.loads(line) for line in done.stdout.splitlines()]
    places = {s["name"]: s["place"]["airports"][0] for s in answer["slots"] if "place" in s}
    assert places == {"fromloc.city_name": "ORD", "toloc.city_name": "DEN"}
    frame = answer["frame"]
    assert frame["reference_time"] == "2026-11-29T23:30:00-09:00"
    assert frame["depart"]["date"] == "2026-11-30"  # the next local day, not the next UTC day
    refused = run("predict", "--reference-time", "2026-11-29T23:30:00", stdin="x\n")
    assert refused.returncode == 2 and "with a UTC offset" in refused.stderr


def test_places_and_frames_score_a_set(tmp_path: Path):
    places = tmp_path / "places.jsonl"
    places.write_text(
        json.dumps(
            {
                "text": "flights from chicago to denver",
                "places": [
                    {"text": "chicago", "role": "fromloc", "kind": "city", "first_airport": "ORD"},
                    {"text": "denver", "role": "toloc", "kind": "city", "first_airport": "COS"},
                ],
                "category": "world_city",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    done = run("places", "--set", str(places), "--json", str(tmp_path / "places.json"))
    assert done.returncode == 0, done.stderr
    assert "right role 100.0%" in done.stdout and "first airport right: 50.0%" in done.stdout
    report = json.loads((tmp_path / "places.json").read_text())
    assert [m["gold_airport"] for m in report["misses"]] == ["COS"]
    gold = {"intent": "atis_flight", "origin": {"text": "chicago", "first_airport": "ORD"},
            "destination": {"text": "denver", "first_airport": "DEN"}, "stops": [],
            "depart": {"date": "2026-11-30", "earliest": None, "latest": None}, "arrive": None, "return": None,
            "airline": None, "cabin": None, "round_trip": None, "nonstop": None, "max_price": None}  # fmt: skip
    frames = tmp_path / "frames.jsonl"
    line = {"text": "flights from chicago to denver tomorrow", "reference_time": "2026-11-29T10:00:00-05:00"}
    frames.write_text(json.dumps({**line, "frame": gold, "category": "relative_date"}) + "\n", encoding="utf-8")
    done = run("frames", "--set", str(frames))
    assert done.returncode == 0, done.stderr
    assert "1 frames: whole frame right 100.0%" in done.stdout
