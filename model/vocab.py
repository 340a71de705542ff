"""String <-> index tables, stored in a checkpoint's config.json as plain lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

PAD = "<pad>"
UNK = "<unk>"


class Vocabulary:
    """An ordered list of symbols; index 0 is padding and index 1 the unknown symbol when present."""

    def __init__(self, symbols: Iterable[str]):
        self.symbols: list[str] = list(symbols)
        self.index: dict[str, int] = {s: i for i, s in enumerate(self.symbols)}
        if len(self.index) != len(self.symbols):
            raise ValueError("vocabulary has duplicate symbols")
        self.unk_id = self.index.get(UNK)

    @classmethod
    def build(cls, counts: Counter[str], min_count: int = 1, specials: tuple[str, ...] = (PAD, UNK)) -> Vocabulary:
        """Specials first, then symbols by falling frequency (ties alphabetical, so builds repeat)."""
        kept = sorted(
            (s for s, c in counts.items() if c >= min_count and s not in specials), key=lambda s: (-counts[s], s)
        )
        return cls([*specials, *kept])

    def __len__(self) -> int:
        return len(self.symbols)

    def __contains__(self, symbol: str) -> bool:
        return symbol in self.index

    def id(self, symbol: str) -> int:
        found = self.index.get(symbol, self.unk_id)
        if found is None:
            raise KeyError(f"{symbol!r} is not in the vocabulary and it has no {UNK}")
        return found

    def ids(self, symbols: Iterable[str]) -> list[int]:
        return [self.id(s) for s in symbols]
