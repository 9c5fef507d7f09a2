"""`sitrep extract`, `run`, `events` and `explain` as a person uses them."""

import json
import re
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from sitrep.cli import app
from tests.cli_helpers import sitrep
from tests.conftest import write

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "samples"
REPORT = ("Clashes broke out in the Dara district of Panjshir province on Tuesday, residents said. "
          "The NRF said 18 Taliban fighters were killed. Taliban spokesman Zabihullah Mujahid denied any fighting took place.")


def test_extract_jsonl_lines_are_stateless(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = write(tmp_path / "in.jsonl", json.dumps({"id": "r1", "text": REPORT, "published": "2022-09-08"}) + "\n"
                   + json.dumps({"id": "r2", "text": "An op-ed about the economy.", "published": "2022-09-08"}) + "\n{bad\n")
    result = CliRunner().invoke(app, ["extract", str(source)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["r1", "r2"]
    [event] = lines[0]["events"]
    assert (event["admin1"], event["admin2"], event["event_date"], event["sub_event_type"]) == (
        "Panjshir", "Dara", "2022-09-06", "Armed clash")
    assert {"latitude", "longitude", "geo_precision", "time_precision", "inter1", "inter2", "notes", "spans",
            "confidence", "claims", "fatality_claims"} <= set(event)
    assert any(c["stance"] == "denies" and c["affiliation"] == "Taliban" for c in event["claims"])
    assert lines[1]["events"] == []
    assert "malformed JSON" in result.stderr
    assert not (tmp_path / "sitrep.db").exists()  # nothing stored


def test_extract_text_html_and_stdin(tmp_path):
    page = write(tmp_path / "r.html", f"<html><head><title>Dara</title></head><body><p>{REPORT}</p></body></html>")
    assert json.loads(CliRunner().invoke(app, ["extract", str(page)]).stdout)["events"]
    piped = CliRunner().invoke(app, ["extract", "-", "--format", "table"], input=REPORT)
    assert piped.exit_code == 0 and "Armed" in piped.stdout and "Dara" in piped.stdout


def test_extract_usage_errors():
    assert CliRunner().invoke(app, ["extract", "/no/such/file.jsonl"]).exit_code == 2
    assert CliRunner().invoke(app, ["extract", "-"], input="").exit_code == 1


def test_run_events_explain(env, database_url):
    first = sitrep(env, "run", str(SAMPLES))
    assert first.exit_code == 0, first.output
    extracted = re.search(r"Extracted (\d+) event\(s\) from (\d+) document\(s\)", " ".join(first.stdout.split()))
    assert extracted and int(extracted.group(2)) == 32 and int(extracted.group(1)) >= 25
    again = sitrep(env, "run", str(SAMPLES))
    assert "Extracted 0 event(s) from 0 document(s)" in " ".join(again.stdout.split())  # nothing left to do

    everything = json.loads(sitrep(env, "events", "--format", "json", "--limit", "1000").stdout)
    assert len(everything) == int(extracted.group(1))
    panjshir = json.loads(sitrep(env, "events", "--province", "panjshir", "--format", "json").stdout)
    assert panjshir and all(e["admin1"] == "Panjshir" for e in panjshir)
    bombings = json.loads(sitrep(env, "events", "--type", "suicide", "--format", "json").stdout)
    assert bombings and all(e["sub_event_type"] == "Suicide bomb" for e in bombings)
    nrf = json.loads(sitrep(env, "events", "--actor", "NRF", "--from", "2022-09-01", "--to", "2022-09-30",
                            "--format", "json").stdout)
    assert nrf and all("NRF" in (e["actor1"] or "") + (e["actor2"] or "") for e in nrf)
    assert all("2022-09-01" <= e["event_date"] <= "2022-09-30" for e in nrf)

    contested = next(e for e in everything if any(c["stance"] == "denies" for c in e["claims"]))
    shown = sitrep(env, "explain", str(contested["id"]))
    assert shown.exit_code == 0
    assert "Who says so" in shown.stdout and "denies" in shown.stdout
    assert sitrep(env, "explain", "999999").exit_code == 1

    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        claims = connection.scalar(sa.text("SELECT count(*) FROM claims"))
        extractions = connection.scalar(sa.text("SELECT count(*) FROM extractions"))
    engine.dispose()
    assert claims > len(everything) and extractions == 32


def test_reextract_replaces_events(env):
    sitrep(env, "run", str(SAMPLES))
    before = json.loads(sitrep(env, "events", "--format", "json", "--limit", "1000").stdout)
    result = sitrep(env, "run", "--reextract", str(SAMPLES))
    assert "from 32 document(s)" in " ".join(result.stdout.split())
    after = json.loads(sitrep(env, "events", "--format", "json", "--limit", "1000").stdout)
    assert len(after) == len(before)  # replaced, not added


LOADED = ("import sys\n"
          "sys.argv = ['sitrep'] + sys.argv[1:]\n"
          "from sitrep.cli import app\n"
          "try:\n    app()\nexcept SystemExit:\n    pass\n"
          "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'fastapi', 'sqlalchemy', 'alembic', 'uvicorn', 'spacy'})\n"
          "print('LOADED', ' '.join(heavy), file=sys.stderr)\n")


def _loaded_by(*argv: str, stdin: str = "") -> set[str]:
    done = subprocess.run([sys.executable, "-c", LOADED, *argv], input=stdin, capture_output=True, text=True,
                          timeout=120, check=False)
    [line] = [line for line in done.stderr.splitlines() if line.startswith("LOADED")]
    return set(line.split()[1:])


def test_commands_that_store_nothing_never_load_the_database_or_web_stack():
    """`--version` answers at once, and `extract -` pays only for the parser it uses:
    SQLAlchemy, Alembic and FastAPI load with the commands that need them."""
    assert _loaded_by("--version") == set()
    assert _loaded_by("extract", "-", stdin="Taliban fighters attacked a police post in Ghazni on Monday.") == {"spacy"}
