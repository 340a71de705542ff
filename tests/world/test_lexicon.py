"""The lookup the tagger reads beside each word: longest match per category, B and I flags."""

from __future__ import annotations

import numpy as np
import pytest

from world.lexicon import CATEGORIES, Lexicon, english_stop_words, load_lexicon

NAMES = {
    "city": {"new york", "new york city", "york", "ho chi minh city", "paris", "delta"},
    "airline": {"delta", "delta air lines"},
    "airport_code": {"sfo"},
}


def flags_of(lexicon: Lexicon, text: str) -> list[list[str]]:
    return lexicon.matches(text.split())


def test_the_longest_name_of_each_category_wins_and_categories_overlap():
    lexicon = Lexicon(NAMES)
    got = flags_of(lexicon, "new york city to ho chi minh city on delta air lines")
    assert got[0] == ["B-city"] and got[1] == got[2] == ["I-city"]  # not "york" on its own
    assert got[4] == ["B-city"] and got[5:8] == [["I-city"]] * 3
    assert got[9] == ["B-city", "B-airline"]  # a city called delta, and the start of the airline
    assert got[10] == got[11] == ["I-airline"]


def test_names_of_several_tokens_are_read_back_from_the_flags_longest_first():
    lexicon = Lexicon(NAMES)
    text = "new york city to ho chi minh city on delta air lines"
    flags = lexicon.flags(text.split(" "))
    assert Lexicon.names(flags) == [(4, 7), (0, 2), (9, 11)]  # "delta" alone, a city, is no name of several
    assert Lexicon.names(lexicon.flags(["sfo", "to", "paris"])) == []


def test_flags_are_case_blind_and_shaped_per_token():
    lexicon = Lexicon(NAMES)
    flags = lexicon.flags(["Fly", "SFO", "to", "Paris"])
    assert flags.shape == (4, 2 * len(CATEGORIES)) and flags.dtype == np.float32
    assert lexicon.matches(["Fly", "SFO", "to", "Paris"]) == [[], ["B-airport_code"], [], ["B-city"]]
    assert lexicon.flags([]).shape == (0, lexicon.width)


def test_remembered_words_give_the_same_flags_and_stay_bounded(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("world.lexicon.WORD_MEMO_SIZE", 4)
    lexicon = Lexicon(NAMES)
    text = "fly from new york city to paris on delta air lines"
    first = lexicon.matches(text.split())
    for filler in ("cheap", "flights", "please", "today", "now"):
        assert lexicon.matches([filler, *text.split()]) == [[], *first]  # remembered or looked up again: the same
        assert len(lexicon._word_memo) <= 4


def test_coverage_counts_known_names():
    lexicon = Lexicon(NAMES)
    assert lexicon.coverage(["paris", "Ho Chi Minh City", "atlantis", "cheap"]) == 0.5
    assert lexicon.coverage([]) == 0.0


def test_stop_words_come_from_scikit_learn_without_importing_it():
    words = english_stop_words()
    assert {"of", "in", "me", "the"} <= words and "paris" not in words


@pytest.mark.parametrize(
    ("text", "at", "flag"),
    [
        ("flights to kuala lumpur", 2, "B-city"),
        ("out of sfo", 2, "B-airport_code"),
        ("on emirates", 1, "B-airline"),
        ("leaving portland oregon", 2, "B-state"),
        ("into o'hare", 1, "B-airport_name"),
    ],
)
def test_the_bundled_data_knows_the_world(text: str, at: int, flag: str):
    assert flag in load_lexicon().matches(text.split())[at]


def test_function_words_are_never_flagged():
    lexicon = load_lexicon()
    assert lexicon.matches(["of", "in", "me", "the", "to"]) == [[]] * 5


def test_dates_times_and_numbers_are_never_flagged_on_their_own():
    # "dec" is Decatur's code, "jan" Jackson's, "sun" and "pm" are codes, "2" names an airport: in a
    # request they are the date and the time.
    tokens = ["bos", "to", "nrt", "dec", "14", "back", "jan", "2", "sun", "at", "5", "pm"]
    flagged = [t for t, flags in zip(tokens, load_lexicon().matches(tokens), strict=True) if flags]
    assert flagged == ["bos", "nrt"]
    assert "B-city" in load_lexicon().matches(["sun", "valley"])[0]  # inside a longer name they still count
