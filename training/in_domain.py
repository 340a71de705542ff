"""The in-domain head: P(a text is a request of the model's own domain), fitted after the tagger.

The head reads two views of a sentence. The tagger's pooled sentence vector (what its intent head reads)
places a request among the training data's requests; each label's highest probability over the
sentence's tokens says what the slot head found in it, wherever ("sfo to lax on the 3rd": two airport
codes and a day, a request however terse). A small classifier on each (one hidden layer of
``IN_DOMAIN_HIDDEN`` units, scikit-learn's MLPClassifier), training sentences against out-of-domain
texts, gives a logit; their weighted sum (``VIEW_WEIGHTS``) is the score. A one-feature logistic
regression (Platt scaling) on held-out texts, the valid split (and the sentences made up from it over
``MADE_UP_EPOCHS`` epochs, as the recipe makes them) against a fifth of the negatives kept aside, makes it a
probability, with both sides weighted equally (a prior of one half). The inputs' standardisation, the weights and the
Platt scaling are folded into one head's two linear layers (``SlotTagger.in_domain_head``: its first layer
reads both views, each classifier's hidden units only their own, so that the last layer adds the two
logits): serving costs a softmax and a maximum over the tokens, two small matrix products and a sigmoid.
The tagger itself is left exactly as trained: its slots, intents and temperatures do not change.

Negatives are texts outside the domain: ``general`` is the project's pool (training/negatives/:
small talk, questions, commands, gibberish, very short texts, other assistants' requests, with no
travel or food in it, so that it fits a model of any domain); more can be named (text files with a
text per line, or dataset folders whose train split is read). The model shipped does not need them:
the head is a few thousand numbers in the checkpoint.

Side by side on the bundled ATIS model (README, "Not a flight request"), a classifier on the pooled
vector separates in-domain from out-of-domain texts better than the intent's maximum softmax, an
energy score or the Mahalanobis distance of the pooled vector; adding those to it as features gave
nothing more, and one hidden layer let through fewer held-out negatives than a logistic regression.
The label maxima as a second head rather than as more inputs of the first: one classifier on both was
sharper and refused more requests.
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

from model.answers import OUT_OF_SCOPE
from model.checkpoint import Checkpoint
from model.predictor import Predictor
from model.tagger import IN_DOMAIN_HIDDEN, in_domain_head
from training.data import DataError, Example, read_split

if TYPE_CHECKING:
    from world.resolve import Resolver
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
# The two views' shares of the head's logit: the pooled sentence vector's, the label maxima's. With the label
# maxima alone the head takes terse requests in ("sfo to lax on the 3rd") but lets out-of-domain texts through.
# On the bundled tagger, label maxima shares of 0, 0.2, ..., 0.6 refused 2.7, 2.9, 2.2, 1.8, 2.2, 4.9% of the
# development requests (eval/dev/frames.jsonl) and let 13.4, 11.2, 11.7, 11.7, 7.3, 5.0% of the held-out
# negatives through at their thresholds: a half each.
VIEW_WEIGHTS = (0.5, 0.5)


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
def sentence_views(checkpoint: Checkpoint, token_lists: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """What the in-domain head reads of each sentence: the pooled sentence vector, (len(token_lists), 2 x
    encoder output), and each label's highest probability over its tokens, (len(token_lists), labels)."""
    model = checkpoint.model.eval()
    encoder = checkpoint.encoder()
    pooled, maxima = [], []
    for start in range(0, len(token_lists), BATCH):
        vector, slot_scores, real = model.read(encoder.encode(token_lists[start : start + BATCH]))
        pooled.append(vector.numpy())
        maxima.append(model.label_maxima(slot_scores, real).numpy())
    if not pooled:
        return [np.zeros((0, 1), dtype=np.float32), np.zeros((0, 1), dtype=np.float32)]
    return [np.concatenate(pooled), np.concatenate(maxima)]


def rejection_rates(in_domain: np.ndarray, out_of_domain: np.ndarray, kept: float = 0.98) -> dict[str, float]:
    """AUROC (in-domain as positive) and the share of out-of-domain texts scoring at least as high
    as the threshold that keeps ``kept`` of the in-domain ones."""
    y = np.r_[np.ones(len(in_domain)), np.zeros(len(out_of_domain))]
    threshold = float(np.quantile(in_domain, 1 - kept))
    return {
        "auroc": float(roc_auc_score(y, np.r_[in_domain, out_of_domain])),
        f"false_positive_rate_at_{round(kept * 100)}": float((out_of_domain >= threshold).mean()),
    }


Layers = list[tuple[np.ndarray, np.ndarray]]  # (weight (out, in), bias (out,)) of one head's two linear layers


@dataclass
class InDomainFit:
    heads: list[Layers]  # one per view of a sentence; their logits add up
    threshold: float
    report: dict[str, Any]

    def logits(self, views: Sequence[np.ndarray]) -> np.ndarray:
        total = np.zeros(len(views[0]))
        for ((w1, b1), (w2, b2)), vectors in zip(self.heads, views, strict=True):
            total += (np.maximum(vectors @ w1.T + b1, 0.0) @ w2.T + b2)[:, 0]
        return total

    def probabilities(self, views: Sequence[np.ndarray]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(views)))


def fit_head(
    train: Sequence[np.ndarray],
    valid: Sequence[np.ndarray],
    negatives: Sequence[np.ndarray],
    sources: np.ndarray,
    seed: int,
    weights: Sequence[float] = (1.0,),
) -> InDomainFit:
    """One classifier per view of a sentence on train vs most negatives, their logits added with ``weights``;
    Platt scaling of the sum on valid vs the rest; all folded into the heads' layers.

    ``sources`` numbers each negative's source: every source weighs the same in the fit, so a large
    data set of one kind of text does not drown a small pool of other kinds.
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(negatives[0]))
    cut = max(1, round(len(order) * HELD_OUT))
    fitted_sources = sources[order[cut:]]
    counts = np.bincount(fitted_sources)
    negative_weights = 1.0 / (counts[fitted_sources] * np.count_nonzero(counts))  # each source sums to 1 / sources
    y = np.r_[np.ones(len(train[0])), np.zeros(len(order) - cut)]
    # Both sides weigh the same in all, as class_weight="balanced" would make them.
    sample_weights = np.r_[np.full(len(train[0]), 1.0 / len(train[0])), negative_weights] * len(y) / 2

    heads: list[Layers] = []
    for inside, outside, weight in zip(train, negatives, weights, strict=True):
        x = np.concatenate([inside, outside[order[cut:]]])
        mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
        classifier = MLPClassifier(
            hidden_layer_sizes=(IN_DOMAIN_HIDDEN,), alpha=ALPHA, max_iter=EPOCHS, shuffle=True, random_state=seed
        )
        with warnings.catch_warnings():  # a fixed number of epochs, not "until converged": no warning wanted
            warnings.simplefilter("ignore", ConvergenceWarning)
            classifier.fit((x - mean) / scale, y, sample_weight=sample_weights)
        (w1, w2), (b1, b2) = classifier.coefs_, classifier.intercepts_
        # Standardisation folded into the first layer: w1 . ((v - mean) / scale) + b1; the view's weight into the last.
        heads.append([((w1 / scale[:, None]).T, b1 - (mean / scale) @ w1), (weight * w2.T, weight * b2)])
    raw = InDomainFit(heads, 0.0, {})

    # Platt scaling on texts the classifiers never saw, each side weighing the same.
    held_out = [view[order[:cut]] for view in negatives]
    raw_valid, raw_held_out = raw.logits(valid), raw.logits(held_out)
    platt = LogisticRegression(C=100.0, class_weight="balanced")
    platt.fit(np.r_[raw_valid, raw_held_out][:, None], np.r_[np.ones(len(raw_valid)), np.zeros(len(raw_held_out))])
    a, c = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    fit = InDomainFit(
        [[first, (a * w2, a * b2 + (c if i == 0 else 0.0))] for i, (first, (w2, b2)) in enumerate(heads)], 0.0, {}
    )

    p_valid, p_held_out = fit.probabilities(valid), fit.probabilities(held_out)
    fit.threshold = float(min(MAX_THRESHOLD, np.quantile(p_valid, 1 - KEEP_IN_DOMAIN)))
    fit.report = {
        "train_sentences": len(train[0]),
        "negatives_fitted": len(order) - cut,
        "negatives_held_out": cut,
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
        sentence_views(checkpoint, train),
        sentence_views(checkpoint, valid),
        sentence_views(checkpoint, negative_tokens),
        np.array(sources),
        seed,
        VIEW_WEIGHTS,
    )
    model = checkpoint.model
    model.config.in_domain = model.config.in_domain_slots = True
    model.in_domain_head = _joined_head(fit.heads).to(next(model.parameters()).device).eval()
    checkpoint.calibration.in_domain_threshold = fit.threshold
    return fit.report


def _joined_head(heads: list[Layers]) -> nn.Sequential:
    """One head of ``model.tagger.in_domain_head``'s shape computing the sum of the fitted heads' logits: the
    views side by side in its input, its first layer block-diagonal (each head's hidden units read their
    own view), its last layer the heads' last layers side by side."""
    (firsts, lasts) = zip(*heads, strict=True)
    first_weight = torch.block_diag(*(torch.from_numpy(w) for w, _ in firsts))
    first_bias = np.concatenate([b for _, b in firsts])
    last_weight = np.concatenate([w for w, _ in lasts], axis=1)
    last_bias = np.sum([b for _, b in lasts], axis=0)
    head = in_domain_head(first_weight.shape[1], len(heads))
    with torch.no_grad():
        first, last = (layer for layer in head if isinstance(layer, nn.Linear))
        first.weight.copy_(first_weight.float())
        first.bias.copy_(torch.from_numpy(first_bias.astype(np.float32)))
        last.weight.copy_(torch.from_numpy(last_weight.astype(np.float32)))
        last.bias.copy_(torch.from_numpy(last_bias.astype(np.float32)))
    return head


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
    the sentences the training recipe makes up from it over ``MADE_UP_EPOCHS`` epochs. A request typed as
    people type it ("sfo-jfk tmrw", "the 5th") is of the domain too, and the threshold should keep it as it
    keeps valid; with one epoch of valid's, the threshold's quantile rested on a couple of sentences."""
    if synthesis is None:
        return [e.tokens for e in train], [e.tokens for e in valid]
    rng = np.random.default_rng([seed, 2])
    made_up = synthesis.made_up(rng, MADE_UP_EPOCHS)
    made_up_valid = synthesis.like(valid).made_up(rng, MADE_UP_EPOCHS)
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


def answered_share(predictor: Predictor, resolver: Resolver, texts: Sequence[str]) -> float:
    """The share of ``texts`` the service answers as requests of its domain: not out_of_scope once resolved (the
    resolver answers a route the tagger is sure of whatever the head says: ``Resolver.names_a_flight``). A text
    without words is refused."""
    utterances = [u for u in map(predictor.tokenizer.utterance, texts) if u.tokens]
    answered = 0
    for start in range(0, len(utterances), BATCH):
        for answer in predictor.parse(utterances[start : start + BATCH], top_k=1):
            answered += resolver.resolve(answer)["intent"]["name"] != OUT_OF_SCOPE
    return answered / len(texts) if texts else 0.0


def in_domain_report(
    predictor: Predictor,
    in_domain: dict[str, list[str]],
    out_of_domain: dict[str, list[str]],
    resolver: Resolver | None = None,
) -> dict[str, Any]:
    """AUROC, false-positive rate at 98% of in-domain kept, and rates at the served threshold: all the
    in-domain texts against each out-of-domain set and against all of them; beside them the AUROC of
    the intent's confidence, the signal there was before the head. With the service's ``resolver``, each set's
    share answered as served ("answered"), the resolver's reading of routes included."""
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
            **({"answered": answered_share(predictor, resolver, in_domain[name])} if resolver else {}),
        }
    answered: dict[str, float] = {}
    if resolver is not None:
        answered = {name: answered_share(predictor, resolver, texts) for name, texts in out_of_domain.items()}
        sizes = {name: len(texts) for name, texts in out_of_domain.items()}
        answered["all"] = sum(answered[name] * sizes[name] for name in sizes) / max(sum(sizes.values()), 1)
    for name, scores in [*outside.items(), ("all", every_outside)]:
        baseline = rejection_rates(every_inside.intent_confidence, scores.intent_confidence)
        report["out_of_domain"][name] = {
            **({"answered": answered[name]} if name in answered else {}),
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

    def served(row: dict[str, Any], digits: int) -> str:
        return f", answered as served {100 * row['answered']:.{digits}f}%" if "answered" in row else ""

    for name, row in report["in_domain"].items():
        lines.append(f"in-domain {name}: {row['texts']} texts, {100 * row['kept']:.2f}% kept{served(row, 2)}")
    for name, row in report["out_of_domain"].items():
        lines.append(
            f"out-of-domain {name}: {row['texts']} texts, AUROC {row['auroc']:.4f}, false positives at 98% of"
            f" in-domain kept {100 * row['false_positive_rate_at_98']:.1f}%, accepted at the threshold"
            f" {100 * row['accepted']:.1f}%{served(row, 1)}, in_domain >= 0.5 {100 * row['at_least_half']:.1f}%"
            f" ({row['without_words']} without words); the intent's confidence:"
            f" AUROC {row['intent_confidence_auroc']:.4f}"
        )
    return "\n".join(lines)
