from hypothesis import given
from hypothesis import strategies as st

from sitrep.theatre.fold import fold, fold_name, lower


@given(st.text())
def test_fold_never_moves_a_character(text):
    assert len(fold(text)) == len(text)


def test_spellings_meet():
    assert fold_name("Mazār-i-Sharīf") == fold_name("MAZAR-I-SHARIF") == "mazar i sharif"
    assert fold("Panjshir's") == "panjshir s"
    assert fold_name("كابل") == fold_name("کابل")  # Arabic and Persian kaf/yeh
    assert fold("İstanbul") == "istanbul"


@given(st.text())
def test_the_fast_paths_agree_with_the_table(text):
    """lower() and fold() take shortcuts for mostly-ASCII text; they must give what the
    character table gives (other scripts may additionally be lower-cased)."""
    from sitrep.theatre.fold import _NOT_WORD, _TABLE

    slow = text.lower().translate(_TABLE) if len(text.lower()) == len(text) else text.translate(_TABLE)
    assert lower(text) == slow
    assert fold(text) == _NOT_WORD.sub(" ", slow)
    assert len(lower(text)) == len(text)


def test_curly_quotes_and_diacritics_in_english_news():
    text = "“Kābul’s” governor — Mazār-i-Sharīf, 2024"
    assert lower(text) == "“kabul’s” governor — mazar-i-sharif, 2024"
    assert fold(text) == " kabul s  governor   mazar i sharif  2024"
