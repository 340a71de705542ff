"""Turn the text a person types into the tokens the tagger was trained on.

What counts as one token is decided by the training data, not by this file: ``Tokenizer.learn``
reads the training tokens and records whether they are lower-cased, which punctuation stays inside
a token between letters or digits ("o'clock", "6:30", "top-rated"), which symbols are tokens of
their own ("$", "&"), and which words keep a final full stop ("st. louis"). A checkpoint stores its
tokenizer, so training, evaluation, ``slotfill predict`` and the service all cut text the same way.
The defaults are ATIS's conventions, which a checkpoint without a tokenizer record was trained on.
Every token remembers where it came from, so that slot values can be cut out of the text as sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

# Typographic apostrophes are folded to "'" so "I’d" and "I'd" are the same token.
_APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4"
_APOSTROPHE_TABLE = str.maketrans({ch: "'" for ch in _APOSTROPHES})

# Generic English abbreviations that keep their full stop ("st. louis"): ATIS's convention.
ENGLISH_ABBREVIATIONS = ("ave", "blvd", "dr", "ft", "jr", "mr", "mrs", "ms", "mt", "sr", "st")

# A letter or digit, with any combining accents that follow it (decomposed "são" stays whole).
_LETTER = r"[^\W_][\u0300-\u036f]*"
# A hyphen between ends of a range: numbers and dates ("10-17", "12/20-12/27") or airport codes
# ("lax-jfk"), not a hyphenated name ("chi-town", "winston-salem") nor an ISO date ("2026-12-24").
_RANGE = re.compile(r"(?!\d{4}-\d\d?-\d\d?$)(?:\d[^-]*)(?:-\d[^-]*)+|[^\W\d_]{3}(?:-[^\W\d_]{3})+")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # normalised form fed to the model
    start: int  # character offsets into the original text: text[start:end] is what was typed
    end: int


@dataclass(frozen=True, slots=True)
class Utterance:
    """What the tagger reads: the text as sent and its tokens with offsets into it."""

    text: str
    tokens: list[Token]


@lru_cache(maxsize=16)
def _pattern(joiners: str, symbols: str) -> re.Pattern[str]:
    """A word: letters and digits, joined by single ``joiners`` ("o'clock", "6:30"), and an optional
    final full stop (kept after an abbreviation only); or one of the ``symbols`` on its own."""
    inner = f"[{re.escape(joiners)}]" if joiners else None
    word = f"(?:{_LETTER})+" + (f"(?:{inner}(?:{_LETTER})+)*" if inner else "") + r"(\.)?"
    return re.compile(f"{word}|[{re.escape(symbols)}]" if symbols else word)


@dataclass(frozen=True)
class Tokenizer:
    lowercase: bool = True  # fold case: the training data was lower-cased
    joiners: str = "'"  # characters kept inside a token between letters or digits
    symbols: str = ""  # characters that are tokens of their own; other punctuation is dropped
    abbreviations: tuple[str, ...] = field(default=ENGLISH_ABBREVIATIONS)  # words that keep a final "." (lower case)
    ranges: bool = False  # cut "lax-jfk", "10-17" at the hyphen: the data has no token of that shape
    # Names a place lookup knows (``Predictor`` gives the model's): with ``ranges``, a hyphen between two of
    # them ("tbilisi-yerevan") cuts too, and a known name ("sea-tac", "winston-salem") stays whole.
    names: Container[str] = field(default=frozenset(), compare=False, repr=False)

    @classmethod
    def learn(
        cls, token_lists: Iterable[Sequence[str]], lowercase: bool | None = None, joiners: str | None = None
    ) -> Tokenizer:
        """The tokenizer that reproduces the given tokens from their text; ``lowercase`` and
        ``joiners`` override what the data says."""
        uppercase, inner, alone, dotted = False, Counter[str](), Counter[str](), Counter[str]()
        ranged = False
        for tokens in token_lists:
            for token in tokens:
                ranged = ranged or bool(_RANGE.fullmatch(token))
                uppercase = uppercase or token != token.lower()
                if len(token) == 1 and not token.isalnum():
                    alone[token] += 1
                    continue
                if token.endswith(".") and len(token) > 1:
                    dotted[token[:-1].lower()] += 1
                    token = token[:-1]
                for i in range(1, len(token) - 1):
                    if not token[i].isalnum() and token[i - 1].isalnum() and token[i + 1].isalnum():
                        inner[token[i]] += 1
        return cls(
            lowercase=(not uppercase) if lowercase is None else lowercase,
            joiners="".join(sorted(inner)) if joiners is None else joiners,
            symbols="".join(sorted(ch for ch in alone if ch not in _APOSTROPHES + "'")),
            abbreviations=tuple(sorted(dotted)),
            ranges=not ranged,
        )

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Tokenizer:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown tokenizer fields: {', '.join(unknown)}")
        return cls(**{**values, "abbreviations": tuple(values.get("abbreviations", ENGLISH_ABBREVIATIONS))})

    def to_dict(self) -> dict[str, Any]:
        # Not the names: they are the lookup's, which the checkpoint records.
        record = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "names"}
        return {**record, "abbreviations": list(self.abbreviations)}

    def is_range(self, word: str) -> bool:
        """Whether a word joined by hyphens is a range of two or more things, cut at its hyphens."""
        if not self.ranges or "-" not in word:
            return False
        lowered = word.lower()
        if lowered in self.names:
            return False
        return bool(_RANGE.fullmatch(word)) or all(part in self.names for part in lowered.split("-"))

    def normalise(self, word: str) -> str:
        """A token as the model reads it: NFKC, apostrophes folded, lower-cased if the data was."""
        word = unicodedata.normalize("NFKC", word.translate(_APOSTROPHE_TABLE))
        return word.lower() if self.lowercase else word

    def tokenize(self, text: str) -> list[Token]:
        """Split raw text into normalised tokens with offsets into ``text``.

        Apostrophe folding replaces one character by one, so offsets found on the folded string are
        valid on the original; NFKC and lower-casing apply to each token's text only.
        """
        folded = text.translate(_APOSTROPHE_TABLE)
        abbreviations = self.abbreviations
        tokens = []
        for match in _pattern(self.joiners, self.symbols).finditer(folded):
            word = match.group(0)
            start, end = match.start(), match.end()
            if match.group(1) and word[:-1].lower() not in abbreviations:
                word, end = word[:-1], end - 1
            if self.is_range(word):
                for part in re.finditer(r"[^-]+", word):
                    tokens.append(Token(self.normalise(part.group(0)), start + part.start(), start + part.end()))
                continue
            tokens.append(Token(self.normalise(word), start, end))
        return tokens

    def utterance(self, text: str) -> Utterance:
        """Text as typed."""
        return Utterance(text, self.tokenize(text))

    def given(self, tokens: Sequence[str]) -> Utterance:
        """Pre-tokenised input, used as given: the text is the tokens joined by single spaces."""
        spans, offset = [], 0
        for word in tokens:
            spans.append(Token(self.normalise(word), offset, offset + len(word)))
            offset += len(word) + 1
        return Utterance(" ".join(tokens), spans)
