"""Words that report a happening, mapped to ACLED's event type and sub-event type.

Ordered from the most specific to the most general: in "a suicide bomber detonated his
explosives", "suicide" decides before "explosives" can. Each trigger carries its span, so
the event type of every extracted event points at the words that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.alternation import any_of, compile_rules, cue_words
from sitrep.extract.sentences import Sentence
from sitrep.lexicons import load_lexicon
from sitrep.theatre import Theatre
from sitrep.theatre.fold import lower

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

_LEXICON = load_lexicon("en")
_RULES: list[tuple[str, str, str]] = [(rule["event_type"], rule["sub_event_type"], "|".join(rule["phrases"]))
                                      for rule in _LEXICON.table("triggers")["rules"]]
_GENERIC = frozenset(i for i, rule in enumerate(_LEXICON.table("triggers")["rules"]) if rule.get("generic"))
# Matched case-sensitively against a lowered copy of the text (see fold.lower): much faster
# than re.IGNORECASE, and offsets are unchanged. All rules in one pattern, most specific
# first, so the text is scanned once (see alternation.py for how it stays fast).
_COMBINED, _RULE_OF = compile_rules([pattern for _, _, pattern in _RULES])
_RANK: dict[str, int] = {}
for _index, (_, _sub, _) in enumerate(_RULES):
    _RANK.setdefault(_sub, _index)  # a sub-type ranks by its first rule
_WEAK = re.compile("(?:" + _LEXICON.alternation("triggers", "weak") + ")", re.I)


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class Trigger:
    event_type: str
    sub_event_type: str
    start: int
    end: int
    text: str
    generic: bool = False  # deaths told without the kind of violence ("were killed")

    @property
    def rank(self) -> int:
        """Lower is more specific."""
        return _RANK[self.sub_event_type]

    @property
    def weak(self) -> bool:
        """A generic word ("attack", "assault", "operation", "were killed") that names no kind of
        violence of its own: it adds to an event told nearby rather than starting one."""
        return self.generic or (self.sub_event_type == "Armed clash" and bool(_WEAK.match(self.text)))


def find_triggers(text: str, offset: int = 0, lowered: str | None = None) -> list[Trigger]:
    """Every trigger in the text, in text order (pass `lowered` = fold.lower(text) if known)."""
    lowered = lower(text) if lowered is None else lowered
    found = []
    for match in _COMBINED.finditer(lowered):
        rule = _RULE_OF[match.lastgroup]
        event_type, sub, _ = _RULES[rule]
        found.append(Trigger(event_type, sub, offset + match.start(), offset + match.end(),
                             text[match.start() : match.end()], rule in _GENERIC))
    return found


def most_specific_first(triggers: list[Trigger]) -> list[Trigger]:
    """The triggers of one sentence, most specific first, deaths told without their kind last.
    Shelling told together with a clash is part of the battle ("fighting with mortars"), so
    there the clash leads."""
    clash = any(t.sub_event_type == "Armed clash" for t in triggers)
    return sorted(triggers, key=lambda t: (t.generic, t.rank if not (clash and t.sub_event_type.startswith("Shelling"))
                                           else 99, t.start))


_HYPOTHETICAL = _LEXICON.pattern("happening", "hypothetical", r"\b(?:{})\s+(?:[\w'’-]+\s+){0,5}?$")
_NEGATED = _LEXICON.pattern("happening", "negation", r"\b(?:{})\s+(?:[\w'’-]+\s+){0,3}$")
# One of these is in every phrase the two patterns above know (checked first: most windows have none).
_REFERRING = _LEXICON.pattern("happening", "referring", r"\b(?:{})\s+$")
# a participle ("executed", "detained") followed by the noun it qualifies, not by "by", "in", "and"…
_PARTICIPLE_BEFORE_NOUN = re.compile(r"[a-z]+ed\s+(?!(?:by|in|on|at|and|or|to|for|from|with|after|during|near|as|is|was|were)\b)[a-z]{3,}")
_HYPOTHETICAL_WORDS = any_of(cue_words(_LEXICON.phrases("happening", "hypothetical")))
_NEGATED_WORDS = any_of(cue_words(_LEXICON.phrases("happening", "negation")))


_RECALL = _LEXICON.pattern("happening", "recall_openers", r"\W*(?:{})")


@lru_cache(maxsize=8)
def _background(theatre: Theatre) -> re.Pattern[str]:
    """The language's background markers and the theatre's own."""
    phrases = _LEXICON.phrases("happening", "background") + list(theatre.lexicon.get("background", ()))
    return re.compile(r"\b(?:" + "|".join(phrases) + ")")


def is_background(sentence: Sentence, lowered: str, theatre: Theatre) -> bool:
    """A sentence of history, a trend or a tally ("since 2021", "decades of war")."""
    return bool(_RECALL.match(lowered, sentence.start) or _background(theatre).search(lowered, sentence.start, sentence.end))


def live_triggers(sentence: Sentence, triggers: list[Trigger], lowered: str, theatre: Theatre) -> list[Trigger]:
    """Triggers that report something that happened: not hypothetical, negated or background.
    (The patterns run on the lowered text.)"""
    if not triggers or is_background(sentence, lowered, theatre):
        return []
    live = []
    for trigger in triggers:
        before = lowered[max(sentence.start, trigger.start - 60) : trigger.start]
        if (_HYPOTHETICAL_WORDS.search(before) and _HYPOTHETICAL.search(before)) or (
                _NEGATED_WORDS.search(before) and _NEGATED.search(before)):
            continue
        if _REFERRING.search(before) and _PARTICIPLE_BEFORE_NOUN.match(lowered, trigger.start):
            continue  # "the detained engineer": someone the report has told of, not a new happening
        live.append(trigger)
    return live
