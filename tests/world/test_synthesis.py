"""Made-up training sentences: world places and airlines in ATIS's slots, return clauses."""

from __future__ import annotations

import numpy as np

from model.bio import bio_spans
from training.data import Example
from world.synthesis import (
    Substitutes,
    Synthesis,
    add_return,
    departure_dates,
    rewrite_dates,
    shorten,
    swap_places,
)

SUBSTITUTES = Substitutes(
    {
        "city": [("ho", "chi", "minh", "city")],
        "nickname": [("chi-town",)],
        "airport_code": [("sfo",)],
        "airport_name": [("heathrow",)],
        "state_code": [("or",)],
        "state_name": [("maine",)],
        "country_name": [("france",)],
        "airline_name": [("british", "airways")],
        "airline_code": [("ba",)],
    }
)
FLIGHT = Example(
    ["flights", "from", "boston", "to", "denver", "on", "united", "monday"],
    ["O", "O", "B-fromloc.city_name", "O", "B-toloc.city_name", "O", "B-airline_name", "B-depart_date.day_name"],
    "atis_flight",
)


def test_places_and_airlines_are_refilled_and_the_context_kept():
    rng = np.random.default_rng(0)
    seen = set()
    for _ in range(200):
        new = swap_places(FLIGHT, SUBSTITUTES, rng)
        assert len(new.tokens) == len(new.tags)
        assert new.tokens[:2] == ["flights", "from"] and new.tokens[-1] == "monday"
        assert new.tags[-1] == "B-depart_date.day_name"
        roles = [s.name.split(".")[0] for s in bio_spans(new.tags) if "loc." in s.name]
        assert roles[0] == "fromloc" and roles[-1] == "toloc"  # the role stays where the context puts it
        seen.update(s.name for s in bio_spans(new.tags))
    assert {"fromloc.city_name", "toloc.airport_code", "toloc.airport_name", "toloc.state_code"} <= seen
    assert {"airline_name", "airline_code"} <= seen


def test_a_return_clause_follows_the_departure_date():
    dates = departure_dates([FLIGHT])
    assert dates == [(["monday"], ["B-return_date.day_name"])]
    new = add_return(FLIGHT, dates, np.random.default_rng(1))
    at = new.tags.index("B-return_date.day_name")
    assert at > new.tags.index("B-depart_date.day_name") and new.tokens[at] == "monday"
    assert all(t == "O" for t in new.tags[len(FLIGHT.tokens) : at])  # the cue words


def test_synthesis_names_its_new_labels_and_leaves_other_data_alone():
    of_may = Example(["on", "the", "3rd", "of", "may"], ["O", "O", "B-depart_date.day_number", "O",
                     "B-depart_date.month_name"], "atis_flight")  # fmt: skip
    assert {"I-", "O"}.isdisjoint(Synthesis([of_may], world_swap=0.0, round_trips=1.0).labels())
    synthesis = Synthesis([FLIGHT], world_swap=1.0, round_trips=1.0, substitutes=SUBSTITUTES)
    labels = synthesis.labels()
    assert {"B-stoploc.airport_code", "B-fromloc.country_name", "B-return_date.day_name"} - labels == {
        "B-stoploc.airport_code"
    }  # no stop in this data: no stop labels
    assert "I-toloc.city_name" in labels
    epoch = synthesis.epoch(np.random.default_rng(2))
    assert len(epoch) == 1 and epoch[0] != FLIGHT
    pizza = Example(["a", "large", "pepperoni", "pizza"], ["O", "B-size", "B-topping", "O"], "order")
    other = Synthesis([pizza], world_swap=1.0, round_trips=1.0, substitutes=SUBSTITUTES)
    assert not other.active and other.epoch(np.random.default_rng(0)) == [pizza] and other.labels() == set()


def test_dates_and_clock_times_are_rewritten_as_people_type_them():
    example = Example(
        ["flights", "to", "denver", "on", "december", "twelfth", "after", "5", "pm", "or", "tomorrow"],
        [
            "O",
            "O",
            "B-toloc.city_name",
            "O",
            "B-depart_date.month_name",
            "B-depart_date.day_number",
            "B-depart_time.time_relative",
            "B-depart_time.time",
            "I-depart_time.time",
            "O",
            "B-today_relative",
        ],
        "atis_flight",
    )
    rng = np.random.default_rng(0)
    seen = set()
    for _ in range(300):
        new = rewrite_dates(example, rng)
        assert len(new.tokens) == len(new.tags) and new.tokens[:3] == ["flights", "to", "denver"]
        seen.add(" ".join(new.tokens))
    texts = "\n".join(seen)
    for form in (
        "dec 12 ",
        "12 december",
        "12th dec ",
        "the 12th of december",
        "12/12 ",
        "5pm",
        "5:00 pm",
        "17:00",
        "in 3 days",
    ):
        assert form in texts, form
    relabelled = next(rewrite_dates(example, np.random.default_rng(s)) for s in range(50)
                      if "days" in rewrite_dates(example, np.random.default_rng(s)).tokens)  # fmt: skip
    assert relabelled.tags[relabelled.tokens.index("days")] in ("I-date_relative",)


def test_a_return_date_may_follow_the_departure_without_a_cue():
    dated = Example(
        ["flights", "to", "denver", "may", "10"],
        ["O", "O", "B-toloc.city_name", "B-depart_date.month_name", "B-depart_date.day_number"],
        "atis_flight",
    )
    dates = departure_dates([dated])
    rng = np.random.default_rng(0)
    endings = {tuple(add_return(dated, dates, rng).tokens[5:]) for _ in range(300)}
    assert ("may", "10") in endings and ("10",) in endings  # "may 10 - may 10", "may 10-10": no cue
    assert any(e[:1] == ("returning",) for e in endings)


def test_a_flight_request_is_cut_to_its_slots_and_role_words():
    rng = np.random.default_rng(0)
    seen = {" ".join(shorten(FLIGHT, rng).tokens) for _ in range(200)}
    assert {
        "from boston to denver united monday",
        "boston denver united monday",
        "monday from boston to denver united",  # the departure date first
        "united boston denver monday",  # the airline first
    } <= seen
    assert all(s.replace("from ", "").replace("to ", "").split().index("boston") + 1
               == s.replace("from ", "").replace("to ", "").split().index("denver") for s in seen)  # fmt: skip
    short = shorten(FLIGHT, np.random.default_rng(1))
    assert dict(zip(short.tokens, short.tags, strict=True))["denver"] == "B-toloc.city_name"
    fare = Example(["fares", "from", "boston", "to", "denver"], ["O", "O", "B-fromloc.city_name", "O",
                   "B-toloc.city_name"], "atis_airfare")  # fmt: skip
    synthesis = Synthesis([FLIGHT, FLIGHT, fare], world_swap=0.0, round_trips=0.0, terse=1.0)
    assert synthesis.shortenable == [True, True, False]  # cut short, a fare question would lose its intent
    assert Synthesis.from_recipe([FLIGHT], {"terse": 1.0}).epoch(rng)[0].tokens[0] in ("from", "boston")
