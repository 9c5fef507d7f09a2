"""Storing and querying extracted events and their claims (mixed into Store)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, RowMapping, and_, delete, func, or_, select, true

from sitrep.models import Claim, Document, Event, FatalityClaim, Source, SourceKind, Span, Stance
from sitrep.store.rows import document_from_row, documents_in_batches
from sitrep.store.schema import claims, documents, events, extractions, resolution_queue


@dataclass(frozen=True, slots=True)
class EventFilter:
    date_from: date | None = None
    date_to: date | None = None
    province: str | None = None
    actor: str | None = None
    event_type: str | None = None
    document: str | None = None


class EventRepository:
    engine: Engine
    _writer: Engine

    def pending_extraction(self, extractor: str, everything: bool = False, batch: int = 500) -> Iterator[Document]:
        """Documents never extracted, or extracted by another version of the extractor (or all)."""
        query = (
            select(documents)
            .outerjoin(extractions, extractions.c.document_sha256 == documents.c.sha256)
            .where(_pending(extractor, everything))
        )
        return documents_in_batches(self.engine, query, batch)

    def count_pending(self, extractor: str, everything: bool = False) -> int:
        query = (
            select(func.count())
            .select_from(documents.outerjoin(extractions, extractions.c.document_sha256 == documents.c.sha256))
            .where(_pending(extractor, everything))
        )
        with self.engine.connect() as connection:
            return connection.scalar(query) or 0

    def save_extraction(self, results: list[tuple[str, list[Event]]], extractor: str) -> None:
        """Replace the events of these documents with a new extraction, all in one transaction."""
        if not results:
            return
        now = datetime.now(UTC)
        hashes = [sha for sha, _ in results]
        with self._writer.begin() as connection:
            connection.execute(delete(events).where(events.c.document_sha256.in_(hashes)))
            connection.execute(delete(extractions).where(extractions.c.document_sha256.in_(hashes)))
            connection.execute(extractions.insert(), [
                {"document_sha256": sha, "extractor": extractor, "events": len(found), "extracted_at": now}
                for sha, found in results])
            queued = []
            for sha, found in results:
                for ordinal, event in enumerate(found):
                    event_id = connection.execute(
                        events.insert().returning(events.c.id), _event_row(sha, ordinal, event)).scalar_one()
                    queued.append({"event_id": event_id})
                    if event.claims:
                        connection.execute(claims.insert(), [_claim_row(event_id, c) for c in event.claims])
            if queued:  # every new event waits for resolution
                connection.execute(resolution_queue.insert(), queued)

    def count_events(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(events)) or 0

    def list_events(self, where: EventFilter = EventFilter(), limit: int = 100, offset: int = 0,
                    after: tuple[date | None, int] | None = None) -> list[tuple[Event, Document]]:
        """Newest first. `after` = (event_date, id) of the last event of the previous page."""
        query = events_with_documents().where(and_(true(), *_conditions(where)))
        if after is not None:
            day, last_id = after
            query = query.where(and_(events.c.event_date.is_(None), events.c.id > last_id) if day is None else or_(
                events.c.event_date < day, and_(events.c.event_date == day, events.c.id > last_id),
                events.c.event_date.is_(None)))
        query = query.order_by(events.c.event_date.desc().nulls_last(), events.c.id).limit(limit).offset(offset)
        with self.engine.connect() as connection:
            return load_events(connection, query)

    def get_event(self, event_id: int) -> tuple[Event, Document] | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(events).where(events.c.id == event_id)).mappings().first()
            if row is None:
                return None
            doc = connection.execute(select(documents).where(documents.c.sha256 == row["document_sha256"])).mappings().one()
            found = _claims_of(connection, [event_id])
        return _event(row, found.get(event_id, [])), document_from_row(doc)


def _pending(extractor: str, everything: bool):
    if everything:
        return true()
    return or_(extractions.c.extractor.is_(None), extractions.c.extractor != extractor)


def events_with_documents(light: bool = False):
    """Events joined with what listing them needs of their reports. Resolution reads tens of
    thousands of events at a time and never shows where each field was read: `light` leaves
    out the largest column (spans, a JSON object per event) and its decoding."""
    columns = [c for c in events.c if c.name != "spans"] if light else events.c
    return select(*columns, documents.c.external_id, documents.c.title, documents.c.outlet, documents.c.published,
                  documents.c.restricted).join(documents, documents.c.sha256 == events.c.document_sha256)


def load_events(connection, query, extra: str | None = None, light: bool = False) -> list:
    """Run a query over events_with_documents(light) and return (event, document) pairs, claims
    included, or triples with the `extra` column the query added. `light` events have no spans
    and their claims no quotes (who said what, not in which words: what resolution weighs)."""
    rows = list(connection.execute(query).mappings())
    found: dict[int, list[Claim]] = {}
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), 5000):  # bounded IN lists, for SQLite's variable limit
        found.update(_claims_of(connection, ids[start : start + 5000], quotes=not light))
    pairs = [(_event(row, found.get(row["id"], []), spans=not light), _document_header(row)) for row in rows]
    return [(*pair, row[extra]) for pair, row in zip(pairs, rows)] if extra else pairs


def _conditions(where: EventFilter) -> list:
    conditions = []
    if where.date_from:
        conditions.append(events.c.event_date >= where.date_from)
    if where.date_to:
        conditions.append(events.c.event_date <= where.date_to)
    if where.province:
        conditions.append(func.lower(events.c.admin1) == where.province.lower())
    if where.actor:
        pattern = f"%{where.actor.lower()}%"
        conditions.append(or_(func.lower(events.c.actor1).like(pattern), func.lower(events.c.actor2).like(pattern)))
    if where.event_type:
        pattern = f"%{where.event_type.lower()}%"
        conditions.append(or_(func.lower(events.c.event_type).like(pattern), func.lower(events.c.sub_event_type).like(pattern)))
    if where.document:
        conditions.append(or_(documents.c.external_id == where.document, documents.c.sha256.startswith(where.document.lower())))
    return conditions


def _event_row(sha: str, ordinal: int, event: Event) -> dict:
    return {
        "document_sha256": sha, "ordinal": ordinal, "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "event_date": event.event_date,
        "time_precision": event.time_precision, "actor1": event.actor1, "actor2": event.actor2,
        "inter1": event.inter1, "inter2": event.inter2, "interaction": event.interaction,
        "admin1": event.admin1, "admin2": event.admin2, "location": event.location,
        "latitude": event.latitude, "longitude": event.longitude, "geo_precision": event.geo_precision,
        "fatalities": event.fatalities,
        "fatality_claims": [{"source": f.source, "number": f.number,
                             "span": [f.span.start, f.span.end] if f.span else None} for f in event.fatality_claims],
        "spans": {key: [span.start, span.end] for key, span in event.spans.items()},
        "notes": event.notes, "confidence": event.confidence,
    }


def _claim_row(event_id: int, claim: Claim) -> dict:
    return {
        "event_id": event_id, "source": claim.source.name, "source_kind": claim.source.kind.value,
        "affiliation": claim.source.affiliation, "stance": claim.stance.value, "quote": claim.quote,
        "quote_start": claim.quote_span.start if claim.quote_span else None,
        "quote_end": claim.quote_span.end if claim.quote_span else None,
        "source_start": claim.source.span.start if claim.source.span else None,
        "source_end": claim.source.span.end if claim.source.span else None,
    }


_KINDS = {kind.value: kind for kind in SourceKind}  # a dict lookup: calling the enum costs ten times more
_STANCES = {stance.value: stance for stance in Stance}


def _claims_of(connection, event_ids: list[int], quotes: bool = True) -> dict[int, list[Claim]]:
    found: dict[int, list[Claim]] = {}
    if not event_ids:
        return found
    if not quotes:
        query = select(claims.c.event_id, claims.c.source, claims.c.source_kind, claims.c.affiliation,
                       claims.c.stance).where(claims.c.event_id.in_(event_ids)).order_by(claims.c.id)
        sources: dict[tuple, Source] = {}  # one object per speaker: the same few speak in thousands of claims
        for event_id, name, kind, affiliation, stance in connection.execute(query):
            source = sources.get((name, kind, affiliation))
            if source is None:
                source = sources[name, kind, affiliation] = Source(name, _KINDS[kind], affiliation)
            found.setdefault(event_id, []).append(Claim(source, _STANCES[stance], ""))
        return found
    query = select(claims).where(claims.c.event_id.in_(event_ids)).order_by(claims.c.id)
    for row in connection.execute(query).mappings():
        source_span = Span(row["source_start"], row["source_end"]) if row["source_start"] is not None else None
        quote_span = Span(row["quote_start"], row["quote_end"]) if row["quote_start"] is not None else None
        found.setdefault(row["event_id"], []).append(Claim(
            source=Source(row["source"], _KINDS[row["source_kind"]], row["affiliation"], source_span),
            stance=_STANCES[row["stance"]], quote=row["quote"], quote_span=quote_span))
    return found


def _event(row: RowMapping, found: list[Claim], spans: bool = True) -> Event:
    return Event(
        id=row["id"], document_sha256=row["document_sha256"], event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], event_date=row["event_date"], time_precision=row["time_precision"],
        actor1=row["actor1"], actor2=row["actor2"], inter1=row["inter1"], inter2=row["inter2"],
        admin1=row["admin1"], admin2=row["admin2"], location=row["location"], latitude=row["latitude"],
        longitude=row["longitude"], geo_precision=row["geo_precision"], fatalities=row["fatalities"],
        fatality_claims=[FatalityClaim(f["source"], f["number"], Span(*f["span"]) if f.get("span") else None)
                         for f in row["fatality_claims"] or []],
        claims=found, spans={k: Span(*v) for k, v in (row["spans"] or {}).items()} if spans else {},
        notes=row["notes"], confidence=row["confidence"],
    )


def _document_header(row: RowMapping) -> Document:
    """Enough of the document to list an event with it (the text stays in the database)."""
    return Document(sha256=row["document_sha256"], text="", raw_sha256="", media_type="", origin="",
                    external_id=row["external_id"], title=row["title"], outlet=row["outlet"],
                    published=row["published"], restricted=bool(row["restricted"]))
