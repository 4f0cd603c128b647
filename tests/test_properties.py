"""Property tests: garbage, fragments and truncated cables never raise and always give a record."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablekit import parse

from .conftest import DATA

CABLE_TEXTS = [p.read_bytes().decode("utf-8", "replace") for p in sorted((DATA / "cables").glob("*.txt"))]
# Pieces of real cable syntax, so the generator reaches the parser's branches, not only its first check.
PIECES = ["VZCZC", "DE RUEHGB #0620/01 0511804", "P 201804Z FEB 07", "FM AMEMBASSY BAGHDAD", "TO RUEHC/", "INFO ",
          "S E C R E T", "UNCLAS", "SECTION 01 OF 03", "E.O. 12958: DECL:", "TAGS:", "SUBJECT:", "REF: A.", "B.",
          "Classified By:", "1.4 (b)", "1. (C)", "(S//NF)", "\u00b6", "[1](#)", "](#)", "End Summary.", "Summary:",
          "(Comment:", "End Comment.)", "BAGHDAD 00000620 002 OF 003", "-----", "\n", "\n\n", " ", ")", "(", "110.",
          "&#x000A;", "----------------- header ends ----------------", "KHALILZAD"]


def _assert_record(text: str) -> None:
    cable = parse(text)
    assert cable.reference_id
    assert "parser-error" not in {d.code for d in cable.diagnostics}, cable.diagnostics
    for start, end in cable.spans.values():
        assert 0 <= start <= end <= len(cable.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text):
    _assert_record(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join))
def test_cable_shaped_garbage(text):
    _assert_record(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CABLE_TEXTS), st.data())
def test_truncated_and_spliced_cables(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    _assert_record(text[start:end])
    _assert_record(text[:start] + text[end:])


def test_fragments():
    assert parse("TAGS: PGOV PREL IZ").tags == ["PGOV", "PREL", "IZ"]
    assert [r.reference_id for r in parse("REF: A. 08 STATE 1234 B. BAGHDAD 55").references][:1] == ["08STATE1234"]
    assert parse("").reference_id == parse("").reference_id == "UNKNOWN_E3B0C44298FC"  # sha256 of nothing
    assert parse("TAGS: PREL").reference_id != parse("TAGS: PGOV").reference_id, "unidentified texts stay apart"


def test_a_run_of_marks_in_a_classified_by_line_is_read_at_once():
    """The marks' run was nested in `preamble._CB_CONNECTOR`'s repeat: each more mark doubled the time (11 spaced
    dashes took 0.9 s, 14 a minute); this line would not have been read in a lifetime. A fuzzer found it."""
    cable = parse("SUBJECT: X\n\nClassified By: Political Officer Jane Doe" + " -" * 40 + " x\n\n1. (C) Text.\n")
    assert cable.classified_by is not None and cable.paragraphs[-1].text == "Text."
