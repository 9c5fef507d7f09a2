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
def test_sigkill_mid_ingest_then_rerun_completes_without_duplicates(env, database_url, tmp_path):
    corpus = tmp_path / "corpus"
    texts = [report(words=800, seed=i) for i in range(TOTAL)]  # ~5 KB each
    for i, text in enumerate(texts):
        write(corpus / f"{i:05d}.txt", f"Report {i}\n{text}")
    engine = sa.create_engine(database_url)

    victim = run_sitrep(env, "ingest", str(corpus))
    deadline = time.monotonic() + 120
    while count(engine) < 600 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    before = count(engine)
    assert victim.returncode == -signal.SIGKILL
    assert 0 < before < TOTAL, f"the kill did not land mid-run ({before} of {TOTAL} stored)"

    rerun = run_sitrep(env, "ingest", str(corpus))
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    numbers = re.search(r"Ingested (\d+) new document\(s\), (\d+) already present, (\d+) skipped", stdout)
    assert numbers and tuple(map(int, numbers.groups())) == (TOTAL - before, before, 0), stdout

    with engine.connect() as connection:
        stored = list(connection.scalars(sa.text("SELECT sha256 FROM documents")))
        custody = connection.scalar(sa.text("SELECT count(*) FROM custody_log"))
    engine.dispose()
    expected = {sha256_hex(normalise_text(text)) for text in texts}
    assert len(stored) == len(set(stored)) == TOTAL  # no duplicate
    assert set(stored) == expected  # no lost document
    assert custody == TOTAL  # one custody entry each, none repeated

    verify = run_sitrep(env, "verify-archive")
    out, err = verify.communicate(timeout=300)
    assert verify.returncode == 0, out + err
    assert f"All intact: {TOTAL} archived original(s)" in " ".join(out.split())
