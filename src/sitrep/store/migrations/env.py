"""Alembic environment: runs against the engine sitrep hands over (see store/migrate.py).

Everything happens in one transaction that first takes the database's migration lock (an
advisory lock on PostgreSQL; BEGIN IMMEDIATE on SQLite, see store/engine.py). A process that
waited for the lock then reads the version the other one wrote and has nothing left to do.
"""

from alembic import context
from sqlalchemy import text

from sitrep.store.schema import metadata

engine = context.config.attributes["engine"]

# Any constant shared by all sitrep processes; "sitrep" in ASCII.
MIGRATION_LOCK = 0x736974726570

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
