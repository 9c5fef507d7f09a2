"""The evidence archive: every report's original bytes, content-addressed by sha256.

A file's name is its hash, so the same bytes are stored once, tampering is detectable by
re-hashing, and a file is written under its final name only by an atomic rename after it is
complete and flushed to disk: an interrupted ingest can leave a stray temporary file, never
a truncated piece of evidence.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

_TEMP_PREFIX = ".incoming-"


class Archive:
    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / "evidence"

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, raw: bytes, sha256: str) -> bool:
        """Store `raw` under its hash and flush it to disk; False if it was already there."""
        target = self.path(sha256)
        if target.exists():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f"{_TEMP_PREFIX}{sha256}.{os.getpid()}")
        with temp.open("wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        return True

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def check(self, sha256: str) -> str | None:
        """None when the stored bytes still hash to their name, else what is wrong."""
        path = self.path(sha256)
        if not path.is_file():
            return "missing from the archive"
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(2**20), b""):
                digest.update(chunk)
        actual = digest.hexdigest()
        return None if actual == sha256 else f"hash mismatch: the file now hashes to {actual}"

    def stored(self) -> Iterator[str]:
        """The hashes of every complete file in the archive (temporary files excluded)."""
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/??/*"):
            if not path.name.startswith(_TEMP_PREFIX):
                yield path.name
