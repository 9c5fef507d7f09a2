"""The analyst's workflow: decisions stick, are audit-logged, and resolution never undoes them."""

import json
from pathlib import Path

from tests.cli_helpers import sitrep
from tests.conftest import write

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "samples"


def incidents(env, *args):
    result = sitrep(env, "incidents", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {i["id"]: i for i in json.loads(result.stdout)}


def partition(found):
    return sorted(sorted(e["event_id"] for e in i["events"]) for i in found.values())


def test_confirm_reject_merge_split_and_audit(env):
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    before = incidents(env)
    several = next(i for i in before.values() if len(i["events"]) >= 3)
    first, *rest = sorted(e["event_id"] for e in several["events"])

    split = sitrep(env, "incident", "split", several["id"], *map(str, rest[:1]), "--why", "another happening")
    assert split.exit_code == 0, split.output
    after_split = incidents(env)
    assert len(after_split) == len(before) + 1
    new_id = next(i for i in after_split if i not in before)
    assert sitrep(env, "incident", "merge", several["id"], new_id, "--why", "one happening after all").exit_code == 0
    assert partition(incidents(env)) == partition(before)  # merging back restores the incidents

    assert sitrep(env, "incident", "confirm", several["id"], "--why", "seen by our team",
                  "--analyst", "analyst-1").exit_code == 0
    assert incidents(env)[several["id"]]["status"] == "confirmed"
    other = next(i for i in before if i != several["id"])
    assert sitrep(env, "incident", "reject", other, "--why", "a dateline, not an event").exit_code == 0
    assert other not in incidents(env) and other in incidents(env, "--all")

    shown = json.loads(sitrep(env, "incident", "show", several["id"], "--format", "json").stdout)
    assert [(a["action"], a["reason"]) for a in shown["audit"]] == [
        ("split", "another happening"), ("merge", "one happening after all"), ("confirm", "seen by our team")]
    assert shown["audit"][-1]["agent"] == "analyst-1"

    # running again changes nothing the analyst decided
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    again = incidents(env, "--all")
    assert again[several["id"]]["status"] == "confirmed"
    assert again[other]["analyst_status"] == "rejected"


def test_decisions_need_a_reason_and_a_real_incident(env):
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    some = next(iter(incidents(env)))
    assert sitrep(env, "incident", "confirm", some).exit_code == 2
    assert sitrep(env, "incident", "confirm", "INC-999999", "--why", "x").exit_code == 1
    assert sitrep(env, "incident", "split", some, "999999", "--why", "x").exit_code == 1


def test_set_source_kind_reassesses(env, tmp_path):
    report = "Unidentified gunmen shot dead two men in Farah city on Monday, relatives said."
    write(tmp_path / "in" / "a.json", json.dumps({"id": "farah-1", "outlet": "Farah Today", "published": "2023-11-22",
                                                  "text": report}))
    assert sitrep(env, "run", str(tmp_path / "in")).exit_code == 0
    [only] = incidents(env).values()
    assert only["status"] == "single-source"
    assert sitrep(env, "incident", "set-source-kind", "relatives", "party", "--affiliation", "Taliban",
                  "--why", "they are Taliban officials").exit_code == 0
    assert incidents(env)[only["id"]]["status"] == "claimed"


def test_new_reports_join_existing_incidents(env, tmp_path):
    first = {"id": "r1", "outlet": "Panjshir Observer", "published": "2022-09-08",
             "text": "Clashes broke out in the Dara district of Panjshir on Tuesday, residents said."}
    write(tmp_path / "one" / "r1.json", json.dumps(first))
    sitrep(env, "run", str(tmp_path / "one"))
    [incident] = incidents(env).values()
    assert incident["status"] == "single-source"
    later = {"id": "r2", "outlet": "UNAMA", "published": "2022-09-09",
             "text": "UNAMA said fighting in Dara district of Panjshir on Tuesday killed two civilians."}
    write(tmp_path / "two" / "r2.json", json.dumps(later))
    sitrep(env, "run", str(tmp_path / "two"))
    [grown] = incidents(env).values()
    assert grown["id"] == incident["id"] and grown["status"] == "corroborated"
    assert {e["document_id"] for e in grown["events"]} == {"r1", "r2"}
