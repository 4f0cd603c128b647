"""Sources: every format read from its content, provenance kept, unreadable files reported and passed over."""

from __future__ import annotations

import gzip
import io

import pytest

from cablekit import parse_paths, read
from cablekit.sources import SourceFailure, decode_text, detect_format, read_csv

from .conftest import CORPUS, DATA, needs_corpus

CABLES = DATA / "cables"


def test_latin1_crlf_text_keeps_the_pilcrow_as_an_artifact():
    data = (CABLES / "10ANKARA243.txt").read_bytes()
    assert b"\r\n" in data and b"\xb6" in data
    text, encoding = decode_text(data)
    assert encoding == "cp1252" and "\r" not in text and "\u00b6" in text


@pytest.mark.parametrize(("name", "fmt"), [
    ("10ANKARA243.txt", "text"), ("09MOSCOW2771.html", "wikileaks-html"), ("07CARACAS2214.html.gz", "wikileaks-html"),
    ("cables_sample.csv", "cables-csv"), ("1975ANKARA03391_b.html", "plusd-html"), ("08KABUL1437.txt", "text")])
def test_format_is_detected_from_content(name, fmt):
    [first, *_] = list(read([str(CABLES / name)]))
    assert first.source["format"] == fmt


def test_format_detection_ignores_the_extension(tmp_path):
    renamed = tmp_path / "cable.dat"
    renamed.write_bytes(gzip.decompress((CABLES / "07CARACAS2214.html.gz").read_bytes()))
    [raw] = list(read([str(renamed)]))
    assert raw.source["format"] == "wikileaks-html"


def test_site_page_metadata_is_kept():
    [raw] = list(read([str(CABLES / "09MOSCOW2771.html")]))
    assert raw.source["reference_id"] == "09MOSCOW2771"
    assert {"created", "released", "classification", "origin_label"} <= set(raw.source)
    assert "&#x000A;" not in raw.text and "<a " not in raw.text


@pytest.mark.parametrize("quote", ["'", '"'])
def test_site_page_is_read_from_its_metadata_table_on(tmp_path, quote):
    # Only the cable part of a page is decoded: a Latin-1 byte in the navigation before the table (0xE9, not UTF-8)
    # must not make the cable's UTF-8 text be read as CP1252. Pages write the class in either quote.
    page = (CABLES / "09MOSCOW2771.html").read_bytes()
    table = page.index(b"class='cable'")
    page = page[:table].replace(b"<body", b"<p>Caf\xe9</p><body", 1) + page[table:].replace(
        b"class='cable'", f"class={quote}cable{quote}".encode(), 1) + "<pre>été</pre>".encode()
    (tmp_path / "page.html").write_bytes(page)
    [raw] = list(read([str(tmp_path / "page.html")]))
    assert raw.source["reference_id"] == "09MOSCOW2771" and raw.source["format"] == "wikileaks-html"
    assert raw.text.endswith("été")


def test_csv_rows_are_streamed_one_record_each():
    rows = list(read_csv(io.BytesIO((CABLES / "cables_sample.csv").read_bytes()), "cables_sample.csv"))
    assert [r.source["reference_id"] for r in rows] == ["85LISBON2271", "04KUWAIT2620", "09TOKYO2790"]
    assert all(r.source["row"] == i for i, r in enumerate(rows, start=1))
    assert '"' in rows[2].text  # the escaped quotes of the Tokyo body are read back as quotes


def test_malformed_csv_row_is_a_failure_naming_the_row(tmp_path):
    bad = tmp_path / "cables.csv"
    bad.write_text('"1","1/2/2009 10:00","09STATE1","SecState","UNCLASSIFIED","","H","B"\n"2","1/2/2009 10:00","x"\n')
    items = list(read([str(bad)]))
    assert not isinstance(items[0], SourceFailure)
    assert isinstance(items[1], SourceFailure) and "row 2" in items[1].reason


def test_unreadable_files_fail_one_line_each_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    (tmp_path / "c_notes.txt").write_text("shopping list: milk, eggs")
    (tmp_path / "d_cable.txt").write_bytes((CABLES / "10STATE8341.txt").read_bytes())
    items = list(parse_paths([str(tmp_path), str(tmp_path / "missing.txt")]))
    failures = [i for i in items if isinstance(i, SourceFailure)]
    assert [f.path.rsplit("/", 1)[-1] for f in failures] == ["a_empty.txt", "b_broken.html.gz", "c_notes.txt",
                                                            "missing.txt"]
    assert all("\n" not in str(f) and f.reason for f in failures)
    assert [c.reference_id for c in items if not isinstance(c, SourceFailure)] == ["10STATE8341"]


def test_pdf_without_the_extra_or_damaged_is_a_failure(tmp_path):
    broken = tmp_path / "x.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    [failure] = list(read([str(broken)]))
    assert isinstance(failure, SourceFailure) and "PDF" in failure.reason


def test_detect_format_of_text_and_markup():
    assert detect_format(b"VZCZCXRO2339\nPP RUEHBC") == "text"
    assert detect_format(b"<html><body>hello</body></html>") == "html"


@needs_corpus
def test_pdf_text_layer_and_the_pdf_without_one():
    items = list(parse_paths([str(CORPUS / "pdf")]))
    failures = [i for i in items if isinstance(i, SourceFailure)]
    cables = [i for i in items if not isinstance(i, SourceFailure)]
    assert failures == []
    assert len(cables) == 14
    assert sum(1 for c in cables if c.subject) == 13
    # 00DAMASCUS3013's text layer holds only the header: a record with a diagnostic rather than silence.
    damascus = next(c for c in cables if c.reference_id == "00DAMASCUS3013")
    assert "pdf-text-layer-thin" in {d.code for d in damascus.diagnostics}
    athens = next(c for c in cables if c.reference_id == "00ATHENS1917")
    assert athens.tags == ["PREL", "ECIN", "ZL", "GR"]  # one code a line in the text layer


@needs_corpus
def test_plusd_pages():
    cables = list(parse_paths([str(CORPUS / "html" / "plusd")]))
    assert {c.reference_id for c in cables} == {"73STATE97844", "74ATHENS2959", "74ATHENS3099"}
    athens = next(c for c in cables if c.reference_id == "74ATHENS3099")
    assert athens.source["reference_id"] == "1974ATHENS03099_b"
    assert athens.subject == "ARRESTS OF KALOUDIS AND AMBATIELOS"
    assert [r.reference_id for r in athens.references] == ["74STATE97844", "74ATHENS2959"]
    assert athens.signers == ["TASCA"]


def test_gzipped_cables_csv_is_streamed(tmp_path):
    packed = tmp_path / "cables.csv.gz"
    packed.write_bytes(gzip.compress((CABLES / "cables_sample.csv").read_bytes()))
    items = list(read([str(packed)]))
    assert [i.source["reference_id"] for i in items] == ["85LISBON2271", "04KUWAIT2620", "09TOKYO2790"]
    assert all(i.source["format"] == "cables-csv" for i in items)
