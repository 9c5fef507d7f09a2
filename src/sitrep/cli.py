"""`sitrep …`: the command line. The only module besides api/ that talks to people.

Output meant for reading goes to stdout (tables, JSON, summaries); progress bars and one line
per skipped input go to stderr, so `sitrep documents --format json | jq` stays clean.
Exit codes: 0 done, 1 the work failed (nothing ingested, a check found damage, not found),
2 the command was used wrongly.
"""

from __future__ import annotations

import json
import shlex
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from rich.text import Text
from sitrep import __version__
from sitrep.config import Settings
from sitrep.export import headline_of, incident_record, with_voices
from sitrep.extract import Pipeline, PipelineConfig, default_pipeline, event_to_record
from sitrep.ingest import Skip, read_bytes, read_paths
from sitrep.models import CustodyEntry, Document, Event, SourceKind
from sitrep.theatre import DEFAULT_THEATRE, load_theatre
from sitrep.theatre.geocode import geocode
from sitrep.theatre.search import search

if TYPE_CHECKING:  # the store, SQLAlchemy and the pipeline load only for the commands that use them
    from sitrep import pipeline
    from sitrep.store import Store

app = typer.Typer(
    name="sitrep",
    help="Turn conflict reporting into a verified, mapped, source-attributed event dataset.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")
gazetteer_app = typer.Typer(help="Look things up in the theatre's gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


class Format(StrEnum):
    table = "table"
    json = "json"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


@dataclass(slots=True)
class Where:
    """The --db and --data-dir given before the command name."""

    database_url: str | None = None
    data_dir: Path | None = None

    def settings(self, max_file_mb: float | None = None) -> Settings:
        try:
            return Settings.resolve(self.database_url, self.data_dir, max_file_mb)
        except ValueError as exc:
            fail(str(exc), code=2)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        out.print(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option(
        "--db", help="Database URL or SQLite file [env: SITREP_DATABASE_URL; default: sitrep.db]",
        show_default=False)] = None,
    data_dir: Annotated[Path | None, typer.Option(
        "--data-dir", help="Evidence archive directory [env: SITREP_DATA_DIR; default: sitrep-data]",
        show_default=False)] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    ctx.obj = Where(db, data_dir)


def _open(settings: Settings, *, create: bool = False) -> Store:
    from sitrep.store import DatabaseMissing, Store
    try:
        return Store.open(settings.database_url, create=create)
    except DatabaseMissing as exc:
        fail(str(exc))


def _describe(url: str) -> str:
    from sqlalchemy.engine import make_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database)
    return parsed.render_as_string(hide_password=True)


# -- ingest --------------------------------------------------------------------------------


class RichReporter:
    """A byte-based progress bar (one huge JSONL file moves it as smoothly as many small
    files) and one stderr line per skipped input, printed above the bar."""

    def __init__(self, label: str, *, in_bytes: bool) -> None:
        amount = (DownloadColumn(), TransferSpeedColumn()) if in_bytes else (MofNCompleteColumn(),)
        self.progress = Progress(
            TextColumn(label), BarColumn(), *amount, TimeRemainingColumn(),
            console=err, transient=True,
        )
        self.task = self.progress.add_task(label, total=None)

    def __enter__(self) -> RichReporter:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, total_bytes: int) -> None:
        self.progress.update(self.task, total=total_bytes)

    def advance(self, nbytes: int) -> None:
        self.progress.advance(self.task, nbytes)

    def skipped(self, skip: Skip) -> None:
        self.progress.console.print(f"[yellow]skipped[/] {escape(str(skip))}")


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(
        help="Files or directories (read recursively): .txt .md .html .htm .json .jsonl")],
    max_file_mb: Annotated[float | None, typer.Option(
        "--max-file-mb", help="Skip files larger than this [env: SITREP_MAX_FILE_MB; default: 20]",
        show_default=False)] = None,
) -> None:
    """Read reports into the store, archiving their original bytes with a custody record."""
    summary, settings = _ingest(ctx, paths, max_file_mb, "ingest")
    raise typer.Exit(_ingest_exit(summary))


def _ingest(ctx: typer.Context, paths: list[Path], max_file_mb: float | None, command: str):
    from sitrep import pipeline
    from sitrep.store import Archive
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}", code=2)
    settings = ctx.obj.settings(max_file_mb)
    store = _open(settings, create=True)
    try:
        with RichReporter("Ingesting", in_bytes=True) as reporter:
            summary = pipeline.ingest(
                paths, store, Archive(settings.data_dir),
                max_bytes=settings.max_file_bytes,
                command=_command_line(ctx, settings, paths, max_file_mb, command),
                reporter=reporter,
            )
    finally:
        store.close()
    out.print(
        f"Ingested [bold]{summary.ingested}[/] new document(s), "
        f"{summary.present} already present, {len(summary.skipped)} skipped "
        f"→ {escape(_describe(settings.database_url))}"
    )
    return summary, settings


def _ingest_exit(summary: pipeline.IngestSummary) -> int:
    if summary.interrupted:
        err.print("[yellow]Interrupted.[/] What is counted above is safely stored; "
                  "run the same command again to continue.")
        return 130
    return summary.exit_code


def _command_line(ctx: typer.Context, settings: Settings, paths: list[Path], max_file_mb: float | None,
                  command: str) -> str:
    """The command as it took effect, for the custody log (passwords hidden)."""
    words = ["sitrep"]
    if ctx.obj.database_url:
        words += ["--db", _describe(settings.database_url)]
    if ctx.obj.data_dir:
        words += ["--data-dir", str(settings.data_dir)]
    words.append(command)
    if max_file_mb is not None:
        words += ["--max-file-mb", f"{max_file_mb:g}"]
    return shlex.join(words + [str(path) for path in paths])


# -- extraction ----------------------------------------------------------------------------


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def extract(
    source: Annotated[str | None, typer.Argument(
        help="A .jsonl file of {id, text, published, url?, outlet?} lines, a .txt/.html/.json file, "
             "a directory, or - for standard input", show_default=False)] = None,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
    theatre: Annotated[str, typer.Option(help="Theatre whose places and actors to use")] = DEFAULT_THEATRE,
    max_file_mb: Annotated[float | None, typer.Option("--max-file-mb", show_default=False,
                                                      help="Skip inputs larger than this [default: 20]")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="A pipeline config (default: the shipped one)",
                                                dir_okay=False, exists=True)] = None,
    show_pipeline: Annotated[bool, typer.Option("--pipeline", help="Print the pipeline's steps and name, and stop")] = False,
) -> None:
    """Extract events and claims from reports, printing them; stores nothing.

    With --format jsonl (the default) each report gives one line {"id", "events": [...]}.
    """
    settings = Where().settings(max_file_mb)
    loaded = _theatre(theatre)
    try:
        extractor = Pipeline(PipelineConfig.read(config), loaded) if config else default_pipeline(loaded)
    except (ValueError, KeyError, OSError) as exc:  # a config that names what does not exist
        fail(f"cannot build the pipeline: {exc}", code=2)
    if show_pipeline:
        out.print(escape(f"extractor {extractor.extractor}\n{extractor.config.describe()}"), soft_wrap=True)
        return
    if source is None:
        fail("say what to extract from: a file, a directory, or - for standard input", code=2)
    if source == "-":
        items = read_bytes(sys.stdin.buffer.read(), "<stdin>", settings.max_file_bytes)
    else:
        path = Path(source)
        if not path.exists():
            fail(f"no such file or directory: {source}", code=2)
        items = read_paths([path], settings.max_file_bytes)
    produced = 0
    for item in items:
        if isinstance(item, Skip):
            err.print(f"[yellow]skipped[/] {escape(str(item))}")
            continue
        doc = item.document
        ident = doc.external_id or (doc.origin if item.locator == "file" else f"{doc.origin}:{item.locator}")
        try:
            found = extractor.extract(doc.text, doc.published, doc.sha256, doc.outlet, doc.url)
        except Exception as exc:  # noqa: BLE001 - report and go on with the next report
            err.print(f"[red]failed[/] {escape(ident)}: {escape(type(exc).__name__)}: {escape(str(exc))}")
            found = []
        produced += 1
        if format is ExtractFormat.jsonl:
            sys.stdout.write(json.dumps({"id": ident, "events": [event_to_record(e) for e in found]},
                                        ensure_ascii=False) + "\n")
        else:
            out.print(_events_table(f"{ident}: {len(found)} event(s)", [(e, doc) for e in found]))
    if not produced:
        raise typer.Exit(1)


@app.command()
def run(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or directories to ingest, then extract")],
    max_file_mb: Annotated[float | None, typer.Option("--max-file-mb", show_default=False,
                                                      help="Skip files larger than this [default: 20]")] = None,
    everything: Annotated[bool, typer.Option("--reextract", help="Extract every stored document again")] = False,
    theatre: Annotated[str, typer.Option(help="Theatre whose places and actors to use")] = DEFAULT_THEATRE,
) -> None:
    """Ingest reports, extract events from every document not yet extracted, resolve incidents."""
    from sitrep import pipeline
    loaded = _theatre(theatre)
    summary, settings = _ingest(ctx, paths, max_file_mb, "run")
    if summary.interrupted:
        raise typer.Exit(_ingest_exit(summary))
    store = _open(settings)
    try:
        with RichReporter("Extracting", in_bytes=False) as reporter:
            extracted = pipeline.extract_pending(store, loaded, everything=everything, reporter=reporter)
        total = store.count_events()
        resolved = pipeline.resolve_pending(store)
        by_status = store.count_incidents()
    finally:
        store.close()
    for document, why in extracted.failed:
        err.print(f"[red]extraction failed[/] {escape(document)}: {escape(why)}")
    out.print(f"Extracted [bold]{extracted.events}[/] event(s) from {extracted.documents} document(s); "
              f"{total} event(s) in the store. List them with `sitrep events`.")
    out.print(f"{resolved.placed} event(s) placed in incidents ({resolved.created} new). Incidents: "
              + (", ".join(f"{n} {s}" for s, n in sorted(by_status.items())) or "none")
              + ". See them with `sitrep incidents`.")
    if extracted.interrupted:
        err.print("[yellow]Interrupted.[/] Finished documents are saved; run again to continue.")
        raise typer.Exit(130)
    raise typer.Exit(summary.exit_code)


@app.command("incidents")
def list_incidents(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Only this status, e.g. contested")] = None,
    province: Annotated[str | None, typer.Option(help="Only incidents in this province")] = None,
    rejected: Annotated[bool, typer.Option("--all", help="Include incidents an analyst rejected")] = False,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Incidents: the same happening across reports, with who says so and how sure we can be."""
    from sitrep import pipeline
    store = _open(ctx.obj.settings())
    try:
        found = store.list_incidents(status=status, province=province, include_rejected=rejected)
        if format is Format.json:
            overrides = store.source_overrides()
            records = [_incident_record(i, pipeline.assess_incident(store, i.events, overrides)) for i in found]
    finally:
        store.close()
    if format is Format.json:
        out.print_json(json.dumps(records, ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} incident(s)")
    for column in ("id", "status", "date", "what", "where", "deaths (low-best-high)", "reports", "why"):
        table.add_column(column, overflow="fold")
    for incident in found:
        first = incident.events[0][0] if incident.events else None
        deaths = "" if incident.fatalities_low is None else (
            f"{incident.fatalities_low}-{incident.fatalities_best}-{incident.fatalities_high}")
        status = incident.status + (" (rejected)" if incident.analyst_status == "rejected" else "")
        table.add_row(incident.id, status, str(first.event_date if first else "?"), first.sub_event_type if first else "",
                      ", ".join(x for x in (first.location, first.admin1) if x) if first else "", deaths,
                      str(len({d.sha256 for _, d in incident.events})), incident.explanation)
    out.print(table)


def _incident_record(incident, voices) -> dict[str, Any]:
    """An incident as JSON: the stored verdict and headline, the voices and figures behind it."""
    return with_voices(incident_record(headline_of(incident), incident.events), voices)


incident_app = typer.Typer(help="Look at one incident and decide about it (every decision is audit-logged).",
                           no_args_is_help=True)
app.add_typer(incident_app, name="incident")
Why = Annotated[str, typer.Option("--why", help="The reason, for the audit log (required)")]
Analyst = Annotated[str | None, typer.Option("--analyst", help="Who decides [default: user@host]")]


def _decision(ctx: typer.Context, action, *args) -> Any:
    from sitrep.store.incidents import NotFound
    store = _open(ctx.obj.settings())
    try:
        result = action(store, *args)
        return result
    except NotFound as exc:
        fail(str(exc))
    finally:
        store.close()


def _agent(analyst: str | None) -> str:
    from sitrep import pipeline
    return analyst or pipeline.agent_name()


def _why(reason: str) -> str:
    if not reason.strip():
        fail("say why with --why: every decision goes in the audit log", code=2)
    return reason.strip()


@incident_app.command("show")
def incident_show(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(help="Incident id, e.g. INC-12")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Every report of an incident, its claims side by side, the figures, the audit log."""
    from sitrep import pipeline
    def load(store):
        incident = store.get_incident(incident_id)
        voices = pipeline.assess_incident(store, incident.events, store.source_overrides())
        return incident, voices, store.audit_trail(incident_id)

    incident, voices, trail = _decision(ctx, load)
    record = _incident_record(incident, voices)
    if format is Format.json:
        out.print_json(json.dumps(record | {"audit": trail}, ensure_ascii=False, default=str))
        return
    out.print(Panel(Text(f"{incident.status}: {incident.explanation}"), title=f"{incident.id}", title_align="left"))
    if incident.fatalities_low is not None:
        out.print(f"Deaths: low {incident.fatalities_low}, best {incident.fatalities_best}, "
                  f"high {incident.fatalities_high} — " + "; ".join(
                      f"{f['number']} ({f['source']})" for f in record["fatality_figures"]))
    out.print(_events_table("Reports", incident.events))
    sides = Table(title="Claims", title_justify="left")
    sides.add_column("asserts", overflow="fold")
    sides.add_column("denies", overflow="fold")
    asserted = [f"{c.source.name} ({c.source.kind.value}): {c.quote}" for e, _ in incident.events for c in e.claims
                if c.stance.value != "denies"]
    denied = [f"{c.source.name} ({c.source.kind.value}): {c.quote}" for e, _ in incident.events for c in e.claims
              if c.stance.value == "denies"]
    for index in range(max(len(asserted), len(denied))):
        sides.add_row(asserted[index] if index < len(asserted) else "", denied[index] if index < len(denied) else "")
    out.print(sides)
    if trail:
        log = Table(title="Audit log", title_justify="left")
        for column in ("at", "who", "action", "details", "why"):
            log.add_column(column, overflow="fold")
        for entry in trail:
            log.add_row(str(entry["at"])[:19], entry["agent"], entry["action"], json.dumps(entry["details"]), entry["reason"])
        out.print(log)


@incident_app.command("confirm")
def incident_confirm(ctx: typer.Context, incident_id: str, why: Why = "", analyst: Analyst = None) -> None:
    """An analyst confirms the incident happened (status: confirmed)."""
    _decision(ctx, lambda store: store.decide(incident_id, "confirmed", _agent(analyst), _why(why)))
    out.print(f"{incident_id} confirmed.")


@incident_app.command("reject")
def incident_reject(ctx: typer.Context, incident_id: str, why: Why = "", analyst: Analyst = None) -> None:
    """An analyst says this is not a real event; it leaves listings and exports (see --all)."""
    _decision(ctx, lambda store: store.decide(incident_id, "rejected", _agent(analyst), _why(why)))
    out.print(f"{incident_id} rejected.")


@incident_app.command("merge")
def incident_merge(ctx: typer.Context, keep: str, absorb: str, why: Why = "", analyst: Analyst = None) -> None:
    """Merge the second incident into the first: they are one happening."""
    from sitrep import pipeline
    def act(store):
        store.merge(keep, absorb, _agent(analyst), _why(why))
        pipeline.reassess(store, [keep])

    _decision(ctx, act)
    out.print(f"{absorb} merged into {keep}.")


@incident_app.command("split")
def incident_split(
    ctx: typer.Context, incident_id: str,
    event_ids: Annotated[list[int], typer.Argument(help="Events to move into a new incident")],
    why: Why = "", analyst: Analyst = None,
) -> None:
    """Move some events out of an incident into a new one: they are another happening."""
    from sitrep import pipeline
    def act(store):
        new_id = store.split(incident_id, event_ids, _agent(analyst), _why(why))
        pipeline.reassess(store, [incident_id, new_id])
        return new_id

    out.print(f"Events {', '.join(map(str, event_ids))} now form {_decision(ctx, act)}.")


@incident_app.command("set-source-kind")
def incident_set_source_kind(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The source's name exactly as claims give it")],
    kind: Annotated[SourceKind, typer.Argument(help="party, official, media, ngo, witness, anonymous or social")],
    affiliation: Annotated[str | None, typer.Option(help="The actor a party source speaks for")] = None,
    why: Why = "", analyst: Analyst = None,
) -> None:
    """Say what kind of source a name is; every incident it speaks in is reassessed."""
    from sitrep import pipeline
    def act(store):
        touched = store.set_source_kind(source, kind, affiliation, _agent(analyst), _why(why))
        pipeline.reassess(store, touched)
        return touched

    touched = _decision(ctx, act)
    out.print(f"{source!r} is now a {kind.value} source; {len(touched)} incident(s) reassessed.")


@app.command()
def demo(ctx: typer.Context) -> None:
    """Run the bundled synthetic reports through everything and show the incidents."""
    from sitrep import pipeline
    samples = Path(str(files("sitrep") / "samples"))
    summary, _ = _ingest(ctx, [samples], None, "demo")
    store = _open(ctx.obj.settings())
    try:
        with RichReporter("Extracting", in_bytes=False) as reporter:
            pipeline.extract_pending(store, load_theatre(DEFAULT_THEATRE), reporter=reporter)
        pipeline.resolve_pending(store)
    finally:
        store.close()
    list_incidents(ctx, status=None, province=None, rejected=False, format=Format.table)


@app.command("events")
def list_events(
    ctx: typer.Context,
    date_from: Annotated[datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="On or after")] = None,
    date_to: Annotated[datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="On or before")] = None,
    province: Annotated[str | None, typer.Option(help="admin1, e.g. Panjshir")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of actor1 or actor2, e.g. NRF")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Part of the event or sub-event type")] = None,
    document: Annotated[str | None, typer.Option(help="Only events of this document (id or sha256 prefix)")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 100,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """List extracted events, newest first."""
    from sitrep.store.events import EventFilter
    where = EventFilter(date_from=date_from.date() if date_from else None, date_to=date_to.date() if date_to else None,
                        province=province, actor=actor, event_type=event_type, document=document)
    store = _open(ctx.obj.settings())
    try:
        found = store.list_events(where, limit=limit)
    finally:
        store.close()
    if format is Format.json:
        out.print_json(json.dumps([{"id": e.id, "document_id": d.display_id, **event_to_record(e)} for e, d in found],
                                  ensure_ascii=False))
        return
    out.print(_events_table(f"{len(found)} event(s)", found))


def _events_table(title: str, rows: list[tuple[Event, Document]]) -> Table:
    table = Table(title=title)
    for column in ("id", "date", "type", "actors", "where", "deaths", "claims", "report"):
        table.add_column(column, overflow="fold")
    for event, doc in rows:
        denials = sum(c.stance.value == "denies" for c in event.claims)
        table.add_row(
            str(event.id or ""), str(event.event_date or "?") + (f" (p{event.time_precision})" if event.time_precision else ""),
            event.sub_event_type, " vs ".join(a for a in (event.actor1, event.actor2) if a) or "?",
            ", ".join(x for x in (event.location, event.admin1) if x) or "?",
            "" if event.fatalities is None else str(event.fatalities),
            f"{len(event.claims)}" + (f" ({denials} denial{'s' if denials > 1 else ''})" if denials else ""),
            doc.display_id,
        )
    return table


_FIELD_STYLES = {
    "event_type": "bold magenta", "sub_event_type": "bold magenta", "actor1": "bold red", "actor2": "bold blue",
    "admin1": "bold green", "admin2": "bold green", "location": "bold green", "event_date": "bold cyan",
    "fatalities": "bold yellow",
}


@app.command()
def explain(
    ctx: typer.Context,
    event_id: Annotated[int, typer.Argument(help="Event id, as listed by `sitrep events`")],
) -> None:
    """Show an event beside the report it came from, every field's words highlighted."""
    store = _open(ctx.obj.settings())
    try:
        found = store.get_event(event_id)
    finally:
        store.close()
    if found is None:
        fail(f"no event {event_id} (try `sitrep events`)")
    event, doc = found
    record = event_to_record(event)
    facts = Table(title=f"Event {event_id} from {doc.display_id}: {doc.title or ''}", title_justify="left")
    for column in ("field", "value", "from the words"):
        facts.add_column(column, overflow="fold")
    for key in ("event_type", "sub_event_type", "event_date", "time_precision", "actor1", "actor2", "interaction",
                "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "confidence"):
        span = event.spans.get(key)
        facts.add_row(Text(key, style=_FIELD_STYLES.get(key, "")), str(record[key]),
                      Text(span.of(doc.text), style=_FIELD_STYLES.get(key, "")) if span else Text("—", style="dim"))
    out.print(facts)
    out.print(Text(event.notes, style="italic"))
    if event.fatality_claims:
        out.print("Death figures: " + "; ".join(f"{f.number} ({f.source})" for f in event.fatality_claims))
    claims = Table(title="Who says so", title_justify="left")
    for column in ("stance", "source", "kind", "affiliation", "quote"):
        claims.add_column(column, overflow="fold")
    for claim in event.claims:
        stance = Text(claim.stance.value, style="bold red" if claim.stance.value == "denies" else "green")
        claims.add_row(stance, claim.source.name, claim.source.kind.value, claim.source.affiliation or "", claim.quote)
    out.print(claims)
    text = Text(doc.text)
    for claim in event.claims:
        if claim.quote_span:
            text.stylize("underline", claim.quote_span.start, claim.quote_span.end)
    for key, span in event.spans.items():
        if key in _FIELD_STYLES:
            text.stylize(_FIELD_STYLES[key] + " reverse", span.start, span.end)
    out.print(Panel(text, title="Report (fields highlighted, claims underlined)", title_align="left"))


# -- documents and show --------------------------------------------------------------------


@app.command()
def documents(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(
        help='Full-text search ("quoted phrase", words are ANDed); omit to list the newest')] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="At most this many")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (listing only)")] = 0,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """List stored documents, or search their titles and text."""
    store = _open(ctx.obj.settings())
    try:
        if query is not None:
            hits = store.search(query, limit=limit)
        else:
            hits = [(doc, None) for doc in store.list_documents(limit=limit, offset=offset)]
        total = store.count()
    finally:
        store.close()
    if format is Format.json:
        rows = [_summary(doc) | ({"snippet": _plain(snippet)} if snippet else {})
                for doc, snippet in hits]
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table(title=f"{len(hits)} of {total} document(s)" + (f" matching {query!r}" if query else ""))
    table.add_column("id", overflow="fold", max_width=24)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", overflow="fold", max_width=20)
    table.add_column("title", overflow="fold", ratio=1)
    for doc, snippet in hits:
        title = Text(doc.title) if doc.title else Text(_preview(doc.text), style="italic")
        if snippet:
            title.append("\n")
            title.append_text(_highlighted(snippet))
        table.add_row(doc.display_id, str(doc.published or ""), doc.outlet or "", title)
    out.print(table)


@app.command()
def show(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(help="External id, sha256, or a sha256 prefix (4+)")],
    format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
) -> None:
    """Show one document: metadata, chain of custody and text."""
    store = _open(ctx.obj.settings())
    try:
        found = store.find(doc_id)
        if len(found) > 1:
            exact = [doc for doc in found if doc.sha256 == doc_id.lower()]
            found = exact or found
        if not found:
            fail(f"no document matches {doc_id!r} (try `sitrep documents`)")
        if len(found) > 1:
            listing = ", ".join(f"{doc.short_id} ({doc.title or 'untitled'})" for doc in found)
            fail(f"{doc_id!r} matches {len(found)} documents: {listing}; give more of the sha256")
        doc = found[0]
        custody = store.custody(doc.sha256)
    finally:
        store.close()
    if format is ShowFormat.json:
        record = _summary(doc) | {
            "text": doc.text,
            "metadata": doc.metadata,
            "custody": [_custody(entry) for entry in custody],
        }
        out.print_json(json.dumps(record, ensure_ascii=False))
        return
    facts = Table.grid(padding=(0, 2))
    for key, value in _summary(doc).items():
        if value not in (None, ""):
            facts.add_row(Text(key, style="bold"), Text(str(value)))
    if doc.metadata:
        facts.add_row(Text("metadata", style="bold"), Text(json.dumps(doc.metadata, ensure_ascii=False)))
    out.print(Panel(facts, title=Text(doc.title or "(untitled)"), title_align="left"))
    trail = Table(title="Chain of custody", title_justify="left")
    for column in ("at (UTC)", "action", "origin", "locator", "raw sha256", "by", "command"):
        trail.add_column(column, overflow="fold")
    for entry in custody:
        trail.add_row(entry.at.strftime("%Y-%m-%d %H:%M:%S"), entry.action, entry.origin,
                      entry.locator, entry.raw_sha256[:16], entry.agent, entry.command)
    out.print(trail)
    out.print(Text(doc.text))


def _preview(text: str, length: int = 90) -> str:
    """Untitled reports (social posts) are listed by their first words."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def _summary(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.display_id,
        "external_id": doc.external_id,
        "sha256": doc.sha256,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url,
        "language": doc.language,
        "media_type": doc.media_type,
        "raw_sha256": doc.raw_sha256,
        "origin": doc.origin,
        "ingested_at": doc.ingested_at.isoformat() if doc.ingested_at else None,
        "chars": len(doc.text),
    }


def _custody(entry: CustodyEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "action": entry.action,
        "origin": entry.origin,
        "locator": entry.locator,
        "raw_sha256": entry.raw_sha256,
        "file_sha256": entry.file_sha256,
        "agent": entry.agent,
        "command": entry.command,
        "tool_version": entry.tool_version,
    }


def _highlighted(snippet: str) -> Text:
    from sitrep.store.repository import HIGHLIGHT_END, HIGHLIGHT_START
    text = Text(style="dim")
    for index, part in enumerate(snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START)):
        text.append(part, style="bold yellow" if index % 2 else None)
    return text


def _plain(snippet: str) -> str:
    from sitrep.store.repository import HIGHLIGHT_END, HIGHLIGHT_START
    return snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


# -- verify-archive ------------------------------------------------------------------------


@app.command("verify-archive")
def verify_archive(ctx: typer.Context) -> None:
    """Re-hash every archived original and stored text; exit 1 if anything changed."""
    from sitrep import pipeline
    from sitrep.store import Archive
    settings = ctx.obj.settings()
    store = _open(settings)
    try:
        with RichReporter("Verifying", in_bytes=False) as reporter:
            report = pipeline.verify_archive(store, Archive(settings.data_dir), reporter)
    finally:
        store.close()
    if report.unreferenced:
        out.print(f"{report.unreferenced} archived file(s) belong to no document "
                  "(left by an interrupted ingest; harmless).")
    if not report.problems:
        out.print(f"[green]All intact:[/] {report.checked} archived original(s) and "
                  f"{report.documents} document text(s) match their sha256.")
        return
    out.print(f"[bold red]{len(report.problems)} problem(s):[/]")
    for problem in report.problems:
        out.print(f"  {escape(problem.document)} {problem.sha256}: {escape(problem.problem)}",
                  soft_wrap=True)
    raise typer.Exit(1)


# -- places and gazetteer -----------------------------------------------------------------


def _theatre(name: str):
    try:
        return load_theatre(name)
    except ValueError as exc:
        fail(str(exc), code=2)


@app.command()
def places(
    text: Annotated[str, typer.Argument(help="The text to read, or - to read standard input")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    theatre: Annotated[str, typer.Option(help="Theatre whose gazetteer to use")] = DEFAULT_THEATRE,
) -> None:
    """Find every place a text names, how it was resolved, and why."""
    if text == "-":
        text = sys.stdin.read()
    mentions = geocode(text, _theatre(theatre))
    if format is Format.json:
        keys = ("name", "start", "end", "admin1", "admin2", "location", "latitude", "longitude",
                "geo_precision", "confidence", "why")
        out.print_json(json.dumps([{k: m.as_dict()[k] for k in keys} for m in mentions], ensure_ascii=False))
        return
    if not mentions:
        out.print("No place found.")
        return
    table = Table(title=f"{len(mentions)} place(s)")
    for column in ("text", "at", "resolved to", "admin1", "admin2", "lat, lon", "prec.", "conf."):
        table.add_column(column, overflow="fold")
    for m in mentions:
        table.add_row(m.name, f"{m.start}-{m.end}", f"{m.place.name} ({m.place.kind})", m.admin1 or "",
                      m.admin2 or "", f"{m.latitude:.3f}, {m.longitude:.3f}", str(m.geo_precision),
                      f"{m.confidence:.2f}")
    out.print(table)
    for m in mentions:
        out.print(f"[bold]{escape(m.name)}[/]: {escape(m.why)}")


@gazetteer_app.command("search")
def gazetteer_search(
    name: Annotated[str, typer.Argument(help="A place name in any spelling or script")],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 10,
    kind: Annotated[str | None, typer.Option(help="Only this kind: province, district, town, village, …")] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    theatre: Annotated[str, typer.Option(help="Theatre whose gazetteer to search")] = DEFAULT_THEATRE,
) -> None:
    """Search the gazetteer by name, tolerating misspellings."""
    loaded = _theatre(theatre)
    hits = search(loaded, name, limit=limit, kind=kind)
    rows = []
    for hit in hits:
        district, province = loaded.district_of(hit.place), loaded.province_of(hit.place)
        rows.append({
            "id": hit.place.id, "name": hit.place.name, "kind": hit.place.kind,
            "admin1": province.name if province else None,
            "admin2": district.name if district and district.id != hit.place.id else None,
            "latitude": hit.place.latitude, "longitude": hit.place.longitude,
            "population": hit.place.population, "score": hit.score, "matched": hit.matched,
            "alternate_names": list(hit.place.alternate_names),
        })
    if format is Format.json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        out.print(f"Nothing in the gazetteer looks like {name!r}.")
        raise typer.Exit(1)
    table = Table(title=f"Gazetteer matches for {name!r}")
    table.add_column("id", no_wrap=True)
    for column in ("name", "kind", "admin2", "admin1", "lat, lon", "score"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["id"], row["name"], row["kind"], row["admin2"] or "", row["admin1"] or "",
                      f"{row['latitude']:.3f}, {row['longitude']:.3f}", f"{row['score']:g}")
    out.print(table)


# -- db ------------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Create the database or bring its schema up to date (safe to repeat)."""
    from sitrep.store import migrate
    settings = ctx.obj.settings()
    store = _open(settings, create=True)
    try:
        current = migrate.current_revision(store.engine)
    finally:
        store.close()
    out.print(f"{escape(_describe(settings.database_url))} is at revision {current} (head).")


@db_app.command("current")
def db_current(ctx: typer.Context) -> None:
    """Print the database's schema revision and whether it needs `sitrep db upgrade`."""
    from sitrep.store import migrate
    from sitrep.store.engine import make_engine, sqlite_path
    from sqlalchemy.exc import OperationalError
    settings = ctx.obj.settings()
    path = sqlite_path(settings.database_url)
    if path is not None and not path.exists():
        fail(f"no database at {path}")
    engine = make_engine(settings.database_url)
    try:
        current = migrate.current_revision(engine)
    except OperationalError as exc:
        fail(f"cannot open the database: {exc.orig}")
    finally:
        engine.dispose()
    head = migrate.head_revision()
    verdict = "up to date" if current == head else f"needs `sitrep db upgrade` to {head}"
    out.print(f"{escape(_describe(settings.database_url))} is at revision {current} ({verdict}).")


# -- serving, exports and access -------------------------------------------------------------


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    private: Annotated[bool, typer.Option("--private", help="Readers need a token too")] = False,
) -> None:
    """Serve the API and the dashboard (read-only for anonymous users unless --private)."""
    import uvicorn  # the web stack loads only for this command

    from sitrep.api import create_app, warm

    settings = ctx.obj.settings()
    with socket.socket() as probe:  # say so plainly, rather than a server error after start-up
        try:
            probe.bind((host, port))
        except OSError as exc:
            fail(f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port", code=2)
    store = _open(settings)
    app_ = create_app(store, settings, load_theatre(DEFAULT_THEATRE), private=private)
    warm(app_)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    out.print(f"sitrep dashboard: [bold]http://{shown}:{port}/[/]", soft_wrap=True)
    out.print(f"API and its documentation: http://{shown}:{port}/docs — press Ctrl-C to stop.", soft_wrap=True)
    try:
        uvicorn.run(app_, host=host, port=port, log_level="warning")
    finally:
        store.close()


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", "-f", help="acled-csv | geojson | jsonl | parquet")] = "acled-csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write [default: standard output]")] = None,
    date_from: Annotated[datetime | None, typer.Option("--from", formats=["%Y-%m-%d"])] = None,
    date_to: Annotated[datetime | None, typer.Option("--to", formats=["%Y-%m-%d"])] = None,
    province: Annotated[str | None, typer.Option()] = None,
    district: Annotated[str | None, typer.Option()] = None,
    actor: Annotated[str | None, typer.Option()] = None,
    event_type: Annotated[str | None, typer.Option("--type")] = None,
    status: Annotated[str | None, typer.Option()] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Words in the reports' text")] = None,
    restricted: Annotated[bool, typer.Option("--include-restricted", help="Include restricted reports and sources")] = False,
) -> None:
    """Export incidents (ACLED's columns first for CSV and Parquet), with the API's filters."""
    from sitrep.export import ExportFormat, rows_for, write
    from sitrep.store.serving import EVERYTHING, PUBLIC, IncidentFilter

    try:
        chosen = ExportFormat(format)
    except ValueError:
        fail(f"unknown format {format!r}: use acled-csv, geojson, jsonl or parquet", code=2)
    if chosen is ExportFormat.parquet and output is None and sys.stdout.isatty():
        fail("Parquet is binary: give --output FILE", code=2)
    where = IncidentFilter(date_from.date() if date_from else None, date_to.date() if date_to else None,
                           province, district, actor, event_type, status, query)
    store = _open(ctx.obj.settings())
    reader = EVERYTHING if restricted else PUBLIC
    try:
        hidden = frozenset() if restricted else frozenset(store.restricted_source_names())
        found = rows_for(store.incidents_for_export(where, reader), load_theatre(DEFAULT_THEATRE), hidden)
        if output is None:
            count = write(chosen, found, sys.stdout.buffer)
        else:
            partial = output.with_name(output.name + ".partial")
            with partial.open("wb") as handle:
                count = write(chosen, found, handle)
            partial.replace(output)  # a failed export never leaves a half-written file under the real name
        err.print(f"{count} incident(s) exported" + (f" to {output}" if output else ""))
    finally:
        store.close()


@incident_app.command("bundle")
def incident_bundle(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(help="Incident id, e.g. INC-12")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Zip file [default: ID-evidence.zip]")] = None,
) -> None:
    """Write an incident's evidence bundle: archived raw reports, manifest with SHA-256s, custody."""
    from sitrep.store import Archive
    from sitrep.store.incidents import NotFound
    from sitrep.export.bundle import write_bundle

    settings = ctx.obj.settings()
    store = _open(settings)
    target = output or Path(f"{incident_id}-evidence.zip")
    try:
        incident = store.get_incident(incident_id)
        documents = list({d.sha256: store.find(d.sha256)[0] for _, d in incident.events}.values())
        partial = target.with_name(target.name + ".partial")
        with partial.open("wb") as handle:
            manifest = write_bundle(handle, incident_record(headline_of(incident), incident.events), documents,
                                    {d.sha256: store.custody(d.sha256) for d in documents}, Archive(settings.data_dir).read)
        partial.replace(target)
        out.print(f"{target}: {len(manifest['files'])} report(s), manifest and custody log")
    except NotFound as exc:
        fail(str(exc))
    except OSError as exc:
        target.with_name(target.name + ".partial").unlink(missing_ok=True)
        fail(f"cannot make the bundle: {exc}")
    finally:
        store.close()


token_app = typer.Typer(help="API tokens: read, or write (confirm, reject, merge, split).", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    scope: Annotated[str, typer.Option(help="read | write")] = "read",
    note: Annotated[str, typer.Option(help="Whose token, what for")] = "",
) -> None:
    """Make a token; it is printed once and only its hash is kept."""
    from sitrep import pipeline
    store = _open(ctx.obj.settings())
    try:
        secret = store.create_token(scope, note, pipeline.agent_name())
    except ValueError as exc:
        fail(str(exc), code=2)
    finally:
        store.close()
    err.print(f"A {scope} token (shown only now; send it as 'Authorization: Bearer <token>'):")
    out.print(secret)


@token_app.command("list")
def token_list(ctx: typer.Context) -> None:
    """Tokens, without their secrets."""
    store = _open(ctx.obj.settings())
    try:
        table = Table("id", "scope", "note", "created", "by", "revoked")
        for t in store.list_tokens():
            table.add_row(t["id"], t["scope"], escape(t["note"]), str(t["created_at"])[:19], escape(t["created_by"]),
                          "yes" if t["revoked"] else "")
        out.print(table)
    finally:
        store.close()


@token_app.command("revoke")
def token_revoke(ctx: typer.Context, token_id: Annotated[str, typer.Argument(help="The id shown by `token list`")]) -> None:
    store = _open(ctx.obj.settings())
    try:
        if not store.revoke_token(token_id):
            fail(f"no token {token_id!r}")
        out.print(f"token {token_id} revoked")
    finally:
        store.close()


restrict_app = typer.Typer(help="Keep reports or sources away from readers and exports.", no_args_is_help=True)
app.add_typer(restrict_app, name="restrict")


@restrict_app.command("document")
def restrict_document(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="External id, sha256 or a prefix")],
    undo: Annotated[bool, typer.Option("--undo", help="Make it readable again")] = False,
) -> None:
    """Restrict a report: it, its events and incidents resting only on it are hidden from readers."""
    from sitrep import pipeline
    store = _open(ctx.obj.settings())
    try:
        found = store.find(ref)
        if len(found) != 1:
            fail(f"{'no' if not found else 'more than one'} report matches {ref!r}")
        store.restrict_documents([found[0].sha256], restricted=not undo)
        touched = pipeline.reassess(store, store.incidents_of_documents([found[0].sha256]))
        out.print(f"{found[0].display_id} {'readable again' if undo else 'restricted'}; {touched} incident(s) updated")
    finally:
        store.close()


@restrict_app.command("source")
def restrict_source(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The source exactly as sitrep lists it")],
    undo: Annotated[bool, typer.Option("--undo", help="Make it readable again")] = False,
) -> None:
    """Restrict a source (e.g. a protected witness): its claims and name are hidden from readers."""
    store = _open(ctx.obj.settings())
    try:
        store.restrict_source(name, restricted=not undo)
        out.print(f"{name!r} {'readable again' if undo else 'restricted'}")
    finally:
        store.close()
