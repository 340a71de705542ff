"""The tagger's architecture as one dataclass: what a checkpoint's config.json records under "model".

Kept apart from ``model.tagger`` so that reading it (the CLI builds its flags from these fields)
does not import torch.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

Cell = Literal["lstm", "rnn", "none"]


@dataclass
class SlotTaggerConfig:
    num_words: int = 1000  # word vocabulary size, padding and <unk> included (filled from the data)
    num_chars: int = 100  # character vocabulary size, padding and <unk> included (filled from the data)
    num_labels: int = 3  # BIO slot labels (filled from the data)
    num_intents: int = 2  # atomic intents; a multi-intent "a#b" is trained as half a, half b (filled from the data)
    word_dim: int = 100  # word embedding size
    char_dim: int = 32  # character embedding size (0 turns the character encoder off)
    char_filters: int = 64  # character CNN output size: one max-pooled feature per filter
    char_kernel: int = 3  # character CNN window width
    cell: Cell = "lstm"  # "lstm", Elman "rnn", or "none" (feed-forward on a word window, no memory)
    window: int = 0  # feed-forward only: how many neighbours on each side a word sees
    hidden_size: int = 200  # recurrent state size per direction (feed-forward: hidden layer size)
    num_layers: int = 1  # stacked recurrent layers
    bidirectional: bool = True  # also read right to left, so a word sees what follows it
    lexicon_features: int = 0  # place and airline lookup flags read beside each word (world/lexicon.py); 0: none
    fold_word_case: bool = False  # look words up in lower case (characters keep theirs): fewer, better-trained vectors
    dropout: float = 0.5  # on embeddings and encoder outputs, training only
    locked_dropout: bool = False  # one dropout mask per sentence for all its words (variational dropout)
    intent_to_slots: bool = False  # the slot head also reads the pooled sentence vector (what the request is about)
    crf: bool = False  # a linear-chain CRF over the slot scores; token distributions are its posterior marginals
    in_domain: bool = False  # a head giving P(the sentence is of the training data's domain); set when training fits it
    in_domain_slots: bool = False  # that head also reads each label's highest probability in the sentence
    intent_loss_weight: float = 1.0  # loss = slot loss + this x intent loss (both heads share the encoder)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> SlotTaggerConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown model config fields: {', '.join(unknown)}")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
