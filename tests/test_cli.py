import json
import re
from pathlib import Path

import sqlalchemy as sa

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store import Archive
from tests.cli_helpers import documents_json, sitrep
from tests.conftest import write

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "samples"


def summary_counts(stdout: str) -> tuple[int, int, int]:
    match = re.search(r"Ingested (\d+) new document\(s\), (\d+) already present, (\d+) skipped", stdout)
    assert match, stdout
    return tuple(int(g) for g in match.groups())


def test_ingest_samples_then_rerun_is_a_no_op(env):
    first = sitrep(env, "ingest", str(SAMPLES))
    assert first.exit_code == 0, first.output
    assert summary_counts(first.stdout) == (32, 0, 0)
    before = documents_json(env)
    second = sitrep(env, "ingest", str(SAMPLES))
    assert second.exit_code == 0
    assert summary_counts(second.stdout) == (0, 32, 0)
    assert documents_json(env) == before


def test_documents_lists_external_ids_and_searches(env):
    sitrep(env, "ingest", str(SAMPLES))
    listed = documents_json(env)
    assert len(listed) == 32
    assert "unama-2022-10-05" in {d["id"] for d in listed}
    hits = documents_json(env, "Abdullah Khel")
    assert hits and all("Abdullah" in (h["snippet"] + h["title"]) for h in hits)
    table = sitrep(env, "documents", "Sperah")
    assert table.exit_code == 0 and "Sperah" in table.stdout


def test_show_by_external_id_prefix_and_json(env):
    sitrep(env, "ingest", str(SAMPLES))
    shown = sitrep(env, "show", "unama-2023-06-14", "--format", "json")
    assert shown.exit_code == 0
    record = json.loads(shown.stdout)
    assert record["outlet"] == "UNAMA (statement)"
    assert record["metadata"]["synthetic"] is True
    [entry] = record["custody"]
    assert entry["origin"].endswith("c2-unama-statement-jurm.json") and entry["locator"] == "file"
    assert entry["command"].startswith("sitrep ingest")
    by_prefix = sitrep(env, "show", record["sha256"][:10])
    assert by_prefix.exit_code == 0
    assert "Chain of custody" in by_prefix.stdout and "Jurm district" in by_prefix.stdout


def test_show_unknown_and_ambiguous(env, tmp_path):
    # an outlet that edits an article keeps its id: both versions are evidence, both are kept
    write(tmp_path / "in.jsonl", '{"id": "art-1", "text": "Two killed."}\n{"id": "art-1", "text": "Three killed."}\n')
    assert summary_counts(sitrep(env, "ingest", str(tmp_path / "in.jsonl")).stdout) == (2, 0, 0)
    missing = sitrep(env, "show", "does-not-exist")
    assert missing.exit_code == 1 and "no document matches" in missing.stderr
    ambiguous = sitrep(env, "show", "art-1")
    assert ambiguous.exit_code == 1 and "matches 2 documents" in " ".join(ambiguous.stderr.split())
    one = documents_json(env)[0]
    assert sitrep(env, "show", one["sha256"]).exit_code == 0


def test_verify_archive_detects_tampering_missing_files_and_changed_text(env, data_dir, database_url):
    sitrep(env, "ingest", str(SAMPLES))
    ok = sitrep(env, "verify-archive")
    assert ok.exit_code == 0 and "All intact" in ok.stdout
    archive = Archive(data_dir)
    docs = documents_json(env)
    tampered, removed = docs[0]["raw_sha256"], docs[1]["raw_sha256"]
    archive.path(tampered).write_bytes(b"edited evidence")
    archive.path(removed).unlink()
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE documents SET text = 'rewritten' WHERE sha256 = :s"),
                           {"s": docs[2]["sha256"]})
    engine.dispose()
    bad = sitrep(env, "verify-archive")
    assert bad.exit_code == 1
    flat = " ".join(bad.stdout.split())
    assert "3 problem(s)" in flat
    assert "hash mismatch" in flat and "missing from the archive" in flat
    assert "stored text no longer matches its hash" in flat


def test_db_upgrade_and_current(env):
    up = sitrep(env, "db", "upgrade")
    assert up.exit_code == 0 and "(head)" in up.stdout
    again = sitrep(env, "db", "upgrade")
    assert again.exit_code == 0
    current = sitrep(env, "db", "current")
    assert current.exit_code == 0 and "up to date" in current.stdout


def test_usage_errors_exit_2(env, tmp_path):
    assert sitrep(env, "ingest", str(tmp_path / "nope")).exit_code == 2
    assert sitrep(env, "ingest").exit_code == 2
    assert sitrep(env, "ingest", "--max-file-mb", "-1", str(tmp_path)).exit_code == 2


def test_reading_commands_on_a_missing_database_say_so(tmp_path):
    env = {"SITREP_DATABASE_URL": str(tmp_path / "absent.db"), "SITREP_DATA_DIR": str(tmp_path / "d")}
    for command in (["documents"], ["show", "x"], ["verify-archive"], ["db", "current"]):
        result = sitrep(env, *command)
        assert result.exit_code == 1 and "no database at" in result.stderr, command
    assert not (tmp_path / "absent.db").exists()


def test_unreachable_server_is_a_clear_error(tmp_path):
    env = {"SITREP_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
           "SITREP_DATA_DIR": str(tmp_path / "d")}
    result = sitrep(env, "documents")
    assert result.exit_code == 1 and "cannot open the database" in result.stderr


def test_ingesting_the_working_directory_skips_sitreps_own_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "report.txt", "Clashes in Dara\nTwo killed.")
    env = {"SITREP_DATABASE_URL": "", "SITREP_DATA_DIR": ""}
    assert summary_counts(sitrep(env, "ingest", ".").stdout) == (1, 0, 0)
    assert (tmp_path / "sitrep.db").exists() and (tmp_path / "sitrep-data" / "evidence").is_dir()
    assert summary_counts(sitrep(env, "ingest", ".").stdout) == (0, 1, 0)


def test_places_command_explains_and_prints_json():
    result = sitrep({}, "places", "Clashes broke out in the Dara district of Panjshir province.", "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert [p["name"] for p in found] == ["Dara", "Panjshir"]
    assert set(found[0]) == {"name", "start", "end", "admin1", "admin2", "location", "latitude", "longitude",
                             "geo_precision", "confidence", "why"}
    assert (found[0]["admin1"], found[0]["admin2"], found[0]["geo_precision"]) == ("Panjshir", "Dara", 2)
    table = sitrep({}, "places", "Fighting near Taloqan.")
    assert table.exit_code == 0 and "Taloqan" in table.stdout and "near" in table.stdout
    assert "No place found" in sitrep({}, "places", "nothing here").stdout


def test_places_reads_standard_input():
    result = CliRunner().invoke(app, ["places", "-", "--format", "json"], input="A blast hit Jalalabad.")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["admin1"] == "Nangarhar"


def test_gazetteer_search():
    result = sitrep({}, "gazetteer", "search", "Panjsher", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "AF08"
    assert sitrep({}, "gazetteer", "search", "xqzw").exit_code == 1
    assert sitrep({}, "gazetteer", "search", "Dara", "--theatre", "atlantis").exit_code == 2
