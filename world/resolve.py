"""The stage after the model: an answer's slots resolved into what a booking system can act on.

``Resolver.resolve(answer, reference_time)`` adds, in place,
- to every place slot (a city, airport name or code, state or country, whatever its role) a
  ``"place"``: the place and its airports, most likely first (``world.places``), or null when the
  name is unknown (the slot's ``value`` keeps the text). A state or country slot right after a city
  of the same role is that city's qualifier ("portland, OR", "paris france") if it names a region (else it is
  a place of its own: "hobby" of "houston hobby" tagged a country, Hobby airport), and so is a place slot of
  another role or kind there that names a state or country the city lies in ("portland maine" read as an
  origin and a destination). Place slots of one role side by side whose words together are one place's
  whole name (not a name and its qualifier, not a typo) are that place, each of them: the tagger cut a
  name it did not know ("hong" tagged a country, "kong" a city; "jackson" an airport, "hole" a city). A
  place slot next to untagged words that together with it are a place's whole name is that place ("twin"
  of "twin cities", "cities" left untagged); a slot that names no place but begins or ends with one is
  that one ("BOS shuttle", "ANA tokyo"; misspelled, "frm chicgo"); a slot read only fuzzily as a city whose
  last words name one of that city's airports is that airport ("new york laguardia");
- to the answer a ``"frame"``: origin, destination, stops, dates and times, airline, cabin, trip
  type and price cap (``world.frame``), or null when the text is out of scope. A text the in-domain head
  refused that names a route the tagger is sure of, or that is no more than a place and a date it is sure of
  ("paris tomorrow"), is in scope all the same (``Resolver.names_a_flight``): the head keys on ATIS's cities and
  phrasing, the places here know the world's.

The service, ``slotfill predict`` and the evaluation commands all resolve through this one class.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from model.answers import OUT_OF_SCOPE
from model.bio import slot_role_and_kind
from world.dates import WEEKEND_WORDS
from world.frame import (
    JOINED_CODES,
    ROUTE_OR_TO,
    build_frame,
    place_groups,
    route_ends_read,
    without_date_word,
)
from world.lexicon import MAX_NAME_TOKENS
from world.places import airport_of, common_words, whole_name

if TYPE_CHECKING:
    from world.airlines import Airlines
    from world.lexicon import Lexicon
    from world.places import PlaceMatch, Places


_STATE_CODE_AFTER = re.compile(r"\s*,?\s*([A-Za-z]{2})\b")
PLACE_CACHE = 20_000  # place names remembered with what they resolve to (bounded: any text can be sent)
# A route the tagger is sure of makes a flight request whatever the in-domain head says (Resolver.names_a_flight):
ROUTE_CONFIDENCE = 0.5  # an origin's or destination's slot confidence at least this
EVERYDAY_ROUTE_CONFIDENCE = 0.8  # and this for one that is an everyday word ("nice", "split")
# So does a terse request of one end and a date or time ("paris tomorrow", "tokyo on the 5th"), when the words
# the tagger left untagged only join them: "weather in paris tomorrow" or "museums in dublin next monday" say
# what they are about in a word of their own.
DATE_CONFIDENCE = 0.5  # its date's or time's slot confidence at least this
# Two airport codes joined as a route ("ord-lga", "JFK>LHR") say so by their form: each end needs less; so do an
# origin and a destination written as one route in a request that has a date ("the 3rd to the 9th sydney to fiji").
JOINED_CODES_CONFIDENCE = 0.25
_WHEN_ROLES = frozenset({"depart_date", "depart_time", "arrive_date", "arrive_time", "return_date", "return_time"})
_JOINING_WORDS = frozenset(
    {"a", "the", "to", "from", "on", "in", "at", "by", "for", "of", "this", "next", "week", *WEEKEND_WORDS}
    | {"fly", "flying", "flight", "flights", "through", "thru", "until", "till", "and", "back"}
    # who asks, and how: "gotta fly to rome on thursday", "i need a flight to rome friday", "book me to oslo tmrw"
    | {"i", "we", "me", "need", "needs", "want", "wanna", "gotta", "must", "book", "get", "please", "pls", "plz"}
)
_WORD = re.compile(r"[^\W_]+")
# Words of another way to travel: a text that names one asks about no flight, whatever places it names.
_OTHER_TRAVEL = re.compile(
    r"\b(trains?|rail|amtrak|tgv|eurostar|bus|buses|greyhound|megabus|flixbus|drive|driving|car|rental|road\s+trip"
    r"|highways?|ferry|ferries|boat|ship|cruise|taxi|cab|uber|lyft|hotels?)\b",
    re.IGNORECASE,
)


class Resolver:
    """Places and airlines loaded once; ``resolve`` is called on every answer."""

    def __init__(self, places: Places, airlines: Airlines, lexicon: Lexicon):
        self.places = places
        self.airlines = airlines
        self.lexicon = lexicon  # which word sequences are some name: a dictionary look-up, no fuzzy search
        # Requests name the same places again and again; a typo's fuzzy search costs a millisecond.
        self.resolve_place = lru_cache(maxsize=PLACE_CACHE)(places.resolve)

    @classmethod
    def load(cls) -> Resolver:
        """With the installed data packages (each loaded once per process)."""
        from world.airlines import load_airlines
        from world.lexicon import load_lexicon
        from world.places import load_places

        return cls(load_places(), load_airlines(), load_lexicon())

    def resolve(self, answer: dict[str, Any], reference_time: datetime | None = None) -> dict[str, Any]:
        """``answer`` with places on its place slots and its frame; ``reference_time`` (with a UTC
        offset) anchors relative dates, by default now in UTC."""
        # The frame reads the slots with a route's misread end put right; the answer keeps the tagger's.
        slots = route_ends_read(answer["slots"], answer["text"], self._one_place)
        groups = place_groups(slots, answer["text"], self._one_place, self.places)
        self._add_untagged_states(groups, slots, answer["text"])
        self.add_places(groups, answer["text"], answer.get("tokens", ()))
        read = {**answer, "slots": slots}
        intent = answer.get("intent") or {}
        if intent.get("name") == OUT_OF_SCOPE and intent.get("ranking") and self.names_a_flight(read):
            top = intent["ranking"][0]  # the in-domain head refused it: the tagger's own intent
            answer["intent"] = read["intent"] = {**intent, "name": top["name"], "confidence": top["confidence"]}
        answer["frame"] = build_frame(read, reference_time or datetime.now(UTC), self.airlines, groups)
        return answer

    @staticmethod
    def names_a_flight(answer: dict[str, Any]) -> bool:
        """Whether an answer with its places is a flight request whatever the in-domain head says (it refuses
        "gatwick to orly on the 9th", keyed on ATIS's cities), in a text that names no other way to travel: it
        names an origin and a destination the tagger is sure of, each a place with airports read exactly (no
        typo), or two airport codes joined as a route ("ord-lga"), or an origin and a destination so joined in a
        request with a date and no other word ("the 3rd through the 9th sydney to fiji"), of which it need be
        less sure; or one of them and a date or time the tagger is sure of, with no other word but words that
        join them ("paris tomorrow", "the 15th bos to mia")."""
        if _OTHER_TRAVEL.search(answer["text"]):
            return False
        text = answer["text"]
        joined = {m.span(g) for m in JOINED_CODES.finditer(text) for g in (1, 2)}
        slots = answer["slots"]
        dated = any(
            slot_role_and_kind(s["name"])[0] in _WHEN_ROLES and s.get("confidence", 1.0) >= DATE_CONFIDENCE
            for s in slots
        )
        route: set[tuple[Any, Any]] = set()
        # an origin right before a destination, joined as a route ("sydney to fiji", "lisbon-porto"), in a request of
        # nothing else ("traffic on the bay bridge to san francisco this morning" is about traffic)
        if dated and _only_joining_words_untagged(answer):
            route = {
                (s.get("start"), s.get("end"))
                for a, b in itertools.pairwise(slots)
                if slot_role_and_kind(a["name"])[0] == "fromloc"
                and slot_role_and_kind(b["name"])[0] == "toloc"
                and "end" in a
                and "start" in b
                and ROUTE_OR_TO.fullmatch(text, a["end"], b["start"])
                for s in (a, b)
            }
        roles = set()
        for slot in slots:
            role = slot_role_and_kind(slot["name"])[0]
            confidence = slot.get("confidence", 1.0)
            place = slot.get("place")
            if role not in ("fromloc", "toloc") or not place or not place["airports"] or place["match"]["fuzzy"]:
                continue
            everyday = slot["value"].strip().lower() in common_words()
            span = (slot.get("start"), slot.get("end"))
            code = span in joined and place["match"]["name"].upper() == slot["value"].upper()
            in_route = code or (span in route and not everyday)
            needed = (
                JOINED_CODES_CONFIDENCE if in_route else EVERYDAY_ROUTE_CONFIDENCE if everyday else ROUTE_CONFIDENCE
            )
            if confidence >= needed:
                roles.add(role)
        if len(roles) == 2:
            return True
        return len(roles) == 1 and dated and _only_joining_words_untagged(answer)

    def _add_untagged_states(
        self, groups: dict[str, list[list[dict[str, Any]]]], slots: list[dict[str, Any]], text: str
    ) -> None:
        """A qualifier for a city right before a state code the tagger left untagged ("portland, me", "Portland
        ME": "me" is Maine to a map, a pronoun to ATIS), when a city of that name lies in that state and the
        code stands apart: after a comma, or in capitals in a text that is not all capitals."""
        starts = {slot.get("start") for slot in slots}
        for role, role_groups in groups.items():
            for group in role_groups:
                city = group[0]
                if len(group) > 1 or slot_role_and_kind(city["name"])[1] != "city_name" or "end" not in city:
                    continue
                code = _STATE_CODE_AFTER.match(text, city["end"])
                if code is None or code.start(1) in starts:
                    continue
                # Set apart by a comma or by capitals in mixed case: "london on air india" is no London, Ontario.
                marked = "," in code.group(0) or (code.group(1).isupper() and not text.isupper())
                if marked and self.places.city_in_region(city["value"], code.group(1), states_only=True):
                    name = f"{role}.state_code" if role else "state_code"
                    group.append({"name": name, "value": code.group(1), "start": code.start(1), "end": code.end(1)})

    def _longer_name(self, slot: dict[str, Any], kind: str, words: _Words, text: str) -> str | None:
        """The longest place's whole name that the slot's words make with untagged words right before or after
        them ("twin cities" for "twin" when "cities" was left untagged), else None."""
        span = words.span(slot)
        if span is None:
            return None
        first, last = span
        tokens = words.tokens
        # Where a longer name could begin (the slot's first word or an untagged word before it) and how far a
        # name that begins there reaches at most (the lexicon knows): no look-up beyond that.
        reaches: list[tuple[int, int]] = []
        begin = first
        while True:
            most = begin + self.lexicon.longest_from(tokens[begin]["text"]) - 1
            if most > last or (begin < first and most >= last):
                reaches.append((begin, most))
            if begin == 0 or tokens[begin - 1].get("label") != "O" or last - begin + 1 >= MAX_NAME_TOKENS:
                break
            begin -= 1
        if not reaches:
            return None
        highest = last  # the last untagged word after the slot a name may take in
        while (
            highest + 1 < len(tokens)
            and tokens[highest + 1].get("label") == "O"
            and highest - first + 1 < MAX_NAME_TOKENS
        ):
            highest += 1
        spans = [(a, b) for a, most in reaches for b in range(last, min(most, highest) + 1) if (a, b) != (first, last)]
        for a, b in sorted(spans, key=lambda ab: ab[0] - ab[1]):  # longest first
            name = self._known_place(tokens[a : b + 1], kind, text)
            if name is not None:
                return name
        return None

    def _place_within(self, slot: dict[str, Any], kind: str, words: _Words, text: str) -> str | None:
        """For a slot that names no place as a whole, the longest place's whole name that its first or its last
        words make ("BOS" of "BOS shuttle", "tokyo" of "ANA tokyo"), the first words before the last; else its
        longest last words that misspell a place's name ("chicgo" of "frm chicgo", the tagger taking in a
        misspelled "from"); else None."""
        span = words.span(slot)
        if span is None:
            return None
        first, last = span
        for length in range(min(last - first, MAX_NAME_TOKENS), 0, -1):
            for start in (first, last + 1 - length):
                name = self._known_place(words.tokens[start : start + length], kind, text)
                if name is not None:
                    return name
        for start in range(max(first + 1, last + 1 - MAX_NAME_TOKENS), last + 1):
            name = text[words.tokens[start]["start"] : words.tokens[last]["end"]]
            match = self.resolve_place(name, kind)
            if match is not None and match.fuzzy:
                return name
        return None

    def _airport_after_city(
        self, slot: dict[str, Any], kind: str, words: _Words, text: str, city: PlaceMatch
    ) -> PlaceMatch | None:
        """For a slot read only fuzzily as a city, the airport its last words name when that airport is one of
        the city's ("new york laguardia": LaGuardia, not New York's first airport; "tokyo narita"), else None."""
        span = words.span(slot)
        if span is None:
            return None
        first, last = span
        for start in range(first + 1, last + 1):  # the longest ending first
            name = self._known_place(words.tokens[start : last + 1], kind, text)
            found = self.resolve_place(name, kind) if name is not None else None
            if found is not None and airport_of(found.place.airports, city.place.airports):
                return found
        return None

    def _known_place(self, words: Sequence[dict[str, Any]], kind: str, text: str) -> str | None:
        """The text of ``words`` if they are a place's whole name. The lexicon, a dictionary, is asked first: words
        that are no name cost no place search (a miss ends in a fuzzy one)."""
        if " ".join(word["text"] for word in words) not in self.lexicon:
            return None
        name = text[words[0]["start"] : words[-1]["end"]]
        return name if self._one_place(name, kind) else None

    def _one_place(self, text: str, kind: str) -> bool:
        match = self.resolve_place(text, kind)
        return match is not None and whole_name(match, text)

    def add_places(
        self, groups: dict[str, list[list[dict[str, Any]]]], text: str, tokens: Sequence[dict[str, Any]] = ()
    ) -> None:
        """A ``"place"`` on every place slot of an answer's place groups (``world.frame.place_groups``):
        a city, airport or region resolved with its qualifier (a state or country slot right after
        it, which is also resolved on its own); slots that together name one place ("hong" "kong") each
        carry that place. A city without a qualifier is the namesake in the country of the request's other
        places when that one is big enough (``Places.namesake_in``: "la paz to santa cruz"). A month word
        that ends a place slot before a day is left out of it ("lax dec" of "lax dec 19"). With the answer's
        ``tokens``, a slot that is part of a longer name reaching into untagged words is that name's place
        ("twin" of "twin cities"), and a slot that names no place but begins or ends with one is that one
        ("BOS shuttle", "ANA tokyo")."""
        words = _Words(tokens)
        resolved: list[tuple[dict[str, Any], PlaceMatch | None, bool]] = []  # (slot, match, the group's place)
        for group in (group for role_groups in groups.values() for group in role_groups):
            qualifier = group[1]["value"] if len(group) > 1 else None
            for slot in group:
                kind = slot_role_and_kind(slot["name"])[1]
                alone = slot is group[0] and qualifier is None
                if alone and kind == "state_code":
                    kind = "city_name"  # a code standing where a city goes: "LA" is Los Angeles, "CA" California
                name = (self._longer_name(slot, kind, words, text) if alone else None) or without_date_word(slot, text)
                match = self.resolve_place(name, kind, qualifier if slot is group[0] else None)
                if match is None and (within := self._place_within(slot, kind, words, text)) is not None:
                    match = self.resolve_place(within, kind)
                if match is not None and match.fuzzy:
                    match = self._airport_after_city(slot, kind, words, text, match) or match
                resolved.append((slot, match, slot is group[0] and qualifier is None))
        countries = [match.place.country if match and is_place else None for _, match, is_place in resolved]
        for n, (slot, match, is_place) in enumerate(resolved):
            others = {country for m, country in enumerate(countries) if country and m != n}
            if match is not None and is_place and others:
                match = self.places.namesake_in(slot["value"], match, others) or match
            slot["place"] = None
            if match is not None:
                slot["place"] = {
                    **match.place.to_dict(),
                    "match": {"name": match.matched, "score": round(match.score, 1), "fuzzy": match.fuzzy},
                }
            for part in slot.get("parts", ()):  # slots read as one place (place_groups) share it
                part["place"] = slot["place"]


class _Words:
    """An answer's tokens, found by where a slot begins and ends."""

    def __init__(self, tokens: Sequence[dict[str, Any]]):
        self.tokens = tokens
        self._first = {token["start"]: i for i, token in enumerate(tokens)}
        self._last = {token["end"]: i for i, token in enumerate(tokens)}

    def span(self, slot: dict[str, Any]) -> tuple[int, int] | None:
        """The indices of a slot's first and last token; None for a slot whose bounds are no token's."""
        first, last = self._first.get(slot.get("start", -1)), self._last.get(slot.get("end", -1))
        return (first, last) if first is not None and last is not None and first <= last else None


def _only_joining_words_untagged(answer: dict[str, Any]) -> bool:
    """Whether every word of the text outside its slots is a word that joins a place and a date. A place slot
    that names no place is no slot here: "weather" or "showtimes" tagged an origin is a word of its own."""
    spans = [
        (slot["start"], slot["end"])
        for slot in answer["slots"]
        if "start" in slot and ("place" not in slot or slot["place"] is not None)
    ]
    return all(
        word.group().lower() in _JOINING_WORDS
        for word in _WORD.finditer(answer["text"])
        if not any(start <= word.start() < end for start, end in spans)
    )
