"""Store: a corpus of parsed cables in SQLite, with an FTS5 index, ingested in parallel, searched with facets.

The SQLite file is itself a deliverable: plain tables (cables, paragraphs, addressees, tags, references,
diagnostics, sources, versions, errors), JSON arrays for multi-valued columns, and an FTS5 index over subject,
summary and paragraph text, so any SQLite tool (or datasette) opens it as it is.

Ingest is idempotent and resumable: a cable whose text is already stored is skipped; a changed text replaces the
stored cable and keeps the earlier version in `versions`; each batch is one transaction. The whole record (spans,
diagnostics, provenance) is kept as zlib-compressed JSON in `cables.record`; the plain tables hold its parts, and
the record leaves out what they hold in full (the text, the paragraphs' texts, the provenance in `source`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sqlite3
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing import get_context
from typing import Any, NamedTuple

import msgspec

from .models import Cable
from .parser import parse
from .resolve import post, post_code, post_codes, posts, tag_kind, tag_name
from .sources import CsvRowError, RawCable, SourceFailure, csv_cables, csv_parts, csv_rows, iter_files, read, read_part

# One schema for both backends: `{blob}` and `{big}` are the types that differ, `{cable_extra}` the columns only
# PostgreSQL's cables row has (its full-text index lives there), `{fts}` the full-text part of each.
SCHEMA_TEMPLATE = """
CREATE TABLE IF NOT EXISTS cables (
    reference_id TEXT PRIMARY KEY,
    date TEXT, year INTEGER, dtg TEXT,
    classification TEXT, origin TEXT, station TEXT, precedence TEXT,
    subject TEXT, subject_marking TEXT, summary TEXT,
    tags TEXT, handling TEXT, signers TEXT, comments TEXT,
    classified_by TEXT, eo TEXT, declassification TEXT, declassify_on TEXT,
    section_count INTEGER, paragraph_count INTEGER, diagnostic_count INTEGER,
    text_sha256 TEXT, version INTEGER, record {blob}, text TEXT{cable_extra}, source TEXT
);
CREATE INDEX IF NOT EXISTS cables_date ON cables(date);
CREATE INDEX IF NOT EXISTS cables_origin ON cables(origin);
CREATE INDEX IF NOT EXISTS cables_classification ON cables(classification);
CREATE TABLE IF NOT EXISTS paragraphs (
    reference_id TEXT, position INTEGER, number INTEGER, marking TEXT, dissemination TEXT, heading TEXT, text TEXT,
    section_heading TEXT, PRIMARY KEY (reference_id, position)
);
CREATE TABLE IF NOT EXISTS tags (
    reference_id TEXT, position INTEGER, tag TEXT, kind TEXT, name TEXT, PRIMARY KEY (reference_id, position)
);
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag);
CREATE TABLE IF NOT EXISTS "references" (
    reference_id TEXT, position INTEGER, label TEXT, cited_id TEXT, kind TEXT, text TEXT,
    PRIMARY KEY (reference_id, position)
);
CREATE INDEX IF NOT EXISTS references_cited ON "references"(cited_id);
CREATE TABLE IF NOT EXISTS addressees (
    reference_id TEXT, position INTEGER, role TEXT, route TEXT, name TEXT, precedence TEXT, number TEXT,
    PRIMARY KEY (reference_id, position)
);
CREATE TABLE IF NOT EXISTS diagnostics (
    reference_id TEXT, position INTEGER, code TEXT, severity TEXT, message TEXT, paragraph INTEGER, line INTEGER,
    PRIMARY KEY (reference_id, position)
);
CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics(code);
CREATE TABLE IF NOT EXISTS sources (
    reference_id TEXT, path TEXT, format TEXT, sha256 TEXT, metadata TEXT, PRIMARY KEY (reference_id, path, sha256)
);
CREATE TABLE IF NOT EXISTS versions (
    reference_id TEXT, version INTEGER, text_sha256 TEXT, record {blob}, text TEXT, replaced_at TEXT, source TEXT,
    PRIMARY KEY (reference_id, version)
);
CREATE TABLE IF NOT EXISTS errors (path TEXT PRIMARY KEY, reason TEXT, at TEXT);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size {big}, mtime_ns {big}, cables INTEGER, at TEXT);
{fts}
"""
# SQLite's full-text index keeps no copy of the text (contentless: the text is in `cables` and `paragraphs`
# already; snippets are quoted from `paragraphs`). The values each cable is counted under by the facets and the
# timeline are numbered rows of a narrow table keyed like the index, so counting the matches of a search reads
# neither the wide `cables` rows nor JSON, and groups by a number (a third of the time of grouping by text);
# `facet_values.cables` counts the whole corpus, rewritten after each ingest (the `total` row, the number of
# cables, is NULL while an ingest writes: searches then count live, never from out-of-date figures).
# `cable_facet_ids` holds each cable's value numbers again, in one row (`FACET_ID_DIGITS`): a search's facets read
# one row a match and count the numbers in numpy, where reading and grouping ten facet rows a match took 137 ms
# for `iran` (42,683 matches at 250k with the corpus's words; 36 ms so, of which the statement 19).
SCHEMA = SCHEMA_TEMPLATE.format(blob="BLOB", big="INTEGER", cable_extra="", fts="""
CREATE VIRTUAL TABLE IF NOT EXISTS cables_fts USING fts5(
    subject, summary, body, facets, content = '', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS facet_values (
    id INTEGER PRIMARY KEY, facet TEXT, value TEXT, cables INTEGER, UNIQUE (facet, value)
);
CREATE TABLE IF NOT EXISTS cable_facets (
    cable INTEGER, value INTEGER REFERENCES facet_values (id), PRIMARY KEY (cable, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cable_facets_value ON cable_facets (value, cable);
CREATE TABLE IF NOT EXISTS cable_facet_ids (cable INTEGER PRIMARY KEY, ids TEXT);""")
SCHEMA_VERSION = 5
"""`PRAGMA user_version` of an SQLite corpus of this schema; files made before it are upgraded by `connect`."""
PREPARED_COLUMNS = (
    "reference_id", "date", "year", "dtg", "classification", "origin", "station", "precedence", "subject",
    "subject_marking", "summary", "tags", "handling", "signers", "comments", "classified_by", "eo",
    "declassification", "declassify_on", "section_count", "paragraph_count", "diagnostic_count", "text_sha256",
    "record", "text")
"""The columns of a `cables` row that the process parsing the cable makes (`Prepared.row`)."""
_SUBJECT, _SUMMARY = PREPARED_COLUMNS.index("subject"), PREPARED_COLUMNS.index("summary")
CABLE_COLUMNS = (*PREPARED_COLUMNS, "version", "source")
"""Then those the writer adds: which version of the cable it stores, and its provenance (the row of a part of
cables.csv is numbered through the file by the writer, which alone knows the rows of the parts before)."""
PARAGRAPH_COLUMNS = ("reference_id", "position", "number", "marking", "dissemination", "heading", "text",
                     "section_heading")
_HEADING, _TEXT, _SECTION_HEADING = map(PARAGRAPH_COLUMNS.index, ("heading", "text", "section_heading"))
# Each child table is rewritten whole when a cable changes.
CHILD_TABLES = ("paragraphs", "tags", '"references"', "addressees", "diagnostics")
_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Cable)
# Level 1 compresses a record (3.7 KB of JSON without its texts, on the template cables.csv) to 1.5 KB, the default
# 6 to 1.4 KB in a quarter more time; every cable's is compressed once, by the process that parsed it.
RECORD_ZLIB_LEVEL = 1


# SQLite's largest page: an ingest writes every page twice (to the WAL, then the file), a system call each, and a
# cable's text and paragraphs fit a page instead of spilling over several. 62,476 cables of the 251,287-cable
# cables.csv, two cores: the writer's CPU 44 s with 4 KB pages (12 s of it in the kernel), 34-36 s so, and the file
# 2% smaller.
PAGE_SIZE = 65536
MMAP_BYTES = 2147418112
"""SQLite's largest memory map of a file (`SQLITE_MAX_MMAP_SIZE`, as Debian builds it)."""
# Rows a transaction of an ingest writes, at most: a batch's rows go into the indexes keyed by reference_id and by
# value (the child tables' keys, tags, cited ids, facet rows) all over, and each page it changes is written whole
# to the WAL and then to the file, once a transaction. 62,476 cables: the writer wrote 11.7 GB with batches of 500,
# 7.4 GB with 2,000; the 251,287-cable cables.csv ingested in 192 s instead of 228.
INGEST_BATCH = 2000

Connection = Any
"""An open corpus: an `sqlite3.Connection`, or a `pg.PgConnection` that speaks the same small interface."""


class StoreError(Exception):
    """A user-facing store problem (a bad query, a database that cannot be opened); one line."""


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def connect(url: str) -> Connection:
    """Open (and create) a corpus: an SQLite file (WAL mode, so readers are not blocked by an ingest), or a
    PostgreSQL database for `postgresql://...` URLs (the `postgres` extra). An SQLite file made by an earlier
    cablekit is upgraded (`outdated`): its search index rebuilt without its copy of the text, its facets filled."""
    if is_postgres(url):
        from .pg import PgConnection  # psycopg is imported only for a PostgreSQL corpus

        return PgConnection(url)
    try:
        db = sqlite3.connect(url)
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new file's; one made before keeps its own
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        # An ingest inserts into a dozen B-trees at once (tables, their indexes, the search index): with SQLite's
        # default 2 MB page cache it reads their pages back from the file at every batch (a third more system time).
        # The first 2 GB of the file (SQLite's most) are read from memory the system maps, not copied by a call.
        db.execute("PRAGMA cache_size = -65536")
        db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        version = _version(db)
        if version is None:
            db.executescript(f"BEGIN; {SCHEMA}; PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        elif version < SCHEMA_VERSION:
            _upgrade(db, version)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{url}: cannot open as a cablekit database ({exc})") from exc
    return db


def _reading_pragmas(db: sqlite3.Connection) -> None:
    # A search reads the index and the facet rows of thousands of cables; SQLite's default page cache (2 MB) would
    # read them from the file again at every search.
    db.execute("PRAGMA cache_size = -262144")
    db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


def _version(db: sqlite3.Connection) -> int | None:
    """The schema version of an SQLite corpus; None for a new (empty) file."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'cables'").fetchone():
        return None
    return db.execute("PRAGMA user_version").fetchone()[0]


def outdated(url: str) -> bool:
    """Whether a corpus was made by an earlier cablekit: `connect` upgrades it (minutes for 100,000s of cables: the
    search index is rebuilt), the web app's read-only connection refuses it."""
    if is_postgres(url):
        from .pg import made_before

        return made_before(url)
    if not os.path.isfile(url):
        return False
    db = sqlite3.connect(f"file:{url}?mode=ro", uri=True)
    try:
        version = _version(db)
    except sqlite3.DatabaseError:
        return False  # not a corpus: `connect` says so
    finally:
        db.close()
    return version is not None and version < SCHEMA_VERSION


ADDED_COLUMNS = (("paragraphs", "section_heading"), ("cables", "source"), ("versions", "source"))
"""Text columns later schemas added to a table: 3 the paragraphs' section headings (`Paragraph.section_heading`),
5 the record's provenance (`Cable.source`), which the stored record leaves out since; a record stored before holds
its own, and its `source` is NULL."""


def _adding_columns(db: sqlite3.Connection) -> list[str]:
    """The statements adding to a file made before what `ADDED_COLUMNS` it lacks."""
    have = {(table, row[1]) for table in {t for t, _ in ADDED_COLUMNS}
            for row in db.execute(f"PRAGMA table_info({table})")}
    return [f"ALTER TABLE {table} ADD COLUMN {column} TEXT" for table, column in ADDED_COLUMNS
            if (table, column) not in have]


def _upgrade(db: sqlite3.Connection, version: int) -> None:
    """What each version lacked made in one transaction (the facet rows before 1, the index of them by value
    before 2, `cable_facet_ids` and the added columns, empty), then, before version 4, the search index made again
    from the stored records in a second, which sets the version (4 indexes each cable's facet values beside its
    text; before 1 the index held its own copy of the text). Killed between them, the file is upgraded again from
    the start. 250,000 cables take minutes (the index, from their records); from version 4, no time."""
    steps = _adding_columns(db)
    if version >= 4:
        db.executescript("; ".join(["BEGIN", *steps, f"PRAGMA user_version = {SCHEMA_VERSION}", "COMMIT;"]))
        return
    steps += ["DROP TABLE IF EXISTS cables_fts", SCHEMA]
    steps += _facet_statements("1 = 1") if version < 1 else [_facet_ids_statement("1 = 1")] if version < 3 else []
    try:
        db.executescript("; ".join(["BEGIN", *steps, "COMMIT;"]))
        with db:
            stored = db.execute("SELECT reference_id, record, '', source, rowid FROM cables")
            db.executemany(_INDEX_INSERT, ((rowid, *_indexed(c), rowid) for c, (rowid,) in _records_of(db, stored)))
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.DatabaseError:
        db.rollback()
        raise
    _count_facets(db)


def free_bytes(db: Connection) -> int:
    """Bytes of an SQLite corpus's file that hold nothing: pages freed by an upgrade or by replaced cables, which
    later ingests reuse and only `compact` returns to the disk. PostgreSQL does not say (its autovacuum reclaims
    dead rows for reuse, and an upgrade's dropped columns stay in the rows until they are rewritten): 0."""
    if _pg(db):
        return 0
    return db.execute("PRAGMA freelist_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]


def size_bytes(db: Connection, url: str) -> int:
    """What the corpus takes on disk: the SQLite file, or the PostgreSQL database."""
    if _pg(db):
        return db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return os.path.getsize(url)


def compact(db: Connection) -> None:
    """Rewrite a corpus without its free space: SQLite's free pages (VACUUM), PostgreSQL's dead rows and the
    columns an upgrade dropped (VACUUM FULL; the upgrade that moved the search columns out of `cables` took a
    250k corpus from 7,077 to 8,499 MB). It needs as much free disk as the corpus while it runs, and no ingest
    running; PostgreSQL's readers wait for each table it rewrites."""
    if _pg(db):
        db.execute("VACUUM (FULL, ANALYZE)")
        return
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def connect_reader(url: str) -> Connection:
    """Open an existing corpus to read only (the web app): an SQLite file opened read-only, or a PostgreSQL
    database in read-only transactions; a missing, foreign or outdated one is a `StoreError`."""
    if is_postgres(url):
        from .pg import PgConnection

        return PgConnection(url, read_only=True)
    if not os.path.isfile(url):
        raise StoreError(f"no corpus at {url}: run `cablekit ingest PATH --db {url}` first")
    if outdated(url):
        raise StoreError(f"{url} was made by an earlier cablekit: `cablekit serve --db {url}` (or any cablekit "
                         "command on it) upgrades it once")
    try:
        db = sqlite3.connect(f"file:{url}?mode=ro", uri=True, check_same_thread=False)
        db.execute("SELECT reference_id FROM cables LIMIT 1")
        _reading_pragmas(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{url}: cannot open as a cablekit database ({exc})") from exc
    return db


def _pg(db: Any) -> bool:
    return not isinstance(db, sqlite3.Connection)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- ingest -----------------------------------------------------------------------------------------------------


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    set_aside: int = 0
    """Copies holding less of a stored cable (a later section published as a page of its own): kept as earlier
    versions, the stored copy staying current."""
    files_skipped: int = 0
    """Files read completely before and not changed since (same size and modification time): not parsed again."""
    failures: list[SourceFailure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.updated + self.unchanged + self.set_aside


@dataclass(frozen=True)
class Unit:
    """A piece of work for one process: a file, or a byte range of a large `cables.csv`."""

    path: str
    start: int = 0
    end: int | None = None
    """None: the whole file."""
    last: bool = True
    """The file's last piece: its end mark goes after it."""


CSV_PART_BYTES = 2 * 1024 * 1024  # about 250 cables of cables.csv: what a process parses at a time


def units(files: list[str], part_bytes: int | None = None) -> list[Unit]:
    """Files as pieces of work: a large `cables.csv` (the full dump is one 1.7 GB file) in byte ranges that start
    on a record, so that every core parses and memory holds a part, not the file."""
    out: list[Unit] = []
    for path in files:
        parts = csv_parts(path, part_bytes or CSV_PART_BYTES) if path != "-" else []
        out += [Unit(path, start, end, last=end == parts[-1][1]) for start, end in parts] or [Unit(path)]
    return out


class Prepared(NamedTuple):
    """A parsed cable as it is stored: its rows, made by the process that parsed it, so that the one process
    writing for all (what bounded ingest) only adds the version and the provenance. Ingesting 20,255 cables on two
    cores, the writer's CPU went from 17.7-19.4 s (decoding the records sent as JSON and making their rows) to
    14.6-15.5 s, the parsing processes' up by as much."""

    reference_id: str
    date: str | None
    section: int | None
    row: tuple[Any, ...]
    """The `PREPARED_COLUMNS` of its `cables` row."""
    children: dict[str, list[tuple[Any, ...]]]
    """The rows of each of `CHILD_TABLES`."""
    source: dict[str, Any]

    @property
    def digest(self) -> str:
        return self.row[PREPARED_COLUMNS.index("text_sha256")]

    @property
    def text(self) -> str:
        return self.row[PREPARED_COLUMNS.index("text")]

    @property
    def indexed(self) -> tuple[str, str, str]:
        """What the search index holds of it (`_indexed`), made by the writer from its rows: sent from the parsing
        process, the paragraphs' text would travel twice (a quarter of what a cable sends)."""
        paragraphs = ((row[_SECTION_HEADING], row[_HEADING], row[_TEXT]) for row in self.children["paragraphs"])
        return (self.row[_SUBJECT] or "", self.row[_SUMMARY] or "", _joined(paragraphs))

    def cable(self) -> Cable:
        """The record whole again (a copy set aside as an earlier version)."""
        cable = _record(self.row[PREPARED_COLUMNS.index("record")], self.text, None)
        _put_paragraph_texts(cable, [row[_TEXT] for row in self.children["paragraphs"]])
        cable.source = self.source
        return cable


def _prepared(cable: Cable) -> Prepared:
    return Prepared(cable.reference_id, cable.date, cable.section, _cable_row(cable), _child_rows(cable),
                    cable.source)


Parsed = bytes | Prepared | tuple[str, str] | tuple[str, str, int]
"""What a parsing process sends back for each item: a record (JSON, or `Prepared` for the store), a failure (path,
reason), or a row of a part of cables.csv that cannot be read (path, what is wrong, its row counted from the
part's first)."""


def _parse_unit(unit: Unit, prepare: bool = False) -> tuple[list[Parsed], int]:
    """Worker: read and parse one piece (a process reads its own files; only records travel back), and count the
    rows of a part of cables.csv, so that the rows of the next part can be numbered after them."""
    out: list[Parsed] = []
    if unit.end is None:
        raws: Iterable[RawCable | SourceFailure | CsvRowError] = read([unit.path])
        rows = 0
    else:
        try:
            part = read_part(unit.path, unit.start, unit.end)
        except OSError as exc:
            return [(unit.path, exc.strerror or f"unreadable ({exc})")], 0
        table = _Counted(csv_rows(io.BytesIO(part)))
        raws = _csv_part_cables(table, unit)
    for item in raws:
        if isinstance(item, SourceFailure):
            out.append((item.path, item.reason))
        elif isinstance(item, CsvRowError):
            out.append((unit.path, item.problem, item.row))
        else:
            cable = parse(item.text, item.source)
            out.append(_prepared(cable) if prepare else _encoder.encode(cable))
    if unit.end is not None:
        rows = table.rest()
    return out, rows


class _Counted:
    """The rows of a part of cables.csv, counted as they are read: the part is read once, not once more to count."""

    def __init__(self, rows: Iterator[list[str]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[list[str]]:
        return self

    def __next__(self) -> list[str]:
        row = next(self.rows)
        self.count += 1
        return row

    def rest(self) -> int:
        """Read the rows no cable was read from (those after a malformed one) and return the count of all."""
        with suppress(csv.Error):
            deque(self, maxlen=0)
        return self.count


def _csv_part_cables(rows: _Counted, unit: Unit) -> Iterator[RawCable | CsvRowError]:
    """The part's cables, then the error of the row that stopped them if one did."""
    try:
        yield from csv_cables(rows, unit.path)
    except CsvRowError as exc:
        yield exc


@dataclass(frozen=True)
class FileDone:
    """Marks the end of a file's cables in the write stream: recorded with its last cable, in one transaction."""

    path: str
    size: int
    mtime_ns: int
    cables: int


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def parsed(files: list[str], jobs: int, prepare: bool = False
           ) -> Iterator[tuple[Unit, list[Cable | Prepared | SourceFailure]]]:
    """Each piece's cables (a file's, or a part's of a large cables.csv), parsed on `jobs` processes, in order, as
    records or, with `prepare`, as the store's rows; the rows of a part are numbered through the whole file."""
    work = units(files)
    if jobs <= 1 or len(work) < 2 or "-" in files:
        results: Iterable[tuple[list[Parsed], int]] = (_parse_unit(unit, prepare) for unit in work)
        yield from _numbered(work, results)
        return
    with get_context("fork" if hasattr(os, "fork") else "spawn").Pool(jobs) as pool:
        chunk = 1 if len(work) < 64 else 8
        yield from _numbered(work, _in_order(pool, work, chunk, limit=2 * jobs, prepare=prepare))


def _in_order(pool: Any, work: list[Unit], chunk: int, limit: int, prepare: bool
              ) -> Iterator[tuple[list[Parsed], int]]:
    """The pieces' results in order, with at most `limit` chunks handed out and not taken back: when the writer is
    the slower side, work waits unparsed instead of parsed records piling up in memory (`Pool.imap` would hand out
    everything at once, and its results would grow with the corpus)."""
    pending: deque[Any] = deque()
    for start in range(0, len(work), chunk):
        pending.append(pool.apply_async(_parse_units, (work[start:start + chunk], prepare)))
        if len(pending) >= limit:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()


def _parse_units(units: list[Unit], prepare: bool) -> list[tuple[list[Parsed], int]]:
    return [_parse_unit(unit, prepare) for unit in units]


def _numbered(work: list[Unit], results: Iterable[tuple[list[Parsed], int]]
              ) -> Iterator[tuple[Unit, list[Cable | Prepared | SourceFailure]]]:
    rows_before: dict[str, int] = {}
    for unit, (encoded, rows) in zip(work, results, strict=True):
        before = rows_before.get(unit.path, 0)
        items = list(_decode(encoded, before))
        if before:
            for item in items:
                if not isinstance(item, SourceFailure) and "row" in item.source:
                    item.source["row"] += before
        rows_before[unit.path] = before + rows
        if unit.last:
            del rows_before[unit.path]  # kept per file being read, not per file read
        yield unit, items


def _decode(results: list[Parsed], rows_before: int) -> Iterator[Cable | Prepared | SourceFailure]:
    for result in results:
        if isinstance(result, bytes):
            yield _decoder.decode(result)
        elif isinstance(result, Prepared):
            yield result
        elif len(result) == 3:
            path, problem, row = result
            yield SourceFailure(path, f"row {rows_before + row} {problem}")
        else:
            yield SourceFailure(*result)


def ingest(db: Connection, paths: Iterable[str], jobs: int | None = None, batch_size: int = INGEST_BATCH,
           progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Parse and store every cable under `paths`; unreadable files land in `errors`. One transaction a batch.

    A file read completely before, and unchanged since (size and modification time), is not parsed again.
    """
    report = IngestReport()
    done = {row[0]: row[1:] for row in db.execute("SELECT path, size, mtime_ns, cables FROM files")}
    todo: list[str] = []
    stats: dict[str, tuple[int, int]] = {}
    missing: list[Prepared | SourceFailure | FileDone] = []
    for item in iter_files(paths):
        if isinstance(item, SourceFailure):
            missing.append(item)  # a path that does not exist: an error row like any unreadable file
            continue
        stat = _stat(item) if item != "-" else None
        if stat and item in done and done[item][:2] == stat:
            report.files_skipped += 1
            report.unchanged += done[item][2]
            continue
        if stat:
            stats[item] = stat
        todo.append(item)

    def pieces() -> Iterator[list[Prepared | SourceFailure | FileDone]]:
        failed: set[str] = set()
        cables: dict[str, int] = {}
        for unit, items in parsed(todo, jobs or os.cpu_count() or 1, prepare=True):
            if any(isinstance(i, SourceFailure) for i in items):
                failed.add(unit.path)
            cables[unit.path] = cables.get(unit.path, 0) + len(items)
            if unit.last and unit.path in stats and unit.path not in failed:
                yield [*items, FileDone(unit.path, *stats.pop(unit.path), cables=cables.pop(unit.path))]
            else:
                yield items

    _write_groups(db, chain([missing], pieces()), report, batch_size, progress)
    return report


def load(db: Connection, items: Iterable[Cable | SourceFailure], batch_size: int = INGEST_BATCH,
         progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Store records parsed elsewhere (by `cablekit spark parse`) as `ingest` stores what it parses: a batch a
    transaction, COPY on PostgreSQL, the search index filled as they go, failures kept in `errors`."""
    report = IngestReport()
    _write_groups(db, ([_prepared(item) if isinstance(item, Cable) else item] for item in items), report, batch_size,
                  progress)
    return report


def _write_groups(db: Any, groups: Iterable[list[Prepared | SourceFailure | FileDone]], report: IngestReport,
                  batch_size: int, progress: Callable[[IngestReport], None] | None) -> None:
    """Write groups of items a batch at a time; a group (a file's or a part's cables, and the file's end mark after
    its last) is never split."""
    batch: list[Prepared | SourceFailure | FileDone] = []
    for group in groups:
        batch += group
        if len(batch) >= batch_size:
            _write_batch(db, batch, report)
            batch.clear()
            if progress:
                progress(report)
    if batch:
        _write_batch(db, batch, report)
        if progress:
            progress(report)
    _count_facets(db)
    if not _pg(db):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file on disk holds everything when this returns


def _write_batch(db: Any, batch: list[Prepared | SourceFailure | FileDone], report: IngestReport) -> None:
    """One transaction: a batch is stored whole or not at all. Existing rows are read for the whole batch at once
    and new rows written a table at a time (COPY on PostgreSQL), not a statement per cable."""
    cables = [item for item in batch if isinstance(item, Prepared)]
    with db:
        if not _pg(db):
            db.execute("UPDATE facet_values SET cables = NULL WHERE facet = 'total'")  # counts out of date from now
        for cables_once in _rounds(cables):
            _write_cables(db, cables_once, report)
        db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       [_source_row(c) for c in cables])
        db.executemany("DELETE FROM errors WHERE path = ?",
                       [(c.source["path"],) for c in cables if c.source.get("path")])
        for item in batch:
            if isinstance(item, FileDone):
                db.execute("INSERT INTO files VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (path) DO UPDATE "
                           "SET size = excluded.size, mtime_ns = excluded.mtime_ns, cables = excluded.cables, "
                           "at = excluded.at", (item.path, item.size, item.mtime_ns, item.cables))
            elif isinstance(item, SourceFailure):
                db.execute("INSERT INTO errors VALUES (?, ?, CURRENT_TIMESTAMP) ON CONFLICT (path) DO UPDATE "
                           "SET reason = excluded.reason, at = excluded.at", (item.path, item.reason))
                report.failures.append(item)


def _rounds(cables: list[Prepared]) -> list[list[Prepared]]:
    """The cables of a batch in rounds that hold each cable once: copies of a cable (other renderings, adjacent in
    a `cablekit spark parse` output) are written one after the other, each later text kept as a new version, as
    when they come in different batches."""
    rounds: list[list[Prepared]] = []
    copies: dict[str, int] = {}
    for cable in cables:
        copy = copies[cable.reference_id] = copies.get(cable.reference_id, -1) + 1
        if copy == len(rounds):
            rounds.append([])
        rounds[copy].append(cable)
    return rounds


def _write_cables(db: Any, cables: list[Prepared], report: IngestReport) -> None:
    """Store cables (each once) that are new or whose text changed; a changed one moves its stored text to
    `versions`."""
    current = _current_rows(db, {c.reference_id for c in cables})
    pending: list[tuple[Prepared, int]] = []  # (cable, version) to insert
    replaced: set[str] = set()
    for cable in cables:
        digest = cable.digest
        row = current.get(cable.reference_id)
        if row and (digest == row[0] or digest in row[2]):
            # Stored already, as the current text or an earlier one: a corpus that holds the same cable in
            # two renderings must not flip between them at every ingest.
            report.unchanged += 1
            continue
        if row and _holds_less(db, cable):
            _set_aside(db, cable, row[1])
            report.set_aside += 1
            continue
        if row:
            replaced.add(cable.reference_id)
            report.updated += 1
        else:
            report.added += 1
        pending.append((cable, (row[1] + 1) if row else 1))
    if replaced:
        _replace(db, replaced)
    _insert_all(db, pending)


def _holds_less(db: Any, cable: Prepared) -> bool:
    """Whether `cable` opens at a later section than the stored copy of it: the site published some sections of
    long cables as pages of their own (08SCTION02OF02SAOPAULO335, 09SECTION02OF03QRIPOLI583), and such a page,
    its id repaired, must not replace the whole cable, whichever was read first."""
    if not cable.section or cable.section == 1:
        return False
    stored = db.execute("SELECT record FROM cables WHERE reference_id = ?", (cable.reference_id,)).fetchone()[0]
    return (_record(stored, "", None).section or 1) < cable.section


def _set_aside(db: Any, cable: Prepared, version: int) -> None:
    """Keep `cable` as the version before the stored one, which stays current (its number moved up by one)."""
    db.execute("UPDATE cables SET version = ? WHERE reference_id = ?", (version + 1, cable.reference_id))
    db.execute(_VERSION_INSERT, (cable.reference_id, version, cable.digest, _version_blob(cable.cable()), cable.text,
                                 _json(cable.source)))


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def _current_rows(db: Any, ids: set[str]) -> dict[str, tuple[str, int, set[str]]]:
    """reference_id -> (current text digest, version, digests of the earlier versions), for the stored ones."""
    found: dict[str, tuple[str, int, set[str]]] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for rid, digest, version in db.execute(
                f"SELECT reference_id, text_sha256, version FROM cables WHERE reference_id IN ({_in(chunk)})", chunk):
            found[rid] = (digest, version, set())
        for rid, digest in db.execute(
                f"SELECT reference_id, text_sha256 FROM versions WHERE reference_id IN ({_in(chunk)})", chunk):
            if rid in found:
                found[rid][2].add(digest)
    return found


def _replace(db: Any, ids: set[str]) -> None:
    """Move the stored texts of these cables to `versions` and clear their rows for the new ones."""
    wanted = sorted(ids)
    marks = _in(wanted)
    # The index rows of a cable are found by SQLite's rowid, PostgreSQL's by `cable_search`'s reference_id.
    key = "reference_id" if _pg(db) else "rowid"
    stored = list(_records_of(db, db.execute(f"SELECT reference_id, record, text, source, version, text_sha256, "
                                             f"{key} FROM cables WHERE reference_id IN ({marks})", wanted)))
    db.executemany(f"{_VERSION_INSERT} ON CONFLICT DO NOTHING",
                   [(c.reference_id, version, digest, _version_blob(c), c.text, _json(c.source))
                    for c, (version, digest, _) in stored])
    if not _pg(db):
        # A contentless index forgets a text only when given the very values it indexed: the stored record's.
        db.executemany(f"INSERT INTO cables_fts (cables_fts, rowid, subject, summary, body, facets) "
                       f"VALUES ('delete', ?, ?, ?, ?, {_FACET_TOKENS})",
                       [(rowid, *_indexed(cable), rowid) for cable, (_, _, rowid) in stored])
        for table in ("cable_facets", "cable_facet_ids"):
            db.executemany(f"DELETE FROM {table} WHERE cable = ?", [(rowid,) for _, (_, _, rowid) in stored])
    else:
        db.execute(f"DELETE FROM cable_facets WHERE cable IN (SELECT cable FROM cable_search WHERE reference_id "
                   f"IN ({marks}))", wanted)
        db.execute(f"DELETE FROM cable_search WHERE reference_id IN ({marks})", wanted)
    for table in CHILD_TABLES:
        db.execute(f"DELETE FROM {table} WHERE reference_id IN ({marks})", wanted)
    db.execute(f"DELETE FROM cables WHERE reference_id IN ({marks})", wanted)


def _json(value: Any) -> str:
    return _encoder.encode(value).decode()  # compact JSON, UTF-8 as it is (five columns a cable: msgspec is 5x faster)


def _body(cable: Cable) -> str:
    return _joined((p.section_heading, p.heading, p.text) for p in cable.paragraphs)


def _joined(paragraphs: Iterable[tuple[str | None, str | None, str]]) -> str:
    """The text of paragraphs (section heading, heading, text) as the search index holds it, each heading on a line
    of its own."""
    return "\n".join(filter(None, ("\n".join(filter(None, parts)) for parts in paragraphs)))


def _record_blob(cable: Cable) -> bytes:
    """The record of a current cable as stored: compressed JSON without the text and the paragraphs' texts, which
    `cables.text` and the `paragraphs` rows hold (they are 60% of its JSON: 2.8 KB less a cable compressed and
    written)."""
    paragraphs = [msgspec.structs.replace(p, text="") for p in cable.paragraphs]
    return _version_blob(msgspec.structs.replace(cable, paragraphs=paragraphs))


def _version_blob(cable: Cable) -> bytes:
    """The record of an earlier version as stored (it has no `paragraphs` rows): compressed JSON without the text
    and the provenance, which have columns of their own."""
    return zlib.compress(_encoder.encode(msgspec.structs.replace(cable, text="", source={})), RECORD_ZLIB_LEVEL)


_VERSION_INSERT = ("INSERT INTO versions (reference_id, version, text_sha256, record, text, source, replaced_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")


def _cable_row(cable: Cable) -> tuple[Any, ...]:
    """The `PREPARED_COLUMNS` of a cable."""
    return (cable.reference_id, cable.date, int(cable.date[:4]) if cable.date else None, cable.dtg,
            cable.classification, cable.origin, cable.station, cable.precedence, cable.subject, cable.subject_marking,
            cable.summary, _json(cable.tags), _json(cable.handling), _json(cable.signers), _json(cable.comments),
            _json(cable.classified_by) if cable.classified_by else None, cable.eo, cable.declassification,
            cable.declassify_on, cable.section_count, len(cable.paragraphs), len(cable.diagnostics),
            text_sha256(cable.text), _record_blob(cable), cable.text)


def _child_rows(cable: Cable) -> dict[str, list[tuple[Any, ...]]]:
    rid = cable.reference_id
    addressees = [("to", a) for a in cable.to] + [("info", a) for a in cable.info]
    return {
        "paragraphs": [(rid, i, p.number, p.marking, p.dissemination, p.heading, p.text, p.section_heading)
                       for i, p in enumerate(cable.paragraphs)],  # PARAGRAPH_COLUMNS
        "tags": [(rid, i, t, tag_kind(t) or "other", tag_name(t)) for i, t in enumerate(cable.tags)],
        '"references"': [(rid, i, r.label, r.reference_id, r.kind, r.text) for i, r in enumerate(cable.references)],
        "addressees": [(rid, i, role, a.route, a.name, a.precedence, a.number)
                       for i, (role, a) in enumerate(addressees)],
        "diagnostics": [(rid, i, d.code, d.severity, d.message, d.paragraph, d.line)
                        for i, d in enumerate(cable.diagnostics)],
    }


def _insert_all(db: Any, pending: list[tuple[Prepared, int]]) -> None:
    """The rows of new and changed cables (each with the version it is stored as), a table at a time."""
    if not pending:
        return
    rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in CHILD_TABLES}
    for cable, _ in pending:
        for table, table_rows in cable.children.items():
            rows[table] += table_rows
    cable_rows = [(*c.row, version, _json(c.source)) for c, version in pending]
    ids = [c.reference_id for c, _ in pending]
    if _pg(db):
        from .pg import VECTOR, cable_facets_statement, facet_ids, facet_rows, new_values_statement

        db.copy("cables", CABLE_COLUMNS, cable_rows)
        for table, table_rows in rows.items():
            db.copy(table, None, table_rows)
        # The values numbered first, so that each `cable_search` row is written once, with its value numbers.
        facets = facet_rows("c.reference_id = ANY(?::text[])")
        by_facet = [ids] * facets.count("?")
        db.execute(new_values_statement(facets), by_facet)
        indexed = list(zip(*(c.indexed for c, _ in pending), strict=True))
        vector = VECTOR.format(subject="u.subject", summary="u.summary", body="u.body")
        db.execute("INSERT INTO cable_search (reference_id, date, search, subject_words, facet_ids) SELECT u.id, "
                   f"u.date, {vector}, to_tsvector('english', u.subject), f.ids FROM "
                   "unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) u(id, date, subject, summary, body) "
                   f"LEFT JOIN ({facet_ids(facets)}) f ON f.reference_id = u.id",
                   [ids, [c.date for c, _ in pending], *map(list, indexed), *by_facet])
        db.execute(cable_facets_statement(facets), by_facet)
        db.execute("UPDATE facet_values SET cables = NULL WHERE facet = 'total'")  # counts out of date from now
        return
    db.executemany(f"INSERT INTO cables ({', '.join(CABLE_COLUMNS)}) VALUES ({_in(list(CABLE_COLUMNS))})", cable_rows)
    for table, table_rows in rows.items():
        if table_rows:
            db.executemany(f"INSERT INTO {table} VALUES ({_in(list(table_rows[0]))})", table_rows)
    rowids: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rowids.update((rid, rowid) for rowid, rid in db.execute(
            f"SELECT rowid, reference_id FROM cables WHERE reference_id IN ({_in(chunk)})", chunk))
    _fill_facets(db, "c.rowid IN (SELECT value FROM json_each(?))", json.dumps(list(rowids.values())))
    db.executemany(_INDEX_INSERT, [(rowid, *c.indexed, rowid) for c, _ in pending
                                   for rowid in (rowids[c.reference_id],)])


def _indexed(cable: Cable) -> tuple[str, str, str]:
    """What the search index holds of a cable's text: subject, summary, the paragraphs' headings and text."""
    return cable.subject or "", cable.summary or "", _body(cable)


# SQLite's index holds the numbers of a cable's facet values (`cable_facets`, in their order there) as words of
# its `facets` column, so that a search within a tag, classification or handling caption is one index lookup
# (`facets: (190)` beside the words asked for): a list of the value's cables made by SQL first took 25 ms for PREL,
# in 135,336 of 251,287 cables. The query's own words are read in the text columns only (`_TEXT_COLUMNS`).
_FACET_TOKENS = "(SELECT group_concat(f.value, ' ') FROM cable_facets f WHERE f.cable = ?)"
_INDEX_INSERT = ("INSERT INTO cables_fts (rowid, subject, summary, body, facets) "
                 f"VALUES (?, ?, ?, ?, {_FACET_TOKENS})")
"""A cable into the index: its rowid, `_indexed` text and rowid again, after its facet rows are written."""
_TEXT_COLUMNS = "{subject summary body}"


def _fill_facets(db: sqlite3.Connection, where: str, param: Any) -> None:
    for statement in _facet_statements(where):
        db.execute(statement, [param] * statement.count("?"))  # `where` once for each facet


def _facet_statements(where: str) -> list[str]:
    """Statements writing the values each cable `where` selects (in `cables c`, with at most one parameter) is
    counted under: its month (the year and the timeline count from it), origin code (`_ORIGIN_CODE`, for ids of
    the usual form), classification, TAGS and handling captions; new values numbered in `facet_values`."""
    parts = [
        "SELECT c.rowid AS cable, 'month' AS facet, substr(c.date, 1, 7) AS value FROM cables c "
        "WHERE c.date IS NOT NULL",
        f"SELECT c.rowid, 'origin', {_ORIGIN_CODE} FROM cables c WHERE {_CANONICAL}",
        "SELECT c.rowid, 'classification', c.classification FROM cables c WHERE c.classification IS NOT NULL",
        "SELECT c.rowid, 'tag', t.tag FROM cables c JOIN tags t ON t.reference_id = c.reference_id WHERE 1 = 1",
        "SELECT c.rowid, 'handling', h.value FROM cables c, json_each(c.handling) h WHERE 1 = 1",
    ]
    rows = " UNION ALL ".join(f"{part} AND {where}" for part in parts)
    return [f"INSERT OR IGNORE INTO facet_values (facet, value) SELECT DISTINCT facet, value FROM ({rows})",
            f"INSERT OR IGNORE INTO cable_facets SELECT r.cable, v.id FROM ({rows}) r "
            "JOIN facet_values v ON v.facet = r.facet AND v.value = r.value", _facet_ids_statement(where)]


FACET_ID_DIGITS = 8
"""Hexadecimal digits of a value number in `cable_facet_ids`: what makes the numbers of many cables one string that
reads back as 4-byte numbers (`_counted_ids`)."""


def _facet_ids_statement(where: str) -> str:
    """The statement writing `cable_facet_ids` from the facet rows of the cables `where` selects (as in
    `_facet_statements`)."""
    return (f"INSERT OR REPLACE INTO cable_facet_ids SELECT f.cable, group_concat(printf('%0{FACET_ID_DIGITS}x', "
            f"f.value), '') FROM cable_facets f WHERE f.cable IN (SELECT c.rowid FROM cables c WHERE {where}) "
            "GROUP BY f.cable")


def _count_facets(db: sqlite3.Connection) -> None:
    """`facet_values.cables`: the whole corpus counted by each value, and the number of cables (`total`)."""
    with db:
        if _pg(db):
            # Two ingests ending together count one after the other, so the last to count has seen every row the
            # other wrote (SQLite's write lock does this already); their batches meanwhile mark the counts old.
            db.execute("SELECT pg_advisory_xact_lock(4243)")
        db.execute("UPDATE facet_values SET cables = 0")
        db.execute("UPDATE facet_values SET cables = n.cables FROM (SELECT value, count(*) AS cables "
                   "FROM cable_facets GROUP BY value) n WHERE n.value = facet_values.id")
        db.execute("INSERT INTO facet_values (facet, value, cables) VALUES ('total', '', (SELECT count(*) FROM "
                   "cables)) ON CONFLICT (facet, value) DO UPDATE SET cables = excluded.cables")


def _source_row(cable: Prepared) -> tuple[Any, ...]:
    source = cable.source
    metadata = {k: v for k, v in source.items() if k not in ("path", "format", "sha256")}
    return (cable.reference_id, source.get("path"), source.get("format"), source.get("sha256"),
            json.dumps(metadata, ensure_ascii=False))


# --- search -----------------------------------------------------------------------------------------------------


@dataclass
class Filters:
    tags: tuple[str, ...] = ()
    origin: str | None = None
    classification: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    handling: tuple[str, ...] = ()

    def facet_tests(self, postgres: bool = False) -> list[tuple[str, str, str]]:
        """(facet, test, parameter) of each tag, classification and handling filter, tested on the values
        `facet_values` holds."""
        tests = [("tag", "= ?", tag.upper()) for tag in self.tags]
        if self.classification:
            tests.append(("classification", "ILIKE ?" if postgres else "LIKE ?", f"{self.classification}%"))
        return tests + [("handling", "= ?", caption.upper()) for caption in self.handling]

    def where(self, postgres: bool = False, key: str | None = None,
              values: Callable[[str, str, str], list[int]] | None = None,
              terms: list[str] | None = None) -> tuple[list[str], list[Any]]:
        """SQL conditions on the cables row `c`, and their parameters. With `key` (the name of the selected cable's
        number: SQLite's rowid, PostgreSQL's `s.cable`), the tag, classification and handling filters read the
        facet rows, not the wide `c`; in PostgreSQL the dates and ids are read from `cable_search s`, and the
        facet values a filter names are looked up first by `values(facet, test, parameter)`, so that the planner
        is given their numbers and knows from its statistics how many cables each holds. Given `terms` (SQLite,
        searching words), those filters are added to it as terms of the index's `facets` column instead."""
        clauses: list[str] = []
        params: list[Any] = []
        rid, date = ("s.reference_id", "s.date") if postgres else ("c.reference_id", "c.date")

        def facet(name: str, test: str, param: str) -> None:
            if values and terms is not None:
                # No value passing the test: 0, which numbers none, selects nothing.
                terms.append(f"facets: ({' OR '.join(map(str, values(name, test, param))) or 0})")
            elif key and values:
                clauses.append(f"{key} IN (SELECT f.cable FROM cable_facets f WHERE f.value = ANY(?))")
                params.append(values(name, test, param))
            else:
                clauses.append(_facet_clause(key, name, test))
                params.append(param)

        if key:
            for name, test, param in self.facet_tests(postgres):
                facet(name, test, param)
        else:
            # IN (a list made once) rather than EXISTS per row: the planner would scan the tag's rows for each hit.
            for tag in self.tags:
                clauses.append("c.reference_id IN (SELECT reference_id FROM tags WHERE tag = ?)")
                params.append(tag.upper())
            if self.classification:
                clauses.append("c.classification LIKE ?")
                params.append(f"{self.classification}%")
            for caption in self.handling:
                clauses.append("EXISTS (SELECT 1 FROM json_each(c.handling) WHERE value = ?)")
                params.append(caption.upper())
        if self.origin:
            # `Baghdad`, `AMEMBASSY BAGHDAD` or the routing indicator `RUEHGB` all name the post; a post's code
            # (`BAGHDAD`, as the origin facet gives it) selects by the reference id alone, as the facet counts.
            code = re.sub(r"[^A-Z]", "", self.origin.upper())  # as ids spell origins: `SAO PAULO` -> SAOPAULO
            if self.origin.upper() in posts():
                codes = post_codes(self.origin.upper())
                if postgres:
                    clauses.append(f"{rid} ~ ?")
                    params.append(f"^[0-9]{{2}}({'|'.join(codes)})[0-9]+$")
                else:
                    clauses.append("(" + " OR ".join(["c.reference_id GLOB ?"] * len(codes)) + ")")
                    params += [f"[0-9][0-9]{c}[0-9]*" for c in codes]
            elif postgres:
                clauses.append(f"(c.origin ILIKE ? OR c.station = ? OR {rid} ~ ?)")
                params += [f"%{self.origin}%", self.origin.upper(), f"^[0-9]{{2}}{code}[0-9]+$"]
            else:
                clauses.append("(c.origin LIKE ? OR c.station = ? OR c.reference_id GLOB ?)")
                params += [f"%{self.origin}%", self.origin.upper(), f"[0-9][0-9]{code}[0-9]*"]
        if self.date_from:
            clauses.append(f"{date} >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"{date} < ?")
            params.append(_day_after(self.date_to))
        return clauses, params


def _facet_clause(key: str, facet: str, test: str) -> str:
    """The cable `key` has a value of `facet` that passes `test` (as `cable_facets` holds it)."""
    return (f"{key} IN (SELECT f.cable FROM cable_facets f JOIN facet_values v ON v.id = f.value "
            f"WHERE v.facet = '{facet}' AND v.value {test})")


def _day_after(date: str) -> str:
    """`--to 2007` includes all of 2007; `--to 2007-03` all of March; a day, that day."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{int(parts[0]) + 1:04d}"
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return f"{date}T99"


@dataclass
class Hit:
    reference_id: str
    date: str | None
    classification: str | None
    origin: str | None
    subject: str | None
    snippet: str | None
    score: float | None


def normalize_query(query: str | None) -> str | None:
    """`a AND NOT b` (how people write it) is FTS5's `a NOT b`; blank queries are none."""
    if not query or not query.strip():
        return None
    return re.sub(r"\bAND\s+NOT\b", "NOT", query)


_RANK = "bm25(cables_fts, 8.0, 4.0, 1.0, 0.0)"  # subject counts most, then summary, then the text; no facets
_QUERY_TOKEN = re.compile(r'"[^"]*"?|[^\s()"]+')  # a phrase, or a run of anything but space, brackets and quotes


def _asked_for(query: str | None) -> list[str]:
    """The words, "phrases" and prefix* a query asks for, in order: the operators and what follows NOT left out."""
    asked: list[str] = []
    negated = False
    for token in _QUERY_TOKEN.findall(query or ""):
        if token in ("AND", "OR", "NOT"):
            negated = token == "NOT"
            continue
        if not negated:
            asked.append(token)
        negated = False
    return asked


def words_found(query: str | None) -> re.Pattern[str] | None:
    """The words a search asks for, as one case-blind pattern: each word with its longer forms (`government`
    finds `governments`, near enough to the index's stemming; `corrupt*` is a prefix anyway), the operators and
    the words after NOT left out. None when the query asks for no word."""
    words = [word for token in _asked_for(query) for word in re.findall(r"\w+", token)]
    if not words:
        return None
    # A word starts after anything but a letter or digit: the index splits `window.__pwned` at the underscores too.
    return re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
                      + r")\w*", re.IGNORECASE)


def quote(text: str, found: re.Pattern[str], marks: tuple[str, str], reach: int = 100) -> str | None:
    """A few words of `text` around the first word found, the words found between `marks`; None when none is."""
    first = found.search(text)
    if first is None:
        return None
    start, end = max(0, first.start() - reach), min(len(text), first.end() + reach)
    while 0 < start < first.start() and not text[start - 1].isspace():  # whole words at both ends
        start += 1
    while first.end() < end < len(text) and not text[end].isspace():
        end -= 1
    window = " ".join(text[start:end].split())
    marked = found.sub(lambda m: f"{marks[0]}{m.group()}{marks[1]}", window)
    return ("... " if start > 0 else "") + marked + (" ..." if end < len(text) else "")


def _selection(db: Any, columns: str, query: str | None, filters: Filters, words: str = "search",
               in_date_order: bool = False) -> tuple[str, list[Any], bool]:
    """`SELECT columns` over the cables the query and filters select (`c` is the cables row), its parameters,
    and whether the full-text index takes part (then it can rank: `cables_fts` in SQLite, `q` in PostgreSQL).
    In PostgreSQL `words` names the tsvector the query is matched against (`subject_words`: in the subject).
    `in_date_order`: the statement will read a page of cables by date (a listing, no words asked for)."""
    postgres = _pg(db)

    def values(facet: str, test: str, param: str) -> list[int]:
        return [row[0] for row in db.execute(f"SELECT id FROM facet_values WHERE facet = ? AND value {test}",
                                             [facet, param])]

    terms: list[str] = []
    if postgres:
        clauses, params = filters.where(True, key=_key(db, query), values=values)
    elif normalize_query(query):
        clauses, params = filters.where(key=_key(db, query), values=values, terms=terms)
    else:
        # `+`: the filters' lists of cables are tested, not looked up, so that the cables are read in date order.
        date_order = in_date_order and _date_order_finds_sooner(db, filters)
        clauses, params = filters.where(key=("+" if date_order else "") + _key(db, query))
    query = normalize_query(query)
    if postgres:
        # The narrow `cable_search s` alone when neither the columns nor the filters read the wide row `c`.
        tables = "cable_search s"
        if _CABLES_ROW.search(" ".join([columns, *clauses])):
            tables += " JOIN cables c ON c.reference_id = s.reference_id"
        if query:
            from .pg import tsquery

            sql = f"SELECT {columns} FROM {tables}, to_tsquery('english', ?) q WHERE s.{words} @@ q"
            params = [tsquery(query), *params]
        else:
            sql = f"SELECT {columns} FROM {tables} WHERE 1 = 1"
    elif query:
        # The wide cables rows are read only when the columns or the filters left ask for them.
        joined = " JOIN cables c ON c.rowid = cables_fts.rowid" if _CABLES_ROW.search(" ".join([columns, *clauses])) \
            else ""
        sql = f"SELECT {columns} FROM cables_fts{joined} WHERE cables_fts MATCH ?"
        params = [" AND ".join([f"{_TEXT_COLUMNS}: ({query})", *terms]), *params]
    else:
        sql = f"SELECT {columns} FROM cables c WHERE 1 = 1"
    return sql + "".join(f" AND {clause}" for clause in clauses), params, bool(query)


_CABLES_ROW = re.compile(r"\bc\.")  # SQL that reads the cables row `c`
DATE_ORDER_SHARE = 0.01
"""The share of the corpus every value a listing filters by must hold for `_date_order_finds_sooner`."""


def _date_order_finds_sooner(db: sqlite3.Connection, filters: Filters) -> bool:
    """Whether a listing's page (no words asked for, in date order) is found sooner by reading the cables in date
    order and testing each against the filters' lists than by looking up every cable the lists hold: when each tag,
    classification and handling caption it filters by holds `DATE_ORDER_SHARE` of the corpus or more (at 250k, PINR
    in 41,297 cables: 5.5 against 33 ms; a tag in 35 cables: 15 against 0.1 ms). Not while an ingest writes
    (the counts are out of date)."""
    asked = filters.facet_tests()
    total = db.execute("SELECT cables FROM facet_values WHERE facet = 'total'").fetchone()
    if not asked or not total or total[0] is None:
        return False
    held = [db.execute(f"SELECT coalesce(sum(cables), 0) FROM facet_values WHERE facet = ? AND value {test}",
                       [facet, param]).fetchone()[0] for facet, test, param in asked]
    return min(held) >= total[0] * DATE_ORDER_SHARE


def _key(db: Any, query: str | None) -> str:
    """What `_selection` names a selected cable by: the number the search index's table and `cable_facets` share
    (SQLite's rowid, read from the index when there is a query; PostgreSQL's `cable_search.cable`)."""
    if _pg(db):
        return "s.cable"
    return "cables_fts.rowid" if normalize_query(query) else "c.rowid"


def _run(db: Any, sql: str, params: list[Any], query: str | None) -> Any:
    errors = (sqlite3.OperationalError, getattr(db, "QueryError", sqlite3.OperationalError))
    try:
        return db.search(sql, params) if _pg(db) else db.execute(sql, params)
    except errors as exc:
        raise StoreError(f"cannot read the query {query!r}: {' '.join(str(exc).split())}") from exc


_HIT_COLUMNS = "c.reference_id, c.date, c.classification, c.origin, c.subject"


def search(db: Connection, query: str | None, filters: Filters, limit: int = 20, offset: int = 0,
           marks: tuple[str, str] = ("[", "]")) -> list[Hit]:
    """Ranked hits for an FTS5 query (words, "phrases", AND/OR/NOT, prefix*) within the filters; the words found
    stand between `marks` in the snippet (the web app uses characters no cable holds, to mark them safely)."""
    sql, params, ranked = _selection(db, _HIT_COLUMNS, query, filters, in_date_order=True)
    if not ranked:
        # SQLite: cables of one date in the order of their rowid, as the date index holds them, whichever way the
        # page is found (`_date_order_finds_sooner`).
        sql += f" ORDER BY {'s.date' if _pg(db) else 'c.date, c.rowid'} LIMIT ? OFFSET ?"
        return [Hit(*row, None, None) for row in _run(db, sql, [*params, limit, offset], query).fetchall()]
    # Rank first, reading no more than the index and the filtered columns, then read and quote the page of hits.
    key = _key(db, query)
    score = "ts_rank(s.search, q)" if _pg(db) else _RANK
    order = "DESC" if _pg(db) else ""  # bm25 is better when lower, ts_rank when higher
    page = _subject_first(db, query, filters, limit, offset)
    if page is None:
        sql, params, _ = _selection(db, f"{key} AS cable, {score} AS score", query, filters)
        page = _run(db, f"{sql} ORDER BY score {order}, cable LIMIT ? OFFSET ?", [*params, limit, offset],
                    query).fetchall()
    if not page:
        return []
    cables = [cable for cable, _ in page]
    named_by, tables = (("s.cable", "cable_search s JOIN cables c ON c.reference_id = s.reference_id") if _pg(db)
                        else ("c.rowid", "cables c"))
    rows = {row[0]: row[1:] for row in db.execute(
        f"SELECT {named_by}, {_HIT_COLUMNS} FROM {tables} WHERE {named_by} IN ({_in(cables)})", cables)}
    bodies = _bodies(db, [rows[cable][0] for cable in cables])
    found = words_found(query)
    return [Hit(*rows[cable], quote(bodies[rows[cable][0]], found, marks) if found else None, score)
            for cable, score in page]


def _subject_first(db: Any, query: str | None, filters: Filters, limit: int, offset: int) -> list[Any] | None:
    """The page of hits as both backends rank them: first the matches with a word, "phrase" or prefix* the query
    asks for in their subject, then the others, each tier by the backend's score (SQLite's bm25, which counts the
    words in the subject again in the first tier; PostgreSQL's ts_rank). A page the first tier fills is ranked
    among its cables alone: `government` is in the subjects of 2% of shared/corpus and in 69% of its cables.
    ts_rank of one lexeme ranks so anyway (its positions add w/j^2, in order, over pi^2/6, and the subject's come
    first, so a cable with it in its subject scores at least 1.0 / 1.645 = 0.61, any other at most 0.4); bm25,
    weighting the subject 8, not always. None when the query asks for nothing or writes FTS5 syntax beyond words,
    phrases, prefixes, AND/OR/NOT and brackets (then the score alone ranks)."""
    tiers = _tiers(db, query, filters)
    if tiers is None:
        return None
    (first_sql, first_params), (rest_sql, rest_params) = tiers
    first = _run(db, f"{first_sql} LIMIT ?", [*first_params, offset + limit], query).fetchall()
    if len(first) == offset + limit:
        return first[offset:]
    # The first tier ends on this page or before it: the others follow.
    shown = first[offset:]
    rest = _run(db, f"{rest_sql} LIMIT ? OFFSET ?",
                [*rest_params, limit - len(shown), max(0, offset - len(first))], query).fetchall()
    return shown + rest


_FTS5_SYNTAX_NOT_READ = re.compile(r'[:{}^+]|\bNEAR\b')  # column filters, initial tokens, NEAR groups


def _tiers(db: Any, query: str | None, filters: Filters) -> list[tuple[str, list[Any]]] | None:
    """The statements ranking `_subject_first`'s two tiers, each `(cable, score)` in order; None as it says. When
    the query only ORs what it asks for, its words in a subject make a match, and the first tier is read from the
    subjects alone (`government` at 250k: 22 against 33 ms in SQLite, 47 against 72 ms in PostgreSQL); SQLite's
    bm25 then weighs the words in the subject, not those and the whole query."""
    text = normalize_query(query)
    # A quote left open is the query's error to report: the tiers' own quotes would close it.
    readable = text and not _FTS5_SYNTAX_NOT_READ.search(text) and text.count('"') % 2 == 0
    asked = " OR ".join(_asked_for(text)) if readable else ""
    if not asked:
        return None
    if _pg(db):
        from .pg import tsquery

        ranked = "s.cable AS cable, ts_rank(s.search, q) AS score"
        sql, params, _ = _selection(db, ranked, query, filters)
        in_subject, subject_params = "s.subject_words @@ to_tsquery('english', ?)", [*params, tsquery(asked)]
        first_sql, first_params = (_selection(db, ranked, text, filters, words="subject_words")[:2]
                                   if asked == text else (f"{sql} AND {in_subject}", subject_params))
        return [(f"{first_sql} ORDER BY score DESC, cable", first_params),
                (f"{sql} AND NOT {in_subject} ORDER BY score DESC, cable", subject_params)]
    tiers = []
    first = f"{{subject}}: ({text})" if asked == text else f"({text}) AND {{subject}}: ({asked})"
    for tier in (first, f"({text}) NOT {{subject}}: ({asked})"):
        sql, params, _ = _selection(db, f"cables_fts.rowid AS cable, {_RANK} AS score", tier, filters)
        tiers.append((f"{sql} ORDER BY score, cable", params))
    return tiers


def _bodies(db: Any, ids: list[str]) -> dict[str, str]:
    """The indexed text (`_joined`) of these cables, from their paragraphs."""
    paragraphs: dict[str, list[tuple[str | None, str | None, str]]] = {rid: [] for rid in ids}
    for rid, *parts in db.execute(
            f"SELECT reference_id, section_heading, heading, text FROM paragraphs WHERE reference_id IN ({_in(ids)}) "
            "ORDER BY reference_id, position", ids):
        paragraphs[rid].append(tuple(parts))
    return {rid: _joined(found) for rid, found in paragraphs.items()}


_ORIGIN_CODE = "rtrim(substr(c.reference_id, 3), '0123456789')"  # 07BAGHDAD620 -> BAGHDAD
FACETS = ("tag", "origin", "classification", "year", "handling")
_CANONICAL = f"substr(c.reference_id, 1, 2) BETWEEN '00' AND '99' AND {_ORIGIN_CODE} <> ''"  # not `UNKNOWN_...`


@dataclass
class Summary:
    """What a search finds, counted: how many cables, by facet, by month."""

    total: int
    facets: dict[str, list[tuple[str, int]]]
    timeline: list[tuple[str, int]]


def summary(db: Connection, query: str | None, filters: Filters, top: int = 10) -> Summary:
    """The count, the facets and the timeline (`YYYY-MM`, in order) of the matching cables, exact, in one statement
    that finds them once (each match's value numbers from `cable_facet_ids`; the whole corpus's counts from
    `facet_values.cables`).

    Facets: tag (the code; `resolve.tag_name` names it), origin (the post's code, as in reference ids;
    `resolve.post` names it), classification, year and handling caption, most frequent first (years in order),
    `top` of each. A cable with no value for a facet (no classification read, no date) is not counted in it; one
    whose TAGS or captions name a value twice counts once.
    """
    found: dict[str, list[tuple[str, int]]] = {name: [] for name in ("total", "month", *FACETS)}
    for kind, value, n in _facet_rows(db, query, filters):
        found[kind].append((str(value), n))
    years: dict[str, int] = {}
    for month, n in found["month"]:
        years[month[:4]] = years.get(month[:4], 0) + n
    facets = {name: sorted(found[name], key=lambda item: (-item[1], item[0]))[:top]
              for name in ("tag", "classification", "handling")}
    facets["origin"] = _by_post(found["origin"])[:top]
    facets["year"] = sorted(years.items())[:top]
    return Summary(total=found["total"][0][1], facets={name: facets[name] for name in FACETS},
                   timeline=sorted(found["month"]))


def _facet_rows(db: Any, query: str | None, filters: Filters) -> list[tuple[str, str, int]]:
    """(facet, value, cables) of the matching cables, months for the timeline and `total` among them."""
    if not normalize_query(query) and not filters.where()[0]:
        counted = db.execute("SELECT cables FROM facet_values WHERE facet = 'total'").fetchone()
        if counted and counted[0] is not None:
            return db.execute("SELECT facet, value, cables FROM facet_values WHERE cables > 0 OR facet = 'total'"
                              ).fetchall()
    total, ids = _run(db, *_matches_and_their_ids(db, query, filters), query).fetchone()
    counts = _counted_ids(bytes.fromhex(ids or "") if isinstance(ids, str | None) else ids)
    wanted = list(counts)
    if _pg(db):
        values = db.execute("SELECT id, facet, value FROM facet_values WHERE id = ANY(?)", [wanted])
    else:
        values = db.execute("SELECT id, facet, value FROM facet_values WHERE id IN (SELECT value FROM json_each(?))",
                            [json.dumps(wanted)])
    return [("total", "", total), *((facet, value, counts[id_]) for id_, facet, value in values)]


def _matches_and_their_ids(db: Any, query: str | None, filters: Filters) -> tuple[str, list[Any]]:
    """The statement giving the number of matches and their value numbers, together: SQLite's a string of hex
    digits (`cable_facet_ids`), PostgreSQL's bytes (`cable_search.facet_ids`)."""
    if _pg(db):
        base, params, _ = _selection(db, "s.facet_ids AS ids", query, filters)
        return f"SELECT count(*), string_agg(m.ids, ''::bytea) FROM ({base}) m", params
    base, params, _ = _selection(db, f"{_key(db, query)} AS cable", query, filters)
    # One pass over the matches, each one's row looked up (LEFT: a cable with no value counts too). Counting them
    # in a first pass over the matches made into a table took a quarter longer (`iran` at 250k: 25 against 19 ms).
    return (f"SELECT count(*), group_concat(f.ids, '') FROM ({base}) m LEFT JOIN cable_facet_ids f "
            "ON f.cable = m.cable"), params


def _counted_ids(ids: bytes) -> dict[int, int]:
    """How many times each value number stands in `ids`, numbers of 4 bytes, high first (`FACET_ID_DIGITS` hex
    digits). numpy counts 411,000 in half a millisecond, `collections.Counter` in 17 ms."""
    import numpy  # only a search's facets need it: the CLI starts without it

    numbers = numpy.frombuffer(ids, dtype=">u4")
    if numbers.size and numbers.max() >= 1 << 24:  # a count for every number up to it would take 128 MB: sort
        values, counts = numpy.unique(numbers, return_counts=True)  # (8 ms for 411,000 numbers)
    else:
        counts = numpy.bincount(numbers)
        values = numpy.flatnonzero(counts)
        counts = counts[values]
    return dict(zip(values.tolist(), counts.tolist(), strict=True))


def facets(db: Connection, query: str | None, filters: Filters,
           top: int = 10) -> dict[str, list[tuple[str, int]]]:
    """Counts of the matching cables by tag, origin, classification, year and handling (see `summary`)."""
    return summary(db, query, filters, top).facets


def _by_post(codes: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Origin codes of one post counted together, under the code the post goes by."""
    merged: dict[str, int] = {}
    for code, n in codes:
        goes_by = post_code(code)
        merged[goes_by] = merged.get(goes_by, 0) + n
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


def facet_label(facet: str, value: str) -> str | None:
    """What a facet's code names: a tag's name, the post an origin code stands for."""
    if facet == "tag":
        return tag_name(value)
    if facet == "origin":
        known = post(value)
        return known.name if known else None
    return None


def count(db: Connection, query: str | None, filters: Filters) -> int:
    """How many cables the query and filters select."""
    sql, params, _ = _selection(db, "count(*)", query, filters)
    return _run(db, sql, params, query).fetchone()[0]


def get(db: Connection, reference_id: str) -> Cable | None:
    """The stored record of a cable, its text included."""
    rows = db.execute("SELECT reference_id, record, text, source FROM cables WHERE reference_id = ?", (reference_id,))
    return next((cable for cable, _ in _records_of(db, rows)), None)


def _record(record: bytes, text: str, source: str | None) -> Cable:
    """A stored record (zlib-compressed JSON without its text and provenance) with them put back; a record stored
    before its provenance had a column of its own (`source` NULL) holds it."""
    cable = _decoder.decode(zlib.decompress(record))
    cable.text = text
    if source is not None:
        cable.source = json.loads(source)
    return cable


def _records_of(db: Any, rows: Iterable[tuple[Any, ...]], chunk: int = 500) -> Iterator[tuple[Cable, tuple[Any, ...]]]:
    """Stored cables whole: rows of (reference_id, record, text, source, and any more columns) as (the record with
    its text, its provenance and its paragraphs' texts put back, the more columns), read a chunk at a time. A record
    stored before the paragraphs' texts were left out of it has them already, the same as its rows."""
    rows = iter(rows)
    while batch := list(islice(rows, chunk)):
        ids = [row[0] for row in batch]
        texts: dict[str, list[str]] = {}
        for rid, text in db.execute(f"SELECT reference_id, text FROM paragraphs WHERE reference_id IN ({_in(ids)}) "
                                    "ORDER BY reference_id, position", ids).fetchall():
            texts.setdefault(rid, []).append(text)
        for rid, record, text, source, *more in batch:
            cable = _record(record, text, source)
            _put_paragraph_texts(cable, texts.get(rid, []))
            yield cable, tuple(more)


def _put_paragraph_texts(cable: Cable, texts: list[str]) -> None:
    """The paragraphs' texts, which a current cable's stored record leaves to its `paragraphs` rows, put back."""
    for paragraph, text in zip(cable.paragraphs, texts, strict=True):
        paragraph.text = text


def cited_by(db: Connection, reference_id: str) -> list[str]:
    return [r[0] for r in db.execute(
        'SELECT DISTINCT reference_id FROM "references" WHERE cited_id = ? ORDER BY reference_id', (reference_id,))]


def stored_ids(db: Connection, ids: Iterable[str]) -> set[str]:
    wanted = list(ids)
    if not wanted:
        return set()
    marks = ",".join("?" * len(wanted))
    return {r[0] for r in db.execute(f"SELECT reference_id FROM cables WHERE reference_id IN ({marks})", wanted)}


def origin_counts(db: Connection) -> list[tuple[str, int]]:
    """Cables per post, under the code it goes by (`07BAGHDAD620` -> BAGHDAD; EFTOTRIPOLI counts as TRIPOLI),
    most first."""
    return _by_post([(c, n) for c, n in db.execute(
        f"SELECT {_ORIGIN_CODE} AS code, count(*) FROM cables c WHERE {_CANONICAL} GROUP BY code")])


# --- the reference graph ---------------------------------------------------------------------------------------


@dataclass
class Neighbourhood:
    """Who a cable cites and who cites it, to `depth` hops: edges (citing, cited) and which ids are stored."""

    center: str
    edges: list[tuple[str, str]]
    stored: set[str]


def neighbourhood(db: Connection, reference_id: str, depth: int = 1) -> Neighbourhood:
    edges: set[tuple[str, str]] = set()
    frontier = {reference_id}
    seen = {reference_id}
    for _ in range(max(depth, 0)):
        if not frontier:
            break
        marks = ",".join("?" * len(frontier))
        ids = list(frontier)
        rows = db.execute(
            f'SELECT reference_id, cited_id FROM "references" WHERE cited_id IS NOT NULL AND '
            f"(reference_id IN ({marks}) OR cited_id IN ({marks}))", ids + ids).fetchall()
        found = {(a, b) for a, b in rows if a != b}
        edges |= found
        frontier = {x for edge in found for x in edge} - seen
        seen |= frontier
    return Neighbourhood(reference_id, sorted(edges), stored_ids(db, seen))


def all_edges(db: Connection, ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
    rows = db.execute('SELECT DISTINCT reference_id, cited_id FROM "references" WHERE cited_id IS NOT NULL')
    if ids is None:
        return [tuple(r) for r in rows]
    keep = set(ids)
    return [(a, b) for a, b in rows if a in keep]


def records(db: Connection, query: str | None, filters: Filters) -> Iterator[Cable]:
    """Every stored record that the query and filters select, in date order (streamed)."""
    sql, params, _ = _selection(db, "c.reference_id, c.record, c.text, c.source", query, filters)
    for cable, _ in _records_of(db, _run(db, sql + " ORDER BY c.date, c.reference_id", params, query)):
        yield cable


def versions(db: Connection, reference_id: str) -> list[tuple[int, str, str | None]]:
    """Every stored text of a cable: (version, text, when it was replaced), oldest first, the current one last."""
    rows = [(v, t, when) for v, t, when in db.execute(
        "SELECT version, text, replaced_at FROM versions WHERE reference_id = ? ORDER BY version", (reference_id,))]
    current = db.execute("SELECT version, text FROM cables WHERE reference_id = ?", (reference_id,)).fetchone()
    return rows + [(current[0], current[1], None)] if current else rows
