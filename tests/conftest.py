"""Shared fixtures: the bundled theatre, and every store-touching test run against SQLite and against PostgreSQL.

PostgreSQL tests use a throw-away database on the server at SITREP_TEST_POSTGRES (default:
the local server's `postgres` database as user postgres). In CI (CI=true) an unreachable
server fails the run; elsewhere those tests skip and say why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

ADMIN_URL = os.environ.get(
    "SITREP_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        message = f"no PostgreSQL server reachable at {ADMIN_URL}: {exc.orig}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (PostgreSQL tests must run in CI)")
        pytest.skip(message)
    name = f"sitrep_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind; nothing from an earlier test survives."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sitrep.db'}"
    url = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def theatre():
    """The bundled theatre (gazetteer, actors), loaded once: it is read-only."""
    from sitrep.theatre import load_theatre

    return load_theatre()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "sitrep-data"


@pytest.fixture
def env(database_url: str, data_dir: Path) -> dict[str, str]:
    """Environment for running the CLI (in-process or as a subprocess) against the test store."""
    return {"SITREP_DATABASE_URL": database_url, "SITREP_DATA_DIR": str(data_dir)}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def report(words: int = 60, seed: int = 0) -> str:
    """A plausible, unique report body (used to generate corpora)."""
    places = ["Panjshir", "Andarab", "Badakhshan", "Khost", "Kabul", "Baghlan", "Takhar", "Kunar"]
    verbs = ["clashed", "fought", "exchanged fire", "skirmished"]
    sentences = []
    for i in range(max(1, words // 12)):
        place = places[(seed + i) % len(places)]
        verb = verbs[(seed * 7 + i) % len(verbs)]
        sentences.append(
            f"Report {seed}-{i}: Taliban forces and resistance fighters {verb} in {place} "
            f"on day {i}, residents said."
        )
    return " ".join(sentences)
