"""Train a SlotTagger on a dataset folder and write a self-describing checkpoint.

Steps: read and check the data -> build vocabularies from train -> train with Adam, keeping the
weights with the best valid slot F1 (early stopping; with ``average_last``, the mean weights of
the last epochs instead if valid prefers them) -> fit temperatures on valid (of the softmax, or of
the CRF's marginals) -> score valid and test -> write the checkpoint atomically.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import platform
import random
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from tqdm import tqdm

from model.bio import bio_spans
from model.checkpoint import Calibration, Checkpoint, save_checkpoint
from model.predictor import Predictor, encode_batch
from model.tagger import SlotTagger, SlotTaggerConfig
from model.vocab import PAD, UNK, Vocabulary
from training.data import Example, dataset_digests, read_dataset
from training.evaluate import format_report, predict_examples, score


@dataclass
class TrainConfig:
    data: Path  # dataset folder with train/ valid/ (test/ optional)
    output: Path  # checkpoint folder to write
    name: str = ""  # model name in answers; default "<data folder>-<cell>"
    epochs: int = 40  # the cosine schedule reaches 0 here; early stopping may end sooner
    patience: int = 10  # stop after this many epochs without a better valid slot F1
    batch_size: int = 32
    learning_rate: float = 3e-3  # Adam; 1e-3 scores 0.4 lower on average (docs/sweep.md)
    schedule: str = "cosine"  # "cosine": decay the learning rate to 0 over `epochs`; "constant": keep it
    seed: int = 13  # same seed, same data, same threads -> same model
    min_word_count: int = 1  # rarer train words are <unk> from the start
    unk_replace: float = 0.5  # chance a word seen once in train is fed as <unk>: teaches the model unknown words
    word_dropout: float = 0.05  # chance any word is fed as <unk>: forces it to read the context too
    slot_word_dropout: float = 0.2  # chance a word inside a slot is fed as <unk>: unseen cities look like this
    slot_span_dropout: float = 0.15  # chance a whole slot is fed as <unk> words: multi-word unseen names
    context_deletion: float = 0.3  # chance a sentence loses a word outside its slots: "arrive (in) X"
    shortened_intent: bool = True  # a sentence shortened by context deletion still trains the intent head
    intent_loss_weight: float = 1.0  # loss = slot loss + this x intent loss (both heads share the encoder)
    average_last: int = 0  # also try the mean weights of the last K epochs; kept if their valid slot F1 is higher
    threads: int = 0  # torch threads; 0 keeps torch's default
    device: str = "cpu"  # where the training steps run: "cpu", "cuda", "cuda:N" or "auto" (cuda if there is one)
    force: bool = False  # replace an existing checkpoint at `output`
    progress: bool = True  # show a progress bar
    model: SlotTaggerConfig = field(default_factory=SlotTaggerConfig)  # sizes are filled from the data


def build_vocabularies(train: list[Example]) -> tuple[Counter[str], Vocabulary, Vocabulary, list[str], list[str]]:
    word_counts = Counter(t for e in train for t in e.tokens)
    char_counts = Counter(c for w in word_counts for c in w)
    labels = sorted({tag for e in train for tag in e.tags}, key=lambda t: (t != "O", t[2:], t))
    intents = sorted({i for e in train for i in e.intents})
    return word_counts, Vocabulary.build(word_counts), Vocabulary.build(char_counts), labels, intents


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
    """A whole split as padded tensors, built once, so a training step only indexes and trims."""

    words: torch.Tensor  # (N, T) word ids, 0 = padding
    chars: torch.Tensor  # (N, T, C) character ids, 0 = padding
    lengths: torch.Tensor  # (N,) real tokens per row
    tags: torch.Tensor  # (N, T) label ids; -100 (ignored by the loss) for padding and labels unknown to train
    spans: torch.Tensor  # (N, T) 0 outside slots, k inside the sentence's k-th slot (1, 2, ...)
    intents: torch.Tensor  # (N, intents) soft intent targets

    @classmethod
    def build(
        cls, examples: list[Example], words: Vocabulary, chars: Vocabulary, labels: list[str], intents: list[str]
    ) -> EncodedExamples:
        w, c, lengths = encode_batch(words, chars, [e.tokens for e in examples])
        label_index = {name: i for i, name in enumerate(labels)}
        tags = torch.full(w.shape, -100, dtype=torch.long)
        spans = torch.zeros(w.shape, dtype=torch.long)
        for row, e in enumerate(examples):
            tags[row, : len(e.tags)] = torch.tensor([label_index.get(t, -100) for t in e.tags])
            for k, span in enumerate(bio_spans(e.tags), start=1):
                spans[row, span.first : span.last + 1] = k
        return cls(w, c, lengths, tags, spans, intent_targets(examples, intents))

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
        )


def delete_context_words(batch: EncodedExamples, chance: float, keep_intent: bool = True) -> EncodedExamples:
    """With probability ``chance`` a sentence loses one random word outside its slots (tag "O").

    People leave words out ("arrive taipei" for "arrive in taipei"); the data rarely does, so the
    model learns that "arrive" alone can mark a destination only if it sees such sentences.
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
    intents = batch.intents
    if not keep_intent:
        intents = intents.clone()
        intents[rows] = 0.0  # a zero soft target adds nothing to the intent loss
    return dataclasses.replace(
        batch, words=words, chars=chars, lengths=batch.lengths - rows.long(), tags=tags, spans=spans, intents=intents
    )


def drop_words(
    words: torch.Tensor,
    chars: torch.Tensor,
    spans: torch.Tensor,
    drop_chance: torch.Tensor,
    config: TrainConfig,
    unk_id: int,
    letters: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Feed some words as <unk>, so the model learns to label words it has never seen.

    A dropped word inside a slot also gets a made-up spelling (random letters, same length): a real
    unseen city ("taipei") has an unseen spelling too, and the label must then come from context.
    Whole slots are dropped too, so that a name of several unseen words ("kuala lumpur") is one span.
    """
    in_slot = spans > 0
    chance = drop_chance[words]
    chance[in_slot] = chance[in_slot].clamp(min=config.slot_word_dropout)
    dropped = torch.rand(words.shape) < chance
    if config.slot_span_dropout > 0:
        whole = torch.rand(len(spans), int(spans.max()) + 1) < config.slot_span_dropout
        dropped |= whole.gather(1, spans) & in_slot
    words = words.masked_fill(dropped, unk_id)
    respell = (dropped & in_slot).unsqueeze(-1) & (chars != 0)
    if respell.any() and len(letters):
        random_letters = letters[torch.randint(len(letters), chars.shape)]
        chars = torch.where(respell, random_letters, chars)
    return words, chars


def average_weights(states: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The element-wise mean of several state dicts of one model (checkpoint averaging)."""
    return {
        name: torch.stack([s[name].float() for s in states]).mean(dim=0).to(states[0][name].dtype) for name in states[0]
    }


def fit_temperature(scores_at: Callable[[torch.Tensor], torch.Tensor], targets: torch.Tensor) -> float:
    """Temperature scaling (Guo et al. 2017): the T that minimises held-out NLL.

    ``scores_at(T)`` gives (N, classes) scores whose softmax is the distribution at temperature T:
    logits / T, or a CRF's log-marginals at T. ``targets`` are class indices (-100 ignored) or a
    matrix of soft targets.
    """
    log_t = torch.zeros(1, requires_grad=True)
    optimiser = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200)

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = nn.functional.cross_entropy(scores_at(log_t.exp()), targets)
        loss.backward()
        return loss

    optimiser.step(closure)
    return float(log_t.detach().exp().clamp(0.05, 20.0))


@torch.no_grad()  # not inference_mode: temperature fitting takes gradients through these
def held_out_logits(
    model: SlotTagger, words: Vocabulary, chars: Vocabulary, examples: list[Example]
) -> tuple[list[tuple[torch.Tensor, torch.Tensor]], torch.Tensor]:
    """Slot scores per chunk of sentences with its real-token mask ((B, T, labels), (B, T)), and
    intent logits (sentences, intents)."""
    model.eval()
    slot_chunks: list[tuple[torch.Tensor, torch.Tensor]] = []
    intent_rows: list[torch.Tensor] = []
    for start in range(0, len(examples), 256):
        chunk = examples[start : start + 256]
        w, c, lengths = encode_batch(words, chars, [e.tokens for e in chunk])
        slot_logits, intent_logits = model(w, c, lengths)
        slot_chunks.append((slot_logits, torch.arange(w.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)))
        intent_rows.append(intent_logits)
    return slot_chunks, torch.cat(intent_rows)


def calibrate(checkpoint: Checkpoint, valid: list[Example]) -> Calibration:
    model = checkpoint.model
    slot_chunks, intent_logits = held_out_logits(model, checkpoint.words, checkpoint.chars, valid)
    label_index = {name: i for i, name in enumerate(checkpoint.labels)}
    slot_targets = torch.tensor([label_index.get(t, -100) for e in valid for t in e.tags])
    soft_intents = intent_targets(valid, checkpoint.intents)
    known = soft_intents.sum(dim=1) > 0

    crf = model.crf
    slot_logits = torch.cat([scores[real] for scores, real in slot_chunks])

    def slot_scores(temperature: torch.Tensor) -> torch.Tensor:
        """Scores whose softmax is what the service answers at this temperature (``Predictor``)."""
        if crf is None:
            return slot_logits / temperature
        marginals = torch.cat([crf.marginals(scores, real, temperature)[real] for scores, real in slot_chunks])
        return marginals.clamp_min(1e-30).log()

    return Calibration(
        slot_temperature=fit_temperature(slot_scores, slot_targets),
        intent_temperature=fit_temperature(lambda temperature: intent_logits[known] / temperature, soft_intents[known]),
    )


def library_versions() -> dict[str, str]:
    names = ["torch", "numpy", "safetensors", "seqeval"]
    return {"python": platform.python_version(), **{n: importlib_metadata.version(n) for n in names}}


def training_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(name)
    except RuntimeError as error:
        raise ValueError(f"{name!r} is not a device torch knows (cpu, cuda, cuda:N, auto)") from error
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"{name!r}: this torch build or machine has no CUDA device")
    return device


def train(config: TrainConfig) -> dict[str, Any]:
    """Train, evaluate, write the checkpoint; return the report that is also saved beside it."""
    if config.output.exists() and not config.force:
        raise FileExistsError(f"{config.output} already exists; pass --force to replace it")
    if config.threads:
        torch.set_num_threads(config.threads)
    device = training_device(config.device)
    random.seed(config.seed)
    np.random.seed(config.seed)
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    started = time.monotonic()

    present = tuple(s for s in ("train", "valid", "test") if (config.data / s).is_dir())
    if "train" not in present or "valid" not in present:
        raise FileNotFoundError(
            f"{config.data} needs train/ and valid/ folders (found: {', '.join(present) or 'none'})"
        )
    data = read_dataset(config.data, present)
    train_set, valid_set = data["train"], data["valid"]
    word_counts, words, chars, labels, intents = build_vocabularies(train_set)

    model_config = dataclasses.replace(
        config.model, num_words=len(words), num_chars=len(chars), num_labels=len(labels), num_intents=len(intents)
    )
    model = SlotTagger(model_config)
    direction = "bi" if model_config.bidirectional and model_config.cell != "none" else ""
    name = config.name or f"{config.data.name}-{direction}{model_config.cell}"
    checkpoint = Checkpoint(name=name, model=model, words=words, chars=chars, labels=labels, intents=intents)
    predictor = Predictor(checkpoint)

    # Per word id: the chance it is fed as <unk> during training.
    drop_chance = torch.full((len(words),), config.word_dropout)
    for word, count in word_counts.items():
        if count == 1:
            drop_chance[words.id(word)] = max(config.unk_replace, config.word_dropout)
    drop_chance[words.id(PAD)] = 0.0
    unk_id = words.id(UNK)
    letters = torch.tensor([chars.id(ch) for ch in chars.symbols if ch.isalpha()])
    train_tensors = EncodedExamples.build(train_set, words, chars, labels, intents)

    # The steps run on `device`; `model` (what the predictor scores and the checkpoint saves) stays
    # on the CPU and gets the trained weights after every epoch.
    trained = model if device.type == "cpu" else copy.deepcopy(model).to(device)
    optimiser = torch.optim.Adam(trained.parameters(), lr=config.learning_rate)
    batches_per_epoch = (len(train_set) + config.batch_size - 1) // config.batch_size
    # Cosine decay lets a high early rate explore and a low late rate settle (per batch, smooth).
    scheduler = (
        torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=config.epochs * batches_per_epoch)
        if config.schedule == "cosine"
        else None
    )
    best_f1, best_epoch, best_state = -1.0, 0, copy.deepcopy(model.state_dict())
    history = []
    recent_states: deque[dict[str, torch.Tensor]] = deque(maxlen=config.average_last or 1)
    bar = tqdm(total=config.epochs * batches_per_epoch, disable=not config.progress, unit="batch", dynamic_ncols=True)
    for epoch in range(1, config.epochs + 1):
        trained.train()
        order = rng.permutation(len(train_set))
        total_loss = 0.0
        for start in range(0, len(order), config.batch_size):
            batch = delete_context_words(
                train_tensors.batch(order[start : start + config.batch_size]),
                config.context_deletion,
                keep_intent=config.shortened_intent,
            )
            w, c = drop_words(batch.words, batch.chars, batch.spans, drop_chance, config, unk_id, letters)
            slot_logits, intent_logits = trained(w.to(device), c.to(device), batch.lengths.to(device))
            slot_loss = trained.slot_loss(slot_logits, batch.tags.to(device))
            intent_loss = nn.functional.cross_entropy(intent_logits, batch.intents.to(device))
            loss = slot_loss + config.intent_loss_weight * intent_loss
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(trained.parameters(), 5.0)
            optimiser.step()
            if scheduler is not None:
                scheduler.step()
            total_loss += loss.item() * len(batch.lengths)
            bar.update(1)

        if trained is not model:
            model.load_state_dict(trained.state_dict())
        model.eval()
        tags, predicted_intents, _, _ = predict_examples(predictor, valid_set)
        valid = score(valid_set, tags, predicted_intents, detailed=False)
        history.append(
            {
                "epoch": epoch,
                "loss": total_loss / len(train_set),
                "valid_slot_f1": valid["slot_f1"],
                "valid_intent_accuracy": valid["intent_accuracy"],
            }
        )
        if config.average_last:
            recent_states.append(copy.deepcopy(model.state_dict()))
        improved = valid["slot_f1"] > best_f1
        if improved:
            best_f1, best_epoch, best_state = valid["slot_f1"], epoch, copy.deepcopy(model.state_dict())
        bar.set_postfix(
            epoch=epoch,
            loss=f"{history[-1]['loss']:.3f}",
            valid_f1=f"{valid['slot_f1']:.2f}",
            best=f"{best_f1:.2f}@{best_epoch}",
        )
        if epoch - best_epoch >= config.patience:
            bar.write(f"no better valid slot F1 for {config.patience} epochs: stopping after epoch {epoch}")
            break
    bar.close()

    report: dict[str, Any] = {"best_epoch": best_epoch, "epochs_run": len(history), "history": history}
    if config.average_last:
        averaged = average_weights(list(recent_states))
        model.load_state_dict(averaged)
        tags, predicted_intents, _, _ = predict_examples(predictor, valid_set)
        averaged_f1 = float(score(valid_set, tags, predicted_intents, detailed=False)["slot_f1"])
        kept = bool(averaged_f1 > best_f1)
        report["averaged"] = {
            "epochs": [len(history) - len(recent_states) + 1, len(history)],
            "valid_slot_f1": averaged_f1,
            "best_epoch_valid_slot_f1": best_f1,
            "kept": kept,
        }
        print(
            f"mean of the last {len(recent_states)} epochs: valid slot F1 {averaged_f1:.2f} against {best_f1:.2f}"
            f" at epoch {best_epoch}: {'kept' if kept else 'not kept'}"
        )
        if kept:
            best_state = averaged
    model.load_state_dict(best_state)
    model.eval()
    checkpoint.calibration = calibrate(checkpoint, valid_set)
    for split in present[1:]:
        tags, predicted_intents, _, _ = predict_examples(predictor, data[split])
        report[split] = score(data[split], tags, predicted_intents)
        print(format_report(split, report[split]))
    train_seconds = time.monotonic() - started
    checkpoint.metadata = {
        "data": str(config.data),
        "data_sha256": dataset_digests(config.data, present),
        "seed": config.seed,
        "device": str(device),
        "recipe": {
            k: v
            for k, v in asdict(config).items()
            if k not in ("data", "output", "model", "force", "progress", "device")
        },
        "best_epoch": best_epoch,
        "train_seconds": round(train_seconds, 1),
        "metrics": {
            split: {k: round(report[split][k], 2) for k in ("slot_f1", "intent_accuracy", "sentence_accuracy")}
            for split in present[1:]
        },
        "versions": library_versions(),
    }
    report["train_seconds"] = train_seconds
    report["calibration"] = asdict(checkpoint.calibration)
    save_checkpoint(
        checkpoint, config.output, force=config.force, extra_files={"report.json": json.dumps(report, indent=1)}
    )
    print(f"wrote {config.output} (best epoch {best_epoch}, {train_seconds:.0f} s)")
    return report
