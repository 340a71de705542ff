"""An answer's slots -> a booking frame: where from and to, when, on which airline, in which cabin, for how much.

``build_frame(answer, reference_time, airlines, groups)`` reads one answer as ``AnswerBuilder.build``
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

* ``fromloc.*`` -> origin, ``toloc.*`` -> destination, ``stoploc.*`` -> stops; of two origins joined by
  a dash and no destination, the second is the destination ("lax-jfk"); of three or more places so joined, the
  first is the origin, the last the destination and those between stops ("SFO-ORD-LGA"). A city, airport name or
  airport code is the place; a state or country slot of the same role right after it is its qualifier
  ("portland , oregon"); a state or country alone is the place itself. Of several places of one role, the
  first that resolved is the field's.
* ``depart_date.*``, ``depart_time.*`` and the role-less date and time slots -> depart; ``arrive_*`` ->
  arrive (the departure, in a text with no word of arriving or coming back, when it has no date or time of
  that kind itself); ``return_*`` -> return, anchored on the departure date (``world.dates``). A leg whose date,
  earliest and latest are all unknown is None.
* ``airline_name``/``airline_code`` -> airline (name and code None when the airline is unknown; the text
  stays; none that the request rules out, "not on spirit"); without one, a place slot that names an airline
  right before another place of its role is the airline ("KLM amsterdam to nairobi", "KLM" tagged an origin),
  and so are the words before a place's own name in its slot ("ANA tokyo") and a day or month name that is
  none ("on klm"; an everyday word only after "on", "with", "via" or "by": "8 am sharp" is no Sharp Airlines);
  an airline slot and the word after it that together name another airline are that one ("el al": "el" tagged
  Air Nippon's code);
  a chat word, a letter, a cabin's word or an everyday word that names no airline tagged an airline is none
  ("plz", "premium", "cancel"); of several
  airlines, the one the tagger is surest of; ``class_type`` -> cabin (so is a place slot that is a
  cabin's word: "BUSINESS" tagged a city); ``round_trip`` ("round trip" True, "one way" False, also when
  tagged a place; any return slot makes it True); ``flight_stop`` ("nonstop", "direct") -> nonstop True (so do
  stops ruled out in words: "no layovers");
  ``fare_amount`` with a ceiling ``cost_relative`` ("under", "less than"; "cheapest" names no price) -> max_price;
  without them, an amount of money with a ceiling in words around it, whatever the tagger made of them ("budget is
  $450", "$350 or less"). "1.5k" is 1500; a number with a currency sign before it or a thousands separator after
  it ("$1,299.99", cut at the comma) is money, not a date or a time.

A field's confidence is the product of its slots' confidences: the chance every word of the field
carries the label that made it (each slot's confidence is already that chance for its own words).

``score_frames`` compares frames with the gold frames of ``eval/frames`` (see its README, "Format");
``slotfill frames`` (training/world_eval.py) runs the service's path over that file and scores it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from model.answers import OUT_OF_SCOPE
from model.bio import slot_role_and_kind
from world.dates import (
    CARDINALS,
    DATE_SLOTS,
    DOTTED_DATE,
    MONTHS,
    PACKED_DATE,
    TIME_SLOTS,
    TODAY_RELATIVE,
    WORDED_CLOCK,
    YEAR,
    Leg,
    holiday_phrases,
    names_a_day,
    names_a_day_of_month,
    names_a_part_of_the_day,
    parse_clock,
    relative_phrase,
    resolve_leg,
    stay_days,
    stays,
    writes_day_first,
)
from world.lexicon import CHAT_WORDS, never_alone
from world.places import airport_of, common_words, fold

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
PLACE_OR_QUALIFIER_KINDS = frozenset(PLACE_KINDS + QUALIFIER_KINDS)
RELATIVE_DATE_SLOTS = ("date_relative", "today_relative")  # widened to their phrase (world.dates.relative_phrase)
LEG_ROLES = {"depart": "depart", "arrive": "arrive", "return": "return", "": "depart"}

# Cabin words, longest first so that "premium economy" is not read as "economy".
CABINS = (
    ("premium economy", "premium_economy"),
    ("premium", "premium_economy"),
    ("business", "business"),
    ("biz", "business"),
    ("first", "first"),
    ("economy", "economy"),
    ("economic", "economy"),
    ("coach", "economy"),
    ("thrift", "economy"),
    ("main cabin", "economy"),
)
_CABIN_WORDS = {word for word, _ in CABINS}
_NO_AIRLINE_WORDS = frozenset({"ok", "okay"})  # "one stop is ok": no Czech Airlines (OK), whatever the tagger says
_FIRST_OF_A_TIME = re.compile(r"\s+(?:week|weekend|half|days?|of)\b", re.IGNORECASE)  # "first week of january"
_PURPOSE_AFTER = re.compile(r"\s+(?:trips?|travel|meetings?|purposes?|conference)\b", re.IGNORECASE)  # "business trip"
_ON_BEFORE = re.compile(r"\bon\s+$", re.IGNORECASE)  # "on business"
# A cabin the tagger ran into the end of a date or time slot: "december 23rd, business", "the 8th business".
_CABIN_ENDING = re.compile(r"[\s,]+(business|biz|first class|premium economy|economy|coach)$", re.IGNORECASE)
_ONE_WAY = re.compile(r"\bone[\s-]?way\b")
_TRIP_KIND = re.compile(r"(round|one)[\s-]?(trip|way)s?")  # a place slot of these words is none
_BOTH_WAYS = re.compile(r"\bround|\breturn|\bback\b|\bboth ways\b")  # what ATIS tags round_trip, "one way" aside
# Words that say a request comes back; without one, a return date alone is the departure's ("on tap next
# thursday": "thursday" tagged a return date, "next" a departure's).
# Right before a return date:
_RETURN_CUES = r"back|return|returning|returnin|coming back|comin back|come back|home|inbound"
# "coming" alone may be a return ("out monday coming friday"), but "this coming friday" is the next one.
_RETURN_WORD = re.compile(
    rf"\b(?:{_RETURN_CUES}|return\w*|(?<!this\s)(?<!the\s)coming|come|round[\s-]?trips?|roundtrip)\b", re.IGNORECASE
)
_RULED_OUT_BEFORE = re.compile(
    r"\b(?:not|no|except|but|avoid(?:ing)?|other than|besides|without)\s+(?:on\s+|with\s+|flying\s+|by\s+)?$",
    re.IGNORECASE,
)
_BREAK_AFTER = re.compile(r"\s*(?:break|vacation|holidays?)\b", re.IGNORECASE)  # "spring break": no airline
_THIS = re.compile(r"\bthis\s+$", re.IGNORECASE)
_MERIDIEM_AFTER = re.compile(r"\s*([ap]\.?m)\b\.?", re.IGNORECASE)
# "a.m." or "p.m." right after a number, which the tokenizer cuts in two ("a", "m"): the tagger reads "m" as anything.
_DOTTED_MERIDIEM = re.compile(r"(?<=\d)\s*[ap]\.\s?m\b\.?", re.IGNORECASE)
_HALF_DAY = re.compile(r"\bin\s+the\s+([ap]\.\s?m\b\.?)", re.IGNORECASE)  # "in the a.m.", as cut and misread
_RELATION_BEFORE = re.compile(
    r"\b((?:(?:no|not)\s+)?(?:before|by|after|until|till|b4|around|about|(?:earlier|later)\s+than))\s+$", re.IGNORECASE
)
_NEGATION_BEFORE = re.compile(r"\b(no|not)\s+$", re.IGNORECASE)  # "no" of "no earlier than", tagged otherwise
# Words of arriving somewhere: without one, an arrival's date or time is the departure's ("into", "by": ATIS's
# "flights into denver before noon" and "... by 6 pm" are arrivals).
_ARRIVAL_WORD = re.compile(
    r"\b(?:arr?i?v|land|reach|touch(?:es)? down|into|by|eta)"
    r"|\b(?:(?:get|gets|getting)(?: me| us)?|be) (?:in|there|to)\b"
    r"|\b(?:am|are|is) (?:in|to)\b",  # not "is there": a question ("is there anything nonstop ... in the evening")
    re.IGNORECASE,
)
# Stops ruled out in words, whatever the tagger made of them ("no layovers": "layovers" tagged a period of the day).
_NO_STOPS = re.compile(
    r"\b(?:no|without(?:\s+any)?|zero)\s+(?:layovers?|connections?|stops?|stopovers?)\b", re.IGNORECASE
)
_NONSTOP_WORD = re.compile(r"non[\s-]?stops?", re.IGNORECASE)
_NONSTOP = re.compile(rf"\b{_NONSTOP_WORD.pattern}\b|\bdirect(ly)?\b|\bno stops?\b|\bwithout stop")
# cost_relative words that make a fare amount a ceiling.
_CEILING = re.compile(
    r"\b(under|less|below|cheaper|lower|not exceeding|no more|at most|up to|max(imum)?|within|beneath)\b"
)
# Currency words and signs, looked for in the amount and the words right around it ("€80", "900 dirhams").
_CURRENCIES = (
    ("€", "EUR"), ("euro", "EUR"), ("eur", "EUR"), ("£", "GBP"), ("pound", "GBP"), ("quid", "GBP"), ("gbp", "GBP"),
    ("¥", "JPY"), ("yen", "JPY"), ("jpy", "JPY"), ("₹", "INR"), ("rupee", "INR"), ("inr", "INR"),
    ("dirham", "AED"), ("aed", "AED"), ("peso", "MXN"), ("mxn", "MXN"), ("aud", "AUD"), ("a$", "AUD"),
    ("nzd", "NZD"), ("hkd", "HKD"), ("hk$", "HKD"), ("sgd", "SGD"), ("s$", "SGD"), ("cad", "CAD"), ("c$", "CAD"),
    ("chf", "CHF"), ("franc", "CHF"), ("won", "KRW"), ("krw", "KRW"), ("baht", "THB"), ("yuan", "CNY"),
    ("rmb", "CNY"), ("real", "BRL"), ("reais", "BRL"), ("rand", "ZAR"), ("lira", "TRY"), ("krone", "NOK"),
    ("kronor", "SEK"), ("zloty", "PLN"), ("usd", "USD"), ("$", "USD"), ("dollar", "USD"), ("buck", "USD"),
)  # fmt: skip
_CURRENCY_WORD = re.compile("|".join(rf"(?<![a-z]){re.escape(w)}(?:s|es)?(?![a-z])" for w, _ in _CURRENCIES))
# An amount of money: a sign before it or a currency word after it ("$450", "€80", "300 euros", "1.5k bucks").
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NUMBER = rf"{_AMOUNT.pattern}k?"
_MONEY = rf"(?:[$€£¥₹]\s?{_NUMBER}|{_NUMBER}\s*(?:dollars?|bucks?|usd|euros?|eur|pounds?|gbp|quid))"
# A ceiling said around an amount of money, whatever the tagger made of its words: "budget is $450", "$350 or less".
_CEILING_AROUND = re.compile(
    r"\b(?:under|less than|below|cheaper than|lower than|no more than|not more than|at most|up to|max(?:imum)?|"
    rf"within|budget)(?:\s+(?:is|of|a|around|about))*\s+({_MONEY})(?![\w$])"
    rf"|(?<![\w$])({_MONEY})\s+(?:or\s+(?:less|under|below|cheaper)|max(?:imum)?|tops|at most)\b",
    re.IGNORECASE,
)
_MONEY_SIGNS = ("$", "€", "£", "¥", "₹")
_THOUSANDS_AFTER = re.compile(r",\d{3}(?!\d)")  # "1" of "1,299"
_THOUSANDS = re.compile(r"k(?![a-z])", re.IGNORECASE)  # "1k", "1.5k": so many thousands
_RANGE_JOINER = re.compile(r"[\s,]*(?:-|–|to|through|thru|till|until)?[\s,]*(?:the\s+)?", re.IGNORECASE)
_SLASH_DATE = re.compile(r"\d{1,2}/\d{1,2}(/\d{2}(\d{2})?)?")
# A slashed date or a word (a day name, as ``_date_words_cut_off`` checks) and "am" or "pm": "12/5 AM", "sat pm".
_DATE_MERIDIEM = re.compile(r"(\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?|[a-z]+\.?)\s*([ap]\.?m\.?)", re.IGNORECASE)
_DAY_AFTER = re.compile(r"\.?[\s,]*(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?\b", re.IGNORECASE)  # "dec 5", "Dec. 5"
_TWO_DAYS = re.compile(r"(0?[1-9]|[12]\d|3[01])\s*(?:-|–|to|through)\s*(0?[1-9]|[12]\d|3[01])", re.IGNORECASE)
_DAY_DIGITS = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
_RANGE_TO = r"\s*(?:-|–|to|through|thru|till|until)\s*"
# Two days and then their month: "12-19 april", "22nd - 26th may", "the 4th to the 11th of june".
_DAYS_THEN_MONTH = re.compile(
    rf"\b({_DAY_DIGITS}){_ORDINAL_SUFFIX}{_RANGE_TO}(?:the\s+)?({_DAY_DIGITS}){_ORDINAL_SUFFIX}\s+(?:of\s+)?([a-z]+)\b",
    re.IGNORECASE,
)
# A month and day to a month and day: "dec 10 to dec 20", "Jan 8 - Jan 15th".
_MONTH_DAYS = re.compile(
    rf"\b([a-z]+)\.?\s+({_DAY_DIGITS}{_ORDINAL_SUFFIX}){_RANGE_TO}([a-z]+)\.?\s+({_DAY_DIGITS}{_ORDINAL_SUFFIX})\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_TO_BEFORE = re.compile(r"\b(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)
_WEEKEND_AFTER = re.compile(r"\s+weekend\b", re.IGNORECASE)
_DOTTED_CLOCK_PARTS = re.compile(r"\d{1,2}\.\d\d(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)  # "7.30 am" cut at its dot
_AT_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)
_DAY_PART_AFTER = re.compile(r"\s+(?:in the (?:morning|afternoon|evening)|at night|tonight|o'?clock|[ap]\.?m\b)", re.I)
_MONTH_BEFORE = re.compile(r"\b([a-z]+)\.?[\s,]*$", re.IGNORECASE)
_DAYS_UNIT = re.compile(r"days?|weeks?", re.IGNORECASE)
_DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?", re.IGNORECASE)
# "early" or "late" of a week or a month ("early next week", "late this month"): no time of day.
_WEEK_OR_MONTH_AFTER = re.compile(r"\s+(?:(?:next|this|in\s+the)\s+)?(?:week|month)\b", re.IGNORECASE)
_AFTER_NEXT = re.compile(r"\s+(after\s+next)\b", re.IGNORECASE)  # "friday after next": the friday a week later
# A word of arriving right before a time: "landing before 9 am", "arriving by 6", "to get in around noon".
_ARRIVING_BEFORE = re.compile(r"\b(?:land(?:s|ing)?|arriv(?:e|es|ing)|get(?:ting)? in|touch(?:es|ing)? down)\s+$", re.I)
# A word of reaching a place right before that place: "get to LA", "gets me to houston", "reach miami", "be in boston".
_REACHING = re.compile(
    r"\b(?:get(?:s|ting)?(?:\s+(?:me|us))?\s+(?:to|into)|be\s+(?:in|at)|reach(?:es|ing)?"
    r"|(?:arriv(?:e|es|ing)|land(?:s|ing)?)\s+(?:in|at))\s+$",
    re.IGNORECASE,
)
_DATE_JOINER = re.compile(r"\s+(?:(?:on|the)\s+)*", re.IGNORECASE)  # what may stand between a time and its date
_NTH_WORD = re.compile(r"first|second|third|fourth|last", re.IGNORECASE)  # "the last friday of january"
_MONTH_OF_AFTER = re.compile(r"\s+(?:of|in)\s+([a-z]+\.?)", re.IGNORECASE)
_THING_AFTER = re.compile(r"\s+thing\b", re.IGNORECASE)  # "first thing monday": the early morning
_ORDINAL_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)", re.IGNORECASE)  # "3rd": a day, no place
_NOON_OR_MIDNIGHT = re.compile(r"(noon|midnight)(ish)?", re.IGNORECASE)  # a clock time in a word, tagged a day
# "6pm", "7:30", "10 a.m."; "0630" (four digits from a zero), "18h30" and "6h" (24-hour, as France writes them)
_CLOCK = re.compile(
    r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|\d{1,2}:\d\d|0\d[0-5]\d|(?:[01]?\d|2[0-3])h(?:[0-5]\d)?", re.IGNORECASE
)
_COUNT_WORD = re.compile(r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten", re.IGNORECASE)
# A length of time ("5 hours", "90 mins"): no time of day, whatever the tagger made of it ("under 5 hours").
_DURATION_UNIT = r"\s*(?:hours?|hrs?|minutes?|mins?)\b"
_DURATION = re.compile(rf"(?:{_COUNT_WORD.pattern}|\d{{3}}|an?){_DURATION_UNIT}", re.IGNORECASE)
_DURATION_UNIT_AFTER = re.compile(_DURATION_UNIT, re.IGNORECASE)
# What an amount measures when it is no money: "under 50 lbs", "less than 3 hours".
_NOT_MONEY_UNIT = re.compile(r"\s*(?:lbs?|kgs?|kilos?|kilograms?|hours?|hrs?|minutes?|mins?|miles?|km)\b", re.I)
_COUNT_BEFORE = re.compile(rf"\b(?:{_COUNT_WORD.pattern})\s+$", re.IGNORECASE)
_DAY_OF = re.compile(r"[\s,]*(?:of\s+)?", re.IGNORECASE)  # between a day and its month: "3 jan", "3rd of jan"
_OR = re.compile(r"\bor\b", re.IGNORECASE)
_LAST_TWO_WORDS = re.compile(r"\S+\s+\S+$")
_DAY_NUMBER = re.compile(r"(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?", re.IGNORECASE)
_WORD_AFTER = re.compile(_DAY_OF.pattern + r"([a-z]+)", re.IGNORECASE)  # the word after a day: "5 feb", "5th of feb"
# What a bare number before it counts, when it is not a day: "2 seats", "3 tickets", "4 adults".
_GROUP_OF = re.compile(r"\b(?:family|party|group)\s+of\s+$", re.IGNORECASE)  # the number after it counts people
_COUNTED = re.compile(
    r"\s+(?:seats?|tickets?|tix|people|ppl|persons?|passengers?|pax|adults?|kids?|child(?:ren)?|infants?|seniors?"
    r"|travell?ers?|of us|bags?|suitcases?)\b",
    re.IGNORECASE,
)
# A red-eye is a time of departure, though ATIS tags it a flight modifier.
_RED_EYE_SPELLINGS = r"\bred[\s-]?eyes?\b|\bredeyes?\b"
_RED_EYE = re.compile(_RED_EYE_SPELLINGS + r"|\bovernight\b")
_RED_EYE_WORDS = re.compile(_RED_EYE_SPELLINGS, re.IGNORECASE)  # untagged, not "overnight": "overnight in denver"
AIRLINE_KINDS = ("airline_name", "airline_code")
DATE_OR_TIME_SLOTS = DATE_SLOTS | TIME_SLOTS
DAY_KINDS = DATE_SLOTS - {"date_relative"}  # the slots that date a leg by themselves ("next" alone does not)
RED_EYE_KINDS = ("flight_mod", "round_trip", "airline_code", "airline_name")  # what taggers make of "red eye"


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


@lru_cache(maxsize=64)  # a batch's answers share one reference time, and requests within a second another
def _isoformat(moment: datetime) -> str:
    return moment.isoformat()


def _confidence(slots: Sequence[dict[str, Any]]) -> float:
    return math.prod(float(s.get("confidence", 1.0)) for s in slots)


# --- places --------------------------------------------------------------------------------------------


class Regions(Protocol):
    """What ``place_groups`` asks of the places (``world.places.Places``)."""

    def is_region(self, text: str) -> bool: ...

    def city_in_region(self, text: str, region: str, states_only: bool = False) -> bool: ...


def place_groups(
    slots: list[dict[str, Any]],
    text: str,
    one_place: Callable[[str, str], bool] | None = None,
    regions: Regions | None = None,
) -> dict[str, list[list[dict[str, Any]]]]:
    """Per role ("" for none), each place's slots: the place slot and the qualifier slot right after
    it, if any ("portland , oregon"); a state or country alone is a place of its own. Place slots of one
    role side by side that together name one place (``one_place(text, kind)``) are read as one slot whose
    ``parts`` are theirs: the tagger cut a name it did not know ("hong" a country, "kong" a city). With
    ``regions``, a qualifier slot that names no region is no qualifier but a place of its own ("hobby" of
    "houston hobby" tagged a country: an airport, which ``build_frame`` reads as the city's), and a place
    slot of another role or kind right after a city is its qualifier all the same when it names a state or
    country the city lies in: "portland maine" at the end of a request read as an origin and a destination
    is Portland, Maine."""
    if one_place is not None:
        slots = _joined_places(slots, text, one_place)
    groups: dict[str, list[list[dict[str, Any]]]] = {}
    used: set[int] = set()
    for i, slot in enumerate(slots):
        role, kind = slot_role_and_kind(slot["name"])
        if i in used or kind not in PLACE_OR_QUALIFIER_KINDS:
            continue
        group = [slot]
        if kind in PLACE_KINDS and i + 1 < len(slots):
            after = slots[i + 1]
            after_role, after_kind = slot_role_and_kind(after["name"])
            placed = "end" in slot and "start" in after
            adjacent = not (text[slot["end"] : after["start"]] if placed else "").strip(" ,")
            qualifier = (
                after_role == role
                and after_kind in QUALIFIER_KINDS
                and (regions is None or regions.is_region(after["value"]))
            )
            misread = (
                placed
                and adjacent
                and not qualifier
                and regions is not None
                and kind == "city_name"
                and after_kind in PLACE_OR_QUALIFIER_KINDS
                and regions.city_in_region(slot["value"], after["value"])
            )
            if adjacent and (qualifier or misread):
                group.append(after)
                used.add(i + 1)
        groups.setdefault(role, []).append(group)
    return groups


def _joined_places(
    slots: list[dict[str, Any]], text: str, one_place: Callable[[str, str], bool]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for slot in slots:
        last = out[-1] if out else None
        role, kind = slot_role_and_kind(slot["name"])
        if last is not None and "end" in last and "start" in slot and not text[last["end"] : slot["start"]].strip(" ."):
            last_role, last_kind = slot_role_and_kind(last["name"])
            kinds = (last_kind, kind)
            # The kind that orders the lookups is the first place kind: "hong" (country) + "kong" (city) is a city.
            joined_kind = next((k for k in kinds if k in PLACE_KINDS), kind)
            joined = text[last["start"] : slot["end"]]
            if last_role == role and set(kinds) <= {*PLACE_KINDS, *QUALIFIER_KINDS} and one_place(joined, joined_kind):
                parts = [*last.get("parts", [last]), slot]
                name = f"{role}.{joined_kind}" if role else joined_kind
                out[-1] = {"name": name, "value": joined, "start": last["start"], "end": slot["end"],
                           "confidence": _confidence(parts), "parts": parts}  # fmt: skip
                continue
        out.append(slot)
    return out


def _place_field(group: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """A place of the frame from its slots, whose first carries the resolved ``"place"``
    (``world.resolve.Resolver.add_places``)."""
    first, last = group[0], group[-1]
    place = first.get("place")
    if place is not None:
        place = {k: v for k, v in place.items() if k != "match"}
    if len(group) == 1:
        typed = without_date_word(first, text)  # "ewr" of "ewr tonight": the date is the leg's
    else:
        typed = text[first["start"] : last["end"]] if "start" in first and "end" in last else first["value"]
    return {
        "text": typed or first["value"],
        "place": place,
        "airports": list(place["airports"]) if place else [],
        "confidence": _confidence(group),
    }


def _first_placed(fields: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first of a role's places that resolved, else its first: "1 adult SEA to HNL" ("adult" tagged an
    origin before "SEA") leaves from SEA."""
    return next((field for field in fields if field["place"] is not None), fields[0] if fields else None)


# --- legs ----------------------------------------------------------------------------------------------


def _leg_of(name: str) -> tuple[str, str] | None:
    """("depart", "day_name") for "depart_date.day_name" or the role-less "day_name"; None for a slot that
    is no date or time."""
    role, kind = slot_role_and_kind(name)
    if kind not in DATE_OR_TIME_SLOTS:
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


_GOOD_BEFORE = re.compile(r"\bgood\s+$", re.IGNORECASE)


def _greeting(slot: dict[str, Any], text: str) -> bool:
    """Whether a period of the day is a greeting's ("Good morning, I need a ticket ... on Friday"): no time."""
    kind = slot_role_and_kind(slot["name"])[1]
    return kind == "period_of_day" and "start" in slot and _GOOD_BEFORE.search(text[: slot["start"]]) is not None


def _booking_word_not_place(slot: dict[str, Any]) -> dict[str, Any]:
    """A place slot that is a cabin's word renamed the cabin ("BA BUSINESS": "BUSINESS" tagged a city), and one
    that names the kind of trip renamed that ("Round-trip Seattle ...": "Round-trip" tagged a city, which a
    map reads as Round Rock)."""
    if slot_role_and_kind(slot["name"])[1] not in PLACE_KINDS:
        return slot
    words = slot["value"].strip().lower()
    if words in _CABIN_WORDS:
        return {**slot, "name": "class_type"}
    if _TRIP_KIND.fullmatch(words):
        return {**slot, "name": "round_trip"}
    return slot


def _no_airline(text: str) -> bool:
    """Whether a word tagged an airline is surely none unless it names one: a function, chat or everyday word ("cancel"
    of "cancel my flight"; "delta" names one), one letter, a cabin's word."""
    word = text.strip().lower()
    return len(word) < 2 or word in never_alone() or word in common_words() or _cabin(word) is not None


def _no_place(group: list[dict[str, Any]]) -> bool:
    """Whether a place group is one function, chat or everyday word that names no place ("gotta", "me"; "late" of
    "in late january", tagged a stop)."""
    slot = group[0]
    word = slot["value"].strip().lower()
    if len(group) != 1:
        return False
    # A chat word is none even when it spells some small airport's code ("tix", "frm").
    return word in CHAT_WORDS or (slot.get("place") is None and (word in never_alone() or word in common_words()))


def _first_of_a_time(slot: dict[str, Any], text: str) -> bool:
    """Whether a slot is the "first" of a time ("first week of january", "first of march"), no cabin."""
    return (
        slot["value"].strip().lower() == "first"
        and "end" in slot
        and _FIRST_OF_A_TIME.match(text, slot["end"]) is not None
    )


def _purpose_of_a_trip(slot: dict[str, Any], text: str) -> bool:
    """Whether a slot is the "business" of a trip's purpose ("business trip", "on business"), no cabin."""
    if slot["value"].strip().lower() not in ("business", "biz") or "end" not in slot:
        return False
    return _PURPOSE_AFTER.match(text, slot["end"]) is not None or _ON_BEFORE.search(text, 0, slot["start"]) is not None


def _cabin(text: str) -> str | None:
    text = text.lower()
    return next((cabin for word, cabin in CABINS if word in text), None)


def _price(amount: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The amount of a ``fare_amount`` slot and its currency, named in the slot or right around it (a
    sign the tokenizer dropped, "€80"; a currency word after it, "900 dirhams"); dollars if none."""
    # read in the text where the slot is: the tokenizer cuts "1.5k" and "1,299.99" at their dots
    written, start = (text, amount["start"]) if "start" in amount else (amount["value"], 0)
    digits = _AMOUNT.search(written, start)
    if digits is None or ("end" in amount and digits.start() >= amount["end"]):
        return None
    value = float(digits.group(0).replace(",", ""))
    if _THOUSANDS.match(written, digits.end()):
        value *= 1000
    elif _NOT_MONEY_UNIT.match(written, digits.end()):
        return None  # "under 50 lbs"
    around = amount["value"]
    if "start" in amount and "end" in amount:
        around = text[max(0, amount["start"] - 3) : amount["start"]] + " " + around + " "
        around += " ".join(text[amount["end"] :].split()[:1])
    word = _CURRENCY_WORD.search(around.lower())
    currency = "USD"
    if word is not None:
        found = word.group(0)
        currency = next(code for w, code in _CURRENCIES if found in (w, w + "s", w + "es"))
    return {"amount": int(value) if value.is_integer() else value, "currency": currency}


def _arrival_time_from(out: list[dict[str, Any]], i: int, kind: str) -> int:
    """Slot ``i`` (a time or a time relation) made the arrival's, and the clock time right after a relation too;
    the index of the last slot made so."""
    out[i] = {**out[i], "name": f"arrive_time.{kind}"}
    after = out[i + 1] if i + 1 < len(out) and "start" in out[i + 1] else None
    after_kind = slot_role_and_kind(after["name"])[1] if after is not None else ""
    if kind == "time_relative" and after is not None and after_kind in ("time", "period_of_day"):
        out[i + 1] = {**after, "name": f"arrive_time.{after_kind}"}  # "midnight", tagged a return's period
        return i + 1
    return i


def _reaching_place_before(out: list[dict[str, Any]], i: int, text: str) -> bool:
    """Whether slot ``i`` comes right after the destination (one or more of its slots, "atlanta GA") of a word of
    reaching it: "get to LA before 5pm", "gets me to houston before 9 am"."""
    first = i
    while (
        first > 0
        and slot_role_and_kind(out[first - 1]["name"])[0] == "toloc"
        and "end" in out[first - 1]
        and not text[out[first - 1]["end"] : out[first]["start"]].strip(" ,")
    ):
        first -= 1
    return first < i and bool(_REACHING.search(text, 0, out[first]["start"]))


def _dates_read(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with the dates the tagger mislabelled renamed dates: a month word right before a number is a month
    whatever its tag ("dec" of "lax dec 19", tagged a city or a time relation), the number its day; a clock time
    with its "am" or "pm" or minutes is the leg's time ("6pm" tagged a day number), its end after a start time
    ("2pm" of "between 10am and 2pm", tagged an airport code); "12/24" is a date ("1/9" tagged a city); a number
    right after a day joined by "-" or "to" is the range's other day ("dec 22-29": "29" tagged a flight number), and
    one slot of two days right after a month is the two days ("10-14" of "march 10-14", tagged a clock time). A day
    that is a year ("2 march 2028") is the year; a number that counts seats or people ("2 seats", "two adults") is
    no date at all, nor the word it counts; a month word right after a day ("3 jan", "the 3rd of jan") is the month
    whatever its tag, and the number before it the day whatever its own when no day follows the month ("back 16 dec":
    "16" tagged a price). A month word or a day from today that ends a longer slot ("paris jan" of "paris jan 30",
    tagged a city; "british airways tonight", an airline) is cut off it first. "Today", "tonight" or "tomorrow"
    tagged otherwise is that date, and so is "weeks" of "in two weeks"; a word tagged a place that is none and names
    or misspells a day is that day, and a place slot that is a month's name is that month. A holiday the text names
    is that holiday's date (``_holidays_read``), and a range with its month written ("12-19 april", "dec 10 to
    dec 20") is the departure's and the return's dates (``_month_ranges_read``). A day and its month in one slot
    of another kind ("12 dec", tagged a clock time) is the date. The words of a stay ("for 10 days", the return's
    to ``build_frame``) are no date, a length of time ("under 5 hours") no time of day, and a number written as
    money ("$1,299": "1" tagged a clock time) the fare; "pax" of "2 pax", tagged a city, is no place, nor "not" of
    "not before 10" a day; "first thing" is the early morning of the leg of the date after it; "non-stop" and a
    cabin's word ("premium" of "premium economy") tagged a date are what they say. A date between
    dots ("5.1.2027") is one day slot (``_dotted_dates_joined``), and "friday after next" one relative date
    (``_after_next_joined``). A time tagged the departure's right after a word of landing ("landing before 9 am") is
    the arrival's, and so is one right after the destination of a word of reaching it ("get to LA before 5pm
    tomorrow"), with the date right after it. The "m" of "a.m." or "p.m." after a number, which the tokenizer cuts in
    two, is no slot but for a time ("6:30 a.m.": "m" tagged a fare code), and a range's start right before one with no
    range end is a clock time ("6:30" of "6:30 a.m.", tagged a start time)."""
    out = _day_ranges_split(_date_words_cut_off(_month_ranges_read(_holidays_read(slots, text), text), text), text)
    out = _worded_clocks_read(_dotted_clocks_joined(_dotted_dates_joined(out, text), text), text)
    out = _after_next_joined(out, text)
    counts: set[int] = set()  # the slots that count something: left out
    stay_spans = [match.span() for match in stays(text)]  # "for 10 days": how long, no date
    meridiems = (
        [m.span() for m in _DOTTED_MERIDIEM.finditer(text)] + [m.span(1) for m in _HALF_DAY.finditer(text)]
        if "." in text
        else []
    )
    ends = any(slot_role_and_kind(slot["name"])[1] == "end_time" for slot in out)
    for i, slot in enumerate(out):
        if "start" not in slot:
            continue
        if any(start <= slot["start"] and slot["end"] <= end for start, end in stay_spans):
            counts.add(i)
            continue
        role, kind = slot_role_and_kind(slot["name"])
        if any(start <= slot["start"] and slot["end"] <= end for start, end in meridiems) and kind not in TIME_SLOTS:
            counts.add(i)  # "m" of "6:30 a.m.", cut off its "a.", tagged a fare code or a return date: part of the time
            continue
        if kind == "start_time" and not ends and any(start == slot["end"] for start, _ in meridiems):
            out[i] = {**slot, "name": f"{role}.time" if role else "time"}  # "6:30" of "6:30 a.m.", no range: a time
            continue
        leg = _date_leg(role)
        if leg == "arrive_date" and not _ARRIVAL_WORD.search(text):
            leg = "depart_date"  # a date read from words tagged an arrival's, in a text of no arriving: "Feb 1–4"
        words = slot["value"].strip()
        # ("1700 hours" is a clock time)
        duration = _DURATION.fullmatch(words) or (
            words.isdigit() and len(words) < 4 and _DURATION_UNIT_AFTER.match(text, slot["end"])
        )
        if kind in DATE_OR_TIME_SLOTS and duration:
            counts.add(i)  # "5 hours" of "under 5 hours": how long, no time of day
            continue
        if kind in DATE_OR_TIME_SLOTS and words.isdigit() and _is_money(slot, text):
            out[i] = {**slot, "name": "fare_amount"}  # "1" of "$1,299", tagged a clock time
            continue
        day_month = _DAY_MONTH.fullmatch(words)
        if kind not in DATE_SLOTS and day_month is not None and _is_month(day_month.group(1)):
            out[i] = {**slot, "name": f"{leg}.day_number"}  # "12 dec" tagged a clock time: the date
            continue
        noon = kind in ("day_name", "period_of_day") and _NOON_OR_MIDNIGHT.fullmatch(words)
        clock = _CLOCK.fullmatch(words) or noon
        if (kind not in TIME_SLOTS or kind == "period_of_day") and clock:
            # "6pm" tagged a day number, "2pm" of "between 10am and 2pm" an airport code, "noonish" a day name,
            # "7:15am" a period of the day: the leg's clock time.
            previous = out[i - 1] if i > 0 else None
            ends = previous is not None and slot_role_and_kind(previous["name"])[1] == "start_time"
            out[i] = {**slot, "name": f"{leg.replace('_date', '_time')}.{'end_time' if ends else 'time'}"}
            continue
        bare_hour = kind not in DATE_OR_TIME_SLOTS and _bare_hour_after_relation(words, text, slot)
        if bare_hour or (kind not in TIME_SLOTS and kind not in PLACE_KINDS and _worded_hour(words, text, slot)):
            # "8" of "no later than 8", tagged a price, "eleven" of "around eleven" or "seven thirty" of "at seven
            # thirty in the morning", tagged a day: the hour of the relation's leg, if its relation is tagged.
            role, previous_kind = slot_role_and_kind(out[i - 1]["name"]) if i > 0 else ("", "")
            times = role if previous_kind == "time_relative" and role else leg.replace("_date", "_time")
            out[i] = {**slot, "name": f"{times}.time"}
            continue
        if kind != "day_number" and (_SLASH_DATE.fullmatch(words) or PACKED_DATE.fullmatch(words)):
            # "12/18" tagged a month or a city; "14JAN" cut off "DXB 14JAN", a city
            out[i] = {**slot, "name": f"{leg}.day_number"}
            continue
        if kind not in DATE_SLOTS and TODAY_RELATIVE.fullmatch(slot["value"]):
            # "delhi tonight to mumbai": "tonight" tagged an airport; "TMRW B4 NOON": "TMRW" a time relation.
            out[i] = {**slot, "name": f"{leg}.today_relative"}
            continue
        value = slot["value"]
        if (
            (kind not in DATE_SLOTS or kind == "day_name")  # "weeks" names no day, whatever its tag
            and _DAYS_UNIT.fullmatch(value)
            and relative_phrase(text[: slot["start"]], value, text[slot["end"] :]) != value
        ):
            out[i] = {**slot, "name": f"{leg}.date_relative"}  # "weeks" of "in two weeks", tagged a stop or a day
            continue
        if kind in DATE_SLOTS and words.lower() in ("not", "no"):
            counts.add(i)  # "not" of "not before 10", tagged a return's day: no date (it turns the relation round)
            continue
        if kind in DATE_OR_TIME_SLOTS and _NONSTOP_WORD.fullmatch(words):
            out[i] = {**slot, "name": "flight_stop"}  # "non-stop" tagged a day name
            continue
        if kind in DATE_OR_TIME_SLOTS and words.lower() in _CABIN_WORDS and words.lower() != "first":
            out[i] = {**slot, "name": "class_type"}  # "premium" of "premium economy" tagged a day name
            continue
        after = out[i + 1] if i + 1 < len(out) and "start" in out[i + 1] else None
        if (
            _NTH_WORD.fullmatch(words)
            and after is not None
            and slot_role_and_kind(after["name"])[1] == "day_name"
            and text[slot["end"] : after["start"]].isspace()
            and (month := _MONTH_OF_AFTER.match(text, after["end"])) is not None
            and _is_month(month[1])
        ):
            # "last" of "the last friday of january" tagged a flight modifier, "march" of "the second monday in
            # march" a return's month: which day of which month, all of the day's leg
            leg = _date_leg(slot_role_and_kind(after["name"])[0])
            if kind not in DATE_SLOTS:
                out[i] = {**slot, "name": f"{leg}.date_relative"}
            for j, other in enumerate(out):
                if other.get("start") == month.start(1):
                    out[j] = {**other, "name": f"{leg}.month_name"}
            continue
        thing = _THING_AFTER.match(text, slot["end"]) if words.lower() == "first" and "end" in slot else None
        if thing is not None and kind not in PLACE_KINDS:
            # "first thing monday": "first" tagged a flight modifier or a day; the early morning of the next date's leg
            dates_after = [s for s in out[i + 1 :] if slot_role_and_kind(s["name"])[1] in DATE_OR_TIME_SLOTS]
            times = _date_leg(slot_role_and_kind(dates_after[0]["name"])[0]) if dates_after else "depart_date"
            first_thing = {"value": text[slot["start"] : thing.end()], "end": thing.end()}
            out[i] = {**slot, **first_thing, "name": f"{times.replace('_date', '_time')}.period_of_day"}
            continue
        if (kind in DATE_SLOTS or kind in PLACE_KINDS) and " " not in words and names_a_part_of_the_day(words):
            # "nite" of "fri nite", tagged a day; "mid-morning" of "BOS mid-morning", cut off a place
            out[i] = {**slot, "name": f"{leg.replace('_date', '_time')}.period_of_day"}
            continue
        if kind in PLACE_KINDS and _ORDINAL_DAY.fullmatch(words):
            out[i] = {**slot, "name": f"{leg}.day_number"}  # "3rd" of "from the 3rd to the 10th", tagged an airport
            continue
        unknown_place = kind in PLACE_KINDS and (slot.get("place") is None or slot["place"]["match"]["fuzzy"])
        if unknown_place and " " not in words and names_a_day(slot["value"]):
            out[i] = {**slot, "name": f"{leg}.day_name"}  # "sea to anc frday": "frday" a city
            continue
        if kind == "meal_description" and _RELATION_BEFORE.search(text[: slot["start"]]):
            # "after lunch" is a time of day, not a meal served: the leg's of the relation before it, if tagged
            role, previous_kind = slot_role_and_kind(out[i - 1]["name"]) if i > 0 else ("", "")
            times = role if previous_kind == "time_relative" and role else "depart_time"
            out[i] = {**slot, "name": f"{times}.period_of_day"}
            continue
        departing_time = role == "depart_time" and kind in ("time_relative", "time")
        if departing_time and _ARRIVING_BEFORE.search(text, 0, slot["start"]):
            # "landing before 9 am", tagged the departure's: the arrival's, and the clock time right after it too
            _arrival_time_from(out, i, kind)
            continue
        if departing_time and kind == "time_relative" and _reaching_place_before(out, i, text):
            # "get to LA before 5pm tomorrow", tagged the departure's: the arrival's, its clock time and the date
            # right after them too ("tomorrow"; a date before, "friday ... get to LA before 5pm", stays the departure's)
            last = _arrival_time_from(out, i, kind)
            while last + 1 < len(out) and "start" in out[last + 1] and "end" in out[last]:
                after_role, after_kind = slot_role_and_kind(out[last + 1]["name"])
                gap = text[out[last]["end"] : out[last + 1]["start"]]
                if after_role != "depart_date" or after_kind not in DATE_SLOTS or not _DATE_JOINER.fullmatch(gap):
                    break
                last += 1
                out[last] = {**out[last], "name": f"arrive_date.{after_kind}"}
            continue
        if kind == "period_mod" and _WEEK_OR_MONTH_AFTER.match(text, slot["end"]):
            counts.add(i)  # "early" of "early next week": which days, not which hours
            continue
        if kind == "day_number" and YEAR.fullmatch(slot["value"]):
            out[i] = {**slot, "name": f"{leg}.year"}
            continue
        # How many travel, tagged a date: the number ("2 seats", "two adults") and the word it counts, which is no
        # airline either ("for 3 adults": "adults" tagged one).
        counted = _COUNT_WORD.fullmatch(words) and (
            _COUNTED.match(text[slot["end"] :]) or _GROUP_OF.search(text[: slot["start"]])  # "family of 4"
        )
        number, _, noun = words.partition(" ")
        both = _COUNT_WORD.fullmatch(number) and _COUNTED.fullmatch(" " + noun)  # "2 adults" in one slot
        counted_noun = _COUNTED.fullmatch(" " + words)
        if (kind in DATE_OR_TIME_SLOTS and (counted or both)) or (kind not in PLACE_KINDS and counted_noun):
            counts.add(i)
            continue
        if kind in PLACE_KINDS and counted_noun and _COUNT_BEFORE.search(text, 0, slot["start"]):
            out[i] = {**slot, "name": "travellers"}  # "pax" of "2 pax", tagged a city (La Paz's code): no place
            continue
        if kind in TIME_SLOTS and " " not in words and names_a_day(words):
            out[i] = {**slot, "name": f"{leg}.day_name"}  # "Mon" of "LGA-ORD Mon 7am", tagged a time relation
            continue
        if kind in DATE_OR_TIME_SLOTS and words == "2" and _between_places(out, i, text):
            counts.add(i)  # "2" for "to", as typed ("miami 2 la"), tagged a clock time
            continue
        before = out[i - 1] if i > 0 and "end" in out[i - 1] else None
        if (
            _is_month(words)
            and before is not None
            # a month tagged a month needs a number before it that no date slot holds ("JFK, 20 December": "20"
            # tagged a price)
            and (kind != "month_name" or slot_role_and_kind(before["name"])[1] not in DATE_SLOTS)
            # "12" of "12 dec" may be tagged a clock time; "16" of "back 16 dec" a price, when no day follows
            # the month (else the month is that day's: "flight 16 dec 20")
            and (
                slot_role_and_kind(before["name"])[1] in ("day_number", "time")
                or _DAY_AFTER.match(text, slot["end"]) is None
            )
            and _DAY_NUMBER.fullmatch(before["value"])
            and _DAY_OF.fullmatch(text[before["end"] : slot["start"]])
        ):
            out[i] = {**slot, "name": f"{leg}.month_name"}  # "3 jan": "jan" tagged a day name or a price relation
            out[i - 1] = {**before, "name": f"{leg}.day_number"}
            continue
        after = out[i + 1] if i + 1 < len(out) and "start" in out[i + 1] else None
        day = after if after is not None and _DAY_NUMBER.fullmatch(after["value"]) else None  # a number right after
        joined = text[slot["end"] : day["start"]] if day is not None else ""
        if day is not None and _is_month(words) and not joined.strip(" ,."):  # "dec 5", "dec, 5", "Dec. 5"
            out[i] = {**slot, "name": f"{leg}.month_name"}
            out[i + 1] = {**day, "name": f"{leg}.day_number"}
        elif (
            day is not None
            and kind == "day_number"
            and slot_role_and_kind(day["name"])[1] not in DATE_SLOTS
            and joined.strip()
            and _RANGE_JOINER.fullmatch(joined)
        ):
            out[i + 1] = {**day, "name": f"{leg}.day_number"}
        elif kind in PLACE_KINDS and _is_month(words):
            out[i] = {**slot, "name": f"{leg}.month_name"}  # "to reykjavik in march": "march" a stop (March, England)
    return [slot for i, slot in enumerate(out) if i not in counts]


def _holidays_read(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with the words of a holiday the text names made one date slot of its leg ("christmas day":
    ATIS has no holiday, so the tagger reads "christmas" as a day name and "day" as a return date, "new years"
    as an airline, "new" a city). The leg is that of the slot on the holiday's first word when it is a date or
    time, else the departure; "weekend" right after it is part of it ("memorial day weekend"). A holiday none of
    whose words the tagger made a slot of, or one inside a longer place name ("christmas island"), is left alone."""
    out = list(slots)
    for start, end in holiday_phrases(text):
        weekend = _WEEKEND_AFTER.match(text, end)  # "memorial day weekend": "weekend" tagged a return's day
        reach = weekend.end() if weekend else end
        inside = [i for i, slot in enumerate(out) if "start" in slot and slot["start"] < reach and slot["end"] > start]
        longer_place = any(
            slot_role_and_kind(out[i]["name"])[1] in PLACE_KINDS and (out[i]["start"] < start or out[i]["end"] > reach)
            for i in inside
        )
        if not inside or longer_place:
            continue
        first = out[inside[0]]
        leg = _date_leg(slot_role_and_kind(first["name"])[0] if first["start"] <= start else "")
        holiday = {"name": f"{leg}.holiday", "value": text[start:end], "start": start, "end": end,
                   "confidence": _confidence([out[i] for i in inside])}  # fmt: skip
        out = [holiday if i == inside[0] else slot for i, slot in enumerate(out) if i == inside[0] or i not in inside]
    return out


def _worded_clock_spans(text: str) -> list[tuple[int, int]]:
    """Where the text says a time of day in words around its hour (``WORDED_CLOCK``: "half past six")."""
    lowered = text.lower()
    if "half" not in lowered and "quarter" not in lowered:  # most requests: spare the pattern's scan
        return []
    return [match.span() for match in WORDED_CLOCK.finditer(text)]


def _worded_clocks_read(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with a time of day said in words around its hour ("at half past six", "quarter to seven": the
    tagger makes a stop of "quarter" and a destination of "seven") made one time slot of the leg of a time slot
    among them, else the departure's, as sure as its words' slots; one the tagger left untagged is the
    departure's time all the same. A slot reaching outside those words leaves them as they are."""
    out = list(slots)
    for start, end in _worded_clock_spans(text):
        inside = [s for s in out if "start" in s and s["start"] < end and s["end"] > start]
        if any(s["start"] < start or s["end"] > end for s in inside):
            continue
        role = next((slot_role_and_kind(s["name"])[0] for s in inside if _leg_of(s["name"])), "") or "depart_time"
        clock = {"name": f"{role.replace('_date', '_time')}.time", "value": text[start:end], "start": start, "end": end}
        if inside:
            clock["confidence"] = _confidence(inside)
        kept = [s for s in out if not any(s is i for i in inside)]
        out = sorted([*kept, clock], key=lambda s: s.get("start", 0))
    return out


def _dotted_dates_joined(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with a date written between dots ("5.1.2027", which the tokenizer cuts at its dots) made one day
    slot of the leg of its first, as sure as its slots together, when the tagger read its numbers as dates or
    times."""
    if "." not in text:  # most requests: nothing to join
        return slots
    out = list(slots)
    for dotted in DOTTED_DATE.finditer(text):
        start, end = dotted.span()
        inside = [s for s in out if "start" in s and start <= s["start"] and s["end"] <= end]
        if not inside or any(slot_role_and_kind(s["name"])[1] not in DATE_OR_TIME_SLOTS for s in inside):
            continue
        leg = _date_leg(slot_role_and_kind(inside[0]["name"])[0])
        day = {"name": f"{leg}.day_number", "value": text[start:end], "start": start, "end": end}
        at = out.index(inside[0])
        out[at : at + len(inside)] = [{**day, "confidence": _confidence(inside)}]
    return out


def _dotted_clocks_joined(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with a clock time written with a dot ("7.30 am") that the tagger cut in two at the dot ("7" and
    "30 am", each tagged a time) made one slot again, as sure as both together."""
    if "." not in text:  # most requests: nothing to join
        return slots
    out: list[dict[str, Any]] = []
    for slot in slots:
        previous = out[-1] if out else None
        if (
            previous is not None
            and "end" in previous
            and "start" in slot
            and text[previous["end"] : slot["start"]] == "."
            and slot_role_and_kind(previous["name"])[1] in TIME_SLOTS
            # its minutes tagged a time too, or anything but a place ("30" of "at 7.30", tagged a fare)
            and slot_role_and_kind(slot["name"])[1] not in PLACE_OR_QUALIFIER_KINDS
            and _DOTTED_CLOCK_PARTS.fullmatch(text[previous["start"] : slot["end"]])
        ):
            confidence = _confidence([previous, slot])
            value = text[previous["start"] : slot["end"]]
            out[-1] = {**previous, "value": value, "end": slot["end"], "confidence": confidence}
            continue
        out.append(slot)
    return out


def _after_next_joined(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with the "after next" of a day ("friday after next") one ``date_relative`` of that day's leg, as sure
    as the slots inside it: the tagger reads its "after" as a relation of time, or as no slot."""
    if _AFTER_NEXT.search(text) is None:  # most requests: nothing to join
        return slots
    out: list[dict[str, Any]] = []
    joined: set[int] = set()  # the slots inside an "after next", by id
    for i, slot in enumerate(slots):
        if id(slot) in joined:
            continue
        out.append(slot)
        role, kind = slot_role_and_kind(slot["name"])
        after_next = _AFTER_NEXT.match(text, slot["end"]) if kind == "day_name" and "end" in slot else None
        if after_next is None:
            continue
        start, end = after_next.span(1)
        inside = [s for s in slots[i + 1 :] if "start" in s and start <= s["start"] and s["end"] <= end]
        joined.update(map(id, inside))
        confidence = _confidence(inside) if inside else slot["confidence"]
        relative = {"name": f"{_date_leg(role)}.date_relative", "value": text[start:end], "start": start, "end": end}
        out.append({**relative, "confidence": confidence})
    return out


def _is_money(slot: dict[str, Any], text: str) -> bool:
    """Whether a number is an amount of money by how it is written: a currency sign right before it, or a thousands
    separator after it ("$1,299": the tokenizer cut it at the comma)."""
    sign = text[max(0, slot["start"] - 1) : slot["start"]]
    return sign in _MONEY_SIGNS or _THOUSANDS_AFTER.match(text, slot["end"]) is not None


def _worded_hour(words: str, text: str, slot: dict[str, Any]) -> bool:
    """Whether a slot's words are a clock time in words ("eleven", "seven thirty") that its neighbours make a time
    of day: "at" or a relation of time right before it ("around eleven"), or a part of the day or "o'clock" right
    after it ("seven in the evening"); not after a month ("december eleven") nor before what it counts."""
    first = words.split(" ", 1)[0].lower()
    hour_word = 1 <= CARDINALS.get(first, 0) <= 12
    if not hour_word or not words.replace(" ", "").replace("-", "").isalpha() or parse_clock(words) is None:
        return False
    before, after = text[: slot["start"]], text[slot["end"] :]
    month = _MONTH_BEFORE.search(before)
    if (month is not None and _is_month(month[1])) or _COUNTED.match(after):
        return False
    return bool(_RELATION_BEFORE.search(before) or _AT_BEFORE.search(before) or _DAY_PART_AFTER.match(after))


def _bare_hour_after_relation(words: str, text: str, slot: dict[str, Any]) -> bool:
    """Whether a slot's words are an hour written as a bare number (1 to 23) right after a relation of time ("no
    later than 8", "before 6") and before no word that makes it a count or an amount ("by 2 adults", "under 8
    dollars")."""
    if not (words.isdigit() and 0 < int(words) < 24) or not _RELATION_BEFORE.search(text[: slot["start"]]):
        return False
    after = text[slot["end"] :]
    return not _COUNTED.match(after) and not _CURRENCY_WORD.match(after.strip().lower())


def _is_place(slot: dict[str, Any]) -> bool:
    return slot_role_and_kind(slot["name"])[1] in PLACE_KINDS


def _date_leg(role: str) -> str:
    """The date role of a slot's role: "return_time" -> "return_date"; a role that is no leg's -> "depart_date"."""
    return role.replace("_time", "_date") if role.endswith(("_date", "_time")) else "depart_date"


def _is_month(word: str) -> bool:
    return word.lower().rstrip(".") in MONTHS  # "dec", "Dec.", "december"


def ending_date_word(slot: dict[str, Any], text: str) -> str | None:
    """The date word that ends a slot of several words, or None: a month word right before a day number in
    the text ("dec" of "lax dec" in "lax dec 19": the tagger ran a place or a price relation into the date), a
    day number right before a month word ("5" of "seoul 5" in "seoul 5 feb"), a slashed date ("6/12" of "jfk 6/12")
    or a packed one ("14JAN" of "DXB 14JAN"),
    a clock time with its "am"/"pm" or minutes ("7am" of "DEN 7am"), a part of the day ending a place ("mid-morning"
    of "BOS mid-morning"), or a word for a day from today ("tonight" of "british airways tonight": it ran an airline
    into it). A day number and a month word that end a slot of more words are its date words together ("2nd dec" of
    "ord 2nd dec")."""
    words = slot["value"].split()
    if len(words) < 2 or "end" not in slot:
        return None
    last = words[-1]
    if len(words) > 2 and _is_month(last) and _DAY_NUMBER.fullmatch(words[-2]):
        day_month = _LAST_TWO_WORDS.search(slot["value"])
        return day_month.group(0) if day_month else None
    if _is_month(last) and _DAY_AFTER.match(text, slot["end"]) is not None:
        return last
    if _DAY_NUMBER.fullmatch(last) and (month := _WORD_AFTER.match(text, slot["end"])) and _is_month(month[1]):
        return last
    if (names_a_part_of_the_day(last) or names_a_day(last)) and slot_role_and_kind(slot["name"])[1] in PLACE_KINDS:
        return last  # "mid-morning" of "BOS mid-morning", "frday" of "anc frday"
    dated = TODAY_RELATIVE.fullmatch(last) or _SLASH_DATE.fullmatch(last) or PACKED_DATE.fullmatch(last)
    return last if dated or _CLOCK.fullmatch(last) else None


def without_date_word(slot: dict[str, Any], text: str) -> str:
    """The slot's text without a date word that ends it (``ending_date_word``: "lax" of "lax dec 19")."""
    word = ending_date_word(slot, text)
    return text[slot["start"] : slot["end"] - len(word)].rstrip(" ,-") if word else slot["value"]


def _date_words_cut_off(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with a date word that ends a slot of several words (``ending_date_word``) made a slot of its
    own under the same name, for the rules after to read ("to dec" of "dec 10 to dec 20" tagged a price
    relation: "to", "dec"; "british airways tonight" tagged an airline: "british airways", "tonight"); and a slashed
    date or a day name with its "am" or "pm" in one slot the leg's date and period of the day ("12/5 AM", tagged a
    clock time: 00:05 on no date; "sat pm": no date)."""
    out: list[dict[str, Any]] = []
    for slot in slots:
        dated = _DATE_MERIDIEM.fullmatch(slot["value"]) if "start" in slot else None
        if dated is not None and (dated[1][0].isdigit() or names_a_day(dated[1].rstrip("."))):
            # "12/5 AM" or "sat pm" in one slot, tagged a clock time: the date and the morning or afternoon
            leg = _date_leg(slot_role_and_kind(slot["name"])[0])
            day = "day_number" if dated[1][0].isdigit() else "day_name"
            for name, g in ((f"{leg}.{day}", 1), (f"{leg.replace('_date', '_time')}.period_of_day", 2)):
                start = slot["start"] + dated.start(g)
                out.append({**slot, "name": name, "value": dated[g], "start": start, "end": start + len(dated[g])})
            continue
        rest = without_date_word(slot, text) if slot_role_and_kind(slot["name"])[1] not in DATE_SLOTS else slot["value"]
        word = ending_date_word(slot, text) if rest != slot["value"] else None
        if word is not None:
            out.append({**slot, "value": rest, "end": slot["start"] + len(rest)})
            cut = {key: value for key, value in slot.items() if key != "place"}  # the rest's place, not the word's
            out.append({**cut, "value": word, "start": slot["end"] - len(word)})
        else:
            out.append(slot)
    return out


def _month_ranges_read(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with two days joined by "-" or "to" and then their month ("12-19 april", "22nd - 26th may") made
    the departure's day, the return's day and the month, and two months and days so joined ("dec 10 to dec 20")
    the departure's and the return's, whatever the tagger made of each ("22nd" tagged a month, "12" a start time;
    "10 to dec" a price relation), when it made a date or a time of some of them and of nothing reaching outside
    them."""
    days_then_month = (("depart_date.day_number", 1), ("return_date.day_number", 2), ("depart_date.month_name", 3))
    month_days = (("depart_date.month_name", 1), ("depart_date.day_number", 2), ("return_date.month_name", 3),
                  ("return_date.day_number", 4))  # fmt: skip
    out = list(slots)
    if _DIGIT.search(text) is None:  # both kinds of range write their days in digits
        return out
    # (the match, each group's slot name, the groups that must be month words)
    ranges: list[tuple[re.Match[str], tuple[tuple[str, int], ...], tuple[int, ...]]]
    ranges = [(match, days_then_month, (3,)) for match in _DAYS_THEN_MONTH.finditer(text)]
    ranges += [(match, month_days, (1, 3)) for match in _MONTH_DAYS.finditer(text)]
    for match, parts, months in ranges:
        start, end = match.span()
        inside = [i for i, slot in enumerate(out) if "start" in slot and slot["start"] < end and slot["end"] > start]
        # A place slot that runs on into the range ("hawaii dec 27-jan" of "hawaii dec 27-jan 3") is cut where the range
        # begins, and the range's dates are read all the same.
        running_in = [i for i in inside if out[i]["start"] < start < out[i]["end"] <= end and _is_place(out[i])]
        inside = [i for i in inside if i not in running_in]
        if (
            not inside
            or not all(_is_month(match.group(g)) for g in months)
            or not any(slot_role_and_kind(out[i]["name"])[1] in DATE_OR_TIME_SLOTS for i in inside)
            or any(out[i]["start"] < start or out[i]["end"] > end for i in inside)
        ):
            continue
        # Each made slot is as sure as the tagged slots it overlaps ("jan" of "jan 3rd thru jan 6th" as sure as the
        # "jan" slot, not as all five together: a leg multiplies its slots'), one that overlaps none as the least.
        tagged = [out[i] for i in inside + running_in]
        for i in running_in:
            place = text[out[i]["start"] : start].rstrip(" ,")
            out[i] = {**out[i], "value": place, "end": out[i]["start"] + len(place)}
        least = min(float(slot.get("confidence", 1.0)) for slot in tagged)
        made = []
        for name, g in parts:
            over = [slot for slot in tagged if slot["start"] < match.end(g) and slot["end"] > match.start(g)]
            confidence = _confidence(over) if over else least
            made.append(
                {
                    "name": name,
                    "value": match[g],
                    "start": match.start(g),
                    "end": match.end(g),
                    "confidence": confidence,
                }
            )
        out = out[: inside[0]] + made + [slot for i, slot in enumerate(out[inside[0] :], inside[0]) if i not in inside]
    return out


def _day_ranges_split(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with one slot of two days right after a month ("10-14" of "march 10-14", tagged a clock
    time) made the two days, for ``_ranges_read`` to read as a range."""
    out: list[dict[str, Any]] = []
    for slot in slots:
        previous = out[-1] if out else None
        days = _TWO_DAYS.fullmatch(slot["value"])
        if (
            days is None
            or previous is None
            or not _is_month(previous["value"])
            or "end" not in previous
            or "start" not in slot
            or text[previous["end"] : slot["start"]].strip(" ,")
        ):
            out.append(slot)
            continue
        leg = slot_role_and_kind(previous["name"])[0]
        name = f"{leg}.day_number" if leg.endswith("_date") else "depart_date.day_number"
        for group in (1, 2):
            day, start = days.group(group), slot["start"] + days.start(group)
            out.append({**slot, "name": name, "value": day, "start": start, "end": start + len(day)})
    return out


def _ranges_read(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with a second departure date right after the first, joined by "-", "to", "through" or
    nothing ("dec 19 - dec 26", "march 10-14", "monday to friday"), renamed a return date: a range. A day-number
    slot that names no day ("weekend" of "the weekend of december 12") starts none, nor does a month-name slot
    that names no month ("JFK" of "New York JFK, 20 December") or a day-name slot no day ("noonish friday")."""
    out: list[dict[str, Any]] = []
    kinds: set[str] = set()  # the kinds of date slot the departure has so far
    end: int | None = None  # where its last date slot ended
    in_range = False
    for slot in slots:
        role, kind = slot_role_and_kind(slot["name"])
        if role not in ("depart_date", "") or kind not in DATE_SLOTS or "start" not in slot:
            out.append(slot)
            continue
        if (
            (kind == "day_number" and not names_a_day_of_month(slot["value"]))
            or (kind == "month_name" and not _is_month(slot["value"]))
            or (kind == "day_name" and not names_a_day(slot["value"]))
        ):
            out.append(slot)
            continue
        between = text[end : slot["start"]] if end is not None else None
        rest_of_return = in_range and between is not None and not between.strip(" ,")  # "dec" then "26"
        if not rest_of_return:
            # Relative words side by side are one phrase, not a range: "two weeks from today", "weeks" tagged a day.
            in_range = (
                kind in kinds
                and between is not None
                and _RANGE_JOINER.fullmatch(between) is not None
                and not (kind == "date_relative" and not between.strip(" ,"))
            )
        if in_range:
            slot = {**slot, "name": f"return_date.{kind}"}
        else:
            kinds.add(kind)
        end = slot["end"]
        out.append(slot)
    return out


def _airline_read(
    groups: dict[str, list[list[dict[str, Any]]]], text: str, airlines: Airlines
) -> tuple[dict[str, list[list[dict[str, Any]]]], dict[str, Any] | None]:
    """The place groups without a place slot that names an airline, and that slot, when it stands right before
    another place of the same role ("KLM amsterdam to nairobi": "KLM" tagged a second origin; by a code only when
    it names no place: "BA heathrow", not "NY JFK"), unless that place is one of its airports ("bangkok
    suvarnabhumi" is Bangkok's airport, not Bangkok Airways)."""
    for role, role_groups in groups.items():
        for i, (group, following) in enumerate(itertools.pairwise(role_groups)):
            slot, after = group[0], following[0]
            place, airport = slot.get("place"), after.get("place")
            if (
                len(group) == 1
                and "end" in slot
                and "start" in after
                and not text[slot["end"] : after["start"]].strip()
                and _names_an_airline(slot, airlines)
                and not (place and airport and airport_of(airport["airports"], place["airports"]))
            ):
                return {**groups, role: role_groups[:i] + role_groups[i + 1 :]}, slot
    for group in (group for role_groups in groups.values() for group in role_groups):
        leading = _airline_before_place(group[0], airlines)
        if leading is not None:
            return groups, leading
    return groups, None


def _names_an_airline(slot: dict[str, Any], airlines: Airlines) -> bool:
    """Whether a place slot names an airline: by a name, or by a code that names no place ("BA heathrow"; "NY
    JFK" is New York's)."""
    value = slot["value"].strip()
    if airlines.named(value) is not None:
        return True
    return len(value) == 2 and slot.get("place") is None and airlines.resolve(value) is not None


def _airline_before_place(slot: dict[str, Any], airlines: Airlines) -> dict[str, Any] | None:
    """The airline that the first words of a place slot name when the rest are the place it resolved to ("ANA
    tokyo", "iberia madrid": the tagger read an airline first as part of the origin), as a slot of its own."""
    place = slot.get("place")
    words = list(re.finditer(r"\S+", slot["value"]))
    if place is None or "start" not in slot or len(words) < 2:
        return None
    for n in range(len(words) - 1, 0, -1):
        rest = slot["value"][words[n].start() :]
        if fold(rest) == fold(place["match"]["name"]) and airlines.named(slot["value"][: words[n - 1].end()]):
            end = words[n - 1].end()
            return {**slot, "name": "airline_name", "value": slot["value"][:end], "end": slot["start"] + end}
    return None


_ROUTE_JOINER = re.compile(r"\s*(?:-|–|—|->|>|→)\s*|\s+2\s+")  # "lax-jfk", "bos>sfo", "miami 2 la" (as typed)
ROUTE_OR_TO = re.compile(_ROUTE_JOINER.pattern + r"|\s+to\s+", re.IGNORECASE)  # "KC to STL": "KC" tagged an airline
# Two airport codes joined as a route: "ord-lga", "SEA->LAX"; "DEN>SLC" in one slot.
JOINED_CODES = re.compile(r"\b([A-Za-z]{3})\s*(?:->|[-–—>→])\s*([A-Za-z]{3})\b")
_JOINED_NAMES = re.compile(r"([^\W\d_][^\W\d_ ']*(?: [^\W\d_]+)*)\s*[-–—]\s*([^\W\d_][^\W\d_ ']*(?: [^\W\d_]+)*)")
# A form's label right before a place: "origin: houston", "To: Phoenix" (group 1 for an origin, 2 a destination).
_PLACE_LABEL = re.compile(
    r"\b(?:(origin|from|departure(?: city| airport)?|departing(?: from)?|leaving(?: from)?)"
    r"|(destination|to|arrival(?: city| airport)?|arriving(?: at| in)?|going to))\s*:\s*$",
    re.IGNORECASE,
)
_AIRLINE_CUE_BEFORE = re.compile(r"\b(?:on|with|via|by)\s*$", re.IGNORECASE)  # "on twa to atlanta": the airline


def route_ends_read(
    slots: list[dict[str, Any]], text: str, one_place: Callable[[str, str], bool]
) -> list[dict[str, Any]]:
    """The slots with an airport's code or a city's short name that the tagger gave another kind, joined as a route
    to a place slot, made that route's other end ("ATL-LAX 12/15": "LAX" tagged a month, so no destination;
    "jfk-lhr": "jfk" tagged a destination and "lhr" a month is JFK to LHR; "KC to STL": "KC" tagged an airline's
    code); a place slot after a form's label the origin or destination it labels ("origin: houston, destination:
    phoenix", both tagged destinations); and a city's name tagged another kind right after an origin, with nothing
    but a space between, the destination ("Flight Mumbai Delhi 15/01": "Delhi" tagged a time relation), unless the
    two together name one place ("paris orly"). Only a role no other place slot holds is given; the slots changed
    are copies, so that the answer keeps the tagger's own."""
    out = [_labelled_place(s, text) for s in sorted(slots, key=lambda s: s.get("start", 0))]
    out = [part for s in out for part in _codes_split(s, one_place)]
    roles = {slot_role_and_kind(s["name"])[0] for s in out if slot_role_and_kind(s["name"])[1] in PLACE_KINDS}

    def code(slot: dict[str, Any]) -> bool:
        word = slot["value"].strip()
        return (
            slot_role_and_kind(slot["name"])[1] not in PLACE_OR_QUALIFIER_KINDS
            and len(word) in (2, 3)
            and word.isalpha()
            and word.lower() not in never_alone()
            and not names_a_day(word)
            and one_place(word, "airport_code" if len(word) == 3 else "city_name")
            and not _AIRLINE_CUE_BEFORE.search(text, 0, slot["start"])
        )

    def city_after_origin(slot: dict[str, Any]) -> bool:
        word = slot["value"].strip()
        return (
            slot_role_and_kind(slot["name"])[1] not in PLACE_OR_QUALIFIER_KINDS
            and len(word) > 3
            and word.isalpha()
            and word.lower() not in never_alone()
            and word.lower() not in common_words()
            and not names_a_day(word)
            and one_place(word, "city_name")
        )

    def made(slot: dict[str, Any], role: str) -> dict[str, Any]:
        roles.add(role)
        kind = slot_role_and_kind(slot["name"])[1]
        if kind not in PLACE_KINDS:
            kind = "airport_code" if len(slot["value"].strip()) == 3 else "city_name"
        return {**slot, "name": f"{role}.{kind}"}

    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        first_role, first_kind = slot_role_and_kind(first["name"])
        second_role, second_kind = slot_role_and_kind(second["name"])
        if (first_kind in PLACE_KINDS) == (second_kind in PLACE_KINDS) or not (
            "end" in first and "start" in second and ROUTE_OR_TO.fullmatch(text[first["end"] : second["start"]])
        ):
            continue
        if first_kind in PLACE_KINDS and code(second) and "toloc" not in roles - {first_role}:
            if first_role in ("", "toloc") and "fromloc" not in roles:
                out[i] = made(first, "fromloc")
            out[i + 1] = made(second, "toloc")
        elif second_kind in PLACE_KINDS and code(first) and "fromloc" not in roles - {second_role}:
            if second_role in ("", "fromloc") and "toloc" not in roles:
                out[i + 1] = made(second, "toloc")
            out[i] = made(first, "fromloc")
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if (
            slot_role_and_kind(first["name"])[1] in PLACE_KINDS
            and slot_role_and_kind(first["name"])[0] in ("", "fromloc")
            and "toloc" not in roles
            and "end" in first
            and "start" in second
            and text[first["end"] : second["start"]].isspace()
            and city_after_origin(second)
            and not one_place(text[first["start"] : second["end"]], "city_name")
            and not one_place(text[first["start"] : second["end"]], "airport_name")
        ):
            out[i + 1] = made(second, "toloc")
    return out


def _codes_split(slot: dict[str, Any], one_place: Callable[[str, str], bool]) -> list[dict[str, Any]]:
    """A place slot of two airport codes joined as a route ("DEN>SLC" of "DEN>SLC>BOI", one origin to the tagger),
    or of two cities' names joined by a dash ("London-Paris", one token to the tokenizer), cut in two slots of its
    role, which the route's reading then orders; any other slot as it is."""
    if "start" not in slot or slot_role_and_kind(slot["name"])[1] not in PLACE_KINDS:
        return [slot]
    codes = JOINED_CODES.fullmatch(slot["value"])
    joined = codes or _JOINED_NAMES.fullmatch(slot["value"])
    if joined is None:
        return [slot]
    whole = one_place(slot["value"], "airport_name") or one_place(slot["value"], "city_name")  # "Sea-Tac": one place
    kind = "airport_code" if codes else "city_name"
    if whole or not all(one_place(joined[g], kind) for g in (1, 2)):  # "Winston-Salem" is one place
        return [slot]
    start = slot["start"]
    return [
        {**slot, "value": joined[g], "start": start + joined.start(g), "end": start + joined.end(g)} for g in (1, 2)
    ]


def _labelled_place(slot: dict[str, Any], text: str) -> dict[str, Any]:
    """A place slot right after a label and a colon ("origin: houston", "to: phoenix") given the role it labels."""
    role, kind = slot_role_and_kind(slot["name"])
    labelled_form = ":" in text and kind in PLACE_KINDS and "start" in slot  # most requests have no colon
    label = _PLACE_LABEL.search(text, 0, slot["start"]) if labelled_form else None
    if label is None:
        return slot
    labelled = "fromloc" if label.group(1) else "toloc"
    return slot if role == labelled else {**slot, "name": f"{labelled}.{kind}"}


def _between_places(slots: list[dict[str, Any]], i: int, text: str) -> bool:
    """Whether slot ``i`` stands right between two place slots, nothing but spaces either side ("miami 2 la")."""
    if not 0 < i < len(slots) - 1:
        return False
    before, slot, after = slots[i - 1], slots[i], slots[i + 1]
    return (
        all("start" in s for s in (before, slot, after))
        and slot_role_and_kind(before["name"])[1] in PLACE_KINDS
        and slot_role_and_kind(after["name"])[1] in PLACE_OR_QUALIFIER_KINDS  # "miami 2 ny": "ny" tagged a state
        and not text[before["end"] : slot["start"]].strip()
        and not text[slot["end"] : after["start"]].strip()
    )


def _route_read(
    groups: dict[str, list[list[dict[str, Any]]]], text: str, flight_on_a_date: bool = False
) -> dict[str, list[list[dict[str, Any]]]]:
    """The place groups with the second of two origins joined by a dash made the destination, when there is
    none ("lax-jfk" written as a route, both tagged origins), and the first of two destinations so joined made
    the origin, when there is none ("bos>sfo", both tagged destinations). When a request's origins and destinations
    are three or more places so joined, the first is the origin, the last the destination and those between are
    stops, whatever their tags ("SFO-ORD-LGA": "ORD" tagged a second origin; "bos > ord > sea", all destinations);
    a route that ends where it began goes there and back ("MSP-DEN-MSP": to DEN). Of two origins and no destination,
    the second is the destination when "for" or "to" stands right before it ("leaving denver ... for boston"). Of
    a request for a flight on a date (``flight_on_a_date``: no ground service, a date or time given) with one end, one
    place the tagger gave no role is the other ("a meeting in seattle on thursday ... from san jose": "seattle"
    tagged a city of no role; "in miami until the 20th, then to atlanta"; not "cab companies in tampa")."""
    origins, destinations = groups.get("fromloc", []), groups.get("toloc", [])

    def joined(first: dict[str, Any], second: dict[str, Any]) -> bool:
        between = text[first["end"] : second["start"]] if "end" in first and "start" in second else None
        return between is not None and _ROUTE_JOINER.fullmatch(between) is not None

    ends = [
        (role, n)
        for _, role, n in sorted(
            (group[0]["start"], role, n)
            for role in ("fromloc", "toloc")
            for n, group in enumerate(groups.get(role, []))
            if "start" in group[0]
        )
    ]
    if len(ends) >= 3 and all(joined(groups[a][i][-1], groups[b][j][0]) for (a, i), (b, j) in itertools.pairwise(ends)):
        chain = [groups[role][n] for role, n in ends]
        if fold(chain[0][0]["value"]) == fold(chain[-1][0]["value"]):  # "MSP-DEN-MSP": there and back
            chain = chain[:-1]
        return {
            **groups,
            "fromloc": [chain[0]],
            "stoploc": [*groups.get("stoploc", []), *chain[1:-1]],
            "toloc": [chain[-1]],
        }
    if not destinations and len(origins) >= 2 and joined(origins[0][-1], origins[1][0]):
        return {**groups, "fromloc": [origins[0], *origins[2:]], "toloc": [origins[1]]}
    # "leaving denver ... for boston", "boston" tagged a second origin: after "for" or "to", the destination.
    second = origins[1][0] if len(origins) == 2 else None
    if not destinations and second is not None and "start" in second and _TO_BEFORE.search(text, 0, second["start"]):
        return {**groups, "fromloc": [origins[0]], "toloc": [origins[1]]}
    if not origins and len(destinations) >= 2 and joined(destinations[0][-1], destinations[1][0]):
        return {**groups, "fromloc": [destinations[0]], "toloc": destinations[1:]}
    # One end named and one place of no role ("a meeting in seattle ... from san jose"): that place is the other end.
    roleless = [g for g in groups.get("", []) if slot_role_and_kind(g[0]["name"])[1] in PLACE_KINDS]
    if flight_on_a_date and len(roleless) == 1 and bool(origins) != bool(destinations):
        return {**groups, "": [], "toloc" if origins else "fromloc": roleless}
    return groups


def _airports_of_cities(
    groups: dict[str, list[list[dict[str, Any]]]], text: str
) -> dict[str, list[list[dict[str, Any]]]]:
    """The place groups with a place slot right after a city's that names one of that city's airports made that
    city's place, whatever role it was tagged ("Boston Logan ... to San Diego": "Logan" tagged a destination, so
    two of them; "tokyo narita", two origins): the airport is the city's, more precisely."""
    placed = sorted(
        (
            (group[0]["start"], role, n)
            for role, kept in groups.items()
            for n, group in enumerate(kept)
            if "start" in group[0]
        ),
    )
    dropped: set[tuple[str, int]] = set()
    renamed: dict[tuple[str, int], dict[str, Any]] = {}
    for (_, role, n), (_, next_role, m) in itertools.pairwise(placed):
        city, after = groups[role][n], groups[next_role][m]
        first, second = city[-1], after[0]
        city_place, airport = city[0].get("place"), second.get("place")
        if (
            len(after) == 1
            and (role, n) not in dropped
            and "end" in first
            and not text[first["end"] : second["start"]].strip()
            and city_place
            and airport
            and airport_of(airport["airports"], city_place["airports"])
        ):
            renamed[(role, n)] = {**city[0], "place": airport}
            dropped.add((next_role, m))
    if not dropped:
        return groups
    return {
        role: [
            [renamed.get((role, n), group[0]), *group[1:]] for n, group in enumerate(kept) if (role, n) not in dropped
        ]
        for role, kept in groups.items()
    }


def _airline_not_day(slot: dict[str, Any], text: str, airlines: Airlines) -> dict[str, Any]:
    """A slot tagged a day or month name that is none and names an airline renamed the airline ("fly to amsterdam
    on klm": "klm" tagged a day name, as "on mon" would be); an everyday word only after a word that says an
    airline comes ("on delta"; "8 am sharp" names no Sharp Airlines); and so is two capitals of an airline's code
    tagged ATIS's "or" ("JFK-LHR FRIDAY NIGHT BA BUSINESS")."""
    kind = slot_role_and_kind(slot["name"])[1]
    value = slot["value"].strip()
    if kind == "or" and value.lower() != "or" and len(value) == 2 and value.isupper():
        # "BA" of "FRIDAY NIGHT BA BUSINESS", tagged ATIS's "or": an airline's code, in capitals
        return {**slot, "name": "airline_code"} if airlines.resolve(value) is not None else slot
    if kind not in ("day_name", "month_name") or names_a_day(value) or _is_month(value):
        return slot
    if value.lower() in common_words() and not _AIRLINE_CUE_BEFORE.search(text[: slot.get("start", 0)]):
        return slot
    return {**slot, "name": "airline_name"} if airlines.named(value) is not None else slot


_NEXT_WORD = re.compile(r"\s+(\S+)")


def _airlines_joined(
    slots: list[dict[str, Any]], text: str, airlines: Airlines
) -> tuple[list[dict[str, Any]], set[int]]:
    """The slots with an airline slot and the word right after it made one airline slot where together they are
    an airline's name and the first alone is not that airline ("el al": "el" tagged an airline code, Air Nippon's
    EL, "al" a second airline or a state code, or left untagged); and the starts of the slots so taken in, which
    are no places. A word is taken in when no slot holds it or one slot holds it alone."""
    ends = {slot["start"]: slot["end"] for slot in slots if "start" in slot and "end" in slot}
    out: list[dict[str, Any]] = []
    joined_at: set[int] = set()
    for slot in slots:
        if slot.get("start") in joined_at:
            continue  # the word the airline before took in
        kind = slot_role_and_kind(slot["name"])[1]
        word = _NEXT_WORD.match(text, slot["end"]) if kind in AIRLINE_KINDS and "end" in slot else None
        alone = word is not None and ends.get(word.start(1), word.end(1)) == word.end(1)
        if word is not None and alone:
            name = text[slot["start"] : word.end(1)]
            found = airlines.named(name)
            if found is not None and found != airlines.named(slot["value"]):
                slot = {**slot, "name": "airline_name", "value": name, "end": word.end(1)}
                joined_at.add(word.start(1))
        out.append(slot)
    return out, joined_at


_RETURN_CUE = re.compile(rf"\b(?:{_RETURN_CUES})\s*,?\s*(?:on\s+|by\s+)?(?:the\s+)?$", re.IGNORECASE)


def _returns_read(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with a departure date right after a return word ("back", "returning") renamed a return date,
    when a departure date comes before it: "leaving the 3rd, back the 17th", "17th" tagged a departure; and so is
    one right after a return's date that a return word opens ("return the following sunday": "sunday" tagged a
    departure)."""
    out: list[dict[str, Any]] = []
    departed = returning = False
    end: int | None = None  # where the last date slot of the return ended
    for slot in slots:
        role, kind = slot_role_and_kind(slot["name"])
        opened = role == "return_date" and "end" in slot and _RETURN_CUE.search(text, 0, slot["start"]) is not None
        if opened and kind in DATE_SLOTS:
            returning, end = True, slot["end"]
        if role != "depart_date" or kind not in DATE_SLOTS or "start" not in slot:
            out.append(slot)
            continue
        going_on = returning and end is not None and not text[end : slot["start"]].strip(" ,")  # "back" "march 10th"
        returning = going_on or (departed and _RETURN_CUE.search(text[: slot["start"]]) is not None)
        if returning:
            slot, end = {**slot, "name": f"return_date.{kind}"}, slot["end"]
        departed = True
        out.append(slot)
    return out


# A request that corrects itself: "thursday, actually make that friday", "the 12th, no wait, the 14th".
_CORRECTION = re.compile(
    r"\b(?:actually|make (?:that|it)|no,? wait|wait,? no|scratch that|i mean|i meant|sorry|correction|or rather)\b",
    re.IGNORECASE,
)
# The words of a date that say which day; the month and the year may stay when only the day is corrected.
_WHICH_DAY = frozenset({"day_name", "day_number", "today_relative", "date_relative", "holiday"})


def _corrections_read(slots: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The slots with a date or time the request corrects ("on thursday, actually make that friday", "tomorrow sorry
    i mean saturday", "monday morning actually afternoon") left out and its correction put in its leg, whatever leg
    the tagger gave it ("saturday" tagged a return's): the day words of the leg's date when the correction names a
    day, its month when it names a month, its times when it names a time. Slots inside the words that correct
    ("scratch" of "scratch that") are none. A correction followed by a word of coming back is a return, not a
    correction ("sorry, returning friday")."""
    if _CORRECTION.search(text) is None:  # most requests: nothing to correct
        return slots
    out = list(slots)
    for marker in _CORRECTION.finditer(text):
        out = [s for s in out if not ("start" in s and marker.start() <= s["start"] < marker.end())]
        before = [s for s in out if "end" in s and s["end"] <= marker.start() and _leg_of(s["name"]) is not None]
        after = [s for s in out if "start" in s and s["start"] >= marker.end() and _leg_of(s["name"]) is not None]
        if not before or not after or _RETURN_WORD.search(text, marker.end(), after[0]["start"]):
            continue
        leg, _ = _leg_of(before[-1]["name"]) or ("depart", "")
        # The correction: the date or time slots right after the marker, up to the first word that is none of them.
        correction = [after[0]]
        for slot in after[1:]:
            if text[correction[-1]["end"] : slot["start"]].strip(" ,"):
                break
            correction.append(slot)
        kinds = {slot_role_and_kind(s["name"])[1] for s in correction}
        corrected = (TIME_SLOTS if kinds & TIME_SLOTS else set()) | (kinds & {"month_name", "year"})
        corrected |= _WHICH_DAY if kinds & _WHICH_DAY else set()
        dropped = [s for s in before if _leg_of(s["name"]) in {(leg, kind) for kind in corrected}]
        if not dropped:
            continue
        renamed = {id(s): {**s, "name": _in_leg(s, leg)} for s in correction}
        out = [renamed.get(id(s), s) for s in out if not any(s is d for d in dropped)]
    return out


def _in_leg(slot: dict[str, Any], leg: str) -> str:
    """A date or time slot's name in ``leg``: "return_date.day_name" in "depart" is "depart_date.day_name"."""
    kind = slot_role_and_kind(slot["name"])[1]
    return f"{leg}_time.{kind}" if kind in TIME_SLOTS else f"{leg}_date.{kind}"


def _untagged_red_eye(slots: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    """A slot made of a red-eye that no slot holds, unless the request rules it out ("no red-eyes"): the departure's
    time all the same. It adds nothing to the leg's confidence, having none of its own."""
    if "red" not in text.lower():  # most requests: spare the pattern's scan
        return None
    found = _RED_EYE_WORDS.search(text)
    if found is None or _RULED_OUT_BEFORE.search(text, 0, found.start()):
        return None
    if any(s.get("start", len(text)) < found.end() and s.get("end", -1) > found.start() for s in slots):
        return None  # tagged: _reread reads it
    return {"name": "depart_time.period_of_day", "value": found.group(0), "start": found.start(), "end": found.end()}


def _untagged_half_day(slots: list[dict[str, Any]], text: str) -> tuple[str, dict[str, Any]] | None:
    """A period of the day made of "in the a.m." or "in the p.m." that no time slot holds (the tokenizer cuts "a.m."
    in two and the tagger reads its "m" as anything), with its leg: that of the last date before it, else the
    departure."""
    found = _HALF_DAY.search(text) if "." in text else None
    if found is None:
        return None
    start, end = found.span(1)
    kinds = [(slot_role_and_kind(s["name"])[1], s) for s in slots if "start" in s and "end" in s]
    if any(kind == "period_of_day" and s["start"] < end and s["end"] > start for kind, s in kinds):
        return None  # tagged a period: read as it is (tagged a clock time, "p.m" alone reads as none)
    dates = [_leg_of(s["name"]) for kind, s in kinds if kind in DATE_SLOTS and s["end"] <= found.start()]
    leg = next((found_leg[0] for found_leg in reversed(dates) if found_leg), "depart")
    return leg, {"name": f"{leg}_time.period_of_day", "value": found.group(1), "start": start, "end": end}


def _reread(slot: dict[str, Any], previous: dict[str, Any] | None, text: str) -> dict[str, Any]:
    """A slot renamed where its words say more than its label: a red-eye (ATIS's flight_mod; "red" tagged a round
    trip or an airline code by a tagger that saw one red-eye in training) is a time of departure, no round trip;
    a bare number right after a month name is its day ("dec 12"), not a clock time. (Slashed dates and month
    words the tagger tagged otherwise are ``_dates_read``'s, before this.)"""
    role, kind = slot_role_and_kind(slot["name"])
    start = slot.get("start")
    if kind in RED_EYE_KINDS or (kind == "day_name" and not names_a_day(slot["value"])):  # "red" tagged a day
        # From the slot's first word on: the tokenizer cuts "red-eye" as a range of two codes, the tagger may tag "red".
        red_eye = _RED_EYE.match(text[start:].lower() if start is not None else slot["value"].lower())
        if red_eye is None:
            return slot
        if start is None:
            return {**slot, "name": "depart_time.period_of_day"}
        end = start + red_eye.end()
        return {**slot, "name": "depart_time.period_of_day", "value": text[start:end], "end": max(end, slot["end"])}
    if kind != "time" or not _DAY_NUMBER.fullmatch(slot["value"]) or start is None:
        return slot
    month_role, month_kind = slot_role_and_kind(previous["name"]) if previous is not None else ("", "")
    if month_kind == "month_name" and previous and not text[previous.get("end", 0) : slot["start"]].strip(" ,"):
        return {**slot, "name": f"{month_role}.day_number" if month_role else "day_number"}
    # A month word the tagger left out, right before the number ("dec 12"): the number is its day.
    month = _MONTH_BEFORE.search(text[previous.get("end", 0) if previous else 0 : slot["start"]])
    if month is not None and month.group(1).lower() in MONTHS:
        day = f"{role.replace('_time', '_date')}.day_number" if role else "day_number"
        start = slot["start"] - len(month.group(0))
        return {**slot, "name": day, "value": text[start : slot["end"]], "start": start}
    return slot


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
    dated = ""  # the leg of the last date slot so far
    previous: dict[str, Any] | None = None
    read = _ranges_read(_corrections_read(_dates_read(slots, text), text), text)
    reread = [_airline_not_day(s, text, airlines) for s in _returns_read(read, text)]
    reread = [s for s in reread if not _greeting(s, text)]
    reread, joined_at = _airlines_joined([_booking_word_not_place(s) for s in reread], text, airlines)
    # Place slots read as something else are no places: "tonight" tagged an airport is not the origin; nor are
    # those joined into an airline's name.
    no_place_at = joined_at | {
        s["start"] for s in reread if "start" in s and slot_role_and_kind(s["name"])[1] not in PLACE_OR_QUALIFIER_KINDS
    }
    # And place slots inside a time said in words ("quarter" and "seven" of "quarter to seven").
    no_place_at |= {s["start"] for s in slots for a, b in _worded_clock_spans(text) if a <= s.get("start", -1) < b}
    for slot in reread:
        slot = previous = _reread(slot, previous, text)
        kind = slot_role_and_kind(slot["name"])[1]
        leg = _leg_of(slot["name"])
        if leg is None:
            by_kind.setdefault(kind, []).append(slot)
            continue
        if leg[1] in DATE_SLOTS:
            dated = leg[0]
        # A departure time after the return date is the return's: "back sunday evening".
        legs["return" if leg == ("depart", leg[1]) and leg[1] in TIME_SLOTS and dated == "return" else leg[0]].append(
            slot
        )

    # An arrival's date or time in a text with no word of arriving or coming back is the departure's ("phx to las 1/15
    # at noonish": "noonish" tagged an arrival's time; ATIS's "nonstop flights ... on sunday" tags arrivals), unless
    # the departure has its own of that kind.
    arriving = {slot_role_and_kind(s["name"])[1] for s in legs["arrive"]}
    if (
        arriving
        and not arriving & {slot_role_and_kind(s["name"])[1] for s in legs["depart"]}
        and not _ARRIVAL_WORD.search(text)
        and not _RETURN_WORD.search(text)
    ):
        legs = {
            **legs,
            "depart": sorted(legs["depart"] + legs["arrive"], key=lambda s: s.get("start", 0)),
            "arrive": [],
        }

    if not any(slot_role_and_kind(s["name"])[1] in TIME_SLOTS for s in legs["depart"]):
        red_eye = _untagged_red_eye(reread, text)
        if red_eye is not None:  # "red-eye lax to jfk thursday", "red" and "eye" untagged
            legs = {**legs, "depart": sorted([*legs["depart"], red_eye], key=lambda s: s.get("start", 0))}
    half_day = _untagged_half_day(reread, text)
    if half_day is not None and not any(slot_role_and_kind(s["name"])[1] in TIME_SLOTS for s in legs[half_day[0]]):
        leg_name, period = half_day  # "back sunday in the p.m.": the return's afternoon
        legs = {**legs, leg_name: sorted([*legs[leg_name], period], key=lambda s: s.get("start", 0))}

    groups = place_groups(slots, text) if groups is None else groups
    # A function, chat or everyday word tagged a place that names none is no place either ("gotta" of "gotta fly to
    # rome").
    groups = {
        role: [g for g in kept if g[0].get("start") not in no_place_at and not _no_place(g)]
        for role, kept in groups.items()
    }
    # A chat word, a letter or a cabin tagged an airline is none ("plz", "u", "premium" of "premium economy").
    # A season's word before "break" is none either ("spring break": "spring" tagged an airline, Spring Airlines).
    # An airline the request rules out is not the frame's ("not on spirit", "anything but united").
    airline_slots = [s for s in by_kind.get("airline_name", []) + by_kind.get("airline_code", [])
                     if s["value"].strip().lower() not in CHAT_WORDS | _NO_AIRLINE_WORDS
                     and (not _no_airline(s["value"]) or airlines.resolve(s["value"]) is not None)
                     and not ("end" in s and _BREAK_AFTER.match(text, s["end"]))
                     and not ("start" in s and _RULED_OUT_BEFORE.search(text, 0, s["start"]))]  # fmt: skip
    if not airline_slots:
        groups, named = _airline_read(groups, text, airlines)
        airline_slots = [named] if named else []
    flight_on_a_date = "ground_service" not in (intent or "") and any(legs.values())
    groups = _route_read(_airports_of_cities(groups, text), text, flight_on_a_date)
    origins = [_place_field(g, text) for g in groups.get("fromloc", [])]
    destinations = [_place_field(g, text) for g in groups.get("toloc", [])]

    def leg_slots(name: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for slot in legs[name]:
            kind = slot_role_and_kind(slot["name"])[1]
            value = slot["value"]
            if kind in RELATIVE_DATE_SLOTS and "start" in slot:
                value = relative_phrase(text[: slot["start"]], value, text[slot["end"] :])
            elif kind == "day_name" and "start" in slot and _THIS.search(text[: slot["start"]]):
                value = "this " + value  # "this friday" may be today (world.dates); the tagger leaves "this" out
            elif kind == "time_relative" and "start" in slot and _NEGATION_BEFORE.search(text[: slot["start"]]):
                value = "no " + value  # "no earlier than 7pm" is after 7pm, whatever the tagger made of "no"
            elif kind in ("time", "start_time", "end_time", "period_of_day") and "start" in slot:
                # Words the tagger may leave out of a clock time: "pm" after it or after a range's end or start
                # ("between 6 and 8 p.m."), "by", "after" or "around" before it (before a period too: "after lunch").
                meridiem = _MERIDIEM_AFTER.match(text[slot["end"] :]) if kind != "period_of_day" else None
                value += " " + meridiem.group(1) if meridiem else ""
                relation = _RELATION_BEFORE.search(text[: slot["start"]]) if kind in ("time", "period_of_day") else None
                if relation and not any(k == "time_relative" for k, _ in found):
                    found.append(("time_relative", relation.group(1)))
            found.append((kind, value))
        return found

    dates_of = {name: {slot_role_and_kind(s["name"])[1] for s in legs[name]} & DAY_KINDS for name in legs}
    # Two return dates and no departure date: the first is the departure's ("and back on the 15th and 18th"), unless
    # they are choices ("back friday or saturday").
    return_days = [s for s in legs["return"] if slot_role_and_kind(s["name"])[1] in DAY_KINDS and "start" in s]
    kinds = [slot_role_and_kind(s["name"])[1] for s in return_days]
    at = next((i for i in range(1, len(kinds)) if kinds[i] == kinds[0]), 0)  # where a second date begins
    if not dates_of["depart"] and at and not _OR.search(text, return_days[at - 1]["end"], return_days[at]["start"]):
        second = return_days[at]["start"]
        legs = {
            **legs,
            "depart": [*legs["depart"], *(s for s in legs["return"] if s.get("start", 0) < second)],
            "return": [s for s in legs["return"] if s.get("start", 0) >= second],
        }
        dates_of["depart"] = set(kinds[:at])
    if legs["return"] and dates_of["return"] and not dates_of["depart"] and not _RETURN_WORD.search(text):
        legs = {
            **legs,
            "depart": sorted(legs["depart"] + legs["return"], key=lambda s: s.get("start", 0)),
            "return": [],
        }
    day_first = writes_day_first(text)
    depart = resolve_leg(leg_slots("depart"), reference_time, day_first=day_first)
    anchor: date | None = depart.date
    arrive = resolve_leg(leg_slots("arrive"), reference_time, day_first=day_first)
    back = resolve_leg(leg_slots("return"), reference_time, anchor=anchor, day_first=day_first)
    stay = stay_days(text) if back.is_empty() and depart.date is not None else None
    if stay is not None and depart.date is not None:  # "dec 22 for a week": back on the 29th
        back = Leg(depart.date + timedelta(days=stay), None, None)
        words = next(iter(stays(text)), None)
        legs["return"] = [{"value": words.group(0) if words else "", "confidence": _confidence(legs["depart"])}]

    airline = None
    if airline_slots:
        # One airline to a frame: the one the tagger is surest of ("ok" tagged a code before "american").
        surest = max(airline_slots, key=lambda s: (float(s.get("confidence", 1.0)), -s.get("start", 0)))
        found = airlines.resolve(surest["value"])
        airline = {
            "text": surest["value"],
            "name": found.name if found else None,
            "code": found.code if found else None,
            "confidence": _confidence([surest]),
        }

    # With the word before it: the tagger may leave "premium" out of "premium economy". "first" of "first week of
    # january" and "business" of "business trip", tagged a class, are no cabin. A cabin the tagger ran into a date
    # ("december 23rd, business") is the cabin all the same.
    classes = [[*text[: s["start"]].split()[-1:], s["value"]] if "start" in s else [s["value"]]
               for s in by_kind.get("class_type", []) + by_kind.get("economy", [])
               if not _first_of_a_time(s, text) and not _purpose_of_a_trip(s, text)]  # fmt: skip
    classes += [[ending[1]] for s in reread
                if (_leg_of(s["name"]) or slot_role_and_kind(s["name"])[1] in AIRLINE_KINDS)  # "emirates biz"
                and (ending := _CABIN_ENDING.search(s["value"]))]  # fmt: skip
    cabin = next((c for c in (_cabin(" ".join(words)) for words in classes) if c), None)
    if cabin is None and by_kind.get("economy"):
        cabin = "economy"

    round_trip: bool | None = None
    for slot in by_kind.get("round_trip", []):  # "window seat" tagged a round trip says nothing of one
        one_way, both_ways = _ONE_WAY.search(slot["value"].lower()), _BOTH_WAYS.search(slot["value"].lower())
        round_trip = False if one_way else True if both_ways else round_trip
    back_field = _leg_field(back, legs["return"])
    if back_field is not None:  # "price no object": "object" tagged a return day says nothing
        round_trip = True

    # ATIS tags "nonstop" flight_stop and "direct" connect.
    stop_words = by_kind.get("flight_stop", []) + by_kind.get("connect", [])
    nonstop = True if any(_NONSTOP.search(s["value"].lower()) for s in stop_words) or _NO_STOPS.search(text) else None

    max_price = None
    ceilings = [s for s in by_kind.get("cost_relative", []) if _CEILING.search(s["value"].lower())]
    if ceilings and by_kind.get("fare_amount"):
        max_price = _price(by_kind["fare_amount"][0], text)
    said = _CEILING_AROUND.search(text) if max_price is None and _DIGIT.search(text) else None
    if said is not None:  # "budget is $450": "budget" tagged a period of the day
        money = 1 if said.group(1) else 2
        max_price = _price({"value": said.group(money), "start": said.start(money), "end": said.end(money)}, text)

    return {
        "reference_time": _isoformat(reference_time),
        "intent": intent,
        "origin": _first_placed(origins),
        "destination": _first_placed(destinations),
        "stops": [_place_field(g, text) for g in groups.get("stoploc", [])],
        "depart": _leg_field(depart, legs["depart"]),
        "arrive": _leg_field(arrive, legs["arrive"]),
        "return": back_field,
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
