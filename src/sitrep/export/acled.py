"""Incidents as ACLED rows: ACLED's columns, in ACLED's order, then sitrep's own.

One row per incident (one real-world happening), as ACLED has one row per event. Date,
place, kind and actors are the incident headline (its most precise report); the other
actors its reports name go to assoc_actor_1/2; `source` lists every voice, `fatalities` is
the best estimate and sitrep's low/high range follows at the end.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sitrep.models import Document, Event, SourceKind
from sitrep.theatre import Theatre

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
SITREP_COLUMNS = ["incident_id", "verification_status", "n_sources", "fatalities_low", "fatalities_high"]
COLUMNS = ACLED_COLUMNS + SITREP_COLUMNS

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}
# ACLED reads "Excessive force against protesters" as violence and demonstration at once.
_BOTH = {"Excessive force against protesters", "Mob violence"}
_SCALE = {SourceKind.SOCIAL: "New media", SourceKind.OFFICIAL: "International", SourceKind.NGO: "International",
          SourceKind.WITNESS: "Local partner", SourceKind.PARTY: "Other", SourceKind.ANONYMOUS: "Other",
          SourceKind.MEDIA: "National"}
_CIVILIAN_CODE = 7


def acled_row(headline: dict[str, Any], pairs: list[tuple[Event, Document]], theatre: Theatre,
              hidden_sources: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`headline` is an incident row of the store (see store/serving.py); `pairs` its visible
    (event, report) pairs."""
    day = headline["event_date"]
    actor1, actor2 = headline["actor1"], headline["actor2"]
    inter1, inter2 = _inter(theatre, actor1), _inter(theatre, actor2)
    sources = _sources(pairs, hidden_sources)
    sub = headline["sub_event_type"]
    updated: datetime | None = headline["updated_at"]
    return {
        "event_id_cnty": f"{theatre.iso3}{_number(headline['id'])}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": headline["time_precision"],
        "disorder_type": "Political violence; Demonstrations" if sub in _BOTH else _DISORDER.get(headline["event_type"], ""),
        "event_type": headline["event_type"],
        "sub_event_type": sub,
        "actor1": actor1 or "",
        "assoc_actor_1": "; ".join(_associated(pairs, "actor1", {actor1, actor2})),
        "inter1": inter1 if inter1 is not None else "",
        "actor2": actor2 or "",
        "assoc_actor_2": "; ".join(_associated(pairs, "actor2", {actor1, actor2})),
        "inter2": inter2 if inter2 is not None else "",
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == _CIVILIAN_CODE else "",
        "iso": theatre.iso,
        "region": theatre.region,
        "country": theatre.country,
        "admin1": headline["admin1"] or "",
        "admin2": headline["admin2"] or "",
        "admin3": "",
        "location": headline["location"] or "",
        "latitude": headline["latitude"] if headline["latitude"] is not None else "",
        "longitude": headline["longitude"] if headline["longitude"] is not None else "",
        "geo_precision": headline["geo_precision"] if headline["geo_precision"] is not None else "",
        "source": "; ".join(name for name, _ in sources),
        "source_scale": "-".join(sorted({_SCALE[kind] for _, kind in sources})),
        "notes": headline["notes"] or "",
        "fatalities": headline["fatalities_best"] if headline["fatalities_best"] is not None else 0,
        "tags": f"sitrep: {headline['status']}",
        "timestamp": int(updated.timestamp()) if updated else "",
        "incident_id": headline["id"],
        "verification_status": headline["status"],
        "n_sources": headline["n_sources"] if headline["n_sources"] is not None else len(sources),
        "fatalities_low": headline["fatalities_low"] if headline["fatalities_low"] is not None else "",
        "fatalities_high": headline["fatalities_high"] if headline["fatalities_high"] is not None else "",
    }


def _number(incident_id: str) -> str:
    """ACLED's ids are the country code and digits: INC-1234 → 1234 (a split's INC-12-2 → 122)."""
    digits = re.sub(r"\D", "", incident_id)
    return digits or incident_id


def _inter(theatre: Theatre, actor: str | None) -> int | None:
    return theatre.actors[actor].inter_code if actor in theatre.actors else None


def _interaction(inter1: int | None, inter2: int | None) -> int | str:
    if inter1 is None:
        return ""
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _associated(pairs: list[tuple[Event, Document]], side: str, primary: set[str | None]) -> list[str]:
    found: list[str] = []
    for event, _ in pairs:
        name = getattr(event, side)
        if name and name not in primary and name not in found:
            found.append(name)
    return found


def _sources(pairs: list[tuple[Event, Document]], hidden: frozenset[str]) -> list[tuple[str, SourceKind]]:
    """Every named source of the incident's reports (the outlets and who they quote), once."""
    found: dict[str, SourceKind] = {}
    for event, document in pairs:
        if document.outlet:
            found.setdefault(document.outlet, SourceKind.MEDIA)
        for claim in event.claims:
            name = claim.source.name
            if name not in hidden and name != "the outlet":
                found.setdefault(name, claim.source.kind)
    return list(found.items())
