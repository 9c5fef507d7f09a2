"""Learned decisions: linear models over hashed features, with weights shipped as data.

A decision the lexicons get wrong (does this claim deny the happening?) is learned from the
annotated reports by `scripts/train.py` (scikit-learn, fixed seeds) and shipped as an NPZ of
plain arrays: it loads with numpy alone, without executing anything (no pickle), and stores
no text — features are hashed words and word pairs, so the file holds numbers only.
Features are hashed with CRC32, which unlike Python's `hash` is the same in every process.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
NEGATIONS = frozenset("no not never nobody none nothing neither nor n't without".split())


def bucket(feature: str, dims: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % dims


def text_features(text: str, prefix: str = "w") -> list[str]:
    """Words and adjacent word pairs of a lowered text, and each word marked when a negation
    stands within three words before it ("did not happen", "no such attack")."""
    words = _WORD.findall(text)
    found = [f"{prefix}:{w}" for w in words]
    found += [f"{prefix}2:{a}_{b}" for a, b in zip(words, words[1:])]
    negated_until = -1
    for index, word in enumerate(words):
        if word in NEGATIONS or word.endswith("n't"):
            negated_until = index + 3
        elif index <= negated_until:
            found.append(f"{prefix}neg:{word}")
    return found


@dataclass(frozen=True)
class LinearModel:
    """A logistic-regression decision over hashed features: p = σ(w · x + b)."""

    weights: np.ndarray  # (dims,) float32
    bias: float
    threshold: float

    @property
    def dims(self) -> int:
        return int(self.weights.shape[0])

    def probability(self, features: list[str]) -> float:
        if not features:
            return float(1 / (1 + np.exp(-self.bias)))
        index = np.fromiter((bucket(f, self.dims) for f in features), dtype=np.int64, count=len(features))
        score = float(self.weights[np.unique(index)].sum()) + self.bias  # binary features: each counted once
        return float(1 / (1 + np.exp(-score)))

    def decide(self, features: list[str]) -> bool:
        return self.probability(features) >= self.threshold

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(handle, weights=self.weights.astype(np.float32), bias=np.float64(self.bias),
                                threshold=np.float64(self.threshold))


@lru_cache(maxsize=32)
def load_model(path: Path) -> LinearModel:
    """A model saved by `LinearModel.save` (arrays only: `allow_pickle=False`)."""
    with np.load(path, allow_pickle=False) as data:
        return LinearModel(data["weights"].astype(np.float32), float(data["bias"]), float(data["threshold"]))
