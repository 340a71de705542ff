from pathlib import Path

import pytest

from model.tokenizer import Utterance, join_tokens, tokenize


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


def test_join_tokens_offsets_refer_to_space_joined_text():
    text, tokens = join_tokens(["From", "boston"])
    assert text == "From boston"
    assert [(t.text, t.start, t.end) for t in tokens] == [("from", 0, 4), ("boston", 5, 11)]


@pytest.mark.parametrize("split", ["valid", "test"])
def test_reproduces_every_atis_line(atis_dir: Path, split: str):
    lines = (atis_dir / split / "seq.in").read_text(encoding="utf-8").splitlines()
    mismatches = [line for line in lines if texts(tokenize(line)) != line.split()]
    assert len(lines) > 400
    assert mismatches == []


def test_utterance_from_text_and_from_tokens():
    typed = Utterance.from_text("Fly to St. Louis?")
    assert typed.text == "Fly to St. Louis?"
    assert [t.text for t in typed.tokens] == ["fly", "to", "st.", "louis"]
    given = Utterance.from_tokens(["Fly", "to", "st.", "louis"])
    assert given.text == "Fly to st. louis"
    assert [t.text for t in given.tokens] == ["fly", "to", "st.", "louis"]
    assert [given.text[t.start : t.end] for t in given.tokens] == ["Fly", "to", "st.", "louis"]
