"""Which claims are one voice, so that repetition is not mistaken for corroboration.

Three outlets quoting the same NRF statement are one voice, the NRF; two papers running the
same AFP story are one voice, AFP; a report's own words restating what its sources told it
add nothing to those sources. What remains independent: different outlets' own reporting,
witnesses and officials quoted by different outlets, and every party to the conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.models import Claim, SourceKind

_WIRE = re.compile(r"\b(AFP|AP|Reuters|Xinhua|ANI|Anadolu|DPA|EFE)\b")
_OUTLET_ITSELF = frozenset({"the outlet", "the report", "the statement"})


@dataclass(frozen=True, slots=True)
class Voice:
    key: str  # equal keys are one voice
    kind: SourceKind
    party: str | None  # the actor a party voice speaks for
    label: str  # how a person would name it


def outlet_voice(outlet: str | None, document_id: str) -> str:
    """The originator of a report: the wire agency it carries, else the outlet, else itself."""
    if outlet:
        wire = _WIRE.search(outlet)
        if wire:
            return wire.group(1)
        return re.sub(r"\s*\(.*?\)\s*", " ", outlet).strip() or outlet
    return document_id


def voice_of(claim: Claim, outlet: str | None, document_id: str, syndicated_from: str | None = None) -> Voice:
    source = claim.source
    origin = syndicated_from or outlet_voice(outlet, document_id)
    if source.kind is SourceKind.PARTY or (source.affiliation and source.kind is not SourceKind.MEDIA):
        party = source.affiliation or source.name
        return Voice(f"party:{party}", SourceKind.PARTY, party, party)
    if source.kind is SourceKind.MEDIA:
        return Voice(f"media:{origin}", SourceKind.MEDIA, None, origin)
    if source.kind in (SourceKind.OFFICIAL, SourceKind.NGO, SourceKind.SOCIAL):
        name = _canonical(source.name)
        return Voice(f"{source.kind.value}:{name}", source.kind, None, source.name)
    # witnesses and anonymous sources are only as independent as the outlet that found them:
    # "residents said" and "a local source said" in one outlet's report are one voice, its own
    return Voice(f"local@{origin}", source.kind, None, f"{source.name} ({origin})")


def is_outlet_restating(claim: Claim, outlet: str | None) -> bool:
    """The report's own words (attributed to the outlet itself), as opposed to a quoted source."""
    name = claim.source.name
    return name.lower() in _OUTLET_ITSELF or (outlet is not None and name == outlet)


# One body under its several names: a headline's "UN" and the article's "United Nations
# Assistance Mission in Afghanistan (UNAMA)" are one voice, not two.
_BODIES = {
    "un": "unama", "u n": "unama", "united nations": "unama", "un mission": "unama", "unama": "unama",
    "united nations assistance mission in afghanistan": "unama", "united nations mission": "unama",
    "un assistance mission in afghanistan": "unama", "hrw": "human rights watch",
    "amnesty": "amnesty international", "un human rights office": "ohchr", "ohchr": "ohchr",
    "cpj": "committee to protect journalists", "rsf": "reporters without borders",
}


def _canonical(name: str) -> str:
    words = re.sub(r"\([^)]*\)", " ", name.lower())  # "… in Afghanistan (UNAMA)": the acronym repeats the name
    words = re.sub(r"\W+", " ", words).strip()
    words = re.sub(r"^(?:the|a) ", "", words)
    return _BODIES.get(words, words)
