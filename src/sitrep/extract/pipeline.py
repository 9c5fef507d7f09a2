"""The extraction pipeline: a config file's list of components, run in order over one Doc.

The config (`pipeline.toml`, shipped with the package) is the whole description of what an
extraction does. Its fingerprint — the config, the lexicon files and every data file a step
names, with sitrep's version — is the extractor's stored name: a document extracted by
another pipeline is extracted again by `sitrep run`.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path

from sitrep import __version__
from sitrep.extract.dates import publication
from sitrep.extract.registry import Component, Context, lookup
from sitrep.lexicons import Lexicon, load_lexicon
from sitrep.models import Doc, Event
from sitrep.theatre import Theatre

DEFAULT_CONFIG = Path(str(files("sitrep.extract") / "pipeline.toml"))


@dataclass(frozen=True)
class Step:
    name: str
    component: str
    settings: dict

    @property
    def files(self) -> list[str]:
        """The data files this step's settings name (weights, tables): part of the fingerprint."""
        return sorted(str(v) for k, v in self.settings.items() if k.endswith(("_file", "weights")))


@dataclass(frozen=True, eq=False)
class PipelineConfig:
    """A parsed config: its steps, and the fingerprint of everything it depends on."""

    name: str
    language: str
    steps: tuple[Step, ...]
    path: Path

    @classmethod
    def read(cls, path: Path = DEFAULT_CONFIG) -> PipelineConfig:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        steps = []
        for entry in raw.get("step", []):
            entry = dict(entry)
            name = entry.pop("name")
            steps.append(Step(name, entry.pop("component", name), entry))
        if not steps:
            raise ValueError(f"{path}: the pipeline has no [[step]]")
        return cls(raw.get("name", "sitrep"), raw.get("language", "en"), tuple(steps), path)

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(__version__.encode())
        digest.update(self.path.read_bytes())
        for data in load_lexicon(self.language).files:
            digest.update(data.name.encode() + b"\0" + data.read_bytes())
        for step in self.steps:
            for name in step.files:
                digest.update(name.encode() + b"\0" + (self.path.parent / name).read_bytes())
        return digest.hexdigest()

    def describe(self) -> str:
        """The pipeline as `sitrep extract --pipeline` prints it."""
        lines = [f"pipeline {self.name}  ({self.path})", f"fingerprint {self.fingerprint[:12]}",
                 f"lexicons {self.language}"]
        for number, step in enumerate(self.steps, 1):
            settings = "  " + ", ".join(f"{k}={v}" for k, v in step.settings.items()) if step.settings else ""
            via = "" if step.component == step.name else f" = {step.component}"
            lines.append(f"{number:2}. {step.name}{via}{settings}")
        return "\n".join(lines)


class Pipeline:
    """A config's components bound to one theatre, ready to run over reports."""

    def __init__(self, config: PipelineConfig, theatre: Theatre) -> None:
        self.config = config
        self.theatre = theatre
        self.lexicon: Lexicon = load_lexicon(config.language)
        self._steps: list[tuple[str, Component, Context]] = [
            (step.name, lookup(step.component),
             Context(theatre, self.lexicon, dict(step.settings), config.path.parent))
            for step in config.steps
        ]

    @cached_property
    def extractor(self) -> str:
        """The config's name and fingerprint, with the theatre's data: new places or actor
        names change what is extracted as much as a new component does."""
        digest = hashlib.sha256(self.config.fingerprint.encode())
        for data in sorted(p for p in self.theatre.folder.iterdir() if p.name.endswith((".json", ".json.gz"))):
            digest.update(data.name.encode() + b"\0" + data.read_bytes())
        return f"{self.config.name} {__version__} {digest.hexdigest()[:12]}"

    def __call__(self, doc: Doc) -> Doc:
        for _, run, context in self._steps:
            run(doc, context)
        return doc

    def extract(self, text: str, published: date | None, document_sha256: str = "", outlet: str | None = None,
                url: str | None = None) -> list[Event]:
        """The events a report describes, in the order it first describes them."""
        doc = Doc(text, publication(published, url), document_sha256, outlet, url)
        return self(doc).events


@lru_cache(maxsize=8)
def default_pipeline(theatre: Theatre) -> Pipeline:
    return Pipeline(PipelineConfig.read(), theatre)
