"""Words the training data never saw: labelled from their context, whatever the case or punctuation."""

from pathlib import Path

import pytest

from model.predictor import Predictor
from model.tokenizer import Tokenizer
from training.data import read_split
from training.evaluate import evaluate
from training.robustness import write_robustness_set


def labels(predictor: Predictor, text: str) -> dict[str, str]:
    [result] = predictor.parse([Tokenizer().utterance(text)], top_k=1)
    return {t["text"]: t["label"] for t in result["tokens"]}


def slots(predictor: Predictor, text: str) -> dict[str, str]:
    [result] = predictor.parse([Tokenizer().utterance(text)], top_k=1)
    return {s["name"]: s["value"] for s in result["slots"]}


def test_leave_an_unseen_city(bundled_predictor: Predictor):
    assert "taipei" not in bundled_predictor.checkpoint.words
    assert (
        labels(bundled_predictor, "i would like to leave taipei on november second")["taipei"] == "B-fromloc.city_name"
    )


def test_arrive_in_an_unseen_city(bundled_predictor: Predictor):
    assert (
        labels(bundled_predictor, "i would like to arrive in taipei on november second")["taipei"]
        == "B-toloc.city_name"
    )


@pytest.mark.parametrize(
    "text", ["i would like to arrive taipei on november second", "I would like to arrive Taipei on November second!"]
)
def test_arrive_an_unseen_city_without_in(bundled_predictor: Predictor, text):
    # Only 7 training sentences say "arrive CITY" without "in": --context-deletion teaches it from "arrive in CITY".
    assert labels(bundled_predictor, text)["taipei"] == "B-toloc.city_name"


def test_arrive_and_leave_unseen_cities_in_short_requests(bundled_predictor: Predictor):
    assert slots(bundled_predictor, "i want to arrive kyoto tomorrow").get("toloc.city_name") == "kyoto"
    assert slots(bundled_predictor, "leave taipei") == {"fromloc.city_name": "taipei"}


@pytest.mark.xfail(strict=True, reason="known gap: the bare two words 'arrive taipei' tag nothing")
def test_bare_arrive_an_unseen_city(bundled_predictor: Predictor):
    assert slots(bundled_predictor, "arrive taipei") == {"toloc.city_name": "taipei"}


def test_multi_word_unseen_cities_are_one_span(bundled_predictor: Predictor):
    found = slots(bundled_predictor, "flights from kuala lumpur to addis ababa")
    assert found == {"fromloc.city_name": "kuala lumpur", "toloc.city_name": "addis ababa"}


@pytest.mark.xfail(strict=True, reason="known gap: four unseen-or-generic words make one city")
def test_four_word_unseen_city(bundled_predictor: Predictor):
    found = slots(bundled_predictor, "i would like to leave ho chi minh city on november second")
    assert found.get("fromloc.city_name") == "ho chi minh city"


@pytest.mark.xfail(strict=True, reason="known gap: after 'leave' (no 'from') a two-word unseen city splits")
def test_leave_a_two_word_unseen_city(bundled_predictor: Predictor):
    found = slots(bundled_predictor, "i would like to leave kuala lumpur on november second")
    assert found.get("fromloc.city_name") == "kuala lumpur"


def test_case_and_punctuation_do_not_change_labels(bundled_predictor: Predictor):
    typed = "I would like to arrive in Taipei on November second!"
    plain = "i would like to arrive in taipei on november second"
    assert labels(bundled_predictor, typed) == labels(bundled_predictor, plain)
    assert slots(bundled_predictor, typed)["toloc.city_name"] == "Taipei"


def test_robustness_set_scores_close_to_atis_test(atis_dir: Path, tmp_path: Path, bundled_predictor: Predictor):
    changed, _ = write_robustness_set(atis_dir, tmp_path, seed=13)
    assert changed > 700
    plain = evaluate(bundled_predictor, read_split(atis_dir / "test"))["slot_f1"]
    unseen = evaluate(bundled_predictor, read_split(tmp_path / "test"))["slot_f1"]
    # Unseen cities may cost at most two points of slot F1.
    assert unseen >= plain - 2.0


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("which flights does qantas have from boston to denver", "airline_name", "qantas"),
        ("what flights does aeroflot have from boston to denver", "airline_name", "aeroflot"),
        ("flights from boston arriving at heathrow airport", "toloc.airport_name", "heathrow airport"),
        ("ground transportation at narita airport", "airport_name", "narita airport"),
    ],
)
def test_unseen_airlines_and_airports(bundled_predictor: Predictor, text, slot, value):
    assert value.split()[0] not in bundled_predictor.checkpoint.words
    assert slots(bundled_predictor, text).get(slot) == value


@pytest.mark.xfail(strict=True, reason="known gap: an unseen airline before 'flights' or after 'on'")
@pytest.mark.parametrize(
    "text", ["qantas flights from boston to denver", "show me flights on qantas from boston to denver"]
)
def test_unseen_airline_in_harder_positions(bundled_predictor: Predictor, text):
    assert slots(bundled_predictor, text).get("airline_name") == "qantas"
