"""The `cablekit` command: a thin click layer over the library."""

from __future__ import annotations

import csv
import dataclasses
import difflib
import functools
import json
import os
import sys
import time
from typing import IO

import click
import msgspec

from . import __version__, parse_paths
from . import export as ex
from . import store as st
from .models import Addressee, Cable, record_schema
from .resolve import routing_indicators
from .sources import SourceFailure


def filter_options(command):
    """The field filters every selecting command shares; they arrive as one `filters` argument."""
    options = [
        click.option("--tag", "tags", multiple=True, help="Only cables with this TAGS code (repeatable)."),
        click.option("--origin", help="Only cables from this post (`Baghdad`, `AMEMBASSY BAGHDAD`, `RUEHGB`)."),
        click.option("--classification", help="Only cables of this classification (`SECRET`, `CONF`...)."),
        click.option("--from", "date_from", help="Only cables from this date on (`2007`, `2007-03`, `2007-03-14`)."),
        click.option("--to", "date_to", help="Only cables up to this date (inclusive)."),
        click.option("--handling", multiple=True, help="Only cables with this caption (`NOFORN`, repeatable)."),
    ]

    @functools.wraps(command)
    def wrapper(*args, tags, origin, classification, date_from, date_to, handling, **kwargs):
        filters = st.Filters(tags=tags, origin=origin, classification=classification, date_from=date_from,
                             date_to=date_to, handling=handling)
        return command(*args, filters=filters, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


DB_OPTION = click.option("--db", default="cables.db", show_default=True, envvar="CABLEKIT_DB",
                         help="The corpus: an SQLite file, or a postgresql://user:password@host/db URL.")

_encoder = msgspec.json.Encoder()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cablekit")
def main() -> None:
    """cablekit reads US diplomatic cables (Cablegate, PlusD) into clean, validated records."""


@main.command("parse")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="json: one object for one cable, an array for several; jsonl: one record a line.")
@click.option("-o", "--output", type=click.File("wb"), default="-", show_default=True,
              help="Where to write the records.")
@click.option("--no-text", is_flag=True, help="Leave the cable text (the `text` field) out of each record.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True,
              help="Processes that parse (each reads its own files); the records keep the order of the files.")
def parse_command(paths: tuple[str, ...], fmt: str, output: IO[bytes], no_text: bool, jobs: int) -> None:
    """Parse the cables in PATHS into records of the record contract.

    PATHS are files or folders (read recursively), or - for standard input. Each file may be plain text
    (UTF-8 or Latin-1, with or without the transmission header, markdown-converted too), a WikiLeaks Cablegate page
    (.html, .html.gz), a PlusD record page, cables.csv (streamed), or a PDF; the format is read from the content.

    Exit status: 0 when every file was read, 1 when any failed (one line on stderr per failure: file and reason),
    2 for usage errors.
    """
    failures = 0
    written = 0
    held: bytes | None = None  # json: the first record waits to learn whether an array is needed
    try:
        for item in parse_paths(paths, jobs=jobs):
            if isinstance(item, SourceFailure):
                failures += 1
                click.echo(f"cablekit: {item}", err=True)
                continue
            if no_text:
                item.text = ""
            data = _encoder.encode(item)
            written += 1
            if fmt == "jsonl":
                output.write(data + b"\n")
            elif written == 1:
                held = data
            else:
                output.write((b"[\n" + held + b",\n" if held is not None else b",\n") + data)
                held = None
        if fmt == "json":
            output.write(held + b"\n" if written == 1 else b"\n]\n" if written else b"[]\n")
        output.flush()
    except BrokenPipeError:
        sys.stderr.close()  # a closed pipe (`| head`) ends quietly
    sys.exit(1 if failures else 0)


@main.command("ingest")
@click.argument("paths", nargs=-1)
@DB_OPTION
@click.option("-j", "--jobs", type=int, default=None, help="Processes that parse (default: all cores).")
@click.option("--from-parquet", "parquet", metavar="DIR",
              help="Load the records `cablekit spark parse` wrote to DIR instead of parsing PATHS.")
def ingest_command(paths: tuple[str, ...], db: str, jobs: int | None, parquet: str | None) -> None:
    """Parse the cables in PATHS and store them in the corpus database.

    Re-ingesting the same files adds nothing (files unchanged since, by size and time, are not even read again); a
    cable whose text changed replaces the stored one and the earlier version is kept. Files that cannot be read
    are listed (and kept in the `errors` table); the exit status is 1 when any failed. A progress line shows on a
    terminal.

    With --from-parquet DIR the records parsed by `cablekit spark parse` are loaded as they are (COPY on
    PostgreSQL), with the search index, and the files that failed there go to the `errors` table.
    """
    if bool(paths) == bool(parquet):
        raise click.UsageError("give PATHS to parse, or --from-parquet DIR (not both)")
    conn = _connect(db)
    started = time.perf_counter()
    tty = sys.stderr.isatty()

    def progress(report: st.IngestReport) -> None:
        if tty:
            rate = report.seen / max(time.perf_counter() - started, 1e-9)
            click.echo(f"\r{report.seen:,} cables, {rate:,.0f}/s, {len(report.failures)} errors", err=True, nl=False)

    if parquet:
        from .spark import SparkError, read_output

        try:
            report = st.load(conn, read_output(parquet), progress=progress)
        except SparkError as exc:
            raise click.ClickException(str(exc)) from exc
    else:
        report = st.ingest(conn, paths, jobs=jobs, progress=progress)
    if tty:
        click.echo("", err=True)
    for failure in report.failures:
        click.echo(f"cablekit: {failure}", err=True)
    took = time.perf_counter() - started
    skipped = f" ({report.files_skipped:,} files not read again)" if report.files_skipped else ""
    aside = f", {report.set_aside:,} kept as versions (later sections of stored cables)" if report.set_aside else ""
    click.echo(f"{report.added:,} added, {report.updated:,} updated, {report.unchanged:,} unchanged{skipped}{aside}, "
               f"{len(report.failures)} failed in {took:.1f} s -> {db}")
    sys.exit(1 if report.failures else 0)


@main.command("search")
@click.argument("query", required=False)
@DB_OPTION
@filter_options
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--facets", "show_facets", is_flag=True,
              help="Print counts by tag, origin, classification, year and handling.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True)
def search_command(query: str | None, db: str, filters: st.Filters, limit: int, offset: int, show_facets: bool,
                   fmt: str) -> None:
    """Search the corpus: words, "phrases", AND/OR/NOT, prefix*, within the field filters.

    Results are ranked (subject counts most, then summary, then text) with a snippet of the text around the
    words found, in [brackets]. Without QUERY, the filters alone select cables, oldest first.
    """
    conn = _connect(db, must_exist=True)
    try:
        hits = st.search(conn, query, filters, limit=limit, offset=offset)
        counts = st.facets(conn, query, filters) if show_facets else None
    except st.StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = [dataclasses.asdict(h) for h in hits]
    if fmt == "json":
        click.echo(json.dumps({"hits": rows, "facets": counts} if counts else rows, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=[f.name for f in dataclasses.fields(st.Hit)])
        writer.writeheader()
        writer.writerows(rows)
    else:
        for hit in hits:
            click.echo(f"{hit.reference_id:<20} {(hit.date or '')[:10]:<10} {(hit.classification or ''):<12} "
                       f"{(hit.subject or '')[:90]}")
            if hit.snippet:
                click.echo(f"    {' '.join(hit.snippet.split())[:160]}")
        if not hits:
            click.echo("no cable matches", err=True)
    if counts and fmt != "json":
        for name, values in counts.items():
            click.echo(f"\n{name}: " + ", ".join(f"{_facet_value(name, k)} {n}" for k, n in values))


def _facet_value(facet: str, value: str) -> str:
    """`PREL (External Political Relations)`, `BAGHDAD (Embassy Baghdad)`."""
    label = st.facet_label(facet, value)
    return f"{value} ({label})" if label else value


@main.command("show")
@click.argument("reference_id")
@DB_OPTION
def show_command(reference_id: str, db: str) -> None:
    """Print a stored cable readably: header, paragraphs with their markings, references and what cites it."""
    conn = _connect(db, must_exist=True)
    cable = st.get(conn, reference_id.upper())
    if cable is None:
        raise click.ClickException(f"no cable {reference_id} in {db}")
    click.echo(_readable(cable, st.cited_by(conn, cable.reference_id),
                         st.stored_ids(conn, [r.reference_id for r in cable.references if r.reference_id])))


@main.command("refs")
@click.argument("reference_id")
@DB_OPTION
@click.option("--depth", type=int, default=1, show_default=True, help="Hops to follow, both ways.")
def refs_command(reference_id: str, db: str, depth: int) -> None:
    """What a cable cites and what cites it, to DEPTH hops; ids not in the corpus are marked."""
    conn = _connect(db, must_exist=True)
    hood = st.neighbourhood(conn, reference_id.upper(), depth)
    center = hood.center
    if center not in hood.stored:
        raise click.ClickException(f"no cable {reference_id} in {db}")

    def label(i: str) -> str:
        return i if i in hood.stored else f"{i} (not in this corpus)"

    cites = [b for a, b in hood.edges if a == center]
    cited_by = [a for a, b in hood.edges if b == center]
    click.echo(f"{center} cites {len(cites)}, is cited by {len(cited_by)}")
    for target in cites:
        click.echo(f"  -> {label(target)}")
    for source in cited_by:
        click.echo(f"  <- {label(source)}")
    further = [(a, b) for a, b in hood.edges if center not in (a, b)]
    if further:
        click.echo(f"further out ({len(further)} citations):")
        for a, b in further:
            click.echo(f"  {label(a)} -> {label(b)}")


@main.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gexf", "graphml", "ftm"]),
              required=True,
              help="jsonl: full records; csv: one flat row a cable; parquet: nested columns (the parquet extra); "
                   "gexf/graphml: the reference graph; ftm: FollowTheMoney entities for Aleph (the ftm extra).")
@click.option("-o", "--output", default="-", show_default=True, help="The file to write (- for standard output).")
@click.option("--query", help="Only cables that match this search query.")
@filter_options
@click.option("--no-text", is_flag=True, help="jsonl, parquet: leave the cable text out.")
def export_command(db: str, fmt: str, output: str, query: str | None, filters: st.Filters, no_text: bool) -> None:
    """Export the stored cables (all, or those the filters select) for other tools.

    The graph formats hold every citation from the selected cables, with the cited cables outside the corpus
    as nodes marked `in_corpus=false`.
    """
    conn = _connect(db, must_exist=True)
    if fmt == "parquet" and output == "-":
        raise click.UsageError("Parquet is written to a file: give -o FILE")
    try:
        selected = st.records(conn, query, filters)
        if fmt == "parquet":
            count = ex.write_parquet(selected, output, with_text=not no_text)
        else:
            with click.open_file(output, "wb") as out:
                if fmt == "jsonl":
                    count = ex.write_jsonl(selected, out, with_text=not no_text)
                elif fmt == "csv":
                    count = ex.write_csv(selected, out)
                elif fmt == "ftm":
                    count = ex.write_ftm(selected, out)
                else:
                    ids = {c.reference_id for c in selected}
                    edges = st.all_edges(conn, ids)
                    stored = st.stored_ids(conn, {x for edge in edges for x in edge}) | ids
                    count = (ex.write_gexf if fmt == "gexf" else ex.write_graphml)(edges, stored, out)
    except (st.StoreError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from exc
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    click.echo(f"{count:,} {'citations' if fmt in ('gexf', 'graphml') else 'cables'} exported", err=True)


@main.command("compact")
@DB_OPTION
def compact_command(db: str) -> None:
    """Return a corpus's free space to the disk (after an upgrade, or many changed cables): the SQLite file, or the
    PostgreSQL database's tables, are rewritten, which needs as much free disk as they take, and no ingest
    running (PostgreSQL's readers wait for each table)."""
    conn = _connect(db, must_exist=True)
    name = "the PostgreSQL corpus" if st.is_postgres(db) else db  # a URL may hold a password
    before, free = st.size_bytes(conn, db), st.free_bytes(conn)
    try:
        st.compact(conn)
    except (st.sqlite3.OperationalError, getattr(conn, "QueryError", st.sqlite3.OperationalError)) as exc:
        raise click.ClickException(f"{name}: cannot compact ({' '.join(str(exc).split())})") from exc
    click.echo(f"{name}: {before / 1e6:,.0f} MB -> {st.size_bytes(conn, db) / 1e6:,.0f} MB"
               + (f" ({free / 1e6:,.0f} MB were free)" if free else ""))


@main.command("diff")
@click.argument("reference_id")
@DB_OPTION
@click.option("--from-version", "old", type=int, default=None, help="The earlier version (default: the one before).")
@click.option("--to-version", "new", type=int, default=None, help="The later version (default: the current one).")
def diff_command(reference_id: str, db: str, old: int | None, new: int | None) -> None:
    """Show how a cable's text changed between two ingested versions (a unified diff)."""
    conn = _connect(db, must_exist=True)
    texts = {version: text for version, text, _ in st.versions(conn, reference_id.upper())}
    if not texts:
        raise click.ClickException(f"no cable {reference_id} in {db}")
    new = new if new is not None else max(texts)
    old = old if old is not None else max((v for v in texts if v < new), default=None)
    if old is None or old not in texts or new not in texts:
        raise click.ClickException(f"{reference_id} has versions {sorted(texts)}: nothing to compare")
    lines = difflib.unified_diff(texts[old].splitlines(), texts[new].splitlines(),
                                 f"{reference_id} version {old}", f"{reference_id} version {new}", lineterm="")
    click.echo("\n".join(lines) or f"versions {old} and {new} hold the same text")


def _readable(cable: Cable, citing: list[str], present: set[str]) -> str:
    lines = [f"{cable.reference_id}  {cable.classification or ''}  {cable.date or ''}",
             f"From: {cable.origin or '?'}" + (f" ({cable.station})" if cable.station else "")]
    for role, people in (("To", cable.to), ("Info", cable.info)):
        if people:
            lines.append(f"{role}: " + "; ".join(_addressee(a) for a in people))
    if cable.tags:
        lines.append("TAGS: " + " ".join(cable.tags))
    lines.append(f"SUBJECT: {cable.subject or '-'}")
    for ref in cable.references:
        mark = "" if ref.reference_id in present else "  (not in this corpus)" if ref.reference_id else ""
        resolved = f" = {ref.reference_id}{mark}" if ref.reference_id else ""
        lines.append(f"REF {ref.label or '-'}: {ref.text}{resolved}")
    if cable.classified_by:
        lines.append(f"Classified by: {cable.classified_by.text}")
    lines.append("")
    for p in cable.paragraphs:
        lines += [line for heading in (p.section_heading, p.heading) if heading for line in (heading, "")]
        number = f"{p.number}. " if p.number is not None else ""
        marking = f"({p.marking}{'//' + p.dissemination if p.dissemination else ''}) " if p.marking else ""
        lines += [f"{number}{marking}{p.text}", ""]
    if cable.signers:
        lines.append(" / ".join(cable.signers))
    if citing:
        lines += ["", "Cited by: " + ", ".join(citing)]
    return "\n".join(lines)


def _addressee(a: Addressee) -> str:
    """`SECSTATE WASHDC`, with the post the routing indicator names when the line gives another name."""
    post = routing_indicators().get(a.route or "")
    return f"{a.name} [{a.route}: {post}]" if post and post != a.name else a.name


def _connect(db: str, must_exist: bool = False) -> st.sqlite3.Connection:
    if must_exist and not st.is_postgres(db) and not os.path.exists(db):
        raise click.ClickException(f"no corpus at {db}: run `cablekit ingest PATH --db {db}` first")
    upgrading = st.outdated(db)
    if upgrading:
        name = "the PostgreSQL corpus" if st.is_postgres(db) else db  # a URL may hold a password
        click.echo(f"upgrading {name}, made by an earlier cablekit (once; minutes for a large corpus) ...", err=True)
    try:
        conn = st.connect(db)
    except st.StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if upgrading and st.is_postgres(db):
        click.echo("upgraded; the columns it dropped keep their space in the rows until they are rewritten: "
                   "`cablekit compact --db URL` returns it to the disk now", err=True)
    elif upgrading and (free := st.free_bytes(conn)):
        click.echo(f"upgraded; {free / 1e6:,.0f} MB of the file are free space now, reused by later ingests: "
                   f"`cablekit compact --db {db}` returns them to the disk", err=True)
    return conn


@main.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=int, default=8000, show_default=True)
def serve_command(db: str, host: str, port: int) -> None:
    """Serve the corpus in a browser: search with facets and a timeline, each cable with its routing, references
    and what cites it, the reference graph, a map of posts; the same data as JSON under /api/ (OpenAPI at
    /api/openapi.json). Read-only."""
    try:
        import uvicorn

        from .web import create_app
    except ImportError as exc:
        raise click.ClickException("serving needs the web extra: pip install 'cablekit[web]'") from exc
    if st.outdated(db):
        _connect(db).close()  # the app only reads
    if not st.is_postgres(db) and not os.path.exists(db):
        raise click.ClickException(f"no corpus at {db}: run `cablekit ingest PATH --db {db}` first")
    try:
        app = create_app(db)
    except st.StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command("synth")
@click.argument("count", type=click.IntRange(min=0))
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same cables.")
@click.option("--out", type=click.Path(file_okay=False), required=True, help="The folder to write into.")
@click.option("--format", "fmt", type=click.Choice(["txt", "csv"]), default="txt", show_default=True,
              help="txt: one REFID.txt per cable, in subfolders of 1,000; csv: one cables.csv, as the dump writes it.")
@click.option("--prose-from", "prose_from", multiple=True, type=click.Path(exists=True),
              help="Real cables (files or folders, repeatable) whose subjects and paragraphs the cables take, one "
                   "drawn for each: a corpus of any size with their words, to size a search server.")
def synth_command(count: int, seed: int, out: str, fmt: str, prose_from: tuple[str, ...]) -> None:
    """Write COUNT synthetic cables: invented, in the genuine plain-text format, drawn from the statistics of real
    cables (years, posts, classifications, TAGS, references, paragraphs). For tests and benchmarks at any scale.

    Cable i of a seed is the same whatever COUNT is, so a smaller set is the start of a larger one. References
    cite earlier cables of the set, and cables outside it.
    """
    from . import synth

    started = time.perf_counter()
    target = synth.write(count, seed, out, fmt, synth.borrow(prose_from) if prose_from else ())
    click.echo(f"{count:,} synthetic cables (seed {seed}) in {time.perf_counter() - started:.1f} s -> {target}",
               err=True)


@main.group("spark")
def spark_group() -> None:
    """Run cablekit on a Spark cluster, or on this machine's cores with Spark (the spark extra)."""


@spark_group.command("parse")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", required=True, metavar="DIR",
              help="A new folder for the Parquet output: cables/ partitioned by id_year and id_origin, failures/.")
@click.option("--master", default="local[*]", show_default=True,
              help="The Spark master: local[N] for N cores here, or a cluster's (spark://host:7077, yarn).")
@click.option("--partitions", type=int, default=None, help="Tasks that share the work (default: 4 per core).")
def spark_parse_command(inputs: tuple[str, ...], output: str, master: str, partitions: int | None) -> None:
    """Parse the cables in INPUTS on Spark executors and write them as Parquet to DIR.

    INPUTS are files and folders (read recursively) in any format `cablekit parse` reads; each executor reads
    and parses its own files, and a large cables.csv in byte ranges. On a cluster they must be at the same path on
    every machine. Load the output into a corpus with `cablekit ingest --from-parquet DIR`. Exit status: 0 when
    every file was read, 1 when any failed (each listed on stderr, and kept in DIR/failures).
    """
    from . import spark as sk

    started = time.perf_counter()
    try:
        report = sk.parse_to_parquet(master, inputs, output, partitions=partitions)
    except sk.SparkError as exc:
        raise click.ClickException(str(exc)) from exc
    for failure in report.failures:
        click.echo(f"cablekit: {failure}", err=True)
    click.echo(f"{report.cables:,} cables, {len(report.failures)} failed in {time.perf_counter() - started:.1f} s "
               f"-> {output}")
    sys.exit(1 if report.failures else 0)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the cable record."""
    click.echo(msgspec.json.format(msgspec.json.encode(record_schema())).decode())


if __name__ == "__main__":
    main()
