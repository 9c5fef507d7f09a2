"""Incidents, event assignments (pinned by analysts), the audit log and source-kind overrides.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("fatalities_low", sa.Integer),
        sa.Column("fatalities_best", sa.Integer),
        sa.Column("fatalities_high", sa.Integer),
        sa.Column("analyst_status", sa.String(16)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "incident_events",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("incident_id", sa.String(32), sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("pinned", sa.Boolean, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent", sa.Text, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("incident_id", sa.String(32), index=True),
        sa.Column("details", _JSON, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "source_kinds",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("affiliation", sa.Text),
    )


def downgrade() -> None:
    for table in ("source_kinds", "audit_log", "incident_events", "incidents"):
        op.drop_table(table)
