"""What the dependency parse decides: roles, what a date modifies, the dead a verb names.

Every sentence here was written for these tests."""

from datetime import date

import pytest

from sitrep.extract import extract_events
from sitrep.extract.attribution import plausible_source
from sitrep.extract.parser import load_parser
from sitrep.extract.syntax import governor, role_tokens, token_at, victims
from sitrep.lexicons import load_lexicon

SUNDAY = date(2024, 5, 12)
REPORTING = load_lexicon("en").words("reporting", "speech_words")
HAPPENING = load_lexicon("en").table("happening")


def roles(sentence: str, trigger: str) -> tuple[list[str], list[str]]:
    parsed = load_parser()(sentence)
    at = sentence.index(trigger)
    doers, sufferers = role_tokens(parsed, token_at(parsed, at, at + len(trigger)), REPORTING)
    return [" ".join(t.text for t in d.subtree) for d in doers], [" ".join(t.text for t in s.subtree) for s in sufferers]


@pytest.mark.parametrize("sentence,trigger,doer,sufferer", [
    ("A police convoy was ambushed by resistance fighters near Charikar.", "ambushed", "resistance fighters",
     "A police convoy"),
    ("The front said its men raided a Taliban post overnight.", "raided", "The front", "a Taliban post"),
    ("The attack on the checkpoint was carried out by two gunmen.", "attack", "two gunmen", "the checkpoint"),
    ("The rebels went on fighting with government troops for hours.", "fighting", "The rebels", "government troops"),
])
def test_who_did_it_and_to_whom(sentence, trigger, doer, sufferer):
    doers, sufferers = roles(sentence, trigger)
    assert any(d.startswith(doer) for d in doers) and any(s.startswith(sufferer) for s in sufferers)


def test_the_doer_of_a_passive_attack_comes_first_whatever_the_order(theatre):
    [event] = extract_events("A Taliban patrol was ambushed by the National Resistance Front in Dara district of "
                             "Panjshir on Friday, local sources said.", SUNDAY, theatre)
    assert (event.actor1, event.actor2) == ("NRF: National Resistance Front", "Taliban")


@pytest.mark.parametrize("sentence,date_words,reporting", [
    ("The ministry said on Friday that three men died.", "Friday", True),
    ("In a statement on Friday, the front claimed the raid.", "Friday", True),
    ("On Friday, residents reported a blast in the bazaar.", "Friday", False),
    ("A guard said the fighting started on Friday.", "Friday", False),
])
def test_a_date_is_when_it_was_said_only_when_it_modifies_the_saying(sentence, date_words, reporting):
    parsed = load_parser()(sentence)
    at = sentence.index(date_words)
    head = governor(parsed, at, at + len(date_words))
    modifies_saying = head.lower_ in REPORTING
    speaker = next((c for c in head.children if c.dep_ == "nsubj"), None)
    fronted = speaker is not None and at < speaker.left_edge.idx and head.pos_ != "NOUN"
    assert (modifies_saying and not fronted) == reporting


def test_a_blast_reported_by_residents_on_a_day_happened_that_day(theatre):
    [event] = extract_events("On Friday, residents of Kunduz city reported a loud explosion near the bazaar.", SUNDAY,
                             theatre)
    assert (event.event_date, event.time_precision) == (date(2024, 5, 10), 1)


@pytest.mark.parametrize("sentence,dead", [
    ("Gunmen shot dead a teacher on his way home.", 1),
    ("A district judge and his driver were shot dead outside the court.", 2),
    ("Unknown men killed the village imam after prayers.", 1),
    ("The attackers killed several guards.", None),  # no number: the figure rules decide
    ("Police shot a robber in the leg.", None),  # shot, not dead
    ("A shopkeeper was robbed and murdered by two men.", 1),  # the first verb's subject is the dead
])
def test_the_dead_a_verb_names_without_a_number(sentence, dead):
    found = victims(load_parser()(sentence), HAPPENING["death_verbs"], HAPPENING["death_particles"])
    assert (found[0] if found else None) == dead


def test_a_named_victim_counts_one(theatre):
    [event] = extract_events("Gunmen shot dead a tribal elder in Gardez city of Paktia province on Saturday.", SUNDAY,
                             theatre)
    assert (event.sub_event_type, event.fatalities, event.admin1) == ("Attack", 1, "Paktya")


def test_an_arrest_takes_no_one_elses_dead_and_a_flogging_kills_nobody(theatre):
    text = ("Taliban intelligence detained four shopkeepers in Herat city on Thursday, relatives said. "
            "Two days earlier a bomb killed three people in the same market.")
    arrest = next(e for e in extract_events(text, SUNDAY, theatre) if e.sub_event_type == "Arrests")
    assert arrest.fatalities is None
    [flogging] = extract_events("The Taliban publicly flogged two men in Ghazni city on Wednesday, the court said.",
                                SUNDAY, theatre)
    assert (flogging.sub_event_type, flogging.fatalities) == ("Attack", 0)


def test_a_dateline_is_where_the_report_was_filed_not_where_it_happened(theatre):
    [event] = extract_events("KABUL (Wire) - Gunmen killed two shopkeepers in Jalalabad city on Monday, police said.",
                             SUNDAY, theatre)
    assert event.admin1 == "Nangarhar"
    [alone] = extract_events("KABUL (Wire) - Gunmen killed two shopkeepers on Monday, police said.", SUNDAY, theatre)
    assert alone.admin1 == "Kabul"  # the only place the report names


def test_a_report_without_a_date_is_dated_by_the_dates_it_writes_out(theatre):
    text = ("The council met on 2 May 2023 to discuss security. "
            "On May 5, a roadside bomb hit a police vehicle in Kunduz city, killing two officers.")
    [event] = extract_events(text, None, theatre)
    assert (event.event_date, event.time_precision) == (date(2023, 5, 5), 1)


def test_who_takes_territory_decides_its_sub_type(theatre):
    [taken] = extract_events("Resistance fighters captured three villages in Khost-wa-Firing district of Baghlan on "
                             "Friday, the front said.", SUNDAY, theatre)
    [retaken] = extract_events("Taliban forces captured three villages in Khost-wa-Firing district of Baghlan on Friday, "
                               "the ministry said.", SUNDAY, theatre)
    assert taken.sub_event_type == "Non-state actor overtakes territory"
    assert retaken.sub_event_type == "Government regains territory"


def test_deaths_told_without_their_kind_make_an_event_where_no_other_is(theatre):
    text = ("A suicide bomber struck a mosque in Mazar-e-Sharif city of Balkh province on Friday. "
            "Separately, three farmers were killed in Kohsan district of Herat province the same day.")
    events = extract_events(text, SUNDAY, theatre)
    assert {(e.admin1, e.sub_event_type) for e in events} == {("Balkh", "Suicide bomb"), ("Herat", "Attack")}
    [one] = extract_events("Three people were killed when a bomb exploded in a bus in Kabul city on Friday.", SUNDAY,
                           theatre)
    assert one.sub_event_type == "Remote explosive/landmine/IED"  # what killed them names the event


@pytest.mark.parametrize("name", [
    "including", "have been", "have so far", "him", "them", "there", "he did not", "could be",
    "the number of wounded has not been", "sporadic gunfire", "the civilian deaths",
    "the outlet said the fighting began", "the group also executed a man", "Jawed called for calm and",
    "Police forces fired shots into the air and",
])
def test_no_function_word_verb_phrase_or_clause_is_a_source(name):
    assert not plausible_source(name)


@pytest.mark.parametrize("name", [
    "local sources", "a doctor at the hospital", "residents", "his brother", "the Freedom Front",
    "Jalil Hamdard, deputy spokesman of the front", "a video shared on social media", "the report",
])
def test_real_voices_are_sources(name):
    assert plausible_source(name)
