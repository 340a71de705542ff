"""Vocabularies come from train alone; a split becomes tensors once and batches are cut from it."""

import numpy as np
import torch

from model.encoding import real_tokens
from training.batches import EncodedExamples, Vocabularies, intent_targets
from training.data import Example

EXAMPLES = [
    Example(
        ["flights", "from", "boston", "to", "denver"],
        ["O", "O", "B-fromloc.city_name", "O", "B-toloc.city_name"],
        "flight",
    ),
    Example(["fare", "to", "boston"], ["O", "O", "B-toloc.city_name"], "airfare#flight"),
    Example(["boston"], ["B-city_name"], "city"),
]


def test_vocabularies_are_built_from_the_training_examples():
    vocabularies = Vocabularies.build(EXAMPLES)
    assert vocabularies.words.symbols[:3] == ["<pad>", "<unk>", "boston"]  # most frequent first
    assert vocabularies.labels[0] == "O"
    assert vocabularies.intents == ["airfare", "city", "flight"]
    assert set("boston") <= set(vocabularies.chars.symbols)
    rare_out = Vocabularies.build(EXAMPLES, min_word_count=2)
    assert "boston" in rare_out.words and "to" in rare_out.words and "denver" not in rare_out.words


def test_intent_targets_split_multi_intents_and_skip_unknown_ones():
    targets = intent_targets([*EXAMPLES, Example(["hi"], ["O"], "greeting")], ["airfare", "city", "flight"])
    assert targets.tolist() == [[0, 0, 1], [0.5, 0, 0.5], [0, 1, 0], [0, 0, 0]]


def test_batches_are_trimmed_and_targets_cover_real_tokens_only():
    vocabularies = Vocabularies.build(EXAMPLES)
    data = EncodedExamples.build(EXAMPLES, vocabularies)
    batch = data.batch(np.array([2, 1]))
    assert batch.words.shape == (2, 3)  # trimmed to its longest sentence
    assert batch.chars.shape[2] == len("boston")  # and its longest word
    targets = batch.targets()
    label = vocabularies.labels.index
    assert targets.tags.tolist() == [label("B-city_name"), label("O"), label("O"), label("B-toloc.city_name")]
    assert torch.equal(targets.intents, data.intents[[2, 1]])
    inputs = batch.inputs()
    assert torch.equal(inputs.word_chars[inputs.char_rows], batch.chars)
    assert int(real_tokens(inputs.lengths, 3).sum()) == len(targets.tags)
    assert batch.spans.tolist() == [[1, 0, 0], [0, 0, 1]]
