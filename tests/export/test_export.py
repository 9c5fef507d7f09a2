"""Exports: ACLED's columns first and loadable by pandas, the same rows in every format, and
evidence bundles whose manifest checks out."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from sitrep.export import ACLED_COLUMNS, COLUMNS
from tests.cli_helpers import sitrep

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "samples"
ACLED_ORDER = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
               "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
               "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
               "tags timestamp").split()


def _export(env, tmp_path, fmt, *args) -> Path:
    target = tmp_path / f"out.{fmt}"
    result = sitrep(env, "export", "--format", fmt, "--output", str(target), *args)
    assert result.exit_code == 0, result.output
    return target


def test_acled_csv_round_trip(env, tmp_path):
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    frame = pd.read_csv(_export(env, tmp_path, "acled-csv"), keep_default_na=False)
    assert ACLED_COLUMNS == ACLED_ORDER
    assert list(frame.columns) == COLUMNS and list(frame.columns[: len(ACLED_ORDER)]) == ACLED_ORDER
    assert len(frame) == 12 and frame["event_id_cnty"].is_unique
    assert set(frame["country"]) == {"Afghanistan"} and set(frame["iso"]) == {4}
    assert (frame["year"] == pd.to_datetime(frame["event_date"]).dt.year).all()
    assert frame["fatalities"].dtype.kind == "i"
    # every row agrees with what `sitrep incidents --format json` says of that incident
    incidents = {i["id"]: i for i in json.loads(sitrep(env, "incidents", "--format", "json").stdout)}
    for row in frame.to_dict("records"):
        incident = incidents[row["incident_id"]]
        assert row["verification_status"] == incident["status"]
        assert row["fatalities"] == (incident["fatalities_best"] or 0)
        assert row["admin1"] in {e["admin1"] for e in incident["events"]}
    # parquet and geojson carry the same rows
    parquet = pd.read_parquet(_export(env, tmp_path, "parquet"))
    assert list(parquet.columns) == COLUMNS and sorted(parquet["incident_id"]) == sorted(frame["incident_id"])
    geo = json.loads(_export(env, tmp_path, "geojson").read_text())
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 12
    lines = _export(env, tmp_path, "jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(frame["incident_id"])


def test_filters_apply_to_exports(env, tmp_path):
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    frame = pd.read_csv(_export(env, tmp_path, "acled-csv", "--province", "Kabul", "--status", "contested"))
    assert len(frame) >= 1 and set(frame["admin1"]) == {"Kabul"} and set(frame["verification_status"]) == {"contested"}


def test_evidence_bundle_manifest_matches_its_files(env, tmp_path):
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    incidents = json.loads(sitrep(env, "incidents", "--format", "json").stdout)
    busiest = max(incidents, key=lambda i: len({e["document_id"] for e in i["events"]}))
    target = tmp_path / "bundle.zip"
    result = sitrep(env, "incident", "bundle", busiest["id"], "--output", str(target))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        assert len(manifest["files"]) == len({e["document_id"] for e in busiest["events"]})
        for entry in manifest["files"]:
            assert hashlib.sha256(bundle.read(entry["path"])).hexdigest() == entry["sha256"]
            assert entry["custody"] and entry["custody"][0]["raw_sha256"] == entry["sha256"]
        assert hashlib.sha256(bundle.read("incident.json")).hexdigest() == manifest["incident_json_sha256"]


def test_a_missing_archive_file_makes_no_bundle(env, tmp_path, data_dir):
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    incident = json.loads(sitrep(env, "incidents", "--format", "json").stdout)[0]
    for path in data_dir.rglob("*"):
        if path.is_file() and len(path.name) >= 60:
            path.unlink()
    target = tmp_path / "bundle.zip"
    result = sitrep(env, "incident", "bundle", incident["id"], "--output", str(target))
    assert result.exit_code == 1 and "cannot make the bundle" in result.output
    assert not target.exists() and not list(tmp_path.glob("*.partial"))


def test_a_cell_a_spreadsheet_would_run_is_written_inert(env, tmp_path):
    """An outlet is whatever a file says it is: "+SUM(1,2)" must not become a live formula."""
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    hostile = ["+SUM(1,2)", "=HYPERLINK(\"http://x\")", "@cmd", "-2+3"]
    feed.write_text("".join(json.dumps({"id": f"r{i}", "outlet": outlet, "published": "2024-03-0%d" % (i + 1),
                                        "text": f"Gunmen killed {i + 2} police officers at a checkpoint in "
                                                f"{place} province on Monday, officials said."}) + "\n"
                            for i, (outlet, place) in enumerate(zip(hostile, ["Logar", "Kunar", "Zabul", "Paktika"]))),
                    encoding="utf-8")
    assert sitrep(env, "run", str(feed.parent)).exit_code == 0
    text = _export(env, tmp_path, "acled-csv").read_text(encoding="utf-8")
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False)
    cells = [str(cell) for column in frame.columns for cell in frame[column]]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not _number(cell))]
    assert any("'+SUM(1,2)" in cell for cell in cells)
    assert frame["fatalities"].dtype.kind == "i" and frame["latitude"].dtype.kind == "f"  # numbers stay numbers


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
