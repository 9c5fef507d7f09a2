"""A served store of the sample corpus, one per backend, plus tokens."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.store import Store
from sitrep.theatre import load_theatre
from tests.cli_helpers import sitrep

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "samples"


@pytest.fixture
def served(env, database_url, data_dir):
    """(client, store, env) over the sample corpus; the test client speaks to the app in-process."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    from sitrep.api import create_app

    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    settings = Settings.resolve(database_url, data_dir)
    store = Store.open(settings.database_url)
    client = TestClient(create_app(store, settings, load_theatre()))
    yield client, store, env
    client.close()
    store.close()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
