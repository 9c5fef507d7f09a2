from sitrep.theatre.matcher import NameMatcher


def test_whole_words_longest_first_with_spans():
    matcher = NameMatcher([("kot", 1), ("mazar i sharif", 2), ("sharif", 3), ("dara", 4)])
    text = "Kotal and Kandahar; Mazar-i-Sharif, then Kot and Dara."
    found = matcher.find(text)
    assert [(text[m.start:m.end], m.value) for m in found] == [("Mazar-i-Sharif", 2), ("Kot", 1), ("Dara", 4)]


def test_names_at_the_edges_of_the_text():
    matcher = NameMatcher([("kabul", "k")])
    assert [(m.start, m.end) for m in matcher.find("Kabul")] == [(0, 5)]
    assert matcher.find("") == []


def test_an_empty_dictionary_finds_nothing():
    assert NameMatcher([]).find("anything") == []
