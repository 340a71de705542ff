"""A training run's settings as one dataclass: the recipe recorded in every checkpoint it writes.

Kept apart from ``training.train`` so that reading it (the CLI builds its flags from these fields)
does not import torch. Each field's trailing comment is its flag's help (``cli/flags.py``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from model.config import SlotTaggerConfig

# Choices made from the training data when the recipe leaves them open (0 or "auto"), measured on
# ATIS (4,478 training sentences, where the augmentations help) and sgd-slu (12,280, where they
# cost slot F1 and a bigger step trains as well in less time); see the README.
SENTENCES_READ = 180_000  # epochs: about this many sentences read in all, 40 epochs of ATIS
LARGE_SENTENCES_READ = 150_000  # ... and from LARGE sentences on: 12 epochs of sgd-slu, which trains in 8 minutes
MAX_EPOCHS, MIN_EPOCHS = 40, 5
# From this many training sentences on: no augmentations, bigger steps, a CRF, the slot head reading the
# sentence vector too, less dropout.
LARGE = 8_000
LEXICON_COVERAGE = 0.10  # "auto" reads the lookup when it knows at least this share of train's slot values
SMALL_STEP, LARGE_STEP = (32, 3e-3), (64, 6e-3)  # (batch size, learning rate)

Schedule = Literal["cosine", "constant"]
Case = Literal["auto", "keep", "fold"]
Switch = Literal["auto", "on", "off"]


@dataclass
class TrainConfig:
    data: Path  # dataset folder with train/ valid/ (test/ optional)
    output: Path  # checkpoint folder to write
    name: str = ""  # model name in answers; empty: "<data folder>-<cell>"
    epochs: int = 0  # the cosine schedule reaches 0 here, early stopping may end sooner; 0: chosen by the data
    patience: int = 10  # stop after this many epochs without a better valid slot F1
    batch_size: int = 0  # sentences per training step; 0: chosen by the data
    learning_rate: float = 0.0  # Adam's learning rate; 0: chosen by the data
    schedule: Schedule = "cosine"  # "cosine": decay the learning rate to 0 over `epochs`; "constant": keep it
    seed: int = 13  # same seed, same data, same threads -> same model
    min_word_count: int = 1  # rarer train words are <unk> from the start
    case: Case = "auto"  # "keep" or "fold" upper case in tokens; "auto": keep it if the training data has any
    token_joiners: str = "auto"  # characters kept inside a token between letters or digits; "auto": as in the data
    augment: Switch = "auto"  # the five augmentations below; "auto": chosen by the data
    large_data_crf: bool = True  # from 8,000 training sentences on, a CRF over the slot scores (as --crf)
    large_data_intent_to_slots: bool = True  # from 8,000 training sentences on, as --intent-to-slots
    large_data_dropout: float = 0.3  # from 8,000 training sentences on, the dropout instead of --dropout (0: --dropout)
    word_case: Case = "auto"  # "fold": look words up in lower case (characters keep case); "auto": if tokens keep it
    unk_replace: float = 0.5  # chance a word seen once in train is fed as <unk>: teaches the model unknown words
    word_dropout: float = 0.05  # chance any word is fed as <unk>: forces it to read the context too
    slot_word_dropout: float = 0.2  # chance a word inside a slot is fed as <unk>: unseen cities look like this
    slot_span_dropout: float = 0.15  # chance a whole slot is fed as <unk> words: multi-word unseen names
    context_deletion: float = 0.3  # chance a sentence loses a word outside its slots: "arrive (in) X"
    lexicon: Switch = "auto"  # read place and airline lookup flags by each word; "auto": if they know 10% of values
    lookup_dropout: float = 0.2  # chance a token's lookup flags are cleared in training: evidence, not law
    world_swap: float = 0.5  # chance a sentence's place and airline slots are refilled with the world's, each epoch
    round_trips: float = 0.2  # chance a sentence with a departure date gets a made-up return clause, each epoch
    date_forms: float = 0.5  # chance a sentence's dates and times are rewritten as people type them, each epoch
    terse: float = 0.25  # chance a flight request is cut to its slot words ("bos to sfo fri"), each epoch
    shortened_intent: bool = True  # a sentence shortened by context deletion still trains the intent head
    average_last: int = 0  # also try the mean weights of the last K epochs; kept if their valid slot F1 is higher
    threads: int = 1  # torch threads for the training steps (0: torch's default); more do not speed this LSTM up
    negatives: str = "general"  # texts the in-domain head learns to refuse: "general", files, data folders; "": none
    baseline: bool = True  # also fit the CRF baseline (slotfill baseline) in a second process and report it beside
    device: str = "auto"  # where the training steps run: "cpu", "cuda", "cuda:N" or "auto" (cuda if there is one)
    force: bool = False  # replace an existing checkpoint at `output`
    progress: bool = True  # show a progress bar
    model: SlotTaggerConfig = field(default_factory=SlotTaggerConfig)  # sizes are filled from the data

    def resolved(self, train_sentences: int, cased: bool = False) -> TrainConfig:
        """This recipe with what it leaves open chosen for a training split of this size, whose tokens
        keep their case or not."""
        large = train_sentences >= LARGE
        fold_word_case = self.word_case == "fold" or (self.word_case == "auto" and cased)
        dropout = self.large_data_dropout if large and self.large_data_dropout else self.model.dropout
        batch_size, learning_rate = LARGE_STEP if large else SMALL_STEP
        read = LARGE_SENTENCES_READ if large else SENTENCES_READ
        epochs = max(MIN_EPOCHS, min(MAX_EPOCHS, round(read / max(train_sentences, 1))))
        chosen = dataclasses.replace(
            self,
            epochs=self.epochs or epochs,
            batch_size=self.batch_size or batch_size,
            learning_rate=self.learning_rate or learning_rate,
            augment="off" if self.augment == "off" or (self.augment == "auto" and large) else "on",
            model=dataclasses.replace(
                self.model,
                crf=self.model.crf or (large and self.large_data_crf),
                intent_to_slots=self.model.intent_to_slots or (large and self.large_data_intent_to_slots),
                dropout=dropout,
                fold_word_case=fold_word_case,
            ),
        )
        if chosen.augment == "on":
            return chosen
        return dataclasses.replace(
            chosen,
            unk_replace=0.0,
            word_dropout=0.0,
            slot_word_dropout=0.0,
            slot_span_dropout=0.0,
            context_deletion=0.0,
        )
