"""Each token's label from its probabilities: the most likely, unless that cuts a known name (``NameDecoder``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from model.bio import slot_role_and_kind, split_tag


class NameDecoder:
    """Per-token label probabilities -> each token's label: its most probable one, except inside a known name
    that those labels cut into slots of one kind. The lookup (world/lexicon.py) says where a place's or an
    airline's name begins and ends; when the most probable labels read "kuala" as a city to leave and
    "lumpur" as a city to reach, or "ho chi minh" as the origin and "city" (an I- that continues nothing)
    as the destination, the name is one slot, of the type its tokens make most probable together: B- on
    its first token, I- on the rest. Which role the name plays stays the tagger's call from the context; a
    name cut into slots of different kinds ("washington" a city, "dc" a state) is left as tagged."""

    def __init__(self, labels: Sequence[str]):
        parts = [split_tag(label) for label in labels]
        self.types = sorted({name for _, name in parts if name})
        self._inside = np.array([prefix == "I" for prefix, _ in parts])
        self._type = np.array([self.types.index(name) if name else -1 for _, name in parts])
        begins = {name: j for j, (prefix, name) in enumerate(parts) if prefix == "B"}
        continues = {name: j for j, (prefix, name) in enumerate(parts) if prefix == "I"}
        whole = [name for name in self.types if name in begins and name in continues]  # types a name can be
        self._begin = np.array([begins[name] for name in whole], dtype=np.int64)
        self._continue = np.array([continues[name] for name in whole], dtype=np.int64)
        self._kind = [slot_role_and_kind(name)[1] for name in self.types]

    def best(
        self, probs: np.ndarray, starts: Sequence[int], names: Callable[[int], Sequence[tuple[int, int]]]
    ) -> np.ndarray:
        """Label indices of the rows of sentences stacked in ``probs`` (N, labels); ``starts``: each sentence's
        first row; ``names(i)``: sentence i's names of several tokens, (first, last), longest first."""
        best = probs.argmax(axis=1)
        if not len(self._begin) or not len(best):
            return best
        # A slot boundary between two slot tokens: where a name may have been cut. Rarely there; cheap to find.
        types = self._type[best]
        boundary = np.zeros(len(best), dtype=bool)
        boundary[1:] = (types[1:] >= 0) & (types[:-1] >= 0) & (~self._inside[best[1:]] | (types[1:] != types[:-1]))
        boundary[list(starts)] = False
        if not boundary.any():
            return best
        ends = [*starts[1:], len(best)]
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if boundary[start:end].any():
                self._join_names(probs[start:end], best[start:end], boundary[start:end], names(i))
        return best

    def _join_names(
        self, probs: np.ndarray, best: np.ndarray, boundary: np.ndarray, names: Sequence[tuple[int, int]]
    ) -> None:
        """``best`` (one sentence's labels, changed in place) with each name cut into slots of one kind made one."""
        taken = np.zeros(len(best), dtype=bool)
        for first, last in names:
            types = self._type[best[first : last + 1]]
            if taken[first : last + 1].any() or (types < 0).any() or not boundary[first + 1 : last + 1].any():
                continue
            if len({self._kind[t] for t in types.tolist()}) > 1:
                continue
            log_probs = np.log(np.clip(probs[first : last + 1], 1e-30, None))
            together = log_probs[0, self._begin] + log_probs[1:, self._continue].sum(axis=0)
            chosen = int(together.argmax())
            best[first] = self._begin[chosen]
            best[first + 1 : last + 1] = self._continue[chosen]
            taken[first : last + 1] = True
