"""Ingest throughput: N generated ~5 KB plain-text reports into a fresh SQLite store.

Runs the real command (`python -m sitrep ingest DIR`) in a subprocess pinned to one core, so
the figure includes start-up, reading, decoding, hashing, the durable evidence archive
(fsync per file) and the database; then times a no-op rerun.

    python bench/ingest_throughput.py [--docs 10000] [--size 5000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLACES = ["Panjshir", "Andarab", "Badakhshan", "Khost", "Kabul", "Baghlan", "Takhar", "Kunar", "Herat"]
ACTORS = ["Taliban forces", "resistance fighters", "gunmen", "residents", "a local official"]


def generate(directory: Path, docs: int, size: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(docs):
        words = [f"Report {i}"]
        body = []
        length = 0
        while length < size:
            sentence = (f"{rng.choice(ACTORS).capitalize()} clashed with {rng.choice(ACTORS)} in "
                        f"{rng.choice(PLACES)} on day {rng.randint(1, 28)}, killing {rng.randint(0, 30)} people, "
                        f"according to source {rng.randint(1, 10**6)}. ")
            body.append(sentence)
            length += len(sentence)
        text = words[0] + "\n" + "".join(body)
        (directory / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def run(args: list[str], env: dict[str, str]) -> float:
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    start = time.perf_counter()
    subprocess.run([*pin, sys.executable, "-m", "sitrep", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=5_000, help="bytes per report")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        nbytes = generate(corpus, options.docs, options.size)
        env = {**os.environ, "SITREP_DATABASE_URL": f"sqlite:///{root / 'bench.db'}",
               "SITREP_DATA_DIR": str(root / "data")}
        first = run(["ingest", str(corpus)], env)
        again = run(["ingest", str(corpus)], env)
    print(f"corpus: {options.docs:,} plain-text reports, {nbytes / options.docs / 1000:.1f} KB each on average")
    print(f"ingest into a fresh SQLite store: {first:.2f} s → {options.docs / first:,.0f} docs/s (one core)")
    print(f"rerun (everything already present): {again:.2f} s → {options.docs / again:,.0f} docs/s")


if __name__ == "__main__":
    main()
