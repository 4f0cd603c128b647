"""FollowTheMoney export: every entity valid for the followthemoney model, ids stable, posts and citations linked."""

from __future__ import annotations

import io
import json

import msgspec
import pytest
from click.testing import CliRunner

from cablekit import export as ex
from cablekit import parse_paths
from cablekit.cli import main
from cablekit.models import Reference
from cablekit.sources import SourceFailure

from .conftest import DATA

followthemoney = pytest.importorskip("followthemoney")
from followthemoney import model  # noqa: E402
from followthemoney.util import make_entity_id  # noqa: E402

SOURCES = sorted(str(p) for p in (DATA / "cables").iterdir() if not p.name.endswith((".json", ".md")))


@pytest.fixture(scope="module")
def records():
    return [c for c in parse_paths(SOURCES) if not isinstance(c, SourceFailure)]


@pytest.fixture(scope="module")
def with_a_citation(records):
    """The records plus an invented cable that cites 10STATE8341 (exported) and 10STATE1 (not exported)."""
    cited = next(c for c in records if c.reference_id == "10STATE8341")
    citing = msgspec.structs.replace(cited, reference_id="10STATE9999", references=[
        Reference(label="A", reference_id="10STATE8341", text="10 STATE 8341"),
        Reference(label="B", reference_id="10STATE1", text="10 STATE 1")])
    return [*records, citing]


def _export(cables) -> tuple[bytes, list[dict]]:
    out = io.BytesIO()
    assert ex.write_ftm(cables, out) == len(cables)
    return out.getvalue(), [json.loads(line) for line in out.getvalue().splitlines()]


def test_every_entity_is_valid(with_a_citation):
    _, entities = _export(with_a_citation)
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    for data in entities:
        proxy = model.get_proxy(data, cleaned=True)  # taken as written: no cleaning to hide a bad value
        assert proxy.to_dict() == data  # no property the schema lacks
        proxy.schema.validate(data)  # raises on a value invalid for its type
        assert set(proxy.schema.required) <= set(data["properties"]), data
        for prop in proxy.iterprops():
            if prop.type.name == "entity":  # references point at entities of the export
                assert set(proxy.get(prop)) <= ids, (data["schema"], prop.name)


def test_cables_are_messages_from_their_posts(records):
    _, entities = _export(records)
    by_id = {e["id"]: e for e in entities}
    messages = [e for e in entities if e["schema"] == "Message"]
    assert sorted(m["properties"]["recordId"][0] for m in messages) == sorted(c.reference_id for c in records)
    record = next(c for c in records if c.reference_id == "09BAGHDAD3187")
    baghdad = by_id[make_entity_id("cable", "09BAGHDAD3187")]["properties"]
    assert baghdad["keywords"][:1] == ["SECRET"] and baghdad["date"] == [record.date[:16]]
    assert baghdad["title"] == [record.subject] and baghdad["country"] == ["iq", "ir"]  # TAGS IZ, IR (FIPS)
    assert by_id[baghdad["sender"][0]]["properties"]["name"] == ["Embassy Baghdad"]
    assert by_id[baghdad["sender"][0]]["properties"]["country"] == ["iq"]
    recipients = {by_id[r]["properties"]["name"][0] for r in baghdad["recipients"]}
    assert "Secretary of State, Washington" in recipients  # `SECSTATE WASHDC` is the Department's post


def test_citations_link_exported_cables_only(with_a_citation):
    _, entities = _export(with_a_citation)
    links = [e["properties"] for e in entities if e["schema"] == "UnknownLink"]
    assert links == [{"subject": [make_entity_id("cable", "10STATE9999")],
                      "object": [make_entity_id("cable", "10STATE8341")], "role": ["cites"],
                      "date": links[0]["date"]}]


def test_the_same_cables_give_the_same_entities_in_any_order(with_a_citation):
    forward, backward = _export(with_a_citation)[0], _export(list(reversed(with_a_citation)))[0]
    assert forward != backward and sorted(forward.splitlines()) == sorted(backward.splitlines())


def test_export_command_writes_ftm(tmp_path):
    db, out = str(tmp_path / "cables.db"), tmp_path / "cables.ftm.json"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", *SOURCES, "--db", db]).exit_code == 0
    result = runner.invoke(main, ["export", "--db", db, "--format", "ftm", "-o", str(out), "--tag", "PREL"])
    assert result.exit_code == 0, result.output
    schemas = [json.loads(line)["schema"] for line in out.read_text().splitlines()]
    assert schemas.count("Message") == int(result.output.split()[0]) > 0


def test_a_long_cable_and_subject_fit_the_model(records):
    # 10MEXICO640 runs to 90,000 characters; 06TOKYO1363's subject line ran on into its body.
    cable = records[0]
    text = "".join(f"Line {n} of a long cable.\n" for n in range(6000))  # no two pieces alike: values are a set
    long = msgspec.structs.replace(cable, text=text, subject="WORD " * 300)
    _, entities = _export([long])
    message = next(e for e in entities if e["schema"] == "Message")
    model.get_proxy(message).schema.validate(message)
    pieces = message["properties"]["bodyText"]
    assert "\n".join(pieces) == text.strip() and len(pieces) == 3 and max(map(len, pieces)) <= 65000
    assert message["properties"]["title"][0].startswith("WORD WORD") and len(message["properties"]["title"][0]) <= 1024
