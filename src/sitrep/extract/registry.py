"""Extraction components by name: the built-ins and those other packages add.

A component is a function `(doc, context) -> None` that reads some layers of a `models.Doc`
and writes others (spaCy's model). It is registered under the name a pipeline config uses:

    @component("stance.rules")
    def stance_by_rules(doc: Doc, context: Context) -> None: ...

A separate package adds one through the `sitrep.components` entry-point group
(`name = "package.module:function"`); a name is looked up there only when no built-in has
it, so installing a package never changes what an existing config means.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from sitrep.models import Doc
from sitrep.theatre import Theatre

ENTRY_POINT_GROUP = "sitrep.components"


@dataclass(frozen=True, eq=False)
class Context:
    """What a component may use besides the Doc: the theatre's knowledge, the language's
    lexicons, its own settings from the config, and the folder its data files are named from."""

    theatre: Theatre
    lexicon: Any  # sitrep.lexicons.Lexicon (typed loosely: components import it themselves)
    settings: dict[str, Any] = field(default_factory=dict)
    folder: Path = Path(".")

    def path(self, key: str) -> Path:
        """A data file named by one of this component's settings, relative to the config."""
        return self.folder / str(self.settings[key])


Component = Callable[[Doc, Context], None]
_BUILT_IN: dict[str, Component] = {}


def component(name: str) -> Callable[[Component], Component]:
    """Register a function as the component `name`."""

    def register(function: Component) -> Component:
        if name in _BUILT_IN and _BUILT_IN[name] is not function:
            raise ValueError(f"two components are registered as {name!r}")
        _BUILT_IN[name] = function
        return function

    return register


def lookup(name: str) -> Component:
    """The component registered as `name`: a built-in, else an installed package's."""
    import sitrep.extract.components  # noqa: F401  (registers the built-ins)

    if name in _BUILT_IN:
        return _BUILT_IN[name]
    for point in entry_points(group=ENTRY_POINT_GROUP):
        if point.name == name:
            found = point.load()
            if not callable(found):
                raise ValueError(f"the entry point {name!r} ({point.value}) is not a function")
            return found
    known = ", ".join(sorted(registered()))
    raise ValueError(f"no extraction component is registered as {name!r} (known: {known})")


def registered() -> list[str]:
    """Every component name a config can use here."""
    import sitrep.extract.components  # noqa: F401

    return sorted({*_BUILT_IN, *(p.name for p in entry_points(group=ENTRY_POINT_GROUP))})
