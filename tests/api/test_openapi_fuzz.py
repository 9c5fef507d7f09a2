"""schemathesis against the API's own OpenAPI spec: generated requests to every operation
(the write ones without a token) never meet a server error. Bounded, in process (no
network), SQLite; the store holds the sample corpus.

schemathesis' pytest plugin does not load under this pytest, so its strategies are driven
by Hypothesis directly, one operation at a time."""

from __future__ import annotations

import warnings
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings

from sitrep.config import Settings
from sitrep.store import Store
from sitrep.theatre import load_theatre
from tests.cli_helpers import sitrep

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "samples"
EXAMPLES = 30


def test_no_operation_has_a_server_error(tmp_path):
    from sitrep.api import create_app

    env = {"SITREP_DATABASE_URL": f"sqlite:///{tmp_path / 'sitrep.db'}", "SITREP_DATA_DIR": str(tmp_path / "data")}
    assert sitrep(env, "run", str(SAMPLES)).exit_code == 0
    configured = Settings.resolve(env["SITREP_DATABASE_URL"], env["SITREP_DATA_DIR"])
    store = Store.open(configured.database_url)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store, configured, load_theatre()))
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 15
        failures, calls = [], []
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def call(case):
                response = case.call()
                calls.append(response.status_code)
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")

            call()
        assert not failures, failures[:5]
        assert len(calls) >= 5 * len(operations)  # it really generated requests
        assert {200, 404} <= set(calls)  # found and not found
    finally:
        store.close()
