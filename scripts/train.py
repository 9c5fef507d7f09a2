"""Train the pipeline's learned components from the annotated reports, with fixed seeds.

    pip install -e '.[train]'
    python scripts/train.py            # trains on dev-A, writes src/sitrep/extract/models/*.npz,
                                       # and prints each model's 5-fold cross-validation on dev-A

Only dev-A is read (../shared/eval/dev.jsonl without every 4th line: dev-B is never trained on).
What is learned, and from what:

* stance (stance.learned): every claim the rule components find in a report, paired with
  the annotated claim whose quote it overlaps (the scorer's test: half the shorter quote),
  labelled with that claim's stance. Features are the hashed words of the claim's clause
  (see sitrep/extract/stance.py); no text is stored, only weights.

The same functions retrain on part of dev-A for bench/extract_quality.py's cross-validation.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from sitrep.extract import Pipeline, PipelineConfig
from sitrep.extract.learned import LinearModel, bucket
from sitrep.extract.pipeline import DEFAULT_CONFIG, Step
from sitrep.extract.stance import stance_features
from sitrep.extract.attribution import FoundClaim
from sitrep.models import Doc, SourceKind, Stance
from sitrep.extract.dates import publication
from sitrep.theatre import load_theatre

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DIMS = 1 << 14
SEED = 0
_KINDS = {kind.value: kind for kind in SourceKind}
LEARNED = {"stance.learned": "stance.rules"}  # each learned component, and the rule one it stands in for


def dev_a() -> list[dict]:
    lines = [line for line in (EVAL / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line) for n, line in enumerate(lines, 1) if n % 4]


def _overlap(a: str, b: str) -> float:
    """The shared scorer's quote overlap: the longest common run over the shorter quote."""
    a, b = (a or "").lower(), (b or "").lower()
    if not a or not b:
        return 0.0
    found = difflib.SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b))
    return found.size / min(len(a), len(b))


def _rules_only(config: PipelineConfig) -> PipelineConfig:
    """The config with every learned component replaced by its rule counterpart: what the
    training examples are read with (the models to be trained do not exist yet)."""
    steps = tuple(replace(s, component=LEARNED[s.component], settings={}) if s.component in LEARNED else s
                  for s in config.steps)
    return replace(config, steps=steps)


def _read(pipeline: Pipeline, record: dict) -> Doc:
    published = date.fromisoformat(record["published"][:10]) if record.get("published") else None
    doc = Doc(record["text"], publication(published, record.get("url")), "", record.get("outlet"), record.get("url"))
    return pipeline(doc)


@dataclass
class Examples:
    features: list[list[str]]
    labels: list[int]
    documents: list[int]  # which document each example came from (for folds by document)

    def matrix(self) -> csr_matrix:
        rows, cols = [], []
        for row, features in enumerate(self.features):
            for column in {bucket(f, DIMS) for f in features}:
                rows.append(row)
                cols.append(column)
        return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(self.features), DIMS))


def stance_examples(config: PipelineConfig, records: list[dict]) -> Examples:
    pipeline = Pipeline(_rules_only(config), load_theatre())
    examples = Examples([], [], [])
    for number, record in enumerate(records):
        gold = [c for e in record.get("events") or [] for c in e.get("claims") or []]
        if not gold:
            continue
        for claim in gold:  # the annotated quote itself, read as a clause of its own
            quote = (claim.get("quote") or "").lower()
            found = FoundClaim(claim.get("source") or "", 0, 0, _KINDS.get(claim.get("source_kind"), SourceKind.MEDIA),
                               claim.get("affiliation"), Stance.ASSERTS, quote, 0, len(quote), 0, len(quote))
            examples.features.append(stance_features(found, quote))
            examples.labels.append(int(claim.get("stance") == "denies"))
            examples.documents.append(number)
        doc = _read(pipeline, record)
        for claim in (c for found in doc.claims.values() for c in found):
            best = max(gold, key=lambda g: _overlap(g.get("quote"), claim.quote))
            if _overlap(best.get("quote"), claim.quote) < 0.5:
                continue
            examples.features.append(stance_features(claim, doc.lowered))
            examples.labels.append(int(best.get("stance") == "denies"))
            examples.documents.append(number)
    return examples


def fit(examples: Examples, threshold: float = 0.35) -> LinearModel:
    model = LogisticRegression(C=0.3, class_weight="balanced", solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(examples.matrix(), np.array(examples.labels))
    return LinearModel(model.coef_[0].astype(np.float32), float(model.intercept_[0]), threshold)


TRAINERS = {"stance.learned": (stance_examples, fit)}


def train_into(config: PipelineConfig, records: list[dict], folder: Path) -> PipelineConfig:
    """Train every learned component of `config` on `records`, write the weights and a copy
    of the config that uses them into `folder`, and return that config."""
    folder.mkdir(parents=True, exist_ok=True)
    steps = []
    for step in config.steps:
        if step.component in TRAINERS:
            examples, fitter = TRAINERS[step.component]
            name = Path(str(step.settings.get("weights", f"{step.name}.npz"))).name
            fitter(examples(config, records)).save(folder / name)
            step = Step(step.name, step.component, {**step.settings, "weights": name})
        steps.append(step)
    text = [f"name = {json.dumps(config.name)}", f"language = {json.dumps(config.language)}", ""]
    for step in steps:
        text.append("[[step]]")
        text.append(f"name = {json.dumps(step.name)}")
        text.append(f"component = {json.dumps(step.component)}")
        text += [f"{key} = {json.dumps(value)}" for key, value in step.settings.items()]
        text.append("")
    path = folder / "pipeline.toml"
    path.write_text("\n".join(text), encoding="utf-8")
    return PipelineConfig.read(path)


def cross_validate(examples: Examples, fitter, folds: int = 5) -> dict[str, float]:
    """Folds by document: a report's claims are never split between training and test."""
    truth, guessed = [], []
    for fold in range(folds):
        test = [i for i, d in enumerate(examples.documents) if d % folds == fold]
        train = [i for i, d in enumerate(examples.documents) if d % folds != fold]
        part = Examples([examples.features[i] for i in train], [examples.labels[i] for i in train],
                        [examples.documents[i] for i in train])
        model = fitter(part)
        truth += [examples.labels[i] for i in test]
        guessed += [int(model.decide(examples.features[i])) for i in test]
    truth_a, guessed_a = np.array(truth), np.array(guessed)
    hit = int(((truth_a == 1) & (guessed_a == 1)).sum())
    return {"examples": len(truth), "positives": int(truth_a.sum()), "accuracy": float((truth_a == guessed_a).mean()),
            "recall": hit / max(1, int(truth_a.sum())), "precision": hit / max(1, int(guessed_a.sum()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    args = parser.parse_args()
    config = PipelineConfig.read(args.config)
    records = dev_a()
    models = ROOT / "src" / "sitrep" / "extract" / "models"
    for component, (examples_of, fitter) in TRAINERS.items():
        examples = examples_of(config, records)
        print(f"{component}: {len(examples.labels)} examples from {len(set(examples.documents))} reports "
              f"({sum(examples.labels)} positive)")
        print(f"  5-fold by document, learned: {cross_validate(examples, fitter)}")
        baseline = [int("rule:denies" in f) for f in examples.features]
        hit = sum(1 for b, t in zip(baseline, examples.labels) if b and t)
        print(f"  the rules on the same examples: recall {hit / max(1, sum(examples.labels)):.3f}, "
              f"precision {hit / max(1, sum(baseline)):.3f}")
        fitter(examples).save(models / f"{component.split('.')[0]}.npz")
        print(f"  wrote {models / (component.split('.')[0] + '.npz')}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
