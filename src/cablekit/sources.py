"""Sources: files in every form users hold cables in -> raw cable text plus provenance.

One reader per format; the format is detected from the content (magic bytes, markup), not only the extension:
plain text (UTF-8 or Latin-1/CP1252, CRLF or LF, also markdown-converted renderings), WikiLeaks Cablegate site pages
(`.html`, `.html.gz`), WikiLeaks PlusD record pages, the `cables.csv` dump (streamed row by row), and PDFs (text layer,
via the `pdf` extra). A file that cannot be read yields a `SourceFailure` naming the file and why; the batch goes on.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import html
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

CSV_COLUMNS = ("id", "created", "refid", "origin", "classification", "references", "header", "body")
# The real cables.csv has bodies past csv's default 128 KiB field limit (the longest cables run to ~1 MB).
csv.field_size_limit(64 * 1024 * 1024)


@dataclass(slots=True)
class RawCable:
    """The text of one cable as a source holds it, and where it came from (the record's `source`)."""

    text: str
    source: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SourceFailure:
    """A file (or a part of one) that yielded no cable: `path` and a one-line `reason`."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class SourceError(Exception):
    """Raised inside a reader when a file cannot be read; turned into a `SourceFailure` at the edge."""


class CsvRowError(SourceError):
    """A row of cables.csv that cannot be read: its number and what is wrong with it, apart, so that a reader of a
    part of the file can number the row through the whole file once it knows the rows before the part."""

    def __init__(self, row: int, problem: str) -> None:
        super().__init__(f"row {row} {problem}")
        self.row, self.problem = row, problem


# --- format detection -------------------------------------------------------------------------------------------

_GZIP_MAGIC = b"\x1f\x8b"
_PDF_MAGIC = b"%PDF-"
_CSV_ROW_START = re.compile(rb'^\s*"\d+","\d{1,2}/\d{1,2}/\d{4}')
# A line that opens with `"digits","M/D/YYYY` starts a record of cables.csv: inside a field every quote is escaped
# (`\"`), so no line of a cable's text can open with a bare quote followed by the id and the date.
_CSV_RECORD_START = re.compile(rb'\n"\d+","\d{1,2}/\d{1,2}/\d{4}')


def detect_format(data: bytes, name: str = "") -> str:
    """Name the format of a file from its bytes (already un-gzipped); only markup is looked for past the start."""
    head = data[:4096]
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    if _CSV_ROW_START.match(head) or name.lower().endswith(".csv") and head.lstrip().startswith(b'"'):
        return "cables-csv"
    start = head.lstrip()[:200].lower()
    if not start.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        return "text"
    if b'<table id="synopsis"' in data:
        return "plusd-html"
    # A site page, or the <pre> blocks cut out of one (txt-pre-extract). Looked for from the end: a page's blocks
    # follow 60-190 KB of navigation, where a search from the start would pass over every `<p`.
    if data.rfind(b"<pre") >= 0 or data.rfind(b"<PRE") >= 0:
        return "wikileaks-html"
    return "html"


# --- decoding -----------------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes -> text with `\\n` line ends; returns the text and the encoding that read it."""
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Raw cables are Latin-1 with the pilcrow as byte 0xB6; CP1252 reads those and the Windows quotes too.
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


# A line that opens with one of these says a text is (part of) a cable: a transmission header line (`VZCZC`, `FM`, `TO`,
# `DE`), a classification line (in capitals, or spaced: `C O N F I D E N T I A L`, 08TUNIS679 `SS E C R E T`, re-cased
# 04ANKARA348 `C o n f i d e n t i a l`), a preamble key (`TAGS:`, 04DUBLIN1719 `TAGS OVIP`, `SUBJECT:`, `REF:`,
# `E.O. 12958`); so a fragment that is only a TAGS line or a REF block is read. A text with none is refused rather
# than parsed into noise, and prose that only names them mid-line is none: the corpus's own README.md (`` a `VZCZC`
# header``), stats.md (`| SUBJECT: | 6556 |`) and index.tsv (`has_vzczc_header`); nor is `Secretary` or `Confidential
# sources said` a classification line.
_CABLE_MARKERS = re.compile(
    r"^[ \t]*(?:VZCZC|(?:FM|TO|DE) [A-Z]|(?i:TAGS?)(?:[ \t]*:|[ \t]+[A-Z]{2,5}\b)"
    r"|(?i:SUBJ(?:ECT)?|REF(?:S|TELS?)?)[ \t]*:|(?i:E\.[ \t]?O\.?)[ \t]?1\d{4}"
    r"|(?:UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)(?![A-Za-z])"
    r"|(?i:C O N F I D E N T I A L|S?S E C R E T|U N C L A S)(?![A-Za-z]))", re.M)
_TAG = re.compile(r"<[^>]+>")
_CABLE_TABLE = re.compile(r"<table class=.cable.>(.*?)</table>", re.S)
_TABLE_CELL = re.compile(r"<t([hd])[^>]*>(.*?)</t[hd]>", re.S)


def _strip_markup(fragment: str) -> str:
    """HTML fragment -> text: site line breaks (`&#x000A;`) become newlines, tags go, entities are decoded."""
    text = fragment.replace("&#x000A;", "\n").replace("\r\n", "\n")
    if "<" in text:
        text = _TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def _cable_part(page: bytes) -> bytes:
    """A site page from its metadata table on, which the `<pre>` blocks follow: the navigation before it (60 KB on
    the April 2011 pages, 187 KB after the full release) holds nothing of the cable, and need not be decoded."""
    table = page.rfind(b"class='cable'")
    if table < 0:
        table = page.rfind(b'class="cable"')
    return page[max(page.rfind(b"<", 0, table), 0):] if table >= 0 else page


def _wikileaks_page(page: str) -> tuple[str, dict[str, Any]]:
    """A Cablegate site page: the cable is in two `<pre>` blocks (header, body); metadata in `table.cable`."""
    blocks = []
    pos = page.find("<pre>")
    while pos >= 0:
        end = page.find("</pre>", pos)
        if end < 0:
            break
        blocks.append(_strip_markup(page[pos + 5:end]))
        pos = page.find("<pre>", end)
    if not blocks:
        raise SourceError("a WikiLeaks page without a <pre> block holding a cable")
    meta: dict[str, Any] = {}
    table = _CABLE_TABLE.search(page)
    if table:
        cells = _TABLE_CELL.findall(table.group(1))
        heads = [_strip_markup(c).strip() for kind, c in cells if kind == "h"]
        values = [_strip_markup(c).strip() for kind, c in cells if kind == "d"]
        keys = {"Reference ID": "reference_id", "Created": "created", "Released": "released",
                "Classification": "classification", "Origin": "origin_label"}
        for head, value in zip(heads, values, strict=False):
            if head in keys:
                meta[keys[head]] = value
    return "\n\n".join(blocks), meta


_PLUSD_FIELD = re.compile(
    r'<div class="s_key">.*?title="([^"]+)".*?</div>\s*<div class="s_val"[^>]*>(.*?)</div>', re.S)
_PLUSD_TEXT = re.compile(r'<div class="text-content">(.*?)</div>', re.S)
_PLUSD_KEYS = {
    "Canonical ID": "reference_id", "Date": "created", "Original Classification": "classification",
    "Current Classification": "current_classification", "Handling Restrictions": "handling",
    "TAGS": "tags", "Office": "office", "Locator": "locator", "Character Count": "character_count",
    "From": "origin_label", "Executive Order": "executive_order", "Type": "type",
}


def _plusd_page(page: str) -> tuple[str, dict[str, Any]]:
    """A PlusD record page: metadata in `table#synopsis`, the teletype text in the first `div.text-content`."""
    # The "Content" pane splits the text at the REF line (a hidden header div, a button, the rest); the
    # "Raw content" pane holds it whole, so read that one.
    raw_pane = page.find(">Raw content<")
    match = _PLUSD_TEXT.search(page, raw_pane if raw_pane >= 0 else 0)
    if not match:
        raise SourceError("a PlusD page without its text-content block")
    meta: dict[str, Any] = {}
    for key, value in _PLUSD_FIELD.findall(page):
        name = _PLUSD_KEYS.get(key.rstrip(":").strip())
        if name and name not in meta:
            meta[name] = " ".join(_strip_markup(value).split())
    return _strip_markup(match.group(1)), meta


# The PDFs' text layer puts each TAGS code on a line of its own with blank lines between (00ATHENS1917:
# `TAGS: \nPREL\n \nECIN\n \nZL`); the codes are put back on the TAGS line.
_PDF_TAGS = re.compile(r"^(TAGS:[ \t]*[^\n]*?)((?:[ \t]*\n[ \t]*(?:\n[ \t]*)?[A-Z][A-Z0-9-]{1,14}[ \t]*)+)$", re.M)


def _pdf_text(data: bytes) -> tuple[str, int]:
    try:
        import pypdf  # the `pdf` extra: imported only when a PDF is read
    except ImportError as exc:
        raise SourceError("reading PDFs needs the pdf extra: pip install 'cablekit[pdf]'") from exc
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types on damaged files; all mean "unreadable"
        raise SourceError(f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = _PDF_TAGS.sub(lambda m: m.group(1) + " ".join(m.group(2).split()), "\n".join(pages))
    if len(text.strip()) < 40:
        raise SourceError(f"PDF has no text layer ({len(pages)} pages, {len(text.strip())} characters of text)")
    return text.replace("\r\n", "\n"), len(pages)


# --- readers ------------------------------------------------------------------------------------------------------


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(data: bytes, path: str) -> Iterator[RawCable]:
    """Every cable in one file's bytes (gzip is opened as is). Raises SourceError when none can be read."""
    if data.startswith(_GZIP_MAGIC):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise SourceError(f"damaged gzip file ({exc})") from exc
    if not data.strip():
        raise SourceError("empty file")
    fmt = detect_format(data, path)
    if fmt == "cables-csv":
        yield from read_csv(io.BytesIO(data), path)
        return
    base = {"path": path, "format": fmt, "sha256": _sha256(data)}
    if fmt == "pdf":
        text, pages = _pdf_text(data)
        yield RawCable(text, {**base, "pages": pages})
        return
    text, encoding = decode_text(_cable_part(data) if fmt == "wikileaks-html" else data)
    if fmt == "wikileaks-html":
        text, meta = _wikileaks_page(text)
    elif fmt == "plusd-html":
        text, meta = _plusd_page(text)
    elif fmt == "html":
        raise SourceError("an HTML page that is neither a WikiLeaks cable page nor a PlusD record")
    else:
        if text.lstrip()[:1] in ("{", "[") and _is_json(text):
            raise SourceError("a JSON file, not a cable")
        if not _CABLE_MARKERS.search(text[:20000]):
            raise SourceError("not a cable: no line opens with a header, classification, TAGS, SUBJECT, REF or E.O.")
        meta = {"encoding": encoding}
    yield RawCable(text, {**base, **meta})


def csv_rows(stream: BinaryIO) -> Iterator[list[str]]:
    """The rows of a `cables.csv` stream as its dialect reads them (every field quoted, quotes escaped as `\\"`)."""
    text_stream = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
    return csv.reader(text_stream, escapechar="\\", doublequote=False)


def read_csv(stream: BinaryIO, path: str, first_row: int = 1) -> Iterator[RawCable]:
    """Rows of `cables.csv`, streamed: never loads the file (1.7 GB for the full dump) at once. `first_row` numbers
    the rows of a part of the file that starts further in (a Spark executor reads its own byte range)."""
    return csv_cables(csv_rows(stream), path, first_row)


def csv_cables(rows: Iterable[list[str]], path: str, first_row: int = 1) -> Iterator[RawCable]:
    """The cables of rows read by `csv_rows` (`read_csv`), the rows numbered from `first_row`."""
    row_number = first_row - 1
    try:
        for row_number, row in enumerate(rows, start=first_row):
            if not row:
                continue
            if len(row) != len(CSV_COLUMNS):
                raise CsvRowError(row_number, f"has {len(row)} columns, cables.csv has {len(CSV_COLUMNS)}")
            values = dict(zip(CSV_COLUMNS, row, strict=True))
            header, body = values["header"].replace("\r\n", "\n"), values["body"].replace("\r\n", "\n")
            source = {
                "path": path, "format": "cables-csv", "row": row_number,
                "sha256": _sha256(f"{header}\n\n{body}".encode()),
                "reference_id": values["refid"], "csv_id": values["id"], "created": values["created"],
                "origin_label": values["origin"], "classification": values["classification"],
                "references": [r for r in values["references"].split("|") if r],
            }
            yield RawCable(f"{header}\n\n{body}" if header.strip() else body, source)
    except csv.Error as exc:
        raise CsvRowError(row_number + 1, f"is malformed CSV ({exc})") from exc


def csv_parts(path: str, split_bytes: int) -> list[tuple[int, int]]:
    """Byte ranges of a plain (not gzipped) `cables.csv` larger than `split_bytes`, each starting on a record, so
    that processes (or Spark tasks) each read and parse their own; none for any other file (it is read whole)."""
    try:
        size = os.path.getsize(path)
        if size <= split_bytes:
            return []
        with open(path, "rb") as stream:
            if detect_format(stream.read(4096), path) != "cables-csv":
                return []
            starts = [0]
            for offset in range(split_bytes, size, split_bytes):
                start = _next_record(stream, max(offset, starts[-1] + 1))
                if start is None:
                    break
                if start > starts[-1]:
                    starts.append(start)
    except OSError:
        return []  # the task that reads it says why
    return list(zip(starts, [*starts[1:], size], strict=True))


def _next_record(stream: Any, offset: int, window: int = 1 << 20) -> int | None:
    """The offset of the first record of cables.csv that starts at or after `offset`."""
    base = offset - 1  # one byte back, to see the line end before a record that starts right at `offset`
    stream.seek(base)
    buffer = b""
    while chunk := stream.read(window):
        buffer += chunk
        match = _CSV_RECORD_START.search(buffer)
        if match:
            return base + match.start() + 1
        tail = buffer[-64:]  # longer than a record start: one cut in two by the read is found in the next
        base += len(buffer) - len(tail)
        buffer = tail
    return None


def read_part(path: str, start: int, end: int) -> bytes:
    with open(path, "rb") as stream:
        stream.seek(start)
        return stream.read(end - start)


def iter_files(paths: Iterable[str]) -> Iterator[str | SourceFailure]:
    """Expand paths (directories recursively, sorted) into file paths; `-` stands for stdin."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            found = sorted(str(p) for p in Path(path).rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from found
        elif os.path.exists(path):
            yield path
        else:
            yield SourceFailure(path, "no such file or directory")


def _read_file(path: str) -> Iterator[RawCable]:
    """Every cable in one file; a `cables.csv` (also gzipped) is streamed, any other file read whole."""
    if path == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "<stdin>")
        return
    with open(path, "rb") as raw:
        data = raw.read(65536)
        gzipped = data.startswith(_GZIP_MAGIC)
        # The format is read from the head, un-gzipped by zlib here: GzipFile reads a whole file in small chunks,
        # 3x slower than the one call `read_bytes` makes.
        head = zlib.decompressobj(wbits=31).decompress(data, 4096) if gzipped else data[:4096]
        streamed = detect_format(head, path.removesuffix(".gz")) == "cables-csv"
        if not streamed:
            data += raw.read()  # any other file whole, and only once
    if streamed:
        with (gzip.open if gzipped else open)(path, "rb") as stream:
            yield from read_csv(stream, path)
    else:
        yield from read_bytes(data, path)


def read(paths: Iterable[str]) -> Iterator[RawCable | SourceFailure]:
    """Every cable in these paths, in order; a file that cannot be read becomes one `SourceFailure`."""
    for item in iter_files(paths):
        if isinstance(item, SourceFailure):
            yield item
            continue
        name = "<stdin>" if item == "-" else item
        try:
            yield from _read_file(item)
        except SourceError as exc:
            yield SourceFailure(name, str(exc))
        except (OSError, EOFError, zlib.error) as exc:
            yield SourceFailure(name, getattr(exc, "strerror", None) or f"damaged or unreadable ({exc})")
