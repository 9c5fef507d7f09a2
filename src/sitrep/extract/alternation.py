"""Many word patterns in one regex that the engine can scan fast, still telling which one matched.

Python's regex engine tries the alternatives of `(?P<a>…)|(?P<b>…)|…` one after the other at
every word start. It skips an alternative at once only when it begins with a literal
character that is not the one under the cursor, and a named group hides that literal. So
the rules are rewritten: every top-level alternative is expanded until it begins with a
letter or digit ("(?:car|truck) bomb" → "car bomb", "truck bomb"; "(?:hand )?grenade" → "hand
grenade", "grenade"), alternatives are bucketed by that letter, and an empty named group at
the end of each says which rule matched. Order inside a bucket is the rules' order, so at
any position the same alternative wins as in the plain union: the result is identical, and
four times faster on news text.
"""

from __future__ import annotations

import re


def compile_rules(patterns: list[str], word_start: str = r"(?<![a-z0-9_])") -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for `patterns` (lower-case regexes, earlier ones preferred), and a map from
    `match.lastgroup` to the index of the pattern that matched."""
    buckets: dict[str, list[str]] = {}
    rule_of: dict[str, int] = {}
    for index, pattern in enumerate(patterns):
        for number, alternative in enumerate(a for top in _alternatives(pattern) for a in _expand(top)):
            name = f"r{index}_{number}"
            rule_of[name] = index
            buckets.setdefault(alternative[0], []).append(f"{alternative[1:]}(?P<{name}>)")
    body = "|".join(f"{re.escape(letter)}(?:{'|'.join(rest)})" for letter, rest in buckets.items())
    return re.compile(f"{word_start}(?:{body})"), rule_of


def any_of(words: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """A pattern that finds any of these literal strings: the cheap test run before an
    expensive pattern that needs one of them (a C-speed scan, unlike any(w in text …))."""
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


def cue_words(phrases: list[str]) -> list[str]:
    """The literal words that open each phrase ("threaten" of "threaten(?:s|ed)? to"): one of
    them is in any text a phrase matches, so `any_of(cue_words(…))` is a cheap gate before the
    phrases themselves. Every phrase must open with a literal."""
    words = []
    for phrase in phrases:
        literal = re.match(r"[a-z0-9' -]+", phrase)
        if literal is None or not literal.group().strip():
            raise ValueError(f"a gated phrase must open with a literal word: {phrase!r}")
        stem = literal.group()
        if phrase[len(stem) : len(stem) + 1] in ("?", "*", "{"):
            stem = stem[:-1]  # "plans? to": the letter before an optional mark may be absent
        words.append(stem.strip())
    return words


def _expand(alternative: str) -> list[str]:
    """The alternative as a list of alternatives that each begin with a literal letter."""
    if alternative.startswith(r"\b"):
        return _expand(alternative[2:])  # the word-start check already says it
    if alternative.startswith("(?:"):
        end = _closing(alternative, 0)
        inner, rest = alternative[3:end], alternative[end + 1 :]
        optional = rest.startswith("?")
        rest = rest[1:] if optional else rest
        expanded = [a for part in _alternatives(inner) for a in _expand(part + rest)]
        return expanded + (_expand(rest) if optional else [])
    if not alternative[:1].isalnum() or alternative[1:2] in ("?", "*", "+", "{"):
        raise ValueError(f"a rule alternative must begin with a letter, a digit or a group: {alternative!r}")
    return [alternative]


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (outside groups and character classes)."""
    parts, start = [], 0
    for i, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]


def _closing(pattern: str, opening: int) -> int:
    """The index of the parenthesis that closes the one at `opening`."""
    return next(i for i, char, depth in _structure(pattern, opening) if char == ")" and depth == 0)


def _structure(pattern: str, start: int = 0):
    """(index, character, group depth after it) for the characters that shape a pattern:
    escapes and character classes are stepped over whole."""
    depth, i = 0, start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 2) + 1
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        yield i, char, depth
        i += 1
