"""scripts/sweep.py, the recipe sweep behind docs/sweep.md, run for real on a tiny dataset."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SWEEP = Path(__file__).resolve().parents[1] / "scripts" / "sweep.py"


@pytest.mark.slow
def test_sweep_trains_scores_and_tabulates(tiny_data: Path, tmp_path: Path):
    table = tmp_path / "sweep.md"
    command = [sys.executable, str(SWEEP), "--data", str(tiny_data), "--unseen", str(tiny_data), "--device", "cpu"]
    command += ["--runs", "base", "dropout0.3", "--seeds", "1", "--output", str(tmp_path / "runs")]
    command += ["--markdown", str(table), "--parallel", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    results = json.loads((tmp_path / "runs" / "sweep.json").read_text())
    assert sorted(results) == ["base_s1", "dropout0.3_s1"]
    for scores in results.values():
        assert 0 <= scores["test_f1"] <= 100 and scores["test_f1"] == scores["unseen_f1"]  # same data twice
    rows = [line for line in table.read_text().splitlines() if line.startswith(("| base ", "| dropout0.3 "))]
    assert len(rows) == 2 and all("| 1 |" in row for row in rows)
    dropout = json.loads((tmp_path / "runs" / "dropout0.3_s1" / "config.json").read_text())
    assert dropout["model"]["dropout"] == 0.3
    assert "token ECE" in table.read_text() and all(0 <= r["test_token_ece"] <= 100 for r in results.values())
    # --score-only scores what is there again, without training: the same numbers.
    rescored = subprocess.run([*command, "--score-only"], capture_output=True, text=True, timeout=600)
    assert rescored.returncode == 0, rescored.stderr
    assert json.loads((tmp_path / "runs" / "sweep.json").read_text()) == results
    # --ensemble averages each recipe's runs: an ensemble of one run scores as that run.
    averaged = subprocess.run([*command, "--score-only", "--ensemble"], capture_output=True, text=True, timeout=600)
    assert averaged.returncode == 0, averaged.stderr
    ensembles = json.loads((tmp_path / "runs" / "ensembles.json").read_text())
    assert sorted(ensembles) == ["all", "base", "dropout0.3"] and ensembles["all"]["models"] == 2
    for recipe in ("base", "dropout0.3"):
        alone = results[f"{recipe}_s1"]
        assert ensembles[recipe]["slot_f1"] == pytest.approx(alone["test_f1"])
        assert ensembles[recipe]["sentence_accuracy"] == pytest.approx(alone["test_sentence"])
    assert 0 <= ensembles["all"]["slot_f1"] <= 100
    assert "| all | 2 |" in table.read_text()


def test_every_recipe_is_a_valid_train_command():
    """A typo in a recipe would only show after a sweep had queued it: parse them all now."""
    sys.path.insert(0, str(SWEEP.parent))
    try:
        import sweep
    finally:
        sys.path.remove(str(SWEEP.parent))
    from cli.flags import from_flags
    from cli.main import build_parser
    from training.config import TrainConfig

    parser = build_parser()
    recipes = {}
    for name, flags in sweep.RECIPES.items():
        args = parser.parse_args(["train", "--output", "unused", *flags])
        assert args.command == "train", name
        recipes[name] = from_flags(TrainConfig, args)
    assert recipes["e40cs-crf"].model.crf and recipes["e40cs-crf"].learning_rate == 3e-3
    assert recipes["e40cs-avg"].average_last == 10
    assert recipes["layers2"].model.num_layers == 2
    assert recipes["lr2e3-intent-weight0.5"].model.intent_loss_weight == 0.5
