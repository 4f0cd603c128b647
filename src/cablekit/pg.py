"""PostgreSQL for a corpus many people use at once: the store's tables with a weighted `tsvector` and a GIN index.

`PgConnection` gives the store the small connection interface it uses with SQLite (`execute`, `executemany`,
`with db:` for one transaction), so one store module serves both; `tsquery` turns the search syntax people type
(words, "phrases", AND/OR/NOT, prefix*) into PostgreSQL's.
"""

from __future__ import annotations

import re
from typing import Any

# What a search reads lives in narrow tables, not in the wide `cables` row: a cable's weighted `tsvector` (4.5 KB
# on average, TOASTed), its date and the numbers of the values its facets count it under (`facet_ids`, 4 bytes
# each, high first) in `cable_search`, keyed by a number; the values as numbered rows (`cable_facets`,
# `facet_values`, as in SQLite, with the whole corpus's counts kept after each ingest).
# `subject_words` (the subject's lexemes) lets a search rank the cables with a word it asks for in their subject
# alone when they fill the page (`store._subject_first`).
# Counting a search's matches and their facets then reads the GIN index and the row of `cable_search` each match
# has to be visited for anyway, and never detoasts a tsvector (but for a phrase, whose word positions are only in
# the tsvector); ranking detoasts each match's once. Value numbers kept in a table of their own cost a join with
# all its rows: `iran` at 250k (42,613 matches) took 75 ms so, 31 with them in the row.
_SEARCH_TABLES = """
CREATE TABLE IF NOT EXISTS cable_search (
    cable SERIAL PRIMARY KEY, reference_id TEXT NOT NULL UNIQUE, date TEXT, search tsvector, subject_words tsvector,
    facet_ids BYTEA
);
CREATE TABLE IF NOT EXISTS facet_values (
    id SERIAL PRIMARY KEY, facet TEXT, value TEXT, cables INTEGER, UNIQUE (facet, value)
);
CREATE TABLE IF NOT EXISTS cable_facets (
    cable INTEGER, value INTEGER REFERENCES facet_values (id), PRIMARY KEY (cable, value)
);"""
_SEARCH_INDEXES = """
CREATE INDEX IF NOT EXISTS cable_search_words ON cable_search USING GIN (search);
CREATE INDEX IF NOT EXISTS cable_search_date ON cable_search (date);
CREATE INDEX IF NOT EXISTS cable_search_subject ON cable_search USING GIN (subject_words);
CREATE INDEX IF NOT EXISTS cable_facets_value ON cable_facets (value, cable);"""
VECTOR = ("setweight(to_tsvector('english', {subject}), 'A') || setweight(to_tsvector('english', {summary}), 'B') "
          "|| setweight(to_tsvector('english', {body}), 'C')")
"""A cable's weighted `tsvector`: subject, summary, then the paragraphs' headings and text (`store._indexed`)."""


def _schema(indexes: bool = True) -> str:
    from .store import SCHEMA_TEMPLATE

    return SCHEMA_TEMPLATE.format(blob="BYTEA", big="BIGINT", cable_extra="",
                                  fts=_SEARCH_TABLES + (_SEARCH_INDEXES if indexes else ""))


def facet_rows(where: str) -> str:
    """(reference_id, facet, value) of each value the cables `where` selects (a condition on `cables c` with one
    parameter, repeated for each facet) are counted under: SQLite's `store._facet_statements` in PostgreSQL's
    terms."""
    from .store import _CANONICAL, _ORIGIN_CODE

    parts = [
        "SELECT c.reference_id, 'month' AS facet, substr(c.date, 1, 7) AS value FROM cables c "
        "WHERE c.date IS NOT NULL",
        f"SELECT c.reference_id, 'origin', {_ORIGIN_CODE} FROM cables c WHERE {_CANONICAL}",
        "SELECT c.reference_id, 'classification', c.classification FROM cables c WHERE c.classification IS NOT NULL",
        "SELECT c.reference_id, 'tag', t.tag FROM cables c JOIN tags t ON t.reference_id = c.reference_id "
        "WHERE t.tag IS NOT NULL",
        "SELECT c.reference_id, 'handling', h.value FROM cables c, jsonb_array_elements_text(c.handling::jsonb) "
        "h(value) WHERE h.value IS NOT NULL",
    ]
    return " UNION ALL ".join(f"{part} AND {where}" for part in parts)


def new_values_statement(rows: str) -> str:
    """The values of the facet `rows` not numbered yet, numbered in `facet_values`."""
    # They are left out before ON CONFLICT: each row it skips would still take a number from the sequence, and the
    # numbers would run far past the values (`store._counted_ids` counts up to the largest).
    return (f"INSERT INTO facet_values (facet, value) SELECT DISTINCT facet, value FROM ({rows}) r WHERE NOT EXISTS "
            "(SELECT 1 FROM facet_values v WHERE v.facet = r.facet AND v.value = r.value) ON CONFLICT DO NOTHING")


def facet_ids(rows: str) -> str:
    """(reference_id, ids): each cable's `cable_search.facet_ids` made from its facet `rows`, once numbered."""
    return ("SELECT r.reference_id, string_agg(DISTINCT int4send(v.id), ''::bytea) AS ids "
            f"FROM ({rows}) r JOIN facet_values v ON v.facet = r.facet AND v.value = r.value GROUP BY r.reference_id")


def cable_facets_statement(rows: str) -> str:
    """The facet `rows` written to `cable_facets`, by the numbers their cables have in `cable_search`."""
    return (f"INSERT INTO cable_facets SELECT DISTINCT s.cable, v.id FROM ({rows}) r "
            "JOIN facet_values v ON v.facet = r.facet AND v.value = r.value "
            "JOIN cable_search s ON s.reference_id = r.reference_id ON CONFLICT DO NOTHING")


def _made_before(raw: Any) -> bool:
    """Whether the corpus was made by an earlier cablekit: one that kept the `tsvector` (and a copy of the text to
    make it from) in the `cables` row (`_search_in_cables`), kept each cable's value numbers apart from its
    `cable_search` row, or lacks a column added since (`store.ADDED_COLUMNS`)."""
    from .store import ADDED_COLUMNS

    if not raw.execute("SELECT to_regclass('cables') IS NOT NULL").fetchone()[0]:
        return False
    return (_search_in_cables(raw) or not _has_column(raw, "cable_search", "facet_ids")
            or not all(_has_column(raw, table, column) for table, column in ADDED_COLUMNS))


def _search_in_cables(raw: Any) -> bool:
    return _has_column(raw, "cables", "search")


def _has_column(raw: Any, table: str, column: str) -> bool:
    return raw.execute("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attname = %s "
                       "AND NOT attisdropped", (table, column)).fetchone() is not None


def made_before(url: str) -> bool:
    """Whether the corpus at `url` is one `PgConnection` would upgrade; False when it cannot tell (no server, no
    psycopg, no corpus), which opening the corpus then reports."""
    try:
        import psycopg

        with psycopg.connect(url, autocommit=True) as raw:
            return _made_before(raw)
    except (ImportError, psycopg.Error):
        return False


def _upgrade(raw: Any) -> None:
    """In the connection's transaction: the tsvectors moved from the `cables` rows to `cable_search` (copied, not
    computed again) with the facet rows and value numbers made, the old columns and index dropped (their space is
    reused by later writes; `VACUUM FULL cables` gives it back at once). Indexes are built after the rows are in.
    A corpus with the search tables but value numbers apart from `cable_search` (or none) has them put in its rows.
    The columns added since (`store.ADDED_COLUMNS`) are added empty."""
    from .store import ADDED_COLUMNS

    raw.execute(_schema(indexes=False))
    for table, column in ADDED_COLUMNS:
        raw.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} TEXT")
    if _search_in_cables(raw):
        rows = facet_rows("1 = 1")
        raw.execute(new_values_statement(rows))
        raw.execute("INSERT INTO cable_search (reference_id, date, search, subject_words, facet_ids) SELECT "
                    "c.reference_id, c.date, c.search, to_tsvector('english', coalesce(c.subject, '')), f.ids "
                    f"FROM cables c LEFT JOIN ({facet_ids(rows)}) f ON f.reference_id = c.reference_id "
                    "ORDER BY c.reference_id")
        raw.execute(cable_facets_statement(rows))
        raw.execute("DROP INDEX IF EXISTS cables_search")
        raw.execute("ALTER TABLE cables DROP COLUMN search, DROP COLUMN body")
    elif not _has_column(raw, "cable_search", "facet_ids"):
        # Each row is written again: without the GIN indexes, which would take every lexeme of it again.
        raw.execute("DROP INDEX IF EXISTS cable_search_words, cable_search_subject")
        raw.execute("ALTER TABLE cable_search ADD COLUMN facet_ids BYTEA")
        raw.execute("UPDATE cable_search s SET facet_ids = f.ids FROM (SELECT cable, string_agg(int4send(value), "
                    "''::bytea) AS ids FROM cable_facets GROUP BY cable) f WHERE f.cable = s.cable")
    raw.execute("DROP TABLE IF EXISTS cable_facet_ids")
    raw.execute(_schema())


def _placeholders(sql: str) -> str:
    """The store writes `?` (SQLite's style); psycopg wants `%s`. The store's SQL holds no other `?` or `%`."""
    return sql.replace("?", "%s")


class PgConnection:
    """A psycopg connection with the part of the sqlite3 interface the store uses."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        try:
            import psycopg
        except ImportError as exc:
            from .store import StoreError

            raise StoreError("a PostgreSQL corpus needs the postgres extra: pip install 'cablekit[postgres]'") from exc
        from .store import StoreError

        self.QueryError = psycopg.Error
        self._transactions: list[Any] = []
        try:
            self.raw = psycopg.connect(url, autocommit=True)
            if read_only:  # a reader (the web app) needs no more than SELECT, and checks there is a corpus
                self.raw.execute("SET default_transaction_read_only = on")
                self.raw.execute("SELECT reference_id FROM cables LIMIT 1")
                outdated = _made_before(self.raw)
            else:
                outdated = False
                with self.raw.transaction():
                    self.raw.execute("SELECT pg_advisory_xact_lock(4242)")  # two ingests creating the schema
                    upgrading = _made_before(self.raw)
                    if upgrading:
                        _upgrade(self.raw)  # once: a minute or two for 250,000 cables
                    else:
                        self.raw.execute(_schema())
                if upgrading:
                    from .store import _count_facets

                    _count_facets(self)
                    # Counting reads cable_facets by index only: without a visibility map, every row is fetched
                    # from the table as well (3.2 s against 0.9 s for a word's facets at 250k, until autovacuum ran).
                    self.raw.execute("VACUUM (ANALYZE) cable_search, cable_facets, facet_values")
            # JIT compiling a search's expressions took 2-40 ms a statement at 250k (EXPLAIN) and never paid back.
            self.raw.execute("SET jit = off")
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the PostgreSQL corpus ({' '.join(str(exc).split())})") from exc
        if outdated:
            self.raw.close()
            raise StoreError("the PostgreSQL corpus was made by an earlier cablekit: any cablekit command on it "
                             "(`cablekit search --db URL`) upgrades it once")

    def execute(self, sql: str, params: Any = ()) -> Any:
        params = tuple(params)
        return self.raw.execute(_placeholders(sql), params) if params else self.raw.execute(sql)

    def search(self, sql: str, params: Any = ()) -> Any:
        """Run a search's statement with the planner told what it cannot know: a sequential scan of `cable_search`
        detoasts every cable's tsvector to test it, which PostgreSQL's cost model does not charge, so it chose one
        for any word in more than about half the cables (0.9 s for 182,000 matches at 250k, against 48 ms by the
        GIN index and the table's few pages). Every table a search reads is reached by an index."""
        with self.raw.transaction():
            self.raw.execute("SET LOCAL enable_seqscan = off")
            return self.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> None:
        rows = list(rows)
        if rows:
            with self.raw.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)

    def copy(self, table: str, columns: tuple[str, ...] | None, rows: list[tuple[Any, ...]]) -> None:
        """Bulk load with COPY (the fast path for a batch of new cables)."""
        if not rows:
            return
        names = f" ({', '.join(columns)})" if columns else ""
        with self.raw.cursor() as cursor, cursor.copy(f"COPY {table}{names} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def __enter__(self) -> PgConnection:
        transaction = self.raw.transaction()
        transaction.__enter__()
        self._transactions.append(transaction)
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._transactions.pop().__exit__(*exc)

    def close(self) -> None:
        self.raw.close()


_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')
_WORD = re.compile(r"\w+")  # `U.S.-Turkey` -> U, S, Turkey: the lexemes PostgreSQL makes of it too
_OPERATORS = {"AND": "&", "OR": "|", "NOT": "& !"}
_OPERANDS_WANTED = frozenset({"&", "|", "& !", "!"})  # what cannot end a query
_OPENS = _OPERANDS_WANTED | {"("}  # after these a term needs no `&` before it


def tsquery(query: str) -> str:
    """`iran AND nuclear`, `"human rights"`, `corrupt*`, `oil OR gas`, `a NOT b` -> a `to_tsquery` expression.

    Words next to each other are ANDed, as in SQLite FTS5. A quote left open is an error, as there.
    """
    from .store import StoreError

    parts: list[str] = []
    for token in _TOKEN.findall(query):
        if token.startswith('"'):
            if len(token) < 2 or not token.endswith('"'):
                raise StoreError(f"cannot read the query {query!r}: a phrase is not closed")
            words = _WORD.findall(token[1:-1])
            term = " <-> ".join(_lexeme(w) for w in words) if words else None
        elif token in _OPERATORS:
            if parts and parts[-1] not in _OPENS:
                parts.append(_OPERATORS[token])
            elif token == "NOT":
                parts.append("!")
            continue
        elif token in "()":
            if token == "(" and parts and parts[-1] not in _OPENS:
                parts.append("&")
            parts.append(token)
            continue
        else:
            words = _WORD.findall(token)
            term = " & ".join(_lexeme(w) for w in words) if words else None
            if term and token.endswith("*"):
                term += ":*"
        if term:
            if parts and parts[-1] not in _OPENS:
                parts.append("&")
            parts.append(f"({term})" if " " in term else term)
    while parts and parts[-1] in _OPERANDS_WANTED:
        parts.pop()
    if not parts:
        raise StoreError(f"cannot read the query {query!r}: no word to search for")
    return " ".join(parts)


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"
