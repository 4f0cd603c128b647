"""The SQLite store: ingest (idempotent, versioned, failures kept), search and facets checked against the records."""

from __future__ import annotations

import collections
import json
import pathlib
import re
import shutil
import sqlite3
import threading
import zlib

import msgspec
import pytest
from click.testing import CliRunner

from cablekit import parse, parse_paths
from cablekit import store as st
from cablekit.cli import main
from cablekit.models import Cable
from cablekit.sources import SourceFailure

from .conftest import DATA, needs_corpus

SOURCES = sorted(str(p) for p in (DATA / "cables").iterdir() if not p.name.endswith((".json", ".md")))


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path):
    """The same corpus in each backend: every test that takes `db` runs against SQLite and PostgreSQL."""
    url = str(tmp_path / "cables.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    conn = st.connect(url)
    report = st.ingest(conn, SOURCES, jobs=2, batch_size=5)
    assert report.failures == []
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def records():
    return [c for c in parse_paths(SOURCES) if not isinstance(c, SourceFailure)]


def test_every_cable_is_stored_with_its_parts(db, records):
    assert db.execute("SELECT count(*) FROM cables").fetchone()[0] == len(records)
    assert db.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == sum(len(c.paragraphs) for c in records)
    assert db.execute('SELECT count(*) FROM "references"').fetchone()[0] == sum(len(c.references) for c in records)
    assert db.execute("SELECT count(*) FROM addressees").fetchone()[0] == sum(len(c.to) + len(c.info) for c in records)
    stored = st.get(db, "09MOSCOW2771")
    original = next(c for c in records if c.reference_id == "09MOSCOW2771")
    assert stored == original


def test_a_record_is_stored_without_the_texts_its_rows_hold_and_read_back_whole(db, records):
    """The record blob leaves out the text, the paragraphs' texts and the provenance (`cables.text`, `paragraphs`
    and `cables.source` hold them); a blob written whole, as before, reads back the same."""
    original = next(c for c in records if c.reference_id == "09MOSCOW2771")
    blob, source = db.execute("SELECT record, source FROM cables WHERE reference_id = '09MOSCOW2771'").fetchone()
    stored = msgspec.json.decode(zlib.decompress(blob))
    assert json.loads(source) == original.source and original.source["path"] and stored["source"] == {}
    assert stored["text"] == "" and len(stored["paragraphs"]) == len(original.paragraphs) > 5
    assert {p["text"] for p in stored["paragraphs"]} == {""}
    with db:
        db.execute("UPDATE cables SET record = ?, source = NULL WHERE reference_id = '09MOSCOW2771'",
                   (zlib.compress(msgspec.json.encode(msgspec.structs.replace(original, text=""))),))
    assert st.get(db, "09MOSCOW2771") == original
    assert [c for c in st.records(db, None, st.Filters()) if c.reference_id == "09MOSCOW2771"] == [original]


def test_the_text_indexed_is_made_by_the_writer_from_the_rows_as_the_record_holds_it(records):
    """A parsing process sends a cable's rows alone; the writer makes the indexed text (subject, summary, each
    paragraph's section heading, heading and text) from them."""
    assert any(p.section_heading for c in records for p in c.paragraphs)
    for cable in records:
        assert st._prepared(cable).indexed == st._indexed(cable), cable.reference_id


def test_a_new_corpus_file_has_sqlite_s_largest_pages_and_one_made_before_keeps_its_own(tmp_path):
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    plain = sqlite3.connect(old)
    plain.executescript(f"PRAGMA page_size = 4096; {st.SCHEMA}; PRAGMA user_version = {st.SCHEMA_VERSION};")
    plain.close()
    for path, size in ((new, st.PAGE_SIZE), (old, 4096)):
        db = st.connect(str(path))
        assert st.ingest(db, SOURCES[:3], jobs=1).added == 3
        assert db.execute("PRAGMA page_size").fetchone()[0] == size
        assert st.count(db, "the", st.Filters()) == 3


def test_ingest_again_adds_nothing(db):
    report = st.ingest(db, SOURCES, jobs=1)
    assert (report.added, report.updated) == (0, 0) and report.unchanged == report.seen > 0


def test_a_changed_cable_replaces_the_stored_one_and_keeps_the_earlier_version(db, tmp_path):
    changed = tmp_path / "10STATE8341.txt"
    changed.write_text((DATA / "cables" / "10STATE8341.txt").read_text().replace("revised", "REVISED AGAIN"))
    report = st.ingest(db, [str(changed)], jobs=1)
    assert report.updated == 1
    assert db.execute("SELECT version FROM cables WHERE reference_id = '10STATE8341'").fetchone()[0] == 2
    old = db.execute("SELECT text FROM versions WHERE reference_id = '10STATE8341' AND version = 1").fetchone()[0]
    assert "REVISED AGAIN" not in old and "REVISED AGAIN" in st.get(db, "10STATE8341").text
    kept = db.execute("SELECT record FROM versions WHERE reference_id = '10STATE8341' AND version = 1").fetchone()[0]
    paragraphs = msgspec.json.decode(zlib.decompress(kept))["paragraphs"]  # whole: a version has no paragraph rows
    assert [p["text"] for p in paragraphs] == [p.text for p in parse(old).paragraphs]


def test_a_later_section_page_never_replaces_the_whole_cable_whichever_comes_first(db, tmp_path):
    """The site published some sections of long cables as pages of their own (08SCTION02OF02SAOPAULO335): such a
    page, its id repaired, is kept as an earlier version and the whole cable stays current, in either order."""
    lines = (DATA / "cables" / "10ANKARA243.txt").read_text(encoding="latin-1").splitlines(keepends=True)
    assert lines[68].startswith("C O N F I D E N T I A L SECTION 02 OF 03")
    page = tmp_path / "page" / "10ANKARA243-section-2.txt"
    page.parent.mkdir()
    page.write_text("".join(lines[:15] + lines[68:]), encoding="latin-1")
    whole = st.get(db, "10ANKARA243")
    report = st.ingest(db, [str(page)], jobs=1)
    assert (report.added, report.updated, report.set_aside) == (0, 0, 1)
    assert st.get(db, "10ANKARA243") == whole
    assert [(v, "SECTION 02 OF 03" in t.splitlines()[15]) for v, t, _ in st.versions(db, "10ANKARA243")] == [
        (1, True), (2, False)]
    record, source = db.execute("SELECT record, source FROM versions WHERE reference_id = '10ANKARA243'").fetchone()
    kept = st._record(record, page.read_text(encoding="latin-1"), source)  # whole: a version has no paragraph rows
    assert msgspec.structs.replace(kept, text="") == msgspec.structs.replace(next(parse_paths([str(page)])), text="")
    assert st.ingest(db, [str(page)], jobs=1).set_aside == 0  # kept already: nothing more

    alone = st.connect(str(tmp_path / "page-first.db"))
    st.ingest(alone, [str(page)], jobs=1)
    assert st.get(alone, "10ANKARA243").section == 2
    assert st.ingest(alone, [str(DATA / "cables" / "10ANKARA243.txt")], jobs=1).updated == 1
    assert st.get(alone, "10ANKARA243").text == whole.text


def test_a_section_heading_is_stored_and_searched(db):
    assert db.execute("SELECT section_heading, heading FROM paragraphs WHERE reference_id = '10BRASILIA112' "
                      "AND number = 6").fetchone() == ("MINISTERS ON MESSAGE", "Tariff on Every Agenda")
    assert [h.reference_id for h in st.search(db, '"ministers on message"', st.Filters())] == ["10BRASILIA112"]


def test_a_changed_cable_is_found_by_its_new_text_only_and_counted_once(db, tmp_path):
    before = st.summary(db, None, st.Filters(), top=500)
    changed = tmp_path / "10STATE8341.txt"
    changed.write_text(re.sub("(?i)revised", "kumquat", (DATA / "cables" / "10STATE8341.txt").read_text()))
    assert st.ingest(db, [str(changed)], jobs=1).updated == 1
    assert st.search(db, "revised", st.Filters()) == [] and st.count(db, "revised", st.Filters()) == 0
    assert [h.reference_id for h in st.search(db, "kumquat", st.Filters())] == ["10STATE8341"]
    assert st.summary(db, "kumquat", st.Filters()).total == 1
    assert st.summary(db, None, st.Filters(), top=500) == before


def test_whole_corpus_counts_are_kept_and_not_trusted_while_an_ingest_writes(tmp_path):
    db = st.connect(str(tmp_path / "cables.db"))
    st.ingest(db, SOURCES, jobs=1)
    live = st.summary(db, "the OR a OR of", st.Filters(), top=500)  # every cable, counted from its facet rows
    kept = st.summary(db, None, st.Filters(), top=500)
    assert kept == live and kept.total == db.execute("SELECT count(*) FROM cables").fetchone()[0]
    with db:
        db.execute("UPDATE facet_values SET cables = cables + 1000")
    assert st.summary(db, None, st.Filters()).total == kept.total + 1000, "the kept counts are read, not counted"
    with db:
        db.execute("UPDATE facet_values SET cables = NULL WHERE facet = 'total'")  # as an ingest leaves it when killed
    assert st.summary(db, None, st.Filters(), top=500) == kept
    st.ingest(db, [str(DATA / "cables" / "10ANKARA243.txt")], jobs=1)
    assert st.summary(db, None, st.Filters(), top=500) == kept


def _as_made_before_schema_1(path, records):
    """An SQLite corpus as cablekit wrote it before schema 1: the index with its own copy of each cable's text
    (and its id), no facet rows."""
    plain = sqlite3.connect(path)
    plain.executescript("DROP TABLE cables_fts; DROP TABLE cable_facets; DROP TABLE facet_values; "
                        "DROP TABLE cable_facet_ids; ALTER TABLE paragraphs DROP COLUMN section_heading; "
                        "CREATE VIRTUAL TABLE cables_fts USING fts5(reference_id UNINDEXED, subject, summary, body, "
                        "tokenize = 'porter unicode61 remove_diacritics 2'); PRAGMA user_version = 0;")
    by_id = {c.reference_id: c for c in records}
    with plain:
        plain.executemany("INSERT INTO cables_fts (rowid, reference_id, subject, summary, body) VALUES (?, ?, ?, ?, ?)",
                          [(rowid, rid, *st._indexed(by_id[rid]))
                           for rowid, rid in plain.execute("SELECT rowid, reference_id FROM cables")])
    plain.close()


def test_a_corpus_made_before_is_upgraded_by_the_cli_and_refused_by_the_web_app(tmp_path, records):
    new, old = str(tmp_path / "new.db"), str(tmp_path / "old.db")
    st.ingest(st.connect(new), SOURCES, jobs=1)
    shutil.copy(new, old)
    _as_made_before_schema_1(old, records)
    assert st.outdated(old) and not st.outdated(new)
    with pytest.raises(st.StoreError, match=f"^{re.escape(old)} was made by an earlier cablekit"):
        st.connect_reader(old)
    result = CliRunner().invoke(main, ["search", "police", "--db", old, "--facets", "--format", "json"])
    assert result.exit_code == 0 and f"upgrading {old}" in result.stderr
    assert not st.outdated(old)
    expected = CliRunner().invoke(main, ["search", "police", "--db", new, "--facets", "--format", "json"])
    assert json.loads(result.stdout) == json.loads(expected.stdout)
    upgraded, fresh = st.connect_reader(old), st.connect_reader(new)
    for query in (None, "border OR police"):
        assert st.summary(upgraded, query, st.Filters()) == st.summary(fresh, query, st.Filters())


def test_a_corpus_of_schema_2_gets_each_cable_s_value_numbers_on_connect(tmp_path):
    path = str(tmp_path / "cables.db")
    st.ingest(st.connect(path), SOURCES, jobs=1)
    searches = [("police", st.Filters()), (None, st.Filters(tags=("IZ",)))]
    expected = [st.summary(st.connect_reader(path), query, filters, top=500) for query, filters in searches]
    plain = sqlite3.connect(path)
    plain.executescript("DROP TABLE cable_facet_ids; ALTER TABLE paragraphs DROP COLUMN section_heading; "
                        "PRAGMA user_version = 2;")
    plain.close()
    assert st.outdated(path)
    st.connect(path).close()
    assert not st.outdated(path)
    assert [st.summary(st.connect_reader(path), query, filters, top=500) for query, filters in searches] == expected


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_corpus_of_schema_4_gets_a_source_column_and_its_records_keep_their_provenance(backend, tmp_path, request,
                                                                                         records):
    """Schema 4 kept each record's provenance (and its paragraphs' texts) in the record: the upgrade adds the
    `source` columns, empty, and those records read back as they were stored."""
    url = str(tmp_path / "cables.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    db = st.connect(url)
    st.ingest(db, SOURCES, jobs=1)
    by_id = {c.reference_id: c for c in records}
    with db:
        db.executemany("UPDATE cables SET record = ? WHERE reference_id = ?",
                       [(zlib.compress(msgspec.json.encode(msgspec.structs.replace(c, text=""))), rid)
                        for rid, c in by_id.items()])
        db.execute("ALTER TABLE cables DROP COLUMN source")
        db.execute("ALTER TABLE versions DROP COLUMN source")
        if backend == "sqlite":
            db.execute("PRAGMA user_version = 4")
    db.close()
    assert st.outdated(url)
    db = st.connect(url)
    assert not st.outdated(url)
    assert db.execute("SELECT count(*) FROM cables WHERE source IS NULL").fetchone()[0] == len(by_id)
    assert [st.get(db, rid) for rid in by_id] == list(by_id.values())
    assert sorted(st.records(db, None, st.Filters()), key=lambda c: c.reference_id) == sorted(
        records, key=lambda c: c.reference_id)
    changed = tmp_path / "10STATE8341.txt"  # a record of schema 4 replaced: its provenance goes with its version
    changed.write_text((DATA / "cables" / "10STATE8341.txt").read_text().replace("revised", "REVISED AGAIN"))
    assert st.ingest(db, [str(changed)], jobs=1).updated == 1
    kept = db.execute("SELECT source FROM versions WHERE reference_id = '10STATE8341'").fetchone()[0]
    assert json.loads(kept) == by_id["10STATE8341"].source
    assert st.get(db, "10STATE8341").source["path"] == str(changed)


def test_compact_returns_the_space_an_upgrade_freed_and_keeps_the_corpus(tmp_path, synthetic_csv):
    """The upgrade drops the index's copy of the text: pages of the file that later ingests reuse, or `compact`
    returns to the disk (240 synthetic cables: the test cables' copy is too small to outlast the new facet rows)."""
    old = str(tmp_path / "old.db")
    st.ingest(st.connect(old), [synthetic_csv], jobs=1)
    _as_made_before_schema_1(old, [c for c in parse_paths([synthetic_csv]) if isinstance(c, Cable)])
    result = CliRunner().invoke(main, ["search", "minister", "--db", old, "--format", "json"])
    assert result.exit_code == 0 and "free space now" in result.stderr and f"compact --db {old}" in result.stderr
    found = json.loads(result.stdout)
    assert found
    def used_bytes():  # the database as SQLite counts it, its log included (the file alone may lag behind the log)
        conn = st.connect(old)
        return conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]

    free, before = st.free_bytes(st.connect(old)), used_bytes()
    assert free > 0
    result = CliRunner().invoke(main, ["compact", "--db", old])
    assert result.exit_code == 0, result.output
    assert st.free_bytes(st.connect(old)) == 0 and used_bytes() < before
    assert pathlib.Path(old).stat().st_size == used_bytes()  # written back to the file: the disk has the space
    assert json.loads(CliRunner().invoke(main, ["search", "minister", "--db", old, "--format", "json"]).stdout) == found


def test_failures_land_in_the_errors_table(db, tmp_path):
    bad = tmp_path / "broken.html.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00 broken")
    report = st.ingest(db, [str(bad)], jobs=1)
    assert [f.path for f in report.failures] == [str(bad)]
    assert db.execute("SELECT path FROM errors").fetchall() == [(str(bad),)]


def _expected(records, word):
    return {c.reference_id for c in records
            if any(word in t.lower() for t in [c.subject or "", c.summary or "", *(p.text for p in c.paragraphs),
                                               *(p.heading or "" for p in c.paragraphs)])}


@pytest.mark.parametrize("word", ["police", "ethanol", "tariff", "visa"])
def test_search_finds_what_the_records_hold(db, records, word):
    hits = st.search(db, word, st.Filters(), limit=100)
    # FTS stems (`tariffs` matches `tariff`), so the records are checked with the same word and its stem.
    assert {h.reference_id for h in hits} >= _expected(records, word)
    assert all(h.snippet for h in hits)


def test_filters_agree_with_the_records(db, records):
    hits = st.search(db, None, st.Filters(tags=("PREL",), classification="SECRET"), limit=100)
    expected = {c.reference_id for c in records if "PREL" in c.tags and c.classification == "SECRET"}
    assert {h.reference_id for h in hits} == expected
    years = st.search(db, None, st.Filters(date_from="2009", date_to="2009"), limit=100)
    assert {h.reference_id for h in years} == {c.reference_id for c in records if c.date and c.date[:4] == "2009"}


def test_facets_add_up(db, records):
    counts = st.facets(db, None, st.Filters(), top=100)
    assert sum(n for _, n in counts["classification"]) == sum(1 for c in records if c.classification)
    assert sum(n for _, n in counts["year"]) == sum(1 for c in records if c.date)
    assert "None" not in dict(counts["classification"]) | dict(counts["year"])
    assert dict(counts["tag"])["PREL"] == sum(1 for c in records if "PREL" in c.tags)


@pytest.mark.parametrize("word", ["police", "ethanol"])  # in over a quarter of the cables, and in one
@pytest.mark.parametrize("filters", [st.Filters(), st.Filters(tags=("IZ",)), st.Filters(classification="secret"),
                                     st.Filters(handling=("sipdis",), date_from="2009")])
def test_words_within_filters_are_counted_and_faceted_as_the_records_say(db, records, word, filters):
    hits = {h.reference_id for h in st.search(db, word, filters, limit=100)}
    by_id = {c.reference_id: c for c in records}
    assert hits >= {rid for rid in _expected(records, word) if _passes(by_id[rid], filters)}
    assert all(_passes(by_id[rid], filters) for rid in hits)
    found = st.summary(db, word, filters, top=100)
    assert found.total == st.count(db, word, filters) == len(hits)
    assert dict(found.facets["tag"]) == collections.Counter(t for rid in hits for t in set(by_id[rid].tags))
    assert dict(found.timeline) == collections.Counter(by_id[rid].date[:7] for rid in hits if by_id[rid].date)


def test_facet_filters_of_a_search_are_words_of_the_index_not_lists_of_cables(tmp_path):
    # A list of the cables of a value, made by SQL for each search, took 25 ms for PREL at 250k (135,336 cables);
    # before, FTS5 took such a list as rowids to look up, running the whole query for each (minutes).
    db = st.connect(str(tmp_path / "cables.db"))
    st.ingest(db, SOURCES, jobs=1)
    sql, params, _ = st._selection(db, "cables_fts.rowid", "police", st.Filters(tags=("IZ",), classification="S"))
    plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert plan == "SCAN cables_fts VIRTUAL TABLE INDEX 0:M4", plan
    iz, secret = (db.execute("SELECT id FROM facet_values WHERE facet = ? AND value = ?", pair).fetchone()[0]
                  for pair in (("tag", "IZ"), ("classification", "SECRET")))
    assert params == [f"{{subject summary body}}: (police) AND facets: ({iz}) AND facets: ({secret})"]


def test_the_index_holds_each_cable_s_facet_values_and_not_as_words_of_its_text(tmp_path, records):
    db = st.connect(str(tmp_path / "cables.db"))
    st.ingest(db, SOURCES, jobs=1)
    changed = tmp_path / "10STATE8341.txt"  # a replaced cable's values leave the index with it
    changed.write_text((DATA / "cables" / "10STATE8341.txt").read_text().replace("SIPDIS", "SIPDIS NOFORN"))
    assert st.ingest(db, [str(changed)], jobs=1).updated == 1
    for value, cables in db.execute("SELECT value, count(*) FROM cable_facets GROUP BY value").fetchall():
        found = db.execute("SELECT count(*) FROM cables_fts WHERE cables_fts MATCH ?", [f"facets: {value}"])
        assert found.fetchone()[0] == cables, value
    number = db.execute("SELECT max(id) FROM facet_values").fetchone()[0]
    assert not any(re.search(rf"\b{number}\b", " ".join(st._indexed(c))) for c in records)
    assert st.count(db, str(number), st.Filters()) == 0


@pytest.mark.parametrize("filters", [st.Filters(tags=("PREL",)), st.Filters(tags=("PREL",), date_from="2009"),
                                     st.Filters(classification="secret", handling=("sipdis",))])
def test_a_listing_of_common_values_reads_the_cables_in_date_order(tmp_path, monkeypatch, records, filters):
    db = st.connect(str(tmp_path / "cables.db"))
    st.ingest(db, SOURCES, jobs=1)

    def plan():
        sql, params, _ = st._selection(db, st._HIT_COLUMNS, None, filters, in_date_order=True)
        return " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql} ORDER BY c.date, c.rowid LIMIT 5",
                                                      params))

    in_date_order = st.search(db, None, filters, limit=100)
    assert "cables_date" in plan() and "USE TEMP B-TREE" not in plan()  # every value is in 1% of 15 cables
    monkeypatch.setattr(st, "DATE_ORDER_SHARE", 2.0)  # no value is in twice the corpus: each list looked up
    assert "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)" in plan()
    assert st.search(db, None, filters, limit=100) == in_date_order
    dates = [h.date for h in in_date_order]
    assert dates == sorted(dates) and len(in_date_order) == sum(1 for c in records if _passes(c, filters))


def test_facets_of_few_matches_read_their_rows_not_every_facet_row(tmp_path):
    # SQLite's planner read every facet row in value order to count 10,433 matches' facets at 250k: 312 ms, 34 ms
    # reading the matches' rows.
    db = st.connect(str(tmp_path / "cables.db"))
    st.ingest(db, SOURCES, jobs=1)
    for query, filters in [("ethanol", st.Filters()), (None, st.Filters(tags=("IZ",)))]:
        sql, params = st._matches_and_their_ids(db, query, filters)
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "SEARCH f USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan


def test_each_cable_s_value_numbers_are_its_facet_rows(db, tmp_path):
    changed = tmp_path / "10STATE8341.txt"  # a replaced cable's numbers go with it
    changed.write_text((DATA / "cables" / "10STATE8341.txt").read_text().replace("SIPDIS", "SIPDIS NOFORN"))
    assert st.ingest(db, [str(changed)], jobs=1).updated == 1
    rows = collections.defaultdict(collections.Counter)
    for cable, value in db.execute("SELECT cable, value FROM cable_facets"):
        rows[cable][value] += 1
    # SQLite writes them as hex digits in a table of their own, PostgreSQL as bytes in the cable's search row.
    kept = "SELECT cable, facet_ids FROM cable_search" if st._pg(db) else "SELECT cable, ids FROM cable_facet_ids"
    written = {cable: collections.Counter(int.from_bytes(ids[i:i + 4], "big") for i in range(0, len(ids), 4))
               for cable, kept_ids in db.execute(kept)
               for ids in [bytes.fromhex(kept_ids) if isinstance(kept_ids, str) else kept_ids]}
    assert written == rows and len(written) == db.execute("SELECT count(*) FROM cables").fetchone()[0]


@pytest.mark.parametrize("ids", [[], [1, 7, 7], [255, 256, 65535, 65536, 65536], [2**32 - 1, 1, 2**32 - 1]])
def test_value_numbers_are_counted_from_their_hex_digits(ids):
    digits = "".join(f"{id_:0{st.FACET_ID_DIGITS}x}" for id_ in ids)  # as SQLite writes them
    assert st._counted_ids(bytes.fromhex(digits)) == collections.Counter(ids)


def _passes(cable, filters):
    return (all(t in cable.tags for t in filters.tags) and all(h.upper() in cable.handling for h in filters.handling)
            and (cable.classification or "").startswith((filters.classification or "").upper())
            and (cable.date or "") >= (filters.date_from or ""))


def test_phrase_prefix_and_boolean_queries(db):
    assert {h.reference_id for h in st.search(db, '"border gate"', st.Filters())} == {"10ANKARA243"}
    assert st.search(db, "ethan*", st.Filters())
    assert not st.search(db, "ethanol AND NOT ethanol", st.Filters())


def test_ranked_pages_add_up_to_the_ranking(db):
    query = "police OR border* OR iran OR minist*"  # 5 cables with one in the subject, 7 more without
    full = st.search(db, query, st.Filters(), limit=100)
    assert len(full) > 6 and all(h.snippet for h in full)
    for limit in (1, 2, 3):  # pages that end inside the first tier, on its end and past it
        for offset in range(len(full)):
            page = st.search(db, query, st.Filters(), limit=limit, offset=offset)
            expected = full[offset:offset + limit]
            assert [(h.reference_id, h.score) for h in page] == [(h.reference_id, h.score) for h in expected]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_cables_with_a_word_asked_for_in_their_subject_rank_first(backend, tmp_path, request):
    # bm25 alone ranked the cable that says `pipeline` thirty times in its text above the two naming it in their
    # subject.
    texts = {"a": "SUBJECT: PIPELINE TALKS STALL\n\n1. The ministry said little today.\n",
             "b": "SUBJECT: ENERGY NOTES\n\n1. " + "The pipeline leaks. " * 30 + "\n",
             "c": "SUBJECT: GAS AND THE PIPELINE\n\n1. The pipeline opened and then the pipeline closed.\n",
             "d": "SUBJECT: WEATHER\n\n1. Rain again.\n"}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text)
    db = st.connect(str(tmp_path / "cables.db") if backend == "sqlite" else request.getfixturevalue("pg_url"))
    st.ingest(db, [str(tmp_path / f"{name}.txt") for name in texts], jobs=1)
    in_subject = {"PIPELINE TALKS STALL", "GAS AND THE PIPELINE"}
    for query in ("pipeline", "pipeline OR leaks", "pipelin*", "pipeline NOT weather", '"pipeline leaks" OR gas'):
        ranked = st.search(db, query, st.Filters(), limit=10)
        first = in_subject if "gas" not in query else {"GAS AND THE PIPELINE"}
        assert {h.subject for h in ranked[:len(first)]} == first, query
        assert [h.subject for h in ranked[len(first):]] == ["ENERGY NOTES"], query
        paged = [h for offset in range(len(ranked))
                 for h in st.search(db, query, st.Filters(), limit=1, offset=offset)]
        assert [(h.reference_id, h.score) for h in paged] == [(h.reference_id, h.score) for h in ranked], query


QUOTES = [  # (query, text, quote): words of 10ANKARA243 and 09BAGHDAD3187
    ("border", "the KRG has graded a road to the border line", "the KRG has graded a road to the [border] line"),
    ("councils NOT police", "the police and the council", None),
    ('"border gate" OR customs', "Customs officers at the border gate", "[Customs] officers at the [border] [gate]"),
    ("corrupt*", "corruption, corrupted", "[corruption], [corrupted]"),
    ("pwned", "one aide pasted window.__pwned=1", "one aide pasted window.__[pwned]=1"),  # 10BAGHDAD999
]


@pytest.mark.parametrize(("query", "text", "expected"), QUOTES)
def test_quote_cuts_whole_words_around_the_first_found(query, text, expected):
    assert st.quote(text, st.words_found(query), ("[", "]"), reach=80) == expected


def test_a_long_text_is_quoted_in_whole_words_around_the_word():
    text = "xx " * 80 + "the provincial police chief said " + "yy " * 80
    quoted = st.quote(text, st.words_found("police"), ("[", "]"), reach=80)
    assert quoted.startswith("... xx ") and quoted.endswith(" yy ...") and "provincial [police] chief" in quoted
    assert set(quoted.split()) == {"...", "xx", "yy", "the", "provincial", "[police]", "chief", "said"}
    assert len(quoted) <= 2 * 80 + len("police") + len("[] ... ...")


def test_malformed_query_is_a_store_error(db):
    with pytest.raises(st.StoreError, match="cannot read the query"):
        st.search(db, 'broken "phrase', st.Filters())


def test_cli_ingest_search_show(tmp_path):
    path = str(tmp_path / "c.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", *SOURCES, "--db", path, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stdout
    result = runner.invoke(main, ["search", "police", "--db", path, "--format", "json"])
    assert {h["reference_id"] for h in json.loads(result.stdout)} >= {"09BAGHDAD3187", "08KABUL1437"}
    result = runner.invoke(main, ["search", 'bad "query', "--db", path])
    assert result.exit_code == 1 and "Error: cannot read the query" in result.stderr
    result = runner.invoke(main, ["show", "09moscow2771", "--db", path])
    assert result.exit_code == 0 and "MOSCOW 2610 = 09MOSCOW2610  (not in this corpus)" in result.stdout
    assert runner.invoke(main, ["show", "99NOWHERE1", "--db", path]).exit_code == 1
    result = runner.invoke(main, ["show", "10BRASILIA112", "--db", path])
    assert "\nMINISTERS ON MESSAGE\n\nTariff on Every Agenda\n\n6. (SBU) Officials" in result.stdout
    assert runner.invoke(main, ["search", "x", "--db", str(tmp_path / "none.db")]).exit_code == 1


def test_database_opens_in_plain_sqlite(tmp_path, records):
    # The file is the deliverable: a plain SQLite client (not cablekit) reads its tables and JSON columns.
    path = tmp_path / "cables.db"
    st.ingest(st.connect(str(path)), SOURCES, jobs=1)
    plain = sqlite3.connect(path)
    row = plain.execute("SELECT tags FROM cables WHERE reference_id = '10ANKARA243'").fetchone()
    assert json.loads(row[0]) == next(c.tags for c in records if c.reference_id == "10ANKARA243")
    assert plain.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == sum(len(c.paragraphs) for c in records)



def _corpus_files():
    from .conftest import CORPUS

    skip = {"README.md", "index.tsv", "stats.md"}
    return [str(p) for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.name not in skip]


@needs_corpus
def test_corpus_ingest_survives_kill_9_and_resumes_to_the_whole_corpus(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "corpus.db"
    files = _corpus_files()
    args = [sys.executable, "-m", "cablekit.cli", "ingest", *files, "--db", str(path), "--jobs", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some batches are in, then kill the whole process group
        time.sleep(0.5)
        if path.exists():
            try:
                n = sqlite3.connect(path).execute("SELECT count(*) FROM cables").fetchone()[0]
            except sqlite3.DatabaseError:
                continue
            if n >= 1000:
                break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = sqlite3.connect(path).execute("SELECT count(*) FROM cables").fetchone()[0]
    assert 0 < partial < 6758
    done = subprocess.run(args, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT reference_id FROM cables")]
    assert len(ids) == len(set(ids))
    expected = {c.reference_id for c in parse_paths(files) if not isinstance(c, SourceFailure)}
    assert set(ids) == expected
    # A question answered from the store and from the records themselves.
    hits = st.search(conn, None, st.Filters(tags=("PGOV",), origin="Tripoli", date_from="2009", date_to="2009"),
                     limit=10_000)
    records = [st.get(conn, i) for i in ids]
    expected_hits = {c.reference_id for c in records if "PGOV" in c.tags and c.date and c.date[:4] == "2009"
                     and ("TRIPOLI" in (c.origin or "") or "TRIPOLI" in c.reference_id)}
    assert {h.reference_id for h in hits} == expected_hits and expected_hits


def test_export_jsonl_gives_back_the_records(db, records, tmp_path):
    import io

    from cablekit import export as ex

    out = io.BytesIO()
    assert ex.write_jsonl(st.records(db, None, st.Filters()), out) == len(records)
    back = {c["reference_id"]: c for c in map(json.loads, out.getvalue().splitlines())}
    original = next(c for c in records if c.reference_id == "10ANKARA243")
    assert back["10ANKARA243"] == json.loads(msgspec.json.encode(original))


def test_export_csv_and_graph_formats(db, records, tmp_path):
    import csv as csvmod
    from xml.etree import ElementTree as ET

    runner = CliRunner()
    path = tmp_path / "c.db"
    assert runner.invoke(main, ["ingest", *SOURCES, "--db", str(path), "--jobs", "1"]).exit_code == 0
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["export", "--db", str(path), "--format", "csv", "--tag", "PREL", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csvmod.DictReader(out.open(encoding="utf-8")))
    assert {r["reference_id"] for r in rows} == {c.reference_id for c in records if "PREL" in c.tags}
    citations = sum(1 for c in records for r in c.references if r.reference_id)
    for fmt, ns in (("gexf", "{http://gexf.net/1.3}"), ("graphml", "{http://graphml.graphdrawing.org/xmlns}")):
        out = tmp_path / f"refs.{fmt}"
        assert runner.invoke(main, ["export", "--db", str(path), "--format", fmt, "-o", str(out)]).exit_code == 0
        tree = ET.parse(out)
        edges = tree.getroot().iter(f"{ns}edge")
        assert len(list(edges)) == len({(c.reference_id, r.reference_id) for c in records for r in c.references
                                         if r.reference_id}) <= citations


def test_refs_command_marks_cables_outside_the_corpus(tmp_path):
    runner = CliRunner()
    path = tmp_path / "c.db"
    assert runner.invoke(main, ["ingest", *SOURCES, "--db", str(path), "--jobs", "1"]).exit_code == 0
    result = runner.invoke(main, ["refs", "09MOSCOW2771", "--db", str(path)])
    assert result.exit_code == 0
    assert "-> 09MOSCOW2610 (not in this corpus)" in result.stdout
    assert runner.invoke(main, ["refs", "99NOWHERE1", "--db", str(path)]).exit_code == 1


def test_diff_shows_what_changed_between_versions(tmp_path):
    runner = CliRunner()
    path = str(tmp_path / "c.db")
    source = DATA / "cables" / "10STATE8341.txt"
    assert runner.invoke(main, ["ingest", str(source), "--db", path]).exit_code == 0
    changed = tmp_path / "10STATE8341.txt"
    changed.write_text(source.read_text().replace("revised", "REVISED AGAIN", 1))
    assert runner.invoke(main, ["ingest", str(changed), "--db", path]).exit_code == 0
    result = runner.invoke(main, ["diff", "10STATE8341", "--db", path])
    assert result.exit_code == 0
    assert "--- 10STATE8341 version 1" in result.stdout and "REVISED AGAIN" in result.stdout
    assert runner.invoke(main, ["diff", "10ISTANBUL42", "--db", path]).exit_code == 1


def test_datasette_opens_the_corpus_with_the_shipped_metadata(tmp_path, records):
    import asyncio
    from importlib import resources

    from datasette.app import Datasette

    path = tmp_path / "cables.db"
    conn = st.connect(str(path))
    st.ingest(conn, SOURCES, jobs=1)
    conn.close()
    metadata = json.loads(resources.files("cablekit").joinpath("data", "datasette.json").read_text())

    async def fetch():
        ds = Datasette([str(path)], metadata=metadata)
        page = await ds.client.get("/cables/cables.json?_shape=objects&_size=100")
        facet = await ds.client.get("/cables/cables.json?_facet=classification")
        return page, facet

    page, facet = asyncio.run(fetch())
    assert page.status_code == 200 and len(page.json()["rows"]) == len(records)
    counts = {f["value"]: f["count"] for f in facet.json()["facet_results"]["classification"]["results"]}
    assert counts == {c: sum(1 for r in records if r.classification == c) for c in counts}
    assert sum(counts.values()) == len(records)


def test_unchanged_files_are_not_parsed_again_and_touched_ones_are(db, tmp_path):
    import os

    again = st.ingest(db, SOURCES, jobs=1)
    assert again.files_skipped == len(SOURCES) and again.added == again.updated == 0
    copy = tmp_path / "10ISTANBUL42.txt"
    copy.write_bytes((DATA / "cables" / "10ISTANBUL42.txt").read_bytes())
    first = st.ingest(db, [str(copy)], jobs=1)
    assert first.files_skipped == 0 and first.unchanged == 1  # a new path with a known text
    os.utime(copy, ns=(0, 0))
    assert st.ingest(db, [str(copy)], jobs=1).files_skipped == 0  # touched: read again
    assert st.ingest(db, [str(copy)], jobs=1).files_skipped == 1
    missing = st.ingest(db, [str(tmp_path / "nope.txt")], jobs=1)
    assert len(missing.failures) == 1
    assert db.execute("SELECT count(*) FROM errors WHERE path LIKE '%nope.txt'").fetchone()[0] == 1


def test_parquet_export_reads_in_pandas_and_duckdb(tmp_path, records):
    import duckdb
    import pandas as pd

    runner = CliRunner()
    path = tmp_path / "c.db"
    assert runner.invoke(main, ["ingest", *SOURCES, "--db", str(path), "--jobs", "1"]).exit_code == 0
    out = tmp_path / "cables.parquet"
    result = runner.invoke(main, ["export", "--db", str(path), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(out)
    assert sorted(frame["reference_id"]) == sorted(c.reference_id for c in records)
    row = frame[frame["reference_id"] == "09BAGHDAD3187"].iloc[0]
    original = next(c for c in records if c.reference_id == "09BAGHDAD3187")
    assert [p["text"] for p in row["paragraphs"]] == [p.text for p in original.paragraphs]
    assert list(row["tags"]) == original.tags
    tag_counts = dict(duckdb.sql(f"SELECT t, count(*) FROM (SELECT unnest(tags) AS t FROM '{out}') GROUP BY t")
                      .fetchall())
    assert tag_counts["PREL"] == sum(1 for c in records if "PREL" in c.tags)
    [(marked,)] = duckdb.sql(f"SELECT count(*) FROM (SELECT unnest(paragraphs) AS p FROM '{out}') "
                             "WHERE p.marking = 'S'").fetchall()
    assert marked == sum(1 for c in records for p in c.paragraphs if p.marking == "S")
    assert runner.invoke(main, ["export", "--db", str(path), "--format", "parquet"]).exit_code == 2


def test_tags_carry_their_kind_and_country_names(db, records):
    kinds = dict(db.execute("SELECT tag, kind FROM tags WHERE tag IN ('PREL', 'KDEM', 'IZ', 'NATO')").fetchall())
    assert kinds == {"PREL": "subject", "KDEM": "program", "IZ": "geographic", "NATO": "organization"}
    assert {name for (name,) in db.execute("SELECT DISTINCT name FROM tags WHERE tag = 'IZ'")} == {"Iraq"}
    names = dict(db.execute("SELECT DISTINCT tag, name FROM tags WHERE tag IN ('PREL', 'NATO', 'KDEM')").fetchall())
    assert names == {"PREL": "External Political Relations", "NATO": "North Atlantic Treaty Organization", "KDEM": None}
    counts = dict(st.facets(db, None, st.Filters(), top=500)["tag"])
    assert counts["IZ"] == sum(1 for c in records if "IZ" in c.tags)


def test_origin_facet_gives_post_codes_that_filter_to_its_counts(db, records):
    counts = dict(st.facets(db, None, st.Filters(), top=100)["origin"])
    assert counts["BAGHDAD"] == sum(1 for c in records if re.fullmatch(r"\d\dBAGHDAD\d+", c.reference_id))
    assert not any(code.startswith("UNKNOWN") for code in counts) and None not in counts
    for code, n in counts.items():
        assert st.count(db, None, st.Filters(origin=code)) == n, code
    assert st.facet_label("origin", "BAGHDAD") == "Embassy Baghdad"


def test_handling_facet_counts_captions(db, records):
    counts = dict(st.facets(db, None, st.Filters(), top=50)["handling"])
    assert counts and counts == dict(collections.Counter(h for c in records for h in set(c.handling)))


def test_count_and_timeline_agree_with_the_records(db, records):
    assert st.count(db, None, st.Filters()) == len(records)
    assert st.count(db, "police", st.Filters()) == len(st.search(db, "police", st.Filters(), limit=1000))
    months = st.summary(db, None, st.Filters(classification="SECRET")).timeline
    expected = collections.Counter(c.date[:7] for c in records if c.date and c.classification == "SECRET")
    assert dict(months) == dict(expected) and [m for m, _ in months] == sorted(expected)


TSQUERIES = [
    ("police", "'police'"),
    ("iran AND nuclear", "'iran' & 'nuclear'"),
    ("iran nuclear", "'iran' & 'nuclear'"),
    ('"border gate"', "('border' <-> 'gate')"),
    ("corrupt*", "'corrupt':*"),
    ("oil OR gas", "'oil' | 'gas'"),
    ("ethanol NOT brazil", "'ethanol' & ! 'brazil'"),
    ("(oil OR gas) AND libya", "( 'oil' | 'gas' ) & 'libya'"),
    ("U.S.-Turkey", "('U' & 'S' & 'Turkey')"),
    ("al-Maliki's", "('al' & 'Maliki' & 's')"),
]


@pytest.mark.parametrize(("query", "expected"), TSQUERIES, ids=[q for q, _ in TSQUERIES])
def test_search_syntax_in_postgres_terms(query, expected):
    from cablekit.pg import tsquery

    assert tsquery(query) == expected


@pytest.mark.parametrize("query", ['"open phrase', "AND", "   "])
def test_postgres_query_errors(query):
    from cablekit.pg import tsquery

    with pytest.raises(st.StoreError):
        tsquery(st.normalize_query(query) or query)


def test_cli_on_postgres(pg_url):
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", *SOURCES, "--db", pg_url, "--jobs", "2"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["search", '"border gate"', "--db", pg_url, "--format", "json"])
    assert [h["reference_id"] for h in json.loads(result.stdout)] == ["10ANKARA243"]
    assert "[" in json.loads(result.stdout)[0]["snippet"]
    assert runner.invoke(main, ["show", "10ANKARA243", "--db", pg_url]).exit_code == 0
    result = runner.invoke(main, ["search", 'bad "query', "--db", pg_url])
    assert result.exit_code == 1 and "cannot read the query" in result.stderr


def test_copies_of_a_cable_in_one_batch_are_versions_as_in_separate_batches(tmp_path):
    from cablekit import parse

    text = (DATA / "cables" / "10STATE8341.txt").read_text()
    copies = [parse(text, {"path": "a"}), parse(text + "\nA line added.\n", {"path": "b"}), parse(text, {"path": "c"})]
    stored = []
    for batch_size in (10, 1):
        conn = st.connect(str(tmp_path / f"batch-{batch_size}.db"))
        report = st.load(conn, copies, batch_size=batch_size)
        stored.append(((report.added, report.updated, report.unchanged),
                       conn.execute("SELECT version, text_sha256 FROM versions").fetchall(),
                       conn.execute("SELECT version, text_sha256 FROM cables").fetchall()))
    assert stored[0] == stored[1]
    assert stored[0][0] == (1, 1, 1) and stored[0][1] == [(1, st.text_sha256(copies[0].text))]


@pytest.fixture(scope="module")
def synthetic_csv(tmp_path_factory):
    from cablekit import synth

    return str(synth.write(240, seed=11, folder=tmp_path_factory.mktemp("csv"), fmt="csv"))


def test_a_large_cables_csv_is_ingested_in_parts_with_rows_numbered_through(tmp_path, synthetic_csv, monkeypatch):
    """Several processes each parse a byte range of one cables.csv; the corpus is the one a single reader makes,
    rows numbered through the file, and the file is marked read only once, after its last part."""
    whole = st.connect(str(tmp_path / "whole.db"))
    st.ingest(whole, [synthetic_csv], jobs=1)
    monkeypatch.setattr(st, "CSV_PART_BYTES", 60_000)
    pieces = st.units([synthetic_csv])
    assert len(pieces) > 4 and [p.last for p in pieces].count(True) == 1 and pieces[-1].last
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:], strict=False))
    parted = st.connect(str(tmp_path / "parted.db"))
    report = st.ingest(parted, [synthetic_csv], jobs=2, batch_size=50)
    assert report.added == 240 and not report.failures

    def rows(db):
        return sorted(db.execute("SELECT c.reference_id, c.text_sha256, s.metadata FROM cables c "
                                 "JOIN sources s USING (reference_id)").fetchall())

    assert rows(parted) == rows(whole)
    numbered = sorted(json.loads(m)["row"] for _, _, m in rows(parted))
    assert numbered == list(range(1, 241))
    assert parted.execute("SELECT cables FROM files").fetchall() == [(240,)]
    assert st.ingest(parted, [synthetic_csv], jobs=2).files_skipped == 1


def test_a_malformed_row_in_one_part_of_cables_csv_fails_that_part_only(tmp_path, synthetic_csv, monkeypatch):
    """The rest of the broken part is lost with a failure naming the row; the other parts are stored, their rows
    numbered through the file as if none had failed (the broken part's rows are counted all the same)."""
    whole = st.connect(str(tmp_path / "whole.db"))
    st.ingest(whole, [synthetic_csv], jobs=1)
    true_rows = {rid: json.loads(m)["row"] for rid, m in whole.execute("SELECT reference_id, metadata FROM sources")}
    broken = tmp_path / "cables.csv"
    text = pathlib.Path(synthetic_csv).read_text()
    assert text.count('\n"121","') == 1
    broken.write_text(text.replace('\n"121","', '\n"121'))  # row 121: its first two fields run together
    monkeypatch.setattr(st, "CSV_PART_BYTES", 60_000)
    db = st.connect(str(tmp_path / "broken.db"))
    report = st.ingest(db, [str(broken)], jobs=2, batch_size=50)
    assert len(report.failures) == 1 and "row 121 has 7 columns" in report.failures[0].reason
    stored = {rid: json.loads(m)["row"] for rid, m in db.execute("SELECT reference_id, metadata FROM sources")}
    assert 100 < len(stored) < 240 and all(true_rows[rid] == row for rid, row in stored.items())
    assert max(stored.values()) == 240


def test_parsing_runs_at_most_a_few_chunks_ahead_of_the_writer(tmp_path):
    """Workers are handed `limit` chunks at most before the writer takes results back: memory holds those, not
    the corpus parsed ahead of a slower writer."""
    from multiprocessing import get_context

    from cablekit import synth

    synth.write(120, seed=3, folder=tmp_path, fmt="txt")
    work = st.units(sorted(str(p) for p in tmp_path.rglob("*.txt")))
    handed_out = []
    with get_context("fork").Pool(2) as pool:
        class Counted:  # the real pool, its hand-outs counted
            def apply_async(self, function, args):
                handed_out.append(len(args[0]))
                return pool.apply_async(function, args)

        results = st._in_order(Counted(), work, chunk=8, limit=3, prepare=True)
        first = next(results)
        assert len(handed_out) == 3
        rest = list(results)
    assert len(handed_out) == 15 and sum(handed_out) == len(work) == 1 + len(rest)
    assert first == st._parse_unit(work[0], prepare=True)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_ingests_at_once_leave_the_kept_counts_true(backend, tmp_path, request):
    """Each batch marks the whole-corpus counts out of date and each ingest counts again at its end: whichever
    ends last, the counts kept are those of every cable both stored."""
    from cablekit import synth

    halves = [tmp_path / "a", tmp_path / "b"]
    synth.write(240, seed=20, folder=halves[0])
    halves[1].mkdir()
    for path in sorted(halves[0].rglob("*.txt"))[::2]:
        path.rename(halves[1] / path.name)
    url = str(tmp_path / "cables.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    st.connect(url).close()
    errors = []

    def ingest(folder):
        try:
            st.ingest(st.connect(url), [str(folder)], jobs=1, batch_size=7)
        except Exception as exc:  # noqa: BLE001 - the test reports any failure of either ingest
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(folder,)) for folder in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db = st.connect(url)
    assert db.execute("SELECT count(*) FROM cables").fetchone()[0] == 240
    kept = st.summary(db, None, st.Filters(), top=1000)
    with db:
        db.execute("UPDATE facet_values SET cables = NULL WHERE facet = 'total'")  # count from the rows instead
    assert kept == st.summary(db, None, st.Filters(), top=1000)
