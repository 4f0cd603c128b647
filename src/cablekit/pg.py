"""PostgreSQL for a corpus many people use at once: the store's tables with a weighted `tsvector` and a GIN index.

`PgConnection` gives the store the small connection interface it uses with SQLite (`execute`, `executemany`,
`with db:` for one transaction), so one store module serves both; `tsquery` turns the search syntax people type
(words, "phrases", AND/OR/NOT, prefix*) into PostgreSQL's.
"""

from __future__ import annotations

import re
from typing import Any


def _schema() -> str:
    from .store import SCHEMA_TEMPLATE

    return SCHEMA_TEMPLATE.format(blob="BYTEA", big="BIGINT", cable_extra=""",
    body TEXT,
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(subject, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(body, '')), 'C')) STORED""",
                                  fts="CREATE INDEX IF NOT EXISTS cables_search ON cables USING GIN (search);")


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
        try:
            self.raw = psycopg.connect(url, autocommit=True)
            if read_only:  # a reader (the web app) needs no more than SELECT, and checks there is a corpus
                self.raw.execute("SET default_transaction_read_only = on")
                self.raw.execute("SELECT reference_id FROM cables LIMIT 1")
            else:
                with self.raw.transaction():
                    self.raw.execute("SELECT pg_advisory_xact_lock(4242)")  # two ingests creating the schema
                    self.raw.execute(_schema())
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the PostgreSQL corpus ({' '.join(str(exc).split())})") from exc
        self._transactions: list[Any] = []

    def execute(self, sql: str, params: Any = ()) -> Any:
        params = tuple(params)
        return self.raw.execute(_placeholders(sql), params) if params else self.raw.execute(sql)

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
