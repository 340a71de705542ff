"""Scores on the project's own sets of world places (eval/places) and booking frames (eval/frames).

Both run the service's path: text in, the checkpoint's tokenizer, the model, then the stage after
it (``world.resolve.Resolver``). Places: does each place get a slot of the right role, and which
airport comes first? Frames: is each field of the resolved request right?
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from model.bio import slot_role_and_kind
from model.predictor import Predictor
from world.frame import PLACE_KINDS, QUALIFIER_KINDS, score_frames
from world.resolve import Resolver


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def answers(predictor: Predictor, resolver: Resolver, texts: Sequence[str], times: Sequence[datetime | None]) -> list:
    """The service's answers to ``texts``, resolved at each text's reference time."""
    utterances = [predictor.tokenizer.utterance(t) for t in texts]
    found = []
    for start in range(0, len(utterances), 256):
        found.extend(predictor.parse(utterances[start : start + 256], top_k=1))
    return [resolver.resolve(a, t) for a, t in zip(found, times, strict=True)]


def place_outcome(answer: dict[str, Any], place: dict[str, Any]) -> tuple[str, str | None]:
    """("right" | "wrong role" | "missed", first airport) for one gold place of an answer: the first
    predicted place slot inside the place's text decides."""
    text = answer["text"]
    start = text.lower().find(place["text"].lower())
    end = start + len(place["text"])
    for slot in answer["slots"]:
        role, kind = slot_role_and_kind(slot["name"])
        if kind in PLACE_KINDS + QUALIFIER_KINDS and slot["start"] < end and start < slot["end"]:
            resolved = slot.get("place")
            airport = resolved["airports"][0] if resolved and resolved["airports"] else None
            return ("right" if (role or "none") == place["role"] else "wrong role"), airport
    return "missed", None


def places_report(predictor: Predictor, resolver: Resolver, path: Path) -> dict[str, Any]:
    """Role accuracy, places missed and first-airport accuracy over every place of the set, and the
    first airport the resolver gives for each place's gold text (resolution alone, tagging aside)."""
    rows = read_jsonl(path)
    results = answers(predictor, resolver, [r["text"] for r in rows], [None] * len(rows))
    outcomes: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = {}
    airport_right = gold_span_airport_right = 0
    misses = []
    for row, answer in zip(rows, results, strict=True):
        for place in row["places"]:
            outcome, airport = place_outcome(answer, place)
            outcomes[outcome] += 1
            by_category.setdefault(row["category"], Counter())[outcome] += 1
            airport_right += airport == place["first_airport"]
            alone = resolver.places.resolve(place["text"], kind_slot(place["kind"]))
            alone_airport = alone.place.airports[0] if alone and alone.place.airports else None
            gold_span_airport_right += alone_airport == place["first_airport"]
            if outcome != "right" or airport != place["first_airport"]:
                misses.append({"text": row["text"], "place": place["text"], "role": place["role"], "outcome": outcome,
                               "airport": airport, "gold_airport": place["first_airport"]})  # fmt: skip
    total = sum(outcomes.values())
    return {
        "requests": len(rows),
        "places": total,
        "right_role": 100 * outcomes["right"] / total,
        "wrong_role": 100 * outcomes["wrong role"] / total,
        "missed": 100 * outcomes["missed"] / total,
        "first_airport": 100 * airport_right / total,
        "first_airport_of_gold_text": 100 * gold_span_airport_right / total,
        "right_role_by_category": {c: 100 * n["right"] / sum(n.values()) for c, n in sorted(by_category.items())},
        "misses": misses,
    }


def kind_slot(kind: str) -> str:
    """An eval set's place kind -> the slot type the tagger would give it."""
    return {"airport_code": "airport_code", "airport_name": "airport_name", "state": "state_name",
            "country": "country_name"}.get(kind, "city_name")  # fmt: skip


def format_places(report: dict[str, Any]) -> str:
    lines = [
        f"{report['places']} places in {report['requests']} requests: right role {report['right_role']:.1f}%, "
        f"wrong role {report['wrong_role']:.1f}%, missed {report['missed']:.1f}%",
        f"first airport right: {report['first_airport']:.1f}% (resolving the gold text alone: "
        f"{report['first_airport_of_gold_text']:.1f}%)",
        "right role by category: " + ", ".join(f"{c} {v:.1f}%" for c, v in report["right_role_by_category"].items()),
    ]
    return "\n".join(lines)


def frames_report(predictor: Predictor, resolver: Resolver, path: Path) -> dict[str, Any]:
    """Per-field and whole-frame accuracy against the set's gold frames (``world.frame.score_frames``),
    by category too, and how often a request with a gold return date gets that date right."""
    rows = read_jsonl(path)
    times = [datetime.fromisoformat(r["reference_time"]) for r in rows]
    results = answers(predictor, resolver, [r["text"] for r in rows], times)
    predicted = [a["frame"] for a in results]
    report = score_frames(predicted, [r["frame"] for r in rows])
    by_category: dict[str, tuple[list[Any], list[Any]]] = {}
    for guess, row in zip(predicted, rows, strict=True):
        pair = by_category.setdefault(row["category"], ([], []))
        pair[0].append(guess)
        pair[1].append(row["frame"])
    report["whole_frame_by_category"] = {
        c: score_frames(*pair)["whole_frame"] for c, pair in sorted(by_category.items())
    }
    returns = [(p, r) for p, r in zip(predicted, rows, strict=True) if (r["frame"]["return"] or {}).get("date")]
    report["return_dates"] = len(returns)
    report["return_date_right"] = sum(
        ((p or {}).get("return") or {}).get("date") == r["frame"]["return"]["date"] for p, r in returns
    ) / max(len(returns), 1)
    report["wrong"] = [
        {"text": r["text"], "reference_time": r["reference_time"], "gold": r["frame"], "predicted": p}
        for p, r in zip(predicted, rows, strict=True)
        if score_frames([p], [r["frame"]])["whole_frame"] < 1
    ]
    return report


def format_frames(report: dict[str, Any]) -> str:
    fields = ", ".join(f"{name} {100 * v:.1f}%" for name, v in report["fields"].items())
    return "\n".join(
        [
            f"{report['frames']} frames: whole frame right {100 * report['whole_frame']:.1f}%; "
            f"fields right {100 * report['fields_right']:.1f}%",
            f"per field: {fields}",
            "whole frame by category: "
            + ", ".join(f"{c} {100 * v:.1f}%" for c, v in report["whole_frame_by_category"].items()),
            f"return date right: {100 * report['return_date_right']:.1f}% "
            f"of the {report['return_dates']} requests that have one",
        ]
    )
