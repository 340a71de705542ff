"""The booking frame built from an answer's slots, and its scoring against gold frames."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import pytest

from world.airlines import load_airlines
from world.frame import FIELDS, score_frames
from world.lexicon import load_lexicon
from world.resolve import Resolver


@dataclass(frozen=True)
class FakePlace:
    name: str
    airports: tuple[str, ...]
    country: str = "US"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": "US", "airports": list(self.airports), "city_code": None}


@dataclass(frozen=True)
class FakeMatch:
    place: FakePlace
    matched: str
    score: float = 100.0
    fuzzy: bool = False


class FakePlaces:
    """Places.resolve's signature over a handful of names; records the qualifiers it was given."""

    KNOWN: ClassVar[dict[str, tuple[str, ...]]] = {
        "boston": ("BOS",),
        "denver": ("DEN",),
        "chicago": ("ORD", "MDW"),
        "portland": ("PDX",),
        "hong kong": ("HKG",),
        "ny": ("JFK", "LGA", "EWR"),
    }

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str | None]] = []

    def resolve(self, text: str, slot: str = "city_name", qualifier: str | None = None) -> FakeMatch | None:
        self.calls.append((text, slot, qualifier))
        airports = self.KNOWN.get(text.lower())
        return FakeMatch(FakePlace(text.title(), airports), text.lower()) if airports else None

    def namesake_in(self, text: str, match: FakeMatch, countries: set[str]) -> FakeMatch | None:
        return None  # every fake place is in one country

    def is_region(self, text: str) -> bool:
        return text.lower() in ("oregon", "maine")

    def city_in_region(self, text: str, region: str, states_only: bool = False) -> bool:
        return (text.lower(), region.lower()) == ("portland", "maine")


def frame_of(answer: dict[str, Any], places: Any = None) -> dict[str, Any] | None:
    """The resolver's frame with the fake places (which has Places.resolve's signature, not its type)."""
    fake: Any = places or FakePlaces()
    frame: dict[str, Any] | None = Resolver(fake, load_airlines(), load_lexicon()).resolve(answer, REFERENCE)["frame"]
    return frame


def answer(text: str, slots: list[tuple[str, str, float]], intent: str = "atis_flight") -> dict[str, Any]:
    """An answer shaped as AnswerBuilder.build makes it, for (slot name, value, confidence) in text order."""
    built, cursor = [], 0
    for name, value, confidence in slots:
        start = text.index(value, cursor)
        cursor = start + len(value)
        built.append({"name": name, "value": value, "start": start, "end": cursor, "confidence": confidence})
    return {"text": text, "tokens": [], "slots": built, "intent": {"name": intent, "confidence": 0.9}}


def depart_window(frame: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """A frame's departure as (date, earliest, latest)."""
    return frame["depart"]["date"], frame["depart"]["earliest"], frame["depart"]["latest"]


REFERENCE = datetime.fromisoformat("2026-11-29T10:00:00-05:00")
TEXT = (
    "round trip first class on united from boston to denver next friday morning "
    "returning the 3rd after 5 pm under 500 dollars nonstop"
)
SLOTS = [
    ("round_trip", "round trip", 0.99),
    ("class_type", "first class", 0.9),
    ("airline_name", "united", 0.8),
    ("fromloc.city_name", "boston", 0.95),
    ("toloc.city_name", "denver", 0.9),
    ("depart_date.date_relative", "next", 0.9),
    ("depart_date.day_name", "friday", 0.9),
    ("depart_time.period_of_day", "morning", 0.8),
    ("return_date.day_number", "3rd", 0.7),
    ("return_time.time_relative", "after", 0.9),
    ("return_time.time", "5 pm", 0.9),
    ("cost_relative", "under", 0.9),
    ("fare_amount", "500 dollars", 0.9),
    ("flight_stop", "nonstop", 0.9),
]


def test_frame_from_slots() -> None:
    frame = frame_of(answer(TEXT, SLOTS))
    assert frame is not None
    assert frame["reference_time"] == "2026-11-29T10:00:00-05:00"
    assert frame["origin"]["text"] == "boston" and frame["origin"]["airports"] == ["BOS"]
    assert frame["destination"]["place"]["airports"] == ["DEN"]
    assert abs(frame["origin"]["confidence"] - 0.95) < 1e-9
    depart = frame["depart"]
    assert (depart["date"], depart["earliest"], depart["latest"]) == ("2026-12-04", "06:00", "12:00")
    assert depart["text"] == "next friday morning"
    assert abs(depart["confidence"] - 0.9 * 0.9 * 0.8) < 1e-9
    # The return's day of the month counts from departure: the 3rd after Dec 4 is Jan 3.
    back = frame["return"]
    assert (back["date"], back["earliest"], back["latest"]) == ("2027-01-03", "17:00", None)
    assert frame["arrive"] is None
    assert frame["airline"] == {"text": "united", "name": "United Airlines", "code": "UA", "confidence": 0.8}
    assert frame["cabin"] == "first"
    assert frame["round_trip"] is True
    assert frame["nonstop"] is True
    assert frame["max_price"] == {"amount": 500, "currency": "USD"}
    assert frame["stops"] == []


def test_qualifier_goes_to_the_place_before_it_and_stops_are_listed() -> None:
    places = FakePlaces()
    text = "from portland , oregon to chicago via denver one way on zzyzx air cheapest 300 dollars"
    slots = [
        ("fromloc.city_name", "portland", 0.9),
        ("fromloc.state_name", "oregon", 0.5),
        ("toloc.city_name", "chicago", 1.0),
        ("stoploc.city_name", "denver", 1.0),
        ("round_trip", "one way", 1.0),
        ("airline_name", "zzyzx air", 0.6),
        ("cost_relative", "cheapest", 1.0),
        ("fare_amount", "300 dollars", 1.0),
    ]
    frame = frame_of(answer(text, slots), places)
    assert frame is not None
    assert ("portland", "city_name", "oregon") in places.calls
    assert frame["origin"]["text"] == "portland , oregon"
    assert abs(frame["origin"]["confidence"] - 0.45) < 1e-9
    assert [s["airports"] for s in frame["stops"]] == [["DEN"]]
    assert frame["round_trip"] is False
    assert frame["airline"]["text"] == "zzyzx air" and frame["airline"]["code"] is None
    assert frame["max_price"] is None  # "cheapest" names no price
    assert frame["depart"] is None and frame["cabin"] is None and frame["nonstop"] is None


def test_a_region_the_tagger_gave_another_role_still_qualifies_the_city_before_it() -> None:
    # "maine" read as a second destination: Maine is where this Portland lies (FakePlaces.city_in_region).
    places = FakePlaces()
    text = "need to be in denver by 9am , flying from portland maine"
    slots = [
        ("toloc.city_name", "denver", 0.9),
        ("fromloc.city_name", "portland", 0.9),
        ("toloc.city_name", "maine", 0.5),
    ]
    frame = frame_of(answer(text, slots), places)
    assert frame is not None
    assert ("portland", "city_name", "maine") in places.calls
    assert frame["origin"]["text"] == "portland maine" and abs(frame["origin"]["confidence"] - 0.45) < 1e-9
    assert frame["destination"]["text"] == "denver"
    # A region the city does not lie in stays a place of its own role.
    slots = [("fromloc.city_name", "denver", 0.9), ("toloc.city_name", "maine", 0.5)]
    frame = frame_of(answer("from denver maine", slots))
    assert frame is not None and frame["origin"]["text"] == "denver" and frame["destination"]["text"] == "maine"


def test_unknown_place_keeps_its_text() -> None:
    frame = frame_of(answer("to atlantis", [("toloc.city_name", "atlantis", 0.9)]))
    assert frame is not None
    assert frame["destination"] == {"text": "atlantis", "place": None, "airports": [], "confidence": 0.9}


def test_out_of_scope_has_no_frame() -> None:
    assert frame_of(answer("hello", [], "out_of_scope")) is None


def refused(text: str, slots: list[tuple[str, str, float]]) -> dict[str, Any]:
    """An answer the in-domain head refused, whose intents the model ranks atis_flight first."""
    refused = answer(text, slots)
    ranking = [{"name": "atis_flight", "confidence": 0.8}, {"name": "atis_airfare", "confidence": 0.1}]
    refused["intent"] = {"name": "out_of_scope", "confidence": 0.99, "ranking": ranking}
    return refused


class FakePlacesWithEverydayNames(FakePlaces):
    KNOWN: ClassVar[dict[str, tuple[str, ...]]] = {**FakePlaces.KNOWN, "nice": ("NCE",), "split": ("SPU",)}


def test_a_route_the_tagger_is_sure_of_is_a_flight_request_whatever_the_in_domain_head_says() -> None:
    route = [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "denver", 0.6)]
    resolved = Resolver(FakePlaces(), load_airlines(), load_lexicon()).resolve(
        refused("boston to denver on the 9th", route), REFERENCE
    )
    assert resolved["intent"]["name"] == "atis_flight" and resolved["intent"]["confidence"] == 0.8
    assert resolved["frame"]["destination"]["airports"] == ["DEN"]
    # Not when the tagger is unsure of a place, when one end is missing or unknown, or when the text names another
    # way to travel.
    unsure = [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "denver", 0.4)]
    unknown = [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "qwzxville", 0.9)]
    for text, slots in [("boston to denver on the 9th", unsure), ("boston to qwzxville", unknown),
                        ("trip to denver", [("toloc.city_name", "denver", 0.9)]),
                        ("the train from boston to denver", route), ("the megabus from boston to denver", route),
                        ("road trip from boston to denver", route)]:  # fmt: skip
        assert frame_of(refused(text, slots)) is None, text
    # A place that is an everyday word takes more certainty.
    nice = [("fromloc.city_name", "nice", 0.7), ("toloc.city_name", "split", 0.9)]
    assert frame_of(refused("nice to split in july", nice), FakePlacesWithEverydayNames()) is None
    nice[0] = ("fromloc.city_name", "nice", 0.85)
    frame = frame_of(refused("nice to split in july", nice), FakePlacesWithEverydayNames())
    assert frame is not None and frame["origin"]["airports"] == ["NCE"]


class FakePlacesWithJoinedCodes(FakePlaces):
    KNOWN: ClassVar[dict[str, tuple[str, ...]]] = {**FakePlaces.KNOWN, "ord": ("ORD",), "lga": ("LGA",)}


def test_two_airport_codes_joined_as_a_route_need_less_certainty() -> None:
    codes = [("fromloc.airport_code", "ord", 0.35), ("toloc.airport_code", "lga", 0.3),
             ("depart_date.day_number", "20/12", 0.5)]  # fmt: skip
    frame = frame_of(refused("ord-lga 20/12", codes), FakePlacesWithJoinedCodes())
    assert frame is not None and frame["destination"]["airports"] == ["LGA"]
    assert frame_of(refused("ord and lga 20/12", codes), FakePlacesWithJoinedCodes()) is None  # not joined as a route
    codes[1:] = [("toloc.airport_code", "lga", 0.2)]
    assert frame_of(refused("ord-lga", codes), FakePlacesWithJoinedCodes()) is None
    arrow = [("fromloc.airport_code", "ORD", 0.35), ("toloc.airport_code", "LGA", 0.3)]
    assert frame_of(refused("ORD->LGA", arrow), FakePlacesWithJoinedCodes()) is not None  # "->" as typed


def test_an_ordinal_day_tagged_a_place_is_a_day() -> None:
    slots = [("fromloc.airport_code", "3rd", 0.8), ("depart_date.day_number", "10th", 0.4),
             ("fromloc.city_name", "denver", 0.9), ("toloc.city_name", "boston", 0.9)]  # fmt: skip
    frame = frame_of(answer("from the 3rd to the 10th denver to boston", slots))
    assert frame is not None and frame["origin"]["airports"] == ["DEN"]
    assert frame["depart"]["date"] == "2026-12-03" and frame["return"]["date"] == "2026-12-10"


def test_a_part_of_the_day_that_ends_a_place_slot_is_the_time_of_day() -> None:
    slots = [("fromloc.city_name", "denver", 0.9), ("toloc.city_name", "boston mid-morning", 0.6),
             ("depart_date.day_number", "12/12", 0.9)]  # fmt: skip
    frame = frame_of(answer("denver to boston mid-morning on 12/12", slots))
    assert frame is not None and frame["destination"]["text"] == "boston"
    assert frame["destination"]["airports"] == ["BOS"]
    assert depart_window(frame) == ("2026-12-12", "09:00", "11:00")


def test_a_day_after_next_is_a_week_after_the_next_such_day() -> None:
    route = [("fromloc.city_name", "denver", 0.9), ("toloc.city_name", "boston", 0.9)]
    as_a_relation = [*route, ("depart_date.day_name", "friday", 0.9), ("depart_time.time_relative", "after", 0.6),
                     ("depart_date.date_relative", "next", 0.8)]  # fmt: skip
    untagged = [*route, ("depart_date.day_name", "friday", 0.9), ("depart_date.date_relative", "next", 0.8)]
    for slots in (as_a_relation, untagged):
        frame = frame_of(answer("denver to boston friday after next", slots))
        assert frame is not None and frame["depart"]["date"] == "2026-12-11", slots
        assert frame["depart"]["earliest"] is None and frame["depart"]["text"] == "friday after next"
    returning = [*route, ("depart_date.day_name", "monday", 0.9), ("return_date.day_name", "friday", 0.9),
                 ("return_date.date_relative", "next", 0.8)]  # fmt: skip
    frame = frame_of(answer("denver to boston monday back friday after next", returning))
    assert frame is not None and frame["return"]["date"] == "2026-12-11"  # a week after the friday after monday


def test_a_place_and_a_date_the_tagger_is_sure_of_and_nothing_else_are_a_flight_request() -> None:
    terse = [("toloc.city_name", "denver", 0.9), ("depart_date.today_relative", "tomorrow", 0.9)]
    resolved = Resolver(FakePlaces(), load_airlines(), load_lexicon()).resolve(
        refused("denver tomorrow", terse), REFERENCE
    )
    assert resolved["intent"]["name"] == "atis_flight"
    assert resolved["frame"]["destination"]["airports"] == ["DEN"]
    assert resolved["frame"]["depart"]["date"] == "2026-11-30"
    on_the_9th = [("toloc.city_name", "denver", 0.9), ("depart_date.day_number", "9th", 0.8)]
    assert frame_of(refused("flying to denver on the 9th", on_the_9th)) is not None
    assert frame_of(refused("gotta fly to denver on the 9th", on_the_9th)) is not None  # who asks, and how
    assert frame_of(refused("i need a flight to denver on the 9th pls", on_the_9th)) is not None
    assert frame_of(refused("i need a dentist in denver on the 9th", on_the_9th)) is None
    # An origin and a destination joined as a route, with a date and nothing else, need less certainty.
    unsure_route = [("depart_date.day_number", "3rd", 0.5), ("fromloc.city_name", "boston", 0.3),
                    ("toloc.city_name", "denver", 0.4)]  # fmt: skip
    assert frame_of(refused("the 3rd boston to denver", unsure_route)) is not None
    assert frame_of(refused("the 3rd traffic from boston to denver", unsure_route)) is None
    assert frame_of(refused("boston to denver", unsure_route[1:])) is None
    # Not when another word says what the text is about (untagged, or tagged a place that is none), when the date
    # is unsure or missing, or when the text names another way to travel.
    unsure = [("toloc.city_name", "denver", 0.9), ("depart_date.today_relative", "tomorrow", 0.3)]
    showtimes = [("fromloc.city_name", "showtimes", 0.6), *on_the_9th]
    for text, slots in [("weather in denver tomorrow", terse), ("denver tomorrow", unsure),
                        ("showtimes in denver on the 9th", showtimes), ("the bus to denver tomorrow", terse),
                        ("denver", terse[:1])]:  # fmt: skip
        assert frame_of(refused(text, slots)) is None, text


def gold_frame(**fields: Any) -> dict[str, Any]:
    frame: dict[str, Any] = dict.fromkeys(FIELDS)
    frame.update({"intent": "atis_flight", "stops": []}, **fields)
    return frame


def test_scoring_compares_first_airports_leg_values_and_airline_codes() -> None:
    frame = frame_of(answer(TEXT, SLOTS))
    gold = gold_frame(
        origin={"text": "boston", "first_airport": "BOS"},
        destination={"text": "denver", "first_airport": "DEN"},
        depart={"date": "2026-12-04", "earliest": "06:00", "latest": "12:00"},
        **{"return": {"date": "2027-01-03", "earliest": "17:00", "latest": None}},
        airline={"text": "united", "code": "UA"},
        cabin="first",
        round_trip=True,
        nonstop=True,
        max_price={"amount": 500, "currency": "USD"},
    )
    assert score_frames([frame], [gold]) == {
        "frames": 1,
        "fields": dict.fromkeys(FIELDS, 1.0),
        "fields_right": 1.0,
        "whole_frame": 1.0,
    }
    wrong = {**gold, "destination": {"text": "denver", "first_airport": "COS"}, "cabin": "business"}
    scores = score_frames([frame, None], [wrong, gold_frame()])
    assert scores["fields"]["destination"] == 0.5  # wrong airport; the out-of-scope None matches an empty gold
    assert scores["fields"]["intent"] == 0.5
    assert scores["whole_frame"] == 0.0


def test_the_words_around_the_slots_complete_the_frame():
    # Sent on a Sunday: "this sunday" is today. "direct" is ATIS's connect, "red eye" its flight_mod,
    # the euro sign is no token and "premium" may be left out of the class.
    text = "direct red eye this sunday premium economy under €400"
    frame = frame_of(answer(text, [
        ("connect", "direct", 0.9), ("flight_mod", "red eye", 0.9), ("depart_date.day_name", "sunday", 0.9),
        ("class_type", "economy", 0.9), ("cost_relative", "under", 0.9), ("fare_amount", "400", 0.9),
    ]))  # fmt: skip
    assert frame is not None
    assert frame["nonstop"] is True and frame["cabin"] == "premium_economy"
    assert frame["depart"]["date"] == "2026-11-29"
    assert (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("21:00", "05:00")
    assert frame["max_price"] == {"amount": 400, "currency": "EUR"}
    frame = frame_of(answer("sunday under 900 dirhams", [
        ("depart_date.day_name", "sunday", 0.9), ("cost_relative", "under", 0.9), ("fare_amount", "900", 0.9),
    ]))  # fmt: skip
    assert frame is not None and frame["depart"]["date"] == "2026-12-06"
    assert frame["max_price"] == {"amount": 900, "currency": "AED"}


def test_a_ceiling_on_the_price_said_in_words_the_tagger_did_not_read_is_the_max_price() -> None:
    friday = ("depart_date.day_name", "friday", 0.9)
    cases = [
        ("friday, budget is $450", [friday, ("depart_time.period_of_day", "budget", 0.4), ("fare_amount", "450", 0.6)],
         {"amount": 450, "currency": "USD"}),
        ("friday $350 or less", [friday, ("depart_date.day_number", "350", 0.4), ("cost_relative", "less", 0.5)],
         {"amount": 350, "currency": "USD"}),
        ("friday on a budget of 300 euros", [friday], {"amount": 300, "currency": "EUR"}),
        # thousands: "1k", and "1.5k" and "$1,299.99" that the tokenizer cut at the dot or comma
        ("friday under 1k", [friday, ("cost_relative", "under", 0.9), ("fare_amount", "1k", 0.9)],
         {"amount": 1000, "currency": "USD"}),
        ("friday up to 1.5k", [friday, ("cost_relative", "up to", 0.9), ("fare_amount", "1", 0.9),
                               ("fare_amount", "5k", 0.9)], {"amount": 1500, "currency": "USD"}),
        ("friday under $1,299.99", [friday, ("cost_relative", "under", 0.9), ("depart_time.time", "1", 0.5),
                                    ("fare_amount", "299", 0.9), ("fare_amount", "99", 0.9)],
         {"amount": 1299.99, "currency": "USD"}),
        # no money, no ceiling: "under 5 hours"
        ("friday under 5 hours", [friday], None),
    ]  # fmt: skip
    for text, slots, expected in cases:
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["max_price"] == expected, text
        assert frame["depart"] == {**frame["depart"], "date": "2026-12-04", "earliest": None, "latest": None}, text


def test_a_time_after_the_return_date_is_the_returns():
    text = "friday returning sunday evening"
    frame = frame_of(answer(text, [
        ("depart_date.day_name", "friday", 0.9), ("return_date.day_name", "sunday", 0.9),
        ("depart_time.period_of_day", "evening", 0.9),
    ]))  # fmt: skip
    assert frame is not None
    assert frame["depart"] == {**frame["depart"], "date": "2026-12-04", "earliest": None}
    assert frame["return"] == {**frame["return"], "date": "2026-12-06", "earliest": "18:00", "latest": "22:00"}


def test_a_clock_time_takes_the_meridiem_after_it_and_the_relation_before_it():
    frame = frame_of(answer("friday by 10:45 pm", [("depart_date.day_name", "friday", 0.9),
                                                   ("depart_time.time", "10:45", 0.9)]))  # fmt: skip
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == (None, "22:45")
    frame = frame_of(answer("friday at 10:45 pm", [("depart_date.day_name", "friday", 0.9),
                                                   ("depart_time.time", "10:45 pm", 0.9)]))  # fmt: skip
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("22:45", "22:45")


def test_a_number_after_a_month_is_its_day_and_premium_economy_is_read_whole():
    slots = [("depart_date.month_name", "dec", 0.9), ("depart_time.time", "12", 0.6), ("economy", "economy", 0.9)]
    frame = frame_of(answer("dec 12 premium economy", slots))
    assert frame is not None
    assert (frame["depart"]["date"], frame["depart"]["earliest"]) == ("2026-12-12", None)
    assert frame["cabin"] == "premium_economy"


def test_two_departure_dates_joined_as_a_range_are_a_round_trip():
    for text, slots, back in [
        ("dec 19 - dec 26", [("depart_date.month_name", "dec", 0.9), ("depart_date.day_number", "19", 0.9),
                             ("depart_date.month_name", "dec", 0.9), ("depart_date.day_number", "26", 0.9)],
         "2026-12-26"),
        ("march 10-14", [("depart_date.month_name", "march", 0.9), ("depart_date.day_number", "10", 0.9),
                         ("depart_date.day_number", "14", 0.9)], "2027-03-14"),
        ("friday to sunday", [("depart_date.day_name", "friday", 0.9), ("depart_date.day_name", "sunday", 0.9)],
         "2026-12-06"),
    ]:  # fmt: skip
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["return"] is not None, text
        assert frame["return"]["date"] == back and frame["round_trip"] is True, text
    frame = frame_of(answer("monday or tuesday", [("depart_date.day_name", "monday", 0.9), ("or", "or", 0.9),
                                                  ("depart_date.day_name", "tuesday", 0.9)]))  # fmt: skip
    assert frame is not None and frame["return"] is None  # a choice, not a range
    # A word tagged a day number that names no day starts no range: one date, no round trip.
    weekend = [("depart_date.day_number", "weekend", 0.5), ("depart_date.month_name", "december", 0.9),
               ("depart_date.day_number", "12", 0.9)]  # fmt: skip
    frame = frame_of(answer("the weekend of december 12", weekend))
    assert frame is not None and frame["return"] is None and frame["round_trip"] is None
    assert frame["depart"] is not None and frame["depart"]["date"] == "2026-12-12"


def test_a_date_tagged_as_a_clock_time_is_read_as_a_date():
    frame = frame_of(answer("bos to sfo dec 12", [("depart_time.time", "12", 0.6)]))  # "dec" left out
    assert frame is not None and (frame["depart"]["date"], frame["depart"]["earliest"]) == ("2026-12-12", None)
    frame = frame_of(answer("12/24 bos to sfo", [("depart_time.time", "12/24", 0.6)]))
    assert frame is not None and (frame["depart"]["date"], frame["depart"]["earliest"]) == ("2026-12-24", None)
    frame = frame_of(answer("flights at 12 on friday", [("depart_time.time", "12", 0.9),
                                                        ("depart_date.day_name", "friday", 0.9)]))  # fmt: skip
    assert frame is not None and frame["depart"]["earliest"] == "12:00"  # no month before it: a clock time


def test_a_month_that_ends_a_place_slot_is_no_part_of_the_place():
    places = FakePlaces()
    frame = frame_of(answer("boston to denver dec 19", [("fromloc.city_name", "boston", 0.9),
                                                       ("toloc.city_name", "denver dec", 0.5),
                                                       ("depart_date.day_number", "19", 0.9)]), places)  # fmt: skip
    assert frame is not None and frame["destination"]["airports"] == ["DEN"]  # "denver dec" resolved as "denver"
    assert ("denver", "city_name", None) in places.calls
    assert frame["depart"]["date"] == "2026-12-19"


def test_a_day_from_today_that_ends_an_airline_or_place_slot_is_the_date():
    # The issue's own example: the tagger ran "tonight" into the airline's name.
    places = FakePlaces()
    frame = frame_of(answer("on british airways tonight from boston to denver",
                            [("airline_name", "british airways tonight", 0.6), ("fromloc.city_name", "boston", 0.9),
                             ("toloc.city_name", "denver", 0.9)]), places)  # fmt: skip
    assert frame is not None and frame["airline"]["code"] == "BA" and frame["airline"]["text"] == "british airways"
    assert frame["depart"]["date"] == "2026-11-29" and frame["depart"]["text"] == "tonight"
    frame = frame_of(answer("boston tomorrow to denver", [("fromloc.city_name", "boston tomorrow", 0.5),
                                                          ("toloc.city_name", "denver", 0.9)]), places)  # fmt: skip
    assert frame is not None and frame["origin"]["airports"] == ["BOS"] and frame["depart"]["date"] == "2026-11-30"
    assert frame["origin"]["text"] == "boston" and ("boston", "city_name", None) in places.calls


def test_a_place_slot_that_is_a_month_is_the_month():
    frame = frame_of(answer("boston to denver in march", [("fromloc.city_name", "boston", 0.9),
                                                          ("toloc.city_name", "denver", 0.9),
                                                          ("stoploc.city_name", "march", 0.4)]))  # fmt: skip
    assert frame is not None and frame["stops"] == [] and frame["destination"]["airports"] == ["DEN"]
    # Before a day, the month and the day are read together, in the leg the day's words say.
    frame = frame_of(answer("boston to denver march 10 returning march 20",
                            [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "denver", 0.9),
                             ("depart_date.month_name", "march", 0.9), ("depart_date.day_number", "10", 0.9),
                             ("toloc.city_name", "march", 0.4), ("fare_amount", "20", 0.4)]))  # fmt: skip
    assert frame is not None and frame["return"]["date"] == "2027-03-20" and frame["destination"]["airports"] == ["DEN"]


def test_an_airline_and_the_word_after_it_that_name_another_airline():
    for second in (("toloc.state_code", "al", 0.4), ("airline_name", "al", 0.3), None):
        slots = [("airline_code", "el", 0.5), *([second] if second else []), ("fromloc.city_name", "boston", 0.9)]
        frame = frame_of(answer("on el al boston to denver", slots))
        assert frame is not None and frame["airline"]["code"] == "LY" and frame["airline"]["text"] == "el al"
        assert frame["destination"] is None  # "al" (Alabama) is no place
    # A word that only follows an airline is left alone ("united" "boston"), and so is an airline named alone.
    frame = frame_of(answer("on united boston to denver", [("airline_name", "united", 0.9),
                                                           ("fromloc.city_name", "boston", 0.9)]))  # fmt: skip
    assert frame is not None and frame["airline"]["code"] == "UA" and frame["origin"]["airports"] == ["BOS"]


def test_a_place_slot_that_is_a_cabin_is_the_cabin():
    frame = frame_of(answer("JFK-LHR FRIDAY BA BUSINESS", [("fromloc.airport_code", "JFK", 0.9),
                                                            ("toloc.airport_code", "LHR", 0.9),
                                                            ("fromloc.city_name", "BUSINESS", 0.4)]))  # fmt: skip
    assert frame is not None and frame["cabin"] == "business" and frame["origin"]["text"] == "JFK"


def test_a_range_of_dates_read_anew_is_as_sure_as_its_own_words():
    # Each leg of "jan 3rd thru jan 6th" as sure as its own two words: not every word of the range multiplied
    # into each made slot, then the leg's two multiplied again (0.0002 and 0.0002).
    text = "boston to denver jan 3rd thru jan 6th"
    slots = [*SLOTS[3:5], ("depart_date.month_name", "jan", 0.43), ("depart_date.day_number", "3rd", 0.54),
             ("return_date.day_name", "thru", 0.18), ("return_date.month_name", "jan", 0.55),
             ("return_date.day_number", "6th", 0.68)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and (frame["depart"]["date"], frame["return"]["date"]) == ("2027-01-03", "2027-01-06")
    assert abs(frame["depart"]["confidence"] - 0.43 * 0.54) < 0.01
    assert abs(frame["return"]["confidence"] - 0.55 * 0.68) < 0.01


def test_an_arrival_in_a_text_with_no_word_of_arriving_is_the_departure():
    slots = [("fromloc.airport_code", "phx", 0.87), ("toloc.city_name", "las", 0.77),
             ("depart_date.day_number", "1/15", 0.77), ("arrive_time.time", "noonish", 0.15)]  # fmt: skip
    frame = frame_of(answer("phx to las 1/15 at noonish", slots))
    assert frame is not None and frame["arrive"] is None
    assert depart_window(frame) == ("2027-01-15", "11:30", "12:30")  # "noonish": around noon
    # With a word of arriving the tagger's arrival stands, and so does one beside a departure of its kind.
    slots = [*SLOTS[3:5], ("arrive_time.time_relative", "by", 0.9), ("arrive_time.time", "10am", 0.9)]
    frame = frame_of(answer("boston to denver arriving by 10am", slots))
    assert frame is not None and frame["depart"] is None and frame["arrive"]["latest"] == "10:00"
    slots = [*SLOTS[3:5], ("depart_time.time", "8am", 0.9), ("arrive_time.time", "2pm", 0.5)]
    frame = frame_of(answer("boston to denver 8am 2pm", slots))
    assert frame is not None and frame["arrive"]["earliest"] == "14:00"
    # "is there" or "are there" asks; it says nothing of arriving ("be there by 5" does).
    slots = [*SLOTS[3:5], ("arrive_date.day_name", "thursday", 0.7)]
    frame = frame_of(answer("are there nonstops from boston to denver on thursday", slots))
    assert frame is not None and frame["arrive"] is None and frame["depart"]["date"] == "2026-12-03"
    frame = frame_of(answer("boston to denver, i need to be there thursday", slots))
    assert frame is not None and frame["depart"] is None and frame["arrive"]["date"] == "2026-12-03"


def test_a_second_origin_after_for_or_to_is_the_destination():
    slots = [("fromloc.city_name", "denver", 0.99), ("depart_date.day_number", "22nd", 0.99),
             ("fromloc.city_name", "boston", 0.56)]  # fmt: skip
    frame = frame_of(answer("leaving denver on the 22nd for boston", slots))
    assert frame is not None and frame["origin"]["airports"] == ["DEN"] and frame["destination"]["airports"] == ["BOS"]
    frame = frame_of(answer("leaving denver on the 22nd or boston", slots))  # no word of going to it: as tagged
    assert frame is not None and frame["destination"] is None


def test_a_meal_after_a_relation_is_a_time_of_day():
    slots = [*SLOTS[3:5], ("depart_date.day_name", "friday", 0.9), ("depart_time.time_relative", "after", 0.7),
             ("meal_description", "lunch", 0.9)]  # fmt: skip
    frame = frame_of(answer("boston to denver friday after lunch", slots))
    assert frame is not None and depart_window(frame) == ("2026-12-04", "14:00", None)
    # "before" left untagged, "dinner" tagged a meal: before dinner begins.
    frame = frame_of(answer("boston to denver before dinner", [*SLOTS[3:5], ("meal_description", "dinner", 0.9)]))
    assert frame is not None and depart_window(frame) == (None, None, "17:00")
    # A meal served is no time.
    frame = frame_of(answer("boston to denver that serve lunch", [*SLOTS[3:5], ("meal_description", "lunch", 0.9)]))
    assert frame is not None and frame["depart"] is None


def test_two_return_dates_and_no_departure_date_are_the_departure_and_the_return():
    slots = [("fromloc.state_code", "la", 0.6), ("toloc.city_name", "chicago", 1.0),
             ("return_date.day_number", "15th", 0.76), ("return_date.day_number", "18th", 0.93)]  # fmt: skip
    frame = frame_of(answer("la to chicago and back on the 15th and 18th", slots))
    assert frame is not None and (frame["depart"]["date"], frame["return"]["date"]) == ("2026-12-15", "2026-12-18")
    # Choices are no departure: "friday or saturday".
    slots = [*SLOTS[3:5], ("return_date.day_name", "friday", 0.7), ("return_date.day_name", "saturday", 0.7)]
    frame = frame_of(answer("boston to denver returning friday or saturday", slots))
    assert frame is not None and frame["depart"] is None and frame["return"]["date"] == "2026-12-04"


def test_an_airline_the_request_rules_out_is_not_the_frames():
    for text in ("not on spirit, boston to denver", "anything but spirit from boston to denver"):
        frame = frame_of(answer(text, [("airline_name", "spirit", 0.9), *SLOTS[3:5]]))
        assert frame is not None and frame["airline"] is None, text
    frame = frame_of(answer("on spirit from boston to denver", [("airline_name", "spirit", 0.9), *SLOTS[3:5]]))
    assert frame is not None and frame["airline"]["code"] == "NK"


def test_stops_ruled_out_in_words_make_it_nonstop():
    frame = frame_of(
        answer("boston to denver no layovers", [*SLOTS[3:5], ("depart_time.period_of_day", "layovers", 0.2)])
    )
    assert frame is not None and frame["nonstop"] is True and frame["depart"] is None
    frame = frame_of(answer("boston to denver with one stop", [*SLOTS[3:5]]))
    assert frame is not None and frame["nonstop"] is None


def test_the_first_of_a_time_is_no_cabin():
    slots = [*SLOTS[3:5], ("class_type", "first", 0.47), ("depart_date.month_name", "january", 0.97)]
    frame = frame_of(answer("boston to denver first week of january", slots))
    assert frame is not None and frame["cabin"] is None
    frame = frame_of(answer("boston to denver first class", [*SLOTS[3:5], ("class_type", "first", 0.9)]))
    assert frame is not None and frame["cabin"] == "first"


def test_a_place_slot_that_names_the_kind_of_trip_is_that():
    text = "One-way Seattle to Anchorage friday"
    slots = [("fromloc.city_name", "One-way", 0.6), ("fromloc.city_name", "Seattle", 0.9),
             ("toloc.city_name", "Anchorage", 0.9), ("depart_date.day_name", "friday", 0.9)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["round_trip"] is False and frame["origin"]["text"] == "Seattle"


def test_words_the_tagger_put_in_the_wrong_slot_as_typed():
    sea = [("depart_time.time_relative", "TMRW", 0.4), ("depart_time.time", "B4 NOON", 0.5)]
    back = [("depart_date.day_name", "fri", 0.9), ("depart_date.day_name", "sun", 0.6)]
    cases = [  # (text, slots, field, expected)
        ("b4 noon dfw to iah", [("depart_time.time", "b4 noon", 0.5)], "depart", (None, None, "12:00")),
        ("SEA TO SAN TMRW B4 NOON", sea, "depart", ("2026-11-30", None, "12:00")),
        ("boston to denver fri returnin sun", back, "return", ("2026-12-06", None, None)),
        (
            "Good morning, boston to denver on friday",  # a greeting's period is no time
            [("depart_time.period_of_day", "morning", 0.5), ("depart_date.day_name", "friday", 0.9)],
            "depart",
            ("2026-12-04", None, None),
        ),
        (
            "boston to denver tonite",
            [("depart_date.today_relative", "tonite", 0.9)],
            "depart",
            ("2026-11-29", "18:00", "22:00"),
        ),
        (
            "ord to den friday 6pm",
            [("depart_date.day_name", "friday", 0.9), ("depart_date.day_number", "6pm", 0.5)],
            "depart",
            ("2026-12-04", "18:00", "18:00"),
        ),  # a clock time tagged a day number
        (
            "atlanta to miami thursday between 10am and 2pm",
            [
                ("toloc.city_name", "miami", 0.9),
                ("depart_date.day_name", "thursday", 0.9),
                ("depart_time.start_time", "10am", 0.8),
                ("toloc.airport_code", "2pm", 0.4),
            ],
            "depart",
            ("2026-12-03", "10:00", "14:00"),
        ),  # the range's end tagged an airport: no second destination
        (
            "boston to denver fri nite",
            [("depart_date.day_name", "fri", 0.9), ("depart_time.period_of_day", "nite", 0.6)],
            "depart",
            ("2026-12-04", "20:00", "23:59"),
        ),
    ]
    for text, slots, field, (day, earliest, latest) in cases:
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame[field] is not None, text
        assert (frame[field]["date"], frame[field]["earliest"], frame[field]["latest"]) == (day, earliest, latest), text
        assert frame["destination"] is None or frame["destination"]["text"] == "miami", text
    # A chat word, a letter or a cabin tagged an airline is none; a real airline is kept.
    premium = [("airline_name", "premium", 0.4), ("economy", "economy", 0.9)]
    for text, slots in (
        ("plz boston to denver", [("airline_code", "plz", 0.4)]),
        ("can u get me to denver", [("airline_code", "u", 0.4)]),
        ("premium economy to denver", premium),
    ):
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["airline"] is None, text
    frame = frame_of(answer("premium economy to denver", premium))
    assert frame is not None and frame["cabin"] == "premium_economy"
    frame = frame_of(answer("on us 123 to denver", [("airline_code", "us", 0.9)]))
    assert frame is not None and frame["airline"]["code"] == "US"
    # Who travels in one slot tagged a return's date is no date: the return is as sure as its own words.
    slots = [*SLOTS[3:5], ("depart_date.day_number", "12/20", 0.97), ("return_date.day_number", "1/3", 0.56),
             ("return_date.date_relative", "2 adults", 0.1)]  # fmt: skip
    frame = frame_of(answer("boston->denver on 12/20, back 1/3. 2 adults", slots))
    assert frame is not None and frame["return"]["date"] == "2027-01-03" and frame["return"]["confidence"] == 0.56
    # The number of "family of 4" tagged a day counts people: no departure on the 4th, no return on the 20th.
    slots = [("depart_date.day_number", "4", 0.65), *SLOTS[3:5], ("depart_date.month_name", "march", 0.43),
             ("depart_date.day_number", "20", 0.61)]  # fmt: skip
    frame = frame_of(answer("family of 4 flying boston to denver march 20", slots))
    assert frame is not None and frame["depart"]["date"] == "2027-03-20" and frame["return"] is None
    # "weeks" of "in two weeks" tagged a stop is the date two weeks on, and no stop.
    weeks = [("fromloc.city_name", "philly", 0.9), ("toloc.city_name", "miami", 0.9),
             ("stoploc.city_name", "weeks", 0.2)]  # fmt: skip
    frame = frame_of(answer("philly to miami in two weeks", weeks))
    assert frame is not None and frame["stops"] == [] and frame["depart"]["date"] == "2026-12-13"
    # ... and so is "weeks" tagged a day's name, which it names none of.
    weeks = [("fromloc.city_name", "philly", 0.9), ("toloc.city_name", "miami", 0.9),
             ("depart_date.day_name", "weeks", 0.14)]  # fmt: skip
    frame = frame_of(answer("philly to miami in 3 weeks", weeks))
    assert frame is not None and frame["depart"]["date"] == "2026-12-20"
    # A return date with no departure date and no word of coming back is the departure's; with one, the return's.
    nothing_back = [("depart_date.date_relative", "next", 0.6), ("return_date.day_name", "thursday", 0.5)]
    frame = frame_of(answer("newark to lisbon next thursday", nothing_back))
    assert frame is not None and frame["return"] is None and frame["round_trip"] is None
    assert frame["depart"]["date"] == "2026-12-03"
    frame = frame_of(answer("newark to lisbon, back thursday", [("return_date.day_name", "thursday", 0.9)]))
    assert frame is not None and frame["return"]["date"] == "2026-12-03" and frame["depart"] is None
    # "this coming thursday" is no coming back; "out monday coming thursday" is.
    frame = frame_of(answer("newark to lisbon this coming thursday", [("return_date.day_name", "thursday", 0.9)]))
    assert frame is not None and frame["depart"]["date"] == "2026-12-03" and frame["return"] is None
    coming = [("depart_date.day_name", "monday", 0.9), ("return_date.day_name", "thursday", 0.9)]
    frame = frame_of(answer("newark to lisbon out monday coming thursday", coming))
    assert frame is not None and frame["return"]["date"] == "2026-12-03"
    # A round-trip slot says one only in its words ("window seat" tagged so says nothing); a count is no time.
    for words, expected in (("window seat", None), ("round trip", True), ("one way", False)):
        frame = frame_of(answer(f"{words} to denver", [("round_trip", words, 0.5)]))
        assert frame is not None and frame["round_trip"] is expected, words
    frame = frame_of(answer("denver on the 2nd for 2 adults", [("depart_date.day_number", "2nd", 0.9),
                                                             ("depart_time.end_time", "2", 0.4)]))  # fmt: skip
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == (None, None)
    # How long the trip lasts dates the return; its number is no date of either leg; people counted say nothing.
    for text, slots, (depart, back) in (
        ("miami dec 22 for a week", [("depart_date.month_name", "dec", 0.9), ("depart_date.day_number", "22", 0.9)],
         ("2026-12-22", "2026-12-29")),
        ("paris march 3 for 10 days", [("depart_date.month_name", "march", 0.9), ("depart_date.day_number", "3", 0.9),
                                       ("return_date.day_number", "10", 0.5)], ("2027-03-03", "2027-03-13")),
        ("vegas friday for 2 nights", [("depart_date.day_name", "friday", 0.9), ("depart_date.day_number", "2", 0.4)],
         ("2026-12-04", "2026-12-06")),
        ("vegas friday for 2 adults", [("depart_date.day_name", "friday", 0.9)], ("2026-12-04", None)),
    ):  # fmt: skip
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["depart"]["date"] == depart, text
        assert (frame["return"] or {}).get("date") == back and frame["round_trip"] is (True if back else None), text
    # A season's word before "break" is no airline; the same airline named as one is kept.
    frame = frame_of(answer("boston to cancun for spring break", [("airline_name", "spring", 0.6)]))
    assert frame is not None and frame["airline"] is None
    frame = frame_of(answer("boston to cancun on spring airlines", [("airline_name", "spring airlines", 0.9)]))
    assert frame is not None and frame["airline"]["code"] == "9S"
    # A chat word tagged a place that names none is no place; a place is kept.
    gotta = [("fromloc.city_name", "gotta", 0.4), ("toloc.city_name", "denver", 0.9)]
    frame = frame_of(answer("gotta fly to denver", gotta))
    assert frame is not None and frame["origin"] is None and frame["destination"]["text"] == "denver"
    # So is an everyday word; an unknown name is kept, its place null.
    late = [("toloc.city_name", "denver", 0.9), ("stoploc.city_name", "late", 0.3)]
    frame = frame_of(answer("to denver in late january", late))
    assert frame is not None and frame["stops"] == []
    unknown = [("toloc.city_name", "qwzxville", 0.6)]
    frame = frame_of(answer("to qwzxville", unknown))
    assert frame is not None and frame["destination"]["text"] == "qwzxville" and frame["destination"]["place"] is None
    places = [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "denver", 0.9)]
    frame = frame_of(answer("boston to denver", places))
    assert frame is not None and frame["origin"]["text"] == "boston"


def test_dates_the_tagger_mislabelled_are_read_as_dates():
    cases = [
        ("lax dec 19 - dec 26", [("toloc.city_name", "dec", 0.5), ("depart_date.day_number", "19", 0.9),
                                 ("depart_date.month_name", "dec", 0.9), ("fare_amount", "26", 0.5)],
         ("2026-12-19", "2026-12-26")),
        ("dec 22-29 seattle", [("depart_date.month_name", "dec", 0.9), ("depart_date.day_number", "22", 0.9),
                               ("flight_number", "29", 0.5)], ("2026-12-22", "2026-12-29")),
        ("1/2-1/9 lax", [("depart_date.day_number", "1/2", 0.9), ("fromloc.city_name", "1/9", 0.5)],
         ("2027-01-02", "2027-01-09")),
        ("bos to sfo dec 12", [("depart_time.time_relative", "dec", 0.5), ("depart_time.time", "12", 0.5)],
         ("2026-12-12", None)),
        ("2 march 2028 lisbon", [("depart_date.day_number", "2", 0.9), ("depart_date.month_name", "march", 0.9),
                                 ("depart_date.day_number", "2028", 0.6)], ("2028-03-02", None)),  # a year: no range
        ("2 seats lax dec 20", [("depart_date.day_number", "2", 0.5), ("depart_date.month_name", "dec", 0.9),
                                ("depart_date.day_number", "20", 0.9)], ("2026-12-20", None)),  # a count: no day
        ("to paris jan 30", [("toloc.city_name", "paris jan", 0.6), ("depart_date.day_number", "30", 0.9)],
         ("2027-01-30", None)),  # a month word ending a city slot
        ("dec 10 to dec 20", [("depart_date.month_name", "dec", 0.9), ("depart_date.day_number", "10", 0.9),
                              ("cost_relative", "to dec", 0.5), ("fare_amount", "20", 0.5)],
         ("2026-12-10", "2026-12-20")),
        ("boston to cancun march 10-14", [("depart_date.month_name", "march", 0.5),
                                          ("depart_time.time", "10-14", 0.4)], ("2027-03-10", "2027-03-14")),
        ("two adults sydney to auckland 3 jan", [("depart_date.date_relative", "two", 0.4),
                                                 ("depart_date.day_name", "adults", 0.3),
                                                 ("depart_date.day_number", "3", 0.9), ("cost_relative", "jan", 0.4)],
         ("2027-01-03", None)),  # a count and what it counts: no date; a month after a day: its month
        ("the 3rd of jan auckland", [("depart_date.day_number", "3rd", 0.9), ("depart_date.day_name", "jan", 0.4)],
         ("2027-01-03", None)),
        ("lhr to jfk 12 dec", [("depart_time.time", "12", 0.5), ("fare_amount", "dec", 0.4)], ("2026-12-12", None)),
        ("lhr to jfk 12 dec", [("depart_time.time", "12 dec", 0.5)], ("2026-12-12", None)),  # one slot: the date
        ("out 14 dec back 16 dec", [("depart_date.day_number", "14", 0.9), ("depart_time.time", "dec", 0.4),
                                    ("fare_amount", "16", 0.4), ("return_date.date_relative", "dec", 0.4)],
         ("2026-12-14", "2026-12-16")),  # a day tagged a price before a month: the month's leg's day
        ("boston to seoul 5 feb, return 12 feb", [("toloc.city_name", "seoul 5", 0.5),
                                                  ("depart_date.day_name", "feb", 0.4),
                                                  ("return_date.date_relative", "12 feb", 0.4)],
         ("2027-02-05", "2027-02-12")),  # a day number ending a city slot before a month
        ("malaga 12-19 april", [("depart_time.start_time", "12", 0.5), ("depart_date.day_number", "19", 0.9),
                                ("depart_date.month_name", "april", 0.9)], ("2027-04-12", "2027-04-19")),
        ("nice 22nd - 26th may", [("depart_date.month_name", "22nd", 0.4), ("depart_date.day_number", "26th", 0.9),
                                  ("depart_date.month_name", "may", 0.9)], ("2027-05-22", "2027-05-26")),
        ("sydney to los angeles dec 10 to dec 20", [("depart_time.time_relative", "dec", 0.4),
                                                   ("cost_relative", "10 to dec", 0.5), ("fare_amount", "20", 0.9)],
         ("2026-12-10", "2026-12-20")),  # a month and day to a month and day, "10 to dec" tagged a price relation
        (
            "boston to denver jan 8 to jan 15",
            [("arrive_time.time_relative", "jan", 0.4), ("depart_date.day_number", "8", 0.6),
             ("depart_date.month_name", "jan", 0.5), ("depart_date.day_number", "15", 0.5)],
            ("2027-01-08", "2027-01-15"),
        ),  # "jan" tagged an arrival's time relation: was an arrival on Jan 8, a departure on Jan 15
        ("dfw to ord 2nd dec", [("fromloc.airport_code", "dfw", 0.5), ("toloc.city_name", "ord 2nd dec", 0.04)],
         ("2026-12-02", None)),  # a day and its month ending a place slot
        ("dxb to jfk 6/12 at 8:30 am", [("fromloc.airport_code", "dxb", 0.9), ("toloc.city_name", "jfk 6/12", 0.5)],
         ("2027-06-12", None)),  # a slashed date ending a place slot
    ]  # fmt: skip
    for text, slots, (depart, back) in cases:
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["depart"] is not None, text
        assert (frame["depart"]["date"], frame["depart"]["earliest"]) == (depart, None), text
        assert (frame["return"] or {}).get("date") == back, text
    frame = frame_of(
        answer(
            "dec 22 flight 29",
            [
                ("depart_date.month_name", "dec", 0.9),
                ("depart_date.day_number", "22", 0.9),
                ("flight_number", "29", 0.9),
            ],
        )
    )
    assert frame is not None and frame["return"] is None  # no range joiner: a flight number stays one
    flight = [("flight_number", "16", 0.9), ("depart_date.month_name", "dec", 0.9),
              ("depart_date.day_number", "20", 0.9)]  # fmt: skip
    frame = frame_of(answer("flight 16 dec 20", flight))
    assert frame is not None and frame["depart"]["date"] == "2026-12-20"  # a day after the month: 16 is no day
    frame = frame_of(answer("boston to denver 12/5 pm", [("fromloc.city_name", "boston", 0.9),
                                                          ("toloc.city_name", "denver", 0.9),
                                                          ("depart_time.time", "12/5 pm", 0.6)]))  # fmt: skip
    assert frame is not None and (frame["depart"]["date"], frame["depart"]["earliest"]) == ("2026-12-05", "12:00")
    frame = frame_of(answer("2 tickets to denver", [("depart_date.day_number", "2", 0.5),
                                                    ("toloc.city_name", "denver", 0.9)]))  # fmt: skip
    assert frame is not None and frame["depart"] is None
    frame = frame_of(
        answer("dxb to jfk 6/12", [("fromloc.airport_code", "dxb", 0.9), ("toloc.city_name", "jfk 6/12", 0.5)])
    )
    assert frame is not None and frame["destination"]["text"] == "jfk"  # the place without its date


def test_a_red_eye_cut_in_two_is_still_a_departure_window():
    frame = frame_of(answer("red-eye from boston friday", [("flight_mod", "red", 0.7), ("fromloc.city_name", "boston",
                     0.9), ("depart_date.day_name", "friday", 0.9)]))  # fmt: skip
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("21:00", "05:00")


def test_a_red_eye_left_untagged_or_tagged_a_day_is_a_departure_window_unless_ruled_out():
    route = [("fromloc.city_name", "boston", 0.9), ("depart_date.day_name", "friday", 0.8)]
    for text, slots in [("red-eye from boston friday", route),
                        ("from boston friday red eye", [*route, ("depart_date.day_name", "red", 0.2)])]:  # fmt: skip
        frame = frame_of(answer(text, slots))
        assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("21:00", "05:00")
    untagged = frame_of(answer("red-eye from boston friday", route))
    assert untagged is not None and untagged["depart"]["confidence"] == 0.8  # the red-eye adds no confidence
    for text in ("no red-eyes from boston friday", "from boston friday at 9 am, a red-eye"):
        slots = route if "9 am" not in text else [*route, ("depart_time.time", "9 am", 0.9)]
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["depart"]["latest"] != "05:00", text


def test_of_a_roles_places_the_first_that_resolved_is_the_frames():
    slots = [("fromloc.city_name", "adult", 0.5), ("fromloc.city_name", "boston", 0.9),
             ("toloc.city_name", "denver", 0.9)]  # fmt: skip
    frame = frame_of(answer("1 adult boston to denver", slots))
    assert frame is not None and frame["origin"]["text"] == "boston" and frame["origin"]["airports"] == ["BOS"]
    slots = [("fromloc.city_name", "smallville", 0.9), ("toloc.city_name", "denver", 0.9)]
    frame = frame_of(answer("smallville to denver", slots))  # none resolved: the first, its text kept
    assert frame is not None and frame["origin"]["text"] == "smallville" and frame["origin"]["place"] is None


def test_a_place_that_names_an_airline_before_another_place_is_the_airline():
    # "KLM" tagged a second origin: a name of an airline, right before the origin.
    klm = [("fromloc.city_name", "klm", 0.4), ("fromloc.city_name", "boston", 0.5), ("toloc.city_name", "denver", 0.9)]
    frame = frame_of(answer("klm boston to denver", klm))
    assert frame is not None
    assert frame["airline"] == {"text": "klm", "name": "KLM Royal Dutch Airlines", "code": "KL", "confidence": 0.4}
    assert frame["origin"]["airports"] == ["BOS"]
    # Two letters before a place are an airline's code only when they name no place ("ny jfk" is New York's,
    # "ua boston" United's); an airline slot keeps its say.
    frame = frame_of(answer("ua boston to denver", [("fromloc.city_name", "ua", 0.4), *klm[1:]]))
    assert frame is not None and frame["airline"]["code"] == "UA" and frame["origin"]["airports"] == ["BOS"]
    frame = frame_of(answer("ny boston to denver", [("fromloc.city_name", "ny", 0.4), *klm[1:]]))
    assert frame is not None and frame["airline"] is None and frame["origin"]["text"] == "ny"
    frame = frame_of(answer("on delta klm boston to denver", [("airline_name", "delta", 0.9), *klm]))
    assert frame is not None and frame["airline"]["code"] == "DL"
    assert frame["origin"]["text"] == "boston"  # "klm", left an origin, names no place: the first that does


def test_place_slots_side_by_side_that_name_one_place_are_that_place():
    hong_kong = [("fromloc.country_name", "hong", 0.5), ("fromloc.city_name", "kong", 0.4)]
    given = answer("hong kong to denver", [*hong_kong, ("toloc.city_name", "denver", 0.9)])
    frame = frame_of(given)
    assert frame is not None
    assert frame["origin"]["text"] == "hong kong" and frame["origin"]["airports"] == ["HKG"]
    assert frame["origin"]["confidence"] == 0.5 * 0.4
    assert [s["place"]["airports"] for s in given["slots"][:2]] == [["HKG"], ["HKG"]]
    # With a comma between they are two; side by side but no place together, two as well.
    frame = frame_of(answer("hong, kong to denver", hong_kong))
    assert frame is not None and frame["origin"]["text"] == "hong"
    boston_denver = [("fromloc.city_name", "boston", 0.9), ("fromloc.city_name", "denver", 0.9)]
    frame = frame_of(answer("boston denver to chicago", boston_denver))
    assert frame is not None and frame["origin"]["airports"] == ["BOS"]


def test_two_origins_joined_by_a_dash_are_a_route_and_the_surest_airline_is_the_frames():
    route = [("fromloc.airport_code", "boston", 0.6), ("fromloc.airport_code", "denver", 0.3)]
    frame = frame_of(answer("boston-denver", route))
    assert frame is not None
    assert (frame["origin"]["airports"], frame["destination"]["airports"]) == (["BOS"], ["DEN"])
    frame = frame_of(answer("boston and denver", route))  # no dash: two origins, no destination
    assert frame is not None and frame["destination"] is None and frame["origin"]["airports"] == ["BOS"]
    airlines = [("airline_code", "ok", 0.9), ("airline_name", "american", 1.0)]
    frame = frame_of(answer("ok so boston to denver, american", airlines))
    assert frame is not None and frame["airline"]["code"] == "AA"


def test_dates_tagged_as_places_and_a_departure_after_a_return_word():
    # "tonight" tagged an airport and "frday" a city: dates, and no places.
    boston, tonight = ("fromloc.city_name", "boston", 0.9), ("fromloc.airport_name", "tonight", 0.5)
    denver = ("toloc.city_name", "denver", 0.9)
    frame = frame_of(answer("boston tonight to denver", [boston, tonight, denver]))
    assert frame is not None and frame["origin"]["airports"] == ["BOS"]
    assert (frame["depart"]["date"], frame["depart"]["earliest"]) == ("2026-11-29", "18:00")
    frame = frame_of(answer("tonight boston to denver", [tonight, boston, denver]))
    assert frame is not None and frame["origin"]["airports"] == ["BOS"]
    frame = frame_of(answer("boston to denver frday", [denver, ("toloc.city_name", "frday", 0.6)]))
    assert frame is not None and frame["destination"]["airports"] == ["DEN"] and frame["depart"]["date"] == "2026-12-04"
    # "back the 17th": the 17th tagged a second departure day.
    days = [("depart_date.day_number", "3rd", 0.9), ("depart_date.day_number", "17th", 0.6)]
    frame = frame_of(answer("boston to denver leaving the 3rd, back the 17th", days))
    assert frame is not None and frame["depart"]["date"] == "2026-12-03" and frame["return"]["date"] == "2026-12-17"
    assert frame["round_trip"] is True
    # "return the following sunday": "following" tagged the return's, "sunday" a departure's; "on the day following
    # next wednesday" has no return word before it, and stays one departure date.
    following = [("return_date.date_relative", "following", 0.6), ("depart_date.day_name", "sunday", 0.8)]
    frame = frame_of(answer("boston to denver and return the following sunday", following))
    assert frame is not None and frame["depart"] is None and frame["return"]["date"] == "2026-12-06"
    day_after = [("return_date.date_relative", "day following", 0.4), ("depart_date.date_relative", "next", 0.8),
                 ("depart_date.day_name", "wednesday", 0.9)]  # fmt: skip
    frame = frame_of(answer("boston to denver on the day following next wednesday", day_after))
    assert frame is not None and frame["return"] is None and frame["depart"]["date"] is not None


def test_a_day_name_that_is_none_but_an_airline_is_the_airline():
    denver = ("toloc.city_name", "denver", 0.9)
    frame = frame_of(answer("fly to denver on klm", [denver, ("depart_date.day_name", "klm", 0.4)]))
    assert frame is not None and frame["airline"]["code"] == "KL" and frame["depart"] is None
    frame = frame_of(answer("fly to denver on fri", [denver, ("depart_date.day_name", "fri", 0.9)]))
    assert frame is not None and frame["airline"] is None and frame["depart"]["date"] == "2026-12-04"
    # An everyday word that is also an airline's name (Sharp Airlines) only after a word that says an airline comes.
    at_8 = [denver, ("depart_date.day_name", "friday", 0.9), ("depart_time.time", "8 am", 0.9)]
    frame = frame_of(answer("fly to denver friday at 8 am sharp", [*at_8, ("depart_date.day_name", "sharp", 0.4)]))
    assert frame is not None and frame["airline"] is None and frame["depart"]["date"] == "2026-12-04"
    frame = frame_of(answer("fly to denver on delta", [denver, ("depart_date.day_name", "delta", 0.4)]))
    assert frame is not None and frame["airline"]["code"] == "DL"
    # An everyday word tagged an airline is none unless it names one ("cancel"; "delta" does)
    frame = frame_of(answer("cancel my flight to denver", [("airline_name", "cancel", 0.3), denver]))
    assert frame is not None and frame["airline"] is None and frame["destination"]["airports"] == ["DEN"]
    frame = frame_of(answer("delta to denver", [("airline_name", "delta", 0.3), denver]))
    assert frame is not None and frame["airline"]["code"] == "DL"
    # An airline's code in capitals tagged ATIS's "or"
    capitals = [("toloc.city_name", "DENVER", 0.9), ("depart_date.day_name", "FRIDAY", 0.9), ("or", "BA", 0.4),
                ("class_type", "BUSINESS", 0.9)]  # fmt: skip
    frame = frame_of(answer("DENVER FRIDAY BA BUSINESS", capitals))
    assert frame is not None and frame["airline"]["code"] == "BA" and frame["cabin"] == "business"


def test_a_holiday_is_a_date_of_its_leg_whatever_the_tagger_made_of_it() -> None:
    # ATIS has no holiday: "christmas" comes out a day name and "day" a return's relative date.
    text = "flights from boston to denver on christmas day"
    slots = [("fromloc.city_name", "boston", 1.0), ("toloc.city_name", "denver", 1.0),
             ("depart_date.day_name", "christmas", 0.78), ("return_date.date_relative", "day", 0.38)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["return"] is None and frame["round_trip"] is None
    assert frame["depart"]["date"] == "2026-12-25" and frame["depart"]["text"] == "christmas day"
    assert abs(frame["depart"]["confidence"] - 0.78 * 0.38) < 1e-9
    # "new" tagged a city inside the holiday is no origin; after "returning" the holiday is the return.
    text = "leaving boston december 20 returning new years day"
    slots = [("fromloc.city_name", "boston", 1.0), ("depart_date.month_name", "december", 0.98),
             ("depart_date.day_number", "20", 0.94), ("fromloc.city_name", "new", 0.39),
             ("return_date.date_relative", "years day", 0.72)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["origin"]["text"] == "boston"
    assert (frame["depart"]["date"], frame["return"]["date"]) == ("2026-12-20", "2027-01-01")
    # Words ATIS never shows, each tagged a day name that names no day: one holiday, no return.
    text = "chicago to new orleans for mardi gras"
    slots = [("fromloc.city_name", "chicago", 1.0), ("toloc.city_name", "new orleans", 0.97),
             ("depart_date.day_name", "mardi", 0.44), ("depart_date.day_name", "gras", 0.11)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["return"] is None and frame["round_trip"] is None
    assert frame["depart"]["date"] == "2027-02-09" and frame["depart"]["text"] == "mardi gras"
    # "weekend" after a holiday is that holiday's, whatever its tag: no return on the Saturday after.
    text = "chicago to new york on memorial day weekend"
    slots = [("fromloc.city_name", "chicago", 1.0), ("toloc.city_name", "new york", 1.0),
             ("depart_date.day_name", "memorial", 0.74), ("return_date.day_name", "weekend", 0.3)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["return"] is None and frame["depart"]["date"] == "2027-05-31"


def test_relative_words_side_by_side_are_one_date_not_a_range() -> None:
    # "weeks" of "two weeks from today" tagged a day name: one date, no return on it.
    text = "boston to denver two weeks from today"
    slots = [*SLOTS[3:5], ("depart_date.date_relative", "two", 0.72), ("depart_date.day_name", "weeks", 0.5),
             ("depart_date.today_relative", "today", 0.92)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["return"] is None and frame["depart"]["date"] == "2026-12-13"


def test_a_holiday_inside_a_place_or_untagged_is_no_date() -> None:
    text = "flights from perth to christmas island for christmas"
    slots = [("fromloc.city_name", "perth", 1.0), ("toloc.city_name", "christmas island", 0.9)]
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["depart"] is None  # the second "christmas" was tagged nothing
    assert frame["destination"]["text"] == "christmas island"


def test_a_red_eye_tagged_a_round_trip_or_an_airline_is_the_departure_window() -> None:
    for kind in ("round_trip", "airline_code"):
        text = "i need a red eye from seattle to newark on friday"
        slots = [(kind, "red", 0.28), ("fromloc.city_name", "seattle", 1.0), ("toloc.city_name", "newark", 1.0),
                 ("depart_date.day_name", "friday", 0.99)]  # fmt: skip
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["round_trip"] is None and frame["airline"] is None, kind
        assert depart_window(frame) == ("2026-12-04", "21:00", "05:00")
    slots = [("round_trip", "round trip", 0.99), ("fromloc.city_name", "boston", 1.0)]
    assert frame_of(answer("round trip from boston", slots))["round_trip"] is True  # type: ignore[index]


def test_a_request_that_writes_one_date_day_first_writes_them_all_so():
    text = "london to new york 22/12 back 5/1"
    slots = [("fromloc.city_name", "london", 0.9), ("toloc.city_name", "new york", 0.9),
             ("depart_date.day_number", "22/12", 0.9), ("return_date.day_number", "5/1", 0.8)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and (frame["depart"]["date"], frame["return"]["date"]) == ("2026-12-22", "2027-01-05")


def test_a_clock_time_that_ends_a_place_slot_is_the_legs_time():
    text = "ABQ to DEN 7am Thu"
    slots = [("fromloc.airport_code", "ABQ", 0.9), ("toloc.airport_code", "DEN 7am", 0.6),
             ("depart_date.day_name", "Thu", 0.9)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["destination"]["text"] == "DEN"
    assert depart_window(frame) == ("2026-12-03", "07:00", "07:00")


def test_two_slashed_dates_joined_as_a_range_are_the_departure_and_the_return_whatever_their_tags():
    text = "la to seattle 12/18-12/21"
    slots = [("fromloc.city_name", "la", 0.5), ("toloc.city_name", "seattle", 1.0),
             ("depart_date.month_name", "12/18", 0.39), ("depart_date.day_number", "12/21", 0.68)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and (frame["depart"]["date"], frame["return"]["date"]) == ("2026-12-18", "2026-12-21")


def route(frame: dict[str, Any] | None) -> tuple[str, list[str], str]:
    """A frame's origin, stops and destination, by their texts."""
    assert frame is not None
    return frame["origin"]["text"], [stop["text"] for stop in frame["stops"]], frame["destination"]["text"]


def test_three_places_joined_as_a_route_are_origin_stop_and_destination_whatever_their_tags():
    slots = [("fromloc.airport_code", "SFO", 0.63), ("fromloc.airport_code", "ORD", 0.41),
             ("toloc.airport_code", "LGA", 0.48)]  # fmt: skip
    assert route(frame_of(answer("SFO-ORD-LGA dec 12", slots))) == ("SFO", ["ORD"], "LGA")
    slots = [("toloc.city_name", "bos", 0.37), ("toloc.airport_code", "ord", 0.64), ("toloc.airport_code", "sea", 0.73)]
    assert route(frame_of(answer("bos > ord > sea tomorrow", slots))) == ("bos", ["ord"], "sea")
    # A route that ends where it began goes there and back.
    slots = [("fromloc.airport_code", "MSP", 0.66), ("toloc.city_name", "DEN", 0.26),
             ("toloc.airport_code", "MSP", 0.65)]  # fmt: skip
    assert route(frame_of(answer("MSP-DEN-MSP feb 3-7", slots))) == ("MSP", [], "DEN")
    # Not a route when one of the places stands apart: "to" is no joiner here (a destination and its airport).
    slots = [
        ("fromloc.city_name", "boston", 0.9),
        ("toloc.city_name", "dallas", 0.9),
        ("toloc.city_name", "fort worth", 0.6),
    ]
    frame = frame_of(answer("boston to dallas-fort worth", slots))
    assert frame is not None and frame["stops"] == [] and frame["origin"]["text"] == "boston"


def test_texting_shorthand_as_typed():
    # Two destinations joined as a route, no origin: the first is the origin.
    route = [("toloc.city_name", "boston", 0.3), ("toloc.city_name", "denver", 0.3)]
    frame = frame_of(answer("boston>denver 12/20", route))
    assert frame is not None and frame["origin"]["text"] == "boston" and frame["destination"]["text"] == "denver"
    # A chat word is no airline, even one that is some airline's code ("yo").
    frame = frame_of(answer("yo boston to denver", [("airline_code", "yo", 0.5), *SLOTS[3:5]]))
    assert frame is not None and frame["airline"] is None
    # A day name and its "pm" in one slot tagged a clock time: the day, in the afternoon or evening.
    frame = frame_of(answer("boston to denver sat pm", [*SLOTS[3:5], ("depart_time.time", "sat pm", 0.06)]))
    assert frame is not None
    assert depart_window(frame) == ("2026-12-05", "12:00", "23:59")


def test_a_day_tagged_otherwise_before_its_month_and_a_month_slot_that_is_no_month():
    # "20" tagged a price before "December": the day; "JFK" tagged a month starts no range of dates.
    text = "london to new york JFK, 20 December"
    slots = [("fromloc.city_name", "london", 0.4), ("toloc.city_name", "new york", 0.99),
             ("depart_date.month_name", "JFK", 0.32), ("fare_amount", "20", 0.58),
             ("depart_date.month_name", "December", 0.96)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["depart"]["date"] == "2026-12-20"
    assert frame["return"] is None and frame["round_trip"] is None


def test_a_range_of_days_tagged_an_arrival_in_a_text_of_no_arriving_is_the_trip():
    # "Feb 1–4" of a round trip, tagged an arrival's time relation and times: away on the 1st, back on the 4th.
    text = "round-trip denver–las vegas, feb 1–4"
    slots = [("round_trip", "round-trip", 0.73), ("fromloc.city_name", "denver", 0.9),
             ("toloc.city_name", "las vegas", 0.97), ("arrive_time.time_relative", "feb", 0.43),
             ("arrive_time.time", "1", 0.46), ("arrive_time.end_time", "4", 0.47)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and frame["arrive"] is None
    assert (frame["depart"]["date"], frame["return"]["date"]) == ("2027-02-01", "2027-02-04")
    # With a word of arriving it stays the arrival's.
    frame = frame_of(answer(text.replace("feb", "arriving feb"), slots))
    assert frame is not None and frame["arrive"]["date"] == "2027-02-01"


def test_a_clock_time_cut_at_its_dot_is_one_time():
    # "7.30 am" tokenised "7" "30" "am" and tagged two times: 07:30, not 07:00.
    slots = [*SLOTS[3:5], ("depart_time.time", "7", 0.44), ("depart_time.time", "30 am", 0.71)]
    frame = frame_of(answer("boston to denver 7.30 am", slots))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("07:30", "07:30")
    assert frame["depart"]["confidence"] == pytest.approx(0.44 * 0.71)
    # Two times with other words between them are two times.
    slots = [*SLOTS[3:5], ("depart_time.start_time", "7", 0.9), ("depart_time.end_time", "10 am", 0.9)]
    frame = frame_of(answer("boston to denver 7 - 10 am", slots))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("07:00", "10:00")


def test_relation_words_the_tagger_left_out_of_a_time():
    # "no" of "no earlier than" tagged a price relation: still after 7pm.
    slots = [*SLOTS[3:5], ("cost_relative", "no", 0.7), ("depart_time.time_relative", "earlier", 0.9),
             ("depart_time.time", "7pm", 0.35)]  # fmt: skip
    frame = frame_of(answer("boston to denver no earlier than 7pm", slots))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("19:00", None)
    # "not" before a tagged relation turns it round ("not" tagged a day's name, as the bundle does).
    slots = [*SLOTS[3:5], ("depart_date.day_name", "not", 0.6), ("depart_time.time_relative", "before", 0.76),
             ("depart_time.time", "7pm", 0.54)]  # fmt: skip
    frame = frame_of(answer("boston to denver not before 7pm", slots))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("19:00", None)
    # "no earlier than" tagged a price relation and the time a price: after 9am, not at 9am.
    slots = [*SLOTS[3:5], ("cost_relative", "no earlier", 0.86), ("fare_amount", "9am", 0.99)]
    frame = frame_of(answer("boston to denver no earlier than 9am", slots))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("09:00", None)
    # "around" left untagged before the time: half an hour either side.
    frame = frame_of(answer("boston to denver around 9 am", [*SLOTS[3:5], ("depart_time.time", "9 am", 0.4)]))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("08:30", "09:30")
    # An hour as a bare number after a relation, tagged a price: the hour ("no later than 8" is by 08:00) ...
    slots = [*SLOTS[3:5], ("depart_time.time_relative", "no later", 0.12), ("fare_amount", "8", 0.68)]
    frame = frame_of(answer("boston to denver no later than 8", slots))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == (None, "08:00")
    slots = [*SLOTS[3:5], ("cost_relative", "no earlier", 0.92), ("fare_amount", "10", 0.94)]
    frame = frame_of(answer("boston to denver no earlier than 10", slots))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("10:00", None)
    # ... but not an amount or a count.
    for text, amount in [("boston to denver around 20 dollars", "20"), ("boston to denver by 2 adults", "2")]:
        slots = [*SLOTS[3:5], ("fare_amount", amount, 0.9)]
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["depart"] is None, text


def test_a_word_tagged_a_day_name_that_names_no_day_starts_no_range():
    # "noonish" tagged a day name before "friday": noon on Friday, not a trip from noonish to Friday.
    slots = [*SLOTS[3:5], ("depart_date.day_name", "noonish", 0.29), ("depart_date.day_name", "friday", 0.67)]
    frame = frame_of(answer("boston to denver noonish friday", slots))
    assert frame is not None and frame["return"] is None and frame["round_trip"] is None
    assert (frame["depart"]["date"], frame["depart"]["latest"]) == ("2026-12-04", "12:30")


class FakePlacesWithChatCodes(FakePlaces):
    # Small airports whose codes people type as words: "tix" (tickets), "frm" (from).
    KNOWN: ClassVar[dict[str, tuple[str, ...]]] = {
        **FakePlaces.KNOWN,
        "tix": ("TIX",),
        "frm": ("FRM",),
        "nyc": ("JFK",),
        "miami": ("MIA",),
        "la": ("LAX",),
    }


def test_words_typed_as_in_a_text_message():
    typed = answer(
        "need 2 tix nyc to miami dec 22",
        [("depart_time.end_time", "2", 0.3), ("fromloc.city_name", "tix", 0.3), ("fromloc.city_name", "nyc", 0.7),
         ("toloc.city_name", "miami", 0.9), ("depart_date.month_name", "dec", 0.7),
         ("depart_date.day_number", "22", 0.8)],
    )  # fmt: skip
    frame = frame_of(typed, FakePlacesWithChatCodes())
    assert frame is not None and frame["origin"]["text"] == "nyc"  # "tix" is tickets, not Titusville's TIX
    assert frame["depart"]["date"] == "2026-12-22" and frame["depart"]["latest"] is None  # "2" counts tickets
    typed = answer(
        "frm miami 2 la tmrw aftn",
        [("fromloc.airport_code", "frm", 0.2), ("toloc.city_name", "miami", 0.5), ("depart_time.time", "2", 0.4),
         ("toloc.city_name", "la", 0.3), ("depart_date.today_relative", "tmrw", 0.8),
         ("depart_time.period_of_day", "aftn", 0.2)],
    )  # fmt: skip
    frame = frame_of(typed, FakePlacesWithChatCodes())
    assert frame is not None and (frame["origin"]["text"], frame["destination"]["text"]) == ("miami", "la")
    # "2" is "to" between two places, not 2 pm; "aftn" the afternoon.
    assert depart_window(frame) == ("2026-11-30", "12:00", "18:00")
    # So it is before a place tagged a state ("ny"), and "nite" tagged a day number is the night.
    typed = answer(
        "frm miami 2 ny fri nite",
        [("toloc.city_name", "miami", 0.6), ("depart_time.time", "2", 0.75), ("toloc.state_code", "ny", 0.4),
         ("depart_date.day_name", "fri", 0.6), ("depart_date.day_number", "nite", 0.1)],
    )  # fmt: skip
    frame = frame_of(typed, FakePlacesWithChatCodes())
    assert frame is not None and depart_window(frame) == ("2026-12-04", "20:00", "23:59")


def test_a_range_of_dates_a_place_slot_runs_into_is_read_and_the_place_cut_off():
    # "denver dec 27-jan" tagged one destination (the tokenizer keeps "27-jan" whole), "3" a day.
    text = "boston to denver dec 27-jan 3"
    slots = [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "denver dec 27-jan", 0.2),
             ("depart_date.day_number", "3", 0.6)]  # fmt: skip
    frame = frame_of(answer(text, slots))
    assert frame is not None and (frame["depart"]["date"], frame["return"]["date"]) == ("2026-12-27", "2027-01-03")
    # The dates come out no surer than the words the tagger took for a place.
    assert frame["depart"]["confidence"] <= 0.2 and frame["return"]["confidence"] <= 0.2


class FakePlacesWithCodes(FakePlaces):
    KNOWN: ClassVar[dict[str, tuple[str, ...]]] = {
        **FakePlaces.KNOWN,
        "atl": ("ATL",),
        "lax": ("LAX",),
        "jfk": ("JFK",),
        "lhr": ("LHR",),
        "dec": ("DEC",),  # Decatur, Illinois: also a month
        "kc": ("MCI",),
        "stl": ("STL",),
        "twa": ("TWA",),  # Twin Hills, Alaska: also Trans World Airlines
    }


def test_an_airport_code_tagged_otherwise_at_a_routes_end_is_that_end():
    route = answer(
        "atl-lax 12/15, back 12/22",
        [("fromloc.city_name", "atl", 0.6), ("depart_date.month_name", "lax", 0.4),
         ("depart_date.day_number", "12/15", 0.5), ("return_date.day_number", "12/22", 0.7)],
    )  # fmt: skip
    frame = frame_of(route, FakePlacesWithCodes())
    assert (
        frame is not None and frame["destination"]["airports"] == ["LAX"] and frame["destination"]["confidence"] == 0.4
    )
    assert (frame["depart"]["date"], frame["return"]["date"]) == ("2026-12-15", "2026-12-22")
    assert route["slots"][1]["name"] == "depart_date.month_name"  # the answer keeps the tagger's slots
    route = answer(
        "jfk-lhr 3/14", [("toloc.airport_code", "jfk", 0.4), ("depart_date.month_name", "lhr", 0.4),
                         ("depart_date.day_number", "3/14", 0.6)]
    )  # fmt: skip
    frame = frame_of(route, FakePlacesWithCodes())
    assert frame is not None and (frame["origin"]["airports"], frame["destination"]["airports"]) == (["JFK"], ["LHR"])
    # A month word is the date whatever place it may spell, and a destination already read is kept.
    dated = answer("atl-dec 19", [("fromloc.city_name", "atl", 0.6), ("depart_date.month_name", "dec", 0.9),
                                  ("depart_date.day_number", "19", 0.9)])  # fmt: skip
    frame = frame_of(dated, FakePlacesWithCodes())
    assert frame is not None and frame["destination"] is None and frame["depart"]["date"] == "2026-12-19"
    kept = answer(
        "boston to denver, atl-lax",
        [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "denver", 0.9), ("fromloc.city_name", "atl", 0.5),
         ("airline_code", "lax", 0.3)],
    )  # fmt: skip
    frame = frame_of(kept, FakePlacesWithCodes())
    assert frame is not None and frame["destination"]["airports"] == ["DEN"]
    # A city's short name before "to", tagged an airline's code, is the origin; after "on" it is the airline.
    frame = frame_of(
        answer("kc to stl", [("airline_code", "kc", 0.5), ("toloc.city_name", "stl", 0.9)]), FakePlacesWithCodes()
    )
    assert frame is not None and frame["origin"]["airports"] == ["MCI"] and frame["airline"] is None
    airline = answer("on twa to stl", [("airline_code", "twa", 0.9), ("toloc.city_name", "stl", 0.9)])
    frame = frame_of(airline, FakePlacesWithCodes())
    assert frame is not None and frame["origin"] is None and frame["airline"]["code"] == "TW"


class FakePlacesWithLogan(FakePlaces):
    KNOWN: ClassVar[dict[str, tuple[str, ...]]] = {**FakePlaces.KNOWN, "logan": ("LGU",), "boston logan": ("BOS",)}


def test_a_city_tagged_otherwise_right_after_an_origin_is_the_destination() -> None:
    slots = [("fromloc.city_name", "boston", 0.9), ("depart_time.time_relative", "denver", 0.4),
             ("depart_date.day_number", "15/01", 0.6)]  # fmt: skip
    frame = frame_of(answer("flight boston denver 15/01", slots))
    assert frame is not None and frame["destination"]["airports"] == ["DEN"]
    assert frame["depart"]["date"] == "2027-01-15" and frame["depart"]["confidence"] == 0.6
    # Not when a word stands between them, nor when the two together name one place (Logan, Utah; Boston Logan).
    assert frame_of(answer("flight boston or denver 15/01", slots))["destination"] is None  # type: ignore[index]
    logan = [("fromloc.city_name", "boston", 0.9), ("depart_time.time_relative", "logan", 0.4)]
    frame = frame_of(answer("flights from boston logan", logan), FakePlacesWithLogan())
    assert frame is not None and frame["destination"] is None
    frame = frame_of(answer("flights from boston logan", [*logan[:1], ("airline_name", "logan", 0.4)]))
    assert frame is not None and frame["destination"] is None  # "logan" names no place here


def test_a_place_after_a_forms_label_has_the_role_it_labels() -> None:
    slots = [("toloc.city_name", "boston", 0.8), ("toloc.city_name", "denver", 0.9),
             ("arrive_time.time", "12/9", 0.5)]  # fmt: skip
    frame = frame_of(answer("origin: boston, destination: denver, date: 12/9", slots))
    assert frame is not None and frame["origin"]["airports"] == ["BOS"] and frame["destination"]["airports"] == ["DEN"]
    swapped = [("fromloc.city_name", "denver", 0.8), ("toloc.city_name", "boston", 0.9)]
    frame = frame_of(answer("To: denver From: boston", swapped))
    assert frame is not None and frame["origin"]["airports"] == ["BOS"] and frame["destination"]["airports"] == ["DEN"]
    # a colon elsewhere is no label: "to" of "fly to denver" says nothing new
    frame = frame_of(answer("note: boston to denver", [("fromloc.city_name", "boston", 0.9), *slots[1:2]]))
    assert frame is not None and frame["origin"]["airports"] == ["BOS"]


def test_clock_times_and_relations_the_tagger_read_as_dates() -> None:
    route, friday = SLOTS[3:5], ("depart_date.day_name", "friday", 0.9)
    cases = [
        ("boston to denver friday 0630", [*route, friday, ("depart_date.day_number", "0630", 0.7)], ("06:30", "06:30")),
        ("boston to denver friday at 18h30", [*route, friday, ("fare_amount", "18h30", 0.7)], ("18:30", "18:30")),
        # "not" tagged a return's day: no return, and it still turns "before" round
        ("boston to denver friday, not before 10", [*route, friday, ("return_date.day_name", "not", 0.3),
                                                    ("depart_time.time_relative", "before", 0.9),
                                                    ("depart_time.time", "10", 0.9)], ("10:00", None)),
        ("boston to denver first thing friday", [*route, ("flight_mod", "first", 0.8), friday], ("05:00", "08:00")),
    ]  # fmt: skip
    for text, slots, window in cases:
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["return"] is None, text
        assert depart_window(frame) == ("2026-12-04", *window), text
    back = [*route, friday, ("return_date.day_number", "first", 0.5), ("return_date.day_name", "sunday", 0.9)]
    frame = frame_of(answer("boston to denver friday, back first thing sunday", back))
    assert frame is not None and frame["return"]["date"] == "2026-12-06"  # not "the first" of a month
    assert (frame["return"]["earliest"], frame["return"]["latest"]) == ("05:00", "08:00")


def test_a_place_of_no_role_is_the_missing_end_of_a_flight_on_a_date() -> None:
    seattle = [("city_name", "denver", 0.8), ("depart_date.day_name", "thursday", 0.9),
               ("fromloc.city_name", "boston", 0.9)]  # fmt: skip
    frame = frame_of(answer("a meeting in denver on thursday, i fly from boston", seattle))
    assert frame is not None and frame["destination"]["airports"] == ["DEN"] and frame["origin"]["airports"] == ["BOS"]
    miami = [("city_name", "boston", 0.8), ("depart_date.day_number", "20th", 0.9), ("toloc.city_name", "denver", 0.9)]
    frame = frame_of(answer("in boston until the 20th, then to denver", miami))
    assert frame is not None and frame["origin"]["airports"] == ["BOS"]
    # Not without a date or time, nor for ground service.
    frame = frame_of(answer("a meeting in denver, i fly from boston", [seattle[0], seattle[2]]))
    assert frame is not None and frame["destination"] is None
    frame = frame_of(answer("taxi in denver thursday from boston", seattle, intent="atis_ground_service"))
    assert frame is not None and frame["destination"] is None


def test_words_of_the_booking_tagged_dates_and_a_return_that_says_nothing() -> None:
    route = SLOTS[3:5]
    premium = [*route, ("depart_date.day_name", "premium", 0.4), ("economy", "economy", 0.9),
               ("return_date.day_name", "friday", 0.8)]  # fmt: skip
    frame = frame_of(answer("boston to denver, premium economy, friday", premium))
    assert frame is not None and frame["cabin"] == "premium_economy" and frame["return"] is None
    assert frame["depart"]["date"] == "2026-12-04" and frame["round_trip"] is None
    nonstop = [*route, ("depart_date.day_name", "non-stop", 0.4), ("depart_date.day_name", "friday", 0.9)]
    frame = frame_of(answer("boston to denver non-stop friday", nonstop))
    assert frame is not None and frame["nonstop"] is True and frame["depart"]["text"] == "friday"
    ok = [*route, ("depart_date.day_name", "friday", 0.9), ("flight_stop", "one stop", 0.9),
          ("airline_code", "ok", 0.6)]  # fmt: skip
    frame = frame_of(answer("boston to denver friday, one stop is ok", ok))
    assert frame is not None and frame["airline"] is None
    no_object = [*route, ("depart_date.day_name", "friday", 0.9), ("return_date.day_number", "object", 0.3)]
    frame = frame_of(answer("boston to denver friday, price no object", no_object))
    assert frame is not None and frame["return"] is None and frame["round_trip"] is None


def test_a_day_and_a_cabin_run_into_other_slots_and_a_time_after_a_word_of_landing() -> None:
    frame = frame_of(answer("boston to denver frday", [SLOTS[3], ("toloc.city_name", "denver frday", 0.5)]))
    assert frame is not None and frame["destination"]["text"] == "denver" and frame["depart"]["date"] == "2026-12-04"
    biz = [("airline_name", "emirates biz", 0.6), *SLOTS[3:5]]
    frame = frame_of(answer("emirates biz boston to denver", biz))
    assert frame is not None and frame["cabin"] == "business" and frame["airline"]["code"] == "EK"
    landing = [*SLOTS[3:5], ("depart_date.day_name", "friday", 0.9), ("depart_time.time_relative", "before", 0.5),
               ("depart_time.time", "9 am", 0.5)]  # fmt: skip
    frame = frame_of(answer("boston to denver friday landing before 9 am", landing))
    assert frame is not None and depart_window(frame) == ("2026-12-04", None, None)
    assert (frame["arrive"]["earliest"], frame["arrive"]["latest"]) == (None, "09:00")


def test_a_time_after_reaching_the_destination_is_the_arrivals_and_so_is_its_date() -> None:
    reach = [("toloc.city_name", "denver", 0.9), ("depart_time.time_relative", "before", 0.6),
             ("depart_time.time", "5 pm", 0.8), ("depart_date.today_relative", "tomorrow", 0.9),
             ("fromloc.city_name", "boston", 0.9)]  # fmt: skip
    frame = frame_of(answer("i need to get to denver before 5 pm tomorrow from boston", reach))
    assert frame is not None and frame["depart"] is None
    assert (frame["arrive"]["date"], frame["arrive"]["earliest"], frame["arrive"]["latest"]) == (
        "2026-11-30",
        None,
        "17:00",
    )
    # Leaving, not reaching: the time stays the departure's; so does a date said before the arrival's time.
    leave = [("fromloc.city_name", "boston", 0.9), *reach[1:4], ("toloc.city_name", "denver", 0.9)]
    frame = frame_of(answer("i need to leave boston before 5 pm tomorrow for denver", leave))
    assert frame is not None and frame["arrive"] is None and depart_window(frame) == ("2026-11-30", None, "17:00")
    dated = [("depart_date.day_name", "friday", 0.9), ("toloc.city_name", "denver", 0.9), *reach[1:3]]
    frame = frame_of(answer("leave boston friday, get to denver before 5 pm", dated))
    assert frame is not None and depart_window(frame) == ("2026-12-04", None, None)
    assert frame["arrive"]["latest"] == "17:00"


def test_a_dotted_meridiem_cut_in_two_is_the_times_and_no_slot_of_its_own() -> None:
    # "6:30 a.m.": the tokenizer cuts "a.m." into "a" and "m"; the tagger read "6:30" a range's start, "m" a return's
    # relative date. No range, no return: a clock time in the morning.
    slots = [*SLOTS[3:5], ("depart_time.start_time", "6:30", 0.6), ("return_date.date_relative", "m", 0.4),
             ("depart_date.day_name", "monday", 0.9)]  # fmt: skip
    frame = frame_of(answer("boston to denver 6:30 a.m. monday", slots))
    assert frame is not None and depart_window(frame) == ("2026-11-30", "06:30", "06:30")
    assert frame["return"] is None and frame["round_trip"] is None
    # "in the a.m.", "m" tagged a fare code: the morning's half of the day, of the leg of the date before it.
    morning = [*SLOTS[3:5], ("depart_date.day_name", "friday", 0.9), ("fare_basis_code", "m", 0.5)]
    frame = frame_of(answer("boston to denver friday in the a.m.", morning))
    assert frame is not None and depart_window(frame) == ("2026-12-04", "00:00", "12:00")
    back = [*SLOTS[3:5], ("depart_date.day_name", "friday", 0.9), ("return_date.day_name", "sunday", 0.9),
            ("arrive_time.end_time", "p.m", 0.3)]  # fmt: skip
    frame = frame_of(answer("boston to denver friday, back sunday in the p.m.", back))
    assert frame is not None and depart_window(frame) == ("2026-12-04", None, None)
    assert (frame["return"]["date"], frame["return"]["earliest"], frame["return"]["latest"]) == (
        "2026-12-06",
        "12:00",
        "23:59",
    )
    # A range keeps its start, and its end its "a.m." left out of the slot: "between 6 and 8 a.m."
    ranged = [*SLOTS[3:5], ("depart_time.start_time", "6", 0.9), ("depart_time.end_time", "8", 0.9)]
    frame = frame_of(answer("boston to denver between 6 and 8 a.m.", ranged))
    assert frame is not None and (frame["depart"]["earliest"], frame["depart"]["latest"]) == ("06:00", "08:00")


def test_two_cities_joined_by_a_dash_in_one_slot_are_the_route() -> None:
    # "boston-denver" is one token, and one origin to the tagger: Boston to Denver. "hong-kong" would be one place.
    frame = frame_of(answer("return flight boston-denver tomorrow", [("fromloc.city_name", "boston-denver", 0.8)]))
    assert frame is not None and frame["origin"]["airports"] == ["BOS"] and frame["destination"]["airports"] == ["DEN"]
    frame = frame_of(answer("winston-salem tomorrow", [("fromloc.city_name", "winston-salem", 0.8)]), FakeSalem())
    assert frame is not None and frame["origin"]["airports"] == ["INT"] and frame["destination"] is None


class FakeSalem(FakePlaces):
    KNOWN: ClassVar[dict[str, tuple[str, ...]]] = {**FakePlaces.KNOWN, "winston-salem": ("INT",), "salem": ("SLE",),
                                                   "winston": ("XWN",)}  # fmt: skip


def test_a_month_abbreviated_with_a_dot_before_its_day() -> None:
    # "Jan. 3": "Jan" tagged a time relation, "3" a day; "Dec. 5": "5" tagged a clock time (17:00 before).
    jan = [*SLOTS[3:5], ("depart_time.time_relative", "Jan", 0.4), ("depart_date.day_number", "3", 0.8)]
    frame = frame_of(answer("boston to denver Jan. 3", jan))
    assert frame is not None and depart_window(frame) == ("2027-01-03", None, None)
    dec = [*SLOTS[3:5], ("depart_date.month_name", "Dec", 0.8), ("depart_time.time", "5", 0.5)]
    frame = frame_of(answer("boston to denver, Dec. 5", dec))
    assert frame is not None and depart_window(frame) == ("2026-12-05", None, None)


class FakePlacesWithPax(FakePlacesWithCodes):
    KNOWN: ClassVar[dict[str, tuple[str, ...]]] = {**FakePlacesWithCodes.KNOWN, "pax": ("LPB",)}  # La Paz's code


def test_tickets_written_tersely_pax_and_packed_dates() -> None:
    slots = [("depart_time.end_time", "2", 0.3), ("fromloc.city_name", "pax", 0.5),
             ("fromloc.airport_code", "JFK", 0.8), ("toloc.city_name", "LHR 14JAN", 0.5)]  # fmt: skip
    frame = frame_of(answer("2 pax JFK-LHR 14JAN", slots), FakePlacesWithPax())
    assert frame is not None and frame["origin"]["airports"] == ["JFK"] and frame["destination"]["text"] == "LHR"
    assert depart_window(frame) == ("2027-01-14", None, None)
    frame = frame_of(answer("boston to denver jan14", [*SLOTS[3:5], ("toloc.city_name", "jan14", 0.4)]))
    assert frame is not None and depart_window(frame) == ("2027-01-14", None, None)


def test_lengths_weights_and_dotted_numbers_are_no_clock_times_or_prices() -> None:
    route = SLOTS[3:5]
    for text, slots, window, price in [
        ("boston to denver under 5 hours", [*route, ("cost_relative", "under", 0.9),
                                            ("depart_time.time", "5 hours", 0.9)], None, None),
        ("boston to denver friday at 1700 hours", [*route, ("depart_date.day_name", "friday", 0.9),
                                                   ("depart_time.time", "1700 hours", 0.9)],
         ("2026-12-04", "17:00", "17:00"), None),
        ("boston to denver, 2 bags under 50 lbs", [*route, ("depart_time.time", "2 bags", 0.5),
                                                   ("cost_relative", "under", 0.9), ("fare_amount", "50 lbs", 0.5)],
         None, None),
        # a date between dots, day first; a clock time with a dot whose minutes were tagged a fare
        ("boston to denver on 5.1.2027", [*route, ("depart_date.day_number", "5", 0.9),
                                          ("depart_date.day_number", "1", 0.9),
                                          ("depart_date.day_number", "2027", 0.9)], ("2027-01-05", None, None), None),
        ("boston to denver friday at 7.30", [*route, ("depart_date.day_name", "friday", 0.9),
                                             ("depart_time.time", "7", 0.9), ("fare_amount", "30", 0.4)],
         ("2026-12-04", "07:30", "07:30"), None),
    ]:  # fmt: skip
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["max_price"] == price, text
        assert (depart_window(frame) if frame["depart"] else None) == window, text


def test_two_codes_joined_in_one_place_slot_are_two_ends_of_the_route() -> None:
    slots = [("fromloc.city_name", "ATL>LAX", 0.7), ("toloc.airport_code", "JFK", 0.9),
             ("depart_date.day_name", "Thursday", 0.9), ("depart_time.period_of_day", "7:15am", 0.5)]  # fmt: skip
    frame = frame_of(answer("ATL>LAX>JFK Thursday 7:15am", slots), FakePlacesWithCodes())
    assert frame is not None and frame["origin"]["airports"] == ["ATL"] and frame["destination"]["airports"] == ["JFK"]
    assert [stop["airports"] for stop in frame["stops"]] == [["LAX"]]
    assert depart_window(frame) == ("2026-12-03", "07:15", "07:15")  # a clock time tagged a period of the day


def test_the_nth_weekday_of_a_month_whatever_the_tagger_made_of_its_words() -> None:
    last = [*SLOTS[3:5], ("flight_mod", "last", 0.8), ("depart_date.day_name", "friday", 0.9),
            ("depart_date.month_name", "january", 0.9)]  # fmt: skip
    frame = frame_of(answer("boston to denver on the last friday of january", last))
    assert frame is not None and frame["depart"]["date"] == "2027-01-29"
    second = [*SLOTS[3:5], ("depart_date.day_number", "second", 0.8), ("depart_date.day_name", "monday", 0.9),
              ("return_date.month_name", "march", 0.6)]  # fmt: skip
    frame = frame_of(answer("boston to denver on the second monday in march", second))
    assert frame is not None and frame["depart"]["date"] == "2027-03-08" and frame["return"] is None
    flight = [("flight_mod", "last", 0.9), *SLOTS[3:5], ("depart_date.day_name", "friday", 0.9)]
    frame = frame_of(answer("the last flight boston to denver friday", flight))
    assert frame is not None and frame["depart"]["date"] == "2026-12-04"  # "last" of a flight: no day of a month


def test_clock_times_in_words_and_noon_or_midnight_tagged_otherwise() -> None:
    route, friday = SLOTS[3:5], ("depart_date.day_name", "friday", 0.9)
    cases = [
        ("boston to denver friday at seven thirty in the morning",
         [*route, friday, ("depart_date.day_number", "seven thirty", 0.5),
          ("depart_time.period_of_day", "morning", 0.9)], ("depart", "07:30", "07:30")),
        ("boston to denver friday around eleven",
         [*route, friday, ("depart_time.time_relative", "around", 0.9), ("depart_date.day_number", "eleven", 0.5)],
         ("depart", "10:30", "11:30")),
        ("boston to denver friday no earlier than nine",
         [*route, friday, ("cost_relative", "no earlier", 0.5), ("fare_amount", "nine", 0.5)],
         ("depart", "09:00", None)),
        ("boston to denver friday, must land before midnight",
         [*route, friday, ("depart_time.time_relative", "before", 0.9), ("return_time.period_of_day", "midnight", 0.6)],
         ("arrive", None, "00:00")),
        ("noon flight boston to denver friday", [("depart_time.period_of_day", "noon", 0.6), *route, friday],
         ("depart", "12:00", "12:00")),
    ]  # fmt: skip
    for text, slots, (leg, earliest, latest) in cases:
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["depart"]["date"] == "2026-12-04" and frame["return"] is None, text
        assert (frame[leg]["earliest"], frame[leg]["latest"]) == (earliest, latest), text
    # A day of the month in words stays a day: after a month, or with nothing that makes it a time.
    december = [*route, ("depart_date.month_name", "december", 0.9), ("depart_date.day_number", "eleven", 0.9)]
    frame = frame_of(answer("boston to denver december eleven", december))
    assert frame is not None and depart_window(frame) == ("2026-12-11", None, None)


def test_words_of_who_travels_and_of_days_tagged_as_something_else():
    counted = answer(
        "lima to cusco on the 2nd for 3 adults 1 child",
        [("fromloc.city_name", "lima", 0.9), ("toloc.city_name", "cusco", 0.9), ("depart_date.day_number", "2nd", 0.9),
         ("depart_date.day_number", "3", 0.5), ("airline_name", "adults", 0.2), ("depart_date.day_number", "1", 0.7)],
    )  # fmt: skip
    frame = frame_of(counted)
    assert frame is not None and frame["airline"] is None and frame["depart"]["date"] == "2026-12-02"
    day = answer(
        "boston to denver mon 7am",
        [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "denver", 0.9),
         ("depart_time.time_relative", "mon", 0.4), ("depart_time.time", "7am", 0.4)],
    )  # fmt: skip
    frame = frame_of(day)
    assert frame is not None and (frame["depart"]["date"], frame["depart"]["earliest"]) == ("2026-11-30", "07:00")


def test_inbound_is_the_way_back():
    legs = answer(
        "jfk to cdg outbound 12 feb inbound 19 feb",
        [("fromloc.airport_code", "jfk", 0.9), ("toloc.airport_code", "cdg", 0.9),
         ("depart_time.time_relative", "outbound", 0.3), ("depart_time.time", "12 feb", 0.2),
         ("depart_time.time_relative", "inbound", 0.4), ("fare_amount", "19 feb", 0.6)],
    )  # fmt: skip
    frame = frame_of(legs)
    assert frame is not None and frame["depart"]["date"] == "2027-02-12"
    assert frame["return"] is not None and frame["return"]["date"] == "2027-02-19" and frame["round_trip"] is True


def test_an_answer_built_by_hand_without_a_ranking_or_confidences_resolves() -> None:
    built = answer("boston to denver", [("fromloc.city_name", "boston", 0.9), ("toloc.city_name", "denver", 0.9)])
    for slot in built["slots"]:
        del slot["confidence"]
    built["intent"] = {"name": "out_of_scope", "confidence": 0.9}  # no ranking to fall back on
    resolved = Resolver(FakePlaces(), load_airlines(), load_lexicon()).resolve(built, REFERENCE)
    assert resolved["intent"]["name"] == "out_of_scope" and resolved["frame"] is None


def test_a_date_or_time_the_request_corrects_is_left_out_for_its_correction():
    slots = [("fromloc.city_name", "boston", 0.99), ("toloc.city_name", "denver", 0.99),
             ("depart_date.day_name", "thursday", 0.99), ("depart_date.day_name", "friday", 0.5)]  # fmt: skip
    frame = frame_of(answer("boston to denver on thursday, actually make that friday", slots))
    assert frame is not None and frame["depart"]["date"] == "2026-12-04" and frame["depart"]["text"] == "friday"
    # The correction tagged a return's is the departure's; the month stays when only the day is corrected.
    slots = [("fromloc.city_name", "miami", 0.99), ("toloc.city_name", "new york", 0.99),
             ("depart_date.today_relative", "tomorrow", 0.99), ("return_date.day_name", "saturday", 0.8)]  # fmt: skip
    frame = frame_of(answer("from miami to new york tomorrow sorry i mean saturday", slots))
    assert frame is not None and frame["depart"]["date"] == "2026-12-05" and frame["return"] is None
    slots = [("fromloc.city_name", "dallas", 0.99), ("toloc.city_name", "chicago", 0.99),
             ("depart_date.month_name", "jan", 0.9), ("depart_date.day_number", "3rd", 0.9),
             ("return_date.day_number", "5th", 0.7)]  # fmt: skip
    frame = frame_of(answer("dallas to chicago jan 3rd actually make that the 5th", slots))
    assert frame is not None and frame["depart"]["date"] == "2027-01-05" and frame["return"] is None
    # A time corrects the times and keeps the day; a word inside "scratch that" tagged a day is none.
    slots = [("fromloc.city_name", "denver", 0.99), ("toloc.city_name", "phoenix", 0.99),
             ("depart_date.day_name", "monday", 0.99), ("depart_time.period_of_day", "morning", 0.99),
             ("return_time.period_of_day", "afternoon", 0.7)]  # fmt: skip
    frame = frame_of(answer("denver to phoenix monday morning actually afternoon", slots))
    assert frame is not None and depart_window(frame) == ("2026-11-30", "12:00", "18:00") and frame["return"] is None
    slots = [("fromloc.city_name", "houston", 0.99), ("toloc.city_name", "atlanta", 0.99),
             ("depart_date.day_number", "3rd", 0.9), ("depart_date.day_number", "scratch", 0.3),
             ("depart_date.day_number", "5th", 0.6)]  # fmt: skip
    frame = frame_of(answer("from houston to atlanta on the 3rd, scratch that, the 5th", slots))
    assert frame is not None and frame["depart"]["date"] == "2026-12-05"
    # A word of coming back after "actually" makes a return, no correction.
    slots = [("depart_date.day_name", "monday", 0.99), ("return_date.day_name", "thursday", 0.99),
             ("fromloc.city_name", "boston", 0.99), ("toloc.city_name", "miami", 0.99)]  # fmt: skip
    frame = frame_of(answer("leaving monday, actually returning thursday, from boston to miami", slots))
    assert frame is not None and frame["depart"]["date"] == "2026-11-30" and frame["return"]["date"] == "2026-12-03"


def test_business_of_a_trip_is_no_cabin_and_a_cabin_run_into_a_date_is_the_cabin():
    route = [("toloc.city_name", "chicago", 0.99), ("fromloc.city_name", "denver", 0.9)]
    for text in ("business trip to chicago from denver", "on business: chicago from denver"):
        frame = frame_of(answer(text, [("class_type", "business", 0.6), *route]))
        assert frame is not None and frame["cabin"] is None, text
    frame = frame_of(answer("one way in business to chicago from denver", [("class_type", "business", 0.6), *route]))
    assert frame is not None and frame["cabin"] == "business"
    slots = [("fromloc.city_name", "seattle", 0.99), ("toloc.city_name", "boston", 0.99),
             ("depart_date.month_name", "december", 0.99),
             ("depart_date.day_number", "23rd, business", 0.6)]  # fmt: skip
    frame = frame_of(answer("seattle to boston december 23rd, business", slots))
    assert frame is not None and frame["cabin"] == "business" and frame["depart"]["date"] == "2026-12-23"


def test_a_time_said_in_words_around_its_hour_is_one_clock_time_and_no_place():
    slots = [("fromloc.city_name", "denver", 0.99), ("toloc.city_name", "austin", 0.9),
             ("stoploc.city_name", "quarter", 0.3), ("toloc.city_name", "seven", 0.9),
             ("depart_date.day_name", "friday", 0.9)]  # fmt: skip
    frame = frame_of(answer("denver to austin at quarter to seven on friday", slots))
    assert frame is not None and depart_window(frame) == ("2026-12-04", "18:45", "18:45") and frame["stops"] == []
    slots = [("fromloc.city_name", "denver", 0.99), ("toloc.city_name", "austin", 0.9),
             ("toloc.city_name", "half", 0.2), ("depart_time.time_relative", "past", 0.9),
             ("depart_time.time", "5 pm", 0.8), ("depart_date.day_name", "friday", 0.9)]  # fmt: skip
    frame = frame_of(answer("denver to austin at half past 5 pm on friday", slots))  # "past" is no "after"
    assert frame is not None and depart_window(frame) == ("2026-12-04", "17:30", "17:30")
    slots = [("fromloc.city_name", "boston", 0.99), ("toloc.city_name", "denver", 0.9)]
    frame = frame_of(answer("boston to denver at half past ten", slots))  # untagged: the departure's all the same
    assert frame is not None and frame["depart"]["earliest"] == "10:30"


def test_early_or_late_in_a_week_or_a_month_is_no_time_of_day():
    for text in ("sfo to tokyo early next week", "sfo to tokyo late this month"):
        mod = text.split()[3]
        slots = [("fromloc.airport_code", "sfo", 0.99), ("toloc.city_name", "tokyo", 0.99),
                 ("depart_time.period_mod", mod, 0.9)]  # fmt: skip
        frame = frame_of(answer(text, slots))
        assert frame is not None and frame["depart"] is None, text
    slots = [("fromloc.airport_code", "sfo", 0.99), ("toloc.city_name", "tokyo", 0.99),
             ("depart_time.period_mod", "early", 0.9), ("depart_date.today_relative", "tomorrow", 0.9)]  # fmt: skip
    frame = frame_of(answer("sfo to tokyo early tomorrow", slots))
    assert frame is not None and depart_window(frame) == ("2026-11-30", "05:00", "08:00")
