"""Resolve: canonical reference ids, references typed and resolved, TAGS repaired against the vocabularies.

Vocabularies are package data files (see `data/README.md` for where each came from), loaded once on first use.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from typing import NamedTuple

from . import regexes as rx
from .clean import fold
from .models import Diagnostic, Reference

# --- vocabularies ---------------------------------------------------------------------------------------------------

# Subject codes in use after the reference list was made (shared/reference/README.md names them).
NEWER_SUBJECT_TAGS = frozenset({"ECIN", "ALEO", "ASUP", "ATRN"})


def _data_lines(name: str) -> list[str]:
    text = resources.files("cablekit").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def subject_tags() -> frozenset[str]:
    return frozenset(_data_lines("subject-tags.txt")) | NEWER_SUBJECT_TAGS


@cache
def organization_tags() -> frozenset[str]:
    return frozenset(_data_lines("organization-tags.txt"))


@cache
def geo_tags() -> dict[str, str]:
    """FIPS 10-4 code -> country name."""
    return {parts[0]: parts[2] for parts in (line.split("\t") for line in _data_lines("geo-tags.tsv"))}


@cache
def tag_names() -> dict[str, str]:
    """Subject, program and organization code -> name, from `data/tag-names.tsv` (its sources are named there)."""
    return dict(line.split("\t", 1) for line in _data_lines("tag-names.tsv"))


def tag_name(tag: str) -> str | None:
    """`PREL` -> 'External Political Relations', `IZ` -> 'Iraq'; None for a code no source names and for person
    and free-text tags (`RICE, CONDOLEEZZA`)."""
    return geo_tags().get(tag) or tag_names().get(tag)


@cache
def routing_indicators() -> dict[str, str]:
    """Routing indicator -> plain-language address: ACP 117 first, then what the cables' own TO/INFO and DE/FM
    lines pair (State's collectives and the small posts ACP 117 lacks, `RUCNRAQ` IRAQ COLLECTIVE)."""
    table: dict[str, str] = {}
    for name in ("routing-indicators-mined.csv", "routing-indicators.csv"):  # the later file wins
        rows = csv.reader(line for line in _data_lines(name))
        table.update({row[0]: row[1] for row in rows if len(row) >= 2})
    return table


@cache
def iso_countries() -> dict[str, str]:
    """FIPS 10-4 code -> ISO 3166 code (`IZ` -> `IQ`), for tools that speak ISO."""
    return {parts[0]: parts[1] for parts in (line.split("\t") for line in _data_lines("geo-tags.tsv"))}


class Post(NamedTuple):
    """The post an origin code stands for, and where it is. Country and place are None for a post with no fixed
    place (PARTO, the Secretary's travelling party)."""

    name: str
    country: str | None
    country_name: str | None
    lat: float | None
    lon: float | None


@cache
def posts() -> dict[str, Post]:
    """Origin code (as in reference ids) -> Post, from `data/posts.tsv`."""
    table = {}
    for line in _data_lines("posts.tsv"):
        # A post with no place ends at its name: its empty columns were stripped with the line.
        code, name, country, country_name, lat, lon = (line.split("\t") + [""] * 4)[:6]
        table[code] = Post(name, country or None, country_name or None, float(lat) if lat else None,
                           float(lon) if lon else None)
    return table


def post(origin: str) -> Post | None:
    """`BAGHDAD` -> Post('Embassy Baghdad', 'IZ', 'Iraq', 33.34, 44.40); None for an origin the table lacks."""
    return posts().get(origin)


@cache
def _codes_by_post() -> dict[str, tuple[str, ...]]:
    codes: dict[str, list[str]] = {}
    for code, known in posts().items():
        codes.setdefault(known.name, []).append(code)
    return {name: tuple(sorted(found, key=lambda c: (len(c), c))) for name, found in codes.items()}


def post_codes(origin: str) -> tuple[str, ...]:
    """Every origin code of the post `origin` names, its own first: an embassy that also sent cables under
    another code (`EFTOTRIPOLI` beside `TRIPOLI`) is one post. An unknown code stands for itself."""
    known = post(origin)
    if known is None:
        return (origin,)
    codes = _codes_by_post()[known.name]
    return (origin, *[c for c in codes if c != origin])


def post_code(origin: str) -> str:
    """The code a post goes by (the shortest of its codes): `EFTOTRIPOLI` -> `TRIPOLI`."""
    known = post(origin)
    return _codes_by_post()[known.name][0] if known else origin


_PROGRAM_CODE = re.compile(r"K[A-Z]{3}")


def tag_kind(tag: str) -> str | None:
    """`subject`, `program`, `geographic`, `organization`, or None for a code no list knows."""
    if tag in subject_tags():
        return "program" if tag.startswith("K") else "subject"
    if _PROGRAM_CODE.fullmatch(tag):
        return "program"
    if tag in geo_tags():
        return "geographic"
    if tag in organization_tags():
        return "organization"
    return None


def _known(tag: str) -> bool:
    return tag_kind(tag) is not None


def _split_glued(token: str) -> list[str] | None:
    """`IZPREL` -> `IZ`, `PREL`: a token that is two or three known codes run together."""
    for cut in range(2, len(token) - 1):
        head, tail = token[:cut], token[cut:]
        if _known(head):
            if _known(tail):
                return [head, tail]
            rest = _split_glued(tail)
            if rest:
                return [head, *rest]
    return None


def _one_edit_fix(token: str) -> str | None:
    """`POGOV` -> `PGOV`, `MOPPS` -> `MOPS`: the one subject code a single deleted letter turns the token into."""
    if len(token) != 5:
        return None
    candidates = {token[:i] + token[i + 1:] for i in range(len(token))} & subject_tags()
    return candidates.pop() if len(candidates) == 1 else None


_CAPITALS = re.compile(r"[A-Z]{2,40}")


def _repair_code(code: str, token: str, notes: list[Diagnostic]) -> list[str] | None:
    """A token as known codes: itself, split when glued, fixed when one letter off; None when no list knows it."""
    if _known(code):
        return [code]
    if not _CAPITALS.fullmatch(code):
        return None
    # Only six letters and more are split: a four-letter unknown code is more likely an organization the list
    # lacks (`SADC`, 00GABORONE5064) than two country codes run together.
    if len(code) >= 6 and (parts := _split_glued(code)) is not None:
        notes.append(Diagnostic(code="tags-split", severity="repair",
                                message=f"TAGS: {token!r} read as {' '.join(parts)}"))
        return parts
    if (fixed := _one_edit_fix(code)) is not None:
        notes.append(Diagnostic(code="tags-typo", severity="repair", message=f"TAGS: {token!r} read as {fixed}"))
        return [fixed]
    return None


# A word of a person's name in a TAGS line: a surname or given name, or an initial; not a two-letter code (`US`).
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}|[A-Za-z]")


def _person_tags(tokens: list[str], notes: list[Diagnostic]) -> list[str]:
    """The words after OVIP that no list knows are one person, written without the parentheses (06PARTO9 `OVIP RICE
    CONDOLEEZZA`, 09PARTO40301 `OVIP CLINTON HILLARY PREL`): the tag is written as the parenthesised form writes it
    (09STATE30049 `OVIP (CLINTON, HILLARY)`), surname, comma, given names: `RICE, CONDOLEEZZA`."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        out.append(tokens[i])
        end = i + 1
        if tokens[i].upper() == "OVIP":
            while end < len(tokens) and end - i <= 4 and _NAME_WORD.fullmatch(tokens[end]) \
                    and not _known(tokens[end].upper()):
                end += 1
        if end - i >= 3:  # a surname and a given name at least
            person = f"{tokens[i + 1]}, {' '.join(tokens[i + 2:end])}"
            notes.append(Diagnostic(code="tags-person", severity="info", message=(
                f"TAGS: {' '.join(tokens[i + 1:end])!r} after OVIP read as the person {person!r}")))
            out.append(person)
        else:
            end = i + 1
        i = end
    return out


_SHORT_WORD = re.compile(r"[A-Za-z]{2,6}")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def repair_tags(tokens: list[str]) -> tuple[list[str], list[Diagnostic]]:
    """Known codes kept; glued codes split and one-letter typos fixed with a diagnostic; unknown words in a row kept
    together as one free-text tag as written (03ROME2045 `IRAQI FREEDOM`); person tags as `SURNAME, GIVEN NAMES`."""
    tags: list[str] = []
    notes: list[Diagnostic] = []
    phrase: list[str] = []
    tokens = _person_tags(tokens, notes)

    def add(tag: str) -> None:
        if tag not in tags:
            tags.append(tag)

    def flush() -> None:
        if phrase:
            add(" ".join(phrase))
            phrase.clear()

    for token in tokens:
        code = token.upper() if _SHORT_WORD.fullmatch(token) else token
        replaced = _repair_code(code, token, notes)
        # Words (five letters and more, or in lower case) join a phrase; a short unknown code stands alone (`XF`).
        if replaced is None and _WORD.fullmatch(token) and (len(token) >= 5 or not token.isupper()):
            phrase.append(code)
            continue
        flush()
        for tag in replaced or [code]:
            add(tag)
    flush()
    return tags, notes


# --- ids --------------------------------------------------------------------------------------------------------------

WELL_FORMED_ID = re.compile(r"^(\d{2})([A-Z][A-Z]*[A-Z])(\d{1,7})$")
PLUSD_ID = re.compile(r"^(19\d{2}|20\d{2})([A-Z][A-Z]*[A-Z])0*(\d{1,7})(?:_[a-z]{1,2})?$")
ORIGIN_ALIASES = {"SECSTATE": "STATE", "SECSTATE WASHDC": "STATE"}


_NOT_CAPITAL = re.compile(r"[^A-Z]")


def origin_code(word: str) -> str:
    """`SAO PAULO` -> `SAOPAULO`, `USUN NEW YORK` -> `USUNNEWYORK`, as WikiLeaks ids spell origins."""
    word = fold(word).upper()
    word = ORIGIN_ALIASES.get(word, word)
    return _NOT_CAPITAL.sub("", word)


_FM_PREFIX = re.compile(r"^(?:AMEMBASSY|AMEMB|AMCONSUL|AMCONGEN|AMCONS|USMISSION|US MISSION|USDEL|AMEMBASSY)\s+", re.I)


def origin_from_fm(fm: str) -> str:
    """The FM line's address as the origin part of an id: `AMCONSUL SAO PAULO` -> `SAOPAULO`."""
    fm = fold(fm).upper()
    if fm.startswith(("SECSTATE", "SECSTATE WASHDC")):
        return "STATE"
    return origin_code(_FM_PREFIX.sub("", fm))


@cache
def known_origins() -> frozenset[str]:
    """Origin codes of posts the routing list names (`AMEMBASSY TRIPOLI` -> `TRIPOLI`), and the Department's."""
    codes = {origin_from_fm(name) for name in routing_indicators().values() if _FM_PREFIX.match(name)}
    return frozenset(codes | {"STATE"})


def repair_origin(code: str) -> str | None:
    """A damaged origin code the one known origin a single changed letter away (`QRIPOLI` -> `TRIPOLI`)."""
    if code in known_origins():
        return None
    near = [k for k in known_origins()
            if len(k) == len(code) and sum(a != b for a, b in zip(k, code, strict=True)) == 1]
    return near[0] if len(near) == 1 else None


def canonical_id(year: int | str, origin: str, serial: int | str) -> str:
    year_text = str(year)
    return f"{year_text[-2:].zfill(2)}{origin_code(origin)}{int(serial)}"


def normalize_id(published: str) -> str | None:
    """A well-formed published id in canonical form (PlusD `1974ATHENS03099_b` -> `74ATHENS3099`); None if malformed."""
    published = published.strip().upper()
    if m := WELL_FORMED_ID.match(published):
        if "SECTION" in m.group(2) or "CTION" in m.group(2):
            return None
        return f"{m.group(1)}{m.group(2)}{int(m.group(3))}"
    if m := PLUSD_ID.match(published.replace("_B", "_b").replace("_A", "_a")):
        return f"{m.group(1)[2:]}{m.group(2)}{int(m.group(3))}"
    return None


# --- references -------------------------------------------------------------------------------------------------------

_NOT_ORIGINS = frozenset({
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "PARA", "PARAS",
    "REF", "REFS", "AND", "DTD", "DATED", "OF", "ON", "THE", "NO", "NUMBER", "SECTION", "PAGE", "ITEM", "NOTAL",
    "PASS", "TO", "FROM", "IN", "AT", "CA", "A", "B", "C", "D", "E", "F", "G", "H", "EO", "E.O.", "PL", "USC",
})
_YEAR_ORIGIN_SERIAL = re.compile(
    r"^\s*(?:(\d{4}|\d{2})\s*)?([A-Z][A-Z .'-]{1,30}?[A-Z])(?:\s+-\s*|\s*)0*(\d{1,6})(?![\d/:-])")
_GLUED_ID = re.compile(r"^\s*(\d{2})([A-Z]{3,25})(\d{1,7})\b")


# Also the key written twice (07ACCRA2140 `REF: REF:`), and the `AND` before the next label (08REYKJAVIK20).
_NEXT_LABEL_WORD = re.compile(r"[\s;,]*\b(?:REF\w*|AND)\s*:?\s*$", re.I)


def _reference(label: str | None, text: str, year: int | None, span: tuple[int, int]) -> Reference:
    # `REF A: VATICAN 05286; REF B: ...` (01VATICAN5960): the next item's `REF` is not part of this one;
    # `'08 BUENOS AIRES 1389` (09BUENOSAIRES66): a quote before the year.
    text = _NEXT_LABEL_WORD.sub("", fold(text)).strip(" ;,").lstrip("'`")
    upper = text.upper()
    if m := _GLUED_ID.match(upper):
        return Reference(label=label, reference_id=f"{m.group(1)}{m.group(2)}{int(m.group(3))}", kind="cable",
                         text=text, span=span)
    m = _YEAR_ORIGIN_SERIAL.match(upper)
    noncable = rx.REF_NONCABLE.search(upper)
    if m and fold(m.group(2)) not in _NOT_ORIGINS and not (noncable and noncable.start() < m.end()):
        ref_year = m.group(1) or (str(year) if year else None)
        # With no year in the reference nor a date on the cable, the id cannot be built: still a cable.
        reference_id = canonical_id(ref_year, m.group(2), m.group(3)) if ref_year else None
        return Reference(label=label, reference_id=reference_id, kind="cable", text=text, span=span)
    kind = noncable.group(1).lower() if noncable else "other"
    kind = {"e-mail": "email", "emails": "email", "e-mails": "email", "memorandum": "memo", "telecon": "telcon",
            "http": "website"}.get(kind, kind)
    return Reference(label=label, reference_id=None, kind=kind, text=text, span=span)


# Unlettered items are split at `;`, `AND` (not `AND PREVIOUS`), `:` and `,` before another cable
# (72TEHRAN1164 `TEHRAN 1091: TEHRAN 263: MOSCOW 1603`), and at a line break between cables, where the wrap lost the
# `;` (10TASHKENT27 `07 TASHKENT 2029; 08 TASHKENT 153` / `08 TASHKENT 1072; 09 TASHKENT 921`).
_BETWEEN_ITEMS = r";|\bAND\b(?!\s+PREV)|(?:[,:]|(?<=\d)[ \t]*\n)(?=\s*(?:\d{2,4}\s+)?[A-Z]{3,}[A-Z ]*\s+\d)"
_REF_SEPARATOR = re.compile(f"({_BETWEEN_ITEMS})", re.I)


def _split_items(value: str, start: int, end: int, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """The spans of `value[start:end]` between separators, blank ones left out."""
    spans = []
    pos = start
    for part in separator.split(value[start:end]):
        if part and separator.fullmatch(part) is None and part.strip(" \n\t:;.,"):
            at = value.index(part, pos)
            spans.append((at, at + len(part)))
            pos = at + len(part)
    return spans


# Within one lettered item, a cable right after another's serial with no `;` between (10HANOI7 `09 HANOI 1182
# 09 HANOI 1084`, where the site joined the wrapped line).
_ITEM_SEPARATOR = re.compile(f"({_BETWEEN_ITEMS}" + r"|(?<=\d)[ \t]+(?=\d{2}[ \t]+[A-Z]{3,}))", re.I)


def _cables_of_item(value: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the cables one lettered item cites when it cites several and nothing else (10HANOI7 `A) HANOI 5;
    HANOI 3; 09 HANOI 1398; ...`): each is a reference under the item's letter. The item whole otherwise."""
    parts = _split_items(value, start, end, _ITEM_SEPARATOR)
    if len(parts) > 1 and all(_only_a_cable(_NEXT_LABEL_WORD.sub("", value[s:e]).strip(" \n\t;,.")) for s, e in parts):
        return parts
    return [(start, end)]


def _only_a_cable(text: str) -> bool:
    m = _YEAR_ORIGIN_SERIAL.match(text.upper())
    return m is not None and m.end() == len(text) and fold(m.group(2)) not in _NOT_ORIGINS


def read_references(value: str, offset: int, year: int | None) -> list[Reference]:
    """A REF value -> references: lettered lists in their real forms, or unlettered items split at separators."""
    labels = _sequential([m for m in rx.REF_LABEL.finditer(value) if _label_ok(value, m)])
    items: list[tuple[str | None, int, int]] = []
    if labels:
        lead = value[:labels[0][0]]
        if _NEXT_LABEL_WORD.sub("", lead).strip(" \n\t:;.,"):
            items.append((None, 0, labels[0][0]))
        for i, (_, label_end, letter) in enumerate(labels):
            end = labels[i + 1][0] if i + 1 < len(labels) else len(value)
            items += [(letter, start, stop) for start, stop in _cables_of_item(value, label_end, end)]
    else:
        items = [(None, start, stop) for start, stop in _split_items(value, 0, len(value), _REF_SEPARATOR)]
    refs = []
    for label, start, end in items:
        text = value[start:end]
        if text.strip(" \n\t:;.,"):
            lstrip = len(text) - len(text.lstrip())
            refs.append(_reference(label, text, year, (offset + start + lstrip, offset + end)))
    return refs


def next_label_at(value: str, block: str) -> int | None:
    """Where `block` goes on with the label after the last one of a REF value (`B.` after `A. (A) NAIROBI 988`, `A`
    after a value with none, 08LONDON1163 `REF:` / `A. A) STATE 33385`), or None."""
    joined = f"{value}\n{block}"
    kept = _sequential([m for m in rx.REF_LABEL.finditer(joined) if _label_ok(joined, m)])
    old = [k for k in kept if k[0] <= len(value)]
    new = kept[len(old)] if len(kept) > len(old) else None
    if new is None or ord(new[2]) != ord(old[-1][2] if old else "@") + 1:
        return None
    return new[0] - len(value) - 1


def _letter(label: re.Match[str]) -> str:
    return (label.group(1) or label.group(2) or label.group(3) or label.group(4)).upper()


def _sequential(labels: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    """Labels as (start, end, letter). They run A, B, C... (a few may be skipped): one out of the run is text
    (`(C)` inside an item, `(U)` opening the body); a doubled `A. A)` (05MADRID2131) is one label."""
    kept: list[tuple[int, int, str]] = []
    for m in labels:
        letter = _letter(m)
        last = kept[-1][2] if kept else "@"
        if ord(last) < ord(letter) <= ord(last) + (1 if not kept else 4):
            kept.append((m.start(), m.end(), letter))
        elif kept and letter == last and m.start() - kept[-1][1] <= 2:
            kept[-1] = (kept[-1][0], m.end(), letter)
    return kept


def _label_ok(value: str, m: re.Match[str]) -> bool:
    """A label must start an item: at the value's start, after a line break, `AND` (08REYKJAVIK20 `A) STATE 15111 AND
    B) 13716`) or the previous item's end; after a word where a reflowed line kept two blanks between items
    (08REYKJAVIK219 `B) Evans-Norton telecon  C) Evans-Meyers telecon`), or where a cable or a date follows it
    (10MANAMA15 `ERELI-HALE TELCON C. 09 MANAMA 731`, 10MANAMA57 `DAALDER-ERELI EMAIL D. 1/31/10`)."""
    before = value[:m.start()].rstrip(" \t")
    return not before or before.endswith(("\n", ";", ",", ".", ")")) or \
        bool(_ITEM_END.search(before)) or m.start() - len(before) >= 2 or \
        bool((cable := _YEAR_ORIGIN_SERIAL.match(value[m.end():m.end() + 60].upper())) and
             cable.group(2) not in _NOT_ORIGINS) or bool(_DATE_AHEAD.match(value, m.end()))


_ITEM_END = re.compile(r"(?:\d|\bREF|\bAND)$", re.I)
_DATE_AHEAD = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{2,4}\b")
