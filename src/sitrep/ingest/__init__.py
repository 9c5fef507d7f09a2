"""Ingest: turn files (text, HTML, JSON, JSONL) into Documents, keeping the exact raw bytes.

Reading is separate from storing: `read_paths` yields `Read` and `Skip` records and touches
nothing; `sitrep.pipeline` hands them to the store and the evidence archive.
"""

from sitrep.ingest.read import Read, Skip, discover, read_bytes, read_file, read_paths

__all__ = ["Read", "Skip", "discover", "read_bytes", "read_file", "read_paths"]
