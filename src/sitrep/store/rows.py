"""Database rows back into records, shared by the repositories."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import RowMapping

from sitrep.models import Document


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
    )


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
