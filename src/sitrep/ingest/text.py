"""Plain text and Markdown reports: the first non-empty line is the title."""

from __future__ import annotations

from sitrep.ingest.fields import Fields


def parse_plain(text: str, *, markdown: bool = False) -> Fields:
    """Split off the title line; a one-line file is all body and has no title."""
    lines = text.strip().split("\n", 1)
    if len(lines) < 2 or not lines[1].strip():
        return Fields(text=text)
    title = lines[0].strip()
    if markdown:
        title = title.lstrip("#").strip()
    return Fields(text=lines[1], title=title or None)
