"""The tagger's date and time slots of one leg -> a date and a window of times.

A leg is what a request says about departing, arriving or returning: slots such as ``day_name``
("friday"), ``month_name`` + ``day_number`` ("december" "twenty fifth"), ``date_relative`` ("next"),
``today_relative`` ("tomorrow"), ``time_relative`` + ``time`` ("after" "5 pm"), ``start_time`` +
``end_time``, ``period_mod`` + ``period_of_day`` ("early" "morning"). ``resolve_leg`` turns them into a
``Leg``: the date, and the earliest and latest time of day.

Dates, against the reference time (when the request was sent), on the calendar of the reference
time's own UTC offset:

* "today", "tonight" ("tonite"): the reference date; "tomorrow" (also "tmrw", "tmr", "tomorow", "2morrow"): the
  next day; "the day after tomorrow": +2; "in two days", "3 days from now": +N; "a week from today": +7. These
  count from the reference date, in a return leg too. "A week from friday", "two days from tomorrow": the
  date the other words name, then so many days on.
* A day name: "friday" and "next friday" are the first Friday strictly after the reference date;
  "this friday" is the first Friday on or after it; "friday after next" a week after "next friday". A word
  tagged a day name that is none is read as the day name it is closest to when rapidfuzz's Jaro-Winkler
  similarity is at least 88, as place names are ("wensday", "fridy"; "today" scores 82 against "monday").
  "The weekend" (typed "wknd" too) is its Saturday, "this weekend" on a Sunday that day.
* A month and day ("november second", "nov 2nd", "24 december", "14JAN", "12/24", US month/day; "18/12" day/month, as
  no month is 18; "24.12." and "5.1.2027" day first, between dots): with no year, the next such date on or after the
  reference date (Feb 29 waits for a leap year); a year is taken as written; a request that writes one slashed date
  day first ("22/12") writes them all so ("return 5/1": January 5). A day of the month alone ("the 15th"): this month
  if that day is still to come (today included), else the next month that has it; "of next month" ("the 3rd of next
  month", "next month on the 3rd") makes it the month after the reference date's. "The second monday of january", "the
  last friday in may": that weekday of the next such month on or after the reference date.
* A holiday ("christmas", "thanksgiving", "new year's day", "memorial day", "boxing day"): its next date on
  or after the reference date, from the ``holidays`` package's calendars of the US, then the UK, Canada,
  Australia and Ireland for names the US has not ("thanksgiving" is the US one), then the US observances
  ("easter", "valentine's day", "mother's day", "halloween") and Louisiana's "mardi gras", as a table of the years
  2000-2100 (``world/data/holidays.tsv``, scripts/build_holidays.py); "christmas
  eve", "new year's eve" and "the day before thanksgiving" are the day before, "the day after christmas"
  the day after. A date the leg also gives in other words wins ("on new year's eve? no, dec 30").
  ``holiday_phrases`` finds holidays in a text, whatever the tagger made of words it never saw in training.
* A return leg is anchored on the departure date when there is one: a day name is the first such day
  strictly after departure, a month/day or day of the month the first such date on or after it, and
  "a week later", "three days later", "the following day" count from it.

Times: "at 6 am" is 06:00-06:00; "after 5 pm" is earliest 17:00; "before 10 am" latest 10:00;
"between 2 and 4 pm" 14:00-16:00; "around 3 pm" is half an hour either side, 14:30-15:30, and so is "3ish". "noon" is
12:00, "midnight" 00:00. A bare hour with no am/pm ("at 5", "between 2 and 4 pm") takes the other end
of its range's am/pm when that keeps the range in order; otherwise, since few flights leave in the
small hours, 1-6 is pm, 7-11 am and 12 noon. A period of the day in the same leg settles it too
("8 in the evening").

Periods of the day (earliest-latest):

    early morning 05:00-08:00     morning 06:00-12:00        late morning 10:00-12:00
    mid morning 09:00-11:00       mid afternoon 14:00-16:00  (also "mid-morning", "midmorning")
    first thing 05:00-08:00 (early morning)
    early afternoon 12:00-15:00   afternoon 12:00-18:00      late afternoon 15:00-18:00
    early evening 17:00-19:00     evening 18:00-22:00        late evening 21:00-23:59
    night 20:00-23:59             late night 21:00-23:59     tonight 18:00-22:00 (and today)
    red-eye / overnight 21:00-05:00 (earliest after latest: the window spans midnight)
    breakfast 06:00-09:00         lunch 11:00-14:00          dinner 17:00-20:00
    am 00:00-12:00                pm 12:00-23:59             "early" alone = early morning,
                                                             "late" alone = late evening

"early"/"late" before another period takes its first or last half, also when tagged a period of its own. A
time with "after" or "before" replaces that end of a period's window and keeps the other ("after 7 in the
evening": 19:00-22:00); with no time, "after" or "before" a period is after its end or before its start
("after lunch": 14:00 on, "before dinner": until 17:00).

Two ways to find the date are kept: composing it from the tagger's parts (``method="compose"``, the
default) and dateparser on the leg's date text (``method="dateparser"``, for the measurement only).
``compare`` (``python -m world.dates [dev.jsonl] [--misses]``) measures both on ``data/dates_dev.jsonl``,
228 hand-written legs: composing gets every date right, dateparser 68-77% (the day it runs moves its readings
of a day of the month), and is the slower of the two per call. dateparser reads no ordinals in words ("twenty
fifth", "november second"), no "this" or "next" before a day name, and no "tonight"; "a week from today" goes
back a week, and a day of the month or a month/day it finds is not moved past the reference date. Composing
was written beside that set, so its score there is flattering; it is the better of the two all the same.
"""

from __future__ import annotations

import calendar
import json
import re
import time as timer
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

Method = Literal["compose", "dateparser"]

# "holiday" is the frame's own kind (world.frame reads holidays from the text), never a tagger's label.
DATE_SLOTS = frozenset({"day_name", "day_number", "month_name", "date_relative", "today_relative", "year", "holiday"})
TIME_SLOTS = frozenset({"time", "time_relative", "period_of_day", "period_mod", "start_time", "end_time"})


@dataclass(frozen=True, slots=True)
class Leg:
    date: date | None
    earliest: time | None
    latest: time | None

    def is_empty(self) -> bool:
        return self.date is None and self.earliest is None and self.latest is None


# --- numbers in words ---------------------------------------------------------------------------------

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"]
_TEENS += ["nineteen"]
_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty"}
_UNIT_ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEEN_ORDINALS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"]
_TEEN_ORDINALS += ["seventeenth", "eighteenth", "nineteenth"]
_TENS_ORDINALS = {20: "twentieth", 30: "thirtieth"}


def _number_words() -> tuple[dict[str, int], dict[str, int]]:
    """Cardinals 1-59 ("twenty five") and ordinals 1-31 ("twenty fifth") written out."""
    cardinals = {word: n for n, word in enumerate(_UNITS) if word}
    cardinals.update({word: 10 + i for i, word in enumerate(_TEENS)})
    ordinals = {word: n for n, word in enumerate(_UNIT_ORDINALS) if word}
    ordinals.update({word: 10 + i for i, word in enumerate(_TEEN_ORDINALS)})
    for tens, word in _TENS.items():
        cardinals[word] = tens
        for unit in range(1, 10):
            cardinals[f"{word} {_UNITS[unit]}"] = tens + unit
            if tens + unit <= 31:
                ordinals[f"{word} {_UNIT_ORDINALS[unit]}"] = tens + unit
    ordinals.update({word: n for n, word in _TENS_ORDINALS.items()})
    return cardinals, ordinals


CARDINALS, ORDINALS = _number_words()
# Longest first, so that "twenty fifth" is read before "twenty".
_DAY_WORDS = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, {**CARDINALS, **ORDINALS}), key=len, reverse=True)) + r")\b"
)
_MORE_THAN_ONE = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen"
_COUNT = rf"(\d+|a|an|one|{_MORE_THAN_ONE})"

# --- names ----------------------------------------------------------------------------------------------

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))  # longest first: "sept" before "sep"
_MONTH = re.compile(rf"\b({_MONTH_WORDS})\b")
# A day and a month written as one word, as tickets print them: "14JAN", "jan14".
PACKED_DATE = re.compile(rf"(\d{{1,2}})({_MONTH_WORDS})|({_MONTH_WORDS})(\d{{1,2}})", re.IGNORECASE)
_ANY_DIGIT = re.compile(r"\d")
_PACKED_WORD = re.compile(rf"\b(?:{PACKED_DATE.pattern})\b", re.IGNORECASE)

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
WEEKDAYS.update({"tues": 1, "tue": 1, "weds": 2, "thur": 3, "thurs": 3, "thu": 3})
# A flight "this weekend" leaves on its Saturday; the tagger reads it as a day name. As typed: "this wknd".
WEEKEND_WORDS = ("weekend", "wknd", "wkend")
WEEKDAYS.update(dict.fromkeys(WEEKEND_WORDS, 5))
_WEEKEND_OR_WHICH = frozenset({*WEEKEND_WORDS, "this", "next"})  # "thanksgiving (this) weekend": the holiday's
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")s?\b")
# "the second monday of january", "the last friday in may" (ordinals as _normalise leaves them: "2nd" is "2").
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4, "last": -1}
_DAYS_OF_THE_WEEK = sorted(set(WEEKDAYS) - set(WEEKEND_WORDS), key=len, reverse=True)
_NTH_WEEKDAY_OF_MONTH = re.compile(
    rf"\b({'|'.join(_NTH)}) ({'|'.join(_DAYS_OF_THE_WEEK)}) (?:(?:of|in) )?"
    rf"({'|'.join(sorted(MONTHS, key=len, reverse=True))})\b"
)
YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")  # a year as written in a date: "may 5 1991", "2 march 2028"
_ISO_DATE = re.compile(r"\b(\d{4}) (\d{1,2}) (\d{1,2})\b")
# Day, month and maybe year between dots, as much of Europe writes a date: "24.12.", "5.1.2027" (never a clock: "7.30").
DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})\b)?")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?\b")  # "12/24", "12/24/26"
_ONE_OR_TWO_DIGITS = re.compile(r"\b(\d{1,2})\b")
_THIS_WORD = re.compile(r"\bthis\b")
_AFTER_NEXT = re.compile(r"\bafter next\b")
_DAY_NAMES = tuple(name.lower() for name in calendar.day_name)  # lower case already: a processor is ten times slower
WEEKDAY_CUTOFF = 88.0  # Jaro-Winkler similarity (0-100) a misspelled day name needs, as a place name does


def day_name(text: str) -> str:
    """A day-name slot's text with a misspelled day name made the day it is closest to ("wensday" ->
    "wednesday"); unchanged when it names a day already or is like none."""
    if _WEEKDAY.search(text.lower()):
        return text
    found = process.extractOne(
        text.lower(), _DAY_NAMES, scorer=JaroWinkler.normalized_similarity, score_cutoff=WEEKDAY_CUTOFF / 100
    )
    return found[0] if found else text


@lru_cache(maxsize=4096)  # asked of the last word of many place slots ("york" of "new york"): few distinct words
def names_a_day(word: str) -> bool:
    """Whether one word is a day name, or one misspelled as ``day_name`` reads it ("frday")."""
    return bool(_WEEKDAY.fullmatch(word.lower())) or day_name(word) != word


# "for a week", "for 5 nights", "staying a week", "a stay of 3 nights"; a count of nights alone too ("3 nights from
# friday"; "a night flight" is none, and "in 3 days" a date).
STAY = re.compile(
    rf"\b(?:for|staying(?:\s+for)?|a\s+stay\s+of)\s+{_COUNT}\s+(day|days|night|nights|week|weeks)\b|(?<!\bin\s)\b(\d+|{_MORE_THAN_ONE})\s+(nights)\b",
    re.IGNORECASE,
)


def stays(text: str) -> list[re.Match[str]]:
    """Where a request says how long the trip lasts (``STAY``), first to last."""
    lowered = text.lower()
    if "for" not in lowered and "night" not in lowered and "stay" not in lowered:  # most requests: spare the scan
        return []
    return list(STAY.finditer(text))


def stay_days(text: str) -> int | None:
    """How many days a request says the trip lasts ("for a week": 7, "for 5 nights": 5), or None."""
    match = next(iter(stays(text)), None)
    if match is None:
        return None
    return _days(match.group(1), match.group(2)) if match.group(1) else _days(match.group(3), match.group(4))


def _days(count: str, unit: str) -> int:
    """How many days ``count`` ``unit``s make: ("two", "weeks") -> 14, ("3", "nights") -> 3."""
    days = _count(count.lower())
    return days * 7 if unit.lower().startswith("week") else days


def names_a_day_of_month(text: str) -> bool:
    """Whether a day-number slot's words name a day of the month ("12", "12th", "twelfth"); "weekend", tagged
    so in "the weekend of december 12", does not."""
    return _day_number(_normalise(text)) is not None


_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")
_SEPARATORS = re.compile(r"[\s,.]+")


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    if _ANY_DIGIT.search(text):  # most date words have none: no packed date to look for
        text = _PACKED_WORD.sub(lambda m: " ".join(g for g in m.groups() if g), text)  # "14jan" -> "14 jan"
    text = _ORDINAL.sub(r"\1", text)  # "2nd" -> "2"
    return _SEPARATORS.sub(" ", text.replace("-", " ")).strip()


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    return 1 if word in ("a", "an") else CARDINALS[word]


# --- holidays ------------------------------------------------------------------------------------------

# The holidays' dates, 2000-2100: built from the ``holidays`` package by scripts/build_holidays.py, which says why.
HOLIDAYS = Path(__file__).resolve().parent / "data" / "holidays.tsv"


def holiday_key(name: str) -> str:
    """ "New Year's Day" -> "new years day", "St. Patrick's Day" -> "saint patricks day": how a holiday's name is
    looked up."""
    key = re.sub(r"\s+", " ", re.sub(r"['\u2019.]", "", name.lower())).strip()
    return re.sub(r"\bst\b", "saint", key)


@cache
def _holiday_table() -> dict[int, dict[str, date]]:
    """Year -> holiday name (looked-up form, short forms too) -> its date that year."""
    table: dict[int, dict[str, date]] = {}
    for line in HOLIDAYS.read_text(encoding="utf-8").splitlines()[1:]:
        day, name = line.split("\t")
        when = date.fromisoformat(day)
        table.setdefault(when.year, {})[name] = when
    return table


def _holidays_of(year: int) -> dict[str, date]:
    """Holiday names -> their date in ``year``; none for a year the table does not reach."""
    return _holiday_table().get(year, {})


@cache
def _holiday_pattern() -> re.Pattern[str]:
    names = sorted(_holidays_of(date.today().year), key=len, reverse=True)
    # A looked-up name has lost its apostrophes: a final "s" may have one before it ("new year's").
    spelled = [
        r"\s+".join(
            r"(?:saint|st\.?)" if word == "saint" else re.sub(r"s$", "'?s", re.escape(word)) for word in name.split()
        )
        for name in names
    ]
    before_or_after = r"(?:(?:the\s+)?day\s+(?:before|after)\s+)?"
    # Every match begins with one of these characters; looking ahead for them first lets the engine pass over
    # most positions at once instead of trying each name there (twice as fast on ATIS's texts).
    first = re.escape("".join(sorted({name[0] for name in names} | {"t", "d", "s"})))
    return re.compile(rf"(?=[{first}])\b" + before_or_after + "(?:" + "|".join(spelled) + r")(?:\s+eve)?\b")


# Upper case folded by hand, not by str.lower(), which may change a text's length and so its offsets
# ("İ"); matching in lower case is several times faster than re.IGNORECASE.
_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ\u2019", "abcdefghijklmnopqrstuvwxyz'")


def holiday_phrases(text: str) -> list[tuple[int, int]]:
    """Where the text names a holiday, as (start, end): "Christmas Eve", "the day after thanksgiving"."""
    return [match.span() for match in _holiday_pattern().finditer(text.translate(_FOLD))]


def holiday_date(phrase: str, base: date) -> date | None:
    """The next date on or after ``base`` that ``phrase`` names: a holiday, its eve, the day before or after it."""
    key = holiday_key(phrase)
    shift = -1 if key.endswith(" eve") or key.startswith(("day before ", "the day before ")) else 0
    shift = 1 if key.startswith(("day after ", "the day after ")) else shift
    key = re.sub(r"^(?:the )?day (?:before|after) ", "", key.removesuffix(" eve"))
    for year in (base.year, base.year + 1):
        day = _holidays_of(year).get(key)
        if day is not None and (day := day + timedelta(days=shift)) >= base:
            return day
    return None


# --- dates by composing the tagger's parts --------------------------------------------------------------

_TOMORROW = r"(tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|2morrow|2moro)"  # as people type it
_TONIGHT = r"(tonight|tonite)"
_TONIGHT_WORD = re.compile(rf"\b{_TONIGHT}\b")
TODAY_RELATIVE = re.compile(rf"(today|{_TONIGHT}|{_TOMORROW})", re.IGNORECASE)  # one word for a day from today
# Offsets in days from the reference date, whatever leg they are in.
_FROM_TODAY: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(rf"\b(the )?day after {_TOMORROW}\b"), 2),
    (re.compile(rf"\bin {_COUNT} (day|days|week|weeks)\b"), "count"),
    (re.compile(rf"\b{_COUNT} (day|days|week|weeks) from (now|today)\b"), "count"),
    (re.compile(rf"\b(today|{_TONIGHT}|this (morning|afternoon|evening))\b"), 0),
    (re.compile(rf"\b{_TOMORROW}\b"), 1),
]
# Offsets from the departure date in a return leg (from the reference date when there is none).
_FROM_ANCHOR: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(rf"\b{_COUNT} (day|days|week|weeks) later\b"), "count"),
    (re.compile(r"\b(the )?(following|next) day\b|\b(the )?day after\b"), 1),
    (re.compile(r"\b(the )?same day\b"), 0),
]
# An offset from the date the leg's other words name: "a week from friday", "two weeks from tomorrow" ("a week
# from today" is one of _FROM_TODAY's). In a text, only before a date's first word: not "two days from nashville".
_FROM_DATE = re.compile(rf"\b{_COUNT} (day|days|week|weeks) from\b(?! (now|today)\b)")
_DATE_START = "|".join(sorted([*WEEKDAYS, *MONTHS], key=len, reverse=True))
_FROM_DATE_IN_TEXT = re.compile(
    _FROM_DATE.pattern + rf"(?= (this |next |the )?((?:{_DATE_START})s?\b|{_TOMORROW}\b|\d))"  # not "from montreal"
)


# "the 3rd of next month": a day of the month after the reference date's, whatever leg it is in.
_NEXT_MONTH = re.compile(r"\bnext month\b")

RELATIVE_CONTEXT_WORDS = 3  # words either side of a relative-date slot that may complete its phrase


def relative_phrase(before: str, value: str, after: str) -> str:
    """A relative-date slot's words widened to the whole phrase they are part of, from the words
    just before and after them in the text ("days" in "in 3 days", "today" in "a week from today",
    "tomorrow" in "the day after tomorrow"); the words as they were when they are no part of one.
    The tagger often marks only the end of such a phrase."""
    before_words = before.split()[-RELATIVE_CONTEXT_WORDS:]
    after_words = after.split()[:RELATIVE_CONTEXT_WORDS]
    window = " ".join([*before_words, value, *after_words])
    first = len(" ".join(before_words)) + (1 if before_words else 0)
    last = first + len(value)
    lowered = window.lower()
    for pattern in (*(pattern for pattern, _ in (*_FROM_TODAY, *_FROM_ANCHOR)), _FROM_DATE_IN_TEXT, _NEXT_MONTH):
        for match in pattern.finditer(lowered):
            if match.start() <= first and last <= match.end():
                return window[match.start() : match.end()]
    return value


def _offset(text: str, patterns: list[tuple[re.Pattern[str], Any]]) -> tuple[int, str] | None:
    """(days, text without the phrase) for the first phrase found."""
    for pattern, days in patterns:
        match = pattern.search(text)
        if match is None:
            continue
        if days == "count":
            days = _days(match.group(1), match.group(2))
        return days, (text[: match.start()] + " " + text[match.end() :]).strip()
    return None


def _month_day_on_or_after(month: int, day: int, base: date) -> date | None:
    """The first date with this month and day on or after ``base`` (Feb 29: the next leap year)."""
    for year in range(base.year, base.year + 9):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= base:
            return date(year, month, day)
    return None


def _day_on_or_after(day: int, base: date) -> date | None:
    """The first date with this day of the month on or after ``base``."""
    year, month = base.year, base.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= base:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _nth_weekday_on_or_after(nth: int, weekday: int, month: int, base: date) -> date | None:
    """The ``nth`` such weekday of ``month`` (-1: the last) in the first year it is on or after ``base``."""
    for year in (base.year, base.year + 1):
        first = (weekday - date(year, month, 1).weekday()) % 7 + 1  # the first such weekday's day of the month
        days = range(first, calendar.monthrange(year, month)[1] + 1, 7)
        if nth <= len(days) and (day := date(year, month, days[nth - 1 if nth > 0 else -1])) >= base:
            return day
    return None


def _weekday_after(weekday: int, base: date, inclusive: bool) -> date:
    ahead = (weekday - base.weekday()) % 7
    if ahead == 0 and not inclusive:
        ahead = 7
    return base + timedelta(days=ahead)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


def compose_date(text: str, reference: date, anchor: date | None = None, day_first: bool = False) -> date | None:
    """The date that the leg's date words name (see the module docstring), or None. ``day_first``: the request
    writes its slashed dates day first (``writes_day_first``)."""
    dotted = DOTTED_DATE.search(text)
    if dotted is not None:  # read before normalising, which makes the dots spaces
        day, month, year = int(dotted[1]), int(dotted[2]), dotted[3]
        if year:
            return _safe_date(_full_year(int(year)), month, day)
        return _month_day_on_or_after(month, day, anchor or reference) if 1 <= month <= 12 else None
    text = _normalise(text)
    if not text:
        return None
    if text == "this":  # "this" tagged today_relative, before a period of the day ("this evening")
        return reference
    counted = _FROM_DATE.search(text)
    if counted is not None:  # "a week from friday": that friday, then a week on ("a week from today" is below)
        named = compose_date(_FROM_DATE.sub(" ", text), reference, anchor, day_first)
        return named + timedelta(days=_days(counted.group(1), counted.group(2))) if named is not None else None
    found = _offset(text, _FROM_TODAY)
    if found is not None:
        return reference + timedelta(days=found[0])
    found = _offset(text, _FROM_ANCHOR)
    if found is not None:
        return (anchor or reference) + timedelta(days=found[0])
    base = anchor or reference

    iso = _ISO_DATE.search(text)  # "2026-12-24" after "-" became " "
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    numeric = _NUMERIC_DATE.search(text)
    if numeric:
        month, day = int(numeric.group(1)), int(numeric.group(2))
        if month > 12 >= day or (day_first and day <= 12):  # "18/12": day first, as most of the world writes it
            month, day = day, month
        if numeric.group(3):
            return _safe_date(_full_year(int(numeric.group(3))), month, day)
        return _month_day_on_or_after(month, day, base) if 1 <= month <= 12 else None

    nth = _NTH_WEEKDAY_OF_MONTH.search(text)
    if nth is not None:  # "the second monday of january"
        return _nth_weekday_on_or_after(_NTH[nth.group(1)], WEEKDAYS[nth.group(2)], MONTHS[nth.group(3)], base)
    year_match = YEAR.search(text)
    if year_match:
        text = (text[: year_match.start()] + " " + text[year_match.end() :]).strip()
    month_match = _MONTH.search(text)
    day_of_month = _day_number(_MONTH.sub(" ", text))
    if month_match and day_of_month is not None:
        month = MONTHS[month_match.group(1)]
        if year_match:
            return _safe_date(int(year_match.group(1)), month, day_of_month)
        return _month_day_on_or_after(month, day_of_month, base)
    if day_of_month is not None and not month_match:
        if _NEXT_MONTH.search(text):
            year, month = (reference.year + 1, 1) if reference.month == 12 else (reference.year, reference.month + 1)
            return _safe_date(year, month, day_of_month)
        return _day_on_or_after(day_of_month, base)
    weekday = _WEEKDAY.search(text)
    if weekday:
        # "this friday" may be today; plain and "next" mean a day still to come. A return leg's day
        # name always comes after departure.
        inclusive = anchor is None and _THIS_WORD.search(text) is not None
        if inclusive and weekday.group(1) in WEEKEND_WORDS and base.weekday() == 6:
            return base  # "this weekend" said on a Sunday: today
        week_later = timedelta(days=7 if _AFTER_NEXT.search(text) else 0)  # "friday after next"
        return _weekday_after(WEEKDAYS[weekday.group(1)], base, inclusive) + week_later
    return None


def writes_day_first(text: str) -> bool:
    """Whether a request writes a slashed date that can only be day first ("22/12": no month is 22): then its
    others are too ("LHR-JFK 22/12 return 5/1": back on January 5)."""
    return any(12 < int(m[1]) <= 31 and 1 <= int(m[2]) <= 12 for m in _NUMERIC_DATE.finditer(text))


def _day_number(text: str) -> int | None:
    """The day of the month in digits ("24", "2nd" already made "2") or words ("twenty fifth")."""
    digits = _ONE_OR_TWO_DIGITS.search(text)
    if digits and 1 <= int(digits.group(1)) <= 31:
        return int(digits.group(1))
    words = _DAY_WORDS.search(text)
    if words:
        value = {**CARDINALS, **ORDINALS}[words.group(1)]
        return value if 1 <= value <= 31 else None
    return None


# --- dates by dateparser -------------------------------------------------------------------------------


def dateparser_date(text: str, reference: datetime, anchor: date | None = None) -> date | None:
    """dateparser's reading of the leg's date words: relative to the departure date in a return leg,
    else to the reference time as a local wall-clock time."""
    import dateparser

    base = reference.replace(tzinfo=None)
    if anchor is not None:
        base = datetime.combine(anchor, base.time())
    settings: Any = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "MDY",
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


# --- times ---------------------------------------------------------------------------------------------

_WINDOWS: dict[str, tuple[time, time]] = {
    "early morning": (time(5), time(8)),
    "morning": (time(6), time(12)),
    "late morning": (time(10), time(12)),
    "mid morning": (time(9), time(11)),
    "early afternoon": (time(12), time(15)),
    "afternoon": (time(12), time(18)),
    "late afternoon": (time(15), time(18)),
    "mid afternoon": (time(14), time(16)),
    "early evening": (time(17), time(19)),
    "evening": (time(18), time(22)),
    "late evening": (time(21), time(23, 59)),
    "night": (time(20), time(23, 59)),
    "late night": (time(21), time(23, 59)),
    "tonight": (time(18), time(22)),
    "red eye": (time(21), time(5)),
    "breakfast": (time(6), time(9)),
    "lunch": (time(11), time(14)),
    "dinner": (time(17), time(20)),
    "am": (time(0), time(12)),
    "pm": (time(12), time(23, 59)),
    "early": (time(5), time(8)),
    "late": (time(21), time(23, 59)),
}
_PERIOD_SPELLINGS = {
    "redeye": "red eye",
    "midmorning": "mid morning",
    "midafternoon": "mid afternoon",
    "overnight": "red eye",
    "nighttime": "night",
    "nite": "night",  # as typed
    "aftn": "afternoon",
    "arvo": "afternoon",
    "morn": "morning",
    "late nite": "late night",
    "tonite": "tonight",
    "dinnertime": "dinner",
    "dinner time": "dinner",
    "supper": "dinner",
    "lunchtime": "lunch",
    "lunch time": "lunch",
    "a m": "am",
    "p m": "pm",
    "earliest": "early",
    "first thing": "early morning",
    "latest": "late",
}
_PM_PERIODS = {"afternoon", "mid afternoon", "evening", "night", "tonight", "dinner", "pm"}
_AM_PERIODS = {"morning", "mid morning", "breakfast", "am", "early"}

_AFTER = ("after", "later", "from", "since", "past", "starting", "at or after", "at the earliest")
_BEFORE = ("before", "b4", "by", "prior", "until", "till", "earlier", "at the latest")
_AROUND = ("around", "about", "approximately", "near", "close", "vicinity", "roughly", "circa", "ish")
_HOUR_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_AROUND_MINUTES = 30
# "7ish", "7:30-ish", "noonish", "sevenish": around that time; the "ish" cut off before the clock is read.
_ISH = re.compile(r"\b(\d{1,2}(?::\d\d)?\s?(?:[ap]m)?|noon|midnight|" + _HOUR_WORDS + r")-?ish\b")
# Each relation's words, any of them beginning a word: "before" also reads "beforehand", "by" "by 5".
_RELATION_WORDS = tuple(
    (relation, re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")"))
    for relation, words in (("around", _AROUND), ("before", _BEFORE), ("after", _AFTER))
)
# "no" or "not" before a relation's word turns it round: "no later than" is before, "not before" after.
_PERIOD_RELATION = re.compile(r"(?:(?:no|not) )?(?:after|before|by|until|till|b4)")  # before a period: "after lunch"
_NEGATED = re.compile(r"\b(?:no|not)\s+(\w+)")
_PERIOD_FILLERS = re.compile(r"\b(the|in|during|this|of)\b")
_CLOCK_FILLERS = re.compile(r"\b(o'clock|oclock|hours|hrs|h|at|around|the)\b")
_NOON = re.compile(r"\bnoon|noontime|midday\b")
_AM = re.compile(r"\b(am|a)\b|in morning|(\d)am\b")
_PM = re.compile(r"\b(pm|p)\b|in (afternoon|evening)|at night|(\d)pm\b")
_DOTTED_CLOCK = re.compile(r"\b(\d{1,2})\.(\d\d)(?!\d)")  # "7.30 am", as much of the world writes it: 7:30
_H_CLOCK = re.compile(r"(\d{1,2})h(\d\d)?")
_CLOCK_DIGITS = re.compile(r"\b(\d{1,2})(?::(\d{2}))?(?:am|pm)?\b|\b(\d{3,4})(?:am|pm)?\b")


def _period_key(text: str) -> str:
    text = _normalise(text)
    text = _PERIOD_FILLERS.sub(" ", text)
    words = [w[:-1] if w.endswith("s") and w[:-1] in _WINDOWS else w for w in text.split()]
    text = " ".join(words)
    return _PERIOD_SPELLINGS.get(text, text)


_DAY_PARTS = frozenset({"morning", "mid morning", "afternoon", "mid afternoon", "evening", "night"})


def names_a_part_of_the_day(word: str) -> bool:
    """Whether one word is a part of the day as people type it: "morning", "evening", "nite", "arvo", "mid-morning"."""
    key = " ".join(word.lower().split("-"))
    return _PERIOD_SPELLINGS.get(key, key) in _DAY_PARTS


def period_window(period: str, mod: str | None = None) -> tuple[time, time] | None:
    """The window of a period of the day, shifted by "early"/"late" (see the module docstring)."""
    key = _period_key(period)
    mod_key = _period_key(mod) if mod else ""
    if mod_key in ("early", "late") and key not in ("early", "late"):
        combined = f"{mod_key} {key}"
        if combined in _WINDOWS:
            return _WINDOWS[combined]
        window = _WINDOWS.get(key)
        if window is None:
            return None
        start, end = (window[0].hour * 60 + window[0].minute), (window[1].hour * 60 + window[1].minute)
        middle = start + (end - start) // 2
        half = (start, middle) if mod_key == "early" else (middle, end)
        return time(half[0] // 60, half[0] % 60), time(half[1] // 60, half[1] % 60)
    return _WINDOWS.get(key)


@dataclass(frozen=True, slots=True)
class _Clock:
    hour: int
    minute: int
    meridiem: str | None  # "am", "pm", or None when the text doesn't say; 24-hour times are settled


# A time of day in words around its hour: "half past six", "a quarter to 7 pm", "quarter after five", "half six"
# (half past, as the British say it).
WORDED_CLOCK = re.compile(
    r"\b(?:(half)\s+(?:(past|after|to|till|til)\s+)?|(?:a\s+)?(quarter)\s+(past|after|to|till|til|before)\s+)"
    rf"(\d{{1,2}}|{_HOUR_WORDS})\b(?:\s*([ap])\.?m\b\.?)?",
    re.IGNORECASE,
)


def parse_clock(text: str) -> _Clock | None:
    """A time of day as written: "5 pm", "5:30pm", "7.30 am", "530 pm", "1700 hours", "5 o'clock", "noon", "eight",
    "half past six", "a quarter to 7"."""
    text = _normalise(_DOTTED_CLOCK.sub(r"\1:\2", text)).replace("a m", "am").replace("p m", "pm")
    text = _CLOCK_FILLERS.sub(" ", _ISH.sub(r"\1", text))
    text = " ".join(text.split())
    worded = WORDED_CLOCK.fullmatch(text)
    if worded is not None:
        return _worded_clock(worded)
    hours = _H_CLOCK.fullmatch(text)
    if hours is not None and int(hours[1]) < 24:  # "18h30", "6h": a 24-hour clock, as France writes it
        return _Clock(int(hours[1]), int(hours[2] or 0), "24") if int(hours[2] or 0) < 60 else None
    if _NOON.search(text):
        return _Clock(12, 0, "pm")
    if "midnight" in text:
        return _Clock(0, 0, "am")
    meridiem = None
    if _AM.search(text):
        meridiem = "am"
    elif _PM.search(text):
        meridiem = "pm"
    digits = _CLOCK_DIGITS.search(text)
    if digits:
        if digits.group(3):
            packed = digits.group(3)
            hour, minute = int(packed[:-2]), int(packed[-2:])
            if len(packed) == 4 and (packed[0] == "0" or hour >= 13):
                meridiem = "24"
        else:
            hour, minute = int(digits.group(1)), int(digits.group(2) or 0)
        if hour >= 13 or hour == 0:
            meridiem = "24"
        if hour > 23 or minute > 59:
            return None
        return _Clock(hour, minute, meridiem)
    words = text.replace("am", " ").replace("pm", " ").split()
    if words and words[0] in CARDINALS and CARDINALS[words[0]] <= 12:
        rest = " ".join(words[1:3])
        minute = CARDINALS.get(rest, CARDINALS.get(words[1], 0) if len(words) > 1 else 0)
        return _Clock(CARDINALS[words[0]], minute if minute < 60 else 0, meridiem)
    return None


def _worded_clock(match: re.Match[str]) -> _Clock | None:
    """The time a ``WORDED_CLOCK`` match says: "quarter to seven" is 6:45, "half past 5 pm" 17:30."""
    hour = int(match[5]) if match[5].isdigit() else CARDINALS[match[5].lower()]
    if not 1 <= hour <= 12:
        return None
    minutes = 30 if match[1] else 15
    if (match[2] or match[4] or "past").lower() in ("to", "till", "til", "before"):
        hour, minutes = hour - 1 or 12, 60 - minutes
    return _Clock(hour, minutes, f"{match[6].lower()}m" if match[6] else None)


def _to_time(clock: _Clock, meridiem: str | None) -> time:
    hour = clock.hour
    chosen = clock.meridiem or meridiem
    if chosen == "pm" and hour < 12:
        hour += 12
    elif chosen == "am" and hour == 12:
        hour = 0
    elif chosen is None and 1 <= hour <= 6:
        hour += 12  # a bare 1-6 in a flight request is the afternoon
    return time(hour, clock.minute)


def _range(start: _Clock | None, end: _Clock | None, hint: str | None) -> tuple[time | None, time | None]:
    """Both ends of "between 2 and 4 pm": a bare end takes the other's am/pm when that keeps them in order."""
    if start is None or end is None:
        return (_to_time(start, hint) if start else None), (_to_time(end, hint) if end else None)
    if start.meridiem is None and end.meridiem in ("am", "pm"):
        first = _to_time(start, end.meridiem)
        return (first if first <= _to_time(end, None) else _to_time(start, "am")), _to_time(end, None)
    if end.meridiem is None and start.meridiem in ("am", "pm"):
        last = _to_time(end, start.meridiem)
        return _to_time(start, None), (last if last >= _to_time(start, None) else _to_time(end, "pm"))
    return _to_time(start, hint), _to_time(end, hint)


def _shift(moment: time, minutes: int) -> time:
    shifted = datetime.combine(date(2000, 1, 2), moment) + timedelta(minutes=minutes)
    return shifted.time()


def resolve_times(parts: dict[str, list[str]]) -> tuple[time | None, time | None]:
    """Earliest and latest time of a leg's time slots (and "tonight")."""
    window: tuple[time, time] | None = None
    periods = parts.get("period_of_day", [])
    mods = parts.get("period_mod", [])
    # "early" or "late" tagged a period of its own before another ("early" "afternoon") is that one's modifier.
    alone = [p for p in periods if _period_key(p) in ("early", "late")]
    if alone and len(alone) < len(periods):
        periods, mods = [p for p in periods if p not in alone], [*mods, *alone]
    for period in periods:
        window = period_window(period, mods[0] if mods else None)
        if window:
            break
    if window is None and mods:
        window = period_window(mods[0])
    if window is None and any(_TONIGHT_WORD.search(t.lower()) for t in parts.get("today_relative", [])):
        window = _WINDOWS["tonight"]
    period_key = _period_key(periods[0]) if periods else "tonight" if window == _WINDOWS["tonight"] else ""
    hint = "pm" if period_key in _PM_PERIODS else "am" if period_key in _AM_PERIODS else None

    starts = [c for c in map(parse_clock, parts.get("start_time", [])) if c]
    ends = [c for c in map(parse_clock, parts.get("end_time", [])) if c]
    if starts or ends:
        return _range(starts[0] if starts else None, ends[0] if ends else None, hint)

    clocks = []
    for text in parts.get("time", []):
        clock = parse_clock(text)
        if clock is not None:
            clocks.append(clock)
        elif window is None:  # a period tagged as a time ("evening")
            window = period_window(text)
    earliest, latest = window if window else (None, None)
    if not clocks:
        # "after lunch": once it is over; "before dinner": before it begins. Only a period of its own with a plain
        # relation word: "later in the evening" is late evening, "afternoon ... before evening" no afternoon's end.
        one_period = len(periods) == 1 and not parts.get("time")  # and no period tagged a time beside it
        if window is not None and one_period and parts.get("time_relative"):
            words = _normalise(" ".join(parts["time_relative"]))
            relation = _relation(words) if _PERIOD_RELATION.fullmatch(words) else None
            if relation == "after":
                return latest, None
            if relation == "before":
                return None, earliest
        return earliest, latest
    if len(clocks) >= 2:  # "between 2 and 4 pm" tagged as two times
        return _range(clocks[0], clocks[1], hint)
    moment = _to_time(clocks[0], hint)
    # The relation word may be inside the time's own slot ("b4 noon" tagged one time).
    # (not "past" or "to" of "half past six": the time's own words)
    own_words = WORDED_CLOCK.sub(" ", " ".join(parts.get("time", [])))
    relation = _relation(" ".join(parts.get("time_relative", []))) or _relation(own_words)
    if relation == "around":
        return _shift(moment, -_AROUND_MINUTES), _shift(moment, _AROUND_MINUTES)
    if relation == "before":
        return earliest, moment
    if relation == "after":
        return moment, latest
    return moment, moment


def _relation(text: str) -> str | None:
    """How a time_relative relates the flight to its time: "before", "after", "around" or None (at)."""
    text = _normalise(text)
    negated = _NEGATED.search(text)
    if negated is not None:  # "no later than" is a "before" although it says "later"; "not until 5" an "after"
        turned = {"before": "after", "after": "before"}.get(_relation(negated.group(1)) or "")
        if turned is not None:
            return turned
    if _ISH.search(text):
        return "around"
    for relation, words in _RELATION_WORDS:
        if words.search(text):
            return relation
    return None


# --- a leg ---------------------------------------------------------------------------------------------


def resolve_leg(
    slots: Iterable[tuple[str, str]],
    reference: datetime,
    anchor: date | None = None,
    method: Method = "compose",
    day_first: bool = False,
) -> Leg:
    """A leg's date and times from its slots: (slot name without its role, text), in the request's order.

    ``reference`` carries its UTC offset, whose calendar the relative dates are on. ``anchor`` is the
    departure date when this is a return leg. ``day_first``: the request writes slashed dates day first."""
    slots = [(name, day_name(text) if name == "day_name" else text) for name, text in slots]
    if not slots:
        return Leg(None, None, None)
    parts: dict[str, list[str]] = {}
    for name, text in slots:
        parts.setdefault(name, []).append(text)
    holiday = next((text for name, text in slots if name == "holiday"), None)
    # "thanksgiving weekend": the holiday dates the leg, not the weekend's Saturday
    weekend = holiday is not None and all(
        text.lower() in _WEEKEND_OR_WHICH for name, text in slots if name in ("day_name", "date_relative")
    )
    date_text = " ".join(
        text
        for name, text in slots
        if name in DATE_SLOTS and name != "holiday" and not (weekend and name in ("day_name", "date_relative"))
    )
    if method == "dateparser":
        day = dateparser_date(date_text, reference, anchor) if date_text else None
    else:
        day = compose_date(date_text, reference.date(), anchor, day_first) if date_text else None
    if day is None and holiday is not None:  # a date given in other words wins
        day = holiday_date(holiday, anchor or reference.date())
    earliest, latest = resolve_times(parts)
    return Leg(day, earliest, latest)


# --- measuring the two ways ----------------------------------------------------------------------------


def _iso_or_none(value: date | time | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%H:%M") if isinstance(value, time) else value.isoformat()


def read_cases(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(cases: Sequence[dict[str, Any]], method: Method) -> dict[str, Any]:
    """Accuracy of one way on the development cases: the date alone, and the whole leg."""
    right_date = right_leg = 0
    misses = []
    spent = 0.0
    for case in cases:
        reference = datetime.fromisoformat(case["reference_time"])
        anchor = date.fromisoformat(case["anchor"]) if case.get("anchor") else None
        started = timer.perf_counter()
        leg = resolve_leg([tuple(s) for s in case["slots"]], reference, anchor, method)
        spent += timer.perf_counter() - started
        got = {"date": _iso_or_none(leg.date), "earliest": _iso_or_none(leg.earliest)}
        got["latest"] = _iso_or_none(leg.latest)
        gold = case["gold"]
        right_date += got["date"] == gold["date"]
        right_leg += got == gold
        if got != gold:
            misses.append({"text": case["text"], "got": got, "gold": gold})
    n = len(cases)
    return {
        "method": method,
        "cases": n,
        "date_accuracy": right_date / n,
        "leg_accuracy": right_leg / n,
        "ms_per_call": 1000 * spent / n,
        "misses": misses,
    }


def compare(dev_path: str | Path, show_misses: bool = False) -> dict[str, dict[str, Any]]:
    """Both ways on the development set: prints each one's accuracy and time per call."""
    cases = read_cases(Path(dev_path))
    import dateparser

    dateparser.parse("warm up", languages=["en"])  # the first call loads its language data
    results = {}
    for method in ("compose", "dateparser"):
        result = evaluate(cases, method)
        results[method] = result
        print(
            f"{method:10} date {result['date_accuracy']:.1%}  whole leg {result['leg_accuracy']:.1%}  "
            f"{result['ms_per_call']:.2f} ms/call  ({result['cases']} cases)"
        )
        if show_misses:
            for miss in result["misses"]:
                print("   ", miss)
    return results


if __name__ == "__main__":
    import sys

    default = Path(__file__).resolve().parent / "data" / "dates_dev.jsonl"
    compare(sys.argv[1] if len(sys.argv) > 1 else default, show_misses="--misses" in sys.argv)
