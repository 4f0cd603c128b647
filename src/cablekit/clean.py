"""Clean: blank out what renderings added to a cable, keeping every offset.

The working text has the same length as the cable text and its newlines in the same places: an artifact is
overwritten with spaces, never cut. So every span the later stages find in the working text is a span of the
original, and whitespace folding at the end removes the blanks. Removals are reported as `info` diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import regexes as rx
from .models import Diagnostic


@dataclass(slots=True)
class Cleaned:
    work: str
    """The cable text with artifacts blanked: same length, same newlines."""
    markdown: bool = False
    """The text went through a markdown converter (link residue seen): stray `1`s and `)` dashes are likely."""
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank_matches(text: str, pattern: re.Pattern[str]) -> tuple[str, int]:
    """Overwrite each match with spaces (newlines inside a match are kept)."""
    matches = list(pattern.finditer(text))
    return _blanked(text, matches), len(matches)


def _blanked(text: str, matches: list[re.Match[str]]) -> str:
    """`text` with these matches of it overwritten with spaces (newlines inside a match are kept)."""
    if not matches:
        return text
    parts = []
    last = 0
    for m in matches:
        parts.append(text[last:m.start()])
        parts.append(_NOT_NEWLINE.sub(" ", m.group(0)))
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


def _unwrap_links(text: str) -> tuple[str, int]:
    """`[PGOV](#)` -> ` PGOV    `; the paragraph anchor `[1](#)` (a pilcrow the converter turned into 1) goes whole."""
    count = 0

    def unwrap(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        inner = m.group(1)
        if inner in ("1", "\u00b6") and m.end() < len(m.string) and m.string[m.end()].isdigit():
            return " " * len(m.group(0))
        return " " + inner + " " * (len(m.group(0)) - len(inner) - 1)

    return rx.MD_LINK.sub(unwrap, text), count


def _page_breaks(text: str, origin_word: str | None) -> tuple[str, int, int]:
    """Blank page-break markers: a whole line when the marker stands alone or after a banner in capitals, else the
    marker and the origin word before it (reflowed site pages put it mid-sentence, or after a REF item whose number
    tells it from a banner: 09BRUSSELS1639 `B. USEU BRUSSELS 1637 BRUSSELS 00001639 001.5 OF 002`). Returns the text
    and the counts of both kinds."""
    lines = inline = 0
    origin = origin_word.upper() if origin_word else None
    found = [*rx.PAGE_BREAK_ANY.finditer(text), *rx.PAGE_BREAK_REDACTED.finditer(text)]
    for m in sorted(found, key=lambda m: m.start(), reverse=True):
        if m.start() and text[m.start() - 1].isdigit():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start:m.start()]
        if not text[m.end():line_end].strip() and len(before.strip()) <= 40 and \
                (not before.strip() or (origin and before.strip().upper() == origin) or
                 before.strip().isupper() and not any(c.isdigit() for c in before)):
            text = _blank(text, line_start, line_end)
            lines += 1
            continue
        start = m.start()
        idx = before.upper().rfind(origin) if origin else -1
        if origin and idx >= 0 and not before[idx + len(origin):].strip():
            start = line_start + idx
        elif word := rx.PAGE_BREAK_ORIGIN.search(before):
            start = line_start + word.start()
        text = _blank(text, start, m.end())
        inline += 1
    return text, lines, inline


def _teletype_pages(work: str, body_start: int) -> tuple[str, int]:
    """Blank archival page lines (their marker, where the text goes on after it) and the page's classification
    banner on the line right before one, not the cable's own classification line (it starts at `body_start`). A
    banner standing alone is blanked with its line break, so the text the page split stays one block (00HARARE6677's
    subject, 02ROME1196's REF items go on after the page line); one blank lines part from the page line is blanked
    alone (01VATICAN5693 `REF. STATE 184178` / `CONFIDENTIAL` / blank / `PAGE 02 ...`). Returns the text and the
    count of page lines."""
    chars = None
    count = 0
    for m in rx.TELETYPE_PAGE_LINE.finditer(work):
        chars = chars or list(work)
        count += 1
        start = end = m.start()
        line = work.rfind("\n", 0, end - 1) + 1
        while 0 < line < end - 1 and not work[line:end - 1].strip():
            end = line
            line = work.rfind("\n", 0, end - 1) + 1
        if end and line < end - 1:
            banner = rx.TELETYPE_PAGE_BANNER.search(work, line, end - 1)
            if banner and banner.start() > body_start:
                if end < start:  # the blank lines between stay
                    chars[banner.start():end - 1] = " " * (end - 1 - banner.start())
                else:
                    start = banner.start()
        chars[start:m.end()] = " " * (m.end() - start)
    return ("".join(chars), count) if chars else (work, 0)


def _embedded_records(work: str) -> tuple[str, int]:
    """The classification line of a cables.csv record embedded after a cut copy of the cable is put on a line of its
    own and unwrapped, so the full copy is found (09THEHAGUE731 `... PRIORITY","S E C R E T SECTION 01 OF 02` /
    `THE HAGUE 000731`): a line break for the column's opening quote, spaces for the breaks the record's width put
    into the line, when the line so joined, at most three, is a classification line ending in a six-digit serial."""
    chars = None
    count = 0
    for m in rx.EMBEDDED_RECORD_BODY.finditer(work):
        end = m.end()
        for _ in range(3):
            if (end := work.find("\n", end + 1)) < 0:
                break
            joined = work[m.end():end].replace("\n", " ")
            if _SERIAL_END.search(joined):
                # Not the line a copy already holds whole at a line's start (01VATICAN5693 `","C O N F I D E N ...`).
                glued = work[work.rfind("\n", 0, m.start()) + 1:m.start()].strip() or "\n" in work[m.end():end]
                if glued and rx.CLASSIFICATION_LINE.match(joined):
                    chars = chars or list(work)
                    chars[m.start()] = "\n"
                    for i in range(m.end(), end):
                        if work[i] == "\n":
                            chars[i] = " "
                    count += 1
                break
    return ("".join(chars), count) if chars else (work, 0)


_SERIAL_END = re.compile(r"\s\d{6}[ \t]*\\?$")  # a TSV record's line ends in a backslash (10TASHKENT27)


def _section_headers(work: str, body_start: int) -> tuple[str, int]:
    """Blank the teletype header a later section repeats in the body of the site's 2000-2003 cables: from its
    banner and `ACTION` line through the section's classification line and the preamble lines it repeats, the last
    one holding E.O., TAGS, SUBJECT, REF or Classified By (02ROME1196 `DEPARTMENT FOR EUR/WE ... E.O. 12958: ...
    TAGS: ...`), and the lines after it that repeat a line of the first section's preamble: the rest of a subject a
    page cut (00HARARE6677 `OPPOSITION LEADER`, 02ROME3639 `AND THE EU`); not a paragraph, which a second copy of
    the cable repeats (02ROME1196). Returns the text and the count of headers."""
    chars = None
    count = 0
    first = None
    for m in rx.SECTION_HEADER.finditer(work, body_start):
        section = rx.SECTION.search(work, m.end(), m.end() + 3000)
        if not section or not rx.CLASSIFICATION_LINE.match(work, work.rfind("\n", 0, section.start()) + 1):
            continue
        end = work.find("\n", section.end())
        end = len(work) if end < 0 else end
        at = end
        for _ in range(20):  # the repeated preamble: short lines (blank ones too), the last holding a keyword
            if (nl := work.find("\n", at + 1)) < 0:
                break
            line = work[at + 1:nl]
            lead = len(line) - len(line.lstrip())
            if any(key.match(line, lead) for _, key in rx.PREAMBLE_KEYS) or rx.EO_KEY.search(line):
                end = nl
            elif nl - at > 160:  # a reflowed paragraph
                break
            at = nl
        if first is None:  # the lines of the first section's preamble, up to its first paragraph
            para = rx.PARAGRAPH_START.search(work, body_start, m.start())
            first = {line.strip() for line in work[body_start:para.start() if para else m.start()].split("\n")} - {""}
        while (nl := work.find("\n", end + 1)) > 0 and work[end + 1:nl].strip() in first:
            end = nl
        chars = chars or list(work)
        chars[m.start():end] = _NOT_NEWLINE.sub(" ", work[m.start():end])
        count += 1
    return ("".join(chars), count) if chars else (work, 0)


def _header_after_text(work: str, body_start: int) -> tuple[str, int]:
    """A transmission header the page repeats after the signature, cut off before any text of its own (07PARIS3193
    `STAPLETON` / `VZCZCXRO3412` / `RR RUEHAG ...` / `DE RUEHFR #3193/01 2071647` ... `RUCNMEM/EU MEMBER STATES`),
    blanked to the end: only when the cable's own header stands before it and every line after its `VZCZC` line is a
    header's, so nothing the author wrote goes with it (a copy of the whole cable goes on with its text)."""
    tail = work[-_HEADER_LINE_REACH:].rstrip()
    if not rx.HEADER_LINE.match(tail, tail.rfind("\n") + 1):
        return work, 0  # asked first, of the last line: most texts end in their signer (0.026 -> 0.008 CPU-s a corpus)
    at = work.rfind("VZCZC")
    line_start = work.rfind("\n", 0, at) + 1
    if at <= body_start or work.find("VZCZC") == at or work[line_start:at].strip():
        return work, 0
    if not all(rx.HEADER_LINE.match(line) for line in work[at:].split("\n")[1:] if line.strip()):
        return work, 0
    return work[:at] + _NOT_NEWLINE.sub(" ", work[at:]), 1


# Each artifact is looked for only in a text that holds its mark. A mark is a pattern led by a character rare in
# cables, which `re` skips to faster than `in` finds the word (1.5-2.5x over the corpus: `in` slows on common letters).
_LINK_RESIDUE = re.compile(r"\]\(#")
_RECORD_COLUMN = re.compile(r'","')
_PAGE_WORD = re.compile(r"PAGE ")
_DISTRIBUTION_LOG = re.compile(r"LOG-(?<= LOG-)")
_BACKSLASH_THEN_BREAK = re.compile(r"\\\n(?<= \\\n)")
# Where a text may hold a site banner: the row of stars, `website`, `Web Site`, `web site`, `WEBSITE`, `WEB SITE`.
_BANNER_HINTS = (re.compile(r"\*\*\*\*"), re.compile(r"b(?<=eb)(?:site| Site| site)"), re.compile(r"B(?<=EB) ?SITE"))
# How far from the end the archive's footer is looked for: its own length and the CSV residue after it (06ROME439).
# The pattern, led by no literal, is tried there only where its mark is: `ification:` or ` - ` (0.018 -> 0.005 CPU-s).
_TRAILER_REACH = 120
_TRAILER_MARKS = ("ification:", " - ")
# How far from the end a repeated header's last line is looked for (a long addressee line and the blanks after it).
_HEADER_LINE_REACH = 200
_BLANKS = re.compile(r"[ \t]*")
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n)+")


def _spreadsheet_rows(work: str) -> tuple[str, int]:
    """Each row end a spreadsheet left (`SPREADSHEET_ROW_END`) read as the line break it stands for, so paragraphs,
    subject and signature part where the cable parts them: its comma becomes the break (where the page broke the line
    there too, the page's break stays) and the rest blanks. Only in a text with three or more: one may be a slip.
    Read from E.O. on: the captions the rows glued to the classification line before it are read off that line
    (09STATE30927 `S E C R E T STATE 030927 ""NOFORN ,,""SIPDIS ,,""E.O. 12958`), which would stand alone."""
    if ',"' not in work:
        return work, 0
    eo = rx.EO_KEY.search(work)
    ends = list(rx.SPREADSHEET_ROW_END.finditer(work, eo.start() if eo else 0))
    if len(ends) < 3:
        return work, 0
    breaks = [m.start() for m in ends if "\n" not in m.group(0)]
    return _put(_blanked(work, ends), breaks, "\n"), len(ends)


def _spreadsheet_record(work: str) -> tuple[str, int]:
    """The classification line a spreadsheet's row glued after the record's header column put on a line of its own
    (09STATE30927 `... BUENOS AIRES 6302",S E C R E T STATE 030927 ""NOFORN`, 07ASUNCION396 `... WASHDC",S E C R E T
    ASUNCION 000396 SIPDIS`): a line break for the column's closing quote, at the first column so closed that a
    classification line naming its origin and six-digit serial follows."""
    at = work.find('",')
    while at >= 0:
        end = work.find("\n", at)
        m = rx.CLASSIFICATION_LINE.match(work[at + 2:end if end >= 0 else len(work)])
        if m and _ORIGIN_SERIAL.match(m.group("rest")):
            return f"{work[:at]}\n {work[at + 2:]}", 1  # the quote a break, the comma a space: the same length
        at = work.find('",', at + 2)
    return work, 0


_ORIGIN_SERIAL = re.compile(r"[ \t]+[A-Z][A-Z .'-]*?[ \t]\d{6}\b")


def _spreadsheet_damage(work: str, rows: int) -> Iterator[Diagnostic]:
    """What a spreadsheet did to the text that cannot be undone: a row it read as a formula (a line opening with
    `--` or `=`) replaced by `#NAME?` (07ASUNCION396), and, in a text whose row ends were read, quotation marks left
    that may open a row with no empty cells before it as well as quote (09STATE30927 `AND ""ANALYSIS`)."""
    lost = work.count("#NAME?")
    if lost:
        yield Diagnostic(code="spreadsheet-lost-lines", message=f"{lost} line(s) a spreadsheet read as formulas are "
                         "lost (`#NAME?` stands for each)")
    if rows and '"' in work:
        yield Diagnostic(code="spreadsheet-quotes", message="the text went through a spreadsheet: quotation marks "
                         "that open its rows cannot be told from the author's and are left as written")


def _single_space(work: str, start: int) -> tuple[str, int]:
    """Some renderings put a blank line after every wrapped line (06BUENOSAIRES2123); then one blank line less in
    every run of them, made so by overwriting a newline with a space, keeps the real blank lines and every offset.
    Reflowed text (a long line a paragraph, 72TEHRAN1164) also has a blank line after each line, and is left alone.
    Judged on the text after the classification line (`start`), so a header does not change the verdict."""
    body = work[start:]
    lines = body.count("\n")
    if lines < 20 or len(_BLANK_LINE.findall(body)) < lines * 0.45:
        return work, 0
    numbered = [(i, len(line.strip())) for i, line in enumerate(body.split("\n")) if line.strip()]
    followed = sum(1 for (a, _), (b, _) in zip(numbered, numbered[1:], strict=False) if b - a >= 2)
    lengths = sorted(n for _, n in numbered)
    if followed < len(numbered) * 0.8 or lengths[int(len(lengths) * 0.9)] > 90:  # wrapped lines only
        return work, 0
    return _put(work, [m.start() for m in _BLANK_RUN.finditer(work, start)], " "), 1


def _ends_sentence(work: str, m: re.Match[str]) -> bool:
    """The mark before a lost break ends a sentence, not a paragraph number (`1. (C)`, `3.. (SBU)` in 05PARIS4760):
    `arguments." 14. (C)` (02BRASILIA4227), `Paragraphs 4 and 10.  1. (C)` (09LONDON2479) and an ellipsis after a
    heading (08TRIPOLI642 `MARINER ON THE GROW ...  3. (C)`) do end one."""
    mark = work[m.start()]
    before = work[m.start() - 1] if m.start() else ""
    if m.group("bare"):
        # A bare number follows neither a number (09LAPAZ1784 `1. 1. Summary`), a marking (03THEHAGUE1865 `(C) 1.`),
        # nor a colon, after which it numbers a list (06BRASILIA2582 `AS FOLLOWS: 1. A/S Claudia McMurray 2. ...`).
        return (before.isalpha() or before in ".!?)]\"'") and mark != ":" and \
            not (mark == ")" and _closes_marking(work, m.start()))
    return before.isalpha() or before in ")]\"'" or (before in ".!?" and mark != ".") or \
        (before.isdigit() and bool(m.group("number"))) or m.start() >= 2 and work.startswith("...", m.start() - 2)


def _closes_marking(work: str, close: int) -> bool:
    opening = work.rfind("(", max(0, close - 48), close)
    return opening >= 0 and rx.MARKING.fullmatch(work, opening + 1, close) is not None


def _restore_breaks(work: str) -> tuple[str, int]:
    """Where a rendering lost the line breaks, a paragraph start (`1. (C)`, `(U)`, `6.`) follows a sentence on the
    same line (08TRIPOLI666 `REASON: 1.4 (b), (d) 1. (C) Summary:`, 08MANAMA126 `... (d). (C) Poloff`), a number
    and marking follow a word (05BRASILIA2676), or a number a heading's rule (08BUENOSAIRES858 `-------- 1.`); the
    space before it becomes a line break, which keeps every offset.
    A line so made is a paragraph only where the body finds its number next in the sequence."""
    breaks = list(_lost_breaks(work))
    if not breaks:
        return work, 0
    return _put(work, breaks, "\n"), len(breaks)


def _put(work: str, positions: list[int], char: str) -> str:
    """`work` with `char` at each position: joined from slices, 10x faster than a list of the text's characters
    joined again (0.045 -> 0.004 CPU-s over the corpus's texts with lost breaks)."""
    pieces = []
    last = 0
    for pos in sorted(set(positions)):
        pieces.append(work[last:pos])
        last = pos + 1
    pieces.append(work[last:])
    return char.join(pieces)


def _lost_breaks(work: str) -> Iterator[int]:
    """The positions of the spaces that stand where line breaks were lost."""
    for m in rx.MARKING_OPENS.finditer(work):
        if _NUMBER_OPENS_LINE.fullmatch(work, work.rfind("\n", 0, m.start()) + 1, m.start()):
            continue  # most markings: after their paragraph's number, at a line's start
        number = _NUMBER_BEFORE.search(work, max(0, m.start() - 6), m.start())  # `event. 4 (C)` (08MANAMA288)
        space = _space_after_sentence(work, number.start() if number else m.start())
        if space is None:
            space = _space_before_marked_bullet(work, m.start())
        if space is not None:
            yield space
        glued = rx.NUMBER_AFTER_WORD.search(work, max(0, m.start() - 12), m.start())
        if glued:
            yield glued.start(1)
    for m in rx.LOST_BREAK_NUMBER.finditer(work):
        number = m.start() - 1 if work[m.start() - 2] in " \t" else m.start() - 2
        if number < 2 or work[number - 2] == "\n":
            continue  # one blank, a blanked `¶`, opens the line before the number: no sentence ends before it
        if (space := _space_after_sentence(work, number)) is not None:
            yield space
    for rule in rx.RULES_THEN_NUMBER:
        for m in rule.finditer(work):
            yield m.end() - 1
    # A paragraph number after a run of blanks (a blanked page break on a reflowed line): a str.find loop, since a
    # pattern that starts with a run of blanks is slow on the long runs blanking leaves.
    run = work.find(" " * 8)
    while run >= 0:
        after = _BLANKS.match(work, run).end()  # type: ignore[union-attr]  # always matches
        if rx.NUMBER_AFTER_BLANKS.match(work, after) and work[run - 1:run] != "\n":
            yield run
        run = work.find(" " * 8, after)


def _space_before_marked_bullet(work: str, marking: int) -> int | None:
    """Where a line break was lost before a bullet that bears its own marking, after the sentence before it
    (09CAIRO2133 `... in the region. -- (C) On Iran, Aboul Gheit ...`): the space after that sentence; or None."""
    dashes = marking
    while dashes and work[dashes - 1] in " \t":
        dashes -= 1
    if not work.startswith("--", dashes - 2):
        return None
    mark = dashes - 2
    while mark and work[mark - 1] in " \t":
        mark -= 1
    return mark if mark < dashes - 2 and work[mark - 1:mark] in _SENTENCE_MARKS else None


_SENTENCE_MARKS = frozenset(".!?\"')]")
# A paragraph's number opening its line, up to its marking (`1. (C)`): no sentence and no word stands before the
# marking, so neither `_space_after_sentence` nor `NUMBER_AFTER_WORD` can find a lost break there. Asked first, it
# passes over 95% of the markings the corpus's cleaned texts hold (their loop in `_lost_breaks`: 0.12 -> 0.06 CPU-s).
_NUMBER_OPENS_LINE = re.compile(r"[ \t]*\d+\.?[ \t]*")
# A number without its period before a marking (`4 (C)`), where a number with it is found by LOST_BREAK_NUMBER.
_NUMBER_BEFORE = re.compile(r"(?<![^ \t])\d{1,2}[ \t]{1,3}$")


def _space_after_sentence(work: str, start: int) -> int | None:
    """Where a line break was lost before the paragraph start at `start`: the space after the sentence that ends, blanks
    apart, right before it (LOST_BREAK, matched at the sentence's last mark); or None."""
    mark = start - 1
    while mark >= 0 and work[mark] in " \t":
        mark -= 1
    if 0 <= mark < start - 1 and (m := rx.LOST_BREAK.match(work, mark)) and _ends_sentence(work, m):
        return mark + 1
    return None


def _missing_sections(work: str) -> list[re.Match[str]]:
    """Each `Missing Section N` the text holds, in order: the matches of both patterns, which never overlap (a match
    holds no `m` but its first)."""
    return sorted((m for pattern in rx.MISSING_SECTION for m in pattern.finditer(work)), key=lambda m: m.start())


def clean(text: str, origin_word: str | None = None, body_start: int = 0) -> Cleaned:
    """Blank the rendering artifacts of `text`; `origin_word` (from the classification line) finds inline breaks,
    `body_start` (where that line starts) bounds the look at line spacing."""
    work = text
    result = Cleaned(work=text)
    counts: dict[str, int] = {}
    if _LINK_RESIDUE.search(work):
        result.markdown = True
        work, counts["link residue"] = _unwrap_links(work)
    if "\t" in work or _RECORD_COLUMN.search(work):
        work, counts["embedded record classification lines restored"] = _embedded_records(work)
    work, counts["spreadsheet row ends"] = _spreadsheet_rows(work)
    if counts["spreadsheet row ends"]:
        work, counts["spreadsheet classification lines restored"] = _spreadsheet_record(work)
    result.diagnostics += _spreadsheet_damage(work, counts["spreadsheet row ends"])
    if "\u00b6" in work:
        counts["paragraph signs"] = work.count("\u00b6")
        work = work.replace("\u00b6", " ")
    work, counts["page-break lines"], counts["inline page breaks"] = _page_breaks(work, origin_word)
    if _PAGE_WORD.search(work):
        work, counts["teletype page lines"] = _teletype_pages(work, body_start)
    if _DISTRIBUTION_LOG.search(work):  # the distribution of a later section's teletype header
        work, counts["section headers"] = _section_headers(work, body_start)
    if _BACKSLASH_THEN_BREAK.search(work):  # before the banners, whose address may follow a backslash (09ANKARA71)
        work, counts["line-end backslashes"] = _blank_matches(work, rx.LINE_END_BACKSLASH)
    if any(hint.search(work) for hint in _BANNER_HINTS):
        for missing in _missing_sections(work):
            result.diagnostics.append(Diagnostic(
                code="section-missing", message=f"the source says section {int(missing.group(1))} is missing"))
        work, counts["site banners"] = _blank_matches(work, rx.BANNER)
    if any(mark in work[-_TRAILER_REACH:] for mark in _TRAILER_MARKS) and \
            (trailer := rx.ARCHIVE_TRAILER.search(work, max(0, len(work) - _TRAILER_REACH))):
        work, counts["archive trailers"] = _blanked(work, [trailer]), 1
    work, counts["headers after the text"] = _header_after_text(work, body_start)
    work, counts["double spacing"] = _single_space(work, body_start)
    work, counts["line breaks restored"] = _restore_breaks(work)
    removed = {k: v for k, v in counts.items() if v}
    if removed:
        what = ", ".join(f"{v} {k}" for k, v in removed.items())
        result.diagnostics.append(Diagnostic(
            code="artifacts-removed", severity="info", message=f"rendering artifacts removed: {what}"))
    result.work = work
    return result


def fold(text: str) -> str:
    """Whitespace folded to single spaces, ends trimmed: how the record holds every string."""
    if text.isascii() and "\n" not in text and "\t" not in text and "\r" not in text and "\x0b" not in text and \
            "\x0c" not in text and "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and \
            "\x1f" not in text:  # no whitespace but spaces (`str.split` splits ASCII at these too)
        # Most paragraphs, their lines joined: their runs of spaces folded in C, 2x faster than a long paragraph split
        # into its words and joined (each check above is a memchr). One pass of a pattern, where `replace("  ", " ")`
        # halved the runs a pass at a time: up to 8 passes over a text with blanked artifacts (fold over the corpus
        # 0.306 -> 0.268 CPU-s).
        return _SPACE_RUN.sub(" ", text).strip(" ") if "  " in text else text.strip(" ")
    return " ".join(text.split())


_SPACE_RUN = re.compile("  +")
