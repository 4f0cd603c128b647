"""Golden whole-cable records: the invented cables in tests/data/cables and the fixture 07BAGHDAD620.

Each `<id>.expected.json` holds what a careful reader takes from the cable; every key it holds must match the
parsed record (spans, diagnostics and provenance are checked elsewhere).
"""

from __future__ import annotations

import json

import msgspec
import pytest

from cablekit import parse, parse_paths
from cablekit.sources import SourceFailure

from .conftest import DATA, FIXTURE, needs_fixture

CABLES = DATA / "cables"
GOLDEN = sorted(CABLES.glob("*.expected.json"))
SOURCES = sorted(p for p in CABLES.iterdir() if not p.name.endswith((".json", ".md")))
PARAGRAPH_KEYS = ("number", "marking", "dissemination", "heading", "section_heading", "text")
REFERENCE_KEYS = ("label", "reference_id", "kind", "text")


def _comparable(record: dict, expected: dict) -> dict:
    """The record cut down to the keys the golden file holds."""
    out = {}
    for key, value in expected.items():
        got = record.get(key)
        if key == "paragraphs":
            got = [{k: p[k] for k in PARAGRAPH_KEYS} for p in got]
        elif key == "references":
            got = [{k: r[k] for k in REFERENCE_KEYS} for r in got]
        elif key == "classified_by" and got and value:
            got = {k: got[k] for k in value}
        out[key] = got
    return out


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    records = {}
    for item in parse_paths([str(p) for p in SOURCES]):
        assert not isinstance(item, SourceFailure), str(item)
        records[item.reference_id] = msgspec.to_builtins(item)
    return records


@pytest.mark.parametrize("golden", GOLDEN, ids=[p.name.split(".")[0] for p in GOLDEN])
def test_golden_record(golden, parsed):
    expected = json.loads(golden.read_text(encoding="utf-8"))
    reference_id = expected["reference_id"]
    assert reference_id in parsed, f"{reference_id} not parsed from {CABLES}"
    got = _comparable(parsed[reference_id], expected)
    for key in expected:
        assert got[key] == expected[key], key


def test_every_source_has_a_golden_record(parsed):
    assert len(parsed) == len(GOLDEN)


@needs_fixture
def test_fixture_golden():
    expected = json.loads((DATA / "golden" / "07BAGHDAD620.json").read_text(encoding="utf-8"))
    record = json.loads(msgspec.json.encode(parse(FIXTURE.read_text(encoding="utf-8"), {"path": str(FIXTURE)})))
    record.pop("text"), record.pop("source")
    assert record == expected


@needs_fixture
def test_fixture_repairs_are_reported():
    cable = parse(FIXTURE.read_text(encoding="utf-8"))
    codes = [d.code for d in cable.diagnostics]
    assert codes.count("paragraph-number-repaired") == 6  # 15. 16. 17. 18. 19. 110.
    assert "marking-unbalanced" in codes  # `19. C//REL USA, MCFI)`
    assert codes.count("dash-restored") == 3
    assert [p.number for p in cable.paragraphs] == list(range(1, 18))


@needs_fixture
def test_fixture_spans_point_at_the_values():
    cable = parse(FIXTURE.read_text(encoding="utf-8"))

    def at(field):
        start, end = cable.spans[field]
        return cable.text[start:end]

    assert at("dtg") == "201804Z FEB 07"
    assert at("eo") == "12958"
    assert at("tags") == "[PGOV](#) [PINS](#) [PREL](#) [IR](#) [IZ](#)"
    assert at("subject") == "MAYSAN GOVERNOR DISCUSSES SECURITY SITUATION,\nIRAN, POLITICAL DEVELOPMENTS"
    first = cable.paragraphs[0]
    assert cable.text[first.span[0]:first.span[1]].endswith("This is a PRT Maysan cable.")
