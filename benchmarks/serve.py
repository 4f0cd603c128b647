"""Benchmark `cablekit serve`: a bounded load on loopback against search and cable pages.

Starts the server in a process of its own (uvicorn, one worker) over a corpus (`--db`, or the shared corpus ingested
into a temporary SQLite file), then sends a fixed number of requests from a pool of client threads: search pages
(words, phrases, boolean, prefix, filters, facets clicked, later pages) and cable pages (random stored ids, fixed
seed). Prints p50/p95/max latency per kind of page and the errors (any status but 200; the target is none).

Usage: python benchmarks/serve.py [--db cables.db] [--requests 600] [--clients 4]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CABLEKIT = str(Path(sys.executable).with_name("cablekit"))
SEARCHES = [
    {"q": "police"}, {"q": '"human rights"'}, {"q": "iran AND nuclear"}, {"q": "oil OR gas"},
    {"q": "corrupt*"}, {"q": "election NOT parliament"}, {"tag": "PREL"}, {"tag": "PGOV", "classification": "SECRET"},
    {"q": "militia", "origin": "BAGHDAD"}, {"q": "visa", "from": "2008", "to": "2009"}, {"q": "police", "page": "3"},
    {},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def corpus_db(workdir: str) -> str:
    db = str(Path(workdir) / "cables.db")
    print(f"ingesting {CORPUS} into {db} ...", file=sys.stderr)
    subprocess.run([CABLEKIT, "ingest", str(CORPUS), "--db", db], check=False, stdout=subprocess.DEVNULL)
    return db


def start(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen([CABLEKIT, "serve", "--db", db, "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/api/openapi.json", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def timed(client: httpx.Client, kind: str, path: str, params: dict) -> tuple[str, float, int]:
    started = time.perf_counter()
    status = client.get(path, params=params).status_code
    return kind, (time.perf_counter() - started) * 1000, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a corpus (default: the shared corpus ingested into a temporary file)")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        db = args.db or corpus_db(workdir)
        server, base = start(db)
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                ids = [h["reference_id"] for page in (1, 2, 3, 4, 5)
                       for h in client.get("/api/search", params={"page": page}).json()["hits"]]
                ids += [h["reference_id"] for h in client.get("/api/search", params={"q": "police"}).json()["hits"]]
                rng = random.Random(7)
                plan = [("search", "/", rng.choice(SEARCHES)) if i % 2 == 0 else
                        ("cable", f"/cable/{rng.choice(ids)}", {}) for i in range(args.requests)]
                for kind, path, params in plan[:20]:  # warm the caches, as a server in use is
                    timed(client, kind, path, params)
                started = time.perf_counter()
                with ThreadPoolExecutor(args.clients) as pool:
                    results = list(pool.map(lambda step: timed(client, *step), plan))
                wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
    print(f"{len(results)} requests from {args.clients} clients in {wall:.1f} s ({len(results) / wall:.0f}/s), "
          f"one server process")
    print(f"{'page':<8} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}")
    for kind in ("search", "cable"):
        times = sorted(ms for k, ms, _ in results if k == kind)
        errors = sum(1 for k, _, status in results if k == kind and status != 200)
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{kind:<8} {len(times):>5} {statistics.median(times):>8.1f} {p95:>8.1f} {times[-1]:>8.1f} {errors:>7}")


if __name__ == "__main__":
    main()
