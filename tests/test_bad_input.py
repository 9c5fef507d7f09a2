"""Every kind of bad input is skipped with one exact line, and the store is left as it was."""

import hashlib
import json
import random

import pytest

from sitrep.ingest.decode import BINARY, UNDECODABLE
from sitrep.ingest.html import NO_TEXT
from sitrep.store import Archive
from tests.cli_helpers import documents_json, sitrep
from tests.conftest import write

CASES = {
    "empty file": ("empty.txt", b"", "empty file"),
    "whitespace only": ("blank.md", b"  \n\n\t\n", "empty text"),
    "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), BINARY),
    "binary html": ("page.html", bytes(range(256)) * 4, BINARY),
    "undecodable": ("legacy.txt", random.Random(1).randbytes(400).replace(b"\x00", b"a"), UNDECODABLE),
    "malformed json": ("broken.json", b'{"text": "Two killed", ', "malformed JSON (Expecting property name enclosed in double quotes at line 1 column 24)"),
    "malformed json line": ("feed.jsonl", b'{"text": oops}\n', "malformed JSON (Expecting value at column 10)"),
    "json without text": ("meta.json", b'{"title": "Clashes"}', 'no "text" field'),
    "html without text": ("empty.html", b"<html><head><title>Home</title><script>x()</script></head><body><nav></nav></body></html>", NO_TEXT),
    "unsupported type": ("report.pdf", b"%PDF-1.7 ...", "unsupported file type '.pdf'"),
}


def snapshot(env, data_dir):
    docs = documents_json(env)
    custody = [json.loads(sitrep(env, "show", d["sha256"], "--format", "json").stdout)["custody"] for d in docs]
    root = Archive(data_dir).root
    files = {p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}
    return docs, custody, files


@pytest.fixture
def stocked(env, tmp_path, data_dir):
    write(tmp_path / "good" / "report.txt", "Clashes in Dara\nFighting broke out on Tuesday.")
    assert sitrep(env, "ingest", str(tmp_path / "good")).exit_code == 0
    return snapshot(env, data_dir)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_skipped_with_its_reason_and_nothing_changes(case, env, tmp_path, data_dir, stocked):
    name, content, reason = CASES[case]
    path = write(tmp_path / "bad" / name, content)
    result = sitrep(env, "ingest", str(path))
    assert result.exit_code == 1, result.output  # only errors
    line = " ".join(result.stderr.split())
    locator = " (line 1)" if name.endswith(".jsonl") else ""
    assert f"skipped {path}{locator}: {reason}" in line
    assert "0 new document(s), 0 already present, 1 skipped" in " ".join(result.stdout.split())
    assert snapshot(env, data_dir) == stocked


def test_files_over_the_default_limit_are_skipped(env, tmp_path, data_dir, stocked):
    path = tmp_path / "bad" / "huge.txt"
    path.parent.mkdir()
    with path.open("wb") as handle:
        handle.truncate(21 * 2**20)  # sparse: 21 MB without writing them
    result = sitrep(env, "ingest", str(path))
    assert result.exit_code == 1
    assert (f"skipped {path}: too large: 21 MB exceeds the 20 MB limit (raise it with --max-file-mb)"
            in " ".join(result.stderr.split()))
    assert snapshot(env, data_dir) == stocked


def test_the_limit_is_configurable(env, tmp_path, data_dir, stocked):
    path = write(tmp_path / "bad" / "long.txt", "Fighting continued. " * 80_000)  # 1.5 MB
    result = sitrep(env, "ingest", "--max-file-mb", "1", str(path))
    assert "too large: 1.53 MB exceeds the 1 MB limit" in " ".join(result.stderr.split())
    assert snapshot(env, data_dir) == stocked
    assert sitrep({**env, "SITREP_MAX_FILE_MB": "2"}, "ingest", str(path)).exit_code == 0


def test_a_mixed_run_keeps_going_and_exits_0(env, tmp_path, data_dir, stocked):
    for case, (name, content, _) in CASES.items():
        write(tmp_path / "mixed" / name, content)
    write(tmp_path / "mixed" / "fine.txt", "Protest in Kabul\nWomen gathered in Kabul.")
    result = sitrep(env, "ingest", str(tmp_path / "mixed"))
    assert result.exit_code == 0
    assert f"1 new document(s), 0 already present, {len(CASES)} skipped" in " ".join(result.stdout.split())
    docs, _, _ = snapshot(env, data_dir)
    assert docs[1:] == stocked[0]  # what was stored before is untouched
