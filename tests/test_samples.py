"""The bundled sample corpus: synthetic, labelled, and covering what the demo and tests need."""

from collections import defaultdict
from pathlib import Path

import pytest

from sitrep.ingest import Read, read_paths
from sitrep.models import VerificationStatus

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "samples"
ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
               "Riots", "Strategic developments"}


@pytest.fixture(scope="module")
def reads() -> list[Read]:
    items = list(read_paths([SAMPLES], 20 * 2**20))
    assert all(isinstance(item, Read) for item in items), [str(i) for i in items if not isinstance(i, Read)]
    return items


@pytest.fixture(scope="module")
def incidents(reads) -> dict[str, list]:
    found = defaultdict(list)
    for read in reads:
        for incident in read.document.metadata["truth"]["incidents"]:
            found[incident["id"]].append((read.document, incident))
    return found


def test_at_least_thirty_distinct_synthetic_reports_in_several_formats(reads):
    assert len(reads) >= 30
    assert len({r.document.sha256 for r in reads}) == len(reads)
    assert all(r.document.metadata["synthetic"] is True for r in reads)
    assert {r.document.media_type for r in reads} >= {"application/json", "text/html", "application/jsonl"}
    assert all(r.document.published and r.document.outlet for r in reads)


def test_every_incident_label_is_complete_and_consistent(incidents):
    for incident_id, labelled in incidents.items():
        labels = [label for _, label in labelled]
        assert all(label == labels[0] for label in labels), incident_id
        label = labels[0]
        assert VerificationStatus(label["status"]) is not VerificationStatus.CONFIRMED
        assert label["event_type"] in ACLED_TYPES
        assert label["admin1"] and label["event_date"] and label["actors"]


def test_reports_without_events_are_labelled_so(reads):
    empty = [r for r in reads if not r.document.metadata["truth"]["incidents"]]
    assert len(empty) >= 2  # an op-ed and a UN appeal


def statuses(incidents):
    return {i: labelled[0][1]["status"] for i, labelled in incidents.items()}


def test_the_scenarios_the_issue_asks_for_are_present(incidents):
    labels = {i: labelled[0][1] for i, labelled in incidents.items()}
    provinces_in_battles = {l["admin1"] for l in labels.values() if l["event_type"] == "Battles"}
    assert {"Panjshir", "Badakhshan", "Baghlan"} <= provinces_in_battles
    assert any(l["admin2"] == "Andarab" for l in labels.values())
    assert any(l["status"] == "contested" for l in labels.values())  # a Taliban denial
    assert any(l["sub_event_type"] == "Suicide bomb" and l["admin1"] == "Kabul"
               and "ISKP: Islamic State Khorasan Province" in l["actors"] for l in labels.values())
    assert any(l["event_type"] == "Protests" for l in labels.values())
    assert any(l["sub_event_type"] == "Arrests" and "Journalists (Afghanistan)" in l["actors"] for l in labels.values())
    assert any(l["sub_event_type"] == "Air/drone strike" and l["admin1"] == "Khost"
               and "Military Forces of Pakistan" in l["actors"] for l in labels.values())
    assert any(l["event_type"] == "Violence against civilians" and l["admin1"] in ("Panjshir", "Baghlan")
               for l in labels.values())  # executions of captured fighters
    assert set(statuses(incidents).values()) == {"contested", "claimed", "corroborated", "single-source"}


def test_several_incidents_are_told_by_two_to_four_sources(incidents):
    multi = [i for i, labelled in incidents.items() if 2 <= len({d.outlet for d, _ in labelled}) <= 4]
    assert len(multi) >= 5


def test_differing_death_tolls_for_the_kabul_bombing(incidents):
    bombing = next(labelled for labelled in incidents.values() if labelled[0][1]["sub_event_type"] == "Suicide bomb")
    texts = " ".join(doc.text for doc, _ in bombing)
    assert all(figure in texts for figure in ("19", "35", "53"))
