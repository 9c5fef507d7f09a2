"""Build the Afghanistan theatre's package data from the raw sources in ../shared/gazetteer/.

Run at development time (needs the `build` extra for shapely); the output is committed:

    python scripts/build_gazetteer.py [--shared ../shared/gazetteer]

Writes, under src/sitrep/theatre/afghanistan/:
  places.json.gz            provinces, districts, towns, villages and natural features, each
                            with display names and the folded keys the matcher looks up
  boundaries/provinces.geojson   province outlines (districts dissolved, simplified)
  boundaries/districts.topojson  district outlines with P-codes and gazetteer names
Sources and their licences are credited in NOTICE.md beside the data.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from sitrep.theatre.fold import fold_name

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sitrep" / "theatre" / "afghanistan"

# Words in source names that mean "district of", "province", "centre": not part of the name.
_ADMIN_WORDS = re.compile(
    r"\b(wuleswali|woluswali|wuluswali|olusvali|oluswali|uluswali|vulusvali|vulesvali|"
    r"woludwali|wulêswālī|district|province|wilayat|welayat)\b|ولسوالی|ولسوالي|ولایت|ولايت",
    re.IGNORECASE,
)
_IZAFE = ("e", "i", "ye")
_AND = ("wa", "va", "o", "and")
_SCRIPTS_KEPT = re.compile(r"^[A-Z\u0600-\u06FF]")


def ascii_name(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def clean(name: str) -> str:
    """A source name without admin words and stray punctuation; '' if nothing is left."""
    name = _ADMIN_WORDS.sub(" ", name)
    return " ".join(name.replace("(", " ").replace(")", " ").split()).strip(" -,")


def keys_for(names: set[str]) -> list[str]:
    """Every folded spelling news uses for these names: izafe and 'wa' forms, joined forms."""
    keys: set[str] = set()
    for name in names:
        base = fold_name(clean(name))
        if not base:
            continue
        keys.add(base)
        tokens = base.split()
        for i, token in enumerate(tokens[1:-1], 1):
            if token in _IZAFE:  # "pul e khumri" → "pul i khumri", "pule khumri", "pul khumri"
                rest = tokens[i + 1 :]
                for link in _IZAFE:
                    keys.add(" ".join([*tokens[:i], link, *rest]))
                    keys.add(" ".join([*tokens[: i - 1], tokens[i - 1] + link, *rest]))
                keys.add(" ".join([*tokens[:i], *rest]))
            if token in _AND:
                for link in _AND:
                    keys.add(" ".join([*tokens[:i], link, *tokens[i + 1 :]]))
        for i, token in enumerate(tokens[:-1]):  # attached izafe: "puli khumri" → "pul e khumri"
            if len(token) > 3 and token[-1] in "ie" and tokens[i + 1] not in _IZAFE:
                for link in _IZAFE:
                    keys.add(" ".join([*tokens[:i], token[:-1], link, *tokens[i + 1 :]]))
        if len(tokens) > 1:
            keys.add("".join(tokens))
    return sorted(k for k in keys if len(k) >= 3 and not k.isdigit())


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def build(shared: Path) -> None:
    curated = json.loads((OUT / "curated.json").read_text(encoding="utf-8"))
    districts = read_csv(shared / "afg_districts_ocha2018.csv")
    places: list[dict] = []

    # Provinces ------------------------------------------------------------------------------
    province_polygons = {
        f["properties"]["ADM1_PCODE"]: shape(f["geometry"])
        for f in json.loads((shared / "ocha-agcho-2018" / "afg_adm1_ocha2018.geojson").read_text())["features"]
    }
    province_of_ocha: dict[str, str] = {}  # OCHA English name → pcode
    province_names: dict[str, set[str]] = defaultdict(set)
    for row in districts:
        province_of_ocha[row["adm1_en"]] = row["adm1_pcode"]
        province_names[row["adm1_pcode"]] |= {row["adm1_en"], row["adm1_da"]}
    canonical_province: dict[str, str] = {}
    for ocha_name, entry in curated["provinces"].items():
        pcode = province_of_ocha[ocha_name]
        canonical_province[pcode] = entry["name"]
        province_names[pcode] |= {entry["name"], *entry["variants"]}
    for row in read_csv(shared / "ocha-agcho-2018" / "province_key_2019.csv"):
        pcode = province_of_ocha.get(row["province_name_eng"]) or _by_name(row["province_name_eng"], canonical_province)
        province_names[pcode] |= {row["province_name_dari"], row["province_name_pashto"]}
    for line in (shared / "geonames" / "AF_admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        _, name, asciiname, _ = line.split("\t")
        pcode = _by_name(name, canonical_province, province_names)
        if pcode:
            province_names[pcode] |= {name, asciiname}
    for pcode, names in sorted(province_names.items()):
        centre = province_polygons[pcode].centroid
        places.append(_place(pcode, canonical_province[pcode], "province", 1, "AF", centre.y, centre.x, None, names))

    # Districts ------------------------------------------------------------------------------
    iec_names: dict[str, set[str]] = defaultdict(set)
    for row in read_csv(shared / "ocha-agcho-2018" / "district_code_keyfile_2019.csv"):
        for column, value in row.items():
            if column.endswith("district_name_eng") and value and not re.search(r"CENT(ER|RE)|NAHIA|\d", value):
                iec_names[row["2018_UNOCHA_district_code"]].add(value.title())
    placeholders = {fold_name(n) for n in curated["placeholders"]["names"]}
    district_by_gb_name: dict[tuple[str, str], str] = {}
    for row in districts:
        pcode = row["adm2_pcode"]
        override = curated["districts"].get(pcode, {})
        names = {row["adm2_en"], row["adm2_da"], *override.get("variants", []), *iec_names[pcode]}
        names |= {n for n in (row["alt1_en"], row["alt2_en"]) if n and n not in ("Centre", "Center")}
        names |= {part for part in re.split(r"[()]", row["gb_shapeName"]) if part.strip()}
        names |= {part for part in re.split(r"[()]", row["adm2_da"]) if part.strip()}
        names = {n for n in names if n and fold_name(n) not in placeholders}  # a source's "Unknown", "#Name?"
        district_by_gb_name[(row["adm1_pcode"], fold_name(row["gb_shapeName"]))] = pcode
        district_by_gb_name[(row["adm1_pcode"], fold_name(row["adm2_en"]))] = pcode
        capital = "Centre" in (row["alt1_en"], row["alt2_en"])
        places.append(_place(pcode, override.get("name", row["adm2_en"]), "district", 2, row["adm1_pcode"],
                             float(row["lat"]), float(row["lon"]), None, names, capital=capital or None))

    # Towns (GeoNames) -------------------------------------------------------------------------
    for row in read_csv(shared / "afg_towns_geonames500.csv"):
        display = clean(ascii_name(row["name"])) or ascii_name(row["name"])
        alternates = {a for a in row["alternatenames"].split("|") if _SCRIPTS_KEPT.match(a)}
        places.append(_place(f"gn:{row['geonameid']}", display, "town", 3, row["adm2_pcode"],
                             float(row["lat"]), float(row["lon"]), int(row["population"] or 0),
                             {row["name"], display, *alternates}))

    # Villages (lower confidence) -------------------------------------------------------------
    province_by_village_name = {**{fold_name(n): p for p, names in province_names.items() for n in names}}
    village_districts = defaultdict(list)
    for pcode_district, pcode_province in ((r["adm2_pcode"], r["adm1_pcode"]) for r in districts):
        village_districts[pcode_province].append(pcode_district)
    district_names = {r["adm2_pcode"]: [fold_name(r["gb_shapeName"]), fold_name(r["adm2_en"])] for r in districts}
    unplaced = 0
    for village in json.loads((shared / "villages" / "villages.json").read_text(encoding="utf-8")):
        province = province_by_village_name.get(fold_name(village["Province"]))
        district = _village_district(village["District"], province, district_by_gb_name, village_districts, district_names)
        name = " ".join(w[:1].upper() + w[1:] for w in village["Village Name"].split())
        if not province or not district or len(fold_name(name)) < 4:
            unplaced += 1
            continue
        places.append(_place(f"vl:{village['No']}", name, "village", 3, district,
                             village["Latitude"], village["Longitude"], None, {name}))

    # Natural features and landmarks ----------------------------------------------------------
    by_id = {p["id"]: p for p in places}
    for feature in curated["features"]:
        parent = by_id[feature["parent"]]
        lat, lon = feature.get("lat", parent["lat"]), feature.get("lon", parent["lon"])
        level = 2 if parent["level"] == 1 else 3
        places.append(_place(feature["id"], feature["name"], feature["kind"], level, feature["parent"],
                             lat, lon, None, {feature["name"], *feature["variants"]},
                             exact=("lat" in feature) or None))

    ambiguous = sorted({fold_name(n) for n in curated["ambiguous"]["names"]})
    data = {"theatre": "afghanistan", "country": "Afghanistan", "iso": 4, "iso3": "AFG",
            "region": "Southern Asia", "ambiguous": ambiguous, "places": places}
    with gzip.open(OUT / "places.json.gz", "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
    counts = defaultdict(int)
    for place in places:
        counts[place["kind"]] += 1
    print(f"places: {dict(counts)}; villages without a district: {unplaced}; "
          f"keys: {sum(len(p['keys']) for p in places):,}")
    build_boundaries(shared, districts, canonical_province)


def build_boundaries(shared: Path, districts: list[dict[str, str]], canonical_province: dict[str, str]) -> None:
    out = OUT / "boundaries"
    out.mkdir(exist_ok=True)
    by_shape = {r["gb_shapeID"]: r for r in districts if r["gb_shapeID"]}
    display = {p["id"]: p["name"] for p in _read_places() if p["level"] == 2 and p["kind"] == "district"}
    topo = json.loads((shared / "geoboundaries" / "geoBoundaries-AFG-ADM2_simplified.topojson").read_text())
    [layer] = topo["objects"].values()
    for geometry in layer["geometries"]:
        row = by_shape.get(geometry["properties"]["shapeID"])
        geometry["properties"] = (
            {"pcode": row["adm2_pcode"], "district": display[row["adm2_pcode"]],
             "province_pcode": row["adm1_pcode"], "province": canonical_province[row["adm1_pcode"]]}
            if row else {"pcode": None, "district": geometry["properties"]["shapeName"]}
        )
    topo["objects"] = {"districts": layer}
    (out / "districts.topojson").write_text(json.dumps(topo, separators=(",", ":")), encoding="utf-8")

    shapes = json.loads((shared / "geoboundaries" / "geoBoundaries-AFG-ADM2_simplified.geojson").read_text())
    grouped = defaultdict(list)
    for feature in shapes["features"]:
        row = by_shape.get(feature["properties"]["shapeID"])
        if row:
            grouped[row["adm1_pcode"]].append(shape(feature["geometry"]).buffer(0))
    features = []
    for pcode, parts in sorted(grouped.items()):
        merged = unary_union(parts).simplify(0.004, preserve_topology=True)
        features.append({"type": "Feature", "properties": {"pcode": pcode, "province": canonical_province[pcode]},
                         "geometry": _rounded(mapping(merged))})
    (out / "provinces.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")), encoding="utf-8")
    for path in sorted(out.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} KB")


def _rounded(geometry):
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, 4) for v in value]
            return [walk(v) for v in value]
        return value
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _read_places() -> list[dict]:
    with gzip.open(OUT / "places.json.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)["places"]


def _place(pid, name, kind, level, parent, lat, lon, population, names, **extra) -> dict:
    names = {n.strip() for n in names if n and n.strip()}
    place = {"id": pid, "name": name, "kind": kind, "level": level, "parent": parent,
             "lat": round(lat, 5), "lon": round(lon, 5), "names": sorted(names), "keys": keys_for(names)}
    if population:
        place["population"] = population
    place.update({k: v for k, v in extra.items() if v is not None})
    return place


def _by_name(name: str, canonical: dict[str, str], names: dict[str, set[str]] | None = None) -> str | None:
    wanted = fold_name(clean(name))
    for pcode, canonical_name in canonical.items():
        candidates = {canonical_name, *(names or {}).get(pcode, ())}
        if wanted in {fold_name(clean(c)) for c in candidates}:
            return pcode
    return None


def _village_district(name, province, by_gb_name, districts_of, district_names) -> str | None:
    if not province:
        return None
    folded = fold_name(name)
    exact = by_gb_name.get((province, folded)) or by_gb_name.get((province, fold_name(name.split("(")[0])))
    if exact:
        return exact
    choices = {pcode: names[0] for pcode in districts_of[province] for names in [district_names[pcode]]}
    best = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=80)
    return best[2] if best else None


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "gazetteer")
    build(parser.parse_args().shared)
