"""The slotfill command as a user runs it: real processes, real files."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from model.checkpoint import BUNDLED_MODEL

from .conftest import free_port

SLOTFILL = [sys.executable, "-m", "app.cli"]
ENV = {**os.environ, "SLOTFILL_TORCH_THREADS": "1"}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SLOTFILL, *args], input=stdin, capture_output=True, text=True, env=ENV, timeout=300)


def test_predict_reads_stdin_writes_json_lines():
    done = run("predict", "--top-k", "2", stdin="flights from Boston to Denver\n\nfare to dallas\n")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 3
    assert {s["name"]: s["value"] for s in lines[0]["slots"]}["toloc.city_name"] == "Denver"
    assert lines[1]["error"] == "no words to tag"
    assert all(len(t["distribution"]) == 2 for t in lines[2]["tokens"])


def test_train_then_evaluate_then_predict_with_the_new_model(tiny_data: Path, tmp_path: Path):
    model = tmp_path / "mine"
    done = run(
        "train",
        "--data",
        str(tiny_data),
        "--output",
        str(model),
        "--epochs",
        "2",
        "--hidden-size",
        "8",
        "--no-progress",
    )
    assert done.returncode == 0, done.stderr
    report_file = tmp_path / "report.json"
    errors_file = tmp_path / "errors.jsonl"
    done = run(
        "evaluate",
        "--model",
        str(model),
        "--data",
        str(tiny_data),
        "--json",
        str(report_file),
        "--errors",
        str(errors_file),
    )
    assert done.returncode == 0, done.stderr
    assert "slot F1" in done.stdout
    assert json.loads(report_file.read_text())["sentences"] == 3
    assert errors_file.exists()
    again = run("train", "--data", str(tiny_data), "--output", str(model), "--epochs", "1", "--no-progress")
    assert again.returncode == 2 and "--force" in again.stderr


def test_bad_training_data_is_named_and_nothing_is_written(tiny_data: Path, tmp_path: Path):
    (tiny_data / "train" / "seq.out").write_text("O O\n" * 12, encoding="utf-8")
    done = run("train", "--data", str(tiny_data), "--output", str(tmp_path / "m"), "--no-progress")
    assert done.returncode == 2
    assert f"{tiny_data / 'train' / 'seq.out'}:1: 2 tags for 5 tokens" in done.stderr
    assert not (tmp_path / "m").exists() and list(tmp_path.iterdir()) == [tiny_data]


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


def test_train_flags_default_to_the_train_config_defaults(tmp_path: Path):
    """Flags not given leave TrainConfig's defaults in place."""
    from dataclasses import asdict

    from app.cli import build_parser, recipe_from_args
    from training.train import TrainConfig

    args = build_parser().parse_args(["train", "--output", str(tmp_path / "m"), "--data", str(tmp_path)])
    from_cli = asdict(recipe_from_args(args, tmp_path / "m"))
    defaults = asdict(TrainConfig(data=tmp_path, output=tmp_path / "m"))
    assert from_cli == defaults
