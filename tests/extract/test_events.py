"""Whole reports (written for these tests) through the extractor."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.extract import event_to_record, extract_events
from sitrep.models import SourceKind, Stance
from sitrep.theatre import load_theatre


def extract(theatre, text, published=date(2023, 5, 13)):
    return extract_events(text, published, theatre)


MULTI = """Fighting between the Taliban and the National Resistance Front spread this week.

On Tuesday, clashes broke out in the Dara district of Panjshir province, residents said. Local sources said five fighters were killed.

In Badakhshan, a roadside bomb hit a Taliban vehicle in Jurm district on Thursday, killing two, a provincial official said.

The night before, Taliban intelligence officers detained three journalists in Kabul, their colleagues said."""


def test_one_event_per_place_and_kind(theatre):
    events = extract(theatre, MULTI)
    summary = {(e.admin1, e.admin2, e.sub_event_type) for e in events}
    assert summary == {("Panjshir", "Dara", "Armed clash"), ("Badakhshan", "Jurm", "Remote explosive/landmine/IED"),
                       ("Kabul", "Kabul", "Arrests")}
    clash = next(e for e in events if e.admin2 == "Dara")
    assert (clash.event_date, clash.time_precision, clash.fatalities) == (date(2023, 5, 9), 1, 5)
    bomb = next(e for e in events if e.admin2 == "Jurm")
    assert (bomb.event_date, bomb.fatalities, bomb.actor2) == (date(2023, 5, 11), 2, "Taliban")
    arrests = next(e for e in events if e.sub_event_type == "Arrests")
    assert (arrests.actor1, arrests.actor2) == ("Taliban", "Journalists (Afghanistan)")


def test_the_night_before_is_the_day_before_the_event_told_before(theatre):
    arrests = next(e for e in extract(theatre, MULTI) if e.sub_event_type == "Arrests")
    assert (arrests.event_date, arrests.time_precision) == (date(2023, 5, 10), 1)  # the bomb was on Thursday the 11th
    assert MULTI[arrests.spans["event_date"].start:arrests.spans["event_date"].end] == "The night before"


@pytest.mark.parametrize("sentence,day,precision", [
    ("Two days later, the Taliban arrested five people in Kabul.", date(2023, 5, 13), 1),
    ("Two days earlier, the Taliban arrested five people in Kabul.", date(2023, 5, 9), 1),
    ("It happened just a week after more than 30 worshippers were killed in a bombing in Kunduz.",
     date(2023, 5, 4), 2),  # the event named after "after" came first
])
def test_a_date_given_against_the_event_told_before(theatre, sentence, day, precision):
    text = "A roadside bomb hit a Taliban vehicle in Jurm district of Badakhshan on Thursday. " + sentence
    first, second = extract(theatre, text)
    assert first.event_date == date(2023, 5, 11)
    assert (second.event_date, second.time_precision) == (day, precision)


def test_every_field_points_at_its_words(theatre):
    for event in extract(theatre, MULTI):
        for key, span in event.spans.items():
            assert 0 <= span.start < span.end <= len(MULTI), key
        assert MULTI[event.spans["admin1"].start:event.spans["admin1"].end] == event.location
        record = event_to_record(event)
        assert record["notes"] and 0 < record["confidence"] <= 1


@pytest.mark.parametrize("denial", [
    'A Taliban spokesman said: "Our forces have not killed anyone in that village."',
    "The Taliban told reporters they had nothing to do with the killing.",
    "A Taliban spokesman said the group was not behind the shooting.",
    "A Taliban official said its fighters played no part in the raid.",
])
def test_a_party_that_says_it_did_not_do_it_denies(theatre, denial):
    text = "Gunmen shot dead a village elder in Khash district of Badakhshan on Monday, residents said. " + denial
    [event] = extract(theatre, text)
    denied = [c for c in event.claims if c.stance is Stance.DENIES]
    assert len(denied) == 1 and "Taliban" in denied[0].source.name


def test_denial_makes_a_denying_claim(theatre):
    text = ("The NRF said its fighters killed 12 Taliban in an ambush in Andarab district of Baghlan on Monday. "
            "Taliban spokesman Zabihullah Mujahid rejected the claim as propaganda.")
    [event] = extract(theatre, text)
    stances = {(c.source.name, c.stance) for c in event.claims}
    assert ("Taliban spokesman Zabihullah Mujahid", Stance.DENIES) in stances
    assert (event.actor1, event.admin2, event.fatalities) == ("NRF: National Resistance Front", "Andarab", 12)


def test_no_casualties(theatre):
    [event] = extract(theatre, "A bomb exploded near a checkpoint in Jalalabad on Sunday. No casualties were reported.")
    assert event.fatalities == 0


def test_an_undated_report_is_dated_by_its_address(theatre):
    url = "https://example.org/2022/10/nrf-attacks-takhar/"
    text = "On Friday, October 21, NRF fighters attacked a Taliban checkpoint in Warsaj district of Takhar, a source said."
    [event] = extract_events(text, None, theatre, url=url)
    assert (event.event_date, event.time_precision) == (date(2022, 10, 21), 1)
    text = "A roadside bomb hit a Taliban vehicle in Jurm district of Badakhshan, officials said."
    [event] = extract_events(text, None, theatre, url=url)
    assert (event.event_date, event.time_precision) == (date(2022, 10, 15), 3)  # only the month is known
    [event] = extract_events(text, None, theatre, url=url.replace("/10/", "/10/24/"))
    assert (event.event_date, event.time_precision) == (date(2022, 10, 24), 2)
    [event] = extract_events(text, None, theatre)
    assert event.event_date is None


def test_a_dateline_dates_nothing_but_what_follows_its_dash_does(theatre):
    [event] = extract(theatre, "KABUL, Dec 28 (Reuters) - Taliban fighters fired at protesters in Kabul on Tuesday, "
                               "witnesses said.", published=date(2021, 12, 28))
    assert (event.event_date, event.time_precision) == (date(2021, 12, 28), 1)  # Tuesday, not the dateline's day
    text = "KABUL, Dec 27 (Reuters) Taliban fighters fired at protesters in Kabul, witnesses said."
    [event] = extract(theatre, text, published=date(2021, 12, 28))
    assert (event.event_date, event.time_precision) == (date(2021, 12, 28), 2)


def test_a_protest_met_with_force_is_a_protest_with_intervention(theatre):
    text = ("Women protesters marched in Kabul on Saturday, demanding the right to work. "
            "Taliban fighters then broke up the rally by firing into the air, witnesses said.")
    [event] = extract(theatre, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Protest with intervention", "Protesters (Afghanistan)", "Taliban")


def test_where_visitors_came_from_is_not_where_it_happened(theatre):
    text = ("A suicide bomber killed the governor of Balkh in his office in Mazar-i-Sharif on Thursday. "
            "The suicide attack came a day after he met officials visiting from the Afghan capital of Kabul.")
    assert [e.admin1 for e in extract(theatre, text)] == ["Balkh"]


def test_the_same_kind_of_event_last_week_is_another_event(theatre):
    text = ("Taliban intelligence detained a women's rights activist in Kabul on Tuesday night, her colleagues said. "
            "Last week, the Taliban had detained another activist together with four colleagues in Kabul.")
    events = extract(theatre, text, published=date(2022, 11, 10))
    assert [(e.event_date, e.time_precision) for e in events] == [(date(2022, 11, 8), 1), (date(2022, 11, 3), 2)]
    text = ("Clashes broke out in Dara district of Panjshir on Tuesday. "
            "This week's fighting in Dara district killed five NRF fighters, residents said.")
    [event] = extract(theatre, text, published=date(2022, 11, 10))  # "this week" includes that Tuesday
    assert (event.event_date, event.fatalities) == (date(2022, 11, 8), 5)


def test_an_account_of_fighting_goes_on_with_the_fighting_not_with_the_event_told_just_before(theatre):
    text = ("The NRF said its forces repelled a Taliban attack during fierce fighting in Chal district of Takhar on "
            "Friday. The NRF further claimed that several residents of Chal district had been taken hostage by Taliban "
            "fighters. According to a local source, the two sides started fighting on Friday morning and the clashes "
            "went on until evening. Taliban officials, however, rejected the reports of clashes.")
    battle, abduction = extract(theatre, text)
    assert (battle.event_type, abduction.sub_event_type) == ("Battles", "Abduction/forced disappearance")
    assert {c.source.name for c in battle.claims} >= {"a local source", "Taliban officials"}
    assert {c.source.name for c in abduction.claims} == {"The NRF"}


def test_an_arrest_after_which_nobody_knows_where_she_is_is_a_forced_disappearance(theatre):
    text = ("A women's rights activist was detained by Taliban intelligence in Kabul on Tuesday, her colleagues said. "
            "Since then they have had no information about where she is.")
    [event] = extract(theatre, text)
    assert (event.event_type, event.sub_event_type, event.actor1, event.actor2) == (
        "Violence against civilians", "Abduction/forced disappearance", "Taliban", "Activists (Afghanistan)")
    [event] = extract(theatre, text.split(" Since then ")[0])
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Arrests")


def test_residents_taken_away_are_the_victims(theatre):
    text = "The NRF claimed that several residents of Chal district in Takhar had been taken hostage by the Taliban."
    [event] = extract(theatre, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Abduction/forced disappearance", "Taliban", "Civilians (Afghanistan)")


def test_a_report_of_two_districts_keeps_each_its_own_denial_deaths_and_sides(theatre):
    text = ("The National Resistance Front said on Saturday that its fighters killed 12 Taliban members during "
            "clashes in Andarab district of Baghlan province. NRF spokesman Sibghatullah Ahmadi said two NRF "
            "fighters were also killed.\n\nTaliban spokesman Zabihullah Mujahid rejected the claim, saying there "
            "was no fighting in Andarab.\n\nResidents said heavy fighting had been going on in the "
            "Khost-wa-Firing district as well for the past three days.")
    andarab, khost = extract(theatre, text, published=date(2022, 6, 5))
    assert andarab.fatalities == 14  # twelve, and two more "also killed", by the same account
    assert [c.stance for c in andarab.claims].count(Stance.DENIES) == 1
    assert all(c.stance is Stance.ASSERTS for c in khost.claims)  # the denial names Andarab only
    # the front's own fighters killed in the clashes: it is their initiator; "as well": the same sides
    assert (khost.actor1, khost.actor2) == (andarab.actor1, andarab.actor2) == (
        "NRF: National Resistance Front", "Taliban")


def test_a_protest_broken_up_in_a_sentence_that_also_tells_of_arrests(theatre):
    text = ("Dozens of women gathered in Herat city on Tuesday to protest against the ban on education. "
            "Participants said Taliban forces dispersed the protesters with water cannon and detained three women.")
    [event] = extract(theatre, text, published=date(2025, 1, 15))
    assert (event.sub_event_type, event.actor2) == ("Protest with intervention", "Taliban")


def test_shelling_hits_what_it_hits_not_those_who_fired_or_spoke(theatre):
    text = ("Pakistani military forces fired more than 40 rockets into Dangam district of Kunar province on Sunday, "
            "a local source said. Taliban officials in Kunar confirmed the shelling.")
    [event] = extract(theatre, text, published=date(2023, 10, 9))
    assert (event.actor1, event.actor2) == ("Military Forces of Pakistan", "Civilians (Afghanistan)")
    [event] = extract(theatre, "A roadside bomb struck a Taliban vehicle in Jurm district of Badakhshan.")
    assert event.actor2 == "Taliban"


def test_the_group_that_claims_an_attack_is_its_author(theatre):
    text = ("Two Taliban members were killed when unknown gunmen attacked their checkpoint in Ishkamish district of "
            "Takhar on Monday, a Taliban official said. The Afghanistan Freedom Front (AFF) claimed responsibility "
            "for the attack in a statement, saying it had killed five Taliban fighters.")
    [event] = extract(theatre, text, published=date(2024, 6, 18))
    assert (event.actor1, event.actor2, event.fatalities) == ("AFF: Afghanistan Freedom Front", "Taliban", 2)
    assert ("The Afghanistan Freedom Front (AFF)", SourceKind.PARTY) in {(c.source.name, c.source.kind)
                                                                         for c in event.claims}


def test_a_named_victim_and_his_brother_also_killed_and_who_was_behind_it(theatre):
    text = ("Rahimullah Haqqani, a prominent Taliban cleric, was killed in a suicide attack at his seminary in Kabul "
            "on Thursday, Taliban officials said. His brother was also killed in the blast. The Islamic State group "
            "said one of its fighters carried out the attack.")
    [event] = extract(theatre, text, published=date(2022, 8, 12))
    assert (event.actor1, event.actor2, event.fatalities) == ("ISKP: Islamic State Khorasan Province", "Taliban", 2)
    text = ("An explosion ripped through a mosque in Kabul during Friday prayers, killing at least 10 worshippers. "
            "Islamic State's Amaq news agency said the group was behind the blast.")
    [event] = extract(theatre, text, published=date(2022, 5, 1))
    assert (event.actor1, event.actor2, event.fatalities) == (
        "ISKP: Islamic State Khorasan Province", "Civilians (Afghanistan)", 10)


def test_fighting_in_three_provinces_with_who_attacked_whom(theatre):
    text = ("Clashes reported in Panjshir, Ghazni and Herat this week\n\nFighting between Taliban forces and armed "
            "opposition groups was reported in Panjshir, Ghazni and Herat provinces this week, according to local "
            "sources. In Panjshir, the NRF said it killed seven Taliban fighters in Dara district on Tuesday. In "
            "Ghazni's Andar district, an AFF attack on a Taliban checkpoint left two Taliban dead, the group claimed. "
            "Taliban officials denied any fighting in Herat.")
    panjshir, ghazni, herat = extract(theatre, text, published=date(2022, 6, 10))
    assert (panjshir.actor1, panjshir.actor2, panjshir.fatalities) == (
        "NRF: National Resistance Front", "Taliban", 7)
    assert (ghazni.actor1, ghazni.actor2, ghazni.fatalities) == ("AFF: Afghanistan Freedom Front", "Taliban", 2)
    assert [c.stance for c in herat.claims if c.stance is Stance.DENIES] == [Stance.DENIES]
    assert "Clashes" not in {c.source.name for e in (panjshir, ghazni, herat) for c in e.claims}  # a headline's subject


def test_capturing_a_valley_is_taking_territory(theatre):
    text = "The Taliban said on Monday they had captured the Panjshir valley from the resistance."
    [event] = extract(theatre, text, published=date(2021, 9, 7))
    assert (event.event_type, event.admin1) == ("Battles", "Panjshir")
    assert event.sub_event_type in ("Non-state actor overtakes territory", "Government regains territory")


def test_a_headline_count_of_dead_names_no_attacker_and_a_detainee_not_heard_from_since(theatre):
    text = ("NRF: 5 Taliban killed in Khawak pass ambush\n\nThe NRF said its fighters ambushed a Taliban convoy in "
            "Paryan district of Panjshir on June 19, killing five Taliban.")
    [event] = extract(theatre, text, published=date(2023, 6, 21))
    assert (event.actor1, event.actor2, event.fatalities) == ("NRF: National Resistance Front", "Taliban", 5)
    text = ("The Taliban's intelligence agency detained a former army officer in Mazar-i-Sharif last Thursday, his "
            "family said. He has not been heard from since.")
    [event] = extract(theatre, text, published=date(2023, 3, 1))
    assert (event.sub_event_type, event.actor2) == ("Abduction/forced disappearance", "Former ANDSF members")


def test_bodies_found_elsewhere_are_another_event(theatre):
    text = ("Taliban forces raided homes in Kabul last weekend and detained several former soldiers, their relatives "
            "said. Earlier this week, two former police officers were found dead in Kandahar city.")
    detained, killed = extract(theatre, text, published=date(2024, 2, 5))
    assert (detained.sub_event_type, detained.admin1, detained.event_date, detained.fatalities) == (
        "Arrests", "Kabul", date(2024, 2, 3), None)
    assert (killed.event_type, killed.admin1, killed.fatalities) == ("Violence against civilians", "Kandahar", 2)


def test_a_roundup_tells_one_event_per_province(theatre):
    text = ("In Kunduz, unidentified gunmen killed a former police commander on Tuesday. In Balkh, a sticky bomb "
            "exploded in Mazar-i-Sharif on Wednesday, wounding two Taliban fighters.")
    killing, bombing = extract(theatre, text, published=date(2022, 1, 15))
    assert (killing.sub_event_type, killing.admin1, killing.event_date, killing.fatalities) == (
        "Attack", "Kunduz", date(2022, 1, 11), 1)
    assert (bombing.admin1, bombing.event_date, bombing.fatalities) == ("Balkh", date(2022, 1, 12), None)


def test_meanwhile_starts_another_story(theatre):
    text = ("Taliban fighters have detained at least 40 civilians in Bazarak district of Panjshir over the past week, "
            "residents said. The whereabouts of the detainees remain unknown.\n\nMeanwhile, the NRF said it "
            "repelled a Taliban offensive in the Abshar valley on Saturday night, killing 18 Taliban fighters.")
    detained, fought = extract(theatre, text, published=date(2022, 9, 26))
    assert (detained.sub_event_type, detained.fatalities) == ("Abduction/forced disappearance", None)
    assert (fought.event_type, fought.admin1, fought.event_date, fought.fatalities) == (
        "Battles", "Panjshir", date(2022, 9, 24), 18)


def test_border_guards_firing_on_migrants_and_a_count_beside_a_vague_figure(theatre):
    text = ("Iranian border guards opened fire on a group of Afghan migrants in Kang district of Nimroz on Saturday, "
            "killing at least six people, a local official said. Videos circulating on social media show the bodies "
            "of several victims.")
    [event] = extract(theatre, text, published=date(2024, 12, 3))
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Attack", "Military Forces of Iran", "Civilians (Afghanistan)")
    assert event.fatalities == 6  # "several" (three, read conservatively) counts only when nothing says more


def test_they_are_the_ones_just_named(theatre):
    text = ("Taliban fighters fired into the air to break up a women's protest in Kabul on Saturday. "
            "They also used violence to stop journalists from reporting on the rally.")
    protest, attack = extract(theatre, text)
    assert (attack.event_type, attack.actor1, attack.actor2) == (
        "Violence against civilians", "Taliban", "Journalists (Afghanistan)")


def test_when_it_was_reported_bounds_an_event_its_sentences_do_not_date(theatre):
    [event] = extract(theatre, "The NRF said on Saturday that its fighters clashed with the Taliban in Panjshir.",
                      published=date(2023, 5, 15))
    assert (event.event_date, event.time_precision) == (date(2023, 5, 13), 2)  # by Saturday: that week


def test_a_name_in_capitals_further_on_is_not_a_dateline(theatre):
    text = ("KABUL, Afghanistan - A suicide bomber struck the prosecutor's office in Kabul on Monday.\n\n"
            "Residents said the city was calm.\n\nMore news followed.\n\n"
            "ISIS-K, two weeks ago, claimed responsibility for a blast in Nangarhar province.")
    kabul, nangarhar = extract(theatre, text, published=date(2024, 9, 3))
    assert (kabul.event_date, nangarhar.event_date, nangarhar.time_precision) == (
        date(2024, 9, 2), date(2024, 8, 20), 2)


def test_an_old_date_beside_the_event_is_history(theatre):
    text = ("Taliban fighters beat women protesters in Kabul, witnesses said. "
            "In mid-August, the Taliban took power, setting off an economic collapse.")
    [event] = extract(theatre, text, published=date(2021, 12, 28))
    assert (event.event_date, event.time_precision) == (date(2021, 12, 28), 2)


@pytest.mark.parametrize("text", [
    # an op-ed: history and forecasts only
    "For four decades Afghans have lived through war, since the Soviet invasion of 1979. If donors do not act, "
    "the coming winter could be the hardest in a generation, and the Taliban may face new protests.",
    # a UN appeal
    "The United Nations today launched an appeal for $3 billion to assist 17 million people in Afghanistan in 2024. "
    "Humanitarian needs are driven by drought and economic decline.",
    # threats are not events
    "The Taliban warned they would attack any protest in Kabul. The NRF vowed to launch new offensives in Panjshir.",
    # a tally is not a happening
    "The UN mission said in a report published on Monday that it had documented at least 218 extrajudicial killings "
    "of former officials. The report also recorded 144 instances of torture in Kabul.",
])
def test_reports_without_events(theatre, text):
    assert extract(theatre, text) == []


def test_negated_happening_is_not_an_event(theatre):
    assert extract(theatre, "Officials said there was no fighting in Khost on Monday.") == []


_TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def assert_well_formed(events, text, published):
    """What must hold of any extraction: ACLED's taxonomy, spans inside the text that point
    at the words (the type at its trigger, every quote at its words), no negative death toll,
    no date after publication, and the same output for the same input."""
    for event in events:
        assert event.sub_event_type in _TAXONOMY[event.event_type]
        assert "event_type" in event.spans
        for span in event.spans.values():
            assert 0 <= span.start <= span.end <= len(text)
        assert event.fatalities is None or event.fatalities >= 0
        assert all(f.number >= 0 for f in event.fatality_claims)
        if published is not None and event.event_date is not None:
            assert event.event_date <= published + timedelta(days=1)
        for claim in event.claims:
            assert claim.stance in (Stance.ASSERTS, Stance.DENIES) and claim.source.name.strip()
            assert text[claim.quote_span.start:claim.quote_span.end] == claim.quote
        record = event_to_record(event)
        assert record["event_type"] == event.event_type
    again = extract_events(text, published, load_theatre())
    assert [event_to_record(e) for e in again] == [event_to_record(e) for e in events]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000), st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))))
def test_any_text_gives_a_result(text, published):
    assert_well_formed(extract_events(text, published, load_theatre()), text, published)


_PHRASES = st.sampled_from([
    "Gunmen killed two farmers", "in Kunduz city", "on Monday", "residents said", "the ministry denied it",
    "A roadside bomb exploded", "near Charikar", "last week", "killing three", "the front said its fighters attacked",
    "a Taliban post", "in Dara district of Panjshir", ".", ",", "\n\n", "KABUL (Wire) - ", "no one was hurt",
])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PHRASES, max_size=40).map(" ".join), st.dates(min_value=date(2021, 8, 15), max_value=date(2026, 1, 1)))
def test_any_news_like_text_gives_a_well_formed_result(text, published):
    assert_well_formed(extract_events(text, published, load_theatre()), text, published)


@pytest.mark.parametrize("text", [
    "",
    "\u202eدرگیری در ولسوالی دره ولایت پنجشیر رخ داد و چند نفر کشته شدند",  # right-to-left
    "clashes in panjshir killed nine taliban no punctuation at all " * 200,
    "\x00\x01\x02 binary noise \ufffd\ufffd" * 500,
])
def test_odd_texts(theatre, text):
    published = date(2023, 5, 13)
    events = extract(theatre, text, published)
    assert_well_formed(events, text, published)
    if text.startswith("clashes"):
        assert events and {e.event_type for e in events} == {"Battles"}  # unpunctuated, still read


def test_ten_megabytes_of_text(theatre):
    text = ("Clashes broke out in Dara district of Panjshir on Tuesday, residents said. " * 140_000)[:10_000_000]
    events = extract(theatre, text)
    assert len(events) >= 1


def test_an_abduction_and_burned_houses_told_beside_each_other_are_two_events(theatre):
    text = ("Taliban fighters raided two villages in Jaghori district of Ghazni province on Monday. Residents "
            "said the fighters took six men away to an unknown location and burned four houses.")
    kinds = {(e.sub_event_type, e.actor1, e.actor2, e.admin2) for e in extract_events(text, date(2023, 3, 16), theatre)}
    assert kinds == {("Abduction/forced disappearance", "Taliban", "Civilians (Afghanistan)", "Jaghuri"),
                     ("Looting/property destruction", "Taliban", "Civilians (Afghanistan)", "Jaghuri")}


def test_an_abduction_told_twice_is_one_event(theatre):
    text = ("Gunmen abducted a doctor and burned his clinic in Herat city on Friday. The doctor was abducted "
            "as he left the clinic, and the clinic was burned down, his family said.")
    kinds = [e.sub_event_type for e in extract_events(text, date(2023, 3, 16), theatre)]
    assert sorted(kinds) == ["Abduction/forced disappearance", "Looting/property destruction"]


@pytest.mark.parametrize("text,target", [
    ("A magnetic bomb attached to a car exploded in Kandahar city on Monday, killing three Taliban fighters.",
     "Taliban"),  # the dead it counts are the target, whatever else was hit
    ("A roadside bomb exploded near a police checkpoint in Kandahar city on Monday, killing four civilians.",
     "Civilians (Afghanistan)"),
    ("Unknown gunmen killed a local cleric in Kunduz city on Monday, Taliban officials said.",
     "Civilians (Afghanistan)"),  # those who speak of it are not its victims
])
def test_the_target_is_whom_the_dead_belong_to(theatre, text, target):
    [event] = extract_events(text, date(2023, 3, 16), theatre)
    assert event.actor2 == target


def test_where_a_victim_came_from_is_not_where_it_happened(theatre):
    text = "Gunmen shot dead a shopkeeper from Herat province in Farah city on Monday, police said."
    [event] = extract_events(text, date(2023, 3, 16), theatre)
    assert (event.admin1, event.fatalities) == ("Farah", 1)


def test_a_distance_from_a_place_locates_the_happening_near_it(theatre):
    text = "A roadside bomb killed two soldiers 20 km from Kandahar city on Monday."
    [event] = extract_events(text, date(2023, 3, 16), theatre)
    assert event.admin1 == "Kandahar"


def test_the_abducted_engineer_is_someone_already_told_of(theatre):
    text = ("Intelligence agents abducted an engineer in Ghazni city on Monday, his brother said. "
            "The abducted engineer, who grew up in Kandahar province, had worked for a charity.")
    [event] = extract_events(text, date(2023, 3, 16), theatre)
    assert event.admin1 == "Ghazni"


@pytest.mark.parametrize("text,dead", [
    # a victim named one by one may not have died alone: the count decides
    ("A car bomb killed the district chief of Nahrin in Baghlan province on Thursday. "
     "Police said the blast killed 3 people in all.", 3),
    # "also" adds to the dead already counted
    ("Gunmen killed three shopkeepers in Kunduz city on Friday. The attack also killed a guard, police said.", 4),
])
def test_the_dead_counted_not_only_those_named(theatre, text, dead):
    [event] = extract_events(text, date(2023, 3, 16), theatre)
    assert event.fatalities == dead


@pytest.mark.parametrize("text,doer", [
    ("Two brothers shot dead in Ghor\n\nUnknown armed men shot dead two brothers in Firozkoh city of Ghor "
     "province on Monday night, a Taliban spokesman said.", "Unidentified Armed Group (Afghanistan)"),
    ("A Taliban commander was shot dead by unknown assailants in Faizabad city of Badakhshan on Monday.",
     "Unidentified Armed Group (Afghanistan)"),
    ("Islamic State reportedly killed a Taliban member in Takhar province on Monday.",
     "ISKP: Islamic State Khorasan Province"),
])
def test_the_doer_is_who_the_words_say_did_it(theatre, text, doer):
    [event] = extract_events(text, date(2023, 3, 16), theatre)
    assert event.actor1 == doer


@pytest.mark.parametrize("text,taker,sub_event_type", [
    ("The Taliban denied the report. Large parts of the Dara valley in Panjshir province fell to resistance "
     "fighters on Monday, the front said.", "NRF: National Resistance Front", "Non-state actor overtakes territory"),
    ("NRF forces retook Khinj from the Taliban on Monday, a spokesman said.",
     "NRF: National Resistance Front", "Non-state actor overtakes territory"),
    ("Taliban forces retook two villages in Andarab from the resistance on Monday.",
     "Taliban", "Government regains territory"),
])
def test_territory_that_fell_to_or_was_retaken_by_someone(theatre, text, taker, sub_event_type):
    [event] = extract_events(text, date(2023, 3, 16), theatre)
    assert (event.actor1, event.sub_event_type) == (taker, sub_event_type)
