"""Parse throughput over the real corpus: (a) text already in memory, (b) end to end from the files; peak memory.

Run: .venv/bin/python benchmarks/parse.py [CORPUS_DIR] [--repeat N]
Figures are per core (one process). Targets (issue 3): (a) >= 5,000 cables/s, (b) >= 2,000 cables/s.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from cablekit import parse, parse_paths, read
from cablekit.sources import SourceFailure

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
NOT_CABLES = {"README.md", "index.tsv", "stats.md"}


def corpus_files(root: Path) -> list[str]:
    return [str(p) for p in sorted(root.rglob("*")) if p.is_file() and p.name not in NOT_CABLES]


def _cpu(cables: int, seconds: float) -> str:
    """The same by the process's CPU time: on a shared machine the wall clock also counts the waits for a core."""
    return f"CPU {seconds:.2f} s = {cables / seconds:,.0f} cables/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--repeat", type=int, default=3, help="passes over the in-memory texts (best is reported)")
    args = parser.parse_args()
    files = corpus_files(Path(args.corpus))
    if not files:
        sys.exit(f"no files under {args.corpus}")

    raws = [r for r in read(files) if not isinstance(r, SourceFailure)]
    chars = sum(len(r.text) for r in raws)
    best = best_cpu = float("inf")
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        for raw in raws:
            parse(raw.text, raw.source)
        best, best_cpu = min(best, time.perf_counter() - start), min(best_cpu, time.process_time() - start_cpu)
    print(f"(a) in memory : {len(raws):,} cables, {chars / 1e6:.1f} M chars in {best:.2f} s = "
          f"{len(raws) / best:,.0f} cables/s per core, {chars / 1e6 / best:.1f} M chars/s; {_cpu(len(raws), best_cpu)}")

    size = sum(Path(f).stat().st_size for f in files)
    start, start_cpu = time.perf_counter(), time.process_time()
    count = failed = 0
    for item in parse_paths(files):
        if isinstance(item, SourceFailure):
            failed += 1
        else:
            count += 1
    took, took_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    print(f"(b) end to end: {count:,} cables ({failed} failures) from {len(files):,} files, "
          f"{size / 1e6:.1f} MB on disk in {took:.2f} s = {count / took:,.0f} cables/s per core, "
          f"{size / 1e6 / took:.1f} MB/s; {_cpu(count, took_cpu)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS, whole run incl. the in-memory texts): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
