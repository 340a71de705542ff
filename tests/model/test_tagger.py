"""The tagger's one forward pass: its pieces, its loss, its calibrated probabilities, and the CRF
against brute force (every label sequence of a short sentence, enumerated)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import torch

from model.config import SlotTaggerConfig
from model.encoding import EncodedBatch, Encoder, real_tokens
from model.tagger import CharCNN, LinearChainCRF, LockedDropout, SlotTagger, Targets
from tests.model.helpers import CHARS, CONFIGS, SENTENCES, WORDS, tiny_tagger


def encoded(rows: list[list[str]]) -> EncodedBatch:
    return Encoder(WORDS, CHARS).encode(rows)


# -- the forward pass ------------------------------------------------------------------------


def test_character_encoder_is_the_convolution_it_keeps_weights_for():
    torch.manual_seed(0)
    chars = CharCNN(num_chars=30, char_dim=5, filters=7, kernel=3)
    word_chars = torch.tensor([[0, 0, 0, 0], [3, 4, 5, 0], [9, 0, 0, 0], [1, 2, 3, 4]])
    embedded = chars.embedding(word_chars).transpose(1, 2)  # (U, D, C)
    convolved = torch.nn.functional.conv1d(embedded, chars.conv.weight, chars.conv.bias, padding=1)  # (U, F, C)
    real = (word_chars != 0).unsqueeze(1)
    want = convolved.masked_fill(~real, -1e4).max(dim=2).values * real.any(dim=2)
    torch.testing.assert_close(chars(word_chars), want, rtol=0, atol=1e-5)
    assert not chars(word_chars)[0].any()  # a padding word has no features
    with pytest.raises(ValueError, match="odd"):
        CharCNN(num_chars=30, char_dim=5, filters=7, kernel=4)


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "default")
def test_distinct_word_characters_and_padding_do_not_change_the_scores(config: dict[str, Any]):
    """A sentence scores the same alone, in a padded batch, and with per-position characters."""
    model = tiny_tagger(**config)
    with torch.no_grad():
        together, intents, _, _ = model(encoded(SENTENCES))
        words, chars, lengths, _ = Encoder(WORDS, CHARS).encode_padded(SENTENCES)
        per_position, _, _, _ = model(EncodedBatch.from_padded(words, chars, lengths))
        alone = [model(encoded([s])) for s in SENTENCES]
    torch.testing.assert_close(per_position, together, rtol=0, atol=1e-5)
    torch.testing.assert_close(together, torch.cat([a[0] for a in alone]), rtol=0, atol=1e-5)
    torch.testing.assert_close(intents, torch.cat([a[1] for a in alone]), rtol=0, atol=1e-5)
    assert together.shape == (sum(len(s) for s in SENTENCES), model.config.num_labels)


def test_the_role_comes_from_context():
    """The recurrent encoder reads the neighbours: the same word gets different scores after
    different words, which a feed-forward model on the word alone cannot do."""
    for config, differs in (({}, True), ({"cell": "none", "window": 0}, False)):
        model = tiny_tagger(**config)
        with torch.no_grad():
            scores, _, _, _ = model(encoded([["from", "boston"], ["to", "boston"]]))
        assert (not torch.allclose(scores[1], scores[3])) == differs


def test_loss_is_slot_cross_entropy_plus_weighted_intent_cross_entropy():
    model = tiny_tagger(intent_loss_weight=0.5)
    batch = encoded(SENTENCES)
    tags = torch.tensor([0, 0, 1, 0, 2, 1, 0, -100, 2, 0])
    intents = torch.tensor([[1.0, 0.0], [0.5, 0.5], [0.0, 0.0]])
    with torch.no_grad():
        slot_scores, intent_scores, _, loss = model(batch, Targets(tags, intents))
    slot_loss = torch.nn.functional.cross_entropy(slot_scores, tags)
    intent_loss = -(intents * torch.log_softmax(intent_scores, dim=1)).sum(dim=1).mean()
    assert loss is not None
    torch.testing.assert_close(loss, slot_loss + 0.5 * intent_loss)


def test_dropout_only_in_training():
    model = tiny_tagger(dropout=0.5)
    batch = encoded(SENTENCES)
    with torch.no_grad():
        first, second = model(batch)[0], model(batch)[0]
        assert torch.equal(first, second)
        model.train()
        assert not torch.equal(model(batch)[0], first)


def test_locked_dropout_drops_the_same_features_at_every_step():
    torch.manual_seed(0)
    dropout = LockedDropout(0.5).train()
    x = torch.ones(3, 7, 11)
    y = dropout(x)
    assert torch.equal(y, y[:, :1].expand_as(y))  # one mask per sentence, shared by all its steps
    assert set(y.unique().tolist()) == {0.0, 2.0}
    assert not torch.equal(y[0], y[1])  # each sentence draws its own
    assert torch.equal(dropout.eval()(x), x)


# -- calibrated probabilities ------------------------------------------------------------------


@pytest.mark.parametrize("crf", [False, True], ids=["softmax", "crf"])
def test_probabilities_are_distributions_and_their_logs_agree(crf: bool):
    model = tiny_tagger(crf=crf)
    batch = encoded(SENTENCES)
    with torch.no_grad():
        slot_scores, intent_scores, _, _ = model(batch)
        for temperature in (0.5, 1.0, 2.0):
            probs = model.slot_probabilities(slot_scores, batch.lengths, temperature)
            torch.testing.assert_close(probs.sum(dim=1), torch.ones(len(probs)))
            log_probs = model.slot_probabilities(slot_scores, batch.lengths, temperature, log=True)
            torch.testing.assert_close(log_probs.exp(), probs, rtol=0, atol=1e-6)
            intents = model.intent_probabilities(intent_scores, temperature)
            torch.testing.assert_close(intents, torch.softmax(intent_scores / temperature, dim=1))
    if not crf:
        torch.testing.assert_close(
            model.slot_probabilities(slot_scores, batch.lengths, 2.0), torch.softmax(slot_scores / 2.0, dim=1)
        )


def test_crf_probabilities_are_the_marginals_of_each_whole_sentence():
    model = tiny_tagger(crf=True)
    assert model.crf is not None
    batch = encoded(SENTENCES)
    with torch.no_grad():
        slot_scores, _, _, _ = model(batch)
        probs = model.slot_probabilities(slot_scores, batch.lengths, 1.5)
        first = 0
        for sentence in SENTENCES:
            scores = slot_scores[first : first + len(sentence)].unsqueeze(0)
            want = model.crf.marginals(scores, torch.ones(1, len(sentence), dtype=torch.bool), 1.5)[0]
            torch.testing.assert_close(probs[first : first + len(sentence)], want, rtol=0, atol=1e-6)
            first += len(sentence)


# -- the CRF -------------------------------------------------------------------------------------


def random_crf(num_labels: int, seed: int = 0) -> LinearChainCRF:
    torch.manual_seed(seed)
    crf = LinearChainCRF(num_labels)
    with torch.no_grad():
        for parameter in crf.parameters():
            parameter.normal_(0.0, 2.0)  # zeros would make every token independent: nothing to test
    return crf


def sequence_score(crf: LinearChainCRF, scores: torch.Tensor, labels: tuple[int, ...]) -> torch.Tensor:
    steps = [crf.transitions[a, b] for a, b in itertools.pairwise(labels)]
    emitted = [scores[t, label] for t, label in enumerate(labels)]
    return crf.start[labels[0]] + sum(emitted) + sum(steps, torch.tensor(0.0)) + crf.end[labels[-1]]


def brute_force(crf: LinearChainCRF, scores: torch.Tensor, temperature: float) -> tuple[torch.Tensor, dict]:
    """Marginals (T, L) and every sequence's log-probability, for one unpadded sentence (T, L)."""
    steps, num_labels = scores.shape
    sequences = list(itertools.product(range(num_labels), repeat=steps))
    log_scores = torch.stack([sequence_score(crf, scores, s) / temperature for s in sequences])
    log_probs = log_scores - torch.logsumexp(log_scores, dim=0)
    marginals = torch.zeros(steps, num_labels)
    for sequence, log_p in zip(sequences, log_probs, strict=True):
        for t, label in enumerate(sequence):
            marginals[t, label] += log_p.exp()
    return marginals, dict(zip(sequences, log_probs, strict=True))


@pytest.mark.parametrize("temperature", [1.0, 0.6, 2.5])
def test_marginals_and_nll_match_brute_force_with_padding(temperature: float):
    crf = random_crf(3)
    lengths = torch.tensor([4, 2, 1])
    scores = torch.randn(3, 4, 3) * 2
    mask = torch.arange(4).unsqueeze(0) < lengths.unsqueeze(1)
    with torch.no_grad():
        got = crf.marginals(scores, mask, temperature)
        tags = torch.tensor([[2, 0, 1, 1], [1, 2, 0, 0], [0, 0, 0, 0]])
        nll = crf.nll(scores, tags, mask)
        for row, n in enumerate(lengths.tolist()):
            want, log_probs = brute_force(crf, scores[row, :n], temperature)
            torch.testing.assert_close(got[row, :n], want, rtol=0, atol=1e-5)
            if temperature == 1.0:
                gold = tuple(tags[row, :n].tolist())
                torch.testing.assert_close(nll[row], -log_probs[gold], rtol=0, atol=1e-4)


def test_marginals_are_not_a_per_token_softmax():
    """Transitions matter: a label that may not follow its neighbour's loses probability."""
    crf = LinearChainCRF(2)
    with torch.no_grad():
        crf.transitions[0, 1] = -20.0  # label 1 never follows label 0
    scores = torch.tensor([[[5.0, 0.0], [0.0, 0.1]]])  # alone, token 2 slightly prefers label 1
    probs = crf.marginals(scores, torch.ones(1, 2, dtype=torch.bool))[0]
    assert torch.softmax(scores[0, 1], dim=0)[1] > 0.5
    assert probs[1, 1] < 0.05  # token 1 is almost surely label 0, so token 2 cannot be 1
    torch.testing.assert_close(probs.sum(dim=1), torch.ones(2))


def test_slot_loss_is_cross_entropy_without_a_crf_and_sequence_nll_per_token_with_one():
    scores = torch.randn(5, 4)  # two sentences of 3 and 2 real tokens
    tags = torch.tensor([1, 2, 3, 0, 1])
    real = real_tokens(torch.tensor([3, 2]), 3)
    plain = SlotTagger(SlotTaggerConfig(num_labels=4))
    ce = torch.nn.functional.cross_entropy(scores, tags)
    torch.testing.assert_close(plain.slot_loss(scores, tags, real), ce)

    with_crf = SlotTagger(SlotTaggerConfig(num_labels=4, crf=True))
    assert with_crf.crf is not None
    padded_scores = torch.zeros(2, 3, 4)
    padded_scores[real] = scores
    padded_tags = torch.tensor([[1, 2, 3], [0, 1, -100]])
    want = with_crf.crf.nll(padded_scores, padded_tags, padded_tags != -100).sum() / 5  # five real tokens
    torch.testing.assert_close(with_crf.slot_loss(scores, tags, real), want)
    # Untrained (all transitions zero) the CRF factorises: its NLL is the cross-entropy.
    torch.testing.assert_close(with_crf.slot_loss(scores, tags, real), ce)
