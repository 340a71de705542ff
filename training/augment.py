"""Training-time changes to a batch that teach the model what the data rarely shows.

- Word dropout: some words are fed as <unk> (every word a little, words seen once in train more,
  words inside slots more still, sometimes a whole slot), and a dropped slot word gets a made-up
  spelling: a real unseen city ("taipei") has an unseen spelling too, so its label must come from
  context. Whole slots are dropped so that a name of several unseen words ("kuala lumpur") is one span.
- Lookup dropout: some tokens lose their place and airline lookup flags (world/lexicon.py), so the
  model never leans on the lookup blindly: a name it misses ("bostn", a new nickname) must still be
  found from its context and characters.
- Context deletion: a sentence loses one word outside its slots. People leave words out ("arrive
  taipei" for "arrive in taipei"); the model learns that "arrive" alone can mark a destination only
  if it sees such sentences.
"""

from __future__ import annotations

import dataclasses

import torch

from model.vocab import PAD, UNK
from training.batches import EncodedExamples, Vocabularies
from training.config import TrainConfig


class Augmenter:
    """The augmentations of one training run, with the tables they need built once."""

    def __init__(self, config: TrainConfig, vocabularies: Vocabularies):
        self.slot_word_dropout = config.slot_word_dropout
        self.slot_span_dropout = config.slot_span_dropout
        self.context_deletion = config.context_deletion
        self.shortened_intent = config.shortened_intent
        self.lookup_dropout = config.lookup_dropout
        words, chars = vocabularies.words, vocabularies.chars
        # Per word id: the chance it is fed as <unk>.
        self.drop_chance = torch.full((len(words),), config.word_dropout)
        for word, count in vocabularies.word_counts.items():
            if count == 1 and word in words:
                self.drop_chance[words.id(word)] = max(config.unk_replace, config.word_dropout)
        self.drop_chance[words.id(PAD)] = 0.0
        self.unk_id = words.id(UNK)
        self.letters = torch.tensor([chars.id(ch) for ch in chars.symbols if ch.isalpha()], dtype=torch.long)

    def __call__(self, batch: EncodedExamples) -> EncodedExamples:
        batch = self.drop_lookups(batch)
        return self.drop_words(delete_context_words(batch, self.context_deletion, self.shortened_intent))

    def drop_lookups(self, batch: EncodedExamples) -> EncodedExamples:
        """Clear the lookup flags of some tokens."""
        if batch.lexicon is None or self.lookup_dropout <= 0:
            return batch
        keep = torch.rand(batch.words.shape) >= self.lookup_dropout
        return dataclasses.replace(batch, lexicon=batch.lexicon * keep.unsqueeze(-1))

    def drop_words(self, batch: EncodedExamples) -> EncodedExamples:
        """Feed some words as <unk>; dropped words inside slots are respelled with random letters."""
        in_slot = batch.spans > 0
        chance = self.drop_chance[batch.words]
        chance[in_slot] = chance[in_slot].clamp(min=self.slot_word_dropout)
        dropped = torch.rand(batch.words.shape) < chance
        if self.slot_span_dropout > 0:
            whole = torch.rand(len(batch.spans), int(batch.spans.max()) + 1) < self.slot_span_dropout
            dropped |= whole.gather(1, batch.spans) & in_slot
        words = batch.words.masked_fill(dropped, self.unk_id)
        chars = batch.chars
        respell = (dropped & in_slot).unsqueeze(-1) & (chars != 0)
        if respell.any() and len(self.letters):
            random_letters = self.letters[torch.randint(len(self.letters), chars.shape)]
            chars = torch.where(respell, random_letters, chars)
        return dataclasses.replace(batch, words=words, chars=chars)


def delete_context_words(batch: EncodedExamples, chance: float, keep_intent: bool = True) -> EncodedExamples:
    """With probability ``chance`` a sentence loses one random word outside its slots (tag "O").

    Without ``keep_intent`` a shortened sentence's intent target is zeroed (it then trains the slots
    only): the deleted word may have been the one the intent rests on ("fare", "airline").
    """
    if chance <= 0:
        return batch
    real = batch.words != 0
    candidates = real & (batch.spans == 0)
    rows = candidates.any(dim=1) & (batch.lengths > 1) & (torch.rand(len(batch.lengths)) < chance)
    if not bool(rows.any()):
        return batch
    victim = torch.rand(candidates.shape).masked_fill(~candidates, -1.0).argmax(dim=1)
    keep = torch.ones_like(real)
    keep[rows, victim[rows]] = False
    # A stable sort on "deleted?" moves each deleted word to the end of its row, the rest keep their order.
    order = torch.argsort((~keep).to(torch.int8), dim=1, stable=True)
    words, tags, spans = (t.gather(1, order) for t in (batch.words, batch.tags, batch.spans))
    chars = batch.chars.gather(1, order.unsqueeze(-1).expand_as(batch.chars))
    words[rows, -1], tags[rows, -1], spans[rows, -1], chars[rows, -1] = 0, -100, 0, 0
    lexicon = batch.lexicon
    if lexicon is not None:
        lexicon = lexicon.gather(1, order.unsqueeze(-1).expand_as(lexicon))
        lexicon[rows, -1] = 0.0
    intents = batch.intents
    if not keep_intent:
        intents = intents.clone()
        intents[rows] = 0.0  # a zero soft target adds nothing to the intent loss
    return dataclasses.replace(
        batch,
        words=words,
        chars=chars,
        lengths=batch.lengths - rows.long(),
        tags=tags,
        spans=spans,
        intents=intents,
        lexicon=lexicon,
    )
