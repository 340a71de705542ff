"""What the build scripts share: write a data file the service reads, or check that the committed one is
what the package it was built from gives."""

from __future__ import annotations

from pathlib import Path


def write_or_check(path: Path, wanted: str, made_from: str, check: bool, script: str) -> int:
    """Write ``wanted`` to ``path``, or with ``check`` compare them; the exit status: 1 when they differ."""
    lines = len(wanted.splitlines())
    if check:
        have = path.read_text(encoding="utf-8") if path.is_file() else ""
        if have != wanted:
            old, new = set(have.splitlines()), set(wanted.splitlines())
            print(f"{path} is not what {made_from} gives: rebuild it with {script}")
            print("  only in the file:", sorted(old - new)[:5], " only in the package's:", sorted(new - old)[:5])
            return 1
        print(f"{path}: {lines} lines, as {made_from} gives")
        return 0
    path.write_text(wanted, encoding="utf-8")
    print(f"wrote {path}: {lines} lines")
    return 0
