"""The evidence archive: every report's original bytes, content-addressed by sha256.

A file's name is its hash, so the same bytes are stored once and tampering is detectable by
re-hashing. A file appears under its final name only by an atomic rename once it is complete,
so a killed ingest leaves at most a stray temporary file. Flushing to disk is done once per
batch (`flush`), before the database commits the rows that point at the files: one sync per
batch instead of one per file is what lets ingest keep up with a day of news in seconds.
A power cut before that sync can leave a short file under its final name; `put` checks the
size of a file it finds and rewrites one that does not match.
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
        self._made: set[Path] = set()
        self._unflushed = False

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, raw: bytes, sha256: str) -> bool:
        """Store `raw` under its hash (durable after `flush`); False if it was already there."""
        target = self.path(sha256)
        try:
            if target.stat().st_size == len(raw):
                return False
        except FileNotFoundError:
            pass
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        temp = target.with_name(f"{_TEMP_PREFIX}{sha256}.{os.getpid()}")
        temp.write_bytes(raw)
        os.replace(temp, target)
        self._unflushed = True
        return True

    def flush(self) -> None:
        """Make every file written since the last flush durable on disk."""
        if self._unflushed:
            os.sync()
            self._unflushed = False

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
