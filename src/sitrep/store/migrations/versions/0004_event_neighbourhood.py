"""An index on (admin1, event_date): incremental resolution asks for the events of one
province in a stretch of days, and on a store of a million events the two single-column
indexes leave SQLite reading a whole province.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_admin1_event_date", "events", ["admin1", "event_date"])


def downgrade() -> None:
    op.drop_index("ix_events_admin1_event_date", table_name="events")
