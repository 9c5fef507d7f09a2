from sitrep.ingest.normalise import sha256_hex
from sitrep.store import Archive


def test_put_is_content_addressed_and_idempotent(tmp_path):
    archive = Archive(tmp_path)
    raw = b"original report bytes"
    sha = sha256_hex(raw)
    assert archive.put(raw, sha) is True
    assert archive.put(raw, sha) is False
    archive.flush()
    assert archive.read(sha) == raw
    assert archive.path(sha).parent.parent.parent == archive.root
    assert archive.check(sha) is None
    assert list(archive.stored()) == [sha]


def test_a_short_file_left_by_a_power_cut_is_rewritten(tmp_path):
    archive = Archive(tmp_path)
    raw = b"original report bytes"
    sha = sha256_hex(raw)
    archive.path(sha).parent.mkdir(parents=True)
    archive.path(sha).write_bytes(b"orig")
    assert archive.put(raw, sha) is True
    assert archive.check(sha) is None


def test_check_names_what_is_wrong(tmp_path):
    archive = Archive(tmp_path)
    raw = b"evidence"
    sha = sha256_hex(raw)
    assert archive.check(sha) == "missing from the archive"
    archive.put(raw, sha)
    archive.path(sha).write_bytes(b"EVIDENCE")
    assert archive.check(sha) == f"hash mismatch: the file now hashes to {sha256_hex(b'EVIDENCE')}"


def test_temporary_files_are_not_evidence(tmp_path):
    archive = Archive(tmp_path)
    (archive.root / "ab" / "cd").mkdir(parents=True)
    (archive.root / "ab" / "cd" / ".incoming-abcd.123").write_bytes(b"partial")
    assert list(archive.stored()) == []
