"""The record contract (`shared/spec/record.md`) as typed structs.

Field names and meanings are the contract: add fields, rename none. Every store, export and API speaks these.
Offsets in `spans` and in each part's `span` are `[start, end)` character offsets into `Cable.text`.
"""

from __future__ import annotations

from typing import Any

import msgspec

Span = tuple[int, int]


class Addressee(msgspec.Struct, kw_only=True):
    """One TO/INFO line: `RUEHC/SECSTATE WASHDC PRIORITY 9781`."""

    route: str | None = None
    name: str
    precedence: str | None = None
    number: str | None = None


class Reference(msgspec.Struct, kw_only=True):
    """One item of a REF block. `reference_id` is canonical for cables, null for other kinds."""

    label: str | None = None
    reference_id: str | None = None
    kind: str = "cable"
    text: str
    span: Span | None = None


class ClassifiedBy(msgspec.Struct, kw_only=True):
    """The `Classified By:` line split into who classified and why."""

    name: str | None = None
    title: str | None = None
    agency: str | None = None
    reasons: list[str] = []
    office: str | None = None
    """cablekit's addition: the office named between title and agency (`Embassy Tripoli`, `POL`)."""
    text: str = ""


class Paragraph(msgspec.Struct, kw_only=True):
    """A body paragraph as the author numbered and marked it."""

    number: int | None = None
    marking: str | None = None
    dissemination: str | None = None
    heading: str | None = None
    text: str = ""
    span: Span | None = None
    section_heading: str | None = None
    """cablekit's addition: the heading of the section the paragraph opens, when a heading of the paragraph's own
    stands under it (10PARIS151 `MOROCCO -- FRANCE PLANS TO HELP RABAT WITH REGIONALIZATION` over `BILATERAL
    RELATIONS AND REGIONALIZATION`)."""


class Diagnostic(msgspec.Struct, kw_only=True):
    """Something the parser repaired, guessed or could not read.

    `severity`: `info` (an artifact of the rendering was removed), `repair` (the author's text was changed),
    `warning` (a field could not be read or was guessed).
    """

    code: str
    message: str
    paragraph: int | None = None
    line: int | None = None
    severity: str = "warning"


class Cable(msgspec.Struct, kw_only=True):
    """A parsed cable: every field of the record contract plus cablekit's additions (`date`, `spans`, `text`)."""

    reference_id: str
    transmission_id: str | None = None
    precedence: str | None = None
    dtg: str | None = None
    origin: str | None = None
    station: str | None = None
    station_serial: int | None = None
    relay: list[str] = []
    to: list[Addressee] = []
    info: list[Addressee] = []
    classification: str | None = None
    section_count: int = 1
    section: int | None = None
    """cablekit's addition: which section of the cable this text opens with (`SECTION 02 OF 03` -> 2); the site
    published some sections of long cables as pages of their own (09SECTION02OF03QRIPOLI583)."""
    handling: list[str] = []
    eo: str | None = None
    declassify_on: str | None = None
    declassification: str | None = None
    tags: list[str] = []
    subject: str | None = None
    subject_marking: str | None = None
    references: list[Reference] = []
    classified_by: ClassifiedBy | None = None
    paragraphs: list[Paragraph] = []
    summary: str | None = None
    comments: list[str] = []
    signers: list[str] = []
    diagnostics: list[Diagnostic] = []
    source: dict[str, Any] = {}
    # cablekit's additions to the contract
    date: str | None = None
    """ISO 8601 UTC: the DTG when the cable has one, else the best date its source gives."""
    spans: dict[str, Span] = {}
    """Where each scalar field was read: field name -> [start, end) into `text`."""
    text: str = ""
    """The cable text as the parser read it (the source decoded, line breaks as `\\n`); spans point into it."""


def record_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the record, generated from the structs above."""
    schema = msgspec.json.schema(Cable)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cablekit cable record"
    return schema
