"""Incident resolution at scale, on generated report-level events, one core.

1. In memory: cluster + assess N events for N = 10k, 100k, 1M (each in its own process, so
   the peak memory reported is that size's own), twice: at a constant density of 30 reports
   a day (a real corpus grows in time: the span grows with N) and with every size packed into
   the same three years (density grows with N: the worst case for any blocking).
2. Through the store (SQLite): resolve a store of --store-size events, then add 1,000 new
   events (the latest fortnight's news) and time the incremental resolution; each resolution
   runs in a process of its own, which reports its peak memory.

    python bench/resolve_scale.py [--sizes 10000 100000 1000000] [--store-size 100000]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sitrep.models import Claim, CustodyEntry, Document, Event, FatalityClaim, Source, SourceKind, Stance
from sitrep.theatre import load_theatre

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
         ("Strategic developments", "Arrests")]
ACTORS = ["Taliban", "NRF: National Resistance Front", "ISKP: Islamic State Khorasan Province",
          "Civilians (Afghanistan)", "AFF: Afghanistan Freedom Front"]
KINDS = [SourceKind.MEDIA, SourceKind.PARTY, SourceKind.WITNESS, SourceKind.OFFICIAL, SourceKind.ANONYMOUS]
START = date(2022, 1, 1)


def generate(n: int, seed: int, days: int = 1095, start: date = START) -> list[Event]:
    rng = random.Random(seed)
    theatre = load_theatre()
    districts = [p for p in theatre.places.values() if p.kind == "district"]
    found = []
    for _ in range(n):
        district = rng.choice(districts)
        province = theatre.province_of(district)
        event_type, sub = rng.choice(TYPES)
        precise = rng.random() < 0.85
        claims = [Claim(Source(f"source {rng.randrange(50)}", rng.choice(KINDS), rng.choice([None, "Taliban"])),
                        Stance.DENIES if rng.random() < 0.05 else Stance.ASSERTS, "quote")
                  for _ in range(rng.randint(1, 3))]
        found.append(Event(
            document_sha256="", event_type=event_type, sub_event_type=sub,
            event_date=start + timedelta(days=rng.randrange(days)), time_precision=rng.choice([1, 1, 1, 2, 3]),
            actor1=rng.choice(ACTORS), actor2=rng.choice(ACTORS), admin1=province.name,
            admin2=district.name if precise else None, geo_precision=2 if precise else 3,
            fatalities=rng.randrange(10), claims=claims,
            fatality_claims=[FatalityClaim(claims[0].source.name, rng.randrange(10))]))
    return found


def in_memory(n: int, per_day: float | None) -> dict:
    from sitrep.resolve import EventRecord, assess, group_events

    events = generate(n, seed=n, days=max(1, round(n / per_day)) if per_day else 1095)
    records = [EventRecord(i, e, f"doc-{i // 3}", f"outlet {i % 40}", e.event_date) for i, e in enumerate(events, 1)]
    start = time.perf_counter()
    groups = group_events(records)
    clustered = time.perf_counter() - start
    for group in groups:
        assess(group)
    total = time.perf_counter() - start
    return {"events": n, "incidents": len(groups), "cluster_s": round(clustered, 1), "total_s": round(total, 1),
            "peak_mb": round(_peak_mb())}


def through_store(n: int, pin: list[str], new: int = 1000) -> dict:
    """Fill a store here; resolve it in a child process of its own, so that its peak memory is
    the resolution's and not the generator's (a million Event objects)."""
    from sitrep.store import Store

    with tempfile.TemporaryDirectory(prefix="sitrep-resolve-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store.open(url, create=True)
        _fill(store, generate(n, seed=7), "old")
        first = _resolve_in_child(url, pin)
        latest = START + timedelta(days=1095)
        _fill(store, generate(new, seed=8, days=14, start=latest - timedelta(days=14)), "new")
        store.close()
        second = _resolve_in_child(url, pin)
    return {"store_events": n, "resolve_store_s": first["seconds"], "resolve_peak_mb": first["peak_mb"],
            "incidents": first["created"], "added": new, "incremental_s": second["seconds"],
            "incremental_peak_mb": second["peak_mb"], "placed": second["placed"]}


def _resolve_in_child(url: str, pin: list[str]) -> dict:
    result = subprocess.run([*pin, sys.executable, __file__, "--resolve", url], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def resolve(url: str) -> dict:
    """`resolve_pending` on a store, timed once the modules it uses are loaded."""
    from sitrep import pipeline
    from sitrep.store import Store

    importlib.import_module("datasketch")  # loaded before the clock starts, as in any longer job
    store = Store.open(url)
    start = time.perf_counter()
    summary = pipeline.resolve_pending(store)
    seconds = time.perf_counter() - start
    store.close()
    return {"seconds": round(seconds, 2), "peak_mb": round(_peak_mb()), "placed": summary.placed,
            "created": summary.created}


def _peak_mb() -> float:
    """This program's peak resident memory. Linux's ru_maxrss would also count the parent's
    pages at the fork that started it (a million generated events); VmHWM is this program's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fill(store, events: list[Event], tag: str) -> None:
    """Store events under synthetic documents, ten events a document."""
    now = datetime.now(UTC)
    for start in range(0, len(events), 10_000):
        chunk = events[start : start + 10_000]
        docs = []
        for i in range(0, len(chunk), 10):
            sha = f"{tag}{start + i:020d}".ljust(64, "0")
            docs.append((Document(sha, f"report {tag} {start + i}", sha, "text/plain", "bench",
                                  outlet=f"outlet {i % 40}", published=chunk[i].event_date),
                         CustodyEntry(sha, sha, "bench", "file", sha, "bench", "bench", "0", now)))
        store.add(docs)
        store.save_extraction([(doc.sha256, chunk[j * 10 : j * 10 + 10]) for j, (doc, _) in enumerate(docs)], "bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--store-size", type=int, default=100_000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a single in-memory size, in this process
    parser.add_argument("--per-day", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--resolve", help=argparse.SUPPRESS)  # resolve this store, in this process
    options = parser.parse_args()
    if options.one:
        print(json.dumps(in_memory(options.one, options.per_day)))
        return
    if options.resolve:
        print(json.dumps(resolve(options.resolve)))
        return
    pin = ["taskset", "-c", "0"] if os.path.exists("/usr/bin/taskset") else []
    for label, per_day in (("30 reports a day, span grows with N", 30.0), ("all within three years", None)):
        if not options.sizes:
            break
        print(f"in memory, {label}:")
        for size in options.sizes:
            extra = ["--per-day", str(per_day)] if per_day else []
            result = subprocess.run([*pin, sys.executable, __file__, "--one", str(size), *extra], capture_output=True,
                                    text=True, check=True)
            figures = json.loads(result.stdout)
            print(f"  {figures['events']:>9,} events → {figures['incidents']:>9,} incidents in "
                  f"{figures['total_s']:>6} s (clustering {figures['cluster_s']} s), peak {figures['peak_mb']:,} MB")
    if options.store_size:
        figures = through_store(options.store_size, pin)
        print(f"store (SQLite): {figures['store_events']:,} events resolved in {figures['resolve_store_s']} s "
              f"(target < 600 s), peak {figures['resolve_peak_mb']:,} MB (target < 4,096); "
              f"{figures['added']:,} new events added and resolved in {figures['incremental_s']} s "
              f"({figures['placed']:,} placed; target < 5 s), peak {figures['incremental_peak_mb']:,} MB")


if __name__ == "__main__":
    main()
