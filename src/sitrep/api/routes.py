"""The API's endpoints: read incidents, events, reports, sources, claims, places and stats;
download exports and evidence bundles; and, with a write token, decide about incidents."""

from __future__ import annotations

import io
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from sitrep import pipeline
from sitrep.api.auth import Caller, caller, store_of, writer
from sitrep.api.schemas import (
    Decision,
    DocumentPage,
    EventPage,
    DocumentOut,
    Done,
    IncidentDetail,
    Merge,
    Page,
    PlaceOut,
    SourceOut,
    Split,
)
from sitrep.export import (
    MEDIA_TYPES,
    SUFFIXES,
    ExportFormat,
    feature,
    headline_of,
    incident_record,
    redact,
    rows_for,
    with_voices,
    write,
)
from sitrep.export.bundle import write_bundle
from sitrep.extract.serialise import event_to_record
from sitrep.store import Archive, Store
from sitrep.store.events import EventFilter
from sitrep.store.incidents import NotFound
from sitrep.store.serving import BadCursor, IncidentFilter, Reader, decode_cursor, encode_cursor, visible_events
from sitrep.theatre.search import search as search_places

router = APIRouter(prefix="/api")
Who = Annotated[Caller, Depends(caller)]
Writer = Annotated[Caller, Depends(writer)]
_STATUSES = "single-source|claimed|corroborated|contested|confirmed"
_STATS_CACHED = 64


def incident_filter(
    date_from: Annotated[date | None, Query(description="Earliest event date (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="Latest event date (YYYY-MM-DD)")] = None,
    province: Annotated[str | None, Query(max_length=100)] = None,
    district: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of an actor's name")] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="Part of an event or sub-event type")] = None,
    status: Annotated[str | None, Query(pattern=f"^(?:{_STATUSES})$")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words in the reports' text")] = None,
) -> IncidentFilter:
    return IncidentFilter(date_from, date_to, province, district, actor, event_type, status, q)


Filter = Annotated[IncidentFilter, Depends(incident_filter)]


StoreDep = Annotated[Store, Depends(store_of)]


@router.get("/incidents", response_model=Page, summary="Incidents, newest first, filtered and paged",
            responses={200: {"content": {"application/geo+json": {}, "text/csv": {}}}})
def list_incidents(request: Request, store: StoreDep, who: Who, where: Filter,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                   cursor: Annotated[str | None, Query(max_length=200)] = None,
                   format: Annotated[str, Query(pattern="^(?:json|geojson|csv)$")] = "json") -> Any:
    try:
        rows, next_cursor = store.incident_page(where, who.reader, limit, cursor)
    except BadCursor as exc:
        raise HTTPException(400, str(exc)) from None
    if format == "json":
        hidden = frozenset() if who.reader.sees_restricted else frozenset(store.restricted_source_names())
        for row in rows:
            row["explanation"] = redact(row["explanation"], hidden)
        return {"items": rows, "next_cursor": next_cursor}
    members = store.incident_events([row["id"] for row in rows])
    found = _visible(request, store, who, [(row, members.get(row["id"], [])) for row in rows])
    headers = {"X-Next-Cursor": next_cursor} if next_cursor else {}
    if format == "geojson":
        body = {"type": "FeatureCollection", "features": [feature(row) for row, _ in found]}
        return JSONResponse(body, media_type="application/geo+json", headers=headers)
    buffer = io.BytesIO()
    write(ExportFormat.acled_csv, iter(found), buffer)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, summary="One incident with every report")
def get_incident(incident_id: str, store: StoreDep, who: Who) -> Any:
    incident = _incident(store, incident_id, who)
    hidden = _hidden(store, who)
    pairs = visible_events(incident.events, who.reader, hidden)
    voices = pipeline.assess_incident(store, pairs, store.source_overrides())
    record = with_voices(incident_record(headline_of(incident), pairs, frozenset(hidden)), voices)
    if len(pairs) < len(incident.events):  # some reports are restricted: explain from the others only
        record["explanation"] = redact(voices.explanation, frozenset(hidden))
    return record


@router.get("/incidents/{incident_id}/audit", summary="Every analyst decision about an incident")
def audit(incident_id: str, store: StoreDep, who: Who) -> list[dict[str, Any]]:
    _incident(store, incident_id, who)
    return store.audit_trail(incident_id)


@router.get("/incidents/{incident_id}/bundle", summary="Evidence bundle: raw reports, manifest, custody (zip)",
            responses={200: {"content": {"application/zip": {}}}})
def bundle(incident_id: str, request: Request, store: StoreDep, who: Who) -> Response:
    incident = _incident(store, incident_id, who)
    hidden = _hidden(store, who)
    pairs = visible_events(incident.events, who.reader, hidden)
    documents = list({d.sha256: d for _, d in pairs}.values())
    full = {d.sha256: d for d in (store.find(d.sha256)[0] for d in documents)}
    archive = Archive(request.app.state.settings.data_dir)
    buffer = io.BytesIO()
    try:
        write_bundle(buffer, incident_record(headline_of(incident), pairs, frozenset(hidden)), list(full.values()),
                     {sha: store.custody(sha) for sha in full}, archive.read)
    except OSError as exc:
        raise HTTPException(409, f"the evidence archive is incomplete: {exc}") from None
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{incident_id}-evidence.zip"'})


@router.get("/export", summary="All matching incidents as ACLED CSV, GeoJSON, JSON Lines or Parquet",
            responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}})
def export(request: Request, store: StoreDep, who: Who, where: Filter,
           format: Annotated[ExportFormat, Query()] = ExportFormat.acled_csv) -> Response:
    theatre = request.app.state.theatre
    hidden = frozenset(_hidden(store, who))
    found = rows_for(store.incidents_for_export(where, who.reader), theatre, hidden)
    buffer = io.BytesIO()
    write(format, found, buffer)  # small enough for one response: a store's incidents, not its texts
    name = f"sitrep-incidents{SUFFIXES[format]}"
    return Response(buffer.getvalue(), media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/events", response_model=EventPage, summary="Report-level events, newest first, paged by cursor")
def list_events(store: StoreDep, who: Who, where: Filter,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                cursor: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    try:
        after = decode_cursor(cursor) if cursor else None
        after = (after[0], int(after[1])) if after else None
    except (BadCursor, ValueError):
        raise HTTPException(400, "this page cursor is not one sitrep handed out; start again without it") from None
    found = store.list_events(EventFilter(where.date_from, where.date_to, where.province, where.actor,
                                          where.event_type), limit=limit, after=after)
    next_cursor = encode_cursor(found[-1][0].event_date, found[-1][0].id) if len(found) == limit else None
    pairs = visible_events(found, who.reader, _hidden(store, who))
    return {"items": [{"document_id": d.display_id, "event_id": e.id, **event_to_record(e)} for e, d in pairs],
            "next_cursor": next_cursor}


@router.get("/documents", response_model=DocumentPage, summary="Reports (newest first, paged) or full-text hits")
def list_documents(store: StoreDep, who: Who, q: Annotated[str | None, Query(max_length=500)] = None,
                   limit: Annotated[int, Query(ge=1, le=200)] = 50,
                   cursor: Annotated[str | None, Query(max_length=100, pattern="^[0-9a-f]{64}$")] = None) -> Any:
    if q:
        hits, next_cursor = store.search(q, limit=limit), None  # best match first: one page
    else:
        listed = store.list_documents(limit=limit, before=cursor)
        hits, next_cursor = [(d, None) for d in listed], (listed[-1].sha256 if len(listed) == limit else None)
    items = [{"id": d.display_id, "sha256": d.sha256, "title": d.title, "outlet": d.outlet, "published": d.published,
              "snippet": snippet} for d, snippet in hits if who.reader.sees_restricted or not d.restricted]
    return {"items": items, "next_cursor": next_cursor}


@router.get("/documents/{ref}", response_model=DocumentOut, summary="One report: its text and the events read from it")
def get_document(ref: str, store: StoreDep, who: Who) -> Any:
    found = [d for d in store.find(ref) if who.reader.sees_restricted or not d.restricted]
    if len(found) != 1:
        raise HTTPException(404 if not found else 409, f"no single report {ref!r}")
    doc = found[0]
    pairs = visible_events(store.list_events(EventFilter(document=doc.sha256), limit=1000), who.reader,
                           _hidden(store, who))
    return {"id": doc.display_id, "sha256": doc.sha256, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
            "published": doc.published, "text": doc.text,
            "events": [{"document_id": d.display_id, "event_id": e.id, **event_to_record(e)} for e, d in pairs]}


@router.get("/sources", response_model=list[SourceOut], summary="Who is quoted, how often, asserting or denying")
def sources(store: StoreDep, who: Who, q: Annotated[str | None, Query(max_length=200)] = None,
            limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> Any:
    return store.sources(who.reader, q, limit)


@router.get("/claims", summary="The claims about one incident, asserting and denying side by side")
def claims(store: StoreDep, who: Who, incident: Annotated[str, Query(max_length=64)]) -> dict[str, list]:
    found = _incident(store, incident, who)
    pairs = visible_events(found.events, who.reader, _hidden(store, who))
    sides: dict[str, list] = {"asserts": [], "denies": []}
    for event, document in pairs:
        for claim in event.claims:
            sides[claim.stance.value].append({"document_id": document.display_id, "event_id": event.id,
                                              "source": claim.source.name, "source_kind": claim.source.kind.value,
                                              "affiliation": claim.source.affiliation, "quote": claim.quote})
    return sides


@router.get("/places", response_model=list[PlaceOut], summary="Gazetteer search (spellings, typos, prefixes)")
def places(request: Request, who: Who, q: Annotated[str, Query(min_length=1, max_length=100)],
           limit: Annotated[int, Query(ge=1, le=50)] = 10) -> Any:
    theatre = request.app.state.theatre
    found = []
    for hit in search_places(theatre, q, limit=limit):
        province, district = theatre.province_of(hit.place), theatre.district_of(hit.place)
        found.append({"id": hit.place.id, "name": hit.place.name, "kind": hit.place.kind,
                      "admin1": province.name if province else None, "admin2": district.name if district else None,
                      "latitude": hit.place.latitude, "longitude": hit.place.longitude, "score": hit.score})
    return found


@router.get("/stats", summary="Incident counts by province, district, type, actor, status and week")
def stats(request: Request, store: StoreDep, who: Who, where: Filter) -> dict[str, Any]:
    return counts(request.app.state, store, where, who.reader)


def counts(state: Any, store: Store, where: IncidentFilter, reader: Reader) -> dict[str, Any]:
    """Stats, remembered until the incidents change: over a large store they take a scan, and
    every dashboard load asks for them."""
    key = (where, reader, store.data_version())
    cache: dict = state.stats_cache
    if key not in cache:
        found = store.incident_stats(where, reader)
        found["total"] = store.count_matching(where, reader)
        if len(cache) >= _STATS_CACHED:
            cache.pop(next(iter(cache)))
        cache[key] = found
    return cache[key]


@router.get("/boundaries/{level}", summary="Province (GeoJSON) or district (TopoJSON) boundaries for maps")
def boundaries(level: Annotated[str, Path(pattern="^(?:provinces|districts)$")], request: Request, who: Who) -> Response:
    theatre = request.app.state.theatre
    name = {"provinces": "provinces.geojson", "districts": "districts.topojson"}[level]
    return Response((theatre.folder / "boundaries" / name).read_bytes(), media_type="application/json",
                    headers={"Cache-Control": "public, max-age=86400"})


# -- decisions (write token) -----------------------------------------------------------------


@router.post("/incidents/{incident_id}/confirm", response_model=Done, summary="Confirm (analyst; audit-logged)")
def confirm(incident_id: str, body: Decision, store: StoreDep, who: Writer) -> Any:
    return _decide(store, incident_id, "confirmed", body)


@router.post("/incidents/{incident_id}/reject", response_model=Done, summary="Reject: not a real event")
def reject(incident_id: str, body: Decision, store: StoreDep, who: Writer) -> Any:
    return _decide(store, incident_id, "rejected", body)


@router.post("/incidents/{incident_id}/merge", response_model=Done, summary="Fold another incident into this one")
def merge(incident_id: str, body: Merge, store: StoreDep, who: Writer) -> Any:
    try:
        store.merge(incident_id, body.other, _agent(body), body.why)
    except (NotFound, ValueError) as exc:
        raise HTTPException(404 if isinstance(exc, NotFound) else 400, str(exc)) from None
    pipeline.reassess(store, [incident_id])
    return {"incident": incident_id, "other": body.other}


@router.post("/incidents/{incident_id}/split", response_model=Done, summary="Move events into a new incident")
def split(incident_id: str, body: Split, store: StoreDep, who: Writer) -> Any:
    try:
        new_id = store.split(incident_id, body.event_ids, _agent(body), body.why)
    except (NotFound, ValueError) as exc:
        raise HTTPException(404 if isinstance(exc, NotFound) else 400, str(exc)) from None
    pipeline.reassess(store, [incident_id, new_id])
    return {"incident": incident_id, "other": new_id}


def _decide(store: Store, incident_id: str, decision: str, body: Decision) -> dict[str, Any]:
    try:
        store.decide(incident_id, decision, _agent(body), body.why)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    pipeline.reassess(store, [incident_id])
    return {"incident": incident_id}


def _agent(body: Decision) -> str:
    return f"{body.analyst or 'analyst'} (via API)"


def _incident(store: Store, incident_id: str, who: Caller):
    try:
        incident = store.get_incident(incident_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    if incident.restricted and not who.reader.sees_restricted:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return incident


def _hidden(store: Store, who: Caller) -> set[str]:
    return set() if who.reader.sees_restricted else store.restricted_source_names()


def _visible(request: Request, store: Store, who: Caller, found: list) -> list:
    hidden = frozenset(_hidden(store, who))
    return list(rows_for(((row, visible_events(pairs, who.reader, set(hidden))) for row, pairs in found),
                         request.app.state.theatre, hidden))
