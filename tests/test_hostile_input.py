"""A folder of hostile files ingested together with good reports: every good report is
stored, every bad item gets one reason line, nothing outside the folder is archived, and
the store accepts whatever text the good ones carry (on SQLite and on PostgreSQL)."""

import json
import os
import sys

import pytest

from sitrep.ingest.normalise import normalise_text
from sitrep.store import Archive
from tests.cli_helpers import documents_json, sitrep
from tests.conftest import write

GOOD = {
    "good.txt": "Clashes broke out in Khost province on Sunday, residents said.",
    "also-good.json": json.dumps({"id": "g2", "text": "A roadside bomb struck a bus in Kandahar on Friday."}),
}


def _hostile_folder(folder, secret):
    for name, text in GOOD.items():
        write(folder / name, text)
    write(folder / "deep.json", "[" * 100_000 + "]" * 100_000)
    write(folder / "long-number.json", '{"id": "n", "text": "Fighting in Zabul.", "n": ' + "9" * 100_000 + "}")
    write(folder / "feed.jsonl",
          '{"id": "deep", "text": "x", "m": ' + "[" * 50_000 + "]" * 50_000 + "}\n"
          '{"id": "nul", "text": "Gunmen attacked\\u0000 a checkpoint in Logar.", "outlet": "Wire\\u0000 Desk",'
          ' "score": NaN, "high": Infinity, "huge": 1e999999}\n'
          '{"id": "surrogate", "text": "Police in Herat said \\ud800 two were arrested."}\n')
    write(folder / os.fsdecode(b"bad-name-\xff.txt"), "An explosion hit a market in Kunar on Monday.")
    os.symlink(secret, folder / "secret.txt")
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    os.symlink(folder / "good.txt", folder / "inside-link.txt")
    os.mkfifo(folder / "pipe.txt")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs")
def test_hostile_files_cost_nothing_but_themselves(env, tmp_path, data_dir):
    secret = write(tmp_path / "outside" / "secret.txt", "private words that must never be archived")
    folder = tmp_path / "in"
    _hostile_folder(folder, secret)

    result = sitrep(env, "ingest", str(folder))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = "".join(result.stderr.split())  # the terminal wraps long paths anywhere
    for name, reason in [("deep.json", "JSON nested too deeply to read"),
                         ("long-number.json", "JSON with a value that cannot be read"),
                         ("feed.jsonl (line 1)", "JSON nested too deeply to read"),
                         ("secret.txt", "symlink outside the ingested folder"),
                         ("loop.txt", "symlink loop"),
                         ("pipe.txt", "not a regular file")]:
        assert "".join(f"{name}: {reason}".split()) in lines, (name, result.stderr)
    assert lines.count("skipped") == 6

    docs = {d["id"] if "id" in d else d["sha256"]: d for d in documents_json(env)}
    texts = [json.loads(sitrep(env, "show", d["sha256"], "--format", "json").stdout)["text"] for d in docs.values()]
    assert len(texts) == 5  # two good, NUL, surrogate, the odd file name; the inside link is a copy
    assert any("Khost" in t for t in texts) and any("Kandahar" in t for t in texts)
    assert "Gunmen attacked a checkpoint in Logar." in texts  # NUL removed, the rest kept
    assert "Police in Herat said \ufffd two were arrested." in texts  # the lost character shows
    assert any("Kunar" in t for t in texts)
    origins = {d["origin"] for d in docs.values()}
    assert any(o.endswith("bad-name-\\xff.txt") for o in origins)
    archived = b"".join(p.read_bytes() for p in Archive(data_dir).root.rglob("*") if p.is_file())
    assert b"private words" not in archived

    again = sitrep(env, "ingest", str(folder))
    assert "Ingested 0 new document(s), 6 already present" in " ".join(again.stdout.split())


def test_invisible_characters_leave_the_text_but_persian_spelling_stays():
    assert normalise_text("Tal\u200diban fighters entered \u202eGhazni\u202c") == "Taliban fighters entered Ghazni"
    assert normalise_text("Tal\u200cib\u200ban\u2060 said") == "Taliban said"
    assert normalise_text("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert normalise_text("a\x00b\x1bc\td") == "abc\td"
