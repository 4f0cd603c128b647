"""The `cablekit` command: output formats, exit codes, errors as one line, help for every command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cablekit.cli import main

from .conftest import DATA

CABLES = DATA / "cables"
ONE = str(CABLES / "10STATE8341.txt")
TWO = str(CABLES / "10ISTANBUL42.txt")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_json_is_one_object_for_one_cable():
    result = run("parse", ONE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["reference_id"] == "10STATE8341"


def test_json_is_an_array_for_several():
    result = run("parse", ONE, TWO)
    assert [c["reference_id"] for c in json.loads(result.stdout)] == ["10STATE8341", "10ISTANBUL42"]


def test_jsonl_is_one_record_a_line_and_csv_rows_count():
    result = run("parse", "--format", "jsonl", str(CABLES / "cables_sample.csv"))
    lines = result.stdout.splitlines()
    assert [json.loads(line)["reference_id"] for line in lines] == ["85LISBON2271", "04KUWAIT2620", "09TOKYO2790"]


def test_output_file_and_no_text(tmp_path):
    out = tmp_path / "out.json"
    assert run("parse", ONE, "--no-text", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["text"] == ""


def test_stdin():
    result = run("parse", "-", input=(CABLES / "10STATE8341.txt").read_bytes())
    assert result.exit_code == 0 and json.loads(result.stdout)["reference_id"] == "10STATE8341"


def test_failures_exit_1_with_one_line_each_and_the_rest_is_written(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("parse", ONE, str(empty), str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors == [f"cablekit: {empty}: empty file", f"cablekit: {tmp_path / 'nope.txt'}: no such file or directory"]
    assert json.loads(result.stdout)["reference_id"] == "10STATE8341"


def test_usage_error_exits_2():
    assert run("parse").exit_code == 2
    assert run("parse", ONE, "--format", "xml").exit_code == 2


def test_schema_command_prints_the_schema():
    schema = json.loads(run("schema").stdout)
    assert schema["$ref"].endswith("/Cable")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert main.commands[command].help and len(main.commands[command].help) > 20


def test_parse_on_several_processes_gives_the_same_records_in_order():
    files = [str(p) for p in sorted(CABLES.iterdir()) if not p.name.endswith((".json", ".md"))]
    one = run("parse", *files, "--format", "jsonl")
    two = run("parse", *files, "--format", "jsonl", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == len(list(CABLES.glob("*.expected.json")))
