"""Lexicons: the words and phrases of one language that the extraction rules look for, as data.

A language is a folder of JSON files (`en/triggers.json`, `en/stance.json`, …), each a
mapping from a name to a list of phrases — regular expressions in lower case, since the
patterns run on a lowered copy of the text. What is true of one country (its outlets, its
parties' words) belongs to its theatre folder instead. Rules read their phrases from here, so
a phrase is added by editing a file, and the pipeline's fingerprint changes with it.
"""

from __future__ import annotations

import json
import re
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any


class Lexicon:
    """The phrase lists of one language, loaded once per process."""

    def __init__(self, language: str, folder: Path) -> None:
        self.language = language
        self.folder = folder
        self._tables: dict[str, dict[str, Any]] = {}

    @cached_property
    def files(self) -> list[Path]:
        return sorted(self.folder.glob("*.json"))

    def table(self, name: str) -> dict[str, Any]:
        """The whole of `<name>.json` (without its `_about`)."""
        if name not in self._tables:
            path = self.folder / f"{name}.json"
            if not path.is_file():
                raise KeyError(f"the {self.language!r} lexicon has no {name}.json")
            data = json.loads(path.read_text(encoding="utf-8"))
            data.pop("_about", None)
            self._tables[name] = data
        return self._tables[name]

    def phrases(self, name: str, key: str) -> list[str]:
        return list(self.table(name)[key])

    def words(self, name: str, key: str) -> frozenset[str]:
        return frozenset(self.table(name)[key])

    def alternation(self, name: str, key: str) -> str:
        """The phrases of one list as one regex alternative (longest first)."""
        return "|".join(sorted(self.phrases(name, key), key=len, reverse=True))

    def pattern(self, name: str, key: str, template: str = r"\b(?:{})\b", flags: int = 0) -> re.Pattern[str]:
        """The phrases of one list compiled into `template` (its `{}` takes the alternation)."""
        return re.compile(template.replace("{}", self.alternation(name, key)), flags)


@lru_cache(maxsize=4)
def load_lexicon(language: str = "en") -> Lexicon:
    folder = Path(str(files("sitrep.lexicons") / language))
    if not folder.is_dir():
        raise ValueError(f"no lexicon for the language {language!r} ({folder})")
    return Lexicon(language, folder)
