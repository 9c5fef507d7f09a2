"""The shipped theatre data: complete, consistent with itself, small enough to ship."""

import json

import pytest

from sitrep.theatre import load_theatre

PROVINCES = {"Badakhshan", "Badghis", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah", "Faryab", "Ghazni",
             "Ghor", "Helmand", "Herat", "Jawzjan", "Kabul", "Kandahar", "Kapisa", "Khost", "Kunar", "Kunduz",
             "Laghman", "Logar", "Nangarhar", "Nimroz", "Nuristan", "Paktika", "Paktya", "Panjshir", "Parwan",
             "Samangan", "Sar-e-Pul", "Takhar", "Uruzgan", "Wardak", "Zabul"}


def test_counts_and_canonical_province_names(theatre):
    kinds = [p.kind for p in theatre.places.values()]
    assert {p.name for p in theatre.places.values() if p.kind == "province"} == PROVINCES
    assert 390 <= kinds.count("district") <= 410
    assert kinds.count("town") >= 300 and kinds.count("village") >= 8000
    assert {"valley", "pass"} <= set(kinds)


def test_every_place_lies_in_a_province_inside_the_country(theatre):
    for place in theatre.places.values():
        assert theatre.province_of(place) is not None, place.id
        assert 29 < place.latitude < 39 and 60 < place.longitude < 75.5, place.id


def test_dari_names_are_carried(theatre):
    assert "پنجشیر" in theatre.places["AF08"].alternate_names


def test_boundaries_are_small_and_named_like_the_gazetteer(theatre):
    folder = theatre.folder / "boundaries"
    for name in ("provinces.geojson", "districts.topojson"):
        assert (folder / name).stat().st_size <= 1024 * 1024
    provinces = json.loads((folder / "provinces.geojson").read_text())
    assert {f["properties"]["province"] for f in provinces["features"]} == PROVINCES
    topo = json.loads((folder / "districts.topojson").read_text())
    named = [g["properties"] for g in topo["objects"]["districts"]["geometries"] if g["properties"].get("pcode")]
    assert len(named) >= 390
    for props in named:
        place = theatre.places[props["pcode"]]
        assert (place.name, theatre.province_of(place).name) == (props["district"], props["province"])


def test_unknown_theatre_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown theatre"):
        load_theatre("atlantis")
