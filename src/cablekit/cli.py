"""The `cablekit` command: a thin click layer over the library."""

from __future__ import annotations

import sys
from typing import IO

import click
import msgspec

from . import __version__, parse_paths
from .models import record_schema
from .sources import SourceFailure

_encoder = msgspec.json.Encoder()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cablekit")
def main() -> None:
    """cablekit reads US diplomatic cables (Cablegate, PlusD) into clean, validated records."""


@main.command("parse")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="json: one object for one cable, an array for several; jsonl: one record a line.")
@click.option("-o", "--output", type=click.File("wb"), default="-", show_default=True,
              help="Where to write the records.")
@click.option("--no-text", is_flag=True, help="Leave the cable text (the `text` field) out of each record.")
def parse_command(paths: tuple[str, ...], fmt: str, output: IO[bytes], no_text: bool) -> None:
    """Parse the cables in PATHS into records of the record contract.

    PATHS are files or folders (read recursively), or - for standard input. Each file may be plain text
    (UTF-8 or Latin-1, with or without the transmission header, markdown-converted too), a WikiLeaks Cablegate page
    (.html, .html.gz), a PlusD record page, cables.csv (streamed), or a PDF; the format is read from the content.

    Exit status: 0 when every file was read, 1 when any failed (one line on stderr per failure: file and reason),
    2 for usage errors.
    """
    failures = 0
    written = 0
    held: bytes | None = None  # json: the first record waits to learn whether an array is needed
    try:
        for item in parse_paths(paths):
            if isinstance(item, SourceFailure):
                failures += 1
                click.echo(f"cablekit: {item}", err=True)
                continue
            if no_text:
                item.text = ""
            data = _encoder.encode(item)
            written += 1
            if fmt == "jsonl":
                output.write(data + b"\n")
            elif written == 1:
                held = data
            else:
                output.write((b"[\n" + held + b",\n" if held is not None else b",\n") + data)
                held = None
        if fmt == "json":
            output.write(held + b"\n" if written == 1 else b"\n]\n" if written else b"[]\n")
        output.flush()
    except BrokenPipeError:
        sys.stderr.close()  # a closed pipe (`| head`) ends quietly
    sys.exit(1 if failures else 0)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the cable record."""
    click.echo(msgspec.json.format(msgspec.json.encode(record_schema())).decode())


if __name__ == "__main__":
    main()
