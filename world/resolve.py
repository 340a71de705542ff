"""The stage after the model: an answer's slots resolved into what a booking system can act on.

``Resolver.resolve(answer, reference_time)`` adds, in place,
- to every place slot (a city, airport name or code, state or country, whatever its role) a
  ``"place"``: the place and its airports, most likely first (``world.places``), or null when the
  name is unknown (the slot's ``value`` keeps the text). A state or country slot right after a city
  of the same role is that city's qualifier ("portland, OR", "paris france"). Place slots of one role
  side by side whose words together are one place's whole name (not a name and its qualifier, not a
  typo) are that place, each of them: the tagger cut a name it did not know ("hong" tagged a country,
  "kong" a city; "jackson" an airport, "hole" a city);
- to the answer a ``"frame"``: origin, destination, stops, dates and times, airline, cabin, trip
  type and price cap (``world.frame``), or null when the text is out of scope.

The service, ``slotfill predict`` and the evaluation commands all resolve through this one class.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from model.bio import slot_role_and_kind
from world.frame import build_frame, place_groups, without_month
from world.places import whole_name

if TYPE_CHECKING:
    from world.airlines import Airlines
    from world.places import PlaceMatch, Places


_STATE_CODE_AFTER = re.compile(r"\s*,?\s*([A-Za-z]{2})\b")
PLACE_CACHE = 20_000  # place names remembered with what they resolve to (bounded: any text can be sent)


class Resolver:
    """Places and airlines loaded once; ``resolve`` is called on every answer."""

    def __init__(self, places: Places, airlines: Airlines):
        self.places = places
        self.airlines = airlines
        # Requests name the same places again and again; a typo's fuzzy search costs a millisecond.
        self.resolve_place = lru_cache(maxsize=PLACE_CACHE)(places.resolve)

    @classmethod
    def load(cls) -> Resolver:
        """With the installed data packages (each loaded once per process)."""
        from world.airlines import load_airlines
        from world.places import load_places

        return cls(load_places(), load_airlines())

    def resolve(self, answer: dict[str, Any], reference_time: datetime | None = None) -> dict[str, Any]:
        """``answer`` with places on its place slots and its frame; ``reference_time`` (with a UTC
        offset) anchors relative dates, by default now in UTC."""
        groups = place_groups(answer["slots"], answer["text"], self._one_place)
        self._add_untagged_states(groups, answer["slots"], answer["text"])
        self.add_places(groups, answer["text"])
        answer["frame"] = build_frame(answer, reference_time or datetime.now(UTC), self.airlines, groups)
        return answer

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
                if marked and self.places.city_in_state(city["value"], code.group(1)):
                    name = f"{role}.state_code" if role else "state_code"
                    group.append({"name": name, "value": code.group(1), "start": code.start(1), "end": code.end(1)})

    def _one_place(self, text: str, kind: str) -> bool:
        match = self.resolve_place(text, kind)
        return match is not None and whole_name(match, text)

    def add_places(self, groups: dict[str, list[list[dict[str, Any]]]], text: str) -> None:
        """A ``"place"`` on every place slot of an answer's place groups (``world.frame.place_groups``):
        a city, airport or region resolved with its qualifier (a state or country slot right after
        it, which is also resolved on its own); slots that together name one place ("hong" "kong") each
        carry that place. A city without a qualifier is the namesake in the country of the request's other
        places when that one is big enough (``Places.namesake_in``: "la paz to santa cruz"). A month word
        that ends a place slot before a day is left out of it ("lax dec" of "lax dec 19")."""
        resolved: list[tuple[dict[str, Any], PlaceMatch | None, bool]] = []  # (slot, match, the group's place)
        for group in (group for role_groups in groups.values() for group in role_groups):
            qualifier = group[1]["value"] if len(group) > 1 else None
            for slot in group:
                kind = slot_role_and_kind(slot["name"])[1]
                match = self.resolve_place(without_month(slot, text), kind, qualifier if slot is group[0] else None)
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
