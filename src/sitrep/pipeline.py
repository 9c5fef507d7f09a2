"""Jobs that run stages against the store: the glue between pure stages and persistence.

Ingest commits in batches: each batch's evidence is on disk before its rows are committed, and
a batch is one transaction, so a killed run leaves whole batches behind and the next run picks
up exactly where it stopped (documents already stored are recognised by hash and left alone).
"""

from __future__ import annotations

import getpass
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol

from sitrep import __version__
from sitrep.extract import default_pipeline
from sitrep.ingest import Read, Skip, discover, read_file
from sitrep.ingest.normalise import sha256_hex
from sitrep.models import CustodyEntry, Event
from sitrep.resolve import Assessment, EventRecord, assess, group_events, reach, related
from sitrep.resolve.copies import Report, copies, signature
from sitrep.resolve.headline import headline
from sitrep.resolve.voices import outlet_voice
from sitrep.store import Archive, Store
from sitrep.theatre import Theatre

BATCH_SIZE = 200


class Reporter(Protocol):
    """Where a job tells the person running it how far it got (a progress bar, a log)."""

    def start(self, total_bytes: int) -> None: ...
    def advance(self, nbytes: int) -> None: ...
    def skipped(self, skip: Skip) -> None: ...


class SilentReporter:
    def start(self, total_bytes: int) -> None:
        pass

    def advance(self, nbytes: int) -> None:
        pass

    def skipped(self, skip: Skip) -> None:
        pass


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    present: int = 0
    skipped: list[Skip] = field(default_factory=list)
    interrupted: bool = False

    @property
    def exit_code(self) -> int:
        """0 when anything was read (new or already stored), 1 when every input failed."""
        return 1 if self.skipped and not (self.ingested or self.present) else 0


def ingest(
    paths: Iterable[Path],
    store: Store,
    archive: Archive,
    *,
    max_bytes: int,
    command: str,
    reporter: Reporter | None = None,
    batch_size: int = BATCH_SIZE,
    exclude: Iterable[Path] = (),
) -> IngestSummary:
    reporter = reporter or SilentReporter()
    files = discover(paths, exclude=[archive.root, *store.files(), *exclude])
    reporter.start(sum(_size(path) for path in files))
    summary = IngestSummary()
    agent = agent_name()
    batch: list[Read] = []
    try:
        for path in files:
            for item in [path] if isinstance(path, Skip) else read_file(path, max_bytes):
                if isinstance(item, Skip):
                    summary.skipped.append(item)
                    reporter.skipped(item)
                else:
                    batch.append(item)
                    if len(batch) >= batch_size:
                        _commit(batch, store, archive, summary, command, agent)
                        batch = []
                reporter.advance(item.consumed)
        _commit(batch, store, archive, summary, command, agent)
    except KeyboardInterrupt:
        # Committed batches stay; the uncommitted one is simply read again by the next run.
        summary.interrupted = True
    return summary


def _commit(batch: list[Read], store: Store, archive: Archive, summary: IngestSummary,
            command: str, agent: str) -> None:
    stored = store.existing(read.document.sha256 for read in batch)
    new: list[tuple] = []
    now = datetime.now(UTC)
    for read in batch:
        doc = read.document
        if doc.sha256 in stored:
            summary.present += 1
            continue
        stored.add(doc.sha256)
        archive.put(read.raw, doc.raw_sha256)
        doc.ingested_at = now
        entry = CustodyEntry(
            document_sha256=doc.sha256,
            raw_sha256=doc.raw_sha256,
            origin=str(Path(doc.origin).resolve()),
            locator=read.locator,
            file_sha256=read.file_sha256,
            command=command,
            agent=agent,
            tool_version=__version__,
            at=now,
        )
        new.append((doc, entry))
    archive.flush()  # the evidence is on disk before any row points at it
    inserted = store.add(new)
    summary.ingested += len(inserted)
    summary.present += len(new) - len(inserted)  # stored meanwhile by a concurrent ingest


@dataclass(slots=True)
class ExtractSummary:
    documents: int = 0
    events: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, why)
    interrupted: bool = False


def extract_pending(store: Store, theatre: Theatre, *, everything: bool = False, reporter: Reporter | None = None,
                    batch_size: int = 100) -> ExtractSummary:
    """Extract events from every stored document that has not been through this extractor.

    Results are saved a batch at a time, so an interrupted run keeps what it finished. A
    document the extractor cannot handle is reported and left for the next version; it never
    stops the run.
    """
    reporter = reporter or SilentReporter()
    extractor = default_pipeline(theatre)
    name = extractor.extractor
    reporter.start(store.count_pending(name, everything))
    summary = ExtractSummary()
    batch: list[tuple[str, list[Event]]] = []
    try:
        for doc in store.pending_extraction(name, everything):
            try:
                found = extractor.extract(doc.text, doc.published, doc.sha256, doc.outlet, doc.url)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop a corpus
                summary.failed.append((doc.display_id, f"{type(exc).__name__}: {exc}"))
                reporter.advance(1)
                continue
            batch.append((doc.sha256, found))
            summary.documents += 1
            summary.events += len(found)
            reporter.advance(1)
            if len(batch) >= batch_size:
                store.save_extraction(batch, name)
                batch = []
        store.save_extraction(batch, name)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


@dataclass(slots=True)
class ResolveSummary:
    placed: int = 0  # events newly put in an incident
    created: int = 0  # incidents founded by them
    reassessed: int = 0




def resolve_pending(store: Store) -> ResolveSummary:
    """Put every event not yet in an incident into one, and reassess the incidents touched.

    Incremental: the new events are grouped among themselves and with the stored events that
    match one of them (same province, windows that can overlap: found by streaming the
    province's nearby days past the new events), never the whole store, one province at a
    time (an incident never spans two), so memory is bounded by the busiest province.
    Existing assignments never move, so an analyst's merge, split, confirmation or rejection
    survives every later run; a new event compatible with several incidents joins the oldest.
    """
    summary = ResolveSummary()
    store.drop_empty_incidents()
    for province, waiting in store.queued_by_province().items():
        placed, created, touched, loaded = _resolve_province(store, province, waiting)
        summary.placed += placed
        summary.created += created
        summary.reassessed += reassess(store, touched, loaded)
    if summary.placed:
        store.refresh_planner_statistics()
    return summary


def _resolve_province(store: Store, province: str | None, waiting: list[int]) -> tuple[int, int, list[str], dict]:
    """(events placed, incidents created, incidents touched, the new events as read, by id)."""
    loaded = store.events_for_resolution(waiting)
    new = [EventRecord(event.id, event, doc.display_id, doc.outlet, doc.published) for event, doc in loaded.values()]
    if not new:
        return 0, 0, [], loaded
    days = reach(new)  # a stored event is near when its window can overlap a new one's
    days = days or {precision: (date.min, date.max) for precision in (1, 2, 3)}
    owner: dict[int, str] = {}

    def stored():
        for event, published, incident_id in store.assigned_near(province, days):
            owner[event.id] = incident_id
            yield EventRecord(event.id, event, "", None, published)

    old = related(new, stored())
    fresh: list[str] = []
    assignments: list[tuple[int, str]] = []
    for group in group_events(old + new, known=owner):
        incoming = [r.id for r in group if r.id not in owner]
        if not incoming:
            continue
        existing = sorted({owner[r.id] for r in group if r.id in owner}, key=_incident_order)
        target = existing[0] if existing else f"INC-{min(incoming)}"
        if not existing:
            fresh.append(target)
        assignments += [(event_id, target) for event_id in incoming]
    store.assign(fresh, assignments)
    return len(assignments), len(fresh), sorted({target for _, target in assignments}), loaded


def assess_incident(store: Store, pairs: list, overrides: dict, signatures: dict[str, bytes] | None = None) -> Assessment:
    """Assess an incident's (event, document) pairs, counting copies of a story once.
    `signatures` (sha256 → MinHash) saves queries when many incidents are assessed together."""
    records = [EventRecord(e.id, e, d.display_id, d.outlet, d.published) for e, d in pairs]
    documents = {d.sha256: d for _, d in pairs}
    syndicated = {}
    if len(documents) > 1:
        if signatures is None:  # one incident shown (CLI, API): read only, store nothing
            signatures = report_signatures(store, list(documents), keep=False)
        syndicated = copies([Report(d.display_id, outlet_voice(d.outlet, d.display_id), d.published,
                                    signature=signatures[sha]) for sha, d in documents.items()])
    return assess(records, syndicated=syndicated, overrides=overrides)


def report_signatures(store: Store, hashes: list[str], keep: bool = True) -> dict[str, bytes]:
    """The MinHash signatures of these documents: stored ones, and the others computed from
    their texts (read in batches) and, with `keep`, stored for the next time."""
    found = store.signatures(hashes)
    missing = [sha for sha in hashes if sha not in found]
    for start in range(0, len(missing), 2000):
        fresh = {sha: signature(text) for sha, text in store.texts(missing[start : start + 2000]).items()}
        if keep:
            store.save_signatures(fresh)
        found.update(fresh)
    return found


def reassess(store: Store, incident_ids: list[str], loaded: dict[int, tuple] | None = None) -> int:
    """Recompute status, explanation and fatality range; an analyst's confirmation stays.
    `loaded` (event id → (event, document)) are events the caller has read already: only the
    incidents' other events are read (after a first resolution, none)."""
    overrides = store.source_overrides()
    ids = store.incident_members(incident_ids)
    known = dict(loaded or {})
    known.update(store.events_for_resolution(sorted({e for found in ids.values() for e in found} - known.keys())))
    members = {incident_id: [known[e] for e in found if e in known] for incident_id, found in ids.items()}
    shared = {d.sha256 for pairs in members.values() if len({d.sha256 for _, d in pairs}) > 1 for _, d in pairs}
    signatures = report_signatures(store, sorted(shared)) if shared else {}
    results = {}
    for incident_id, pairs in members.items():
        if not pairs:
            continue
        assessment = assess_incident(store, pairs, overrides, signatures)
        results[incident_id] = {
            "status": assessment.status.value, "explanation": assessment.explanation,
            "fatalities_low": assessment.fatalities_low, "fatalities_best": assessment.fatalities_best,
            "fatalities_high": assessment.fatalities_high, **headline(pairs, assessment),
        }
    for incident_id in store.confirmed_among(list(results)):
        results[incident_id]["status"] = "confirmed"
        results[incident_id]["explanation"] = "confirmed by an analyst; " + results[incident_id]["explanation"]
    store.save_assessments(results)
    return len(results)


def _incident_order(incident_id: str) -> tuple[int, str]:
    digits = incident_id.removeprefix("INC-").split("-")[0]
    return (int(digits) if digits.isdigit() else 1 << 62, incident_id)


@dataclass(slots=True)
class ArchiveProblem:
    document: str
    sha256: str
    problem: str


@dataclass(slots=True)
class ArchiveReport:
    checked: int = 0
    documents: int = 0
    problems: list[ArchiveProblem] = field(default_factory=list)
    unreferenced: int = 0


def verify_archive(store: Store, archive: Archive, reporter: Reporter | None = None) -> ArchiveReport:
    """Re-hash every archived original and every stored text against the hash it is filed under."""
    reporter = reporter or SilentReporter()
    reporter.start(store.count())
    report = ArchiveReport()
    referenced: set[str] = set()
    for doc in store.iter_documents():
        report.documents += 1
        if doc.raw_sha256 not in referenced:
            referenced.add(doc.raw_sha256)
            report.checked += 1
            problem = archive.check(doc.raw_sha256)
            if problem:
                report.problems.append(ArchiveProblem(doc.display_id, doc.raw_sha256, problem))
        if sha256_hex(doc.text) != doc.sha256:
            report.problems.append(
                ArchiveProblem(doc.display_id, doc.sha256, "stored text no longer matches its hash")
            )
        reporter.advance(1)
    report.unreferenced = sum(1 for sha in archive.stored() if sha not in referenced)
    return report


def _size(path: Path | Skip) -> int:
    if isinstance(path, Skip):
        return 0
    try:
        return path.stat().st_size
    except OSError:
        return 0


def agent_name() -> str:
    """Who is acting: user@host, as the custody and audit logs record it."""
    return f"{_user()}@{socket.gethostname()}"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
