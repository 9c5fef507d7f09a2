"""Syndicated and near-duplicate reports: one story printed twice is one voice.

A wire story reprinted by two papers, or a report copied with a new headline, shares most of
its word sequences with the original. MinHash over word 5-grams estimates that overlap
cheaply; a later report that shares more than the threshold with an earlier one is a copy,
and speaks with the earlier one's voice. A signature depends only on the text, so the store
keeps it (512 bytes) and an incident that grows is compared again without reading its texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

SHARED = 0.6  # estimated Jaccard similarity of word 5-grams above which a report is a copy
_PERMUTATIONS = 128
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Report:
    document_id: str
    origin: str  # its own voice (outlet or wire)
    published: date | None
    text: str = ""
    signature: bytes | None = None  # signature(text), when already known


_PAIRWISE = 1000  # up to this many reports, compare every pair (one vector operation per report); beyond, LSH
_BANDS = (16, 8)  # LSH bands x rows for 128 permutations: a threshold near 0.6 (fixed: tuning it costs 20 ms a call)


def signature(text: str) -> bytes:
    """MinHash of a report's word 5-grams: 128 unsigned 32-bit minima, as bytes to store."""
    from datasketch import MinHash  # numpy and scipy: loaded only when a text must be hashed

    permutations, scheme = _permutations()
    minhash = MinHash(num_perm=_PERMUTATIONS, seed=1, permutations=permutations, scheme=scheme)
    words = _WORD.findall(text.lower())
    minhash.update_batch([" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))])
    return minhash.hashvalues.astype("<u4").tobytes()


def copies(reports: list[Report]) -> dict[str, str]:
    """document id → the origin of the earlier report it copies (only copies are listed)."""
    ordered = sorted(reports, key=lambda r: (r.published or date.max, r.document_id))
    hashes = np.vstack([np.frombuffer(r.signature or signature(r.text), dtype="<u4") for r in ordered]) \
        if ordered else np.empty((0, _PERMUTATIONS), dtype="<u4")
    index = _index() if len(ordered) > _PAIRWISE else None
    seen: dict[str, int] = {}  # document id → its row in `hashes`
    found: dict[str, str] = {}
    needed = SHARED * _PERMUTATIONS  # equal minima out of 128 estimate the Jaccard similarity
    for row, report in enumerate(ordered):
        mine = hashes[row]
        if index is not None:
            rows = [seen[key] for key in index.query(_lean(mine)) if key in seen]
        else:
            rows = list(seen.values())
        similar = np.count_nonzero(hashes[rows] == mine, axis=1) >= needed if rows else []
        originals = [ordered[r] for r, alike in zip(rows, similar) if alike]
        if originals:
            first = min(originals, key=lambda r: (r.published or date.max, r.document_id))
            found[report.document_id] = found.get(first.document_id, first.origin)
        if report.document_id not in seen:
            if index is not None:
                index.insert(report.document_id, _lean(mine))
            seen[report.document_id] = row
    return found


def _index():
    from datasketch import MinHashLSH

    return MinHashLSH(num_perm=_PERMUTATIONS, params=_BANDS)


def _lean(hashes: np.ndarray):
    from datasketch import LeanMinHash

    return LeanMinHash(seed=1, hashvalues=hashes, scheme=_permutations()[1])


@lru_cache(maxsize=1)
def _permutations():
    """The hash permutations every signature shares (costly to draw, so drawn once)."""
    from datasketch import MinHash

    template = MinHash(num_perm=_PERMUTATIONS, seed=1)
    return template.permutations, template.scheme
