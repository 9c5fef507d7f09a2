"""Each report's MinHash signature, kept once computed.

Resolution asks whether the reports of an incident are copies of one another each time the
incident grows. Without stored signatures every run read the full text of every report of
every touched incident (tens of megabytes on a large store) and hashed it again. A signature
is 512 bytes, depends only on the text (which never changes under its sha256), and goes with
its document.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_signatures",
        sa.Column("document_sha256", sa.String(64), sa.ForeignKey("documents.sha256", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("minhash", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("document_signatures")
