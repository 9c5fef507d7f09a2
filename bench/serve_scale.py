"""Serving at scale: 100,000 generated incidents in SQLite, over loopback.

1. Filtered incident queries (`/api/incidents` with the dashboard's filters and cursor pages)
   against `sitrep serve` in a subprocess: p50/p95 latency (target p95 < 100 ms).
2. The dashboard's first load in headless Debian chromium, three times, each in a fresh browser
   context (empty cache): bytes transferred (target < 1 MB) and time until the map, timeline
   and table are drawn (target < 2 s). The server runs on one core (--core, default 0).

    python bench/serve_scale.py [--incidents 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from resolve_scale import ACTORS, TYPES  # noqa: E402  (the same generated world)

from sitrep.store import Store  # noqa: E402
from sitrep.store.schema import incidents  # noqa: E402
from sitrep.theatre import load_theatre  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
STATUSES = ["single-source", "claimed", "corroborated", "contested", "confirmed"]


def fill(store: Store, n: int) -> None:
    """n incidents with generated headlines, written straight into the incidents table (the
    serving path is measured here, not resolution: bench/resolve_scale.py does that)."""
    rng = random.Random(11)
    theatre = load_theatre()
    districts = [p for p in theatre.places.values() if p.kind == "district"]
    start, now = date(2022, 1, 1), datetime.now(UTC)
    rows = []
    for i in range(n):
        district = rng.choice(districts)
        kind, sub = rng.choice(TYPES)
        low = rng.randrange(5)
        rows.append({
            "id": f"INC-{i + 1}", "status": rng.choice(STATUSES), "explanation": "asserted by a generated source",
            "fatalities_low": low, "fatalities_best": low + rng.randrange(3), "fatalities_high": low + rng.randrange(9),
            "analyst_status": None, "updated_at": now, "event_date": start + timedelta(days=rng.randrange(1095)),
            "time_precision": 1, "event_type": kind, "sub_event_type": sub, "actor1": rng.choice(ACTORS),
            "actor2": rng.choice(ACTORS), "admin1": theatre.province_of(district).name, "admin2": district.name,
            "location": district.name, "latitude": district.latitude, "longitude": district.longitude,
            "geo_precision": 2, "n_events": 1 + rng.randrange(4), "n_sources": 1 + rng.randrange(4),
            "notes": "generated", "restricted": False,
        })
    with store._writer.begin() as connection:
        for at in range(0, n, 5000):
            connection.execute(incidents.insert(), rows[at : at + 5000])


def queries(rng: random.Random, count: int) -> list[dict]:
    theatre = load_theatre()
    provinces = sorted({p.name for p in theatre.places.values() if p.kind == "province"})
    found = []
    for _ in range(count):
        params: dict = {"limit": 100}
        for key, make in (("province", lambda: rng.choice(provinces)), ("status", lambda: rng.choice(STATUSES)),
                          ("event_type", lambda: rng.choice(TYPES)[0]), ("actor", lambda: rng.choice(["Taliban", "NRF"])),
                          ("date_from", lambda: str(date(2022, 1, 1) + timedelta(days=rng.randrange(900))))):
            if rng.random() < 0.4:
                params[key] = make()
        found.append(params)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--core", type=int, default=0, help="the one core the server runs on")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-serve-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'serve.db'}"
        store = Store.open(url, create=True)
        started = time.perf_counter()
        fill(store, options.incidents)
        store.close()
        print(f"{options.incidents:,} generated incidents stored in {time.perf_counter() - started:.0f} s")
        port = free_port()
        env = dict(os.environ, SITREP_DATABASE_URL=url, SITREP_DATA_DIR=str(Path(tmp) / "data"))
        pin = ["taskset", "-c", str(options.core)] if os.path.exists("/usr/bin/taskset") else []  # one core
        server = subprocess.Popen([*pin, sys.executable, "-m", "sitrep", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                for _ in range(100):
                    try:
                        client.get("/api/stats", params={"status": "contested"})
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                latencies, cursor_latencies, slowest = [], [], []
                for params in queries(random.Random(5), options.queries):
                    begun = time.perf_counter()
                    page = client.get("/api/incidents", params=params)
                    latencies.append(time.perf_counter() - begun)
                    slowest.append((latencies[-1], params))
                    page.raise_for_status()
                    cursor = page.json()["next_cursor"]
                    if cursor:
                        begun = time.perf_counter()
                        client.get("/api/incidents", params={**params, "cursor": cursor}).raise_for_status()
                        cursor_latencies.append(time.perf_counter() - begun)
                both = latencies + cursor_latencies
                p95 = statistics.quantiles(both, n=20)[18] * 1000
                print(f"filtered incident queries ({len(both)}, first pages and next pages): "
                      f"p50 {statistics.median(both) * 1000:.0f} ms, p95 {p95:.0f} ms (target < 100 ms)")
                for seconds, params in sorted(slowest, key=lambda x: -x[0])[:3]:
                    print(f"  slowest: {seconds * 1000:.0f} ms {params}")
            first_load(base)
        finally:
            server.terminate()
            server.wait(10)


def first_load(base: str) -> None:
    if not Path(CHROMIUM).exists():
        print(f"dashboard first load: not measured ({CHROMIUM} missing)")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for attempt in ("first", "second", "third"):
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            client = page.context.new_cdp_session(page)
            client.send("Network.enable")
            sizes: dict[str, int] = {}
            client.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            begun = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("#incidents tbody tr")
            page.wait_for_selector("#timeline rect")
            page.wait_for_selector(".leaflet-interactive")
            elapsed = time.perf_counter() - begun
            page.wait_for_timeout(300)
            total = sum(sizes.values())
            print(f"dashboard first load ({attempt} fresh browser context): {total / 1024:.0f} KB transferred "
                  f"(target < 1 MB), map, timeline and table drawn in {elapsed:.2f} s (target < 2 s)")
            page.context.close()
        browser.close()


if __name__ == "__main__":
    main()
