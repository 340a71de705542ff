"""The lookup the tagger reads beside each word: is this token inside a known place or airline name?

For every token, two flags per category (``CATEGORIES``): it begins the longest name of that category
found at that position, or it continues one. "flights to ho chi minh city" gives "ho" B-city and
"chi minh city" I-city; "out of sfo" gives "sfo" B-airport_code. A token may carry flags of several
categories ("paris" is a city, "delta" an airline and a city): the lookup says what a name *can* be,
the LSTM decides from the context what it *is* here, and whether it is an origin, a destination or
a stop. Training drops the flags of some tokens (``training.augment``), so that a name the lookup
misses ("bostn", a new nickname) is still read from its context and characters.

Names come from data packages (``world.places``, ``world.airlines``); a checkpoint trained with the
lookup records the categories it was trained on and refuses a lookup with other ones.
"""

from __future__ import annotations

import ast
import calendar
import importlib.util
from collections.abc import Mapping, Sequence, Set
from functools import cache
from pathlib import Path

import numpy as np

# Fixed order: the model's input features are [B-city, I-city, B-airport_code, I-airport_code, ...].
CATEGORIES = ("city", "airport_code", "airport_name", "state", "country", "airline", "airline_code")
MAX_NAME_TOKENS = 5  # longer names are not looked up ("san carlos de bariloche" is four tokens)
WORD_MEMO_SIZE = 20_000  # distinct words whose look-up is remembered (``Lexicon.flags``)
# Words that are some place's whole name in the data ("Airport", Texas; an airport called "City") but
# mostly just describe one: on their own they are never flagged.
GENERIC_WORDS = frozenset({"airport", "airports", "city", "international", "field", "regional", "municipal", "air"})
# Words of dates and times that are also a place's name or code ("dec" Decatur, "jan" Jackson, "sun",
# "march", "pm"): in a flight request they are the date or the time.
CALENDAR_WORDS = frozenset(
    {m.lower() for m in (*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name, *calendar.day_abbr)}
    | {"sept", "tues", "thur", "thurs", "today", "tonight", "tomorrow", "tmrw", "tmr", "tomorow"}
    | {"am", "pm", "noon", "morning", "afternoon", "evening", "night", "weekend"}
)
# Words of chat that are also some code ("b4" an airline's, "thx" an airport's): in a request they are chat.
CHAT_WORDS = frozenset({"b4", "plz", "pls", "thx", "btw", "gotta", "gonna", "wanna", "lemme", "yo", "tix", "frm"})


class Lexicon:
    """Names by category -> per-token B/I flags, longest match first within each category."""

    def __init__(self, names: Mapping[str, Set[str]], categories: Sequence[str] = CATEGORIES):
        self.categories = tuple(categories)
        # One table: a name (tokens joined by single spaces) -> bit mask of its categories.
        self._masks: dict[str, int] = {}
        for bit, category in enumerate(self.categories):
            for name in names.get(category, ()):
                if 0 < name.count(" ") + 1 <= MAX_NAME_TOKENS:
                    self._masks[name] = self._masks.get(name, 0) | (1 << bit)
        # A mask -> the categories it holds, so that a match visits its own categories only.
        self._categories_of = {
            mask: tuple(c for c in range(len(self.categories)) if mask >> c & 1) for mask in set(self._masks.values())
        }
        # A word -> the most tokens of a name it begins, for the words that begin a name of several: any other
        # word is looked up alone, once.
        self._longest: dict[str, int] = {}
        for name in self._masks:
            if " " in name:
                first, tokens = name.split(" ", 1)[0], name.count(" ") + 1
                self._longest[first] = max(self._longest.get(first, 1), tokens)
        # The words of recent requests -> (the most tokens of a name each begins, its own mask): requests repeat
        # "to", "from", "flights", and a small table stays in the processor's cache, where the two tables above,
        # megabytes of names, often do not (bench/README.md, levers).
        self._word_memo: dict[str, tuple[int, int]] = {}

    @property
    def width(self) -> int:
        """Features per token: a B and an I flag per category."""
        return 2 * len(self.categories)

    def __len__(self) -> int:
        return len(self._masks)

    def __contains__(self, name: object) -> bool:
        """Whether a name (tokens joined by single spaces, any case) is in any category."""
        return isinstance(name, str) and name.lower() in self._masks

    def longest_from(self, word: str) -> int:
        """The most tokens of a known name that begins with ``word`` (lower case); 1 for any other word."""
        return self._longest.get(word, 1)

    def coverage(self, names: Sequence[str]) -> float:
        """The share of ``names`` the lexicon knows (0 for none given)."""
        return sum(name in self for name in names) / len(names) if names else 0.0

    def flags(self, tokens: Sequence[str]) -> np.ndarray:
        """(len(tokens), width) float32 flags; tokens are matched in lower case."""
        words = [t.lower() for t in tokens]
        out = np.zeros((len(words), self.width), dtype=np.float32)
        covered_until = [0] * len(self.categories)  # per category: tokens before this are inside a match
        memo = self._word_memo
        for i, word in enumerate(words):
            known = memo.get(word)
            if known is None:
                if len(memo) >= WORD_MEMO_SIZE:
                    memo.clear()  # crude but bounded: any text can be sent
                known = memo[word] = (self._longest.get(word, 1), self._masks.get(word, 0))
            longest, alone = known
            if longest == 1 and not alone:
                continue  # the usual word: begins no name
            # Longest first, so the first match of a category at i is its longest one there.
            for n in range(min(longest, len(words) - i), 0, -1):
                mask = self._masks.get(" ".join(words[i : i + n])) if n > 1 else alone
                if not mask:
                    continue
                for c in self._categories_of[mask]:
                    if covered_until[c] <= i:
                        out[i, 2 * c] = 1.0
                        if n > 1:
                            out[i + 1 : i + n, 2 * c + 1] = 1.0
                        covered_until[c] = i + n
        return out

    @staticmethod
    def names(flags: np.ndarray) -> list[tuple[int, int]]:
        """The names of several tokens that a sentence's ``flags`` mark, as (first, last) token indices, of
        any category, longest first: "ho chi minh city" -> (i, i + 3)."""
        begins, inside = flags[:, 0::2] > 0, flags[:, 1::2] > 0
        found: set[tuple[int, int]] = set()
        for first, category in zip(*np.nonzero(begins[:-1] & inside[1:]), strict=True):  # names that go on
            last = first + 1
            while last + 1 < len(flags) and inside[last + 1, category]:
                last += 1
            found.add((int(first), int(last)))
        return sorted(found, key=lambda span: (span[0] - span[1], span[0]))

    def matches(self, tokens: Sequence[str]) -> list[list[str]]:
        """Each token's flags by name ("B-city", "I-airline", ...): for reading, tests and the page."""
        names = [f"{p}-{c}" for c in self.categories for p in ("B", "I")]
        return [[names[j] for j in np.flatnonzero(row)] for row in self.flags(tokens)]


@cache
def load_lexicon() -> Lexicon:
    """The places and airlines of the installed data packages (loaded once per process)."""
    from world.airlines import load_airlines
    from world.places import load_places

    alone = never_alone()
    names: dict[str, set[str]] = {}
    for source in (load_places().lexicon_names(), load_airlines().lexicon_names()):
        for category, values in source.items():
            names.setdefault(category, set()).update(v for v in values if v not in alone and not v.isdigit())
    return Lexicon(names)


@cache
def never_alone() -> frozenset[str]:
    """Words that are some place's or airline's whole name but are never looked up on their own, nor
    put alone into made-up sentences: an English function word ("of" in Turkey, "in" for Indiana, "me"
    for Maine) would flag nearly every sentence, a generic, date or chat word mostly means itself."""
    return english_stop_words() | GENERIC_WORDS | CALENDAR_WORDS | CHAT_WORDS


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list (the Glasgow IR group's), read from its source file:
    importing scikit-learn would load SciPy and add about 100 MB to every service worker."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        raise ImportError("scikit-learn is not installed (a slotfill dependency)")
    source = (Path(spec.origin).parent / "feature_extraction" / "_stop_words.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "frozenset":
            return frozenset(ast.literal_eval(node.args[0]))
    raise ImportError("scikit-learn's stop-word list was not found where it used to be")
