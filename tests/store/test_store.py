from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from sitrep.ingest.normalise import sha256_hex
from sitrep.models import CustodyEntry, Document
from sitrep.store import DatabaseMissing, Store
from sitrep.store import migrate


def make_doc(text: str, **fields) -> tuple[Document, CustodyEntry]:
    doc = Document(sha256=sha256_hex(text), text=text, raw_sha256=sha256_hex("raw:" + text),
                   media_type="text/plain", origin="/in/report.txt", **fields)
    entry = CustodyEntry(document_sha256=doc.sha256, raw_sha256=doc.raw_sha256, origin=doc.origin,
                         locator="file", file_sha256=doc.raw_sha256, command="sitrep ingest /in",
                         agent="analyst@host", tool_version="0.1.0",
                         at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    return doc, entry


@pytest.fixture
def store(database_url):
    store = Store.open(database_url, create=True)
    yield store
    store.close()


def test_missing_sqlite_database_is_a_clear_error_not_an_empty_file(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(DatabaseMissing, match="no database at"):
        Store.open(f"sqlite:///{path}")
    assert not path.exists()


def test_create_brings_schema_to_head_and_is_repeatable(database_url):
    for _ in range(2):
        store = Store.open(database_url, create=True)
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        store.close()


def test_outdated_schema_is_refused_for_reading(database_url):
    store = Store.open(database_url, create=True)
    with store.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM alembic_version"))
    store.close()
    with pytest.raises(DatabaseMissing, match="sitrep db upgrade"):
        Store.open(database_url)


def test_add_and_read_back_everything(store):
    doc, entry = make_doc("Clashes in Dara.", external_id="ext-1", title="Dara", url="https://e.org/1",
                          outlet="Observer", published=date(2022, 9, 7), language="en",
                          metadata={"synthetic": True, "truth": {"incidents": ["a"]}})
    store.add([(doc, entry)])
    assert store.existing([doc.sha256, "0" * 64]) == {doc.sha256}
    [back] = store.find("ext-1")
    assert back.text == doc.text and back.title == "Dara" and back.published == date(2022, 9, 7)
    assert back.metadata == {"synthetic": True, "truth": {"incidents": ["a"]}}
    assert back.ingested_at.tzinfo is not None
    [trail] = store.custody(doc.sha256)
    assert trail == entry


def test_documents_stored_meanwhile_are_left_alone(store):
    first_doc, first_entry = make_doc("one", title="original")
    assert store.add([(first_doc, first_entry)]) == {first_doc.sha256}
    again = make_doc("one", title="a second copy")
    two = make_doc("two")
    assert store.add([two, again]) == {two[0].sha256}  # as if another ingest got there first
    assert store.count() == 2
    [kept] = store.find(first_doc.sha256)
    assert kept.title == "original"
    assert len(store.custody(first_doc.sha256)) == 1


def test_a_failed_batch_stores_nothing(store):
    good = make_doc("fine")
    bad_doc, bad_entry = make_doc("broken")
    bad_entry.document_sha256 = "f" * 64  # custody for a document that does not exist
    with pytest.raises(sa.exc.IntegrityError):
        store.add([good, (bad_doc, bad_entry)])
    assert store.count() == 0


def test_find_by_prefix_and_full_hash(store):
    docs = [make_doc(f"report {i}") for i in range(30)]
    store.add(docs)
    target = docs[7][0]
    assert [d.sha256 for d in store.find(target.sha256)] == [target.sha256]
    assert target.sha256 in [d.sha256 for d in store.find(target.sha256[:6])]
    assert store.find("zz-not-there") == []


def test_list_is_newest_first_and_pages(store):
    store.add([make_doc(f"report {i}") for i in range(5)])
    listed = store.list_documents(limit=2)
    assert [d.text for d in listed] == ["report 4", "report 3"]
    assert [d.text for d in store.list_documents(limit=2, offset=4)] == ["report 0"]
    assert [d.text for d in store.iter_documents(batch=2)] == [f"report {i}" for i in range(5)]


def test_full_text_search_ranks_and_snippets(store):
    store.add([
        make_doc("Fighting in Panjshir's Dara district killed two.", title="Dara clash"),
        make_doc("A protest in Kabul was dispersed.", title="Kabul protest"),
        make_doc("Panjshir residents fled after fighting.", title="Flight"),
        make_doc("در ولسوالی دره ولایت پنجشیر درگیری رخ داد", title="پنجشیر"),
    ])
    hits = store.search("panjshir fighting")
    assert {d.title for d, _ in hits} == {"Dara clash", "Flight"}
    assert all("\x1e" in snippet for _, snippet in hits)
    assert [d.title for d, _ in store.search('"dispersed"')] == ["Kabul protest"]
    assert [d.title for d, _ in store.search("پنجشیر")] == ["پنجشیر"]
    assert store.search("nothing-matches-this") == []


@pytest.mark.parametrize("hostile", ['"', "AND", "OR (", "-", "NEAR(", "*", "'; DROP TABLE documents; --", ""])
def test_search_never_errors_on_odd_queries(store, hostile):
    store.add([make_doc("Fighting in Dara.")])
    store.search(hostile)
    assert store.count() == 1


def test_opening_waits_while_another_process_holds_the_new_database(monkeypatch):
    """A second `sitrep ingest` that opens the database while the first is creating it is told
    "database is locked" by SQLite at once: opening waits and tries again, other errors do not."""
    from sitrep.store import repository

    answers = iter([sa.exc.OperationalError("SELECT", {}, Exception("database is locked"))] * 2 + ["abc123"])

    def read():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(repository.time, "sleep", lambda seconds: None)
    assert repository._when_unlocked(read) == "abc123"
    def broken():
        raise sa.exc.OperationalError("SELECT", {}, Exception("no such table: alembic_version"))

    with pytest.raises(sa.exc.OperationalError):
        repository._when_unlocked(broken)
