"""Build ``world/data/common_words.txt``, everyday English words that are no misspelt place, from ``pyspellchecker``.

    .venv/bin/python scripts/build_common_words.py            # write the list
    .venv/bin/python scripts/build_common_words.py --check    # exit 1 if the list is not what the package gives

A word the tagger marks as a place but no place is named ("late" in "in late march", "closest", "coach") would
otherwise be matched fuzzily to some town ("late" to Lae, "closest" to Closepet); ``world.places`` does not
search typos for a word of this list. A row is a lower-case word of ``FUZZY_MIN_LENGTH`` letters or more (shorter
ones are never searched) whose share of the running words of pyspellchecker's English frequency list is at
least ``MIN_SHARE``: rarer entries of that list include misspellings ("tuscon", "huston") and most place names,
which must stay searchable. The package is a development dependency (MIT licence); the service reads the list.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spellchecker import SpellChecker, __version__

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python scripts/build_common_words.py` from a clone

from scripts.datafile import write_or_check  # noqa: E402
from world.places import FUZZY_MIN_LENGTH  # noqa: E402

COMMON_WORDS = ROOT / "world" / "data" / "common_words.txt"
MIN_SHARE = 1e-6  # one in a million running words: "late", "cheap", "coach"; not "tuscon" nor "whistler"


def words() -> list[str]:
    frequency = SpellChecker(language="en").word_frequency
    total = frequency.total_words
    return sorted(
        word
        for word, count in frequency.dictionary.items()
        if count / total >= MIN_SHARE and len(word) >= FUZZY_MIN_LENGTH and word.isascii() and word.isalpha()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare the committed list with the package's")
    args = parser.parse_args(argv)
    wanted = "\n".join(words()) + "\n"
    return write_or_check(COMMON_WORDS, wanted, f"pyspellchecker {__version__}", args.check, sys.argv[0])


if __name__ == "__main__":
    sys.exit(main())
