"""Gazetteer load time and name-matching throughput on English news text (one core).

The text is the dev reports in ../shared/eval/ (real English news, reworded) repeated to
about 20 MB, scanned in report-sized pieces as the extractor would. Load time is measured
in a fresh interpreter, cold, so the figure is what `sitrep` pays at start-up.

    python bench/matching_throughput.py [--mb 20]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
LOAD = ("import time; t = time.perf_counter(); from sitrep.theatre import load_theatre; "
        "th = load_theatre(); th.place_matcher; th.actor_matcher; print(time.perf_counter() - t)")


def reports() -> list[str]:
    texts = []
    for name in ("dev.jsonl", "incidents-dev.jsonl"):
        texts += [json.loads(line)["text"] for line in (EVAL / name).read_text(encoding="utf-8").splitlines()]
    return texts


def rate(label: str, work, pieces: list[str], nbytes: int) -> None:
    start = time.perf_counter()
    found = sum(len(work(piece)) for piece in pieces)
    seconds = time.perf_counter() - start
    print(f"{label}: {nbytes / 1e6 / seconds:6.1f} MB/s  ({len(pieces):,} reports in {seconds:.2f} s, {found:,} names)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20)
    options = parser.parse_args()
    loads = sorted(float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True,
                                        check=True).stdout) for _ in range(3))
    print(f"gazetteer + actor dictionary load (cold, median of 3): {loads[1]:.3f} s  (target < 0.5 s)")

    from sitrep.theatre import load_theatre
    from sitrep.theatre.actors import find_actors
    from sitrep.theatre.geocode import geocode

    theatre = load_theatre()
    base = reports()
    pieces, nbytes = [], 0
    while nbytes < options.mb * 1e6:
        for text in base:
            pieces.append(text)
            nbytes += len(text.encode())
    print(f"corpus: {nbytes / 1e6:.1f} MB of English news in {len(pieces):,} reports")
    rate("place matching (fold + Aho-Corasick)", theatre.place_matcher.find, pieces, nbytes)
    rate("actor matching", lambda text: find_actors(text, theatre), pieces, nbytes)
    rate("place resolution end to end (geocode)", lambda text: geocode(text, theatre), pieces, nbytes)


if __name__ == "__main__":
    main()
