"""Made-up training sentences: world places and airlines in ATIS's slots, return clauses."""

from __future__ import annotations

import numpy as np

from model.bio import bio_spans
from training.data import Example
from world.synthesis import (
    Substitutes,
    Synthesis,
    add_airline,
    add_date,
    add_fare,
    add_party,
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
        "denver from boston united monday",  # the destination first, the origin after its "from"
    } <= seen
    in_order = [s for s in seen if not s.startswith("denver")]
    assert all(s.replace("from ", "").replace("to ", "").split().index("boston") + 1
               == s.replace("from ", "").replace("to ", "").split().index("denver") for s in in_order)  # fmt: skip
    assert all(s.startswith("denver from boston") for s in seen - set(in_order))
    short = shorten(FLIGHT, np.random.default_rng(1))
    assert dict(zip(short.tokens, short.tags, strict=True))["denver"] == "B-toloc.city_name"
    fare = Example(["fares", "from", "boston", "to", "denver"], ["O", "O", "B-fromloc.city_name", "O",
                   "B-toloc.city_name"], "atis_airfare")  # fmt: skip
    synthesis = Synthesis([FLIGHT, FLIGHT, fare], world_swap=0.0, round_trips=0.0, terse=1.0)
    assert synthesis.shortenable == [True, True, False]  # cut short, a fare question would lose its intent
    assert Synthesis.from_recipe([FLIGHT], {"terse": 1.0}).epoch(rng)[0].tokens[0] in ("from", "boston", "denver")


def test_a_request_without_a_date_or_a_price_may_get_one():
    undated = Example(["boston", "to", "denver"], ["B-fromloc.city_name", "O", "B-toloc.city_name"], "atis_flight")
    dates = departure_dates([FLIGHT])
    rng = np.random.default_rng(0)
    seen = {" ".join(add_date(undated, dates, rng).tokens) for _ in range(200)}
    assert {"boston to denver monday", "monday boston to denver"} <= seen  # at the end or first
    assert any(s.endswith("denver tmrw") or s.endswith("denver tonight") for s in seen)  # one-word dates
    dated = add_date(undated, dates, np.random.default_rng(3))
    assert {t for t in dated.tags if t not in undated.tags} <= {
        "B-depart_date.day_name",
        "B-depart_date.today_relative",
    }
    priced = [add_fare(undated, rng) for _ in range(200)]
    for new in priced:
        tags = dict(zip(new.tokens, new.tags, strict=True))
        assert new.tokens[:3] == undated.tokens and "B-fare_amount" in new.tags
        assert tags.get("than", "O") == "O" and new.tags[3] == "B-cost_relative"  # ATIS: "less than" is "less"
    assert any(n.tokens[3:5] == ["less", "than"] for n in priced) and any(len(n.tokens) == 5 for n in priced)
    synthesis = Synthesis([undated, FLIGHT], world_swap=0.0, round_trips=0.0, date_forms=1.0)
    assert synthesis.requests == [True, True] and not synthesis.labels() - {*FLIGHT.tags, *undated.tags} - {
        "B-depart_date.today_relative", "I-depart_date.today_relative", "B-depart_date.date_relative",
        "I-depart_date.date_relative"}  # fmt: skip
    made_up = [e for _ in range(100) for e in synthesis.epoch(rng)]
    # Nothing added carries a label the data lacks: no fares here, no one-word dates ("tmrw" is today_relative).
    assert not synthesis.fares_addable and not synthesis.one_word_dates
    assert {t for e in made_up for t in e.tags} <= {*FLIGHT.tags, *undated.tags}
    assert any(e.tokens[:3] == undated.tokens and "B-depart_date.day_name" in e.tags for e in made_up)
    from_flight = [e for e in made_up if e.tokens[0] == "flights"]
    assert from_flight and all(sum(t.startswith("B-depart_date") for t in e.tags) == 1 for e in from_flight)


def test_ordinals_and_round_trips_are_typed_as_people_type_them():
    example = Example(["round", "trip", "to", "denver", "on", "the", "fifth"],
                      ["B-round_trip", "I-round_trip", "O", "B-toloc.city_name", "O", "O", "B-depart_date.day_number"],
                      "atis_flight")  # fmt: skip
    rng = np.random.default_rng(0)
    seen = {" ".join(rewrite_dates(example, rng).tokens) for _ in range(200)}
    assert "round trip to denver on the 5th" in seen and "roundtrip to denver on the fifth" in seen
    assert any(s.startswith("round-trip ") for s in seen)


def test_a_request_without_an_airline_may_get_one_first_or_last():
    request = Example(["boston", "to", "denver"], ["B-fromloc.city_name", "O", "B-toloc.city_name"], "atis_flight")
    rng = np.random.default_rng(0)
    made = [add_airline(request, SUBSTITUTES, rng) for _ in range(200)]
    seen = {" ".join(e.tokens) for e in made}
    assert {"british airways boston to denver", "ba boston to denver", "boston to denver on british airways",
            "boston to denver ba"} <= seen  # fmt: skip
    for e in made:
        spans = {" ".join(e.tokens[s.first : s.last + 1]): s.name for s in bio_spans(e.tags)}
        assert spans.get("british airways", spans.get("ba")) in ("airline_name", "airline_code")
        assert spans["boston"] == "fromloc.city_name" and spans["denver"] == "toloc.city_name"


def test_a_request_may_say_how_many_travel_first_or_last_untagged():
    request = Example(["boston", "to", "denver"], ["B-fromloc.city_name", "O", "B-toloc.city_name"], "atis_flight")
    rng = np.random.default_rng(0)
    made = [add_party(request, rng) for _ in range(300)]
    seen = {" ".join(e.tokens) for e in made}
    assert {"2 tickets boston to denver", "boston to denver for 3 adults"} <= seen
    assert any(s.startswith("boston to denver") and "kids" in s for s in seen)
    for e in made:
        at = next(i for i in range(len(e.tokens)) if e.tokens[i : i + 3] == request.tokens)
        assert e.tags[at : at + 3] == request.tags  # the request as it was, its tags too
        assert all(t == "O" for i, t in enumerate(e.tags) if not at <= i < at + 3)  # the added words: no slot
    synthesis = Synthesis([request], world_swap=0.0, round_trips=0.0, date_forms=1.0)
    made_up = [e for _ in range(200) for e in synthesis.epoch(rng)]
    assert any("tickets" in e.tokens or "adults" in e.tokens for e in made_up)
    plain = Synthesis([request], world_swap=0.0, round_trips=0.0)  # no dates as typed: nothing added
    assert all(e.tokens == request.tokens for _ in range(50) for e in plain.epoch(rng))
