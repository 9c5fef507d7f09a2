"""The built-in extraction components: each reads layers of a Doc and writes its own.

They are thin: the work is done by the stage modules beside this one (sentences, dates,
triggers, attribution, fatalities, events, …), which know nothing of the pipeline. The
patterns run once over the whole text (one call per pattern, not per sentence: the
difference is most of the extractor's time); each find then goes to its sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep.extract.attribution import (
    FoundClaim,
    claim_cues,
    find_claims,
    outlet_speaker,
    plausible_source,
    same_speaker,
)
from sitrep.extract.dates import QuoteMarks, covered_period, find_dates, implied_publication
from sitrep.extract.events import assemble_events
from sitrep.extract.fatalities import DeathFigure, death_cues, find_deaths
from sitrep.extract.registry import Context, component
from sitrep.extract.learned import load_model
from sitrep.extract.parser import DEFAULT_MODEL, parse
from sitrep.extract.sentences import dateline_end, split_sentences
from sitrep.extract.stance import learned_stance, rule_stance
from sitrep.extract.syntax import victims
from sitrep.extract.triggers import find_triggers, is_background, live_triggers, most_specific_first
from sitrep.models import Doc
from sitrep.theatre.actors import find_actors
from sitrep.theatre.fold import fold, lower
from sitrep.theatre.geocode import geocode

_QUOTES = ('"', "“")
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z][\w'’]*)")  # a capitalised word right after, on the same line
_DATELINE_PARAGRAPHS = 2  # a dateline opens the body: after the title, and perhaps a subtitle


@component("sentences")
def sentences(doc: Doc, context: Context) -> None:
    """Sentences and paragraphs, and the lowered and folded copies every matcher reads."""
    doc.lowered = lower(doc.text)
    doc.folded = fold(doc.text, doc.lowered)
    doc.sentences = split_sentences(doc.text)


@component("places")
def places(doc: Doc, context: Context) -> None:
    """Places named, by sentence; a dateline's ("KABUL (AP) —") go to a layer of their own:
    where a report was filed is not where its news happened."""
    heads = context.lexicon.words("places", "heads")
    for mention in geocode(doc.text, context.theatre, doc.folded):
        following = _NEXT_WORD.match(doc.text, mention.end)
        if following and following.group(1).lower() not in heads and not mention.name.isupper():
            continue  # "Banu Negar", "New Kabul Bank": part of a person's or a company's name
        index = doc.sentence_at(mention.start)
        sentence = doc.sentences[index]
        if sentence.paragraph <= _DATELINE_PARAGRAPHS and mention.start < sentence.start + dateline_end(sentence.text):
            doc.datelines.append(mention)
        else:
            doc.places.setdefault(index, []).append(mention)


@component("actors")
def actors(doc: Doc, context: Context) -> None:
    for mention in find_actors(doc.text, context.theatre, doc.folded):
        doc.actors.setdefault(doc.sentence_at(mention.start), []).append(mention)


@component("dates")
def dates(doc: Doc, context: Context) -> None:
    """Resolved date expressions, except those inside quotation marks (a slogan's date). A
    report dated by nothing else is dated by the dates it writes out in full."""
    if doc.published is None:
        background: dict[int, bool] = {}  # asked once per sentence, however many dates it holds
        written = []
        for found in find_dates(doc.text, None, lowered=doc.lowered):
            at = doc.sentence_at(found.start)
            if at not in background:
                background[at] = is_background(doc.sentences[at], doc.lowered, context.theatre)
            if not background[at]:
                written.append(found)
        doc.published = implied_publication(written)
    heading = " ".join(s.text for s in doc.sentences if s.paragraph == 0)
    period = covered_period(heading, doc.published)
    if period is not None and doc.published is not None:
        doc.published = replace(doc.published, period=period)
    doc.dates = {s.index: [] for s in doc.sentences}
    marks = QuoteMarks(doc.text)
    for mention in find_dates(doc.text, doc.published, lowered=doc.lowered):
        at = doc.sentence_at(mention.start)
        if not marks.quoted(doc.sentences[at].start, mention.start):
            doc.dates[at].append(mention)


@component("triggers")
def triggers(doc: Doc, context: Context) -> None:
    """Words that report a happening, most specific first, without the hypothetical, negated
    or background ones."""
    found: dict[int, list] = {s.index: [] for s in doc.sentences}
    for trigger in find_triggers(doc.text, lowered=doc.lowered):
        found[doc.sentence_at(trigger.start)].append(trigger)
    doc.triggers = {s.index: live_triggers(s, most_specific_first(found[s.index]), doc.lowered, context.theatre)
                    for s in doc.sentences}
    doc.background = {s.index for s in doc.sentences if is_background(s, doc.lowered, context.theatre)}


@component("claims")
def claims(doc: Doc, context: Context) -> None:
    """Who says what, sentence by sentence ("he said" is the speaker before), and who speaks
    where the report quotes nobody. Stances are the next step's."""
    doc.speaker = outlet_speaker(doc.outlet, context.theatre)
    cued = {doc.sentence_at(offset) for offset in claim_cues(doc.lowered)}
    previous: FoundClaim | None = None
    earlier: list[FoundClaim] = []
    for sentence in doc.sentences:
        if sentence.index not in cued and sentence.text[:1] not in _QUOTES:
            doc.claims[sentence.index] = []
            continue
        found = [same_speaker(c, earlier) if plausible_source(c.source) else _unattributed(c, doc)
                 for c in find_claims(doc.text, sentence.start, sentence.end, context.theatre, previous, doc.lowered,
                                      cued=sentence.index in cued)]
        doc.claims[sentence.index] = found
        earlier.extend(found)
        previous = found[-1] if found else previous


def _unattributed(claim: FoundClaim, doc: Doc) -> FoundClaim:
    """A claim whose would-be source is no one ("have so far said"): the report's own words."""
    name, kind, affiliation = doc.speaker
    return replace(claim, source=name, source_start=claim.quote_start, source_end=claim.quote_start, kind=kind,
                   affiliation=affiliation)


@component("stance.rules")
def stance_by_rules(doc: Doc, context: Context) -> None:
    """Denials by their words (the stance lexicon)."""
    for found in doc.claims.values():
        for claim in found:
            claim.stance = rule_stance(claim, doc.lowered)


@component("stance.learned")
def stance_learned(doc: Doc, context: Context) -> None:
    """Denials as the model in `weights` (trained by scripts/train.py) decides them."""
    model = load_model(context.path("weights"))
    for found in doc.claims.values():
        for claim in found:
            claim.stance = learned_stance(claim, doc.lowered, model)


@component("parse")
def parse_sentences(doc: Doc, context: Context) -> None:
    """A dependency parse of each sentence that tells a happening (roles, and what its dates
    modify, are read from it); a report with none is never parsed. The budget bounds the time
    a huge report can take: past `max_sentences` (news tells what matters first), and for a
    sentence over `max_chars` (no sentence a parser can read), the rules decide alone."""
    limit = int(context.settings.get("max_sentences", 200))
    longest = int(context.settings.get("max_chars", 1000))
    uncounted = {index for index, figures in doc.deaths.items() if not figures}  # deaths with no number yet
    wanted = [s for s in doc.sentences
              if (doc.triggers.get(s.index) or s.index in uncounted) and len(s.text) <= longest][:limit]
    model = str(context.settings.get("model", DEFAULT_MODEL))
    for sentence, parsed in zip(wanted, parse([s.text for s in wanted], model)):
        doc.parses[sentence.index] = parsed


@component("deaths")
def deaths(doc: Doc, context: Context) -> None:
    """Death figures of every sentence that speaks of death at all ("killing 16", "the toll
    rose to 53"); a sentence whose dead no number counts has an empty list, for `victims`."""
    for index in sorted({doc.sentence_at(offset) for offset in death_cues(doc.lowered)}):
        sentence = doc.sentences[index]
        doc.deaths[index] = find_deaths(doc.text, sentence.start, sentence.end, doc.lowered)


@component("victims")
def named_victims(doc: Doc, context: Context) -> None:
    """Where no number counts the dead, the dead a death verb names in the parse ("gunmen
    killed a teacher": one; "the judge and his driver were shot dead": two)."""
    verbs = context.lexicon.table("happening")["death_verbs"]
    particles = context.lexicon.table("happening")["death_particles"]
    for index, figures in doc.deaths.items():
        if figures or index not in doc.parses:
            continue
        named = victims(doc.parses[index], verbs, particles)
        if named is not None:
            start = doc.sentences[index].start
            doc.deaths[index] = [DeathFigure(named[0], start + named[1], start + named[2], named=True)]


@component("events")
def events(doc: Doc, context: Context) -> None:
    doc.events = assemble_events(doc, context.theatre)
