"""The airline table: names, short forms and codes as requests say them, the lexicon and the substitutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from world.airlines import load_airlines

ATIS_AIRLINE_SLOTS = ("B-airline_name", "B-airline_code")


def atis_airline_texts(atis_dir: Path) -> set[str]:
    """Every airline_name / airline_code span of the ATIS splits."""
    found: set[str] = set()
    for split in ("train", "valid", "test"):
        words_file, tags_file = atis_dir / split / "seq.in", atis_dir / split / "seq.out"
        for words_line, tags_line in zip(words_file.open(), tags_file.open(), strict=True):
            span: list[str] = []
            kind = None
            for word, tag in [*zip(words_line.split(), tags_line.split(), strict=True), ("", "O")]:
                if tag.startswith("I-") and kind == tag[2:]:
                    span.append(word)
                    continue
                if span:
                    found.add(" ".join(span))
                span, kind = ([word], tag[2:]) if tag in ATIS_AIRLINE_SLOTS else ([], None)
    return found


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("united", "UA"),
        ("United Airlines", "UA"),
        ("united airline", "UA"),
        ("UA", "UA"),
        ("ua", "UA"),
        ("emirates", "EK"),
        ("klm", "KL"),
        ("american's", "AA"),
        ("delta air lines", "DL"),
        ("us air", "US"),
        ("twa", "TW"),
        ("continental", "CO"),
        ("cathay", "CX"),
        ("singapore air", "SQ"),
        ("lufthanza", "LH"),  # one letter off
        ("untied airlines", "UA"),
        # An airline slot that took in a neighbour ("premium" of "premium economy") is the airline it begins or
        # ends with.
        ("air france premium", "AF"),
        ("klm premium", "KL"),
        ("book delta", "DL"),
        # ICAO codes, as some people know their airline.
        ("SAA", "SA"),
        ("baw", "BA"),
    ],
)
def test_resolves_names_short_forms_and_codes(text: str, code: str) -> None:
    airline = load_airlines().resolve(text)
    assert airline is not None, text
    assert airline.code == code


@pytest.mark.parametrize("text", ["", "foo", "air chile", "qqq"])
def test_unknown_names_resolve_to_none(text: str) -> None:
    assert load_airlines().resolve(text) is None


def test_defunct_atis_airlines_are_kept_and_do_not_take_an_active_airlines_code() -> None:
    airlines = load_airlines()
    assert airlines.resolve("tower air").name == "Tower Air"  # type: ignore[union-attr]
    assert airlines.resolve("eastern").name == "Eastern Air Lines"  # type: ignore[union-attr]
    # The code itself belongs to the airline flying under it now.
    assert airlines.resolve("tw").name == "Tway Airlines"  # type: ignore[union-attr]


def test_table_size() -> None:
    assert len(load_airlines()) >= 300


def test_every_atis_airline_resolves(atis_dir: Path) -> None:
    texts = atis_airline_texts(atis_dir)
    assert len(texts) > 40
    unresolved = sorted(t for t in texts if load_airlines().resolve(t) is None)
    assert unresolved == []


def test_lexicon_names_leave_out_codes_that_are_english_words() -> None:
    names = load_airlines().lexicon_names()
    assert {"united", "united airlines", "klm", "cathay pacific", "us air"} <= names["airline"]
    assert {"ua", "dl", "ek"} <= names["airline_code"]
    assert not {"us", "as", "on", "to"} & names["airline_code"]
    assert all(name == name.lower() and "  " not in name for name in names["airline"])


def test_substitutes_favour_well_known_airlines() -> None:
    substitutes = load_airlines().substitutes()
    names = substitutes["airline_name"]
    assert ("emirates",) in names[:300]
    assert ("british", "airways") in names[:300]
    assert ("cathay", "pacific") in names[:300]
    assert names.count(("klm",)) == 2  # listed twice: one of the best-known
    assert ("continental",) not in names  # defunct
    assert ("ua",) in substitutes["airline_code"]
    assert ("us",) not in substitutes["airline_code"]


def test_a_name_of_several_words_written_as_one_is_that_airline_by_name():
    # By name, not by a typo's reading: a word the tagger took for a day name is renamed an airline only so.
    airlines = load_airlines()
    assert airlines.named("flydubai") is not None and airlines.named("flydubai").code == "FZ"
    assert airlines.named("airfrance") is not None and airlines.named("airfrance").code == "AF"
    assert airlines.named("sunday") is None


def test_a_misspelt_name_is_that_airline_before_a_shorter_name_within_it() -> None:
    airlines = load_airlines()
    found = [airlines.resolve(text) for text in ("jet blu", "china easten", "sky west")]
    assert [a.code if a else None for a in found] == ["B6", "MU", "OO"]  # not Jet Airways, China Airlines, Sky Airline
    assert [airlines.resolve(word) for word in ("one", "her", "are")] == [None, None, None]  # words, not ICAO codes
