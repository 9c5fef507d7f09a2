"""Dates inside quotation marks are a speaker's or a slogan's, not the day of the event."""

from sitrep.extract.dates import QuoteMarks


def test_quote_marks_say_whether_an_offset_is_inside_a_quotation():
    text = 'Marchers chanted "Friday is ours" on Tuesday. He said “we left on Monday” and went.'
    marks = QuoteMarks(text)
    second = text.index("He said")
    assert marks.quoted(0, text.index("Friday"))
    assert not marks.quoted(0, text.index("Tuesday"))
    assert marks.quoted(second, text.index("Monday"))
    assert not marks.quoted(second, text.index("went"))
