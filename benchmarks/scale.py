"""Scale: parse + ingest + full-text index of 10k, 100k and 250k synthetic cables, and search at each size.

Run: .venv/bin/python benchmarks/scale.py [--sizes 10000,100000,250000] [--seed 0] [--jobs N]
                                          [--db postgresql://...] [--json FILE]
For each size: `cablekit synth` writes the cables (one .txt each, in folders of 1,000) to a temporary folder, then
`cablekit ingest` stores them in a new SQLite file (or, with --db, a PostgreSQL database whose public schema this
benchmark empties before each size: give it a database of its own). Reported: wall time, cables/s, cables per
CPU-second (user + system time of the whole ingest process tree: the rate a core gives, whatever else the machine
runs), peak RSS (the largest process of the ingest tree, from wait4), the database size, and search latency
p50/p95 (benchmarks/search.py's measurement) over two fixed query sets: search.py's own, written for the real
corpus (most of its words never occur in synthetic prose, so those are mostly misses), and the same kinds of
query in the synthetic cables' vocabulary.
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
    Query("prefix + classification", "privati*", st.Filters(classification="SECRET")),
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


def generate(run: Run, seed: int) -> None:
    start = time.perf_counter()
    synth.write(run.size, seed, run.cables_dir)
    took = time.perf_counter() - start
    disk = sum(f.stat().st_size for f in run.cables_dir.rglob("*.txt"))
    run.figures["generate"] = {"seconds": took, "cables_per_s": run.size / took, "mb_on_disk": disk / 1e6}


def ingest(run: Run) -> None:
    """`cablekit ingest` as a child process, timed; wait4 gives the CPU time and peak RSS of its whole tree (the
    parsing workers are its children and are reaped by it). Its output goes to files: a full pipe would block it."""
    command = [str(BIN / "cablekit"), "ingest", str(run.cables_dir), "--db", run.db, "--jobs", str(run.jobs)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        took = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        summary, errors = out.read().strip(), err.read().strip()
    if child.returncode != 0:
        raise SystemExit(f"scale.py: ingest failed ({child.returncode}): {errors[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    run.figures["ingest"] = {
        "seconds": took, "cables_per_s": run.size / took, "cpu_seconds": cpu, "cables_per_cpu_s": run.size / cpu,
        "peak_rss_mb": usage.ru_maxrss / 1024, "db_mb": _db_size(run.db) / 1e6, "summary": summary}


def search(run: Run) -> None:
    for name, queries in (("search_synthetic_words", SYNTH_QUERIES), ("search_corpus_words", QUERIES)):
        result = measure(run.db, queries, repeat=10)
        run.figures[name] = {key: result[key] for key in ("p50", "p95", "max")} | {
            "queries": [{k: q[k] for k in ("name", "hits", "p50", "p95")} for q in result["queries"]]}


# What runs for each size, in order; each stage adds its figures to the run. The Spark path (issue 6: `cablekit
# spark parse` at 100k) is another stage, Run -> figures under its own key, added to this list by its author.
STAGES: list[Callable[[Run], None]] = [ingest, search]


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
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,250000", help="comma-separated numbers of cables")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="ingest processes")
    parser.add_argument("--db", help="a postgresql:// URL of a database this benchmark may empty (default: SQLite)")
    parser.add_argument("--json", help="also write every figure to this JSON file")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"cablekit-scale-{size}-") as tmp:
            if args.db:
                _empty_postgres(args.db)
            run = Run(size, Path(tmp) / "cables", args.db or os.path.join(tmp, "cables.db"), args.jobs, {})
            generate(run, args.seed)
            for stage in STAGES:
                stage(run)
            print(report(run), flush=True)
            results.append({"size": size, **run.figures})
    if args.json:
        Path(args.json).write_text(json.dumps({"seed": args.seed, "jobs": args.jobs, "results": results}, indent=1))


if __name__ == "__main__":
    main()
