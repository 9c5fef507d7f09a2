"""Looking a name up in the gazetteer the way a person types it: misspelt, partial, any script."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from sitrep.models import Place
from sitrep.theatre import Theatre
from sitrep.theatre.fold import fold_name

_KIND_ORDER = {"province": 0, "district": 1, "town": 2}


@dataclass(frozen=True, slots=True)
class Hit:
    place: Place
    score: float
    matched: str  # the folded spelling that matched


def search(theatre: Theatre, query: str, limit: int = 10, kind: str | None = None) -> list[Hit]:
    """Best places for `query`, exact spellings first, then by similarity, rank and size."""
    wanted = fold_name(query)
    if not wanted:
        return []
    keys = _keys(theatre)
    scores = {key: float(score) for key, score, _ in process.extract(
        wanted, keys, scorer=fuzz.ratio, limit=max(50, limit * 10), score_cutoff=75)}
    if len(wanted) >= 3:  # someone typing the start of a name: "Mazar", "Pul-e"
        scores.update({key: max(scores.get(key, 0.0), 80.0) for key in keys if key.startswith(wanted + " ")})
    best: dict[str, Hit] = {}
    for key, score in scores.items():
        score = 100.0 if key == wanted else score
        for place_id in theatre.keys[key]:
            place = theatre.places[place_id]
            if kind and place.kind != kind:
                continue
            if place_id not in best or best[place_id].score < score:
                best[place_id] = Hit(place, round(score, 1), key)
    ranked = sorted(best.values(), key=lambda h: (-h.score, _KIND_ORDER.get(h.place.kind, 3),
                                                  -(h.place.population or 0), h.place.name))
    return ranked[:limit]


@lru_cache(maxsize=8)
def _keys(theatre: Theatre) -> list[str]:
    return list(theatre.keys)
