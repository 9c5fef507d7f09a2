"""An incident as one JSON record: its verdict, its headline, its sources and every report's
event (the shape of `sitrep incidents --format json`, the API and JSON Lines exports)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sitrep.extract.serialise import event_to_record
from sitrep.models import Document, Event

_HEADLINE = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "admin1",
             "admin2", "location", "latitude", "longitude", "geo_precision", "n_events", "n_sources", "notes"]


def incident_record(headline: dict[str, Any], pairs: list[tuple[Event, Document]],
                    hidden_sources: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        "id": headline["id"],
        "status": headline["status"],
        "analyst_status": headline["analyst_status"],
        "explanation": redact(headline["explanation"], hidden_sources),
        "fatalities_low": headline["fatalities_low"],
        "fatalities_best": headline["fatalities_best"],
        "fatalities_high": headline["fatalities_high"],
        **{name: _plain(headline.get(name)) for name in _HEADLINE},
        "updated_at": _plain(headline["updated_at"]),
        "events": [{"document_id": d.display_id, "event_id": e.id, **event_to_record(e)} for e, d in pairs],
    }


def with_voices(record: dict[str, Any], assessment: Any) -> dict[str, Any]:
    """Add who asserts and who denies (one entry per independent voice) and who gave which death
    figure, from an assessment (resolve/verify.py)."""
    record["sources"] = [{"name": v.label, "kind": v.kind.value, "affiliation": v.party, "stance": stance}
                         for stance, group in (("asserts", assessment.asserting), ("denies", assessment.denying))
                         for v in group]
    record["fatality_figures"] = [{"source": who, "number": n} for who, n in assessment.figures]
    return record


def headline_of(incident: Any) -> dict[str, Any]:
    """A stored incident (store.incidents.IncidentRow) as the headline dict the exports read."""
    return {name: getattr(incident, name) for name in incident.__dataclass_fields__ if name != "events"}


def redact(text: str, hidden_sources: frozenset[str]) -> str:
    """Explanations name their sources; a restricted one is not named to readers."""
    for name in sorted(hidden_sources, key=len, reverse=True):
        text = re.sub(re.escape(name), "a restricted source", text, flags=re.I)
    return text


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value
