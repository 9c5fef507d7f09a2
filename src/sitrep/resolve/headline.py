"""The line an incident is listed, mapped and counted by: its most precise report's account.

An incident gathers several reports of one happening; lists, the map and ACLED's one row
per event need one date, one place, one kind and one pair of actors. They come from the
event that says the most (the most exact day, then the most exact place, then the first
reported), and actors the lead report leaves open are taken from the others.
"""

from __future__ import annotations

from typing import Any

from sitrep.models import Document, Event
from sitrep.resolve.verify import Assessment

_VAGUE_ACTORS = {None, "Unidentified Armed Group (Afghanistan)"}


def lead_event(events: list[Event]) -> Event:
    return min(events, key=lambda e: (e.time_precision or 9, e.geo_precision or 9, e.event_date is None, e.id or 0))


def headline(pairs: list[tuple[Event, Document]], assessment: Assessment) -> dict[str, Any]:
    events = [event for event, _ in pairs]
    lead = lead_event(events)
    actor1, actor2 = lead.actor1, lead.actor2
    for event in events:  # "unidentified gunmen" in one report, named in another
        if actor1 in _VAGUE_ACTORS and event.actor1 not in _VAGUE_ACTORS and event.actor1 != actor2:
            actor1 = event.actor1
        if actor2 in _VAGUE_ACTORS and event.actor2 not in _VAGUE_ACTORS and event.actor2 != actor1:
            actor2 = event.actor2
    return {
        "event_date": lead.event_date, "time_precision": lead.time_precision, "event_type": lead.event_type,
        "sub_event_type": lead.sub_event_type, "actor1": actor1, "actor2": actor2, "admin1": lead.admin1,
        "admin2": lead.admin2, "location": lead.location, "latitude": lead.latitude, "longitude": lead.longitude,
        "geo_precision": lead.geo_precision, "n_events": len(events),
        "n_sources": len({v.key for v in assessment.asserting + assessment.denying}),
        "notes": lead.notes, "restricted": all(document.restricted for _, document in pairs),
    }
