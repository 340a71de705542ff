"""Airlines: a name, short form, IATA or ICAO code as a request says it -> the airline.

The table is ``data/airlines.tsv``, built from the OpenFlights airline table by ``scripts/build_airlines.py``
(see ``data/README.md``): the active airlines with a two-character IATA code, and the defunct ones that ATIS
requests name (TWA, Continental...), marked inactive. ``resolve`` reads what the tagger tagged
``airline_name`` or ``airline_code``; ``lexicon_names`` and ``substitutes`` feed the tagger's lexicon
features and its training-data augmentation.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from world.places import place_tokens

# Words that end an airline's name and that people leave out: "united airlines" is "united".
_SUFFIXES = (("air", "lines"), ("airlines",), ("airline",), ("airways",), ("airway",))

# A misspelt name is accepted when it is this close to a known one (rapidfuzz ratio, 0-100): one wrong
# letter in a nine-letter name ("lufthanza") scores 89; distinct airlines ("air china" / "air chile",
# 78) stay apart.
FUZZY_CUTOFF = 85.0
_FUZZY_MIN_CHARS = 5  # shorter texts are codes or initials, where one letter off is another airline

# How many of the best-known airlines a uniform draw from ``substitutes`` favours (they are listed twice).
_PROMINENT = 300


@dataclass(frozen=True, slots=True)
class Airline:
    name: str
    code: str  # IATA
    icao: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class _Entry:
    airline: Airline
    aliases: tuple[str, ...]  # lower case, the first is how people say the name
    active: bool
    rank: int  # how well-known, 1 first (see scripts/build_airlines.py)


@lru_cache(maxsize=4096)  # every frame asks about its airline slots, often the same few names
def _tokens(text: str) -> tuple[str, ...]:
    """Words as the tagger cuts them, with a possessive dropped ("american's" is "american")."""
    words = place_tokens(text)
    return tuple(w[:-2] if w.endswith("'s") and len(w) > 2 else w for w in words)


def _strip_suffix(words: tuple[str, ...]) -> tuple[str, ...]:
    for suffix in _SUFFIXES:
        if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
            return words[: -len(suffix)]
    return words


def _stop_words() -> frozenset[str]:
    from world.lexicon import english_stop_words  # read without importing scikit-learn (its memory)

    return english_stop_words()


class Airlines:
    """The airline table, indexed by every form a request may use."""

    def __init__(self, entries: list[_Entry]):
        self._entries = entries
        self._by_code: dict[str, Airline] = {}
        self._by_icao: dict[str, Airline] = {}
        self._by_name: dict[str, Airline] = {}
        # The active airline holds its code; a defunct one only a code no active airline has.
        for entry in sorted(entries, key=lambda e: not e.active):
            self._by_code.setdefault(entry.airline.code.lower(), entry.airline)
            if entry.airline.icao:
                self._by_icao.setdefault(entry.airline.icao.lower(), entry.airline)
        # Curated short forms first, so that "eastern" is the Eastern of ATIS and not an airline whose
        # name merely starts with Eastern; then full names, then names without their suffix.
        for entry in entries:
            for alias in entry.aliases:
                self._add(alias, entry.airline)
        self._said = {" ".join(_tokens(alias)) for entry in entries for alias in entry.aliases}  # "delta", "united"
        ordered = sorted(entries, key=lambda e: not e.active)
        for entry in ordered:
            self._add(entry.airline.name, entry.airline)
        for entry in ordered:
            self._add(" ".join(_strip_suffix(_tokens(entry.airline.name))), entry.airline)
        self._names = list(self._by_name)

    def _add(self, text: str, airline: Airline) -> None:
        words = _tokens(text)
        for form in (words, _strip_suffix(words)) if words else ():
            self._by_name.setdefault(" ".join(form), airline)
            # Written as one word ("flydubai", "airasia"): none of these is an everyday word.
            self._by_name.setdefault("".join(form), airline)

    def __len__(self) -> int:
        return len(self._entries)

    def named(self, text: str) -> Airline | None:
        """The airline ``text`` names exactly, by a name or short form (not by a code, not fuzzily)."""
        words = _tokens(text)
        if not words:
            return None
        return self._by_name.get(" ".join(words)) or self._by_name.get(" ".join(_strip_suffix(words)))

    def resolve(self, text: str) -> Airline | None:
        """The airline a name, short form, IATA or ICAO code names ("SAA": South African Airways); None when
        none is close enough. Words that name no airline but begin or end with one's name are that one ("air
        france premium", the tagger's airline slot taking in the cabin's first word), the longer name first."""
        words = _tokens(text)
        if not words:
            return None
        key = " ".join(words)
        found = self.named(text)
        if found is None and len(words) == 1 and len(key) == 2:
            found = self._by_code.get(key)
        if found is None and len(words) == 1 and len(key) == 3 and key not in _stop_words():
            found = self._by_icao.get(key)  # "one", "are" are words before they are codes
        if found is None and len(key) >= _FUZZY_MIN_CHARS:
            # Before the names within: "jet blu" is JetBlue misspelt, not Jet Airways and a word.
            best = process.extractOne(key, self._names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                found = self._by_name[best[0]]
        return found or self._named_within(words)

    def _named_within(self, words: tuple[str, ...]) -> Airline | None:
        """The airline whose name the longest run of ``words`` at their start or end is, the start first; a name
        that is one everyday word ("next" of "next flight") counts only as people say it ("delta")."""
        from world.places import common_words

        for length in range(len(words) - 1, 0, -1):
            for start in (0, len(words) - length):
                name = " ".join(words[start : start + length])
                found = self._by_name.get(name)
                everyday = length == 1 and name not in self._said and (name in common_words() or name in _stop_words())
                if found is not None and not everyday:
                    return found
        return None

    def lexicon_names(self) -> dict[str, set[str]]:
        """Lower-case names and short forms ("airline") and IATA codes ("airline_code"), words joined by
        single spaces as the tagger cuts them. Codes that are English words ("us", "as") are left out: as
        a lexicon hit they would fire on every "flights for us"."""
        names: set[str] = set()
        for entry in self._entries:
            forms = [entry.airline.name, *entry.aliases]
            stripped = _strip_suffix(_tokens(entry.airline.name))
            # One remaining word ("frontier", "spirit") is too often an ordinary word to list on its own.
            if len(stripped) > 1:
                forms.append(" ".join(stripped))
            names.update(" ".join(_tokens(form)) for form in forms)
        names.discard("")
        stop = _stop_words()
        codes = {e.airline.code.lower() for e in self._entries if e.airline.code.lower() not in stop}
        return {"airline": names, "airline_code": codes}

    def substitutes(self) -> dict[str, list[tuple[str, ...]]]:
        """Airline names as people say them ("emirates", ("british", "airways")) and IATA codes, for
        swapping into training requests. Active airlines only, best-known first (the table's rank). The
        first ``_PROMINENT`` are listed twice, so that a uniform draw picks one of them about as often as
        any of the long tail."""
        ranked = sorted((e for e in self._entries if e.active), key=lambda e: e.rank)
        names: list[tuple[str, ...]] = []
        for entry in ranked:
            spoken = _tokens(entry.aliases[0]) if entry.aliases else _strip_suffix(_tokens(entry.airline.name))
            if spoken and spoken not in names:
                names.append(spoken)
        stop = _stop_words()
        codes: list[tuple[str, ...]] = [(e.airline.code.lower(),) for e in ranked if e.airline.code.lower() not in stop]
        return {
            "airline_name": names[:_PROMINENT] * 2 + names[_PROMINENT:],
            "airline_code": codes[:_PROMINENT] * 2 + codes[_PROMINENT:],
        }


def read_table(text: str) -> list[_Entry]:
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    entries = []
    for row in rows:
        airline = Airline(row["name"], row["iata"], row["icao"] or None, row["country"] or None)
        aliases = tuple(a for a in row["aliases"].split(";") if a)
        entries.append(_Entry(airline, aliases, row["active"] == "Y", int(row["rank"])))
    return entries


@lru_cache(maxsize=1)
def load_airlines() -> Airlines:
    text = resources.files("world").joinpath("data/airlines.tsv").read_text(encoding="utf-8")
    return Airlines(read_table(text))
