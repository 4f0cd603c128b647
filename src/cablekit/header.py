"""Header: the transmission's format lines (VZCZC, relay, DE, ZNY, precedence and DTG, FM, TO, INFO).

Also the classification line that opens the text (`S E C R E T SECTION 01 OF 03 BAGHDAD 000620`), which ends the
header and names the origin and serial used to repair malformed ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import regexes as rx
from .clean import fold
from .models import Addressee, Cable

PRECEDENCE = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}
CLASSIFICATION_NAMES = tuple(rx.CLASSIFICATION_WORDS)


def full_year(year: str) -> int:
    """`07` -> 2007, `66` -> 1966: cables run from 1966 to 2010."""
    value = int(year)
    if len(year) <= 2:
        value += 1900 if value >= 50 else 2000
    return value


def dtg_iso(day: str, hour: str, minute: str, month: str, year: str) -> str | None:
    """`201804Z FEB 07` -> `2007-02-20T18:04:00Z`; None when the group is not a real time."""
    mon = MONTHS.get(month.upper())
    d, h, mi = int(day), int(hour), int(minute)
    if not mon or not (1 <= d <= 31 and h <= 24 and mi <= 59):
        return None
    if h == 24:  # 2400Z is midnight ending the day; keep it on that day
        h, mi = 23, 59
    return f"{full_year(year):04d}-{mon:02d}-{d:02d}T{h:02d}:{mi:02d}:00Z"


@dataclass(slots=True)
class ClassificationLine:
    classification: str
    section: int | None
    section_count: int
    origin_word: str | None
    serial: int | None
    handling: list[str]
    start: int
    end: int


def find_classification_line(work: str, start: int = 0) -> ClassificationLine | None:
    """The line that opens the cable text; one naming an origin and serial is preferred over a bare banner."""
    first = None
    for m in rx.CLASSIFICATION_LINE.finditer(work, start):
        line = read_classification_line(m)
        if line.serial is not None or line.section is not None:
            return line
        if first is None:
            first = line
        if m.start() - start > 4000:
            break
    return first


def find_full_copy(work: str, first: ClassificationLine) -> ClassificationLine | None:
    """A later copy of the same classification line: the page showed a truncated copy of the cable first.

    Site pages that embed a cables.csv or TSV record (07KABUL2004, 08KABUL1064) show the cable cut off after a few
    lines, then the record with the whole cable again. Sections of a long cable repeat the line with another number.
    """
    if first.serial is None or not first.origin_word:
        return None
    found = None
    word = first.origin_word
    upper = work.upper()  # re-cased copies (`ankara 000348`) must be found too
    pos = upper.find(word, first.end)
    while pos >= 0:
        line_start = work.rfind("\n", 0, pos) + 1
        m = rx.CLASSIFICATION_LINE.match(work, line_start)
        if m and m.start("rest") <= pos:
            line = read_classification_line(m)
            same = (line.classification, line.origin_word, line.section) == \
                (first.classification, first.origin_word, first.section)
            if same and _same_serial(line.serial, first.serial):
                found = line
        line_end = work.find("\n", pos)
        if line_end < 0:
            break
        pos = upper.find(word, line_end)
    return found


def _same_serial(a: int | None, b: int | None) -> bool:
    """Equal, or one cut short in a copy (08BERLIN1690: `BERLIN 001690`, then `BERLIN 00169` in the record)."""
    if a is None or b is None:
        return False
    return str(a).startswith(str(b)) or str(b).startswith(str(a))


def read_classification_line(m: re.Match[str]) -> ClassificationLine:
    """The line ends where a preamble keyword starts on it: reflowed pages run the captions, E.O. and TAGS on
    (08USNATO281's full copy `S E C R E T USNATO 000281 NOFORN SIPDIS E.O. 12958: DECL: ... TAGS: ...`)."""
    name = next(n for i, n in enumerate(CLASSIFICATION_NAMES) if m.group(f"c{i}"))
    rest, end = m.group("rest"), m.end()
    if key := min((k.start() for _, p in rx.PREAMBLE_KEYS[:3] if (k := p.search(rest))), default=None):
        rest, end = rest[:key], m.start("rest") + key
    section = rx.SECTION.search(rest)
    section_no, count = (int(section.group(1)), int(section.group(2))) if section else (None, 1)
    tail = rest[section.end():] if section else rest
    origin_word = serial = None
    ident = rx.CLASS_LINE_ID.search(tail.split("//")[0])
    if ident and not rx.HANDLING.fullmatch(ident.group(1).strip()):
        origin_word, serial = fold(ident.group(1)).upper(), int(ident.group(2))
    handling = [fold(h).upper() for h in rx.HANDLING.findall(rest)]
    return ClassificationLine(name, section_no, max(count, 1), origin_word, serial, handling, m.start(), end)


def read_addressee(line: str) -> Addressee | None:
    line = fold(line)
    if not line or _is_distribution(line):
        return None
    m = rx.ADDRESSEE.match(line)
    if not m:
        return None
    route, name, precedence, number = m.groups()
    return Addressee(route=route, name=name.strip(), precedence=fold(precedence) if precedence else None,
                     number=number)


def _is_distribution(line: str) -> bool:
    """`DISTRIBUTION.search(line)`, asked only of a line that holds a `-` or ends in `W`, as each of its matches does:
    the pattern, led by no literal, is tried at every character (0.040 -> 0.006 CPU-s over the corpus's 43k addressee
    lines, all but 196 passed over)."""
    return ("-" in line or line.rstrip().endswith("W")) and rx.DISTRIBUTION.search(line) is not None


def _addressee_block(work: str, first: re.Match[str], stop: int) -> list[Addressee]:
    """The TO or INFO line and the continuation lines after it, up to the next keyword or blank line."""
    found = [a for a in [read_addressee(first.group(1))] if a]
    pos = first.end() + 1
    while pos < stop:
        end = work.find("\n", pos, stop)
        end = stop if end < 0 else end
        line = work[pos:end].strip()
        if not line or line.startswith(("INFO ", "INFO\t", "TO ", "BT", "ZEN/", "E.O.", "SUBJECT")) \
                or rx.CLASSIFICATION_LINE.match(line):
            break
        addressee = read_addressee(line)
        if addressee:
            found.append(addressee)
        pos = end + 1
    return found


def read_header(work: str, end: int, head: Cable, spans: dict[str, tuple[int, int]], start: int = 0) -> None:
    """Every header field found in `work[start:end]`, set on the record; missing lines leave their fields empty."""
    region = work[:end]
    if m := rx.TRANSMISSION_ID.search(region, start):
        head.transmission_id = m.group(1)
        spans["transmission_id"] = m.span(1)
        if f2 := rx.FORMAT_LINE_2.search(region, m.end()):
            head.relay = f2.group(2).split()
            pos = f2.end() + 1
            while pos < end:  # relay lines wrap (07BOGOTA1165: 19 indicators on two lines)
                line_end = region.find("\n", pos)
                line_end = end if line_end < 0 else line_end
                cont = rx.RELAY_CONT.match(region[pos:line_end])
                if not cont:
                    break
                head.relay += cont.group(1).split()
                pos = line_end + 1
    if m := rx.DE_LINE.search(region, start):
        head.station, head.station_serial = m.group(1), int(m.group(2))
        spans["station"] = m.span(1)
        spans["station_serial"] = m.span(2)
    if m := rx.DTG_LINE.search(region, start):
        head.precedence = PRECEDENCE[m.group(1)]
        head.dtg = dtg_iso(*m.group(3, 4, 5, 6, 7))
        spans["precedence"] = m.span(1)
        spans["dtg"] = (m.start(3), m.end(7))
    if m := rx.FM_LINE.search(region, start):
        head.origin = fold(m.group(1))
        spans["origin"] = m.span(1)
    if m := rx.TO_LINE.search(region, start):
        head.to = _addressee_block(region, m, end)
        if i := rx.INFO_LINE.search(region, m.end()):
            head.info = _addressee_block(region, i, end)
