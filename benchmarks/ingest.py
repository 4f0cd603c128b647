"""Ingest and search over the real corpus: cables/s into SQLite with FTS (or PostgreSQL), database size, re-ingest
time, and search latency (benchmarks/search.py's measurement) on what was ingested.

Run: .venv/bin/python benchmarks/ingest.py [CORPUS_DIR] [--jobs N] [--db postgresql://...]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from search import measure, table

from cablekit import store as st

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
NOT_CABLES = {"README.md", "index.tsv", "stats.md"}


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
        print(table(measure(path, repeat=args.repeat)))


if __name__ == "__main__":
    main()
