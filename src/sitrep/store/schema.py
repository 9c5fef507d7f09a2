"""Tables, shared by SQLite and PostgreSQL. Migrations create them; this module describes them.

Documents are keyed by the sha256 of their normalised text, which is what makes re-ingesting
the same report a no-op. The custody log is append-only: it records how each document came in.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
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
    Column("restricted", Boolean, nullable=False, server_default=false()),  # never served to readers
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

# One row per document that went through extraction, even when it yielded no event (an op-ed):
# that is how `sitrep run` knows what is left to do, and with which extractor it was done.
extractions = Table(
    "extractions",
    metadata,
    Column("document_sha256", String(64), ForeignKey("documents.sha256", ondelete="CASCADE"), primary_key=True),
    Column("extractor", String(64), nullable=False),
    Column("events", Integer, nullable=False),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_sha256", String(64), ForeignKey("documents.sha256", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("event_type", String(64), nullable=False, index=True),
    Column("sub_event_type", String(64), nullable=False),
    Column("event_date", Date, index=True),
    Column("time_precision", Integer),
    Column("actor1", Text, index=True),
    Column("actor2", Text, index=True),
    Column("inter1", Integer),
    Column("inter2", Integer),
    Column("interaction", Integer),
    Column("admin1", Text, index=True),
    Column("admin2", Text),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("fatalities", Integer),
    Column("fatality_claims", Json, nullable=False),
    Column("spans", Json, nullable=False),
    Column("notes", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    UniqueConstraint("document_sha256", "ordinal"),
    Index("ix_events_admin1_event_date", "admin1", "event_date"),  # a province's stretch of days
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("source_kind", String(16), nullable=False),
    Column("affiliation", Text),
    Column("stance", String(16), nullable=False),
    Column("quote", Text, nullable=False),
    Column("quote_start", Integer),
    Column("quote_end", Integer),
    Column("source_start", Integer),
    Column("source_end", Integer),
)

# Incidents and the analyst's hand on them. An event belongs to at most one incident; a pinned
# assignment was made or confirmed by an analyst and is never moved by automatic resolution.
incidents = Table(
    "incidents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("status", String(16), nullable=False, index=True),
    Column("explanation", Text, nullable=False),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("analyst_status", String(16)),  # confirmed | rejected
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The headline, from the incident's most precise event, kept here so that lists, maps and
    # stats are single indexed queries (written with every assessment).
    Column("event_date", Date, index=True),
    Column("time_precision", Integer),
    Column("event_type", String(64), index=True),
    Column("sub_event_type", String(64)),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("admin1", Text, index=True),
    Column("admin2", Text),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("n_events", Integer),
    Column("n_sources", Integer),
    Column("notes", Text),
    Column("restricted", Boolean, nullable=False, server_default=false()),  # every report restricted
    Index("ix_incidents_listing", "event_date", "id"),
    Index("ix_incidents_type_listing", "event_type", "event_date"),
    Index("ix_incidents_status_listing", "status", "event_date"),
)

Index("ix_incidents_province_listing", func.lower(incidents.c.admin1), incidents.c.event_date)

incident_events = Table(
    "incident_events",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("incident_id", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("pinned", Boolean, nullable=False),
)

document_signatures = Table(  # MinHash of a report's word 5-grams (resolve/copies.py), computed once
    "document_signatures",
    metadata,
    Column("document_sha256", String(64), ForeignKey("documents.sha256", ondelete="CASCADE"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
)

resolution_queue = Table(  # events extracted but not yet placed in an incident
    "resolution_queue",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("agent", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("incident_id", String(32), index=True),
    Column("details", Json, nullable=False),
    Column("reason", Text, nullable=False),
)

source_kinds = Table(
    "source_kinds",
    metadata,
    Column("name", Text, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("affiliation", Text),
)

restricted_sources = Table(  # names whose claims are never served to readers
    "restricted_sources",
    metadata,
    Column("name", Text, primary_key=True),
)

tokens = Table(  # API tokens: only the SHA-256 of the secret is kept
    "tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("secret_sha256", String(64), nullable=False, unique=True),
    Column("scope", String(8), nullable=False),  # read | write
    Column("note", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Text, nullable=False),
    Column("revoked", Boolean, nullable=False, server_default=false()),
)
