"""Search latency over an ingested corpus: p50/p95 per query and over all, for SQLite or PostgreSQL.

Run: .venv/bin/python benchmarks/search.py --db cables.db [--repeat 20] [--json]
     .venv/bin/python benchmarks/search.py --db postgresql://user:password@host/dbname
The queries are fixed (words, phrases, AND/OR/NOT, prefix, filters, facets), so figures compare across corpora and
backends; `measure()` is the same measurement for other benchmarks (`benchmarks/scale.py`). Each query runs once
untimed (a warm cache: a server's steady state), then `repeat` times. Target (issue 4): p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from cablekit import store as st


@dataclass(frozen=True)
class Query:
    """One search as a user makes it: the words, the filters, and whether the page shows facet counts."""

    name: str
    text: str
    filters: st.Filters = field(default_factory=st.Filters)
    facets: bool = False


QUERIES = (
    Query("rare word", "kimberley"),
    Query("common word", "government"),
    Query("phrase", '"human rights"'),
    Query("AND", "iran AND nuclear"),
    Query("OR", "oil OR gas"),
    Query("NOT", "election NOT fraud"),
    Query("prefix", "terror*"),
    Query("prefix + classification", "corrupt*", st.Filters(classification="SECRET")),
    Query("word + tag + date", "election", st.Filters(tags=("PGOV",), date_from="2009")),
    Query("OR + origin", "oil OR gas", st.Filters(origin="Tripoli")),
    Query("filters only", "", st.Filters(tags=("PINR",), date_from="2007", date_to="2008")),
    Query("word + facets", "iran", facets=True),
    Query("phrase + tag + facets", '"prime minister"', st.Filters(tags=("PREL",)), facets=True),
    Query("everything + facets", "", facets=True),
)


def _percentile(sorted_ms: list[float], share: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * share))]


def _run(conn: st.Connection, query: Query) -> int:
    hits = st.search(conn, query.text, query.filters, limit=20)
    if query.facets:
        st.facets(conn, query.text, query.filters)
    return len(hits)


def measure(db_url: str, queries: Sequence[Query] = QUERIES, repeat: int = 20) -> dict:
    """Latency in ms of each query (a page of 20 hits, with its facets when asked) over the corpus at `db_url`:
    `{"backend", "cables", "repeat", "p50", "p95", "max", "queries": [{"name", "query", "hits", "p50", "p95",
    "max"}, ...]}`; the overall figures are over every timed run of every query."""
    conn = st.connect_reader(db_url)
    try:
        cables = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
        rows, every = [], []
        for query in queries:
            hits = _run(conn, query)  # untimed: the first run warms the caches
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                _run(conn, query)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            every += times
            rows.append({"name": query.name, "query": query.text, "hits": hits, "p50": statistics.median(times),
                         "p95": _percentile(times, 0.95), "max": times[-1]})
    finally:
        conn.close()
    every.sort()
    return {"backend": "PostgreSQL" if st.is_postgres(db_url) else "SQLite", "cables": cables, "repeat": repeat,
            "p50": statistics.median(every), "p95": _percentile(every, 0.95), "max": every[-1], "queries": rows}


def table(result: dict) -> str:
    lines = [f"{result['backend']}, {result['cables']:,} cables, each query {result['repeat']} times (ms):",
             f"{'query':<26} {'hits':>5} {'p50':>8} {'p95':>8} {'max':>8}"]
    lines += [f"{q['name']:<26} {q['hits']:>5} {q['p50']:>8.1f} {q['p95']:>8.1f} {q['max']:>8.1f}"
              for q in result["queries"]]
    lines.append(f"{'all':<26} {'':>5} {result['p50']:>8.1f} {result['p95']:>8.1f} {result['max']:>8.1f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="an ingested corpus: SQLite path or postgresql:// URL")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each query")
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON instead of a table")
    args = parser.parse_args()
    try:
        result = measure(args.db, repeat=args.repeat)
    except st.StoreError as exc:
        parser.exit(1, f"search.py: {exc}\n")
    print(json.dumps(result, indent=1) if args.json else table(result))


if __name__ == "__main__":
    main()
