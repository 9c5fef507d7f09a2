"""Folding text so that spellings of one name meet, without moving a single character.

"Mazār-i-Sharīf", "MAZAR-I-SHARIF" and "mazar i sharif" must find the same gazetteer entry,
and "كابل" (Arabic kaf and yeh) the same as "کابل" (Persian). The fold maps every character
to exactly one character, so an offset in the folded text is the same offset in the original:
spans found by matching point straight at the words in the document.

Rules: lower case; Latin letters lose their diacritics; Arabic-script letters take their
Persian forms and lose vowel marks' distinctions; everything that is not a letter or digit
becomes a space, so that " name " (with spaces) matches whole words only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARABIC_TO_PERSIAN = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "آ": "ا",
    "ٱ": "ا", "ؤ": "و", "ڪ": "ک", "ے": "ی", "ې": "ی", "ۍ": "ی", "ہ": "ه", "ھ": "ه",
}
_NOT_WORD = re.compile(r"[\W_]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(ch: str) -> str:
    if ch in _ARABIC_TO_PERSIAN:
        return _ARABIC_TO_PERSIAN[ch]
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    if unicodedata.combining(base) and base != ch:
        base = ch
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def _table() -> dict[int, str]:
    ranges = [(0x00, 0x250), (0x1E00, 0x1F00), (0x0600, 0x0700), (0x2000, 0x2070)]
    table = {}
    for low, high in ranges:
        for code in range(low, high):
            ch = chr(code)
            folded = _fold_char(ch)
            if folded != ch:
                table[code] = folded
    return table


_TABLE = _table()
_ASCII_BLANKS = bytes(c if chr(c).isalnum() else ord(" ") for c in range(128)) + bytes(range(128, 256))


def fold(text: str, lowered: str | None = None) -> str:
    """The folded form of `text`, exactly as long as `text` (from `lowered`, if already made).

    Like `lower`, it treats the few distinct non-ASCII characters one by one, then blanks the
    ASCII punctuation with one bytes.translate: a regex substitution per punctuation mark
    costs ten times as much."""
    low = lower(text) if lowered is None else lowered
    for char in set(_NON_ASCII.findall(low)):
        if _NOT_WORD.match(char):
            low = low.replace(char, " ")
    if low.isascii():
        return low.encode("ascii").translate(_ASCII_BLANKS).decode("ascii")
    return _NOT_WORD.sub(" ", low)


def lower(text: str) -> str:
    """Lower case without diacritics, punctuation kept, exactly as long as `text`: for patterns
    that are cheaper to run case-sensitively on a lowered copy than with re.IGNORECASE.

    Built from str.lower (C speed) plus the table for the few distinct non-ASCII characters a
    text holds: translating every character through the table costs 15 times as much, and
    news is mostly ASCII with some curly quotes. (The table applied after lowering gives what
    it gives before; only a character that lowers to two, like "İ", needs the slow way.)"""
    low = text.lower()
    if low.isascii():
        return low
    if len(low) != len(text):
        return text.translate(_TABLE)
    for char in set(_NON_ASCII.findall(low)):
        folded = _TABLE.get(ord(char))
        if folded is not None:
            low = low.replace(char, folded)
    return low


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """A name as a dictionary key: folded, with runs of spaces collapsed and trimmed."""
    return " ".join(fold(name).split())
