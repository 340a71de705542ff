"""Token lists become the tensors the tagger reads: distinct words' characters once, positions pointing at them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from model.encoding import CHAR_CACHE_WORDS, MAX_WORD_CHARS, EncodedBatch, Encoder, real_tokens
from model.vocab import Vocabulary
from tests.model.helpers import CHARS, WORDS

BATCH = [
    ["flights", "from", "boston", "to", "denver"],
    ["to", "boston"],
    ["supercalifragilisticexpialidocious-and-more", "to"],  # cut at MAX_WORD_CHARS
    ["zürich", "<pad>"],
]


def per_token_loop(words: Vocabulary, chars: Vocabulary, batch: Sequence[Sequence[str]]):
    """The straightforward encoding, one loop step per token: word ids (B, T), chars (B, T, C), lengths."""
    lengths = [len(tokens) for tokens in batch]
    steps = max(lengths, default=0) or 1
    width = max(1, min(max((len(w) for tokens in batch for w in tokens), default=1), MAX_WORD_CHARS))
    word_ids = np.zeros((len(batch), steps), dtype=np.int64)
    char_ids = np.zeros((len(batch), steps, width), dtype=np.int64)
    for b, tokens in enumerate(batch):
        word_ids[b, : len(tokens)] = words.ids(tokens)
        for t, word in enumerate(tokens):
            ids = chars.ids(word[:MAX_WORD_CHARS])
            char_ids[b, t, : len(ids)] = ids
    return torch.from_numpy(word_ids), torch.from_numpy(char_ids), torch.tensor(lengths)


def test_encoding_matches_the_per_token_loop():
    encoder = Encoder(WORDS, CHARS)
    for rows in (BATCH, BATCH[:1], []):
        *got, lexicon = encoder.encode_padded(rows)
        assert lexicon is None  # no lexicon, no flags
        for g, w in zip(got, per_token_loop(WORDS, CHARS, rows), strict=True):
            assert torch.equal(g, w)


def test_each_distinct_word_has_one_row_of_characters():
    batch = Encoder(WORDS, CHARS).encode(BATCH)
    distinct = {w[:MAX_WORD_CHARS] for tokens in BATCH for w in tokens}
    assert batch.word_chars.shape[0] == len(distinct) + 1
    assert not batch.word_chars[0].any()  # row 0 is padding
    assert batch.char_rows[0, 3] == batch.char_rows[1, 0] == batch.char_rows[2, 1]  # "to", three times
    assert (batch.char_rows[~real_tokens(batch.lengths, batch.words.shape[1])] == 0).all()


def test_from_padded_gives_every_real_position_its_own_row():
    words, chars, lengths, _ = Encoder(WORDS, CHARS).encode_padded(BATCH)
    batch = EncodedBatch.from_padded(words, chars, lengths)
    real = real_tokens(lengths, words.shape[1])
    assert batch.word_chars.shape[0] == int(real.sum()) + 1
    assert torch.equal(batch.word_chars[batch.char_rows], chars)  # the same characters at every position
    assert sorted(batch.char_rows[real].tolist()) == list(range(1, int(real.sum()) + 1))


def test_real_tokens_mask():
    mask = real_tokens(torch.tensor([3, 1, 0]), 4)
    assert mask.tolist() == [[True, True, True, False], [True, False, False, False], [False] * 4]


def test_character_cache_is_bounded():
    encoder = Encoder(WORDS, CHARS)
    for i in range(CHAR_CACHE_WORDS + 10):
        encoder.char_ids(f"w{i}")
    assert len(encoder._char_ids) <= CHAR_CACHE_WORDS
    assert encoder.char_ids("boston") == CHARS.ids("boston")
