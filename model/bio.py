"""BIO tags <-> labelled spans."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Span:
    name: str  # slot type, e.g. "city" for tags B-city / I-city
    first: int  # index of the first token
    last: int  # index of the last token (inclusive)


def split_tag(tag: str) -> tuple[str, str]:
    """'B-city' -> ('B', 'city'); 'O' -> ('O', '')."""
    if tag == "O":
        return "O", ""
    prefix, sep, name = tag.partition("-")
    if not sep or prefix not in ("B", "I") or not name:
        raise ValueError(f"not a BIO tag: {tag!r} (expected 'O', 'B-<slot>' or 'I-<slot>')")
    return prefix, name


def bio_spans(tags: list[str]) -> list[Span]:
    """Spans as conlleval reads them: an I- that does not continue a span of its type starts one."""
    spans: list[Span] = []
    current: tuple[str, int] | None = None
    for i, tag in enumerate(tags):
        prefix, name = split_tag(tag)
        continues = prefix == "I" and current is not None and current[0] == name
        if current is not None and not continues:
            spans.append(Span(current[0], current[1], i - 1))
            current = None
        if prefix != "O" and not continues:
            current = (name, i)
    if current is not None:
        spans.append(Span(current[0], current[1], len(tags) - 1))
    return spans


@lru_cache(maxsize=4096)  # a model has a few hundred slot names; every answer asks about each of its slots
def slot_role_and_kind(name: str) -> tuple[str, str]:
    """A slot name's role and what it names: "origin.city" -> ("origin", "city"); "city" -> ("", "city")."""
    role, _, kind = name.rpartition(".")
    return role, kind
