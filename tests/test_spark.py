"""The Spark path in local mode (real Spark, one session for the whole run): the same records as `cablekit parse`,
field by field; failures in the failure table; partitions by the reference id's year and origin; and a store
loaded with `ingest --from-parquet` holding what `cablekit ingest` of the same files holds."""

from __future__ import annotations

import gzip
import shutil

import msgspec
import pytest
from click.testing import CliRunner

from cablekit import store as st
from cablekit.cli import main
from cablekit.export import parquet_row, parquet_schema
from cablekit.models import Cable

from .conftest import CORPUS, DATA, needs_corpus

pytest.importorskip("pyspark", reason="the spark extra is not installed")
pytestmark = pytest.mark.skipif(not shutil.which("java"), reason="Spark needs Java, and java is not on PATH")

CABLES = DATA / "cables"
NOT_CABLES = {"README.md", "index.tsv", "stats.md"}  # the corpus's own notes
QUERIES = ("police", "border*", "nuclear OR missile", '"prime minister"', "oil AND NOT gas")
_decoder = msgspec.json.Decoder(Cable)


@pytest.fixture(scope="session")
def spark():
    from cablekit.spark import session

    spark = session("local[2]")
    yield spark
    spark.stop()


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def cli_parse(paths, tmp_path):
    """What `cablekit parse` gives for these paths: the records, and the failures it lists."""
    out = tmp_path / "parsed.jsonl"
    result = run("parse", "--format", "jsonl", "--jobs", 2, "-o", out, *paths)
    records = [_decoder.decode(line) for line in out.read_bytes().splitlines()]
    failures = {tuple(line.removeprefix("cablekit: ").split(": ", 1)) for line in result.stderr.splitlines()}
    return records, failures


def spark_parse(spark, paths, output, **options):
    from cablekit.spark import parse_to_parquet, read_output

    parse_to_parquet(spark, [str(p) for p in paths], str(output), **options)
    items = list(read_output(str(output)))
    records = [item for item in items if isinstance(item, Cable)]
    failures = {(item.path, item.reason) for item in items if not isinstance(item, Cable)}
    return records, failures


def by_source(records):
    keyed = {(c.source["path"], c.source.get("row")): c for c in records}
    assert len(keyed) == len(records), "two records from the same file and row"
    return keyed


def differences(expected, got):
    """(file, row, field) for every field that differs, and the records only one side has."""
    expected, got = by_source(expected), by_source(got)
    found = [(*key, "missing" if key in expected else "extra") for key in expected.keys() ^ got.keys()]
    for key in expected.keys() & got.keys():
        found += [(*key, name) for name in Cable.__struct_fields__
                  if getattr(expected[key], name) != getattr(got[key], name)]
    return sorted(found, key=str)


def column_differences(output, expected):
    """Rows of the Parquet columns (read as they lie, partitions from the folder names) that differ from
    `export`'s rows of the expected records, and rows in the wrong partition."""
    import pyarrow.parquet as pq

    from cablekit.spark import id_partition

    rows = pq.read_table(output / "cables").to_pylist()
    wanted = by_source(expected)
    names = parquet_schema().names
    found = []
    for row in rows:
        source = msgspec.json.decode(row["source"])
        cable = wanted[source["path"], source.get("row")]
        want = parquet_row(cable, with_text=True)
        found += [(cable.reference_id, name) for name in names if row[name] != want[name]]
        if (row["id_year"], row["id_origin"]) != id_partition(cable.reference_id):
            found.append((cable.reference_id, "partition"))
    assert len(rows) == len(expected)
    return found


def store_contents(url):
    """What a corpus holds: rows per table, every current record, the errors, and search counts."""
    conn = st.connect(url)
    tables = ("cables", "paragraphs", "tags", '"references"', "addressees", "diagnostics", "sources", "versions",
              "errors")
    contents = {
        "rows": {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables},
        "records": {c.reference_id: msgspec.json.encode(c) for c in st.records(conn, None, st.Filters())},
        "versions": sorted(conn.execute("SELECT reference_id, version, text_sha256 FROM versions").fetchall()),
        "errors": sorted(conn.execute("SELECT path, reason FROM errors").fetchall()),
        "search": {q: len(st.search(conn, q, st.Filters(), limit=100_000)) for q in QUERIES},
    }
    conn.close()
    return contents


# --- the bundled cables, with broken files ------------------------------------------------------------------


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.txt.gz").write_bytes(gzip.compress((CABLES / "10STATE8341.txt").read_bytes())[:200])
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")
    (folder / "notes.txt").write_text("Lunch at noon; bring the slides.\n")
    return folder


@pytest.fixture(scope="module")
def bundled(spark, broken, tmp_path_factory):
    """The bundled cables (with their README and golden JSON, which are no cables), the broken files and a path
    that does not exist, through Spark with parts of 1,500 bytes so that the sample cables.csv is read in parts."""
    tmp = tmp_path_factory.mktemp("bundled")
    paths = [CABLES, broken, tmp / "nowhere.txt"]
    spark_records, spark_failures = spark_parse(spark, paths, tmp / "out", split_bytes=1500)
    cli_records, cli_failures = cli_parse(paths, tmp)
    return {"paths": paths, "output": tmp / "out", "spark": (spark_records, spark_failures),
            "cli": (cli_records, cli_failures)}


def test_the_sample_csv_is_read_in_parts():
    from cablekit.sources import csv_parts

    csv = CABLES / "cables_sample.csv"
    parts = csv_parts(str(csv), 1500)
    assert len(parts) >= 2 and parts[0][0] == 0 and parts[-1][1] == csv.stat().st_size
    data = csv.read_bytes()
    assert all(data[start:start + 1] == b'"' and data[start - 1:start] == b"\n" for start, _ in parts[1:])


def test_spark_gives_the_records_cablekit_parse_gives(bundled):
    cli_records, spark_records = bundled["cli"][0], bundled["spark"][0]
    assert len(spark_records) == len(cli_records) >= 14
    assert {c.source.get("row") for c in spark_records if c.source["format"] == "cables-csv"} == {1, 2, 3}
    assert differences(cli_records, spark_records) == []


def test_a_large_cables_csv_is_read_in_parts_with_its_rows_numbered_through_the_file(spark, tmp_path):
    from cablekit import synth
    from cablekit.sources import csv_parts

    csv = synth.write(300, 7, tmp_path / "dump", fmt="csv")
    split = csv.stat().st_size // 7
    assert len(csv_parts(str(csv), split)) >= 6
    spark_records, spark_failures = spark_parse(spark, [csv], tmp_path / "out", split_bytes=split)
    cli_records, cli_failures = cli_parse([csv], tmp_path)
    assert sorted(c.source["row"] for c in spark_records) == list(range(1, 301))
    assert spark_failures == cli_failures == set()
    assert differences(cli_records, spark_records) == []


def test_parquet_columns_are_the_export_columns_and_lie_in_their_partitions(bundled):
    assert column_differences(bundled["output"], bundled["cli"][0]) == []
    assert (bundled["output"] / "cables" / "id_year=2009" / "id_origin=BAGHDAD").is_dir()
    assert (bundled["output"] / "cables" / "id_year=1975" / "id_origin=ANKARA").is_dir()


def test_failures_land_in_the_failure_table_with_file_and_reason(bundled, broken):
    failures = bundled["spark"][1]
    assert failures == bundled["cli"][1]
    reasons = {path: reason for path, reason in failures}
    assert reasons[str(broken / "empty.txt")] == "empty file"
    assert reasons[str(broken / "cut.txt.gz")].startswith("damaged")
    assert reasons[str(broken / "damaged.pdf")].startswith("unreadable PDF")
    assert reasons[str(broken / "notes.txt")].startswith("not a cable")
    assert reasons[str(bundled["paths"][2])] == "no such file or directory"


def test_ingest_from_parquet_gives_the_store_ingest_gives(bundled, tmp_path):
    parsed, loaded = tmp_path / "parsed.db", tmp_path / "loaded.db"
    assert run("ingest", *bundled["paths"], "--db", parsed, "--jobs", 2).exit_code == 1  # the broken files
    result = run("ingest", "--from-parquet", bundled["output"], "--db", loaded)
    assert result.exit_code == 1 and f" {len(bundled['spark'][1])} failed in " in result.stdout
    expected = store_contents(str(parsed))
    assert expected["rows"]["cables"] >= 14 and expected["search"]["police"] > 0
    assert store_contents(str(loaded)) == expected
    again = run("ingest", "--from-parquet", bundled["output"], "--db", loaded)
    assert again.stdout.startswith("0 added, 0 updated")


def test_ingest_from_parquet_into_postgres(bundled, tmp_path, pg_url):
    sqlite = tmp_path / "parsed.db"
    run("ingest", *bundled["paths"], "--db", sqlite, "--jobs", 2)
    run("ingest", "--from-parquet", bundled["output"], "--db", pg_url)
    expected, got = store_contents(str(sqlite)), store_contents(pg_url)
    # The two backends' search syntaxes differ; rows, records and errors do not.
    assert {k: v for k, v in got.items() if k != "search"} == {k: v for k, v in expected.items() if k != "search"}
    assert got["search"]["police"] == expected["search"]["police"] > 0


def test_cli_spark_parse_says_what_it_did_and_refuses_an_existing_output(spark, tmp_path):
    out = tmp_path / "out"
    result = run("spark", "parse", CABLES / "10STATE8341.txt", CABLES / "08KABUL1437.txt", "--output", out,
                 "--master", "local[2]", "--partitions", 2)
    assert result.exit_code == 0
    assert result.stdout.startswith("2 cables, 0 failed in ") and result.stdout.rstrip().endswith(f"-> {out}")
    again = run("spark", "parse", CABLES / "10STATE8341.txt", "--output", out)
    assert again.exit_code == 1 and again.stderr == f"Error: {out} exists: give a new folder for the output\n"


def test_nothing_but_failures_is_an_output_too(spark, broken, tmp_path):
    from cablekit.spark import parse_to_parquet

    report = parse_to_parquet(spark, [str(broken / "empty.txt")], str(tmp_path / "out"))
    assert report.cables == 0 and [f.reason for f in report.failures] == ["empty file"]
    result = run("ingest", "--from-parquet", tmp_path / "out", "--db", tmp_path / "x.db")
    assert result.exit_code == 1 and result.stdout.startswith("0 added, 0 updated, 0 unchanged, 1 failed")


def test_ingest_wants_paths_or_parquet_and_names_a_wrong_folder(tmp_path):
    assert run("ingest", "--db", tmp_path / "x.db").exit_code == 2
    result = run("ingest", "--from-parquet", tmp_path, "--db", tmp_path / "x.db")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path} is not the output of `cablekit spark parse`: it has no cables/ folder\n"


# --- the real corpus ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(spark, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.name not in NOT_CABLES]
    spark_records, spark_failures = spark_parse(spark, files, tmp / "out")
    cli_records, cli_failures = cli_parse(files, tmp)
    return {"files": files, "output": tmp / "out", "spark": (spark_records, spark_failures),
            "cli": (cli_records, cli_failures)}


@needs_corpus
@pytest.mark.corpus
def test_corpus_through_spark_gives_the_records_cablekit_parse_gives(corpus):
    cli_records, spark_records = corpus["cli"][0], corpus["spark"][0]
    assert len(spark_records) == len(cli_records) >= 6758 + 43
    assert corpus["spark"][1] == corpus["cli"][1] == set()
    assert differences(cli_records, spark_records) == []
    assert column_differences(corpus["output"], cli_records) == []


@needs_corpus
@pytest.mark.corpus
def test_corpus_loaded_from_parquet_is_the_corpus_ingested(corpus, tmp_path):
    parsed, loaded = tmp_path / "parsed.db", tmp_path / "loaded.db"
    assert run("ingest", *corpus["files"], "--db", parsed, "--jobs", 2).exit_code == 0
    assert run("ingest", "--from-parquet", corpus["output"], "--db", loaded).exit_code == 0
    expected = store_contents(str(parsed))
    # Copies of a cable in other renderings are versions: the same ones, the same one current, in both stores.
    assert expected["rows"]["versions"] > 0
    assert store_contents(str(loaded)) == expected
