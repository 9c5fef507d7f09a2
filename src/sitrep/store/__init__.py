"""The store: the only code that touches the database and the evidence archive."""

from sitrep.store.archive import Archive
from sitrep.store.repository import DatabaseMissing, Store

__all__ = ["Archive", "DatabaseMissing", "Store"]
