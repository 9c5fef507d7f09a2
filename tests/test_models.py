import pytest

from sitrep.models import Event, Span


def test_span_points_at_the_words():
    text = "Fighting in Dara district"
    assert Span(12, 16).of(text) == "Dara"


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 4)])
def test_invalid_spans_are_refused(start, end):
    with pytest.raises(ValueError):
        Span(start, end)


@pytest.mark.parametrize("inter1,inter2,expected", [(1, 2, 12), (2, 1, 12), (3, 7, 37), (1, None, 10), (None, None, None)])
def test_acled_interaction_code(inter1, inter2, expected):
    event = Event(document_sha256="0" * 64, event_type="Battles", sub_event_type="Armed clash",
                  inter1=inter1, inter2=inter2)
    assert event.interaction == expected
