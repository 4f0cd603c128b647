"""Body: paragraphs (number, marking, heading, text), summary, comments and signers.

Works line by line over the cleaned text. A numbered paragraph runs until the next numbered paragraph, heading or
the signature; blocks after a blank line or page break with no number of their own continue it. Paragraph numbers
are accepted when they fit the sequence, so `2007.` at the start of a wrapped line (07BOGOTA1165) stays text, and a
number a lost pilcrow damaged (`15.` for 5 in the fixture 07BAGHDAD620) is repaired from the sequence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial

from . import regexes as rx
from .clean import fold
from .models import Diagnostic, Paragraph

_RULE_CHARS = frozenset("-=_*")
_MARKER_FIRST = frozenset("Ee(-")
_MARKER_LINE = re.compile(r"^\W*END\s+(?:OF\s+)?(SUMMARY|COMMENT|NOTE)\W*$", re.I)
_HEADING_WORDS = re.compile(r"[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?:;\"')\]]$")
_SECTION_WORD = re.compile(r"(?:COMMENTS?|SUMMARY)[ \t]*[-=_]*", re.I)
_SECTION_FIRST = frozenset("CcSsſ")  # what `_SECTION_WORD` can start with (`ſ` is an `s` to a case-blind pattern)
_ENUMERATOR_BEFORE = re.compile(r"(?:^|[\s(])(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")
# A paragraph that ends by citing a paragraph whose number the site took for the start of one: before the summary's
# end (08LONDON2185 `set forth in paragraph` / `4. End Summary.`), or alone on its line before a paragraph numbered
# lower (09CAIRO1727 `See para.` / `3.` / `2. (C) Reftel ...`, 09CAIRO204 `Please see paragraph` / `3.` / `2. (S/NF)`).
_CITES_A_PARAGRAPH = re.compile(r"\b(?:para|paragraph)s?\.?$", re.I)
_SECTION_END = re.compile(r"end\s+(?:of\s+)?(?:summary|comment|note)\b", re.I)


Line = tuple[int, int, str]
"""A line of the body: start and end offsets, and its cleaned text, stripped (a tuple: cheap to make)."""


@dataclass(slots=True)
class Block:
    """A paragraph under construction: its lines' text pieces and span."""

    number: int | None
    marking: str | None
    dissemination: str | None
    heading: str | None
    pieces: list[str]
    start: int
    end: int
    line_no: int
    section_heading: str | None = None
    ends_summary: bool = False
    ends_comment: bool = False
    after_blank: set[int] = field(default_factory=set)
    """Indexes of the pieces that follow a blank line (a block of their own inside the paragraph)."""
    number_alone: bool = False
    """The paragraph number stood alone on its line: the text, if any, is on the lines after."""


BlocksBySpan = dict[tuple[int, int] | None, Block]
"""The block each paragraph was made from, by the paragraph's span."""


@dataclass(slots=True)
class Body:
    paragraphs: list[Paragraph] = field(default_factory=list)
    summary: str | None = None
    comments: list[str] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def split_lines(work: str, start: int, end: int) -> list[Line]:
    lines = []
    pos = start
    for raw in work[start:end].split("\n"):
        stop = pos + len(raw)
        lines.append((pos, stop, raw.strip()))
        pos = stop + 1
    return lines


# What a noise line can start with, digits aside (`ſ` is an `s` to a case-blind pattern): most lines are passed over
# on it.
_NOISE_FIRST = frozenset("NnBbGgEeSsſTtCcLlUu#=>\"',.")


# The first characters of every line kind but text running on (noise, rules, markers, markings; digits, which open
# numbers and some noise, are asked for apart).
_NOT_RUN_ON = _NOISE_FIRST | _RULE_CHARS | _MARKER_FIRST | frozenset("(")

# The first three letters, case-blind, of the lines that open with letters and are not text running on: noise
# (`NNNN`, `END CABLE TEXT`, the captions and the classification words of `NOISE_LINE`, a word's first letter doubled
# as in `SS E C R E T` or `TTOP SECRET`), an end marker (`END SUMMARY`) and a section's word (`COMMENT`, `SUMMARY`).
# `BT` is a whole line (`BT` + a letter is none of these). Keep in step with those patterns.
_SPECIAL_OPENINGS = frozenset({"nnn", "end", "sip", "nof", "sen", "exd", "nod", "top", "tto", "ttt", "sec", "sse",
                               "sss", "con", "cco", "ccc", "lim", "lli", "lll", "unc", "uun", "uuu", "com", "sum"})


def _opens_with_plain_word(text: str) -> bool:
    """The line opens with three ASCII letters that open no noise line, marker or section word: most lines whose first
    letter opens one of those (`the`, `said`, `Embassy`) are told from them on the two letters after it."""
    opening = text[:3]
    return len(opening) == 3 and opening.isascii() and opening.isalpha() and opening.lower() not in _SPECIAL_OPENINGS


def _is_noise(text: str) -> bool:
    """Lines that are never paragraph text: repeated section headers, classification banners, trailer codes."""
    first = text[:1]
    if first.isdecimal():  # a trailer's year or date (`1234 NNNN`, `2001VATICA03507 - ...`), not a paragraph's number
        plausible = len(text) >= 4 and text[:4].isdecimal()
    else:
        plausible = first in _NOISE_FIRST and not _opens_with_plain_word(text)
    return plausible and rx.NOISE_LINE.match(text) is not None


_LIST_ITEM = re.compile(r"-|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}\)|[a-z]\)")
_DOTTED_HEADING = re.compile(
    r"(?:(?:BEGIN|END)\s+)?(?:SUMMARY|COMMENT|COMMENTS|BACKGROUND|INTRODUCTION|ACTION REQUEST|DISCUSSION)\.", re.I)
_RUN_ON_WORDS = frozenset({"A", "AN", "THE", "OF", "AND", "TO", "IN", "FOR", "WITH", "ON", "BY", "AT", "OR", "THAT",
                           "IS", "WAS", "BE", "FROM", "AS", "WOULD", "WILL", "ITS", "THEIR", "HIS", "HER"})
# A line that opens or closes a quoted text is the text's, not a heading: `BEGIN TALKING POINTS` / `END TALKING POINTS`
# (09STATE130330, boxed in rules), `(End Text)` (09QUITO122), `BEGIN TEXT OF DRAFT LETTER TO SECRETARY CLINTON`
# (09SANJOSE147), `END NON-PAPER` (07SANJOSE1134), `Begin Translation:` (06SANJOSE606), `Begin Report` (08SANJOSE220).
# Not `End of Gabon's Monopoly` (09YAOUNDE608) or `End-Use Concerns` (09CAIRO1947).
_QUOTED = r"\s+(?:[\w'-]+\s+){0,4}?(?:TEXT|TRANSLATION|POINTS|NON-?PAPER|REPORT|EXCERPTS|NOTE)\b"
_QUOTE_MARKER = re.compile(r"\(?(?:BEGIN|END)" + _QUOTED, re.I)
_QUOTE_MARKER_FIRST = frozenset("BbEe(")
# The markers anywhere in the text (`8. (U) Begin text of Sarkozy letter to Saakashvili:`, 08STATE90980): a line
# stands in a quoted text when the last one before it opens one.
_QUOTE_MARKER_IN_TEXT = re.compile(r"\b(BEGIN|END)" + _QUOTED, re.I)
# A letter quoted in the cable opens with its dateline and salutation, the letter's text, not headings (08STATE90980
# `Paris, 14 August 2008` / `Mister President:`, 04BAGHDAD4 `BAGHDAD 29TH JUNE 2004`, 08KIGALI796 `Kigali November
# 9, 2008`, 09SANJOSE697 `Honorable Ms. Clinton:`, 00BANDARSERIBEGAWAN695 `YOUR EXCELLENCY,`, 06CAIRO6171 `Madam
# Doctor --`). The place's words are capitalised: not `Meeting of March 3`.
_DAY = r"\d{1,2}(?i:ST|ND|RD|TH)?"
_DATELINE = re.compile(
    rf"(?:[A-Z][\w.'-]*,?(?:\s+[A-Z][\w.'-]*,?){{0,2}}\s+)?(?:{_DAY}\s+{rx.MONTH_NAME}|{rx.MONTH_NAME}\s+{_DAY})"
    r"(?:,?\s+\d{4})?\.?")
_SALUTATION = re.compile(r"(?i:DEAR|MISTER|MRS?|MS|MADAME?|YOUR\s+(?:EXCELLENCY|HIGHNESS|MAJESTY)|EXCELLENCY|HONORABLE"
                         r"|SIR)\b\.?(?:\s[\w .'-]{0,40}?)?(?::|,|\s*--?)")
_REDACTION = re.compile(r"[Xx]{4,}[\s.,]*")
_REDACTION_RUN = re.compile(r"X{4}", re.I)
_LOWER = re.compile(r"[a-z]")


def _looks_like_heading(text: str, ruled: bool = False) -> bool:
    """Short, not a sentence, not a list item, most words capitalised (not asked of a heading a rule marks)."""
    if not text or len(text) > 80 or not _HEADING_WORDS.search(text) or _REDACTION.fullmatch(text):
        return False  # a redaction standing alone (10BEIJING105 `XXXXXXXXXXXX`) is text, not a heading
    if text.endswith("...") and (ruled or text.isupper()):
        pass  # a heading may trail off (04BRASILIA572 `WINNERS... -----------`, 10PARIS151 `... ""FROZEN"" ...`)
    elif text.endswith((".", ",", ";")) and not text.isupper():
        return False
    elif text.endswith(".") and not _DOTTED_HEADING.fullmatch(text):
        return False  # a sentence, not a heading; but `SUMMARY.`, `COMMENT.`, `BACKGROUND.` are
    if _is_quote_marker(text):
        return False
    if _LIST_ITEM.match(text):
        return False  # a bullet (`-- item`) or a dated item (09SANJOSE624 `2/7/2010 - Election Day`)
    first = text.lstrip("=*_ (\"'.")[:1]  # `.`: one heading takes up the one before (10PARIS151 `... BUT CLOSE`)
    if not first or not (first.isupper() or first.isdigit()):
        return False
    words = text.split()
    if len(words) > 12 or words[-1].upper() in _RUN_ON_WORDS:
        return False  # `... WOULD BE IN THE CONTEXT OF AN` (07PARIS170) runs on: text cut by a blank line
    # Title case or upper case: most words capitalised (short function words aside); or a summary's opening alone,
    # named with what it also is (09RIYADH1557 `Summary and introduction` / `-----`).
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha() or len(w) <= 3)
    return ruled or caps >= len(words) * 0.7 or rx.SUMMARY_START.fullmatch(text) is not None


def _is_quote_marker(text: str) -> bool:
    return text[:1] in _QUOTE_MARKER_FIRST and _QUOTE_MARKER.match(text) is not None


def _is_quote_end(text: str) -> bool:
    return _is_quote_marker(text) and text.lstrip("(")[:1] in "Ee"


def _letter_opening(text: str, work: str, start: int, at: int) -> bool:
    """A quoted letter's dateline or salutation (asked of a line taken for a heading, at offset `at` of the body that
    opens at `start`). The patterns are tried only on the lines that end as a dateline or a salutation can: 4% of the
    corpus's headings (0.03 -> 0.005 CPU-s a corpus)."""
    last = text[-1]
    if not (last in ":,-" and _SALUTATION.fullmatch(text) or
            (last.isdecimal() or last == ".") and _DATELINE.fullmatch(text)):
        return False
    markers = _QUOTE_MARKER_IN_TEXT.findall(work, start, at)
    return bool(markers) and markers[-1].upper() == "BEGIN"


@lru_cache(maxsize=1024)
def _split_marking(marking: str) -> tuple[str, str | None]:
    """The marking's letters and its dissemination (`S//NF` -> `S`, `NF`); cached: 102 markings in the corpus's 53k."""
    m = rx.MARKING_PARTS.match(fold(marking).upper())
    if not m:
        return fold(marking).upper(), None
    letters, rest = m.group(1), m.group(2)
    return letters, (fold(rest) if rest else None)


class _Numbering:
    """Decides whether a number at a line start opens a paragraph, repairing damaged numbers from the sequence."""

    def __init__(self) -> None:
        self.last: int | None = None

    def accept(self, number: int, has_marking: bool, after_break: bool, next_number: Callable[[], int | None]
               ) -> tuple[int | None, bool]:
        """(number to use or None if this is no paragraph start, whether it was repaired). `next_number` gives the
        next marked paragraph's number (asked of a high first number only)."""
        last = self.last
        if number == 0:
            return None, False
        if last is None:
            # A later part of a cable sent in parts opens at its own number (09LONDON2617 `PARAGRAPH NUMBERS REFLECT
            # FULL CABLE LENGTH.` / `74. (SBU) Under Secretary ...` / `75. (SBU)`).
            ok = number <= 3 or has_marking and (number <= 30 or after_break and next_number() == number + 1)
            return (number, False) if ok else (None, False)
        expected = last + 1
        if number in (expected, last):
            return number, False
        digits = str(number)
        # A lost pilcrow left a `1` before the number (fixture: `15.` is 5, `110.` is 10).
        if len(digits) >= 2 and digits[0] == "1" and int(digits[1:]) == expected:
            return expected, True
        if number == 1 and after_break and has_marking:
            return 1, False  # the author numbered a second series (a quoted text, an annex)
        if has_marking and expected < number <= last + (4 if after_break else 2):
            # The author skipped numbers; on a line a reflowed page glued on, one number only, so that a missed
            # paragraph start does not swallow all the rest (10BRUSSELS128 `... U.S. - EU Summit 5. (C)` after 3).
            return number, False
        if not has_marking and after_break and expected < number <= last + 2:
            return number, False
        return None, False


def read_body(work: str, start: int, end: int, markdown: bool, first_line_no: int) -> Body:
    body = Body()
    lines = split_lines(work, start, end)
    blocks: list[Block] = []
    numbering = _Numbering()
    pending_heading: str | None = None
    heading_lines = 0  # how many lines the pending heading took
    heading_at = -1  # the line the pending heading ends on
    section_heading: str | None = None  # a section's heading, closed by its rule, over the pending heading
    in_list = False  # short lines standing alone, three and more in a row: a list, all text
    letter_head_end = -1  # where the last line read in the head of a quoted letter ends (`_letter_opening`)
    prev_blank = True
    current: Block | None = None
    # With numbered paragraphs, an unnumbered block continues the paragraph before it (a comment section's second
    # block, 10BRASILIA112 test cable); only a body with no numbers at all makes each block a paragraph.
    numbered_body = rx.PARAGRAPH_START.search(work, start, end) is not None
    last_text = _last_text_line(lines)  # the last text is no heading (a signature may stand alone there)

    def heading_ahead(i: int) -> bool:
        """Line i stands alone: followed by a blank or rule line, a paragraph start, or nothing."""
        nxt = lines[i + 1][2] if i + 1 < len(lines) else ""
        return not nxt or bool(rx.HEADING_RULE.match(nxt)) or bool(rx.PARAGRAPH_START.match(nxt))

    consumed = -1  # a line already read into the paragraph before it
    for i, line in enumerate(lines):
        line_start, line_end, text = line
        if i == consumed:
            continue
        if not text:
            prev_blank = True
            continue
        first = text[0]
        if not prev_blank and current is not None and \
                (first not in _NOT_RUN_ON and not first.isdigit() or _opens_with_plain_word(text)):
            current.pieces.append(text)  # the common line, text running on: none of the tests below applies
            current.end = line_end
            continue
        line_no = first_line_no + i
        if len(text) < 90 and _is_noise(text):
            continue
        if first in _RULE_CHARS and rx.HEADING_RULE.match(text):
            # Asked only where the heading would be taken: the call takes it off the paragraph.
            underlined = _underlined_heading(work, current, lines, i) \
                if not prev_blank and not in_list and pending_heading is None else None
            if underlined:
                pending_heading, heading_lines, current = underlined, 1, None  # it closes the paragraph before it
                heading_at = i - 1
            prev_blank = True
            continue
        marker = _MARKER_LINE.match(text) if len(text) < 40 and first in _MARKER_FIRST else None
        if marker:
            if current is not None:
                kind = marker.group(1).upper()
                current.ends_summary |= kind == "SUMMARY"
                current.ends_comment |= kind == "COMMENT"
                if kind == "NOTE" or ")" in text:
                    # `End Note.` is the note's own text; `End Comment.)` closes a parenthesis the paragraph
                    # opened (`(Comment: ...`): dropping it would leave the paragraph's text unbalanced.
                    current.pieces.append(text)
                    current.end = line_end
            prev_blank = True
            continue
        m = rx.PARAGRAPH_START.match(text) if first.isdigit() or first == "(" else None
        if m and current is not None and \
                _cited_paragraph(current, m, text, lines[i + 1][2] if i + 1 < len(lines) else ""):
            current.pieces.append(text)
            current.end = line_end
            body.diagnostics.append(Diagnostic(
                code="paragraph-number-in-text", severity="repair", paragraph=current.number, line=line_no,
                message=f"{m.group('number')!r} after {current.pieces[-2].split()[-1]!r} read as the paragraph it "
                        "cites, not the start of one"))
            prev_blank = False
            continue
        if m:
            has_marking = bool(m.group("marking") or m.group("pre_marking"))
            number, repaired = numbering.accept(int(m.group("number")), has_marking, prev_blank or current is None,
                                                partial(_next_number, lines, i))
            if number is not None:
                numbering.last = number
                marking_text = m.group("marking") or m.group("pre_marking")
                marking = dissemination = None
                if marking_text:
                    marking, dissemination = _split_marking(marking_text)
                    if m.group("marking") and not m.group("open"):
                        body.diagnostics.append(Diagnostic(
                            code="marking-unbalanced", severity="repair", paragraph=number, line=line_no,
                            message=f"paragraph {number}: marking without its opening parenthesis"))
                if repaired:
                    body.diagnostics.append(Diagnostic(
                        code="paragraph-number-repaired", severity="repair", paragraph=number, line=line_no,
                        message=f"paragraph number {m.group('number')!r} read as {number} from the sequence"))
                rest = text[m.end():]
                heading = pending_heading
                pending_heading, heading_lines = None, 0
                # A heading written after the number (`2. Afghanistan` / `----` / `(C) ...`).
                if not marking and i + 2 < len(lines) and rx.HEADING_RULE.match(lines[i + 1][2]) and \
                        _looks_like_heading(rest):
                    heading, rest = fold(rest), ""
                    pm = rx.MARKED_START.match(lines[i + 2][2])
                    if pm:
                        marking, dissemination = _split_marking(pm.group("marking"))
                        rest = lines[i + 2][2][pm.end():]
                        consumed = i + 2
                current = Block(number, marking, dissemination, heading, [rest] if rest else [], line_start,
                                line_end, line_no, section_heading, number_alone=not rest)
                section_heading = None
                in_list = False
                blocks.append(current)
                prev_blank = False
                continue
        marked = rx.MARKED_START.match(text) if first == "(" else None
        if marked and heading_ahead(i) and _looks_like_heading(text[marked.end():]) and _numbered_next(lines, i):
            # A heading written with a marking, standing alone before a numbered paragraph (10ABUDHABI9 `(S//NF)
            # Summary` / `1. (S//NF) SUMMARY. On December 15-16 ...`): the heading of that paragraph.
            pending_heading, heading_lines, heading_at = fold(text[marked.end():]), 1, i
            current = None
            prev_blank = True
            continue
        if marked:
            marking, dissemination = _split_marking(marked.group("marking"))
            current = Block(None, marking, dissemination, pending_heading, [text[marked.end():]], line_start,
                            line_end, line_no, section_heading)
            pending_heading, heading_lines, section_heading = None, 0, None
            blocks.append(current)
            prev_blank = False
            continue
        # A section's heading word may follow a sentence with no blank line between (09BELGRADE399 `... acquittals.`
        # / `Comment` / `-------` / `6. (C) ...`, 07HAMBURG73 `... structures.` / `COMMENT` / `8. (C) ...`).
        apart = prev_blank or first in _SECTION_FIRST and _SECTION_WORD.fullmatch(text) is not None and \
            current is not None and bool(current.pieces) and _SENTENCE_END.search(current.pieces[-1]) is not None
        heading_text = _without_glued_rules(text) if apart and len(text) < 160 else ""
        if heading_text is not text and _is_quote_marker(heading_text):
            text = heading_text  # its glued rules leave it, as a heading's do (08STATE93558 `---- BEGIN NONPAPER ----`)
        # A rule of spaced dashes glued on marks a heading whose words need not be capitalised (09BRASILIA454
        # `Security for whom? - - -`).
        spaced = rx.HEADING_SPACED_RULE.search(heading_text) if heading_text.endswith("-") else None
        if spaced:
            heading_text = heading_text[:spaced.start()]
        opens = _after_summary_end(heading_text, 0) if heading_text[:1] in _MARKER_FIRST else 0
        heading_like = heading_text and not in_list and heading_ahead(i) and \
            _looks_like_heading(heading_text[opens:], spaced is not None) and i < last_text
        # A quoted letter's head is its text, not headings: its dateline or salutation, and the short lines standing
        # alone under them (09QUITO1206 `Quito, December 4, 2009` / `Mrs.` / `Hillary Clinton` / `Secretary of State`,
        # 10KUALALUMPUR12 `05 January 2010` / `OFFICIAL NOTIFICATION ON THE MISSING F5E GE J85-21 ENGINES` / `Ref:`).
        if heading_text and (
                current is not None and current.end == letter_head_end and len(text) < 60 and heading_ahead(i) or
                heading_like and _letter_opening(heading_text, work, start, line_start)):
            letter_head_end = line_end  # the line goes to the paragraph's text, below
        elif heading_like:
            if opens and current is not None:
                current.ends_summary = True  # the marker closes the summary, as on a line of its own
            heading_text = fold(heading_text[opens:])
            if pending_heading is not None and _closed_by_rule(lines, heading_at, i):
                # Two headings, not one on two lines: a section's and the paragraph's (10PARIS151). Its line still
                # counts to a list's three (05SANJOSE2158 `REQUESTED STATISTICS` / `----` over a table's lines).
                section_heading, pending_heading = pending_heading, None
            joined = heading_text if pending_heading is None else f"{pending_heading} {heading_text}"
            if pending_heading is None or (heading_lines < 2 and len(joined) <= 100):
                # A heading may take two lines; more short lines in a row are a list (08STATE69218), so text.
                pending_heading, heading_lines, heading_at = joined, heading_lines + 1, i
                current = None  # a heading closes the paragraph before it
                prev_blank = True
                continue
            current = Block(None, None, None, None, [h for h in (section_heading, pending_heading) if h], line_start,
                            line_end, line_no)
            pending_heading, heading_lines, section_heading, in_list = None, 0, None, True
            blocks.append(current)
        if current is None and pending_heading is not None and section_heading is None and blocks and \
                _is_quote_end(text):
            # No heading stands over a quoted text's end marker: the line taken for one is the text's last, the
            # signature or date that closes a letter, and the paragraph goes on (08STATE90980 `s/s` / `Nicolas
            # Sarkozy` / `End text.`, 04BAGHDAD4 `SINCERELY, HOSHYAR ZEBARI` / `END TEXT.`, 06SANJOSE606 `Tania
            # Lopez` / `WTO Forum Coordinator` / `End of translation`).
            current = blocks[-1]
            current.after_blank.add(len(current.pieces))
            current.pieces.append(pending_heading)
            pending_heading, heading_lines = None, 0
        if current is None or (not numbered_body and prev_blank and _starts_new_block(current, text)):
            current = Block(None, None, None, pending_heading, [], line_start, line_end, line_no, section_heading)
            pending_heading, heading_lines, section_heading = None, 0, None
            blocks.append(current)
        if prev_blank:
            current.after_blank.add(len(current.pieces))
        current.pieces.append(text)
        current.end = line_end
        prev_blank = False

    _split_trailing_headings(blocks)
    _take_signature(blocks, body)
    _take_bullet_markings(blocks, body)
    for i, block in enumerate(blocks):
        text = fold(" ".join(block.pieces))
        if not text and not block.heading and (block.number is None or _numbered_again(blocks, i)):
            continue
        text = _repair_text(text, block, markdown, body)
        # A heading suffers what its text does (05SANJOSE2850 `COSTA RICA ) A LONG HISTORY OF DEMOCRACY`).
        heading = _repair_text(block.heading, block, markdown, body) if block.heading else None
        section = _repair_text(block.section_heading, block, markdown, body) if block.section_heading else None
        body.paragraphs.append(Paragraph(number=block.number, marking=block.marking,
                                         dissemination=block.dissemination, heading=heading, section_heading=section,
                                         text=text, span=(block.start, block.end)))
    by_span: BlocksBySpan = {(block.start, block.end): block for block in blocks}
    _find_summary(by_span, body)
    _find_comments(by_span, body)
    return body


# A heading and its rules glued, on a reflowed line, after the last sentence of the paragraph before the one it heads
# (10MANAMA11 `... End summary. NEW BIPD LEADERSHIP -------------------` / `2.(SBU) ...`, 09CAIRO2356 `... parties.
# -------- Eritrea Sanctions Not the Answer --------`); or a bare rule there (08BRASILIA1396 `END NOTE. ------- -`).
_RULE_CHARS_AND_BLANKS = "-=_ \t"
_LEADING_RULE = re.compile(r"[-=_]{3,}[-=_ \t]*")
_RULE_RUN = re.compile(r"[-=_]{3}")
_SENTENCE_ENDS = (". ", "! ", "? ", '." ', ".) ")


# A bullet that bears its own marking (09CAIRO2133 `-- (C) On Iran, ...`, 09STOCKHOLM428 `-- (U) Kenya: ...`).
_MARKED_BULLET = re.compile(r"(-{2,})[ \t]*\((" + rx.MARKING_BODY + r")\)[ \t]+")


def _take_bullet_markings(blocks: list[Block], body: Body) -> None:
    """A paragraph with no marking that opens with marked bullets: the bullets' markings leave the text, and are the
    paragraph's when they agree. A body that opens so lost its first paragraph's opening (09CAIRO2133 `Classified By:
    ... (d). -- (C) During ... -- (C) On Iran ...`, its `1. (C) Summary:` gone): that paragraph is 1 when the one after
    it is 2. Bullets under a heading make a paragraph of their own, with no number (09STOCKHOLM428 `A Items: Kenya,
    Iceland, Burma and North Korea` / `----` / `-- (U) Kenya: ...` / `-- (U) Iceland: ...` after paragraph 8).
    A paragraph with its own opening keeps its bullets' markings in its text (10CAIRO47 `1. KEY POINTS` / `-- (C) The
    impact ...` / `-- (C) However ...`, 08LONDON2785 `2. (SBU) ... -- (C) ...`): they are its bullets', not its own."""
    for i, block in enumerate(blocks):
        if block.marking or not block.pieces or not _MARKED_BULLET.match(block.pieces[0]):
            continue
        markings = []
        for k, piece in enumerate(block.pieces):
            if m := _MARKED_BULLET.match(piece):
                markings.append(m.group(2))
                block.pieces[k] = f"{m.group(1)} {piece[m.end():]}"
        read = {_split_marking(marking) for marking in markings}
        if len(read) == 1:
            block.marking, block.dissemination = read.pop()
        agreed = ", read as the paragraph's" if block.marking else ""
        if i == 0 and block.number is None and len(blocks) > 1 and blocks[1].number == 2:
            block.number = 1
            agreed += "; numbered 1, as the paragraph after it is 2"
        body.diagnostics.append(Diagnostic(
            code="bullet-markings", severity="repair", paragraph=block.number, line=block.line_no,
            message=f"a paragraph opens with {len(markings)} bullets marked ({', '.join(markings)}) and no marking of "
                    f"its own: their markings taken out of the text{agreed}"))


def _cited_paragraph(current: Block, m: re.Match[str], text: str, next_text: str) -> bool:
    """Whether a paragraph's number with no marking is the number of the paragraph the one before it cites."""
    if not current.pieces or m.group("marking") or m.group("pre_marking") or \
            _CITES_A_PARAGRAPH.search(current.pieces[-1]) is None:
        return False
    if _SECTION_END.match(text, m.end()):
        return True
    after = rx.PARAGRAPH_START.match(next_text) if m.end() == len(text) else None
    return after is not None and int(after.group("number")) < int(m.group("number"))


def _split_trailing_headings(blocks: list[Block]) -> None:
    """A heading glued to the end of a paragraph heads the paragraph after it; a rule glued there leaves."""
    for block, after in zip(blocks, blocks[1:], strict=False):
        last = block.pieces[-1] if block.pieces else ""
        text = last.rstrip(_RULE_CHARS_AND_BLANKS)
        if not _RULE_RUN.search(last, len(text)):
            continue  # no rule at the end
        start = _trailing_heading_start(text)
        start = _after_summary_end(text, start) if start is not None else None
        heading = text[start:].strip() if start is not None else ""
        if after.heading or not _looks_like_heading(heading, ruled=True):
            heading = ""  # the rule leaves all the same
        block.pieces[-1] = (text[:start] if heading else text).rstrip(_RULE_CHARS_AND_BLANKS)
        after.heading = heading or after.heading


def _trailing_heading_start(text: str) -> int | None:
    """Where a heading at the end of `text` starts: after a rule, or after the last sentence within reach, or at the
    start of a short text; None when no such start is near enough."""
    window = max(0, len(text) - 120)  # a heading is short: look no further back
    rules = list(_LEADING_RULE.finditer(text, window))
    if rules:
        return rules[-1].end()
    ends = [(text.rfind(end, window), end) for end in _SENTENCE_ENDS]
    at, end = max(ends)
    if at >= 0:
        return at + len(end) - 1
    return 0 if not window else None


def _after_summary_end(text: str, start: int) -> int:
    """Where a heading that starts at `start` starts after the `End Summary` written before it on its line, which
    stays with the summary (07LONDON3923 `End Summary.  Iranians Prefer Personal Communications ------`, 08USNATO276
    `... END SUMMARY Emergency NAC Idea Floated, but Rejected ------` on a reflowed line); `start` when none is."""
    at = len(text) - len(text[start:].lstrip())
    end = rx.SUMMARY_END.match(text, at)
    return end.end() if end and text[end.end():].strip() else start


def _underlined_heading(work: str, current: Block | None, lines: list[Line], rule: int) -> str | None:
    """A heading the rule on line `rule` underlines, read as the last line of the paragraph before because no blank
    line stood between them (04THEHAGUE281 `... within the EU.` / `Pushing Bot on bilateral issues: Iraq,
    Afghanistan, TIP, Narcotics` / `------ ---`): taken off that paragraph and returned."""
    if current is None or len(current.pieces) < 2 or current.end != lines[rule - 1][1] or \
            len(current.pieces) - 1 in current.after_blank or not _SENTENCE_END.search(current.pieces[-2]):
        return None
    heading = rx.HEADING_GLUED_RULE.sub("", current.pieces[-1])  # 09BUENOSAIRES548 `------- Monsanto's Moneymaker`
    if not _looks_like_heading(heading):
        return None
    current.pieces.pop()
    # The paragraph ends where the line of its last piece ends, as when that line was read.
    last = current.pieces[-1][-20:]
    end = work.rfind(last, current.start, lines[rule - 1][0]) + len(last)
    newline = work.find("\n", end)
    current.end = newline if newline >= 0 else len(work)
    return fold(heading)


def _closed_by_rule(lines: list[Line], heading_at: int, next_at: int) -> bool:
    """The heading ending on line `heading_at` is whole when another heading follows on line `next_at`: boxed in rules
    (10PARIS151 `----` / `MOROCCO -- FRANCE PLANS TO HELP RABAT WITH REGIONALIZATION` / `----` / blank /
    `BILATERAL RELATIONS AND REGIONALIZATION`), or underlined with a blank line after its rule (05THEHAGUE2651
    `II. U.S. MISSION OUTREACH` / `----` / blank / `GENERAL APPROACH`). A heading underlined line by line with no
    blank between is one heading on two lines (06PARIS7424 `A FIFTY PERCENT CHANCE OF BEING FRANCE'S` / `----` /
    `NEXT PRESIDENT` / `----`)."""
    rule = heading_at + 1
    if heading_at < 0 or rule >= next_at or not rx.HEADING_RULE.match(lines[rule][2]):
        return False
    return next_at > rule + 1 or heading_at > 0 and rx.HEADING_RULE.match(lines[heading_at - 1][2]) is not None


def _without_glued_rules(line: str) -> str:
    """The line without the box rules glued at its ends (`HEADING_GLUED_RULE`). The line is stripped, so a rule shows
    at its first or last character: most lines have none, and the pattern, tried at each character, is spared."""
    if line[0] in _RULE_CHARS or line[-1] in _RULE_CHARS:
        return rx.HEADING_GLUED_RULE.sub("", line)
    return line


def _numbered_again(blocks: list[Block], i: int) -> bool:
    """The next paragraph has this empty one's number: a stray number before the real one (10BRASILIA51 ends its
    Classified By line with `1. (C)`, and `1. (C) During ...` follows)."""
    return i + 1 < len(blocks) and blocks[i + 1].number == blocks[i].number


def _next_number(lines: list[Line], i: int) -> int | None:
    """The number of the next line after line i that opens a paragraph with a number and a marking."""
    for _, _, text in lines[i + 1:]:
        m = rx.PARAGRAPH_START.match(text) if text[:1].isdigit() else None
        if m and m.group("marking"):
            return int(m.group("number"))
    return None


def _numbered_next(lines: list[Line], i: int) -> bool:
    """The next line with text after line i opens a numbered paragraph."""
    text = next((text for _, _, text in lines[i + 1:] if text), "")
    return text[:1].isdigit() and rx.PARAGRAPH_START.match(text) is not None


def _last_text_line(lines: list[Line]) -> int:
    """The index of the last line with text that is not noise, or -1: found once, from the end, where asking of each
    heading whether only blank and noise lines follow it copied the lines after it each time (0.05 CPU-s over
    the corpus's 19k headings)."""
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i][2]
        if text and not _is_noise(text):
            return i
    return -1


def _starts_new_block(current: Block, text: str) -> bool:
    """In an unnumbered body a block after a blank line is a new paragraph, unless a sentence runs on into it."""
    last = current.pieces[-1] if current.pieces else ""
    return not last or bool(_SENTENCE_END.search(last)) or not text[:1].islower()


_PARTICLES = frozenset({"van", "von", "de", "del", "da", "di", "le", "la", "du", "der", "den"})
# What follows a name on its line: `STEVENS 0 12/23/2007` (07TRIPOLI1055, an archive's date stamp), `HENZEL NNNN
# End Cable Text` (08MANAMA795), `BLAKE "` (05NEWDELHI5354, CSV residue), `Susman...` (a truncation mark), `BURNS
# 2006-03-31` (06MOSCOW3335, the date after a tab).
_SIGNER_TAIL = re.compile(
    r"(?:\s+0\s+\d{1,2}/\d{1,2}/\d{4}|\s+\d{4}-\d{2}-\d{2}|\s+NNNN|\s+End Cable Text|\s*=+\s*CABLE ENDS\s*=+"
    r"|\s*[\"',]+|\.{2,})+\s*$", re.I)
# The last character of every tail above, as a folded piece ends on it (a digit aside): a piece that ends otherwise
# (most end on a letter or a full stop) has no tail, and the search, tried at each of its last 80 characters, is spared.
_SIGNER_TAIL_LAST = frozenset("NnTt=\"',.")
# A name glued onto the last line after its final sentence: `... End Comment. KHALILZAD`, `... Turkey. Edelman`,
# `... state of affairs. LU` (09BAKU20), `... in 2009. LA LIME` (09PRETORIA954).
# After a closing curly quote too (07IRANRPODUBAI23 `... terrorism.” BURNS`), or an end mark with no full stop
# (09CAIRO171 `... Assembly of Egypt END TEXT SCOBEY`, 08NEWDELHI882 `END COMMENT MULFORD`, 10CAIRO113 `MINIMIZE
# CONSIDERED SCOBEY`); with a full stop of its own (09TRIPOLI321 `... decision. STEVENS.`); never a redaction,
# which may stand before the name (08LONDON1577 `... purpose. XXXXXXXXXXXX TUTTLE`). A spreadsheet's doubled quote may
# open the name's row (09STATE49854 `... REGARDS FROM WASHINGTON. ""CLINTON ,"`).
_GLUED_SIGNER = re.compile(
    r"(?:(?<=[.!?\"')\]”’])|(?<=[Xx]{6})|(?<=\b(?i:END TEXT))|(?<=\b(?i:END COMMENT))|(?<=MINIMIZE CONSIDERED))\s+"
    r"(?:\"\")?(?!X{4})((?:(?:van|Van|VAN|de|De|DE)\s)?[A-Z][A-Z'-]{1,}(?:\s[A-Z][A-Z'-]{2,})?"
    r"|[A-Z][a-z]+(?:[A-Z][a-z]+)?)\.?$")
# An upper-case name glued to the full stop (08MANAMA528 `... in the Gulf.HENZEL`, 10HAVANA84 `restructuring. .FARRAR`).
_SIGNER_AFTER_STOP = re.compile(r"(?<=[a-z ]\.)([A-Z][A-Z'-]{3,})$")
# An upper-case name glued with no full stop to a last line that ends in a word with small letters or a number (a
# list, a letter's closing, an address: 09CAIRO1220 `Ahmed Megahed SCOBEY`, 09TRIPOLI632 `July 30, 2009 CRETZ`),
# written twice perhaps (07YEREVAN1420 `ARSO PENNINGTON PENNINGTON`: then its own doubled rule applies).
# Not a redaction (08LONDON1224 `joined by XXXXXXXXXXXX`).
_SIGNER_AFTER_WORD = re.compile(r"(?<=[a-z0-9])\s+(?!X{4})([A-Z][A-Z'-]{2,}(?:\s+[A-Z][A-Z'-]{2,})?)$")
# A line that closes the text before the signature line (08STATE122827 `END TEXT` / `RICE`, 09BOGOTA3147 `MINIMIZE
# CONSIDERED` / `BROWNFIELD`).
_CLOSING_LINE = re.compile(r"(?i:END\s+(?:OF\s+)?(?:TEXT|COMMENT)|MINIMIZE\s+CONSIDERED)\W*")
_NOT_NAMES = frozenset({"END", "THANKS", "REGARDS", "MINIMIZE", "SEPTEL", "TEXT", "COMMENT", "NOTE", "SUMMARY",
                        "UNQUOTE", "QUOTE", "CLASSIFIED", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "SIPDIS"})


def _take_signature(blocks: list[Block], body: Body) -> None:
    """The signer's name(s) at the end: short name lines, or a name glued onto the last line (then split off)."""
    if not blocks:
        return
    last = blocks[-1]
    names: list[str] = []
    doubled = _drop_doubled_name(last)
    while last.pieces and len(names) < 2:
        piece = _strip_signer_tail(last.pieces[-1])
        if not _is_name_line(piece, last) or (names and piece.endswith(".")):
            break  # a name with a full stop is the last line (10BEIJING183 `... policy on` / `China.` / `HUNTSMAN`)
        names.insert(0, fold(piece).rstrip("."))
        last.pieces.pop()
    if not names and last.pieces:
        piece = _strip_signer_tail(last.pieces[-1])
        end = max(0, len(piece) - 60)  # only the end can hold a name
        glued = _GLUED_SIGNER.search(piece, end) or _SIGNER_AFTER_WORD.search(piece, end) or \
            _SIGNER_AFTER_STOP.search(piece, end)
        # An upper-case name stands out from mixed-case text, on its line or the lines before (10BUENOSAIRES81
        # `... presidential election in` / `2015. MARTINEZ`), or in the paragraph before (08STATE86156 `22. (U)
        # MINIMIZE CONSIDERED. RICE`).
        before = blocks[-2].pieces if len(blocks) > 1 else []
        if glued and glued.group(1).split()[0].upper() not in _NOT_NAMES and (not glued.group(1).isupper() or any(
                _LOWER.search(text) for text in (piece[:glued.start()], *last.pieces[:-1], *before))):
            names.append(glued.group(1))
            last.pieces[-1] = piece[:glued.start()].rstrip()
    elif names and last.pieces:
        # The name written twice, glued to the last sentence too (08MEXICO1082 `possible.  GARZA` / the site's
        # banner / `GARZA`): it leaves the text.
        piece = _strip_signer_tail(last.pieces[-1])
        glued = _GLUED_SIGNER.search(piece, max(0, len(piece) - 60))
        if glued and glued.group(1).upper() == names[-1].upper():
            last.pieces[-1] = piece[:glued.start()].rstrip()
    if names:
        if doubled:
            body.diagnostics.append(Diagnostic(code="signer-doubled", severity="repair",
                                               message=f"signature {names[-1]!r} written twice, read once"))
        elif len(names) == 1 and len(words := names[0].upper().split()) == 2 and words[0] == words[1]:
            body.diagnostics.append(Diagnostic(code="signer-doubled", severity="repair",
                                               message=f"signature {names[0]!r} read as {names[0].split()[0]!r}"))
            names = [names[0].split()[0]]  # `BOYCE BOYCE` (06BANGKOK5811), `SHANNON Shannon` (10BRASILIA108)
        body.signers = names
        if last.heading and not last.pieces and last.heading.upper() in (n.upper() for n in names):
            last.heading = None  # the name written twice, the first taken for a heading (09BAMAKO776)
        if not last.pieces and last.number is None and not last.heading:
            blocks.pop()


def _drop_doubled_name(last: Block) -> bool:
    """The name written twice, a line each (07SANJOSE1768 `LANGDALE` / `LANGDALE`): the second copy leaves when the
    first is a signature line."""
    if len(last.pieces) < 2 or _strip_signer_tail(last.pieces[-1]) != _strip_signer_tail(last.pieces[-2]):
        return False
    second = last.pieces.pop()
    if _is_name_line(_strip_signer_tail(last.pieces[-1]), last):
        return True
    last.pieces.append(second)
    return False


@lru_cache(maxsize=16)
def _strip_signer_tail(piece: str) -> str:
    """The piece, folded (a blanked banner leaves a long run of spaces), without what may follow a name; a long
    piece (a reflowed paragraph is one) folded at its end only, where a name and what follows it can be. Cached: the
    signature is looked for in the last pieces up to three times (72% of the corpus's calls)."""
    piece = piece.rstrip()
    if len(piece) > 300:
        head, end = piece[:-200], piece[-200:]
        apart = head[-1:].isspace() or end[:1].isspace()
        piece = head.rstrip() + (" " if apart else "") + fold(end)
    else:
        piece = fold(piece)
    if not _may_end_in_signer_tail(piece):
        return piece
    tail = _SIGNER_TAIL.search(piece, max(0, len(piece) - 80))  # a reflowed paragraph is one long piece
    return piece[:tail.start()] if tail else piece


def _may_end_in_signer_tail(piece: str) -> bool:
    last = piece[-1:]
    if last == ".":
        return piece.endswith("..")  # only a truncation mark's dots end a tail
    return last in _SIGNER_TAIL_LAST or last.isdecimal()


def _is_name_line(piece: str, block: Block) -> bool:
    """A signature line is a name (`KHALILZAD`, `Beyrle`, `VAN VOORST`, `van Voorst`, `kurtzer`), not a sentence."""
    if len(piece) > 30 or len(piece) < 2:
        return False  # `Y` (08CANBERRA4) is no name; a long piece (a reflowed paragraph's) is not split into words
    words = piece.split()
    if not words or len(words) > 3 or not rx.SIGNATURE_WORDS.fullmatch(piece.strip()):
        return False
    if _REDACTION_RUN.search(piece) or piece.endswith(".") and not _dotted_name(piece, block):
        return False  # a redaction, or the last word of a wrapped sentence (`China.`)
    if any(w.rstrip(".").upper() in _NOT_NAMES for w in words) or piece.rstrip().endswith((":", ",")):
        return False  # 09STATE127892 `CLINTON UNQUOTE CLINTON`
    if len(block.pieces) < 2:
        # A block of its own after the last paragraph, a heading's (09SANJOSE147 `END TEXT OF DRAFT LETTER` /
        # `CIANCHETTE`), or a last number's with no text on its line (09LAPAZ1784 `18.` / `Creamer`; 06KIEV1531
        # `8. (U)`, whose website line was blanked, / `Herbst`).
        return block.number is None or block.number_alone
    before = block.pieces[-2].rstrip()
    # After a sentence, a blank line, or a redaction (05TASHKENT284 `XXXXXXXXXXXX` / `PURNELL`).
    apart = before.endswith((".", "!", "?", '"', "'", ")", ":", "XXXX")) or len(block.pieces) - 1 in block.after_blank \
        or _CLOSING_LINE.fullmatch(before) is not None
    if piece.isupper():
        # An upper-case name under mixed-case text stands out even after a list line (10STATE17263 `CLINTON`).
        return apart or bool(_LOWER.search(before))
    if all(w[:1].isupper() or w in _PARTICLES for w in words):
        return apart
    return apart and len(words) == 1 and piece.isalpha()  # a lower-case surname (05TELAVIV45 `kurtzer`)


def _dotted_name(piece: str, block: Block) -> bool:
    """A name with a full stop, on a line of its own after a blank one (06SAOPAULO623 `MCMULLEN.`, 07BRASILIA64
    `Sobel.`)."""
    name = piece[:-1]
    return name.isalpha() and (name.isupper() or name.istitle()) and len(block.pieces) - 1 in block.after_blank


def _repair_text(text: str, block: Block, markdown: bool, body: Body) -> str:
    """Damage beyond the named artifacts is repaired only with a diagnostic."""
    fixed = _restore_dashes(text)
    if fixed != text:
        body.diagnostics.append(Diagnostic(
            code="dash-restored", severity="repair", paragraph=block.number, line=block.line_no,
            message="a dash the rendering turned into ')' restored as '--'"))
        text = fixed
    fixed = undouble_quotes(text)
    if fixed != text:
        body.diagnostics.append(Diagnostic(
            code="quotes-undoubled", severity="repair", paragraph=block.number, line=block.line_no,
            message='quotation marks the rendering doubled (`""training""`) written once'))
        text = fixed
    fixed = rx.COMMA_APOSTROPHE.sub(_apostrophe, text) if "," in text else text
    if fixed != text:
        body.diagnostics.append(Diagnostic(
            code="apostrophe-restored", severity="repair", paragraph=block.number, line=block.line_no,
            message="an apostrophe the rendering turned into ',' restored (`Ireland,s` -> `Ireland's`)"))
        text = fixed
    return text


def undouble_quotes(text: str) -> str:
    """Quotation marks a CSV round trip doubled, written once (paragraphs here, the subject in parser.py):
    `DOUBLED_QUOTES.sub('"', text)`, the pattern tried only at each `""` (`str.find`): it has no literal start, and
    `sub` would try it at each character of the paragraph (10x slower over the corpus's paragraphs that hold one)."""
    if '"' not in text:
        return text  # 76% of the corpus's texts: one character is found faster than two
    pieces = []
    last = 0
    at = text.find('""')
    while at >= 0:
        if rx.DOUBLED_QUOTES.match(text, at):
            pieces.append(text[last:at] + '"')
            last = at + 2
        at = text.find('""', max(last, at + 1))  # after a match, its two quotes are not looked at again
    return "".join(pieces) + text[last:] if pieces else text


def _apostrophe(m: re.Match[str]) -> str:
    """After a word of two letters or more: `(b,d)` (06NAIROBI1187's reasons) is a list, not `b'd`; `Sana'a,s`
    (07SANAA1989) is a word."""
    start = m.start()
    if start >= 2 and m.string[start - 1].islower() and (m.string[start - 2].isalpha() or m.string[start - 2] == "'"):
        return "'" + m.group(0)[1:]
    return m.group(0)


_PARENTHESES = re.compile(r"[()]")


def _unmatched_closers(text: str) -> set[int]:
    """Positions of `)` that close nothing; enumerators (`1)`, `b)`) neither open nor close."""
    depth = 0
    unmatched = set()
    for m in _PARENTHESES.finditer(text):
        i = m.start()
        if text[i] == "(":
            depth += 1
        elif depth:
            depth -= 1
        elif not _ENUMERATOR_BEFORE.search(text, max(0, i - 5), i):  # a match is at most 5 characters long
            unmatched.add(i)
    return unmatched


def _restore_dashes(text: str) -> str:
    """`)` with no `(` open before it, between words, was a dash (not an enumerator like `1)` or `b)`)."""
    if ")" not in text:
        return text
    out = []
    last = 0
    unmatched = None
    ranges = False
    for at in _positions(text, ")"):
        ranges = ranges or text[at + 1:at + 2].isdecimal()  # a range's `)`, perhaps (RANGE_AS_PAREN)
        start = at - 1 if at and text[at - 1] in " \t" else at
        if not start or text[start - 1] not in rx.DASH_BEFORE or not rx.DASH_AS_PAREN.match(text, at):
            continue
        if text.count("(", 0, at) > text.count(")", 0, at):
            continue  # a `(` is open before it whatever the enumerators: no need to walk the text
        unmatched = _unmatched_closers(text) if unmatched is None else unmatched
        if at not in unmatched:
            continue
        out.append(text[last:start])
        out.append(" --")
        last = at + 1
    if not out and not ranges:
        return text
    out.append(text[last:])
    joined = "".join(out)
    return rx.RANGE_AS_PAREN.sub(r"\1-\2", joined) if ranges else joined


def _positions(text: str, char: str) -> Iterator[int]:
    """Where `char` stands in the text, by `str.find`: faster than a pattern's scan for it."""
    at = text.find(char)
    while at >= 0:
        yield at
        at = text.find(char, at + 1)


def _summary_end(text: str) -> re.Match[str] | None:
    """`End Summary` in a paragraph. The word is looked for first (casefold, as `re` matches `ſ` for `s`): most
    paragraphs do not hold it."""
    folded = text.casefold()
    return _end_marker(rx.SUMMARY_END, text, folded, 0) if "summary" in folded else None


def _comment_end(text: str, pos: int = 0) -> re.Match[str] | None:
    """`End Comment` in a paragraph from `pos`, looked for as `_summary_end` is."""
    folded = text.casefold()
    return _end_marker(rx.COMMENT_END, text, folded, pos) if "comment" in folded else None


def _end_marker(pattern: re.Pattern[str], text: str, folded: str, pos: int) -> re.Match[str] | None:
    """`pattern.search(text, pos)` for an end marker (`END ...`, `(END ...`), tried only at each `end` of the text's
    casefold (its lower case, in ASCII text): searched, the pattern (led by `(`, `E` and `e`) is tried at a tenth of
    the characters."""
    if not text.isascii():
        return pattern.search(text, pos)
    at = folded.find("end", pos)
    while at >= 0:
        for start in (at - 1, at):
            if start >= pos and (m := pattern.match(text, start)):
                return m
        at = folded.find("end", at + 1)
    return None


_SUMMARY_CONTINUED = re.compile(r"\W*SUMMARY\W*CONTINUED\b", re.I)
_SUMMARY_HEADING = re.compile(r"\b(?:BEGIN\s+|EXECUTIVE\s+)?SUMMARY\b", re.I)


def _find_summary(blocks: BlocksBySpan, body: Body) -> None:
    """The summary: opened by `Summary:` or a Summary heading, closed by `End Summary` (or the paragraph's end, or
    the next heading); with only the closing marker (07TRIPOLI1066), it runs from the first paragraph to it."""
    paragraphs = body.paragraphs
    start = None
    for i, p in enumerate(paragraphs):
        opens = rx.SUMMARY_START.match(p.text) is not None
        if opens or (p.heading and _SUMMARY_HEADING.search(p.heading)):
            # A Summary heading over a paragraph before the one that opens with `Summary:` itself (09STATE131801
            # `Summary` / `1. This is an action request cable.` / `2. Summary: In August 2009, ...`).
            # Not `Summary continued:` (06MEXICO6085), which goes on with the summary the heading opened.
            after = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            later = not opens and after is not None and not after.heading and \
                rx.SUMMARY_START.match(after.text) is not None and not _SUMMARY_CONTINUED.match(after.text)
            start = i + 1 if later else i
            break
    if start is None:
        start = _summary_closed_without_opening(blocks, paragraphs)
        if start is None:
            return
        opening = None
        by_heading = False
    else:
        opening = rx.SUMMARY_START.match(paragraphs[start].text)
        # An opening with nothing after it in its paragraph heads the paragraphs after it (10MILAN21 `1. SUMMARY:` /
        # `(SBU) Heading into the elections ...`).
        by_heading = opening is None or opening.end() == len(paragraphs[start].text)
    parts = []
    closes_later = by_heading or _summary_continues(blocks, body, start)
    for j in range(start, len(paragraphs)):
        if j > start and (paragraphs[j].heading or not closes_later):
            break
        chunk = paragraphs[j].text[opening.end():] if j == start and opening else paragraphs[j].text
        end = _summary_end(chunk)
        if end:
            parts.append(chunk[:end.start()])
            break
        parts.append(chunk)
        if _block_of(blocks, paragraphs[j]).ends_summary:
            break
    body.summary = fold(" ".join(parts)) or None


def _summary_closed_without_opening(blocks: BlocksBySpan, paragraphs: list[Paragraph]) -> int | None:
    """The first paragraph, when an `End Summary` closes one of the first five with no opening seen."""
    for p in paragraphs[:5]:
        if _summary_end(p.text) or _block_of(blocks, p).ends_summary:
            return 0
    return None


def _block_of(blocks: BlocksBySpan, paragraph: Paragraph) -> Block:
    return blocks[paragraph.span]


def _summary_continues(blocks: BlocksBySpan, body: Body, i: int) -> bool:
    """An inline `Summary:` with no end marker in its paragraph runs on only if a later `End Summary` closes it."""
    for p in body.paragraphs[i + 1:]:
        if p.heading:
            return False
        if _summary_end(p.text) or _block_of(blocks, p).ends_summary:
            return True
    return False


# `Comment`, and `Comment: PMDB As Power Broker?` (06SAOPAULO30), `COMMENT AND ACTION REQUEST` (04BOGOTA8900),
# `Ambassador's Comment` (03COLOMBO2183), `COMMENT CONTINUED` (03ROME2045).
_COMMENT_HEADING = re.compile(
    r"\W*(?:BEGIN\s+|EMBASSY\s+|AMBASSADOR'?S\s+)?COMMENTS?(?:\s+AND\s+[A-Z /]+|\s+CONTINUED|\s*:.*)?\W*", re.I)


def _find_comments(blocks: BlocksBySpan, body: Body) -> None:
    paragraphs = body.paragraphs
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        text = p.text
        if p.heading and _COMMENT_HEADING.fullmatch(p.heading):
            # The paragraph may open with the word again (06MEXICO4238 `Comment: AMLO Ups the Ante` / `Comment: In`).
            opening = _comment_opening(text, 0)
            parts, i = _collect_section(blocks, paragraphs, i, text[opening.end():] if opening and not opening.start()
                                        else text)
            body.comments.append(fold(" ".join(parts)))
            continue
        pos = 0
        while True:
            m = _comment_opening(text, pos)
            if not m:
                break
            end = _comment_end(text, m.end())
            close = _closed_by_parenthesis(text, m, end)
            if close is not None:
                body.comments.append(fold(text[m.end():close]))
                pos = close + 1
                continue
            if end:
                body.comments.append(fold(text[m.end():end.start()]))
                pos = end.end()
                continue
            heading_last = not text[m.end():].strip(" -=_") and i + 1 < len(paragraphs) and \
                not _opens_comment(paragraphs[i + 1].text)
            if m.start() == 0 or text[:m.start()].strip() == "" or heading_last:
                # A comment heading with its rule may close the paragraph before its section, on a reflowed line
                # (08BAKU761 `... for now. Comment ------` / `7. (C) SOCAR seems ...`).
                at, first = (i + 1, paragraphs[i + 1].text) if heading_last else (i, text[m.end():])
                parts, after = _collect_section(blocks, paragraphs, at, first)
                body.comments.append(fold(" ".join(parts)))
                i = after - 1  # the paragraph after the section is looked at next, not skipped
                break
            body.comments.append(fold(text[m.end():]).rstrip(")"))
            break
        i += 1
    body.comments = [c for c in body.comments if c]


def _closed_by_parenthesis(text: str, opening: re.Match[str], end: re.Match[str] | None) -> int | None:
    """Where the `)` that closes an inline comment opened by `(` stands, when the author closed it so and not with a
    marker (10MADRID86 `On the third (comment: and most important) issue, ...`, 06KINSHASA1410 `(comment: a ...
    facility). Some ...`); None otherwise. An `End Comment` after it closes the comment, unless another comment opens
    before it: the `)` was an enumerator or a dash a page turned into `)` (09MONTERREY318 `given that: 1) the location
    ... End comment.)`, 09SANAA1669 `public pressure ) or the courts ) ... END COMMENT.)`)."""
    if not opening.group(0).startswith("("):
        return None
    close = _closing_parenthesis(text, opening.end())
    if close is None or end is None:
        return close
    later = _comment_opening(text, close)
    return close if later is not None and later.start() < end.start() else None


def _closing_parenthesis(text: str, start: int) -> int | None:
    """Where the `)` that balances a `(` open before `start` stands, or None when the text does not close it."""
    depth = 1
    for m in _PARENTHESES.finditer(text, start):
        depth += 1 if m.group(0) == "(" else -1
        if not depth:
            return m.start()
    return None


def _closed_later(blocks: BlocksBySpan, paragraphs: list[Paragraph], i: int) -> bool:
    """Whether an `End Comment` closes a paragraph after i before the next heading: then the section runs to it."""
    if _comment_end(paragraphs[i].text) or _block_of(blocks, paragraphs[i]).ends_comment:
        return False
    for p in paragraphs[i + 1:]:
        if p.heading:
            return False
        if _comment_end(p.text) or _block_of(blocks, p).ends_comment:
            return True
    return False


def _comment_opening(text: str, pos: int) -> re.Match[str] | None:
    """`(Comment: `, `Comment: ` at a sentence start, `BEGIN COMMENT:`; not `no comment.`"""
    if "omment" not in text and "OMMENT" not in text:
        return None
    for m in _comment_starts(text, pos):
        # Also after a rule, on a reflowed line (08MANAMA236 `... the incident. ------- COMMENT -------`).
        before = text[:m.start()].rstrip(" -=_")
        if m.group(0).startswith("(") or not before or before.endswith((".", "!", "?", ":", '"', ")")):
            return m
    return None


def _comment_starts(text: str, pos: int) -> Iterator[re.Match[str]]:
    """`COMMENT_START.finditer(text, pos)`, the pattern tried only where a match can start: each holds the word
    `comment`, opening it or after `(`, or after `BEGIN`, `EMBASSY` and blanks (and a `(` before them). Tried at each of
    its first characters (`(`, `b`, `c`, `e`: a sixth of a text's) it is 3x slower over the corpus's paragraphs that
    hold the word. In ASCII text, whose lower case keeps the offsets."""
    if not text.isascii():
        yield from rx.COMMENT_START.finditer(text, pos)
        return
    lower = text.lower()
    word = lower.find("comment", pos)
    while word >= 0:
        blank = word  # the blanks before the word, after `BEGIN` or `EMBASSY`
        while blank > pos and text[blank - 1].isspace():
            blank -= 1
        starts = (blank - 8, blank - 7, blank - 6, blank - 5, word - 1, word) if blank < word else (word - 1, word)
        for start in starts:
            if start >= pos and (m := rx.COMMENT_START.match(text, start)):
                yield m
                pos = m.end()
                break
        word = lower.find("comment", max(pos, word + 1))


def _opens_comment(text: str) -> bool:
    """The paragraph opens with its own comment marker (09THEHAGUE264 `... Comment:` / `COMMENT: The debate ...`)."""
    m = _comment_opening(text, 0)
    return m is not None and m.start() == 0


def _collect_section(blocks: BlocksBySpan, paragraphs: list[Paragraph], i: int, first: str) -> tuple[list[str], int]:
    """A comment section: this paragraph and the next ones until `End Comment`, a heading, or the end."""
    parts = []
    j = i
    closed_later = _closed_later(blocks, paragraphs, i)
    while j < len(paragraphs):
        chunk = first if j == i else paragraphs[j].text
        if j > i and (paragraphs[j].heading or not closed_later):
            break
        end = _comment_end(chunk)
        if end:
            parts.append(chunk[:end.start()])
            j += 1
            break
        parts.append(chunk)
        if _block_of(blocks, paragraphs[j]).ends_comment:
            j += 1
            break
        j += 1
    return parts, j
