"""parse(text, source) -> Cable: the pipeline, top to bottom.

clean (artifacts blanked, offsets kept) -> header (format lines, classification line) -> preamble (captions, E.O.,
TAGS, SUBJECT, REF, Classified By) -> body (paragraphs, summary, comments, signers) -> resolve (ids, references,
tags). Lenient: any text yields a record; what could not be read is said in `diagnostics`.
"""

from __future__ import annotations

import hashlib
import html
import re
import traceback
from datetime import datetime
from pathlib import PurePath
from typing import Any

from . import preamble as pre
from . import regexes as rx
from .body import read_body, undouble_quotes
from .clean import clean, fold
from .header import find_classification_line, find_full_copy, full_year, read_header
from .models import Cable, Diagnostic
from .resolve import (
    canonical_id,
    normalize_id,
    origin_code,
    origin_from_fm,
    read_references,
    repair_origin,
    repair_tags,
)

_PARTIAL_EXTRACT = re.compile(r"partial extract of the original cable", re.I)
_EXTRACT_DATE = re.compile(r"^\s*\w+day,\s+(\d{1,2})\s+(\w+)\s+(\d{4}),\s+(\d{1,2}):(\d{2})\s*$", re.M)
_SOURCE_CLASSIFICATIONS = {"UNCLASSIFIED//FOR OFFICIAL USE ONLY": "UNCLASSIFIED"}
_NEWLINE_ENTITY = re.compile(r"&#x000[Aa];")  # led by `&`, rare: `re` skips to it faster than `in` finds the words


def normalize_text(text: str) -> str:
    """Line ends as `\\n`; a site page's `&#x000A;` entities (text pasted from page source) as real newlines."""
    if "\r" in text:  # a memchr: faster than the two replaces' scans of a text that has none
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEWLINE_ENTITY.search(text):
        text = html.unescape(re.sub(r"<[^>]+>", "", text.replace("&#x000A;", "\n").replace("&#x000a;", "\n")))
    return text


def parse(text: str, source: dict[str, Any] | None = None) -> Cable:
    """Read one cable's text into a record. Never raises: an internal failure becomes a `parser-error` diagnostic."""
    source = dict(source or {})
    text = normalize_text(text if isinstance(text, str) else str(text))
    try:
        return _parse(text, source)
    except Exception as exc:  # the parser is lenient by contract; the corpus tests assert this never happens
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Cable(
            reference_id=_id_from_source(source) or unknown_id(text), text=text, source=source,
            diagnostics=[Diagnostic(code="parser-error", severity="warning",
                                    message=f"{type(exc).__name__}: {exc} (at {where.name}:{where.lineno})")])


def _parse(text: str, source: dict[str, Any]) -> Cable:
    diagnostics: list[Diagnostic] = []
    spans: dict[str, tuple[int, int]] = {}
    cls = find_classification_line(text)
    cleaned = clean(text, cls.origin_word if cls else None, cls.start if cls else 0)
    if (cls is None or cls.serial is None) and (again := find_classification_line(cleaned.work)) and \
            (cls is None or again.serial is not None):
        # A line that only cleaning puts at a line's start (08MEXICO23: a cables.csv record's `...WASHINGTON
        # DC","UNCLAS SECTION 01 OF 03 MEXICO 000023`), over none or a bare banner (10TASHKENT27, whose TSV record
        # opens the line with a tab: the body's `confidential Embassy sources ...` was taken for it): cleaned again
        # knowing where it is.
        cls = again
        cleaned = clean(text, cls.origin_word, cls.start)
    work = cleaned.work
    diagnostics += cleaned.diagnostics

    # Header: everything before the classification line.
    header_end = cls.start if cls else _header_end_without_classification(work)
    cable = Cable(reference_id="", text=text, source=source)
    read_header(work, header_end, cable, spans)

    # Preamble and body; from the full copy when the source showed a truncated one first.
    preamble_start = cls.end if cls else header_end
    first_paragraph = _first_paragraph(work, preamble_start)
    fields = pre.find_preamble(work, preamble_start, len(work), first_paragraph)
    if cls and (full := find_full_copy(work, cls)):
        full_first = _first_paragraph(work, full.end)
        full_fields = pre.find_preamble(work, full.end, len(work), full_first)
        # The later copy is the cable when it runs on longer than the first does up to where the page cut it off
        # (06LIMA4621 `(U) Summary: The National Electoral Boa...`, then a cables.csv record's dump and the whole
        # cable; 08BERLIN1690 `Classified By: POLITICAL M...`), or when it reads more fields (08MOSCOW2426: both are
        # cut, the later one after TAGS). A first copy as long is the whole cable, which a TSV record repeats
        # (08BERN443), or one the later copy repeats cut shorter still (08ANKARA1423 `Reasons 1.4...`, then only the
        # copy's classification line and the preamble run on after it).
        cut_at = _CUT_MARK.search(work, cls.end, full.start)
        if len(work) - full.end > (cut_at.end() if cut_at else full.start) - cls.end or \
                len(full_fields.fields) > len(fields.fields):
            diagnostics.append(Diagnostic(code="truncated-copy-skipped", severity="info", message=(
                "the source shows a truncated copy of the cable before the full one; the full copy was read")))
            if cable.transmission_id is None:
                # A mail printout (06TRIPOLI498) shows a first classification line, routing notes, then the
                # transmission header and the cable again: the header stands between the two copies.
                read_header(work, full.start, cable, spans, start=cls.end)
            _keep_preview_fields(fields, full_fields, full.start)
            cls, fields = full, full_fields
    if cls:
        cable.classification, cable.section_count, cable.section = cls.classification, cls.section_count, cls.section
        spans["classification"] = (cls.start, cls.end)
    else:
        cable.classification = _source_classification(source)
        diagnostics.append(Diagnostic(code="no-classification-line", message=(
            "no classification line found" + (f"; classification taken from the source ({cable.classification})"
                                               if cable.classification else ""))))
    cable.handling = _unique([*(cls.handling if cls else []), *fields.handling])
    diagnostics += fields.diagnostics

    if _PARTIAL_EXTRACT.search(text[:header_end + 1 if cls else 400]):
        diagnostics.append(Diagnostic(code="partial-extract", severity="info", message=(
            "the source says this is a partial extract: the full text of the original cable is not available")))

    year = _year(cable, source)
    _read_fields(cable, fields, work, year, spans, diagnostics)

    line_no = text.count("\n", 0, fields.body_start) + 1
    body = read_body(work, fields.body_start, len(work), cleaned.markdown, line_no)
    cable.paragraphs, cable.summary, cable.comments, cable.signers = (
        body.paragraphs, body.summary, body.comments, body.signers)
    diagnostics += body.diagnostics
    if cable.classified_by is None:
        _classified_by_in_body(cable, spans)

    if source.get("format") == "pdf" and len(text) < 400 * int(source.get("pages") or 1):
        diagnostics.append(Diagnostic(code="pdf-text-layer-thin", message=(
            f"the PDF's text layer holds {len(text)} characters over {source.get('pages')} page(s): the rest of the "
            "cable is an image without text (OCR it to read it)")))
    cable.reference_id = _reference_id(cable, source, cls, year, diagnostics)
    cable.date = cable.dtg or _date_from_source(source) or _extract_date(text, header_end)
    cable.spans = spans
    _check_required(cable, diagnostics)
    cable.diagnostics = diagnostics
    return cable


# Where the page cut its preview off: a word run into the dots at a line's end (06LIMA2017 `(U) Visit..`). A field's
# value so cut, or the dots alone (07TALLINN247 `Classified By: C...`, 09STATE112644 `Classified By: ...`).
_CUT_MARK = re.compile(r"\w\.{2,3}[ \t]*$", re.M)
_CUT_OFF = re.compile(r"(?:\w|^\s*)\.{2,3}\s*$")


def _keep_preview_fields(cut: pre.Preamble, full: pre.Preamble, full_start: int) -> None:
    """The cut copy's fields the full copy lacks, unless cut off: a reflowed full copy may lose its SUBJECT keyword
    (07MANAMA995) or its subject, REF and Classified By lines (09BAKU20). A cut subject is still the cable's only one
    (07MOSCOW1704 `RUSSIAN SCIEN...`); a cut REF or Classified By misreads its last item or name.
    And the cut copy's TAGS when whole, another field after them: the full copy's may have lost the line the codes
    wrapped onto (08STATE86156 `... PINR AMGT` / `GG`, 08YEREVAN639 `... EWWT PBTS` / `GG, RU, AM`) or run on onto
    the line after (08RIGA472 `... GG LG` / `STATE 86108`, 08USNATO279 `... NATO GG` / `FRENCH EDGY ABOUT ...`)."""
    preview = {key: f for key, f in cut.fields.items() if f.start < full_start}  # not the full copy's own, read on
    for key, f in preview.items():
        if key not in full.fields and (key == "subject" or not _CUT_OFF.search(f.value)):
            full.fields[key] = f
    tags, full_tags = preview.get("tags"), full.fields.get("tags")
    if tags and full_tags and any(f.start > tags.start for f in preview.values()) and \
            pre.split_tags(pre.tags_value(tags.value)) != pre.split_tags(pre.tags_value(full_tags.value)):
        full.fields["tags"] = tags


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _header_end_without_classification(work: str) -> int:
    """With no classification line, the header ends where the first preamble keyword or blank line after FM is."""
    keys = [m.start() for _, p in rx.PREAMBLE_KEYS[:3] if (m := p.search(work))]
    if keys:
        line_start = work.rfind("\n", 0, min(keys)) + 1
        return line_start
    fm = rx.FM_LINE.search(work)
    if fm:
        blank = _BLANK_LINE.search(work, fm.end())
        return blank.start() if blank else len(work)
    return 0


def _first_paragraph(work: str, start: int) -> int | None:
    for m in rx.PARAGRAPH_START.finditer(work, start):
        if int(m.group("number")) <= 3 or m.group("marking"):
            return m.start()
    return None


def _read_fields(cable: Cable, fields: pre.Preamble, work: str, year: int | None,
                 spans: dict[str, tuple[int, int]], diagnostics: list[Diagnostic]) -> None:
    """Preamble fields into the record; spans are trimmed on the cable's own text, artifacts and all."""
    f = fields.fields
    text = cable.text
    if eo := f.get("eo"):
        cable.eo, cable.declassification, cable.declassify_on, eo_span = pre.read_eo(eo, work)
        if eo_span:
            spans["eo"] = eo_span
        spans["declassification"] = _trimmed(text, eo.start, eo.end)
    if tags := f.get("tags"):
        value = pre.tags_value(tags.value)
        cable.tags, notes = repair_tags(pre.split_tags(value))
        diagnostics += notes
        spans["tags"] = _trimmed(text, tags.start, tags.start + len(value))
    if subject := f.get("subject"):
        cable.subject, cable.subject_marking = pre.read_subject(subject.value)
        if cable.subject and '""' in cable.subject and \
                (undoubled := undouble_quotes(cable.subject)) != cable.subject:
            # As in paragraphs (body.py): 09THEHAGUE418 `ENROUTE TO YES ON MOST ""ASKS"" POST-2010`.
            cable.subject = undoubled
            diagnostics.append(Diagnostic(code="quotes-undoubled", severity="repair", message=(
                'quotation marks the rendering doubled in the subject (`""ASKS""`) written once')))
        spans["subject"] = _trimmed(text, subject.start, subject.end)
    if ref := f.get("ref"):
        cable.references = read_references(ref.value, ref.start, year)
        spans["references"] = _trimmed(text, ref.start, ref.end)
    if cb := f.get("classified_by"):
        cable.classified_by = pre.read_classified_by(cb.value)
        spans["classified_by"] = _trimmed(text, cb.start, cb.end)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the blanks at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _classified_by_in_body(cable: Cable, spans: dict[str, tuple[int, int]]) -> None:
    """Some cables put Classified By in their first paragraph (09PARTO40301 `1. (U) Classified by Uzra Zeya, ...`,
    01VATICAN1261 `1. (U) CLASSIFIED BY CDA ...`): read it there, the paragraph stays as written."""
    for paragraph in cable.paragraphs[:2]:
        m = rx.CLASSIFIED_BY_KEY.match(paragraph.text)
        if m:
            cable.classified_by = pre.read_classified_by(paragraph.text[m.end():])
            if paragraph.span:
                spans["classified_by"] = paragraph.span
            return


def _check_required(cable: Cable, diagnostics: list[Diagnostic]) -> None:
    if not cable.subject:
        diagnostics.append(Diagnostic(code="no-subject", message="no SUBJECT line found"))
    if cable.classification and cable.classification != "UNCLASSIFIED" and cable.classified_by is None \
            and cable.dtg and cable.dtg >= "1995":
        diagnostics.append(Diagnostic(code="no-classified-by", severity="info",
                                      message="a classified cable without a Classified By line"))


# --- identity -------------------------------------------------------------------------------------------------------


_ID_LIKE = re.compile(r"\d{2,4}[A-Z]")  # a file named by its cable's id
_ID_YEAR = re.compile(r"(\d{4}|\d{2})[A-Z]")  # a published id's year: `07BAGHDAD620`, `1974ATHENS03099_b`


def _id_from_source(source: dict[str, Any]) -> str | None:
    published = source.get("reference_id")
    if not published and source.get("path"):
        stem = PurePath(str(source["path"])).name.split(".")[0]
        published = stem if _ID_LIKE.match(stem) else None
        if published:
            source.setdefault("reference_id", published)
    return published


def _year(cable: Cable, source: dict[str, Any]) -> int | None:
    """The cable's year: its DTG, else its published id (`1974ATHENS03099_b`, `07BAGHDAD620`; a doubled
    `7575LIBREVILLE1895` is 1975), else the source's date."""
    if cable.dtg:
        return int(cable.dtg[:4])
    published = _id_from_source(source)
    if published and (m := _ID_YEAR.match(published)):
        digits = m.group(1)
        return int(digits) if len(digits) == 4 and 1900 < int(digits) < 2100 else full_year(digits[-2:])
    if date := _date_from_source(source):
        return int(date[:4])
    return None


def _reference_id(cable: Cable, source: dict[str, Any], cls: Any, year: int | None,
                  diagnostics: list[Diagnostic]) -> str:
    """The canonical id: the source's when well formed, else rebuilt from the cable's own header."""
    published = _id_from_source(source)
    built = None
    serial = cls.serial if cls and cls.serial is not None else cable.station_serial
    origin = cls.origin_word if cls else None
    if cable.origin:
        fm_origin = origin_from_fm(cable.origin)
        # The FM line is the better spelling when the classification line is damaged (09SECTION02OF03QRIPOLI583
        # `QRIPOLI`, 08SECTION01GF02BISHIEK21 `BISHIEK`): keep the class line's word only where the FM line agrees.
        if not origin or origin_code(origin) not in fm_origin:
            origin = fm_origin
        if cable.station_serial is not None and (serial is None or cls and cls.origin_word and
                                                 origin_code(cls.origin_word) not in fm_origin):
            serial = cable.station_serial
    elif origin and not (published and normalize_id(published)) and (fixed := repair_origin(origin_code(origin))):
        diagnostics.append(Diagnostic(code="origin-repaired", severity="repair", message=(
            f"the classification line's origin {origin!r} read as {fixed}, the one known post a letter away")))
        origin = fixed
    if year and origin and serial is not None:
        built = canonical_id(year, origin, serial)
    if published:
        normal = normalize_id(published)
        if normal:
            if normal != published:
                diagnostics.append(Diagnostic(code="id-normalized", severity="info",
                                              message=f"published id {published} written as {normal}"))
            return normal
        if built:
            diagnostics.append(Diagnostic(code="id-repaired", severity="repair", message=(
                f"published id {published!r} is malformed; rebuilt from the cable's header as {built}")))
            return built
        diagnostics.append(Diagnostic(code="id-malformed", message=f"published id {published!r} is malformed"))
        return published
    if built:
        return built
    diagnostics.append(Diagnostic(code="no-reference-id", message="no id in the source and none in the header"))
    return unknown_id(cable.text)


def unknown_id(text: str) -> str:
    """The id of a text that names none, in its source or its header: `UNKNOWN_` and the first 12 hex digits of the
    text's SHA-256, so that unidentified texts stay apart in a store and the same text keeps its id."""
    return "UNKNOWN_" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12].upper()


# --- dates ------------------------------------------------------------------------------------------------------------


def _date_from_source(source: dict[str, Any]) -> str | None:
    """A date from the source's metadata: `2008-03-13 15:03` (site), `12/28/1966 18:48` (csv), PlusD's `1974 May 23`.

    Only the day is trusted from site pages: their minute field is wrong (the April 2011 snapshot repeats the hour).
    """
    created = source.get("created")
    if not created:
        return None
    for fmt in ("%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M", "%Y %B %d, %H:%M"):
        try:
            stamp = datetime.strptime(created.split(" (")[0].strip(), fmt)
        except ValueError:
            continue
        return stamp.strftime("%Y-%m-%dT%H:%M:00Z")
    return None


def _extract_date(text: str, header_end: int) -> str | None:
    """A partial extract's date line (`Wednesday, 24 November 2004, 16:43`)."""
    if m := _EXTRACT_DATE.search(text, 0, header_end + 200):
        try:
            stamp = datetime.strptime(f"{m.group(1)} {m.group(2)} {m.group(3)} {m.group(4)}:{m.group(5)}",
                                      "%d %B %Y %H:%M")
        except ValueError:
            return None
        return stamp.strftime("%Y-%m-%dT%H:%M:00Z")
    return None


def _source_classification(source: dict[str, Any]) -> str | None:
    value = fold(str(source.get("classification") or "")).upper()
    value = _SOURCE_CLASSIFICATIONS.get(value, value.split("//")[0])
    return value or None
