"""Training sentences made from the data's own, new every epoch: what ATIS rarely or never shows.

- **World places and airlines.** ATIS names about 80 US cities and a few airlines. In some sentences
  each place slot is refilled with a place of the world in one of the forms people use (a city of
  one to four words, a nickname or metro code, an airport code or name, a city with its state or
  country) and each airline with another airline (``world.places``, ``world.airlines``). The words
  around it stay as they are, so the role (from, to, stop) is still read from the context.
- **Dates and times as people type them.** ATIS writes "december twelfth" and "5 pm"; people also
  write "dec 12", "12th december", "12/24", "tmrw", "in 3 days", "5:30pm", "17:00". Some dates and
  clock times are rewritten in such a form, their tags following the words.
- **Round trips.** ATIS has two return dates in training. Some sentences with a departure date get a
  return clause: a cue ("returning", "coming back", "back on", ...) and the date of another
  sentence's departure, tagged ``return_date.*``; or, as in "dec 19 - dec 26" and "may 10-17", no cue,
  the return date (or its day alone) right after the departure's.
- **Requests as typed into a search box.** ATIS's speakers say whole sentences; people also type "bos
  to sfo fri", "mumbai delhi 6 am". Some requests are cut to their slot words, with or without the
  "from", "to", "via" before each place: the order of the places then tells their roles.
- **What a request may also carry.** Most ATIS requests name no date, no airline and no price, and
  those that do put them in the middle; people also write "fri boston to denver", "osaka to sapporo
  tmrw", "klm amsterdam to nairobi", "nyc to la under 250". Some requests without a date get
  another sentence's departure date (or "tmrw", "tonight"), at the end or first; some without an
  airline get one of the world's, first or last; some without a fare a price ceiling at the end.
- **Who flies.** ATIS seldom says how many travel; people write "2 tickets ...", "... for 3 adults",
  "... 2 adults 1 child". Some requests get such words, untagged, first or last: a request that
  counts its seats is still a flight request (other assistants' "2 tickets for the concert" are not).

Both act on slot names (``*.city_name``, ``airline_name``, ``depart_date.*``, ...), so data that has
no such slots is left as it is.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.bio import Span, bio_spans, slot_role_and_kind
from training.data import Example
from world.dates import ORDINALS, parse_clock

# How a place slot is refilled: kind of substitute -> its slot type; chances per slot type below.
PLACE_FORMS = {
    "city_name": {"city": 0.5, "nickname": 0.1, "airport_code": 0.15, "airport_name": 0.1, "qualified": 0.15},
    "airport_code": {"airport_code": 0.6, "city": 0.2, "airport_name": 0.2},
    "airport_name": {"airport_name": 0.6, "city": 0.2, "airport_code": 0.2},
}
FORM_SLOT = {
    "city": "city_name",
    "nickname": "city_name",
    "airport_code": "airport_code",
    "airport_name": "airport_name",
}
# A city with its qualifier: "portland or", "paris texas", "paris france".
QUALIFIERS = {"state_code": 0.5, "state_name": 0.25, "country_name": 0.25}
AIRLINE_FORMS = {"airline_name": {"airline_name": 0.7, "airline_code": 0.3}, "airline_code": {"airline_code": 1.0}}
SPAN_SWAP_CHANCE = 0.8  # in a chosen sentence, each place or airline slot is refilled with this chance

RETURN_CUES = (
    ("returning",),
    ("returning", "on"),
    ("and", "returning"),
    ("and", "returning", "on"),
    ("return",),
    ("and", "return", "on"),
    ("coming", "back"),
    ("coming", "back", "on"),
    ("come", "back"),
    ("back", "on"),
    ("and", "back", "on"),
    ("flying", "back"),
    ("coming", "home"),
    ("then", "back"),
    ("to",),  # "dec 10 to dec 20", "monday to friday"
    ("through",),
    ("until",),
)
# A return counted from the departure ("back a week later"), tagged as ATIS tags "the following day".
LATER = tuple(
    (n, unit if n == "a" else unit + "s", "later")
    for n in ("a", "two", "three", "4", "5", "10")
    for unit in ("day", "week")
)
LATER_CHANCE = 0.1
RANGE_CHANCE = 0.5  # a return clause without a cue: the return date right after the departure's
DAY_ALONE_CHANCE = 0.5  # ... and then of its date only the day ("may 10-17")


@dataclass(frozen=True)
class Substitutes:
    """Token tuples to refill slots with, by kind (the keys of ``PLACE_FORMS`` and ``QUALIFIERS``,
    "nickname", "airline_name", "airline_code")."""

    by_kind: dict[str, list[tuple[str, ...]]]

    @classmethod
    def load(cls) -> Substitutes:
        from world.airlines import load_airlines
        from world.lexicon import never_alone
        from world.places import load_places

        alone = never_alone()
        pools = {**load_places().substitutes(), **load_airlines().substitutes()}
        return cls({kind: [t for t in pool if len(t) > 1 or t[0] not in alone] for kind, pool in pools.items()})

    def draw(self, kind: str, rng: np.random.Generator) -> tuple[str, ...] | None:
        pool = self.by_kind.get(kind)
        return pool[int(rng.integers(len(pool)))] if pool else None


def choose(forms: dict[str, float], rng: np.random.Generator) -> str:
    names = list(forms)
    return names[int(rng.choice(len(names), p=np.array(list(forms.values())) / sum(forms.values())))]


def tagged(tokens: Sequence[str], slot: str) -> list[str]:
    return [("B-" if i == 0 else "I-") + slot for i in range(len(tokens))]


def refill(span: Span, substitutes: Substitutes, rng: np.random.Generator) -> tuple[list[str], list[str]] | None:
    """New tokens and tags for a place or airline slot, or None to keep it."""
    role, kind = slot_role_and_kind(span.name)
    prefix = f"{role}." if role else ""
    forms = PLACE_FORMS.get(kind) or AIRLINE_FORMS.get(kind)
    if forms is None:
        return None
    form = choose(forms, rng)
    if form == "qualified":
        qualifier = choose(QUALIFIERS, rng)
        name, extra = substitutes.draw("city", rng), substitutes.draw(qualifier, rng)
        if not name or not extra:
            return None
        return [*name, *extra], tagged(name, prefix + "city_name") + tagged(extra, prefix + qualifier)
    name = substitutes.draw(form, rng)
    if not name:
        return None
    return list(name), tagged(name, prefix + FORM_SLOT.get(form, form))


def swap_places(example: Example, substitutes: Substitutes, rng: np.random.Generator) -> Example:
    """The example with its place and airline slots refilled (each with ``SPAN_SWAP_CHANCE``)."""
    tokens: list[str] = []
    tags: list[str] = []
    position = 0
    for span in bio_spans(example.tags):
        tokens += example.tokens[position : span.first]
        tags += example.tags[position : span.first]
        new = refill(span, substitutes, rng) if rng.random() < SPAN_SWAP_CHANCE else None
        tokens += new[0] if new else example.tokens[span.first : span.last + 1]
        tags += new[1] if new else example.tags[span.first : span.last + 1]
        position = span.last + 1
    return dataclasses.replace(example, tokens=tokens + example.tokens[position:], tags=tags + example.tags[position:])


def departure_dates(examples: Sequence[Example]) -> list[tuple[list[str], list[str]]]:
    """Each sentence's departure date as written: its tokens from the first ``depart_date.*`` word
    to the last ("monday", "december twenty fifth", "the 3rd of may") and the time right after it
    ("monday morning"), tags renamed ``return_date.*`` and ``return_time.*``."""
    found = []
    for e in examples:
        inside = [i for i, t in enumerate(e.tags) if t[2:].startswith("depart_date.")]
        if inside and not any(t[2:].startswith("return_") for t in e.tags):
            first, last = inside[0], inside[-1]
            while last + 1 < len(e.tags) and e.tags[last + 1][2:].startswith("depart_time."):
                last += 1
            renamed = [t.replace("depart_", "return_") for t in e.tags[first : last + 1]]
            found.append((e.tokens[first : last + 1], renamed))
    return found


def add_return(example: Example, dates: Sequence[tuple[list[str], list[str]]], rng: np.random.Generator) -> Example:
    """The example with a return clause after its last departure word (date or time: "on wednesday
    morning" stays the departure's, "returning thursday" follows it)."""
    inside = [i for i, t in enumerate(example.tags) if t[2:].startswith(("depart_date.", "depart_time."))]
    if not inside or not dates:
        return example
    cue: tuple[str, ...] = RETURN_CUES[int(rng.integers(len(RETURN_CUES)))]
    date_tokens, date_tags = dates[int(rng.integers(len(dates)))]
    if rng.random() < LATER_CHANCE:
        words = LATER[int(rng.integers(len(LATER)))]
        date_tokens, date_tags = list(words), tagged(words, "return_date.date_relative")
        cue = cue if cue[-1:] != ("on",) else cue[:-1]  # "back a week later", not "back on a week later"
    elif rng.random() < RANGE_CHANCE:
        cue = ()
        day = next((s for s in bio_spans(date_tags) if s.name == "return_date.day_number"), None)
        if day is not None and rng.random() < DAY_ALONE_CHANCE:
            date_tokens, date_tags = date_tokens[day.first : day.last + 1], date_tags[day.first : day.last + 1]
    at = inside[-1] + 1
    return dataclasses.replace(
        example,
        tokens=[*example.tokens[:at], *cue, *date_tokens, *example.tokens[at:]],
        tags=[*example.tags[:at], *(["O"] * len(cue)), *date_tags, *example.tags[at:]],
    )


ONE_WORD_DATES = ("tonight", "today", "tomorrow", "tmrw", "tmr", "tomorow")  # most people's relative dates
ADDED_DATE_CHANCE = 0.25  # with dates as typed: a request without a date gets one
ADDED_FARE_CHANCE = 0.08  # ... and a request without a fare a price ceiling
ADDED_DATE_FIRST_CHANCE = 0.5  # an added date goes first: "fri boston to denver"
ADDED_ONE_WORD_CHANCE = 0.3  # ... and is one word ("tmrw", "tonight"), which ATIS's dates seldom are


def add_date(
    example: Example, dates: Sequence[tuple[list[str], list[str]]], rng: np.random.Generator, one_word: bool = True
) -> Example:
    """The example with another sentence's departure date at its end ("osaka to sapporo tmrw") or start;
    ``one_word``: or a word such as "tmrw" (tagged ``depart_date.today_relative``, which the data must know)."""
    if one_word and rng.random() < ADDED_ONE_WORD_CHANCE:
        date_tokens = [ONE_WORD_DATES[int(rng.integers(len(ONE_WORD_DATES)))]]
        date_tags = ["B-depart_date.today_relative"]
    else:
        date_tokens, return_tags = dates[int(rng.integers(len(dates)))]
        date_tags = [t.replace("return_", "depart_") for t in return_tags]
    if rng.random() < ADDED_DATE_FIRST_CHANCE:
        return dataclasses.replace(example, tokens=[*date_tokens, *example.tokens], tags=[*date_tags, *example.tags])
    return dataclasses.replace(example, tokens=[*example.tokens, *date_tokens], tags=[*example.tags, *date_tags])


ADDED_AIRLINE_CHANCE = 0.08  # with world places: a request without an airline gets one, first or "on ..." last
ADDED_AIRLINE_FIRST_CHANCE = 0.6


def add_airline(example: Example, substitutes: Substitutes, rng: np.random.Generator) -> Example:
    """The example with an airline of the world first ("klm amsterdam to nairobi") or last ("... on klm")."""
    form = choose(AIRLINE_FORMS["airline_name"], rng)
    airline = substitutes.draw(form, rng)
    if airline is None:
        return example
    tokens, tags = list(airline), tagged(airline, form)
    if rng.random() < ADDED_AIRLINE_FIRST_CHANCE:
        return dataclasses.replace(example, tokens=[*tokens, *example.tokens], tags=[*tags, *example.tags])
    on = ["on"] if rng.random() < 0.5 else []
    return dataclasses.replace(
        example, tokens=[*example.tokens, *on, *tokens], tags=[*example.tags, *(["O"] * len(on)), *tags]
    )


# How many travel, as people add it to a request (words of no slot): first, or last.
PARTY_FIRST = (("{n}", "tickets"), ("{n}", "seats"), ("{n}", "adults"), ("{n}", "passengers"),
               ("i", "need", "{n}", "tickets"), ("book", "{n}", "seats"), ("{n}", "tickets", "please"))  # fmt: skip
PARTY_LAST = (("for", "{n}"), ("for", "{n}", "people"), ("for", "{n}", "adults"), ("for", "{n}", "passengers"),
              ("{n}", "adults", "{m}", "kids"), ("{n}", "adults", "{m}", "child"), ("{n}", "tickets"), ("{n}", "seats"),
              ("for", "a", "family", "of", "{n}"), ("for", "me", "and", "my", "wife"))  # fmt: skip
ADDED_PARTY_CHANCE = 0.08  # with dates as typed: a request gets how many travel
ADDED_PARTY_FIRST_CHANCE = 0.4


def add_party(example: Example, rng: np.random.Generator) -> Example:
    """The example with how many travel first ("2 tickets boston to denver") or last ("... for 3 adults")."""
    first = rng.random() < ADDED_PARTY_FIRST_CHANCE
    forms = PARTY_FIRST if first else PARTY_LAST
    n, m = (COUNTS[int(rng.integers(len(COUNTS)))] for _ in range(2))
    words = [w.format(n=n, m=m) for w in forms[int(rng.integers(len(forms)))]]
    tokens = [*words, *example.tokens] if first else [*example.tokens, *words]
    tags = [*["O"] * len(words), *example.tags] if first else [*example.tags, *["O"] * len(words)]
    return dataclasses.replace(example, tokens=tokens, tags=tags)


# A price ceiling as people add it to a request: "under 300", "less than 250 euros", "up to 900 aud". Tagged as ATIS
# tags "less than 1000 dollars": the relation's words cost_relative but "than", the amount and its unit fare_amount.
CEILINGS = (("under",), ("under",), ("below",), ("less", "than"), ("max",), ("up", "to"), ("at", "most"),
            ("no", "more", "than"), ("cheaper", "than"))  # fmt: skip
AMOUNTS = (80, 99, 120, 150, 200, 250, 300, 350, 400, 450, 500, 600, 750, 800, 900, 1000, 1200, 1500, 2000, 5000)


def add_fare(example: Example, rng: np.random.Generator) -> Example:
    """The example with a price ceiling at its end."""
    relation = CEILINGS[int(rng.integers(len(CEILINGS)))]
    currency = CURRENCY_WORDS[int(rng.integers(len(CURRENCY_WORDS)))]
    amount = [str(AMOUNTS[int(rng.integers(len(AMOUNTS)))]), *([currency] if currency else [])]
    relation_tags = ["O" if w == "than" else f"{'B' if i == 0 else 'I'}-cost_relative" for i, w in enumerate(relation)]
    return dataclasses.replace(
        example,
        tokens=[*example.tokens, *relation, *amount],
        tags=[*example.tags, *relation_tags, *tagged(amount, "fare_amount")],
    )


DATE_FIRST_CHANCE = 0.4  # a shortened request's departure date and time go first: "12/24 atl to msy"
AIRLINE_FIRST_CHANCE = 0.3  # ... and its airline: "CX hkg to sfo"
DESTINATION_FIRST_CHANCE = 0.4  # or its destination, the origin after "from": "samarkand from istanbul"
PREPOSITIONS = frozenset({"in", "at", "into", "of", "for"})  # "arriving in", "stop in": kept with the word before


def shorten(example: Example, rng: np.random.Generator) -> Example:
    """The request cut to its slot words: "from boston to denver monday morning", or "boston denver
    monday morning" when the places come in that order (origin first, no stop), for then the order
    tells the roles; otherwise the words right before each place stay ("to denver from boston",
    "boston to denver via atlanta"), and then sometimes the destination goes first without its word
    ("denver from boston"). Else sometimes the departure date and time or the airline go first
    ("monday morning boston to denver", "ua boston to denver")."""
    spans = bio_spans(example.tags)
    places = [r for r in (slot_role_and_kind(s.name)[0] for s in spans) if r in ("fromloc", "toloc", "stoploc")]
    in_order = places[:2] == ["fromloc", "toloc"] and "stoploc" not in places
    cut_roles = in_order and rng.random() < 0.5
    kept = {i for i, tag in enumerate(example.tags) if tag != "O"}
    if not cut_roles:
        # The word before each place ("from", "via"), two before a preposition ("arriving in", "stop in").
        for span in spans:
            if "loc." not in span.name:
                continue
            at = span.first - 1
            while at >= 0 and example.tags[at] == "O" and at >= span.first - 2:
                kept.add(at)
                if example.tokens[at] not in PREPOSITIONS:
                    break
                at -= 1
    order = sorted(kept)
    origin = next((s for s in spans if s.name.startswith("fromloc.")), None)
    from_origin = origin is not None and origin.first > 0 and example.tokens[origin.first - 1] == "from"
    if in_order and not cut_roles and from_origin and rng.random() < DESTINATION_FIRST_CHANCE:
        # The destination's words (and its qualifier's) without the words before it ("to", "arriving in").
        start = next(s.first for s in spans if s.name.startswith("toloc."))
        end = start
        while end + 1 < len(example.tags) and example.tags[end + 1][2:].startswith("toloc."):
            end += 1
        cue = set()
        for i in range(start - 1, -1, -1):
            if i not in kept or example.tags[i] != "O":
                break
            cue.add(i)
        order = [*range(start, end + 1), *(i for i in order if not start <= i <= end and i not in cue)]
    else:
        for first, chance in (
            (("depart_date.", "depart_time."), DATE_FIRST_CHANCE),
            (("airline_",), AIRLINE_FIRST_CHANCE),
        ):
            if rng.random() < chance:
                front = [i for i in order if example.tags[i][2:].startswith(first)]
                order = front + [i for i in order if i not in front]
    return dataclasses.replace(
        example, tokens=[example.tokens[i] for i in order], tags=[example.tags[i] for i in order]
    )


MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_SHORT = {i: (name.lower(), name.lower() + ".") for i, name in enumerate(calendar.month_abbr) if name}
# What else a relative date may be: (tokens, the slot they fill), any leg's.
COUNTS = ("2", "3", "4", "5", "10", "two", "three", "four", "five", "ten")
RELATIVE_DATES = (
    *(((word,), "today_relative") for word in ONE_WORD_DATES),
    *((("in", n, "days"), "date_relative") for n in COUNTS),
    *(((n, "days", "from", "now"), "date_relative") for n in COUNTS[::3]),
    (("a", "week", "from", "today"), "date_relative"),
    (("in", "a", "week"), "date_relative"),
    (("the", "day", "after", "tomorrow"), "date_relative"),
)
# Day names as people shorten them: "fri", "tues", "thurs".
DAY_SHORT = {
    name.lower(): (abbr.lower(), *{"tuesday": ("tues",), "wednesday": ("weds",), "thursday": ("thurs", "thur")}
                   .get(name.lower(), ()))
    for name, abbr in zip(calendar.day_name, calendar.day_abbr, strict=True)
}  # fmt: skip
# A fare as typed: the amount alone ("under $300" loses its sign), or in another currency.
CURRENCY_WORDS = ("", "", "dollars", "bucks", "usd", "euros", "eur", "pounds", "gbp", "yen", "rupees", "aud", "cad")
ROUND_TRIP_FORMS = (("round", "trip"), ("roundtrip",), ("round-trip",))
DATE_FORM_SLOTS = ("_date.month_name", "_date.day_number", "today_relative", "_time.time", "_date.day_name",
                   "fare_amount", "round_trip")  # fmt: skip
DATE_FORM_CHANCE = 0.7  # in a chosen sentence, each date, clock time and fare is rewritten with this chance


def ordinal_suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def month_day_forms(month: int, day: int, leg: str) -> list[tuple[list[str], list[str]]]:
    """A month and day in the forms people type them, each with its tags."""
    m, d = f"B-{leg}.month_name", f"B-{leg}.day_number"
    name, short = calendar.month_name[month].lower(), MONTH_SHORT[month]
    nth = f"{day}{ordinal_suffix(day)}"
    return [
        ([short[0], str(day)], [m, d]),
        ([short[0], str(day)], [m, d]),  # "dec 12", the commonest, twice
        ([short[0], nth], [m, d]),
        ([short[1], nth], [m, d]),
        ([name, str(day)], [m, d]),
        ([name, nth], [m, d]),
        ([name, str(day)], [m, d]),
        ([str(day), name], [d, m]),
        ([nth, short[0]], [d, m]),
        (["the", nth, "of", name], ["O", d, "O", m]),
        ([f"{month}/{day}"], [d]),
        ([f"{month:02d}/{day:02d}"], [d]),
    ]


def clock_forms(hour: int, minute: int, slot: str) -> list[tuple[list[str], list[str]]]:
    """A clock time ("5 pm", "530") as people also type it: "5pm", "5:30 pm", "17:00"."""
    half = "am" if hour < 12 else "pm"
    h12 = hour % 12 or 12
    hhmm = f"{h12}:{minute:02d}"
    b, i = f"B-{slot}", f"I-{slot}"
    return [
        ([f"{h12}{half}" if not minute else f"{hhmm}{half}"], [b]),
        ([hhmm, half], [b, i]),
        ([f"{hour}:{minute:02d}"], [b]),
    ]


def rewrite_dates(example: Example, rng: np.random.Generator) -> Example:
    """The example with some of its dates and clock times in another written form."""
    spans = bio_spans(example.tags)
    tokens, tags = list(example.tokens), list(example.tags)
    edits: list[tuple[int, int, list[str], list[str]]] = []  # (first, last, tokens, tags), not overlapping
    used = -1
    for k, span in enumerate(spans):
        if span.first <= used or rng.random() >= DATE_FORM_CHANCE:
            continue
        leg, kind = slot_role_and_kind(span.name)
        words = " ".join(example.tokens[span.first : span.last + 1])
        if kind == "month_name" and leg.endswith("_date") and words in MONTH_NUMBERS:
            after = spans[k + 1] if k + 1 < len(spans) else None
            day = ORDINALS.get(" ".join(example.tokens[after.first : after.last + 1])) if after else None
            if after is None or day is None or after.name != f"{leg}.day_number" or after.first != span.last + 1:
                continue
            forms = month_day_forms(MONTH_NUMBERS[words], day, leg)
            new_tokens, new_tags = forms[int(rng.integers(len(forms)))]
            edits.append((span.first, after.last, new_tokens, new_tags))
            used = after.last
        elif kind == "fare_amount" and example.tokens[span.first].isdigit():
            currency = CURRENCY_WORDS[int(rng.integers(len(CURRENCY_WORDS)))]
            amount = [example.tokens[span.first], *([currency] if currency else [])]
            edits.append((span.first, span.last, amount, tagged(amount, span.name)))
            used = span.last
        elif kind == "day_number" and leg.endswith("_date") and words in ORDINALS and not words[0].isdigit():
            # "the fifth" as typed: "the 5th"
            day = ORDINALS[words]
            edits.append((span.first, span.last, [f"{day}{ordinal_suffix(day)}"], [f"B-{span.name}"]))
            used = span.last
        elif kind == "round_trip" and words == "round trip":
            form = ROUND_TRIP_FORMS[int(rng.integers(len(ROUND_TRIP_FORMS)))]
            edits.append((span.first, span.last, list(form), tagged(form, span.name)))
            used = span.last
        elif kind == "today_relative" and words in ("tomorrow", "today"):
            relative: tuple[str, ...]
            if rng.random() < 0.5:
                relative, slot = (ONE_WORD_DATES[int(rng.integers(len(ONE_WORD_DATES)))],), "today_relative"
            else:
                relative, slot = RELATIVE_DATES[int(rng.integers(len(RELATIVE_DATES)))]
            edits.append((span.first, span.last, list(relative), tagged(relative, f"{leg}.{slot}" if leg else slot)))
            used = span.last
        elif kind == "day_name" and words in DAY_SHORT:
            short = DAY_SHORT[words]
            edits.append((span.first, span.last, [short[int(rng.integers(len(short)))]], [f"B-{span.name}"]))
            used = span.last
        elif kind == "time" and leg.endswith("_time"):
            clock = parse_clock(words)
            if clock is None or clock.meridiem not in ("am", "pm"):
                continue
            hour = clock.hour % 12 + (12 if clock.meridiem == "pm" else 0)
            forms = clock_forms(hour, clock.minute, span.name)
            new_tokens, new_tags = forms[int(rng.integers(len(forms)))]
            edits.append((span.first, span.last, new_tokens, new_tags))
            used = span.last
    for first, last, new_tokens, new_tags in reversed(edits):
        tokens[first : last + 1] = new_tokens
        tags[first : last + 1] = new_tags
    return dataclasses.replace(example, tokens=tokens, tags=tags)


class Synthesis:
    """One training run's made-up sentences: ``epoch(rng)`` gives the training split to read next."""

    def __init__(
        self,
        train: list[Example],
        world_swap: float,
        round_trips: float,
        substitutes: Substitutes | None = None,
        date_forms: float = 0.0,
        terse: float = 0.0,
    ):
        self.train = train
        self.world_swap = world_swap
        self.round_trips = round_trips
        self.date_forms = date_forms
        self.terse = terse
        # Requests of the commonest intent that name a place by its role: cut short, or with a date or a price
        # added, they still ask it.
        commonest = Counter(e.intent for e in train).most_common(1)[0][0] if train else None
        roles = [{slot_role_and_kind(s.name)[0] for s in bio_spans(e.tags)} for e in train]
        self.requests = [
            e.intent == commonest and bool(r & {"fromloc", "toloc"}) for e, r in zip(train, roles, strict=True)
        ]
        self.shortenable = [terse > 0 and request for request in self.requests]
        # What is added to requests carries only the labels the data already has.
        known = {tag for e in train for tag in e.tags}
        self.one_word_dates = "B-depart_date.today_relative" in known
        self.fares_addable = {"B-fare_amount", "B-cost_relative"} <= known
        self.airlines_addable = "B-airline_name" in known
        self.with_date_forms = [
            date_forms > 0 and any(s.name.endswith(DATE_FORM_SLOTS) for s in bio_spans(e.tags)) for e in train
        ]
        swappable = {*PLACE_FORMS, *AIRLINE_FORMS}
        self.with_places = [any(slot_role_and_kind(s.name)[1] in swappable for s in bio_spans(e.tags)) for e in train]
        self.dates = departure_dates(train) if round_trips > 0 or date_forms > 0 else []
        self.with_dates = [any(t[2:].startswith("depart_date.") for t in e.tags) for e in train]
        wanted = world_swap > 0 and any(self.with_places)
        self.substitutes = (substitutes or Substitutes.load()) if wanted else None

    @classmethod
    def from_recipe(cls, train: list[Example], recipe: Mapping[str, Any]) -> Synthesis:
        """The synthesis of a training recipe (``TrainConfig``'s fields, or a checkpoint's record of them)."""
        return cls(
            train,
            recipe.get("world_swap", 0.0),
            recipe.get("round_trips", 0.0),
            date_forms=recipe.get("date_forms", 0.0),
            terse=recipe.get("terse", 0.0),
        )

    def like(self, examples: list[Example]) -> Synthesis:
        """The same recipe over other sentences (a valid split), with the same substitutes."""
        return Synthesis(
            examples, self.world_swap, self.round_trips, self.substitutes, date_forms=self.date_forms, terse=self.terse
        )

    @property
    def active(self) -> bool:
        return (
            (self.substitutes is not None and self.world_swap > 0)
            or (bool(self.dates) and self.round_trips > 0)
            or any(self.with_date_forms)
            or any(self.shortenable)
        )

    def labels(self) -> set[str]:
        """Tags the made-up sentences can carry that the training split may lack ("B-stoploc.airport_code")."""
        found: set[str] = set()
        if self.substitutes is not None and self.world_swap > 0:
            slots = {slot_role_and_kind(s.name) for e in self.train for s in bio_spans(e.tags)}
            for role in {role for role, kind in slots if kind in PLACE_FORMS}:
                prefix = f"{role}." if role else ""
                found.update(f"{p}-{prefix}{s}" for s in (*FORM_SLOT.values(), *QUALIFIERS) for p in "BI")
            if ("", "airline_name") in slots:
                found.update(f"{p}-{s}" for s in AIRLINE_FORMS for p in "BI")
        for _, tags in self.dates if self.round_trips > 0 else []:
            found.update(t for t in tags if t != "O")  # "the 3rd of may": the words between are O
            found.update("I-" + t[2:] for t in tags if t != "O")
        if self.dates and self.round_trips > 0:
            found.update(("B-return_date.date_relative", "I-return_date.date_relative"))  # LATER
        legs = {slot_role_and_kind(s.name)[0] for e, on in zip(self.train, self.with_date_forms, strict=True) if on
                for s in bio_spans(e.tags) if s.name.endswith("today_relative")}  # fmt: skip
        relative = ("today_relative", "date_relative")
        found.update(f"{p}-{leg}.{slot}" if leg else f"{p}-{slot}" for leg in legs for slot in relative for p in "BI")
        return found

    def made_up(self, rng: np.random.Generator, epochs: int = 1) -> list[Example]:
        """The made-up sentences alone (what differs from the training split) of ``epochs`` epochs."""
        return [
            new for _ in range(epochs) for new, old in zip(self.epoch(rng), self.train, strict=True) if new is not old
        ]

    def epoch(self, rng: np.random.Generator) -> list[Example]:
        out = []
        for example, places, dates, forms, request, shortenable in zip(
            self.train, self.with_places, self.with_dates, self.with_date_forms, self.requests, self.shortenable,
            strict=True,
        ):  # fmt: skip
            if self.substitutes is not None and places and rng.random() < self.world_swap:
                example = swap_places(example, self.substitutes, rng)
            # Before the cut, which may move the date first; the price after it, as the cut would drop its "than".
            airline = any("airline" in t for t in example.tags)
            addable = self.airlines_addable and request and not airline
            if self.substitutes is not None and addable and rng.random() < ADDED_AIRLINE_CHANCE:
                example = add_airline(example, self.substitutes, rng)
            added = request and self.date_forms > 0
            undated = not any("_date." in t for t in example.tags)
            if added and self.dates and undated and rng.random() < ADDED_DATE_CHANCE:
                example, dates, forms = add_date(example, self.dates, rng, self.one_word_dates), True, True
            # Before the return clause, so that its cue stays: "sfo nrt dec 14 returning jan 2".
            if shortenable and rng.random() < self.terse:
                example = shorten(example, rng)
            priced = "B-fare_amount" in example.tags
            if added and self.fares_addable and not priced and rng.random() < ADDED_FARE_CHANCE:
                example, forms = add_fare(example, rng), True
            if added and rng.random() < ADDED_PARTY_CHANCE:
                example = add_party(example, rng)
            if dates and self.round_trips > 0 and self.dates and rng.random() < self.round_trips:
                example = add_return(example, self.dates, rng)
                forms = self.date_forms > 0
            # After the return clause, so that a made-up return date is typed as people type them too.
            if forms and rng.random() < self.date_forms:
                example = rewrite_dates(example, rng)
            out.append(example)
        return out
