"""The JSON Schema of the record: generated from the model, shipped in schema/, and true of real records."""

from __future__ import annotations

import json

import jsonschema
import msgspec

from cablekit import parse, parse_paths
from cablekit.models import record_schema

from .conftest import DATA, FIXTURE, ROOT, needs_fixture

SHIPPED = ROOT / "schema" / "cable.schema.json"


def test_shipped_schema_is_the_generated_one():
    assert json.loads(SHIPPED.read_text()) == record_schema(), "run `cablekit schema > schema/cable.schema.json`"


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(record_schema())


def test_records_of_every_format_validate():
    validator = jsonschema.Draft202012Validator(record_schema())
    sources = [str(p) for p in sorted((DATA / "cables").iterdir()) if not p.name.endswith((".json", ".md"))]
    records = [json.loads(msgspec.json.encode(c)) for c in parse_paths(sources)]
    assert len(records) == len(list((DATA / "cables").glob("*.expected.json")))
    for record in records:
        validator.validate(record)


@needs_fixture
def test_fixture_record_validates():
    jsonschema.validate(json.loads(msgspec.json.encode(parse(FIXTURE.read_text()))), record_schema())


def test_schema_rejects_a_record_without_reference_id():
    record = json.loads(msgspec.json.encode(parse("UNCLAS STATE 000001\n\nTAGS: PGOV\nSUBJECT: X\n")))
    del record["reference_id"]
    assert list(jsonschema.Draft202012Validator(record_schema()).iter_errors(record))
