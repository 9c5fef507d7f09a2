"""Actor names in a text → canonical actors, through aliases and named members.

"the Islamic Emirate", "de facto authorities" and "Zabihullah Mujahid" all point at the
Taliban; "Pakistani Taliban" at the TTP (the longer name wins). Acronyms are written in
capitals in the dictionary and must be in capitals in the text, so that "IS" or "ALF" never
fire on ordinary words. "Anti-Taliban" names the Taliban's opponents, not the Taliban.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.models import Actor
from sitrep.theatre import Theatre
from sitrep.theatre.fold import fold


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class ActorMention:
    name: str  # as written in the text
    start: int
    end: int
    actor: Actor
    via: str  # the dictionary alias or member name that matched
    member: bool  # a named person of the actor rather than the actor itself


def find_actors(text: str, theatre: Theatre, folded: str | None = None) -> list[ActorMention]:
    folded = fold(text) if folded is None else folded
    mentions = []
    for match in theatre.actor_matcher.find(text, folded):
        actor_name, alias = match.value
        surface = text[match.start : match.end]
        if _is_acronym(alias) and surface != surface.upper():
            continue
        if folded.endswith("anti ", 0, match.start):  # "anti-Taliban fighters" are their opponents
            continue
        actor = theatre.actors[actor_name]
        mentions.append(ActorMention(surface, match.start, match.end, actor, alias, alias in actor.members))
    return mentions


@lru_cache(maxsize=4096)
def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and alias.isascii()
