"""Vocabularies: padding and <unk> first, then by frequency, and unknown symbols map to <unk>."""

from collections import Counter

import pytest

from model.vocab import PAD, UNK, Vocabulary


def test_build_orders_by_frequency_then_alphabet_and_drops_rare_symbols():
    vocabulary = Vocabulary.build(Counter({"to": 5, "from": 5, "boston": 2, "denver": 1}), min_count=2)
    assert vocabulary.symbols == [PAD, UNK, "from", "to", "boston"]
    assert vocabulary.id("denver") == vocabulary.id("anything") == 1
    assert vocabulary.ids(["to", "boston"]) == [3, 4]
    assert "denver" not in vocabulary and len(vocabulary) == 5


def test_duplicates_and_missing_unk_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        Vocabulary(["a", "a"])
    labels = Vocabulary(["O", "B-city"])
    with pytest.raises(KeyError, match="no <unk>"):
        labels.id("B-airline")
