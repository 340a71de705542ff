"""Small random taggers and vocabularies for the model tests."""

from __future__ import annotations

from typing import Any

import torch

from model.checkpoint import Calibration, Checkpoint
from model.config import SlotTaggerConfig
from model.tagger import SlotTagger
from model.vocab import Vocabulary

WORDS = Vocabulary(["<pad>", "<unk>", "flights", "from", "boston", "to", "denver"])
CHARS = Vocabulary(["<pad>", "<unk>", *"abcdefghijklmnopqrstuvwxyz"])
LABELS = ["O", "B-fromloc.city_name", "B-toloc.city_name", "I-toloc.city_name"]
INTENTS = ["flight", "airfare"]
SENTENCES = [["flights", "from", "boston", "to", "denver"], ["boston"], ["to", "xyz", "denver", "to"]]

# Every encoder and head the config can build.
CONFIGS: list[dict[str, Any]] = [
    {},
    {"cell": "rnn", "bidirectional": False},
    {"cell": "lstm", "num_layers": 2, "char_dim": 0},
    {"cell": "none", "window": 1},
    {"char_kernel": 5},
    {"intent_to_slots": True},
    {"crf": True},
]


def tiny_tagger(**config: Any) -> SlotTagger:
    torch.manual_seed(0)
    model = SlotTagger(
        SlotTaggerConfig(
            num_words=len(WORDS),
            num_chars=len(CHARS),
            num_labels=len(LABELS),
            num_intents=len(INTENTS),
            word_dim=12,
            char_dim=config.pop("char_dim", 8),
            char_filters=6,
            hidden_size=16,
            **config,
        )
    )
    with torch.no_grad():
        if model.crf is not None:
            model.crf.transitions.normal_(0.0, 2.0)  # zeros would make the CRF a per-token softmax
        model.slot_head.weight.mul_(5.0)  # sharper distributions: differences show
    return model.eval()


def tiny_checkpoint(**config: Any) -> Checkpoint:
    return Checkpoint("tiny", tiny_tagger(**config), WORDS, CHARS, LABELS, INTENTS, calibration=Calibration(1.3, 0.8))
