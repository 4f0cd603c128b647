"""Scale: parse + ingest + full-text index of 10k, 100k and 250k synthetic cables, and search at each size.

Run: .venv/bin/python benchmarks/scale.py [--sizes 10000,100000,250000] [--seed 0] [--jobs N]
                                          [--db postgresql://...] [--json FILE] [--spark-sizes 100000]
                                          [--prose-from ../shared/corpus]
For each size: `cablekit synth` writes the cables (one .txt each, in folders of 1,000) to a temporary folder, then
`cablekit ingest` stores them in a new SQLite file (or, with --db, a PostgreSQL database whose public schema this
benchmark empties before each size: give it a database of its own). Reported: wall time, cables/s, cables per
CPU-second (user + system time of the whole ingest process tree: the rate a core gives, whatever else the machine
runs), peak RSS (the largest process of the ingest tree, from wait4), the database size, and search latency
p50/p95 (benchmarks/search.py's measurement) over two fixed query sets: search.py's own, written for the real
corpus (most of its words never occur in synthetic prose, so those are mostly misses), and the same kinds of
query in the synthetic cables' vocabulary. At the sizes in --spark-sizes (100k by default) the Spark path too:
`cablekit spark parse` of the same files in local mode on --jobs cores (wall time, cables/s, per core), and
`cablekit ingest --from-parquet` of its output into a new SQLite file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search import QUERIES, Query, measure

from cablekit import store as st
from cablekit import synth

BIN = Path(sys.executable).parent
# The kinds of query search.py times (a rare and a common word, a phrase, AND/OR/NOT, a prefix, filters, facets),
# in words the synthetic prose uses: `Libreville` is the city of the rarest post in the statistics.
SYNTH_QUERIES = (
    Query("rare word", "libreville"),
    Query("common word", "government"),
    Query("phrase", '"human rights"'),
    Query("AND", "border AND security"),
    Query("OR", "pipeline OR energy"),
    Query("NOT", "elections NOT budget"),
    Query("prefix", "corrupt*"),
    Query("prefix + classification", "privat*", st.Filters(classification="SECRET")),
    Query("word + tag + date", "elections", st.Filters(tags=("PGOV",), date_from="2009")),
    Query("OR + origin", "pipeline OR energy", st.Filters(origin="Tripoli")),
    Query("filters only", "", st.Filters(tags=("PINR",), date_from="2007", date_to="2008")),
    Query("word + facets", "ceasefire", facets=True),
    Query("phrase + tag + facets", '"prime minister"', st.Filters(tags=("PREL",)), facets=True),
    Query("everything + facets", "", facets=True),
)


@dataclass
class Run:
    """One size: where its cables are, where they were ingested, and the figures measured so far."""

    size: int
    cables_dir: Path
    db: str
    jobs: int
    figures: dict


def generate(run: Run, seed: int, borrowed: list[synth.Borrowed]) -> None:
    start = time.perf_counter()
    synth.write(run.size, seed, run.cables_dir, borrowed=borrowed)
    took = time.perf_counter() - start
    disk = sum(f.stat().st_size for f in run.cables_dir.rglob("*.txt"))
    run.figures["generate"] = {"seconds": took, "cables_per_s": run.size / took, "mb_on_disk": disk / 1e6}


def ingest(run: Run) -> None:
    """`cablekit ingest` as a child process, timed; wait4 gives the CPU time and peak RSS of its whole tree (the
    parsing workers are its children and are reaped by it)."""
    took, usage, summary = _timed(
        [str(BIN / "cablekit"), "ingest", str(run.cables_dir), "--db", run.db, "--jobs", str(run.jobs)])
    cpu = usage.ru_utime + usage.ru_stime
    run.figures["ingest"] = {
        "seconds": took, "cables_per_s": run.size / took, "cpu_seconds": cpu, "cables_per_cpu_s": run.size / cpu,
        "peak_rss_mb": usage.ru_maxrss / 1024, "db_mb": _db_size(run.db) / 1e6, "summary": summary}


def spark(run: Run) -> None:
    """For the sizes in SPARK_SIZES: `cablekit spark parse` of the same files in local mode on `jobs` cores, then
    `cablekit ingest --from-parquet` of its output into a new SQLite file, each timed as a child process. Spark's
    CPU time is sampled from /proc: its JVM and Python workers are not reaped by the command, so wait4 cannot see
    them (a process's last half second, and any process that lives less, is missed)."""
    if run.size not in SPARK_SIZES:
        return
    output, db = run.cables_dir.parent / "spark", run.cables_dir.parent / "from-parquet.db"
    tree_cpu: dict[int, float] = {}
    took, _, summary = _timed([str(BIN / "cablekit"), "spark", "parse", str(run.cables_dir), "--output", str(output),
                               "--master", f"local[{run.jobs}]"], tree_cpu)
    cpu = sum(tree_cpu.values())
    load_took, load_usage, load_summary = _timed(
        [str(BIN / "cablekit"), "ingest", "--from-parquet", str(output), "--db", str(db)])
    parquet = sum(f.stat().st_size for f in output.rglob("*.parquet"))
    run.figures["spark"] = {
        "cores": run.jobs, "seconds": took, "cables_per_s": run.size / took,
        "cables_per_s_per_core": run.size / took / run.jobs, "cpu_seconds": cpu, "cables_per_cpu_s": run.size / cpu,
        "parquet_mb": parquet / 1e6, "summary": summary,
        "load_seconds": load_took, "load_cables_per_s": run.size / load_took,
        "load_peak_rss_mb": load_usage.ru_maxrss / 1024, "load_db_mb": _db_size(str(db)) / 1e6,
        "load_summary": load_summary}


def _timed(command: list[str], tree_cpu: dict[int, float] | None = None) -> tuple[float, Any, str]:
    """Run a command, timed: wall seconds, the resource usage of its reaped process tree, its standard output.
    With `tree_cpu`, the CPU seconds of each process of its tree are sampled from /proc twice a second into it, for
    trees whose processes the command does not reap. Its output goes to files: a full pipe would block it."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        while True:
            pid, status, usage = os.wait4(child.pid, 0 if tree_cpu is None else os.WNOHANG)
            if pid:
                break
            tree_cpu.update(_tree_cpu_seconds(child.pid))
            time.sleep(0.5)
        took = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        summary, errors = out.read().strip(), err.read().strip()
    if child.returncode != 0:
        raise SystemExit(f"scale.py: {' '.join(command[1:3])} failed ({child.returncode}): {errors[-2000:]}")
    return took, usage, summary


def search(run: Run) -> None:
    for name, queries in (("search_synthetic_words", SYNTH_QUERIES), ("search_corpus_words", QUERIES)):
        result = measure(run.db, queries, repeat=10)
        run.figures[name] = {key: result[key] for key in ("p50", "p95", "max")} | {
            "queries": [{k: q[k] for k in ("name", "hits", "p50", "p95")} for q in result["queries"]]}


# What runs for each size, in order; each stage adds its figures to the run.
STAGES: list[Callable[[Run], None]] = [ingest, search, spark]
SPARK_SIZES = {100_000}
"""The sizes the Spark path is measured at (--spark-sizes)."""


def _tree_cpu_seconds(root: int) -> dict[int, float]:
    """pid -> user + system CPU seconds so far, for `root` and all its descendants (from /proc/PID/stat)."""
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
        except (OSError, IndexError):
            continue  # a process that ended meanwhile
        pid = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(pid)
        cpu[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        tree[pid] = cpu.get(pid, 0.0)
        todo += children.get(pid, [])
    return tree


def _db_size(db: str) -> int:
    if st.is_postgres(db):
        conn = st.connect(db)
        try:
            return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        finally:
            conn.close()
    return sum(os.path.getsize(p) for p in (db, f"{db}-wal") if os.path.exists(p))


def _empty_postgres(db: str) -> None:
    import psycopg

    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def report(run: Run) -> str:
    g, i = run.figures["generate"], run.figures["ingest"]
    lines = [f"{run.size:,} cables ({g['mb_on_disk']:,.0f} MB of text, generated in {g['seconds']:.1f} s = "
             f"{g['cables_per_s']:,.0f}/s)",
             f"  ingest: {i['seconds']:.1f} s = {i['cables_per_s']:,.0f} cables/s on {run.jobs} processes; "
             f"{i['cables_per_cpu_s']:,.0f} cables per CPU-second; peak RSS {i['peak_rss_mb']:,.0f} MB; "
             f"database {i['db_mb']:,.0f} MB ({i['summary']})"]
    for key, label in (("search_synthetic_words", "synthetic words"), ("search_corpus_words", "corpus words")):
        if key in run.figures:
            s = run.figures[key]
            lines.append(f"  search ({label}): p50 {s['p50']:.1f} ms, p95 {s['p95']:.1f} ms, max {s['max']:.1f} ms")
    if "spark" in run.figures:
        s = run.figures["spark"]
        lines += [f"  spark parse (local[{s['cores']}]): {s['seconds']:.1f} s = {s['cables_per_s']:,.0f} cables/s, "
                  f"{s['cables_per_s_per_core']:,.0f} per core; {s['cables_per_cpu_s']:,.0f} cables per CPU-second; "
                  f"Parquet {s['parquet_mb']:,.0f} MB ({s['summary']})",
                  f"  ingest --from-parquet: {s['load_seconds']:.1f} s = {s['load_cables_per_s']:,.0f} cables/s; "
                  f"peak RSS {s['load_peak_rss_mb']:,.0f} MB; database {s['load_db_mb']:,.0f} MB "
                  f"({s['load_summary']})"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,250000", help="comma-separated numbers of cables")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="ingest processes")
    parser.add_argument("--db", help="a postgresql:// URL of a database this benchmark may empty (default: SQLite)")
    parser.add_argument("--json", help="also write every figure to this JSON file")
    parser.add_argument("--spark-sizes", default="100000",
                        help="comma-separated sizes to measure the Spark path at too (none: empty)")
    parser.add_argument("--prose-from", help="real cables (e.g. ../shared/corpus) whose subjects and paragraphs the "
                        "synthetic cables take (`cablekit synth --prose-from`): a search then matches as many "
                        "cables as in a corpus of such cables, not the template prose's most of them")
    args = parser.parse_args()
    borrowed = synth.borrow([args.prose_from]) if args.prose_from else []
    SPARK_SIZES.clear()
    SPARK_SIZES.update(int(s.replace("_", "")) for s in args.spark_sizes.split(",") if s)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"cablekit-scale-{size}-") as tmp:
            if args.db:
                _empty_postgres(args.db)
            run = Run(size, Path(tmp) / "cables", args.db or os.path.join(tmp, "cables.db"), args.jobs, {})
            generate(run, args.seed, borrowed)
            for stage in STAGES:
                stage(run)
            print(report(run), flush=True)
            results.append({"size": size, **run.figures})
    if args.json:
        Path(args.json).write_text(json.dumps({"seed": args.seed, "jobs": args.jobs, "prose_from": args.prose_from,
                                               "results": results}, indent=1))


if __name__ == "__main__":
    main()
