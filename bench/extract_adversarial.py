"""Extraction time on adversarial texts of 10 KB, 100 KB and 1 MB: many dates, many places,
many capitalised words, numbers, and one endless sentence. Every stage must be linear, so
each tenfold step should cost about ten times as much; the ratio is what this prints (wall
times on a shared machine are noise, their ratios much less so).

    .venv/bin/python bench/extract_adversarial.py [--largest 1000000]
"""

from __future__ import annotations

import argparse
import time

from sitrep.extract import default_pipeline
from sitrep.theatre import load_theatre

UNITS = {  # our own filler, repeated to size
    "dates": "on Monday, 3 March 2024, last night and on 5 April ",
    "places": "Ghazni, Herat, Kunduz, Panjshir, Kabul, Khost, ",
    "capitals": "Abdul Rahman Karimi Ahmad Shah Jan Mohammad Gul ",
    "numbers": "12 killed, 7 wounded, 300 displaced, ",
    "endless": "fighters killed three and clashes broke out and officials said ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest", type=int, default=1_000_000)
    largest = parser.parse_args().largest
    sizes = [largest // 100, largest // 10, largest]
    pipeline = default_pipeline(load_theatre())
    pipeline.extract("Taliban fighters attacked a police post in Ghazni on Monday.", None, "0" * 64, None, None)
    print(f"{'text':10}" + "".join(f"{size // 1000:>9} KB" for size in sizes) + "   x10 steps (linear ≈ 10)")
    for name, unit in UNITS.items():
        seconds = []
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            pipeline.extract(text, None, f"{name}{size}".ljust(64, "0")[:64], None, None)
            seconds.append(time.perf_counter() - start)
        steps = " ".join(f"{later / max(earlier, 1e-6):5.1f}" for earlier, later in zip(seconds, seconds[1:]))
        print(f"{name:10}" + "".join(f"{s:10.2f}s" for s in seconds) + f"   {steps}")


if __name__ == "__main__":
    main()
