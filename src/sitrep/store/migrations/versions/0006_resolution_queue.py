"""The events waiting for resolution, in a table of their own.

Finding them as "events in no incident" is an anti-join over every event: on a store of a
million events it cost seconds on each run, even to add a day's reports. The queue holds only
the waiting ones: extraction adds an event's id, resolution removes it when it places the
event, and deleting an event (re-extraction) removes it through the foreign key.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolution_queue",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    )
    op.execute("INSERT INTO resolution_queue (event_id) SELECT id FROM events "
               "WHERE id NOT IN (SELECT event_id FROM incident_events)")


def downgrade() -> None:
    op.drop_table("resolution_queue")
