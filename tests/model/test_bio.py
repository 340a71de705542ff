import pytest

from model.bio import Span, bio_spans, split_tag


def test_spans_from_bio_tags():
    tags = ["O", "B-fromloc.city_name", "I-fromloc.city_name", "O", "B-toloc.city_name", "B-depart_date.day_name"]
    assert bio_spans(tags) == [
        Span("fromloc.city_name", 1, 2),
        Span("toloc.city_name", 4, 4),
        Span("depart_date.day_name", 5, 5),
    ]


def test_stray_inside_tag_starts_a_span_like_conlleval():
    assert bio_spans(["O", "I-toloc.city_name", "I-toloc.city_name", "I-fromloc.city_name"]) == [
        Span("toloc.city_name", 1, 2),
        Span("fromloc.city_name", 3, 3),
    ]


def test_span_at_the_end_is_closed():
    assert bio_spans(["B-a", "I-a"]) == [Span("a", 0, 1)]


@pytest.mark.parametrize("tag", ["X-city", "B-", "B", "city", ""])
def test_bad_tags_are_rejected(tag):
    with pytest.raises(ValueError, match="not a BIO tag"):
        split_tag(tag)
