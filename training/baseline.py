"""A baseline to hold the BiLSTM against: a linear-chain CRF slot tagger and a tf-idf intent classifier.

Both are the usual first models for slot filling: a CRF over hand-made lexical features of each word
and its neighbours (``token_features``), and a logistic regression over word unigrams and bigrams.
They fit in minutes on a CPU and need no tuning, so ``slotfill baseline`` tells a team on its own
data whether the LSTM's extra cost buys anything. Scores come from ``training.evaluate.score``, the
same function that scores the LSTM.

The CRF is python-crfsuite, the maintained binding of CRFsuite; sklearn-crfsuite, the scikit-learn
style wrapper around it, adds nothing needed here and lags behind scikit-learn's estimator API.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pycrfsuite
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from tqdm import tqdm

from training.data import SPLITS, Example, dataset_dir, read_dataset
from training.evaluate import score

# The textbook CRF settings (L-BFGS with L1 and L2 penalties, as in the CRFsuite and sklearn-crfsuite
# tutorials): a baseline is only fair to the LSTM if nobody tuned it for the data at hand.
C1 = 0.1
C2 = 0.1
MAX_ITERATIONS = 150
# Inverse regularisation of the intent classifier: the default 1.0 is too strong for tf-idf vectors,
# whose entries are small; 10 did best of 1, 10 and 100 on the valid splits of ATIS and sgd-slu.
INTENT_C = 10.0
SEED = 13
# How far either side a token's features look: ±2 words.
WINDOW = 2


def word_shape(word: str) -> str:
    """The word's characters as X (upper), x (lower), d (digit) or themselves, runs squeezed: "6:30" -> "d:d"."""
    shape = ""
    for char in word:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not shape.endswith(kind):
            shape += kind
    return shape


def word_features(word: str) -> dict[str, str]:
    """What a CRF sees of one word: its lower-cased form, affixes, case, digits, hyphen and shape."""
    lower = word.lower()
    return {
        "word": lower,
        "prefix2": lower[:2],
        "prefix3": lower[:3],
        "suffix2": lower[-2:],
        "suffix3": lower[-3:],
        "title": str(word.istitle()),
        "upper": str(word.isupper()),
        "digit": str(word.isdigit()),
        "has_digit": str(any(char.isdigit() for char in word)),
        "hyphen": str("-" in word),
        "shape": word_shape(word),
    }


def token_features(tokens: Sequence[str], position: int) -> list[str]:
    """The features of ``tokens[position]``: its own word features and those of the words up to
    ``WINDOW`` either side, each prefixed by its offset ("-1:word=from"); past either end of the
    sentence an offset has only a BOS or EOS marker."""
    features = ["bias"]
    for offset in range(-WINDOW, WINDOW + 1):
        where = position + offset
        if where < 0:
            features.append(f"{offset}:BOS")
        elif where >= len(tokens):
            features.append(f"{offset}:EOS")
        else:
            features += [f"{offset}:{name}={value}" for name, value in word_features(tokens[where]).items()]
    return features


def sentence_features(tokens: Sequence[str]) -> list[list[str]]:
    return [token_features(tokens, position) for position in range(len(tokens))]


class _ProgressTrainer(pycrfsuite.Trainer):
    """A CRFsuite trainer that advances a progress bar per L-BFGS iteration instead of printing its log."""

    bar: tqdm[Any] | None = None

    def message(self, message: str) -> None:
        if self.logparser.feed(message) == "iteration" and self.bar is not None:
            self.bar.update()


def fit_crf(examples: Sequence[Example], progress: bool = True) -> bytes:
    """Fit the CRF slot tagger on ``examples``; return the model as CRFsuite writes it."""
    trainer = _ProgressTrainer()
    for example in tqdm(examples, desc="CRF features", unit="sentence", disable=not progress, dynamic_ncols=True):
        trainer.append(sentence_features(example.tokens), example.tags)
    trainer.set_params(
        {
            "c1": C1,
            "c2": C2,
            "max_iterations": MAX_ITERATIONS,
            # Weights for label pairs training never saw in a row too, so the CRF can learn to avoid them.
            "feature.possible_transitions": True,
        }
    )
    with (
        tqdm(
            total=MAX_ITERATIONS, desc="CRF L-BFGS", unit="iteration", disable=not progress, dynamic_ncols=True
        ) as bar,
        TemporaryDirectory() as folder,
    ):
        # CRFsuite writes its model to a file only; the bytes are all the baseline keeps.
        trainer.bar = bar
        path = Path(folder) / "crf.model"
        trainer.train(str(path))
        return path.read_bytes()


def fit_intents(examples: Sequence[Example]) -> Pipeline:
    """A logistic regression over tf-idf word unigrams and bigrams; a multi-intent label is a class of its own."""
    vectorizer = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=True, ngram_range=(1, 2))
    classifier = LogisticRegression(C=INTENT_C, max_iter=1000, random_state=SEED)
    return make_pipeline(vectorizer, classifier).fit(
        [" ".join(e.tokens) for e in examples], [e.intent for e in examples]
    )


@dataclass
class Baseline:
    crf_model: bytes  # CRFsuite's model file
    intents: Pipeline
    tagger: pycrfsuite.Tagger = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # CRFsuite reads the model in place, without a copy: crf_model has to live as long as the tagger.
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open_inmemory(self.crf_model)

    def predict(self, examples: Sequence[Example]) -> tuple[list[list[str]], list[str]]:
        """Predicted tags and intents, in the order of ``examples``: what ``score`` takes."""
        tags = [self.tagger.tag(sentence_features(e.tokens)) for e in examples]
        intents = self.intents.predict([" ".join(e.tokens) for e in examples]).tolist()
        return tags, intents


def fit_baseline(train: Sequence[Example], progress: bool = True) -> Baseline:
    return Baseline(fit_crf(train, progress), fit_intents(train))


def baseline_report(data_dir: Path, progress: bool = True) -> dict[str, Any]:
    """Fit the baseline on ``data_dir``'s train split; its scores on valid and test, and how long it took.

    As ``slotfill train`` does, a dataset without a test split is scored on valid alone."""
    data_dir = dataset_dir(data_dir)
    data = read_dataset(data_dir, tuple(s for s in SPLITS if s == "train" or (data_dir / s).is_dir()))
    started = time.monotonic()
    baseline = fit_baseline(data["train"], progress)
    report: dict[str, Any] = {"fit_seconds": time.monotonic() - started}
    for split in ("valid", "test"):
        if split in data:
            tags, intents = baseline.predict(data[split])
            report[split] = score(data[split], tags, intents)
    report["settings"] = {
        "c1": C1,
        "c2": C2,
        "max_iterations": MAX_ITERATIONS,
        "window": WINDOW,
        "intent_c": INTENT_C,
        "seed": SEED,
    }
    return report
