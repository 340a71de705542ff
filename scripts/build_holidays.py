"""Build ``world/data/holidays.tsv``, the holidays a request may name and their dates, from the ``holidays`` package.

    .venv/bin/python scripts/build_holidays.py            # write the table
    .venv/bin/python scripts/build_holidays.py --check    # exit 1 if the table is not what the package gives

The service reads the table (``world/dates.py``) instead of the package: the package's calendars of every
country weigh about 20 MB in each service worker, for some thirty names a year. A row is a holiday's
looked-up name (``world.dates.holiday_key``: "new years day", "saint patricks day") and its date, for every
year of ``YEARS``; a name several calendars know takes the first one's date (``HOLIDAY_CALENDARS``:
"thanksgiving" is the US one, "boxing day" the UK's). Beside the public holidays, the days people travel for
that no public calendar of these countries has: the US observances the package lists as unofficial
("easter sunday", "valentines day", "halloween", "mothers day") and Louisiana's "mardi gras". The package is a
development dependency (MIT licence).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import holidays

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python scripts/build_holidays.py` from a clone

from scripts.datafile import write_or_check  # noqa: E402
from world.dates import HOLIDAYS, holiday_key  # noqa: E402

YEARS = range(2000, 2101)
# Whose calendars name holidays, as (country, subdivision, category); the first that has a name dates it.
HOLIDAY_CALENDARS = (
    ("US", None, "public"),
    ("GB", None, "public"),
    ("CA", None, "public"),
    ("AU", None, "public"),
    ("IE", None, "public"),
    ("US", None, "unofficial"),  # Easter Sunday, Valentine's Day, Halloween, Mother's Day, ...
    ("US", "LA", "public"),  # Mardi Gras
)
# Holidays people name without their last word ("on christmas", "for thanksgiving", "over easter") or by another
# name ("xmas", "presidents day"); "memorial", "labor" or "boxing" alone are ordinary words.
HOLIDAY_SHORT_FORMS = {"christmas": "christmas day", "thanksgiving": "thanksgiving day", "new years": "new years day",
                       "easter": "easter sunday", "valentines": "valentines day", "xmas": "christmas day",
                       "presidents day": "washingtons birthday", "mlk day": "martin luther king jr day",
                       "fourth of july": "independence day"}  # fmt: skip
HEADER = "date\tname"


def holidays_of(year: int) -> dict[str, date]:
    """Holiday names (looked-up form, short forms too) -> their date in ``year``."""
    found: dict[str, date] = {}
    for country, subdivision, category in HOLIDAY_CALENDARS:
        calendar = holidays.country_holidays(country, subdiv=subdivision, years=year, categories=(category,))
        for day, names in sorted(calendar.items()):
            for name in names.split("; "):  # two holidays on one day come joined
                key = holiday_key(name)
                # An eve is the day before its holiday (``world.dates.holiday_date``), whatever the calendar says.
                if "observed" not in key and not key.endswith(" eve"):
                    found.setdefault(key, day)
    for short, name in HOLIDAY_SHORT_FORMS.items():
        if name in found:
            found.setdefault(short, found[name])
    return found


def table() -> str:
    rows = [f"{day.isoformat()}\t{name}" for year in YEARS for name, day in sorted(holidays_of(year).items())]
    return "\n".join([HEADER, *rows]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare the committed table with the package's")
    args = parser.parse_args(argv)
    return write_or_check(HOLIDAYS, table(), f"holidays {holidays.__version__}", args.check, sys.argv[0])


if __name__ == "__main__":
    sys.exit(main())
