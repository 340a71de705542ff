"""Each token's label: the most likely, kept to BIO, and a known name the most likely labels cut is one slot."""

import itertools

import numpy as np

from model.bio import slot_role_and_kind
from model.decoding import LabelDecoder

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
    return [LABELS[j] for j in LabelDecoder(LABELS).best(probs, [0], lambda i: names)]


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


# "boston to denver" read with "denver" an I- of the destination after "to": labels that break BIO.
BROKEN = rows({"B-fromloc.city_name": 0.9}, {"O": 0.9}, {"I-toloc.city_name": 0.6, "B-toloc.city_name": 0.3})


def test_without_a_known_name_or_across_kinds_labels_that_keep_bio_are_the_argmax():
    cut_in_two = rows({"B-fromloc.city_name": 0.9}, {"B-toloc.city_name": 0.6, "I-fromloc.city_name": 0.3})
    assert decoded(cut_in_two, []) == ["B-fromloc.city_name", "B-toloc.city_name"]  # the lookup knows no name
    leading = rows({"O": 0.99}, {"B-fromloc.city_name": 0.9}, {"B-toloc.city_name": 0.6, "I-fromloc.city_name": 0.3})
    assert decoded(leading, [(0, 1)]) == ["O", "B-fromloc.city_name", "B-toloc.city_name"]  # a name holding no cut
    city_and_state = rows({"B-fromloc.city_name": 0.9}, {"B-fromloc.state_code": 0.9})  # "washington dc"
    assert decoded(city_and_state, [(0, 1)]) == ["B-fromloc.city_name", "B-fromloc.state_code"]
    untagged = rows({"O": 0.9}, {"B-fromloc.city_name": 0.9})  # "the bronx": "the" left out
    assert decoded(untagged, [(0, 1)]) == ["O", "B-fromloc.city_name"]


def test_each_sentence_of_a_batch_is_decoded_with_its_own_names():
    cut_in_two = rows({"B-fromloc.city_name": 0.9}, {"B-toloc.city_name": 0.6, "I-fromloc.city_name": 0.3})
    names = {0: [], 1: [(0, 1)]}
    best = [LABELS[j] for j in LabelDecoder(LABELS).best(np.concatenate([cut_in_two] * 2), [0, 2], names.get)]
    assert best == ["B-fromloc.city_name", "B-toloc.city_name", "B-fromloc.city_name", "I-fromloc.city_name"]


def bio_keeping(tags: tuple[str, ...]) -> bool:
    return all(
        not tag.startswith("I-") or (i > 0 and tags[i - 1] in ("B-" + tag[2:], tag)) for i, tag in enumerate(tags)
    )


def test_labels_that_break_bio_are_the_most_probable_sequence_that_keeps_it():
    assert decoded(BROKEN, []) == ["B-fromloc.city_name", "O", "B-toloc.city_name"]
    # Against every sequence of four labels, on random distributions: where the argmax keeps BIO it stays;
    # where it breaks BIO, the answer is the most probable of the sequences that keep it.
    rng = np.random.default_rng(0)
    sequences = [tags for tags in itertools.product(LABELS, repeat=4) if bio_keeping(tags)]
    index = np.array([[LABELS.index(tag) for tag in tags] for tags in sequences])
    broken = 0
    for _ in range(200):
        probs = rng.dirichlet(np.full(len(LABELS), 0.3), size=4)
        argmax = tuple(LABELS[j] for j in probs.argmax(axis=1))
        log_likelihood = np.log(probs)[np.arange(4), index].sum(axis=1)
        expected = list(argmax) if bio_keeping(argmax) else list(sequences[int(log_likelihood.argmax())])
        broken += not bio_keeping(argmax)
        assert decoded(probs, []) == expected
    assert broken > 50  # the check covered many broken sentences


def test_an_i_opening_a_sentence_breaks_bio_whatever_ended_the_sentence_before():
    first = rows({"B-fromloc.city_name": 0.9}, {"I-fromloc.city_name": 0.9})
    second = rows({"I-fromloc.city_name": 0.6, "B-fromloc.city_name": 0.3}, {"O": 0.9})
    best = [LABELS[j] for j in LabelDecoder(LABELS).best(np.concatenate([first, second]), [0, 2], lambda i: ())]
    assert best == ["B-fromloc.city_name", "I-fromloc.city_name", "B-fromloc.city_name", "O"]


def test_slot_kind_drops_the_role():
    assert slot_role_and_kind("fromloc.city_name")[1] == "city_name" and slot_role_and_kind("city")[1] == "city"
