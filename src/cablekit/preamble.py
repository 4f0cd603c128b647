"""Preamble: what stands between the classification line and the body.

Handling captions, E.O. and declassification, TAGS, SUBJECT, REF, Classified By. Values are found by keyword:
each runs from its keyword to the next keyword or the end of its block (a blank line), so the same code reads the
wrapped teletype form and the reflowed site form where several fields share one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import regexes as rx
from .clean import fold
from .models import ClassifiedBy, Diagnostic
from .resolve import next_label_at

# Not before `BY:`: the page put a blank line into the Classified By key (09TRIPOLI939 `... IN LIBYA CLASSIFIED` /
# blank / `BY: Gene A. Cretz, Ambassador`).
_BLOCK_END = re.compile(r"\n[ \t]*\n(?!BY:)")


@dataclass(slots=True)
class Field:
    key: str
    value: str
    start: int
    """Where the value starts (after the keyword)."""
    end: int
    key_start: int = 0
    """Where the keyword starts."""


@dataclass(slots=True)
class Preamble:
    fields: dict[str, Field] = field(default_factory=dict)
    handling: list[str] = field(default_factory=list)
    body_start: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _blocks(work: str, start: int, end: int):
    """(start, end) of each blank-line-separated block in work[start:end]."""
    pos = start
    for m in _BLOCK_END.finditer(work, start, end):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end


def _keys_in(work: str, start: int, end: int, before: Field | None = None) -> list[tuple[int, int, str]]:
    """(key start, value start, name) of each preamble keyword in a block, in order; `before` is the field read last
    before the block."""
    found = []
    for name, pattern in rx.PREAMBLE_KEYS:
        # `search` from each match's end, as `finditer` does, without the scanner `finditer` makes for each of the five
        # keys of each block, most of which find nothing (0.163 -> 0.132 CPU-s over the corpus's 30k blocks). Every
        # key opens with a character it reads, so no match is empty and the loop moves on.
        m = pattern.search(work, start, end)
        while m:
            if not (name == "tags" and not _tags_key_ok(work, m) or name == "subject" and work[m.start() - 1] == "("):
                found.append((m.start(), m.end(), name))  # not `(SUBJ: IIR 6 832 0617 08)`, a REF item's (08PARIS1698)
            m = pattern.search(work, m.end(), end)
    found.sort()
    # Keep only the first of each kind but for REF, and drop keys that stand inside an earlier key's word.
    kept: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for item in found:
        if item[2] in seen:
            continue
        if kept and item[0] < kept[-1][1]:
            continue
        if item[2] == "eo":
            last = (kept[-1][2], work[kept[-1][1]:item[0]]) if kept else (before.key, before.value) if before else None
            if last and last[0] == "classified_by" and _eo_is_reasons(work, item[0], last[1]):
                continue
        seen.add(item[2])
        kept.append(item)
    return kept


def _tags_key_ok(work: str, m: re.Match[str]) -> bool:
    """`TAGS:` anywhere, or `TAGS ` without a colon at the start of a line (04DUBLIN1719: `TAGS OVIP, ECON`)."""
    if ":" in m.group(0):
        return True
    line_start = work.rfind("\n", 0, m.start()) + 1
    return not work[line_start:m.start()].strip() and m.group(0).upper().startswith("TAGS")


# Reasons that open a block or an E.O. key; the order's number may stand before them (05SAOPAULO1158 `REASON:` /
# `E.O. 12958, 1.4(D)`, 05ANKARA4456 `reasons: E.O. 12958 1.` / `4 (b,d)`), not the `DECL:` of the E.O. caption.
_REASONS_AHEAD = re.compile(r"(?:E\.?\s?O\.?\s*1[23]\d{3}\b[\s,.;:]*)?(?:REASONS?\b|\(?1\.\s*[456]\b)", re.I)


def _eo_is_reasons(work: str, at: int, classified_by: str) -> bool:
    """Whether an E.O. key at `at`, right after the value of a Classified By, opens its reasons, missing from it, not
    the E.O. caption (05ANKARA1730 `Classified by CDA Robert Deutsch; E.O. 12958, reasons 1.4 (b) and (d).`,
    06TELAVIV4032 `... Gene A. Cretz. E.O. 12958 Reason 1.4 (B/D).`)."""
    return bool(_REASONS_AHEAD.match(work, at)) and not read_reasons(classified_by)


def _field_follows(work: str, nxt: list[tuple[int, int]]) -> bool:
    """Whether the next block opens with a preamble keyword."""
    return bool(nxt) and bool(keys := _keys_in(work, *nxt[0])) and not work[nxt[0][0]:keys[0][0]].strip()


# A label, doubled where the site page kept both (06NAIROBI1187 `B. (B) NAIROBI 1114`), and a cable.
_REF_ITEM = re.compile(
    r"^\(?[A-Z][.):]?\)?\s+(?:\(?[A-Z][.):]\)?\s+)?(?:\d{2,4}\s*)?[A-Za-z][A-Za-z .'-]{1,30}\s*\d{1,6}\b")


def _is_ref_item(ref: str, block: str, field_follows: bool) -> bool:
    """REF items standing after a blank line (09QUITO233): a block that opens with the next letter's label, doubled
    or not (06GENEVA2030 `B. C. STATE 130145`), and a cable or a short note (06PARIS1031 `B. 2006`); or a short line
    that carries the next label on to the field that follows (04MADRID3914 `C) SAINZ E-MAIL` / `OF 10/6 D) STATE
    215870` / `Classified By:`), or the item of the label the value ends with (09BRASILIA1170 `D.` / `BRASILIA 1038`);
    not a paragraph that opens with its marking (07MANAMA1031 `(U) Pol/Econ Chief`)."""
    at = next_label_at(ref, block)
    if at is None:  # or the item of a label the value ends with, on a short line of its own
        return bool(rx.REF_LABEL_ALONE.search(ref)) and "\n" not in block and len(block) < 100 and \
            bool(_DIGIT.search(block) or rx.REF_NONCABLE.search(block))
    if block[:at].strip() and not ((m := rx.REF_LABEL.match(block)) and not block[m.end():at].strip()):
        return field_follows and "\n" not in block and len(block) < 100
    line = block[at:].split("\n", 1)[0]
    return bool(_REF_ITEM.match(line)) or \
        len(line) < 100 and bool(_DIGIT.search(line) or rx.REF_NONCABLE.search(line))


_DIGIT = re.compile(r"\d")


def _subject_goes_on(work: str, f: Field, text: str) -> bool:
    """Whether a block after a blank line, or what stands before the first keyword in it, is the rest of the SUBJECT
    before it: a subject the site's page put a blank line into (04BOGOTA12829 `... MEET WITH PRESIDENT` / `URIBE`,
    08LONDON2765 `... BY BROWN'S` / `QUICK MANEUVERS ... TORY MP` / `REF: ...`), or whose key stands alone (09CAIRO1945
    `SUBJECT:` / `Cooperation and Coordination Busts Fraud Ring`). One line in the subject's case (a mixed-case line
    after an upper-case subject is body: 05ISTANBUL890), up to the caveat that may end it (09CAIRO213), after a
    subject line the wrap left long (a heading follows a short one: 08TRIPOLI220 `FATHI EL-JAHMI "RELEASED"`); not
    after a cut copy's `...`, nor what opens the body or another field (`Summary ---`, `REF...`, `SUMMARY`), nor a
    heading with its rule (08STATE87776 `GEORGIA REPORTS MORE RUSSIAN MOVEMENTS -------`)."""
    subject = fold(f.value)
    # The subject's last line, from the key when it is the first (a break restored before a marking: 09STATE30049).
    if subject and len(work[work.rfind("\n", f.start + 1, f.end) + 1 or f.key_start:f.end].strip()) < _WRAPPED:
        return False
    if (end := rx.SUBJECT_END.search(text)) is not None:
        if not end.group("caveat"):
            return False
        text = text[:end.start()].strip()
    if not text or "\n" in text or len(text) >= 120 or subject.endswith("...") or text.endswith((":", "...")) or \
            rx.SUBJECT_NOT_GOING_ON.match(text) or fold(text) in subject:  # 09CAIRO2381: the subject again
        return False
    mixed = any(c.islower() for c in text)
    # A mixed-case sentence is body (05DUSHANBE1870 `This record is a partial extract of the original cable. The ...`).
    return (not subject or any(c.islower() for c in subject) == mixed) and not (mixed and _SENTENCE_END.search(text))


_WRAPPED = 40  # the length of a subject's line, key and all, that the wrap may have cut: 09STATE30049's is 47
_SENTENCE_END = re.compile(r"[a-z]{2}\.(?:\s|$)")


def _block_captions(block: str) -> list[str] | None:
    """The captions of a block of caption lines only (`NOFORN` / `SIPDIS`, `SENSITIVE` / `SIPDIS`) or of the SBU
    caveat sentence standing alone (05THEHAGUE2599); None for any other block."""
    if rx.CAVEAT.fullmatch(block):
        return _caveat_captions(block)
    if all(rx.HANDLING_ONLY_LINE.fullmatch(line.strip()) for line in block.splitlines() if line.strip()):
        return _captions(block)
    return None


def _captions(text: str) -> list[str]:
    return [fold(h).upper() for h in rx.HANDLING.findall(text)]


def _caveat_captions(caveat: str) -> list[str]:
    """The SBU caveat sentence is the caption `SENSITIVE`, as on the caption line, and whatever else it names."""
    return ["SENSITIVE", *(c for c in _captions(caveat) if not c.startswith("SENSITIVE"))]


def find_preamble(work: str, start: int, end: int, first_paragraph: int | None) -> Preamble:
    """Scan blocks from `start`; the body starts at the first paragraph or the first plain block after a field."""
    pre = Preamble(body_start=start)
    limit = first_paragraph if first_paragraph is not None else end
    last_field: Field | None = None
    after_captions = start  # where the body starts if the cable has no preamble field at all
    blocks = list(_blocks(work, start, limit))
    for n, (b_start, b_end) in enumerate(blocks):
        keys = _keys_in(work, b_start, b_end, last_field)
        block = work[b_start:b_end].strip()
        if not keys:
            if last_field is not None and last_field.key == "ref" and \
                    _is_ref_item(last_field.value, block, _field_follows(work, blocks[n + 1:n + 2])):
                last_field.value = work[last_field.start:b_end]
                last_field.end = pre.body_start = b_end
                if (body_at := _cut_run_on(last_field, pre)) is not None:
                    pre.body_start = body_at  # the body run on after the item (08MANAMA305 `C. STATE 45792 (SBU)`)
                    break
            elif (captions := _block_captions(block)) is not None:
                pre.handling += captions
                pre.body_start = b_end
                if last_field is None:
                    after_captions = b_end
            elif last_field is None:
                pre.body_start = b_end  # pass lines and archival notes before E.O. (66BUENOSAIRES2481)
            elif last_field.key == "subject" and (_subject_goes_on(work, last_field, block) or len(block) < 120 and
                                                  block.count("\n") < 2 and _field_follows(work, blocks[n + 1:n + 2])):
                # A subject that runs on after a blank line (08TRIPOLI680 `SCENESETTER FOR ... VISIT TO` / `LIBYA`),
                # up to the caveat or a rule that may follow it on its line (09CAIRO213).
                last_field.value = work[last_field.start:b_end]
                last_field.end = pre.body_start = b_end
                if (body_at := _cut_run_on(last_field, pre)) is not None:
                    pre.body_start = body_at
                    break
            elif last_field.key == "classified_by" and len(block) < 120 and not read_reasons(last_field.value) \
                    and _REASONS_AHEAD.match(block):
                # Reasons that went to a block of their own (08BERLIN1690 `... JEFF RATHKE.` / `REASONS:` / `1.4 (B)`).
                last_field.value = work[last_field.start:b_end]
                last_field.end = pre.body_start = b_end
            elif not (_is_address_line(block) or _DATE_LINE.fullmatch(block) and
                      _field_follows(work, blocks[n + 1:n + 2])):
                break
            # An address line between fields (08BRASILIA93: Classified By, `DEPARTMENT FOR WHA, M, T`, E.O.), or a
            # date before one (07BUDAPEST163 REF, `February 7`, Classified By), is passed over; body_start moves only
            # when a field follows it.
            continue
        lead = work[b_start:keys[0][0]]
        rest = lead.strip()
        if last_field is not None and rest and (
                last_field.key == "subject" and _subject_goes_on(work, last_field, rest) or
                last_field.key == "ref" and "\n" not in rest and _is_ref_item(last_field.value, rest, True)):
            # The rest of the subject or REF before the next field (08LONDON2765 `QUICK MANEUVERS ... TORY MP` /
            # `REF: A.`, 09BRASILIA1170 `D.` / `BRASILIA 1038 Classified By:`).
            last_field.end = b_start + len(lead.rstrip())
            last_field.value, lead = work[last_field.start:last_field.end], ""
        if last_field is not None and lead.strip() and \
                (not _is_pass_line(lead) or _PROSE.search(lead) and all(name in pre.fields for _, _, name in keys)):
            # Body text that happens to contain a keyword, or prose before one already read (07SANJOSE657's
            # unnumbered paragraph `On March 30, Poloff sent information regarding the U.S.` / `decision under the
            # provisions of E.O. 13382 to`); not a second copy's classification line and captions.
            break
        pre.handling += _captions(lead)
        body_at = None
        for i, (k_start, v_start, name) in enumerate(keys):
            v_end = keys[i + 1][0] if i + 1 < len(keys) else b_end
            if name not in pre.fields or name == "ref" and i == 0 and last_field is pre.fields[name] and \
                    fold(work[v_start:v_end]).startswith(fold(last_field.value).rstrip(".")):
                # A REF written again in a block of its own, repeating the items before it, or what a cut copy
                # kept of them, and going on, is read from the later one (05NEWDELHI1075 `REF: A. NEW DELHI 878` /
                # `REF: A. NEW DELHI 878` / `B. NEW DELHI 877` ...; 06NEWDELHI760 the same REF twice; 05THEHAGUE2948
                # `REF: ...` / `REF: A. THE HAGUE 2898`).
                last_field = pre.fields[name] = Field(name, work[v_start:v_end], v_start, v_end, k_start)
                body_at = _cut_run_on(last_field, pre)
        pre.body_start = b_end
        if body_at is not None:
            pre.body_start = body_at
            break
    if last_field is None:
        pre.body_start = after_captions
    return pre


_RUN_ON = {"subject": rx.SUBJECT_END, "ref": rx.REF_THEN_BODY, "classified_by": rx.CLASSIFIED_BY_THEN_BODY}


def _cut_run_on(f: Field, pre: Preamble) -> int | None:
    """Cut a SUBJECT, REF or Classified By value where it runs on into the body (reflowed pages lost the blank line
    after it); where the body starts, or None. The SBU caveat is a caveat, not body; a second copy's classification
    line is no body either: the rest of its block is passed over as the copy's preamble (08TBILISI1362)."""
    pattern = _RUN_ON.get(f.key)
    cut = pattern.search(f.value) if pattern is not None else None
    # The earlier of the two: a marked paragraph on the next line is no reason (08MANAMA479 `1.4 (b) and (d)` / `(C)`).
    if f.key == "classified_by" and (body := _body_after_reasons(f.value)) is not None and \
            (cut is None or body <= cut.start()):
        f.value, f.end = f.value[:body], f.start + body
        return f.end
    if f.key == "ref" and (text_at := _text_in_ref(f.value, cut.start() if cut else len(f.value))) is not None:
        pre.diagnostics.append(Diagnostic(
            code="reference-runs-into-text", severity="repair",
            message=f"the REF line runs into the text after {fold(f.value[:text_at])!r}, the bytes between them lost: "
                    f"the text from {fold(f.value[text_at:text_at + 40])!r} read as the body"))
        f.value, f.end = f.value[:text_at], f.start + text_at
        return f.end
    if cut is None:
        return None
    f.value, f.end = f.value[:cut.start()], f.start + cut.start()
    found = cut.groupdict()
    if found.get("caveat"):
        pre.handling += _caveat_captions(found["caveat"])
        return f.start + cut.end()
    return None if found.get("copy") else f.end


# A REF value that runs on into the cable's text, the bytes between them lost: its last item's line goes on with
# prose to the summary's end, or past a sentence's end into the next sentence (06NEWDELHI5138 `A. NEW DELHI 420Q
# QA"z_1in on July 24, the Left parties ...` / ... / `aggressive policy goals.  End Summary.`, the summary's opening
# lost). REF items wrap and carry subjects, in capitals or not, but hold no sentence after a sentence.
_TEXT_RUN_ON = re.compile(
    r"(?i:\bEND\s+(?:OF\s+)?SUMMARY\b)|[a-z]{2,}[.!?][\"')]?\s+[A-Z][a-z]*[ \t]+[a-z]{2,}[ \t]+[a-z]{2,}\b")
# The item's label and cable number (`A. NEW DELHI 420`, `(B) 06 STATE 1234`); the text starts after them at its first
# two words in lower case, with the capitalised words before them (a sentence's start): what stands between (`Q
# QA"z_1`) stays the item's.
_ITEM_NUMBER = re.compile(
    r"\s*(?:\(?[A-Za-z][.):]\)?[ \t]+)?(?:\d{2,4}[ \t]*)?[A-Za-z][A-Za-z .'-]{1,30}?[ \t]*\d{1,6}")
_TEXT_START = re.compile(r"(?:[A-Z][a-z]*[ \t]+)*[a-z]{2,}[ \t]+[a-z]{2,}\b")


def _text_in_ref(value: str, end: int) -> int | None:
    """Where the cable's text starts in a REF value (before `end`) that runs on into it, or None. A value in capitals
    holds no sentence (93% of the corpus's): the pattern is asked of it only when it holds `SUMMARY`."""
    if value.isupper() and "SUMMARY" not in value:
        return None
    run_on = _TEXT_RUN_ON.search(value, 0, end)
    if run_on is None:
        return None
    item = 0  # the last item's label before the run-on, or the value's start
    for label in rx.REF_LABEL.finditer(value, 0, run_on.start()):
        item = label.start()
    number = _ITEM_NUMBER.match(value, item)
    start = _TEXT_START.search(value, number.end() if number else item, run_on.start())
    return start.start() if start else None


# What follows the reasons on their line where a reflowed page ran Classified By on into the body: a heading and its
# rule (09BAKU695 `Reason 1.4 ( B and D) Summary --------`, 08STATE85725 `REASON 1.4(D) EXPLOSIONS NEAR TBILISI;
# AIRPORT REMAINS OPEN ------`), a paragraph's number or marking (08OSLO458 `reasons 1.4 b and d 1. (C)`, 09CAIRO1550
# `(D) 1.Key Points`, 08LONDON2689 `b, d (C) Embassy London`), a marked item (09CAIRO2308 `(d) -- (SBU) Kifaya
# celebrated`), or a sentence: a capitalised word, then two lower-case words in a row (09VATICAN78 `(d) Mr. President,
# it's an honor`, 09LONDON118 `B & D This message contains`); or on the next line, where the page kept the break but
# not the blank line (09BAKU695 `Reason 1.4 ( B and D)` / `Summary --------`).
_BODY_AFTER_REASONS = re.compile(
    r"[ \t.]*(?:\n[ \t]*)?(?=[^\n]{0,120}?(?:---|===|___)"
    r"|(?:\d{1,2}\.|--|(?=\(\w+\)[ \t]+[A-Z][a-z]))[ \t]*\((?:" + rx.MARKING_BODY + r")\)"
    r"|\d{1,2}\.[ \t]*[A-Z][a-z]|[A-Z][a-z]*\.?[ \t][^\n]{0,40}?\b[a-z]{2,}[ \t]+[a-z]{2,}\b)")


def _body_after_reasons(value: str) -> int | None:
    """Where the body starts after the last reasons of a Classified By value, or None."""
    last = None
    for found in _REASONS.finditer(value):
        last = found
    if last is None or not (body := _BODY_AFTER_REASONS.match(value, last.end())):
        return None
    return last.end() + len(body.group(0).rstrip(" \t")) if value[body.end():].strip() else None


_DATE_LINE = re.compile(rx.MONTH_NAME + r"[ \t]+\d{1,2}(?:,[ \t]*\d{4})?\.?")
_ADDRESS_LINE = re.compile(r"^(?:[A-Z][A-Z/&.,' -]*\b(?:FOR|PASS|TO)\b[^\n]*\n?){1,4}$")


def _is_address_line(block: str) -> bool:
    """`DEPT FOR NEA/MAG`, `STATE PASS TO USAID FOR LAC`: routing notes written in capitals, one to four lines."""
    return len(block) < 400 and bool(_ADDRESS_LINE.match(block))


_PROSE = re.compile(r"\b[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\b")
_SENTENCE_GOES_ON = re.compile(r"[a-z]{3,}[.!?]\s")


def _is_pass_line(text: str) -> bool:
    """Short address lines before E.O. (`DEPT FOR NEA/MAG AND DRL`) or captions, not prose."""
    text = text.strip()
    return len(text) < 200 and not _SENTENCE_GOES_ON.search(text)


# --- E.O. and declassification -------------------------------------------------------------------------------------


def iso_date(text: str) -> str | None:
    """`02/14/2017` -> `2017-02-14`; `2020/02/23` too; two-digit years (`12/07/10`) by the century rule."""
    m = rx.DATE_NUMERIC.match(text.strip().rstrip(".,;"))
    if not m:
        return None
    a, b, c = m.groups()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        month, day = int(a), int(b)
        year = int(c) if len(c) == 4 else (int(c) + (1900 if int(c) >= 50 else 2000) if len(c) == 2 else -1)
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 < year < 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_eo(field: Field, work: str) -> tuple[str | None, str | None, str | None, tuple[int, int] | None]:
    """`E.O. 12958: DECL: 02/14/2017` -> (`12958`, `02/14/2017`, `2017-02-14`, span of `12958`)."""
    m = rx.EO_KEY.match(work, field.key_start)
    order, order_span = (m.group(1), m.span(1)) if m else (None, None)
    decl = rx.DECL_KEY.search(field.value)
    text = fold(field.value[decl.end():] if decl else field.value).strip(" .;,")
    if not text:
        return order, None, None, order_span
    return order, text, iso_date(text.split()[0]), order_span


# --- TAGS -------------------------------------------------------------------------------------------------------------


_TAG_LINE = re.compile(r"^[\sA-Z0-9,;.()/&'-]*$")


def tags_value(value: str) -> str:
    """The TAGS value: its first line and the lines it wraps onto, which hold codes too (07BOGOTA1165-like);
    a following line of prose is not part of it (06BUENOSAIRES2711, whose body runs on after TAGS)."""
    lines = value.split("\n")
    kept = [lines[0]]
    for line in lines[1:]:
        if not line.strip() or not _TAG_LINE.match(line) or len(line.strip()) > 80:
            break
        kept.append(line)
    return "\n".join(kept)


_LETTER = re.compile(r"[A-Za-z]")


def split_tags(value: str) -> list[str]:
    """Raw tokens of a TAGS value: codes and person tags, in order, each once."""
    tokens: list[str] = []
    for m in rx.TAG_TOKEN.finditer(value):
        token = m.group(1) if m.group(1) is not None else m.group(0)
        token = fold(token).strip(" ,;.:")
        if token and token not in tokens and _LETTER.search(token):
            tokens.append(token)
    return tokens


# --- SUBJECT ----------------------------------------------------------------------------------------------------------


def read_subject(value: str) -> tuple[str | None, str | None]:
    """Subject text and its portion marking: `(C) MAYSAN GOVERNOR ...` -> (`MAYSAN GOVERNOR ...`, `C`)."""
    text = fold(value)
    marking = None
    if m := rx.SUBJECT_MARKING.match(text):
        marking = fold(m.group(1)).replace(" ", "")
        text = text[m.end():]
    return (text or None), marking


# --- Classified By ----------------------------------------------------------------------------------------------------


# The letters after a section: `(b) and (d)`, `(B, D)`, `b/d`, `( b)`; not the `E` of a following `E.O.`, nor the
# marking of a paragraph run on after them (08LONDON2689 `reasons 1.4 b, d (C) Embassy London passed`).
_REASON_LETTERS = (r"((?:[\s(),/&-]*(?:and|or)?[\s(),/&-]*\(?\s?[A-Ha-h]\s?\)?(?![A-Za-z]|\.\s?O\b)"
                   r"(?!(?:(?<=\(C\))|(?<=\(C)\))[ \t]+[A-Z][a-z]+[ \t]+[A-Za-z]+[ \t]+[a-z]))+)")
# The section's dot spaced, or another mark or none: `1 .4 (b)` (08MANAMA288), `1/4 (B)` (04THEHAGUE1833), `1,4`
# (06COLOMBO1040), `1:4 b,d` (09KABUL1892), `14 (b)` (08BERLIN643).
_REASONS = re.compile(r"\b(1)\s?[.,/:]?\s?([456])\.?\s*" + _REASON_LETTERS, re.I)
# The section left out: `reasons (B) and (D)` (08BUENOSAIRES129), `reasons b, d.` (07BUENOSAIRES1888), `Reasons ( b)
# and (d)` (10KABUL503), `REASONS 1(B) AND (D)` (06BOGOTA5395), `reasons 1.b and d` (08LIMA1107).
_REASONS_NO_SECTION = re.compile(r"\breasons?\b[\s:]*(?:1\s?[.,]?\s?(?=[(A-Ha-h]))?" + _REASON_LETTERS, re.I)
# A reason without its section is one of E.O. 12958 as amended (March 2003 on) or 13526, whose section is 1.4: the
# corpus's lines that leave it out are all of 2006-2010.
_SECTION_LEFT_OUT = "1.4"


def read_reasons(text: str) -> list[str]:
    """Every spelling of the reasons -> `["1.4(b)", "1.4(d)"]` (`1.4 (B, D)`, `(b/d)`, `1.5 (d)`, `1.4b and d`,
    `1.4. (b) & (d)` 07PARIS4357, `1. 4 (b)` 08BEIJING3039, `reasons (b) and (d)` with no section: 1.4)."""
    reasons: list[str] = []
    found = [(f"{m.group(1)}.{m.group(2)}", m.group(3)) for m in _REASONS.finditer(text)] or \
        [(_SECTION_LEFT_OUT, m.group(1)) for m in _REASONS_NO_SECTION.finditer(text)]
    for section, letters in found:
        for letter in rx.REASON_LETTERS.findall(letters):
            reason = f"{section}({letter.lower()})"
            if reason not in reasons:
                reasons.append(reason)
    return reasons


_CB_AGENCY = re.compile(
    r"\b(DEPT\.? OF STATE|DEPARTMENT OF STATE|STATE|USAID|DOD|DOS|TREASURY|DHS|FBI|DEA|DOJ|USDA|DOC|DOE)\b\.?$", re.I)
# What stands between the person and the reasons, in its real spellings, also broken by a wrap (05PARIS8462
# `for reaso ns`, 09ROME395 `fo r reasons`, 08SANJOSE762 `pe r 1.4(d)`, 06BRASILIA546 `resons`), mistyped in lower case
# (10BEIJING183 `Goldberg fo Reasons`, 09MANAMA681 `Henzel nor reasons`, 07MADRID546 `for reaons`), or other words
# (09KABUL1874 `Carney by reasons`, 04BRASILIA2738 `Chicola Based upon Reason`, 09ABUJA2170 `for Reasons in Sections`,
# 06GENEVA2654 `for reasons 12958: 1.4`).
_CB_CONNECTOR = re.compile(  # the marks' run possessive: nested in the repeat, it backtracked exponentially
    r"(?:[\s,;:.()-]++|\b(?:f\s?o\s?r|p\s?e\s?r|under|in\s+accordance\s+with|r\s?e\s?a?\s?s\s?o\s?n\s?s?|"
    r"classification|section|sections|(?:E\.?\s?O\.?\s*)?1[23]\d{3}|as\s+amended|based\s+upon|"
    r"(?-i:by|fo|nor|in|reaons))\b)+$", re.I)
_CB_LABEL = re.compile(r"^(?:\(\w+\)\s*)?CLASSIFIED\s+BY\s*:?\s*", re.I)  # `Classified By: Classified by: NEA ...`
_REASONS_WORD = re.compile(r"\breasons?\b", re.I)
# `U/S Maria Otero (G)` (09STATE100988), `Philip Kaplan (acting)` (09VIENNA912); its `)` may have gone with the
# connector's marks.
_CB_OFFICE_CODE = re.compile(r"\s*\([^)]*\)?$")
# The word a cut copy broke off, no name's end (05ROME3081 `Ambassador Ronald Spogli f...`, 08BAKU768 `for re...`).
_CB_CUT_WORD = re.compile(r"\s+[a-z]+\.{3}$")
_CB_SEPARATOR = re.compile(r"\s*[,;]\s*")


def _who(text: str) -> str:
    """The person part of a Classified By value: what stands before the reasons and their connector words."""
    cut = _REASONS.search(text) or _REASONS_WORD.search(text)
    who = _CB_CUT_WORD.sub("", text[:cut.start()] if cut else text)
    while True:
        shorter = _CB_CONNECTOR.sub("", who)
        shorter = _CB_OFFICE_CODE.sub("", _CB_LABEL.sub("", shorter))  # and `Reason(s):` (06TAIPEI2921)
        if shorter == who:
            break
        who = shorter
    return who.strip(" .,;:-")


def read_classified_by(value: str) -> ClassifiedBy:
    """`PRT Maysan Team Leader Julie Nutter for reasons 1.4 (b) and (d).` -> name, title, agency, reasons."""
    text = fold(value)
    reasons = read_reasons(text)
    who = _who(_CB_LABEL.sub("", text))
    name = title = agency = office = None
    parts = [p.strip() for p in _CB_SEPARATOR.split(who) if p.strip()]
    if len(parts) >= 2:
        # `Chris Stevens, CDA, Embassy Tripoli, Dept of State`: name, title, office, agency.
        # `DCM MARGARET T. HOLLIS, EMBASSY BAGHDAD, STATE`: title and name first, then office, agency.
        # `CDA, a.i., Michael Matera` (06BUENOSAIRES1978): the name is the first part that holds one.
        at = next((i for i, p in enumerate(parts) if _holds_name(p)), 0)
        lead_title, name = split_title_name(parts[at])
        rest = parts[:at] + parts[at + 1:]
        if rest and len(rest) > at and _CB_AGENCY.search(rest[-1]) and (len(rest) > 1 or lead_title):
            agency = rest.pop()
        if lead_title:
            rest.insert(at, lead_title)
        if len(rest) >= 2 and len(rest) > at + 1 and _OFFICE.search(rest[-1]):
            office = rest.pop()
        title = ", ".join(rest) if rest else None
    elif who:
        title, name = split_title_name(who)
    return ClassifiedBy(name=name, title=title, agency=agency, office=office, reasons=reasons, text=text)


def _holds_name(part: str) -> bool:
    """Whether a comma part ends in a person's name (two capitalised words at least that are not title words)."""
    _, name = split_title_name(part)
    return name is not None and len(name.split()) >= 2 and not _looks_like_title(name)


_OFFICE = re.compile(r"^(?:EMBASSY|AMEMBASSY|CONSULATE|AMCONSUL|AMCONGEN|MISSION|USMISSION|US MISSION|[A-Z]{2,5})\b"
                     r"|\b(?:SECTION|OFFICE)$", re.I)
_TITLE_WORDS = re.compile(
    r"\b(AMBASSADOR|CHARGE|D'AFFAIRES|DCM|DEPUTY|CHIEF|MISSION|COUNSELOR|COUNSELLOR|POLCOUNS|ECONCOUNS|POLOFF|"
    r"ECONOFF|OFFICER|CONSUL|GENERAL|SECRETARY|DIRECTOR|LEADER|TEAM|HEAD|SECTION|POLITICAL|ECONOMIC|MINISTER|"
    r"ACTING|A/DCM|CDA|PRT|ATTACHE|MANAGER|COORDINATOR|ASSISTANT|PRINCIPAL|POL|ECON|PAO|RSO|DATT|OF|AND|FOR|THE|"
    r"AFFAIRS|SPECIAL|ADVISOR|ADVISER|US|U\.S\.|REPRESENTATIVE|PERMANENT|EMBASSY|CONSULATE|POLITICAL/ECONOMIC|"
    r"MINISTER-COUNSELL?OR|P/E|POL/ECON|[A-Z]+/[A-Z]+)\b", re.I)  # and `U/S`, `M/C`, `A/PolCouns` (09STATE100988)
_INITIAL = re.compile(r"[A-Z]\.")


def _looks_like_title(text: str) -> bool:
    words = text.split()
    return bool(words) and sum(1 for w in words if _TITLE_WORDS.fullmatch(w.strip(".,"))) >= max(1, len(words) // 2)


def split_title_name(who: str) -> tuple[str | None, str | None]:
    """`PRT Maysan Team Leader Julie Nutter` -> (`PRT Maysan Team Leader`, `Julie Nutter`).

    The name is the run of capitalised words at the end that are not title words; the rest is the title.
    """
    words = _join_wrapped_surname(who.split())
    i = len(words)
    while i > 0:
        word = words[i - 1].strip(".,")
        # A surname that is a title word after an initial is a surname (08VILNIUS657 `CDA Damian R. Leader`).
        if _TITLE_WORDS.fullmatch(word) and not (i == len(words) and i > 1 and _INITIAL.fullmatch(words[i - 2])) or \
                not (word[:1].isupper() or word[:1] in "'\"") or len(words) - i >= 4:
            break
        i -= 1
    # A middle initial or particle keeps the name going (`Robert F. Godec`, `Hugo Llorens`).
    name = " ".join(words[i:]) or None
    title = " ".join(words[:i]) or None
    if name and title is None and len(words) > 4:
        return None, name
    return title, name


def _join_wrapped_surname(words: list[str]) -> list[str]:
    """A surname a wrap broke into a lower-case tail, joined again (07PARIS3668 `Josiah Rosen blatt`, 09BAGHDAD2744
    `John Desroche r`, 09KABUL3068 `Hoyt Y ee`); the value's text keeps the author's spelling."""
    if len(words) >= 2 and words[-1].isalpha() and words[-1].islower() and words[-2][:1].isupper() and \
            words[-2].isalpha():
        return [*words[:-2], words[-2] + words[-1]]
    return words
