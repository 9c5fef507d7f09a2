"""What a reader gets out of one report before it becomes a Document.

Every format (plain text, HTML, a JSON record) fills the same few fields; anything else a
JSON record or an HTML page carries about itself is kept in `metadata`, never dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sitrep.ingest.normalise import visible


class ReadError(ValueError):
    """A report that cannot become a Document; `reason` is the one line the user sees."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class Fields:
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    external_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


# The keys a JSON record may use for the Document's own fields.
_STRING_KEYS = ("title", "url", "outlet", "language")
_KNOWN_KEYS = frozenset(("text", "id", "published", *_STRING_KEYS))
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def from_mapping(record: Any) -> Fields:
    """Validate one JSON object (a .json file or a .jsonl line) into Fields."""
    if not isinstance(record, dict):
        raise ReadError(f"expected a JSON object, got {_json_type(record)}")
    text = record.get("text")
    if text is None:
        raise ReadError('no "text" field')
    if not isinstance(text, str):
        raise ReadError(f'"text" must be a string, got {_json_type(text)}')
    values: dict[str, str | None] = {}
    for key in _STRING_KEYS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise ReadError(f'"{key}" must be a string, got {_json_type(value)}')
        values[key] = visible(value).strip() or None if isinstance(value, str) else None
    external_id = record.get("id")
    if external_id is not None and not isinstance(external_id, (str, int)):
        raise ReadError(f'"id" must be a string or a number, got {_json_type(external_id)}')
    try:
        metadata = {visible(k): storable(v) for k, v in record.items() if k not in _KNOWN_KEYS}
    except RecursionError:
        raise ReadError("metadata nested too deeply to store") from None
    published = record.get("published")
    parsed_published = None
    if published is not None:
        parsed_published = parse_published(str(published))
        if parsed_published is None:
            metadata["published_raw"] = storable(published)
    return Fields(
        text=text,
        external_id=visible(str(external_id)).strip() or None if external_id is not None else None,
        published=parsed_published,
        metadata=metadata,
        **values,
    )


def storable(value: Any) -> Any:
    """A metadata value every database can hold as JSON: NaN and the infinities (which JSON
    itself does not allow, but Python's reader accepts) become the words that wrote them, and
    strings lose what `visible` removes."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {visible(str(k)): storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value


def parse_published(value: str) -> date | None:
    """A publication date from ISO forms first (fast, exact), then from free text."""
    value = value.strip()
    if not value:
        return None
    if _ISO_DAY.match(value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    import dateparser  # slow to import; only free-text dates need it

    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def _json_type(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), "null")
