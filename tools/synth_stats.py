"""Derive the statistics the synthetic cable generator (`cablekit.synth`) draws from, out of a real corpus:
writes src/cablekit/data/synth-stats.json (counts only: no sentence of any cable goes into it).

Run: .venv/bin/python tools/synth_stats.py [CORPUS_DIR] [--jobs N]   (default ../shared/corpus)
The corpus's `variants/` folder is left out (copies of cables counted already). Every table is a histogram
(value -> cables or paragraphs seen); long tails are cut where the generator would not use them.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from cablekit import Cable, parse_paths
from cablekit.resolve import origin_from_fm, routing_indicators, tag_kind
from cablekit.sources import SourceFailure

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "cablekit" / "data" / "synth-stats.json"
NOT_CABLES = {"README.md", "index.tsv", "stats.md"}
ID_PARTS = re.compile(r"^(\d{2})([A-Z]+)(\d+)$")
WORDS_BIN = 10  # paragraph lengths are kept in bins of ten words
CAP = {"paragraphs": 60, "references": 12, "tags": 12, "to": 6, "info": 40, "words": 400, "subject": 30}


class Tally:
    """The counters, filled one cable at a time."""

    def __init__(self) -> None:
        self.counters: dict[str, Counter] = defaultdict(Counter)
        self.by_origin: dict[str, Counter] = defaultdict(Counter)  # origin code -> FM addresses, stations, geo tags
        self.markings: dict[str, Counter] = defaultdict(Counter)
        self.section_chars: list[float] = []
        self.body_chars: list[tuple[int, int]] = []  # (characters, sections) of each cable read from its start

    def add(self, cable: Cable) -> None:
        m = ID_PARTS.match(cable.reference_id)
        if not m or not cable.classification:
            return
        year, origin = _full_year(m.group(1)), m.group(2)
        count = self.counters
        count["cables"]["all"] += 1
        count["years"][year] += 1
        count["origins"][origin] += 1
        if cable.origin and origin_from_fm(cable.origin) == origin:
            self.by_origin[origin]["fm:" + cable.origin] += 1
        if cable.station and cable.station != "RUEHWEB":
            self.by_origin[origin]["station:" + cable.station] += 1
        count["classifications"][cable.classification] += 1
        count["handling"]["|".join(cable.handling)] += 1
        if cable.precedence:
            count["precedences"][cable.precedence] += 1
        if cable.transmission_id:
            count["transmission"][cable.transmission_id[5:8]] += 1
        count["to"][min(len(cable.to), CAP["to"])] += 1
        count["info"][min(len(cable.info), CAP["info"])] += 1
        count["info_routes"].update(a.route for a in cable.info if a.route and a.route != "RUEHWEB")
        self._tags(cable, origin)
        self._references(cable, int(year), origin)
        self._body(cable)

    def _tags(self, cable: Cable, origin: str) -> None:
        kinds = [(tag, tag_kind(tag)) for tag in cable.tags]
        known = [(tag, kind) for tag, kind in kinds if kind]
        self.counters["tags"][min(len(known), CAP["tags"])] += 1
        geo = [tag for tag, kind in known if kind == "geographic"]
        self.counters["geo_tags"][min(len(geo), 4)] += 1
        self.counters["geo_tag_codes"].update(geo[1:])  # the codes named besides the cable's first country
        self.counters["topic_tags"].update(tag for tag, kind in known if kind != "geographic")
        self.by_origin[origin].update("country:" + tag for tag in geo)

    def _references(self, cable: Cable, year: int, origin: str) -> None:
        self.counters["references"][min(len(cable.references), CAP["references"])] += 1
        for ref in cable.references:
            self.counters["reference_kinds"][ref.kind] += 1
            m = ID_PARTS.match(ref.reference_id or "")
            if not m:
                continue
            cited_origin = m.group(2)
            where = "same" if cited_origin == origin else "state" if cited_origin == "STATE" else "other"
            self.counters["reference_origins"][where] += 1
            self.counters["reference_year_lag"][min(max(year - int(_full_year(m.group(1))), 0), 5)] += 1

    def _body(self, cable: Cable) -> None:
        count = self.counters
        count["paragraphs"][min(len(cable.paragraphs), CAP["paragraphs"])] += 1
        count["subject_words"][min(len((cable.subject or "").split()), CAP["subject"])] += 1
        count["summary"]["with" if cable.summary else "without"] += 1
        count["comment"]["with" if cable.comments else "without"] += 1
        if cable.classification != "UNCLASSIFIED":
            count["classified_by"]["with" if cable.classified_by else "without"] += 1
            if cable.classified_by and cable.classified_by.reasons:
                count["reasons"][" ".join(cable.classified_by.reasons)] += 1
        chars = 0
        for paragraph in cable.paragraphs:
            words = len(paragraph.text.split())
            chars += len(paragraph.text)
            count["paragraph_words"][min(words // WORDS_BIN * WORDS_BIN, CAP["words"])] += 1
            count["headings"]["with" if paragraph.heading else "without"] += 1
            marking = paragraph.marking and "//".join(filter(None, [paragraph.marking, paragraph.dissemination]))
            self.markings[cable.classification][marking or ""] += 1
        if cable.section in (None, 1):
            self.body_chars.append((chars, cable.section_count))
            if cable.section_count > 1:
                # a cable of k sections holds between k-1 and k sections' worth: take the middle
                self.section_chars.append(chars / (cable.section_count - 0.5))

    def table(self) -> dict:
        out: dict = {name: dict(sorted(counter.items(), key=_numbers_first)) for name, counter in self.counters.items()}
        out["info_routes"] = dict(self.counters["info_routes"].most_common(150))
        out["topic_tags"] = dict(self.counters["topic_tags"].most_common(150))
        out["geo_tag_codes"] = dict(self.counters["geo_tag_codes"].most_common(150))
        out["handling"] = dict(self.counters["handling"].most_common(12))
        out["reasons"] = dict(self.counters["reasons"].most_common(8))
        out["markings"] = {cls: dict(counter.most_common(8)) for cls, counter in self.markings.items()}
        out["section_chars"] = round(statistics.median(self.section_chars))
        # Many long cables carry no SECTION marking at all (older ones, the site's long-line pages)
        long = [sections for chars, sections in self.body_chars if chars > out["section_chars"]]
        out["unsectioned_share"] = round(sum(s == 1 for s in long) / len(long), 3)
        out["origins"] = self._origins()
        return out

    def _origins(self) -> list[dict]:
        """Each origin with the FM address, station and country the corpus gives it most often; an origin whose
        station neither the corpus nor the routing list gives is left out (its header could not be written)."""
        stations = {name: route for route, name in routing_indicators().items()}
        rows = []
        for origin, cables in self.counters["origins"].most_common():
            seen = self.by_origin[origin]
            fm = _most_common(seen, "fm:")
            station = _most_common(seen, "station:") or (stations.get(fm) if fm else None)
            if fm and station:
                rows.append({"code": origin, "fm": fm, "station": station, "country": _most_common(seen, "country:"),
                             "cables": cables})
        return rows


def _numbers_first(item: tuple) -> tuple:
    key = str(item[0])
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def _most_common(counter: Counter, prefix: str) -> str | None:
    values = [(n, key) for key, n in counter.items() if key.startswith(prefix)]
    return max(values)[1][len(prefix):] if values else None


def _full_year(two_digits: str) -> str:
    year = int(two_digits)
    return str(1900 + year if year >= 40 else 2000 + year)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    files = [str(p) for p in sorted(Path(args.corpus).rglob("*"))
             if p.is_file() and p.name not in NOT_CABLES and "variants" not in p.relative_to(args.corpus).parts]
    tally = Tally()
    for item in parse_paths(files, jobs=args.jobs):
        if not isinstance(item, SourceFailure):
            tally.add(item)
    table = {"source": f"tools/synth_stats.py over {Path(args.corpus).name}/ (variants left out)", **tally.table()}
    OUT.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{tally.counters['cables']['all']:,} cables counted -> {OUT}")


if __name__ == "__main__":
    main()
