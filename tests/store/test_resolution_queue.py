"""The resolution queue holds exactly the events not yet in an incident, whatever happened
to the store: extraction, resolution, re-extraction, or an upgrade from before the queue."""

from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import command

from sitrep import pipeline
from sitrep.models import Claim, CustodyEntry, Document, Event, Source, SourceKind, Stance
from sitrep.store import Store, migrate


def _document(store: Store, tag: str) -> str:
    sha = tag.ljust(64, "0")
    store.add([(Document(sha, f"report {tag}", sha, "text/plain", "test", outlet="Outlet", published=date(2024, 5, 2)),
                CustodyEntry(sha, sha, "test", "file", sha, "test", "test", "0", datetime.now(UTC)))])
    return sha


def _event(district: str) -> Event:
    return Event(document_sha256="", event_type="Battles", sub_event_type="Armed clash", event_date=date(2024, 5, 1),
                 time_precision=1, actor1="Taliban", admin1="Panjshir", admin2=district, geo_precision=2,
                 claims=[Claim(Source("Outlet", SourceKind.MEDIA), Stance.ASSERTS, "quote")])


def _queued(store: Store) -> set[int]:
    with store.engine.connect() as connection:
        return set(connection.scalars(sa.text("SELECT event_id FROM resolution_queue")))


def _unplaced(store: Store) -> set[int]:
    with store.engine.connect() as connection:
        return set(connection.scalars(sa.text(
            "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM incident_events)")))


def test_queue_follows_extraction_resolution_reextraction_and_upgrade(database_url):
    store = Store.open(database_url, create=True)
    try:
        first = _document(store, "a")
        store.save_extraction([(first, [_event("Dara"), _event("Rokha")])], "test")
        assert len(_queued(store)) == 2 and _queued(store) == _unplaced(store)
        assert pipeline.resolve_pending(store).placed == 2
        assert _queued(store) == set() == _unplaced(store)

        store.save_extraction([(first, [_event("Dara")])], "test")  # extracted again: new ids, queued
        assert len(_queued(store)) == 1 and _queued(store) == _unplaced(store)
        assert pipeline.resolve_pending(store).placed == 1

        # A store from before the queue: its unplaced events are queued by the upgrade.
        second = _document(store, "b")
        store.save_extraction([(second, [_event("Dara")])], "test")
        waiting = _queued(store)
        command.downgrade(migrate._config(store.engine), "0005")
        with store.engine.connect() as connection:
            assert "resolution_queue" not in sa.inspect(connection).get_table_names()
        migrate.upgrade(store.engine)
        assert _queued(store) == waiting == _unplaced(store)
        summary = pipeline.resolve_pending(store)
        assert (summary.placed, summary.created) == (1, 0)  # it joins the stored Dara clash
        assert _queued(store) == set() == _unplaced(store)
    finally:
        store.close()
