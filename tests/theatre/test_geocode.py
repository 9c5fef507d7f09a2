import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.theatre import load_theatre
from sitrep.theatre.geocode import geocode


def resolve(theatre, text):
    return {m.name: m for m in geocode(text, theatre)}


# Every spelling named in ../shared/gazetteer/README.md "Notes", in a sentence of news.
NOTES = [
    ("Panjshir", "Panjshir", None), ("Panjsher", "Panjshir", None),
    ("Anaba", "Panjshir", "Anaba"), ("Anawa", "Panjshir", "Anaba"), ("Unaba", "Panjshir", "Anaba"),
    ("Onaba", "Panjshir", "Anaba"),
    ("Khenj", "Panjshir", "Khenj"), ("Khinj", "Panjshir", "Khenj"), ("Hissa-e-Awal", "Panjshir", "Khenj"),
    ("Andarab", "Baghlan", "Andarab"), ("Banu", "Baghlan", "Andarab"),
    ("Mazar-i-Sharif", "Balkh", "Mazar-e-Sharif"), ("Mazar-e Sharif", "Balkh", "Mazar-e-Sharif"),
    ("Sar-e Pol", "Sar-e-Pul", None), ("Sari Pul", "Sar-e-Pul", None),
    ("Paktia", "Paktya", None), ("Paktya", "Paktya", None),
    ("Uruzgan", "Uruzgan", None), ("Oruzgan", "Uruzgan", None),
    ("Daykundi", "Daykundi", None), ("Daikundi", "Daykundi", None),
    ("Maidan Wardak", "Wardak", None), ("Wardak", "Wardak", None),
]


@pytest.mark.parametrize("spelling,admin1,admin2", NOTES)
def test_every_noted_spelling_resolves_to_its_unit(theatre, spelling, admin1, admin2):
    found = resolve(theatre, f"Heavy fighting was reported in {spelling} on Tuesday, residents said.")
    assert spelling in found, found
    mention = found[spelling]
    assert (mention.admin1, mention.admin2) == (admin1, admin2)
    if admin2 is None:
        assert mention.geo_precision == 3 and mention.place.kind == "province"


def test_dara_district_of_panjshir_resolves(theatre):
    text = "Clashes broke out in the Dara district of Panjshir province."
    dara = resolve(theatre, text)["Dara"]
    assert (dara.admin1, dara.admin2, dara.geo_precision) == ("Panjshir", "Dara", 2)
    assert text[dara.start:dara.end] == "Dara"
    assert "district" in dara.why and "Panjshir" in dara.why


def test_possessive_and_comma_parents(theatre):
    assert resolve(theatre, "Fighting in Panjshir's Dara district.")["Dara"].admin2 == "Dara"
    assert resolve(theatre, "Fighting in Dara, Panjshir.")["Dara"].admin1 == "Panjshir"


def test_dara_as_a_word_or_a_person_is_not_a_place(theatre):
    assert "dara" not in resolve(theatre, "The Dari word dara means a valley, residents explained.")
    assert resolve(theatre, "Dara said the convoy had left.") == {}


@pytest.mark.parametrize("word", ["Centre", "Bala", "Now", "Char", "Ali", "March", "Friday", "Unknown", "Name"])
def test_common_words_do_not_become_places(theatre, word):
    assert word not in resolve(theatre, f"{word} was mentioned by the spokesman on Friday in a statement.")


def test_a_surname_is_not_a_village(theatre):
    found = resolve(theatre, "Mazuddin Ahmadi, the Taliban's information chief in Herat, said two were killed.")
    assert "Ahmadi" not in found and "Herat" in found


def test_the_document_decides_between_places_of_the_same_name(theatre):
    badakhshan = resolve(theatre, "A blast hit a mosque in Faizabad, the capital of Badakhshan province.")
    assert (badakhshan["Faizabad"].admin1, badakhshan["Faizabad"].geo_precision) == ("Badakhshan", 1)
    jawzjan = resolve(theatre, "In Jawzjan province, gunmen attacked a checkpoint in Fayzabad district.")
    assert jawzjan["Fayzabad"].admin1 == "Jawzjan"


def test_a_local_name_placed_elsewhere_by_the_text_is_refused(theatre):
    found = resolve(theatre, "The blast hit a mosque in Faizabad's Hesa-e-Awal area, Badakhshan.")
    assert "Hesa-e-Awal" not in found and found["Faizabad"].admin1 == "Badakhshan"


def test_precision_follows_acled(theatre):
    found = resolve(theatre, "Gunmen attacked a post near Taloqan and clashes hit Kabul; "
                             "the Taliban sent troops to Takhar province and the Panjshir Valley.")
    assert found["Taloqan"].geo_precision == 2  # near a town
    assert (found["Kabul"].admin2, found["Kabul"].geo_precision) == ("Kabul", 1)  # the capital city
    assert found["Takhar"].geo_precision == 3
    assert (found["Panjshir Valley"].admin1, found["Panjshir Valley"].admin2,
            found["Panjshir Valley"].geo_precision) == ("Panjshir", None, 3)


def test_city_cue_picks_the_town_over_the_province(theatre):
    assert resolve(theatre, "Fighting in Herat province.")["Herat"].geo_precision == 3
    herat = resolve(theatre, "Fighting in the city of Herat.")["Herat"]
    assert (herat.place.kind, herat.geo_precision) == ("town", 1)


def test_perso_arabic_script(theatre):
    found = resolve(theatre, "درگیری در ولسوالی دره ولایت پنجشیر و شهر كابل")
    assert found["پنجشیر"].admin1 == "Panjshir"
    assert found["كابل"].admin1 == "Kabul"


def test_results_carry_coordinates_and_confidence(theatre):
    for mention in geocode("Explosions in Jalalabad and Kandahar city; clashes in Andarab.", theatre):
        assert 29 < mention.latitude < 39 and 60 < mention.longitude < 75
        assert 0 < mention.confidence <= 1 and mention.why


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_geocodes_without_error(text):
    for mention in geocode(text, load_theatre()):
        assert text[mention.start:mention.end] == mention.name


@pytest.mark.parametrize("text,admin1,admin2", [
    ("Clashes were reported in Yaftal district of Badakhshan.", "Badakhshan", "Yaftal-e-Sufla"),  # a short form
    ("Gunfire was heard in Hissa Awwal Kohestan district of Kapisa province.", "Kapisa", "Hisa-e-Awal-e-Kohistan"),
    ("A mine went off in Dand-i-Pattan district of Paktia.", "Paktya", "Dand Wa Patan"),
    ("A raid in Khost district of Khost province.", "Khost", "Matun"),  # not Khost-wa-Firing in Baghlan
])
def test_a_district_spelled_otherwise_is_found_among_its_provinces_districts(theatre, text, admin1, admin2):
    districts = [(m.admin1, m.admin2) for m in geocode(text, theatre) if m.place.kind == "district"]
    assert districts == [(admin1, admin2)]


def test_a_name_like_no_district_of_the_province_named_is_left_alone(theatre):
    assert [m.name for m in geocode("Talks in Geneva district of Kandahar.", theatre)] == ["Kandahar"]


def test_the_place_after_x_district_of_is_the_province(theatre):
    found = [(m.name, m.place.kind, m.admin1) for m in geocode("A strike in the Sperah district of Khost.", theatre)]
    assert found == [("Sperah", "district", "Khost"), ("Khost", "province", "Khost")]
