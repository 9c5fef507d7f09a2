"""An incident's evidence bundle: one zip a court, an editor or another investigator can check.

It holds the raw bytes of every report exactly as they were archived (named by their
SHA-256, so anyone can recompute the name), the incident as sitrep reads it, and a
manifest with each file's hash and the chain of custody of each report (who brought which
bytes in, from where, with which command and tool version, when).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import IO, Any

from sitrep import __version__
from sitrep.models import CustodyEntry, Document

_EXTENSIONS = {"text/html": ".html", "application/json": ".json", "application/jsonl": ".jsonl",
               "text/plain": ".txt"}


def write_bundle(out: IO[bytes], record: dict[str, Any], documents: list[Document],
                 custody: dict[str, list[CustodyEntry]], read_raw: Callable[[str], bytes]) -> dict[str, Any]:
    """Write the zip to `out` and return its manifest. `read_raw(raw_sha256)` gives archived bytes
    (it raises OSError when a file is missing: the bundle is then not made, never made partial)."""
    files = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for document in documents:
            raw = read_raw(document.raw_sha256)
            digest = hashlib.sha256(raw).hexdigest()
            if digest != document.raw_sha256:
                raise OSError(f"archived file {document.raw_sha256} does not match its hash (now {digest}); "
                              "run `sitrep verify-archive`")
            name = f"reports/{digest}{_EXTENSIONS.get(document.media_type, '.bin')}"
            bundle.writestr(name, raw)
            files.append({
                "path": name, "sha256": digest, "bytes": len(raw), "document_id": document.display_id,
                "text_sha256": document.sha256, "outlet": document.outlet, "url": document.url,
                "published": document.published.isoformat() if document.published else None,
                "custody": [_entry(e) for e in custody.get(document.sha256, [])],
            })
        incident = json.dumps(record, ensure_ascii=False, indent=2, default=str).encode()
        bundle.writestr("incident.json", incident)
        manifest = {
            "incident_id": record["id"], "made_at": datetime.now(UTC).isoformat(), "tool": f"sitrep {__version__}",
            "incident_json_sha256": hashlib.sha256(incident).hexdigest(), "files": files,
        }
        bundle.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def _entry(entry: CustodyEntry) -> dict[str, Any]:
    found = asdict(entry)
    found["at"] = entry.at.isoformat()
    return found
