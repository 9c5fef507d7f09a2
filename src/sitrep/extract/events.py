"""Sentence-level signals → report-level Events: one per happening, each field with its span.

A happening is a trigger (what), anchored to the places its sentence names (where). The
annotation guide's rule decides what is one event: a distinct place, date or type is a
distinct event, so a sentence about fighting "in Khwahan and Shighnan districts" gives two,
and a later sentence about "the fighting in Khwahan" adds to the first. Sentences without a
place join the event they continue. Background ("since 2021", "decades of war"), threats and
forecasts ("the Taliban warned they would …") make no events.

Then each event is filled from its own sentences: actors by the roles the event type gives
them, the date from the most specific expression, deaths by ACLED's most conservative
figure, and every attributed claim about it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sitrep.extract.attribution import quote_bounds
from sitrep.extract.dates import DateMention, Publication
from sitrep.extract.fatalities import DeathFigure
from sitrep.extract.sentences import Sentence, dateline_end
from sitrep.extract.syntax import governor, role_tokens, token_at, within
from sitrep.extract.triggers import (
    BATTLES,
    EXPLOSIONS,
    PROTESTS,
    STRATEGIC,
    VIOLENCE,
    Trigger,
)
from sitrep.lexicons import load_lexicon
from sitrep.models import Claim, Doc, Event, FatalityClaim, Source, Span, Stance
from sitrep.theatre import Theatre
from sitrep.theatre.actors import ActorMention
from sitrep.theatre.geocode import PlaceMention

UNIDENTIFIED = "Unidentified Armed Group (Afghanistan)"
CIVILIANS = "Civilians (Afghanistan)"
PROTESTERS = "Protesters (Afghanistan)"

_TALIBAN_TARGET = re.compile(r"\b(?:Taliban|police|security|checkpoint|governor|official|convoy|patrol|"
                             r"vehicle|intelligence|commander|fighters|forces|soldiers|troops)\b", re.I)
_RESPONSIBILITY = re.compile(r"[^.;]{0,25}?\b(?:claimed|claims|claiming|took|takes|taking) responsibility\b", re.I)
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)?\b|\bresponsib(?:le|ility)\b|\battributed to\b|\b(?:was|were) behind\b|"
                      r"\bcarried out (?:the|this|that) (?:attack|bombing|blast|explosion)", re.I)
_ATTACKER_VERB = re.compile(r"^\s*(?:(?:said|says|claimed|claims)(?: that)? (?:its|their|it|they) )?(?:forces|fighters|militants|members|"
                            r"commandos|troops|men|gunmen)?\s*(?:have |had )?(?:reportedly |allegedly |then |also )?"
                            r"(?:attacked|ambushed|launched|stormed|raided|assaulted|targeted|struck|captured|seized|overran|"
                            r"fired|opened fire|killed|shot|gunned down|stabbed|abducted|kidnapped|executed|beat|repelled|"
                            r"pushed back)\b"
                            r"|^(?:[’']s)?\s*(?:attacks?|assaults?|ambush(?:es)?|raids?|offensive) (?:on|against)\b", re.I)
# "5 Taliban killed in ambush": counted, they are the dead, not the attackers
_COUNTED = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|several|scores)(?: more)?\s+$",
                      re.I)
_FAMILY_OF = {BATTLES: "battle", EXPLOSIONS: "explosion", VIOLENCE: "violence", PROTESTS: "protest",
              STRATEGIC: "strategic", "Riots": "protest"}


@dataclass(slots=True)
class _Draft:
    trigger: Trigger
    family: str
    place: PlaceMention | None
    sentences: list[int] = field(default_factory=list)
    days: set[date] = field(default_factory=set)  # exact days its trigger sentences give

    def add(self, index: int) -> None:
        if not self.sentences or self.sentences[-1] != index:
            self.sentences.append(index)

    @property
    def province(self) -> str | None:
        return self.place.admin1 if self.place else None

    @property
    def district(self) -> str | None:
        return self.place.admin2 if self.place and self.place.geo_precision < 3 else None


def assemble_events(doc: Doc, theatre: Theatre) -> list[Event]:
    """The events a report describes, in the order it first describes them, from the layers
    the earlier components wrote on `doc`."""
    drafts = _drafts(doc)
    _place_placeless(drafts, doc)
    for draft in drafts:  # "fighting in Baghlan … the clashes in Andarab district": the district it names
        _refine_place(draft, [p for i in draft.sentences for p in doc.places.get(i, [])])
    return [_event(draft, drafts, doc, doc.published, theatre, doc.sha256) for draft in drafts]


_CONTINUATION = 4  # sentences after an event's last trigger that still tell its story
_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|outside|inside|across|around|into|on|of the|within|"
                       r"outskirts of|vicinity of|parts of|centre of|center of|city of|capital of|district of|"
                       r"province of|area of|village of|town of|areas of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$)|"
                       r"[’']s\s+$")
_INSTITUTION = re.compile(r"\b(?:government|authorities|regime|rulers|administration|embassy|ministry|officials?|"
                          r"spokes(?:man|woman|person)|governor|chief|head|director|leaders?|based|talks|"
                          r"meeting|conference)\s+(?:in|of|at|from|for)\s+(?:the\s+)?$|"
                          # a point of reference ("the valley, north of Kabul"), a career ("served in")
                          r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+(?:the\s+)?$|"
                          r"\b(?:commanded|served|worked|studied|lived|born|raised|trained|stationed)\b(?:\s+[\w'’-]+){0,4}\s+(?:in|at)\s+(?:the\s+)?$|"
                          # where someone comes from ("a young man from X")
                          r"\b(?:man|woman|boy|girl|men|women|resident|residents|native|natives|people|family|families|"
                          r"originally|hails?|hailing)\s+from\s+(?:the\s+)?$|"
                          r"\b(?:visit(?:s|ed|ing|ors?)?|trip|travel(?:s|led|ed|ling|ing)?|arriv(?:ed|ing)|came|coming|return(?:ed|ing)|"
                          r"fled|fleeing|moved|flew)\b(?:\s+[\w'’-]+){0,5}\s+$")
_LISTED = re.compile(r"^\s*(?:,|and|&|or|, and|, &)\s*$")
_REPORTING = re.compile(r"\b(?:said|says|told|announced|stated|tweeted|tweet|statement|reported|added|claimed|posted|"
                        r"issued|wrote|confirmed|post|video|published|released)\b(?![^.;]*\bthat\b)[^.;]{0,20}$")
_REPORTED_AFTER = re.compile(r"^[^.;,]{0,12}\b(?:said|told|announced|stated|reported|dismissed|denied|rejected|claimed|confirmed)\b")
# A dateline without its dash ("KABUL, Dec 27 (Reuters) Taliban fighters…"): where it ends is unknown.
_UNENDED_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,}(?:,|\s*\()")
_PASSIVE_AGENT = re.compile(r"\b(?:carried out|launched|conducted|staged|mounted|claimed|perpetrated|killed|shot(?: dead)?|"
                            r"gunned down|murdered|assassinated|attacked|abducted|kidnapped|stabbed|executed|beaten)\s+"
                            r"by\s+(?:the\s+)?$|\bfell\s+(?:in)?to\s+(?:the\s+hands\s+of\s+)?(?:the\s+)?$", re.I)
_BACKGROUND_NEAR = re.compile(r"\b(?:recent|earlier|previous|past|former|then|prior)\b(?:\s+[\w'’-]+){0,3}\s*$")


def _drafts(reading: Doc) -> list[_Draft]:
    drafts: list[_Draft] = []
    last: _Draft | None = None
    last_trigger_sentence = -1
    waiting: list[int] = []  # headline and lead sentences before the first event
    for sentence in reading.sentences:
        triggers = reading.triggers[sentence.index]
        if not triggers:
            if last is None:
                waiting.append(sentence.index)
            elif sentence.index - last_trigger_sentence <= _CONTINUATION and sentence.index not in reading.background:
                # the story goes on (deaths, claims, actors): about the event whose province it names
                places = reading.places.get(sentence.index, [])
                about = next((d for d in reversed(drafts) for p in places if d.province == p.admin1), last)
                about.add(sentence.index)
                _refine_place(about, places)
            continue
        trigger = _against_protest(triggers, reading, sentence.index)  # the most specific one
        family = _FAMILY_OF[trigger.event_type]
        anchors = _anchors(reading.places.get(sentence.index, []), reading.lowered)
        day = _day(reading.dates.get(sentence.index, []), reading)
        days = (day, day) if day else _week(reading.dates.get(sentence.index, []), reading)
        # "Meanwhile, …", "In a separate incident, …": not the story just told
        separate = bool(_SEPARATE.match(sentence.text))
        for place in anchors or [None]:
            draft = _merge_target(drafts, family, place, None if separate else last, days, weak=trigger.weak or trigger.generic,
                                  continuing=not separate and sentence.index - last_trigger_sentence <= _CONTINUATION)
            if draft is None:
                draft = _Draft(trigger, family, place)
                drafts.append(draft)
            elif place is not None and (draft.place is None or _more_specific(place, draft.place)):
                draft.place = place
            if trigger.rank < draft.trigger.rank and draft.family == family and place is not None:
                draft.trigger = trigger  # a more specific account of the same event, at its place
            elif draft.trigger.generic and not trigger.generic and family in _VIOLENT:
                draft.trigger, draft.family = trigger, family  # deaths told first, then what killed them
            # what the story goes on to tell it became, whatever the sentence names
            became = next((t for t in triggers if t.rank < draft.trigger.rank and _escalates(draft.trigger, t)
                           and (t.event_type == PROTESTS or _FAMILY_OF[trigger.event_type] == _FAMILY_OF[t.event_type])),
                          None)  # a killing told in a bomb's sentence is the bomb's, not the detainee's
            if became is not None:
                draft.trigger, draft.family = became, _FAMILY_OF[became.event_type]
            draft.add(sentence.index)
            if day is not None:
                draft.days.add(day)
            last = draft
        last_trigger_sentence = sentence.index
        if waiting and drafts:
            drafts[0].sentences[:0] = waiting
            # the day the lead gives is the first event's ("targeted on Tuesday … the blast")
            drafts[0].days.update(day for i in waiting if (day := _day(reading.dates.get(i, []), reading)))
            waiting = []
        for act in _distinct_acts(triggers, last):
            for place in anchors or [None]:
                told = _act_draft(drafts, act, place, days)
                for index in [*last.sentences, sentence.index]:  # the story so far says who did it
                    told.add(index)
    for draft in drafts:
        draft.sentences = sorted(set(draft.sentences))
    return _drop_background(_absorb_weak(drafts), reading)


_DISTINCT_ACTS = load_lexicon("en").words("triggers", "distinct_acts")


def _distinct_acts(triggers: list[Trigger], told: _Draft | None) -> list[Trigger]:
    """Other acts the sentence tells beside its main one, each an event of its own ("killed a
    shepherd, took six men away and burned four houses": an attack, an abduction and the
    destruction of property), one per kind — except beside a blast or a strike, whose damage
    is its own."""
    if told is None or told.family == "explosion":
        return []  # what a blast or a strike destroys is part of it
    seen = {told.trigger.sub_event_type}
    acts = []
    for trigger in triggers:
        if trigger.sub_event_type in _DISTINCT_ACTS and trigger.sub_event_type not in seen and not trigger.weak:
            seen.add(trigger.sub_event_type)
            acts.append(trigger)
    return acts


def _act_draft(drafts: list[_Draft], act: Trigger, place: PlaceMention | None, days: tuple[date, date] | None) -> _Draft:
    """The event of this kind already told at this place, or a new one."""
    for draft in reversed(drafts):
        if draft.trigger.sub_event_type == act.sub_event_type and _same_day(draft, days) and (
                place is None or draft.province in (None, place.admin1)):
            return draft
    draft = _Draft(act, _FAMILY_OF[act.event_type], place)
    drafts.append(draft)
    return draft


def _absorb_weak(drafts: list[_Draft]) -> list[_Draft]:
    """An event started by a generic word ('an assault in Takhar') that turns out to be told
    more precisely elsewhere in the same province is that event."""
    kept = []
    for draft in drafts:
        host = next((d for d in drafts if d is not draft and not d.trigger.weak and d.province == draft.province
                     and (draft.district is None or d.district in (None, draft.district))), None)
        if draft.trigger.weak and host is not None:
            host.sentences = sorted(set(host.sentences) | set(draft.sentences))
        else:
            kept.append(draft)
    return kept


def _drop_background(drafts: list[_Draft], reading: Doc) -> list[_Draft]:
    """A later event with no date of its own, recalled as 'the recent bombing' or 'an earlier
    attack', is background, not news."""
    lead = set(_lead(reading))
    kept = []
    for index, draft in enumerate(drafts):
        triggered = [i for i in draft.sentences if reading.triggers.get(i)]
        dated = any(reading.dates.get(i) for i in triggered)
        recalled = _BACKGROUND_NEAR.search(reading.lowered[max(0, draft.trigger.start - 40) : draft.trigger.start])
        if index > 0 and not dated and recalled and not lead.intersection(triggered):
            continue
        kept.append(draft)
    return kept


def _day(dates: list[DateMention], doc: Doc) -> date | None:
    exact = [d for d in dates if d.precision == 1 and not _reporting_date(d, doc)]
    return exact[0].value if exact else None


def _week(dates: list[DateMention], doc: Doc) -> tuple[date, date] | None:
    """The days a "last week" or "this week" can be about (its date is the week's reference
    day: publication, or a week before it)."""
    weekly = [d for d in dates if d.precision == 2 and not _reporting_date(d, doc)]
    return (weekly[0].value - timedelta(days=6), weekly[0].value + timedelta(days=3)) if weekly else None


def _reporting_date(mention: DateMention, doc: Doc) -> bool:
    """'the front said on Friday', 'a statement released on Monday': when it was said, not
    done. The parse decides when the sentence has one: the date modifies a reporting noun, or
    a reporting verb, unless it comes before the one who speaks ("On Friday, residents
    reported a blast" dates the blast); else the words around it decide."""
    index = doc.sentence_at(mention.start)
    parsed = doc.parses.get(index)
    if parsed is not None:
        start = doc.sentences[index].start
        head = governor(parsed, mention.start - start, mention.end - start)
        if head is not None:
            if head.lower_ not in _SPEECH_WORDS:
                return False
            speaker = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return head.pos_ == "NOUN" or speaker is None or mention.start - start > speaker.left_edge.idx
    text = doc.lowered
    return bool(_REPORTING.search(text[max(0, mention.start - 30) : mention.start])
                or _REPORTED_AFTER.match(text[mention.end : mention.end + 20]))


def _refine_place(draft: _Draft, places: list[PlaceMention]) -> None:
    """'Three people in Takhar were flogged … in Takhar's Chah Ab district': the later, more
    precise place inside the same province is where it happened."""
    for place in places:
        if draft.place is not None and place.admin1 == draft.place.admin1 and draft.district is None \
                and place.geo_precision < draft.place.geo_precision:
            draft.place = place


def _anchors(places: list[PlaceMention], text: str) -> list[PlaceMention]:  # text: lowered
    """Places where the sentence puts the happening, one per district (or per province named
    without a district). 'in X', 'near X', "X's … district" count; the seat of a government,
    an official's title ('governor of Balkh') or a dateline do not."""
    located: list[PlaceMention] = []
    places = _not_route_ends(places, text)
    for place in places:
        before = text[max(0, place.start - 50) : place.start]
        listed = bool(located) and _LISTED.match(text[located[-1].end : place.start])
        if not listed and (_INSTITUTION.search(before) or not _LOCATIVE.search(before)):
            after = text[place.end : place.end + 20].lower()
            if not after.startswith(("'s", "’s", " district", " province", " city", " valley")) or _INSTITUTION.search(before):
                continue
        located.append(place)
    by_unit: dict[tuple[str | None, str | None], PlaceMention] = {}
    for place in located:
        key = (place.admin1, place.admin2 if place.geo_precision < 3 else None)
        if key not in by_unit or _more_specific(place, by_unit[key]):
            by_unit[key] = place
    provinces_with_district = {k[0] for k in by_unit if k[1]}
    return [p for (province, district), p in by_unit.items() if district or province not in provinces_with_district]


def _not_route_ends(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    """'on the road between Banu and Deh Salah in Andarab': the ends of a route locate the
    event only when nothing else in the sentence does."""
    ends = set()
    for left, right in zip(places, places[1:]):
        if re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, left.start - 20) : left.start]) and \
                re.fullmatch(r"\s+and\s+", text[left.end : right.start]):
            ends.update((left.start, right.start))
    rest = [p for p in places if p.start not in ends]
    return rest if rest else places


def _more_specific(new: PlaceMention, old: PlaceMention) -> bool:
    return (new.geo_precision, -new.confidence) < (old.geo_precision, -old.confidence)


_SEPARATE = re.compile(r"\W*(?:meanwhile|separately|elsewhere|in (?:a |another )?(?:separate|different|another|unrelated) "
                       r"(?:incident|attack|development|case))\b", re.I)
_VIOLENT = frozenset(("battle", "explosion", "violence"))
_NOT_ARMED = frozenset(("Abduction/forced disappearance", "Sexual violence"))


_LETHAL_FORCE = "Excessive force against protesters"


def _against_protest(triggers: list[Trigger], doc: Doc, index: int) -> Trigger:
    """The sentence's most specific trigger; but an attack on people the parse says were
    protesting ("fired on villagers who had gathered to protest") is the protest put down."""
    first = triggers[0]
    parsed = doc.parses.get(index)
    if first.sub_event_type != "Attack" or parsed is None:
        return first
    start = doc.sentences[index].start
    attack = token_at(parsed, first.start - start, first.end - start)
    _, victims = role_tokens(parsed, attack, _SPEECH_WORDS) if attack is not None else ([], [])
    protests = [(t.start - start, t.end - start) for t in triggers if t.event_type == PROTESTS]
    if victims and within(victims, protests):
        return replace(first, event_type=PROTESTS, sub_event_type="Protest with intervention", generic=False)
    return first


def _escalates(told: Trigger, later: Trigger) -> bool:
    """What a happening turns out to be as its story goes on: a protest met with force ("the
    fighters broke up the rally"), an arrest after which the person is not seen again ("no
    information about where she is") — a forced disappearance, by the annotation guide — or
    an arrest after which the person is killed."""
    if told.event_type == later.event_type == PROTESTS:
        return True
    # … or killed after being detained: violence against a captive, by the guide
    return told.sub_event_type == "Arrests" and later.sub_event_type in ("Abduction/forced disappearance", "Attack")


def _merge_target(drafts: list[_Draft], family: str, place: PlaceMention | None, last: _Draft | None,
                  days: tuple[date, date] | None, weak: bool, continuing: bool) -> _Draft | None:
    """The event this sentence continues, if any: same kind of violence at a compatible place
    on a compatible day (`days`: the first and last the sentence can be about). A weak trigger
    ('the attack') joins whatever event is at its place."""
    if weak:  # ...an armed attack: "a Taliban offensive" is no part of an arrest, an abduction or a protest
        district = place.admin2 if place is not None and place.geo_precision < 3 else None
        nearby = [d for d in drafts if d.family in _VIOLENT and d.trigger.sub_event_type not in _NOT_ARMED and (
            place is None or d.province is None or (
                d.province == place.admin1 and (district is None or d.district in (None, district))))]
        if nearby:
            return nearby[-1]
    same_family = [d for d in drafts if d.family == family and _same_day(d, days)]
    if place is None:
        # A placeless account goes on with the event just told ("the AFF also called it an
        # ambush") -- except violence against others at a protest, which is a happening of its own.
        # An account of another kind goes on with an event of its own kind told earlier, if any.
        joins = last is not None and (last.family == family or (
            continuing and not same_family and (last.family, family) != ("protest", "violence")))
        if joins and _same_day(last, days):
            return last
        return same_family[-1] if same_family else None
    district = place.admin2 if place.geo_precision < 3 else None
    for draft in reversed(same_family):
        if draft.province is None:
            return draft
        if draft.province != place.admin1:
            continue
        if district is None or draft.district is None or draft.district == district:
            return draft
    return None


def _same_day(draft: _Draft, days: tuple[date, date] | None) -> bool:
    return days is None or not draft.days or any(days[0] <= day <= days[1] for day in draft.days)


def _place_placeless(drafts: list[_Draft], reading: Doc) -> None:
    """A report that never says where puts its events where its lead (or most text) is."""
    everything = [p for index in sorted(reading.places) for p in reading.places[index]] or reading.datelines
    if not everything:
        return
    lead = [p for p in everything if reading.sentences[reading.sentence_at(p.start)].paragraph <= 1]
    counts: dict[str | None, int] = {}
    for place in everything:
        counts[place.admin1] = counts.get(place.admin1, 0) + 1
    default = (lead or sorted(everything, key=lambda p: -counts[p.admin1]))[0]
    for draft in drafts:
        if draft.place is None:
            near = [p for i in draft.sentences for j in (i - 1, i + 1) for p in reading.places.get(j, [])]
            draft.place = near[0] if near else default


# -- filling an event -----------------------------------------------------------------------


def _event(draft: _Draft, drafts: list[_Draft], reading: Doc, published: Publication | None,
           theatre: Theatre, document_sha256: str) -> Event:
    trigger = draft.trigger
    if trigger.generic and _fighters_died(draft, reading):
        # "four Taliban fighters were killed": the dead are fighters, so it was fighting
        draft.trigger = trigger = replace(trigger, event_type=BATTLES, sub_event_type="Armed clash")
        draft.family = "battle"
    event_type, sub_event_type = trigger.event_type, trigger.sub_event_type
    spans = {"event_type": Span(trigger.start, trigger.end), "sub_event_type": Span(trigger.start, trigger.end)}
    actor1, actor2 = _actors(draft, reading, theatre, spans)
    if actor1 is None and draft.family == "battle":
        # "heavy fighting went on in Khost-wa-Firing as well": between the sides the report names
        others = sorted((d for d in drafts if d is not draft and d.family == "battle"),
                        key=lambda d: abs(d.sentences[0] - draft.sentences[0]))
        for other in others:
            actor1, actor2 = _actors(other, reading, theatre, spans)
            if actor1 is not None:
                break
    if sub_event_type in _TERRITORY and actor1 in theatre.actors:
        # who took it decides the sub-type: the state regains territory, anyone else overtakes it
        sub_event_type = _TERRITORY[0] if theatre.actors[actor1].inter_code == 1 else _TERRITORY[1]
    when = _date(draft, reading, published, spans, drafts)
    place = draft.place
    if place is not None:
        for key in ("admin1", "admin2", "location", "latitude", "longitude", "geo_precision"):
            spans[key] = Span(place.start, place.end)
    claims, figures = _claims_and_deaths(draft, drafts, reading)
    if sub_event_type == "Protest with intervention" and any(f.number > 0 for _, f in figures):
        sub_event_type = _LETHAL_FORCE  # a protest met with killing: ACLED's excessive force
    fatalities = _fatalities(figures, sub_event_type, trigger, spans)
    event = Event(
        document_sha256=document_sha256,
        event_type=event_type,
        sub_event_type=sub_event_type,
        event_date=when.value if when else (published.default[0] if published else None),
        time_precision=when.precision if when else (published.default[1] if published else None),
        actor1=actor1,
        actor2=actor2,
        inter1=theatre.actors[actor1].inter_code if actor1 in theatre.actors else None,
        inter2=theatre.actors[actor2].inter_code if actor2 in theatre.actors else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=place.location if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else None,
        fatalities=fatalities,
        fatality_claims=[FatalityClaim(source, figure.number, Span(figure.start, figure.end)) for source, figure in figures],
        claims=claims,
        spans=spans,
    )
    event.confidence = _confidence(event, place, when)
    event.notes = _notes(event)
    return event


_PRONOUN_SUBJECT = re.compile(r"\W*(?:they|he|she|the (?:fighters|gunmen|attackers|men|forces))\b", re.I)


def _actors(draft: _Draft, reading: Doc, theatre: Theatre, spans: dict[str, Span]) -> tuple[str | None, str | None]:
    mentions = [m for i in draft.sentences for m in reading.actors.get(i, [])]
    primary = [m for m in reading.actors.get(draft.sentences[0], [])]
    armed = [m for m in primary + mentions if m.actor.inter_code in _ARMED]
    if not armed:  # "They then beat the reporters": they are the ones just named
        told = reading.sentence_at(draft.trigger.start)
        if told > 0 and _PRONOUN_SUBJECT.match(reading.sentences[told].text):
            armed = [m for m in reading.actors.get(told - 1, []) if m.actor.inter_code in _ARMED]
    victims = [m for m in primary + mentions if m.actor.inter_code in (6, 7) and m.actor.name != PROTESTERS]
    state = next((a.name for a in theatre.actors.values() if a.inter_code == 1), None)
    text = reading.text
    family = draft.family

    def first(candidates, exclude=()):
        for mention in candidates:
            if mention.actor.name not in exclude:
                return mention
        return None

    # a group that claims the attack is its author ("the AFF claimed responsibility")
    claimant = next((m for m in armed if m.actor.name not in (state, UNIDENTIFIED)
                     and _RESPONSIBILITY.match(text, m.end, m.end + 60)), None)
    did, suffered = _parsed_roles(draft, reading)
    did_armed = [m for m in did if m.actor.inter_code in _ARMED]
    if family == "battle":
        attacker = first(did_armed) or _told_as_doer(armed, text)
        unnamed = attacker is not None and attacker.actor.name == UNIDENTIFIED
        if claimant and (attacker is None or unnamed):
            attacker = claimant  # "gunmen attacked …; the front claimed it": the gunmen were the front's
        one = attacker or first([m for m in armed if m.actor.name == state]) or first(armed)
        exclude = {one.actor.name, *([UNIDENTIFIED] if unnamed else [])} if one else set()
        two = first([m for m in suffered if m.actor.inter_code in _ARMED], exclude) or first(did_armed, exclude) \
            or first(armed, exclude)
        if one and two is None and one.actor.name != state and state:
            return _named(spans, one, "actor1"), state
        return _named(spans, one, "actor1"), _named(spans, two, "actor2")
    if family == "explosion":
        claimant = next((m for m in armed if m.actor.name != state and (
            _CLAIMED.search(text[max(0, m.start - 40) : m.end + 80]) or m.actor.inter_code == 8
            or draft.trigger.sub_event_type == "Air/drone strike")), None)
        claimant = claimant or first(did_armed) or _told_as_doer([m for m in armed if m.actor.name != state], text)
        counted = [m for m in _counted(draft, reading) if claimant is None or m.actor.name != claimant.actor.name]
        struck = counted or [m for m in primary if m.actor.inter_code in (6, 7) and m.actor.name != PROTESTERS]
        if struck:
            return (_named(spans, claimant, "actor1") if claimant else UNIDENTIFIED), _named(spans, struck[0], "actor2")
        # what it hit, said near it ("hit a police pickup") — not its authors ("the border
        # troops fired") nor those who speak of it ("provincial officials confirmed")
        near = range(max(0, draft.trigger.start - 80), draft.trigger.end + 80)
        others = [(m.start, m.end + 1) for m in armed if m.start in near and m.actor.name != state]
        others += [(c.source_start, c.source_end) for i in draft.sentences for c in reading.claims.get(i, [])]
        hit = any(not any(start <= word.start() <= end for start, end in others)
                  for word in _TALIBAN_TARGET.finditer(text, near.start, near.stop))
        target = state if hit else CIVILIANS
        return (_named(spans, claimant, "actor1") if claimant else UNIDENTIFIED), target
    if family == "violence":
        perpetrator = claimant or first(did_armed) or _told_as_doer(armed, text) \
            or first([m for m in armed if m.actor.name == state]) or first(armed)
        victim = first([m for m in suffered if m.actor.inter_code in (6, 7)]) or first(victims) or first(
            [m for m in suffered + _counted(draft, reading) if m.actor.inter_code in _ARMED
             and (perpetrator is None or m.actor.name != perpetrator.actor.name)])
        one = _named(spans, perpetrator, "actor1") if perpetrator else UNIDENTIFIED
        return one, (_named(spans, victim, "actor2") if victim else CIVILIANS)
    if family == "protest":
        crowd = next((m for m in mentions if m.actor.name == PROTESTERS), None)
        if crowd:
            spans["actor1"] = Span(crowd.start, crowd.end)
        intervening = draft.trigger.sub_event_type != "Peaceful protest"
        return PROTESTERS, (state if intervening else None)
    if draft.trigger.sub_event_type == "Arrests":
        victim = first(victims) or first([m for m in armed if m.actor.name != state])
        return state, (_named(spans, victim, "actor2") if victim else CIVILIANS)
    if draft.trigger.sub_event_type == "Looting/property destruction":  # whose property: civilians' unless named
        one = first(did_armed) or first(armed)
        return _named(spans, one, "actor1"), (_named(spans, victims[0], "actor2") if victims else CIVILIANS)
    one = first(armed)
    return _named(spans, one, "actor1"), None


def _told_as_doer(mentions: list[ActorMention], text: str) -> ActorMention | None:
    """The first actor the words put as the one who did it: "unknown gunmen shot …", "killed by
    the Taliban" — not one counted among the dead ("5 Taliban killed")."""
    return next((m for m in mentions if (_ATTACKER_VERB.match(text[m.end : m.end + 40])
                                         and not _COUNTED.search(text[max(0, m.start - 20) : m.start]))
                 or _PASSIVE_AGENT.search(text[max(0, m.start - 40) : m.start])), None)


_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
_ARMED = frozenset((1, 2, 3, 8))  # ACLED's state forces, rebels, militias and external forces
_SPEECH_WORDS = load_lexicon("en").words("reporting", "speech_words")


def _counted(draft: _Draft, doc: Doc) -> list[ActorMention]:
    """The actors a death figure of the trigger's sentence counts: "killed two Taliban
    fighters" counts the Taliban's dead."""
    index = doc.sentence_at(draft.trigger.start)
    mentions = doc.actors.get(index, [])
    return [m for figure in doc.deaths.get(index, []) for m in mentions if figure.end <= m.start <= figure.end + _COUNT_REACH]


_COUNT_REACH = 12  # characters between a number and the group it counts ("two senior Taliban")


def _fighters_died(draft: _Draft, doc: Doc) -> bool:
    """Whether the sentence that tells of deaths without their kind names only armed actors
    (fighters, forces, soldiers), and no civilians, journalists or protesters."""
    mentions = doc.actors.get(doc.sentence_at(draft.trigger.start), [])
    return bool(mentions) and all(m.actor.inter_code in _ARMED and m.actor.name != UNIDENTIFIED for m in mentions)


def _is_title(doc: Doc, index: int) -> bool:
    """The report's first line, standing alone above its body without a full stop."""
    return index == 0 and len(doc.sentences) > 1 and doc.sentences[1].paragraph > 0 \
        and not doc.sentences[0].text.endswith((".", "!", "?", '"', "”"))


def _parsed_roles(draft: _Draft, doc: Doc) -> tuple[list[ActorMention], list[ActorMention]]:
    """The actors the parse of the trigger's sentence puts in the roles of doer and sufferer
    of the happening (syntax.py); nothing when that sentence was not parsed, or is the title
    (headlines drop the words a parser needs: "5 Taliban killed in pass ambush")."""
    index = doc.sentence_at(draft.trigger.start)
    parsed = doc.parses.get(index)
    mentions = doc.actors.get(index, [])
    if parsed is None or not mentions or _is_title(doc, index):
        return [], []
    start = doc.sentences[index].start
    trigger = token_at(parsed, draft.trigger.start - start, draft.trigger.end - start)
    if trigger is None:
        return [], []
    doers, sufferers = role_tokens(parsed, trigger, _SPEECH_WORDS)
    offsets = [(m.start - start, m.end - start) for m in mentions]
    did = [mentions[i] for i in within(doers, offsets)
           if not _COUNTED.search(doc.text[max(0, mentions[i].start - 20) : mentions[i].start])]  # counted: the dead
    suffered = [mentions[i] for i in within(sufferers, offsets) if mentions[i] not in did]
    return did, suffered


def _named(spans: dict[str, Span], mention: ActorMention | None, key: str) -> str | None:
    if mention is None:
        return None
    spans[key] = Span(mention.start, mention.end)
    return mention.actor.name


def _date(draft: _Draft, reading: Doc, published: Publication | None, spans: dict[str, Span],
          drafts: list[_Draft]) -> DateMention | None:
    """A date given against the event told before it ("the night before"); else the most
    specific date its own sentences give; else when they say it was reported (it
    happened by then: "the group said on Friday it bombed a bridge in Kunar"), to the week;
    else the lead's; never a future one. A sentence that does not tell of the event itself
    dates it only when the date is recent: a months-old one there is history ("back in March
    the governor had been replaced")."""
    relative = _against_the_event_before(draft, reading, published, drafts)
    if relative is not None:
        spans["event_date"] = Span(relative.start, relative.end)
        return relative
    triggered = [i for i in draft.sentences if reading.triggers.get(i)]
    opening = [s.index for s in reading.sentences[:8]]
    placed = [reading.sentence_at(draft.place.start)] if draft.place else []
    placed = [i for i in placed if i in draft.sentences]  # not a place lent by the lead (_place_placeless)
    recent = published.latest - _RECENT if published else date.min
    # (sentences, whether only dates of when it was reported count, whether they may be history)
    groups = ((placed, False, False), (triggered[:1], False, False), (triggered, False, False),
              (draft.sentences, False, True), (triggered, True, False), (opening, False, True))
    for sentences, reported, loose in groups:
        mentions = [d for i in sentences if i not in reading.background for d in reading.dates.get(i, [])
                    if (not published or d.value <= published.latest)
                    and _reporting_date(d, reading) == reported
                    and not _in_dateline(d, reading.sentences[i])
                    and not (loose and d.value < recent and i not in triggered)]
        if mentions:
            best = min(mentions, key=lambda d: (d.precision, not _explicit(d), d.start))
            spans["event_date"] = Span(best.start, best.end)
            if reported:
                return DateMention(best.value, max(best.precision, 2), best.start, best.end, best.text)
            return best
    return None


def _against_the_event_before(draft: _Draft, reading: Doc, published: Publication | None,
                drafts: list[_Draft]) -> DateMention | None:
    """A date given against the event told just before: "The night before, …", "Two days
    earlier, …", "three weeks later", "It happened a week after [this one]" (an event named
    after "after" came first). Only from the exact day of that event."""
    first = reading.sentences[reading.sentence_at(draft.trigger.start)]
    said = _RELATIVE_DAY.search(reading.lowered, first.start, first.end)
    earlier = [d for d in drafts if d is not draft and d.sentences[0] < draft.sentences[0]]
    if said is None or not earlier:
        return None
    told = _date(earlier[-1], reading, published, {}, drafts)
    if told is None or told.precision != 1:
        return None
    if said["unit2"]:  # "two days earlier", "a week after"
        count = 1 if said["count"] in ("a", "one") else _COUNTS.get(said["count"]) or int(said["count"])
        days = count * (7 if said["unit2"].startswith("week") else 1)
        direction = said["direction2"]
    else:  # "the night before", "the previous day"
        days, direction = 1, "earlier"
    if direction == "after":  # "it happened a week after [this]": this came first; "[this] … after it": later
        direction = "earlier" if draft.trigger.start > said.end() else "later"
    shift = timedelta(days=days if direction == "later" else -days)
    precision = 1 if days < 7 else 2
    return DateMention(told.value + shift, precision, said.start(), said.end(), reading.text[said.start() : said.end()])


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_RELATIVE_DAY = re.compile(
    r"\b(?:the|a) (?:day|night) (?:before|earlier)\b|\bthe previous (?:day|night)\b"
    r"|\b(?P<count>a|one|two|three|four|five|six|seven|\d{1,2}) (?P<unit2>days?|weeks?) (?P<direction2>earlier|later|after)\b")
_RECENT = timedelta(days=45)
_ALSO_BEFORE = re.compile(r"\balso\s+$")  # "the blast also killed a guard"
_ALSO = re.compile(r"[^.;]{0,40}?\b(?:were|was|have been|had been)?\s*also\s+(?:been\s+)?(?:killed|died|dead|shot dead|"
                   r"lost their lives|martyred)\b")


def _in_dateline(mention: DateMention, sentence: Sentence) -> bool:
    """Whether the date is the dateline's. A dateline opens a report's body, after its title
    and perhaps a subtitle; "The group, ten days ago, said" further on only looks like one."""
    if sentence.paragraph > 2:
        return False
    news = dateline_end(sentence.text)
    if news == 0:  # the date there is the report's; what follows the dash is news
        news = len(sentence.text) if _UNENDED_DATELINE.match(sentence.text) else 0
    return mention.start < sentence.start + news


def _explicit(mention: DateMention) -> bool:
    return bool(re.search(r"\d", mention.text))


def _lead(reading: Doc) -> list[int]:
    return [s.index for s in reading.sentences if s.paragraph <= 1][:3]


def _claims_and_deaths(draft: _Draft, drafts: list[_Draft], reading: Doc) -> tuple[list[Claim], list[tuple[str, DeathFigure]]]:
    claims: list[Claim] = []
    figures: list[tuple[str, DeathFigure]] = []
    seen: set[tuple[int, int]] = set()
    owned = set(draft.sentences)
    # Denials and attributions about the same actors elsewhere in the report belong here too.
    for index in reading.denials:
        if index in owned:
            continue
        owner = min(drafts, key=lambda d: _distance(d.sentences, index))
        places = reading.places.get(index, [])
        concerns = owner.family == draft.family and (not places or any(  # the same province, and district if both name one
            p.admin1 == draft.province and (p.geo_precision == 3 or draft.district is None or p.admin2 == draft.district)
            for p in places))
        if owner is draft or concerns:
            owned.add(index)
    for index in sorted(owned):
        sentence = reading.sentences[index]
        found = reading.claims.get(index, [])
        for claim in found:
            if (claim.quote_start, claim.quote_end) in seen:
                continue
            seen.add((claim.quote_start, claim.quote_end))
            claims.append(Claim(
                source=Source(claim.source, claim.kind, claim.affiliation, Span(claim.source_start, claim.source_end)),
                stance=claim.stance, quote=claim.quote, quote_span=Span(claim.quote_start, claim.quote_end)))
        source = found[0].source if found else "the outlet"
        for figure in reading.deaths.get(index, []):
            if figures and (_ALSO.match(reading.lowered, figure.start)
                            or _ALSO_BEFORE.search(reading.lowered, max(0, figure.start - 12), figure.start)):
                # "a guard was also killed": more dead in the same account, not another count
                told_by, earlier = figures.pop()
                figures.append((told_by, DeathFigure(earlier.number + figure.number, earlier.start, figure.end,
                                                     earlier.vague or figure.vague, earlier.named and figure.named)))
            else:
                figures.append((source, figure))
        if not found and index in draft.sentences and (
                reading.triggers.get(index) or reading.dates.get(index) or reading.deaths.get(index, []) or reading.actors.get(index)):
            name, kind, affiliation = reading.speaker
            first, last = quote_bounds(sentence.text)
            claims.append(Claim(
                source=Source(name, kind, affiliation), stance=Stance.ASSERTS,
                quote=sentence.text[first:last], quote_span=Span(sentence.start + first, sentence.start + last)))
    return claims, figures


def _distance(sorted_indices: list[int], index: int) -> int:
    at = bisect.bisect_left(sorted_indices, index)
    near = sorted_indices[max(0, at - 1) : at + 1]
    return min(abs(index - i) for i in near) if near else 1 << 30


# Kinds of event that kill nobody by what they are (ACLED's codebook): a death told beside an
# arrest, a protest or a district changing hands is another event's, not theirs.
_DEATHLESS = frozenset(("Arrests", "Peaceful protest", "Protest with intervention", "Abduction/forced disappearance",
                        "Non-state actor overtakes territory", "Government regains territory", "Agreement",
                        "Change to group/activity", "Headquarters or base established", "Non-violent transfer of territory",
                        "Looting/property destruction", "Disrupted weapons use", "Other"))
_NON_LETHAL = load_lexicon("en").pattern("happening", "non_lethal", r"\b(?:{})", re.I)


def _fatalities(figures: list[tuple[str, DeathFigure]], sub_event_type: str, trigger: Trigger,
                spans: dict[str, Span]) -> int | None:
    if sub_event_type in _DEATHLESS:
        return None
    if not figures:
        # a flogging kills nobody unless the report says someone died
        return 0 if _NON_LETHAL.match(trigger.text) else None
    # The most conservative count; a vague one ("several bodies"), or dead named one by one
    # ("the governor was killed", who may not have died alone), only when nothing counts them.
    best = min(figures, key=lambda f: (f[1].vague or f[1].named, f[1].number))
    spans["fatalities"] = Span(best[1].start, best[1].end)
    return best[1].number


def _confidence(event: Event, place: PlaceMention | None, when: DateMention | None) -> float:
    score = 0.5
    score += 0.2 * (place.confidence if place else 0)
    score += 0.15 if when else 0
    score += 0.15 if event.actor1 else 0
    return round(min(score, 1.0), 2)


def _notes(event: Event) -> str:
    when = f"On {event.event_date.isoformat()}" if event.event_date else "On an unknown date"
    where = ", ".join(x for x in (event.location, event.admin1) if x) or "an unknown location"
    who = event.actor1 or "an unidentified actor"
    against = f" against {event.actor2}" if event.actor2 else ""
    deaths = {None: "Fatalities unknown.", 0: "No fatalities reported."}.get(
        event.fatalities, f"{event.fatalities} fatalities reported (most conservative figure).")
    sources = len({c.source.name for c in event.claims})
    return (f"{when}, {who}: {event.sub_event_type.lower()}{against} in {where}. {deaths} "
            f"Reported by {sources} source(s) in this document.")
