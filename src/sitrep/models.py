"""Records that flow between sitrep's stages.

Every stage (ingest, extract, resolve, export) is a function from some of these records to
others; the store persists them. They are plain dataclasses so that they are cheap to create
on the extraction hot path and pickle cleanly when a Dask cluster maps a stage over a corpus.
The words are DESIGN.md's vocabulary; field names follow ACLED and the annotation guide so that
an exported row can be traced back field by field.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the layers' own types live with the components that make them
    from sitrep.extract.attribution import FoundClaim
    from sitrep.extract.dates import DateMention, Publication
    from sitrep.extract.fatalities import DeathFigure
    from sitrep.extract.sentences import Sentence
    from sitrep.extract.triggers import Trigger
    from sitrep.theatre.actors import ActorMention
    from sitrep.theatre.geocode import PlaceMention


class SourceKind(StrEnum):
    """Who speaks: the kinds the annotation guide distinguishes."""

    MEDIA = "media"
    PARTY = "party"
    OFFICIAL = "official"
    NGO = "ngo"
    WITNESS = "witness"
    ANONYMOUS = "anonymous"
    SOCIAL = "social"


class Stance(StrEnum):
    """What a claim does with the event it is about."""

    ASSERTS = "asserts"
    DENIES = "denies"
    REPORTS = "reports"


class VerificationStatus(StrEnum):
    """How sure we can be that an incident happened (DESIGN.md, "Incident")."""

    SINGLE_SOURCE = "single-source"
    CLAIMED = "claimed"
    CORROBORATED = "corroborated"
    CONTESTED = "contested"
    CONFIRMED = "confirmed"


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class Span:
    """Half-open character range [start, end) in a Document's normalised text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The words this span points at: the whole point of provenance."""
        return text[self.start : self.end]


@dataclass(slots=True)
class Document:
    """One ingested report, identified by the sha256 of its normalised text.

    `raw_sha256` names the exact bytes kept in the evidence archive; `sha256` names the text
    that every span refers to. They differ whenever the raw form is HTML or a JSON record.
    """

    sha256: str
    text: str
    raw_sha256: str
    media_type: str
    origin: str
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    ingested_at: datetime | None = None
    restricted: bool = False  # never shown to readers of the API or in exports

    @property
    def short_id(self) -> str:
        """The id people type: a sha256 prefix, as git does for commits."""
        return self.sha256[:12]

    @property
    def display_id(self) -> str:
        """The external id when the source gave one, else the short hash."""
        return self.external_id or self.short_id


@dataclass(slots=True)
class CustodyEntry:
    """One link in a document's chain of custody: who brought which bytes in, how and when."""

    document_sha256: str
    raw_sha256: str
    origin: str
    locator: str
    file_sha256: str
    command: str
    agent: str
    tool_version: str
    at: datetime
    action: str = "ingested"


@dataclass(slots=True)
class Source:
    """Who speaks in a document: an outlet, a party spokesperson, residents, a video."""

    name: str
    kind: SourceKind
    affiliation: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Mention:
    """A piece of text recognised as something: a place, an actor, a number, a date."""

    kind: str
    text: str
    span: Span
    value: Any = None


@dataclass(slots=True)
class Claim:
    """One assertion about an event, attributed to a Source, with its exact words."""

    source: Source
    stance: Stance
    quote: str
    quote_span: Span | None = None


@dataclass(slots=True)
class FatalityClaim:
    """A death figure and who gave it; an Event keeps all of them, not just the lowest."""

    source: str
    number: int
    span: Span | None = None


@dataclass(slots=True)
class Event:
    """One happening as one document describes it (ACLED fields plus provenance).

    `spans` maps a field name (e.g. "admin1", "fatalities") to the text it was read from.
    """

    document_sha256: str
    event_type: str
    sub_event_type: str
    event_date: date | None = None
    time_precision: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatality_claims: list[FatalityClaim] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)
    notes: str = ""
    confidence: float = 0.0
    id: int | None = None  # given by the store

    @property
    def interaction(self) -> int | None:
        """ACLED's interaction code: the two actor codes, lower first; a lone actor is N0."""
        if self.inter1 is None:
            return None
        if self.inter2 is None:
            return self.inter1 * 10
        low, high = sorted((self.inter1, self.inter2))
        return low * 10 + high


@dataclass(slots=True)
class Incident:
    """The real-world happening behind one or more Events from different documents."""

    id: str
    events: list[Event]
    status: VerificationStatus
    explanation: str
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. admin_level: 1 province, 2 district, 3 town, village or a feature
    inside a district (a feature spanning a province, such as a valley, has level 2).

    `kind` says what it is ("province", "district", "town", "village", "valley", "pass", …);
    `exact` is true when latitude/longitude are the place's own point, false when they are
    borrowed from the district or province it lies in.
    """

    id: str
    name: str
    kind: str
    admin_level: int
    parent_id: str | None
    latitude: float
    longitude: float
    alternate_names: tuple[str, ...] = ()
    population: int | None = None
    capital: bool = False
    exact: bool = True


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor with its aliases, named members and ACLED interaction code.

    `party` marks a party to the conflict: its spokespeople are "party" sources, whose
    word alone makes an incident "claimed", not "corroborated".
    """

    name: str
    inter_code: int
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    party: bool = False


@dataclass(eq=False)
class Doc:
    """One report as the extraction pipeline reads it: its text and every layer the components
    add to it, each layer indexed by sentence (spaCy's model: components write layers onto a
    shared Doc and read the layers of the components before them).

    A component reads and writes only these layers, so that a rule component and a learned
    one for the same decision are interchangeable. `events` is what the pipeline returns.
    """

    text: str
    published: Publication | None = None
    sha256: str = ""
    outlet: str | None = None
    url: str | None = None
    lowered: str = ""  # fold.lower(text): same offsets, what the patterns run on
    folded: str = ""  # fold.fold(text): what the name matchers run on
    sentences: list[Sentence] = field(default_factory=list)
    places: dict[int, list[PlaceMention]] = field(default_factory=dict)
    datelines: list[PlaceMention] = field(default_factory=list)  # where it was filed: no event's place
    actors: dict[int, list[ActorMention]] = field(default_factory=dict)
    dates: dict[int, list[DateMention]] = field(default_factory=dict)
    triggers: dict[int, list[Trigger]] = field(default_factory=dict)  # live ones, most specific first
    background: set[int] = field(default_factory=set)  # sentences of history, trends and tallies
    claims: dict[int, list[FoundClaim]] = field(default_factory=dict)
    deaths: dict[int, list[DeathFigure]] = field(default_factory=dict)
    parses: dict[int, Any] = field(default_factory=dict)  # sentence index → its dependency parse
    speaker: tuple[str, SourceKind, str | None] = ("the outlet", SourceKind.MEDIA, None)  # who speaks unquoted
    events: list[Event] = field(default_factory=list)

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence an offset falls in."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    @cached_property
    def denials(self) -> list[int]:
        """Sentences in which someone denies something (read once the claims are final)."""
        return [i for i, found in self.claims.items() if any(c.stance is Stance.DENIES for c in found)]
