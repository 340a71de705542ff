import statistics
from pathlib import Path

import pytest

from cli.main import main
from model.config import SlotTaggerConfig
from tests.conftest import TINY_TRAIN
from training.config import TrainConfig
from training.experiments import LECTURE_MODELS, lecture_table, run_lecture, run_seeds, seeds_table

TINY_LABELS = {tag for _, tags, _ in TINY_TRAIN for tag in tags.split()}


@pytest.mark.slow
def test_lecture_ladder_trains_every_model_with_the_same_budget(tiny_data: Path):
    base = TrainConfig(
        data=tiny_data,
        output=Path("unused"),
        epochs=2,
        patience=2,
        progress=False,
        world_swap=0.0,  # the tiny data's own labels only: no made-up airport codes or return dates
        round_trips=0.0,
        date_forms=0.0,
        model=SlotTaggerConfig(hidden_size=8, word_dim=8, char_dim=4, char_filters=4),
    )
    rows = run_lecture(base)
    assert [r["model"] for r in rows] == [name for name, _ in LECTURE_MODELS]
    params = [r["parameters"] for r in rows]
    assert params[0] < params[1]  # a window sees more words, so it has more weights
    assert params[4] < params[5]  # characters add an encoder
    assert all({r["arrive taipei"], r["leave taipei"]} <= TINY_LABELS for r in rows)  # labels the model has
    table = lecture_table(rows)
    assert table.count("\n") == len(rows) + 1 and "Elman RNN" in table


def test_seeds_summary(tiny_data: Path):
    base = TrainConfig(
        data=tiny_data,
        output=Path("unused"),
        epochs=1,
        patience=1,
        progress=False,
        model=SlotTaggerConfig(hidden_size=8),
    )
    result = run_seeds(base, [1, 2])
    assert [r["seed"] for r in result["runs"]] == [1, 2]
    for metric in ("slot_f1", "intent_accuracy", "sentence_accuracy"):
        values = [r[metric] for r in result["runs"]]
        assert result["summary"][metric] == {"mean": statistics.mean(values), "std": statistics.stdev(values)}
    assert "mean ± std" in seeds_table(result)


def test_experiment_command_writes_the_table(tiny_data: Path, tmp_path: Path):
    table = tmp_path / "seeds.md"
    code = main(
        [
            "experiment",
            "seeds",
            "--seeds",
            "1",
            "--data",
            str(tiny_data),
            "--epochs",
            "1",
            "--hidden-size",
            "8",
            "--no-progress",
            "--markdown",
            str(table),
        ]
    )
    assert code == 0 and "| 1 |" in table.read_text()
