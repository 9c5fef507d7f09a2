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


def fold(text: str, lowered: str | None = None) -> str:
    """The folded form of `text`, exactly as long as `text` (from `lowered`, if already made)."""
    return _NOT_WORD.sub(" ", text.translate(_TABLE) if lowered is None else lowered)


def lower(text: str) -> str:
    """Lower case without diacritics, punctuation kept, exactly as long as `text`: for patterns
    that are cheaper to run case-sensitively on a lowered copy than with re.IGNORECASE."""
    return text.translate(_TABLE)


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """A name as a dictionary key: folded, with runs of spaces collapsed and trimmed."""
    return " ".join(fold(name).split())
