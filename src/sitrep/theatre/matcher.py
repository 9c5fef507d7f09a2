"""One pass over a text that finds every dictionary name in it, with its character span.

An Aho-Corasick automaton holds each folded key padded with a space on both sides, and the
text is folded the same way (see fold.py), so only whole words match and the automaton never
reports "kot" inside "Kotal" or "dara" inside "Kandahar". Overlapping finds are settled by
keeping the longest, leftmost ones: "Mazar-i-Sharif" wins over "Sharif".
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from sitrep.theatre.fold import fold

V = TypeVar("V", bound=Hashable)


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class Match(Generic[V]):
    start: int
    end: int
    key: str
    value: V


class NameMatcher(Generic[V]):
    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        """`entries`: (folded key, value) pairs; a key given twice keeps the first value."""
        self._automaton = ahocorasick.Automaton()
        for key, value in entries:
            padded = f" {key} "
            if padded not in self._automaton:
                self._automaton.add_word(padded, (key, value))
        self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str, folded: str | None = None) -> list[Match[V]]:
        """Longest non-overlapping whole-word matches, in text order.

        Pass `folded` (= fold(text)) when several matchers scan the same text.
        """
        if not len(self._automaton):
            return []
        padded = f" {folded if folded is not None else fold(text)} "
        found = []
        for last, (key, value) in self._automaton.iter(padded):
            end = last - 1  # drop the trailing pad, and shift back by the leading one
            found.append(Match(end - len(key), end, key, value))
        found.sort(key=lambda m: (m.start, m.start - m.end))
        kept: list[Match[V]] = []
        reach = -1
        for match in found:
            if match.start >= reach:
                kept.append(match)
                reach = match.end
        return kept
