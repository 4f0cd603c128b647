"""Every pattern the parser uses, in pipeline order, each odd case named after the cable it came from.

CPython's `re` is fast when a pattern starts with a literal, so field patterns anchor on their keyword
(`TAGS`, `SUBJECT`, `REF`) and most are run on a line or a short slice, never over a whole body with a leading wildcard.
"""

from __future__ import annotations

import re

I, M, S, X = re.IGNORECASE, re.MULTILINE, re.DOTALL, re.VERBOSE  # noqa: E741 (the flags' own letters)


def spaced(word: str) -> str:
    """A word as classification lines spell it: `S E C R E T`, `SECRET`, `SS E C R E T` (08TUNIS679)."""
    parts = []
    for token in word.split(" "):
        parts.append(r"\s?".join(f"{c}+" if i == 0 else c for i, c in enumerate(token)))
    return r"\s+".join(parts)


# --- clean: rendering artifacts -------------------------------------------------------------------------------
# Markdown-converted pages (fixture 07BAGHDAD620): links became `[PGOV](#)`; the paragraph anchor became `[1](#)`.
MD_LINK = re.compile(r"\[([^\]\n]{0,40})\]\(#[^)\n]*\)")
# A page break as a rendering left it: `BAGHDAD 00000620 002 OF 003` (serial zero-padded to 8 digits), alone on
# its line, or mid-sentence on reflowed site pages (08TRIPOLI220: `a TRIPOLI 00000220 002 OF 003 visit`); some
# pages number the page `001.2 OF 006` (survey of the site pages). Starts with a literal `0` for speed.
PAGE_BREAK_ANY = re.compile(r"0\d{7}[ \t]+\d{3}(?:\.\d)?[ \t]+(?:OF|of|Of)[ \t]+\d{3}(?!\d)")
# The same where the redaction took origin and serial (10BEIJING207 `XXXXXXXXXXXX  002 OF 002`): a pattern of its
# own, written out: `re` takes the letters for a literal start, not `X{12}` (0.03 against 0.67 CPU-s a corpus).
PAGE_BREAK_REDACTED = re.compile(r"XXXXXXXXXXXX[ \t]+\d{3}(?:\.\d)?[ \t]+(?:OF|of|Of)[ \t]+\d{3}(?!\d)")
PAGE_BREAK_ORIGIN = re.compile(r"[A-Z][A-Z.'-]*[ \t]*$")
# Archival teletype page lines (PlusD 1974ATHENS03099: `PAGE 01  ATHENS 03099  231541Z`). Reflowed site pages go on
# with the text on the page line (00HARARE6677 `PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER`, the end of
# its subject; 02ROME1196 `... 082030Z  B. ROME 1098`, its REF items): the marker alone is blanked.
TELETYPE_PAGE_LINE = re.compile(
    r"^[ \t]*PAGE\s+\d{2,3}\s+[A-Z][A-Z .'-]*?\s+\d{3,6}\s+(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z(?!\S)[ \t]*", M)
# The page's classification banner on the line right before it, alone (00HARARE6677 ` CONFIDENTIAL`), glued to the end
# of the text (00HARARE5461 `... THEY REALIZE  CONFIDENTIAL`), or with the section's teletype number (`CONFIDENTIAL
# PTQ2532`). Searched on that line only.
TELETYPE_PAGE_BANNER = re.compile(
    r"(?<!\S)(?:UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE|CONFIDENTIAL|SECRET)(?:[ \t]+PTQ\d+)?[ \t]*$")
# A later section's own teletype header, which the site's pages of 2000-2003 cables keep in the body (00HARARE6677,
# 02ROME1196, 03ROME2045): the page's banner with its teletype number (`CONFIDENTIAL PTQ4581`, alone where blank
# lines part it from the page line, 02ROME3639), `ACTION AF-00` (the page line before it blanked), the `INFO  LOG-00
# ...` distribution and the routing, then the section's classification line and the preamble it repeats (found by
# the caller). A second copy of the cable opens with `> @@@OASYS@@@` (02ROME1196).
SECTION_HEADER = re.compile(
    r"^(?:[ \t]*>?[ \t]*@@@OASYS@@@[ \t]*\n)?"
    r"(?:[ \t]*(?:UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE|CONFIDENTIAL|SECRET)[ \t]+PTQ\d+[ \t]*\n(?:[ \t]*\n)*)?"
    r"[ \t]*ACTION[ \t]+[A-Z]{1,5}-\d\d[ \t]*\n(?:[ \t]*\n)*[ \t]*INFO[ \t]+[A-Z]{1,5}-\d\d\b", M)
# A cables.csv record embedded in a site page after a cut copy of the cable (09THEHAGUE731, 10THEHAGUE114,
# 08JEDDAH84): its body column opens on the header's last line (`RHEHAAA/WHITE HOUSE WASHDC PRIORITY","S E C R E T
# SECTION 01 OF 02`), and the record's width wrapped its classification line (`THE` / `HAGUE 000114`, `C O N F I D E
# N T` / `I A L`). Found by the column's opening before a capital; the caller reads the line up to its serial. A TSV
# record's column opens with a tab (10TASHKENT27 `EUROPEAN POLITICAL COLLECTIVE<tab>C O N F I D E N T I A L SECTION 01
# OF 04 TASHKENT 000027 \`, every line ending in a backslash).
EMBEDDED_RECORD_BODY = re.compile(r'","(?=[A-Z])|\t(?=[A-Z])')
# `-- N/A` style banners and trailer codes that are never paragraph text (`GP-3`, `NNNN`, `BT`).
# Trailer lines after the text (survey of the site pages): `NNNN`, `End Cable Text`, `=====CABLE ENDS=====` of the
# embedded-record pages (04BOGOTA2313), `>`, stray quotes and commas of CSV residue (03ROME2045).
TRAILER_LINE = re.compile(
    r"^[ \t]*(?:NNNN?|BT|GP-\d|#\d{4}|\d{4}\s+NNNN|END CABLE TEXT|=+\s*CABLE ENDS\s*=+|>+|[\"',.\s]+)[ \t]*$", M | I)
# The archive's footer at the end of the text: the year, the origin cut to six letters, the serial in five digits
# and the classification (01VATICAN3507 `2001VATICA03507 - Classification: CONFIDENTIAL`), the word `Classification:`
# left out (04CARACAS2200 `2004CARACA02200 - CONFIDENTIAL`) or broken by a TSV column (03ROME2045 `Clas"\t"sification`),
# after the signer and `NNNN` on their line (05ROME1593 `NNNN  2005ROME01593 - Classification: SECRET`), or with no
# id where a TSV column cut it off (06ROME439 `"\tClassification: UNCLASSIFIED`). Blanked by clean wherever it stands
# on its line, so the signer before it is read. Only CSV residue (quotes, blanks) may follow it.
ARCHIVE_TRAILER = re.compile(
    r"(?:\b\d{4}[A-Z]{3,6}\d{5}[ \t]+-[ \t]+(?:Clas[\"\t]*sification:[ \t]*)?|\bClassification:[ \t]*)"
    r"(?:TOP SECRET|SECRET|CONFIDENTIAL|LIMITED OFFICIAL USE|UNCLASSIFIED)\b(?://[A-Z]+)?(?=[\s\"]*\Z)")
# Banners a site added (05TELAVIV1580 `*****...***** KURTZER`, 07MANAMA1012 `Visit Embassy Manama's Classified
# Website: XXXXXXXXXXXX`, 06KIEV1531 `classified website at: www.state.sgov.gov/p/eur/kiev.`, 07PARIS3534
# `http://www.state.sgov.gov/p/eur/paris/index.c fm`, the address broken by a wrap).
# The pattern reads the first character from a set, then goes on by the one it read: `re` skips fast to the few
# candidates, where `*****|(?:Please )?Visit` (case-blind, no literal start) was tried at every position (8x slower).
# The address, broken by a wrap: `/Portal:Unit` / `ed_Kingdom` (08LONDON2765) wrapped onto a line of its own;
# `intelink.s` / `gov.gov/wiki/...` (08ANKARA1599), `index.cf m` (04ROME2926), `?cable s` (08KUWAIT128); a portal's
# name cut after its fourth letter, where the site's lines broke (09ANKARA226 `Portal:Turk ey`, 08LONDON1412
# `Portal:Unit ed_Kingdom`, 08PARIS1501 `Portal:Fran ce`, 09KUWAIT110 `Portal:Kuwa it`): the rest in small letters,
# so a name in capitals after a whole one stays.
_LINK = (r"(?:https?://|www\.)\S+(?:[ \t]c?fm\b|(?<=\.cf)[ \t]m\b|(?<=\?cable)[ \t]s\b"
         r"|(?-i:(?<=ortal:[A-Za-z]{4})[ \t][a-z]\w*)|(?<=\.s)\s*gov\.gov/\S+"
         r"|[ \t]*\n[ \t]*[\w.:/-]*[_/][\w.:/-]*(?=[ \t]*(?:\n|$)))?")
# Spelled `Web Site` too (Mexico City's, Ankara's, Ottawa's: 06MEXICO1311), with Mexico City's blog after it
# (09MEXICO3376 `... and the North American Partnership Blog at http://www.intelink.gov/communities/state/nap /`).
_SITE_LINK = (r"\s[^\n]{0,80}?classified\s+web\s?site(?:\s+at)?:?\s*(?:" + _LINK +
              r"(?:\s+and\s+the\s+North\s+American\s*Partnership\s+Blog\s+at\s+https?://\S+(?:[ \t]+/(?!\S))?)?"
              r"|X{4,})?\.?")
# Kuwait's opens with a line of its own under its row of stars, the address after it (08KUWAIT128 `For more reporting
# from Embassy Kuwait, visit:` / `http://www.state.sgov.gov/p/nea/kuwait/?cable s`), or none, the classified website's
# line next (09KUWAIT110); a redacted address may be glued to it (08KUWAIT1104 `visit:XXXXXXXXXXXX cable s`, after a
# second banner's rows of stars). Read after the stars, not led by its `F`, which all-capitals texts hold everywhere.
_MORE_REPORTING = (r"\s*For\s+more\s+reporting\s+from\s+Embassy\s+[A-Z]\w*,?\s+visit:"
                   r"(?:\s*(?:" + _LINK + r"|X{4,}(?:[ \t]cable[ \t]s\b)?))?")
# Buenos Aires writes it as a sentence wrapped over lines (05BUENOSAIRES159 `To see more Embassy Buenos Aires reporting,
# visit our` / `classified website at` / `http://www.state.sgov.gov/p/wha/buenosaires`, 06BUENOSAIRES452).
BANNER = re.compile(
    r"[*PpVvT](?:(?<=\*)\*{4,}(?:[ \t]*\*+)*(?:[^*\n]{0,160}?\*{5,}(?:[ \t]*\*+)*)?"
    r"(?:" + _MORE_REPORTING + ")?"
    r"|(?<=[Pp])(?i:lease\s+Visit" + _SITE_LINK + r")|(?<=[Vv])(?i:isit" + _SITE_LINK + ")"
    r"|(?<=T)(?i:o\s+see\s+more\s+(?:[\w.]+\s+){0,4}?reporting,?\s+visit\s+our\s+classified\s+web\s?site"
    r"(?:\s+at)?:?\s+(?:https?://|www\.)\S+))")
# `Missing Section 2` in any case: two patterns, led by the literal `M` and `m` (the case-blind `m` matches these two
# only), which `re` skips to fast, where the case-blind pattern was tried at every character (5x slower).
MISSING_SECTION = tuple(re.compile(m + r"(?i:issing\s+section\s+(\d+))") for m in "Mm")
# SIPDIS repeated on its own line where a section starts, mid-paragraph (10ANKARA243 test cable, 04DUBLIN1719).
CAPTION_LINE = re.compile(
    r"^[ \t]*(?:SIPDIS|NOFORN|SENSITIVE|EXDIS|NODIS)(?:[ \t]+(?:SIPDIS|NOFORN|SENSITIVE))*[ \t]*$")

# --- header (the transmission's format lines) ----------------------------------------------------------------
TRANSMISSION_ID = re.compile(r"^[ \t]*(VZCZC[A-Z0-9]*)", M)
FORMAT_LINE_2 = re.compile(r"^[ \t]*([ZOPR]{2})[ \t]+((?:[A-Z]{5,7}[ \t]*)+)$", M)
RELAY_CONT = re.compile(r"^[ \t]*((?:R[A-Z]{4,6}[ \t]*)+)$")
DE_LINE = re.compile(r"^[ \t]*DE[ \t]+([A-Z]{4,7})[ \t]+#?(\d+)(?:/(\d+))?", M)
# `P 201804Z FEB 07`, `P R 041820Z JAN 10` (action/info), `O O 121212Z ...`; old cables also `2 281848Z`.
DTG_LINE = re.compile(
    r"^[ \t]*([ZOPR])(?:[ \t]+([ZOPR]))?[ \t]+(\d{2})(\d{2})(\d{2})Z[ \t]+([A-Z]{3})[ \t]+(\d{2,4})\b", M)
FM_LINE = re.compile(r"^[ \t]*FM[ \t]+(\S.*?)[ \t]*$", M)
TO_LINE = re.compile(r"^[ \t]*TO[ \t]+(\S.*?)[ \t]*$", M)
INFO_LINE = re.compile(r"^[ \t]*INFO[ \t]+(\S.*?)[ \t]*$", M)
# Any line of a header: a format, relay, DE, `ZNR UUUUU ZZH`, precedence and DTG, FM, TO or INFO line, or an addressee
# with its routing indicator (`RUCNMEM/EU MEMBER STATES`). Clean asks it of a header repeated after the text.
HEADER_LINE = re.compile(
    "|".join(p.pattern for p in (FORMAT_LINE_2, RELAY_CONT, DE_LINE, DTG_LINE, FM_LINE, TO_LINE, INFO_LINE)) +
    r"|^[ \t]*ZN[RY][ \t]|^[ \t]*R[A-Z0-9]{3,6}/", M)
# Archival distribution blocks are not addressees (PlusD 1974ATHENS03099: `INFO  OCT-01  EA-11 ...`).
DISTRIBUTION = re.compile(r"\b[A-Z]{2,5}-\d{2}\b.*\b[A-Z]{2,5}-\d{2}\b|/\d+\s+W\s*$|^-{5,}")
# The name is taken a word at a time, shortest first: the precedence and number after it start at a blank (`.+?`,
# a character at a time, tried them after every character: 2x slower).
ADDRESSEE = re.compile(
    r"^(?:(R[A-Z0-9]{3,6})/)?(.[^ \t\n]*(?:[ \t]+[^ \t\n]+)*?)"
    r"(?:[ \t]+(FLASH|NIACT[ \t]+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE))?"
    r"(?:[ \t]+(\d{1,5}(?:-\d{1,5})?))?[ \t]*$")  # a number range on collectives: `4410-4411`

# --- preamble -----------------------------------------------------------------------------------------------
CLASSIFICATION_WORDS = {
    "TOP SECRET": spaced("TOP SECRET"),
    "SECRET": spaced("SECRET"),
    "CONFIDENTIAL": spaced("CONFIDENTIAL"),
    "LIMITED OFFICIAL USE": spaced("LIMITED OFFICIAL USE"),
    "UNCLASSIFIED": spaced("UNCLASSIFIED") + "|" + spaced("UNCLAS"),
}
# Some site pages embed a cables.csv row, so the line can open with `","` (01VATICAN5693).
CLASSIFICATION_LINE = re.compile(
    r"^[ \t\",]*(?P<word>" + "|".join(f"(?P<c{i}>{p})" for i, p in enumerate(CLASSIFICATION_WORDS.values())) + r")"
    r"(?=[\s/]|$)(?P<rest>[^\n]*)", I | M)
# Damaged spellings occur in the classification line itself (08ECTION01OF02MANAMA492 `ECTION 01 OF 02`,
# 09SECTION01OF03SANJOSE525 `SECTION01 OF 03`, 08SECTION01GF02BISHIEK21 `SECTION 01 GF 02`, 09SECTION02OF03QRIPOLI583
# `SECTION 02 OF 03QRIPOLI`).
SECTION_OF = r"\b(?:S?ECTION|SCTION|SECTON)\s*0*(\d{1,3})\s+[OG0]F\s+0*(\d{1,3})(?!\d)"
SECTION = re.compile(SECTION_OF, I)
# The origin and serial after the classification: `BAGHDAD 000620`, `SAO PAULO 000335`, `USUN NEW YORK 000123`.
CLASS_LINE_ID = re.compile(r"([A-Z][A-Z .'-]*?)\s+0*(\d{1,6})\b", I)
# A line of the body that is never text: a trailer, a caption repeated where a section starts, a classification
# banner (PlusD page ends: `CONFIDENTIAL`), a section header repeated per section. One pattern: it runs per line.
NOISE_LINE = re.compile(
    TRAILER_LINE.pattern + "|" + CAPTION_LINE.pattern + "|"
    r"^[ \t\",]*(?:" + "|".join(CLASSIFICATION_WORDS.values()) + r")"
    # A repeated line names the origin in capitals and its zero-padded serial (`BAGHDAD 000620`): a prose line
    # such as `Secret police arrested 12` is text.
    r"(?:[ \t]*$|[\s/]+(?:.*" + SECTION_OF + r"|(?-i:[A-Z .'-]+\s+\d{6})\s*$))", I | M)

HANDLING_WORDS = (
    "SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "ROGER", "NOCONTRACT", "ORCON", "PROPIN",
    "SENSITIVE BUT UNCLASSIFIED", "SENSITIVE", "FOR OFFICIAL USE ONLY", "FOUO", "CHEROKEE", "TERREP",
    "NIACT", "DECAPTIONED", "EYES ONLY", "USDAO", "EXCLUSIVE DISTRIBUTION", "SPECIAL HANDLING",
)
HANDLING = re.compile(r"\b(" + "|".join(re.escape(w) for w in HANDLING_WORDS) + r"|C[A-Z]\d{2}|CXTF\w*)\b", I)
# A line that holds only handling captions (between the classification line and E.O.): `SIPDIS`, `NOFORN SIPDIS`.
HANDLING_ONLY_LINE = re.compile(r"^[ \t]*(?:(?:" + "|".join(re.escape(w) for w in HANDLING_WORDS)
                                + r")[ \t,./]*)+$", I | M)

# Keywords that open each preamble field; the value runs to the next keyword or a blank line. Re-cased partial
# extracts write them in lower case and run them together on one line (04ANKARA348:
# `E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. ...`).
# Each is case-blind but opens with the set of its first characters (`[Tt]`, `ſ` being an `s` to `re`), the word
# boundary before it checked behind: `re` skips fast to those, where a case-blind pattern with no literal start is
# tried at every position (2-7x slower). As written plainly: `\bTAGS?\b\s*:?`, `\bSUBJ(?:ECT)?\s*:`,
# `\b(?:E\.\s?O\.?|EO)[ \t]*(\d{5})\b\s*:?`, `(?:^|(?<=[\s.]))REF(?:S|ERENCES?)?\b...`,
# `(?:\(\w+\)\s*)?\bCLASSIFIED\s+BY\b\s*:?`.
EO_KEY = re.compile(r"[Ee](?<=\b[Ee])(?i:\.\s?O\.?|O)[ \t]*(\d{5})\b\s*:?")
DECL_KEY = re.compile(r"\bDECL(?:ASSIFY)?(?:\s+ON)?\s*:\s*", I)
TAGS_KEY = re.compile(r"[Tt](?<=\b[Tt])(?i:AGS?)\b\s*:?")
SUBJECT_KEY = re.compile(r"[Ssſ](?<=\b[Ssſ])(?i:UBJ(?:ECT)?)\s*:")
# Also `REFTEL:` (00HARARE6677, 06BRASILIA1667) and `Ref(s):` (08RIODEJANEIRO165), which ran on in the subject; a
# dot before the colon (05BRASILIA3216 `REF.:`) or, in capitals, for it (01VATICAN5693 `REF. STATE 184178`, the cut
# 05NEWDELHI301 `REF...04 CHENNAI 575`, 04HELSINKI1603 `REF...` ending a cut copy); none at the start of a line
# before a cable (06BRASILIA1963 `REF BRASILIA 1837`, 08SANJOSE508 `Reftel San Jose 410`) or a bare label
# (09ABUDHABI754 `REF A SECRETARY'S LETTER ...` / `REF B SECSTATE 76108`, 09CAIRO173 `REF A 09 CAIRO 074 REF B 08
# CAIRO 784`). Glued in capitals with its colon to the subject a page ran on (08MANAMA541 `... VISIT TO BAHRAINREF:
# MANAMA 510`, 09MANAMA681 `DECEMBER 11-13REF: A. MANAMA 660`, 09STATE49854 `,,""REF: A. BUENOS AIRES 000490`).
REF_KEY = re.compile(
    r"[Rr](?:(?<=^[Rr])|(?<=[\s.][Rr])|(?<=[\dA-Z\"]R)(?=EF:))(?i:EF(?:(?:S|TELS?|ERENCES?)?\b|\(S\)))"
    r"(?:\.{0,3}\s*:|\s*(?=\s*[A-Z(]\s*[.):])|(?<=REF)(?:\.{1,3}[ \t]*(?=[A-Z0-9])|\.{3}[ \t]*$)"
    r"|(?:(?<=^(?i:REF))|(?<=^(?i:REFTEL)))[ \t]+"
    r"(?=[A-Z][ \t]+[A-Z0-9'\"]|(?:\d{2,4}[ \t]+)?[A-Z][A-Za-z .'-]{1,30}?[ \t]\d{1,6}\b))", M)
# Misspelt too: `Classifed` (08MANAMA410, 09PARIS1007), `Classfied` (09ASHGABAT757), `Classiied` (08MANAMA492),
# `Classjfied` (06NEWDELHI27); glued to the subject or REF a page ran on (07CAIRO3126 `... VISIT TO CAIROClassified
# By:`, 09MANAMA681 `C. MANAMA 651Classified By:`), or to the value (09CAIRO1571 `Classified ByMinister Counselor`);
# `BY:` alone after a blank line, where a page lost the subject and `CLASSIFIED` with it (09TRIPOLI874 `TAGS: PREL CD
# SU LY` / blank / `BY: Gene A. Cretz, Ambassador`).
CLASSIFIED_BY_KEY = re.compile(
    r"[(Cc](?:(?<=\()\w+\)\s*\b(?i:CLASSIFIED)|(?<=\b[Cc])(?i:LASS(?:IFIE|IFE|FIE|IIE|JFIE)D)"
    r"|(?<=[\dA-Z]C)lassified(?=\s+By:))(?i:\s+BY)(?:\b|(?<=By)(?=[A-Z][a-z]))\s*:?|B(?<=\n\nB)Y:")
PREAMBLE_KEYS = (("eo", EO_KEY), ("tags", TAGS_KEY), ("subject", SUBJECT_KEY), ("ref", REF_KEY),
                 ("classified_by", CLASSIFIED_BY_KEY))

DATE_NUMERIC = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")

# TAGS: codes separated by spaces or commas; a person tag is free text such as `OVIP (RICE, CONDOLEEZZA)`.
TAG_TOKEN = re.compile(r"\(([^)]*)\)|[A-Za-z][A-Za-z0-9-]*|\S")
SUBJECT_MARKING = re.compile(r"^\(\s*([A-Z]{1,4}(?:\s*/{1,2}\s*[A-Z ,]+)?)\s*\)\s*")

# REF blocks: `A. STATE 1234`, `(A) 08 BAGHDAD 55`, `A) ...`, `REF A: ...`; items separated by their labels.
# Lower case too (09ROME97 `a) 08 STATE 134386 b) ROME 451`), `A)Brasilia 1073` with no space (04BRASILIA1450), and a
# capital glued to the date that opens its item (10MANAMA15 `B01/10/10 ERELI-HALE TELCON`), and a bare capital
# after `REF` (09ABUDHABI754 `REF A SECRETARY'S LETTER` / `REF B SECSTATE 76108`: the key took the first `REF`).
REF_LABEL = re.compile(
    r"(?:^|(?<=[\s;,]))(?:\(([A-Za-z])\)|([A-Za-z])(?:\.(?=\s)|\)(?=\s|[A-Z])|(?<=[A-Z])(?=\d{1,2}/\d{1,2}/\d{2,4}(?!\d)))"
    r"|([A-Za-z])\s*:(?=\s)|(?:\A|(?<=\bREF[ \t]))([A-Z])(?=[ \t]+[A-Z0-9'\"]))", M)
# A REF value that ends with a label and no item: the item went to the next block (09BRASILIA1170 `C. STATE 91633 D.` /
# `BRASILIA 1038`, 08LONDON3038 `B.` / `LONDON2498`, 08REYKJAVIK23 `C) State 15111; and D)` / `State 13716`).
REF_LABEL_ALONE = re.compile(r"(?:^|(?<=[\s;,]))(?:\(?[A-Za-z]\)|[A-Za-z]\.)\s*$")
# The SBU caveat sentence that ends the preamble (a caveat: its caption goes to handling), also run onto the SUBJECT
# or the REF line on reflowed pages (09CAIRO1215 `... IN EGYPT Sensitive but Unclassified. Please handle accordingly.
# 1.(SBU)Summary:`, 06SAOPAULO360 `SENSTIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY`, 09EFTOTRIPOLI704 `ENTIRE
# TEXT SENSITIVE BUT UNCLASSIFIED/NOFORN; PLEASE PROTECT ACCORDINGLY.`, 07THEHAGUE501 `THIS MESSAGE IS ...`,
# 03BRASILIA698 REF `02 SAO PAULO 1709 SENSITIVE BUT UNCLASSIFIED`); the caveat ends its sentence, which a subject
# such as `... SENSITIVE BUT UNCLASSIFIED INFORMATION` does not.
_CAVEAT_TAIL = (r"[ \t]*[-.,;:/]*[ \t]*"
                r"(?:(?:PLEASE\s+)?(?:PROTECT|HANDLE|TREAT)\s+ACCORDINGLY|NOT\s+FOR\s+INTERNET\s+DISTRIBUTION|NOFORN)")
SBU_CAVEAT = (r"(?P<caveat>(?i:(?:ENTIRE\s+TEXT\s+|THIS\s+(?:MESSAGE|CABLE)\s+IS\s+)?SENS?I?TIVE\s+BUT\s+UNCLASSIFIED"
              r"(?:(?:" + _CAVEAT_TAIL + r")+[ \t]*\.?|[ \t]*(?:[.,;:/-]|$))))")
CAVEAT = re.compile(SBU_CAVEAT, M)
# A portion marking that follows the REF items on their line opens the body (10BRASILIA140
# `... 2009 BRASILIA 1460 (U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED ...`), or the caveat ends the REF; not one
# inside an item that another lettered item follows (09MADRID29 `B. 12/12/08 (U) EMAIL FROM POLOFF` / `C. 08 MADRID`).
# The first paragraph run on after an item's number or date opens the body too: its number (05BRASILIA1714
# `BRASILIA 1544 1. Summary.`, 09CAIRO1456 `09CAIRO771 1.(SBU) Key Points`), or, unnumbered, a capitalised word
# and two lower-case words in a row (08CAIRO2099 `SECSTATE 102414 We delivered points`, 07TRIPOLI993 `E-MAIL
# 11/21/2007 Per reftel, Post requests that`); not an item's place (08SAOPAULO66 `06 Sao Paulo 751 and previous`).
# A heading's rule on the next line opens it too (08STATE85615 `REF: Tbilisi 001344` / `------ EVACUATION AUTHORITY`),
# and, group `copy`, a second copy's classification line ends a cut copy's REF as it ends its SUBJECT (below). The
# drafter's NOTE after the items opens the body too (09LONDON2616 `B. LONDON 2199  NOTE:  FOR TECHNICAL REASONS,
# THIS CABLE IS BEING TRANSMITTED IN THREE PARTS.`).
# The first paragraph's number and marking, its text after a blank line: a reflowed full copy ran them onto the line
# of its last preamble field (08KYIV1627 `SUBJECT: ... on Georgian Conflict 1. (SBU)`, 08VILNIUS668 `REF: VILNIUS 663
# 1. (SBU)`).
_NUMBER_ENDS_LINE = r"\d{1,2}\.[ \t]*\([A-Z/]{1,12}\)[ \t]*$"
_SECOND_COPY = (r"(?P<copy>(?:^\d{1,2}:\d{2}[ \t]+)?(?<![A-Za-z])(?:" + "|".join(CLASSIFICATION_WORDS.values()) + r")"
                r"[ \t]+(?:" + SECTION_OF + r"|[A-Z][A-Z .'-]*[ \t]+\d{6}\b))")
REF_THEN_BODY = re.compile(
    r"\s\((?:U|SBU|U//FOUO|SBU//NF)\)\s+(?=[A-Z])(?![^\n]*\n[ \t]*\(?[A-Za-z][.)]\s)|\s" + SBU_CAVEAT +
    r"|(?<=\d)[ \t]+(?=[A-Z][a-z]+\b[^\n\d]{0,30}?[ \t][a-z]{2,}[ \t]+[a-z]{2,}[ \t]"
    r"|\d{1,2}\.[ \t]*(?:\([A-Z/]{1,12}\)[ \t]*)?[A-Z][a-z]|" + _NUMBER_ENDS_LINE + r")"
    r"|[ \t]*\n(?=[ \t]*[-=_]{5,})|\s" + _SECOND_COPY +
    r"|\s+(?=NOTE:\s)", M)
# Where a SUBJECT runs on into what follows it (reflowed pages lost the blank line after it): the caveat; a heading
# rule, with the heading word before it (08BUENOSAIRES858 `... in Mendoza Summary` / `-------- 1.  Ambassador`,
# 07MANAMA1089 `... REMAINS FIRM ------`; not `FRAUD SUMMARY---HERMOSILLO`, 09HERMOSILLO71); a press summary's index
# (06TOKYO1363 `INDEX:` / `(1) Poll on ...`, 09TOKYO1441 `Index: Index:`); or, group `copy`, the classification
# line of a second copy of the cable, whose preamble follows on the page (08TBILISI1362 `... UNTIL MEDV...` /
# `C O N F I D E N T I A L SECTION 01 OF 02 TBILISI 001362 SIPDIS ...`, 05ISTANBUL329 `14:25 UNCLAS SECTION 01 OF 03`);
# or the first paragraph's number (above).
SUBJECT_END = re.compile(
    r"\s" + SBU_CAVEAT + r"|(?:\b(?i:summary)\s*)?(?:^[ \t]*[-=_]{3,}|(?<=[ \t])[-=_]{5,})"
    r"|\b(?:INDEX|Index)[ \t]*:(?:[ \t]*(?:INDEX|Index)[ \t]*:)?[ \t]*$"
    r"|(?<=[ \t])" + _NUMBER_ENDS_LINE + "|" + _SECOND_COPY, M)
# What opens a block after a SUBJECT that does not go on with it (a subject goes on across a blank line the site's
# page put into it: 08LONDON2765, 04BOGOTA12829): a marking or a rule, a redaction (09MANAMA681), a REF or Classified
# By key written otherwise (05BRASILIA3216 `REF.:`, 10MANAMA55 `REFREF:`, 08SANJOSE999 `RE: STATE 123682`,
# 09ASHGABAT757 `Classfied By:`, 10BRUSSELS23 `Classiires`, 10MEXICO83 `Classified Secret.`, 09BUENOSAIRES1311
# `DERIVED FROM: DSCG 05-1 B, D`), a caption (06BERN898 `FROM AMBASSADOR ...`, 07PARIS3193 `NOT FOR INTERNET
# DISTRIBUTION`), a heading (08BARCELONA76 `SUMMARY`, 09MANAMA441 `INTRODUCTION`), spaced capitals (09LONDON2180
# `C O R R E C T E D C O P Y`), a report's number (09BRASILIA68 `IIR 6 809 0067 09`), or a cable's id with no key
# (04BOGOTA12829 `BOGOTA 12512`, 07PARAMARIBO444 `2003 PARAMARIBO 00531, ...`, 09TRIPOLI362 `TRIPOLI 000362 SIPDIS`).
# Not `REFORM, NUCLEAR ...` (05BRASILIA1044).
SUBJECT_NOT_GOING_ON = re.compile(
    r"(?i:[(\-=_*]|X{4}|REF(?:REF|S|TEL|ERENCES?)?\b|RE\s*:|CLASS|DERIVED\s+FROM\b|FROM\b|NOT\s+FOR\b|IIR\b"
    r"|(?:SUMMARY|INTRODUCTION)\b)|(?:[A-Z] ){4}"
    r"|(?:\d{2,4}\s+)?[A-Z]{3}[A-Z .'-]*\s\d{3,6}(?=$|,|\s+(?:AND|SIPDIS|NOFORN)\b)")
# `E-MAILS` too (02ROME1196 `D. MYRIAD POST-DEPARTMENT E-MAILS FROM 10/01-02/02`).
REF_NONCABLE = re.compile(
    r"\b(E-?MAILS?|MEMCON|TELCON|MEMO(?:RANDUM)?|LETTER|FAX|TELECON|PHONE|DEMARCHE|CONVERSATION|"
    r"NOTE|REPORT|WEBSITE|HTTP|ARTICLE|IIR|TDX|CRS|SEPTEL|MEETING|PRESS|FBIS|OSC|CIA|DIA|INTSUM)\b", I)

# Classified-by: reasons in every spelling (`1.4 (b) and (d)`, `1.4(B), (D)`, `1.5 (b,d)`, `1.4 b/d`, `1.4b and d`).
REASON_LETTERS = re.compile(r"(?<![A-Za-z])([A-Ha-h])(?![A-Za-z])")

# --- body -----------------------------------------------------------------------------------------------------
# A paragraph start: `1. (C) text`, `1.(C)`, `(C) 1.`, `1.  Summary:`, `2. C//REL USA) ...` (07BAGHDAD620 par. 9 lost
# its opening parenthesis). Markings: `(C)`, `(SBU)`, `(C/NF)`, `(S//NF)`, `(U//REL USA, MCFI)`, `(U//FOUO)`.
MONTH_NAME = r"(?i:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
"""A month's name, any case: a quoted letter's dateline (`body`), a date line in the preamble (`preamble`)."""
MARKING_BODY = r"(?:TS|S|C|U|SBU|LOU|FOUO|CUI)(?:\s*/{1,2}\s*[A-Z][A-Z0-9 ,/-]{0,40}?)?"
# What follows a marking that opens a paragraph: a capital, a quote or a parenthesis, or a redaction in lower case
# (08TRIPOLI430 `11. (C) xxxxxxxxxxxx attributed the flow`).
_MARKED_TEXT = r"[ \t]+(?:[A-Z\"'(]|xxxx)"
# After a paragraph number the marking may be lower case (07STOCKHOLM1055 `1. (c)`) or spaced (09TRIPOLI222 `(C )`).
PARAGRAPH_START = re.compile(
    r"^[ \t]*(?:\((?P<pre_marking>" + MARKING_BODY + r")\)[ \t]*)?"
    r"(?P<number>\d{1,4})[ \t]*(?:\.(?![\d])|,(?=[ \t]*\()"  # 08ISLAMABAD405 `1, (C) Summary.`
    r"|(?<=[ \t])(?=\((?:" + MARKING_BODY + r")\)" + _MARKED_TEXT + "))"  # no period: 09SANJOSE56 `1 (S) On January`
    r"[ \t]*"
    r"(?:(?P<open>\()?[ \t]?(?P<marking>(?i:" + MARKING_BODY + r"))[ \t]?\)(?=[\s.:A-Z]|$))?"
    r"[ \t]*", M)  # `1.(SBU)Summary:` (09CAIRO1215) glues the text on
# A paragraph start glued after a sentence on the same line (lost line breaks): the sentence's last mark and the
# space after it (the caller checks the character before the mark, which keeps the pattern fast). Also a number
# with no marking (03BRASILIA3459 `... of particular interest. 6. Venturelli noted`): the body takes such a line for
# a paragraph only where its number is the next one. A marked number may lack its period (08MANAMA288 `... event.
# 4 (C) Special Envoy`); a `>` may end the sentence (08YEREVAN653 `END SUMMARY> 2. (C) AN ATTEMPT`).
LOST_BREAK = re.compile(
    r"[.!?:\"')\]>] (?=[ \t]*(?:(?P<number>\d{1,2}(?:\.[ \t]{0,3}|[ \t]{1,3}))?\((?:" + MARKING_BODY + r")\)"
    + _MARKED_TEXT +
    r"|(?P<bare>\d{1,2}\.[ \t]{1,3}[A-Z\"(])|(?P<tight>\d{1,2}\.\((?:SBU|C|S|U)\)[A-Z:])))")  # 09CAIRO1046 `1.(SBU):`
# Where LOST_BREAK may match, found fast: a paragraph start after a blank, by its marking's `(` (MARKING_OPENS) or the
# `.` after its number (this one). Both are led by a literal, which `re` skips to fast, where LOST_BREAK, led by a set
# of marks, is tried at every character (2.5x slower over the corpus); the caller walks back over the blanks to the
# mark and matches it there.
LOST_BREAK_NUMBER = re.compile(r"\.(?:(?<=[ \t]\d\.)|(?<=[ \t]\d\d\.))(?=[ \t]{0,3}[A-Z\"(])")
# A number and marking glued after a word (05BRASILIA2676 `... Chief of Staff Padilla 14. (U) The Deputy`, 08TRIPOLI467
# `... BOUFAYED RELEASED  2. (C) Human`): found from the marking's literal `(`, then the number and the word looked
# for in the few characters before it. A one-letter word is a list label (09ABUJA203 `B 1. (C) MEDICATIONS`). What
# follows the `(` is looked at ahead, so that of two markings in a row (`(C) (S) The`) each is found. Not a number
# without its period: that is a REF item's (09ISTANBUL352 `(B) ISTANBUL 94 (C) ISTANBUL 138`).
MARKING_OPENS = re.compile(r"\((?=(?:" + MARKING_BODY + r")\)" + _MARKED_TEXT + ")")
# A heading rule glued before a paragraph number on a reflowed line (08BUENOSAIRES858 `Summary` / `-------- 1.
# Ambassador visited`, 04BRUSSELS4944 `CHINA ----- 3. (C) The Commission`): the blanks after the rule hold the lost
# line break. One pattern a rule character, led by three of it (a literal, which `re` skips to fast, where one pattern
# for the three, led by a set, is tried at every character: 2.4x slower), the rule's start checked behind. The
# site's wrapping may set the rule's last dashes apart (08BERLIN1108 `(ISAF) ------------- - 4. (SBU)`,
# 06BUENOSAIRES118 `---------- -- 3. (C)`), and a marked number may lack its period (10MADRID49 `Haiti ----- 4 (C)`).
# The rule is taken whole (possessive: no number is looked for inside it, 0.109 -> 0.083 CPU-s over the corpus).
RULES_THEN_NUMBER = tuple(
    re.compile(re.escape(c * 3) + r"(?<![^\s]...)[-=_]*+(?:[ \t]++[-=_]++)*+[ \t]+(?=\d{1,2}(?:\.[ \t]{0,3}[A-Z(\"]"
               r"|[ \t]{1,3}\((?:" + MARKING_BODY + r")\)))") for c in "-=_")
# Where a Classified By line runs on into an unnumbered marked paragraph on the next line (09TRIPOLI394 `REASON: 1.4
# (b), (d)` / `(S) Ambassador telephoned ...`); not a marking that opens the value (10STATE16932 `Classified By:` /
# `(U)  CLASSIFIED BY EAP DAS DAVID SHEAR`).
CLASSIFIED_BY_THEN_BODY = re.compile(r"(?<=\S)[ \t]*\n[ \t]*(?=" + MARKING_OPENS.pattern + ")")
NUMBER_AFTER_WORD = re.compile(r"[A-Za-z]{2}([ \t]{1,3})\d{1,2}\.[ \t]{0,3}$")
MARKING = re.compile(MARKING_BODY, I)
# A paragraph number after a blanked page break on a reflowed line (10LONDON92: `REF: 09 State 124006  LONDON
# 00000092  001.3 OF 012   1.  In response to reftel`): the blanks before it become a line break.
NUMBER_AFTER_BLANKS = re.compile(r"\d{1,2}\.[ \t]{0,3}[A-Z(]")  # 09TRIPOLI773 `001.2 OF 003 1.The following`
# An unnumbered paragraph that opens with its portion marking (07MANAMA1031: `(U) Pol/Econ Chief delivered ...`).
MARKED_START = re.compile(r"^\((?P<marking>" + MARKING_BODY + r")\)[ \t]+(?=[A-Z\"'(])")
MARKING_PARTS = re.compile(r"^([A-Z]+)(?:\s*/{1,2}\s*(.+))?$")
# Spaced dashes too (07LAPAZ2400 `- - - -` / `Summary` / `- - - -`), and a rule whose last dashes the site's wrapping
# set apart (06BERN141 `---------------------------------------------- -`).
HEADING_RULE = re.compile(r"^[ \t]*(?:[-=_*]{3,}(?:[ \t]+[-=_*]+)*|(?:-[ \t]+){3,}-?)[ \t]*$")
# Box rules that reflowed pages glued onto the heading (07CARACAS2214 test cable: `COMMENT -------`).
HEADING_GLUED_RULE = re.compile(r"^[-=_*\s]{3,}|[\s]*[-=_*]{3,}[-=_*\s]*$")
# A rule of spaced dashes after a heading (08BRASILIA5 `Mercosul - - - - -`).
HEADING_SPACED_RULE = re.compile(r"(?:\s+-){3,}\s*$")
# `Introduction and Summary.` (04BRASILIA784, 09LIMA345) opens the summary too, and so does a summary named with
# what it also is: `Summary and comment:` (05ISTANBUL329, 06PARIS3152; 71 of the 97 cables of shared/corpus that
# name one so began their summary with `and comment:`), `SUMMARY AND ACTION REQUEST:` (06ROME439), `Summary,
# Comment and Recommendation:`, `Summary/Background:`; those words before a colon, a stop or a dash, not running on,
# or alone (09RIYADH1557 the heading `Summary and introduction`): `SUMMARY, COMMENT, AND ACTION REQUEST:`
# (09KUALALUMPUR1013), `Summary and Key Points.` (10KUWAIT45). The word in parentheses (06BOGOTA1970 `(SUMMARY):`,
# 09NEWDELHI1139 `(Summary) The full ...`), or with a comma (05SANJOSE2726 `Summary, Post convened ...`).
_SUMMARY_ALSO = (r"(?:COMMENTS?|ACTION\s+REQUESTS?|INTRODUCTION|BACKGROUND|RECOMMENDATIONS?|KEY\s+(?:THEMES|POINTS)"
                 r"|OBJECTIVES)")
SUMMARY_START = re.compile(r"^\W{0,3}(?:BEGIN\s+|START\s+OF\s+|INTRODUCTION\s+AND\s+)?SUMMARY\b"
                           rf"(?:\s*(?:AND|&|/|,)\s*{_SUMMARY_ALSO}(?:\s*(?:,?\s*AND|&|,)\s*{_SUMMARY_ALSO})?"
                           r"(?=\s*(?:[:.\-)]|$)))?\)?\s*[:.\-,]*\s*", I)
# `\(?\bEND\s+(?:OF\s+)?SUMMARY\b\s*[.:]?\)?\.?`, case-blind, and `\bEND\s+(?:OF\s+)?COMMENT\b\s*[.:]?\)?\.?` below,
# opened by their first characters as the preamble keys are (searched over whole paragraphs: 2-3x faster).
SUMMARY_END = re.compile(r"[(Ee](?:(?<=\()(?i:END)|(?<=\b[Ee])(?i:ND))(?i:\s+(?:OF\s+)?SUMMARY)\b\s*[.:]?\)?\.?")
# `\(?\b(?:BEGIN\s+|EMBASSY\s+)?COMMENT(?:\s+AND\s+...)?\b\s*[:.\-]\s*`, case-blind, opened by its first characters as
# the preamble keys are: `(Embassy comment: ...` (07MADRID2282), `Comment and bio note:` (09TRIPOLI371), `COMMENT AND
# GUIDANCE REQUEST:` (05THEHAGUE1556).
COMMENT_START = re.compile(
    r"[(BbCcEe](?:(?<=\()\b(?i:(?:BEGIN\s+|EMBASSY\s+)?COMMENT)|(?<=\b[Bb])(?i:EGIN\s+COMMENT)|(?<=\b[Cc])(?i:OMMENT)"
    r"|(?<=\b[Ee])(?i:MBASSY\s+COMMENT))(?i:\s+AND\s+(?:[a-z]+\s+){0,2}[a-z]+)?\b\s*[:.\-]\s*")
COMMENT_END = re.compile(r"[Ee](?<=\b[Ee])(?i:ND\s+(?:OF\s+)?COMMENT)\b\s*[.:]?\)?\.?")
SIGNATURE_WORDS = re.compile(r"[A-Za-z][A-Za-z'.-]*(?:\s[A-Za-z][A-Za-z'.-]*){0,2}")
# Page damage that dropped a dash and left a `)` (fixture: `understandable) Maysan's`, 09QUITO233 `guys ) key`).
DASH_AS_PAREN = re.compile(r"\)(?=[ \t]+[A-Za-z\"'])")  # literal-led; the caller checks what stands before
DASH_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\"'.,")
# The same damage in a number range (09LONDON2111: `convened 13)18 July`).
RANGE_AS_PAREN = re.compile(r"(?<![\d(])(\d{1,2})\)(\d{1,2})(?!\d)")
# Quotation marks doubled by a CSV round trip (06NEWDELHI2091: `Indian ""training"" of`).
DOUBLED_QUOTES = re.compile(r'(?:^|(?<=[\s(]))""(?=\S)|(?<=\S)""(?=[\s.,;:)!?]|$)')  # ^: 05NEWDELHI2933 heading
# Mojibake of an apostrophe into a comma (04DUBLIN1719: `Ireland,s success`).
COMMA_APOSTROPHE = re.compile(r",(?:s|t|re|ll|ve|d)\b")
# Spreadsheet residue: some cables went through a spreadsheet, a row a line, before publication (09STATE30927,
# 09STATE49854, 07ASUNCION396). A row's end is the blank ending the line, the commas of its empty cells and the next
# row's opening quotes (`REFTEL, WHICH ,""PROVIDED`, `IN ,,"THE PERONIST`, `,,,,,,,""counterparts`), and the quote that
# opens the page's next line after one (`PLAYERS. ,"` / `"ANALYSTS`). Led by its literal comma; the blank before the
# commas, which no author writes, tells it from a doubled quote after a comma (04THEHAGUE1915 `the 27th.,""when`), as
# does a lost row's cell (07ASUNCION396 `#NAME?,,,,,,,""affinity`).
SPREADSHEET_ROW_END = re.compile(r',(?:(?<=[ \t],)|(?<=#NAME\?,)),*"{1,2}(?:\n")?')
# TSV residue: every line of some site pages ends in a backslash (10BERN48 `Summary \`).
LINE_END_BACKSLASH = re.compile(r"[ \t]\\$", M)
