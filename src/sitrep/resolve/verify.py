"""How sure we can be: verification status, fatality range and the words that explain them.

DESIGN.md's statuses: single-source (one voice); claimed (only parties to the conflict say
so); corroborated (two independent non-party voices, or a party and an independent one);
contested (asserted and explicitly denied); confirmed (only an analyst can say so).
The fatality range is UCDP's low / best / high: the lowest figure anyone gave, the lowest
figure from an independent voice (the party's own figure otherwise), the highest.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sitrep.models import SourceKind, Stance, VerificationStatus
from sitrep.resolve.cluster import EventRecord
from sitrep.resolve.voices import Voice, is_outlet_restating, outlet_voice, voice_of


@dataclass(slots=True)
class Assessment:
    status: VerificationStatus
    explanation: str
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    asserting: list[Voice] = field(default_factory=list)
    denying: list[Voice] = field(default_factory=list)
    figures: list[tuple[str, int]] = field(default_factory=list)  # (who, deaths)


def assess(records: list[EventRecord], syndicated: dict[str, str] | None = None,
           overrides: dict[str, tuple[SourceKind, str | None]] | None = None) -> Assessment:
    """`syndicated` maps a document id to the document id of the story it copies; `overrides`
    are an analyst's word on what kind of source a name is."""
    syndicated = syndicated or {}
    overrides = overrides or {}
    asserting: dict[str, Voice] = {}
    denying: dict[str, Voice] = {}
    by_document: dict[str, list] = {}
    for record in records:
        by_document.setdefault(record.document_id, []).append(record)
    for document_id, group in by_document.items():
        origin = syndicated.get(document_id)
        claims = [c for r in group for c in r.event.claims]
        outlet = group[0].outlet
        attributed = any(not is_outlet_restating(c, outlet) for c in claims)
        for claim in claims:
            if attributed and is_outlet_restating(claim, outlet):
                continue  # the report restating its own sources is not another voice
            if claim.source.name in overrides:
                kind, affiliation = overrides[claim.source.name]
                claim = replace(claim, source=replace(claim.source, kind=kind, affiliation=affiliation))
            voice = voice_of(claim, outlet, document_id, origin)
            (denying if claim.stance is Stance.DENIES else asserting).setdefault(voice.key, voice)
        if not claims:
            voice = voice_of_outlet(outlet, document_id, origin)
            asserting.setdefault(voice.key, voice)
    figures = _figures(records)
    status, explanation = _status(list(asserting.values()), list(denying.values()))
    low, best, high = _range(figures)
    return Assessment(status, explanation, low, best, high, list(asserting.values()), list(denying.values()),
                      [(who, n) for who, n, _ in figures])


def voice_of_outlet(outlet: str | None, document_id: str, origin: str | None) -> Voice:
    name = origin or outlet_voice(outlet, document_id)
    return Voice(f"media:{name}", SourceKind.MEDIA, None, name)


def _status(asserting: list[Voice], denying: list[Voice]) -> tuple[VerificationStatus, str]:
    parties = [v for v in asserting if v.kind is SourceKind.PARTY]
    independent = [v for v in asserting if v.kind is not SourceKind.PARTY]
    said = _describe(asserting)
    if denying and asserting:
        return VerificationStatus.CONTESTED, f"asserted by {said}; denied by {_describe(denying)}"
    if len(independent) >= 2 or (parties and independent):
        return VerificationStatus.CORROBORATED, f"asserted by {said}"
    if parties and not independent:
        return VerificationStatus.CLAIMED, f"only parties to the conflict say so: {said}"
    return VerificationStatus.SINGLE_SOURCE, f"one voice only: {said or 'the report itself'}"


def _describe(voices: list[Voice]) -> str:
    return ", ".join(f"{v.label} ({v.kind.value}{', independent' if v.kind is not SourceKind.PARTY else ''})"
                     for v in voices)


def _figures(records: list[EventRecord]) -> list[tuple[str, int, bool]]:
    """(who, deaths, independent) for every figure any report gave; a figure is a party's when
    the claim it came with is."""
    found = []
    for record in records:
        kinds = {c.source.name: c.source.kind for c in record.event.claims}
        for figure in record.event.fatality_claims:
            party = kinds.get(figure.source) is SourceKind.PARTY
            found.append((f"{figure.source} ({record.outlet or record.document_id})", figure.number, not party))
    return found


def _range(figures: list[tuple[str, int, bool]]) -> tuple[int | None, int | None, int | None]:
    if not figures:
        return None, None, None
    numbers = [n for _, n, _ in figures]
    independent = [n for _, n, free in figures if free]
    return min(numbers), min(independent) if independent else min(numbers), max(numbers)
