"""Sentences and paragraphs with their character spans: the unit every later stage reads.

A regular split, not a statistical one: it must be fast and predictable. It does not break
after abbreviations common in news ("Mr.", "Gen.", "U.S.", "Oct."), initials or numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The end mark is part of the match (not a lookbehind) so that the engine can jump from one
# mark or newline to the next instead of trying every position.
_BOUNDARY = re.compile(r"[.!?…](?P<close>[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9\u0600-\u06FF])|\n+")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt st no vs jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.n u.k inc ltd co corp dept gov sen rep prof approx est".split()
)


# "KABUL, Dec 28 (Reuters) - ", "KABUL, AFGHANISTAN – ", "KABUL (AP) — ", "PESHAWAR: ", "HERAT—": where
# and when a report was filed, before the news itself.
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,}(?:,[^\n]{0,80}?|\s*\([^)\n]{1,30}\))?\s*(?:[-–—]|:)\s+|[A-Z][A-Z .'’]{2,}[–—](?=[A-Z])")


def dateline_end(text: str, start: int = 0) -> int:
    """Where the news begins after a dateline opening text[start:], or `start` if none does."""
    dateline = _DATELINE.match(text, start)
    return dateline.end() if dateline else start


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        close = boundary.group("close")
        end = boundary.start() if close is None else boundary.start() + 1 + len(close)
        if "\n" not in boundary.group() and _ends_with_abbreviation(text, start, end):
            continue
        _add(sentences, text, start, end, paragraph)
        if "\n" in boundary.group():  # reports put one paragraph (or headline) per line
            paragraph += 1
        start = boundary.end()
    _add(sentences, text, start, len(text), paragraph)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, paragraph, text[start:end]))


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    word = text[max(start, text.rfind(" ", start, end) + 1) : end].rstrip(".").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())

