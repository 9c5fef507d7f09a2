"""Writing incidents out: ACLED CSV, GeoJSON, JSON Lines and Parquet, streamed.

Every format carries the same ACLED row (see acled.py); JSON Lines adds each incident's
reports and their events, GeoJSON puts the row on a point. Rows are written as they come,
so an export of a whole store never holds it in memory (Parquet in row groups).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from enum import StrEnum
from typing import IO, Any

from sitrep.export.acled import COLUMNS

Incident = tuple[dict[str, Any], dict[str, Any]]  # (ACLED row, full JSON record)


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


MEDIA_TYPES = {ExportFormat.acled_csv: "text/csv; charset=utf-8", ExportFormat.geojson: "application/geo+json",
               ExportFormat.jsonl: "application/x-ndjson", ExportFormat.parquet: "application/vnd.apache.parquet"}
SUFFIXES = {ExportFormat.acled_csv: ".csv", ExportFormat.geojson: ".geojson", ExportFormat.jsonl: ".jsonl",
            ExportFormat.parquet: ".parquet"}
_PARQUET_GROUP = 5000


def write(format: ExportFormat, incidents: Iterable[Incident], out: IO[bytes]) -> int:
    """Write the incidents to a binary stream; returns how many were written."""
    if format is ExportFormat.parquet:
        return _parquet(incidents, out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if format is ExportFormat.acled_csv:
            return _csv(incidents, text)
        if format is ExportFormat.geojson:
            return _geojson(incidents, text)
        return _jsonl(incidents, text)
    finally:
        text.detach()


def _csv(incidents: Iterable[Incident], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row, _ in incidents:
        writer.writerow({key: _inert(value) for key, value in row.items()})
        count += 1
    return count


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (an outlet named "+SUM(1,2)" or
    "=HYPERLINK(...)") is written with a leading apostrophe, as OWASP advises; numbers are
    numbers and stay as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _geojson(incidents: Iterable[Incident], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row, _ in incidents:
        out.write(",\n" if count else "")
        out.write(json.dumps(feature(row), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """An ACLED row as a GeoJSON feature (no geometry when the place has no coordinates)."""
    located = row["latitude"] not in ("", None) and row["longitude"] not in ("", None)
    geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]} if located else None
    return {"type": "Feature", "id": row["incident_id"], "geometry": geometry, "properties": row}


def _jsonl(incidents: Iterable[Incident], out: IO[str]) -> int:
    count = 0
    for _, record in incidents:
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def _parquet(incidents: Iterable[Incident], out: IO[bytes]) -> int:
    import pyarrow as pa  # imported here: only this format needs it, and it takes a second to load
    import pyarrow.parquet as pq

    types = _arrow_types()
    schema = pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row, _ in incidents:
            batch.append({k: (None if v == "" else v) for k, v in row.items()})
            count += 1
            if len(batch) >= _PARQUET_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    ints = ["year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
            "timestamp", "n_sources", "fatalities_low", "fatalities_high"]
    return {**{name: pa.int64() for name in ints}, "latitude": pa.float64(), "longitude": pa.float64()}
