"""The in-domain head: P(a text is a request of the model's own domain), fitted after the tagger.

The tagger's pooled sentence vector (what its intent head reads) already places a request among the
training data's requests. A small classifier on it (one hidden layer of ``IN_DOMAIN_HIDDEN`` units,
scikit-learn's MLPClassifier), training sentences against out-of-domain texts, gives the score; a
one-feature logistic regression (Platt scaling) on held-out texts, the valid split (and one epoch of
sentences made up from it, as the recipe makes them) against a fifth of the negatives kept aside,
makes it a probability, with both sides weighted equally (a prior of one half). The input's
standardisation and the Platt scaling are folded into the head's two linear layers
(``SlotTagger.in_domain_head``): serving costs two small matrix products and a sigmoid. The tagger
itself is left exactly as trained: its slots, intents and temperatures do not change.

Negatives are texts outside the domain: ``general`` is the project's pool (training/negatives/:
small talk, questions, commands, gibberish, very short texts, other assistants' requests, with no
travel or food in it, so that it fits a model of any domain); more can be named (text files with a
text per line, or dataset folders whose train split is read). The model shipped does not need them:
the head is a few hundred numbers in the checkpoint.

Side by side on the bundled ATIS model (README, "Not a flight request"), a classifier on the pooled
vector separates in-domain from out-of-domain texts better than the intent's maximum softmax, an
energy score or the Mahalanobis distance of the pooled vector; adding those to it as features gave
nothing more, and one hidden layer let through fewer held-out negatives than a logistic regression.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.neural_network import MLPClassifier
from torch import nn

from model.checkpoint import Checkpoint
from model.predictor import Predictor
from model.tagger import IN_DOMAIN_HIDDEN, in_domain_head
from training.data import DataError, Example, read_split

if TYPE_CHECKING:
    from world.synthesis import Synthesis

NEGATIVES_DIR = Path(__file__).parent / "negatives"
GENERAL = "general"  # the name of the project's own pool: NEGATIVES_DIR / "general.txt"
HELD_OUT = 0.2  # share of the negatives kept aside to calibrate and choose the threshold
# The default threshold keeps at least this share of the valid split in-domain: a flight request
# wrongly refused costs more than a stray text let through, which the intent's confidence still flags.
KEEP_IN_DOMAIN = 0.998
MAX_THRESHOLD = 0.5  # ... and is never above a half: "more likely out of the domain than in it"
ALPHA = 0.1  # L2 strength of the classifier: fewer typed requests refused (eval/dev/frames), few negatives let in
EPOCHS = 60  # passes of the classifier's optimiser (Adam) over the data
BATCH = 256
# Epochs of made-up sentences among the positives: the more of the forms people type ("the 5th", "in two
# days", "lhr-dxb") the head has seen, the fewer such requests it refuses.
MADE_UP_EPOCHS = 4
MIN_NEGATIVES = 10  # fewer cannot be split into a fitted part and a held-out part worth the name


def read_negatives(sources: str) -> dict[str, list[str]]:
    """The texts of each source named in ``sources``: comma-separated "general", text files and dataset folders."""
    negatives: dict[str, list[str]] = {}
    for source in (s.strip() for s in sources.split(",")):
        if not source:
            continue
        path = NEGATIVES_DIR / "general.txt" if source == GENERAL else Path(source)
        if path.is_dir():
            negatives[source] = [" ".join(e.tokens) for e in read_split(path / "train")]
        elif path.is_file():
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except UnicodeDecodeError as error:
                raise DataError(path, None, f"not UTF-8 text ({error.reason})") from None
            negatives[source] = [line.strip() for line in lines if line.strip()]
        else:
            raise FileNotFoundError(f"negatives: {source} is neither {GENERAL!r}, a text file nor a dataset folder")
    total = sum(len(texts) for texts in negatives.values())
    if negatives and total < MIN_NEGATIVES:  # found now, not after the epochs
        raise DataError(Path(sources), None, f"{total} negative texts in all; the in-domain head needs {MIN_NEGATIVES}")
    return negatives


@torch.inference_mode()
def sentence_vectors(checkpoint: Checkpoint, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """The pooled sentence vector the in-domain head reads, (len(token_lists), 2 x encoder output)."""
    model = checkpoint.model.eval()
    encoder = checkpoint.encoder()
    chunks = []
    for start in range(0, len(token_lists), BATCH):
        batch = encoder.encode(token_lists[start : start + BATCH])
        chunks.append(model.pool(model.encode(batch), batch).numpy())
    return np.concatenate(chunks) if chunks else np.zeros((0, 1), dtype=np.float32)


def rejection_rates(in_domain: np.ndarray, out_of_domain: np.ndarray, kept: float = 0.98) -> dict[str, float]:
    """AUROC (in-domain as positive) and the share of out-of-domain texts scoring at least as high
    as the threshold that keeps ``kept`` of the in-domain ones."""
    y = np.r_[np.ones(len(in_domain)), np.zeros(len(out_of_domain))]
    threshold = float(np.quantile(in_domain, 1 - kept))
    return {
        "auroc": float(roc_auc_score(y, np.r_[in_domain, out_of_domain])),
        f"false_positive_rate_at_{round(kept * 100)}": float((out_of_domain >= threshold).mean()),
    }


@dataclass
class InDomainFit:
    layers: list[tuple[np.ndarray, np.ndarray]]  # (weight (out, in), bias (out,)) of the head's two linear layers
    threshold: float
    report: dict[str, Any]

    def logits(self, vectors: np.ndarray) -> np.ndarray:
        (w1, b1), (w2, b2) = self.layers
        return (np.maximum(vectors @ w1.T + b1, 0.0) @ w2.T + b2)[:, 0]

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(vectors)))


def fit_head(
    train_vectors: np.ndarray, valid_vectors: np.ndarray, negative_vectors: np.ndarray, sources: np.ndarray, seed: int
) -> InDomainFit:
    """The classifier on train vs most negatives, Platt scaling on valid vs the rest; folded into the head.

    ``sources`` numbers each negative's source: every source weighs the same in the fit, so a large
    data set of one kind of text does not drown a small pool of other kinds.
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(negative_vectors))
    cut = max(1, round(len(order) * HELD_OUT))
    held_out, fitted = negative_vectors[order[:cut]], negative_vectors[order[cut:]]
    fitted_sources = sources[order[cut:]]
    counts = np.bincount(fitted_sources)
    negative_weights = 1.0 / (counts[fitted_sources] * np.count_nonzero(counts))  # each source sums to 1 / sources

    x = np.concatenate([train_vectors, fitted])
    y = np.r_[np.ones(len(train_vectors)), np.zeros(len(fitted))]
    # Both sides weigh the same in all, as class_weight="balanced" would make them.
    weights = np.r_[np.full(len(train_vectors), 1.0 / len(train_vectors)), negative_weights] * len(x) / 2
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    classifier = MLPClassifier(
        hidden_layer_sizes=(IN_DOMAIN_HIDDEN,), alpha=ALPHA, max_iter=EPOCHS, shuffle=True, random_state=seed
    )
    with warnings.catch_warnings():  # a fixed number of epochs, not "until converged": no warning wanted
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier.fit((x - mean) / scale, y, sample_weight=weights)
    (w1, w2), (b1, b2) = classifier.coefs_, classifier.intercepts_
    # Standardisation folded into the first layer: w1 . ((v - mean) / scale) + b1.
    first = ((w1 / scale[:, None]).T, b1 - (mean / scale) @ w1)
    raw = InDomainFit([first, (w2.T, b2)], 0.0, {})

    # Platt scaling on texts the classifier never saw, each side weighing the same.
    raw_valid, raw_held_out = raw.logits(valid_vectors), raw.logits(held_out)
    platt = LogisticRegression(C=100.0, class_weight="balanced")
    platt.fit(np.r_[raw_valid, raw_held_out][:, None], np.r_[np.ones(len(raw_valid)), np.zeros(len(raw_held_out))])
    a, c = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    fit = InDomainFit([first, (a * w2.T, a * b2 + c)], 0.0, {})

    p_valid, p_held_out = fit.probabilities(valid_vectors), fit.probabilities(held_out)
    fit.threshold = float(min(MAX_THRESHOLD, np.quantile(p_valid, 1 - KEEP_IN_DOMAIN)))
    fit.report = {
        "train_sentences": len(train_vectors),
        "negatives_fitted": len(fitted),
        "negatives_held_out": len(held_out),
        "threshold": fit.threshold,
        "valid_in_domain_rate": float((p_valid >= fit.threshold).mean()),
        "held_out_negatives_in_domain_rate": float((p_held_out >= fit.threshold).mean()),
        "held_out_negatives_at_least_half": float((p_held_out >= 0.5).mean()),
        **rejection_rates(p_valid, p_held_out),
    }
    return fit


def fit_in_domain(
    checkpoint: Checkpoint,
    train: Sequence[Sequence[str]],
    valid: Sequence[Sequence[str]],
    negatives: dict[str, list[str]],
    seed: int = 13,
) -> dict[str, Any]:
    """Fit the checkpoint's in-domain head and threshold (train, valid: token lists as the model reads
    them; negatives: raw texts by source, tokenized by the checkpoint's tokenizer). Returns the fit's report."""
    seen = {" ".join(tokens) for tokens in (*train, *valid)}
    negative_tokens, sources = [], []
    for number, texts in enumerate(negatives.values()):
        for text in texts:
            tokens = [t.text for t in checkpoint.tokenizer.utterance(text).tokens]
            # A negative the training data also holds is no negative; one without words is never tagged.
            if tokens and " ".join(tokens) not in seen:
                seen.add(" ".join(tokens))
                negative_tokens.append(tokens)
                sources.append(number)
    if len(negative_tokens) < MIN_NEGATIVES or not train or not valid:
        raise ValueError(
            f"the in-domain head needs train and valid sentences and at least {MIN_NEGATIVES} negatives; got "
            f"{len(train)} / {len(valid)} / {len(negative_tokens)}"
        )
    fit = fit_head(
        sentence_vectors(checkpoint, train),
        sentence_vectors(checkpoint, valid),
        sentence_vectors(checkpoint, negative_tokens),
        np.array(sources),
        seed,
    )
    model = checkpoint.model
    model.config.in_domain = True
    head = in_domain_head(fit.layers[0][0].shape[1])
    with torch.no_grad():
        linear = [layer for layer in head if isinstance(layer, nn.Linear)]
        for layer, (weight, bias) in zip(linear, fit.layers, strict=True):
            layer.weight.copy_(torch.from_numpy(weight.astype(np.float32)))
            layer.bias.copy_(torch.from_numpy(bias.astype(np.float32)))
    model.in_domain_head = head.to(next(model.parameters()).device).eval()
    checkpoint.calibration.in_domain_threshold = fit.threshold
    return fit.report


def format_fit(report: dict[str, Any]) -> str:
    return (
        f"in-domain head: {report['train_sentences']:,} sentences against {report['negatives_fitted']:,} negatives; "
        f"on valid against {report['negatives_held_out']:,} held-out negatives AUROC {report['auroc']:.4f}, "
        f"threshold {report['threshold']:.3f} keeps {100 * report['valid_in_domain_rate']:.1f}% of valid "
        f"and {100 * report['held_out_negatives_in_domain_rate']:.1f}% of the negatives"
    )


def domain_sides(
    train: list[Example], valid: list[Example], synthesis: Synthesis | None, seed: int
) -> tuple[list[list[str]], list[list[str]]]:
    """The head's in-domain sides as token lists: train, and valid, on which its threshold is chosen; each with
    the sentences the training recipe makes up from it (train's over ``MADE_UP_EPOCHS`` epochs, valid's over
    one). A request typed as people type it ("sfo-jfk tmrw", "the 5th") is of the domain too, and the
    threshold should keep it as it keeps valid."""
    if synthesis is None:
        return [e.tokens for e in train], [e.tokens for e in valid]
    rng = np.random.default_rng([seed, 2])
    made_up = synthesis.made_up(rng, MADE_UP_EPOCHS)
    made_up_valid = synthesis.like(valid).made_up(rng)
    return [e.tokens for e in train + made_up], [e.tokens for e in valid + made_up_valid]


def refit(checkpoint: Checkpoint, data: Path, negatives: str, seed: int = 13) -> dict[str, Any]:
    """Fit (or refit) the in-domain head of a trained checkpoint on its dataset's train and valid
    splits: the tagger is untouched. Recorded in the checkpoint's training metadata."""
    from world.synthesis import Synthesis

    normalise = checkpoint.tokenizer.normalise
    train, valid = (
        [dataclasses.replace(e, tokens=[normalise(t) for t in e.tokens]) for e in read_split(data / split)]
        for split in ("train", "valid")
    )
    synthesis = Synthesis.from_recipe(train, checkpoint.metadata.get("recipe", {}))
    positives, kept = domain_sides(train, valid, synthesis, checkpoint.metadata.get("seed", seed))
    report = fit_in_domain(checkpoint, positives, kept, read_negatives(negatives), seed)
    checkpoint.metadata = {**checkpoint.metadata, "in_domain": {"negatives": negatives, "seed": seed, **report}}
    return report


@dataclass
class TextScores:
    in_domain: np.ndarray  # the head's P(in-domain) per text; 0 for a text without words
    intent_confidence: np.ndarray  # the top intent's calibrated probability (the baseline signal); 0 likewise
    without_words: int  # texts the service refuses (422) because they hold no word to tag


def text_scores(predictor: Predictor, texts: Sequence[str]) -> TextScores:
    """Each text's in-domain probability and intent confidence through the service's path. A text
    without words is never tagged (the service answers 422): it counts as 0, out of the domain."""
    if not predictor.model.config.in_domain:
        raise ValueError(f"{predictor.checkpoint.name} has no in-domain head (train it with --negatives)")
    token_lists = [[t.text for t in predictor.tokenizer.utterance(text).tokens] for text in texts]
    in_domain, confidence = np.zeros(len(texts)), np.zeros(len(texts))
    kept = [i for i, tokens in enumerate(token_lists) if tokens]
    for start in range(0, len(kept), BATCH):
        rows = kept[start : start + BATCH]
        probabilities = predictor.probabilities([token_lists[i] for i in rows])
        assert probabilities.in_domain is not None
        in_domain[rows] = probabilities.in_domain
        confidence[rows] = probabilities.intents.max(axis=1)
    return TextScores(in_domain, confidence, len(texts) - len(kept))


def in_domain_report(
    predictor: Predictor, in_domain: dict[str, list[str]], out_of_domain: dict[str, list[str]]
) -> dict[str, Any]:
    """AUROC, false-positive rate at 98% of in-domain kept, and rates at the served threshold: all the
    in-domain texts against each out-of-domain set and against all of them; beside them the AUROC of
    the intent's confidence, the signal there was before the head."""
    threshold = predictor.answers.in_domain_threshold
    inside = {name: text_scores(predictor, texts) for name, texts in in_domain.items()}
    outside = {name: text_scores(predictor, texts) for name, texts in out_of_domain.items()}
    every_inside = TextScores(
        np.concatenate([s.in_domain for s in inside.values()]),
        np.concatenate([s.intent_confidence for s in inside.values()]),
        0,
    )
    every_outside = TextScores(
        np.concatenate([s.in_domain for s in outside.values()]),
        np.concatenate([s.intent_confidence for s in outside.values()]),
        sum(s.without_words for s in outside.values()),
    )
    report: dict[str, Any] = {"threshold": threshold, "in_domain": {}, "out_of_domain": {}}
    for name, scores in inside.items():
        report["in_domain"][name] = {
            "texts": len(scores.in_domain),
            "kept": float((scores.in_domain >= threshold).mean()),
        }
    for name, scores in [*outside.items(), ("all", every_outside)]:
        baseline = rejection_rates(every_inside.intent_confidence, scores.intent_confidence)
        report["out_of_domain"][name] = {
            "texts": len(scores.in_domain),
            "without_words": scores.without_words,
            "accepted": float((scores.in_domain >= threshold).mean()),
            "at_least_half": float((scores.in_domain >= 0.5).mean()),
            **rejection_rates(every_inside.in_domain, scores.in_domain),
            "intent_confidence_auroc": baseline["auroc"],
        }
    return report


def format_in_domain(report: dict[str, Any]) -> str:
    lines = [f"threshold {report['threshold']:.3f}"]
    for name, row in report["in_domain"].items():
        lines.append(f"in-domain {name}: {row['texts']} texts, {100 * row['kept']:.2f}% kept")
    for name, row in report["out_of_domain"].items():
        lines.append(
            f"out-of-domain {name}: {row['texts']} texts, AUROC {row['auroc']:.4f}, false positives at 98% of"
            f" in-domain kept {100 * row['false_positive_rate_at_98']:.1f}%, accepted at the threshold"
            f" {100 * row['accepted']:.1f}%, in_domain >= 0.5 {100 * row['at_least_half']:.1f}%"
            f" ({row['without_words']} without words); the intent's confidence:"
            f" AUROC {row['intent_confidence_auroc']:.4f}"
        )
    return "\n".join(lines)
