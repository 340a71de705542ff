"""Examples -> training tensors: vocabularies built from train, a whole split encoded once, batches cut from it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import torch

from model.bio import bio_spans
from model.encoding import EncodedBatch, Encoder, real_tokens
from model.tagger import Targets
from model.vocab import Vocabulary
from training.data import Example


@dataclass(frozen=True)
class Vocabularies:
    """Everything a model's input and output layers are sized by, read from the training split."""

    word_counts: Counter[str]
    words: Vocabulary
    chars: Vocabulary
    labels: list[str]  # "O" first, then by slot name
    intents: list[str]  # atomic intents ("a#b" counts as a and b), sorted

    @classmethod
    def build(
        cls,
        train: list[Example],
        min_word_count: int = 1,
        fold_word_case: bool = False,
        extra_labels: Iterable[str] = (),
    ) -> Vocabularies:
        """``extra_labels``: tags that training will show beside train's own (made-up sentences' tags)."""
        word_counts = Counter(t for e in train for t in e.tokens)
        char_counts = Counter(c for w in word_counts for c in w)
        if fold_word_case:
            word_counts = Counter(t.lower() for e in train for t in e.tokens)
        labels = sorted({tag for e in train for tag in e.tags} | set(extra_labels), key=lambda t: (t != "O", t[2:], t))
        intents = sorted({i for e in train for i in e.intents})
        return cls(
            word_counts, Vocabulary.build(word_counts, min_word_count), Vocabulary.build(char_counts), labels, intents
        )


def intent_targets(examples: list[Example], intents: list[str]) -> torch.Tensor:
    """Soft targets: "a#b" is half a, half b; an intent unknown to train is left out."""
    index = {name: i for i, name in enumerate(intents)}
    targets = torch.zeros(len(examples), len(intents))
    for row, e in enumerate(examples):
        known = [index[i] for i in e.intents if i in index]
        for i in known:
            targets[row, i] = 1.0 / len(known)
    return targets


@dataclass
class EncodedExamples:
    """A split as padded tensors, built once, so a training step only indexes and trims.

    Characters are kept per position (not per distinct word, as the service encodes them) so that
    an augmentation can respell one occurrence of a word; ``inputs()`` hands the model its batch.
    """

    words: torch.Tensor  # (N, T) word ids, 0 = padding
    chars: torch.Tensor  # (N, T, C) character ids, 0 = padding
    lengths: torch.Tensor  # (N,) real tokens per row
    tags: torch.Tensor  # (N, T) label ids; -100 (ignored by the loss) for padding and labels unknown to train
    spans: torch.Tensor  # (N, T) 0 outside slots, k inside the sentence's k-th slot (1, 2, ...)
    intents: torch.Tensor  # (N, intents) soft intent targets
    lexicon: torch.Tensor | None = None  # (N, T, F) place and airline lookup flags; None for a model without them

    @classmethod
    def build(
        cls, examples: list[Example], vocabularies: Vocabularies, encoder: Encoder | None = None
    ) -> EncodedExamples:
        """``encoder``: the model's (its word-case rule and lexicon); by default the vocabularies' plain one."""
        encoder = encoder or Encoder(vocabularies.words, vocabularies.chars)
        w, c, lengths, lexicon = encoder.encode_padded([e.tokens for e in examples])
        label_index = {name: i for i, name in enumerate(vocabularies.labels)}
        tags = torch.full(w.shape, -100, dtype=torch.long)
        spans = torch.zeros(w.shape, dtype=torch.long)
        for row, e in enumerate(examples):
            tags[row, : len(e.tags)] = torch.tensor([label_index.get(t, -100) for t in e.tags])
            for k, span in enumerate(bio_spans(e.tags), start=1):
                spans[row, span.first : span.last + 1] = k
        return cls(w, c, lengths, tags, spans, intent_targets(examples, vocabularies.intents), lexicon)

    def batch(self, rows: np.ndarray) -> EncodedExamples:
        """These rows, trimmed to their longest sentence and longest word."""
        index = torch.from_numpy(rows)
        lengths = self.lengths[index]
        steps = int(lengths.max())
        chars = self.chars[index, :steps]
        width = max(1, int((chars != 0).sum(dim=2).max()))
        return EncodedExamples(
            words=self.words[index, :steps],
            chars=chars[:, :, :width],
            lengths=lengths,
            tags=self.tags[index, :steps],
            spans=self.spans[index, :steps],
            intents=self.intents[index],
            lexicon=self.lexicon[index, :steps] if self.lexicon is not None else None,
        )

    def inputs(self) -> EncodedBatch:
        return EncodedBatch.from_padded(self.words, self.chars, self.lengths, self.lexicon)

    def targets(self) -> Targets:
        return Targets(tags=self.tags[real_tokens(self.lengths, self.tags.shape[1])], intents=self.intents)
