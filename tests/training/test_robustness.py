"""The unseen-city test set: cities training never saw, swapped in with their BIO tags kept aligned."""

import random
from pathlib import Path

from training.data import Example, read_split
from training.robustness import WORLD_CITIES, replace_cities, unseen_cities


def test_unseen_cities_exclude_everything_training_saw(atis_dir: Path):
    train = read_split(atis_dir / "train")
    cities = unseen_cities(train)
    assert len(cities) >= 100 and any(" " in c for c in cities)
    assert "boston" not in cities and "new york" not in cities
    assert set(cities) <= set(WORLD_CITIES)


def test_replacement_keeps_bio_aligned():
    example = Example(
        ["from", "new", "york", "to", "boston", "on", "monday"],
        ["O", "B-fromloc.city_name", "I-fromloc.city_name", "O", "B-toloc.city_name", "O", "B-depart_date.day_name"],
        "flight",
    )
    changed = replace_cities(example, ["ho chi minh city", "kyoto"], random.Random(1))
    assert len(changed.tokens) == len(changed.tags)
    assert changed.tags[-1] == "B-depart_date.day_name" and changed.tokens[-2:] == ["on", "monday"]
    assert "new" not in changed.tokens and "boston" not in changed.tokens
