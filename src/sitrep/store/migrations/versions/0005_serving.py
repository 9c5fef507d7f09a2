"""What serving the data needs: an incident's headline (place, date, kind, actors, counts) kept
on the incident so that lists, maps and stats over a hundred thousand incidents are single
indexed queries; restricted documents and sources; API tokens.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_HEADLINE = [
    ("event_date", sa.Date, True), ("time_precision", sa.Integer, False), ("event_type", sa.String(64), True),
    ("sub_event_type", sa.String(64), False), ("actor1", sa.Text, False), ("actor2", sa.Text, False),
    ("admin1", sa.Text, True), ("admin2", sa.Text, False), ("location", sa.Text, False),
    ("latitude", sa.Float, False), ("longitude", sa.Float, False), ("geo_precision", sa.Integer, False),
    ("n_events", sa.Integer, False), ("n_sources", sa.Integer, False), ("notes", sa.Text, False),
]


def upgrade() -> None:
    # Plain ADD COLUMN (not a batch, which would rebuild the tables on SQLite and lose the
    # full-text triggers of `documents`).
    for name, kind, _ in _HEADLINE:
        op.add_column("incidents", sa.Column(name, kind))
    op.add_column("incidents", sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()))
    for name, _, indexed in _HEADLINE:
        if indexed:
            op.create_index(f"ix_incidents_{name}", "incidents", [name])
    op.create_index("ix_incidents_listing", "incidents", ["event_date", "id"])
    # Filtered lists: a province (matched without regard to case) or a type, newest first.
    op.create_index("ix_incidents_province_listing", "incidents", [sa.text("lower(admin1)"), "event_date"])
    op.create_index("ix_incidents_type_listing", "incidents", ["event_type", "event_date"])
    op.create_index("ix_incidents_status_listing", "incidents", ["status", "event_date"])
    op.add_column("documents", sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "restricted_sources",
        sa.Column("name", sa.Text, primary_key=True),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("secret_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_table("tokens")
    op.drop_table("restricted_sources")
    op.execute("ALTER TABLE documents DROP COLUMN restricted")  # SQLite >= 3.35 and PostgreSQL
    for name in ("listing", "province_listing", "type_listing", "status_listing"):
        op.drop_index(f"ix_incidents_{name}", table_name="incidents")
    for name, _, indexed in _HEADLINE:
        if indexed:
            op.drop_index(f"ix_incidents_{name}", table_name="incidents")
    for name in ["restricted", *(name for name, _, _ in reversed(_HEADLINE))]:
        op.execute(f"ALTER TABLE incidents DROP COLUMN {name}")
