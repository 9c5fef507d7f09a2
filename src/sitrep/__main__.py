"""`python -m sitrep` is the same as the `sitrep` command."""

from sitrep.cli import app

app(prog_name="sitrep")
