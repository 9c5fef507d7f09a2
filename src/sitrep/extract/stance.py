"""Stance: whether a claim asserts the happening it is about or denies it.

Two interchangeable ways to decide, each a component: the lexicon's denial words ("rejected",
"baseless", "did not happen"), and a model learned from annotated claims over the words of
the claim's clause, with the lexicon's verdict as one more feature — so that it can learn
when a denial word denies something else (a denied toll in an asserted attack) and which
wordings deny without a denial word ("no security incident took place anywhere").
"""

from __future__ import annotations

from sitrep.extract.attribution import _CONTRAST, _DENIAL, FoundClaim
from sitrep.extract.learned import LinearModel, text_features
from sitrep.models import Stance


def rule_stance(claim: FoundClaim, lowered: str) -> Stance:
    """Denies when its clause says so in words, or when a party gives a contrasting account
    ("by contrast, claimed …"); else asserts."""
    clause = lowered[claim.clause_start : claim.clause_end]
    if _DENIAL.search(clause) or (claim.affiliation and _CONTRAST.search(clause)):
        return Stance.DENIES
    return Stance.ASSERTS


def stance_features(claim: FoundClaim, lowered: str) -> list[str]:
    clause = lowered[claim.clause_start : claim.clause_end]
    features = text_features(clause)
    features.append(f"rule:{rule_stance(claim, lowered).value}")
    features.append(f"kind:{claim.kind.value}")
    if _CONTRAST.search(clause):
        features.append("contrast")
    return features


def learned_stance(claim: FoundClaim, lowered: str, model: LinearModel) -> Stance:
    return Stance.DENIES if model.decide(stance_features(claim, lowered)) else Stance.ASSERTS
