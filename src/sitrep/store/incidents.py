"""Storing incidents, their events and the analyst's decisions about them (mixed into Store).

Every analyst action is written to the audit log in the same transaction as the change it
records: who, when, what, and why.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, and_, bindparam, delete, func, insert, null, or_, select, update

from sitrep.models import Document, Event, SourceKind
from sitrep.store.events import events_with_documents, load_events
from sitrep.store.schema import (
    audit_log, claims, documents, events, incident_events, incidents, resolution_queue, source_kinds,
)


class NotFound(LookupError):
    """No incident or event with that id; the message says which."""


@dataclass(slots=True)
class IncidentRow:
    id: str
    status: str
    explanation: str
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    analyst_status: str | None
    updated_at: datetime
    events: list[tuple[Event, Document]]
    # the headline (see resolve/headline.py)
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
    notes: str | None = None
    restricted: bool = False


class IncidentRepository:
    engine: Engine
    _writer: Engine

    # -- what resolution reads and writes ----------------------------------------------------

    def queued_by_province(self) -> dict[str | None, list[int]]:
        """The events waiting for resolution, by province (incidents never span provinces), in
        id order. Read from the queue outwards: joined the other way, the database would walk
        every event of the store to find the few new ones."""
        with self.engine.connect() as connection:
            waiting = sorted(connection.scalars(select(resolution_queue.c.event_id)))
            found: dict[str | None, list[int]] = {}
            for start in range(0, len(waiting), 5000):
                query = select(events.c.id, events.c.admin1).where(events.c.id.in_(waiting[start : start + 5000]))
                for event_id, province in connection.execute(query).all():
                    found.setdefault(province, []).append(event_id)
        return {province: sorted(ids) for province, ids in found.items()}

    def incident_members(self, incident_ids: list[str]) -> dict[str, list[int]]:
        """The ids of each incident's events (cheap: the events themselves are not read)."""
        found: dict[str, list[int]] = {i: [] for i in incident_ids}
        with self.engine.connect() as connection:
            for start in range(0, len(incident_ids), 2000):
                chunk = incident_ids[start : start + 2000]
                query = select(incident_events.c.incident_id, incident_events.c.event_id).where(
                    incident_events.c.incident_id.in_(chunk)).order_by(incident_events.c.event_id)
                for incident_id, event_id in connection.execute(query):
                    found[incident_id].append(event_id)
        return found

    def events_for_resolution(self, event_ids: list[int]) -> dict[int, tuple[Event, Document]]:
        """These events with their reports' headers, as resolution reads them (no spans, no
        quotes), in id order."""
        found: dict[int, tuple[Event, Document]] = {}
        event_ids = sorted(event_ids)
        with self.engine.connect() as connection:
            for start in range(0, len(event_ids), 5000):
                query = events_with_documents(light=True).where(
                    events.c.id.in_(event_ids[start : start + 5000])).order_by(events.c.id)
                found.update((event.id, (event, doc)) for event, doc in load_events(connection, query, light=True))
        return found

    def assigned_near(self, province: str | None,
                      days: Mapping[int, tuple[date, date]]) -> Iterator[tuple[Event, date | None, str]]:
        """Events already in an incident in this province, undated or dated within `days` for
        their time precision (1, 2 or 3; any other precision reads as 2, as grouping does):
        (event, its report's publication date when the event has no date of its own, incident
        id). Only what grouping compares is read (place, dates, kind, actors; no claims, no
        text): on a store of a million events this neighbourhood holds tens of thousands of
        them, and it is streamed. Dated and undated events are two queries, each a range of
        the (admin1, event_date) index: with an OR between them the database reads the whole
        province."""
        columns = [events.c.id, events.c.event_type, events.c.event_date, events.c.time_precision, events.c.actor1,
                   events.c.actor2, events.c.admin2, events.c.geo_precision, incident_events.c.incident_id]
        place = events.c.admin1.is_(None) if province is None else events.c.admin1 == province
        exactness, day = events.c.time_precision, events.c.event_date
        within = or_(and_(exactness == 1, day.between(*days[1])), and_(exactness == 3, day.between(*days[3])),
                     and_(or_(exactness.is_(None), exactness.not_in([1, 3])), day.between(*days[2])))
        widest = day.between(min(a for a, _ in days.values()), max(b for _, b in days.values()))
        dated = select(*columns, null().label("published")).join(
            incident_events, incident_events.c.event_id == events.c.id).where(place, widest, within)
        undated = select(*columns, documents.c.published).join(
            incident_events, incident_events.c.event_id == events.c.id).join(
            documents, documents.c.sha256 == events.c.document_sha256).where(place, events.c.event_date.is_(None))
        with self.engine.connect() as connection:
            for query in (dated, undated):
                for (event_id, event_type, day, precision, actor1, actor2, district, geo_precision, incident_id,
                     published) in connection.execute(query):
                    event = Event(document_sha256="", event_type=event_type, sub_event_type="", event_date=day,
                                  time_precision=precision, actor1=actor1, actor2=actor2, admin1=province,
                                  admin2=district, geo_precision=geo_precision, id=event_id)
                    yield event, published, incident_id

    def assign(self, new_incidents: list[str], assignments: list[tuple[int, str]]) -> None:
        """Create incidents and put events in them (automatic, so not pinned)."""
        now = datetime.now(UTC)
        with self._writer.begin() as connection:
            if new_incidents:
                connection.execute(incidents.insert(), [
                    {"id": i, "status": "single-source", "explanation": "", "updated_at": now} for i in new_incidents])
            if assignments:
                connection.execute(incident_events.insert(), [
                    {"event_id": e, "incident_id": i, "pinned": False} for e, i in assignments])
                connection.execute(delete(resolution_queue).where(resolution_queue.c.event_id == bindparam("placed")),
                                   [{"placed": e} for e, _ in assignments])

    def incident_events(self, incident_ids: list[str]) -> dict[str, list[tuple[Event, Document]]]:
        found: dict[str, list[tuple[Event, Document]]] = {i: [] for i in incident_ids}
        with self.engine.connect() as connection:
            for start in range(0, len(incident_ids), 2000):
                chunk = incident_ids[start : start + 2000]
                query = (events_with_documents().add_columns(incident_events.c.incident_id)
                         .join(incident_events, incident_events.c.event_id == events.c.id)
                         .where(incident_events.c.incident_id.in_(chunk)).order_by(events.c.id))
                for event, doc, owner in load_events(connection, query, extra="incident_id"):
                    found[owner].append((event, doc))
        return found

    def save_assessments(self, results: dict[str, dict[str, Any]]) -> None:
        """Store fresh assessments (one batched statement); the analyst's own fields are not touched."""
        if not results:
            return
        now = datetime.now(UTC)
        names = sorted({name for values in results.values() for name in values})
        statement = update(incidents).where(incidents.c.id == bindparam("incident")).values(
            updated_at=bindparam("updated"), **{name: bindparam(f"v_{name}") for name in names})
        with self._writer.begin() as connection:
            connection.execute(statement, [
                {"incident": incident_id, "updated": now, **{f"v_{name}": values.get(name) for name in names}}
                for incident_id, values in results.items()])

    def drop_empty_incidents(self) -> int:
        """Incidents left without events (their reports were extracted again) go; the audit log stays."""
        empty = select(incidents.c.id).where(~incidents.c.id.in_(select(incident_events.c.incident_id)))
        with self._writer.begin() as connection:
            return connection.execute(delete(incidents).where(incidents.c.id.in_(empty))).rowcount or 0

    def confirmed_among(self, incident_ids: list[str]) -> set[str]:
        """Which of these incidents an analyst confirmed."""
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(incident_ids), 2000):
                found.update(connection.scalars(select(incidents.c.id).where(
                    incidents.c.id.in_(incident_ids[start : start + 2000]), incidents.c.analyst_status == "confirmed")))
        return found

    def count_incidents(self) -> dict[str, int]:
        """Incidents by status (rejected ones apart)."""
        rejected = incidents.c.analyst_status == "rejected"
        with self.engine.connect() as connection:
            counts = dict(connection.execute(select(incidents.c.status, func.count()).where(
                or_(incidents.c.analyst_status.is_(None), ~rejected)).group_by(incidents.c.status)).all())
            counts["rejected"] = connection.scalar(select(func.count()).where(rejected)) or 0
        return {k: v for k, v in counts.items() if v}

    def source_overrides(self) -> dict[str, tuple[SourceKind, str | None]]:
        with self.engine.connect() as connection:
            return {row.name: (SourceKind(row.kind), row.affiliation) for row in connection.execute(select(source_kinds))}

    # -- what people read --------------------------------------------------------------------

    def list_incidents(self, status: str | None = None, province: str | None = None,
                       include_rejected: bool = False, limit: int = 10_000) -> list[IncidentRow]:
        query = select(incidents)
        if status:
            query = query.where(incidents.c.status == status.lower())
        if not include_rejected:
            query = query.where(or_(incidents.c.analyst_status.is_(None), incidents.c.analyst_status != "rejected"))
        if province:
            query = query.where(incidents.c.id.in_(
                select(incident_events.c.incident_id).join(events, events.c.id == incident_events.c.event_id)
                .where(func.lower(events.c.admin1) == province.lower())))
        with self.engine.connect() as connection:
            rows = list(connection.execute(query.limit(limit)).mappings())
        members = self.incident_events([row["id"] for row in rows])
        found = [IncidentRow(**{k: row[k] for k in row.keys()}, events=members[row["id"]]) for row in rows]
        return sorted(found, key=lambda i: max((e.event_date or date.min) for e, _ in i.events) if i.events else date.min,
                      reverse=True)

    def get_incident(self, incident_id: str) -> IncidentRow:
        with self.engine.connect() as connection:
            row = connection.execute(select(incidents).where(incidents.c.id == incident_id)).mappings().first()
        if row is None:
            raise NotFound(f"no incident {incident_id!r} (try `sitrep incidents`)")
        return IncidentRow(**{k: row[k] for k in row.keys()}, events=self.incident_events([incident_id])[incident_id])

    def audit_trail(self, incident_id: str) -> list[dict[str, Any]]:
        query = select(audit_log).where(audit_log.c.incident_id == incident_id).order_by(audit_log.c.id)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    # -- the analyst's decisions ---------------------------------------------------------------

    def decide(self, incident_id: str, decision: str, agent: str, reason: str) -> None:
        """Confirm or reject an incident; its events are pinned where they are."""
        self.get_incident(incident_id)
        with self._writer.begin() as connection:
            values = {"analyst_status": decision, "updated_at": datetime.now(UTC)}
            if decision == "confirmed":
                values["status"] = "confirmed"
            connection.execute(update(incidents).where(incidents.c.id == incident_id).values(**values))
            connection.execute(update(incident_events).where(incident_events.c.incident_id == incident_id)
                               .values(pinned=True))
            _audit(connection, agent, decision[:-2] if decision.endswith("ed") else decision, incident_id, {}, reason)

    def merge(self, keep: str, absorb: str, agent: str, reason: str) -> None:
        if keep == absorb:
            raise NotFound("an incident cannot be merged with itself")
        moved = [e.id for e, _ in self.get_incident(absorb).events]
        self.get_incident(keep)
        with self._writer.begin() as connection:
            connection.execute(update(incident_events).where(incident_events.c.incident_id.in_([keep, absorb]))
                               .values(incident_id=keep, pinned=True))
            connection.execute(delete(incidents).where(incidents.c.id == absorb))
            _audit(connection, agent, "merge", keep, {"absorbed": absorb, "events": moved}, reason)
            _audit(connection, agent, "merged-into", absorb, {"into": keep, "events": moved}, reason)

    def split(self, incident_id: str, event_ids: list[int], agent: str, reason: str) -> str:
        """Move these events out into a new incident; returns its id."""
        current = {e.id for e, _ in self.get_incident(incident_id).events}
        missing = sorted(set(event_ids) - current)
        if missing:
            raise NotFound(f"event(s) {', '.join(map(str, missing))} are not in {incident_id}")
        if set(event_ids) == current:
            raise NotFound("splitting off every event would leave an empty incident; nothing was changed")
        new_id = f"INC-{min(event_ids)}"
        with self._writer.begin() as connection:
            if connection.execute(select(incidents.c.id).where(incidents.c.id == new_id)).first():
                new_id = f"{new_id}-{int(datetime.now(UTC).timestamp())}"
            connection.execute(insert(incidents).values(id=new_id, status="single-source", explanation="",
                                                        updated_at=datetime.now(UTC)))
            connection.execute(update(incident_events).where(incident_events.c.incident_id == incident_id)
                               .values(pinned=True))
            connection.execute(update(incident_events).where(incident_events.c.event_id.in_(event_ids))
                               .values(incident_id=new_id, pinned=True))
            _audit(connection, agent, "split", incident_id, {"into": new_id, "events": sorted(event_ids)}, reason)
            _audit(connection, agent, "split-from", new_id, {"from": incident_id, "events": sorted(event_ids)}, reason)
        return new_id

    def set_source_kind(self, name: str, kind: SourceKind, affiliation: str | None, agent: str, reason: str) -> list[str]:
        """Say what kind of source a name is, everywhere it speaks; returns the incidents it touches."""
        with self._writer.begin() as connection:
            connection.execute(delete(source_kinds).where(source_kinds.c.name == name))
            connection.execute(source_kinds.insert().values(name=name, kind=kind.value, affiliation=affiliation))
            touched = [row[0] for row in connection.execute(
                select(incident_events.c.incident_id).distinct()
                .join(claims, claims.c.event_id == incident_events.c.event_id).where(claims.c.source == name))]
            for incident_id in touched:
                _audit(connection, agent, "set-source-kind", incident_id,
                       {"source": name, "kind": kind.value, "affiliation": affiliation}, reason)
            if not touched:
                _audit(connection, agent, "set-source-kind", None,
                       {"source": name, "kind": kind.value, "affiliation": affiliation}, reason)
        return touched


def _audit(connection, agent: str, action: str, incident_id: str | None, details: dict, reason: str) -> None:
    connection.execute(audit_log.insert().values(at=datetime.now(UTC), agent=agent, action=action,
                                                 incident_id=incident_id, details=details, reason=reason))
