"""Tables, shared by SQLite and PostgreSQL. Migrations create them; this module describes them.

Documents are keyed by the sha256 of their normalised text, which is what makes re-ingesting
the same report a no-op. The custody log is append-only: it records how each document came in.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

Json = JSON().with_variant(JSONB(), "postgresql")

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("external_id", Text, index=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Date, index=True),
    Column("language", String(35)),
    Column("media_type", String(64), nullable=False),
    Column("raw_sha256", String(64), nullable=False, index=True),
    Column("origin", Text, nullable=False),
    Column("meta", Json, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

custody_log = Table(
    "custody_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "document_sha256",
        String(64),
        ForeignKey("documents.sha256", ondelete="RESTRICT"),
        nullable=False,
        index=True,
    ),
    Column("action", String(32), nullable=False),
    Column("raw_sha256", String(64), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("origin", Text, nullable=False),
    Column("locator", Text, nullable=False),
    Column("command", Text, nullable=False),
    Column("agent", Text, nullable=False),
    Column("tool_version", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
