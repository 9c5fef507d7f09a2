"""Who says so: attributions in a sentence, as Claims with a source, its kind and a stance.

A claim is found around a reporting verb ("X said", "said X", "according to X", "X told the
outlet", "X denied …") and keeps the exact clause as its quote. A sentence whose clauses
disagree ("confirmed the attack but rejected the casualties") gives one claim per clause.
Source kinds follow the annotation guide: party (spokespeople, officials and forces of a
party to the conflict), official (UN, foreign governments that are not parties), ngo,
witness (residents, relatives, participants), anonymous (unnamed sources), social (videos,
posts), media (outlets, or the report itself when nobody else is named).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from sitrep.extract.alternation import any_of, compile_rules, cue_words
from sitrep.extract.sentences import dateline_end
from sitrep.models import SourceKind, Stance
from sitrep.theatre import Theatre
from sitrep.theatre.actors import find_actors
from sitrep.lexicons import load_lexicon
from sitrep.theatre.fold import lower

_LEXICON = load_lexicon("en")
_VERBS = _LEXICON.alternation("reporting", "verbs")
_VERB = re.compile(r"(?<![a-z0-9_])(?:" + _VERBS + r")\b")
_ACCORDING = _LEXICON.pattern("reporting", "according", r"\b(?:{})\s+")
_CLAUSE_SPLIT = re.compile(r",? (?:but|while|whereas|though|although)\b(?!,),?|; (?:however,? )?")
_TRAILING_ADVERB = re.compile(r"(?:\s+(?:further|also|later|then|again|separately|earlier|previously|repeatedly|"
                              r"reportedly|too|meanwhile|today|yesterday))+$", re.I)
_WHEN = re.compile(r",?\s*(?:(?:late|early)\s+)?(?:on|this|last)\s+(?:monday|tuesday|wednesday|thursday|friday|"
                   r"saturday|sunday|morning|evening|night|week)\s*$|,?\s*(?:yesterday|today)\s*$", re.I)
_ROLE_BEFORE = re.compile(r"(?:^|[.;:]\s+|[,.]?[”\x22]\s+|\b(?:and|but)\s+)((?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,3}(?:spokes(?:man|woman|person)|"
                          r"official|minister|commander|governor|head|chief|director|deputy|leader)\b[^,;]{0,60},\s*$", re.I)
# A "source" that starts so is a phrase, or nobody at all ("No group claimed responsibility").
_NAME_THEN_ROLE = re.compile(r"(?:^|[.;:]\s+|\b(?:and|but)\s+)(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+,\s*"
                             r"(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}(?:spokes(?:man|woman|person)|official|minister|"
                             r"commander|governor|head|chief|director|deputy|leader)\b[^,;]{0,60}),$")
_NOT_A_SOURCE = frozenset("over in on at for after before with by from to of as amid during under about "
                          "no none nobody neither clashes fighting attack attacks explosion explosions blast blasts "
                          "violence casualties deaths killings incident incidents".split())
_ASIDE = re.compile(r",\s*(?:by contrast|in contrast|however|though|meanwhile|too|also|instead|in turn|"
                    r"for (?:its|their|his|her) part|in a (?:tweet|statement|post|message|video|letter|"
                    r"press release|news conference|speech)(?: on [\w@ ]{1,30})?)\s*,?\s*$", re.I)
# "the front has claimed", "the envoy strongly condemned": not part of the name (a list, not "-ly":
# "the family said", "officials in Italy said")
_AUXILIARY_WORDS = frozenset(
    "has have had was were is are also again later then further strongly repeatedly reportedly firmly publicly "
    "officially categorically flatly separately previously initially immediately quickly swiftly vehemently "
    "openly privately subsequently angrily earlier however though meanwhile instead".split())
_AUXILIARY = re.compile(r"(?:\s+(?:" + "|".join(sorted(_AUXILIARY_WORDS)) + r"))+$", re.I)
_OPENS_QUOTE = re.compile(r"^\s*[\"“]")
_SOURCE_STOP = re.compile(r"[,;:()\"“”—–]|\bthat\b|\bwho\b|\bwhich\b|\band\b(?= (?:the|a|an) )", re.I)
_PRONOUNS = frozenset("he she they it we i his her their its".split())
_CONJUNCTION = re.compile(r"^\W*(?:but|however|while|whereas|and|though|although)\b[\s,]*", re.I)
_EVIDENCE = re.compile(
    r"\b(?P<source>(?:(?:a|an|the|one|two|several)\s+)?(?:[\w-]+\s+){0,2}(?:" + _LEXICON.alternation("reporting", "evidence")
    + r")\b[^,.;]{0,60}?)\s+(?:" + _LEXICON.alternation("reporting", "evidence_verbs") + ")")

_DENIAL = _LEXICON.pattern("stance", "denial")
# The accused side giving a contrasting account ("people close to the Taliban, by contrast,
# claimed the shots were fired far away") disputes the report.
_CONTRAST = _LEXICON.pattern("stance", "contrast")
_NOT_A_CLAIM = _LEXICON.pattern("stance", "no_claim", r"\b(?:{})")
_NOT_A_CLAIM_WORDS = any_of(("not", "n't", "declined", "unable", "no immediate"))  # one is in every such phrase
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+$")
_PASSIVE_AFTER = re.compile(r"\s+(?:of\b|to (?:have|be)\b)")
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their|his|her|such|any|no)\s+$")

_SOCIAL_START = re.compile(r"^(?:x|twitter)\b|@\w", re.I)  # an account's handle, or the platform it posted on


@dataclass(frozen=True)
class _SourceWords:
    """The kind words of the language and the theatre together, compiled once per theatre."""

    social: re.Pattern[str]
    official: re.Pattern[str]
    ngo: re.Pattern[str]
    witness: re.Pattern[str]
    anonymous: re.Pattern[str]
    media: re.Pattern[str]
    party: re.Pattern[str]
    foreign: dict[str, str]


@lru_cache(maxsize=8)
def _source_words(theatre: Theatre) -> _SourceWords:
    def words(kind: str, flags: int = re.I) -> re.Pattern[str]:
        phrases = _LEXICON.phrases("sources", kind) + list(theatre.lexicon.get(kind, ()))
        return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", flags)

    return _SourceWords(words("social"), words("official", 0), words("ngo"), words("witness"), words("anonymous"),
                        words("media"), words("party"), dict(theatre.lexicon.get("foreign_parties", {})))


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class FoundClaim:
    source: str
    source_start: int
    source_end: int
    kind: SourceKind
    affiliation: str | None
    stance: Stance
    quote: str
    quote_start: int
    quote_end: int
    clause_start: int = 0  # the clause the claim was read from (the stance step reads it)
    clause_end: int = 0


_EVIDENCE_NOUN = _LEXICON.pattern("reporting", "evidence", r"(?<![\w-])(?:{})\b")
_EVIDENCE_LEAD = 100  # more than a determiner and two words before the noun can take
_ACCORDING_WORDS = any_of(cue_words(_LEXICON.phrases("reporting", "according")))
_MAYBE_ATTRIBUTED, _ = compile_rules([r"(?:" + "|".join((_VERBS, _LEXICON.alternation("reporting", "according"), "in a statement",
                                                         _LEXICON.alternation("reporting", "evidence"))) + r")\b"])


def claim_cues(lowered: str) -> Iterator[int]:
    """Offsets in a whole lowered text of the words without which a sentence holds no claim
    (one scan per document is cheaper than one per sentence)."""
    return (match.start() for match in _MAYBE_ATTRIBUTED.finditer(lowered))


def find_claims(text: str, start: int, end: int, theatre: Theatre, previous: FoundClaim | None = None,
                lowered: str | None = None, cued: bool = False) -> list[FoundClaim]:
    """Attributed clauses in text[start:end] (one sentence). `previous` resolves "he said".
    Pass `lowered` = fold.lower(text) when the caller has it: the patterns run on it; and
    `cued=True` when `claim_cues` already found a cue word in the sentence."""
    sentence = text[start:end]
    low_sentence = lowered[start:end] if lowered is not None else lower(sentence)
    if not cued and not _MAYBE_ATTRIBUTED.search(low_sentence) and not _OPENS_QUOTE.match(low_sentence):
        return []
    claims = []
    for clause_start, clause_end in _clauses(low_sentence):
        clause = sentence[clause_start:clause_end]
        low = low_sentence[clause_start:clause_end]
        if _NOT_A_CLAIM_WORDS.search(low) and _NOT_A_CLAIM.search(low):
            continue
        source = _source(clause, low)
        if source is None:
            if previous is not None and _OPENS_QUOTE.match(sentence) and clause_start == 0:
                # a quotation that goes on from the sentence before: the same speaker
                absolute = start + clause_start
                first, last = quote_bounds(clause)
                claims.append(FoundClaim(previous.source, previous.source_start, previous.source_end,
                                         previous.kind, previous.affiliation, Stance.ASSERTS, clause[first:last],
                                         absolute + first, absolute + last, absolute, start + clause_end))
                previous = claims[-1]
            continue
        source_start, source_end = source
        name = _TRAILING_ADVERB.sub("", _CONJUNCTION.sub("", clause[source_start:source_end]).strip(" ,.-–—\"“”"))
        if name.split()[:1] and name.split()[0].lower() in _NOT_A_SOURCE:
            continue
        absolute = start + clause_start
        if not name or name.lower() in _PRONOUNS:
            if previous is None:
                continue
            kind, affiliation, name = previous.kind, previous.affiliation, previous.source
            source_abs = (previous.source_start, previous.source_end)
        else:
            kind, affiliation = classify_source(name, theatre)
            source_abs = (absolute + source_start, absolute + source_end)
        first, last = quote_bounds(clause)
        claims.append(FoundClaim(name, *source_abs, kind, affiliation, Stance.ASSERTS,
                                 clause[first:last], absolute + first, absolute + last, absolute, start + clause_end))
        previous = claims[-1]
    return claims


@lru_cache(maxsize=16384)
def classify_source(name: str, theatre: Theatre) -> tuple[SourceKind, str | None]:
    """The kind of a source, and the actor it speaks for when it is one (names recur: cached)."""
    actors = [m.actor for m in find_actors(name, theatre)]
    party_actor = next((a.name for a in actors if a.party), None)
    if party_actor is None and len(name.split()) == 1:  # "Mujahid said": a spokesman named before
        party_actor = theatre.surnames.get(name.lower())
        if party_actor:
            return SourceKind.PARTY, party_actor
    lowered = name.lower()
    words = _source_words(theatre)
    foreign = next((actor for word, actor in words.foreign.items() if re.search(rf"\b{word}\b", lowered)), None)
    if words.social.search(name) or _SOCIAL_START.search(name):
        return SourceKind.SOCIAL, party_actor
    if words.anonymous.search(name) and not re.search(r"\b(?:sources? said|cited sources)\b", lowered):
        return SourceKind.ANONYMOUS, party_actor
    official = words.official.search(name)
    if official and not party_actor and not (foreign and official.group().startswith("foreign ministry")):
        return SourceKind.OFFICIAL, None
    if words.ngo.search(name) and not party_actor:
        return SourceKind.NGO, None
    if party_actor:
        return SourceKind.PARTY, party_actor
    if foreign and words.party.search(name):
        return SourceKind.PARTY, foreign
    if words.witness.search(name):
        return SourceKind.WITNESS, None
    if words.media.search(name):
        return SourceKind.MEDIA, None
    if words.party.search(name):  # "local officials", "the interior ministry": the de facto state
        return SourceKind.PARTY, _state_actor(theatre)
    return SourceKind.WITNESS if name[:1].isupper() and len(name.split()) <= 3 else SourceKind.ANONYMOUS, None


def _state_actor(theatre: Theatre) -> str | None:
    return next((a.name for a in theatre.actors.values() if a.inter_code == 1), None)


_CLAUSE_WORDS = any_of((" but", " while", " whereas", " though", " although", ";"))  # one is in every split


def _clauses(sentence: str) -> list[tuple[int, int]]:
    if not _CLAUSE_WORDS.search(sentence):
        return [(0, len(sentence))] if sentence.strip() else []
    bounds, start = [], 0
    for match in _CLAUSE_SPLIT.finditer(sentence):
        bounds.append((start, match.start()))
        start = match.start()
    bounds.append((start, len(sentence)))
    return [(a, b) for a, b in bounds if sentence[a:b].strip()]


def _source(clause: str, low: str) -> tuple[int, int] | None:
    """Where the source's name stands in the clause (`low` is the clause lowered), if attributed."""
    noun = _EVIDENCE_NOUN.search(low)  # the evidence pattern runs only from just before one
    evidence = _EVIDENCE.search(low, max(0, noun.start() - _EVIDENCE_LEAD)) if noun else None
    if evidence:
        return evidence.start("source"), evidence.end("source")
    according = _ACCORDING.search(low) if _ACCORDING_WORDS.search(low) else None
    if according:
        rest = clause[according.end() :]
        stop = _SOURCE_STOP.search(rest)
        length = stop.start() if stop else len(rest.rstrip(". "))
        if length > 0:
            return according.end(), according.end() + min(length, 120)
    for verb in _VERB.finditer(low):
        if _DETERMINER.search(low[max(0, verb.start() - 8) : verb.start()]):
            continue  # "the claim", "the reports": a noun, not someone speaking
        if _PASSIVE_BEFORE.search(low, max(0, verb.start() - 8), verb.start()) or _PASSIVE_AFTER.match(low, verb.end()):
            continue  # "the group is reported to have", "X accused of": X is talked about, not talking
        before = _strip_asides(clause[: verb.start()].rstrip())
        named = _NAME_THEN_ROLE.search(before) if before.endswith(",") else None
        if named:  # "Jalil Hamdard, deputy spokesman of the front, rejected": name and role together
            return named.start("name"), named.end("name")
        if before.endswith(",") and _ROLE_BEFORE.search(before[: before.rfind(",", 0, len(before) - 1) + 1] or " "):
            before = before[:-1]  # "The ministry's spokesman, Abdul Wahid Nuri, said"
        words = before.split()
        if words and not before.endswith((",", '"', "”", ".")):  # "X said": the source comes before
            # "The World Health Organization (WHO)": the acronym is part of the name
            masked = _ACRONYM.sub(lambda m: " " * len(m.group()), before) if before.endswith(")") else before
            cut = max((m.end() for m in _SOURCE_STOP.finditer(masked)), default=0)
            role = _ROLE_BEFORE.search(before[:cut]) if cut and before[cut - 1] == "," else None
            if role:  # "The deputy head of the provincial council, Haji Rahim Safi"
                cut = role.start()
            elif cut:
                apposition = _APPOSITION.match(before, cut)  # "…, known as the Red Unit"
                cut = apposition.end() if apposition else cut
            cut = _after_leading_time(before, cut)  # "Early Sunday the ministry said"
            name = before[cut:]
            if 0 < len(name.split()) <= 12:
                offset = cut + (len(name) - len(name.lstrip()))
                return offset, len(before)
        after = clause[verb.end() :]
        name = after.lstrip()
        stop = _SOURCE_STOP.search(name)
        name = name[: stop.start()] if stop else name.rstrip(". ")
        if name and name[:1].isupper() or name.lower().startswith(("a ", "an ", "the ", "local", "residents")):
            if 0 < len(name.split()) <= 12:  # '"…," said a spokesman': the source comes after
                offset = verb.end() + (len(after) - len(after.lstrip()))
                return offset, offset + len(name.rstrip())
    return None


_WHEN_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday morning evening night week "
                        "yesterday today".split())
_LEADING_WHEN = re.compile(r"\s*(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?(?:monday|tuesday|wednesday|thursday|"
                           r"friday|saturday|sunday|yesterday|today|last\s+(?:night|week|month))"
                           r"(?:\s+(?:morning|afternoon|evening|night))?\s*,?\s+", re.I)
_ACRONYM = re.compile(r"\s*\([A-Z][\w.&-]{1,14}\)$")
_RELATIVE = re.compile(r",\s*(?:which|who)\b[^,]*$", re.I)
_APPOSITION = re.compile(r"\s*(?:(?:also\s+)?known as|called|named)\s+", re.I)


_TIME_LEADS = frozenset("late early earlier later on yesterday today last".split())


def _after_leading_time(before: str, cut: int) -> int:
    """Where a would-be source starts once a leading "Late Thursday" or "Yesterday" is dropped
    (a bare weekday before a capital stays: "Sunday Times reported")."""
    when = _LEADING_WHEN.match(before, cut)
    if when is None or when.end() >= len(before):
        return cut
    words = when.group()
    if words.split()[0].lower() in _TIME_LEADS or "," in words or before[when.end()].islower() \
            or before.startswith(("The ", "A ", "An "), when.end()):
        return when.end()
    return cut


def _strip_asides(before: str) -> str:
    """Drop a trailing ', however,', 'on Friday' or 'has' from a would-be source (cheap checks
    first: these patterns are anchored at the end, which a regex search cannot exploit)."""
    last = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    auxiliary = last in _AUXILIARY_WORDS
    if auxiliary:
        before = _AUXILIARY.sub("", before)
        last = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    if before.endswith(","):
        before = _ASIDE.sub("", before)
        if auxiliary and before.endswith(","):  # "the affiliate, known as ISIS-K, has claimed"
            before = _RELATIVE.sub("", before[:-1])  # "the group, which is based in Panjshir, has said"
        last = before.rsplit(None, 1)[-1].strip(",").lower() if before.strip() else ""
    if last in _WHEN_WORDS:
        before = _WHEN.sub("", before)
    return before


# A claim's quote is the shortest span that carries it (the annotation guide): one clause, and
# no more than a reader takes in at a glance. A longer one loses its fronted subordinate
# clause ("After bombers burst into a mosque in Kandahar, …, 47 worshippers died"), or else
# what follows its last comma in reach.
_QUOTE_MAX = 200
_QUOTE_MIN = 60
_FRONTED = re.compile(r"(?:[A-Z][\w-]+:\s+)?(?:after|while|when|as|following|despite|although|though|before|since|"
                      r"amid|because|once|until)\b", re.I)


def quote_bounds(clause: str) -> tuple[int, int]:
    """Where the quote stands in the clause: without the dateline, at most _QUOTE_MAX long."""
    first = dateline_end(clause, len(clause) - len(clause.lstrip(" ,;")))  # where it was filed is no claim
    last = len(clause.rstrip())
    if last - first <= _QUOTE_MAX:
        return first, last
    if _FRONTED.match(clause, first):
        comma = clause.find(", ", first, last)
        while 0 <= comma and last - comma - 2 > _QUOTE_MAX:
            comma = clause.find(", ", comma + 2, last)
        if comma >= 0 and last - comma - 2 >= _QUOTE_MIN:
            return comma + 2, last
    cut = max(clause.rfind(", ", first + _QUOTE_MIN, first + _QUOTE_MAX),
              clause.rfind("; ", first + _QUOTE_MIN, first + _QUOTE_MAX))
    return first, cut if cut > 0 else clause.rfind(" ", first, first + _QUOTE_MAX)


_BACK_REFERENCE = re.compile(r"^(?:the|a|an|this|that)\s+(?:statement|spokes(?:man|woman|person)|group|ministry|"
                             r"official|source|movement|front|organi[sz]ation)$", re.I)


_BACK_REFERENCE = re.compile(r"^(?:the|a|an|this|that)\s+(?:statement|spokes(?:man|woman|person)|group|ministry|"
                             r"official|source|movement|front|organi[sz]ation)$", re.I)


def rule_stance(claim: FoundClaim, lowered: str) -> Stance:
    """Denies when its clause says so in words ("rejected", "baseless", "did not happen"), or
    when a party gives a contrasting account ("by contrast, claimed …"); else asserts."""
    clause = lowered[claim.clause_start : claim.clause_end]
    if _DENIAL.search(clause) or (claim.affiliation and _CONTRAST.search(clause)):
        return Stance.DENIES
    return Stance.ASSERTS


_NOT_A_NAME = _LEXICON.words("sources", "not_a_name")
_CLAUSE_WORDS_IN_NAME = _LEXICON.words("sources", "clause_words")
_VERB_OBJECT = re.compile(r"\b[a-z]+ed\s+(?:a|an|the|his|her|their|its|away|to|into)\b")  # a verb and its object
_SPEAKER_NOUN = _LEXICON.pattern("sources", "speaker_nouns", r"\b(?:{})\b", re.I)


def plausible_source(name: str) -> bool:
    """Whether a would-be source names someone: not a pronoun, a function word or a clause
    ("have so far", "him", "the number has not been"), and, written all in lower case, with a
    word for someone who can speak ("local sources", not "sporadic gunfire")."""
    words = [w.strip(",.;:'\"()[]“”‘’").lower() for w in name.split()]
    words = [w for w in words if w]
    if not words or words[0] in _NOT_A_NAME or words[-1] in _NOT_A_NAME:
        return False
    if words[0].endswith("ing") and name[:1].islower():
        return False  # "rejecting the ministry's", "saying that"
    if any(w in _CLAUSE_WORDS_IN_NAME for w in words[1:]) or _VERB.search(name.lower()) or _VERB_OBJECT.search(name):
        return False  # a clause: "the outlet said the fighting began", "the group also executed a man"
    return any(c.isupper() for c in name) or bool(_SPEAKER_NOUN.search(name))


def same_speaker(claim: FoundClaim, earlier: list[FoundClaim]) -> FoundClaim:
    """'Sultani said', 'the statement added': someone the report introduced before."""
    name = claim.source
    if len(name.split()) == 1 and name[:1].isupper():
        match = next((c for c in reversed(earlier) if name in c.source.split()), None)
    elif _BACK_REFERENCE.match(name):
        wanted = SourceKind.ANONYMOUS if "source" in name.lower() else SourceKind.PARTY
        match = next((c for c in reversed(earlier) if c.kind is wanted), None)
    else:
        match = None
    return replace(claim, kind=match.kind, affiliation=match.affiliation) if match else claim


def outlet_speaker(outlet: str | None, theatre: Theatre) -> tuple[str, SourceKind, str | None]:
    """Who speaks when a report quotes nobody: the outlet, or the party or account behind it."""
    if not outlet:
        return "the outlet", SourceKind.MEDIA, None
    kind, affiliation = classify_source(outlet, theatre)
    if kind not in (SourceKind.PARTY, SourceKind.SOCIAL, SourceKind.OFFICIAL, SourceKind.NGO):
        kind, affiliation = SourceKind.MEDIA, None
    return outlet, kind, affiliation
