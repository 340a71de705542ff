"""Start-up cost of the places data: seconds and resident memory for ``load_places()``, then for the
tagger's lexicon and the training substitutes built from it, and a few resolutions a second.

    python bench/places.py

Memory is the process's resident set (VmRSS in /proc/self/status, Linux only) before and after each
step, so it counts what loading leaves behind, not its peak; the peak (VmHWM) is printed too.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Imported before the first reading so that the modules' own memory is not counted as the data's.
import airportsdata  # noqa: F401
import rapidfuzz  # noqa: F401

from world.places import load_places


def status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def step(name: str, action) -> object:  # type: ignore[no-untyped-def]
    before, start = status_mb("VmRSS"), time.perf_counter()
    result = action()
    seconds, after = time.perf_counter() - start, status_mb("VmRSS")
    print(f"{name:<18} {seconds:6.2f} s   RSS {before:6.1f} -> {after:6.1f} MB (+{after - before:.1f})")
    return result


def main() -> None:
    print(f"{'step':<18} {'time':>8}   memory")
    places = step("load_places()", load_places)
    step("lexicon_names()", places.lexicon_names)  # type: ignore[attr-defined]
    step("substitutes()", places.substitutes)  # type: ignore[attr-defined]
    texts = [("chicago", "city_name"), ("lax", "airport_code"), ("heathrow", "airport_name"), ("bostn", "city_name")]
    step("first resolves", lambda: [places.resolve(t, s) for t, s in texts])  # type: ignore[attr-defined]
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        for text, slot in texts:
            places.resolve(text, slot)  # type: ignore[attr-defined]
    per = (time.perf_counter() - start) / (rounds * len(texts))
    print(f"resolve, warm      {per * 1e6:6.0f} µs a call (the typo among them)")
    print(f"peak RSS (VmHWM)   {status_mb('VmHWM'):.1f} MB")


if __name__ == "__main__":
    main()
