"""Ingest and search over the real corpus: cables/s into SQLite with FTS, database size, search latency.

Run: .venv/bin/python benchmarks/ingest.py [CORPUS_DIR] [--jobs N]
Search latency: p50/p95 over a fixed set of queries, each run several times on the ingested corpus.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from cablekit import store as st

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
NOT_CABLES = {"README.md", "index.tsv", "stats.md"}
QUERIES = [
    ("sheeb", st.Filters()),
    ('"human rights"', st.Filters()),
    ("iran AND nuclear", st.Filters()),
    ("corrupt*", st.Filters(classification="SECRET")),
    ("election", st.Filters(tags=("PGOV",), date_from="2009")),
    ("oil OR gas", st.Filters(origin="Tripoli")),
    ("", st.Filters(tags=("PINR",), date_from="2007", date_to="2008")),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", help="a postgresql:// URL of an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    files = [str(p) for p in sorted(Path(args.corpus).rglob("*")) if p.is_file() and p.name not in NOT_CABLES]
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or os.path.join(tmp, "cables.db")
        conn = st.connect(path)
        start = time.perf_counter()
        report = st.ingest(conn, files, jobs=args.jobs)
        took = time.perf_counter() - start
        if st.is_postgres(path):
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        else:
            size = os.path.getsize(path)
        print(f"ingest ({'PostgreSQL' if st.is_postgres(path) else 'SQLite'}): {report.added:,} cables in "
              f"{took:.1f} s on {args.jobs} processes = {report.added / took:,.0f} cables/s "
              f"({report.added / took / args.jobs:,.0f} per core); database {size / 1e6:.0f} MB")
        start = time.perf_counter()
        again = st.ingest(conn, files, jobs=args.jobs)
        print(f"re-ingest (nothing new): {again.unchanged:,} unchanged in {time.perf_counter() - start:.1f} s")
        times = []
        for query, filters in QUERIES:
            for _ in range(args.repeat):
                t = time.perf_counter()
                st.search(conn, query, filters, limit=20)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95)]
        print(f"search: {len(QUERIES)} queries x {args.repeat}: p50 {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms over {report.added:,} cables")


if __name__ == "__main__":
    main()
