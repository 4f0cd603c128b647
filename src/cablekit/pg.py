"""PostgreSQL for a corpus many people use at once: the store's tables with a weighted `tsvector` and a GIN index.

`PgConnection` gives the store the small connection interface it uses with SQLite (`execute`, `executemany`,
`with db:` for one transaction), so one store module serves both; `tsquery` turns the search syntax people type
(words, "phrases", AND/OR/NOT, prefix*) into PostgreSQL's.
"""

from __future__ import annotations

import re
from typing import Any

# What a search reads lives in narrow tables, not in the wide `cables` row: a cable's weighted `tsvector` (4.5 KB
# on average, TOASTed) and its date in `cable_search`, keyed by a number; the values its facets count it under as
# numbered rows (`cable_facets`, `facet_values`, as in SQLite, with the whole corpus's counts kept after each ingest).
# `subject_words` (the subject's lexemes) lets a search rank the cables with a word it asks for in their subject
# alone when they fill the page (`store._subject_first`).
# Counting a search's matches then reads the GIN index and the few pages of `cable_search` and `cable_facets`, and
# never detoasts a tsvector; ranking detoasts each match's once (it was twice, from the wide row, through a TOAST
# table that also held each cable's text, record and body).
_SEARCH_TABLES = """
CREATE TABLE IF NOT EXISTS cable_search (
    cable SERIAL PRIMARY KEY, reference_id TEXT NOT NULL UNIQUE, date TEXT, search tsvector, subject_words tsvector
);
CREATE TABLE IF NOT EXISTS facet_values (
    id SERIAL PRIMARY KEY, facet TEXT, value TEXT, cables INTEGER, UNIQUE (facet, value)
);
CREATE TABLE IF NOT EXISTS cable_facets (
    cable INTEGER, value INTEGER REFERENCES facet_values (id), PRIMARY KEY (cable, value)
);
CREATE TABLE IF NOT EXISTS cable_facet_ids (cable INTEGER PRIMARY KEY, ids TEXT);"""
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


def facet_statements(where: str) -> list[str]:
    """Statements writing the values each cable `where` selects (in `cable_search s` and `cables c`, with one
    parameter, repeated for each facet) is counted under: SQLite's `store._facet_statements` in PostgreSQL's terms."""
    from .store import _CANONICAL, _ORIGIN_CODE

    both = "cable_search s JOIN cables c ON c.reference_id = s.reference_id"
    parts = [
        f"SELECT s.cable, 'month' AS facet, substr(c.date, 1, 7) AS value FROM {both} WHERE c.date IS NOT NULL",
        f"SELECT s.cable, 'origin', {_ORIGIN_CODE} FROM {both} WHERE {_CANONICAL}",
        f"SELECT s.cable, 'classification', c.classification FROM {both} WHERE c.classification IS NOT NULL",
        "SELECT s.cable, 'tag', t.tag FROM cable_search s JOIN tags t ON t.reference_id = s.reference_id "
        "WHERE t.tag IS NOT NULL",
        f"SELECT s.cable, 'handling', h.value FROM {both}, jsonb_array_elements_text(c.handling::jsonb) h(value) "
        "WHERE h.value IS NOT NULL",
    ]
    rows = " UNION ALL ".join(f"{part} AND {where}" for part in parts)
    # Values already numbered are left out before ON CONFLICT: each row it skips would still take a number from
    # the sequence, and the numbers would run far past the values (`store._counted_ids` counts up to the largest).
    return [f"INSERT INTO facet_values (facet, value) SELECT DISTINCT facet, value FROM ({rows}) r WHERE NOT EXISTS "
            "(SELECT 1 FROM facet_values v WHERE v.facet = r.facet AND v.value = r.value) ON CONFLICT DO NOTHING",
            f"INSERT INTO cable_facets SELECT DISTINCT r.cable, v.id FROM ({rows}) r "
            "JOIN facet_values v ON v.facet = r.facet AND v.value = r.value ON CONFLICT DO NOTHING",
            _facet_ids_statement(f"f.cable IN (SELECT s.cable FROM cable_search s WHERE {where})")]


def _facet_ids_statement(where: str) -> str:
    """`store._facet_ids_statement` in PostgreSQL's terms, for the facet rows `f` that `where` selects."""
    from .store import FACET_ID_DIGITS

    return ("INSERT INTO cable_facet_ids SELECT f.cable, string_agg(lpad(to_hex(f.value), "
            f"{FACET_ID_DIGITS}, '0'), '') FROM cable_facets f WHERE {where} GROUP BY f.cable "
            "ON CONFLICT (cable) DO UPDATE SET ids = excluded.ids")


def _made_before(raw: Any) -> bool:
    """Whether the corpus was made by an earlier cablekit: one that kept the `tsvector` (and a copy of the text to
    make it from) in the `cables` row (`_search_in_cables`), had no `cable_facet_ids`, or lacks a column added
    since (`store.ADDED_COLUMNS`)."""
    from .store import ADDED_COLUMNS

    if not raw.execute("SELECT to_regclass('cables') IS NOT NULL").fetchone()[0]:
        return False
    return (raw.execute("SELECT to_regclass('cable_facet_ids') IS NULL").fetchone()[0] or _search_in_cables(raw)
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
    computed again), the facet rows filled, the old columns and index dropped (their space is reused by later
    writes; `VACUUM FULL cables` gives it back at once). Indexes are built after the rows are in. A corpus with
    the search tables but no `cable_facet_ids` has it made from its facet rows. The columns added since
    (`store.ADDED_COLUMNS`) are added empty."""
    from .store import ADDED_COLUMNS

    raw.execute(_schema(indexes=False))
    for table, column in ADDED_COLUMNS:
        raw.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} TEXT")
    if not _search_in_cables(raw):
        if raw.execute("SELECT NOT EXISTS (SELECT 1 FROM cable_facet_ids)").fetchone()[0]:
            raw.execute(_facet_ids_statement("1 = 1"))
        raw.execute(_schema())
        return
    raw.execute("INSERT INTO cable_search (reference_id, date, search, subject_words) SELECT reference_id, date, "
                "search, to_tsvector('english', coalesce(subject, '')) FROM cables ORDER BY reference_id")
    for statement in facet_statements("1 = 1"):
        raw.execute(statement)
    raw.execute("DROP INDEX IF EXISTS cables_search")
    raw.execute("ALTER TABLE cables DROP COLUMN search, DROP COLUMN body")
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
                    self.raw.execute("VACUUM (ANALYZE) cable_search, cable_facets, cable_facet_ids, facet_values")
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
