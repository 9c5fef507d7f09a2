"""Where sitrep keeps things, from flags, environment, or the embedded defaults.

Zero configuration must work: a SQLite file and a data directory beside the user's working
directory. A team points every member at one PostgreSQL with SITREP_DATABASE_URL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///sitrep.db"
DEFAULT_DATA_DIR = "sitrep-data"
DEFAULT_MAX_FILE_MB = 20.0


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    data_dir: Path
    max_file_bytes: int

    @classmethod
    def resolve(
        cls,
        database_url: str | None = None,
        data_dir: str | Path | None = None,
        max_file_mb: float | None = None,
    ) -> Settings:
        """Flags win over the environment, the environment over the defaults."""
        url = database_url or os.environ.get("SITREP_DATABASE_URL") or DEFAULT_DATABASE_URL
        directory = data_dir or os.environ.get("SITREP_DATA_DIR") or DEFAULT_DATA_DIR
        if max_file_mb is None:
            max_file_mb = float(os.environ.get("SITREP_MAX_FILE_MB", DEFAULT_MAX_FILE_MB))
        if max_file_mb <= 0:
            raise ValueError("the file size limit must be a positive number of MB")
        return cls(
            database_url=normalise_database_url(url),
            data_dir=Path(directory),
            max_file_bytes=int(max_file_mb * 1024 * 1024),
        )


def normalise_database_url(url: str) -> str:
    """Accept a bare file path or a plain postgresql:// URL and pick the drivers we ship."""
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
