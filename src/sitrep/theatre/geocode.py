"""Place names in a text → resolved Places with ACLED geo-precision, and the reason for each.

Names are ambiguous: "Dara" is a district of Panjshir, dozens of villages and the Dari word
for valley; "Kabul" is a province, a district and the capital; "Faizabad" is in Badakhshan
and in Jawzjan. The resolver weighs, for every candidate place of a name:
  * the words beside it ("X district", "district of X", "X province", "X village", "city");
  * an explicit parent ("X district of Y province", "Y's X district", "X, Y");
  * where else the document points: provinces and districts named in the same sentence,
    paragraph or document;
  * priors: administrative units before villages, large towns before small ones.
It refuses what it cannot stand behind: lower-case words, names that are also common words
or personal names without a cue, and villages whose district or province the text never
mentions. Every result carries a one-line explanation of the choice.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from sitrep.models import Place
from sitrep.theatre import Theatre
from sitrep.theatre.fold import fold
from sitrep.theatre.matcher import Match

_LEVEL_WORDS = {
    "province": "province", "provinces": "province", "provincial": "province", "wilayat": "province",
    "district": "district", "districts": "district", "wuleswali": "district", "woluswali": "district",
    "city": "town", "town": "town", "capital": "town",
    "village": "village", "villages": "village",
    "valley": "area", "pass": "area", "area": "area", "areas": "area", "region": "area",
    "neighbourhood": "area", "neighborhood": "area", "mountains": "area", "crossing": "area",
}
_NEAR = frozenset({"near", "outskirts", "outside", "vicinity", "around", "nearby", "close", "edge"})
_LOCATIVE = frozenset({"in", "at", "near", "from", "to", "outside", "across", "into", "of", "around"})
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"'“(]?[A-Z\u0600-\u06FF])|\n")
_PARAGRAPH_END = re.compile(r"\n\s*\n")
_BASE_CONFIDENCE = {"province": 0.95, "district": 0.9, "town": 0.85, "village": 0.55}
_KIND_PRIOR = {"province": 2.0, "district": 1.5, "town": 1.0, "village": 0.0}


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class PlaceMention:
    """A place name found in a text and what it was resolved to."""

    name: str
    start: int
    end: int
    place: Place
    admin1: str | None
    admin2: str | None
    location: str
    latitude: float
    longitude: float
    geo_precision: int
    confidence: float
    reasons: tuple[str, ...]  # why this candidate won
    candidates: int
    near: bool
    containers: tuple[str, ...]  # names of the district and province it lies in

    @property
    def why(self) -> str:
        """One line a person can check: the choice, the reasons, where the point comes from."""
        kind = self.place.kind
        choice = f"{kind} {self.place.name}" + (f" ({', '.join(self.containers)})" if self.containers else "")
        because = "; ".join(self.reasons) if self.reasons else (
            "the only place of that name" if self.candidates == 1 else "preferred by size and administrative level")
        if self.place.exact and kind != "province":
            point = "its own coordinates"
        elif kind in ("province", "district"):
            point = "the centroid"
        else:
            point = "the centroid of the " + ("district" if self.admin2 else "province")
        return (f"'{self.name}' → {choice}, out of {self.candidates} candidate(s): {because}. "
                f"Coordinates: {point}; geo_precision {self.geo_precision}" + (" (the text says near)" if self.near else "") + ".")

    def as_dict(self) -> dict:
        return {
            "name": self.name, "start": self.start, "end": self.end, "place_id": self.place.id,
            "kind": self.place.kind, "admin1": self.admin1, "admin2": self.admin2,
            "location": self.location, "latitude": self.latitude, "longitude": self.longitude,
            "geo_precision": self.geo_precision, "confidence": self.confidence, "why": self.why,
        }


@dataclass(slots=True)
class _Found:
    match: Match[tuple[str, ...]]
    surface: str
    sentence: int
    paragraph: int
    cue: str | None  # what the neighbouring words say the name is
    near: bool
    locative: bool
    after_name: bool  # a capitalised word stands right before it: likely part of a person's name
    parents: frozenset[str] = frozenset()  # provinces of a place the text names as its parent


def geocode(text: str, theatre: Theatre, folded: str | None = None) -> list[PlaceMention]:
    """Every place the text names that can be resolved with confidence, in text order.
    Pass `folded` (= fold(text)) when the caller has it already."""
    folded = fold(text) if folded is None else folded
    sentences = [m.end() for m in _SENTENCE_END.finditer(text)]
    paragraphs = [m.end() for m in _PARAGRAPH_END.finditer(text)]
    found = [
        _describe(match, text, folded, sentences, paragraphs)
        for match in theatre.place_matcher.find(text, folded)
        if _looks_like_a_name(text[match.start : match.end]) and not _part_of_longer_name(text, match)
    ]
    _link_parents(found, folded, theatre)
    context = _Context(theatre)
    for item in found:  # first pass: what the unambiguous names say about the document
        ids = item.match.value
        if item.match.key not in theatre.ambiguous and len(_provinces_of(ids, theatre)) == 1:
            context.add(_province_id(theatre, ids[0]), item)
    mentions = []
    for item in found:
        mention = _resolve(item, theatre, context)
        if mention is not None:
            mentions.append(mention)
            context.add(_province_id(theatre, mention.place.id), item)
    return _respelled_districts(text, folded, _provinces_in_lists(mentions, found, folded, theatre), theatre)


# "Hissa Awwal Kohestan district of Kapisa": a district spelled otherwise than any source does,
# with the word "district" after it and its province named after that.
_NAMED_DISTRICT = re.compile(r"\b((?:[A-Z][\w'’]*(?:-[\w'’]+)*\s+){0,3}[A-Z][\w'’]*(?:-[\w'’]+)*)\s+district\s+(?:of|in)\s+")
_RESPELLED = 86  # rapidfuzz WRatio (0-100) a spelling needs to a district name of the province


def _respelled_districts(text: str, folded: str, mentions: list[PlaceMention],
                         theatre: Theatre) -> list[PlaceMention]:
    """Districts the gazetteer knows under another spelling, matched by similarity among the
    districts of the province the text names right after them ('X district of Y'). A name
    inside that spelling resolved to another province (a Panjshir variant of "Hissa Awal" inside
    "Hissa Awwal Kohestan district of Kapisa") gives way to it."""
    from rapidfuzz import fuzz, process  # only reports that need it pay for the import

    starts = {m.start: m for m in mentions}
    offsets = [m.start for m in mentions]  # in text order: the ones inside a span found by bisection
    dropped: set[int] = set()
    found = []
    for named in _NAMED_DISTRICT.finditer(text):
        start, end = named.span(1)
        province = starts.get(named.end())
        if province is None or province.place.kind != "province":
            continue
        first = bisect.bisect_left(offsets, start)
        if first and mentions[first - 1].end > start:
            first -= 1
        inside = [m for m in mentions[first : bisect.bisect_left(offsets, end)] if m.end > start]
        if any(m.admin1 == province.admin1 for m in inside):
            continue  # already resolved, and where the text says
        choices = theatre.district_keys.get(province.place.id, {})
        best = process.extractOne(folded[start:end].strip(), list(choices), scorer=fuzz.WRatio, score_cutoff=_RESPELLED)
        if best is None:
            continue
        dropped.update(id(m) for m in inside)
        key, similarity, _ = best
        item = _Found(match=Match(start, end, key, (choices[key],)), surface=text[start:end], sentence=0, paragraph=0,
                      cue="district", near=False, locative=True, after_name=False)
        found.append(_mention(item, theatre.places[choices[key]], theatre,
                              [f"spelled like {theatre.places[choices[key]].name} ({similarity:.0f}%), a district of "
                               f"{province.place.name}"], 3.0 * similarity / 100, 1))
    if not found:
        return mentions
    return sorted([m for m in mentions if id(m) not in dropped] + found, key=lambda m: m.start)


def _provinces_in_lists(mentions: list[PlaceMention], found: list[_Found], folded: str,
                        theatre: Theatre) -> list[PlaceMention]:
    """'Kabul, Takhar and Nangarhar': a name listed with provinces is itself the province."""
    by_start = {item.match.start: item for item in found}
    result = list(mentions)
    for index, mention in enumerate(mentions):
        if mention.place.kind == "province" or by_start[mention.start].cue:
            continue
        province = theatre.province_of(mention.place)
        item = by_start[mention.start]
        if province is None or province.id not in item.match.value:
            continue
        neighbours = [m for m in mentions[max(0, index - 1) : index + 2] if m is not mention]
        listed = [m for m in neighbours if m.place.kind == "province"
                  and folded[min(m.end, mention.end) : max(m.start, mention.start)].split() in ([], ["and"], ["or"])]
        if listed:
            result[index] = _mention(item, province, theatre, ["listed with other provinces"], 3.0, len(item.match.value))
    return result


_IZAFE_AFTER = re.compile(r"^(?:-(?:e|i|ye|y)-?|\s(?:e|i)-)\s?[A-Z]")
_IZAFE_BEFORE = re.compile(r"[A-Z][\w’']*(?:-(?:e|i|ye)-?|-(?:e|i) |\s(?:e|i)-)$")


def _part_of_longer_name(text: str, match: Match) -> bool:
    """'Dasht' in 'Dasht-e Khwaja': the first or last word of a compound name the gazetteer
    does not know is not a place of its own."""
    return bool(_IZAFE_AFTER.match(text[match.end : match.end + 6])
                or _IZAFE_BEFORE.search(text[max(0, match.start - 25) : match.start]))


def _looks_like_a_name(surface: str) -> bool:
    """Place names are capitalised in Latin script; Perso-Arabic script has no case."""
    first = surface[0]
    return first.isupper() or not first.isascii() and not first.islower()


def _describe(match, text, folded, sentences, paragraphs) -> _Found:
    before = folded[max(0, match.start - 60) : match.start].split()[-3:]
    after = folded[match.end : match.end + 40].split()[:2]
    cue = None
    if after and after[0] in _LEVEL_WORDS:
        cue = _LEVEL_WORDS[after[0]]
    elif len(before) >= 2 and before[-1] == "of" and before[-2] in _LEVEL_WORDS:
        cue = _LEVEL_WORDS[before[-2]]
    elif before and before[-1] == "city":
        cue = "town"
    else:  # an appositive: "Taloqan, a northern city", "Charikar, the capital of Parwan"
        appositive = folded[match.end : match.end + 50].split()[:4]
        if appositive[:1] in (["a"], ["the"]) and {"city", "town", "capital"} & set(appositive[1:]):
            cue = "town"
    window = text[max(0, match.start - 40) : match.start].rstrip()
    previous = window.rsplit(None, 1)
    after_name = bool(previous) and previous[-1][:1].isupper() and previous[-1][-1:].isalpha() and (
        window[-1:].isalpha())
    return _Found(
        match=match,
        surface=text[match.start : match.end],
        sentence=bisect.bisect_right(sentences, match.start),
        paragraph=bisect.bisect_right(paragraphs, match.start),
        cue=cue,
        near=bool(_NEAR.intersection(before)),
        locative=bool(before) and before[-1] in _LOCATIVE,
        after_name=after_name,
    )


def _link_parents(found: list[_Found], folded: str, theatre: Theatre) -> None:
    """'Dara district of Panjshir', 'Dara in Panjshir', 'Dara, Panjshir', "Herat's
    Jebrael area", 'Jebrael, a neighbourhood of Herat': a place named right after
    (or possessively right before) a name contains it."""
    for left, right in zip(found, found[1:]):
        if right.match.start - left.match.end > 30:
            continue
        words = folded[left.match.end : right.match.start].split()
        left_is_province = any(theatre.places[i].kind == "province" for i in left.match.value)
        if (words[-1:] in (["of"], ["in"]) and len(words) <= 3) or (
            words in ([], ["district"], ["city"], ["village"], ["valley"]) and not left_is_province
            and all(theatre.places[i].kind == "province" for i in right.match.value)
        ):
            left.parents = _provinces(right, theatre)
            if words[:1] == ["district"] and right.cue in (None, "district") and any(
                    theatre.places[i].kind == "province" for i in right.match.value):
                right.cue = "province"  # "Arghandab district of Kandahar": the province
        if words == ["s"]:
            right.parents = _provinces(left, theatre)


def _provinces(item: _Found, theatre: Theatre) -> frozenset[str]:
    return _provinces_of(item.match.value, theatre) - {None}


@lru_cache(maxsize=16384)
def _provinces_of(place_ids: tuple[str, ...], theatre: Theatre) -> frozenset[str | None]:
    """The provinces the places of one name lie in (None for a place outside any). Cached: a
    name like "Dara" is borne by dozens of villages, and the same names recur report after report."""
    return frozenset(theatre.province_ids[i] for i in place_ids)


class _Context:
    """Where the document has been pointing so far: how often each province was named, by
    sentence and paragraph (counts, so that a long document costs no more per name)."""

    def __init__(self, theatre: Theatre) -> None:
        self.theatre = theatre
        self.sentences: Counter[tuple[str, int]] = Counter()
        self.paragraphs: Counter[tuple[str, int]] = Counter()
        self.totals: Counter[str] = Counter()
        self.recorded: set[tuple[str, int]] = set()  # (province, start) already counted

    def add(self, province_id: str | None, item: _Found) -> None:
        if province_id and (province_id, item.match.start) not in self.recorded:
            self.recorded.add((province_id, item.match.start))
            self.sentences[province_id, item.sentence] += 1
            self.paragraphs[province_id, item.paragraph] += 1
            self.totals[province_id] += 1

    def support(self, province_id: str | None, item: _Found) -> tuple[float, str]:
        """How strongly the rest of the document (not this very name) points at a province."""
        if not province_id:
            return 0.0, ""
        own = 1 if (province_id, item.match.start) in self.recorded else 0
        if self.sentences[province_id, item.sentence] > own:
            return 3.0, "its province is named in the same sentence"
        if self.paragraphs[province_id, item.paragraph] > own:
            return 2.0, "its province is named in the same paragraph"
        if self.totals[province_id] > own:
            return 1.5, "its province is named elsewhere in the document"
        return 0.0, ""


def _province_id(theatre: Theatre, place_id: str) -> str | None:
    return theatre.province_ids[place_id]


def _kind_class(place: Place) -> str:
    if place.kind in ("province", "district", "town", "village"):
        return place.kind
    return "area"


def _resolve(item: _Found, theatre: Theatre, context: _Context) -> PlaceMention | None:
    ambiguous = item.match.key in theatre.ambiguous
    scored = []
    for place_id in item.match.value:
        place = theatre.places[place_id]
        kind = _kind_class(place)
        province_id = _province_id(theatre, place_id)
        support, support_why = context.support(province_id, item)
        reasons = []
        score = _KIND_PRIOR.get(kind, 1.6)
        if place.population:
            score += math.log10(place.population) / 7 + (1.2 if place.population >= 1_000_000 else 0)
        if item.cue:
            if item.cue == kind or (item.cue == "town" and place.capital):
                score += 5
                reasons.append(f"the text calls it a {item.cue}")
            elif item.cue == "area" and kind in ("town", "village", "district"):
                score += 0.5
            else:
                score -= 5
        if item.parents:
            if province_id not in item.parents or place.kind == "province":
                continue  # the text puts it somewhere this candidate is not
            score += 6
            reasons.append(f"the text places it in {theatre.places[province_id].name}")
        if support:
            score += support
            reasons.append(support_why.replace("its province is", "it is also") if place.kind == "province"
                           else support_why)
        if kind == "village" and not (support or item.cue == "village"):
            continue  # a village needs its surroundings named: thousands share common names
        if ambiguous and not (item.cue or item.parents or (item.locative and support and kind != "province")):
            continue  # also a common word or a personal name, and nothing marks it as a place
        if item.after_name and kind in ("village", "town") and not (item.cue or item.parents):
            continue  # "Mazuddin Ahmadi": the end of a person's name, not a village
        scored.append((score, place.population or 0, place, reasons))
    if not scored:
        return None
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    score, _, place, reasons = scored[0]
    # Confidence depends on the best rival somewhere else: a town and the district that bears
    # its name are the same answer on the map.
    home = theatre.district_of(place) or theatre.province_of(place)
    # (places are one object per id in a theatre: compared by identity, not field by field)
    rivals = [entry[0] for entry in scored[1:]
              if (theatre.district_of(entry[2]) or theatre.province_of(entry[2])) is not home
              and theatre.province_of(entry[2]) is not (place if place.kind == "province" else None)]
    margin = score - rivals[0] if rivals else 3.0
    return _mention(item, place, theatre, reasons, margin, len(scored))


def _mention(item: _Found, place: Place, theatre: Theatre, reasons: list[str], margin: float,
             candidates: int) -> PlaceMention:
    province = theatre.province_of(place)
    district = theatre.district_of(place)
    kind = _kind_class(place)
    if place.kind == "province":
        precision = 3
    elif kind in ("town", "village") or (kind == "area" and place.exact):
        precision = 2 if item.near else 1
    elif kind == "area" and place.admin_level <= 2:
        precision = 3  # a feature spanning a province, e.g. the Panjshir Valley
    else:
        precision = 2
    base = _BASE_CONFIDENCE.get(kind, 0.8)
    confidence = round(base * (0.6 + 0.4 * min(1.0, max(margin, 0.0) / 3.0)), 2)
    return PlaceMention(
        name=item.surface, start=item.match.start, end=item.match.end, place=place,
        admin1=province.name if province else None,
        admin2=district.name if district and not (kind == "area" and place.admin_level <= 2) else None,
        location=item.surface, latitude=place.latitude, longitude=place.longitude,
        geo_precision=precision, confidence=confidence, reasons=tuple(reasons), candidates=candidates,
        near=item.near, containers=tuple(p.name for p in (district, province) if p and p.id != place.id),
    )
