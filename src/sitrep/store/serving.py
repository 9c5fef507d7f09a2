"""Reading incidents for people: filtered, paged, counted, and without what is restricted
(mixed into Store; the API, the dashboard and the exports read through here).

Lists and stats read the incident headline columns (see resolve/headline.py), so a filtered
page over a hundred thousand incidents is one indexed query. Pages are cut by a cursor (the
last row's date and id), not an offset, so page 500 costs what page 1 costs and rows do not
shift while new reports arrive.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, String, case, false, func, or_, select, text, tuple_, type_coerce

from sitrep.models import Document, Event
from sitrep.store.fulltext import fts5_query
from sitrep.store.schema import claims, documents, events, incident_events, incidents, restricted_sources


_ACLED_TYPES = {t.lower(): t for t in ("Battles", "Explosions/Remote violence", "Violence against civilians",
                                        "Protests", "Riots", "Strategic developments")}


class BadCursor(ValueError):
    """A page cursor that this store did not hand out."""


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    date_from: date | None = None
    date_to: date | None = None
    province: str | None = None
    district: str | None = None
    actor: str | None = None
    event_type: str | None = None
    status: str | None = None
    query: str | None = None  # full text of the reports
    include_rejected: bool = False


@dataclass(frozen=True, slots=True)
class Reader:
    """Who is reading: restricted documents and sources are only for those allowed to see them."""

    sees_restricted: bool = False


PUBLIC = Reader()
WITHHELD = "explanation withheld: it names sources of restricted reports"
EVERYTHING = Reader(sees_restricted=True)

_HEADLINE = [incidents.c[name] for name in (
    "id", "status", "explanation", "fatalities_low", "fatalities_best", "fatalities_high", "analyst_status",
    "updated_at", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "admin1",
    "admin2", "location", "latitude", "longitude", "geo_precision", "n_events", "n_sources", "notes")]


class ServingRepository:
    engine: Engine
    _writer: Engine
    dialect: str

    def incident_page(self, where: IncidentFilter, reader: Reader, limit: int = 100,
                      cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        """One page of incident headlines, newest first (undated ones last), and the cursor of
        the next page (None at the end). Dated and undated incidents are read by two queries,
        each a range over an index: one query with "… OR event_date IS NULL" scans them all."""
        day, last_id = decode_cursor(cursor) if cursor else (None, None)
        base = select(*_HEADLINE).where(*self._conditions(where, reader))
        c = incidents.c
        rows: list[dict[str, Any]] = []
        with self.engine.connect() as connection:
            if cursor is None or day is not None:
                dated = base.where(c.event_date.is_not(None))
                if cursor:
                    dated = dated.where(tuple_(c.event_date, c.id) < tuple_(day, last_id))
                query = dated.order_by(c.event_date.desc(), c.id.desc()).limit(limit + 1)
                rows = [dict(row) for row in connection.execute(query).mappings()]
            if len(rows) <= limit:
                undated = base.where(c.event_date.is_(None))
                if cursor and day is None:
                    undated = undated.where(c.id < last_id)
                query = undated.order_by(c.id.desc()).limit(limit + 1 - len(rows))
                rows += [dict(row) for row in connection.execute(query).mappings()]
        more = len(rows) > limit
        rows = rows[:limit]
        if not reader.sees_restricted:
            self._withhold_explanations(rows)
        return rows, (encode_cursor(rows[-1]["event_date"], rows[-1]["id"]) if more and rows else None)

    def _withhold_explanations(self, rows: list[dict[str, Any]]) -> None:
        """An explanation names the sources of every report, restricted ones included: readers
        get the status without it where an incident rests partly on restricted reports."""
        ids = [row["id"] for row in rows]
        if not ids:
            return
        query = (select(incident_events.c.incident_id).distinct()
                 .join(events, events.c.id == incident_events.c.event_id)
                 .join(documents, documents.c.sha256 == events.c.document_sha256)
                 .where(incident_events.c.incident_id.in_(ids), documents.c.restricted.is_(True)))
        with self.engine.connect() as connection:
            partly = set(connection.scalars(query))
        for row in rows:
            if row["id"] in partly:
                row["explanation"] = WITHHELD

    def refresh_planner_statistics(self) -> None:
        """Let the database learn how incidents are distributed (ANALYZE), so that a filter on
        a small province uses the province index rather than walking a large status: without
        it a three-filter list over 100,000 incidents took 100 ms instead of 20."""
        with self._writer.begin() as connection:
            connection.execute(text("ANALYZE incidents"))

    def data_version(self) -> tuple:
        """Changes whenever an incident is added, removed, reassessed or decided about: what a
        cache of counts is keyed on."""
        with self.engine.connect() as connection:
            return tuple(connection.execute(select(func.count(), func.max(incidents.c.updated_at))).one())

    def count_matching(self, where: IncidentFilter, reader: Reader) -> int:
        query = select(func.count()).select_from(incidents).where(*self._conditions(where, reader))
        with self.engine.connect() as connection:
            return connection.scalar(query) or 0

    def incident_stats(self, where: IncidentFilter, reader: Reader) -> dict[str, Any]:
        """Incident counts by province, district, type, actor, status and ISO week. Three
        grouped scans with few groups each (place × type × status; actor pairs; day × type),
        summed here: much faster than one GROUP BY per dimension or reading every row."""
        conditions = self._conditions(where, reader)
        counts: dict[str, Counter] = {name: Counter() for name in ("province", "district", "event_type", "status",
                                                                   "actor", "week")}
        c = incidents.c
        with self.engine.connect() as connection:
            query = select(c.admin1, c.admin2, c.event_type, c.status, func.count()).where(*conditions).group_by(
                c.admin1, c.admin2, c.event_type, c.status)
            for province, district, kind, status, n in connection.execute(query):
                counts["province"][province] += n
                counts["district"][f"{province} / {district}" if district else province] += n
                counts["event_type"][kind] += n
                counts["status"][status] += n
            query = select(c.actor1, c.actor2, func.count()).where(*conditions).group_by(c.actor1, c.actor2)
            for actor1, actor2, n in connection.execute(query):
                for actor in {actor1, actor2} - {None}:
                    counts["actor"][actor] += n
            day = type_coerce(c.event_date, String)  # ISO text: no date object per row
            query = select(day, c.event_type, func.count()).where(*conditions, c.event_date.is_not(None)).group_by(
                c.event_date, c.event_type)
            weeks: dict[str, str] = {}
            for iso, kind, n in connection.execute(query):
                if iso not in weeks:
                    weeks[iso] = week_of(date.fromisoformat(str(iso)[:10]))
                counts["week"][weeks[iso], kind] += n
        found: dict[str, Any] = {name: [{"key": key, "count": n} for key, n in counter.most_common()]
                                 for name, counter in counts.items() if name != "week"}
        found["week"] = [{"week": w, "event_type": k, "count": n} for (w, k), n in sorted(counts["week"].items())]
        return found

    def incidents_for_export(self, where: IncidentFilter, reader: Reader, batch: int = 500) -> Iterator[Any]:
        """Whole incidents (with their events and reports), newest first, in batches."""
        cursor = None
        while True:
            rows, cursor = self.incident_page(where, reader, limit=batch, cursor=cursor)
            if not rows:
                return
            members = self.incident_events([row["id"] for row in rows])
            hidden = self.restricted_source_names() if not reader.sees_restricted else set()
            for row in rows:
                yield row, visible_events(members.get(row["id"], []), reader, hidden)
            if cursor is None:
                return

    def sources(self, reader: Reader, query: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """Every source named in a claim, with its kind and how often it asserts or denies."""
        denials = func.sum(case((claims.c.stance == "denies", 1), else_=0))
        statement = (select(claims.c.source, claims.c.source_kind, claims.c.affiliation, func.count(), denials)
                     .join(events, events.c.id == claims.c.event_id)
                     .join(documents, documents.c.sha256 == events.c.document_sha256)
                     .group_by(claims.c.source, claims.c.source_kind, claims.c.affiliation)
                     .order_by(func.count().desc(), claims.c.source).limit(limit))
        if not reader.sees_restricted:
            statement = statement.where(documents.c.restricted == false(),
                                        claims.c.source.not_in(select(restricted_sources.c.name)))
        if query:
            statement = statement.where(func.lower(claims.c.source).like(f"%{query.lower()}%"))
        with self.engine.connect() as connection:
            return [{"name": name, "kind": kind, "affiliation": affiliation, "claims": n, "denials": int(d or 0)}
                    for name, kind, affiliation, n, d in connection.execute(statement)]

    def incidents_of_documents(self, hashes: list[str]) -> list[str]:
        query = (select(incident_events.c.incident_id).distinct()
                 .join(events, events.c.id == incident_events.c.event_id)
                 .where(events.c.document_sha256.in_(hashes)))
        with self.engine.connect() as connection:
            return list(connection.scalars(query))

    def restricted_source_names(self) -> set[str]:
        with self.engine.connect() as connection:
            return set(connection.scalars(select(restricted_sources.c.name)))

    def _conditions(self, where: IncidentFilter, reader: Reader) -> list:
        conditions = []
        if not reader.sees_restricted:
            conditions.append(incidents.c.restricted == false())
        if not where.include_rejected:
            conditions.append(or_(incidents.c.analyst_status.is_(None), incidents.c.analyst_status != "rejected"))
        if where.date_from:
            conditions.append(incidents.c.event_date >= where.date_from)
        if where.date_to:
            conditions.append(incidents.c.event_date <= where.date_to)
        if where.province:
            conditions.append(func.lower(incidents.c.admin1) == where.province.lower())
        if where.district:
            conditions.append(func.lower(incidents.c.admin2) == where.district.lower())
        if where.status:
            conditions.append(incidents.c.status == where.status.lower())
        if where.actor:
            pattern = f"%{where.actor.lower()}%"
            conditions.append(or_(func.lower(incidents.c.actor1).like(pattern),
                                  func.lower(incidents.c.actor2).like(pattern)))
        if where.event_type:
            exact = _ACLED_TYPES.get(where.event_type.lower())
            if exact:  # a type as the dashboard sends it: an indexed match
                conditions.append(incidents.c.event_type == exact)
            else:
                pattern = f"%{where.event_type.lower()}%"
                conditions.append(or_(func.lower(incidents.c.event_type).like(pattern),
                                      func.lower(incidents.c.sub_event_type).like(pattern)))
        if where.query:
            conditions.append(incidents.c.id.in_(self._incidents_mentioning(where.query, reader)))
        return conditions

    def _incidents_mentioning(self, query: str, reader: Reader):
        """Incidents with a report whose text matches the full-text query."""
        if self.dialect == "sqlite":
            match = fts5_query(query) or '""'
            matching = select(documents.c.sha256).where(documents.c.id.in_(
                text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :match").bindparams(match=match)))
        else:
            matching = select(documents.c.sha256).where(text(
                "to_tsvector('simple', coalesce(documents.title, '') || ' ' || documents.text) "
                "@@ websearch_to_tsquery('simple', :query)").bindparams(query=query))
        if not reader.sees_restricted:
            matching = matching.where(documents.c.restricted == false())
        return select(incident_events.c.incident_id).join(events, events.c.id == incident_events.c.event_id).where(
            events.c.document_sha256.in_(matching))


def visible_events(pairs: list[tuple[Event, Document]], reader: Reader,
                   hidden_sources: set[str]) -> list[tuple[Event, Document]]:
    """The events a reader may see: none from restricted reports, no claims of restricted sources."""
    if reader.sees_restricted:
        return pairs
    shown = []
    for event, document in pairs:
        if document.restricted:
            continue
        if hidden_sources and any(c.source.name in hidden_sources for c in event.claims):
            event = replace(event, claims=[c for c in event.claims if c.source.name not in hidden_sources],
                            fatality_claims=[f for f in event.fatality_claims if f.source not in hidden_sources])
        shown.append((event, document))
    return shown


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def encode_cursor(day: date | None, key: str | int) -> str:
    """A page cursor: the last row's date and id, opaque to clients."""
    raw = json.dumps([day.isoformat() if day else None, key]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, str]:
    try:
        day, key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return (date.fromisoformat(day) if day else None), str(key)
    except (ValueError, TypeError) as exc:
        raise BadCursor("this page cursor is not one sitrep handed out; start again without it") from exc
