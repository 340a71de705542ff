"""Read a dataset in the ATIS folder format, checking every line as it goes.

A dataset folder holds ``train/``, ``valid/`` and ``test/``, each with three files of one
utterance a line: ``seq.in`` (tokens separated by spaces), ``seq.out`` (one BIO tag per token)
and ``label`` (the intent; several intents are joined by ``#``). Nothing about ATIS itself is
assumed: labels, intents and vocabularies all come from the files.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from model.bio import split_tag

SPLITS = ("train", "valid", "test")
FILES = ("seq.in", "seq.out", "label")
# Beside the checkout (``<folder holding the repo>/shared/data/atis``), whatever the current folder.
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "atis"


class DataError(Exception):
    """Bad training data; the message names the file and line."""

    def __init__(self, path: Path, line: int | None, problem: str):
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.problem = path, line, problem


@dataclass(frozen=True, slots=True)
class Example:
    tokens: list[str]
    tags: list[str]
    intent: str  # as written, possibly "a#b"

    @property
    def intents(self) -> list[str]:
        return self.intent.split("#")


def default_data_dir() -> Path:
    """``$SLOTFILL_DATA`` if set, else ``shared/data/atis`` beside the checkout of the repo."""
    return Path(os.environ.get("SLOTFILL_DATA", DEFAULT_DATA))


def dataset_dir(directory: Path) -> Path:
    """``directory``, if it is a folder; else a DataError that says how to point at one."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DataError(directory, None, "dataset folder not found (point at one with --data DIR or SLOTFILL_DATA=DIR)")
    return directory


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise DataError(path, None, "file is missing")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(path, line, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not start an empty one
    if not lines:
        raise DataError(path, None, "file is empty")
    return [line.rstrip("\r") for line in lines]


def read_split(directory: Path) -> list[Example]:
    """Read one split folder (e.g. ``atis/train``); raise DataError naming the first bad line."""
    directory = Path(directory)
    seq_in, seq_out, labels = (directory / name for name in FILES)
    token_lines, tag_lines, intent_lines = _read_lines(seq_in), _read_lines(seq_out), _read_lines(labels)
    counts = {seq_in: len(token_lines), seq_out: len(tag_lines), labels: len(intent_lines)}
    if len(set(counts.values())) != 1:
        shortest = min(counts, key=lambda p: counts[p])
        described = ", ".join(f"{p.name} {n}" for p, n in counts.items())
        raise DataError(shortest, counts[shortest] + 1, f"files have different line counts ({described})")

    examples = []
    for number, (token_line, tag_line, intent) in enumerate(zip(token_lines, tag_lines, intent_lines, strict=True), 1):
        tokens, tags, intent = token_line.split(), tag_line.split(), intent.strip()
        if not tokens:
            raise DataError(seq_in, number, "empty line (every utterance needs at least one token)")
        if not tags:
            raise DataError(seq_out, number, "empty line (one tag per token expected)")
        if len(tokens) != len(tags):
            raise DataError(seq_out, number, f"{len(tags)} tags for {len(tokens)} tokens in {seq_in.name}")
        previous = ""
        for position, tag in enumerate(tags, 1):
            try:
                prefix, name = split_tag(tag)
            except ValueError as exc:
                raise DataError(seq_out, number, f"token {position}: {exc}") from None
            if prefix == "I" and previous not in (f"B-{name}", f"I-{name}"):
                raise DataError(seq_out, number, f"token {position}: {tag} does not continue a {name} span")
            previous = tag
        if not intent or any(not part or part != part.strip() for part in intent.split("#")) or " " in intent:
            raise DataError(labels, number, f"cannot read intent {intent!r} (one name, or names joined by '#')")
        examples.append(Example(tokens, tags, intent))
    return examples


def read_dataset(directory: Path, splits: tuple[str, ...] = SPLITS) -> dict[str, list[Example]]:
    directory = dataset_dir(directory)
    return {split: read_split(directory / split) for split in splits}


def dataset_digests(directory: Path, splits: tuple[str, ...] = SPLITS) -> dict[str, str]:
    """sha256 of each data file, recorded in the checkpoint so a model names the data it saw."""
    digests = {}
    for split in splits:
        for name in FILES:
            path = Path(directory) / split / name
            digests[f"{split}/{name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests
