"""An answer's slots -> a booking frame: where from and to, when, on which airline, in which cabin, for how much.

``build_frame(answer, reference_time, places, airlines)`` reads one answer as ``AnswerBuilder.build``
makes it (its ``text``, ``slots`` and ``intent``) and returns::

    {"reference_time": "2026-11-29T10:00:00-05:00", "intent": "atis_flight",
     "origin": place | None, "destination": place | None, "stops": [place, ...],
     "depart": leg | None, "arrive": leg | None, "return": leg | None,
     "airline": {"text", "name", "code", "confidence"} | None,
     "cabin": "first" | "business" | "premium_economy" | "economy" | None,
     "round_trip": True | False | None, "nonstop": True | None,
     "max_price": {"amount": 500, "currency": "USD"} | None}

    place = {"text", "place": Place.to_dict() | None, "airports": [...], "confidence"}
    leg   = {"date": "YYYY-MM-DD" | None, "earliest": "HH:MM" | None, "latest": "HH:MM" | None,
             "text", "confidence"}

or None when the intent is ``out_of_scope``. The ATIS slots map onto it so:

* ``fromloc.*`` -> origin, ``toloc.*`` -> destination, ``stoploc.*`` -> stops. A city, airport name or
  airport code is the place; a state or country slot of the same role right after it is its qualifier
  ("portland , oregon"); a state or country alone is the place itself.
* ``depart_date.*``, ``depart_time.*`` and the role-less date and time slots -> depart; ``arrive_*`` ->
  arrive; ``return_*`` -> return, anchored on the departure date (``world.dates``). A leg whose date,
  earliest and latest are all unknown is None.
* ``airline_name``/``airline_code`` -> airline (name and code None when the airline is unknown; the text
  stays); ``class_type`` -> cabin; ``round_trip`` ("round trip" True, "one way" False; any return slot
  makes it True); ``flight_stop`` ("nonstop", "direct") -> nonstop True; ``fare_amount`` with a ceiling
  ``cost_relative`` ("under", "less than"; "cheapest" names no price) -> max_price.

A field's confidence is the product of its slots' confidences: the chance every word of the field
carries the label that made it (each slot's confidence is already that chance for its own words).

``score_frames`` compares frames with the gold frames of ``eval/frames`` (see its README, "Format");
``slotfill frames`` (training/world_eval.py) runs the service's path over that file and scores it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from model.answers import OUT_OF_SCOPE
from world.dates import DATE_SLOTS, TIME_SLOTS, Leg, relative_phrase, resolve_leg

if TYPE_CHECKING:
    from world.airlines import Airlines

FIELDS = (
    "intent",
    "origin",
    "destination",
    "stops",
    "depart",
    "arrive",
    "return",
    "airline",
    "cabin",
    "round_trip",
    "nonstop",
    "max_price",
)

PLACE_ROLES = {"fromloc": "origin", "toloc": "destination", "stoploc": "stops"}
PLACE_KINDS = ("city_name", "airport_name", "airport_code")
QUALIFIER_KINDS = ("state_code", "state_name", "country_name")
RELATIVE_DATE_SLOTS = ("date_relative", "today_relative")  # widened to their phrase (world.dates.relative_phrase)
LEG_ROLES = {"depart": "depart", "arrive": "arrive", "return": "return", "": "depart"}

# Cabin words, longest first so that "premium economy" is not read as "economy".
CABINS = (
    ("premium economy", "premium_economy"),
    ("premium", "premium_economy"),
    ("business", "business"),
    ("first", "first"),
    ("economy", "economy"),
    ("economic", "economy"),
    ("coach", "economy"),
    ("thrift", "economy"),
    ("main cabin", "economy"),
)
_ONE_WAY = re.compile(r"\bone[\s-]?way\b")
_NONSTOP = re.compile(r"\bnon[\s-]?stops?\b|\bdirect(ly)?\b|\bno stops?\b|\bwithout stop")
# cost_relative words that make a fare amount a ceiling.
_CEILING = re.compile(
    r"\b(under|less|below|cheaper|lower|not exceeding|no more|at most|up to|max(imum)?|within|beneath)\b"
)
_CURRENCIES = (("€", "EUR"), ("euro", "EUR"), ("£", "GBP"), ("pound", "GBP"), ("¥", "JPY"), ("yen", "JPY"))


# An example for the API's documentation (app/schemas.py): what the service answers for "boston to
# denver next friday morning returning sunday on united" sent on Monday 23 November 2026 from New York.
EXAMPLE_BOSTON: dict[str, Any] = {
    "name": "Boston",
    "country": "US",
    "airports": ["BOS"],
    "city_code": "BOS",
    "tz": "America/New_York",
    "lat": 42.35843,
    "lon": -71.05977,
    "match": {"name": "Boston", "score": 100.0, "fuzzy": False},
}
EXAMPLE_DENVER: dict[str, Any] = {
    "name": "Denver",
    "country": "US",
    "airports": ["DEN", "BJC", "APA"],
    "city_code": "DEN",
    "tz": "America/Denver",
    "lat": 39.73915,
    "lon": -104.9847,
    "match": {"name": "Denver", "score": 100.0, "fuzzy": False},
}
EXAMPLE_FRAME: dict[str, Any] = {
    "reference_time": "2026-11-23T10:00:00-05:00",
    "intent": "atis_flight",
    "origin": {"text": "boston", "place": EXAMPLE_BOSTON, "airports": ["BOS"], "confidence": 0.9991},
    "destination": {"text": "denver", "place": EXAMPLE_DENVER, "airports": ["DEN", "BJC", "APA"], "confidence": 0.9987},
    "stops": [],
    "depart": {
        "date": "2026-11-27",
        "earliest": "06:00",
        "latest": "12:00",
        "text": "next friday morning",
        "confidence": 0.9612,
    },
    "arrive": None,
    "return": {"date": "2026-11-29", "earliest": None, "latest": None, "text": "sunday", "confidence": 0.8127},
    "airline": {"text": "united", "name": "United Airlines", "code": "UA", "confidence": 0.9968},
    "cabin": None,
    "round_trip": True,
    "nonstop": None,
    "max_price": None,
}


@lru_cache(maxsize=4096)  # a model has a few hundred slot names; every answer asks about each of its slots
def slot_role_and_kind(name: str) -> tuple[str, str]:
    """ "fromloc.city_name" -> ("fromloc", "city_name"); "depart_date.day_name" -> ("depart_date", ...);
    "city_name" -> ("", "city_name")."""
    role, _, kind = name.rpartition(".")
    return role, kind


def _confidence(slots: Sequence[dict[str, Any]]) -> float:
    return math.prod(float(s.get("confidence", 1.0)) for s in slots)


# --- places --------------------------------------------------------------------------------------------


def place_groups(slots: list[dict[str, Any]], text: str) -> dict[str, list[list[dict[str, Any]]]]:
    """Per role ("" for none), each place's slots: the place slot and the qualifier slot right after
    it, if any ("portland , oregon"); a state or country alone is a place of its own."""
    groups: dict[str, list[list[dict[str, Any]]]] = {}
    used: set[int] = set()
    for i, slot in enumerate(slots):
        role, kind = slot_role_and_kind(slot["name"])
        if i in used or kind not in PLACE_KINDS + QUALIFIER_KINDS:
            continue
        group = [slot]
        if kind in PLACE_KINDS and i + 1 < len(slots):
            after = slots[i + 1]
            after_role, after_kind = slot_role_and_kind(after["name"])
            between = text[slot["end"] : after["start"]] if "end" in slot and "start" in after else ""
            if after_role == role and after_kind in QUALIFIER_KINDS and not between.strip(" ,"):
                group.append(after)
                used.add(i + 1)
        groups.setdefault(role, []).append(group)
    return groups


def _place_field(group: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """A place of the frame from its slots, whose first carries the resolved ``"place"``
    (``world.resolve.Resolver.add_places``)."""
    first, last = group[0], group[-1]
    place = first.get("place")
    if place is not None:
        place = {k: v for k, v in place.items() if k != "match"}
    typed = text[first["start"] : last["end"]] if "start" in first and "end" in last else first["value"]
    return {
        "text": typed or first["value"],
        "place": place,
        "airports": list(place["airports"]) if place else [],
        "confidence": _confidence(group),
    }


# --- legs ----------------------------------------------------------------------------------------------


def _leg_of(name: str) -> tuple[str, str] | None:
    """("depart", "day_name") for "depart_date.day_name" or the role-less "day_name"; None for a slot that
    is no date or time."""
    role, kind = slot_role_and_kind(name)
    if kind not in DATE_SLOTS | TIME_SLOTS:
        return None
    leg = role.removesuffix("_date").removesuffix("_time")
    if leg not in LEG_ROLES:
        return None
    return LEG_ROLES[leg], kind


def _leg_field(leg: Leg, group: list[dict[str, Any]]) -> dict[str, Any] | None:
    if leg.is_empty():
        return None
    return {
        "date": leg.date.isoformat() if leg.date else None,
        "earliest": leg.earliest.strftime("%H:%M") if leg.earliest else None,
        "latest": leg.latest.strftime("%H:%M") if leg.latest else None,
        "text": " ".join(s["value"] for s in group),
        "confidence": _confidence(group),
    }


# --- the rest ------------------------------------------------------------------------------------------


def _cabin(text: str) -> str | None:
    text = text.lower()
    return next((cabin for word, cabin in CABINS if word in text), None)


def _price(amount_text: str) -> dict[str, Any] | None:
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", amount_text)
    if digits is None:
        return None
    value = float(digits.group(0).replace(",", ""))
    lowered = amount_text.lower()
    currency = next((code for word, code in _CURRENCIES if word in lowered), "USD")
    return {"amount": int(value) if value.is_integer() else value, "currency": currency}


def build_frame(
    answer: dict[str, Any],
    reference_time: datetime,
    airlines: Airlines,
    groups: dict[str, list[list[dict[str, Any]]]] | None = None,
) -> dict[str, Any] | None:
    """The booking frame of one answer (see the module docstring) whose place slots carry their
    resolved places (``world.resolve.Resolver`` adds them first); None when it is out of scope.
    ``reference_time`` should carry its UTC offset; a naive one is taken as UTC."""
    intent = answer.get("intent", {}).get("name")
    if intent == OUT_OF_SCOPE:
        return None
    if reference_time.tzinfo is None:
        reference_time = reference_time.replace(tzinfo=UTC)
    text = answer.get("text", "")
    slots = sorted(answer.get("slots", []), key=lambda s: s.get("start", 0))
    by_kind: dict[str, list[dict[str, Any]]] = {}
    legs: dict[str, list[dict[str, Any]]] = {"depart": [], "arrive": [], "return": []}
    for slot in slots:
        leg = _leg_of(slot["name"])
        if leg is not None:
            legs[leg[0]].append(slot)
        else:
            by_kind.setdefault(slot_role_and_kind(slot["name"])[1], []).append(slot)

    groups = place_groups(slots, text) if groups is None else groups
    origins = [_place_field(g, text) for g in groups.get("fromloc", [])]
    destinations = [_place_field(g, text) for g in groups.get("toloc", [])]

    def leg_slots(name: str) -> list[tuple[str, str]]:
        found = []
        for slot in legs[name]:
            kind = slot_role_and_kind(slot["name"])[1]
            value = slot["value"]
            if kind in RELATIVE_DATE_SLOTS and "start" in slot:
                value = relative_phrase(text[: slot["start"]], value, text[slot["end"] :])
            found.append((kind, value))
        return found

    depart = resolve_leg(leg_slots("depart"), reference_time)
    anchor: date | None = depart.date
    arrive = resolve_leg(leg_slots("arrive"), reference_time)
    back = resolve_leg(leg_slots("return"), reference_time, anchor=anchor)

    airline = None
    airline_slots = by_kind.get("airline_name", []) + by_kind.get("airline_code", [])
    if airline_slots:
        first = min(airline_slots, key=lambda s: s.get("start", 0))
        found = airlines.resolve(first["value"])
        airline = {
            "text": first["value"],
            "name": found.name if found else None,
            "code": found.code if found else None,
            "confidence": _confidence([first]),
        }

    cabin = next((c for c in map(_cabin, (s["value"] for s in by_kind.get("class_type", []))) if c), None)
    if cabin is None and by_kind.get("economy"):
        cabin = "economy"

    round_trip: bool | None = None
    for slot in by_kind.get("round_trip", []):
        round_trip = not _ONE_WAY.search(slot["value"].lower())
    if legs["return"]:
        round_trip = True

    nonstop = True if any(_NONSTOP.search(s["value"].lower()) for s in by_kind.get("flight_stop", [])) else None

    max_price = None
    ceilings = [s for s in by_kind.get("cost_relative", []) if _CEILING.search(s["value"].lower())]
    if ceilings and by_kind.get("fare_amount"):
        max_price = _price(by_kind["fare_amount"][0]["value"])

    return {
        "reference_time": reference_time.isoformat(),
        "intent": intent,
        "origin": origins[0] if origins else None,
        "destination": destinations[0] if destinations else None,
        "stops": [_place_field(g, text) for g in groups.get("stoploc", [])],
        "depart": _leg_field(depart, legs["depart"]),
        "arrive": _leg_field(arrive, legs["arrive"]),
        "return": _leg_field(back, legs["return"]),
        "airline": airline,
        "cabin": cabin,
        "round_trip": round_trip,
        "nonstop": nonstop,
        "max_price": max_price,
    }


# --- scoring against gold frames -----------------------------------------------------------------------


def _first_airport(place: dict[str, Any] | None) -> str | None:
    """A predicted place field's first airport, or a gold place's ``first_airport``."""
    if place is None:
        return None
    if "first_airport" in place:
        return place["first_airport"]
    airports = place.get("airports") or []
    return airports[0] if airports else None


def _comparable(field: str, value: Any) -> Any:
    """What of a field is compared: places by first airport (None for a place named but unknown, so that
    it never equals an absent one), legs by date and times, the airline by code."""
    if field in ("origin", "destination"):
        return None if value is None else ("place", _first_airport(value))
    if field == "stops":
        return [_first_airport(v) for v in value or []]
    if field in ("depart", "arrive", "return"):
        return None if value is None else (value.get("date"), value.get("earliest"), value.get("latest"))
    if field == "airline":
        return None if value is None else ("airline", value.get("code"))
    if field == "max_price":
        return None if value is None else (float(value["amount"]), value.get("currency"))
    return value


def score_frames(predicted: Sequence[dict[str, Any] | None], gold: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per-field accuracy and whole-frame accuracy of predicted frames against gold frames (a predicted
    None, out of scope, has every field empty)."""
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted frames for {len(gold)} gold frames")
    right = dict.fromkeys(FIELDS, 0)
    whole = 0
    for guess, truth in zip(predicted, gold, strict=True):
        guess = guess or {}
        all_right = True
        for field in FIELDS:
            same = _comparable(field, guess.get(field)) == _comparable(field, truth.get(field))
            right[field] += same
            all_right = all_right and same
        whole += all_right
    n = len(gold)
    return {
        "frames": n,
        "fields": {field: right[field] / n if n else 0.0 for field in FIELDS},
        "fields_right": sum(right.values()) / (n * len(FIELDS)) if n else 0.0,
        "whole_frame": whole / n if n else 0.0,
    }
