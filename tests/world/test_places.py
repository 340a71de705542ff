"""world.places: resolving what a person typed to a place and its airports, and the names the tagger reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.world.test_frame import answer
from world.airlines import load_airlines
from world.lexicon import load_lexicon
from world.places import Place, Places, load_places, place_tokens
from world.resolve import Resolver

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def places() -> Places:
    return load_places()


def airports(places: Places, text: str, slot: str = "city_name", qualifier: str | None = None) -> tuple[str, ...]:
    match = places.resolve(text, slot, qualifier)
    assert match is not None, text
    return match.place.airports


def test_chicago_flies_from_ohare_first_then_midway(places: Places) -> None:
    match = places.resolve("Chicago")
    assert match is not None
    assert match.place.airports[0] == "ORD"
    assert "MDW" in match.place.airports
    assert match.place.city_code == "CHI"
    assert (match.score, match.fuzzy) == (100.0, False)


def test_portland_is_oregon_unless_the_qualifier_says_maine(places: Places) -> None:
    assert airports(places, "portland")[0] == "PDX"
    assert airports(places, "portland", qualifier="OR")[0] == "PDX"
    assert airports(places, "portland", qualifier="maine")[0] == "PWM"


def test_paris_is_france_unless_the_qualifier_says_texas(places: Places) -> None:
    assert airports(places, "paris")[0] == "CDG"
    texas = places.resolve("paris", "city_name", "texas")
    assert texas is not None
    assert texas.place.country == "US"
    assert "CDG" not in texas.place.airports


def test_a_qualifier_inside_the_text_is_split_off(places: Places) -> None:
    assert airports(places, "Portland, ME")[0] == "PWM"
    assert airports(places, "london ontario")[0] == "YXU"


def test_san_jose_is_california_by_population_and_costa_rica_when_said(places: Places) -> None:
    assert airports(places, "san jose")[0] == "SJC"
    assert airports(places, "san jose", qualifier="costa rica")[0] == "SJO"


def test_an_airport_code_is_that_airport(places: Places) -> None:
    match = places.resolve("lax", "airport_code")
    assert match is not None
    assert match.place.airports == ("LAX",)
    assert match.place.tz == "America/Los_Angeles"
    assert match.place.country == "US"


def test_a_metro_code_is_the_metro_with_all_its_airports(places: Places) -> None:
    match = places.resolve("nyc")
    assert match is not None
    assert {"JFK", "LGA", "EWR"} <= set(match.place.airports)
    assert match.place.city_code == "NYC"


def test_a_code_tagged_as_a_city_still_resolves(places: Places) -> None:
    assert airports(places, "lon")[0] == "LHR"
    assert airports(places, "kennedy")[0] == "JFK"
    # "San" is also a town in Mali that no flight goes to: tagged a city, the code is San Diego's airport.
    assert airports(places, "SAN")[0] == "SAN"


def test_a_town_no_scheduled_flight_reaches_gives_way_to_a_namesake_one_does(places: Places) -> None:
    # Queenstown, South Africa is the more populous, but its airport (UTW) has no scheduled service.
    assert airports(places, "queenstown") == ("ZQN",)
    match = places.resolve("queenstown", qualifier="south africa")
    assert match is not None and match.place.country == "ZA"
    assert airports(places, "paris")[:2] == ("CDG", "ORY")


def test_a_place_no_scheduled_flight_reaches_lists_the_largest_airport_within_reach_last(places: Places) -> None:
    assert airports(places, "dambulla") == ("CMB",)  # no airport of its own: Colombo's, 150 km off
    assert airports(places, "athens", qualifier="GA") == ("AHN", "ATL")  # its own field first: no airline
    match = places.resolve("queenstown", qualifier="south africa")  # UTW has no airline: East London's after it
    assert match is not None and match.place.airports[0] == "UTW" and len(match.place.airports) > 1
    assert airports(places, "boston")[0] == "BOS"  # a scheduled airport of its own: nothing added


@pytest.mark.parametrize("lat", [-33.9, 0.0, 41.9, 51.47, 64.1])
@pytest.mark.parametrize("degrees", [1.0, 2.0])
def test_the_airports_near_a_latitude_are_those_a_scan_of_all_finds(places: Places, lat: float, degrees: float) -> None:
    # The nearby airports of a city seen for the first time come from a slice of a sorted list, not a scan.
    scanned = {a.code for a in places.airports.values() if a.scheduled and a.big and abs(a.lat - lat) < degrees}
    assert scanned and {a.code for a in places._scheduled_big_near(lat, degrees)} == scanned


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("heathrow", "LHR"),
        ("o'hare", "ORD"),
        ("O’Hare", "ORD"),
        ("charles de gaulle", "CDG"),
        ("Charles de Gaulle Airport", "CDG"),
        ("the schiphol airport", "AMS"),
        ("logan international", "BOS"),
    ],
)
def test_airport_names(places: Places, text: str, code: str) -> None:
    assert airports(places, text, "airport_name") == (code,)


def test_accents_and_case_do_not_matter(places: Places) -> None:
    accented, plain = places.resolve("São Paulo"), places.resolve("sao paulo")
    assert accented is not None and plain is not None
    assert accented.place == plain.place
    assert accented.place.airports[0] == "GRU"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Chi-town", "ORD"),
        ("philly", "PHL"),
        ("münchen", "MUC"),
        ("bombay", "BOM"),
        ("the big apple", "JFK"),
        ("SD", "SAN"),
    ],
)
def test_nicknames_and_other_names(places: Places, text: str, code: str) -> None:
    assert airports(places, text)[0] == code


def test_a_typo_is_matched_fuzzily_and_says_so(places: Places) -> None:
    match = places.resolve("bostn")
    assert match is not None
    assert match.place.airports[0] == "BOS"
    assert match.fuzzy
    assert match.score < 100


def test_a_small_town_spelt_like_a_big_city_is_read_as_its_typo(places: Places) -> None:
    match = places.resolve("pittsburg")
    assert match is not None
    assert match.place.airports[0] == "PIT"
    assert match.fuzzy


@pytest.mark.parametrize(("text", "code"), [("chicgo", "ORD"), ("heathrough", "LHR"), ("bogata", "BOG")])
def test_other_typos(places: Places, text: str, code: str) -> None:
    assert airports(places, text)[0] == code


def test_an_everyday_word_tagged_a_place_is_no_typo_of_one(places: Places) -> None:
    # "in late march" with "late" tagged a stop: not Lae (Papua New Guinea), nor "closest" Closepet.
    for word in ("late", "closest", "coach", "cheap"):
        assert places.resolve(word, "city_name") is None, word
    # A misspelling rare in running text still is one; a place whose name is also a word is itself.
    assert airports(places, "tuscon")[0] == "TUS" and airports(places, "seatle")[0] == "SEA"
    assert airports(places, "nice")[0] == "NCE"


def test_an_airport_is_not_known_by_an_everyday_word_left_after_its_town(places: Places) -> None:
    # "Sanya Phoenix International" is no "phoenix airport", nor "Augusta State Airport" a "state".
    assert airports(places, "phoenix airport", slot="airport_name")[0] == "PHX"
    assert places.resolve("state", "country_name") is None
    assert airports(places, "songshan", slot="airport_name") == ("TSA",)  # a name that is no word still is one


def test_a_city_then_one_of_its_airports_read_as_a_qualifier_is_that_airport(places: Places) -> None:
    resolver = Resolver(places, load_airlines(), load_lexicon())
    for city, airport_name, code in (("houston", "hobby", "HOU"), ("paris", "orly", "ORY")):
        text = f"from {city} {airport_name} to denver"
        slots = [("fromloc.city_name", city, 1.0), ("fromloc.country_name", airport_name, 1.0),
                 ("toloc.city_name", "denver", 1.0)]  # fmt: skip
        frame = resolver.resolve(answer(text, slots))["frame"]
        assert frame["origin"]["airports"] == [code], text
    # A region after the city still qualifies it, and the place stays the city.
    slots = [("fromloc.city_name", "dallas", 1.0), ("fromloc.state_name", "texas", 1.0)]
    frame = resolver.resolve(answer("dallas texas", slots))["frame"]
    assert frame["origin"]["place"]["name"] == "Dallas"


def test_regions_people_name_that_geonames_does_not(places: Places) -> None:
    assert airports(places, "washington state")[0] == "SEA" and airports(places, "washington")[0] == "IAD"
    assert airports(places, "socal")[0] == "LAX" and airports(places, "norcal")[0] == "SFO"


def test_islands_and_resorts_people_fly_to_by_their_names(places: Places) -> None:
    # "st" is "saint" to the data: Saint Lucia; the Virgin Islands' St. Thomas is no town in Ontario.
    assert airports(places, "st lucia")[0] == "UVF" and airports(places, "St. Thomas")[0] == "STT"
    assert airports(places, "grand cayman")[0] == "GCM" and airports(places, "st barts")[0] == "SBH"
    assert airports(places, "the big island")[0] == "KOA"
    # Resorts smaller than any city of the data, or another place's name: the airport people fly to them by.
    assert [airports(places, name)[0] for name in ("vail", "whistler", "park city", "sun valley")] == [
        "EGE",
        "YVR",
        "SLC",
        "SUN",
    ]
    assert airports(places, "st louis")[0] == "STL"  # a name the data has with "st" stays that place


def test_the_common_word_list_is_what_pyspellchecker_gives() -> None:
    """world/data/common_words.txt, which the service reads, against the package it was built from."""
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_common_words.py"), "--check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_an_unknown_place_is_none(places: Places) -> None:
    assert places.resolve("zzqx") is None
    assert places.resolve("") is None


def test_states_and_countries_fly_to_their_biggest_city(places: Places) -> None:
    oregon = places.resolve("oregon", "state_name")
    assert oregon is not None
    assert (oregon.place.name, oregon.place.country, oregon.place.airports[0]) == ("Oregon", "US", "PDX")
    assert places.resolve("OR", "state_code") == oregon
    france = places.resolve("france", "country_name")
    assert france is not None
    assert (france.place.name, france.place.country, france.place.airports[0]) == ("France", "FR", "CDG")


def test_to_dict(places: Places) -> None:
    match = places.resolve("denver")
    assert match is not None
    values = match.place.to_dict()
    assert set(values) == {"name", "country", "airports", "city_code", "tz", "lat", "lon"}
    assert values["airports"][0] == "DEN"
    assert isinstance(values["airports"], list)
    assert Place(**{**values, "airports": tuple(values["airports"])}) == match.place


def test_every_alias_resolves_to_what_it_names(places: Places) -> None:
    for alias in places.aliases:
        if alias.kind in ("metro_airport", "metro_main"):
            assert alias.alias in places.airports and alias.target in places.metros, alias
            continue
        if alias.kind == "city_main":
            match = places.resolve(alias.target)
            assert match is not None and match.place.airports[0] == alias.alias, alias
            continue
        if alias.kind == "region_main":
            match = places.resolve(alias.alias, "state_name")
            assert match is not None and match.place.airports[0] == alias.target, alias
            assert match.place.country == alias.region.split("-")[0], alias
            continue
        if alias.kind == "metro_area":
            match = places.resolve(alias.alias, "airport_code")
            assert match is not None and match.place.city_code == alias.alias, alias
            city = places.resolve(alias.target)
            assert city is not None and city.place.city_code == alias.alias, alias
            continue
        match = places.resolve(alias.alias, "country_name" if alias.kind == "country" else "city_name")
        assert match is not None, alias
        assert not match.fuzzy, alias
        if alias.kind == "airport":
            assert match.place.airports == (alias.target,), alias
        elif alias.kind == "metro":
            assert match.place.city_code == alias.target, alias
        else:
            assert match.place.country == (alias.region or alias.target).split("-")[0], alias


def test_lexicon_names(places: Places) -> None:
    lexicon = places.lexicon_names()
    assert set(lexicon) == {"city", "airport_code", "airport_name", "state", "country"}
    assert "kuala lumpur" in lexicon["city"]
    assert "são paulo" in lexicon["city"]
    assert "chi-town" in lexicon["city"]
    assert "nyc" in lexicon["city"]
    assert "sfo" in lexicon["airport_code"]
    assert {"o'hare", "heathrow", "charles de gaulle"} <= lexicon["airport_name"]
    assert {"oregon", "or", "ontario"} <= lexicon["state"]
    assert {"france", "usa", "uk"} <= lexicon["country"]
    for names in lexicon.values():
        assert all(name == name.lower() and "  " not in name and name.strip() == name for name in names)


def test_substitutes(places: Places) -> None:
    substitutes = places.substitutes()
    assert set(substitutes) == {
        "city",
        "nickname",
        "airport_code",
        "airport_name",
        "state_code",
        "state_name",
        "country_name",
    }
    cities = substitutes["city"]
    assert {("ho", "chi", "minh", "city"), ("rio", "de", "janeiro"), ("kuala", "lumpur")} <= set(cities)
    assert all(1 <= len(city) <= 4 for city in cities)
    assert ("chi-town",) in substitutes["nickname"]
    assert ("lhr",) in substitutes["airport_code"]
    assert ("heathrow",) in substitutes["airport_name"]
    assert ("or",) in substitutes["state_code"]
    assert substitutes == Places.substitutes(places)  # built once, the same every time


def test_place_tokens_cut_like_the_tagger() -> None:
    assert place_tokens("Chi-town") == ("chi-town",)
    assert place_tokens("O'Hare") == ("o'hare",)
    assert place_tokens("St. Louis") == ("st.", "louis")
    assert place_tokens("Winston-Salem") == ("winston-salem",)
    assert place_tokens("São Paulo") == ("são", "paulo")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("columbus", "CMH"),  # of a city's own airports, the one bearing its name (not Rickenbacker)
        ("florence", "FLR"),  # of the airports near a city, the nearest (not Pisa)
        ("cincinnati", "CVG"),  # a large airport nearby, in a smaller place, before the city's own field (Lunken)
        ("san salvador", "SAL"),
        ("everett", "PAE"),  # ... but not a bigger city's (Seattle's SEA)
        ("arizona", "PHX"),  # a state's name typed where a city goes, not a town in Honduras
        ("puerto rico", "SJU"),  # a country before an airport's town
        ("bali", "DPS"),  # the project's aliases: islands, short forms
        ("kona", "KOA"),
        ("itami", "ITM"),
        ("punta gorda", "PGD"),  # its own, not Sarasota's SRQ: "Sarasota/Bradenton" is a bigger town than it
        ("ostend", "OST"),  # its own, not Lille's across the border ("Lille/Lesquin")
        ("ath", "ATH"),  # a small town's three-letter name is rather a large airport's code: not Ath in Belgium
        ("nan", "NAN"),  # Nadi's, not Nan in Thailand
        ("van", "VAN"),  # ... but a city of its own stays itself (Van, Turkey)
        ("goa", "GOI"),  # a region people fly to, not a town in the Philippines, nor Genoa's code GOA
    ],
)
def test_the_airport_people_mean(places: Places, text: str, code: str) -> None:
    assert airports(places, text)[0] == code


def test_a_region_named_alone_is_its_busiest_airport(places: Places) -> None:
    # Before: the largest city's airports (Jacksonville for Florida, Houston for Texas, Berlin for Germany,
    # London for Scotland), and "queensland" a typo of Queens, New York.
    for text, slot, code in (("florida", "state_name", "MCO"), ("texas", "state_name", "DFW"),
                             ("germany", "country_name", "FRA"), ("scotland", "country_name", "EDI"),
                             ("queensland", "city_name", "BNE")):  # fmt: skip
        match = places.resolve(text, slot)
        assert match is not None and not match.fuzzy and match.place.airports[0] == code, text
    assert airports(places, "brisbane, queensland")[0] == "BNE"  # and a region geonames lacks still qualifies
    assert airports(places, "tbilisi, georgia")[0] == "TBS"  # a qualifier is not a destination


def test_a_citys_main_airport_and_an_alias_that_a_qualifier_overrules(places: Places) -> None:
    assert airports(places, "medellín")[:2] == ("MDE", "EOH")  # Rionegro's airport, not Olaya Herrera in town
    assert airports(places, "phnom penh")[0] == "KTI"  # the new airport, which the size prior calls small
    assert airports(places, "victoria")[0] == "YYJ"  # not Hong Kong's district
    assert airports(places, "victoria tx")[0] == "VCT" and airports(places, "victoria, hong kong")[0] == "HKG"


def test_a_long_name_one_letter_off_is_a_typo(places: Places) -> None:
    match = places.resolve("honululu")  # Jaro-Winkler 87.5, under the cut-off
    assert match is not None and match.fuzzy and match.place.airports[0] == "HNL"
    assert places.resolve("flightz") is None


def test_metro_codes_before_towns_and_airport_names_without_the_town_in_front(places: Places) -> None:
    assert airports(places, "osa")[0] == "KIX"  # not Osa, a Russian town near Perm
    assert airports(places, "ymq")[0] == "YUL" and airports(places, "dtt")[0] == "DTW"  # metros the table lacks
    assert airports(places, "songshan")[0] == "TSA"  # "Taipei Songshan Airport"
    assert airports(places, "paine field")[0] == "PAE"  # "Seattle Paine Field International", in Everett
    assert places.resolve("city", "airport_name") is None  # "London City" without London says nothing


def test_a_bigger_namesake_in_the_requests_country(places: Places) -> None:
    # "Santa Cruz" is first a town in the Philippines; Bolivia's Santa Cruz de la Sierra is bigger.
    for text, country, code in (("santa cruz", "BO", "VVI"), ("canton", "CN", "CAN")):
        match = places.resolve(text)
        assert match is not None and match.place.country != country
        near = places.namesake_in(text, match, {country})
        assert near is not None and near.place.airports[0] == code
    # A smaller namesake at home does not beat the city abroad: "chicago to athens" is Greece's.
    athens = places.resolve("athens")
    assert athens is not None and athens.place.country == "GR"
    assert places.namesake_in("athens", athens, {"US"}) is None

    # The resolver asks it with the countries of the request's other places.
    slots = [{"name": "fromloc.city_name", "value": "la paz", "start": 0, "end": 6},
             {"name": "toloc.city_name", "value": "santa cruz", "start": 10, "end": 20}]  # fmt: skip
    frame = Resolver(places, load_airlines(), load_lexicon()).resolve({"text": "la paz to santa cruz", "slots": slots})[
        "frame"
    ]
    assert frame["destination"]["airports"][0] == "VVI"


def test_a_region_tagged_with_another_role_qualifies_the_city_before_it(places: Places) -> None:
    resolver = Resolver(places, load_airlines(), load_lexicon())
    for city, region, airport in (
        ("springfield", "illinois", "SPI"),  # not Springfield, Missouri's SGF
        ("santiago", "spain", "SCQ"),  # not Santiago de Chile's SCL
    ):
        text = f"to {city} {region} from denver"
        slots = [("toloc.city_name", city, 1.0), ("fromloc.city_name", region, 1.0),  # the region misread
                 ("fromloc.city_name", "denver", 1.0)]  # fmt: skip
        frame = resolver.resolve(answer(text, slots))["frame"]
        assert frame["destination"]["airports"][0] == airport and frame["destination"]["text"] == f"{city} {region}"
        assert frame["origin"]["text"] == "denver"


def test_a_state_code_the_tagger_left_untagged_qualifies_the_city(places: Places) -> None:
    assert places.city_in_region("portland", "me", states_only=True)
    assert not places.city_in_region("paris", "in", states_only=True)
    resolver = Resolver(places, load_airlines(), load_lexicon())
    for text, origin in (("portland, me to boston", "portland, me"), ("Portland ME to Boston", "Portland ME")):
        slots = [{"name": "fromloc.city_name", "value": text[:8], "start": 0, "end": 8}]
        frame = resolver.resolve({"text": text, "slots": slots})["frame"]
        assert frame["origin"]["airports"][0] == "PWM" and frame["origin"]["text"] == origin
    # Not a word that is also a code: "on" is no Ontario, "me" without a comma or capitals no Maine.
    for text in ("to london on air india", "to portland me and my kids"):
        value = text.split()[1]
        slots = [{"name": "toloc.city_name", "value": value, "start": 3, "end": 3 + len(value)}]
        frame = resolver.resolve({"text": text, "slots": slots})["frame"]
        assert frame["destination"]["text"] == value


def tagged(text: str, labels: list[str]) -> dict[str, Any]:
    """An answer as AnswerBuilder.build makes it for one label per whitespace-separated word of ``text`` (a
    word's final dot, as the tokenizer's, is no part of it)."""
    tokens, slots, cursor = [], [], 0
    for word, label in zip(text.split(), labels, strict=True):
        start = text.index(word, cursor)
        cursor = start + len(word.rstrip("."))
        tokens.append({"text": text[start:cursor].lower(), "start": start, "end": cursor, "label": label})
        if label.startswith("B-"):
            slots.append(
                {"name": label[2:], "value": text[start:cursor], "start": start, "end": cursor, "confidence": 0.9}
            )
        elif label.startswith("I-"):
            slots[-1].update(value=text[slots[-1]["start"] : cursor], end=cursor)
    return {"text": text, "tokens": tokens, "slots": slots, "intent": {"name": "atis_flight", "confidence": 0.9}}


def test_an_airline_read_into_the_origin_is_the_airline(places: Places) -> None:
    for text, code, origin in (("iberia madrid to bogota", "IB", "MAD"), ("ANA tokyo to osaka", "NH", "HND")):
        answer = tagged(text, ["B-fromloc.city_name", "I-fromloc.city_name", "O", "B-toloc.city_name"])
        frame = Resolver(places, load_airlines(), load_lexicon()).resolve(answer)["frame"]
        assert frame["airline"]["code"] == code and frame["origin"]["airports"][0] == origin, text
    # A city that is also an airline's name, right before one of its own airports, is the city.
    answer = tagged("singapore to bangkok suvarnabhumi", ["B-fromloc.city_name", "O", "B-toloc.city_name",
                                                         "B-toloc.country_name"])  # fmt: skip
    frame = Resolver(places, load_airlines(), load_lexicon()).resolve(answer)["frame"]
    assert frame["airline"] is None and frame["destination"]["airports"][0] == "BKK"


@pytest.mark.parametrize(
    ("text", "labels", "origin"),
    [
        # A name the tagger cut short, the rest left untagged: the whole name's place.
        ("twin cities to denver", ["B-fromloc.city_name", "O", "O", "B-toloc.city_name"], "MSP"),
        ("from the big apple to denver", ["O", "O", "O", "B-fromloc.city_name", "O", "B-toloc.city_name"], "JFK"),
        # A slot that names no place but begins or ends with one: that one.
        ("BOS shuttle to DCA", ["B-fromloc.airport_code", "I-fromloc.airport_code", "O", "B-toloc.airport_code"],
         "BOS"),
        ("ANA tokyo to osaka", ["B-fromloc.city_name", "I-fromloc.city_name", "O", "B-toloc.city_name"], "HND"),
        # ... or ends with one misspelled: a misspelled "from" taken into the slot.
        ("frm chicgo to atlanta", ["B-fromloc.city_name", "I-fromloc.city_name", "O", "B-toloc.city_name"], "ORD"),
        # Two slots of one name with the dot of an abbreviation between them: one place.
        ("O.R. Tambo to lusaka", ["B-fromloc.airport_name", "B-fromloc.city_name", "O", "B-toloc.city_name"],
         "JNB"),
        # An untagged word that makes no longer name changes nothing.
        ("boston airport to denver", ["B-fromloc.city_name", "O", "O", "B-toloc.city_name"], "BOS"),
        # A city and one of its airports in one slot: the airport; a city and no airport of its own: the city.
        ("new york laguardia to denver", ["B-fromloc.city_name", "I-fromloc.city_name", "I-fromloc.city_name", "O",
                                          "B-toloc.city_name"], "LGA"),
        ("houston hobby to denver", ["B-fromloc.city_name", "I-fromloc.city_name", "O", "B-toloc.city_name"], "HOU"),
        ("denver heathrow to boston", ["B-fromloc.city_name", "I-fromloc.city_name", "O", "B-toloc.city_name"], "DEN"),
        # A state code standing where a city goes is read as a city would be ("LA" is Los Angeles, not
        # Louisiana); after a city it still qualifies it.
        ("LA to seattle", ["B-fromloc.state_code", "O", "B-toloc.city_name"], "LAX"),
        ("CA to seattle", ["B-fromloc.state_code", "O", "B-toloc.city_name"], "LAX"),
        ("lafayette LA to seattle", ["B-fromloc.city_name", "B-fromloc.state_code", "O", "B-toloc.city_name"], "LFT"),
    ],
)  # fmt: skip
def test_a_place_the_tagger_cut_or_padded(places: Places, text: str, labels: list[str], origin: str) -> None:
    answer = tagged(text, labels)
    Resolver(places, load_airlines(), load_lexicon()).resolve(answer)
    assert answer["frame"]["origin"]["airports"][0] == origin


@pytest.mark.parametrize(
    ("text", "labels", "origin", "destination"),
    [
        # A city's airport right after it, tagged a place of its own (of another role or the same): the city's.
        ("boston logan to san diego", ["B-fromloc.city_name", "B-toloc.city_name", "O", "B-toloc.city_name",
                                       "I-toloc.city_name"], "BOS", "SAN"),
        ("tokyo narita to osaka", ["B-fromloc.city_name", "B-fromloc.city_name", "O", "B-toloc.city_name"], "NRT",
         "KIX"),
        # Two cities side by side are a route.
        ("denver boston friday", ["B-fromloc.city_name", "B-toloc.city_name", "O"], "DEN", "BOS"),
    ],
)  # fmt: skip
def test_an_airport_right_after_its_city_is_the_citys(
    places: Places, text: str, labels: list[str], origin: str, destination: str
) -> None:
    frame = Resolver(places, load_airlines(), load_lexicon()).resolve(tagged(text, labels))["frame"]
    assert (frame["origin"]["airports"][0], frame["destination"]["airports"][0]) == (origin, destination)
