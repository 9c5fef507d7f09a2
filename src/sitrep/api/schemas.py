"""The shapes the API answers with (they are its OpenAPI documentation)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field


class IncidentSummary(BaseModel):
    id: str
    status: str = Field(description="single-source | claimed | corroborated | contested | confirmed")
    analyst_status: str | None = None
    explanation: str
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    event_date: date | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    n_events: int | None = None
    n_sources: int | None = None
    updated_at: datetime | None = None


_NEXT = "Pass as ?cursor= for the next page; null at the end"


class Page(BaseModel):
    items: list[IncidentSummary]
    next_cursor: str | None = Field(None, description=_NEXT)


class ClaimOut(BaseModel):
    source: str
    source_kind: str
    affiliation: str | None = None
    stance: str
    quote: str


class EventOut(BaseModel):
    document_id: str
    event_id: int | None = None
    event_date: str | None = None
    time_precision: int | None = None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatality_claims: list[dict[str, Any]] = []
    claims: list[ClaimOut] = []
    notes: str = ""
    confidence: float = 0.0
    spans: dict[str, list[int]] = {}


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None = Field(None, description=_NEXT)


class IncidentDetail(IncidentSummary):
    events: list[EventOut]
    sources: list[dict[str, Any]] = Field(description="Every voice: name, kind, party, stance")
    fatality_figures: list[dict[str, Any]] = Field(description="Who gave which death figure")


class DocumentOut(BaseModel):
    id: str
    sha256: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    text: str
    events: list[EventOut] = []


class DocumentHit(BaseModel):
    id: str
    sha256: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    snippet: str | None = None


class DocumentPage(BaseModel):
    items: list[DocumentHit]
    next_cursor: str | None = Field(None, description=_NEXT)


class SourceOut(BaseModel):
    name: str
    kind: str
    affiliation: str | None = None
    claims: int
    denials: int


class PlaceOut(BaseModel):
    id: str
    name: str
    kind: str
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    score: float


class Decision(BaseModel):
    why: str = Field(min_length=3, max_length=2000, description="The reason, kept in the audit log")
    analyst: str | None = Field(None, max_length=200)


class Merge(Decision):
    other: str = Field(max_length=64, description="The incident to fold into this one")


class Split(Decision):
    event_ids: list[int] = Field(min_length=1, max_length=1000)


class Done(BaseModel):
    ok: bool = True
    incident: str
    other: str | None = None
