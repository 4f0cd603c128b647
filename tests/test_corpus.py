"""Corpus-wide invariants over ../shared/corpus: every file read, nothing raised, no artifact left behind."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict

import pytest

from cablekit import export, parse_paths, read, resolve
from cablekit.sources import SourceFailure

from .conftest import CORPUS, needs_corpus

pytestmark = [needs_corpus, pytest.mark.corpus]

CANONICAL = re.compile(r"^\d{2}[A-Z]+\d+$")
RESIDUE = {
    "entity": re.compile(r"&#x|&amp;|&lt;|&quot;"),
    "link residue": re.compile(r"\]\(#"),
    "paragraph sign": re.compile("\u00b6"),
    "page-break line": re.compile(r"\b0\d{7}\s+\d{3}\s+OF\s+\d{3}\b", re.I),
}
# Files of the corpus that are not cables (its own README and lists).
NOT_CABLES = {"README.md", "index.tsv", "stats.md"}
# Variants whose published id and classification line are too damaged to rebuild without a header
# (`UNCLAS SECTION 01 GF 02 BISHIEK 00Q021`: the serial lost a digit): the record keeps the published id and says so.
# Rebuilding from the published id alone would give 08BISHKEK21, another cable's id (the header says #1021).
UNREPAIRABLE_IDS = {"08SECTION01GF02BISHIEK21"}
# The malformed published ids the corpus's README lists, and the ids their pages' own headers give.
MALFORMED_IDS = {
    "08ECTION01OF02MANAMA492": "08MANAMA492", "08SCTION02OF02SAOPAULO335": "08SAOPAULO335",
    "08SECTION01GF02BISHIEK21": "08BISHKEK1021", "09SECTION01OF03SANJOSE525": "09SANJOSE525",
    "09SECTION02OF03QRIPOLI583": "09TRIPOLI583", "7575LIBREVILLE1895": "75LIBREVILLE1895",
}


@pytest.fixture(scope="module")
def corpus():
    cables, failures = [], []
    for item in parse_paths([str(p) for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.name not in NOT_CABLES]):
        (failures if isinstance(item, SourceFailure) else cables).append(item)
    return cables, failures


def test_every_file_is_read(corpus):
    cables, failures = corpus
    assert failures == []
    assert len(cables) >= 6758 + 43


def test_no_parser_error(corpus):
    errors = [(c.reference_id, d.message) for c, d in _diagnostics(corpus[0]) if d.code == "parser-error"]
    assert errors == []


def test_every_record_has_a_canonical_id(corpus):
    bad = [c.reference_id for c in corpus[0]
           if not CANONICAL.match(c.reference_id) and c.reference_id not in UNREPAIRABLE_IDS]
    assert bad == []


def test_malformed_published_ids_are_rebuilt_from_the_header(corpus):
    # The site pages; a variant cut from one has no header (UNREPAIRABLE_IDS).
    rebuilt = {c.source["reference_id"]: c.reference_id for c in corpus[0]
               if c.source.get("reference_id") in MALFORMED_IDS and "/variants/" not in c.source["path"]}
    assert rebuilt == MALFORMED_IDS


def test_the_corpus_files_that_are_no_cables_are_refused_by_name():
    # Pointed at the folder, a user gets one line for each of these, not an empty record.
    failures = list(read([str(CORPUS / name) for name in sorted(NOT_CABLES)]))
    assert [(type(f), f.path.rsplit("/", 1)[-1]) for f in failures] == [(SourceFailure, n) for n in sorted(NOT_CABLES)]
    assert all(f.reason.startswith("not a cable") for f in failures)


def test_dtg_for_every_cable_with_a_header(corpus):
    # Judged on the text, not on what the parser read: a page that shows a truncated copy and then an embedded
    # record (09QUITO233) once lost its header this way unseen. A header is the VZCZC block before the
    # classification line; five mail printouts (03ABUDHABI2641) quote one after it, inside the body.
    with_header = [c for c in corpus[0]
                   if re.search(r"^VZCZC", c.text[:c.spans.get("classification", (len(c.text),))[0]], re.M)]
    missing = [c.reference_id for c in with_header if not (c.transmission_id and c.dtg and c.origin)]
    assert len(with_header) > 5000 and missing == []


def test_subject_whenever_the_cable_has_a_subject_line(corpus):
    has_line = [c for c in corpus[0] if re.search(r"\bSUBJ(?:ECT)?\s*:", c.text, re.I)]
    missing = [c.reference_id for c in has_line if not c.subject]
    assert len(missing) <= len(has_line) * 0.005, missing[:20]


def test_no_residue_in_any_text_field(corpus):
    found = defaultdict(list)
    for c in corpus[0]:
        fields = [c.subject or "", c.summary or "", *c.comments, *c.signers,
                  *(p.text for p in c.paragraphs), *(p.heading or "" for p in c.paragraphs)]
        blob = "\n".join(fields)
        for name, pattern in RESIDUE.items():
            if pattern.search(blob):
                found[name].append(c.reference_id)
    assert dict(found) == {}


def test_classification_for_every_cable_with_text(corpus):
    missing = [c.reference_id for c in corpus[0] if not c.classification and len(c.text) > 400]
    assert missing == []


def test_spans_lie_inside_the_text(corpus):
    for c in corpus[0]:
        for name, (start, end) in c.spans.items():
            assert 0 <= start <= end <= len(c.text), (c.reference_id, name)
        for p in c.paragraphs:
            assert p.span is None or 0 <= p.span[0] <= p.span[1] <= len(c.text), c.reference_id


def _cable(cables, reference_id, path_part):
    return next(c for c in cables if c.reference_id == reference_id and path_part in c.source["path"])


def test_a_quoted_letter_s_dateline_and_signature_are_its_text(corpus):
    # 08STATE90980 quotes a letter (`Begin text of Sarkozy letter to Saakashvili:` ... `End text.`).
    c = _cable(corpus[0], "08STATE90980", "/html/wl-cablegate-site-2011-04/")
    assert not [p.heading for p in c.paragraphs if p.heading and ("Sarkozy" in p.heading or "August" in p.heading)]
    letter = next(p for p in c.paragraphs if p.number == 8)
    assert letter.text.startswith("Begin text of Sarkozy letter to Saakashvili: Paris, 14 August 2008 Mister "
                                  "President: Regarding point 5")
    assert letter.text.endswith("s/s Nicolas Sarkozy End text.")
    assert c.signers == ["RICE"]


def test_a_ref_line_run_into_the_summary_s_tail_is_cut(corpus):
    # 06NEWDELHI5138 lost the bytes between its REF line and the tail of its summary.
    c = _cable(corpus[0], "06NEWDELHI5138", "/txt/raw-header/")
    assert [(r.label, r.reference_id) for r in c.references] == [("A", "06NEWDELHI420")]
    assert len(c.references[0].text) < 30
    assert c.paragraphs[0].number is None and c.paragraphs[0].text.startswith("in on July 24, the Left parties")
    assert c.paragraphs[0].text.endswith("aggressive policy goals. End Summary.")
    assert c.summary.startswith("in on July 24") and c.summary.endswith("aggressive policy goals.")
    assert "reference-runs-into-text" in [d.code for d in c.diagnostics]


def _diagnostics(cables):
    for c in cables:
        for d in c.diagnostics:
            yield c, d


CROSS_FORMAT_FIELDS = ("reference_id", "classification", "section_count", "handling", "eo", "declassification",
                       "tags", "subject", "subject_marking", "summary", "comments", "signers")


def _comparable(cable):
    fields = {name: getattr(cable, name) for name in CROSS_FORMAT_FIELDS}
    fields["references"] = [r.reference_id for r in cable.references]
    fields["paragraphs"] = [(p.number, p.marking, p.heading, p.text) for p in cable.paragraphs]
    return fields


def test_the_same_cable_in_two_formats_gives_the_same_fields(corpus):
    rows = list(csv.DictReader((CORPUS / "index.tsv").open(encoding="utf-8"), delimiter="\t"))
    by_path = {str(CORPUS / r["path"]): r["refid"] for r in rows}
    groups = defaultdict(list)
    for cable in corpus[0]:
        # cables.csv holds several cables under one path: its rows name their own ids.
        is_csv = cable.source.get("format") == "cables-csv"
        refid = cable.source.get("reference_id") if is_csv else by_path.get(cable.source.get("path"))
        if refid:
            groups[refid].append(cable)
    compared = 0
    for refid, cables in groups.items():
        for other in cables[1:]:
            first, second = _comparable(cables[0]), _comparable(other)
            if refid in UNREPAIRABLE_IDS:
                first.pop("reference_id"), second.pop("reference_id")
            assert first == second, (refid, cables[0].source["path"], other.source["path"])
            compared += 1
    assert compared >= 43


def _rate(cables, has, wanted=lambda c: True):
    pool = [c for c in cables if wanted(c)]
    return sum(1 for c in pool if has(c)) / len(pool)


# Floors a little under what the parser reads today (measured over the corpus; see the issue notes): a change
# that loses fields on real cables fails here even when every table case still passes.
QUALITY_FLOORS = [
    ("tags where a TAGS line stands", lambda c: bool(c.tags), lambda c: re.search(r"\bTAGS?\b", c.text), 0.99),
    ("paragraphs", lambda c: bool(c.paragraphs), lambda c: True, 0.98),
    ("classified by where the words stand", lambda c: c.classified_by is not None,
     lambda c: re.search(r"classified\s+by", c.text, re.I), 0.985),
    ("reasons where the words stand", lambda c: bool(c.classified_by and c.classified_by.reasons),
     lambda c: re.search(r"classified\s+by", c.text, re.I), 0.955),
    ("summary where the word stands", lambda c: bool(c.summary), lambda c: re.search(r"\bsummary\b", c.text, re.I),
     0.985),
    ("references where a REF line stands", lambda c: bool(c.references),
     lambda c: re.search(r"^\s*REF", c.text, re.I | re.M), 0.92),
    ("signers", lambda c: bool(c.signers), lambda c: True, 0.94),
    ("comments where End Comment stands", lambda c: bool(c.comments),
     lambda c: re.search(r"\bEND\s+COMMENT\b", c.text, re.I), 0.98),
    ("cables whose paragraphs hold no rule of dashes",
     lambda c: not any("-----" in p.text for p in c.paragraphs), lambda c: bool(c.paragraphs), 0.975),
]


@pytest.mark.parametrize(("what", "has", "wanted", "floor"), QUALITY_FLOORS, ids=[q[0] for q in QUALITY_FLOORS])
def test_fields_are_read_on_real_cables(corpus, what, has, wanted, floor):
    assert _rate(corpus[0], has, wanted) >= floor


# Origins whose cables' TAGS seldom name the post's country, for a reason that is no fault of the posts table:
# Belgrade's cables tag Serbia `SR` (FIPS 10-4 has RI); the site gives BRUSSELS ids to USEU cables on EU matters.
TAGS_NAME_ANOTHER_COUNTRY = {"BELGRADE", "BRUSSELS"}


def test_every_origin_has_a_post(corpus):
    origins = _origins(corpus[0])
    missing = sorted(o for o in origins if resolve.post(o) is None)
    assert len(origins) > 150 and missing == []
    # An embassy or consulate lies in the country most of its cables are tagged with: the right city was found.
    checked = {o: cables for o, cables in origins.items() if len(cables) >= 5 and o not in TAGS_NAME_ANOTHER_COUNTRY
               and resolve.post(o).name.startswith(("Embassy", "Consulate"))}
    elsewhere = sorted(o for o, cables in checked.items()
                       if sum(resolve.post(o).country in c.tags for c in cables) < len(cables) / 2)
    assert len(checked) > 80 and elsewhere == []


def test_every_cable_exports_as_valid_followthemoney(corpus):
    # Found on this corpus: cables longer than a text value may be (10MEXICO640), subjects run on into the body.
    model = pytest.importorskip("followthemoney").model
    out = io.BytesIO()
    assert export.write_ftm(corpus[0], out) == len(corpus[0])
    invalid = []
    for line in out.getvalue().splitlines():
        data = json.loads(line)
        try:
            model.get_proxy(data).schema.validate(data)
        except Exception as exc:  # followthemoney's InvalidData says which property
            invalid.append((data["id"], str(exc)))
    assert invalid == []


def _origins(cables):
    by_origin = defaultdict(list)
    for c in cables:
        if m := resolve.WELL_FORMED_ID.match(c.reference_id):
            by_origin[m.group(2)].append(c)
    return by_origin
