"""Shared fixtures: where the real corpus and the fixture lie (beside the checkout, as in CI)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURE = SHARED / "fixtures" / "07BAGHDAD620.txt"
DATA = ROOT / "tests" / "data"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
needs_fixture = pytest.mark.skipif(not FIXTURE.is_file(), reason=f"the fixture is not at {FIXTURE}")
