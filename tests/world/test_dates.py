"""Dates and times of a leg from the tagger's slots, on the reference time's own calendar."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest

from world.dates import (
    Leg,
    compose_date,
    evaluate,
    holiday_date,
    holiday_phrases,
    parse_clock,
    period_window,
    read_cases,
    relative_phrase,
    resolve_leg,
    stay_days,
    writes_day_first,
)

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT / "world" / "data" / "dates_dev.jsonl"


def ref(text: str) -> datetime:
    return datetime.fromisoformat(text)


SUNDAY = ref("2026-11-29T10:00:00-05:00")
FRIDAY = ref("2027-02-26T08:15:00+01:00")


def test_tomorrow_counts_on_the_local_calendar_of_the_reference_offset() -> None:
    late = ref("2026-12-30T23:30:00-09:00")  # already Dec 31 in UTC
    assert resolve_leg([("today_relative", "tomorrow")], late).date == date(2026, 12, 31)
    assert resolve_leg([("today_relative", "tmrw")], late).date == date(2026, 12, 31)


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("christmas", date(2026, 12, 25)),
        ("Christmas Day", date(2026, 12, 25)),
        ("christmas eve", date(2026, 12, 24)),
        ("new year's day", date(2027, 1, 1)),
        ("New Years Eve", date(2026, 12, 31)),
        ("thanksgiving", date(2027, 11, 25)),  # 2026's (Nov 26) has passed: the next one, the US's
        ("memorial day", date(2027, 5, 31)),
        ("boxing day", date(2026, 12, 26)),  # not a US holiday: the UK's
        ("st patricks day", date(2027, 3, 17)),  # Ireland's; "st" for "saint"
        ("Saint Patrick's Day", date(2027, 3, 17)),
        ("the day after christmas", date(2026, 12, 26)),
        ("day before thanksgiving", date(2027, 11, 24)),
        # Days people travel for that no public calendar here has: US observances, Louisiana's Mardi Gras.
        ("easter", date(2027, 3, 28)),
        ("valentine's day", date(2027, 2, 14)),
        ("mother's day", date(2027, 5, 9)),
        ("halloween", date(2027, 10, 31)),
        ("mardi gras", date(2027, 2, 9)),
        ("xmas", date(2026, 12, 25)),
        ("presidents day", date(2027, 2, 15)),
        ("pancake day", None),
    ],
)
def test_a_holiday_is_its_next_date(phrase: str, expected: date | None) -> None:
    assert holiday_date(phrase, SUNDAY.date()) == expected


def test_the_holiday_table_is_what_the_holidays_package_gives_and_ends_where_it_says() -> None:
    """world/data/holidays.tsv, which the service reads, against the package it was built from."""
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_holidays.py"), "--check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert holiday_date("christmas", date(2100, 12, 1)) == date(2100, 12, 25)
    assert holiday_date("christmas", date(2101, 1, 1)) is None  # past the table: no date rather than a wrong one


def test_how_long_a_trip_lasts() -> None:
    cases = {"miami for a week": 7, "paris For 10 Days": 10, "vegas for two nights": 2, "for 2 weeks": 14,
             "new york 3 nights from friday": 3, "staying a week": 7, "staying for 3 nights": 3,
             "a stay of two weeks": 14}  # fmt: skip
    for text, days in cases.items():
        assert stay_days(text) == days, text
    assert stay_days("for 2 adults") is None and stay_days("in 3 days") is None and stay_days("in 3 nights") is None
    assert stay_days("a night flight to boston") is None  # a time of day, no stay


def test_holidays_are_found_in_a_text_whatever_their_spelling() -> None:
    text = "home for Thanksgiving, back on New Year\u2019s Eve, not on christmas island day"
    assert [text[start:end] for start, end in holiday_phrases(text)] == [
        "Thanksgiving",
        "New Year\u2019s Eve",
        "christmas",
    ]
    assert holiday_phrases("a labor of love in may") == []
    assert [text[a:b] for text in ["dublin on St. Patrick's Day"] for a, b in holiday_phrases(text)] == [
        "St. Patrick's Day"
    ]
    assert holiday_phrases("st paul on friday") == []
    leg = resolve_leg([("holiday", "christmas eve"), ("period_of_day", "evening")], SUNDAY)
    assert (leg.date, leg.earliest) == (date(2026, 12, 24), time(18, 0))
    back = resolve_leg([("holiday", "new years day")], SUNDAY, anchor=date(2027, 1, 2))
    assert back.date == date(2028, 1, 1)  # a return's holiday comes after departure
    corrected = resolve_leg([("holiday", "new year's eve"), ("month_name", "dec"), ("day_number", "30")], SUNDAY)
    assert corrected.date == date(2026, 12, 30)  # a date in other words wins
    assert holiday_phrases("the day after Christmas") == [(0, 23)]


def test_day_names() -> None:
    assert resolve_leg([("day_name", "friday")], FRIDAY).date == date(2027, 3, 5)
    assert resolve_leg([("date_relative", "next"), ("day_name", "friday")], FRIDAY).date == date(2027, 3, 5)
    assert resolve_leg([("date_relative", "this"), ("day_name", "friday")], FRIDAY).date == date(2027, 2, 26)
    assert resolve_leg([("day_name", "sat")], FRIDAY).date == date(2027, 2, 27)
    # "after next": a week after "next friday"
    assert resolve_leg([("day_name", "friday"), ("date_relative", "after next")], FRIDAY).date == date(2027, 3, 12)


def test_the_weekend_is_its_saturday() -> None:
    assert resolve_leg([("day_name", "weekend")], FRIDAY).date == date(2027, 2, 27)
    assert resolve_leg([("date_relative", "next"), ("day_name", "weekend")], FRIDAY).date == date(2027, 2, 27)
    assert resolve_leg([("date_relative", "this"), ("day_name", "weekend")], SUNDAY).date == date(2026, 11, 29)
    assert resolve_leg([("day_name", "weekend")], SUNDAY).date == date(2026, 12, 5)
    thanksgiving = [("holiday", "thanksgiving"), ("day_name", "weekend")]
    assert resolve_leg(thanksgiving, FRIDAY).date == date(2027, 11, 25)  # the holiday, not the next Saturday
    # "the weekend of december 12": the day named, not a Saturday
    assert compose_date("weekend of december 12", SUNDAY.date()) == date(2026, 12, 12)
    # As typed: "this wknd" said on a Sunday is that day too, "next wkend" the Saturday to come.
    assert resolve_leg([("date_relative", "this"), ("day_name", "wknd")], SUNDAY).date == date(2026, 11, 29)
    assert resolve_leg([("date_relative", "next"), ("day_name", "wkend")], SUNDAY).date == date(2026, 12, 5)


def test_a_misspelled_day_name_is_the_day_it_is_closest_to() -> None:
    assert resolve_leg([("day_name", "wensday")], FRIDAY).date == date(2027, 3, 3)
    assert resolve_leg([("day_name", "Fridy")], FRIDAY).date == date(2027, 3, 5)
    assert resolve_leg([("day_name", "mayday")], FRIDAY).date is None  # 80 against "monday": not made one


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("december twenty fifth", date(2026, 12, 25)),
        ("november second", date(2027, 11, 2)),
        ("Nov 2nd", date(2027, 11, 2)),
        ("24 December", date(2026, 12, 24)),
        ("the 24th of december", date(2026, 12, 24)),
        ("twenty-fifth of may", date(2027, 5, 25)),
        ("feb 29", date(2028, 2, 29)),
        ("the 15th", date(2026, 12, 15)),
        ("the 29th", date(2026, 11, 29)),
        ("may 5 1991", date(1991, 5, 5)),
        ("the day after tomorrow", date(2026, 12, 1)),
        ("in two days", date(2026, 12, 1)),
        ("a week from today", date(2026, 12, 6)),
        ("2morrow", date(2026, 11, 30)),
        # So many days on from the date the other words name (SUNDAY is Sunday, November 29).
        ("a week from friday", date(2026, 12, 11)),
        ("two weeks from weeks monday", date(2026, 12, 14)),  # "weeks" tagged a day name too
        ("a week from tomorrow", date(2026, 12, 7)),
        ("3 days from december 24", date(2026, 12, 27)),
        ("a week from", None),
        ("month", None),
        # A day of the month "of next month": in the month after the reference date's (a December's is January).
        ("the 1st of next month", date(2026, 12, 1)),
        ("the 30th of next month", date(2026, 12, 30)),
        ("next month", None),
        # The nth (or last) such weekday of a month.
        ("the second monday of january", date(2027, 1, 11)),
        ("the last friday in may", date(2027, 5, 28)),
        ("2nd tuesday of december", date(2026, 12, 8)),
        ("monday 2 january", date(2027, 1, 2)),  # a day name and a date: the date
    ],
)
def test_dates_in_words_and_digits(text: str, expected: date | None) -> None:
    assert compose_date(text, SUNDAY.date()) == expected


def test_packed_and_dotted_dates() -> None:
    reference = date(2026, 12, 1)
    assert compose_date("14JAN", reference) == compose_date("jan14", reference) == date(2027, 1, 14)
    assert compose_date("24.12.", reference) == date(2026, 12, 24)  # day first, between dots
    assert compose_date("5.1.2027", reference) == date(2027, 1, 5)
    assert compose_date("31.2.", reference) is None


def test_us_month_day_rolls_to_next_year_once_past() -> None:
    assert resolve_leg([("day_number", "12/24")], ref("2026-12-30T09:00:00+00:00")).date == date(2027, 12, 24)
    # Day first where the first number can be no month; month first where both can be.
    assert resolve_leg([("day_number", "18/12")], ref("2026-11-29T09:00:00+00:00")).date == date(2026, 12, 18)
    assert resolve_leg([("day_number", "24/12/2027")], ref("2026-11-29T09:00:00+00:00")).date == date(2027, 12, 24)
    # A request that writes one date day first writes them all so.
    assert writes_day_first("LHR-JFK 22/12 return 5/1") and not writes_day_first("12/20 back 1/5")
    back = resolve_leg([("day_number", "5/1")], ref("2026-11-29T09:00:00+00:00"), date(2026, 12, 22), day_first=True)
    assert back.date == date(2027, 1, 5)
    assert resolve_leg([("day_number", "12/24")], SUNDAY, day_first=True).date == date(2026, 12, 24)  # 24: no month
    assert resolve_leg([("day_number", "12/11")], ref("2026-11-29T09:00:00+00:00")).date == date(2026, 12, 11)


def test_return_leg_is_anchored_on_departure() -> None:
    departure = date(2026, 12, 12)  # a Saturday
    assert resolve_leg([("day_number", "3rd")], SUNDAY, anchor=departure).date == date(2027, 1, 3)
    assert resolve_leg([("day_name", "saturday")], SUNDAY, anchor=departure).date == date(2026, 12, 19)
    assert resolve_leg([("date_relative", "a week later")], SUNDAY, anchor=departure).date == date(2026, 12, 19)
    assert resolve_leg([("date_relative", "three days later")], SUNDAY, anchor=departure).date == date(2026, 12, 15)
    # "tomorrow" counts from the day the request was sent, even in a return clause.
    assert resolve_leg([("today_relative", "tomorrow")], SUNDAY, anchor=departure).date == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("slots", "earliest", "latest"),
    [
        ([("time_relative", "after"), ("time", "5pm")], time(17), None),
        ([("time_relative", "before"), ("time", "10 am")], None, time(10)),
        ([("time", "6 am")], time(6), time(6)),
        ([("start_time", "2"), ("end_time", "4 pm")], time(14), time(16)),
        ([("start_time", "10"), ("end_time", "2 pm")], time(10), time(14)),
        ([("time_relative", "around"), ("time", "3pm")], time(14, 30), time(15, 30)),
        ([("time_relative", "no later than"), ("time", "8 pm")], None, time(20)),
        # "no" or "not" turns a relation round, whichever word it is.
        ([("time_relative", "not before"), ("time", "7pm")], time(19), None),
        ([("time_relative", "not after"), ("time", "6 pm")], None, time(18)),
        ([("time_relative", "not until"), ("time", "5pm")], time(17), None),
        # A plain relation before a period alone: after its end, before its start; "later in the evening" is late.
        ([("time_relative", "after"), ("period_of_day", "lunch")], time(14), None),
        ([("time_relative", "before"), ("period_of_day", "dinner")], None, time(17)),
        ([("time_relative", "later"), ("period_of_day", "evening")], time(18), time(22)),
        ([("time", "noon")], time(12), time(12)),
        ([("time", "midnight")], time(0), time(0)),
        ([("time", "1700 hours")], time(17), time(17)),
        ([("time", "5 o'clock")], time(17), time(17)),
        ([("period_of_day", "morning")], time(6), time(12)),
        ([("period_mod", "early"), ("period_of_day", "morning")], time(5), time(8)),
        # "early" or "late" tagged a period of its own is the next period's modifier; alone it is one.
        ([("period_of_day", "early"), ("period_of_day", "afternoon")], time(12), time(15)),
        ([("period_of_day", "late"), ("period_of_day", "afternoon")], time(15), time(18)),
        ([("period_of_day", "early")], time(5), time(8)),
        ([("period_of_day", "red eye")], time(21), time(5)),
        ([("time_relative", "after"), ("time", "7"), ("period_of_day", "evening")], time(19), time(22)),
        ([("today_relative", "tonight")], time(18), time(22)),
        ([("period_of_day", "mid-morning")], time(9), time(11)),
        ([("period_of_day", "midafternoon")], time(14), time(16)),
        ([("period_of_day", "first thing")], time(5), time(8)),
        # 24-hour clocks as France writes them
        ([("time", "18h30")], time(18, 30), time(18, 30)),
        ([("time", "6h")], time(6), time(6)),
        # "ish" after a time is "around" it.
        ([("time", "7ish")], time(6, 30), time(7, 30)),
        ([("time", "noonish")], time(11, 30), time(12, 30)),
        ([("time_relative", "around"), ("time", "8:30-ish")], time(8), time(9)),
    ],
)
def test_times(slots: list[tuple[str, str]], earliest: time | None, latest: time | None) -> None:
    leg = resolve_leg(slots, SUNDAY)
    assert (leg.earliest, leg.latest) == (earliest, latest)


def test_parse_clock_reads_packed_and_worded_times() -> None:
    assert parse_clock("1245 pm") is not None and parse_clock("1245 pm").hour == 12  # type: ignore[union-attr]
    assert parse_clock("five thirty pm") is not None and parse_clock("five thirty pm").minute == 30  # type: ignore[union-attr]
    assert parse_clock("evening") is None
    # A dot between hour and minutes, as much of the world writes them.
    assert parse_clock("7.30pm") == parse_clock("7:30 pm") and parse_clock("7.30 am") == parse_clock("7:30 am")
    assert parse_clock("10.15") is not None and parse_clock("10.15").minute == 15  # type: ignore[union-attr]
    # Words around the hour: past and to it, "half six" as the British say it; "a" of "a quarter" is no "am".
    assert parse_clock("half past 5 pm") == parse_clock("5:30 pm") and parse_clock("half six") == parse_clock("6:30")
    assert parse_clock("a quarter to seven") == parse_clock("6:45")
    assert parse_clock("quarter to one") == parse_clock("12:45")
    assert resolve_leg([("time", "a quarter after 10")], ref("2026-12-01T10:00:00+00:00")).earliest == time(10, 15)


def test_next_month_moves_a_day_of_the_month_on_from_the_reference_month() -> None:
    december = ref("2026-12-01T10:00:00+00:00")
    assert resolve_leg([("day_number", "3rd"), ("date_relative", "next month")], december).date == date(2027, 1, 3)
    assert relative_phrase("sfo", "next", "month on the") == "next month"


def test_late_modifier_takes_the_second_half_of_an_unlisted_period() -> None:
    assert period_window("breakfast", "late") == (time(7, 30), time(9))


def test_empty_leg() -> None:
    assert resolve_leg([], SUNDAY) == Leg(None, None, None)
    assert resolve_leg([("day_name", "someday")], SUNDAY).is_empty()


def test_development_set_measures_both_ways() -> None:
    cases = read_cases(DEV_SET)
    assert len(cases) >= 150
    composed = evaluate(cases, "compose")
    parsed = evaluate(cases[:20], "dateparser")
    assert composed["date_accuracy"] > 0.95
    assert 0.0 <= parsed["date_accuracy"] <= 1.0 and parsed["ms_per_call"] > 0


def test_a_relative_date_slot_is_widened_to_its_phrase() -> None:
    assert relative_phrase("flights to denver in 3", "days", "") == "in 3 days"
    assert relative_phrase("boston to denver a week from", "today", "please") == "a week from today"
    assert relative_phrase("leaving on the day after", "tomorrow", "") == "the day after tomorrow"
    assert relative_phrase("back two days", "later", "") == "two days later"
    assert relative_phrase("boston to denver", "a week", "from friday") == "a week from"
    assert relative_phrase("flights in the next", "two days", "from nashville to") == "two days"  # no date follows
    assert relative_phrase("fly", "today", "to boston") == "today"  # no phrase around it: as it was


def test_a_place_after_from_is_no_date_to_count_from() -> None:
    # "from" a place that begins like a day or a month ("montreal", "decatur") widens no relative date.
    assert relative_phrase("", "two days", " from montreal") == "two days"
    assert relative_phrase("", "two days", " from decatur friday") == "two days"
    assert relative_phrase("", "a week", " from monday") == "a week from"  # the day itself is a slot of its own
