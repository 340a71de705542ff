"""Which kernels run the served model's LSTM on this processor: oneDNN's or PyTorch's own, chosen at start-up.

Neither is the faster everywhere for a sentence at a time, what a lone request runs: on one Intel host
PyTorch's own answered a c=1 request in 0.96x oneDNN's time, on an AMD host oneDNN's was the faster by far
(bench/README.md, levers). ``SLOTFILL_ONEDNN=auto`` times both on one sentence at start-up and keeps the faster;
``on`` and ``off`` choose. Their answers agree to about 1e-6.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import torch

from app.config import OneDnn
from model.predictor import Predictor

TIMING_SENTENCE = ["flights", "from", "boston", "to", "denver", "tomorrow", "morning", "on", "united"]
TIMING_ROUNDS = 15  # each kernel's best of this many, the two alternated


def choose_onednn(
    predictor: Predictor,
    setting: OneDnn,
    rounds: int = TIMING_ROUNDS,
    clock: Callable[[], float] = time.perf_counter,
) -> bool:
    """Switch PyTorch's oneDNN kernels on or off for this process, as ``setting`` says; whether they are on."""
    if setting != "auto":
        torch.backends.mkldnn.set_flags(setting == "on")
        return setting == "on"
    best = {True: math.inf, False: math.inf}
    for timed in range(rounds + 1):  # round 0 allocates what each kernel keeps: not counted
        for enabled in (True, False):
            torch.backends.mkldnn.set_flags(enabled)
            start = clock()
            predictor.flat_probabilities([TIMING_SENTENCE])
            if timed:
                best[enabled] = min(best[enabled], clock() - start)
    faster = best[True] <= best[False]
    torch.backends.mkldnn.set_flags(faster)
    return faster
