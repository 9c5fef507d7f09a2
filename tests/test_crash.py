"""A SIGKILL in the middle of an ingest loses nothing that was committed and duplicates nothing.

The ingest runs as a real process that is killed while it is writing; the rerun must finish
the job, and the archive must still verify.
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from sitrep.ingest.normalise import normalise_text, sha256_hex
from tests.conftest import report, write

TOTAL = 5000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """TOTAL ~5 KB reports on disk, and the sha256 each must be stored under."""
    directory = tmp_path_factory.mktemp("corpus")
    texts = [report(words=800, seed=i) for i in range(TOTAL)]
    for i, text in enumerate(texts):
        write(directory / f"{i:05d}.txt", f"Report {i}\n{text}")
    return directory, {sha256_hex(normalise_text(text)) for text in texts}


def run_sitrep(env, *args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "sitrep", *args], env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def count(engine, table="documents"):
    try:
        with engine.connect() as connection:
            return connection.scalar(sa.text(f"SELECT count(*) FROM {table}"))
    except sa.exc.DBAPIError:
        return 0  # not created yet


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_completes_without_duplicates(env, database_url, corpus):
    corpus, expected = corpus
    engine = sa.create_engine(database_url)

    victim = run_sitrep(env, "ingest", str(corpus))
    before = interrupt(victim, signal.SIGKILL, engine)
    assert victim.returncode == -signal.SIGKILL

    rerun = run_sitrep(env, "ingest", str(corpus))
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert counts(stdout) == (TOTAL - before, before, 0), stdout
    assert_complete(engine, expected)
    engine.dispose()

    verify = run_sitrep(env, "verify-archive")
    out, err = verify.communicate(timeout=300)
    assert verify.returncode == 0, out + err
    assert f"All intact: {TOTAL} archived original(s)" in " ".join(out.split())


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_says_how_to_resume(env, database_url, corpus):
    corpus, expected = corpus
    engine = sa.create_engine(database_url)
    victim = run_sitrep(env, "ingest", str(corpus))
    before = interrupt(victim, signal.SIGINT, engine)
    stdout, stderr = victim.communicate(timeout=60)
    assert victim.returncode == 130
    assert "Traceback" not in stderr and "run the same command again" in stderr
    reported = counts(stdout)[0]
    assert before <= reported == count(engine) < TOTAL  # what it says it stored, it stored

    rerun = run_sitrep(env, "ingest", str(corpus))
    stdout, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0 and counts(stdout) == (TOTAL - reported, reported, 0)
    assert_complete(engine, expected)
    engine.dispose()


@pytest.mark.slow
def test_two_ingests_of_the_same_corpus_at_once(env, database_url, corpus):
    corpus, expected = corpus
    first, second = run_sitrep(env, "ingest", str(corpus)), run_sitrep(env, "ingest", str(corpus))
    results = [process.communicate(timeout=300) for process in (first, second)]
    assert first.returncode == second.returncode == 0, results
    ingested = [counts(stdout) for stdout, _ in results]
    assert sum(new for new, _, _ in ingested) == TOTAL
    assert all(new + present == TOTAL for new, present, _ in ingested)
    engine = sa.create_engine(database_url)
    assert_complete(engine, expected)
    engine.dispose()


def interrupt(process, signum, engine) -> int:
    """Send `signum` once some batches are committed; return how many documents were stored."""
    deadline = time.monotonic() + 120
    while count(engine) < 600 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signum)
    process.wait(timeout=60)
    before = count(engine)
    assert 0 < before < TOTAL, f"the signal did not land mid-run ({before} of {TOTAL} stored)"
    return before


def counts(stdout: str) -> tuple[int, int, int]:
    numbers = re.search(r"Ingested (\d+) new document\(s\), (\d+) already present, (\d+) skipped", stdout)
    assert numbers, stdout
    return tuple(map(int, numbers.groups()))


def assert_complete(engine, expected: set[str]) -> None:
    with engine.connect() as connection:
        stored = list(connection.scalars(sa.text("SELECT sha256 FROM documents")))
        custody = connection.scalar(sa.text("SELECT count(*) FROM custody_log"))
    assert len(stored) == len(set(stored)) == TOTAL  # no duplicate
    assert set(stored) == expected  # no lost document
    assert custody == TOTAL  # one custody entry each, none repeated
