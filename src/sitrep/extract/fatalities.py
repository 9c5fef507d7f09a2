"""Death figures in a sentence: "killing 16", "19 people were killed", "the death toll rose to
53", "seven soldiers and two farmers died", "nobody was hurt".

A figure counts only when the words around it speak of deaths, not of the wounded and not of
"killed and injured" taken together. Figures joined by "and" in one clause add up (the
victims on each side); figures from different sentences are separate claims, and the event
takes the most conservative (ACLED's rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitrep.extract.alternation import any_of
from sitrep.extract.numbers import find_numbers
from sitrep.theatre.fold import lower

# "were reportedly killed", "were later shot dead"
_ADVERB = r"(?:reportedly|allegedly|later|also|all|subsequently|eventually|then)\s+"
# "Four shepherds, two brothers among them, were killed": an aside
# between commas may stand between the victims and the verb.
_DEATH_AFTER = re.compile(
    r"^(?:[\w'’-]+\s+){0,5}?(?:(?:[\w'’-]+)?,[^,.;:]{1,60},\s*)?(?P<aux>(?:were|was|have been|had been|are|being)\s+)?"
    r"(?:" + _ADVERB + r")?"
    r"(?P<verb>killed|dead|died|deaths|bodies|lost their lives|lost his life|martyred|fatalities|executed|"
    r"shot dead|gunned down|murdered|killings?)\b", re.I)
# Without "were", a verb followed by its object is active: in "two gunmen shot dead a
# policeman" the two are the killers, in "two gunmen killed in a raid" the dead.
_ACTIVE = frozenset(("killed", "executed", "shot dead", "gunned down", "murdered", "martyred"))
_OBJECT = re.compile(r"\s+(?:a|an|the|his|her|their|its|him|them|two|three|four|five|six|seven|eight|nine|ten|"
                     r"dozens|several|at least|\d)\b", re.I)
_DEATH_BEFORE = re.compile(
    r"\b(?:killing|killed|kills|kill|martyring|(?:killings?|murders?|deaths?|executions?|assassinations?) of|death toll (?:\w+\s+){0,3}(?:to|at|of)|toll (?:\w+\s+){0,2}(?:to|at|of)|"
    r"claimed the lives of|the lives of|(?P<left>leaving|leaves|left)|executed|shot dead|executing|dead(?: were)?|"
    r"bodies of|gunned down|murdered|murdering)\s+"
    r"(?:at least\s+|more than\s+|over\s+|some\s+|about\s+|around\s+|nearly\s+|up to\s+|another\s+)?$", re.I)
# "leaving three dead", but not "left six people injured"
_LEFT_DEAD = re.compile(r"^(?:[\w'’-]+\s+){0,3}?(?:dead|killed)\b", re.I)
_COMBINED = re.compile(r"^(?:[\w'’-]+\s+){0,4}?(?:killed|dead) (?:and|or) (?:injured|wounded)|"
                       r"^(?:(?!killed|dead)[\w'’-]+\s+){0,2}?(?:casualties|wounded|injured|hurt)\b", re.I)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_NOT_COUNTS = re.compile(r"(?:[-\s]*(?:year|years|yr|month|km|kilomet|mile|percent|%|am|pm|a\.m|p\.m|o'clock|"
                         r"th\b|st\b|nd\b|rd\b|hours?|days?|weeks?|"
                         r"famil(?:y|ies)\b|households?\b))", re.I)  # "ten members of one family": the ten count
_ZERO = re.compile(r"\b(?:no (?:one|casualties|deaths|fatalities|injuries|one was (?:killed|hurt))|"
                   r"no(?:body| one) (?:was|were) (?:killed|hurt|injured)|without (?:any )?casualties|"
                   r"(?:caused|suffered|reported) no (?:casualties|deaths))\b", re.I)


_ZERO_WORDS = any_of(("no ", "nobody", "without"))  # one is in every phrase _ZERO knows


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class DeathFigure:
    number: int
    start: int
    end: int
    vague: bool = False  # "several", "dozens": ACLED's conservative reading, when nothing says more
    named: bool = False  # the dead named, not counted ("a teacher was shot dead"): perhaps only some of them


_SPEAKS_OF_DEATH = re.compile(r"kill|dead|die|death|toll|lives|life|martyr|bod(?:y|ies)|fatalit|execut|shot|"
                              r"casualt|no one|nobody|gunned|murder|assassinat")
# One victim named by a noun, not a number: "shot dead a former soldier", "a man was killed".
_PERSON = (r"(?:man|woman|boy|girl|child|soldier|policeman|officer|commander|member|fighter|civilian|journalist|"
           r"reporter|student|teacher|cleric|imam|judge|prosecutor|official|worker|farmer|shopkeeper|driver|"
           r"activist|guard|bodyguard|doctor|resident|villager|person|youth|elder|employee|cadet|militant|prisoner|"
           r"detainee|son|daughter|brother|wife|husband|father|nephew|colleague|companion|friend|mullah|"
           r"scholar|governor|engineer|nurse|businessman)")
_ONE_VICTIM = re.compile(
    r"\b(?:killed|killing|kills|shot dead|shooting dead|executed|executing|gunned down|murdered|murdering|beheaded|"
    r"assassinated|assassinating)\s+(?:a|an)\s+(?:[\w'’-]+\s+){0,3}?" + _PERSON + r"\b"
    r"|\b(?:a|an|the|his|her)\s+(?:[\w'’-]+\s+){0,3}?" + _PERSON + r",?\s+(?:was|has been|had been)\s+(?:also\s+)?"
    r"(?:killed|shot dead|executed|gunned down|murdered|beheaded|assassinated)\b", re.I)
# "the district judge was shot dead along with his nephew": one, and the one beside him
_WITH_COMPANION = re.compile(
    r"\b(?:was|has been|had been)\s+(?:killed|shot dead|gunned down|murdered|assassinated)\s+(?:together|along)\s+"
    r"with\s+(?:his|her)\s+(?:[\w'’-]+\s+){0,2}?" + _PERSON + r"\b", re.I)


# "killing both", "both of them were shot dead": two, named by the word "both"
_BOTH = re.compile(r"\b(?:killing|killed|kills|executing|executed)\s+both\b(?!\s+(?:sides|the|of (?:the|their)))"
                   r"|\bboth\s+(?:of them\s+|men\s+)?(?:were|have been|had been)\s+(?:" + _ADVERB + r")?"
                   r"(?:killed|shot dead|executed|gunned down)\b", re.I)


def death_cues(lowered: str) -> Iterator[int]:
    """Offsets in a whole lowered text of the words without which a sentence gives no death
    figure (one scan per document is cheaper than one per sentence)."""
    return (match.start() for match in _SPEAKS_OF_DEATH.finditer(lowered))


def find_deaths(text: str, start: int, end: int, lowered: str | None = None) -> list[DeathFigure]:
    """Death figures in text[start:end]; a clause listing several victims gives their sum.
    Pass `lowered` = fold.lower(text) when the caller has it."""
    sentence = text[start:end]
    low = lowered[start:end] if lowered is not None else lower(sentence)
    if not _SPEAKS_OF_DEATH.search(low):
        return []
    zero = _ZERO.search(sentence) if _ZERO_WORDS.search(low) else None
    if zero and not any(True for _ in _candidates(sentence, low)):
        return [DeathFigure(0, start + zero.start(), start + zero.end())]
    figures = [DeathFigure(n.value, start + n.start, start + n.end, n.vague) for n in _candidates(sentence, low)]
    if not figures and not zero:
        two = _WITH_COMPANION.search(sentence) or _BOTH.search(sentence)
        if two:
            return [DeathFigure(2, start + two.start(), start + two.end(), named=True)]
        one = _ONE_VICTIM.search(sentence)
        if one:
            return [DeathFigure(1, start + one.start(), start + one.end(), named=True)]
    return _sum_lists(text, figures)


# "three soldiers and two farmers", "six fighters together with 14 others": one list of the dead
_AND = r"(?:and|as well as|plus|together with|along with)\s+(?:at least\s+|more than\s+)?"
# "six fighters, a commander among them, were killed together with 14 others"
_TOGETHER = re.compile(r"[^.;:]{0,80}?\b(?:killed|dead|died)\s+(?:together|along) with\s+(?:at least\s+)?", re.I)
_LIST_CONTINUES = re.compile(r"^\s*(?:(?:[\w'’-]+\s+){0,4}?" + _AND + r"|" + _TOGETHER.pattern + ")$", re.I)
_HURT = re.compile(r"\b(?:wounded|injured|hurt)\b", re.I)


_MONTH_AFTER = re.compile(r"\s*" + _MONTH + r"\b", re.I)
_MONTH_BEFORE = re.compile(r"\b" + _MONTH + r"\s*$", re.I)
_REACH = 150


def _candidates(sentence: str, lowered: str):
    previous_end = None
    for number in find_numbers(sentence, lowered=lowered):
        after = sentence[number.end :].lstrip()
        near = max(0, number.start - _REACH)  # the words before it that can matter
        if _NOT_COUNTS.match(sentence, number.end) or 1900 <= number.value <= 2100 or \
                _MONTH_AFTER.match(sentence, number.end) or _MONTH_BEFORE.search(sentence, near, number.start):
            continue  # an age, a distance, a time or a date
        before = _DEATH_BEFORE.search(sentence, near, number.start)
        if before and (not before["left"] or _LEFT_DEAD.match(after)):
            previous_end = number.end
            yield number
            continue
        if _COMBINED.match(after):
            continue
        continues = previous_end is not None and _LIST_CONTINUES.match(sentence[previous_end : number.start]) \
            and not _HURT.search(after[:40])
        death = _DEATH_AFTER.match(after)
        if death and not death["aux"] and death["verb"].lower() in _ACTIVE and _OBJECT.match(after, death.end()):
            continue  # the number counts the killers
        if death or continues:
            previous_end = number.end
            yield number


def _sum_lists(text: str, figures: list[DeathFigure]) -> list[DeathFigure]:
    """'killed three police officers and at least 11 attackers' → one figure, 14."""
    merged: list[DeathFigure] = []
    for figure in figures:
        if merged:
            between = text[merged[-1].end : figure.start]
            together = _TOGETHER.fullmatch(between)
            if together or re.fullmatch(r"\s*(?:[\w'’-]+\s+){0,4}?" + _AND, between, re.I) \
                    and not re.search(r"\b(?:wounded|injured|hurt|died|dead)\b", between):
                last = merged.pop()
                merged.append(DeathFigure(last.number + figure.number, last.start, figure.end, last.vague or figure.vague))
                continue
        merged.append(figure)
    return merged
