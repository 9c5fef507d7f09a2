"""Extraction: Document → report-level Events with Claims, every field traceable to its text.

Extraction is a pipeline of registered components over one `models.Doc` (see registry.py and
the shipped config, pipeline.toml). Each component writes one layer — sentences, places,
actors, dates, triggers, claims, stances, death figures, parses, events — and reads the
layers before it, so any one of them (a rule, a learned model) can be swapped by config.
"""

from __future__ import annotations

from datetime import date

from sitrep.extract.pipeline import Pipeline, PipelineConfig, default_pipeline
from sitrep.extract.serialise import event_to_record
from sitrep.models import Event
from sitrep.theatre import Theatre


def extract_events(text: str, published: date | None, theatre: Theatre, document_sha256: str = "",
                   outlet: str | None = None, url: str | None = None) -> list[Event]:
    """The events a report describes, by the default pipeline. `outlet` names who published
    it (a party's statement or a social-media account speaks for itself); `url` dates a
    report that has no publication date of its own, when its address does."""
    return default_pipeline(theatre).extract(text, published, document_sha256, outlet, url)


__all__ = ["Pipeline", "PipelineConfig", "default_pipeline", "event_to_record", "extract_events"]
