"""Syndicated and near-duplicate reports: one story printed twice is one voice.

A wire story reprinted by two papers, or a report copied with a new headline, shares most of
its word sequences with the original. MinHash over word 5-grams estimates that overlap
cheaply; a later report that shares more than the threshold with an earlier one is a copy,
and speaks with the earlier one's voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

SHARED = 0.6  # estimated Jaccard similarity of word 5-grams above which a report is a copy
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Report:
    document_id: str
    origin: str  # its own voice (outlet or wire)
    published: date | None
    text: str


_PAIRWISE = 64  # up to this many reports, compare every pair; beyond, look candidates up by LSH
_BANDS = (16, 8)  # LSH bands x rows for 128 permutations: a threshold near 0.6 (fixed: tuning it costs 20 ms a call)


def copies(reports: list[Report]) -> dict[str, str]:
    """document id → the origin of the earlier report it copies (only copies are listed)."""
    from datasketch import MinHashLSH  # numpy and scipy: loaded only when reports are compared

    ordered = sorted(reports, key=lambda r: (r.published or date.max, r.document_id))
    index = MinHashLSH(num_perm=128, params=_BANDS) if len(ordered) > _PAIRWISE else None
    seen: dict[str, tuple[Report, object]] = {}
    found: dict[str, str] = {}
    for report in ordered:
        signature = _signature(report.text)
        keys = index.query(signature) if index is not None else list(seen)
        originals = [seen[key] for key in keys if key in seen]
        originals = [(r, s) for r, s in originals if s.jaccard(signature) >= SHARED]
        if originals:
            first, _ = min(originals, key=lambda pair: (pair[0].published or date.max, pair[0].document_id))
            found[report.document_id] = found.get(first.document_id, first.origin)
        if report.document_id not in seen:
            if index is not None:
                index.insert(report.document_id, signature)
            seen[report.document_id] = (report, signature)
    return found


@lru_cache(maxsize=1)
def _permutations():
    """The hash permutations every signature shares (costly to draw, so drawn once)."""
    from datasketch import MinHash

    template = MinHash(num_perm=128, seed=1)
    return template.permutations, template.scheme


@lru_cache(maxsize=16384)
def _signature(text: str):
    """MinHash of a report's word 5-grams (cached: a report with events in several incidents is
    compared in each, and again as they grow; 16,384 reports are ~100 MB)."""
    from datasketch import MinHash

    permutations, scheme = _permutations()
    signature = MinHash(num_perm=128, seed=1, permutations=permutations, scheme=scheme)
    words = _WORD.findall(text.lower())
    signature.update_batch([" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))])
    return signature
