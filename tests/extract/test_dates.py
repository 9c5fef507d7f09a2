"""Dates inside quotation marks are a speaker's or a slogan's, and dates after "since" start a
span of time: neither is the day of the event."""

from datetime import date

from sitrep.extract.dates import QuoteMarks, find_dates


def test_quote_marks_say_whether_an_offset_is_inside_a_quotation():
    text = 'Marchers chanted "Friday is ours" on Tuesday. He said “we left on Monday” and went.'
    marks = QuoteMarks(text)
    second = text.index("He said")
    assert marks.quoted(0, text.index("Friday"))
    assert not marks.quoted(0, text.index("Tuesday"))
    assert marks.quoted(second, text.index("Monday"))
    assert not marks.quoted(second, text.index("went"))


def test_a_date_after_since_starts_a_span_and_dates_no_happening():
    published = date(2023, 3, 16)
    for text in ("The first such killing since the group's sudden takeover in August 2021.",
                 "Attacks have grown since their return to power last August.",
                 "No school has opened since 12 March 2022."):
        assert find_dates(text, published) == [], text
    [kept] = find_dates("Since then, the Taliban have arrested him on 12 March 2023.", published)
    assert kept.value == date(2023, 3, 12)
