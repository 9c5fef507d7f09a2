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
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, '\\n' line ends, no BOM, no trailing blanks, at most one empty line in a row."""
    text = unicodedata.normalize("NFC", text)
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
