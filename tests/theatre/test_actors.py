import pytest

from sitrep.theatre.actors import find_actors

ANNOTATION_NAMES = {
    "Taliban", "NRF: National Resistance Front", "AFF: Afghanistan Freedom Front",
    "ALF: Afghanistan Liberation Front", "ISKP: Islamic State Khorasan Province",
    "TTP: Tehrik-i-Taliban Pakistan", "Military Forces of Pakistan", "Military Forces of Iran",
    "Civilians (Afghanistan)", "Protesters (Afghanistan)", "Unidentified Armed Group (Afghanistan)",
    "Former ANDSF members", "Activists (Afghanistan)", "Journalists (Afghanistan)",
}


def actors_in(theatre, text):
    return [(m.name, m.actor.name) for m in find_actors(text, theatre)]


def test_every_canonical_name_of_the_annotation_guide_is_an_actor(theatre):
    assert ANNOTATION_NAMES <= set(theatre.actors)
    assert all(actor.inter_code in range(1, 9) for actor in theatre.actors.values())


@pytest.mark.parametrize("alias,actor", [
    ("the Islamic Emirate", "Taliban"), ("de facto authorities", "Taliban"),
    ("the Ministry of Interior", "Taliban"), ("the GDI", "Taliban"),
    ("the National Resistance Front", "NRF: National Resistance Front"),
    ("IS-K", "ISKP: Islamic State Khorasan Province"), ("ISIS-K", "ISKP: Islamic State Khorasan Province"),
    ("Daesh", "ISKP: Islamic State Khorasan Province"),
    ("the Pakistani Taliban", "TTP: Tehrik-i-Taliban Pakistan"),
    ("Pakistani jets", "Military Forces of Pakistan"), ("Iranian border guards", "Military Forces of Iran"),
    ("unknown gunmen", "Unidentified Armed Group (Afghanistan)"),
    ("two former soldiers", "Former ANDSF members"),
])
def test_aliases(theatre, alias, actor):
    assert actors_in(theatre, f"On Monday {alias} were involved, officials said.")[-1][1] == actor


@pytest.mark.parametrize("leader,actor", [
    ("Ahmad Massoud", "NRF: National Resistance Front"), ("Amrullah Saleh", "NRF: National Resistance Front"),
    ("Zabihullah Mujahid", "Taliban"), ("Mullah Mohammad Fazl", "Taliban"),
    ("Atta Mohammad Noor", "Jamiat-e Islami"), ("Salahuddin Rabbani", "Jamiat-e Islami"),
])
def test_named_leaders_map_to_their_group(theatre, leader, actor):
    [mention] = find_actors(f"{leader} said on Sunday that talks had failed.", theatre)
    assert (mention.actor.name, mention.member) == (actor, True)


def test_longest_name_wins_and_acronyms_need_capitals(theatre):
    assert actors_in(theatre, "Pakistani Taliban fighters crossed.") == [("Pakistani Taliban", "TTP: Tehrik-i-Taliban Pakistan")]
    assert actors_in(theatre, "It is what it is; the alf and nrf words.") == []
    assert [a for _, a in actors_in(theatre, "The NRF and ISIS claimed attacks.")] == [
        "NRF: National Resistance Front", "ISKP: Islamic State Khorasan Province"]


def test_anti_names_the_opponents(theatre):
    assert actors_in(theatre, "Anti-Taliban fighters attacked a post.") == []
    assert [a for _, a in actors_in(theatre, "The anti-Taliban National Resistance Front said so.")] == [
        "NRF: National Resistance Front"]
    assert [a for _, a in actors_in(theatre, "Pro-Taliban militia attacked a post.")] == ["Taliban"]
