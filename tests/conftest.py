"""Shared fixtures: where the real corpus and the fixture lie (beside the checkout, as in CI)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURE = SHARED / "fixtures" / "07BAGHDAD620.txt"
DATA = ROOT / "tests" / "data"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
needs_fixture = pytest.mark.skipif(not FIXTURE.is_file(), reason=f"the fixture is not at {FIXTURE}")


@pytest.fixture(scope="session")
def pg_server():
    """A running PostgreSQL cluster (Debian's, started with pg_ctlcluster) and a login role for the tests."""
    import shutil
    import subprocess
    import time

    if not shutil.which("pg_ctlcluster") or not shutil.which("pg_lsclusters"):
        pytest.skip("PostgreSQL (pg_ctlcluster) is not installed on this machine")
    clusters = [line.split() for line in subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True,
                                                         check=True).stdout.splitlines() if line.strip()]
    if not clusters:
        pytest.skip("no PostgreSQL cluster on this machine")
    version, name, port = clusters[0][:3]
    subprocess.run(["pg_ctlcluster", version, name, "start"], capture_output=True)  # running already is fine
    for _ in range(50):
        if subprocess.run(["pg_isready", "-p", port], capture_output=True).returncode == 0:
            break
        time.sleep(0.2)
    role = ("DO $$ BEGIN CREATE ROLE cablekit LOGIN SUPERUSER PASSWORD 'cablekit'; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-p", port, "-q", "-c", role], check=True,
                   capture_output=True)
    return f"postgresql://cablekit:cablekit@127.0.0.1:{port}"


@contextlib.contextmanager
def fresh_database(pg_server: str):
    """A new, empty database on the test cluster, dropped afterwards."""
    import uuid

    import psycopg

    name = f"cablekit_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield f"{pg_server}/{name}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture()
def pg_url(pg_server):
    """A fresh database for one test."""
    with fresh_database(pg_server) as url:
        yield url


@pytest.fixture(scope="module")
def pg_module_url(pg_server):
    """A fresh database for the tests of one module."""
    with fresh_database(pg_server) as url:
        yield url
