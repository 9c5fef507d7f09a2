"""Words that report a happening, mapped to ACLED's event type and sub-event type.

Ordered from the most specific to the most general: in "a suicide bomber detonated his
explosives", "suicide" decides before "explosives" can. Each trigger carries its span, so
the event type of every extracted event points at the words that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.alternation import any_of, compile_rules
from sitrep.extract.sentences import Sentence
from sitrep.theatre.fold import lower

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

_RULES: list[tuple[str, str, str]] = [
    (EXPLOSIONS, "Suicide bomb", r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|blast|explosion|vest|car bomb(?:ing)?)|(?:blew|blown) (?:himself|themselves) up|self-detonat\w*|suicide bombers?"),
    (EXPLOSIONS, "Air/drone strike", r"air ?strikes?|air raids?|drone (?:strikes?|attacks?)|aerial (?:bombardment|attacks?|strikes?)|(?:jets|warplanes|aircraft|drones|helicopters) (?:struck|bombed|hit|targeted|attacked|pounded)|bombed (?:by|from) (?:aircraft|jets|warplanes|drones)|(?:struck|bombed) by (?:an? )?(?:\w+ )?(?:aircraft|jets?|warplanes?|drones?)"),
    (EXPLOSIONS, "Shelling/artillery/missile attack", r"shell(?:ing|ed|s)|mortars?(?: fire| rounds| shells)?|artillery|rockets? (?:attacks?|fire|were fired|landed|hit)|missiles?"),
    (EXPLOSIONS, "Grenade", r"(?:hand )?grenades?"),
    (EXPLOSIONS, "Remote explosive/landmine/IED", r"roadside bombs?|magnetic (?:bombs?|mines?)|sticky bombs?|landmines?|IEDs?|improvised explosive devices?|explosive devices?|(?:car|vehicle|motorcycle|bicycle|parcel) bomb(?:s|ing)?|bomb (?:attacks?|blasts?|explosions?)|bombings?|blasts?|explosions?|explod(?:ed|es|ing)|detonat(?:ed|ion)|(?:a|the) bomb\b"),
    (VIOLENCE, "Sexual violence", r"rap(?:ed|e|ing)\b|sexual(?:ly)? (?:assault(?:ed)?|violence|abuse[d]?)"),
    (VIOLENCE, "Abduction/forced disappearance", r"abduct(?:ed|ion|s)?|kidnapp?(?:ed|ing|ings)?|taken hostage|held hostage|forcibly disappeared|forced disappearance|whereabouts (?:of (?:\w+ ){1,3})?(?:are|remain|remains|is) (?:still )?unknown|taken (?:away )?to an unknown location|carried away|(?:no|any) (?:information|news|word) (?:about|of|on) (?:where|her|his|their)|(?:has|have|had) not been heard from"),
    (VIOLENCE, "Attack", r"(?:beat|beaten|beating|assaulted|attacked|whipped|hit) (?:\w+ ){0,3}(?:journalists?|reporters?|cameram[ae]n|photographers?)|"
                         r"used (?:force|violence) (?:to stop|against) (?:\w+ ){0,2}(?:journalists?|reporters?)|"
                         r"(?:journalists?|reporters?|cameram[ae]n|photographers?) (?:\w+ ){0,3}(?:were |was )?(?:beaten|assaulted|whipped)|"
                         r"(?:shoot|shooting|shot) (?:\w+ ){0,3}(?:prisoners|captives|detainees|blindfolded|captured|unarmed)|"
                         r"(?:opened|open|opening|fired) (?:fire )?(?:on|at) (?:\w+ ){0,4}(?:migrants|refugees|civilians|"
                         r"villagers|passengers|worshippers|students|residents|families|farmers|shepherds|children)|killings\b|the killing of|execut(?:ed|ion|ions|ing)|summar(?:y|ily) (?:killed|executed|killings?)|found dead|"
                         r"(?:gunmen|attackers|assailants|unknown (?:armed )?(?:men|people)) (?:\w+ ){0,2}(?:killed|shot|stabbed)|"
                         r"bod(?:y|ies) (?:of (?:\w+ ){1,4})?(?:were |was |have been |has been )?(?:found|discovered|recovered)|"
                         r"(?:found|discovered|recovered) the bod(?:y|ies)|extrajudicial(?:ly)? kill\w*|shot dead|gunned down|shot and killed|murder(?:ed|s)?|tortur(?:ed|e)|flogg(?:ed|ing|ings)|lash(?:ed|es)|publicly beaten|beaten to death|stoned|targeted killings?|assassinat(?:ed|ion)|massacre[ds]?|revenge killings?"),
    (STRATEGIC, "Arrests", r"arrest(?:ed|s)?\b|detain(?:ed|s)?|detention|taken into custody|(?:were|was) jailed|imprisoned|rounded up"),
    (PROTESTS, "Excessive force against protesters", r"(?:killed|killing|shot dead) (?:\w+ ){0,3}(?:protesters|demonstrators)|(?:protesters|demonstrators) (?:were )?(?:killed|shot dead)"),
    (PROTESTS, "Protest with intervention", r"(?:violent )?dispersal of|(?:dispers(?:ed|e|ing)|broke up|break up) (?:the |a )?(?:\w+ )?(?:protest|rally|demonstration|gathering|protesters|crowd|women)|(?:fired|shot|shooting|opened fire) (?:into the air|in the air|warning shots|at (?:the )?(?:protesters|demonstrators|crowd|women)|on (?:the )?(?:protesters|demonstrators|crowd))|pepper spray|tear ?gas|water cannon|beat (?:the )?(?:protesters|women)"),
    (PROTESTS, "Peaceful protest", r"protest(?:ed|s|ers|ors)?\b|rall(?:y|ies|ied)\b|demonstrat(?:ion|ions|ors|ed)\b|march(?:ed)? (?:through|to|in)|sit-in|took to the streets|chant(?:ed|ing)"),
    (RIOTS, "Mob violence", r"\bmob\b|lynch(?:ed|ing)"),
    (RIOTS, "Violent demonstration", r"riot(?:s|ed|ing|ers)?\b"),
    (BATTLES, "Non-state actor overtakes territory", r"(?:captured|seized|took control of|taken control of|overran|liberated|fell to)(?: the)? (?:\w+ ){0,3}(?:districts?|district cent(?:re|er)s?|villages?|areas?|territory|outposts?|posts?|checkpoints?|bases?|positions?|valley|provinces?|provincial capital|cit(?:y|ies)|towns?)"),
    (BATTLES, "Government regains territory", r"(?:recaptured|retook|regained control of|retaken|cleared)(?: the)? (?:\w+ ){0,3}(?:districts?|villages?|areas?|territory|valley)"),
    (BATTLES, "Armed clash", r"clash(?:es|ed)?|fight(?:ing|s)?\b|fought|battles?\b|gun ?fights?|fire ?fights?|exchange of fire|exchanged fire|skirmish(?:es)?|ambush(?:ed|es)?|offensive|(?:military|clearing|security|search) operations?|assault(?:ed)? on|attack(?:ed|s)? (?:on )?(?:a |an |the |their |our )?(?:\w+ ){0,3}(?:convoy|checkpoint|post|posts|base|bases|position|positions|outpost|headquarters?|patrol|vehicle|forces|fighters)|(?:launched|carried out) (?:an? )?attacks?|counter-?attack"),
    (STRATEGIC, "Looting/property destruction", r"loot(?:ed|ing)|torch(?:ed|ing)|set (?:on )?fire to|burn(?:ed|t) (?:down )?(?:houses|homes|shops)|demolish(?:ed)?|destroyed (?:houses|homes)"),
    (STRATEGIC, "Change to group/activity", r"defect(?:ed|ion)|surrender(?:ed)?|laid down (?:their|his) arms|joined the (?:Taliban|resistance|NRF)"),
    (STRATEGIC, "Agreement", r"(?:signed|reached|agreed) (?:an? )?(?:agreement|ceasefire|truce|deal)|peace (?:deal|agreement)|prisoner (?:exchange|swap)"),
    (STRATEGIC, "Disrupted weapons use", r"(?:defused|seized|discovered) (?:a |an |the )?(?:\w+ )?(?:explosives?|bombs?|mines?|weapons cache|IEDs?)"),
]
# Matched case-sensitively against a lowered copy of the text (see fold.lower): much faster
# than re.IGNORECASE, and offsets are unchanged. All rules in one pattern, most specific
# first, so the text is scanned once (see alternation.py for how it stays fast).
_COMBINED, _RULE_OF = compile_rules([pattern.lower() for _, _, pattern in _RULES])
_RANK = {sub: index for index, (_, sub, _) in enumerate(_RULES)}
_WEAK = re.compile(r"(?:attack|assault|launched|carried out|offensive|(?:military|clearing|security|search) operation)", re.I)


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class Trigger:
    event_type: str
    sub_event_type: str
    start: int
    end: int
    text: str

    @property
    def rank(self) -> int:
        """Lower is more specific."""
        return _RANK[self.sub_event_type]

    @property
    def weak(self) -> bool:
        """A generic word ("attack", "assault", "operation") that names no kind of violence of its
        own: it adds to an event told nearby rather than starting one."""
        return self.sub_event_type == "Armed clash" and bool(_WEAK.match(self.text))


def find_triggers(text: str, offset: int = 0, lowered: str | None = None) -> list[Trigger]:
    """Every trigger in the text, in text order (pass `lowered` = fold.lower(text) if known)."""
    lowered = lower(text) if lowered is None else lowered
    found = []
    for match in _COMBINED.finditer(lowered):
        event_type, sub, _ = _RULES[_RULE_OF[match.lastgroup]]
        found.append(Trigger(event_type, sub, offset + match.start(), offset + match.end(),
                             text[match.start() : match.end()]))
    return found


def most_specific_first(triggers: list[Trigger]) -> list[Trigger]:
    """The triggers of one sentence, most specific first. Shelling told together with a clash
    is part of the battle ("fighting with mortars"), so there the clash leads."""
    clash = any(t.sub_event_type == "Armed clash" for t in triggers)
    return sorted(triggers, key=lambda t: (t.rank if not (clash and t.sub_event_type.startswith("Shelling")) else 99,
                                           t.start))


_HYPOTHETICAL = re.compile(
    r"\b(?:will|would|could|might|may|shall|plans? to|planning to|threaten(?:s|ed|ing)? to|vow(?:s|ed)? to|"
    r"warn(?:s|ed)? (?:of|that|against)|intends? to|expected to|likely to|aims? to|prepar(?:ing|es) to|"
    r"if|unless|fear(?:s|ed)? (?:of )?(?:a |an )?(?:new |renewed )?)\s+(?:[\w'’-]+\s+){0,5}?$")
_BACKGROUND = re.compile(
    r"\bacross (?:the country|afghanistan|the nation|several provinces)|\bnationwide\b|\bsince (?:the )?(?:19|20)\d\d|\bsince (?:the )?(?:taliban|august|their return|the fall|the collapse|taking)|"
    r"\b(?:years|decades) of (?:war|conflict|fighting|violence)|\bover the (?:past|last) (?:\w+ )?(?:years|decades|months)|"
    r"\bin recent (?:years|months)|\bhave (?:repeatedly|frequently|often) |\bhistor(?:y|ically)\b|"
    r"\b(?:last|previous) year\b|\bin (?:19|20)\d\d\b(?! (?:on|in) )|"
    # a tally, not a happening: "documented 218 killings", "144 instances of torture"
    r"\b(?:documented|recorded|registered|verified) (?:at least |more than |over )?\d[\d,]*\b|"
    r"\b(?:\d[\d,]*|dozens|hundreds|thousands) (?:instances|cases) of\b")
_NEGATED = re.compile(r"\b(?:no|not|never|denied|deny|denies|without|nor)\s+(?:[\w'’-]+\s+){0,3}$")
# One of these is in every phrase the two patterns above know (checked first: most windows have none).
_HYPOTHETICAL_WORDS = any_of(("will", "would", "could", "might", "may", "shall", "plan", "threaten", "vow", "warn",
                              "intend", "expected", "likely", "aim", "prepar", "if", "unless", "fear"))
_NEGATED_WORDS = any_of(("no", "never", "den", "without"))

def live_triggers(sentence: Sentence, triggers: list[Trigger], lowered: str) -> list[Trigger]:
    """Triggers that report something that happened: not hypothetical, negated or background.
    (The patterns run on the lowered text.)"""
    if not triggers or _BACKGROUND.search(lowered, sentence.start, sentence.end):
        return []
    live = []
    for trigger in triggers:
        before = lowered[max(sentence.start, trigger.start - 60) : trigger.start]
        if (_HYPOTHETICAL_WORDS.search(before) and _HYPOTHETICAL.search(before)) or (
                _NEGATED_WORDS.search(before) and _NEGATED.search(before)):
            continue
        live.append(trigger)
    return live
