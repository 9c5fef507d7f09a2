"""Reading and writing sitrep's records. Nothing outside `store/` sees SQL."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, Text, column, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError

from sitrep.models import CustodyEntry, Document
from sitrep.store import migrate
from sitrep.store.engine import make_engine, sqlite_path
from sitrep.store.access import AccessRepository
from sitrep.store.events import EventRepository
from sitrep.store.fulltext import fts5_query
from sitrep.store.incidents import IncidentRepository
from sitrep.store.serving import ServingRepository
from sitrep.store.rows import aware, document_from_row, documents_in_batches
from sitrep.store.schema import custody_log, document_signatures, documents

HIGHLIGHT_START, HIGHLIGHT_END = "\x1e", "\x1f"
_SQLITE_VARIABLE_CHUNK = 500


T = TypeVar("T")
_LOCKED_PATIENCE = 30.0  # seconds, as the busy timeout


def _when_unlocked(read: Callable[[], T]) -> T:
    """`read()`, tried again while SQLite answers "database is locked". The busy timeout
    covers ordinary waits, but not the moment another process is creating the database and
    switching it to WAL: a second `sitrep ingest` started then waits its turn instead of failing."""
    deadline = time.monotonic() + _LOCKED_PATIENCE
    pause = 0.05
    while True:
        try:
            return read()
        except OperationalError as exc:
            if "locked" not in str(exc.orig) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)


class DatabaseMissing(RuntimeError):
    """There is no usable database where the user pointed; the message says what to do."""


class Store(EventRepository, IncidentRepository, ServingRepository, AccessRepository):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # SQLite write transactions take the write lock when they begin: one that started as a
        # reader and upgrades later fails at once ("database is locked") if another process
        # wrote in between, instead of waiting its turn.
        self._writer = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")

    @classmethod
    def open(cls, url: str, *, create: bool = False) -> Store:
        """Open the database at `url`; with create, make it (or bring its schema to head)."""
        path = sqlite_path(url)
        if path is not None and not path.exists():
            if not create:
                raise DatabaseMissing(
                    f"no database at {path}: ingest something first (`sitrep ingest PATH`) "
                    "or point --db / SITREP_DATABASE_URL at an existing one"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
        store = cls(make_engine(url))
        try:
            current = _when_unlocked(lambda: migrate.current_revision(store.engine))
        except OperationalError as exc:
            store.engine.dispose()
            raise DatabaseMissing(f"cannot open the database: {exc.orig}") from None
        if current != migrate.head_revision():
            if create:
                migrate.upgrade(store.engine)
            else:
                store.engine.dispose()
                raise DatabaseMissing(
                    f"the database schema is at {current or 'nothing'}, this sitrep needs "
                    f"{migrate.head_revision()}: run `sitrep db upgrade`"
                )
        return store

    def close(self) -> None:
        self.engine.dispose()

    def files(self) -> list[Path]:
        """The files an embedded (SQLite) database lives in, so that ingest walks skip them."""
        path = sqlite_path(str(self.engine.url))
        return [] if path is None else [path.with_name(path.name + s) for s in ("", "-wal", "-shm", "-journal")]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- writing ---------------------------------------------------------------------------

    def existing(self, hashes: Iterable[str]) -> set[str]:
        """Which of these document hashes are stored already."""
        wanted = list(hashes)
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _SQLITE_VARIABLE_CHUNK):
                chunk = wanted[start : start + _SQLITE_VARIABLE_CHUNK]
                found.update(
                    connection.scalars(select(documents.c.sha256).where(documents.c.sha256.in_(chunk)))
                )
        return found

    def add(self, batch: list[tuple[Document, CustodyEntry]]) -> set[str]:
        """Store new documents with their custody entries in one transaction.

        Returns the hashes actually inserted. A document that another process stored in the
        meantime (two ingests of the same folder) is left exactly as it is, and gets no
        custody entry from this run: it is "already present", not an error.
        """
        if not batch:
            return set()
        now = datetime.now(UTC)
        rows = [_document_row(doc, now) for doc, _ in batch]
        with self._writer.begin() as connection:
            insert = _insert_ignoring_duplicates(self.dialect)
            inserted = set(connection.scalars(insert.returning(documents.c.sha256), rows))
            entries = [_custody_row(entry) for doc, entry in batch if doc.sha256 in inserted]
            if entries:
                connection.execute(custody_log.insert(), entries)
        return inserted

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(documents)) or 0

    def list_documents(self, limit: int = 50, offset: int = 0, before: str | None = None) -> list[Document]:
        """Most recently ingested first; `before` = the sha256 of the last one of the previous page."""
        query = select(documents).order_by(documents.c.id.desc()).limit(limit).offset(offset)
        if before is not None:
            query = query.where(documents.c.id < select(documents.c.id).where(documents.c.sha256 == before)
                                .scalar_subquery())
        with self.engine.connect() as connection:
            return [document_from_row(row) for row in connection.execute(query).mappings()]

    def search(self, query: str, limit: int = 50) -> list[tuple[Document, str]]:
        """Full-text search, best match first; each hit with a snippet around the match."""
        if self.dialect == "sqlite":
            match = fts5_query(query)
            if not match:
                return []
            sql = text(
                "SELECT d.*, snippet(documents_fts, 1, :hs, :he, '…', 16) AS snippet "
                "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH :match ORDER BY rank LIMIT :limit"
            )
            params = {"match": match}
        else:
            sql = text(
                "SELECT d.*, ts_headline('simple', d.text, q, :options) AS snippet "
                "FROM documents d, websearch_to_tsquery('simple', :query) q "
                "WHERE to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text) @@ q "
                "ORDER BY ts_rank(to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text), q)"
                " DESC, d.id DESC LIMIT :limit"
            )
            params = {
                "query": query,
                "options": f"StartSel={HIGHLIGHT_START},StopSel={HIGHLIGHT_END},"
                "MaxWords=30,MinWords=10,MaxFragments=1",
            }
        params |= {"hs": HIGHLIGHT_START, "he": HIGHLIGHT_END, "limit": limit}
        typed = sql.columns(*documents.c, column("snippet", Text))
        with self.engine.connect() as connection:
            rows = connection.execute(typed, params).mappings()
            return [(document_from_row(row), row["snippet"]) for row in rows]

    def find(self, ref: str) -> list[Document]:
        """Documents a person may mean by `ref`: an external id, a sha256, or a prefix of one."""
        ref = ref.strip()
        conditions = [documents.c.external_id == ref]
        if re.fullmatch(r"[0-9a-fA-F]{4,64}", ref):
            conditions.append(documents.c.sha256.startswith(ref.lower(), autoescape=True))
        query = select(documents).where(or_(*conditions)).order_by(documents.c.id).limit(20)
        with self.engine.connect() as connection:
            return [document_from_row(row) for row in connection.execute(query).mappings()]

    def texts(self, hashes: list[str]) -> dict[str, str]:
        """The stored text of these documents, by sha256."""
        found: dict[str, str] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(hashes), _SQLITE_VARIABLE_CHUNK):
                chunk = hashes[start : start + _SQLITE_VARIABLE_CHUNK]
                found.update(connection.execute(
                    select(documents.c.sha256, documents.c.text).where(documents.c.sha256.in_(chunk))).all())
        return found

    def signatures(self, hashes: list[str]) -> dict[str, bytes]:
        """The stored MinHash signatures of these documents (those computed so far), by sha256."""
        found: dict[str, bytes] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(hashes), _SQLITE_VARIABLE_CHUNK):
                chunk = hashes[start : start + _SQLITE_VARIABLE_CHUNK]
                found.update(connection.execute(select(document_signatures.c.document_sha256, document_signatures.c.minhash)
                                                .where(document_signatures.c.document_sha256.in_(chunk))).all())
        return {sha: bytes(signature) for sha, signature in found.items()}

    def save_signatures(self, signatures: dict[str, bytes]) -> None:
        """Keep signatures once computed (one another process stored meanwhile is left as it is:
        it was computed from the same text)."""
        if not signatures:
            return
        insert = (sqlite_insert if self.dialect == "sqlite" else postgresql_insert)(document_signatures)
        with self._writer.begin() as connection:
            connection.execute(insert.on_conflict_do_nothing(index_elements=["document_sha256"]),
                               [{"document_sha256": sha, "minhash": value} for sha, value in signatures.items()])

    def custody(self, sha256: str) -> list[CustodyEntry]:
        query = (
            select(custody_log)
            .where(custody_log.c.document_sha256 == sha256)
            .order_by(custody_log.c.id)
        )
        with self.engine.connect() as connection:
            return [
                CustodyEntry(
                    document_sha256=row["document_sha256"],
                    raw_sha256=row["raw_sha256"],
                    origin=row["origin"],
                    locator=row["locator"],
                    file_sha256=row["file_sha256"],
                    command=row["command"],
                    agent=row["agent"],
                    tool_version=row["tool_version"],
                    at=aware(row["at"]),
                    action=row["action"],
                )
                for row in connection.execute(query).mappings()
            ]

    def iter_documents(self, batch: int = 1000) -> Iterator[Document]:
        """Every document, streamed in id order (for re-hashing, exports, batch jobs)."""
        return documents_in_batches(self.engine, select(documents), batch)


def _insert_ignoring_duplicates(dialect: str):
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    return insert(documents).on_conflict_do_nothing(index_elements=["sha256"])


def _document_row(doc: Document, now: datetime) -> dict:
    return {
        "sha256": doc.sha256,
        "external_id": doc.external_id,
        "title": doc.title,
        "text": doc.text,
        "url": doc.url,
        "outlet": doc.outlet,
        "published": doc.published,
        "language": doc.language,
        "media_type": doc.media_type,
        "raw_sha256": doc.raw_sha256,
        "origin": doc.origin,
        "meta": doc.metadata,
        "ingested_at": doc.ingested_at or now,
    }


def _custody_row(entry: CustodyEntry) -> dict:
    return {
        "document_sha256": entry.document_sha256,
        "action": entry.action,
        "raw_sha256": entry.raw_sha256,
        "file_sha256": entry.file_sha256,
        "origin": entry.origin,
        "locator": entry.locator,
        "command": entry.command,
        "agent": entry.agent,
        "tool_version": entry.tool_version,
        "at": entry.at,
    }


