"""Temperature scaling (Guo et al. 2017): make the model's probabilities mean what they say.

One temperature for the slot distributions and one for the intent's, each the T that minimises
the negative log-likelihood of the valid split's gold labels. The distributions are the ones the
service answers with (``SlotTagger.slot_probabilities``: a softmax, or a CRF's marginals).
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

from model.checkpoint import Calibration, Checkpoint
from training.batches import intent_targets
from training.data import Example

CHUNK = 256  # sentences per forward pass


def fit_temperature(log_probs_at: Callable[[torch.Tensor], torch.Tensor], targets: torch.Tensor) -> float:
    """The T that minimises held-out NLL. ``log_probs_at(T)``: (N, classes) log-probabilities at
    temperature T; ``targets``: class indices (-100 ignored) or a matrix of soft targets."""
    log_t = torch.zeros(1, requires_grad=True)
    optimiser = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200)

    def nll() -> torch.Tensor:
        log_probs = log_probs_at(log_t.exp())
        if targets.dim() == 1:
            return nn.functional.nll_loss(log_probs, targets)
        return -(targets * log_probs).sum(dim=1).mean()

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = nll()
        loss.backward()
        return loss

    optimiser.step(closure)
    return float(log_t.detach().exp().clamp(0.05, 20.0))


def calibrate(checkpoint: Checkpoint, valid: list[Example]) -> Calibration:
    model = checkpoint.model.eval()
    encoder = checkpoint.encoder()
    chunks = []
    with torch.no_grad():  # not inference_mode: the fit takes gradients through the temperature
        for start in range(0, len(valid), CHUNK):
            batch = encoder.encode([e.tokens for e in valid[start : start + CHUNK]])
            slot_scores, intent_scores, _, _ = model(batch)
            chunks.append((slot_scores, batch.lengths, intent_scores))
    label_index = {name: i for i, name in enumerate(checkpoint.labels)}
    slot_targets = torch.tensor([label_index.get(t, -100) for e in valid for t in e.tags])
    soft_intents = intent_targets(valid, checkpoint.intents)
    known = soft_intents.sum(dim=1) > 0
    intent_scores = torch.cat([c[2] for c in chunks])[known]

    def slot_log_probs(temperature: torch.Tensor) -> torch.Tensor:
        return torch.cat([model.slot_probabilities(s, lengths, temperature, log=True) for s, lengths, _ in chunks])

    return Calibration(
        slot_temperature=fit_temperature(slot_log_probs, slot_targets),
        intent_temperature=fit_temperature(
            lambda temperature: model.intent_probabilities(intent_scores, temperature, log=True), soft_intents[known]
        ),
    )
