"""Who did what to whom, and what a date modifies, read from a sentence's dependency parse.

Word windows guess roles from order ("the Taliban … attacked"), and order lies: "a Taliban
convoy was ambushed by resistance fighters" puts the target first. The parse says which
words are the subject, the object and the agent of the word that tells the happening, so
roles hold in sentences no rule was written for:

* a verb trigger ("ambushed"): its subject and its "by" agent did it; its object, its
  passive subject and what it was done "on"/"against" suffered it;
* a noun trigger ("an attack", "the clash"): its possessor and its "by" phrase did it, what
  it was "on"/"against" suffered it, and it lends the roles of the verb it is the object of
  ("the front launched an attack") or the subject of ("the attack hit a checkpoint");
* a generic subject ("its fighters", "it") inside what someone said stands for the speaker:
  in "the front said its fighters ambushed a convoy" the front did it.

Parses are spaCy Docs of one sentence each (offsets relative to the sentence).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_TARGET_PREPOSITIONS = frozenset(("on", "against", "at", "targeting", "upon", "with"))  # "clashed with": the other side
_PRONOUN_TAGS = frozenset(("PRP", "PRP$"))
_COMPLETES = frozenset(("xcomp", "conj", "advcl", "pcomp", "prep", "prt"))  # "went on clashing", "and killed"


def token_at(parse: Any, start: int, end: int) -> Any | None:
    """The head token of the words in [start, end) (sentence offsets): the one whose own head
    lies outside them."""
    inside = [t for t in parse if start <= t.idx < end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[-1])


def _objects_of(preposition: Any) -> list[Any]:
    return [c for c in preposition.children if c.dep_ == "pobj"]


def _generic(subject: Any) -> bool:
    """'it', 'they', 'its fighters', 'their forces': a subject that names nobody by itself."""
    if subject.tag_ in _PRONOUN_TAGS:
        return True
    return any(c.dep_ == "poss" and c.tag_ in _PRONOUN_TAGS for c in subject.children)


def role_tokens(parse: Any, trigger: Any, reporting: frozenset[str]) -> tuple[list[Any], list[Any]]:
    """(tokens whose subtrees did it, tokens whose subtrees suffered it) for a trigger token."""
    doers: list[Any] = []
    sufferers: list[Any] = []
    predicate = trigger if trigger.pos_ in ("VERB", "AUX") else None
    if predicate is None:
        for child in trigger.children:
            if child.dep_ == "poss" and child.tag_ not in _PRONOUN_TAGS:
                doers.append(child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                doers += _objects_of(child)
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS:
                sufferers += _objects_of(child)
        if trigger.dep_ in ("dobj", "nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX"):
            predicate = trigger.head
        elif trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and trigger.head.head.pos_ == "VERB":
            predicate = trigger.head.head  # "the rebels went on fighting", "engaged in clashes"
    if predicate is not None:
        if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in predicate.children):
            # "the front went on clashing with …", "attacked a post and killed five": the
            # subject of the verb this one completes or continues
            governing, steps = predicate, 0
            while governing.dep_ in _COMPLETES and governing.head.i != governing.i and steps < 3:
                governing, steps = governing.head, steps + 1
                subjects = [c for c in governing.children if c.dep_ == "nsubj"]
                if subjects:
                    doers += subjects
                    break
        for child in predicate.children:
            if child.i == trigger.i:
                continue
            if child.dep_ in ("nsubj", "csubj"):
                (sufferers if trigger.dep_ == "nsubj" and trigger.head is predicate else doers).append(child)
            elif child.dep_ == "agent":
                doers += _objects_of(child)
            elif child.dep_ in ("nsubjpass", "dobj"):
                sufferers.append(child)
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS:
                sufferers += _objects_of(child)
        speaker = _speaker(predicate, reporting)
        if speaker is not None and (not doers or all(_generic(d) for d in doers)):
            doers = [speaker]
    return doers, sufferers


def _speaker(predicate: Any, reporting: frozenset[str]) -> Any | None:
    """The subject of the reporting verb whose complement this predicate is, if any."""
    head = predicate
    while head.dep_ in ("ccomp", "xcomp", "conj") and head.head.i != head.i:
        head = head.head
        if head.lower_ in reporting:
            return next((c for c in head.children if c.dep_ == "nsubj" and not _generic(c)), None)
    return None


def within(tokens: Iterable[Any], offsets: Iterable[tuple[int, int]]) -> list[int]:
    """Which of the (start, end) spans (sentence offsets) lie in the subtree of a token,
    in the order the tokens were given; each span once."""
    spans = list(offsets)
    found: list[int] = []
    for token in tokens:
        subtree = list(token.subtree)
        low, high = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
        for number, (start, end) in enumerate(spans):
            if number not in found and low <= start and end <= high:
                found.append(number)
    return found


def governor(parse: Any, start: int, end: int) -> Any | None:
    """The verb (or noun, for "a statement on Friday") a phrase at [start, end) modifies: the
    first verb or noun above it that is not part of it."""
    token = token_at(parse, start, end)
    if token is None:
        return None
    seen = 0
    while token.head.i != token.i and seen < 12:
        token = token.head
        seen += 1
        if token.idx >= end or token.idx + len(token) <= start:
            if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "pobj"):
                return token
            if token.pos_ == "NOUN" and token.head.pos_ == "ADP":
                continue
    return token if token.pos_ in ("VERB", "AUX", "NOUN") else None


_SINGULAR = frozenset(("NN", "NNP"))
_ONE_PERSON_PRONOUNS = frozenset(("he", "she", "him", "her"))


def victims(parse: Any, death_verbs: dict[str, str], particles: dict[str, list[str]]) -> tuple[int, int, int] | None:
    """How many people a death verb with no number names as its dead — its object, or its
    passive (or, for "died", its plain) subject, with their conjuncts: "killed a teacher" 1,
    "the judge and his driver were shot dead" 2 — and the span (sentence offsets) of those
    words. None when the dead are counted by a number, plural, or not named at all."""
    for token in parse:
        lemma = death_verbs.get(token.lower_)  # every form, with its base: "shot" is "shoot"
        if lemma is None or token.pos_ != "VERB":
            continue
        if lemma in particles and not any(c.lower_ in particles[lemma] for c in token.subtree):
            continue  # "shot" without "dead": wounded, perhaps
        deps = ("nsubj",) if lemma == "die" else ("dobj", "nsubjpass")
        dead = next((c for c in token.children if c.dep_ in deps), None)
        if dead is None and token.dep_ == "conj":  # "was beaten and killed": the first verb's subject
            dead = next((c for c in token.head.children if c.dep_ in deps and c.dep_ != "dobj"), None)
        if dead is None:
            continue
        people = [dead] + [c for c in dead.subtree if c.dep_ == "conj" and c.head.i in {dead.i, *(x.i for x in dead.conjuncts)}]
        if any(any(c.dep_ == "nummod" for c in p.children) for p in people):
            return None  # counted by a number: the figure rules read it
        if all(p.tag_ in _SINGULAR or p.lower_ in _ONE_PERSON_PRONOUNS for p in people):
            words = list(dead.subtree)
            return len(people), words[0].idx, words[-1].idx + len(words[-1])
    return None
