"""Numbers as news writes them: "16", "1,200", "nine", "twenty-one", "dozens", "more than 150".

Vague quantities follow ACLED's conservative reading: "a few"/"several" 3, "a dozen" 12,
"dozens" 12, "scores" 20, "hundreds" 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.alternation import compile_rules
from sitrep.theatre.fold import lower

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_VAGUE = {"a few": 3, "few": 3, "several": 3, "a dozen": 12, "dozen": 12, "dozens": 12, "dozens of": 12,
          "scores": 20, "scores of": 20, "hundreds": 100, "hundreds of": 100, "a couple of": 2, "a handful of": 3}
# "a", "an", "no" and "single" count only next to a noun ("a week ago", for dates); as figures
# on their own they would match nearly every sentence.
_ARTICLES = ("a", "an", "no", "single")
_WORD = "|".join(sorted([*(u for u in _UNITS if u not in _ARTICLES), *_TENS], key=len, reverse=True))
_DIGITS = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w.]*\d)(?!\w)")
# Number words, vague quantities first where they overlap ("a dozen" before "a"); on a
# lowered text. See alternation.py for why the rules are compiled this way.
_WORDS, _WORD_RULE = compile_rules([
    "(?:" + "|".join(_TENS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?!\w)",
    r"(?:a few|a dozen|dozens(?: of)?|scores(?: of)?|hundreds(?: of)?|several|a couple of|a handful of)(?!\w)",
    "(?:" + _WORD + r")(?!\w)",
], word_start=r"(?<![\w.,])")
_TENS_RULE, _VAGUE_RULE = 0, 1


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class Number:
    value: int
    start: int
    end: int
    vague: bool


def find_numbers(text: str, offset: int = 0, lowered: str | None = None) -> list[Number]:
    """Every number in the text, in text order (pass `lowered` = fold.lower(text) if known)."""
    lowered = lower(text) if lowered is None else lowered
    found = [Number(int(m.group().replace(",", "")), offset + m.start(), offset + m.end(), False)
             for m in _DIGITS.finditer(text)]
    for match in _WORDS.finditer(lowered):
        words, rule = match.group(), _WORD_RULE[match.lastgroup]
        if rule == _TENS_RULE:
            tens, _, unit = words.replace("-", " ").partition(" ")
            value, vague = _TENS[tens] + _UNITS.get(unit, 0), False
        elif rule == _VAGUE_RULE:
            value, vague = _VAGUE[words], True
        else:
            value, vague = _UNITS.get(words, _TENS.get(words, 0)), False
        found.append(Number(value, offset + match.start(), offset + match.end(), vague))
    return sorted(found, key=lambda n: n.start) if len(found) > 1 else found
