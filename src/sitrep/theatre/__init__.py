"""Theatre knowledge: places, actors and lexicons of one conflict theatre, loaded from data.

A theatre is a folder of data files inside this package (places.json.gz, actors.json, …);
the code here is the same for every country. `load_theatre("afghanistan")` reads one and
builds its matchers once per process.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path

from sitrep.models import Actor, Place
from sitrep.theatre.fold import fold_name
from sitrep.theatre.matcher import NameMatcher

DEFAULT_THEATRE = "afghanistan"


@dataclass(frozen=True, eq=False)  # one per theatre and process: compared and hashed by identity
class Theatre:
    name: str
    country: str
    iso: int
    iso3: str
    region: str
    places: dict[str, Place]
    keys: dict[str, tuple[str, ...]]  # folded name → ids of the places that bear it
    ambiguous: frozenset[str]  # folded names that are also common words or personal names
    actors: dict[str, Actor]
    folder: Path = field(repr=False)

    def province_of(self, place: Place) -> Place | None:
        return self._containers[place.id][0]

    def district_of(self, place: Place) -> Place | None:
        return self._containers[place.id][1]

    @cached_property
    def _containers(self) -> dict[str, tuple[Place | None, Place | None]]:
        """Each place's province and district, worked out once (the resolver asks constantly)."""
        found = {}
        for start in self.places.values():
            province = district = None
            place: Place | None = start
            while place is not None:
                if place.kind == "district" and district is None:
                    district = place
                if place.kind == "province":
                    province = place
                    break
                place = self.places.get(place.parent_id) if place.parent_id else None
            found[start.id] = (province, district)
        return found

    @cached_property
    def lexicon(self) -> dict[str, list[str]]:
        """This theatre's own phrase lists (lexicon.json): they add to the language's lexicons."""
        path = self.folder / "lexicon.json"
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        data.pop("_about", None)
        return data

    @cached_property
    def province_ids(self) -> dict[str, str | None]:
        """Each place id → the id of its province (the resolver's most frequent question)."""
        return {place_id: (province.id if province else None) for place_id, (province, _) in self._containers.items()}

    @cached_property
    def district_keys(self) -> dict[str, dict[str, str]]:
        """Province id → the folded names of its districts → the district's id: where a
        spelling no source has is compared with the names it may be."""
        by_province: dict[str, dict[str, str]] = {}
        for key, ids in self.keys.items():
            for place_id in ids:
                place = self.places[place_id]
                province = self.province_ids.get(place_id)
                if place.kind == "district" and province:
                    by_province.setdefault(province, {}).setdefault(key, place_id)
        return by_province

    @cached_property
    def place_matcher(self) -> NameMatcher[tuple[str, ...]]:
        return NameMatcher(self.keys.items())

    @cached_property
    def surnames(self) -> dict[str, str]:
        """A member's surname alone ("Mujahid said") → their actor, for surnames no other
        actor's member shares ("Ahmadi" speaks for the Taliban and for the NRF: left out)."""
        found: dict[str, set[str]] = {}
        for actor in self.actors.values():
            for member in actor.members:
                last = member.split()[-1].lower()
                if len(member.split()) > 1 and len(last) >= 5:
                    found.setdefault(last, set()).add(actor.name)
        return {last: next(iter(names)) for last, names in found.items() if len(names) == 1}

    @cached_property
    def actor_matcher(self) -> NameMatcher[tuple[str, str]]:
        """Folded alias or member name → (actor name, the alias as written in the dictionary)."""
        return NameMatcher(
            (fold_name(alias), (actor.name, alias))
            for actor in self.actors.values()
            for alias in (*actor.aliases, *actor.members)
        )


@lru_cache(maxsize=8)
def load_theatre(name: str = DEFAULT_THEATRE) -> Theatre:
    folder = Path(str(files("sitrep.theatre") / name))
    if not (folder / "places.json.gz").is_file():
        raise ValueError(f"unknown theatre {name!r}: no {folder / 'places.json.gz'}")
    with gzip.open(folder / "places.json.gz", "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    places: dict[str, Place] = {}
    keys: dict[str, list[str]] = {}
    for row in data["places"]:
        places[row["id"]] = Place(
            id=row["id"], name=row["name"], kind=row["kind"], admin_level=row["level"],
            parent_id=row["parent"], latitude=row["lat"], longitude=row["lon"],
            alternate_names=tuple(row["names"]), population=row.get("population"),
            capital=row.get("capital", False), exact=row.get("exact", row["kind"] in ("town", "village")),
        )
        for key in row["keys"]:
            keys.setdefault(key, []).append(row["id"])
    actors = {}
    if (folder / "actors.json").is_file():
        for row in json.loads((folder / "actors.json").read_text(encoding="utf-8"))["actors"]:
            actors[row["name"]] = Actor(name=row["name"], inter_code=row["inter"], aliases=tuple(row["aliases"]),
                                        members=tuple(row["members"]), party=row["party"])
    return Theatre(
        name=data["theatre"], country=data["country"], iso=data["iso"], iso3=data["iso3"],
        region=data["region"], places=places, keys={k: tuple(v) for k, v in keys.items()},
        ambiguous=frozenset(data["ambiguous"]), actors=actors, folder=folder,
    )
