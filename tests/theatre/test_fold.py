from hypothesis import given
from hypothesis import strategies as st

from sitrep.theatre.fold import fold, fold_name


@given(st.text())
def test_fold_never_moves_a_character(text):
    assert len(fold(text)) == len(text)


def test_spellings_meet():
    assert fold_name("Mazār-i-Sharīf") == fold_name("MAZAR-I-SHARIF") == "mazar i sharif"
    assert fold("Panjshir's") == "panjshir s"
    assert fold_name("كابل") == fold_name("کابل")  # Arabic and Persian kaf/yeh
    assert fold("İstanbul") == "istanbul"
