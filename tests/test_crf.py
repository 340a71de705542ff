"""The CRF layer against brute force: every label sequence of a short sentence, enumerated."""

import itertools

import pytest
import torch

from model.tagger import LinearChainCRF, SlotTagger, SlotTaggerConfig


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
    scores = torch.randn(2, 3, 4)
    tags = torch.tensor([[1, 2, 3], [0, 1, -100]])
    plain = SlotTagger(SlotTaggerConfig(num_labels=4))
    ce = torch.nn.functional.cross_entropy(scores.reshape(-1, 4), tags.reshape(-1))
    torch.testing.assert_close(plain.slot_loss(scores, tags), ce)

    with_crf = SlotTagger(SlotTaggerConfig(num_labels=4, crf=True))
    assert with_crf.crf is not None
    mask = tags != -100
    want = with_crf.crf.nll(scores, tags, mask).sum() / 5  # five real tokens
    torch.testing.assert_close(with_crf.slot_loss(scores, tags), want)
    # Untrained (all transitions zero) the CRF factorises: its NLL is the cross-entropy.
    torch.testing.assert_close(with_crf.slot_loss(scores, tags), ce)
