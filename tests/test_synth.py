"""Synthetic cables: seeded and deterministic, faithful to the statistics they are drawn from, and read back by the
parser exactly as they were written (the generator is a round-trip test of the parser)."""

from __future__ import annotations

import inspect
import io
import itertools
import json
import tracemalloc
from collections import Counter

import pytest
from click.testing import CliRunner

import cablekit
from cablekit import synth
from cablekit.cli import main
from cablekit.sources import SourceFailure

from .conftest import DATA

SEEDS = (0, 11)
PER_SEED = 300


def fold(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


@pytest.fixture(scope="module")
def pairs() -> list[tuple[synth.SynthCable, cablekit.Cable]]:
    """Each generated cable with the record the parser reads from its text."""
    return [(made, cablekit.parse(made.text)) for seed in SEEDS for made in synth.cables(PER_SEED, seed)]


# field -> (what the parser read, what the generator wrote)
FIELDS = {
    "reference_id": (lambda c: c.reference_id, lambda s: s.reference_id),
    "dtg": (lambda c: c.dtg, lambda s: s.dtg),
    "precedence": (lambda c: c.precedence, lambda s: s.precedence),
    "origin": (lambda c: c.origin, lambda s: s.origin.fm),
    "station": (lambda c: c.station, lambda s: s.station),
    "to": (lambda c: [(a.route, a.name, a.precedence, a.number) for a in c.to], lambda s: s.to),
    "info": (lambda c: [(a.route, a.name, a.precedence, a.number) for a in c.info], lambda s: s.info),
    "classification": (lambda c: c.classification, lambda s: s.classification),
    "section_count": (lambda c: c.section_count, lambda s: s.section_count),
    "handling": (lambda c: c.handling, lambda s: s.handling),
    "eo": (lambda c: c.eo, lambda s: s.eo),
    "declassify_on": (lambda c: c.declassify_on, lambda s: s.declassify_on),
    "tags": (lambda c: c.tags, lambda s: s.tags),
    "subject": (lambda c: c.subject, lambda s: s.subject),
    "references": (lambda c: [(r.label, r.reference_id, r.kind) for r in c.references],
                   lambda s: [(r.label, r.reference_id, r.kind) for r in s.references]),
    "classified_by": (lambda c: c.classified_by and (c.classified_by.title, c.classified_by.name,
                                                     c.classified_by.reasons),
                      lambda s: s.classified_by),
    "paragraphs": (lambda c: [(p.number, p.marking, p.dissemination, p.heading) for p in c.paragraphs],
                   lambda s: [(p.number, p.marking, p.dissemination, p.heading) for p in s.paragraphs]),
    "paragraph text": (lambda c: [fold(p.text) for p in c.paragraphs], lambda s: [fold(p.text) for p in s.paragraphs]),
    "summary": (lambda c: fold(c.summary), lambda s: fold(s.summary)),
    "comments": (lambda c: [fold(x) for x in c.comments], lambda s: [fold(x) for x in s.comments]),
    "signers": (lambda c: c.signers, lambda s: s.signers),
}


@pytest.mark.parametrize("field", FIELDS)
def test_the_parser_reads_back_what_was_written(pairs, field):
    read, written = FIELDS[field]
    wrong = [(made.reference_id, read(record), written(made)) for made, record in pairs
             if read(record) != written(made)]
    assert not wrong, f"{len(wrong)} of {len(pairs)} cables; first: {wrong[0]}"


def test_no_diagnostic_beyond_removed_page_breaks(pairs):
    """The text is clean: the parser repairs nothing and guesses nothing (only page-break lines are removed)."""
    notes = [(made.reference_id, d.code, d.message) for made, record in pairs for d in record.diagnostics
             if d.severity != "info"]
    assert not notes, notes[:3]


def test_the_generated_values_cover_the_format(pairs):
    """The round trip means something only if the hard cases occur: check the sample holds them."""
    made = [m for m, _ in pairs]
    assert {m.classification for m in made} >= {"UNCLASSIFIED", "CONFIDENTIAL", "SECRET"}
    assert any(m.section_count > 1 for m in made)  # page-break lines inside paragraphs
    assert any(m.summary for m in made) and any(m.comments for m in made)
    assert any(p.heading for m in made for p in m.paragraphs)
    assert any(p.dissemination for m in made for p in m.paragraphs)
    assert any(" -- " in p.text for m in made for p in m.paragraphs)
    assert any(len(m.references) > 1 for m in made) and any(len(m.references) == 1 for m in made)
    assert any(r.kind == "email" for m in made for r in m.references)
    assert any(" " in m.origin.name for m in made)  # posts of two words (`SAO PAULO`)
    assert any(m.origin.code == "STATE" for m in made)


def test_same_seed_same_cables_and_another_seed_others():
    assert list(synth.generate(40, 5)) == list(synth.generate(40, 5))
    assert all(a != b for a, b in zip(synth.generate(40, 5), synth.generate(40, 6), strict=True))


def test_a_smaller_set_is_the_start_of_a_larger_one():
    assert list(synth.generate(30, 2)) == list(itertools.islice(synth.generate(90, 2), 30))


def test_ids_are_unique_and_references_cite_the_set_and_beyond():
    made = list(synth.cables(2000, 4))
    ids = {m.reference_id for m in made}
    assert len(ids) == len(made)
    cited = [r.reference_id for m in made for r in m.references if r.reference_id]
    inside = sum(c in ids for c in cited)
    assert 0.2 < inside / len(cited) < 0.8, (inside, len(cited))
    # every reference into the set cites an earlier cable (as real cables cite what came before)
    position = {m.reference_id: k for k, m in enumerate(made)}
    assert all(position[r.reference_id] < k for k, m in enumerate(made) for r in m.references
               if r.reference_id in position)


def test_the_cables_follow_the_statistics():
    stats = synth.statistics()
    made = list(synth.cables(2500, 8))

    def shares(counts: Counter) -> dict:
        total = sum(counts.values())
        return {k: v / total for k, v in counts.items()}

    expected = shares(Counter(stats["classifications"]))
    seen = shares(Counter(m.classification for m in made))
    for classification in ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET"):
        assert abs(seen.get(classification, 0) - expected[classification]) < 0.03, classification
    years = shares(Counter({int(y): n for y, n in stats["years"].items()}))
    seen_years = shares(Counter(m.year for m in made))
    assert abs(seen_years[2009] - years[2009]) < 0.03
    mean_paragraphs = sum(int(k) * v for k, v in stats["paragraphs"].items()) / sum(stats["paragraphs"].values())
    assert abs(sum(len(m.paragraphs) for m in made) / len(made) - mean_paragraphs) < 0.1 * mean_paragraphs
    top_origin = stats["origins"][0]["code"]
    share = stats["origins"][0]["cables"] / sum(o["cables"] for o in stats["origins"])
    assert abs(sum(m.origin.code == top_origin for m in made) / len(made) - share) < 0.02


def test_a_generator_not_a_list_and_memory_stays_flat():
    assert inspect.isgenerator(synth.generate(10, 0))
    list(synth.generate(5, 1))  # the tables and the sentence pool are built once for a seed, not counted

    def peak(n: int) -> int:
        tracemalloc.start()
        for _ in synth.generate(n, 1):
            pass
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    assert peak(1500) < peak(150) + 500_000


def test_files_in_folders_of_a_thousand_named_by_id(tmp_path):
    written = synth.write(2100, 3, tmp_path)
    folders = sorted(p.name for p in written.iterdir())
    assert folders == ["0000", "0001", "0002"]
    assert [len(list((tmp_path / f).iterdir())) for f in folders] == [1000, 1000, 100]
    first_id, first_text = next(synth.generate(1, 3))
    assert (tmp_path / "0000" / f"{first_id}.txt").read_text(encoding="utf-8") == first_text


def test_csv_reads_back_through_cablekit_read(tmp_path):
    out = io.StringIO()
    synth.write_csv(60, 9, out)
    path = tmp_path / "cables.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    raws = list(cablekit.read([str(path)]))
    assert not [r for r in raws if isinstance(r, SourceFailure)]
    made = list(synth.cables(60, 9))
    assert [r.source["reference_id"] for r in raws] == [m.reference_id for m in made]
    for raw, m in zip(raws, made, strict=True):
        record = cablekit.parse(raw.text, raw.source)
        assert (record.reference_id, record.dtg, record.tags, record.subject) == (
            m.reference_id, m.dtg, m.tags, m.subject)
        assert raw.source["references"] == [r.reference_id for r in m.references if r.reference_id]
        assert raw.source["classification"].split("//")[0] == m.classification
        assert [fold(p.text) for p in record.paragraphs] == [fold(p.text) for p in m.paragraphs]
    assert '\\"' in out.getvalue()  # quotes in the text, escaped as the dump escapes them


def test_the_statistics_are_counts_only():
    """The package data holds histograms and vocabulary codes, never running text from a cable."""
    stats = synth.statistics()
    longest = max(len(k) for table in stats.values() if isinstance(table, dict) for k in table)
    assert longest < 60
    assert json.dumps(stats).count(". ") < 5


def test_the_synth_command(tmp_path):
    result = CliRunner().invoke(main, ["synth", "25", "--seed", "3", "--out", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "25 synthetic cables" in result.output
    assert len([r for r in cablekit.read([str(tmp_path / "cables.csv")])]) == 25
    result = CliRunner().invoke(main, ["synth", "25", "--seed", "3", "--out", str(tmp_path / "txt")])
    assert result.exit_code == 0 and len(list((tmp_path / "txt" / "0000").iterdir())) == 25


def test_borrowed_prose_is_a_real_cable_s_subject_and_paragraphs(tmp_path):
    borrowed = synth.borrow([str(DATA / "cables")])
    assert len(borrowed) >= 5 and all(b.subject and b.paragraphs for b in borrowed)
    by_subject = {b.subject: b for b in borrowed}
    made = list(synth.cables(40, 0, borrowed))
    assert len({m.subject for m in made}) > 1
    for m in made:
        record = cablekit.parse(m.text)
        assert record.subject == m.subject in by_subject
        texts = " ".join(fold(p.text) for p in record.paragraphs)
        assert all(fold(text) in texts for text in by_subject[m.subject].paragraphs)
    assert [m.text for m in synth.cables(40, 0)] != [m.text for m in made]  # the template prose without it
    result = CliRunner().invoke(main, ["synth", "5", "--out", str(tmp_path), "--prose-from", str(DATA / "cables")])
    assert result.exit_code == 0, result.output
    assert {cablekit.parse(f.read_text()).subject for f in (tmp_path / "0000").iterdir()} <= set(by_subject)


@pytest.mark.parametrize(("text", "glued"), [
    ("2. Talks went on. End Comment.", "2. Talks went\0on.\0End\0Comment."),
    # a borrowed paragraph that opens with the marker (08LONDON2185: 'End Summary. 3. (C) Martin Gillen ...')
    # once doubled the text without end
    ("3. End Summary. 3. (C) Talks.", "3.\0End\0Summary. 3. (C) Talks."),
])
def test_a_closing_marker_is_glued_to_the_word_before_it(text, glued):
    assert synth._glue_markers(text) == glued
