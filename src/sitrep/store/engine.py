"""Connections: one engine per database URL, with the SQLite settings that make it safe.

WAL lets `sitrep documents` read while an ingest writes; synchronous=NORMAL in WAL mode keeps
every committed transaction across a process crash (only a power cut may lose the last ones);
the busy timeout makes a second writer wait instead of failing at once.

Python's sqlite3 module starts transactions only before data changes, which leaves schema
changes outside any transaction. sitrep emits BEGIN itself (SQLAlchemy's documented recipe),
so migrations are atomic too, and a connection with the execution option
`sqlite_begin="BEGIN IMMEDIATE"` takes the write lock up front: that is how two processes
opening a new database at once agree on who creates the schema.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


def make_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # the driver no longer issues BEGIN; _sqlite_begin does
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL may have to wait too
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))
