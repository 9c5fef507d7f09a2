"""The one text form that identity and provenance spans are defined on.

Two copies of a report that differ only in line endings, trailing blanks, Unicode composition
or a byte-order mark are the same report: they must hash alike, and a character span computed
on one must point at the same words in the other.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_TRAILING_BLANKS = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
# Characters that change what a reader sees, or what a pattern matches, without being words:
# bidi embeddings, overrides and isolates (which can make text read backwards), zero-width
# spaces and joiners, word joiners, and control characters other than tab and line ends
# (NUL among them, which PostgreSQL refuses in text). The archive keeps the original bytes.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200d\u2060\u202a-\u202e\u2066-\u2069\u206a-\u206f]")
# The zero-width non-joiner is part of Persian and Pashto spelling: kept between two letters of
# the Arabic script, removed elsewhere ("Tal\u200cban" must read as "Taliban").
_STRAY_NON_JOINER = re.compile(r"(?<![\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff])\u200c|\u200c(?![\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff])")
# A lone surrogate (possible in JSON's "\\ud800") is no character at all and cannot be stored
# as UTF-8: it becomes the replacement character, which shows where something was lost.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def visible(text: str) -> str:
    """The text without invisible controls, with lone surrogates as U+FFFD: what every stored
    string (a text, a title, an outlet, a metadata value) is made into."""
    text = _SURROGATE.sub("\ufffd", text)
    text = _INVISIBLE.sub("", text)
    if "\u200c" in text:
        text = _STRAY_NON_JOINER.sub("", text)
    return text


def normalise_text(text: str) -> str:
    """NFC, '\\n' line ends, no BOM, no invisible controls, no trailing blanks, at most one
    empty line in a row; lone surrogates become U+FFFD."""
    text = unicodedata.normalize("NFC", visible(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # The substitutions run only when needed: checking with `in` is a hundred times cheaper
    # than a multiline pattern trying every blank of a clean text.
    if any(blank + "\n" in text for blank in " \t\u00a0"):
        text = _TRAILING_BLANKS.sub("", text)
    if "\n\n\n" in text:
        text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
