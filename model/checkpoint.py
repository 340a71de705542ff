"""A checkpoint is a folder that describes itself: ``weights.safetensors`` + ``config.json``.

config.json holds the model config, the tokenizer, the vocabularies, label and intent lists,
calibration, training metadata and the sha256 of the weights. Nothing is ever unpickled: loading reads JSON
and safetensors only, and refuses a folder whose weights do not match the recorded digest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safetensors.torch import load_file, save_file

from model.config import SlotTaggerConfig
from model.encoding import Encoder
from model.tagger import SlotTagger
from model.tokenizer import Tokenizer
from model.vocab import Vocabulary

FORMAT = "slotfill-checkpoint"
FORMAT_VERSION = 1
WEIGHTS_FILE = "weights.safetensors"
CONFIG_FILE = "config.json"

BUNDLED_MODEL = Path(__file__).parent / "checkpoints" / "atis"


class CheckpointError(Exception):
    """A checkpoint folder that cannot be loaded; the message is one line saying why."""


@dataclass
class Calibration:
    """Softmax temperatures fitted on held-out data (1.0 = raw model scores), and the in-domain
    probability under which an answer's intent is "out_of_scope" (chosen on validation data)."""

    slot_temperature: float = 1.0
    intent_temperature: float = 1.0
    in_domain_threshold: float = 0.5


@dataclass
class Checkpoint:
    name: str
    model: SlotTagger
    words: Vocabulary
    chars: Vocabulary
    labels: list[str]
    intents: list[str]
    calibration: Calibration = field(default_factory=Calibration)
    tokenizer: Tokenizer = field(default_factory=Tokenizer)  # how text becomes this model's tokens
    metadata: dict[str, Any] = field(default_factory=dict)  # training data, seed, metrics, versions
    weights_sha256: str = ""

    def encoder(self) -> Encoder:
        """What turns token lists into this model's input (its vocabularies, its word-case rule)."""
        features = self.model.config.lexicon_features
        lexicon = None
        if features:
            from world.lexicon import load_lexicon  # the place and airline data: loaded only for a model that reads it

            lexicon = load_lexicon()
            if lexicon.width != features:
                raise CheckpointError(
                    f"{self.name} reads {features} lookup flags per token; this slotfill's lookup gives {lexicon.width}"
                )
        return Encoder(self.words, self.chars, self.model.config.fold_word_case, lexicon)

    @property
    def version(self) -> str:
        return self.weights_sha256[:12]

    def describe(self) -> dict[str, Any]:
        """Everything config.json says about this model except the vocabularies' contents."""
        return {
            "name": self.name,
            "version": self.version,
            "weights_sha256": self.weights_sha256,
            "config": self.model.config.to_dict(),
            "tokenizer": self.tokenizer.to_dict(),
            "labels": self.labels,
            "intents": self.intents,
            "vocabulary_sizes": {"words": len(self.words), "chars": len(self.chars)},
            "calibration": vars(self.calibration),
            "training": self.metadata,
        }


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_checkpoint(
    checkpoint: Checkpoint, directory: Path, *, force: bool = False, extra_files: dict[str, str] | None = None
) -> Path:
    """Write atomically: build the folder beside the target, then rename it into place.

    ``extra_files`` (name -> text) are written into the folder too, e.g. the training report.

    A crash at any point leaves either the old checkpoint or the new one at ``directory``,
    never a mixture; an existing checkpoint is replaced only with ``force``.
    """
    directory = Path(directory)
    if directory.exists() and not force:
        raise FileExistsError(f"{directory} already exists (pass force=True / --force to replace it)")
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.partial-", dir=directory.parent))
    try:
        weights = {k: v.detach().cpu().contiguous() for k, v in checkpoint.model.state_dict().items()}
        save_file(weights, staging / WEIGHTS_FILE)
        checkpoint.weights_sha256 = sha256_file(staging / WEIGHTS_FILE)
        config = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": checkpoint.name,
            "weights_sha256": checkpoint.weights_sha256,
            "model": checkpoint.model.config.to_dict(),
            "tokenizer": checkpoint.tokenizer.to_dict(),
            "vocab": {
                "words": checkpoint.words.symbols,
                "chars": checkpoint.chars.symbols,
                "labels": checkpoint.labels,
                "intents": checkpoint.intents,
            },
            "calibration": vars(checkpoint.calibration),
            "training": checkpoint.metadata,
        }
        with open(staging / CONFIG_FILE, "w", encoding="utf-8") as f:
            json.dump(config, f, indent=1, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        for name, text in (extra_files or {}).items():
            (staging / name).write_text(text, encoding="utf-8")
        # mkdtemp makes a private folder; a checkpoint is meant to be read by other users (a service account).
        staging.chmod(0o755)
        for path in staging.iterdir():
            path.chmod(0o644)
        _replace_directory(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return directory


def _replace_directory(new: Path, target: Path) -> None:
    """Rename ``new`` to ``target``; an old ``target`` is moved aside first and removed after."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / target.name)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load_checkpoint(directory: Path | str | None = None) -> Checkpoint:
    """Load and verify a checkpoint folder (default: the bundled ATIS model)."""
    directory = Path(directory) if directory is not None else BUNDLED_MODEL
    config_path, weights_path = directory / CONFIG_FILE, directory / WEIGHTS_FILE
    for path in (config_path, weights_path):
        if not path.is_file():
            raise CheckpointError(f"{path} is missing")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CheckpointError(f"{config_path} is not valid JSON: {exc}") from None
    if not isinstance(config, dict) or config.get("format") != FORMAT:
        raise CheckpointError(f"{config_path} is not a slotfill checkpoint config")
    if config.get("format_version") != FORMAT_VERSION:
        raise CheckpointError(
            f"{config_path} has format_version {config.get('format_version')!r}; this slotfill reads {FORMAT_VERSION}"
        )
    actual = sha256_file(weights_path)
    if actual != config.get("weights_sha256"):
        raise CheckpointError(f"{weights_path} does not match the sha256 in {config_path} (truncated or altered)")
    try:
        vocab = config["vocab"]
        model = SlotTagger(SlotTaggerConfig.from_dict(config["model"]))
        calibration = Calibration(**config.get("calibration", {}))
        # A checkpoint without a tokenizer record was trained on ATIS's conventions, the defaults.
        tokenizer = Tokenizer.from_dict(config.get("tokenizer", {}))
        model.load_state_dict(load_file(weights_path), strict=True)
    except (KeyError, TypeError, ValueError, RuntimeError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CheckpointError(f"{directory}: weights do not fit the config ({reason})") from None
    model.eval()
    return Checkpoint(
        name=config.get("name", directory.name),
        model=model,
        words=Vocabulary(vocab["words"]),
        chars=Vocabulary(vocab["chars"]),
        labels=list(vocab["labels"]),
        intents=list(vocab["intents"]),
        calibration=calibration,
        tokenizer=tokenizer,
        metadata=config.get("training", {}),
        weights_sha256=actual,
    )
