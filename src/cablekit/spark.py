"""Spark: cablekit over corpora past one machine, in a user's own Spark job or by `cablekit spark parse`.

The driver only lists the files (and finds where the parts of a large `cables.csv` begin); each executor reads its
own files or byte ranges with `sources` and parses them with the same pure parser as everywhere else (`parse`,
inside `mapInArrow`), so no cable text passes through the driver. The output, under OUTPUT:

    cables/id_year=2009/id_origin=BAGHDAD/part-*.parquet   the records: the columns of `export --format parquet`,
                                                            and `record`, the whole record as JSON (its text is the
                                                            `text` column), so a store can be loaded from it
    failures/part-*.parquet                                  path, reason: the files (or parts) that yielded no cable

Partitions are the year and origin of the reference id (`09BAGHDAD3187`): every cable has one, every copy of a cable
has the same, and both are safe in a path. Copies of a cable therefore lie in one file, in the order their files
were listed, so `read_output` hands them to the store in the order `cablekit ingest` would have read them.

Input paths must be readable at the same path on every executor (a shared or network file system, as on one
machine); OUTPUT may be anything Spark writes to. PySpark is the `spark` extra, imported only in these functions.
"""

from __future__ import annotations

import io
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from .export import parquet_row, parquet_schema
from .models import Cable
from .parser import parse
from .sources import RawCable, SourceError, SourceFailure, csv_parts, csv_rows, iter_files, read, read_csv, read_part

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import SparkSession

SPLIT_BYTES = 64 * 1024 * 1024
"""A `cables.csv` larger than this is read as byte ranges of about this size, each by its own task."""
ROWS_PER_BATCH = 500
"""Records an executor hands to Spark at a time: its memory holds one batch, not a task's whole share."""
PARTITION_COLUMNS = ("id_year", "id_origin")
_ID_PARTS = re.compile(r"^(\d{2})([A-Z]+)")
_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Cable)


class SparkError(Exception):
    """A user-facing problem of the Spark path (no PySpark, no Java, an output that exists); one line."""


@dataclass
class SparkReport:
    cables: int = 0
    failures: list[SourceFailure] = field(default_factory=list)


# --- the session ------------------------------------------------------------------------------------------------


def session(master: str = "local[*]", app_name: str = "cablekit") -> SparkSession:
    """A SparkSession for `master`. In local mode it is quiet (warnings only, no progress bar) and stays on this
    machine: no web UI, the driver on the loopback address, the executors running this Python."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkError("the Spark path needs the spark extra: pip install 'cablekit[spark]'") from exc
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.debug.maxToStringFields", "200"))  # a record has more columns than the default
    if master.startswith("local"):
        # Read when the JVM starts, before any setting: the address Spark binds to and the workers' Python.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        log_config = resources.files("cablekit").joinpath("data", "spark-log4j2.properties")
        builder = (builder.config("spark.ui.enabled", "false")
                   .config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log_config}"))
    try:
        with _no_pandas_warning():
            spark = builder.getOrCreate()
    except Exception as exc:  # PySpark raises its own runtime error when the JVM cannot start (no Java)
        raise SparkError(f"Spark did not start ({' '.join(str(exc).split())[:300]}); it needs Java 17 or newer") \
            from exc
    spark.sparkContext.setLogLevel("WARN")
    return spark


@contextmanager
def _no_pandas_warning() -> Iterator[None]:
    """PySpark looks for pandas when it starts and before any Arrow function, and warns of pandas 3; cablekit's
    functions use no pandas."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
        yield


# --- parse to Parquet -------------------------------------------------------------------------------------------


def parse_to_parquet(spark: SparkSession | str, inputs: Iterable[str], output: str, partitions: int | None = None,
                     split_bytes: int = SPLIT_BYTES) -> SparkReport:
    """Parse every cable under `inputs` (files and folders, read recursively) on the executors and write the
    records to `output` (see the module's doc for the layout). `spark` is a SparkSession, or a master URL to
    start one with `session` once the inputs are found; `partitions` tasks share the work (default: four per core
    of the cluster)."""
    if "://" not in output and os.path.exists(output):
        raise SparkError(f"{output} exists: give a new folder for the output")
    inputs = list(inputs)
    if "-" in inputs:
        raise SparkError("Spark reads files, not standard input")
    files = [item.path if isinstance(item, SourceFailure) else item for item in iter_files(inputs)]
    if not files:
        raise SparkError(f"no files under {', '.join(inputs)}")
    with _no_pandas_warning():
        if isinstance(spark, str):
            spark = session(spark)
        return _parse(spark, files, output, partitions or 4 * spark.sparkContext.defaultParallelism, split_bytes)


def _parse(spark: SparkSession, files: list[str], output: str, partitions: int, split_bytes: int) -> SparkReport:
    from pyspark.sql.pandas.types import from_arrow_schema

    # Failures (a path and a reason each, few) come back through an accumulator rather than as rows, so that one
    # pass writes the records. A task Spark runs again adds to an accumulator again: failures are deduplicated,
    # and the records are counted from the files written (the accumulator only says whether there are any).
    cables = spark.sparkContext.accumulator(0)
    failures = spark.sparkContext.accumulator([], _ListParam())
    tasks = _task_frame(spark, _tasks(spark, files, split_bytes, partitions), partitions)
    (tasks.mapInArrow(partial(_parse_tasks, cables, failures), from_arrow_schema(_row_schema()))
     .repartition(partitions, *PARTITION_COLUMNS)
     .sortWithinPartitions(*PARTITION_COLUMNS, "reference_id", "file_number", "row_number")
     .drop("file_number", "row_number")
     .write.partitionBy(*PARTITION_COLUMNS).option("compression", "zstd").parquet(f"{output}/cables"))
    written = spark.read.parquet(f"{output}/cables").count() if cables.value else 0
    report = SparkReport(written, [SourceFailure(*f) for f in dict.fromkeys(map(tuple, failures.value))])
    (spark.createDataFrame([(f.path, f.reason) for f in report.failures], "path STRING, reason STRING")
     .coalesce(1).write.option("compression", "zstd").parquet(f"{output}/failures"))
    return report


class _ListParam:
    """Accumulates lists (Spark's AccumulatorParam protocol, which needs no import of PySpark to define)."""

    def zero(self, value: list[Any]) -> list[Any]:
        return []

    def addInPlace(self, total: list[Any], more: list[Any]) -> list[Any]:  # the name Spark calls
        total.extend(more)
        return total


def _tasks(spark: SparkSession, files: list[str], split_bytes: int, partitions: int) -> list[dict[str, Any]]:
    """A task a file, and for a large `cables.csv` a task a byte range, each knowing the number of its first row."""
    tasks: list[dict[str, Any]] = []
    for number, path in enumerate(files):
        parts = csv_parts(path, split_bytes)
        if not parts:
            tasks.append({"file_number": number, "path": path, "part_start": None, "part_end": None,
                          "first_row": None})
            continue
        tasks += [{"file_number": number, "path": path, "part_start": start, "part_end": end, "first_row": None}
                  for start, end in parts]
    parts = [task for task in tasks if task["part_start"] is not None]
    if parts:
        # Rows are numbered through the whole file (`source.row`): each part's rows are counted where the part
        # lies, and each part then starts after the rows of the parts before it.
        counts = _task_frame(spark, parts, partitions).mapInArrow(
            _count_rows, "path STRING, part_start BIGINT, rows BIGINT")
        rows = {(r.path, r.part_start): r.rows for r in counts.collect()}
        first_row: dict[str, int] = {}
        for task in parts:
            task["first_row"] = first_row.get(task["path"], 1)
            first_row[task["path"]] = task["first_row"] + rows[task["path"], task["part_start"]]
    return tasks


def _task_frame(spark: SparkSession, tasks: list[dict[str, Any]], partitions: int) -> Any:
    """The tasks as a DataFrame in `partitions` slices: each Spark task is sent its slice of the list, not all."""
    columns = ("file_number", "path", "part_start", "part_end", "first_row")
    rows = spark.sparkContext.parallelize([tuple(task[c] for c in columns) for task in tasks], partitions)
    return spark.createDataFrame(rows, "file_number BIGINT, path STRING, part_start BIGINT, part_end BIGINT, "
                                       "first_row BIGINT")


def _count_rows(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Executor: the number of rows of each part of a cables.csv, as the reader counts them."""
    import pyarrow as pa

    for batch in batches:
        counts = []
        for task in batch.to_pylist():
            rows = 0
            try:
                for _ in csv_rows(io.BytesIO(read_part(task["path"], task["part_start"], task["part_end"]))):
                    rows += 1
            except (OSError, ValueError):  # csv.Error is a ValueError: the parse of that part reports it
                pass
            counts.append({"path": task["path"], "part_start": task["part_start"], "rows": rows})
        yield pa.RecordBatch.from_pylist(counts, schema=pa.schema(
            [("path", pa.string()), ("part_start", pa.int64()), ("rows", pa.int64())]))


def _row_schema() -> pa.Schema:
    """What the parse hands Spark: the Parquet columns of a record, the record as JSON, its partition, and the
    number of its file and its row (to keep copies of a cable in the order of the files; not written)."""
    import pyarrow as pa

    return (parquet_schema()
            .append(pa.field("record", pa.string()))
            .append(pa.field("id_year", pa.int16()))
            .append(pa.field("id_origin", pa.string()))
            .append(pa.field("file_number", pa.int64()))
            .append(pa.field("row_number", pa.int64())))


def _parse_tasks(cables: Any, failures: Any, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Executor: read and parse each task's file or part; records go out a batch at a time, failures and the
    count of records to the accumulators."""
    import pyarrow as pa

    schema = _row_schema()
    rows: list[dict[str, Any]] = []
    for batch in batches:
        for task in batch.to_pylist():
            for item in _read_task(task):
                if isinstance(item, SourceFailure):
                    failures.add([(item.path, item.reason)])
                    continue
                rows.append(_record_row(parse(item.text, item.source), task["file_number"]))
                if len(rows) >= ROWS_PER_BATCH:
                    cables.add(len(rows))
                    yield pa.RecordBatch.from_pylist(rows, schema=schema)
                    rows = []
    if rows:
        cables.add(len(rows))
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _read_task(task: dict[str, Any]) -> Iterator[RawCable | SourceFailure]:
    if task["part_start"] is None:
        yield from read([task["path"]])
        return
    try:
        part = read_part(task["path"], task["part_start"], task["part_end"])
        yield from read_csv(io.BytesIO(part), task["path"], task["first_row"])
    except SourceError as exc:
        yield SourceFailure(task["path"], str(exc))
    except OSError as exc:
        yield SourceFailure(task["path"], exc.strerror or f"unreadable ({exc})")


def _record_row(cable: Cable, file_number: int) -> dict[str, Any]:
    row = parquet_row(cable, with_text=True)
    row["record"] = _encoder.encode(msgspec.structs.replace(cable, text="")).decode()
    row["id_year"], row["id_origin"] = id_partition(cable.reference_id)
    row["file_number"], row["row_number"] = file_number, cable.source.get("row", 0)
    return row


def id_partition(reference_id: str) -> tuple[int | None, str | None]:
    """The year and origin of a reference id: `09BAGHDAD3187` -> (2009, `BAGHDAD`); two-digit years from 30 on
    are 19xx (the cables run from 1966 to 2010)."""
    match = _ID_PARTS.match(reference_id)
    if not match:
        return None, None
    year = int(match.group(1))
    return year + (1900 if year >= 30 else 2000), match.group(2)


# --- read the output back ---------------------------------------------------------------------------------------


def read_output(directory: str) -> Iterator[Cable | SourceFailure]:
    """The records a `parse_to_parquet` output holds, a file at a time (copies of a cable lie together in one file,
    in the order their files were listed), then its failures. Needs only pyarrow (the parquet extra)."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise SparkError("reading Parquet needs the parquet extra: pip install 'cablekit[parquet]'") from exc
    for table in ("cables", "failures"):
        if not os.path.isdir(os.path.join(directory, table)):
            raise SparkError(f"{directory} is not the output of `cablekit spark parse`: it has no {table}/ folder")
    for path in _parquet_files(os.path.join(directory, "cables")):
        try:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=ROWS_PER_BATCH, columns=["record", "text"]):
                for record, text in zip(*batch.to_pydict().values(), strict=True):
                    cable = _decoder.decode(record)
                    cable.text = text
                    yield cable
        except (OSError, ValueError, msgspec.DecodeError) as exc:  # pyarrow's errors are OSError or ValueError
            raise SparkError(f"{path}: cannot read the records ({' '.join(str(exc).split())[:200]})") from exc
    for path in _parquet_files(os.path.join(directory, "failures")):
        for row in pq.read_table(path, columns=["path", "reason"]).to_pylist():
            yield SourceFailure(row["path"], row["reason"])


def _parquet_files(folder: str) -> list[str]:
    """The data files Spark wrote under `folder` (not its `_SUCCESS` marker nor its hidden checksum files)."""
    return sorted(str(p) for p in Path(folder).rglob("*.parquet") if not p.name.startswith((".", "_")))
