"""The augmentations change what they say and nothing else: words stay aligned with tags and characters."""

from pathlib import Path

import numpy as np
import torch

from training.augment import Augmenter, delete_context_words
from training.batches import EncodedExamples, Vocabularies
from training.config import TrainConfig
from training.data import Example


def encoded(sentences: list[tuple[str, str]]) -> tuple[EncodedExamples, Vocabularies]:
    examples = [Example(tokens.split(), tags.split(), "flight") for tokens, tags in sentences]
    vocabularies = Vocabularies.build(examples)
    return EncodedExamples.build(examples, vocabularies), vocabularies


def test_context_deletion_drops_one_word_outside_the_slots_and_keeps_the_rest_aligned():
    data, _ = encoded(
        [
            ("arrive in taipei on monday", "O O B-toloc.city_name O B-depart_date.day_name"),
            ("from new york", "O B-fromloc.city_name I-fromloc.city_name"),
            ("boston", "B-city_name"),  # nothing to delete
        ]
    )
    batch = data.batch(np.arange(3))
    torch.manual_seed(0)
    shorter = delete_context_words(batch, chance=1.0)
    assert shorter.lengths.tolist() == [4, 2, 1]
    for row in range(3):
        n = int(shorter.lengths[row])
        before = list(zip(batch.words[row].tolist(), batch.tags[row].tolist(), batch.chars[row].tolist(), strict=True))
        after = list(
            zip(shorter.words[row].tolist(), shorter.tags[row].tolist(), shorter.chars[row].tolist(), strict=True)
        )
        real_before = before[: int(batch.lengths[row])]
        # What is left is the sentence minus one word (order kept), and that word was outside every slot.
        removed = [w for w in real_before if w not in after[:n]]
        assert len(removed) == len(real_before) - n
        assert [w for w in real_before if w not in removed] == after[:n]
        assert all(not batch.spans[row, i] for i, w in enumerate(real_before) if w in removed)
        assert all(w == 0 and t == -100 and not any(c) for w, t, c in after[n:])  # padding after the end
    assert torch.equal(delete_context_words(batch, chance=0.0).words, batch.words)
    # Shortened sentences keep their intent target unless told not to; the others keep it always.
    assert torch.equal(shorter.intents, batch.intents)
    torch.manual_seed(0)
    silent = delete_context_words(batch, chance=1.0, keep_intent=False)
    assert torch.equal(silent.words, shorter.words)
    assert silent.intents[:2].sum() == 0 and torch.equal(silent.intents[2], batch.intents[2])
    assert batch.intents.sum() == 3  # the batch itself is untouched


def test_slot_span_dropout_feeds_whole_slots_as_unknown_respelled_words(tmp_path: Path):
    data, vocabularies = encoded(
        [
            ("fly from new york to boston", "O O B-fromloc.city_name I-fromloc.city_name O B-toloc.city_name"),
            ("flights to kansas city", "O O B-toloc.city_name I-toloc.city_name"),
        ]
    )
    batch = data.batch(np.arange(2))
    config = TrainConfig(
        data=tmp_path, output=tmp_path, word_dropout=0.0, unk_replace=0.0, slot_word_dropout=0.0, slot_span_dropout=1.0
    )
    dropped = Augmenter(config, vocabularies).drop_words(batch)
    words, chars = dropped.words, dropped.chars
    unk = vocabularies.words.id("<unk>")
    in_slot = batch.spans > 0
    assert bool((words[in_slot] == unk).all())
    assert torch.equal(words[~in_slot], batch.words[~in_slot])
    assert not torch.equal(chars[in_slot], batch.chars[in_slot])  # respelled
    assert torch.equal(chars[~in_slot], batch.chars[~in_slot])
    assert batch.spans[0].tolist() == [0, 0, 1, 1, 0, 2] and batch.spans[1].tolist() == [0, 0, 1, 1, 0, 0]


def test_words_seen_once_are_dropped_more_often_and_padding_never(tmp_path: Path):
    data, vocabularies = encoded([("to boston", "O B-toloc.city_name"), ("to denver", "O B-toloc.city_name")])
    config = TrainConfig(data=tmp_path, output=tmp_path, word_dropout=0.05, unk_replace=0.5)
    augment = Augmenter(config, vocabularies)
    words = vocabularies.words
    assert augment.drop_chance[words.id("to")] == 0.05  # seen twice
    assert augment.drop_chance[words.id("boston")] == 0.5  # seen once
    assert augment.drop_chance[words.id("<pad>")] == 0.0
    batch = data.batch(np.arange(2))
    torch.manual_seed(0)
    padded_rows = augment.drop_words(batch).words[batch.words == 0]
    assert (padded_rows == 0).all()
