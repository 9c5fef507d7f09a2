"""Running `sitrep` in-process, the way a person would from a shell."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitrep.cli import app


def sitrep(env: dict[str, str], *args: str):
    result = CliRunner(env=env).invoke(app, list(args), catch_exceptions=False)
    return result


def documents_json(env: dict[str, str], *args: str) -> list[dict]:
    result = sitrep(env, "documents", "--format", "json", "--limit", "10000", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
