"""Token lists -> the tensors the tagger reads.

A batch is encoded as ``EncodedBatch``: word ids per position, and the character ids of each
*distinct* word once, with each position pointing at its word's row. A batch of requests repeats
"to", "from", "flights" ...; the character encoder then works per distinct word, not per position.
Training encodes every position as its own row (``EncodedBatch.from_padded``), so that an
augmentation may respell one occurrence of a word without touching the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch
from torch import Tensor

from model.vocab import Vocabulary

if TYPE_CHECKING:
    from world.lexicon import Lexicon

MAX_WORD_CHARS = 24  # longer words are cut for the character encoder; their word id is unchanged
CHAR_CACHE_WORDS = 50_000  # distinct words whose character ids are remembered (texts can hold any word)


@dataclass(frozen=True, slots=True)
class EncodedBatch:
    """What ``SlotTagger.forward`` reads."""

    words: Tensor  # (B, T) word ids, 0 = padding
    lengths: Tensor  # (B,) real tokens per row; real tokens come first in each row
    word_chars: Tensor  # (U + 1, C) character ids of each distinct word; row 0 is padding (all zeros)
    char_rows: Tensor  # (B, T) row of word_chars for each position; 0 for padding
    lexicon: Tensor | None = None  # (B, T, F) place and airline lookup flags (world/lexicon.py); None without

    @classmethod
    def from_padded(cls, words: Tensor, chars: Tensor, lengths: Tensor, lexicon: Tensor | None = None) -> EncodedBatch:
        """From per-position character ids (B, T, C): each real position gets a row of its own."""
        real = real_tokens(lengths, words.shape[1])
        char_rows = torch.zeros_like(words)
        char_rows[real] = torch.arange(1, int(real.sum()) + 1)
        word_chars = torch.cat([chars.new_zeros(1, chars.shape[2]), chars[real]])
        return cls(words, lengths, word_chars, char_rows, lexicon)

    def to(self, device: torch.device) -> EncodedBatch:
        # lengths stay on the CPU: packing a sequence for the LSTM wants them there.
        return EncodedBatch(
            self.words.to(device),
            self.lengths,
            self.word_chars.to(device),
            self.char_rows.to(device),
            self.lexicon.to(device) if self.lexicon is not None else None,
        )


def real_tokens(lengths: Tensor, steps: int) -> Tensor:
    """(B, T) mask: True at each row's real tokens, False at padding."""
    return torch.arange(steps, device=lengths.device).unsqueeze(0) < lengths.unsqueeze(1)


class Encoder:
    """Turns token lists into ``EncodedBatch``es with a checkpoint's vocabularies.

    The character ids of words seen before are remembered (up to ``CHAR_CACHE_WORDS`` words), so
    a service answering similar requests looks each word's characters up once.
    """

    def __init__(
        self, words: Vocabulary, chars: Vocabulary, fold_word_case: bool = False, lexicon: Lexicon | None = None
    ):
        self.words = words
        self.chars = chars
        self.fold_word_case = fold_word_case
        self.lexicon = lexicon
        self._char_ids: dict[str, list[int]] = {}

    def char_ids(self, word: str) -> list[int]:
        ids = self._char_ids.get(word)
        if ids is None:
            if len(self._char_ids) >= CHAR_CACHE_WORDS:
                self._char_ids.clear()  # crude but bounded: arbitrary input cannot grow it for ever
            ids = self._char_ids[word] = self.chars.ids(word)
        return ids

    def encode(self, batch: Sequence[Sequence[str]]) -> EncodedBatch:
        """One row per token list (normalised tokens), the characters of each distinct word once."""
        lengths = [len(tokens) for tokens in batch]
        steps = max(lengths, default=0) or 1
        word_ids = np.zeros((len(batch), steps), dtype=np.int64)
        char_rows = np.zeros((len(batch), steps), dtype=np.int64)
        rows: dict[str, int] = {}
        for b, tokens in enumerate(batch):
            word_ids[b, : len(tokens)] = self.words.ids([w.lower() for w in tokens] if self.fold_word_case else tokens)
            # setdefault's default is evaluated first: a new word gets the next row (rows start at 1).
            char_rows[b, : len(tokens)] = [rows.setdefault(w[:MAX_WORD_CHARS], len(rows) + 1) for w in tokens]
        width = max(1, min(max((len(w) for w in rows), default=1), MAX_WORD_CHARS))
        word_chars = np.zeros((len(rows) + 1, width), dtype=np.int64)
        for r, word in enumerate(rows, start=1):
            ids = self.char_ids(word)
            word_chars[r, : len(ids)] = ids
        return EncodedBatch(
            torch.from_numpy(word_ids),
            torch.tensor(lengths, dtype=torch.int64),
            torch.from_numpy(word_chars),
            torch.from_numpy(char_rows),
            self.lexicon_flags(batch, steps),
        )

    def lexicon_flags(self, batch: Sequence[Sequence[str]], steps: int) -> Tensor | None:
        """(B, T, F) lookup flags of every token, zeros at padding; None without a lexicon."""
        if self.lexicon is None:
            return None
        flags = np.zeros((len(batch), steps, self.lexicon.width), dtype=np.float32)
        for b, tokens in enumerate(batch):
            if tokens:
                flags[b, : len(tokens)] = self.lexicon.flags(tokens)
        return torch.from_numpy(flags)

    def encode_padded(self, batch: Sequence[Sequence[str]]) -> tuple[Tensor, Tensor, Tensor, Tensor | None]:
        """Word ids (B, T), per-position character ids (B, T, C), lengths (B,) and lookup flags
        (B, T, F) or None: a whole training split."""
        encoded = self.encode(batch)
        return encoded.words, encoded.word_chars[encoded.char_rows], encoded.lengths, encoded.lexicon
