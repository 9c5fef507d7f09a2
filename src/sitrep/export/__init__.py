"""Exports: incidents as ACLED CSV, GeoJSON, JSON Lines or Parquet, and per-incident evidence
bundles. Functions over records the store hands out; nothing here opens the database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.export.acled import ACLED_COLUMNS, COLUMNS, acled_row
from sitrep.export.formats import MEDIA_TYPES, SUFFIXES, ExportFormat, feature, write
from sitrep.export.records import headline_of, incident_record, redact, with_voices
from sitrep.models import Document, Event
from sitrep.theatre import Theatre


def rows_for(found: Iterable[tuple[dict[str, Any], list[tuple[Event, Document]]]], theatre: Theatre,
             hidden_sources: frozenset[str] = frozenset()) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(ACLED row, JSON record) for each (incident headline, visible events) the store yields."""
    for headline, pairs in found:
        yield acled_row(headline, pairs, theatre, hidden_sources), incident_record(headline, pairs, hidden_sources)


__all__ = ["ACLED_COLUMNS", "COLUMNS", "MEDIA_TYPES", "SUFFIXES", "ExportFormat", "acled_row", "feature",
           "headline_of", "incident_record", "redact", "rows_for", "with_voices", "write"]
