"""Reports' MinHash signatures are computed once, kept, and spare later runs the texts."""

from datetime import UTC, date, datetime

from sitrep import pipeline
from sitrep.models import Claim, CustodyEntry, Document, Event, Source, SourceKind, Stance
from sitrep.resolve.copies import signature
from sitrep.store import Store

STORY = ("A roadside bomb struck a Taliban vehicle in Taloqan city on Saturday evening, killing three of its "
         "passengers and wounding two others near the Directorate of Agriculture, residents said.")


def _add(store: Store, tag: str, text: str, outlet: str) -> str:
    sha = tag.ljust(64, "0")
    store.add([(Document(sha, text, sha, "text/plain", "test", external_id=tag, outlet=outlet,
                         published=date(2025, 2, 9)),
                CustodyEntry(sha, sha, "test", "file", sha, "test", "test", "0", datetime.now(UTC)))])
    event = Event(document_sha256=sha, event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                  event_date=date(2025, 2, 8), time_precision=1, admin1="Takhar", admin2="Taloqan", geo_precision=1,
                  claims=[Claim(Source("residents", SourceKind.WITNESS), Stance.ASSERTS, "residents said")])
    store.save_extraction([(sha, [event])], "test")
    return sha


def test_signatures_are_kept_and_later_runs_need_no_text(database_url, monkeypatch):
    store = Store.open(database_url, create=True)
    try:
        original = _add(store, "a", STORY, "Takhar Post")
        copy = _add(store, "b", STORY + " (Reporting by Takhar Post)", "Northern Daily")
        pipeline.resolve_pending(store)
        kept = store.signatures([original, copy])
        assert kept == {original: signature(STORY), copy: signature(STORY + " (Reporting by Takhar Post)")}
        [incident] = store.list_incidents()
        assert incident.status == "single-source"  # the copy is the same voice as its original

        def no_texts(hashes):
            raise AssertionError(f"texts read again: {hashes}")

        monkeypatch.setattr(store, "texts", no_texts)
        assert pipeline.reassess(store, [incident.id]) == 1
        assert store.list_incidents()[0].status == "single-source"
    finally:
        store.close()
