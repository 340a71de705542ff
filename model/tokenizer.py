"""Turn the text a person types into the tokens the tagger was trained on.

ATIS-style corpora are lower case, without punctuation, with contractions ("i'd", "boston's",
"o'clock") and a few abbreviations ("st.") kept as one token. We normalise raw text the same way
and remember where each token came from, so that slot values can be cut out of the text as sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Typographic apostrophes are folded to "'" so "I’d" and "I'd" are the same token.
_APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4"
_APOSTROPHE_TABLE = str.maketrans({ch: "'" for ch in _APOSTROPHES})

# Abbreviations that keep their full stop, as in "st. louis". Only generic English ones: anything
# else loses its trailing punctuation, like every other word followed by "." or "?".
ABBREVIATIONS = frozenset({"st", "mt", "ft", "dr", "mr", "mrs", "ms", "jr", "sr", "ave", "blvd"})

# A word is a run of letters/digits, optionally joined by apostrophes ("o'clock", "what's"),
# optionally followed by a full stop that we keep only after an abbreviation.
_LETTER = r"[^\W_][\u0300-\u036f]*"  # combining accents (decomposed "são") stay with their letter
_WORD = re.compile(rf"(?:{_LETTER})+(?:'(?:{_LETTER})+)*(\.)?")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # normalised form fed to the model
    start: int  # character offsets into the original text: text[start:end] is what was typed
    end: int


def tokenize(text: str) -> list[Token]:
    """Split raw text into normalised tokens with offsets into ``text``.

    Apostrophe folding replaces one character by one, so offsets found on the folded string are
    valid on the original; NFKC and lower-casing apply to each token's text only.
    """
    folded = text.translate(_APOSTROPHE_TABLE)
    tokens = []
    for match in _WORD.finditer(folded):
        word = match.group(0)
        start, end = match.start(), match.end()
        if match.group(1) and word[:-1].lower() not in ABBREVIATIONS:
            word, end = word[:-1], end - 1
        normalised = unicodedata.normalize("NFKC", word).lower()
        tokens.append(Token(normalised, start, end))
    return tokens


def join_tokens(tokens: list[str]) -> tuple[str, list[Token]]:
    """Pre-tokenised input: the text is the tokens joined by single spaces, offsets into it."""
    spans, offset = [], 0
    for word in tokens:
        spans.append(Token(word.lower(), offset, offset + len(word)))
        offset += len(word) + 1
    return " ".join(tokens), spans


@dataclass(frozen=True, slots=True)
class Utterance:
    """What the tagger reads: the text as sent and its tokens with offsets into it."""

    text: str
    tokens: list[Token]

    @classmethod
    def from_text(cls, text: str) -> Utterance:
        return cls(text, tokenize(text))

    @classmethod
    def from_tokens(cls, tokens: Sequence[str]) -> Utterance:
        text, spans = join_tokens(list(tokens))
        return cls(text, spans)
