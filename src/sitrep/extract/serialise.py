"""Events as the annotation guide's JSON records (plus sitrep's extra fields)."""

from __future__ import annotations

from typing import Any

from sitrep.models import Event


def event_to_record(event: Event) -> dict[str, Any]:
    return {
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "inter1": event.inter1,
        "inter2": event.inter2,
        "interaction": event.interaction,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "fatalities": event.fatalities,
        "fatality_claims": [{"source": f.source, "number": f.number} for f in event.fatality_claims],
        "claims": [
            {
                "source": c.source.name,
                "source_kind": c.source.kind.value,
                "affiliation": c.source.affiliation,
                "stance": c.stance.value,
                "quote": c.quote,
            }
            for c in event.claims
        ],
        "notes": event.notes,
        "confidence": event.confidence,
        "spans": {key: [span.start, span.end] for key, span in sorted(event.spans.items())},
    }
