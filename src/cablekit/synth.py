"""Synthetic cables: seeded, in the genuine plain-text format, drawn from the statistics of a real corpus.

`generate(n, seed)` yields `(reference_id, text)`; `cables(n, seed)` yields `SynthCable`s that also carry the
values written into each cable (the fields a parser must read back), so the generator doubles as a round-trip
test of the parser. Both are generators: memory stays flat whatever `n` is.

Where the numbers come from: `data/synth-stats.json` (years, origins, classifications, captions, TAGS, references
per cable and whom they cite, paragraphs per cable and their lengths, markings, summaries, comments, headings),
made by `tools/synth_stats.py` from `shared/corpus`. Routing indicators, TAGS codes and country names are the
package's own vocabularies (`cablekit.resolve`). The prose is made from word lists and templates written here:
no sentence of a real cable is in it, unless real cables are given to borrow subjects and paragraphs from (`borrow`,
`cablekit synth --prose-from`), for a corpus with their words. People and serial numbers are invented.

Identity: cable `i` of a seed takes slot `i % SLOTS` of a seeded table in which each (origin, year) pair holds
slots in proportion to its share of the corpus, so the first cables of any run are a fair sample, and serials
within a pair are unique by construction. Cable `i` is the same whatever `n` is (a 10k run is the start of a 250k
run). Generated serials are `3k+1` or `3k+2`: a serial divisible by three is never generated, which is how
references outside the set are made (as real cables cite many that were never released).
"""

from __future__ import annotations

import bisect
import csv
import json
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from .resolve import geo_tags, origin_code, routing_indicators

SLOTS = 1 << 16
EXTERNAL_SHARE = 0.4
"""Share of cable references that cite a cable outside the generated set: a choice, not a corpus statistic (the
corpus is a sample of the release, so what it holds of what its cables cite says nothing about the release)."""
EMAIL_SHARE = 0.02
"""Share of references that are e-mails rather than cables (the corpus: 165 of 8,521 references)."""
SHARD_SIZE = 1000
ASIDE_SHARE = 0.05  # paragraphs with an inline `(Comment: ... End Comment.)`: a choice, the corpus does not count them
LIST_SHARE = 0.08  # paragraphs that end in a list of `-- ` items: a choice likewise
POOL_SIZE = 1 << 16  # sentences are drawn by 16-bit indices
WORDS_BIN = 10  # paragraph lengths in the statistics are counted in bins of ten words
COUNTRY, CITY = "\x01", "\x02"  # stand-ins in the sentence pool for the cable's own country and city
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
PROSIGNS = {"FLASH": "Z", "IMMEDIATE": "O", "PRIORITY": "P", "ROUTINE": "R"}
SPACED = {"CONFIDENTIAL": "C O N F I D E N T I A L", "SECRET": "S E C R E T", "UNCLASSIFIED": "UNCLAS",
          "LIMITED OFFICIAL USE": "LIMITED OFFICIAL USE"}
ZNY = {"UNCLASSIFIED": "ZNR UUUUU ZZH", "LIMITED OFFICIAL USE": "ZNR UUUUU ZZH", "CONFIDENTIAL": "ZNY CCCCC ZZH",
       "SECRET": "ZNY SSSSS ZZH"}
MARKING_RANK = {"U": 0, "SBU": 0, "C": 1, "S": 2, "TS": 3}
CLASSIFICATION_RANK = {"UNCLASSIFIED": 0, "LIMITED OFFICIAL USE": 0, "CONFIDENTIAL": 1, "SECRET": 2}
FM_PREFIXES = {"AMEMBASSY": "Embassy", "AMCONSUL": "Consulate", "USMISSION": "Mission", "USDEL": "Delegation"}
SECRETARIES = [(2009, "CLINTON"), (2005, "RICE"), (2001, "POWELL"), (1997, "ALBRIGHT"), (1993, "CHRISTOPHER"),
               (0, "SECSTATE")]  # the Department's cables carry the Secretary's name; a matter of public record


# --- word lists (written for this generator) ---------------------------------------------------------------------

FIRST_NAMES = ["Adrian", "Amira", "Boris", "Carmen", "Daniel", "Dalia", "Elena", "Farid", "Gustavo", "Hana", "Ivan",
               "Jamal", "Karin", "Lucia", "Mehmet", "Nadia", "Omar", "Paolo", "Rania", "Sergei", "Tomas", "Vera",
               "Yusuf", "Zora", "Anders", "Beatriz", "Chen", "Dmitri", "Esra", "Hugo", "Ines", "Kofi", "Leila"]
LAST_NAMES = ["Aldana", "Barzani", "Castellano", "Demir", "Eriksen", "Fadel", "Guzman", "Hadzic", "Ilyasov", "Jovanic",
              "Kassem", "Lindqvist", "Moravec", "Nazarov", "Ortega", "Petrescu", "Quintero", "Rahimi", "Saleh",
              "Toure", "Ulloa", "Valdes", "Wojcik", "Yilmaz", "Zamora", "Abdi", "Bakiev", "Cardoso", "Dlamini",
              "Esposito", "Fernandes", "Haidari", "Kovacs", "Mensah", "Novak", "Okafor", "Said", "Tanaka"]
US_LAST_NAMES = ["ARNOLD", "BECKER", "CALLOWAY", "DONNELLY", "ELLISON", "FARRELL", "GARRISON", "HOLBROOK", "IVERSEN",
                 "JEFFERS", "KENDALL", "LANGFORD", "MERCER", "NORCROSS", "OSGOOD", "PRESCOTT", "QUILLEN", "RADCLIFFE",
                 "SHELTON", "THORNBURG", "UPTON", "VANCE", "WHITFIELD", "YARBROUGH"]
US_FIRST_NAMES = ["Alan", "Barbara", "Charles", "Diane", "Edward", "Frances", "George", "Helen", "James", "Joan",
                  "Kenneth", "Linda", "Michael", "Nancy", "Patrick", "Ruth", "Steven", "Susan", "Thomas", "William"]
CLASSIFIERS = ["Ambassador", "Charge d'Affaires", "DCM", "Deputy Chief of Mission", "Political Counselor",
               "Economic Counselor", "PolCouns", "Acting DCM", "Political Officer", "Consul General",
               "Political-Military Officer", "Acting Political Counselor"]
OFFICIALS = ["the Foreign Minister", "the Deputy Foreign Minister", "the Minister of Interior", "the Defense Minister",
             "the Finance Minister", "the Prime Minister's chief of staff", "a senior presidential advisor",
             "the MFA Director General for the Americas", "the MFA Director for Europe", "the opposition leader",
             "the Speaker of Parliament", "the Central Bank Governor", "the provincial governor",
             "a ruling party legislator", "the national police commander", "the Attorney General",
             "the Minister of Energy", "the Trade Minister", "a senior intelligence official",
             "the chairman of the electoral commission", "a prominent human rights lawyer", "the editor of a daily"]
US_SIDE = ["the Ambassador", "the DCM", "PolOff", "EconOff", "PolCouns", "Emboffs", "the visiting delegation",
           "the Charge", "the Defense Attache", "the Assistant Secretary", "PolMilOff", "the Consul General"]
GROUPS = ["opposition parties", "ruling party hardliners", "business leaders", "civil society groups",
          "local officials", "trade unions", "the security services", "provincial councils", "student groups",
          "religious leaders", "foreign investors", "independent journalists", "military officers", "donor countries"]
TOPICS = ["the draft budget", "border security", "the upcoming elections", "energy cooperation", "the fuel subsidy",
          "the counter-narcotics program", "judicial reform", "press freedom", "the trade agreement",
          "the anti-corruption law", "refugee returns", "the peace talks", "the constitutional amendment",
          "visa policy", "the privatization plan", "the new electoral code", "military cooperation",
          "the extradition request", "the IMF program", "regional security", "the nuclear file",
          "minority rights", "the pipeline project", "customs enforcement", "police training", "the census",
          "the land reform bill", "food prices", "the coalition agreement", "maritime boundaries",
          "the cabinet reshuffle", "counterterrorism cooperation", "the investment climate", "water sharing",
          "the health budget", "the media law", "the ceasefire", "arms transfers", "the decentralization law"]
VERBS = ["told", "assured", "informed", "reminded", "cautioned", "briefed"]
SAY = ["said", "stressed", "noted", "acknowledged", "complained", "warned", "argued", "insisted", "confirmed",
       "suggested", "predicted", "claimed", "admitted", "emphasized"]
STANCES = ["would not change its position on", "was prepared to compromise on", "needed more time to study",
           "had not yet decided how to handle", "expected parliament to approve", "remained divided over",
           "was under growing pressure over", "hoped for U.S. support on", "would soon announce a decision on",
           "saw no quick solution to", "intended to revisit"]
ADJECTIVES = ["serious", "modest", "unexpected", "limited", "growing", "significant", "uneven", "steady", "fragile",
              "considerable", "renewed", "cautious", "sharp", "gradual"]
OUTCOMES = ["progress", "resistance", "delays", "support", "criticism", "interest", "concern", "confusion",
            "cooperation", "frustration", "momentum", "skepticism"]
PLACES = ["in the capital", "in the northern provinces", "along the border", "in the south", "in the port city",
          "in rural districts", "in the eastern region", "at the ministry", "in parliament", "in the coastal areas"]
HEADLINE_VERBS = ["OUTLINES", "DEFENDS", "QUESTIONS", "WEIGHS", "SEEKS", "REJECTS", "WELCOMES", "DELAYS", "PRESSES",
                  "DOWNPLAYS", "PREVIEWS", "REVIEWS"]
HEADLINE_ACTORS = ["FOREIGN MINISTER", "OPPOSITION", "PRESIDENT", "PARLIAMENT", "GOVERNMENT", "PRIME MINISTER",
                   "CENTRAL BANK", "RULING PARTY", "GOVERNOR", "MFA", "DEFENSE MINISTER", "ELECTION COMMISSION"]
HEADLINE_TAILS = ["AHEAD OF VOTE", "AFTER PROTESTS", "AMID BUDGET PRESSURE", "IN MEETING WITH AMBASSADOR",
                  "BEFORE MINISTERIAL", "AS TALKS STALL", "DESPITE U.S. CONCERNS", "FOR SECOND TIME",
                  "WITH NEIGHBORS", "UNDER DONOR PRESSURE", "IN PARLIAMENT"]
HEADINGS = ["Background", "Security Situation", "Economic Outlook", "Political Context", "Next Steps",
            "Government Response", "Opposition Views", "Regional Implications", "Bilateral Relations",
            "The Budget Debate", "Reaction in Parliament", "Human Rights Concerns", "Energy Sector",
            "Law Enforcement Cooperation", "Views from the Provinces", "Outlook", "Press Coverage"]

SENTENCES = [
    "In a {month} {day} meeting with {us}, {official} {say} that {topic} remained the government's top priority.",
    "{Official} {verb} {us} that the government {stance} {topic}.",
    "According to {official}, {groups} {stance2} {topic} {place}.",
    "{Groups} have shown {adjective} {outcome} since the government raised {topic}.",
    "{Us} urged {official} to move quickly on {topic} and offered technical assistance.",
    "{Official} {say} that {groups} would resist any change to {topic}.",
    "The press has reported {adjective} {outcome} over {topic} {place}.",
    "{Name}, {official2}, {say} that the cabinet would take up {topic} after the holidays.",
    "{Us} noted that U.S. assistance for {topic} depended on visible results.",
    "There has been {adjective} {outcome} among {groups} {place} over {topic}.",
    "{Name} {say} the ministry lacked the staff and money to follow through on {topic}.",
    "Contacts expect {groups} to use {topic} to rally support before the next vote.",
    "{Official} asked whether Washington would support {topic} at the next donors conference.",
    "The government's handling of {topic} has drawn {adjective} {outcome} from {groups}.",
    "{Us} and {official} also discussed {topic} and {topic2}.",
    "{Name} described the talks on {topic} as frank but said no agreement was near.",
    "Officials {place} privately acknowledge {adjective} {outcome} on {topic}.",
    "{Official} {say} that {country} would not accept outside conditions on {topic}.",
    "The ministry plans to publish a new strategy on {topic} within {count} weeks.",
    "{Groups} in {city} told {us} they feared {adjective} {outcome} if {topic} stalled.",
    '{Official} called the latest proposal on {topic} "a first step, not a solution."',
    '{Name} said {groups} saw the debate over {topic} as "a test of the government\'s word."',
]
BULLETS = ["{topic} for the coming year", "a review of {topic}", "new rules on {topic}", "funding for {topic}",
           "a timetable for {topic}", "talks with {groups} on {topic}"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "eight", "ten"]
WORDS = {"official": OFFICIALS, "us": US_SIDE, "groups": GROUPS, "topic": TOPICS, "stance": STANCES, "say": SAY,
         "verb": VERBS, "adjective": ADJECTIVES, "outcome": OUTCOMES, "place": PLACES, "month": MONTH_NAMES,
         "count": NUMBER_WORDS}


# --- statistics --------------------------------------------------------------------------------------------------


class Weighted:
    """Values drawn in proportion to their counts (a histogram from the statistics file)."""

    __slots__ = ("values", "cumulative", "total")

    def __init__(self, counts: dict[Any, float]) -> None:
        self.values = list(counts)
        self.cumulative: list[float] = []
        total = 0.0
        for weight in counts.values():
            total += weight
            self.cumulative.append(total)
        self.total = total

    def draw(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]

    def draw_distinct(self, rng: random.Random, k: int) -> list[Any]:
        picked: list[Any] = []
        for _ in range(k * 4):
            value = self.draw(rng)
            if value not in picked:
                picked.append(value)
                if len(picked) == k:
                    break
        return picked


@dataclass(frozen=True)
class Origin:
    code: str
    fm: str
    name: str
    """As the classification line and references write the post: `SAO PAULO`, `STATE`."""
    station: str
    country: str | None
    label: str
    """As `cables.csv` names the origin: `Embassy Sao Paulo`."""


@cache
def statistics() -> dict[str, Any]:
    text = resources.files("cablekit").joinpath("data", "synth-stats.json").read_text(encoding="utf-8")
    return json.loads(text)


def _origin(row: dict[str, Any]) -> Origin | None:
    """The post as the FM line, the classification line and the CSV name it; None when its name and code disagree."""
    fm = row["fm"]
    prefix, _, rest = fm.partition(" ")
    name = "STATE" if fm == "SECSTATE WASHDC" else rest if prefix in FM_PREFIXES else fm
    if origin_code(name) != row["code"]:
        return None
    label = "Secretary of State" if name == "STATE" else f"{FM_PREFIXES.get(prefix, 'Embassy')} {name.title()}"
    return Origin(row["code"], fm, name, row["station"], row.get("country"), label)


def _ints(counts: dict[str, int]) -> dict[int, int]:
    return {int(k): v for k, v in counts.items()}


@dataclass
class Tables:
    """The statistics as ready-to-draw tables, plus the seeded slot table that gives each cable its identity."""

    origins: list[Origin]
    origin_weights: Weighted
    years: Weighted
    classifications: Weighted
    handling: Weighted
    precedences: Weighted
    transmission: Weighted
    info_counts: Weighted
    info_routes: Weighted
    tag_counts: Weighted
    geo_counts: Weighted
    topic_tags: Weighted
    more_geo_tags: Weighted
    reference_counts: Weighted
    reference_origins: Weighted
    reference_lags: Weighted
    paragraph_counts: Weighted
    paragraph_words: Weighted
    subject_words: Weighted
    markings: dict[str, tuple[float, Weighted | None]]
    reasons: Weighted
    summary_share: float
    comment_share: float
    heading_share: float
    classified_by_share: float
    section_chars: int
    unsectioned_share: float
    slots: list[tuple[int, int]] = field(default_factory=list)
    """slot -> (pair index, rank of the slot among its pair's slots)."""
    pairs: list[tuple[int, int]] = field(default_factory=list)
    """pair index -> (origin index, year)."""
    pair_sizes: list[int] = field(default_factory=list)
    pair_slots: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    """(origin index, year) -> the slots of that pair, in order."""
    origin_index: dict[str, int] = field(default_factory=dict)


def _share(counts: dict[str, int]) -> float:
    return counts.get("with", 0) / max(sum(counts.values()), 1)


def _markings(stats: dict[str, Any]) -> dict[str, tuple[float, Weighted | None]]:
    """Per classification: the share of cables that mark their paragraphs, and the markings a marked paragraph
    takes; a marking above the cable's own classification (a typo in the corpus) is left out."""
    out: dict[str, tuple[float, Weighted | None]] = {}
    for classification, counts in stats["markings"].items():
        rank = CLASSIFICATION_RANK.get(classification, 0)
        allowed = {m: n for m, n in counts.items() if m and MARKING_RANK.get(m.split("//")[0], 9) <= rank}
        marked = sum(allowed.values()) / max(sum(counts.values()), 1)
        out[classification] = (marked, Weighted(allowed) if allowed else None)
    return out


@cache
def tables(seed: int) -> Tables:
    stats = statistics()
    routes = routing_indicators()
    origins = [o for o in map(_origin, stats["origins"]) if o]
    weights = [row["cables"] for row in stats["origins"] if _origin(row)]
    info_routes = {r: n for r, n in stats["info_routes"].items() if r in routes}
    t = Tables(
        origins=origins, origin_weights=Weighted(dict(enumerate(weights))),
        years=Weighted(_ints(stats["years"])), classifications=Weighted(stats["classifications"]),
        handling=Weighted(stats["handling"]), precedences=Weighted(stats["precedences"]),
        transmission=Weighted({k: v for k, v in stats["transmission"].items() if k in ("XRO", "XYZ")}),
        info_counts=Weighted(_ints(stats["info"])), info_routes=Weighted(info_routes),
        tag_counts=Weighted(_ints(stats["tags"])), geo_counts=Weighted(_ints(stats["geo_tags"])),
        topic_tags=Weighted(stats["topic_tags"]), more_geo_tags=Weighted(stats["geo_tag_codes"]),
        reference_counts=Weighted(_ints(stats["references"])),
        reference_origins=Weighted(stats["reference_origins"]),
        reference_lags=Weighted(_ints(stats["reference_year_lag"])),
        paragraph_counts=Weighted(_ints(stats["paragraphs"])),
        paragraph_words=Weighted(_ints(stats["paragraph_words"])),
        subject_words=Weighted(_ints(stats["subject_words"])), markings=_markings(stats),
        reasons=Weighted(stats["reasons"]), summary_share=_share(stats["summary"]),
        comment_share=_share(stats["comment"]), heading_share=_share(stats["headings"]),
        classified_by_share=_share(stats["classified_by"]), section_chars=int(stats["section_chars"]),
        unsectioned_share=stats["unsectioned_share"])
    t.origin_index = {o.code: k for k, o in enumerate(origins)}
    _allocate_slots(t, seed, weights)
    return t


def _allocate_slots(t: Tables, seed: int, origin_weights: list[int]) -> None:
    """Give each (origin, year) pair slots in proportion to P(origin) x P(year) (largest remainder), then shuffle."""
    total_origins = sum(origin_weights)
    shares = []
    for o, ow in enumerate(origin_weights):
        for year, yw in zip(t.years.values, _weights(t.years), strict=True):
            shares.append(((o, year), ow / total_origins * yw / t.years.total * SLOTS))
    counts = {pair: int(share) for pair, share in shares}
    leftover = SLOTS - sum(counts.values())
    for pair, _ in sorted(shares, key=lambda ps: int(ps[1]) - ps[1])[:leftover]:
        counts[pair] += 1
    owners = [pair for pair, count in counts.items() for _ in range(count)]
    random.Random(seed).shuffle(owners)
    index: dict[tuple[int, int], int] = {}
    for slot, pair in enumerate(owners):
        if pair not in index:
            index[pair] = len(t.pairs)
            t.pairs.append(pair)
            t.pair_sizes.append(0)
        p = index[pair]
        t.slots.append((p, t.pair_sizes[p]))
        t.pair_sizes[p] += 1
        t.pair_slots.setdefault(pair, []).append(slot)


def _weights(w: Weighted) -> list[float]:
    return [b - a for a, b in zip([0.0, *w.cumulative[:-1]], w.cumulative, strict=True)]


# --- identity ------------------------------------------------------------------------------------------------------


def _serial(sequence: int) -> int:
    """The `sequence`-th serial of a pair: 3k+1 or 3k+2 (a fixed scatter), never a multiple of three."""
    return 3 * sequence + 1 + (sequence * 2654435761 >> 7) % 2


def identity(t: Tables, i: int) -> tuple[Origin, int, int]:
    """Cable i's origin, year and serial: cheap, so a reference can name any cable without generating it."""
    pair_index, rank = t.slots[i % SLOTS]
    origin_index, year = t.pairs[pair_index]
    serial = _serial((i // SLOTS) * t.pair_sizes[pair_index] + rank)
    return t.origins[origin_index], year, serial


def cable_id(year: int, origin: Origin, serial: int) -> str:
    return f"{year % 100:02d}{origin.code}{serial}"


# --- the record written into each cable ---------------------------------------------------------------------------


@dataclass(slots=True)
class SynthParagraph:
    number: int
    marking: str | None
    dissemination: str | None
    heading: str | None
    text: str


@dataclass(slots=True)
class SynthReference:
    label: str | None
    reference_id: str | None
    kind: str
    text: str


@dataclass(slots=True)
class SynthCable:
    """One generated cable: its text and the values written into it, as the record should read them back."""

    reference_id: str
    text: str
    header: str
    """The transmission header (what `cables.csv` keeps in its `header` column); `text` is header + body."""
    origin: Origin
    year: int
    serial: int
    dtg: str
    precedence: str
    station: str
    to: list[tuple[str | None, str, str | None, str | None]]
    info: list[tuple[str | None, str, str | None, str | None]]
    classification: str
    section_count: int
    handling: list[str]
    eo: str
    declassify_on: str | None
    tags: list[str]
    subject: str
    references: list[SynthReference]
    classified_by: tuple[str, str, list[str]] | None
    """(title, name, reasons)."""
    paragraphs: list[SynthParagraph]
    summary: str | None
    comments: list[str]
    signers: list[str]


# --- prose ---------------------------------------------------------------------------------------------------------


class Slots(dict):
    """Template slots, each filled on demand with a fresh draw from the word lists."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(country=COUNTRY, city=CITY)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        base = key.rstrip("2").lower()
        if base == "name":
            value = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        elif base == "day":
            value = str(self.rng.randint(1, 28))
        else:
            value = self.rng.choice(WORDS[base])
        return value[0].upper() + value[1:] if key[0].isupper() else value


class Prose:
    """A seeded pool of sentences and list items made from the templates, from which each cable draws its
    paragraphs: filling templates slot by slot for every cable would be ten times slower. The cable's own country
    and city are put in when a paragraph is drawn."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"prose:{seed}")
        slots = Slots(rng)
        self.sentences = [rng.choice(SENTENCES).format_map(slots) for _ in range(POOL_SIZE)]
        self.items = [rng.choice(BULLETS).format_map(slots) for _ in range(POOL_SIZE // 8)]
        self.words_per_sentence = sum(s.count(" ") + 1 for s in self.sentences) / POOL_SIZE

    def paragraphs(self, rng: random.Random, lengths: list[int], country: str, city: str) -> list[str]:
        """Paragraphs of about these many words (whole sentences, at least one each). The sentences are drawn all at
        once as 16-bit indices from random bytes: drawing them one by one was most of the generator's time."""
        counts = [max(1, round(words / self.words_per_sentence)) for words in lengths]
        indices = memoryview(rng.randbytes(2 * sum(counts))).cast("H")
        pick = self.sentences.__getitem__
        out = []
        start = 0
        for count in counts:
            out.append(" ".join(map(pick, indices[start:start + count])).replace(COUNTRY, country).replace(CITY, city))
            start += count
        return out

    def bullets(self, rng: random.Random, count: int, country: str, city: str) -> str:
        return " ".join(f"-- {item};" for item in rng.choices(self.items, k=count)).replace(
            COUNTRY, country).replace(CITY, city)


_WRAP = re.compile(r"(.{1,68})(?: +|$)")


def wrap(text: str) -> str:
    """Lines of at most 68 characters (the telegram's width), broken at spaces (not at NUL: see `_glue_markers`)."""
    return "\n".join(_WRAP.findall(text))


def _glue_markers(text: str) -> str:
    """A closing `End Comment.` / `End Summary.` joined by NULs to the word before it, so no line break falls inside:
    a line that is only `End Comment.` closes the comment outside the paragraph (the record contract), and a lone
    `End Comment.)` reads either way."""
    for marker in (" End Comment.", " End Summary."):
        at = text.find(marker)
        while at > 0:
            before = text.rfind(" ", 0, at)  # -1: the marker follows the first word (`3. End Summary.` of a real text)
            head = f"{text[:before]}\0" if before >= 0 else ""
            text = f"{head}{text[before + 1:at]}\0End\0{text[at + 5:]}"
            at = text.find(marker, at)
    return text


@cache
def prose(seed: int) -> Prose:
    return Prose(seed)


# --- one cable -----------------------------------------------------------------------------------------------------


class Writer:
    """Builds one cable from its index: identity from the slot table, everything else from a per-cable generator."""

    def __init__(self, t: Tables, seed: int, borrowed: Sequence[Borrowed] = ()) -> None:
        self.t = t
        self.seed = seed
        self.routes = routing_indicators()
        self.countries = geo_tags()
        self.prose = prose(seed)
        self.borrowed = borrowed

    def cable(self, i: int) -> SynthCable:
        t = self.t
        rng = random.Random(f"{self.seed}:{i}")
        origin, year, serial = identity(t, i)
        country = self.countries.get(origin.country or "", "the host country")
        places = (country, origin.name.title())
        classification = t.classifications.draw(rng)
        precedence = t.precedences.draw(rng)
        month, day, hour, minute = rng.randrange(12), rng.randint(1, 28), rng.randrange(24), rng.randrange(60)
        dtg = f"{year}-{month + 1:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z"
        handling = self._handling(rng, classification, year)
        references = self._references(rng, i, origin, year)
        borrowed = self.borrowed[rng.randrange(len(self.borrowed))] if self.borrowed else None
        paragraphs, summary, comments = self._body(rng, places, classification, references, borrowed)
        tags = self._tags(rng, origin)
        subject = borrowed.subject if borrowed else self._subject(rng, country)
        signers = [self._signer(rng, origin, year)]
        classified_by = self._classified_by(rng, classification, year)
        to, info = self._addressees(rng, origin, precedence)
        eo = "12958" if year >= 1995 else "12356" if year >= 1982 else "11652"
        declassify_on = None if classification == "UNCLASSIFIED" else f"{year + 10}-{month + 1:02d}-{day:02d}"
        unbroken = _body_text(paragraphs)
        pages = [unbroken] if rng.random() < t.unsectioned_share else _pages(unbroken, t.section_chars)
        header = self._header(rng, origin, serial, dtg, precedence, classification, to, info, len(pages))
        preamble = self._preamble(origin, serial, classification, len(pages), handling, eo, declassify_on, tags,
                                  subject, references, classified_by)
        body = "".join(f"{page}\n\n{origin.name} {serial:08d}  {number:03d} OF {len(pages):03d}\n\n\n"
                       for number, page in enumerate(pages[:-1], start=2)) + pages[-1]
        text = f"{header}\n{preamble}\n\n{body}\n\n{signers[0]}\n"
        return SynthCable(
            reference_id=cable_id(year, origin, serial), text=text, header=header, origin=origin, year=year,
            serial=serial, dtg=dtg, precedence=precedence, station=origin.station, to=to, info=info,
            classification=classification, section_count=len(pages), handling=handling, eo=eo,
            declassify_on=declassify_on, tags=tags, subject=subject, references=references,
            classified_by=classified_by, paragraphs=paragraphs, summary=summary, comments=comments, signers=signers)

    # header and preamble

    def _handling(self, rng: random.Random, classification: str, year: int) -> list[str]:
        captions = [c for c in self.t.handling.draw(rng).split("|") if c]
        captions = [c for c in captions if c != "SIPDIS" or year >= 2002]  # SIPDIS began in 2002
        if classification != "UNCLASSIFIED":
            captions = [c for c in captions if c != "SENSITIVE"]  # SENSITIVE goes with UNCLAS only
        return captions

    def _addressees(self, rng: random.Random, origin: Origin, precedence: str):
        number = f"{rng.randrange(10000):04d}"
        shown = None if precedence == "ROUTINE" else precedence
        if origin.code == "STATE":
            to = [(None, "ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE", None, None)]
        else:
            to = [("RUEHC", "SECSTATE WASHDC", shown, number)]
        info = []
        for route in self.t.info_routes.draw_distinct(rng, self.t.info_counts.draw(rng)):
            if route not in (origin.station, "RUEHC"):
                info.append((route, self.routes[route], shown, f"{rng.randrange(10000):04d}"
                             if route.startswith("RUEH") else None))
        return to, info

    def _header(self, rng, origin: Origin, serial: int, dtg: str, precedence: str, classification: str,
                to, info, sections: int) -> str:
        year, month, day, hour, minute = int(dtg[:4]), int(dtg[5:7]), int(dtg[8:10]), int(dtg[11:13]), int(dtg[14:16])
        prosign = PROSIGNS[precedence]
        style = self.t.transmission.draw(rng)
        if style == "XRO":
            relay = [r for r in self.t.info_routes.draw_distinct(rng, rng.randint(1, 8)) if r.startswith("RUEH")]
            lines = [f"VZCZCXRO{rng.randrange(10000):04d}", f"{prosign}{prosign} {' '.join(relay or ['RUEHWEB'])}"]
        else:
            lines = [f"VZCZCXYZ{rng.randrange(10000):04d}", f"{prosign}{prosign} RUEHWEB", ""]
        julian = DAYS_BEFORE_MONTH[month - 1] + day
        part = "/01" if sections > 1 else ""
        lines += [f"DE {origin.station} #{serial % 10000:04d}{part} {julian:03d}{hour:02d}{minute:02d}",
                  ZNY[classification],
                  f"{prosign} {day:02d}{hour:02d}{minute:02d}Z {MONTHS[month - 1]} {year % 100:02d}",
                  f"FM {origin.fm}"]
        for word, addressees in (("TO", to), ("INFO", info)):
            for k, (route, name, shown, number) in enumerate(addressees):
                line = f"{route}/{name}" if route else name
                line += "".join(f" {x}" for x in (shown, number) if x)
                lines.append(f"{word} {line}" if k == 0 else line)
        return "\n".join(lines)

    def _preamble(self, origin: Origin, serial: int, classification: str, sections: int, handling: list[str],
                  eo: str, declassify_on: str | None, tags: list[str], subject: str,
                  references: list[SynthReference], classified_by) -> str:
        section = f" SECTION 01 OF {sections:02d}" if sections > 1 else ""
        # The classification line carries the first caption when it is the only one (`UNCLAS SENSITIVE`); here
        # captions always stand on their own lines, as most cables write them.
        lines = [f"{SPACED[classification]}{section} {origin.name} {serial:06d}", ""]
        for caption in handling:
            lines += [caption, ""]
        if declassify_on:
            y, m, d = declassify_on.split("-")
            lines.append(f"E.O. {eo}: DECL: {m}/{d}/{y}")
        else:
            lines.append(f"E.O. {eo}: N/A")
        lines.append(wrap("TAGS: " + " ".join(tags)))
        lines.append(wrap(f"SUBJECT: {subject}"))
        if references:
            lines.append("")
            if len(references) == 1 and references[0].label is None:
                lines.append(f"REF: {references[0].text}")
            else:
                lines += [("REF: " if k == 0 else "     ") + f"{r.label}. {r.text}" for k, r in enumerate(references)]
        if classified_by:
            title, name, reasons = classified_by
            letters = " and ".join(f"({r[-2]})" for r in reasons)
            lines += ["", wrap(f"Classified By: {title} {name}, reasons {reasons[0][:3]} {letters}")]
        return "\n".join(lines)

    def _tags(self, rng: random.Random, origin: Origin) -> list[str]:
        geo_count = self.t.geo_counts.draw(rng)
        topic_count = max(self.t.tag_counts.draw(rng) - geo_count, 1)
        tags = self.t.topic_tags.draw_distinct(rng, topic_count)
        geo = [origin.country] if origin.country and geo_count else []
        more = [code for code in self.t.more_geo_tags.draw_distinct(rng, geo_count) if code not in geo]
        return tags + (geo + more)[:geo_count]

    def _subject(self, rng: random.Random, country: str) -> str:
        words = [f"{country.upper()}:", rng.choice(HEADLINE_ACTORS), rng.choice(HEADLINE_VERBS),
                 rng.choice(TOPICS).upper()]
        target = self.t.subject_words.draw(rng)
        if len(words) + 3 <= target:
            words.append(rng.choice(HEADLINE_TAILS))
        return " ".join(words)

    def _signer(self, rng: random.Random, origin: Origin, year: int) -> str:
        if origin.code == "STATE":
            return next(name for since, name in SECRETARIES if year >= since)
        return rng.choice(US_LAST_NAMES)

    def _classified_by(self, rng: random.Random, classification: str, year: int):
        if classification in ("UNCLASSIFIED", "LIMITED OFFICIAL USE") or rng.random() > self.t.classified_by_share:
            return None
        name = f"{rng.choice(US_FIRST_NAMES)} {chr(65 + rng.randrange(26))}. {rng.choice(US_LAST_NAMES).title()}"
        reasons = self.t.reasons.draw(rng).split()
        section = "1.4" if year >= 2003 else "1.5"  # E.O. 12958 as amended in 2003 moved the reasons to 1.4
        reasons = sorted({f"{section}{r[3:]}" for r in reasons})
        return rng.choice(CLASSIFIERS), name, reasons

    def _references(self, rng: random.Random, i: int, origin: Origin, year: int) -> list[SynthReference]:
        count = self.t.reference_counts.draw(rng)
        refs = []
        for k in range(count):
            label = chr(65 + k) if count > 1 else None
            if rng.random() < EMAIL_SHARE:
                refs.append(SynthReference(label, None, "email",
                                           f"EMAIL DTD {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{year}"))
                continue
            cited_origin, cited_year, cited_serial = self._cited(rng, i, origin, year)
            with_year = cited_year != year or rng.random() < 0.3
            text = f"{cited_year % 100:02d} {cited_origin.name} {cited_serial}" if with_year else \
                f"{cited_origin.name} {cited_serial}"
            refs.append(SynthReference(label, cable_id(cited_year, cited_origin, cited_serial), "cable", text))
        return refs

    def _cited(self, rng: random.Random, i: int, origin: Origin, year: int) -> tuple[Origin, int, int]:
        """An earlier cable of the set (its own post's, the Department's, or another post's), or one outside it."""
        t = self.t
        where = t.reference_origins.draw(rng)
        cited_year = year - t.reference_lags.draw(rng)
        if where == "same" or (where == "state" and "STATE" not in t.origin_index):
            target = t.origin_index[origin.code]
        elif where == "state":
            target = t.origin_index["STATE"]
        else:
            target = t.origin_weights.draw(rng)
        slots = t.pair_slots.get((target, cited_year))
        if slots and rng.random() >= EXTERNAL_SHARE:
            # the pair's cables before i: all of its slots in earlier rounds of the table, and those before i's slot
            rounds, slot = divmod(i, SLOTS)
            earlier = len(slots) * rounds + bisect.bisect_left(slots, slot)
            if earlier:
                round_, k = divmod(int(rng.random() * earlier), len(slots))
                return identity(t, round_ * SLOTS + slots[k])
        return t.origins[target], cited_year, 3 * rng.randint(1, 3000)  # never generated: outside the set

    # body

    def _body(self, rng: random.Random, places: tuple[str, str], classification: str,
              references: list[SynthReference], borrowed: Borrowed | None):
        t = self.t
        count = len(borrowed.paragraphs) if borrowed else max(t.paragraph_counts.draw(rng), 1)
        marked_share, markings = t.markings.get(classification, (0.0, None))
        marked = markings is not None and rng.random() < marked_share
        has_summary = count >= 3 and rng.random() < t.summary_share
        has_comment = count >= 3 and rng.random() < t.comment_share
        if borrowed:
            proses = borrowed.paragraphs
        else:
            lengths = [t.paragraph_words.draw(rng) + int(rng.random() * WORDS_BIN) for _ in range(count)]  # in bin
            proses = self.prose.paragraphs(rng, lengths, *places)
        paragraphs: list[SynthParagraph] = []
        comments: list[str] = []
        summary = None
        for number, prose in enumerate(proses, start=1):
            marking, dissemination = markings.draw(rng).partition("//")[::2] if marked else (None, None)
            heading = None
            if number == 1 and has_summary:
                summary = prose
                text = f"Summary: {prose} End Summary."
            elif number == count and has_comment:
                comments.append(prose)
                text = f"Comment: {prose} End Comment."
            else:
                if number > 1 and rng.random() < t.heading_share:
                    heading = HEADINGS[int(rng.random() * len(HEADINGS))]
                text = prose
                chance = 1.0 if borrowed else rng.random()  # borrowed prose keeps its own words only
                if chance < ASIDE_SHARE:
                    aside = self.prose.paragraphs(rng, [15], *places)[0]
                    comments.append(aside)
                    text = f"{text} (Comment: {aside} End Comment.)"
                elif chance < ASIDE_SHARE + LIST_SHARE:
                    text += " " + self.prose.bullets(rng, rng.randint(2, 4), *places)
            paragraphs.append(SynthParagraph(number, marking, dissemination or None, heading, text))
        if references and count >= 2 and not borrowed and not paragraphs[1].text.startswith("Comment"):
            paragraphs[1].text = f"As reported in reftel, {paragraphs[1].text[0].lower()}{paragraphs[1].text[1:]}"
        return paragraphs, summary, comments



def _body_text(paragraphs: list[SynthParagraph]) -> str:
    """The paragraphs as the telegram writes them: headings, `N. (C) ` openings, wrapped lines, list items
    (`-- `) on lines of their own, a blank line between paragraphs."""
    blocks = []
    for p in paragraphs:
        if p.heading:
            blocks.append(p.heading if len(p.heading) % 2 else f"{p.heading}\n{'-' * len(p.heading)}")
        marking = f"({p.marking}{'//' + p.dissemination if p.dissemination else ''}) " if p.marking else ""
        text = f"{p.number}. {marking}{p.text}"
        if "End " in text:
            text = _glue_markers(text)
        if " -- " in text:
            head, *items = text.split(" -- ")
            blocks.append("\n".join(wrap(part) for part in [head, *(f"-- {item}" for item in items)]))
        else:
            blocks.append(wrap(text))
    return "\n\n".join(blocks).replace("\0", " ")


def _pages(body: str, section_chars: int) -> list[str]:
    """The body cut into pages of about `section_chars` characters. Each cut falls between two lines of one
    paragraph with two lines of it still to come (the hardest place for a reader of the text, and a common one;
    a lone line after the break could be taken for a heading)."""
    pages = []
    start = 0
    while len(body) - start > section_chars:
        at = body.find("\n", start + section_chars)
        while at != -1 and not _inside_paragraph(body, at):
            at = body.find("\n", at + 1)
        if at == -1:
            break
        pages.append(body[start:at])
        start = at + 1
    pages.append(body[start:])
    return pages


def _inside_paragraph(body: str, at: int) -> bool:
    after = body.find("\n", at + 1)
    return body[at - 1] != "\n" and body[at + 1] not in "\n-" and after != -1 and body[after + 1:after + 2] not in (
        "\n", "")


# --- the public generators -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Borrowed:
    """What a cable takes from a real one when its prose is borrowed: the subject and the paragraphs' text."""

    subject: str
    paragraphs: list[str]


def borrow(paths: Iterable[str]) -> list[Borrowed]:
    """The subjects and paragraphs of the cables at `paths` (files or folders, each cable once), for cables whose
    words are those of a real corpus: how many cables a word is in, and so how many a search matches, is then what
    it is in that corpus, as the template prose cannot make it (its few hundred words are each in most cables).
    Such cables are for measuring, not for round trips: the paragraphs keep their own summaries and comments."""
    from .parser import parse
    from .sources import RawCable, read

    found: dict[str, Borrowed] = {}
    for raw in read(paths):
        if isinstance(raw, RawCable):
            cable = parse(raw.text, raw.source)
            texts = [p.text for p in cable.paragraphs if p.text]
            if cable.subject and texts:
                found.setdefault(cable.reference_id, Borrowed(cable.subject, texts))
    return [found[rid] for rid in sorted(found)]


def cables(n: int, seed: int = 0, borrowed: Sequence[Borrowed] = ()) -> Iterator[SynthCable]:
    """`n` synthetic cables for `seed`, one at a time; cable i is the same for any n > i. With `borrowed` (see
    `borrow`), each cable's subject and paragraphs are those of one of them, drawn by the seed."""
    writer = Writer(tables(seed), seed, borrowed)
    for i in range(n):
        yield writer.cable(i)


def generate(n: int, seed: int = 0, borrowed: Sequence[Borrowed] = ()) -> Iterator[tuple[str, str]]:
    """`n` synthetic cables for `seed` as (reference_id, text), one at a time."""
    for cable in cables(n, seed, borrowed):
        yield cable.reference_id, cable.text


def write(n: int, seed: int, folder: str | Path, fmt: str = "txt", borrowed: Sequence[Borrowed] = ()) -> Path:
    """`n` cables into `folder` as REFID.txt files (`fmt="txt"`) or as one `cables.csv`; returns what was written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with (folder / "cables.csv").open("w", encoding="utf-8", newline="") as f:
            write_csv(n, seed, f, borrowed)
        return folder / "cables.csv"
    write_files(n, seed, folder, borrowed)
    return folder


def write_files(n: int, seed: int, out: Path, borrowed: Sequence[Borrowed] = ()) -> int:
    """One REFID.txt per cable under `out`, in folders of SHARD_SIZE (`out/0000/`, `out/0001/`...)."""
    for i, (reference_id, text) in enumerate(generate(n, seed, borrowed)):
        shard = out / f"{i // SHARD_SIZE:04d}"
        if i % SHARD_SIZE == 0:
            shard.mkdir(parents=True, exist_ok=True)
        (shard / f"{reference_id}.txt").write_text(text, encoding="utf-8")
    return n


CSV_LABELS = {"SECRET": "SECRET", "CONFIDENTIAL": "CONFIDENTIAL", "UNCLASSIFIED": "UNCLASSIFIED",
              "LIMITED OFFICIAL USE": "LIMITED OFFICIAL USE"}


def write_csv(n: int, seed: int, out: IO[str], borrowed: Sequence[Borrowed] = ()) -> int:
    """The cables as `cables.csv` rows: id, created, refid, origin, classification, references, header, body; every
    field quoted, quotes escaped with a backslash, as the real dump writes them."""
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False, lineterminator="\n")
    for i, cable in enumerate(cables(n, seed, borrowed)):
        month, day, hour = int(cable.dtg[5:7]), int(cable.dtg[8:10]), int(cable.dtg[11:13])
        created = f"{month}/{day}/{cable.year} {hour}:{cable.dtg[14:16]}"  # as the dump writes it: 3/14/1985 10:32
        label = CSV_LABELS[cable.classification]
        if "NOFORN" in cable.handling:
            label += "//NOFORN"
        elif "SENSITIVE" in cable.handling:
            label += "//FOR OFFICIAL USE ONLY"
        cited = "|".join(r.reference_id for r in cable.references if r.reference_id)
        body = cable.text[len(cable.header) + 1:]
        writer.writerow([i + 1, created, cable.reference_id, cable.origin.label, label, cited, cable.header, body])
    return n
