"""Numbers as news writes them: "16", "1,200", "nine", "twenty-one", "dozens", "more than 150".

Vague quantities follow ACLED's conservative reading: "a few"/"several" 3, "a dozen" 12,
"dozens" 12, "scores" 20, "hundreds" 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
NUMBER = re.compile(
    r"(?<![\w.,])(?:"
    r"(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?![\w.]*\d)"
    r"|(?P<tens>" + "|".join(_TENS) + r")(?:[- ](?P<unit>one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?P<vague>a few|a dozen|dozens(?: of)?|scores(?: of)?|hundreds(?: of)?|several|a couple of|a handful of)"
    r"|(?P<word>" + _WORD + r")"
    r")(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Number:
    value: int
    start: int
    end: int
    vague: bool


def find_numbers(text: str, offset: int = 0) -> list[Number]:
    found = []
    for match in NUMBER.finditer(text):
        if match.group("digits"):
            value = int(match.group("digits").replace(",", ""))
        elif match.group("tens"):
            value = _TENS[match.group("tens").lower()] + (_UNITS[match.group("unit").lower()] if match.group("unit") else 0)
        elif match.group("vague"):
            value = _VAGUE[match.group("vague").lower()]
        else:
            word = match.group("word").lower()
            if word in ("a", "an", "no", "single"):  # only meaningful next to a noun; see fatalities
                continue
            value = _UNITS.get(word, _TENS.get(word, 0))
        found.append(Number(value, offset + match.start(), offset + match.end(), bool(match.group("vague"))))
    return found
