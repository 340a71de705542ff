"""A robustness set: a test split with every city replaced by cities the training data never saw.

ATIS knows only a few dozen US cities, so a real user's "Taipei" or "Ho Chi Minh City" is unseen
and must be labelled from its context. The generator is seeded: the same seed, data and city list
give the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

from model.bio import bio_spans
from training.data import Example, read_split

# Cities from around the world, several of more than one word. Any that the training data
# mentions are dropped before use (see ``unseen_cities``).
WORLD_CITIES = [
    "taipei", "kyoto", "ho chi minh city", "buenos aires", "rio de janeiro", "kuala lumpur", "addis ababa",
    "reykjavik", "nairobi", "lagos", "casablanca", "marrakesh", "lima", "bogota", "quito", "santiago",
    "montevideo", "caracas", "havana", "san juan", "mexico city", "guadalajara", "monterrey", "vancouver",
    "calgary", "winnipeg", "halifax", "anchorage", "honolulu", "albuquerque", "el paso", "tucson",
    "new orleans", "santa fe", "des moines", "little rock", "sioux falls", "lisbon", "madrid", "barcelona",
    "seville", "marseille", "lyon", "geneva", "zurich", "vienna", "prague", "budapest", "warsaw", "krakow",
    "vilnius", "riga", "tallinn", "helsinki", "oslo", "stockholm", "copenhagen", "hamburg", "munich",
    "frankfurt", "cologne", "amsterdam", "rotterdam", "brussels", "antwerp", "dublin", "edinburgh",
    "glasgow", "manchester", "athens", "istanbul", "ankara", "cairo", "tel aviv", "amman", "beirut",
    "dubai", "abu dhabi", "doha", "muscat", "karachi", "lahore", "new delhi", "mumbai", "bangalore",
    "chennai", "kolkata", "kathmandu", "dhaka", "colombo", "yangon", "bangkok", "chiang mai", "hanoi",
    "phnom penh", "singapore", "jakarta", "manila", "cebu", "hong kong", "macau", "shanghai", "beijing",
    "guangzhou", "shenzhen", "chengdu", "seoul", "busan", "osaka", "sapporo", "nagoya", "ulaanbaatar",
    "sydney", "melbourne", "brisbane", "perth", "adelaide", "auckland", "wellington", "christchurch",
    "johannesburg", "cape town", "durban", "accra", "dakar", "kigali", "kampala", "lusaka", "harare",
    "port louis", "saint petersburg", "kazan", "novosibirsk", "tbilisi", "yerevan", "baku", "almaty",
    "tashkent", "port of spain", "panama city", "san jose", "managua", "tegucigalpa", "la paz",
    "asuncion", "porto alegre", "sao paulo", "salvador", "recife", "fortaleza", "belo horizonte",
]  # fmt: skip

CITY_SLOT_SUFFIX = "city_name"


def unseen_cities(train: list[Example], cities: list[str] = WORLD_CITIES) -> list[str]:
    """Cities whose words are not all known to training, and that never appear as a training phrase."""
    vocabulary = {t for e in train for t in e.tokens}
    text = "\n".join(" " + " ".join(e.tokens) + " " for e in train)
    return [c for c in cities if f" {c} " not in text and not set(c.split()) <= vocabulary]


def replace_cities(example: Example, cities: list[str], rng: random.Random) -> Example:
    """Swap each city span (any slot whose name ends in "city_name") for a random unseen city."""
    tokens, tags = [], []
    position = 0
    for span in bio_spans(example.tags):
        if not span.name.endswith(CITY_SLOT_SUFFIX):
            continue
        tokens += example.tokens[position : span.first]
        tags += example.tags[position : span.first]
        city = rng.choice(cities).split()
        tokens += city
        tags += [f"B-{span.name}"] + [f"I-{span.name}"] * (len(city) - 1)
        position = span.last + 1
    tokens += example.tokens[position:]
    tags += example.tags[position:]
    return Example(tokens, tags, example.intent)


def write_robustness_set(data: Path, output: Path, seed: int = 13, split: str = "test") -> tuple[int, int]:
    """Write ``output/<split>/{seq.in,seq.out,label}``; return (utterances changed, cities available)."""
    train = read_split(data / "train")
    cities = unseen_cities(train)
    rng = random.Random(seed)
    originals = read_split(data / split)
    changed = [replace_cities(e, cities, rng) for e in originals]
    folder = output / split
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "seq.in").write_text("".join(" ".join(e.tokens) + "\n" for e in changed), encoding="utf-8")
    (folder / "seq.out").write_text("".join(" ".join(e.tags) + "\n" for e in changed), encoding="utf-8")
    (folder / "label").write_text("".join(e.intent + "\n" for e in changed), encoding="utf-8")
    return sum(a.tokens != b.tokens for a, b in zip(originals, changed, strict=True)), len(cities)
