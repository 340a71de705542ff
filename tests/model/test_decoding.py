"""Each token's label: the most likely, but a known name the most likely labels cut is one slot."""

import numpy as np

from model.bio import slot_role_and_kind
from model.decoding import NameDecoder

LABELS = ["O", "B-fromloc.city_name", "I-fromloc.city_name", "B-toloc.city_name", "I-toloc.city_name",
          "B-fromloc.state_code", "B-depart_date.day_name"]  # fmt: skip


def rows(*distributions: dict[str, float]) -> np.ndarray:
    """One probability row per token: the named labels' probabilities, the rest spread evenly."""
    out = np.zeros((len(distributions), len(LABELS)))
    for row, named in zip(out, distributions, strict=True):
        rest = [j for j, label in enumerate(LABELS) if label not in named]
        row[rest] = (1.0 - sum(named.values())) / len(rest)
        for label, p in named.items():
            row[LABELS.index(label)] = p
    return out


def decoded(probs: np.ndarray, names: list[tuple[int, int]]) -> list[str]:
    return [LABELS[j] for j in NameDecoder(LABELS).best(probs, [0], lambda i: names)]


# "leave ho chi minh city": the argmax makes "city" an I- of the destination after three origin tokens.
CUT_AT_CITY = rows(
    {"O": 0.99},
    {"B-fromloc.city_name": 0.98},
    {"I-fromloc.city_name": 0.95},
    {"I-fromloc.city_name": 0.5, "I-toloc.city_name": 0.4},
    {"I-toloc.city_name": 0.9, "I-fromloc.city_name": 0.08},
)


def test_a_known_name_the_argmax_cuts_is_one_slot_of_the_role_its_tokens_make_most_probable():
    assert decoded(CUT_AT_CITY, [(1, 4)]) == ["O", "B-fromloc.city_name", *["I-fromloc.city_name"] * 3]
    # "kuala" an origin, "lumpur" a destination: valid BIO, still one name cut in two.
    cut_in_two = rows({"B-fromloc.city_name": 0.9}, {"B-toloc.city_name": 0.6, "I-fromloc.city_name": 0.3})
    assert decoded(cut_in_two, [(0, 1)]) == ["B-fromloc.city_name", "I-fromloc.city_name"]
    # The role is the tokens' joint call, not the first token's: here the destination's.
    to_wins = rows({"B-fromloc.city_name": 0.5, "B-toloc.city_name": 0.45}, {"I-toloc.city_name": 0.9})
    assert decoded(to_wins[[0, 0, 1]], [(1, 2)])[1:] == ["B-toloc.city_name", "I-toloc.city_name"]


def test_without_a_known_name_or_across_kinds_the_labels_are_the_argmax():
    argmax = [LABELS[j] for j in CUT_AT_CITY.argmax(axis=1)]
    assert decoded(CUT_AT_CITY, []) == argmax  # the lookup knows no name there
    assert decoded(CUT_AT_CITY, [(1, 2)]) == argmax  # a name that holds no cut
    city_and_state = rows({"B-fromloc.city_name": 0.9}, {"B-fromloc.state_code": 0.9})  # "washington dc"
    assert decoded(city_and_state, [(0, 1)]) == ["B-fromloc.city_name", "B-fromloc.state_code"]
    untagged = rows({"O": 0.9}, {"B-fromloc.city_name": 0.9})  # "the bronx": "the" left out
    assert decoded(untagged, [(0, 1)]) == ["O", "B-fromloc.city_name"]


def test_each_sentence_of_a_batch_is_decoded_with_its_own_names():
    probs = np.concatenate([CUT_AT_CITY, CUT_AT_CITY])
    names = {0: [], 1: [(1, 4)]}
    best = [LABELS[j] for j in NameDecoder(LABELS).best(probs, [0, 5], lambda i: names[i])]
    assert best[:5] == [LABELS[j] for j in CUT_AT_CITY.argmax(axis=1)]
    assert best[5:] == ["O", "B-fromloc.city_name", *["I-fromloc.city_name"] * 3]


def test_slot_kind_drops_the_role():
    assert slot_role_and_kind("fromloc.city_name")[1] == "city_name" and slot_role_and_kind("city")[1] == "city"
