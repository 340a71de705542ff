"""The in-domain head: fitted after the tagger without touching it, calibrated, and saved with it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from model.checkpoint import load_checkpoint, save_checkpoint
from model.predictor import Predictor
from tests.model.helpers import tiny_checkpoint
from training.data import DataError, Example
from training.in_domain import (
    KEEP_IN_DOMAIN,
    MADE_UP_EPOCHS,
    MAX_THRESHOLD,
    NEGATIVES_DIR,
    domain_sides,
    fit_head,
    fit_in_domain,
    in_domain_report,
    read_negatives,
    rejection_rates,
    text_scores,
)
from world.resolve import Resolver
from world.synthesis import Synthesis

# The tiny model's vocabulary is flights, from, boston, to, denver: its domain.
TRAIN = [
    ["flights", "from", "boston", "to", "denver"],
    ["flights", "to", "denver"],
    ["from", "boston"],
    ["flights", "from", "denver", "to", "boston"],
    ["to", "boston", "from", "denver"],
] * 4
VALID = [["flights", "from", "boston"], ["to", "denver", "from", "boston"], ["flights", "to", "boston"]]
NEGATIVES = {
    "made up": [
        "what a lovely day",
        "play some jazz please",
        "how tall is the eiffel tower",
        "qwerty asdf zxcv",
        "turn the lights off",
        "tell me a joke",
        "set a timer for ten minutes",
        "who wrote hamlet",
        "is it going to rain",
        "call my mother",
        "good morning",
        "thanks a lot",
        "what is the meaning of life",
        "open the garage door",
        "spell necessary",
    ]
}


def test_the_separable_case_is_separated_calibrated_and_keeps_valid_in():
    rng = np.random.default_rng(0)
    inside, outside = rng.normal(1.0, 0.5, size=(300, 8)), rng.normal(-1.0, 0.5, size=(600, 8))
    valid = rng.normal(1.0, 0.5, size=(100, 8))
    fit = fit_head([inside], [valid], [outside], np.zeros(len(outside), dtype=int), seed=1)
    assert fit.report["auroc"] > 0.99
    assert fit.threshold <= MAX_THRESHOLD
    assert (fit.probabilities([valid]) >= fit.threshold).mean() >= KEEP_IN_DOMAIN - 0.01
    fresh_in, fresh_out = rng.normal(1.0, 0.5, size=(200, 8)), rng.normal(-1.0, 0.5, size=(200, 8))
    assert fit.probabilities([fresh_in]).mean() > 0.9 and fit.probabilities([fresh_out]).mean() < 0.1


def test_a_second_view_tells_what_the_first_cannot():
    """In the first view the domain and the negatives overlap; the second separates them: the sum does too."""
    rng = np.random.default_rng(0)
    first = rng.normal(0.0, 1.0, size=(900, 6))
    second = np.r_[rng.normal(1.0, 0.5, size=(300, 4)), rng.normal(-1.0, 0.5, size=(600, 4))]
    inside, outside = [first[:300], second[:300]], [first[300:], second[300:]]
    valid = [rng.normal(0.0, 1.0, size=(100, 6)), rng.normal(1.0, 0.5, size=(100, 4))]
    alone = fit_head(inside[:1], valid[:1], outside[:1], np.zeros(600, dtype=int), seed=1)
    both = fit_head(inside, valid, outside, np.zeros(600, dtype=int), seed=1, weights=(0.5, 0.5))
    assert alone.report["auroc"] < 0.7 < 0.99 < both.report["auroc"]


def test_each_source_of_negatives_weighs_the_same():
    """A big source of one kind must not drown a small one: the small kind is still refused."""
    rng = np.random.default_rng(0)

    def around(centre: list[float], n: int) -> np.ndarray:
        return rng.normal(0.0, 0.3, size=(n, 4)) + np.array(centre)

    inside, big = around([2, 0, 0, 0], 300), around([-2, 0, 0, 0], 3000)
    small = around([2, 2, 0, 0], 60)  # near the domain on one axis
    sources = np.r_[np.zeros(len(big), dtype=int), np.ones(len(small), dtype=int)]
    fit = fit_head([inside], [inside[:50]], [np.concatenate([big, small])], sources, seed=1)
    assert fit.probabilities([around([2, 2, 0, 0], 100)]).mean() < 0.2


def test_fitting_adds_a_head_and_leaves_the_tagger_as_it_was(tmp_path: Path):
    checkpoint = tiny_checkpoint()
    before = {k: v.clone() for k, v in checkpoint.model.state_dict().items()}
    probabilities_before = Predictor(checkpoint).probabilities(VALID)
    assert probabilities_before.in_domain is None  # no head yet

    report = fit_in_domain(checkpoint, TRAIN, VALID, NEGATIVES, seed=3)
    after = checkpoint.model.state_dict()
    added = {k for k in after if k.startswith("in_domain_head.")}
    assert {k for k in after if k not in before} == added and len(added) == 4  # two layers' weights and biases
    for name, tensor in before.items():
        torch.testing.assert_close(after[name], tensor, rtol=0, atol=0)
    assert checkpoint.model.config.in_domain and checkpoint.calibration.in_domain_threshold == report["threshold"]

    predictor = Predictor(checkpoint)
    probabilities = predictor.probabilities(VALID)
    np.testing.assert_array_equal(np.concatenate(probabilities.slots), np.concatenate(probabilities_before.slots))
    assert probabilities.in_domain is not None and probabilities.in_domain.shape == (len(VALID),)
    inside = text_scores(predictor, [" ".join(t) for t in VALID])
    outside = text_scores(predictor, ["is it going to snow today", "play the radio", "?!"])
    assert outside.without_words == 1 and outside.in_domain[-1] == 0.0  # never tagged: it counts as out
    assert inside.in_domain.min() > outside.in_domain.max()
    np.testing.assert_allclose(inside.intent_confidence, probabilities.intents.max(axis=1), rtol=1e-6)

    # Saved and loaded, the head answers the same.
    loaded = Predictor(load_checkpoint(save_checkpoint(checkpoint, tmp_path / "model")))
    np.testing.assert_allclose(loaded.probabilities(VALID).in_domain, probabilities.in_domain, rtol=0, atol=1e-7)
    assert loaded.answers.in_domain_threshold == report["threshold"]


def test_the_threshold_can_be_overridden():
    checkpoint = tiny_checkpoint()
    fit_in_domain(checkpoint, TRAIN, VALID, NEGATIVES, seed=3)
    everything_out = Predictor(checkpoint, in_domain_threshold=1.0)
    nothing_out = Predictor(checkpoint, in_domain_threshold=0.0)
    utterances = [everything_out.tokenizer.given(tokens) for tokens in VALID]
    assert {a["intent"]["name"] for a in everything_out.parse(utterances)} == {"out_of_scope"}
    assert "out_of_scope" not in {a["intent"]["name"] for a in nothing_out.parse(utterances)}


def test_too_few_negatives_is_a_clear_error():
    with pytest.raises(ValueError, match="at least 10 negatives"):
        fit_in_domain(tiny_checkpoint(), TRAIN, VALID, {"few": ["hello there", "thanks"]})


def test_negatives_come_from_the_pool_files_and_dataset_folders(tmp_path: Path, tiny_data: Path):
    texts = tmp_path / "mine.txt"
    texts.write_text("one text\n\nanother text\n", encoding="utf-8")
    negatives = read_negatives(f"general, {texts}, {tiny_data}")
    assert list(negatives) == ["general", str(texts), str(tiny_data)]
    pool = (NEGATIVES_DIR / "general.txt").read_text(encoding="utf-8").splitlines()
    assert negatives["general"] == pool and len(pool) >= 500
    assert negatives[str(texts)] == ["one text", "another text"]
    assert negatives[str(tiny_data)][0] == " ".join((tiny_data / "train" / "seq.in").read_text().split("\n")[0].split())
    assert read_negatives("") == {}
    with pytest.raises(FileNotFoundError, match="nowhere"):
        read_negatives("general,nowhere")
    few = tmp_path / "few.txt"
    few.write_text("hello\nthanks\n", encoding="utf-8")
    with pytest.raises(DataError, match="needs 10"):  # found before any training, not after it
        read_negatives(str(few))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe text")
    with pytest.raises(DataError, match="UTF-8"):
        read_negatives(str(bad))


def test_rejection_rates_measure_what_they_say():
    inside = np.linspace(0.5, 1.0, 100)
    outside = np.r_[np.linspace(0.0, 0.4, 95), np.full(5, 0.99)]
    rates = rejection_rates(inside, outside)
    assert rates["false_positive_rate_at_98"] == pytest.approx(0.05)
    assert rates["auroc"] == pytest.approx(0.95 + 0.05 * (1 / 100), abs=0.01)


@pytest.mark.slow
def test_the_bundled_model_tells_flight_requests_from_other_texts(bundled_predictor: Predictor):
    texts = ("order me a large pepperoni pizza", "flights from boston to denver")
    answers = bundled_predictor.parse([bundled_predictor.tokenizer.utterance(t) for t in texts])
    assert [a["intent"]["name"] for a in answers] == ["out_of_scope", "atis_flight"]
    assert answers[0]["in_domain"] < 0.1 < 0.9 < answers[1]["in_domain"]


@pytest.mark.slow
def test_the_report_says_what_the_service_answers_the_resolver_reading_routes(bundled_predictor: Predictor):
    # The head refuses a terse route between airports ATIS never names; the service answers it (a route the
    # tagger is sure of: world.resolve.Resolver.names_a_flight), not a route by train nor a pizza.
    requests = ["gatwick to orly on the 9th", "flights from boston to denver"]
    others = ["order me a large pepperoni pizza", "the train from paris to lyon on the 9th"]
    report = in_domain_report(bundled_predictor, {"requests": requests}, {"others": others}, Resolver.load())
    assert report["in_domain"]["requests"]["answered"] == 1.0 > report["in_domain"]["requests"]["kept"]
    assert report["out_of_domain"]["others"]["answered"] == report["out_of_domain"]["all"]["answered"] == 0.0
    assert (
        "answered"
        not in in_domain_report(bundled_predictor, {"requests": requests}, {"others": others})["in_domain"]["requests"]
    )


def test_both_in_domain_sides_hold_the_sentences_the_recipe_makes_up():
    flight = Example(["flights", "from", "boston", "to", "denver"],
                     ["O", "O", "B-fromloc.city_name", "O", "B-toloc.city_name"], "atis_flight")  # fmt: skip
    train, valid = [flight] * 10, [flight] * 5
    plain_train, plain_valid = domain_sides(train, valid, None, seed=13)
    assert plain_train == [e.tokens for e in train] and plain_valid == [e.tokens for e in valid]
    synthesis = Synthesis(train, world_swap=0.0, round_trips=0.0, terse=1.0)
    positives, kept = domain_sides(train, valid, synthesis, seed=13)
    assert positives[: len(train)] == plain_train and kept[: len(valid)] == plain_valid
    made_up_train, made_up_valid = positives[len(train) :], kept[len(valid) :]
    assert len(made_up_train) == MADE_UP_EPOCHS * len(train) and len(made_up_valid) == MADE_UP_EPOCHS * len(valid)
    assert all(tokens != flight.tokens for tokens in made_up_valid)  # cut as typed: "boston denver", ...
