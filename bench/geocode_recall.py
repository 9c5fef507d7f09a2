"""Gazetteer and resolver recall on the hand-annotated dev reports.

For every gold event: is its province among the provinces the resolver finds in that report,
and its district among the districts found? Also lists every province found that no gold
event of the report mentions, so each can be inspected.

    python bench/geocode_recall.py [../shared/eval/dev.jsonl ...]
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from sitrep.theatre import load_theatre
from sitrep.theatre.geocode import geocode

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def scorer():
    """The official scorer's name normalisation, so that this agrees with score_events.py."""
    spec = importlib.util.spec_from_file_location("score_events", EVAL / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(paths: list[Path]) -> None:
    s = scorer()
    theatre = load_theatre()
    events = province_hits = district_events = district_hits = 0
    extra: list[str] = []
    misses: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            mentions = geocode(doc["text"], theatre)
            provinces = {s.norm_province(m.admin1) for m in mentions if m.admin1}
            districts = [m.admin2 for m in mentions if m.admin2]
            gold_provinces = {s.norm_province(e.get("admin1")) for e in doc["events"]}
            for event in doc["events"]:
                events += 1
                if s.norm_province(event.get("admin1")) in provinces:
                    province_hits += 1
                else:
                    misses.append(f"{doc['id']}: province {event.get('admin1')} not found")
                if event.get("admin2"):
                    district_events += 1
                    if any(s.same_district(event["admin2"], d) for d in districts):
                        district_hits += 1
                    else:
                        misses.append(f"{doc['id']}: district {event['admin2']} ({event.get('location')}) not found")
            for mention in mentions:
                if mention.admin1 and s.norm_province(mention.admin1) not in gold_provinces:
                    extra.append(f"{doc['id']}: {mention.name!r} → {mention.admin1} ({mention.place.kind})")
    print(f"province recall: {province_hits}/{events} = {province_hits / events:.3f}  (target >= 0.98)")
    print(f"district recall: {district_hits}/{district_events} = {district_hits / district_events:.3f}  (target >= 0.90)")
    print(f"places in provinces no gold event names: {len(extra)}")
    for line in extra:
        print("   ", line)
    if misses:
        print("misses:")
        for line in misses:
            print("   ", line)


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or [EVAL / "dev.jsonl", EVAL / "incidents-dev.jsonl"])
