import dataclasses
from pathlib import Path

import pytest

from model.tokenizer import Tokenizer

ATIS = Tokenizer()  # the defaults: ATIS's conventions, which the bundled model was trained on
tokenize = ATIS.tokenize


def texts(tokens):
    return [t.text for t in tokens]


def test_offsets_point_at_the_text_as_typed():
    text = "I'd like to fly from St. Louis to Boston's airport at 5 o'clock?"
    tokens = tokenize(text)
    assert texts(tokens) == [
        "i'd",
        "like",
        "to",
        "fly",
        "from",
        "st.",
        "louis",
        "to",
        "boston's",
        "airport",
        "at",
        "5",
        "o'clock",
    ]
    assert [text[t.start : t.end] for t in tokens][5:9] == ["St.", "Louis", "to", "Boston's"]


def test_punctuation_and_case_do_not_change_tokens():
    assert texts(tokenize("I would like to arrive in Taipei on November second!")) == texts(
        tokenize("i would like to arrive in taipei on november second")
    )


def test_sentence_full_stop_is_dropped_but_abbreviation_kept():
    assert texts(tokenize("Fly to Boston. Then St. Paul.")) == ["fly", "to", "boston", "then", "st.", "paul"]


def test_typographic_apostrophe_and_unicode_letters():
    tokens = tokenize("I\u2019d fly to S\u00e3o Paulo \U0001f642")
    assert texts(tokens) == ["i'd", "fly", "to", "s\u00e3o", "paulo"]
    assert tokens[0].end - tokens[0].start == 3


@pytest.mark.parametrize("text", ["", "   ", "?!...", "\U0001f642\U0001f642"])
def test_nothing_to_tag(text):
    assert tokenize(text) == []


def test_given_tokens_offsets_refer_to_space_joined_text():
    given = ATIS.given(["From", "boston"])
    assert given.text == "From boston"
    assert [(t.text, t.start, t.end) for t in given.tokens] == [("from", 0, 4), ("boston", 5, 11)]


@pytest.mark.parametrize("split", ["valid", "test"])
def test_reproduces_every_atis_line(atis_dir: Path, split: str):
    lines = (atis_dir / split / "seq.in").read_text(encoding="utf-8").splitlines()
    mismatches = [line for line in lines if texts(tokenize(line)) != line.split()]
    assert len(lines) > 400
    assert mismatches == []


def test_utterance_of_text_and_of_given_tokens():
    typed = ATIS.utterance("Fly to St. Louis?")
    assert typed.text == "Fly to St. Louis?"
    assert [t.text for t in typed.tokens] == ["fly", "to", "st.", "louis"]
    given = ATIS.given(["Fly", "to", "st.", "louis"])
    assert given.text == "Fly to st. louis"
    assert [t.text for t in given.tokens] == ["fly", "to", "st.", "louis"]
    assert [given.text[t.start : t.end] for t in given.tokens] == ["Fly", "to", "st.", "louis"]


CASED = [
    ["I'd", "like", "a", "child-friendly", "show", "at", "6:30", "in", "Washington", "D.C."],
    ["Is", "it", "rated", "4.5", "&", "up", "for", "$", "20", "on", "3/15"],
]


def test_learned_from_the_data_it_reproduces_the_data():
    tokenizer = Tokenizer.learn(CASED)
    assert not tokenizer.lowercase  # the data has upper case
    assert tokenizer.joiners == "'-./:"
    assert tokenizer.symbols == "$&"
    assert tokenizer.abbreviations == ("d.c",)
    for tokens in CASED:
        assert [t.text for t in tokenizer.tokenize(" ".join(tokens))] == tokens
    typed = tokenizer.utterance("Show me child-friendly events, at 6:30? In Washington D.C. please!")
    assert [t.text for t in typed.tokens] == [
        "Show", "me", "child-friendly", "events", "at", "6:30", "In", "Washington", "D.C.", "please"
    ]  # fmt: skip


def test_learned_from_atis_style_data_it_is_the_atis_tokenizer_but_for_abbreviations():
    tokenizer = Tokenizer.learn([["i'd", "fly", "to", "st.", "louis", "at", "5", "o'clock"]])
    assert (tokenizer.lowercase, tokenizer.joiners, tokenizer.symbols) == (ATIS.lowercase, ATIS.joiners, ATIS.symbols)
    assert tokenizer.abbreviations == ("st",)
    assert [t.text for t in tokenizer.tokenize("Top-rated: 6:30!")] == ["top", "rated", "6", "30"]


def test_recipe_overrides_what_the_data_says():
    tokenizer = Tokenizer.learn(CASED, lowercase=True, joiners="'")
    assert [t.text for t in tokenizer.tokenize("Child-friendly at 6:30")] == ["child", "friendly", "at", "6", "30"]


def test_round_trips_through_its_record():
    tokenizer = Tokenizer.learn(CASED)
    assert Tokenizer.from_dict(tokenizer.to_dict()) == tokenizer
    assert Tokenizer.from_dict({}) == ATIS  # a checkpoint without a record: ATIS's conventions
    with pytest.raises(ValueError, match="unknown tokenizer fields"):
        Tokenizer.from_dict({"lowercase": True, "split_on": "-"})


def test_the_bundled_tokenizer_keeps_names_dates_and_times_whole(bundled_predictor):
    text = "Chi-town to O'Hare via St. Louis and Winston-Salem on 12/24 at 5:30"
    utterance = bundled_predictor.tokenizer.utterance(text)
    assert [t.text for t in utterance.tokens] == [
        "chi-town", "to", "o'hare", "via", "st.", "louis", "and", "winston-salem", "on", "12/24", "at", "5:30",
    ]  # fmt: skip
    typed = [text[t.start : t.end] for t in utterance.tokens]
    assert typed[0] == "Chi-town" and typed[2] == "O'Hare" and typed[4] == "St." and typed[7] == "Winston-Salem"


def test_ranges_are_cut_at_the_hyphen_and_names_kept_whole():
    tokenizer = Tokenizer.learn([["chi-town", "to", "o'hare"]], joiners="'-/:")
    assert tokenizer.ranges  # no token of the data is a range
    text = "LAX-JFK may 10-17, 12/20-12/27 from Chi-town or Winston-Salem on 2026-12-24"
    tokens = tokenizer.tokenize(text)
    assert texts(tokens) == [
        "lax", "jfk", "may", "10", "17", "12/20", "12/27", "from", "chi-town", "or", "winston-salem", "on",
        "2026-12-24",
    ]  # fmt: skip
    assert [text[t.start : t.end] for t in tokens][:2] == ["LAX", "JFK"]


def test_data_with_range_shaped_tokens_keeps_them_whole():
    tokenizer = Tokenizer.learn([["a", "rom-com", "rated", "4-5"]])
    assert not tokenizer.ranges
    assert texts(tokenizer.tokenize("a rom-com rated 4-5")) == ["a", "rom-com", "rated", "4-5"]
    assert not Tokenizer.from_dict({}).ranges  # a checkpoint without the record: as it was trained


def test_a_hyphen_between_two_known_names_is_a_range_too():
    names = frozenset({"tbilisi", "yerevan", "sea", "tac", "sea-tac", "winston", "salem", "winston-salem"})
    tokenizer = dataclasses.replace(Tokenizer.learn([["to"]], joiners="'-"), names=names)
    text = "Tbilisi-Yerevan, sea-tac, winston-salem, rock-hopping"
    assert texts(tokenizer.tokenize(text)) == ["tbilisi", "yerevan", "sea-tac", "winston-salem", "rock-hopping"]
    assert "names" not in tokenizer.to_dict() and Tokenizer.from_dict(tokenizer.to_dict()) == tokenizer
