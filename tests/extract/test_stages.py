"""Each extraction stage on hand-written sentences."""

from datetime import date

import pytest

from sitrep.theatre.fold import lower
from sitrep.extract.attribution import find_claims, quote_bounds
from sitrep.extract.stance import rule_stance
from sitrep.extract.dates import Publication, find_dates, publication
from sitrep.extract.fatalities import find_deaths
from sitrep.extract.numbers import find_numbers
from sitrep.extract.sentences import split_sentences
from sitrep.extract.triggers import find_triggers, most_specific_first
from sitrep.models import SourceKind, Stance


def test_sentences_keep_abbreviations_and_quotes():
    text = 'KABUL, Oct. 4 — Gen. Ahmadi said "two died." Residents fled.\n\nA new paragraph.'
    parts = split_sentences(text)
    assert [s.text for s in parts] == ['KABUL, Oct. 4 — Gen. Ahmadi said "two died."', "Residents fled.", "A new paragraph."]
    assert parts[2].paragraph > parts[1].paragraph
    assert all(text[s.start:s.end] == s.text for s in parts)


@pytest.mark.parametrize("text,value", [
    ("16", 16), ("1,200", 1200), ("nine", 9), ("twenty-one", 21), ("dozens of", 12), ("several", 3), ("a few", 3),
])
def test_number_words(text, value):
    [number] = find_numbers(text)
    assert number.value == value


@pytest.mark.parametrize("expression,published,expected,precision", [
    ("on Tuesday", date(2022, 9, 8), date(2022, 9, 6), 1),
    ("last Sunday", date(2022, 10, 23), date(2022, 10, 16), 1),  # publication day itself is "today"
    ("yesterday", date(2023, 1, 1), date(2022, 12, 31), 1),  # across a year boundary
    ("on December 30", date(2023, 1, 2), date(2022, 12, 30), 1),  # day-month without year: the last one
    ("on 3 January", date(2023, 1, 2), date(2023, 1, 3), 1),  # a day ahead is a time-zone slip, not next year
    ("last night", date(2022, 3, 1), date(2022, 2, 28), 1),  # across a month boundary
    ("this week", date(2022, 9, 14), date(2022, 9, 14), 2),
    ("two weeks ago", date(2024, 9, 3), date(2024, 8, 20), 2),
    ("last month", date(2023, 1, 10), date(2022, 12, 15), 3),
    ("earlier this month", date(2022, 9, 20), date(2022, 9, 10), 3),
    ("last August", date(2022, 3, 1), date(2021, 8, 15), 3),
    ("on Friday, October 21", date(2022, 10, 25), date(2022, 10, 21), 1),
    ("15 September 2021", date(2023, 1, 1), date(2021, 9, 15), 1),
    ("last weekend", date(2024, 2, 5), date(2024, 2, 3), 2),  # on a Monday: the weekend just over
    ("last weekend", date(2024, 2, 4), date(2024, 1, 27), 2),  # on a Sunday: this one is not over yet
])
def test_relative_dates(expression, published, expected, precision):
    [found] = find_dates(f"It happened {expression}, officials said.", published)
    assert (found.value, found.precision) == (expected, precision)


def test_may_the_verb_and_since_are_not_dates():
    assert find_dates("The Taliban may respond; fighting since August 2021 continues.", date(2023, 5, 1)) == []


def test_without_publication_date_only_dates_with_a_year():
    assert [d.value for d in find_dates("On Tuesday, 12 June 2023, two died.", None)] == [date(2023, 6, 12)]


@pytest.mark.parametrize("url,expected", [
    ("https://www.thenationalnews.com/world/2021/09/18/taliban-target/", Publication(date(2021, 9, 18))),
    ("https://sputniknews.com/20211228/taliban-open-fire-1091857111.html", Publication(date(2021, 12, 28))),
    ("https://afintl.com/en/202503022289", Publication(date(2025, 3, 2))),
    ("https://example.org/news/2023-06-08-blast-in-faizabad", Publication(date(2023, 6, 8))),
    # the number after the month is the title's ("30 Taliban killed"), not a day
    ("https://kabulnow.com/2022/10/30-taliban-killed-in-takhar/", Publication(date(2022, 10, 31), day_known=False)),
    ("https://kabulnow.com/2024/02/some-title/", Publication(date(2024, 2, 29), day_known=False)),
    ("https://amu.tv/18671/", None),
    ("https://tass.com/world/1661777", None),
    ("https://example.org/20231399/", None),  # digits that only look like a date
    ("https://2021.example.org/news?date=2021/01/02/", None),  # not the path
    ("", None),
])
def test_publication_from_the_address(url, expected):
    assert publication(None, url) == expected


def test_own_publication_date_wins_over_the_address():
    assert publication(date(2022, 1, 5), "https://x.org/2021/09/18/t/") == Publication(date(2022, 1, 5))


def test_publication_month_resolves_calendar_dates_but_not_relative_ones():
    month = Publication(date(2022, 10, 31), day_known=False)
    text = "On Sunday evening, October 23, fighters attacked. Yesterday two more died. In December a base fell."
    found = [(d.text, d.value, d.precision) for d in find_dates(text, month)]
    # "December" comes after the publication month, so it is last year's
    assert found == [("October 23", date(2022, 10, 23), 1), ("In December", date(2021, 12, 15), 3)]
    assert month.default == (date(2022, 10, 15), 3)
    assert Publication(date(2022, 10, 20)).default == (date(2022, 10, 20), 2)


@pytest.mark.parametrize("sentence,sub_event_type", [
    ("A suicide bomber blew himself up inside the mosque.", "Suicide bomb"),
    ("Pakistani jets struck homes in Khost.", "Air/drone strike"),
    ("A roadside bomb hit a Taliban vehicle.", "Remote explosive/landmine/IED"),
    ("Fighting broke out between the two sides.", "Armed clash"),
    ("Men on a motorbike opened fire on a police patrol.", "Attack"),  # generic: who was hit decides later
    ("Clashes with mortars and rockets lasted all night.", "Armed clash"),  # shelling inside a battle
    ("The Taliban executed three captured men.", "Attack"),
    ("Gunmen kidnapped an aid worker.", "Abduction/forced disappearance"),
    ("Intelligence officers detained two journalists.", "Arrests"),
    ("Taliban fired into the air to disperse the protest.", "Protest with intervention"),
    ("Women staged a protest outside the ministry.", "Peaceful protest"),
])
def test_triggers(sentence, sub_event_type):
    assert most_specific_first(find_triggers(sentence))[0].sub_event_type == sub_event_type


def test_generic_attack_words_are_weak():
    [trigger] = find_triggers("They launched an attack on the post.")
    assert trigger.weak


@pytest.mark.parametrize("sentence,deaths", [
    ("There were no casualties in the raid, the district chief said.", [0]),
    ("Nobody was killed in the blast.", [0]),
    ("The fighting killed three police officers and at least 11 attackers.", [14]),
    ("Police said 19 people were killed and 27 wounded.", [19]),
    ("Nine civilians died and dozens were injured.", [9]),
    ("The death toll rose to 53.", [53]),
    ("More than 100 people were killed and injured.", []),  # a combined figure is not a death count
    ("A 25-year-old man was wounded on 12 June.", []),
    ("Three civilians, a woman and two children among them, were killed on Monday.", [3]),  # an aside
    ("Eight Taliban killed in clash with NRF.", [8]),  # a headline's passive
    ("Two gunmen shot dead a former police officer in Maimana.", [1]),  # the two are the killers
    ("A former soldier was shot dead in Kabul.", [1]),  # one victim, no number
    ("The attack killed a number of Taliban.", []),
    ("The bombing also left six people injured.", []),  # "left" alone is not "left dead"
    ("The blasts left three dead and 18 wounded.", [3]),
    ("The deputy governor was killed together with his driver in a bombing.", [2]),
    ("A Taliban commander was assassinated in Kunduz.", [1]),
    ("Truck bomb kills 11 near army base", [11]),  # a headline's present tense
    ("Market fire leaves four dead and nine hurt", [4]),
    ("The movement claimed the killing of at least 6 soldiers.", [6]),  # a noun of killing
    ("Seven guards were reportedly killed during the night.", [7]),  # an adverb before the verb
    ("Five police, two officers among them, were killed together with 8 attackers.", [13]),
    ("Assailants stopped the two brothers on the road, killing both.", [2]),
    ("Both of them were later shot dead by the guards.", [2]),
    ("A mortar round killed 9 members of one household.", [9]),  # one household is not one dead
    ("Both sides suffered casualties.", []),
])
def test_death_figures(sentence, deaths):
    assert [f.number for f in find_deaths(sentence, 0, len(sentence))] == deaths


def claims(theatre, sentence):
    return [(c.source, c.kind, c.affiliation, rule_stance(c, lower(sentence)))
            for c in find_claims(sentence, 0, len(sentence), theatre)]


@pytest.mark.parametrize("sentence,stance", [
    ("Taliban spokesman Zabihullah Mujahid rejected the reports as baseless.", Stance.DENIES),
    ("The Interior Ministry dismissed the claims as untrue.", Stance.DENIES),
    ("Taliban officials said the reports were false.", Stance.DENIES),
    ("A Taliban spokesman denied that any fighting took place.", Stance.DENIES),
    ("Taliban spokesman Zabihullah Mujahid called the reports lies.", Stance.DENIES),
    ("The Interior Ministry said the report was not accurate.", Stance.DENIES),
    ("The Taliban refuted the allegations.", Stance.DENIES),
    ("Mujahid told AFP the allegations were untrue.", Stance.DENIES),  # a spokesman's surname, named before
    ("Bilal Karimi, deputy Taliban spokesman, dismissed the NRF claims.", Stance.DENIES),
    ("Hamdullah Fitrat, the deputy spokesman, said the video was old.", Stance.DENIES),
    ("Taliban spokesman Zabihullah Mujahid said the attackers were arrested.", Stance.ASSERTS),
])
def test_denials(theatre, sentence, stance):
    [(_, kind, affiliation, found)] = claims(theatre, sentence)
    assert (kind, affiliation, found) == (SourceKind.PARTY, "Taliban", stance)


@pytest.mark.parametrize("clause,quote", [
    ("KABUL, AFGHANISTAN - ISIS-K has claimed the attack.", "ISIS-K has claimed the attack."),  # no dateline
    ("HERAT—Police said two men died.", "Police said two men died."),  # a dash with no space after it
    ("KABUL (Reuters) - Residents said two died.", "Residents said two died."),
    ("Herat: When gunmen stormed a wedding hall in Herat, a western city, late on Saturday evening, " + "x" * 150
     + ", at least 12 wedding guests were killed and 30 more were badly hurt.",
     "at least 12 wedding guests were killed and 30 more were badly hurt."),  # the main clause, not the fronted one
    ("Residents said security forces beat protesters and fired shots into the air, as dozens demanded rights to "
     "education and work on the eve of the anniversary of the takeover, which " + "y" * 90 + ".",
     "Residents said security forces beat protesters and fired shots into the air, as dozens demanded rights to "
     "education and work on the eve of the anniversary of the takeover"),  # cut at the last comma in reach
    ("On Saturday forces beat protesters.", "On Saturday forces beat protesters."),
])
def test_a_quote_is_the_shortest_span_that_carries_the_claim(clause, quote):
    first, last = quote_bounds(clause)
    assert clause[first:last] == quote and len(quote) <= 200


def test_no_comment_is_not_a_denial(theatre):
    assert claims(theatre, "No group immediately claimed responsibility for the attack.") == []
    assert claims(theatre, "The claims could not be independently verified.") == []
    assert claims(theatre, "The UN called for an investigation.") == []
    assert claims(theatre, "The Taliban have not commented on the claim.") == []
    assert claims(theatre, "Taliban officials declined to comment.") == []


@pytest.mark.parametrize("sentence,source,kind", [
    ("According to local sources, eight were killed.", "local sources", SourceKind.ANONYMOUS),
    ('"We heard gunfire all night," a resident told the outlet.', "a resident", SourceKind.WITNESS),
    ("UNAMA said at least two civilians were killed.", "UNAMA", SourceKind.OFFICIAL),
    ("Human Rights Watch said the men were executed.", "Human Rights Watch", SourceKind.NGO),
    ("A video shared on social media appears to show the killings.", "A video shared on social media", SourceKind.SOCIAL),
    ("NRF spokesman Sibghatullah Ahmadi said 18 were killed.", "NRF spokesman Sibghatullah Ahmadi", SourceKind.PARTY),
    # auxiliaries, adverbs, appositions and asides are not part of the name
    ("The group's regional affiliate, known as ISIS-K, has claimed responsibility for the attack.", "ISIS-K",
     SourceKind.PARTY),
    ("The NRF, which is based in Panjshir, has repeatedly said its fighters killed 20 Taliban.", "The NRF",
     SourceKind.PARTY),
    ("UNAMA, in a statement on X, strongly condemned the attack on the mosque.", "UNAMA", SourceKind.OFFICIAL),
    ("The ministry's spokesman, Abdul Wahid Nuri, said the governor had been slain.",
     "The ministry's spokesman, Abdul Wahid Nuri", SourceKind.PARTY),
    ('"We will never stop," the NRF spokesman, Sibghatullah Ahmadi, said.', "the NRF spokesman, Sibghatullah Ahmadi",
     SourceKind.PARTY),
    ("Early Sunday the Islamic State said its men had planted the mine.", "the Islamic State", SourceKind.PARTY),
    ("Taliban officials had put the death toll at 25.", "Taliban officials", SourceKind.PARTY),
    ("Yesterday Taliban officials said two people died.", "Taliban officials", SourceKind.PARTY),
    ("Sunday Times reported that two people died.", "Sunday Times", SourceKind.WITNESS),  # a bare weekday may be a name
    ("The victim's family said he was innocent.", "The victim's family", SourceKind.WITNESS),  # "-ly", not an adverb
    ("Officials in Italy said the plane landed.", "Officials in Italy", SourceKind.PARTY),
    ("The World Health Organization (WHO) said 15 patients were killed.",
     "The World Health Organization (WHO)", SourceKind.OFFICIAL),
])
def test_source_kinds(theatre, sentence, source, kind):
    [(name, found_kind, _, _)] = claims(theatre, sentence)
    assert (name, found_kind) == (source, kind)


def test_a_sentence_that_confirms_and_denies_gives_two_claims(theatre):
    found = claims(theatre, "Taliban officials confirmed that the attack took place but rejected any casualties.")
    assert [stance for *_, stance in found] == [Stance.ASSERTS, Stance.DENIES]
    assert {source for source, *_ in found} == {"Taliban officials"}
