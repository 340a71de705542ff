"""Generate eval/dev/frames.jsonl: a development set of flight requests with gold booking frames.

Every request text below was written by hand for slotfill (none is taken or paraphrased from a public
dataset). Each request carries a small semantic description, and this script computes the gold frame
from it with ``datetime``, following the conventions of eval/frames/README.md:

* relative dates ("+N") count from the reference date, on the local calendar of the reference offset,
  also inside a return clause;
* a day name ("fri", also "next friday") is the first such day strictly after its anchor; "this fri" is
  the first on or after the reference date;
* a month/day ("M/D") is the next such date on or after its anchor (Feb 29: the next year that has one);
* a day of the month ("15th") is in the anchor's month if that day is the anchor's day or later,
  otherwise in the next month;
* a date with a year ("YYYY-MM-DD") is taken as written;
* "later N" (return only) is the departure date + N;
* the anchor is the reference date, except for a return date when the request gives a departure date:
  then it is the departure date.

Run:  python eval/dev/make_frames.py   (writes eval/dev/frames.jsonl next to this script)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import airportsdata

OUT = Path(__file__).with_name("frames.jsonl")
CATEGORIES = (
    "relative_date",
    "day_name",
    "month_day",
    "time_window",
    "round_trip",
    "airline",
    "cabin_price",
    "places",
    "partial",
    "mixed",
)

# --- reference times ---------------------------------------------------------------------------------
R = {
    "A": "2026-11-29T10:00:00-05:00",  # Sun
    "B": "2026-11-30T21:45:00-08:00",  # Mon (already 1 Dec in UTC)
    "C": "2026-12-04T08:20:00+01:00",  # Fri
    "D": "2026-12-11T16:05:00+09:00",  # Fri
    "E": "2026-12-30T13:10:00-06:00",  # Wed
    "F": "2026-12-31T23:40:00+05:30",  # Thu
    "G": "2027-01-01T00:30:00+08:00",  # Fri (still 31 Dec in UTC)
    "H": "2027-01-31T07:15:00+00:00",  # Sun
    "I": "2027-02-26T18:00:00-10:00",  # Fri (27 Feb in UTC)
    "J": "2027-02-28T06:50:00+10:00",  # Sun (27 Feb in UTC)
    "K": "2027-03-15T12:00:00-03:00",  # Mon
    "L": "2027-03-28T10:00:00+05:30",  # Sun
    "M": "2027-04-11T09:00:00+09:00",  # Sun
    "N": "2027-04-30T09:30:00+04:00",  # Fri
    "O": "2027-05-31T22:10:00-07:00",  # Mon (1 Jun in UTC)
    "P": "2027-06-05T14:00:00-06:00",  # Sat
    "Q": "2027-06-30T14:25:00+02:00",  # Wed
    "R": "2027-07-16T11:00:00+12:00",  # Fri (15 Jul in UTC)
    "S": "2027-08-14T06:30:00-07:00",  # Sat
    "T": "2027-08-31T21:35:00-04:00",  # Tue (1 Sep in UTC)
    "U": "2027-09-10T08:00:00+01:00",  # Fri
    "V": "2027-10-31T23:55:00+08:00",  # Sun
    "W": "2027-11-05T07:40:00+03:00",  # Fri
    "X": "2027-11-30T15:00:00-05:00",  # Tue
    "Y": "2027-12-24T09:00:00+11:00",  # Fri (23 Dec in UTC)
    "Z": "2027-12-31T20:30:00-08:00",  # Fri (1 Jan 2028 in UTC)
    "AA": "2028-01-01T01:15:00+13:00",  # Sat (31 Dec 2027 in UTC)
    "AB": "2028-02-28T12:00:00-05:00",  # Mon (leap year)
    "AC": "2028-02-29T08:00:00+09:00",  # Tue (28 Feb in UTC)
    "AD": "2028-03-01T18:45:00-10:00",  # Wed (2 Mar in UTC)
}

# --- places: first airport per eval/frames/README.md ("Places") ------------------------------------------
PLACES = {
    # the README's list
    "chicago": "ORD",
    "new york": "JFK",
    "nyc": "JFK",
    "big apple": "JFK",
    "london": "LHR",
    "paris": "CDG",
    "tokyo": "HND",
    "washington": "IAD",
    "dc": "IAD",
    "washington d.c.": "IAD",
    "portland": "PDX",
    "portland maine": "PWM",
    "houston": "IAH",
    "dallas": "DFW",
    "osaka": "KIX",
    "seoul": "ICN",
    "milan": "MXP",
    "beijing": "PEK",
    "shanghai": "PVG",
    "rio": "GIG",
    "sao paulo": "GRU",
    "buenos aires": "EZE",
    "berlin": "BER",
    "rome": "FCO",
    "san jose california": "SJC",
    "boston": "BOS",
    "sydney": "SYD",
    "dubai": "DXB",
    "bali": "DPS",
    "fiji": "NAN",
    "maui": "OGG",
    "kona": "KOA",
    "hilo": "ITO",
    "kolkata": "CCU",
    "calcutta": "CCU",
    "mumbai": "BOM",
    "bombay": "BOM",
    "saigon": "SGN",
    "gold coast": "OOL",
    # nicknames
    "vegas": "LAS",
    "sin city": "LAS",
    "philly": "PHL",
    "chi-town": "ORD",
    "windy city": "ORD",
    "san fran": "SFO",
    "sf": "SFO",
    "la": "LAX",
    "nola": "MSY",
    "beantown": "BOS",
    "motown": "DTW",
    "twin cities": "MSP",
    "hk": "HKG",
    # airport names
    "o'hare": "ORD",
    "midway": "MDW",
    "laguardia": "LGA",
    "newark": "EWR",
    "dulles": "IAD",
    "reagan national": "DCA",
    "washington national": "DCA",
    "logan": "BOS",
    "love field": "DAL",
    "hobby": "HOU",
    "heathrow": "LHR",
    "gatwick": "LGW",
    "stansted": "STN",
    "london city": "LCY",
    "orly": "ORY",
    "charles de gaulle": "CDG",
    "schiphol": "AMS",
    "narita": "NRT",
    "haneda": "HND",
    "itami": "ITM",
    "gimpo": "GMP",
    "incheon": "ICN",
    "changi": "SIN",
    # other cities: their main international airport
    "seattle": "SEA",
    "denver": "DEN",
    "atlanta": "ATL",
    "miami": "MIA",
    "orlando": "MCO",
    "phoenix": "PHX",
    "las vegas": "LAS",
    "san diego": "SAN",
    "los angeles": "LAX",
    "san francisco": "SFO",
    "minneapolis": "MSP",
    "detroit": "DTW",
    "philadelphia": "PHL",
    "charlotte": "CLT",
    "nashville": "BNA",
    "austin": "AUS",
    "salt lake city": "SLC",
    "anchorage": "ANC",
    "honolulu": "HNL",
    "new orleans": "MSY",
    "st louis": "STL",
    "baltimore": "BWI",
    "pittsburgh": "PIT",
    "kansas city": "MCI",
    "tampa": "TPA",
    "fort lauderdale": "FLL",
    "sacramento": "SMF",
    "albuquerque": "ABQ",
    "boise": "BOI",
    "spokane": "GEG",
    "jacksonville": "JAX",
    "milwaukee": "MKE",
    "indianapolis": "IND",
    "raleigh": "RDU",
    "el paso": "ELP",
    "toronto": "YYZ",
    "vancouver": "YVR",
    "montreal": "YUL",
    "calgary": "YYC",
    "halifax": "YHZ",
    "mexico city": "MEX",
    "cancun": "CUN",
    "cabo": "SJD",
    "bogota": "BOG",
    "lima": "LIM",
    "santiago": "SCL",
    "medellin": "MDE",
    "san juan": "SJU",
    "havana": "HAV",
    "nassau": "NAS",
    "aruba": "AUA",
    "cusco": "CUZ",
    "amsterdam": "AMS",
    "frankfurt": "FRA",
    "munich": "MUC",
    "madrid": "MAD",
    "barcelona": "BCN",
    "lisbon": "LIS",
    "dublin": "DUB",
    "zurich": "ZRH",
    "vienna": "VIE",
    "prague": "PRG",
    "copenhagen": "CPH",
    "stockholm": "ARN",
    "oslo": "OSL",
    "helsinki": "HEL",
    "athens": "ATH",
    "istanbul": "IST",
    "edinburgh": "EDI",
    "manchester": "MAN",
    "geneva": "GVA",
    "nice": "NCE",
    "reykjavik": "KEF",
    "porto": "OPO",
    "glasgow": "GLA",
    "ankara": "ESB",
    "doha": "DOH",
    "abu dhabi": "AUH",
    "cairo": "CAI",
    "johannesburg": "JNB",
    "cape town": "CPT",
    "nairobi": "NBO",
    "lagos": "LOS",
    "addis ababa": "ADD",
    "accra": "ACC",
    "muscat": "MCT",
    "kilimanjaro": "JRO",
    "hong kong": "HKG",
    "singapore": "SIN",
    "bangkok": "BKK",
    "kuala lumpur": "KUL",
    "jakarta": "CGK",
    "manila": "MNL",
    "taipei": "TPE",
    "hanoi": "HAN",
    "ho chi minh city": "SGN",
    "delhi": "DEL",
    "new delhi": "DEL",
    "bangalore": "BLR",
    "bengaluru": "BLR",
    "chennai": "MAA",
    "hyderabad": "HYD",
    "kathmandu": "KTM",
    "colombo": "CMB",
    "sapporo": "CTS",
    "fukuoka": "FUK",
    "jeju": "CJU",
    "cebu": "CEB",
    "penang": "PEN",
    "chiang mai": "CNX",
    "phuket": "HKT",
    "melbourne": "MEL",
    "brisbane": "BNE",
    "perth": "PER",
    "adelaide": "ADL",
    "auckland": "AKL",
    "wellington": "WLG",
    "christchurch": "CHC",
    "queenstown": "ZQN",
    "cairns": "CNS",
    "hobart": "HBA",
    "lihue": "LIH",
    "tahiti": "PPT",
    # typos (the place the writer meant)
    "denvr": "DEN",
    "houstn": "IAH",
    "londn": "LHR",
    "pariss": "CDG",
    "chicgo": "ORD",
    "san fransisco": "SFO",
    "seatle": "SEA",
    "bostn": "BOS",
    "frankfrut": "FRA",
    "singapor": "SIN",
}

AIRLINES = {
    "united": "UA",
    "delta": "DL",
    "american": "AA",
    "american airlines": "AA",
    "southwest": "WN",
    "jetblue": "B6",
    "alaska": "AS",
    "alaska airlines": "AS",
    "hawaiian": "HA",
    "air canada": "AC",
    "british airways": "BA",
    "lufthansa": "LH",
    "air france": "AF",
    "klm": "KL",
    "emirates": "EK",
    "qatar airways": "QR",
    "qatar": "QR",
    "qantas": "QF",
    "cathay": "CX",
    "cathay pacific": "CX",
    "singapore airlines": "SQ",
    "ana": "NH",
    "jal": "JL",
    "japan airlines": "JL",
    "turkish airlines": "TK",
    "turkish": "TK",
    "iberia": "IB",
    "aer lingus": "EI",
    "latam": "LA",
    "avianca": "AV",
    "aeromexico": "AM",
    "ethiopian": "ET",
    "ethiopian airlines": "ET",
    "kenya airways": "KQ",
    # real IATA codes of carriers outside the README's list
    "air india": "AI",
    "thai airways": "TG",
    "air new zealand": "NZ",
    "korean air": "KE",
    "tap": "TP",
    "malaysia airlines": "MH",
    "virgin atlantic": "VS",
    "swiss": "LX",
    "etihad": "EY",
    "eva air": "BR",
    "finnair": "AY",
    "westjet": "WS",
    "copa": "CM",
    "vietnam airlines": "VN",
    "garuda": "GA",
    "egyptair": "MS",
    "sas": "SK",
    "frontier": "F9",
    "spirit": "NK",
}
AIRLINE_CODES = {
    "UA",
    "DL",
    "AA",
    "WN",
    "B6",
    "AS",
    "HA",
    "AC",
    "BA",
    "LH",
    "AF",
    "KL",
    "EK",
    "QR",
    "QF",
    "CX",
    "SQ",
    "NH",
    "JL",
    "TK",
    "IB",
    "EI",
    "LA",
    "AV",
    "AM",
    "ET",
    "KQ",
    "NZ",
    "VS",
}

PERIODS = {
    "morning": ("06:00", "12:00"),
    "afternoon": ("12:00", "18:00"),
    "evening": ("18:00", "22:00"),
    "night": ("20:00", "23:59"),
    "redeye": ("21:00", "05:00"),
    "early": ("05:00", "08:00"),
    "noon": ("12:00", "12:00"),
}
DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

ENTRIES: list[dict] = []


def F(
    text,
    ref,
    cat,
    o=None,
    d=None,
    via=(),
    dep=None,
    arr=None,
    ret=None,
    al=None,
    cabin=None,
    rt=None,
    ns=None,
    price=None,
    intent="flight",
):
    """One hand-written request and its semantic description."""
    ENTRIES.append(
        dict(
            text=text,
            ref=ref,
            cat=cat,
            o=o,
            d=d,
            via=via,
            dep=dep,
            arr=arr,
            ret=ret,
            al=al,
            cabin=cabin,
            rt=rt,
            ns=ns,
            price=price,
            intent=intent,
        )
    )


# --- date and time resolution ------------------------------------------------------------------------


def next_weekday(anchor: date, name: str, strictly_after: bool) -> date:
    delta = (DAYS[name] - anchor.weekday()) % 7
    if strictly_after and delta == 0:
        delta = 7
    return anchor + timedelta(days=delta)


def month_day_on_or_after(anchor: date, month: int, day: int) -> date:
    year = anchor.year
    while True:
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a common year
            year += 1
            continue
        if candidate >= anchor:
            return candidate
        year += 1


def nth_on_or_after(anchor: date, day: int) -> date:
    if day >= anchor.day:
        return date(anchor.year, anchor.month, day)  # raises if the month lacks that day: never used
    year, month = (anchor.year + 1, 1) if anchor.month == 12 else (anchor.year, anchor.month + 1)
    return date(year, month, day)  # raises if the next month lacks that day: never used


def resolve_date(expr: str, ref_date: date, anchor: date, dep_date: date | None) -> date:
    expr = expr.strip()
    if m := re.fullmatch(r"\+(\d+)", expr):
        return ref_date + timedelta(days=int(m[1]))
    if m := re.fullmatch(r"later (\d+)", expr):
        assert dep_date is not None, expr
        return dep_date + timedelta(days=int(m[1]))
    if m := re.fullmatch(r"this (\w{3})", expr):
        return next_weekday(ref_date, m[1], strictly_after=False)
    if expr in DAYS:
        return next_weekday(anchor, expr, strictly_after=True)
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", expr):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})", expr):
        return month_day_on_or_after(anchor, int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{1,2})(st|nd|rd|th)", expr):
        return nth_on_or_after(anchor, int(m[1]))
    raise ValueError(f"bad date expression {expr!r}")


def resolve_time(spec: str | None) -> tuple[str | None, str | None]:
    if spec is None:
        return None, None
    if spec in PERIODS:
        return PERIODS[spec]
    if spec.startswith(">"):
        return spec[1:], None
    if spec.startswith("<"):
        return None, spec[1:]
    if "-" in spec:
        earliest, latest = spec.split("-")
        return earliest, latest
    return spec, spec


def leg(spec, ref_date, anchor, dep_date):
    if spec is None:
        return None, None
    if isinstance(spec, str):
        spec = (spec, None)
    date_expr, time_spec = spec
    day = resolve_date(date_expr, ref_date, anchor, dep_date) if date_expr else None
    earliest, latest = resolve_time(time_spec)
    assert day or earliest or latest, spec
    return {"date": day.isoformat() if day else None, "earliest": earliest, "latest": latest}, day


# --- building frames ---------------------------------------------------------------------------------

AIRPORTS = airportsdata.load("IATA")


def place(spec, text):
    if spec is None:
        return None
    typed, code = spec if isinstance(spec, tuple) else (spec, None)
    if code is None:
        key = typed.lower()
        if key in PLACES:
            code = PLACES[key]
        elif len(typed) == 3 and typed.upper() in AIRPORTS:
            code = typed.upper()
        else:
            raise KeyError(f"unknown place {typed!r} in {text!r}")
    assert code in AIRPORTS, code
    assert typed in text, f"place {typed!r} not in {text!r}"
    return {"text": typed, "first_airport": code}


def airline(spec, text):
    if spec is None:
        return None
    assert spec in text, f"airline {spec!r} not in {text!r}"
    key = spec.lower()
    if key in AIRLINES:
        code = AIRLINES[key]
    elif spec.upper() in AIRLINE_CODES:
        code = spec.upper()
    else:
        raise KeyError(f"unknown airline {spec!r}")
    return {"text": spec, "code": code}


def frame_of(e):
    ref = datetime.fromisoformat(R[e["ref"]])
    ref_date = ref.date()  # the local calendar of the reference time's own offset
    depart, dep_date = leg(e["dep"], ref_date, ref_date, None)
    arrive, _ = leg(e["arr"], ref_date, ref_date, dep_date)
    ret, ret_date = leg(e["ret"], ref_date, dep_date or ref_date, dep_date)
    if ret_date and dep_date:
        assert ret_date >= dep_date, e["text"]
    rt = e["rt"]
    if ret is not None:
        assert rt in (None, True), e["text"]
        rt = True
    price = None
    if e["price"] is not None:
        amount, currency = e["price"]
        price = {"amount": amount, "currency": currency}
    return {
        "intent": {"flight": "atis_flight", "fare": "atis_airfare", "airline": "atis_airline"}[e["intent"]],
        "origin": place(e["o"], e["text"]),
        "destination": place(e["d"], e["text"]),
        "stops": [place(s, e["text"]) for s in e["via"]],
        "depart": depart,
        "arrive": arrive,
        "return": ret,
        "airline": airline(e["al"], e["text"]),
        "cabin": e["cabin"],
        "round_trip": rt,
        "nonstop": e["ns"],
        "max_price": price,
    }


# =====================================================================================================
# The requests. Written by hand for slotfill.
# =====================================================================================================

# --- relative_date -----------------------------------------------------------------------------------
c = "relative_date"
F("flights from boston to denver tomorrow", "A", c, o="boston", d="denver", dep="+1")
F("lax to jfk today", "B", c, o="lax", d="jfk", dep="+0")
F("tmrw sfo-sea", "B", c, o="sfo", d="sea", dep="+1")
F("need a flight to miami tomorow from atlanta", "E", c, o="atlanta", d="miami", dep="+1")
F("Flights from Honolulu to Kona today", "I", c, o="Honolulu", d="Kona", dep="+0")
F("sydney to melbourne the day after tomorrow", "J", c, o="sydney", d="melbourne", dep="+2")
F("tokyo to osaka in two days", "D", c, o="tokyo", d="osaka", dep="+2")
F("flying out of delhi tonight to mumbai", "F", c, o="delhi", d="mumbai", dep=("+0", "evening"))
F("singapore to bangkok tmr", "G", c, o="singapore", d="bangkok", dep="+1")
F("in 3 days from dubai to london", "N", c, o="dubai", d="london", dep="+3")
F("Manila to Cebu a week from today", "V", c, o="Manila", d="Cebu", dep="+7")
F("fly me to toronto from chicago tonight", "E", c, o="chicago", d="toronto", dep=("+0", "evening"))
F("auckland to wellington tomorrow please", "R", c, o="auckland", d="wellington", dep="+1")
F("dfw to phx two days from now", "X", c, o="dfw", d="phx", dep="+2")
F("Can I still get to Paris from Amsterdam today?", "C", c, o="Amsterdam", d="Paris", dep="+0")
F("tomorrow jakarta to bali", "V", c, o="jakarta", d="bali", dep="+1")
F("leaving seattle tomorrow headed for anchorage", "O", c, o="seattle", d="anchorage", dep="+1")
F("nyc to miami in 5 days", "AB", c, o="nyc", d="miami", dep="+5")
F("boston to dc tomorrow", "AB", c, o="boston", d="dc", dep="+1")
F("a week from today ord to lga", "AB", c, o="ord", d="lga", dep="+7")
F("seoul to tokyo the day after tomorrow", "AC", c, o="seoul", d="tokyo", dep="+2")
F("hnl to ogg today", "AD", c, o="hnl", d="ogg", dep="+0")
F("tmrw morning out of phl to bos", "T", c, o="phl", d="bos", dep=("+1", "morning"))
F("istanbul to athens in four days", "W", c, o="istanbul", d="athens", dep="+4")
F("cape town to johannesburg tomorow", "Q", c, o="cape town", d="johannesburg", dep="+1")
F("Frankfurt to Berlin today", "Q", c, o="Frankfurt", d="Berlin", dep="+0")
F("denver to salt lake city tmr", "P", c, o="denver", d="salt lake city", dep="+1")
F("what flights go from mexico city to cancun tomorrow", "P", c, o="mexico city", d="cancun", dep="+1")
F("buenos aires to santiago the day after tomorrow", "K", c, o="buenos aires", d="santiago", dep="+2")
F("in 2 days lisbon to porto", "U", c, o="lisbon", d="porto", dep="+2")
F("TOMORROW LONDON TO EDINBURGH", "U", c, o="LONDON", d="EDINBURGH", dep="+1")
F("today hong kong to taipei", "G", c, o="hong kong", d="taipei", dep="+0")
F("perth to adelaide a week from today", "J", c, o="perth", d="adelaide", dep="+7")
F("vegas to la tonight", "Z", c, o="vegas", d="la", dep=("+0", "evening"))
F("auckland to sydney tomorrow", "AA", c, o="auckland", d="sydney", dep="+1")
F("chennai to bangalore tomorrow", "L", c, o="chennai", d="bangalore", dep="+1")
F("atl to mco in 3 days", "S", c, o="atl", d="mco", dep="+3")
F("need to get from nairobi to addis ababa two days from now", "W", c, o="nairobi", d="addis ababa", dep="+2")
F("osaka to sapporo tmrw", "M", c, o="osaka", d="sapporo", dep="+1")
F("heading to cairo from dubai the day after tomorrow", "N", c, o="dubai", d="cairo", dep="+2")
F("Doha to Muscat today", "N", c, o="Doha", d="Muscat", dep="+0")
F("is there anything from montreal to halifax tonight", "X", c, o="montreal", d="halifax", dep=("+0", "evening"))
F("Tomorrow, Brisbane to Cairns", "J", c, o="Brisbane", d="Cairns", dep="+1")
F("flights leaving tomorrow from san diego going to sacramento", "Z", c, o="san diego", d="sacramento", dep="+1")

# --- day_name ----------------------------------------------------------------------------------------
c = "day_name"
F("lax-jfk fri", "A", c, o="lax", d="jfk", dep="fri")
F("boston to chicago on friday", "C", c, o="boston", d="chicago", dep="fri")
F("this friday singapore to kuala lumpur", "G", c, o="singapore", d="kuala lumpur", dep="this fri")
F("this friday paris to rome", "C", c, o="paris", d="rome", dep="this fri")
F("next friday dubai to doha", "N", c, o="dubai", d="doha", dep="fri")
F("brisbane to cairns next tuesday", "J", c, o="brisbane", d="cairns", dep="tue")
F("next monday lima to bogota", "K", c, o="lima", d="bogota", dep="mon")
F("sea to anc frday", "O", c, o="sea", d="anc", dep="fri")
F("thurs flight from miami to nassau", "E", c, o="miami", d="nassau", dep="thu")
F("mon denver to austin", "T", c, o="denver", d="austin", dep="mon")
F("on wednesday from oslo to stockholm", "Q", c, o="oslo", d="stockholm", dep="wed")
F("this wednesday from copenhagen to helsinki", "Q", c, o="copenhagen", d="helsinki", dep="this wed")
F("this sunday hk to manila", "V", c, o="hk", d="manila", dep="this sun")
F("sunday hk to shanghai", "V", c, o="hk", d="shanghai", dep="sun")
F("this saturday dallas to houston", "P", c, o="dallas", d="houston", dep="this sat")
F("saturday newark to orlando", "S", c, o="newark", d="orlando", dep="sat")
F("tues from madrid to barcelona", "U", c, o="madrid", d="barcelona", dep="tue")
F("next thursday delhi to kathmandu", "L", c, o="delhi", d="kathmandu", dep="thu")
F("tokyo to seoul on tuesday", "M", c, o="tokyo", d="seoul", dep="tue")
F("portland to sfo tuesday", "B", c, o="portland", d="sfo", dep="tue")
F("this friday auckland to queenstown", "R", c, o="auckland", d="queenstown", dep="this fri")
F("friday honolulu to lihue", "I", c, o="honolulu", d="lihue", dep="fri")
F("thursday melbourne to hobart", "J", c, o="melbourne", d="hobart", dep="thu")
F("next saturday from zurich to vienna", "U", c, o="zurich", d="vienna", dep="sat")
F("sat sin to syd", "Y", c, o="sin", d="syd", dep="sat")
F("this saturday LA to san francisco", "Z", c, o="LA", d="san francisco", dep="this sat")
F("monday flights from ord to msp", "Z", c, o="ord", d="msp", dep="mon")
F("auckland to christchurch on monday", "AA", c, o="auckland", d="christchurch", dep="mon")
F("next wednesday boston to philly", "AB", c, o="boston", d="philly", dep="wed")
F("tuesday tokyo to fukuoka", "AC", c, o="tokyo", d="fukuoka", dep="tue")
F("this tuesday narita to kix", "AC", c, o="narita", d="kix", dep="this tue")
F("thursday kona to honolulu", "AD", c, o="kona", d="honolulu", dep="thu")
F("sunday frankfurt to munich", "W", c, o="frankfurt", d="munich", dep="sun")
F("on thursday istanbul to ankara", "W", c, o="istanbul", d="ankara", dep="thu")
F("New York to Washington on Fridy", "X", c, o="New York", d="Washington", dep="fri")
F("this monday mumbai to hyderabad", "L", c, o="mumbai", d="hyderabad", dep="this mon")
F("wednesday from nashville to charlotte", "A", c, o="nashville", d="charlotte", dep="wed")
F("thu calgary to vancouver", "E", c, o="calgary", d="vancouver", dep="thu")
F("sat morning from jfk to mia", "H", c, o="jfk", d="mia", dep=("sat", "morning"))
F("friday night london to dublin", "H", c, o="london", d="dublin", dep=("fri", "night"))
F("tuesday evening manchester to amsterdam", "H", c, o="manchester", d="amsterdam", dep=("tue", "evening"))
F("Next Sunday Seoul To Jeju", "M", c, o="Seoul", d="Jeju", dep="sun")
F("wensday pittsburgh to tampa", "S", c, o="pittsburgh", d="tampa", dep="wed")
F("FRIDAY SAN JUAN TO MIAMI", "Y", c, o="SAN JUAN", d="MIAMI", dep="fri")

# --- month_day ---------------------------------------------------------------------------------------
c = "month_day"
F("bos to sfo dec 12", "A", c, o="bos", d="sfo", dep="12/12")
F("november second chicago to denver", "A", c, o="chicago", d="denver", dep="11/2")
F("nov 30 nyc to atlanta", "A", c, o="nyc", d="atlanta", dep="11/30")
F("Nov 29th flights from houston to denver", "A", c, o="houston", d="denver", dep="11/29")
F("24 December london to edinburgh", "C", c, o="london", d="edinburgh", dep="12/24")
F("the 24th of december tokyo to sapporo", "D", c, o="tokyo", d="sapporo", dep="12/24")
F("twenty fifth of may sydney to perth", "J", c, o="sydney", d="perth", dep="5/25")
F("12/24 atl to msy", "E", c, o="atl", d="msy", dep="12/24")
F("3/20 from phoenix to seattle", "E", c, o="phoenix", d="seattle", dep="3/20")
F("jan 2 delhi to dubai", "F", c, o="delhi", d="dubai", dep="1/2")
F("january first singapore to tokyo", "G", c, o="singapore", d="tokyo", dep="1/1")
F("dec 31 singapore to penang", "G", c, o="singapore", d="penang", dep="12/31")
F("the 15th bos to mia", "A", c, o="bos", d="mia", dep="15th")
F("the 29th ord to lax", "A", c, o="ord", d="lax", dep="29th")
F("on the 30th from seattle to boise", "A", c, o="seattle", d="boise", dep="30th")
F("sfo to lax on the 3rd", "B", c, o="sfo", d="lax", dep="3rd")
F("heathrow to fco on the first", "H", c, o="heathrow", d="fco", dep="1st")
F("the 28th from manchester to dublin", "H", c, o="manchester", d="dublin", dep="28th")
F("boston to orlando the fifth", "AB", c, o="boston", d="orlando", dep="5th")
F("the 29th from dc to miami", "AB", c, o="dc", d="miami", dep="29th")
F("feb 29 nyc to lax", "I", c, o="nyc", d="lax", dep="2/29")
F("february 29th chicago to vegas", "AB", c, o="chicago", d="vegas", dep="2/29")
F("2/29 honolulu to maui", "AD", c, o="honolulu", d="maui", dep="2/29")
F("2 March 2028 lisbon to madrid", "K", c, o="lisbon", d="madrid", dep="2028-03-02")
F("January 4, 2027 from toronto to vancouver", "E", c, o="toronto", d="vancouver", dep="2027-01-04")
F("dec 1st 2027 sydney to auckland", "J", c, o="sydney", d="auckland", dep="2027-12-01")
F("chicago to atlanta 12/20/2027", "E", c, o="chicago", d="atlanta", dep="2027-12-20")
F("march 3rd from boston to denver", "AB", c, o="boston", d="denver", dep="3/3")
F("April 1 miami to new york", "X", c, o="miami", d="new york", dep="4/1")
F("ord to den the 1st", "X", c, o="ord", d="den", dep="1st")
F("the 30th jfk to atl", "X", c, o="jfk", d="atl", dep="30th")
F("the 31st chicago to new orleans", "E", c, o="chicago", d="new orleans", dep="31st")
F("ord to msp on the 2nd", "E", c, o="ord", d="msp", dep="2nd")
F("10/31 singapore to jakarta", "V", c, o="singapore", d="jakarta", dep="10/31")
F("november 1 hong kong to beijing", "V", c, o="hong kong", d="beijing", dep="11/1")
F("Oct 30 manila to tokyo", "V", c, o="manila", d="tokyo", dep="10/30")
F("berlin to london july 4th", "Q", c, o="berlin", d="london", dep="7/4")
F("6/30 munich to paris", "Q", c, o="munich", d="paris", dep="6/30")
F("june 29 frankfurt to lisbon", "Q", c, o="frankfurt", d="lisbon", dep="6/29")
F("aug 31 bwi to bos", "T", c, o="bwi", d="bos", dep="8/31")
F("september first from charlotte to raleigh", "T", c, o="charlotte", d="raleigh", dep="9/1")
F("the 20th london to geneva", "U", c, o="london", d="geneva", dep="20th")
F("15 january seattle to honolulu", "Z", c, o="seattle", d="honolulu", dep="1/15")
F("1/1 auckland to fiji", "AA", c, o="auckland", d="fiji", dep="1/1")
F("dec 31 auckland to sydney", "AA", c, o="auckland", d="sydney", dep="12/31")
F("march 1 hilo to honolulu", "AD", c, o="hilo", d="honolulu", dep="3/1")
F("5/5 san diego to denver", "S", c, o="san diego", d="denver", dep="5/5")
F("the 10th of august from phoenix to albuquerque", "S", c, o="phoenix", d="albuquerque", dep="8/10")
F("Sept 15 dublin to edinburgh", "U", c, o="dublin", d="edinburgh", dep="9/15")
F("sea to sfo the 14th", "S", c, o="sea", d="sfo", dep="14th")
F("MAY 3RD KOLKATA TO DELHI", "L", c, o="KOLKATA", d="DELHI", dep="5/3")

# --- time_window -------------------------------------------------------------------------------------
c = "time_window"
F("lax to sfo tomorrow at 6 am", "A", c, o="lax", d="sfo", dep=("+1", "06:00"))
F("boston to nyc friday at 7:30 am", "A", c, o="boston", d="nyc", dep=("fri", "07:30"))
F("chicago to denver at 5 pm today", "B", c, o="chicago", d="denver", dep=("+0", "17:00"))
F("after 5pm flights from atl to clt tomorrow", "E", c, o="atl", d="clt", dep=("+1", ">17:00"))
F("before 10 am seattle to portland on monday", "X", c, o="seattle", d="portland", dep=("mon", "<10:00"))
F("b4 noon dfw to iah tmrw", "P", c, o="dfw", d="iah", dep=("+1", "<12:00"))
F("between 2 and 4 pm jfk to bos dec 12", "A", c, o="jfk", d="bos", dep=("12/12", "14:00-16:00"))
F("morning flight from denver to phoenix on the 3rd", "B", c, o="denver", d="phoenix", dep=("3rd", "morning"))
F("afternoon flights from miami to tampa thursday", "T", c, o="miami", d="tampa", dep=("thu", "afternoon"))
F("sydney to melbourne friday evening", "J", c, o="sydney", d="melbourne", dep=("fri", "evening"))
F("night flight from dubai to mumbai tomorrow", "N", c, o="dubai", d="mumbai", dep=("+1", "night"))
F("red-eye from lax to jfk on sunday", "S", c, o="lax", d="jfk", dep=("sun", "redeye"))
F("red eye from seattle to newark friday", "O", c, o="seattle", d="newark", dep=("fri", "redeye"))
F("early morning flight from london to glasgow tomorrow", "U", c, o="london", d="glasgow", dep=("+1", "early"))
F("at noon frankfurt to vienna on tuesday", "Q", c, o="frankfurt", d="vienna", dep=("tue", "noon"))
F("after noon tomorrow paris to geneva", "C", c, o="paris", d="geneva", dep=("+1", ">12:00"))
F("before noon on the 20th from osaka to tokyo", "D", c, o="osaka", d="tokyo", dep=("20th", "<12:00"))
F(
    "leaving detroit tomorrow, arriving in chicago before 10 am",
    "E",
    c,
    o="detroit",
    d="chicago",
    dep="+1",
    arr=(None, "<10:00"),
)
F("dc to boston friday landing before 9 am", "A", c, o="dc", d="boston", dep="fri", arr=(None, "<09:00"))
F("frankfurt to london monday, must arrive by 9 am", "W", c, o="frankfurt", d="london", dep="mon", arr=(None, "<09:00"))
F(
    "from chicago, arriving in new york before 11 am on thursday",
    "A",
    c,
    o="chicago",
    d="new york",
    arr=("thu", "<11:00"),
)
F("singapore to tokyo arriving in the evening on the 20th", "D", c, o="singapore", d="tokyo", arr=("20th", "evening"))
F("lax to hnl at 9:15 am on dec 22", "A", c, o="lax", d="hnl", dep=("12/22", "09:15"))
F("between 6 and 9 am from ord to atl monday", "E", c, o="ord", d="atl", dep=("mon", "06:00-09:00"))
F("flights from perth to singapore after 11 pm on the 3rd", "J", c, o="perth", d="singapore", dep=("3rd", ">23:00"))
F("at 1 pm from bangkok to phuket on saturday", "V", c, o="bangkok", d="phuket", dep=("sat", "13:00"))
F("Before 7 AM Tomorrow Toronto To Montreal", "X", c, o="Toronto", d="Montreal", dep=("+1", "<07:00"))
F("morning flights on 12/5 from dallas to chicago", "A", c, o="dallas", d="chicago", dep=("12/5", "morning"))
F("afternoon sea to sfo", "O", c, o="sea", d="sfo", dep=(None, "afternoon"))
F("evening flights out of denver to kansas city", "S", c, o="denver", d="kansas city", dep=(None, "evening"))
F("early morning jfk to ord wed", "X", c, o="jfk", d="ord", dep=("wed", "early"))
F("night flight from seoul to bangkok on january 3rd", "F", c, o="seoul", d="bangkok", dep=("1/3", "night"))
F("delhi to bangalore tomorrow by 9 am", "L", c, o="delhi", d="bangalore", dep=("+1", "<09:00"))
F("at 10:45 pm from honolulu to la on friday", "AD", c, o="honolulu", d="la", dep=("fri", "22:45"))
F("after 6:30 pm manila to hong kong tomorrow", "V", c, o="manila", d="hong kong", dep=("+1", ">18:30"))
F("early morning flights from melbourne to sydney on the 1st", "J", c, o="melbourne", d="sydney", dep=("1st", "early"))
F("between 10 am and 2 pm from madrid to paris on sept 20", "U", c, o="madrid", d="paris", dep=("9/20", "10:00-14:00"))
F("noon flight athens to rome saturday", "Q", c, o="athens", d="rome", dep=("sat", "noon"))
F("anything after 9 pm from vegas to sfo on the 5th", "Z", c, o="vegas", d="sfo", dep=("5th", ">21:00"))

# --- round_trip --------------------------------------------------------------------------------------
c = "round_trip"
F("ord to cdg dec 14, back on the 2nd", "A", c, o="ord", d="cdg", dep="12/14", ret="2nd")
F("lhr to ams friday, back sunday", "C", c, o="lhr", d="ams", dep="fri", ret="sun")
F("jfk to lax dec 19 - dec 26", "A", c, o="jfk", d="lax", dep="12/19", ret="12/26")
F("boston to cancun march 10-14", "E", c, o="boston", d="cancun", dep="3/10", ret="3/14")
F("12/20-12/27 chicago to honolulu", "A", c, o="chicago", d="honolulu", dep="12/20", ret="12/27")
F("sfo to seattle monday to friday", "B", c, o="sfo", d="seattle", dep="mon", ret="fri")
F("july 10 to july 17 dublin to new york", "Q", c, o="dublin", d="new york", dep="7/10", ret="7/17")
F("round trip bos to lhr", "A", c, o="bos", d="lhr", rt=True)
F("roundtrip flights from denver to cancun", "E", c, o="denver", d="cancun", rt=True)
F("one way sydney to auckland tomorrow", "J", c, o="sydney", d="auckland", dep="+1", rt=False)
F("one-way from lisbon to madrid on the 20th", "U", c, o="lisbon", d="madrid", dep="20th", rt=False)
F("doha to manchester dec 27 returning jan 5", "E", c, o="doha", d="manchester", dep="12/27", ret="1/5")
F("leaving friday coming back monday from atlanta to nola", "A", c, o="atlanta", d="nola", dep="fri", ret="mon")
F("seattle to tokyo on the 10th, return on the 24th", "AB", c, o="seattle", d="tokyo", dep="10th", ret="24th")
F("paris to rome tuesday, back a week later", "C", c, o="paris", d="rome", dep="tue", ret="later 7")
F(
    "singapore to bali on the 5th coming back three days later",
    "G",
    c,
    o="singapore",
    d="bali",
    dep="5th",
    ret="later 3",
)
F(
    "heading out in 2 days from miami to havana, back a week from today",
    "X",
    c,
    o="miami",
    d="havana",
    dep="+2",
    ret="+7",
)
F("the 3rd through the 9th sydney to fiji", "J", c, o="sydney", d="fiji", dep="3rd", ret="9th")
F("out the 28th back the 4th jfk to sju", "A", c, o="jfk", d="sju", dep="28th", ret="4th")
F("out tuesday back thursday ord to dfw", "X", c, o="ord", d="dfw", dep="tue", ret="thu")
F("fly to vegas from la friday coming home sunday", "Z", c, o="la", d="vegas", dep="fri", ret="sun")
F("nyc to miami on the 10th and come back on the 15th", "X", c, o="nyc", d="miami", dep="10th", ret="15th")
F("ord to phx dec 27 and back on jan 3", "E", c, o="ord", d="phx", dep="12/27", ret="1/3")
F("round trip to denver from houston, return tuesday", "P", c, o="houston", d="denver", ret="tue")
F("fly me from boston to orlando and back on the 9th", "AB", c, o="boston", d="orlando", ret="9th")
F("atl to dca friday, returning sunday evening", "T", c, o="atl", d="dca", dep="fri", ret=("sun", "evening"))
F(
    "sfo to lax friday morning back monday afternoon",
    "O",
    c,
    o="sfo",
    d="lax",
    dep=("fri", "morning"),
    ret=("mon", "afternoon"),
)
F(
    "leaving for paris from london on monday, returning the friday after",
    "H",
    c,
    o="london",
    d="paris",
    dep="mon",
    ret="fri",
)
F("tokyo to seoul thursday, back the following monday", "M", c, o="tokyo", d="seoul", dep="thu", ret="mon")
F("berlin to rome on saturday and back the next friday", "Q", c, o="berlin", d="rome", dep="sat", ret="fri")
F("nov 20 - nov 27 from ord to sfo", "T", c, o="ord", d="sfo", dep="11/20", ret="11/27")
F("dec 22-29 seattle to boston", "A", c, o="seattle", d="boston", dep="12/22", ret="12/29")
F("1/2-1/9 lax to cancun", "E", c, o="lax", d="cancun", dep="1/2", ret="1/9")
F("12/28-1/4 jfk to sju", "X", c, o="jfk", d="sju", dep="12/28", ret="1/4")
F("dec 30 - jan 6 delhi to london", "F", c, o="delhi", d="london", dep="12/30", ret="1/6")
F("friday to sunday houston to new orleans", "P", c, o="houston", d="new orleans", dep="fri", ret="sun")
F("sydney to bali thursday to tuesday", "J", c, o="sydney", d="bali", dep="thu", ret="tue")
F("the 20th through the 27th frankfurt to cape town", "W", c, o="frankfurt", d="cape town", dep="20th", ret="27th")
F("chicago to cancun the 28th through the 3rd", "AB", c, o="chicago", d="cancun", dep="28th", ret="3rd")
F("round trip lax to hnl dec 20 returning jan 2", "A", c, o="lax", d="hnl", dep="12/20", ret="1/2")
F("london to new york dec 18 returning on the 1st", "C", c, o="london", d="new york", dep="12/18", ret="1st")
F("mumbai to dubai on the 29th back the 31st", "L", c, o="mumbai", d="dubai", dep="29th", ret="31st")
F("auckland to sydney friday back a week later", "R", c, o="auckland", d="sydney", dep="fri", ret="later 7")
F("toronto to new york monday, coming back two days later", "X", c, o="toronto", d="new york", dep="mon", ret="later 2")
F("bos to dca today returning tomorrow", "T", c, o="bos", d="dca", dep="+0", ret="+1")
F("leaving tomorrow from dallas to chicago, back in 5 days", "A", c, o="dallas", d="chicago", dep="+1", ret="+5")
F(
    "fly out today from seattle to spokane and come home the day after tomorrow",
    "O",
    c,
    o="seattle",
    d="spokane",
    dep="+0",
    ret="+2",
)
F("march 5 to march 12 from boston to aruba", "AB", c, o="boston", d="aruba", dep="3/5", ret="3/12")
F("NYC TO LONDON DEC 3 RETURNING THE 10TH", "A", c, o="NYC", d="LONDON", dep="12/3", ret="10th")
F("singapore to sydney dec 27 coming back on the 3rd", "D", c, o="singapore", d="sydney", dep="12/27", ret="3rd")
F("Vancouver to Calgary Friday, back on Sunday", "E", c, o="Vancouver", d="Calgary", dep="fri", ret="sun")
F("round trip from miami to bogota dec 20, return jan 10", "E", c, o="miami", d="bogota", dep="12/20", ret="1/10")
F("hnl to sfo thursday come back monday", "I", c, o="hnl", d="sfo", dep="thu", ret="mon")
F("lima to cusco on the 2nd, back the following wednesday", "K", c, o="lima", d="cusco", dep="2nd", ret="wed")
F("out on the 5th back on the 19th seoul to hong kong", "M", c, o="seoul", d="hong kong", dep="5th", ret="19th")
F("den to las saturday returning monday before noon", "S", c, o="den", d="las", dep="sat", ret=("mon", "<12:00"))
F(
    "leave tomorrow from atlanta to orlando returning a week from today",
    "E",
    c,
    o="atlanta",
    d="orlando",
    dep="+1",
    ret="+7",
)
F("ONE WAY LHR TO JFK", "H", c, o="LHR", d="JFK", rt=False)
F("one way dubai to cairo on the 9th", "N", c, o="dubai", d="cairo", dep="9th", rt=False)
F("one-way flights from tokyo to osaka", "M", c, o="tokyo", d="osaka", rt=False)
F("cheapest round trip from seattle to anchorage next friday", "O", c, o="seattle", d="anchorage", dep="fri", rt=True)
F("round trip chicago to paris, leave march 3 return march 17", "AB", c, o="chicago", d="paris", dep="3/3", ret="3/17")
F(
    "Frankfurt to New York on December 20th, coming back the 2nd",
    "W",
    c,
    o="Frankfurt",
    d="New York",
    dep="12/20",
    ret="2nd",
)
F(
    "from seoul to osaka monday, return wednesday evening",
    "M",
    c,
    o="seoul",
    d="osaka",
    dep="mon",
    ret=("wed", "evening"),
)
F("melbourne to perth on the 5th returning on the 12th", "J", c, o="melbourne", d="perth", dep="5th", ret="12th")
F("11/3-11/7 bangkok to chiang mai", "V", c, o="bangkok", d="chiang mai", dep="11/3", ret="11/7")
F("saturday to saturday boston to aruba", "S", c, o="boston", d="aruba", dep="sat", ret="sat")
F(
    "round trip to cabo from dallas, leaving the 12th back the 16th",
    "P",
    c,
    o="dallas",
    d="cabo",
    dep="12th",
    ret="16th",
)
F(
    "heading to tokyo from nyc on april 2, coming back a week later",
    "X",
    c,
    o="nyc",
    d="tokyo",
    dep="4/2",
    ret="later 7",
)
F("Paris to London December 23rd, back December 27th", "C", c, o="Paris", d="London", dep="12/23", ret="12/27")
F("montreal to paris jan 30, return feb 6", "E", c, o="montreal", d="paris", dep="1/30", ret="2/6")
F(
    "dc to chicago tuesday evening back wednesday night",
    "T",
    c,
    o="dc",
    d="chicago",
    dep=("tue", "evening"),
    ret=("wed", "night"),
)
F("Round Trip Sydney To Los Angeles Dec 10 To Dec 20", "J", c, o="Sydney", d="Los Angeles", dep="12/10", ret="12/20")
F("out 12/23 back 12/30 philly to denver", "A", c, o="philly", d="denver", dep="12/23", ret="12/30")
F("ewr to mco on 12/26 and back on 1/3", "E", c, o="ewr", d="mco", dep="12/26", ret="1/3")
F("round-trip from perth to bali, going on the 28th", "J", c, o="perth", d="bali", dep="28th", rt=True)
F("phoenix to san diego sunday, returning on wednesday", "AD", c, o="phoenix", d="san diego", dep="sun", ret="wed")
F("accra to lagos the 30th coming back the 2nd", "X", c, o="accra", d="lagos", dep="30th", ret="2nd")
F(
    "fly from kuala lumpur to penang on new year's eve? no - dec 30, back jan 2",
    "W",
    c,
    o="kuala lumpur",
    d="penang",
    dep="12/30",
    ret="1/2",
)
F("istanbul to london 3 days from now, coming back on the 20th", "W", c, o="istanbul", d="london", dep="+3", ret="20th")
F("Stockholm To Oslo Thursday, Returning Three Days Later", "Q", c, o="Stockholm", d="Oslo", dep="thu", ret="later 3")

# --- airline -----------------------------------------------------------------------------------------
c = "airline"
F("emirates from dubai to sydney friday", "N", c, o="dubai", d="sydney", dep="fri", al="emirates")
F("KLM amsterdam to nairobi tomorrow", "W", c, o="amsterdam", d="nairobi", dep="+1", al="KLM")
F("qantas flights from sydney to la on the 12th", "J", c, o="sydney", d="la", dep="12th", al="qantas")
F("lufthansa frankfurt to chicago dec 3", "A", c, o="frankfurt", d="chicago", dep="12/3", al="lufthansa")
F("air france paris to montreal tomorrow", "C", c, o="paris", d="montreal", dep="+1", al="air france")
F("turkish airlines istanbul to new york", "W", c, o="istanbul", d="new york", al="turkish airlines")
F(
    "singapore airlines from singapore to london tonight",
    "G",
    c,
    o="singapore",
    d="london",
    dep=("+0", "evening"),
    al="singapore airlines",
)
F("on UA from sfo to ord monday", "B", c, o="sfo", d="ord", dep="mon", al="UA")
F("EK from dubai to manchester thursday", "N", c, o="dubai", d="manchester", dep="thu", al="EK")
F("KL from schiphol to accra on the 20th", "W", c, o="schiphol", d="accra", dep="20th", al="KL")
F("cathay hong kong to vancouver", "V", c, o="hong kong", d="vancouver", al="cathay")
F("CX hkg to sfo tomorrow", "V", c, o="hkg", d="sfo", dep="+1", al="CX")
F("QF syd to mel today", "J", c, o="syd", d="mel", dep="+0", al="QF")
F("BA heathrow to boston on friday", "H", c, o="heathrow", d="boston", dep="fri", al="BA")
F("DL atl to slc tmrw", "S", c, o="atl", d="slc", dep="+1", al="DL")
F("AA from dfw to mia on the 5th", "X", c, o="dfw", d="mia", dep="5th", al="AA")
F("which airlines fly from boston to reykjavik", "A", c, o="boston", d="reykjavik", intent="airline")
F("what airline goes from lima to cusco", "K", c, o="lima", d="cusco", intent="airline")
F("which airlines fly nonstop from seattle to tokyo", "O", c, o="seattle", d="tokyo", ns=True, intent="airline")
F("what airlines have flights from nairobi to johannesburg", "W", c, o="nairobi", d="johannesburg", intent="airline")
F("delta flights from detroit to amsterdam dec 10", "A", c, o="detroit", d="amsterdam", dep="12/10", al="delta")
F("american airlines miami to sao paulo", "K", c, o="miami", d="sao paulo", al="american airlines")
F("southwest from love field to hobby friday", "X", c, o="love field", d="hobby", dep="fri", al="southwest")
F("jetblue bos to fll saturday", "A", c, o="bos", d="fll", dep="sat", al="jetblue")
F("alaska airlines seattle to anchorage sunday", "O", c, o="seattle", d="anchorage", dep="sun", al="alaska airlines")
F("hawaiian from honolulu to hilo on the 2nd", "I", c, o="honolulu", d="hilo", dep="2nd", al="hawaiian")
F("air canada toronto to heathrow", "E", c, o="toronto", d="heathrow", al="air canada")
F("qatar airways from doha to bangkok", "N", c, o="doha", d="bangkok", al="qatar airways")
F("ANA tokyo to chicago on friday", "M", c, o="tokyo", d="chicago", dep="fri", al="ANA")
F("JAL from haneda to honolulu", "M", c, o="haneda", d="honolulu", al="JAL")
F("iberia madrid to bogota", "U", c, o="madrid", d="bogota", al="iberia")
F("aer lingus dublin to boston tomorrow", "U", c, o="dublin", d="boston", dep="+1", al="aer lingus")
F("latam from santiago to lima", "K", c, o="santiago", d="lima", al="latam")
F("avianca bogota to medellin", "K", c, o="bogota", d="medellin", al="avianca")
F("aeromexico mexico city to cancun tomorrow", "P", c, o="mexico city", d="cancun", dep="+1", al="aeromexico")
F("ethiopian addis ababa to lagos", "W", c, o="addis ababa", d="lagos", al="ethiopian")
F("kenya airways nairobi to dubai", "W", c, o="nairobi", d="dubai", al="kenya airways")
F("united from newark to frankfurt", "X", c, o="newark", d="frankfurt", al="united")
F("any airline from rome to athens tomorrow", "Q", c, o="rome", d="athens", dep="+1")
F("on united from boston to sfo with a stop in denver", "A", c, o="boston", d="sfo", via=("denver",), al="united")
F("emirates via dubai from london to bangkok", "N", c, o="london", d="bangkok", via=("dubai",), al="emirates")
F("klm houston to kilimanjaro via amsterdam", "W", c, o="houston", d="kilimanjaro", via=("amsterdam",), al="klm")
F(
    "lufthansa from chicago to athens connecting in munich",
    "Q",
    c,
    o="chicago",
    d="athens",
    via=("munich",),
    al="lufthansa",
)
F(
    "turkish from new york to nairobi connecting in istanbul",
    "W",
    c,
    o="new york",
    d="nairobi",
    via=("istanbul",),
    al="turkish",
)
F("Which airline flies from Auckland to Tahiti?", "R", c, o="Auckland", d="Tahiti", intent="airline")
F("british airways london city to edinburgh", "U", c, o="london city", d="edinburgh", al="british airways")
F("SQ changi to narita", "G", c, o="changi", d="narita", al="SQ")
F("TK ist to jfk monday", "W", c, o="ist", d="jfk", dep="mon", al="TK")
F("EI dub to ord", "U", c, o="dub", d="ord", al="EI")
F("LH fra to bom tomorrow", "W", c, o="fra", d="bom", dep="+1", al="LH")
F("AF cdg to ewr friday", "C", c, o="cdg", d="ewr", dep="fri", al="AF")
F("Cathay Pacific Hong Kong To Melbourne", "J", c, o="Hong Kong", d="Melbourne", al="Cathay Pacific")
F("what airline flies from dubai to colombo", "N", c, o="dubai", d="colombo", intent="airline")

# --- cabin_price -------------------------------------------------------------------------------------
c = "cabin_price"
F("first class from lax to jfk tomorrow", "A", c, o="lax", d="jfk", dep="+1", cabin="first")
F("business class london to singapore", "U", c, o="london", d="singapore", cabin="business")
F("biz seats from sfo to hkg on the 18th", "B", c, o="sfo", d="hkg", dep="18th", cabin="business")
F("premium economy sydney to london", "J", c, o="sydney", d="london", cabin="premium_economy")
F("coach from chicago to denver friday", "E", c, o="chicago", d="denver", dep="fri", cabin="economy")
F("economy class delhi to toronto", "L", c, o="delhi", d="toronto", cabin="economy")
F("flights from boston to miami under 300 dollars", "A", c, o="boston", d="miami", price=(300, "USD"))
F("nyc to la under $250", "X", c, o="nyc", d="la", price=(250, "USD"))
F("paris to berlin less than 100 euros", "C", c, o="paris", d="berlin", price=(100, "EUR"))
F("madrid to rome below €80", "U", c, o="madrid", d="rome", price=(80, "EUR"))
F("london to edinburgh under £60", "H", c, o="london", d="edinburgh", price=(60, "GBP"))
F("tokyo to sapporo under 20000 yen", "M", c, o="tokyo", d="sapporo", price=(20000, "JPY"))
F("mumbai to delhi below 5000 rupees", "L", c, o="mumbai", d="delhi", price=(5000, "INR"))
F("sydney to perth under 400 aud", "J", c, o="sydney", d="perth", price=(400, "AUD"))
F("auckland to queenstown less than 250 nzd", "R", c, o="auckland", d="queenstown", price=(250, "NZD"))
F("hk to taipei under 2000 hkd", "V", c, o="hk", d="taipei", price=(2000, "HKD"))
F("singapore to bali under 300 sgd", "G", c, o="singapore", d="bali", price=(300, "SGD"))
F("dubai to muscat cheaper than 900 dirhams", "N", c, o="dubai", d="muscat", price=(900, "AED"))
F("cancun to mexico city under 3000 pesos", "P", c, o="cancun", d="mexico city", price=(3000, "MXN"))
F("how much is a flight from denver to vegas", "S", c, o="denver", d="vegas", intent="fare")
F("what's the fare from boston to dc on friday", "A", c, o="boston", d="dc", dep="fri", intent="fare")
F("price of a ticket from lax to sea tomorrow", "O", c, o="lax", d="sea", dep="+1", intent="fare")
F(
    "what does a business class ticket from new york to london cost",
    "X",
    c,
    o="new york",
    d="london",
    cabin="business",
    intent="fare",
)
F("airfare from chicago to orlando dec 20", "A", c, o="chicago", d="orlando", dep="12/20", intent="fare")
F("cheapest flight from atlanta to new york", "T", c, o="atlanta", d="new york")
F("fares between houston and denver", "P", c, o="houston", d="denver", intent="fare")
F(
    "business class seats under 3000 dollars from sf to tokyo",
    "B",
    c,
    o="sf",
    d="tokyo",
    cabin="business",
    price=(3000, "USD"),
)
F("2 tickets from seattle to honolulu under 800 dollars each", "O", c, o="seattle", d="honolulu", price=(800, "USD"))
F("first class under 5000 bucks jfk to dxb", "X", c, o="jfk", d="dxb", cabin="first", price=(5000, "USD"))
F(
    "how much for economy from melbourne to auckland",
    "J",
    c,
    o="melbourne",
    d="auckland",
    cabin="economy",
    intent="fare",
)
F("nonstop in business from frankfurt to singapore", "W", c, o="frankfurt", d="singapore", cabin="business", ns=True)
F(
    "direct flights in coach from denver to boston under 350 dollars",
    "S",
    c,
    o="denver",
    d="boston",
    cabin="economy",
    ns=True,
    price=(350, "USD"),
)
F("cost of first class lhr to jfk", "H", c, o="lhr", d="jfk", cabin="first", intent="fare")
F(
    "premium economy from tokyo to los angeles below 150000 yen",
    "M",
    c,
    o="tokyo",
    d="los angeles",
    cabin="premium_economy",
    price=(150000, "JPY"),
)
F("less than €400 amsterdam to lisbon round trip", "U", c, o="amsterdam", d="lisbon", rt=True, price=(400, "EUR"))
F(
    "what are the fares from sydney to auckland in premium economy",
    "J",
    c,
    o="sydney",
    d="auckland",
    cabin="premium_economy",
    intent="fare",
)
F("under £450 from manchester to new york", "H", c, o="manchester", d="new york", price=(450, "GBP"))

# --- places ------------------------------------------------------------------------------------------
c = "places"
F("O'Hare to LaGuardia", "A", c, o="O'Hare", d="LaGuardia")
F("midway to newark tomorrow", "E", c, o="midway", d="newark", dep="+1")
F("dulles to heathrow", "T", c, o="dulles", d="heathrow")
F("reagan national to logan", "X", c, o="reagan national", d="logan")
F("gatwick to orly", "H", c, o="gatwick", d="orly")
F("stansted to dublin", "U", c, o="stansted", d="dublin")
F("charles de gaulle to narita", "C", c, o="charles de gaulle", d="narita")
F("itami to haneda", "D", c, o="itami", d="haneda")
F("gimpo to osaka", "M", c, o="gimpo", d="osaka")
F("incheon to changi", "M", c, o="incheon", d="changi")
F("philly to beantown", "AB", c, o="philly", d="beantown")
F("chi-town to the big apple", "A", c, o="chi-town", d="big apple")
F("to sin city from motown", "S", c, o="motown", d="sin city")
F("nola to the twin cities", "P", c, o="nola", d="twin cities")
F("san fran to vegas", "B", c, o="san fran", d="vegas")
F("from sf to la", "O", c, o="sf", d="la")
F("from hk to saigon", "V", c, o="hk", d="saigon")
F("bombay to calcutta", "L", c, o="bombay", d="calcutta")
F("portland maine to portland", "T", c, o="portland maine", d=("portland", "PDX"))
F("san jose california to houston", "B", c, o="san jose california", d="houston")
F("between chicago and washington d.c.", "X", c, o="chicago", d="washington d.c.")
F("dc to nyc", "AB", c, o="dc", d="nyc")
F("windy city to maui", "I", c, o="windy city", d="maui")
F("flights from rio to buenos aires", "K", c, o="rio", d="buenos aires")
F("sao paulo to milan", "K", c, o="sao paulo", d="milan")
F("beijing to shanghai", "G", c, o="beijing", d="shanghai")
F("seoul to osaka", "AC", c, o="seoul", d="osaka")
F("berlin to rome", "Q", c, o="berlin", d="rome")
F("gold coast to bali", "J", c, o="gold coast", d="bali")
F("kona to hilo", "AD", c, o="kona", d="hilo")
F("denver to fiji via la and honolulu", "AD", c, o="denver", d="fiji", via=("la", "honolulu"))
F("anchorage to san diego through seattle", "O", c, o="anchorage", d="san diego", via=("seattle",))
F("boston to copenhagen with a layover in reykjavik", "A", c, o="boston", d="copenhagen", via=("reykjavik",))
F("perth to london stopping in dubai", "J", c, o="perth", d="london", via=("dubai",))
F("houston to johannesburg connecting in atlanta", "P", c, o="houston", d="johannesburg", via=("atlanta",))
F("lhr-dxb", "H", c, o="lhr", d="dxb")
F("SYD-NRT", "J", c, o="SYD", d="NRT")
F("kolkata to kathmandu", "L", c, o="kolkata", d="kathmandu")
F("ho chi minh city to hanoi", "V", c, o="ho chi minh city", d="hanoi")
F("washington national to midway", "AB", c, o="washington national", d="midway")
F("from newark to schiphol", "U", c, o="newark", d="schiphol")
F("Bengaluru to New Delhi", "L", c, o="Bengaluru", d="New Delhi")
F("bostn to san fransisco", "A", c, o="bostn", d="san fransisco")
F("seatle to chicgo", "O", c, o="seatle", d="chicgo")

# --- partial -----------------------------------------------------------------------------------------
c = "partial"
F("flights to denver", "A", c, d="denver")
F("gotta fly to rome on thursday", "Q", c, d="rome", dep="thu")
F("leaving from boston", "X", c, o="boston")
F("any flights tomorrow morning?", "E", c, dep=("+1", "morning"))
F("first class please", "H", c, cabin="first")
F("nonstop to miami", "T", c, d="miami", ns=True)
F("out of o'hare", "AB", c, o="o'hare")
F("to tokyo", "M", c, d="tokyo")
F("one way to denver", "S", c, d="denver", rt=False)
F("something under 200 dollars", "A", c, price=(200, "USD"))
F("from sydney", "J", c, o="sydney")
F("flights on the 12th", "W", c, dep="12th")
F("emirates flights", "N", c, al="emirates")
F("round trip to paris", "C", c, d="paris", rt=True)
F("to honolulu next friday", "I", c, d="honolulu", dep="fri")
F("cheap flights to bali", "J", c, d="bali")
F("what airlines fly to cairo", "W", c, d="cairo", intent="airline")

# --- mixed -------------------------------------------------------------------------------------------
c = "mixed"
F(
    "hi! i'm looking for a nonstop flight from boston to san francisco on december 12th in the morning, "
    "economy, under 400 dollars",
    "A",
    c,
    o="boston",
    d="san francisco",
    dep=("12/12", "morning"),
    cabin="economy",
    ns=True,
    price=(400, "USD"),
)
F(
    "Good morning, I Need A Business Class Ticket From Dubai To New York On Friday, Emirates If Possible",
    "N",
    c,
    o="Dubai",
    d="New York",
    dep="fri",
    cabin="business",
    al="Emirates",
)
F(
    "NEED 2 SEATS LAX TO HNL DEC 20 RETURNING DEC 28 ON HAWAIIAN UNDER $600 EACH",
    "A",
    c,
    o="LAX",
    d="HNL",
    dep="12/20",
    ret="12/28",
    al="HAWAIIAN",
    price=(600, "USD"),
)
F(
    "can u find me a cheap direct flight frm chicago to denvr tmrw after 6pm",
    "E",
    c,
    o="chicago",
    d="denvr",
    dep=("+1", ">18:00"),
    ns=True,
)
F(
    "my wife and i want to go from sydney to tokyo on the 15th, premium economy on qantas, coming back the 29th",
    "J",
    c,
    o="sydney",
    d="tokyo",
    dep="15th",
    ret="29th",
    cabin="premium_economy",
    al="qantas",
)
F(
    "so my brother graduates in austin on the 20th, can i leave atlanta the 18th and come back the 21st",
    "X",
    c,
    o="atlanta",
    d="austin",
    dep="18th",
    ret="21st",
)
F(
    "Looking for the earliest flight out of Heathrow to JFK tomorrow, business class, British Airways",
    "H",
    c,
    o="Heathrow",
    d="JFK",
    dep="+1",
    cabin="business",
    al="British Airways",
)
F(
    "FROM SINGAPORE TO PERTH THIS SATURDAY MORNING NONSTOP",
    "G",
    c,
    o="SINGAPORE",
    d="PERTH",
    dep=("this sat", "morning"),
    ns=True,
)
F(
    "whats the cheapest way to fly from frankfurt to toronto on lufthansa, leaving the 3rd, back the 17th, economy",
    "W",
    c,
    o="frankfurt",
    d="toronto",
    dep="3rd",
    ret="17th",
    al="lufthansa",
    cabin="economy",
)
F(
    "hey can you check flights from nyc to miami for this friday after 5 pm, one way, jetblue",
    "A",
    c,
    o="nyc",
    d="miami",
    dep=("this fri", ">17:00"),
    rt=False,
    al="jetblue",
)
F(
    "Round Trip From Seattle To Honolulu, Leaving December 18th, Returning December 27th, First Class",
    "A",
    c,
    o="Seattle",
    d="Honolulu",
    dep="12/18",
    ret="12/27",
    cabin="first",
)
F(
    "need a red eye from sfo to jfk on sunday, delta, under 350 bucks",
    "T",
    c,
    o="sfo",
    d="jfk",
    dep=("sun", "redeye"),
    al="delta",
    price=(350, "USD"),
)
F("plz find flights londn to pariss tommorow", "U", c, o="londn", d="pariss", dep="+1")
F(
    "how much is business class from mumbai to london on air india",
    "L",
    c,
    o="mumbai",
    d="london",
    cabin="business",
    al="air india",
    intent="fare",
)
F("Which airlines fly direct from Sydney to Santiago?", "J", c, o="Sydney", d="Santiago", ns=True, intent="airline")
F(
    "NONSTOP JFK-LHR FRIDAY NIGHT BA BUSINESS",
    "A",
    c,
    o="JFK",
    d="LHR",
    dep=("fri", "night"),
    al="BA",
    cabin="business",
    ns=True,
)
F(
    "looking 4 a flight dubai to delhi the day after tomorrow morning, emirates, economy, less than 1500 dirhams",
    "N",
    c,
    o="dubai",
    d="delhi",
    dep=("+2", "morning"),
    al="emirates",
    cabin="economy",
    price=(1500, "AED"),
)
F(
    "ok so i need to get from o'hare to reagan national on monday, arriving before 10 am, american",
    "X",
    c,
    o="o'hare",
    d="reagan national",
    dep="mon",
    arr=(None, "<10:00"),
    al="american",
)
F(
    "Hi there, looking for two tickets from Toronto to Cancun, leaving Dec 26 and coming back Jan 2, nonstop if possible",  # noqa: E501 - the request as written
    "E",
    c,
    o="Toronto",
    d="Cancun",
    dep="12/26",
    ret="1/2",
    ns=True,
)
F(
    "can i get from bangkok to tokyo on thai airways next wednesday evening in business",
    "V",
    c,
    o="bangkok",
    d="tokyo",
    dep=("wed", "evening"),
    al="thai airways",
    cabin="business",
)
F(
    "LUFTHANSA MUNICH TO NEW YORK 12/15 RETURNING 1/5 PREMIUM ECONOMY",
    "C",
    c,
    o="MUNICH",
    d="NEW YORK",
    dep="12/15",
    ret="1/5",
    al="LUFTHANSA",
    cabin="premium_economy",
)
F(
    "what's the fare for a one-way from auckland to sydney on the 2nd on air new zealand",
    "AA",
    c,
    o="auckland",
    d="sydney",
    dep="2nd",
    rt=False,
    al="air new zealand",
    intent="fare",
)
F(
    "from nyc, arrive in chicago by 9 am on monday, united, coach",
    "X",
    c,
    o="nyc",
    d="chicago",
    arr=("mon", "<09:00"),
    al="united",
    cabin="economy",
)
F(
    "i'm in delhi and want to fly to singapore via kuala lumpur on the 5th, malaysia airlines, under 20000 rupees",
    "L",
    c,
    o="delhi",
    d="singapore",
    via=("kuala lumpur",),
    dep="5th",
    al="malaysia airlines",
    price=(20000, "INR"),
)
F(
    "Turkish Airlines Istanbul To Cape Town Dec 1 Business Class Returning Dec 15",
    "W",
    c,
    o="Istanbul",
    d="Cape Town",
    dep="12/1",
    ret="12/15",
    al="Turkish Airlines",
    cabin="business",
)
F(
    "quick q - any direct flights between vancouver and tokyo this sunday afternoon on air canada?",
    "E",
    c,
    o="vancouver",
    d="tokyo",
    dep=("this sun", "afternoon"),
    ns=True,
    al="air canada",
)
F(
    "bookin a trip frm houstn to denvr fri returnin sun nite",
    "P",
    c,
    o="houstn",
    d="denvr",
    dep="fri",
    ret=("sun", "night"),
)
F(
    "I want to go from Cairo to Nairobi on Kenya Airways the day after tomorrow in the evening",
    "W",
    c,
    o="Cairo",
    d="Nairobi",
    dep=("+2", "evening"),
    al="Kenya Airways",
)
F(
    "SEOUL TO LA TOMORROW NIGHT KOREAN AIR FIRST CLASS",
    "M",
    c,
    o="SEOUL",
    d="LA",
    dep=("+1", "night"),
    al="KOREAN AIR",
    cabin="first",
)
F(
    "hey, cathay pacific from hk to heathrow on the 21st, premium economy, returning the 4th",
    "D",
    c,
    o="hk",
    d="heathrow",
    dep="21st",
    ret="4th",
    al="cathay pacific",
    cabin="premium_economy",
)
F(
    "Flights from Boston to Lisbon, TAP, March 3rd, back March 10th, under 700 dollars",
    "AB",
    c,
    o="Boston",
    d="Lisbon",
    dep="3/3",
    ret="3/10",
    al="TAP",
    price=(700, "USD"),
)
F(
    "need cheapest roundtrip sfo to nrt leaving thursday coming home the next tuesday, nonstop, ANA",
    "B",
    c,
    o="sfo",
    d="nrt",
    dep="thu",
    ret="tue",
    ns=True,
    al="ANA",
)
F(
    "emirates biz dxb to jfk 6/12 at 8:30 am",
    "N",
    c,
    o="dxb",
    d="jfk",
    dep=("6/12", "08:30"),
    al="emirates",
    cabin="business",
)
F(
    "hi im flying solo from rome to bangkok via doha on qatar, departing the 9th, economy, budget under 600 euros",
    "U",
    c,
    o="rome",
    d="bangkok",
    via=("doha",),
    dep="9th",
    al="qatar",
    cabin="economy",
    price=(600, "EUR"),
)
F(
    "Singapore Airlines SIN to LHR Premium Economy On The 1st Returning The 14th",
    "Y",
    c,
    o="SIN",
    d="LHR",
    dep="1st",
    ret="14th",
    al="Singapore Airlines",
    cabin="premium_economy",
)
F(
    "any flights from denver to boston arriving in the afternoon on the 19th",
    "A",
    c,
    o="denver",
    d="boston",
    arr=("19th", "afternoon"),
)
F(
    "ALASKA SEA TO SAN DIEGO TMRW B4 NOON NONSTOP",
    "O",
    c,
    o="SEA",
    d="SAN DIEGO",
    dep=("+1", "<12:00"),
    al="ALASKA",
    ns=True,
)
F(
    "Hello, could you help me find a one way ticket from Frankfrut to Singapor on Saturday, first class, Lufthansa",
    "W",
    c,
    o="Frankfrut",
    d="Singapor",
    dep="sat",
    rt=False,
    cabin="first",
    al="Lufthansa",
)
F(
    "going home for the holidays!! chicago to philly dec 22, back the 28th, american, coach, under 450 bucks",
    "X",
    c,
    o="chicago",
    d="philly",
    dep="12/22",
    ret="28th",
    al="american",
    cabin="economy",
    price=(450, "USD"),
)
F(
    "how much would it cost to fly qantas business from melbourne to la in two days, returning a week later",
    "J",
    c,
    o="melbourne",
    d="la",
    dep="+2",
    ret="later 7",
    al="qantas",
    cabin="business",
    intent="fare",
)
F(
    "KLM AMS TO ORD THE 2ND, RETURNING THE 9TH, NONSTOP, UNDER 900 EUROS",
    "Y",
    c,
    o="AMS",
    d="ORD",
    dep="2nd",
    ret="9th",
    al="KLM",
    ns=True,
    price=(900, "EUR"),
)
F(
    "sorry to bother u, do u have anything sydney to auckland jan 3 in the morning pls",
    "Z",
    c,
    o="sydney",
    d="auckland",
    dep=("1/3", "morning"),
)

# =====================================================================================================


def main() -> None:
    rows, seen = [], set()
    for e in ENTRIES:
        key = e["text"].strip().lower()
        assert key not in seen, f"duplicate text {e['text']!r}"
        seen.add(key)
        assert e["cat"] in CATEGORIES, e["cat"]
        rows.append({"text": e["text"], "reference_time": R[e["ref"]], "frame": frame_of(e), "category": e["cat"]})
    rows.sort(key=lambda r: CATEGORIES.index(r["category"]))  # stable: grouped by category, in written order
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} requests to {OUT}")
    for cat, n in Counter(r["category"] for r in rows).items():
        print(f"  {cat}: {n}")


if __name__ == "__main__":
    main()
