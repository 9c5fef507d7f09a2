from hypothesis import given
from hypothesis import strategies as st

from sitrep.ingest.normalise import normalise_text, sha256_hex


def test_line_endings_bom_and_trailing_blanks_do_not_change_identity():
    a = "Clashes in Dara\n\nTwo killed."
    b = "\ufeffClashes in Dara  \r\n\r\n\r\n\r\nTwo killed.\t\r\n"
    assert normalise_text(a) == normalise_text(b)
    assert sha256_hex(normalise_text(a)) == sha256_hex(normalise_text(b))


def test_unicode_composition_is_unified():
    assert normalise_text("He\u0301rat") == normalise_text("H\u00e9rat") == "H\u00e9rat"


def test_paragraphs_are_kept_apart_by_one_blank_line():
    assert normalise_text("one\n\n\n\ntwo\nthree") == "one\n\ntwo\nthree"


def test_sha256_of_text_is_of_its_utf8_bytes():
    assert sha256_hex("abc") == sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
