"""`sitrep serve` as a person runs it: it prints the URL and answers there; a busy port is a
clear error, not a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.cli_helpers import sitrep

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "samples"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_prints_its_url_and_answers(tmp_path):
    env = {"SITREP_DATABASE_URL": f"sqlite:///{tmp_path / 'sitrep.db'}", "SITREP_DATA_DIR": str(tmp_path / "data")}
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--port", str(port)],
                              env={**os.environ, **env}, stdout=subprocess.PIPE, text=True)
    try:
        assert f"http://localhost:{port}/" in server.stdout.readline()
        for _ in range(100):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer.status_code == 200 and answer.json()["total"] == 12
        assert "<title>sitrep" in httpx.get(f"http://127.0.0.1:{port}/").text
    finally:
        server.terminate()
        server.wait(10)


def test_a_busy_port_is_a_clear_error(tmp_path):
    env = {"SITREP_DATABASE_URL": f"sqlite:///{tmp_path / 'sitrep.db'}", "SITREP_DATA_DIR": str(tmp_path / "data")}
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = sitrep(env, "serve", "--port", str(busy.getsockname()[1]))
    assert result.exit_code == 2 and "choose another with --port" in " ".join(result.output.split())
