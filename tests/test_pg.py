"""PostgreSQL only: a corpus made before the search tables (`cable_search`, the facet rows) is upgraded on connect
and refused by the read-only app until then; the narrow tables and kept counts agree with the records."""

from __future__ import annotations

import collections

import pytest
from click.testing import CliRunner

from cablekit import store as st
from cablekit.cli import main

from .conftest import fresh_database
from .test_store import SOURCES


def _as_made_before(url):
    """A PostgreSQL corpus as cablekit wrote it before `cable_search`: each cable's text to index (`body`) and its
    weighted tsvector (a generated column, GIN-indexed) in the `cables` row, no facet rows."""
    import psycopg

    db = st.connect(url)
    st.ingest(db, SOURCES, jobs=1)
    bodies = {rid: st._joined(paragraphs) for rid, paragraphs in _paragraphs(db).items()}
    db.close()
    with psycopg.connect(url) as raw:
        raw.execute("DROP TABLE cable_search, cable_facets, facet_values")
        raw.execute("ALTER TABLE paragraphs DROP COLUMN section_heading")
        raw.execute("ALTER TABLE cables ADD COLUMN body TEXT")
        for rid, body in bodies.items():
            raw.execute("UPDATE cables SET body = %s WHERE reference_id = %s", (body, rid))
        raw.execute("""ALTER TABLE cables ADD COLUMN search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(subject, '')), 'A') ||
            setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
            setweight(to_tsvector('english', coalesce(body, '')), 'C')) STORED""")
        raw.execute("CREATE INDEX cables_search ON cables USING GIN (search)")


def _paragraphs(db):
    found = collections.defaultdict(list)
    for rid, *parts in db.execute("SELECT reference_id, section_heading, heading, text FROM paragraphs "
                                  "ORDER BY reference_id, position"):
        found[rid].append(tuple(parts))
    return found


QUERIES = [(None, st.Filters()), ("police", st.Filters()), ("border OR police", st.Filters(tags=("IZ",))),
           ('"border gate"', st.Filters()), ("corrupt*", st.Filters(classification="secret")),
           (None, st.Filters(handling=("sipdis",), date_from="2009"))]


def test_a_corpus_made_before_is_upgraded_on_connect_and_refused_by_the_web_app(pg_server):
    with fresh_database(pg_server) as old, fresh_database(pg_server) as new:
        _as_made_before(old)
        st.ingest(st.connect(new), SOURCES, jobs=1)
        with pytest.raises(st.StoreError, match="^the PostgreSQL corpus was made by an earlier cablekit: any "):
            st.connect_reader(old)
        assert st.outdated(old) and not st.outdated(new)
        result = CliRunner().invoke(main, ["search", "police", "--db", old, "--facets", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert "upgrading" in result.stderr and "`cablekit compact --db URL`" in result.stderr
        assert not st.outdated(old) and "cablekit:cablekit" not in result.stderr  # no password printed
        expected = CliRunner().invoke(main, ["search", "police", "--db", new, "--facets", "--format", "json"])
        assert result.stdout == expected.stdout
        size = "SELECT pg_total_relation_size('cables')"
        before = st.connect(old).execute(size).fetchone()[0]
        compacted = CliRunner().invoke(main, ["compact", "--db", old])
        assert compacted.exit_code == 0 and compacted.stdout.startswith("the PostgreSQL corpus: "), compacted.output
        assert st.connect(old).execute(size).fetchone()[0] < before  # the dropped columns' space given back
        upgraded, fresh = st.connect_reader(old), st.connect_reader(new)
        columns = {row[0] for row in upgraded.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'cables'")}
        assert not columns & {"search", "body"}
        for query, filters in QUERIES:
            assert st.summary(upgraded, query, filters, top=500) == st.summary(fresh, query, filters, top=500)
            assert st.search(upgraded, query, filters, limit=100) == st.search(fresh, query, filters, limit=100)
        assert upgraded.execute("SELECT cables FROM facet_values WHERE facet = 'total'").fetchone()[0] == len(
            _paragraphs(fresh))
        st.connect(old).close()  # upgraded once: opening it again changes nothing
        assert st.summary(st.connect_reader(old), None, st.Filters(), top=500) == st.summary(
            fresh, None, st.Filters(), top=500)


def test_a_corpus_without_each_cable_s_value_numbers_in_its_search_row_gets_them_on_connect(pg_url):
    db = st.connect(pg_url)
    st.ingest(db, SOURCES, jobs=2, batch_size=5)
    # Values already numbered take no number again: they stay as many as the values (`store._counted_ids`).
    assert db.execute("SELECT max(id) = count(*) FROM facet_values WHERE facet <> 'total'").fetchone()[0]
    expected = [st.summary(db, query, filters, top=500) for query, filters in QUERIES]
    indexes = "SELECT indexname FROM pg_indexes WHERE tablename = 'cable_search' ORDER BY 1"
    made = db.execute(indexes).fetchall()
    # As the cablekit of session 7 left it: the numbers in a table of their own (or none, before).
    db.execute("ALTER TABLE cable_search DROP COLUMN facet_ids")
    db.execute("CREATE TABLE cable_facet_ids (cable INTEGER PRIMARY KEY, ids TEXT)")
    db.close()
    assert st.outdated(pg_url)
    with pytest.raises(st.StoreError, match="^the PostgreSQL corpus was made by an earlier cablekit"):
        st.connect_reader(pg_url)
    st.connect(pg_url).close()
    upgraded = st.connect_reader(pg_url)
    assert not st.outdated(pg_url)
    assert [st.summary(upgraded, query, filters, top=500) for query, filters in QUERIES] == expected
    assert upgraded.execute(indexes).fetchall() == made  # the indexes dropped to write the rows made again
    assert upgraded.execute("SELECT to_regclass('cable_facet_ids')").fetchone()[0] is None


def test_whole_corpus_counts_are_kept_and_not_trusted_while_an_ingest_writes(pg_url):
    db = st.connect(pg_url)
    st.ingest(db, SOURCES, jobs=1)
    kept = st.summary(db, None, st.Filters(), top=500)
    assert kept.total == db.execute("SELECT count(*) FROM cables").fetchone()[0]
    with db:
        db.execute("UPDATE facet_values SET cables = cables + 1000")
    assert st.summary(db, None, st.Filters()).total == kept.total + 1000, "the kept counts are read, not counted"
    with db:
        db.execute("UPDATE facet_values SET cables = NULL WHERE facet = 'total'")  # as an ingest leaves it when killed
    assert st.summary(db, None, st.Filters(), top=500) == kept, "counted from the facet rows, as kept"
    st.ingest(db, [SOURCES[0]], jobs=1)
    assert st.summary(db, None, st.Filters(), top=500) == kept


def test_a_one_word_page_ranked_among_the_subjects_is_the_page_of_the_whole_ranking(pg_url):
    """`store._subject_first`: under ts_rank a cable with the word in its subject outranks every cable without it,
    so ranking the two apart gives the same pages as ranking every match, ties and all."""
    db = st.connect(pg_url)
    st.ingest(db, SOURCES, jobs=1)
    subjects = " ".join(row[0] or "" for row in db.execute("SELECT subject FROM cables")).lower()
    words = sorted({w for w in subjects.split() if w.isalpha() and len(w) > 3 and subjects.count(w) > 1})
    taken = 0
    for word in words:
        whole = [(rid, score) for rid, score in db.execute(
            "SELECT s.reference_id, ts_rank(s.search, q) AS score FROM cable_search s, "
            "to_tsquery('english', ?) q WHERE s.search @@ q ORDER BY score DESC, s.cable", [f"'{word}'"])]
        in_subject = len(st._run(db, *st._tiers(db, word, st.Filters())[0], word).fetchall())
        for limit in (1, 2, 3):
            for offset in range(len(whole)):
                taken += offset + limit <= in_subject
                page = st.search(db, word, st.Filters(), limit=limit, offset=offset)
                assert [(h.reference_id, h.score) for h in page] == whole[offset:offset + limit], (word, limit)
    assert taken > 10, "pages were ranked among the subjects"
