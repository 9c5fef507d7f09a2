import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.ingest.decode import BINARY, UNDECODABLE, DecodeError, decode

DARI = "در ولسوالي دره ولايت پنجشير درگيري ميان طالبان و جبهه مقاومت ملي رخ داد."


def test_utf8_is_taken_as_is():
    assert decode("Panjshir — پنجشیر".encode()) == "Panjshir — پنجشیر"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_pick_the_encoding(encoding):
    assert decode("Clashes in Andarab".encode(encoding)) == "Clashes in Andarab"


def test_windows_1256_dari_is_detected():
    assert decode(DARI.encode("cp1256")) == DARI


def test_windows_1252_european_text_is_detected():
    text = "Café in Hérat, the mayor’s office said — “no casualties”."
    assert decode(text.encode("cp1252")) == text


def test_nul_bytes_mean_binary():
    with pytest.raises(DecodeError) as caught:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert caught.value.reason == BINARY


def test_control_characters_mean_binary_even_when_valid_utf8():
    with pytest.raises(DecodeError) as caught:
        decode(bytes(range(1, 9)) * 50)
    assert caught.value.reason == BINARY


def test_random_bytes_without_nul_are_undecodable():
    noise = random.Random(1).randbytes(400).replace(b"\x00", b"a")
    with pytest.raises(DecodeError) as caught:
        decode(noise)
    assert caught.value.reason == UNDECODABLE


def test_broken_utf16_after_bom_is_undecodable():
    with pytest.raises(DecodeError) as caught:
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8")  # lone surrogate
    assert caught.value.reason == UNDECODABLE


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_text_or_a_clear_reason(raw):
    try:
        assert isinstance(decode(raw), str)
    except DecodeError as exc:
        assert exc.reason in (BINARY, UNDECODABLE)
