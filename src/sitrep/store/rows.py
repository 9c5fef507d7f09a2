"""Database rows back into records, shared by the repositories."""

from __future__ import annotations

from datetime import UTC, datetime

from collections.abc import Iterator

from sqlalchemy import Engine, RowMapping, Select

from sitrep.models import Document
from sitrep.store.schema import documents


def document_from_row(row: RowMapping) -> Document:
    return Document(
        sha256=row["sha256"],
        text=row["text"],
        raw_sha256=row["raw_sha256"],
        media_type=row["media_type"],
        origin=row["origin"],
        external_id=row["external_id"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        language=row["language"],
        metadata=row["meta"] or {},
        ingested_at=aware(row["ingested_at"]),
        restricted=bool(row["restricted"]),
    )


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def documents_in_batches(engine: Engine, query: Select, batch: int) -> Iterator[Document]:
    """Stream the documents `query` selects in id order, one short transaction per batch, so
    that long jobs neither hold a read snapshot open nor load a corpus into memory."""
    last = 0
    while True:
        page = query.where(documents.c.id > last).order_by(documents.c.id).limit(batch)
        with engine.connect() as connection:
            rows = list(connection.execute(page).mappings())
        if not rows:
            return
        last = rows[-1]["id"]
        yield from (document_from_row(row) for row in rows)
