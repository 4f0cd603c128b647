"""Per-field tables: (snippet -> expected), each case named after the cable its shape came from."""

from __future__ import annotations

import pytest

from cablekit import parse
from cablekit.header import find_classification_line, read_addressee
from cablekit.preamble import iso_date, read_classified_by, read_reasons, read_subject, split_tags
from cablekit.resolve import normalize_id, read_references, repair_tags
from cablekit.sources import SourceError, read_bytes

# --- classification line -------------------------------------------------------------------------------------------

CLASSIFICATION_LINES = [
    ("07BAGHDAD620", "S E C R E T SECTION 01 OF 03 BAGHDAD 000620", ("SECRET", 3, "BAGHDAD", 620)),
    ("08TUNIS679", "SS E C R E T TUNIS 000679", ("SECRET", 1, "TUNIS", 679)),
    ("04ANKARA348", "C o n f i d e n t i a l section 01 of 04 ankara 000348", ("CONFIDENTIAL", 4, "ANKARA", 348)),
    ("07BOGOTA1165", "UNCLAS BOGOTA 001165 ", ("UNCLASSIFIED", 1, "BOGOTA", 1165)),
    ("74ATHENS3099", "C O N F I D E N T I A L ATHENS 3099", ("CONFIDENTIAL", 1, "ATHENS", 3099)),
    ("08SAOPAULO335", "C O N F I D E N T I A L SECTION 02 OF 02 SAO PAULO 000335",
     ("CONFIDENTIAL", 2, "SAO PAULO", 335)),
    ("08MANAMA492", "C O N F I D E N T I A L ECTION 01 OF 02 MANAMA 000492", ("CONFIDENTIAL", 2, "MANAMA", 492)),
    ("09SANJOSE525", "UNCLAS SECTION01 OF 03 SAN JOSE 000525", ("UNCLASSIFIED", 3, "SAN JOSE", 525)),
    ("invented", "LIMITED OFFICIAL USE ROME 001234", ("LIMITED OFFICIAL USE", 1, "ROME", 1234)),
    ("invented", "T O P S E C R E T STATE 012345", ("TOP SECRET", 1, "STATE", 12345)),
]


@pytest.mark.parametrize(("cable", "line", "expected"), CLASSIFICATION_LINES, ids=[c[0] for c in CLASSIFICATION_LINES])
def test_classification_line(cable, line, expected):
    found = find_classification_line(line)
    assert found is not None
    assert (found.classification, found.section_count, found.origin_word, found.serial) == expected


def test_secretary_is_no_classification_line():
    assert find_classification_line("SECRETARY RICE MET THE MINISTER") is None


# A classification line ends where a preamble keyword starts on it (reflowed copies run the preamble on): (cable,
# text, classification line's text, handling).
CLASSIFICATION_LINE_ENDS = [
    ("08USNATO281", "S E C R E T USNATO 000281 NOFORN SIPDIS E.O. 12958: DECL: 08/08/2018 TAGS: PREL MARR NATO",
     "S E C R E T USNATO 000281 NOFORN SIPDIS ", ["NOFORN", "SIPDIS"]),
    ("08STATE86156", "S E C R E T SECTION 01 OF 03 STATE 086156 NOFORN, SIPDIS E.O. 12958: DECL: 25X1 TAGS: AEMR",
     "S E C R E T SECTION 01 OF 03 STATE 086156 NOFORN, SIPDIS ", ["NOFORN", "SIPDIS"]),
    ("09TRIPOLI583", "UNCLAS TRIPOLI 000583 SENSITIVE SIPDIS\nE.O. 12958: N/A",
     "UNCLAS TRIPOLI 000583 SENSITIVE SIPDIS", ["SENSITIVE", "SIPDIS"]),
]


@pytest.mark.parametrize(("cable", "text", "line", "handling"), CLASSIFICATION_LINE_ENDS,
                         ids=[c[0] for c in CLASSIFICATION_LINE_ENDS])
def test_classification_line_ends_at_a_keyword(cable, text, line, handling):
    found = find_classification_line(text)
    assert found is not None
    assert (text[found.start:found.end], found.handling) == (line, handling)


def test_full_copy_whose_preamble_runs_on_its_classification_line():
    # 08USNATO281: a cut copy (`C. U...`), then the full one with E.O. and TAGS on its classification line.
    c = parse("S E C R E T USNATO 000281\n\nNOFORN\nSIPDIS\n\nE.O. 12958: DECL: 08/08/2018\nTAGS: PREL MARR\n"
              "SUBJECT: NATO ALLIES LACK COHESION\n\nREF: A. STATE 85678\n     B. USNATO 279\n     C. U...\n\n"
              "S E C R E T USNATO 000281 NOFORN SIPDIS E.O. 12958: DECL: 08/08/2018 TAGS: PREL MARR\n\nSUBJECT: NATO "
              "ALLIES LACK COHESION REF: A. STATE 85678 B. USNATO 279 C. USNATO 278 Classified By: Acting DCM Walter "
              "S. Reid III for reasons 1.4 (b) and (d)\n\n1. (C) SUMMARY: Text.\n")
    assert [r.text for r in c.references] == ["STATE 85678", "USNATO 279", "USNATO 278"]
    assert (c.declassify_on, c.tags, c.paragraphs[0].text) == ("2018-08-08", ["PREL", "MARR"], "SUMMARY: Text.")


# --- header ------------------------------------------------------------------------------------------------------

ADDRESSEES = [
    ("07BAGHDAD620", "RUEHC/SECSTATE WASHDC PRIORITY 9781", ("RUEHC", "SECSTATE WASHDC", "PRIORITY", "9781")),
    ("07BAGHDAD620", "RUCNRAQ/IRAQ COLLECTIVE", ("RUCNRAQ", "IRAQ COLLECTIVE", None, None)),
    ("08TRIPOLI220", "RUEHTRO/AMEMBASSY TRIPOLI 3706", ("RUEHTRO", "AMEMBASSY TRIPOLI", None, "3706")),
    ("09QUITO233", "RHEFDIA/DIA WASHINGTON DC", ("RHEFDIA", "DIA WASHINGTON DC", None, None)),
    ("66BUENOSAIRES2481", "SECSTATE WASHDC PRIORITY", (None, "SECSTATE WASHDC", "PRIORITY", None)),
    ("invented", "RUEHBUL/AMEMBASSY KABUL NIACT IMMEDIATE 0463",
     ("RUEHBUL", "AMEMBASSY KABUL", "NIACT IMMEDIATE", "0463")),
]


@pytest.mark.parametrize(("cable", "line", "expected"), ADDRESSEES, ids=[c[0] for c in ADDRESSEES])
def test_addressee(cable, line, expected):
    a = read_addressee(line)
    assert (a.route, a.name, a.precedence, a.number) == expected


def test_distribution_block_is_no_addressee():
    # PlusD 1974ATHENS03099: the archival distribution list after INFO.
    assert read_addressee("OCT-01  EA-11  ISO-00  CIAE-00  COME-00  EB-11  INR-10") is None


HEADERS = [
    # (cable, header text, field, expected)
    ("07BAGHDAD620", "VZCZCXRO2339\nPP RUEHBC RUEHDE\nDE RUEHGB #0620/01 0511804\nZNY SSSSS ZZH\nP 201804Z FEB 07\n"
     "FM AMEMBASSY BAGHDAD\n", "dtg", "2007-02-20T18:04:00Z"),
    ("07BOGOTA1165", "VZCZCXRO0594\nRR RUEHAO RUEHCD\nRUEHNL RUEHQU\nDE RUEHBO #1165 0471902\nR 161902Z FEB 07\n"
     "FM AMEMBASSY BOGOTA\n", "relay", ["RUEHAO", "RUEHCD", "RUEHNL", "RUEHQU"]),
    ("09TRIPOLI583", "DE RUEHTRO #0583/02 2011025\nO R 201025Z JUL 09\nFM AMEMBASSY TRIPOLI\n", "precedence",
     "IMMEDIATE"),
    ("09TRIPOLI583", "DE RUEHTRO #0583/02 2011025\nO R 201025Z JUL 09\nFM AMEMBASSY TRIPOLI\n", "station_serial", 583),
    ("66BUENOSAIRES2481", "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC PRIORITY\n", "dtg",
     "1966-12-28T18:48:00Z"),
    ("08SAOPAULO335", "P 260929Z JUN 08 ZFF6\nFM AMCONSUL SAO PAULO\n", "origin", "AMCONSUL SAO PAULO"),
]


@pytest.mark.parametrize(("cable", "header", "field", "expected"), HEADERS, ids=[f"{c[0]}-{c[2]}" for c in HEADERS])
def test_header_field(cable, header, field, expected):
    assert getattr(parse(header + "\nUNCLAS TEST 000001\n"), field) == expected


# --- E.O. and declassification -----------------------------------------------------------------------------------

EO_LINES = [
    ("07BAGHDAD620", "E.O. 12958: DECL: 02/14/2017", ("12958", "02/14/2017", "2017-02-14")),
    ("07BOGOTA1165", "E.O. 12958: N/A", ("12958", "N/A", None)),
    ("74ATHENS3099", "E.O. 11652: GDS", ("11652", "GDS", None)),
    ("04DUBLIN1719", "EO 12958 DECL: 11/23/2014", ("12958", "11/23/2014", "2014-11-23")),
    ("09QUITO233", "E.O. 12958: DECL: TWENTY YEARS", ("12958", "TWENTY YEARS", None)),
    ("08TRIPOLI220", "E.O. 12958: DECL: 3/13/2018", ("12958", "3/13/2018", "2018-03-13")),
    ("00ANKARA8112", "E.O. 12958: DECL: 12/07/10", ("12958", "12/07/10", "2010-12-07")),
    ("survey YYYY/MM/DD", "E.O. 12958: DECL: 2019/06/23", ("12958", "2019/06/23", "2019-06-23")),
    ("invented", "E.O. 12958: DECL: OADR", ("12958", "OADR", None)),
    ("invented", "E.O. 12958: DECL: 1.6X1, 1.6X5", ("12958", "1.6X1, 1.6X5", None)),
]


@pytest.mark.parametrize(("cable", "line", "expected"), EO_LINES, ids=[c[0] for c in EO_LINES])
def test_eo_and_declassification(cable, line, expected):
    c = parse(f"UNCLAS TEST 000001\n\n{line}\nTAGS: PGOV\nSUBJECT: TEST\n")
    assert (c.eo, c.declassification, c.declassify_on) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("02/14/2017", "2017-02-14"), ("2020/02/23", "2020-02-23"), ("13/45/2017", None), ("OADR", None),
    ("12-29-13", "2013-12-29")])
def test_iso_date(text, expected):
    assert iso_date(text) == expected


# --- TAGS --------------------------------------------------------------------------------------------------------

TAGS = [
    ("07BAGHDAD620", "PGOV PINS PREL IR IZ", ["PGOV", "PINS", "PREL", "IR", "IZ"]),
    ("66BUENOSAIRES2481", "EFIS, PBTS, AR", ["EFIS", "PBTS", "AR"]),
    ("04ANKARA348", "prel, pgov, pins, tu", ["PREL", "PGOV", "PINS", "TU"]),
    ("glued (brief)", "IZPREL PGOV", ["IZ", "PREL", "PGOV"]),
    ("typo (brief)", "POGOV PREL", ["PGOV", "PREL"]),
    ("person tag", "OVIP (RICE, CONDOLEEZZA) PREL", ["OVIP", "RICE, CONDOLEEZZA", "PREL"]),
    ("09BEIJING2965 person tag", "OVIP (STEINBERG, JAMES B.), PREL", ["OVIP", "STEINBERG, JAMES B", "PREL"]),
    # Person tags without the parentheses are written as the parenthesised form writes them.
    ("06PARTO9 person tag", "OVIP RICE CONDOLEEZZA KISL PGOV", ["OVIP", "RICE, CONDOLEEZZA", "KISL", "PGOV"]),
    ("09PARTO40301 person tag", "OVIP CLINTON HILLARY PREL SNAR MX",
     ["OVIP", "CLINTON, HILLARY", "PREL", "SNAR", "MX"]),
    ("05BRASILIA2675 person tag", "PREL PGOV BR OVIP ZOELLICK ROBERT US",
     ["PREL", "PGOV", "BR", "OVIP", "ZOELLICK, ROBERT", "US"]),
    ("person tag with commas", "OVIP, RICE, CONDOLEEZZA, PREL", ["OVIP", "RICE, CONDOLEEZZA", "PREL"]),
    ("09TRIPOLI201 one word is no person", "OVIP WWARD PREL", ["OVIP", "WWARD", "PREL"]),
    ("repeated code", "PGOV PREL PGOV", ["PGOV", "PREL"]),
    ("K program", "KNNP KPAO MNUC", ["KNNP", "KPAO", "MNUC"]),
]


@pytest.mark.parametrize(("cable", "value", "expected"), TAGS, ids=[c[0] for c in TAGS])
def test_tags(cable, value, expected):
    assert repair_tags(split_tags(value))[0] == expected


def test_tags_repairs_are_reported():
    _, notes = repair_tags(split_tags("IZPREL POGOV OVIP RICE CONDOLEEZZA"))
    assert [n.code for n in notes] == ["tags-person", "tags-split", "tags-typo"]


def test_wrapped_tags_line():
    # 07BOGOTA1165-like: the TAGS line wraps onto a second line before SUBJECT.
    c = parse("UNCLAS BOGOTA 001165\n\nE.O. 12958: N/A\nTAGS: PGOV PREL PHUM SNAR\nKCRM CO\nSUBJECT: X\n")
    assert c.tags == ["PGOV", "PREL", "PHUM", "SNAR", "KCRM", "CO"]


# --- SUBJECT -----------------------------------------------------------------------------------------------------

SUBJECTS = [
    ("07BAGHDAD620", "MAYSAN GOVERNOR DISCUSSES SECURITY SITUATION,\nIRAN, POLITICAL DEVELOPMENTS",
     ("MAYSAN GOVERNOR DISCUSSES SECURITY SITUATION, IRAN, POLITICAL DEVELOPMENTS", None)),
    ("survey (S/REL UK)", "(S/REL UK) IRAN: NEXT STEPS", ("IRAN: NEXT STEPS", "S/RELUK")),
    ("08TUNIS679", "(C) CORRUPTION IN TUNISIA: WHAT'S YOURS IS MINE ",
     ("CORRUPTION IN TUNISIA: WHAT'S YOURS IS MINE", "C")),
    ("09QUITO233", "POLICE UNIT INVESTIGATED WHILE CHAUVIN CASE INCHES \nFORWARD",
     ("POLICE UNIT INVESTIGATED WHILE CHAUVIN CASE INCHES FORWARD", None)),
]


@pytest.mark.parametrize(("cable", "value", "expected"), SUBJECTS, ids=[c[0] for c in SUBJECTS])
def test_subject(cable, value, expected):
    assert read_subject(value) == expected


def test_subject_ends_at_blank_line_and_ref():
    c = parse("UNCLAS QUITO 000233\n\nTAGS: SNAR\nSUBJECT: POLICE UNIT INVESTIGATED\nFORWARD\n\nREF: A. QUITO 227\n")
    assert c.subject == "POLICE UNIT INVESTIGATED FORWARD"



# Quotation marks a CSV round trip doubled, written once as in paragraphs: (cable, SUBJECT line, subject).
SUBJECT_QUOTES = [
    ("09THEHAGUE418", 'NETHERLANDS/AFGHANISTAN: ENROUTE TO YES ON MOST ""ASKS"" POST-2010',
     'NETHERLANDS/AFGHANISTAN: ENROUTE TO YES ON MOST "ASKS" POST-2010'),
    ("06TOKYO5805", 'JAPANESE IPR OFFICIALS POSITIVE ON ""GOLD STANDARD"" AGREEMENT',
     'JAPANESE IPR OFFICIALS POSITIVE ON "GOLD STANDARD" AGREEMENT'),
]


@pytest.mark.parametrize(("cable", "line", "subject"), SUBJECT_QUOTES, ids=[c[0] for c in SUBJECT_QUOTES])
def test_subject_quotes_undoubled(cable, line, subject):
    c = parse("UNCLAS THE HAGUE 000418\n\nTAGS: PREL\nSUBJECT: " + line + "\n\n1. (U) Text.\n")
    assert c.subject == subject
    assert [d.code for d in c.diagnostics].count("quotes-undoubled") == 1


def test_fields_glued_on_one_line():
    # 04ANKARA348: a re-cased partial extract runs E.O., TAGS and SUBJECT together on one line.
    c = parse("C o n f i d e n t i a l section 01 of 04 ankara 000348\n\nSipdis\n\nE.o. 12958: decl: 01/07/2014 "
              "Tags: prel, pgov, pins, tu Subject: turkish p.m. Erdogan goes to washington\n\n1. (C) Text.\n")
    assert c.tags == ["PREL", "PGOV", "PINS", "TU"]
    assert c.subject == "turkish p.m. Erdogan goes to washington"
    assert c.declassify_on == "2014-01-07"


# A SUBJECT that ran on into what follows it (reflowed site pages lost the blank line after it): where it ends, what
# the body starts with, and the handling the cable ends with.
SUBJECT_RUN_ONS = [
    ("06TOKYO1363", "SUBJECT:  DAILY SUMMARY OF JAPANESE PRESS 03/15/06\n  INDEX:\n(1) Poll on Koizumi cabinet\n",
     "DAILY SUMMARY OF JAPANESE PRESS 03/15/06", "INDEX: (1) Poll on Koizumi cabinet", []),
    ("08BUENOSAIRES858", "SUBJECT:  More than Malbec:  Ambassador Donates Scholarships and Talks Development in "
     "Mendoza Summary \n-------- \n1.  Ambassador visited the Binational Center\n",
     "More than Malbec: Ambassador Donates Scholarships and Talks Development in Mendoza",
     "Ambassador visited the Binational Center", []),
    ("09CAIRO226", "SUBJECT:EGYPT'S 55th BIRD FLU VICTIM, ANOTHER CHILD Sensitive but Unclassified. Please handle "
     "accordingly. (SBU) On February 8, 2009, Egypt's Ministry of Health announced\n",
     "EGYPT'S 55th BIRD FLU VICTIM, ANOTHER CHILD", "On February 8, 2009, Egypt's Ministry of Health announced",
     ["SENSITIVE"]),
    ("09EFTOTRIPOLI704", "SUBJECT: LIBYAN PROTOCOL CHIEF CONFIRMS QADHAFI WILL NOT STAY IN ENGLEWOOD RESIDENCE "
     "ENTIRE TEXT SENSITIVE BUT UNCLASSIFIED/NOFORN; PLEASE PROTECT ACCORDINGLY.\n\n1. (SBU/NF) In an August\n",
     "LIBYAN PROTOCOL CHIEF CONFIRMS QADHAFI WILL NOT STAY IN ENGLEWOOD RESIDENCE", "In an August",
     ["SENSITIVE", "NOFORN"]),
    ("08TBILISI1362", "SUBJECT: GEORGIA: SITREP 8: RUSSIANS PULL BACK, BUT BOMBING \nCONTINUES UNTIL MEDV...\n"
     "C O N F I D E N T I A L SECTION 01 OF 02 TBILISI 001362 SIPDIS DEPT FOR EUR/CARC E.O. 12958: DECL: "
     "08/12/2018 TAGS: PGOV PREL\n\n1. (C) Text.\n",
     "GEORGIA: SITREP 8: RUSSIANS PULL BACK, BUT BOMBING CONTINUES UNTIL MEDV...", "Text.", []),
    ("05ISTANBUL329", "SUBJECT: MUNICIPALITY TO FUND...\n14:25 UNCLAS SECTION 01 OF 03 ISTANBUL 000329 SIPDIS\n\n"
     "1. Summary and comment: In recent\n", "MUNICIPALITY TO FUND...", "Summary and comment: In recent", []),
    ("08RIODEJANEIRO165", "SUBJECT: AMBASSADOR SOBEL MEETS WITH KEY ENERGY ENTITIES IN RIO Ref(s): A) 08 RIO DE "
     "JAN 138 Sensitive But Unclassified - Please handle accordingly. This message has been approved.\n",
     "AMBASSADOR SOBEL MEETS WITH KEY ENERGY ENTITIES IN RIO", "This message has been approved.", ["SENSITIVE"]),
    ("05THEHAGUE2599", "SUBJECT: THE DUTCH MUSLIM COMMUNITY: A PRIMER\n\nTHIS CABLE IS SENSITIVE BUT UNCLASSIFIED. "
     "PLEASE HANDLE\nACCORDINGLY.\n\n1. (SBU) SUMMARY: The Muslim community\n",
     "THE DUTCH MUSLIM COMMUNITY: A PRIMER", "SUMMARY: The Muslim community", ["SENSITIVE"]),
    ("09HERMOSILLO71 (a rule inside the subject is no heading rule)",
     "SUBJECT: FRAUD SUMMARY---HERMOSILLO (SEPTEMBER 2008-FEBRUARY 2009)\n\n1. Text.\n",
     "FRAUD SUMMARY---HERMOSILLO (SEPTEMBER 2008-FEBRUARY 2009)", "Text.", []),
    ("08KYIV1627 (a reflowed copy's first paragraph number)", "SUBJECT: TFGG01 Ukrainian Media on Georgian Conflict "
     "1. (SBU) \n\nSummary: Ukrainian media is split on its coverage.\n\n2. (SBU) Print Media said so.\n",
     "TFGG01 Ukrainian Media on Georgian Conflict", "Summary: Ukrainian media", []),
    ("invented (the caveat words inside a subject)",
     "SUBJECT: HANDLING SENSITIVE BUT UNCLASSIFIED INFORMATION\n\n1. Text.\n",
     "HANDLING SENSITIVE BUT UNCLASSIFIED INFORMATION", "Text.", []),
]


@pytest.mark.parametrize(("cable", "preamble", "subject", "body", "handling"), SUBJECT_RUN_ONS,
                         ids=[c[0] for c in SUBJECT_RUN_ONS])
def test_subject_run_on(cable, preamble, subject, body, handling):
    c = parse("UNCLAS SOMEWHERE 000001\n\nE.O. 12958: N/A\nTAGS: PREL\n" + preamble)
    assert c.subject == subject
    assert c.paragraphs[0].text.startswith(body)
    assert c.handling == handling


# A subject the site's page put a blank line into goes on after it, or its key stands alone before it; what opens
# the body or another field after a blank line does not go on with it. (cable, preamble from SUBJECT on, subject).
SUBJECTS_ACROSS_BLANK_LINES = [
    ("04BOGOTA12829", "SUBJECT: DAS SHAPIRO AND PDAS FARRAR MEET WITH PRESIDENT \n\nURIBE \n \nBOGOTA 12512 "
     "Classified By: Ambassador William B. Wood for reasons 1.4 (b) and (d). \n",
     "DAS SHAPIRO AND PDAS FARRAR MEET WITH PRESIDENT URIBE"),
    ("08LONDON2765 before REF", "SUBJECT: CONSERVATIVE PARTY CAUGHT FLAT-FOOTED BY BROWN'S \n\nQUICK MANEUVERS ON "
     "FINANCIAL CRISIS, SAYS SENIOR TORY MP\nREF: A. LONDON 2666  B. LONDON 2603\n",
     "CONSERVATIVE PARTY CAUGHT FLAT-FOOTED BY BROWN'S QUICK MANEUVERS ON FINANCIAL CRISIS, SAYS SENIOR TORY MP"),
    ("09STATE30049 mixed case", "SUBJECT: (U) Secretary Clinton's March 24, 2009 \n\nConversation with Australian "
     "Prime Minister Kevin Rudd\n",
     "Secretary Clinton's March 24, 2009 Conversation with Australian Prime Minister Kevin Rudd"),
    ("09CAIRO213 key alone, caveat after", "SUBJECT:\n\nINVESTMENT SCANDAL ADDS TO STOCK MARKET WOES Sensitive but "
     "unclassified. Please handle accordingly.\n", "INVESTMENT SCANDAL ADDS TO STOCK MARKET WOES"),
    ("09CAIRO200 key alone, REF after", "SUBJECT:\n\nINVITATION TO NNSA HUMAN RESOURCES SEMINAR REF: STATE 5535\n",
     "INVITATION TO NNSA HUMAN RESOURCES SEMINAR"),
    ("05BRASILIA1044 not a REF", "SUBJECT:  BRAZIL: FORMER U.S. AMBASSADORS DISCUSS UN \n \nREFORM, NUCLEAR "
     "PROLIFERATION WITH GOB. \n",
     "BRAZIL: FORMER U.S. AMBASSADORS DISCUSS UN REFORM, NUCLEAR PROLIFERATION WITH GOB."),
    ("05ISTANBUL890 a sentence", "SUBJECT: REFLEXIVE TURKISH NATIONALISM ENSNARES MASTERCARD\n\nThis cable was "
     "coordinated with Embassy Ankara.\n", "REFLEXIVE TURKISH NATIONALISM ENSNARES MASTERCARD"),
    ("08BARCELONA76 a heading", "SUBJECT: DIVERGENT PARTY CONVENTIONS UNITE CATALAN PARTIES\n\nSUMMARY\n",
     "DIVERGENT PARTY CONVENTIONS UNITE CATALAN PARTIES"),
    ("08STATE87776 a heading with its rule", "SUBJECT: TFGG01: GEORGIA TASK FORCE SITUATION REPORT NO. 15\n\nGEORGIA "
     "REPORTS MORE RUSSIAN MOVEMENTS -------\n", "TFGG01: GEORGIA TASK FORCE SITUATION REPORT NO. 15"),
    ("05BRASILIA3216 REF with a dot", "SUBJECT: BRAZIL CORRUPTION SCANDAL UPDATE\n\nREF.: BRASILIA 03150 AND "
     "PREVIOUS\n", "BRAZIL CORRUPTION SCANDAL UPDATE"),
    ("07PARAMARIBO444 REF items with no key", "SUBJECT: CORRUPTION CORRODES MINISTRY OF FINANCE\n\n2003 PARAMARIBO "
     "00531, 2005 PARAMARIBO 00589\n", "CORRUPTION CORRODES MINISTRY OF FINANCE"),
    ("09LONDON2180 spaced capitals", "SUBJECT: HMG'S POSITIVE REACTION\n\nC O R R E C T E D C O P Y\n",
     "HMG'S POSITIVE REACTION"),
    ("09CAIRO2381 the subject again", "SUBJECT: AUSTR STRICKLER REASSURES GOE \n \nAUSTR STRICKLER REASSURES GOE "
     "REF: 09 CAIRO 02239\n", "AUSTR STRICKLER REASSURES GOE"),
    ("08TRIPOLI220 a heading after a short subject line", "SUBJECT: LIBYA\n\nFATHI EL-JAHMI \"RELEASED\"\n", "LIBYA"),
    ("06YEREVAN1019 a cut copy", "SUBJECT: A PROSTITUTE'S STORY: SEX AND TRAFFICKING IN ...\n\nTHE REST OF IT\n",
     "A PROSTITUTE'S STORY: SEX AND TRAFFICKING IN ..."),
]


@pytest.mark.parametrize(("cable", "preamble", "subject"), SUBJECTS_ACROSS_BLANK_LINES,
                         ids=[c[0] for c in SUBJECTS_ACROSS_BLANK_LINES])
def test_subject_across_a_blank_line(cable, preamble, subject):
    c = parse("CONFIDENTIAL SOMEWHERE 000001\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL\n" + preamble
              + "\n1. (C) Text of the first paragraph.\n")
    assert c.subject == subject
    assert c.paragraphs[-1].text == "Text of the first paragraph."


def test_teletype_page_line_inside_the_subject_and_ref():
    # 00HARARE6677 and 02ROME1196: a page's banner and marker split the subject and the REF items; the text goes on
    # after the marker on its line.
    c = parse("CONFIDENTIAL HARARE 006677\n\nSUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE \n CONFIDENTIAL\n"
              "PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER\nREF: A. STATE 40721\n CONFIDENTIAL\n"
              "PAGE 02 ROME 01196 01 OF 02 082030Z  B. ROME 1098  C. ROME 894\nCLASSIFIED BY: POL MINCOUNS THOMAS "
              "COUNTRYMAN, REASONS 1.5 (B) AND (D).\n 1. (C) SUMMARY: TEXT.\n")
    assert c.subject == "ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER"
    assert [r.text for r in c.references] == ["STATE 40721", "ROME 1098", "ROME 894"]
    assert c.classified_by.reasons == ["1.5(b)", "1.5(d)"]


def test_teletype_page_banner_before_blank_lines():
    # 01VATICAN5693, 02ROME1725: the page's banner stands a blank line above the page line.
    c = parse("CONFIDENTIAL VATICAN 005693\n\nSUBJECT: BRIEFS VATICAN.\n \nREF. STATE 184178 \n                       "
              "CONFIDENTIAL \n \nPAGE 02        VATICA  05693  01 OF 02  021700Z \n \nCLASSIFIED BY AMBASSADOR. REASON "
              "1.5(B,D). \n1.  (C) SUMMARY: TEXT.\n")
    assert [r.text for r in c.references] == ["STATE 184178"]
    assert c.classified_by.text == "AMBASSADOR. REASON 1.5(B,D)."


# A later section's teletype header repeated in the body of the site's 2000-2003 cables (banner, `ACTION`, `INFO
# LOG-00 ...` routing, the section's classification line and the preamble it repeats) is no paragraph text; the raw
# text keeps it. (cable, text after the first section's preamble, paragraph texts).
_HARARE6677 = ("C O N F I D E N T I A L SECTION 01 OF 03 HARARE 006677\n\nTAGS: PGOV\nSUBJECT: MEETS WITH ZIMBABWE \n"
               " CONFIDENTIAL\nPAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER\nREFTEL: HARARE 6584\n")
SECTION_HEADERS = [
    ("00HARARE6677 reflowed, a subject's tail after the page line", _HARARE6677 + "1. (C) IF IT WAITS THAT LONG,\n"
     " CONFIDENTIAL\n CONFIDENTIAL PTQ1865\nPAGE 01 HARARE 06677 02 OF 03 291401Z ACTION AF-00\nINFO LOG-00 NP-00 "
     " SAS-00 /012W  ------------------A54E56 291401Z /38 O 291359Z NOV 00 FM AMEMBASSY HARARE TO SECSTATE WASHDC\n"
     "C O N F I D E N T I A L SECTION 02 OF 03 HARARE 006677\nSIPDIS\nNSC FOR SENIOR AFRICA DIRECTOR GAYLE SMITH\n"
     "E.O. 12958: DECL: 11/29/10 TAGS: PGOV PREL\nPAGE 02 HARARE 06677 02 OF 03 291401Z OPPOSITION LEADER\n"
     "THERE WILL BE NOTHING TO VOTE FOR.\n", ["IF IT WAITS THAT LONG, THERE WILL BE NOTHING TO VOTE FOR."]),
    ("02ROME1196 an address line before E.O. on its line", _HARARE6677 + "7. (C) COMMENT: TO FOLLOW THE LINE\n"
     " CONFIDENTIAL\n CONFIDENTIAL PTQ7827\nPAGE 01 ROME 01196 02 OF 02 082031Z ACTION EUR-00\nINFO LOG-00 COR-01 "
     "/009W  ------------------71B573 082032Z /38 O 071013Z MAR 02 ZDK FM AMEMBASSY ROME TO SECSTATE WASHDC\n"
     "C O N F I D E N T I A L SECTION 02 OF 02 ROME 001196\nSIPDIS\nC O R R E C T E D C O P Y (ADDED INFO ADDEES)\n"
     "DEPARTMENT FOR EUR/WE, EUR/PPD AND DRL E.O. 12958: DECL: 03/05/2007 TAGS: PHUM IT\nESTABLISHED IN THESE "
     "MEETINGS.\n", ["COMMENT: TO FOLLOW THE LINE ESTABLISHED IN THESE MEETINGS."]),
    ("02ROME3639 double spaced, the banner apart from the page line",
     _HARARE6677.replace("ZIMBABWE ", "ITALIAN POLITICS \nAND THE EU") + "9. (C) WILL BE TO CHANGE THE \n \n"
     "                       CONFIDENTIAL \n \n                           CONFIDENTIAL     PTQ4581 \n \n"
     "PAGE 01        ROME  03639  02 OF 03  231627Z \nACTION EUR-00 \n \nINFO  LOG-00   NP-00    AGRE-00 \n"
     "      SAS-00     /018W \n                  ------------------CF2A6B  231627Z /38 \nP 231625Z JUL 02 \n"
     "FM AMEMBASSY ROME \n \nC O N F I D E N T I A L SECTION 02 OF 03 ROME 003639 \n \nSIPDIS \n \n"
     "E.O. 12958: DECL: 07/19/2012 \nTAGS: PGOV ECON \nSUBJECT: BOSSI ON ITALIAN POLITICS \nAND THE EU \n \n"
     "CONSTITUTIONAL COURT.\n", ["WILL BE TO CHANGE THE CONSTITUTIONAL COURT."]),
]


@pytest.mark.parametrize(("cable", "text", "paragraphs"), SECTION_HEADERS, ids=[c[0] for c in SECTION_HEADERS])
def test_section_headers_are_no_paragraph_text(cable, text, paragraphs):
    c = parse(text)
    assert [p.text for p in c.paragraphs] == paragraphs
    assert "LOG-00" in c.text
    assert any("section headers" in d.message for d in c.diagnostics)


# Buenos Aires' classified site banner, written as a sentence wrapped over lines, is a banner as other posts' are.
# (cable, body, paragraph texts, signers).
SITE_BANNER_SENTENCES = [
    ("05BUENOSAIRES159", "18. (U) CODEL Dodd did not review/clear on this cable.\n\n19. To see more Embassy Buenos "
     "Aires reporting, visit our \n\nclassified website at \n\nhttp://www.state.sgov.gov/p/wha/buenosaires \n\n"
     "GUTIERREZ\n",
     ["CODEL Dodd did not review/clear on this cable.", ""], ["GUTIERREZ"]),
    ("06BUENOSAIRES579 text after it", "1. Text ends.\n\nTo see more Buenos Aires reporting, visit our \nclassified "
     "website at: \nhttp://www.state.sqov.gov/p/wha/buenosaires \n \nThe Media Reaction Report reflects articles.\n",
     ["Text ends. The Media Reaction Report reflects articles."], []),
]


@pytest.mark.parametrize(("cable", "text", "paragraphs", "signers"), SITE_BANNER_SENTENCES,
                         ids=[c[0] for c in SITE_BANNER_SENTENCES])
def test_site_banner_sentence(cable, text, paragraphs, signers):
    c = parse("UNCLAS BUENOS AIRES 000159\n\nTAGS: PREL\nSUBJECT: X\n\n" + text)
    assert ([p.text for p in c.paragraphs], c.signers) == (paragraphs, signers)
    assert "classified website" in c.text


def test_reftel_and_ref_s_are_references():
    # 00HARARE6677 `REFTEL: HARARE 6584`, 08RIODEJANEIRO165 `Ref(s): A) 08 RIO DE JAN 138`: no longer subject text.
    c = parse("UNCLAS HARARE 006677\n\nSUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE\nREFTEL: HARARE 6584\n\n"
              "1. Text.\n")
    assert c.subject == "ASSISTANT SECRETARY MEETS WITH ZIMBABWE"
    assert [r.text for r in c.references] == ["HARARE 6584"]



# REF keys written otherwise: (cable, preamble from the SUBJECT line on, references as (label, id)).
REF_KEYS = [
    ("01VATICAN5693", "SUBJECT: BRIEFS VATICAN.\n\nREF. STATE 184178\n\nCLASSIFIED BY AMBASSADOR. REASON 1.5(B,D).\n",
     [(None, "01STATE184178")]),
    ("05BRASILIA3216", "SUBJECT: BRAZIL CORRUPTION SCANDAL UPDATE\n\nREF.: BRASILIA 03150 AND PREVIOUS\n",
     [(None, "01BRASILIA3150")]),
    ("05NEWDELHI301 (a cut key)", "SUBJECT: AFTER DIXIT, INDIA PONDERS ROLE OF ITS NSA AND WHO\nWILL GET THE JOB\n\n"
     "REF...04 CHENNAI 575\n", [(None, "04CHENNAI575")]),
    ("04HELSINKI1603 (a cut copy's REF, the full copy's line after it)", "SUBJECT: FINNS FIND PUTIN\n\nREF...\n\n"
     "UNCLAS SOMEWHERE 000001 SIPDIS E.O. 12958: N/A TAGS: PREL\n", []),
    ("06BRASILIA1963 (no colon, before SUBJECT)", "REF BRASILIA 1837\n\nSUBJECT: ALCKMIN CAMPAIGN IS ON THE RISE\n",
     [(None, "01BRASILIA1837")]),
    ("08SANJOSE508", "SUBJECT: USTR AND COMEX DO A SLOW SLOG\n\nReftel San Jose 410\n", [(None, "01SANJOSE410")]),
    ("09ABUDHABI754 (bare labels, a REF each)", "SUBJECT: GULF SECURITY DINNER\nREF A SECRETARY'S LETTER TO MBZ ON "
     "PUMA HELICOPTERS\nREF B SECSTATE 76108\n", [("A", None), ("B", "01STATE76108")]),
    ("10MANAMA55 (the key written twice, glued)", "SUBJECT: BAHRAIN LABOR\n\nREFREF: A. STATE 19631 B. U.S. "
     "DEPARTMENT OF LABOR BAHRAIN LABOR RIGHTS REPORT 2005 C. 09 MANAMA 596\n",
     [("A", "01STATE19631"), ("B", None), ("C", "09MANAMA596")]),
    ("09CAIRO173 (bare labels on one line, the caveat after)", "SUBJECT: EGYPT'S 53RD BIRD FLU VICTIM\nREF A 09 CAIRO "
     "074 REF B 08 CAIRO 784 Sensitive but Unclassified. Please handle accordingly.\n",
     [("A", "09CAIRO74"), ("B", "08CAIRO784")]),
]


@pytest.mark.parametrize(("cable", "preamble", "expected"), REF_KEYS, ids=[c[0] for c in REF_KEYS])
def test_ref_key_written_otherwise(cable, preamble, expected):
    c = parse("UNCLAS SOMEWHERE 000001\n\nE.O. 12958: N/A\nTAGS: PREL\n" + preamble + "\n1. (U) Text.\n",
              {"reference_id": "01SOMEWHERE1"})
    assert [(r.label, r.reference_id) for r in c.references] == expected
    assert c.tags == ["PREL"]
    assert [p.text for p in c.paragraphs] == ["Text."]


# Keys glued to the value before them, a page having lost the line breaks: (cable, SUBJECT line on, subject, REF
# items' ids, Classified By's name).
GLUED_KEYS = [
    ("08MANAMA541", "GENERAL PETRAEUS' VISIT TO BAHRAINREF: MANAMA 510Classified By: CDA CHRISTOPHER HENZEL FOR "
     "REASONS 1.4 (b) and (d)", "GENERAL PETRAEUS' VISIT TO BAHRAIN", ["08MANAMA510"], "CHRISTOPHER HENZEL"),
    ("09MANAMA680", "SCENESETTER FOR MANAMA DIALOGUE, DECEMBER 11-13REF: A. MANAMA 660 B. MANAMA 628",
     "SCENESETTER FOR MANAMA DIALOGUE, DECEMBER 11-13", ["09MANAMA660", "09MANAMA628"], None),
    ("07CAIRO3126", "SCENESETTER FOR AMBASSADOR CROCKER'S VISIT TO CAIROClassified By: DEPUTY CHIEF OF MISSION STUART "
     "JONES. REASONS: 1.4 (B) and (D)", "SCENESETTER FOR AMBASSADOR CROCKER'S VISIT TO CAIRO", [], "STUART JONES"),
]


@pytest.mark.parametrize(("cable", "line", "subject", "refs", "name"), GLUED_KEYS, ids=[c[0] for c in GLUED_KEYS])
def test_keys_glued_to_the_value_before(cable, line, subject, refs, name):
    c = parse("CONFIDENTIAL MANAMA 000541\n\nE.O. 12958: DECL: 01/01/2018\nTAGS: PREL\nSUBJECT: " + line
              + "\n\n1. (C) Text.\n", {"reference_id": cable[:2] + "MANAMA541"})
    assert c.subject == subject
    assert [r.reference_id for r in c.references] == refs
    assert (c.classified_by.name if c.classified_by else None) == name


# --- references --------------------------------------------------------------------------------------------------

REFS = [
    ("08TUNIS679", "A. TUNIS 615\nB. TUNIS 568\nF. 07 TUNIS 1489", 2008,
     [("A", "08TUNIS615", "cable"), ("B", "08TUNIS568", "cable"), ("F", "07TUNIS1489", "cable")]),
    ("66BUENOSAIRES2481", "STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966", 1966,
     [(None, "66STATE106206", "cable"), (None, None, "other")]),
    ("00THEHAGUE1695", "A) THE HAGUE 588 B) THE HAGUE 980", 2000,
     [("A", "00THEHAGUE588", "cable"), ("B", "00THEHAGUE980", "cable")]),
    ("03BRASILIA3124", "(A) Brasilia 3089, (B) Brasilia 3070 (C) Brasilia 2233", 2003,
     [("A", "03BRASILIA3089", "cable"), ("B", "03BRASILIA3070", "cable"), ("C", "03BRASILIA2233", "cable")]),
    ("03THEHAGUE2597", "A. RICHARD-WITMER EMAIL 10/9", 2003, [("A", None, "email")]),
    ("05BRASILIA1566", "A) 2004 BRASILIA 2939, B) RIO DE JANEIRO 198", 2005,
     [("A", "04BRASILIA2939", "cable"), ("B", "05RIODEJANEIRO198", "cable")]),
    ("glued id (survey)", "09BOGOTA569", 2009, [(None, "09BOGOTA569", "cable")]),
    ("03BRASILIA698", "A) SECSTATE 43420 B) 02 BRASILIA 1869", 2003,
     [("A", "03STATE43420", "cable"), ("B", "02BRASILIA1869", "cable")]),
    ("01VATICAN5960", "A: VATICAN 05286; REF B: VATICAN 05546", 2001,
     [("A", "01VATICAN5286", "cable"), ("B", "01VATICAN5546", "cable")]),
    ("06VATICAN256 doubled labels", "A. A: VATICAN 249\n B. B: ANKARA 6593, ET AL.", 2006,
     [("A", "06VATICAN249", "cable"), ("B", "06ANKARA6593", "cable")]),
    ("09ROME97 lower case", "a) 08 STATE 134386 b) ROME 451", 2009,
     [("A", "08STATE134386", "cable"), ("B", "09ROME451", "cable")]),
    ("04BRASILIA1450 no space", "A)Brasilia 1073 B)Brasilia 011", 2004,
     [("A", "04BRASILIA1073", "cable"), ("B", "04BRASILIA11", "cable")]),
    ("72TEHRAN1164 colons", "TEHRAN 1091: TEHRAN 263: MOSCOW 1603", 1972,
     [(None, "72TEHRAN1091", "cable"), (None, "72TEHRAN263", "cable"), (None, "72MOSCOW1603", "cable")]),
    ("05BRASILIA3216 and previous", "BRASILIA 03150 AND PREVIOUS", 2005, [(None, "05BRASILIA3150", "cable")]),
    ("09BUENOSAIRES66 quote", "A. '08 BUENOS AIRES 1389", 2009, [("A", "08BUENOSAIRES1389", "cable")]),
    ("a marking inside an item is no label", "A. STATE 1234 (S) NOTAL", 2009, [("A", "09STATE1234", "cable")]),
    ("10MANAMA15 label glued to a date, label after a word", "A. 01/11/10 ERELI-RICCIARDONE E-MAIL \n     "
     "B01/10/10 ERELI-HALE TELCON C. 09 MANAMA 731 ", 2010,
     [("A", None, "email"), ("B", None, "telcon"), ("C", "09MANAMA731", "cable")]),
    ("08REYKJAVIK219 two blanks between items", " A) Reykjavik 217  B) Evans-Norton telecon  C) Evans-Meyers \n"
     "telecon ", 2008, [("A", "08REYKJAVIK217", "cable"), ("B", None, "telcon"), ("C", None, "telcon")]),
    ("07ACCRA2140 key written twice", " REF: A) 2005 ACCRA 2517 B) ACCRA 1437", 2007,
     [("A", "05ACCRA2517", "cable"), ("B", "07ACCRA1437", "cable")]),
    ("08REYKJAVIK20 a label after AND", "A) STATE 15111 AND B) 13716", 2008,
     [("A", "08STATE15111", "cable"), ("B", None, "other")]),
    ("10MANAMA57 a label after a word, a date after it", "A. MANAMA 025 B. MANAMA 026 C. 1/27/10 DAALDER-ERELI EMAIL "
     "D. 1/31/10 GORTNEY-PETRAEUS EMAIL", 2010, [("A", "10MANAMA25", "cable"), ("B", "10MANAMA26", "cable"),
                                                  ("C", None, "email"), ("D", None, "email")]),
    ("10TASHKENT27 a wrap between items", "07 TASHKENT 2029; 08 TASHKENT 153  \n08 TASHKENT 1072; 09 TASHKENT 921",
     2010, [(None, "07TASHKENT2029", "cable"), (None, "08TASHKENT153", "cable"), (None, "08TASHKENT1072", "cable"),
            (None, "09TASHKENT921", "cable")]),
    ("02ROME1196 E-MAILS", "A. STATE 40721  B. ROME 1098  D. MYRIAD POST-DEPARTMENT E-MAILS FROM 10/01-02/02", 2002,
     [("A", "02STATE40721", "cable"), ("B", "02ROME1098", "cable"), ("D", None, "email")]),
    ("10HANOI7 one letter, many cables", "A) HANOI 5; HANOI 3; 09 HANOI 1398; 09 HANOI 1182 09 HANOI 1084", 2010,
     [("A", "10HANOI5", "cable"), ("A", "10HANOI3", "cable"), ("A", "09HANOI1398", "cable"),
      ("A", "09HANOI1182", "cable"), ("A", "09HANOI1084", "cable")]),
    ("08ALGIERS198 two cables under B", "A. ALGIERS 111 B. ALGIERS 110 AND ALGIERS 140 C. 07 ALGIERS 1806", 2008,
     [("A", "08ALGIERS111", "cable"), ("B", "08ALGIERS110", "cable"), ("B", "08ALGIERS140", "cable"),
      ("C", "07ALGIERS1806", "cable")]),
    ("an item citing a cable and more is one reference", "A. STATE 1234, PARA 5 B. STATE 77 (NOTAL); ROME 12", 2009,
     [("A", "09STATE1234", "cable"), ("B", "09STATE77", "cable")]),
]


@pytest.mark.parametrize(("cable", "value", "year", "expected"), REFS, ids=[c[0] for c in REFS])
def test_references(cable, value, year, expected):
    refs = read_references(value, 0, year)
    assert [(r.label, r.reference_id, r.kind) for r in refs] == expected


def test_reference_spans_point_at_their_text():
    value = "A. TUNIS 615\nB. 07 TUNIS 1489"
    for ref in read_references(value, 100, 2008):
        start, end = ref.span
        assert value[start - 100:end - 100].strip() == ref.text


# REF items after a blank line, or all on the line Classified By is glued to, or running into paragraph 1: (cable,
# preamble from REF on, labels read, Classified By read).
REF_BLOCKS = [
    ("04BRASILIA776", "REF: A. BRASILIA 0564 B. BRASILIA 0572 C. BRASILIA 0458 Classified By: POLOFF RICHARD REITER, "
     "FOR 1.5B AND D. \n", ["A", "B", "C"], True),
    ("10MANAMA15", "REF: A. 01/11/10 ERELI-RICCIARDONE E-MAIL \n     B01/10/10 ERELI-HALE TELCON C. 09 MANAMA 731 "
     "Classified By: Ambassador Adam Ereli for reasons 1.4 (b) and (d)\n", ["A", "B", "C"], True),
    ("08REYKJAVIK219", "REFS:  A) Reykjavik 217  B) Evans-Norton telecon  C) Evans-Meyers \ntelecon ",
     ["A", "B", "C"], False),
    ("06NAIROBI1187", "REF: A. (A) NAIROBI 988 \n \n      B. (B) NAIROBI 1114 \n      C.\n(C) NAIROBI 1023 \n \n"
     "Classified By: A/DCM Michael J. Fitzpatrick.  Reasons 1.4 (b,d) \n", ["A", "B", "C"], True),
    ("06PARIS1031", "REF: A. (A) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 17 \n\n B. 2006 \n C. (B) EMBASSY PARIS DAILY "
     "REPORT FOR FEBRUARY 10 \n\nClassified By: Ambassador Craig Stapleton for reasons 1.4 (b) and (d) \n",
     ["A", "B", "C"], True),
    ("04MADRID3914", "REF: A) MADRID 3552 B) BRUSSELS 4080 C) SAINZ E-MAIL\n\nOF 10/6 D) STATE 215870\n\n"
     "Classified By: Political Counselor Kathy Fitzpatrick; reasons 1.5 (B) and (D).\n", ["A", "B", "C", "D"], True),
    ("09MADRID29", "REF: A. 08 MADRID 1362\n B. 12/12/08 (U) EMAIL FROM POLOFF CLIFTON TO USUNVIE\n C. 08 MADRID 1296\n"
     "\n                            \n\n\nClassified By: DCM Arnold A. Chacon for reasons 1.4 (b) and (d)\n",
     ["A", "B", "C"], True),
    ("06GENEVA2030", "REF: A. A. GENEVA 1954 B. STATE 130904  \n  \n      B. C. STATE 130145 D. GENEVA 1675  \n"
     "      C. E. GENEVA 1673  \n  \nClassified By: PolCouns Velia M. De Pirro. Reason: E.O. 12958 1.4 (d)  \n",
     ["A", "B", "C", "D", "E"], True),
    ("08LONDON1163", "REF: \n\n A. A) STATE 33385 AND PREVIOUS      \n\n"
     " B. B) EMB LONDON (GAYLE)-NEA/IR(COBERLY) EMAIL\n\n"
     "Classified By: Political Minister Counselor Maura Connelly for reasons 1.4 (b) and (d)  \n", ["A", "B"], True),
    ("05NEWDELHI1075 (REF written again)", "REF: A. NEW DELHI 878 \n \nREF: A. NEW DELHI 878 \n B. NEW DELHI 877 \n"
     " C. NEW DELHI 876 \nClassified By: DCM Robert O. Blake, Jr. for Reasons 1.4 (B, D) \n", ["A", "B", "C"], True),
    ("05THEHAGUE2948 (a cut copy of the REF first)", "REF: ...\n\n\n\nREF: A. THE HAGUE 2898 \n B. THE HAGUE 2705 AND "
     "PREVIOUS \n", ["A", "B"], False),
    ("09BRUSSELS1639 (a page break after an item)", "REF: A. USEU BRUSSELS 1638 \n B. USEU BRUSSELS 1637 BRUSSELS "
     "00001639 001.5 OF 002 \n\nClassified By: POLITICAL MINISTER COUNSELOR CHRISTOPHER DAVIS FOR REASO N 1.4 B/D \n",
     ["A", "B"], True),
    ("09BRASILIA1170 (a label's item before Classified By)", "REF: A. STATE 95073 \n B. STATE 94757 \n C. STATE 91633 "
     "D. \n\nBRASILIA 1038 BRASILIA 00001170 001.2 OF 003 \nClassified By: Charge D'Affaires Lisa Kubiske for reasons "
     "1.4 (b) and ( d). \n", ["A", "B", "C", "D"], True),
    ("08REYKJAVIK23 (a label's item in a block of its own)", "REF:  A) State 16319; B) Reykjavik 00020; C) State "
     "15111; and D) \n \nState 13716 \n \nClassified by Ambassador Carol van Voorst for reasons 1.4 (b) and (d). \n",
     ["A", "B", "C", "D"], True),
    ("08PARIS1698 (an item's own SUBJ:)", "REF: A. PARIS 1501 \n B. PARIS 1568 \n C. HOTR WASHINGTON DC//USDAO PARIS "
     "(SUBJ: IIR 6 832 \n0617 08) \n D. HOTR WASHINGTON DC//USDAO PARIS (SUBJ: IIR 6 832 \n0626 08) \n",
     ["A", "B", "C", "D"], False),
    ("06REYKJAVIK140 (E-MAILS after a blank line)", "REF: A. (A) REYKJAVIK 118 \n \n     B. (B) KOSNETT-STATE/DOD "
     "E-MAILS \n \nClassified By: AMBASSADOR CAROL VAN VOORST, REASONS 1.4 (B) AND (D). \n", ["A", "B"], True),
    ("09ISTANBUL352 (guard: a label after an item's number is no paragraph)", "REF: (A) ISTANBUL 47 (B) ISTANBUL 94 "
     "(C) ISTANBUL 138\n(D) ISTANBUL 189\n\nClassified By: Deputy Principal Officer Win Dayton; Reason 1.5 (d).\n",
     ["A", "B", "C", "D"], True),
    ("06SANTIAGO439 (a marked paragraph is no item)", "REF: A. STATE 3836 \n      B. 05 SANTIAGO 466 \n\n(U) Following "
     "text continues Chile's Trafficking in Persons report submission for 2006. \n", ["A", "B"], False),
]


@pytest.mark.parametrize(("cable", "preamble", "labels", "classified"), REF_BLOCKS, ids=[c[0] for c in REF_BLOCKS])
def test_ref_items_after_blank_lines(cable, preamble, labels, classified):
    c = parse("CONFIDENTIAL SOMEWHERE 000001\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL\nSUBJECT: TEST\n\n"
              + preamble + "\n 1. (C) Text of the first paragraph.\n")
    assert [r.label for r in c.references] == labels
    assert (c.classified_by is not None) == classified
    assert c.paragraphs[0].text.startswith("Following" if cable.startswith("06SANTIAGO") else "Text of")



# An unnumbered first paragraph after the REF items, on their line or in a block of its own that holds a keyword
# already read: (cable, preamble from REF on, references' texts, the paragraph's opening).
REF_THEN_PARAGRAPH = [
    ("07SANJOSE657", "REF: A. STATE 40909 \n \n     B. 06 SAN JOSE 751 \n \nOn March 30, Poloff sent information "
     "regarding the U.S. \ndecision under the provisions of E.O. 13382 to designate \nIran's Defense Industries "
     "Organization (ref A).\n", ["STATE 40909", "06 SAN JOSE 751"], "On March 30, Poloff"),
    ("08CAIRO2099", "REF: SECSTATE 102414 We delivered points in reftel to MFA Deputy Director Barakat Leithy on "
     "September 25.\n", ["SECSTATE 102414"], "We delivered points"),
    ("07TRIPOLI993", "REF: A) STATE 138248, B) GODFREY-LAWSON E-MAIL 11/21/2007 Per reftel, Post requests that Libya "
     "be added.\n", ["STATE 138248", "GODFREY-LAWSON E-MAIL 11/21/2007"], "Per reftel, Post"),
    ("05BRASILIA1714 (numbered)", "REF: A. BRASILIA 1494 B. BRASILIA 1544 1. Summary. The IV Global Forum was held.\n",
     ["BRASILIA 1494", "BRASILIA 1544"], "Summary. The IV"),
    ("09CAIRO1456 (numbered, marked)", "REF: A. 09CAIRO724 B. 09CAIRO771 1.(SBU) Key Points: -- A briefing.\n",
     ["09CAIRO724", "09CAIRO771"], "Key Points:"),
    ("08MANAMA305 (marked, after an item in a block of its own)", "REF: A. STATE 51536 \n \n     B. STATE 46997 \n"
     "    C. STATE 45792 (SBU) Post has undertaken these actions.", ["STATE 51536", "STATE 46997", "STATE 45792"],
     "Post has undertaken"),
    ("08STATE85615 (a heading's rule on the next line)", "REF: Tbilisi 001344 \n------------ EVACUATION AUTHORITY "
     "------------ \n1. Effective the date of this telegram.\n", ["Tbilisi 001344"], "Effective the date"),
    ("08STOCKHOLM704 (a second copy's line after a cut copy's REF)", "REF: (A) S...\nUNCLAS STOCKHOLM 000704 SIPDIS "
     "STATE FOR CA/P/IP E.O. 12958: N/A TAGS: CVIS\n\n1. (U) Text.\n", ["S..."], "Text."),
    ("08VILNIUS668 (a reflowed copy's first paragraph number)", "REF: VILNIUS 663 1. (SBU) \nThe neutrality of "
     "the regime has become the topic of a public dispute.\n", ["VILNIUS 663"], "The neutrality of"),
    ("08SAOPAULO66 (an item's place is no paragraph)", "REF: A) 06 Sao Paulo 751 and previous B) Sao Paulo 56\n\n"
     "1. (U) Text.\n", ["06 Sao Paulo 751 and previous", "Sao Paulo 56"], "Text."),
    ("09LONDON2616 (the drafter's NOTE after the items)", "REF: A. LONDON 2198      B. LONDON 2199  NOTE:  FOR "
     "TECHNICAL REASONS, THIS CABLE IS BEING TRANSMITTED IN THREE PARTS.\n\n38. (SBU) Text.\n",
     ["LONDON 2198", "LONDON 2199"], "NOTE: FOR TECHNICAL REASONS"),
    ("06NEWDELHI5138 (lost bytes, then the summary's tail)", 'REF: A. NEW DELHI 312Q Zk"v_7in on May 2, the two '
     "parties said they will \nvote against the budget. The government will survive the vote. \nEnd Summary.\n",
     ['NEW DELHI 312Q Zk"v_7'], "in on May 2, the two parties"),
    ("06NEWDELHI5138 (past a sentence's end, after the second item)", "REF: A. STATE 1234 B. NEW DELHI 88W3 he said "
     "the talks \nwould go on. The minister agreed with him.\n", ["STATE 1234", "NEW DELHI 88W3"],
     "he said the talks would go on."),
]


@pytest.mark.parametrize(("cable", "preamble", "refs", "paragraph"), REF_THEN_PARAGRAPH,
                         ids=[c[0] for c in REF_THEN_PARAGRAPH])
def test_ref_then_unnumbered_paragraph(cable, preamble, refs, paragraph):
    c = parse("UNCLAS SOMEWHERE 000001\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: COSTA RICA: DESIGNATION UNDER E.O. "
              "13382\n\n" + preamble)
    assert [r.text for r in c.references] == refs
    assert len(c.paragraphs) == 1 and c.paragraphs[0].text.startswith(paragraph)


def test_a_ref_line_that_runs_into_the_text_is_reported():
    # 06NEWDELHI5138: the REF line ran into the summary's tail, its opening lost; the tail is the summary.
    c = parse("CONFIDENTIAL NEW DELHI 005138\n\nE.O. 12958: DECL: 07/21/2016\nTAGS: PGOV\nSUBJECT: STORM CLOUDS\n\n"
              'REF: A. NEW DELHI 312Q Zk"v_7in on May 2, the two parties said they will \nvote against the budget. '
              "The government will survive the vote. \nEnd Summary.\n\n2. (U) The Left said so.\n",
              {"reference_id": "06NEWDELHI5138"})
    assert [(r.label, r.reference_id) for r in c.references] == [("A", "06NEWDELHI312")]
    assert [p.number for p in c.paragraphs] == [None, 2]
    assert c.summary == ("in on May 2, the two parties said they will vote against the budget. The government will "
                         "survive the vote.")
    [d] = [d for d in c.diagnostics if d.code == "reference-runs-into-text"]
    assert d.severity == "repair"


# A site page showing a cut copy of the cable, then the cables.csv record holding it whole: the record's classification
# line, glued to the header's last line and wrapped at the record's width, is found, and the full copy read.
# (cable, the record's header end and classification line as the page wraps it).
EMBEDDED_RECORDS = [
    ("09THEHAGUE731", 'RHEHAAA/WHITE HOUSE WASHDC PRIORITY","S E C R E T SECTION 01 OF 02\nTHE HAGUE 000114\n'),
    ("10THEHAGUE114", 'RHEHNSC/NSC WASHDC IMMEDIATE","S E C R E T SECTION 01 OF 02 THE\nHAGUE 000114\n'),
    ("06THEHAGUE1782", 'RUEHGG/UN SECURITY COUNCIL COLLECTIVE PRIORITY","S E C R E T\n'
     "SECTION 01 OF 02 THE HAGUE 000114\n"),
]
_CUT_COPY = ("S E C R E T SECTION 01 OF 02 THE HAGUE 000114\n\nE.O. 12958: DECL: 02/24/2020\nTAGS: PREL\nSUBJECT: "
             "NETHERLANDS/AFGHANISTAN: A REDUCED ROLE LIKELY BUT DETAILS WILL...\n\nREF: A. THE HAGUE 109\n   ...\n\n"
             '\n\n250450,2/24/2010 13:30,10THEHAGUE114,"Embassy The\nHague",SECRET//NOFORN,10THEHAGUE109,"VZCZC\n'
             "O 241330Z FEB 10\nFM AMEMBASSY THE HAGUE\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 3800\n")
_FULL_COPY = ("NOFORN\nSIPDIS\nE.O. 12958: DECL: 02/24/2020\nTAGS: PREL\nSUBJECT: NETHERLANDS/AFGHANISTAN: A REDUCED "
              "ROLE LIKELY\nBUT DETAILS WILL NOT COME QUICKLY\nREF: A. THE HAGUE 109\nB. THE HAGUE 108\nClassified By: "
              "Deputy Chief of Mission Edwin R. Nolan for reasons 1.4 (\nb) and (d).\n"
              '1. (C) SUMMARY: The most immediate result.\n","')


@pytest.mark.parametrize(("cable", "line"), EMBEDDED_RECORDS, ids=[c[0] for c in EMBEDDED_RECORDS])
def test_full_copy_in_an_embedded_record(cable, line):
    c = parse(_CUT_COPY + line + _FULL_COPY)
    assert c.subject == "NETHERLANDS/AFGHANISTAN: A REDUCED ROLE LIKELY BUT DETAILS WILL NOT COME QUICKLY"
    assert [r.reference_id for r in c.references] == ["10THEHAGUE109", "10THEHAGUE108"]
    assert c.classified_by is not None and c.classified_by.name == "Edwin R. Nolan"
    assert c.paragraphs[0].text == "SUMMARY: The most immediate result."



def test_classification_line_only_cleaning_finds():
    # 08MEXICO23: the page shows only the cables.csv record, whose body column opens on the header's last line.
    c = parse('136383,1/4/2008 22:01,08MEXICO23,"Embassy Mexico",UNCLASSIFIED//FOR OFFICIAL USE ONLY,08STATE145633,'
              '"VZCZCXRO5183\nR 042201Z JAN 08\nFM AMEMBASSY MEXICO\nTO RUEHC/SECSTATE WASHDC 0049\nINFO RUEABND/DEA '
              'HQS WASHINGTON DC","UNCLAS SECTION 01 OF 03 MEXICO 000023 \n \nSIPDIS \n \nE.O. 12958: N/A \nTAGS: PTER '
              '\nSUBJECT: DRAFT COUNTRY TERRORISM REPORT FOR 2007 \n \n1. Text.\n')
    assert (c.classification, c.section, c.section_count, c.handling) == ("UNCLASSIFIED", 1, 3, ["SIPDIS"])
    assert "no-classification-line" not in [d.code for d in c.diagnostics]
    assert c.subject == "DRAFT COUNTRY TERRORISM REPORT FOR 2007"



# (cable, a spreadsheet's record, (classification, handling)): the classification line the record's body column glued
# after its header column (`...",S E C R E T`) is read, its captions too.
SPREADSHEET_RECORDS = [
    ("09STATE49854", '09STATE49854,Secretary of State,SECRET NOFORN,09BUENOSAIRES490,VZCZCXYZ0002"RR RUEHWE\nR 151409Z '
     'MAY 09FM SECSTATE WASHDCTO AMEMBASSY BUENOS AIRES 6649",S E C R E T STATE 049854 "NOFORN \nSIPDIS E.O. 12958: '
     'DECL: 05/15/2034 "TAGS: PINR AR\n\nSUBJECT: (S/NF)  KUDOS TO EMBASSY ,,""FOR REPORTING ,,"" ,,""Classified By: '
     'SUZANNE MCCORMICK, DIR., INR/OPS.  REASON:  1.4(C). ""\n\n1.  (S/NF)  OFFICERS APPRECIATE IT. ,,""THANKS. ,"\n',
     ("SECRET", ["NOFORN", "SIPDIS"])),
    ("07ASUNCION396", '13:28,07ASUNCION396,EmbassyAsuncion,SECRET,06ASUNCION709,VZCZCXYZ0017"PP RUEHWEB\nRHEHNSC/WHITE '
     'HOUSE NSC WASHDC",S E C R E T ASUNCION 000396 SIPDIS SIPDIS "SOUTHCOM FOR POLAD E.O. 12958: DECL: 04/20/2027 '
     '"TAGS: PGOV PREL\n\nSUBJECT: COM CONFERENCE ,,,,""REF: A. 06 ASUNCION 0709 ,,,,""Classified By: DCM MICHAEL J. '
     'FITZPATRICK; Reasons 1.4(b),(d) ,,,,"\n1. (C) Text.\n', ("SECRET", ["SIPDIS"])),
]


@pytest.mark.parametrize(("cable", "text", "expected"), SPREADSHEET_RECORDS, ids=[c[0] for c in SPREADSHEET_RECORDS])
def test_classification_line_after_a_spreadsheet_s_header_column(cable, text, expected):
    c = parse(text)
    assert (c.classification, c.handling) == expected
    assert "no-classification-line" not in [d.code for d in c.diagnostics]


def test_classification_line_after_a_tsv_column():
    # 10TASHKENT27: a TSV record's body column opens on the header's last line, every line ends in a backslash, and
    # a body line opens with `confidential`.
    c = parse("244365\t2010-01-20 11:23:00\t10TASHKENT27\tEmbassy Tashkent\tCONFIDENTIAL\t\tVZCZCXRO2796\\\n"
              "FM AMEMBASSY TASHKENT\\\nINFO EUROPEAN POLITICAL COLLECTIVE\tC O N F I D E N T I A L SECTION 01 OF 04 "
              "TASHKENT 000027 \\\n \\\nSIPDIS \\\n \\\nE.O. 12958: DECL: 2020/01/20 \\\nTAGS: ECON EPET UZ\n"
              "SUBJECT: Uzbekistan: From A to Zeromax \\\n \\\n1. (SBU) Summary. The marriage has been difficult \\\n"
              "with \\\nconfidential Embassy sources stating so. \\\n")
    assert (c.classification, c.section, c.section_count) == ("CONFIDENTIAL", 1, 4)
    assert (c.subject, c.tags) == ("Uzbekistan: From A to Zeromax", ["ECON", "EPET", "UZ"])


# The full copy read after a cut one keeps the cut copy's TAGS, whole (a field follows them), where its own lost the
# line they wrapped onto: (cable, the cut copy's TAGS, the full copy's, tags read).
CUT_COPY_TAGS = [
    ("08STATE86156", "AEMR ASEC PINR AMGT\nGG ", "AEMR ASEC PINR AMGT\n", ["AEMR", "ASEC", "PINR", "AMGT", "GG"]),
    ("08YEREVAN639", "PREL MOPS EWWT PBTS\nGG, RU, AM ", "PREL MOPS EWWT PBTS\n",
     ["PREL", "MOPS", "EWWT", "PBTS", "GG", "RU", "AM"]),
    # Or the full copy's TAGS ran on onto the line after them, its SUBJECT key lost.
    ("08USNATO279", "PREL NATO GG\n", "PREL NATO GG\nFRENCH EDGY ABOUT NATO INVOLVEMENT ---------\n",
     ["PREL", "NATO", "GG"]),
]


@pytest.mark.parametrize(("cable", "cut", "full", "tags"), CUT_COPY_TAGS, ids=[c[0] for c in CUT_COPY_TAGS])
def test_full_copy_keeps_cut_copy_tags(cable, cut, full, tags):
    line = "S E C R E T SECTION 01 OF 03 STATE 086156\n\nE.O. 12958: DECL: 08/13/2018\nTAGS: "
    c = parse(line + cut + "\nSUBJECT: GEORGIA TASK FORCE SITUATION REPORT \nNO. 7 \n \nClassified by Senior Watch "
              "Off...\n\n" + line + full + "\nSUBJECT: GEORGIA TASK FORCE SITUATION REPORT NO. 7\nClassified by Senior "
              "Watch Officer Deborah Schneider for reasons 1.4 (B and D).\n\n1. (SBU) Text.\n")
    assert "truncated-copy-skipped" in [d.code for d in c.diagnostics]
    assert c.tags == tags


# A page's preview of the cable, cut off, then the full copy: the cable is the full copy; the preview and what stands
# between them (a cables.csv record's fields) are no paragraph, no summary. A field the full copy lacks is the
# preview's unless cut off, but for the subject. (cable, page, what is read, expected).
_LIMA_RECORD = ("id: 88634\ndate: 12/7/2006 22:47\nrefid: 06LIMA4621\norigin: Embassy Lima\nclassification: "
                "UNCLASSIFIED\ndestination: \nheader:\nVZCZCXYZ0007\nP 072247Z DEC 06\nFM AMEMBASSY LIMA\n\n\n"
                "----------------- header ends ----------------\n\n")
CUT_PREVIEWS = [
    ("06LIMA4621", "UNCLAS LIMA 004621 \n \nSIPDIS \n \nE.O. 12958: N/A \nTAGS: PGOV PE\nSUBJECT: BOARD NAMES "
     "CANDIDATES \n \n1. (U) Summary: The Board on Tuesday na...\n\n\n" + _LIMA_RECORD + "UNCLAS LIMA 004621 \n\n"
     "SIPDIS \n\nE.O. 12958: N/A \nTAGS: PGOV PE\nSUBJECT: BOARD NAMES CANDIDATES \n\n1. (U) Summary: The Board on "
     "Tuesday named candidates who lied. End Summary.\n\n2. (U) The Board found that many candidates had lied.\n",
     "paragraphs", [(1, "Summary: The Board on Tuesday named candidates who lied. End Summary."),
                    (2, "The Board found that many candidates had lied.")]),
    ("06LIMA4621 (summary)", "UNCLAS LIMA 004621 \n \nE.O. 12958: N/A \nTAGS: PGOV PE\nSUBJECT: BOARD NAMES "
     "CANDIDATES \n \n1. (U) Summary: The Board on Tuesday na...\n\n\n" + _LIMA_RECORD + "UNCLAS LIMA 004621 \n\n"
     "E.O. 12958: N/A \nTAGS: PGOV PE\nSUBJECT: BOARD NAMES CANDIDATES \n\n1. (U) Summary: The Board on Tuesday named "
     "candidates who lied. End Summary.\n\n2. (U) The Board found that many candidates had lied.\n",
     "summary", "The Board on Tuesday named candidates who lied."),
    ("07MOSCOW3399 (cut inside paragraph 1)", "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 003399 \n \nSIPDIS \n"
     " \nE.O. 12958: DECL: 07/07/2017 \nTAGS: PGOV RS\nSUBJECT: OPPOSITION FACES FRACTURE \n \n 1. (C) Summary: The "
     "conference was \nn...\nC O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 003399 SIPDIS E.O. 12958: DECL: "
     "07/07/2017 TAGS: PGOV RS\nSUBJECT: OPPOSITION FACES FRACTURE\n\n 1. (C) Summary: The conference was notable "
     "for its no-shows. End Summary.\n\n 2. (U) The two-day conference was held in Moscow on July 7.\n",
     "paragraphs", [(1, "Summary: The conference was notable for its no-shows. End Summary."),
                    (2, "The two-day conference was held in Moscow on July 7.")]),
    ("07TALLINN247 (Classified By cut)", "C O N F I D E N T I A L TALLINN 000247 \n \nSIPDIS \n \nE.O. 12958: DECL: "
     "04/17/2017 \nTAGS: EN PREL\nSUBJECT: ESTONIA'S NEW GOVERNMENT \n \n \nClassified By: C...\n"
     "C O N F I D E N T I A L TALLINN 000247 SIPDIS\nE.O. 12958: DECL: 04/17/2017 TAGS: EN PREL\nESTONIA'S NEW "
     "GOVERNMENT Classified By: CDA Jeff Goldstein for reasons 1.4 (b) &\n(d).\n 1. (C) Summary. The new government "
     "keeps its priorities.\n 2. (U) The coalition agreement prioritizes good relations.\n",
     "classified_by", "CDA Jeff Goldstein for reasons 1.4 (b) & (d)."),
    ("05DUSHANBE1648 (REF cut, the full copy has none)", "C O N F I D E N T I A L DUSHANBE 001648 \n \nSIPDIS \n \n"
     "E.O. 12958: DECL: 10/10/2015 \nTAGS: PREL TI\nSUBJECT: TAJIKISTAN: AUTHORITIES SUPPORT PSI \n \nREF: DUSHANBE "
     "16...\nC O N F I D E N T I A L DUSHANBE 001648 SIPDIS E.O. 12958: DECL: 10/10/2015 TAGS: PREL TI\n 1. (C) "
     "SUMMARY: On October 6, the Under Secretary met the head of civil aviation.\n 2. (C) The Tajiks said yes.\n",
     "references", []),
    ("08BERLIN1095 (Classified By cut, the full copy has none)", "C O N F I D E N T I A L BERLIN 001095 \n \nSIPDIS "
     "\n \nE.O. 12958: DECL: 08/11/2018 \nTAGS: NATO GG\nSUBJECT: GERMANY CITES PROGRESS \n \nClassified By: Acting..."
     "\n\nC O N F I D E N T I A L BERLIN 001095 SIPDIS E.O. 12958: DECL: 08/11/2018 TAGS: NATO GG\n\n 1. (C) Acting "
     "DCM delivered reftel points August 11 to the Chancellery.\n2. (C) Asked whether Merkel would go, he said yes.\n",
     "classified_by", None),
    ("07MOSCOW1704 (guard: a cut subject is the only one)", "C O N F I D E N T I A L MOSCOW 001704 \n \nSIPDIS \n \n"
     "E.O. 12958: DECL: 04/13/2017 \nTAGS: KIPR RS\nSUBJECT: RUSSIAN SCIEN...\nC O N F I D E N T I A L MOSCOW 001704 "
     "SIPDIS E.O. 12958: DECL: 04/13/2017 TAGS: KIPR RS\n\nClassified By: EST Counselor Daniel O'Grady. Reasons: 1.4 "
     "(d) \n\n1. (C) SUMMARY: In a luncheon meeting, the Director weighed in on many issues.\n",
     "subject", "RUSSIAN SCIEN..."),
    ("invented (guard: the preview cut inside TAGS)", "S E C R E T STATE 000001\n\nE.O. 12958: DECL: 08/13/2018\n"
     "TAGS: PREL G...\n\nS E C R E T STATE 000001 E.O. 12958: DECL: 08/13/2018 TAGS: PREL GG\nSUBJECT: GEORGIA "
     "SITUATION REPORT\n\n1. (S) The situation in Georgia is calm today.\n", "tags", ["PREL", "GG"]),
    ("08BERN443 (guard: a record repeating the whole cable)", "C O N F I D E N T I A L BERN 000443 \n \nE.O. 12958: "
     "DECL: 08/27/2018 \nTAGS: PREL SZ\nSUBJECT: FM SAYS DIALOGUE IS CHIEF INSTRUMENT \n \n 1. (C) Summary: The FM "
     "extolled dialogue. End Summary.\nCARTER \tEmbassy Bern\tCONFIDENTIAL\t\tVZCZCXRO4059\\\nFM AMEMBASSY BERN\\\n"
     "TO RUEHC/SECSTATE WASHDC IMMEDIATE 5286\tC O N F I D E N T I A L BERN 000443 \n \nE.O. 12958: DECL: 08/27/2018"
     " \nTAGS: PREL SZ\nSUBJECT: FM SAYS DIALOGUE IS CHIEF INSTRUMENT \n \n 1. (C) Summary: The FM extolled "
     "dialogue. End Summary.\n", "diagnostics", []),
]


def _read(c, what):
    if what == "paragraphs":
        return [(p.number, p.text) for p in c.paragraphs]
    if what == "classified_by":
        return c.classified_by and c.classified_by.text
    if what == "references":
        return [r.text for r in c.references]
    if what == "diagnostics":
        return [d.code for d in c.diagnostics if d.code == "truncated-copy-skipped"]
    return getattr(c, what)


@pytest.mark.parametrize(("cable", "page", "what", "expected"), CUT_PREVIEWS, ids=[c[0] for c in CUT_PREVIEWS])
def test_cut_preview_is_not_the_cable(cable, page, what, expected):
    assert _read(parse(page), what) == expected


# Classified By running on into an unnumbered marked paragraph: (cable, preamble, Classified By text, first paragraph).
CLASSIFIED_BY_RUN_ONS = [
    ("09TRIPOLI394", "CLASSIFIED BY: Gene A. Cretz, Ambassador, Embassy Tripoli, \nDepartment of State. \n"
     "REASON: 1.4 (b), (d)\n(S) Ambassador telephoned Libyan Secretary for African Affairs. CRETZ\n",
     "Gene A. Cretz, Ambassador, Embassy Tripoli, Department of State. REASON: 1.4 (b), (d)", "Ambassador telephoned"),
    ("10STATE16932", "Classified By:\n(U)  CLASSIFIED BY EAP DAS DAVID SHEAR, \nREASON: 1.4 (C). \n \n"
     " 1. (U) This is an action request.\n", "(U) CLASSIFIED BY EAP DAS DAVID SHEAR, REASON: 1.4 (C).", "This is"),
    # On the reasons' line, a heading and its rule, or a numbered paragraph's marking.
    ("08STATE85725", "CLASSIFIED BY: DANA MURRAY, SENIOR WATCH OFFICER, S/ES-O, REASON 1.4(D) EXPLOSIONS NEAR TBILISI; "
     "AIRPORT REMAINS OPEN ------------------------\n\n--------------------- 1. (SBU) Media report up to 50 Russian "
     "planes.\n", "DANA MURRAY, SENIOR WATCH OFFICER, S/ES-O, REASON 1.4(D)", "Media report"),
    ("08STATE86156", "Classified by Senior Watch Officer Deborah Schneider for reasons 1.4 (B and D). RUSSIAN GROUND "
     "FORCES PUSH TOWARDS TBILISI ----------- 1. (SBU) Embassy Tbilisi reports.\n",
     "Senior Watch Officer Deborah Schneider for reasons 1.4 (B and D).", "Embassy Tbilisi reports."),
    ("08OSLO458", "Classified By: Charge de Affairs, Kevin M. Johnson for reasons 1.4 b and d 1. (C) On August 14 "
     "Charge delivered reftel points.\n", "Charge de Affairs, Kevin M. Johnson for reasons 1.4 b and d",
     "On August 14"),
    ("08BRASILIA707", "Classified By: DCM Phillip Chicola for reasons 1.4 b and d Summary -------\n\n1. (C) Brazilian "
     "Army General Augusto Heleno.\n", "DCM Phillip Chicola for reasons 1.4 b and d", "Brazilian Army"),
    # On the next line, with no blank line before it.
    ("09BAKU695", "Classified By: Political/Economic Counselor Rob Garverick, Reason 1.4 ( B and D) \nSummary -------- "
     "\n1. (C) XXXXXXXXXXXX, told Baku Iran watcher.\n", "Political/Economic Counselor Rob Garverick, Reason 1.4 ( B "
     "and D)", "XXXXXXXXXXXX, told"),
    # Or its text: a numbered paragraph with no marking, a marked item, a sentence.
    ("09CAIRO1550", "Classified By: STEPHEN P. O'DOWD FOR REASONS 1.4 (B) AND (D) 1.Key Points --(SBU)A/USTR Chris "
     "Wilson met.\n", "STEPHEN P. O'DOWD FOR REASONS 1.4 (B) AND (D)", "Key Points"),
    ("09CAIRO2308", "Classified By: Donald A. Blome, for reasons 1.4 (b) and (d) -- (SBU) Kifaya celebrated its "
     "anniversary.\n", "Donald A. Blome, for reasons 1.4 (b) and (d)", "-- Kifaya"),  # its marking leaves the text
    ("09VATICAN78", "Classified By: Julieta Valls Noyes, CDA, State. REASON: 1.4 (b), (d) Mr. President, it's an "
     "honor to welcome you.\n", "Julieta Valls Noyes, CDA, State. REASON: 1.4 (b), (d)", "Mr. President"),
    ("08LONDON2689 (a marked paragraph on the line is no reason)", "Classified By: PolCouns Richard Mills, reasons 1.4 "
     "b, d (C) Embassy London passed reftel points.\n", "PolCouns Richard Mills, reasons 1.4 b, d", "Embassy London"),
    ("08MANAMA479 (a marked paragraph on the next line is no reason)", "Classified By: CDA Christopher Henzel for "
     "reasons 1.4 (b) and (d)\n(C) On July 21, EconOff discussed reftel.\n",
     "CDA Christopher Henzel for reasons 1.4 (b) and (d)", "On July 21"),
    ("invented: reasons going on", "Classified By: Ambassador X for reasons 1.4 (b) and (d) and 1.5 (c).\n\n"
     "1. (C) Text.\n", "Ambassador X for reasons 1.4 (b) and (d) and 1.5 (c).", "Text."),
]


@pytest.mark.parametrize(("cable", "preamble", "text", "body"), CLASSIFIED_BY_RUN_ONS,
                         ids=[c[0] for c in CLASSIFIED_BY_RUN_ONS])
def test_classified_by_run_on(cable, preamble, text, body):
    c = parse("SECRET SOMEWHERE 000001\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL\nSUBJECT: TEST\n\n" + preamble)
    assert c.classified_by.text == text
    assert c.paragraphs[0].text.startswith(body)


# --- Classified By -----------------------------------------------------------------------------------------------

REASONS = [
    ("08LONDON2689 a paragraph's marking after them", "reasons 1.4 b, d (C) Embassy London passed reftel",
     ["1.4(b)", "1.4(d)"]),
    ("07BAGHDAD620", "1.4 (b)\nand (d).", ["1.4(b)", "1.4(d)"]),
    ("08TRIPOLI220", "REASON: 1.4 (b), (d)", ["1.4(b)", "1.4(d)"]),
    ("04ANKARA348", "reasons: 1.5 (b,d).", ["1.5(b)", "1.5(d)"]),
    ("07MADRID2077", "REASONS 1.4B AND D", ["1.4(b)", "1.4(d)"]),
    ("03ANKARA4230", "reasons 1.5, b/d.", ["1.5(b)", "1.5(d)"]),
    ("09QUITO233", "for Reasons 1.4 (b&d)", ["1.4(b)", "1.4(d)"]),
    ("03ANKARA4278", "Reason:1.5(b)(d).", ["1.5(b)", "1.5(d)"]),
    ("01STATE176819", "REASON: 1.5 (B AND D).", ["1.5(b)", "1.5(d)"]),
    ("05GUATEMALA659", "for reason 1.5 (d)", ["1.5(d)"]),
    # The section's dot spaced or another mark (1 .4, 1/4, 1,4, 1:4, 14).
    ("08MANAMA288", "for reasons 1 .4 (b) and (d).", ["1.4(b)", "1.4(d)"]),
    ("04THEHAGUE1833", "for Reasons 1/4 (B) and (D).", ["1.4(b)", "1.4(d)"]),
    ("06COLOMBO1040", "for reasons 1,4 (b) and (d).", ["1.4(b)", "1.4(d)"]),
    ("09KABUL1892", "for Reasons 1:4 b,d", ["1.4(b)", "1.4(d)"]),
    ("08BERLIN643", "for reasons 14 (b) and (d).", ["1.4(b)", "1.4(d)"]),
    ("09STATE15113", "Reason: 1/4 (B), (D), (E), and (G)", ["1.4(b)", "1.4(d)", "1.4(e)", "1.4(g)"]),
    # The section left out: 1.4, that of E.O. 12958 as amended (all such lines in the corpus are of 2006-2010).
    ("08BUENOSAIRES129", "for reasons (B) and (D).", ["1.4(b)", "1.4(d)"]),
    ("07BUENOSAIRES1888", "for reasons b, d.", ["1.4(b)", "1.4(d)"]),
    ("10KABUL503", "Reasons ( b) and (d)", ["1.4(b)", "1.4(d)"]),
    ("06BOGOTA5395", "FOR REASONS 1(B) AND (D)", ["1.4(b)", "1.4(d)"]),
    ("08LIMA1107", "for reasons 1.b and d.", ["1.4(b)", "1.4(d)"]),
    ("08TEGUCIGALPA89", "reasons (b, c & d)", ["1.4(b)", "1.4(c)", "1.4(d)"]),
    ("invented: E.O. is no reason", "REASON: E.O. 12958", []),
    ("09BRASILIA1038: no letters", "Reason: 1.4", []),
]


@pytest.mark.parametrize(("cable", "text", "expected"), REASONS, ids=[c[0] for c in REASONS])
def test_reasons(cable, text, expected):
    assert read_reasons(text) == expected


CLASSIFIED_BY = [
    ("07BAGHDAD620", "PRT Maysan Team Leader Julie Nutter for reasons 1.4 (b)\nand (d).",
     ("Julie Nutter", "PRT Maysan Team Leader", None, None)),
    ("08TRIPOLI220", "Chris Stevens, CDA, Embassy Tripoli, Dept of State. REASON: 1.4 (b), (d)",
     ("Chris Stevens", "CDA", "Embassy Tripoli", "Dept of State")),
    ("04ANKARA348", "Ambassador Eric Edelman; reasons: 1.5 (b,d).", ("Eric Edelman", "Ambassador", None, None)),
    ("05VATICAN514", "Peter Martin, Political Officer, POL, STATE. REASON: 1.4 (b), (d)",
     ("Peter Martin", "Political Officer", "POL", "STATE")),
    ("00HARARE5461", "DCM EARL IRVING. REASONS: 1.5 (B) AND (D).", ("EARL IRVING", "DCM", None, None)),
    ("03BRASILIA2231", "Janice Fair, Economic Officer for Reason Section 1.5 (b) and (d)",
     ("Janice Fair", "Economic Officer", None, None)),
    ("09BAGHDAD3187 test cable", "DCM MARGARET T. HOLLIS, EMBASSY BAGHDAD, STATE.\nREASON: 1.4 (B), (D)",
     ("MARGARET T. HOLLIS", "DCM", "EMBASSY BAGHDAD", "STATE")),
    # The connector mistyped or in other words.
    ("09KABUL1874", "Ambassador Smith by reasons 1.4 (b) and (d)", ("Smith", "Ambassador", None, None)),
    ("10BEIJING183", "DCM Ann Lee fo Reasons: 1.4(B), (D).", ("Ann Lee", "DCM", None, None)),
    ("09MANAMA681", "CDA Ann Lee nor reasons 1.4 (b) and (d).", ("Ann Lee", "CDA", None, None)),
    ("07MADRID546", "DCM Ann Lee for reaons 1.4 (b) & (d).", ("Ann Lee", "DCM", None, None)),
    ("04BRASILIA2738", "DCM Ann Lee Based upon Reason 1.4(B) and (D)", ("Ann Lee", "DCM", None, None)),
    ("09ABUJA2170", "Ambassador Ann B. Lee for Reasons in Sections 1.4 (b) and (d).",
     ("Ann B. Lee", "Ambassador", None, None)),
    ("06GENEVA2654", "PolCouns Ann Lee for reasons 12958: 1.4 (b)(d)", ("Ann Lee", "PolCouns", None, None)),
    # A surname that is a title word; a note in brackets; a slashed title.
    ("08VILNIUS657", "CDA Ann R. Leader for reasons 1.4 (b) and (d)", ("Ann R. Leader", "CDA", None, None)),
    ("09VIENNA912", "Political Counselor Ann Lee (acting) for reasons 1.4 (b).",
     ("Ann Lee", "Political Counselor", None, None)),
    ("09STATE100988", "U/S Ann Lee (G). Reason: 1.4 (b) and (d)", ("Ann Lee", "U/S", None, None)),
    ("10STATE17307", "NEA A/S Ann Lee for reasons 1.4(b,d)", ("Ann Lee", "NEA A/S", None, None)),
    ("07PARIS4722", "Political Minister-Counselor Ann Lee for reasons 1.4 b and d.",
     ("Ann Lee", "Political Minister-Counselor", None, None)),
    ("06TAIPEI2921", "AIT Director Ann M. Lee. Reason(s): 1.4 (B/D)", ("Ann M. Lee", "AIT Director", None, None)),
    # A surname a wrap broke.
    ("09BAGHDAD2744", "Economic Counselor Ann Smit h for reasons 1.4 b and d",
     ("Ann Smith", "Economic Counselor", None, None)),
    ("09PARIS848", "Acting Counselor for Political Affairs Ann Y oung, 1.4 (b/d).",
     ("Ann Young", "Acting Counselor for Political Affairs", None, None)),
    # Guard, right before: a title and no name.
    ("09SANSALVADOR708 guard", "Charge d'Affaires, for reasons 1.4 (b) and (d)",
     (None, "Charge d'Affaires", None, None)),
]


@pytest.mark.parametrize(("cable", "value", "expected"), CLASSIFIED_BY, ids=[c[0] for c in CLASSIFIED_BY])
def test_classified_by(cable, value, expected):
    cb = read_classified_by(value)
    assert (cb.name, cb.title, cb.office, cb.agency) == expected
    assert cb.reasons


# A cut copy's Classified By: the word it broke off is no part of the name.
def test_classified_by_cut_off_in_its_connector():
    cb = read_classified_by("Ambassador Ann Lee f...")
    assert (cb.name, cb.title) == ("Ann Lee", "Ambassador")


# Reasons that follow Classified By with the E.O. order's number, on its line or the next, or in a block of their own:
# (cable, Classified By lines, reasons).
CLASSIFIED_BY_EO_REASONS = [
    ("05ANKARA1730", "Classified by CDA Ann Lee; E.O. 12958, reasons 1.4 (b) and (d).", ["1.4(b)", "1.4(d)"]),
    ("06TELAVIV4032", "Classified By: Charge d'Affaires Ann B. Lee. E.O. 12958 Reason 1.4 (B/D).",
     ["1.4(b)", "1.4(d)"]),
    ("04ANKARA7106", "Classified By: CDA Ann Lee; reasons: E.O. 12958 1.4 \n(a,b).", ["1.4(a)", "1.4(b)"]),
    ("06GENEVA1673", "Classified By: Political Counselor Ann Lee.  For reasons \nE.O. 12958, 1.4(b)(d).",
     ["1.4(b)", "1.4(d)"]),
    ("05SAOPAULO1158", "Classified By: ACTING CONSUL GENERAL ANN LEE. REASON: \n\nE.O. 12958, 1.4(D) ", ["1.4(d)"]),
    ("guard: the E.O. caption after Classified By", "Classified By: Ambassador Ann Lee.\nE.O. 12958: DECL: "
     "01/01/2019", []),
]


@pytest.mark.parametrize(("cable", "lines", "reasons"), CLASSIFIED_BY_EO_REASONS,
                         ids=[c[0] for c in CLASSIFIED_BY_EO_REASONS])
def test_classified_by_reasons_after_the_eo_number(cable, lines, reasons):
    c = parse("CONFIDENTIAL SOMEWHERE 000001\n\nTAGS: PREL\nSUBJECT: TEST\n\n" + lines + "\n\n1. (C) Text.\n")
    assert c.classified_by.reasons == reasons
    assert c.eo == (None if reasons else "12958")  # no E.O. caption but the guard's
    assert [p.text for p in c.paragraphs] == ["Text."]


# Classified By where the page broke its key or put something before it: (cable, preamble after TAGS, subject, name).
CLASSIFIED_BY_BROKEN = [
    ("09TRIPOLI939", "SUBJECT: TRADE FAIR OPENS CLASSIFIED\n\nBY: Ann Lee, Ambassador, Embassy Tripoli, Department of "
     "State. REASON: 1.4 (b), (d)", "TRADE FAIR OPENS", "Ann Lee"),
    ("09TRIPOLI874", "\nBY: Ann Lee, Ambassador. REASON: 1.4 (b), (d)", None, "Ann Lee"),
    ("07BUDAPEST163", "SUBJECT: TEST\n\nRef: a) somewhere 135\n\nFebruary 7\n\nClassified By: POL/C ANN LEE; REASONS "
     "1.4 (B) AND (D)", "TEST", "ANN LEE"),
    ("09CAIRO1571", "SUBJECT: TEST\n\nClassified ByMinister Counselor Ann Lee for reasons 1.4 (b) and (d).", "TEST",
     "Ann Lee"),
]


@pytest.mark.parametrize(("cable", "preamble", "subject", "name"), CLASSIFIED_BY_BROKEN,
                         ids=[c[0] for c in CLASSIFIED_BY_BROKEN])
def test_classified_by_broken(cable, preamble, subject, name):
    c = parse("CONFIDENTIAL SOMEWHERE 000001\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL\n" + preamble
              + "\n\n1. (C) Text.\n")
    assert (c.subject, c.classified_by.name if c.classified_by else None) == (subject, name)
    assert [p.text for p in c.paragraphs] == ["Text."]


# A misspelt Classified By key: (cable, line, name read).
CLASSIFIED_BY_MISSPELT = [
    ("09ASHGABAT757", "Classfied By: Charge Richard Miles, reasons 1.4 (b) and (d).", "Richard Miles"),
    ("08MANAMA492", "Classiied By: CDA Christopher Henzel for reasons 1.4 (b)and (d)", "Christopher Henzel"),
    ("06NEWDELHI27", "Classjfied By: PolCouns Geoff Pyatt for Reasons 1.4 (B, D)", "Geoff Pyatt"),
    ("08MANAMA410", "Classifed by CDA Christopher Henzel for reasons 1.4 (b) and (d).", "Christopher Henzel"),
]


@pytest.mark.parametrize(("cable", "line", "name"), CLASSIFIED_BY_MISSPELT, ids=[c[0] for c in CLASSIFIED_BY_MISSPELT])
def test_classified_by_misspelt(cable, line, name):
    c = parse("CONFIDENTIAL SOMEWHERE 000001\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL\nSUBJECT: TEST\n\n" + line
              + "\n\n1. (C) Text.\n")
    assert c.classified_by is not None and c.classified_by.name == name
    assert [p.text for p in c.paragraphs] == ["Text."]


# --- ids ---------------------------------------------------------------------------------------------------------

IDS = [
    ("07BAGHDAD620", "07BAGHDAD620"),
    ("1974ATHENS03099_b", "74ATHENS3099"),
    ("08SECTION01GF02BISHIEK21", None),
    ("7575LIBREVILLE1895", None),
    ("08ECTION01OF02MANAMA492", None),
]


@pytest.mark.parametrize(("published", "expected"), IDS, ids=[c[0] for c in IDS])
def test_normalize_id(published, expected):
    assert normalize_id(published) == expected


def test_malformed_id_rebuilt_from_header():
    text = ("VZCZCXRO9087\nPP RUEHAST\nDE RUEHEK #1021/01 2800932\nZNR UUUUU ZZH\nP 060932Z OCT 08\n"
            "FM AMEMBASSY BISHKEK\nTO RUEHC/SECSTATE WASHDC PRIORITY 1417\n\n"
            "UNCLAS SECTION 01 GF 02 BISHIEK 00Q021\n\nTAGS: PREL\nSUBJECT: X\n")
    c = parse(text, {"reference_id": "08SECTION01GF02BISHIEK21"})
    assert c.reference_id == "08BISHKEK1021"
    assert c.source["reference_id"] == "08SECTION01GF02BISHIEK21"
    assert "id-repaired" in {d.code for d in c.diagnostics}


@pytest.mark.parametrize(("route", "post"), [
    ("RUEHGB", "AMEMBASSY BAGHDAD"),       # ACP 117
    ("RUCNRAQ", "IRAQ COLLECTIVE"),        # State's collective: only the cables' own INFO lines name it
    ("RUEHC", "DEPT OF STATE WASHINGTON DC"),  # ACP 117 wins over the cables' `SECSTATE WASHDC`
])
def test_routing_indicators(route, post):
    from cablekit.resolve import routing_indicators

    assert routing_indicators()[route] == post


# --- TAGS names -------------------------------------------------------------------------------------------------------

# (cable where the code occurs, code, name)
TAG_NAMES = [
    ("07BAGHDAD620", "PREL", "External Political Relations"),       # PlusD
    ("07BAGHDAD620", "PGOV", "Internal Governmental Affairs"),      # 5 FAH-3 H-111
    ("07BAGHDAD620", "IZ", "Iraq"),                                 # geo-tags.tsv
    ("74ATHENS2959", "PINS", "Internal Security"),                  # PlusD
    ("00HARARE6677", "ECON", "Economic Conditions"),                # 5 FAH-3 H-011.1
    ("72TEHRAN1164", "MASS", "Military Assistance and Sales"),      # TAGS handbook 1974
    ("03BRASILIA1066", "ETRD", "Foreign Trade"),
    ("04BOGOTA2313", "SNAR", "Narcotics"),
    ("03THEHAGUE1453", "CASC", "Assistance to Citizens"),
    ("04DUBLIN1719", "OVIP", "Visits and Travel of Prominent Individuals and Leaders"),  # NARA CFPF FAQ
    ("05DUSHANBE1812", "KPAO", "Public Affairs Office"),
    ("00THEHAGUE1695", "NATO", "North Atlantic Treaty Organization"),
    ("04BRASILIA2863", "UNSC", "UN Security Council"),
    ("06BEIJING23571", "TSPA", "Space Activities"),
    ("05DUSHANBE1812", "KDEM", None),                               # no source names it
    ("person tag", "RICE, CONDOLEEZZA", None),
    ("person tag", "(CLINTON, HILLARY)", None),
]


@pytest.mark.parametrize(("cable", "tag", "name"), TAG_NAMES, ids=[f"{c[0]}-{c[1]}" for c in TAG_NAMES])
def test_tag_name(cable, tag, name):
    from cablekit.resolve import tag_name

    assert tag_name(tag) == name


def test_tag_names_file_parses_without_duplicates():
    from importlib import resources

    text = resources.files("cablekit").joinpath("data", "tag-names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    codes = [row[0] for row in rows]
    assert all(len(row) == 2 and row[0].strip() == row[0] and row[1].strip() for row in rows)
    assert len(codes) == len(set(codes)) and len(codes) > 100
    assert any("fam.state.gov" in line for line in text.splitlines() if line.startswith("#"))


# --- what a file must show to be read as a cable ------------------------------------------------------------------

# (case, text, read as a cable): a line must open with a cable's feature; prose that names them mid-line is no cable.
CABLE_OR_NOT = [
    ("fragment: only a TAGS line", "TAGS: PGOV PREL IZ\n", True),
    ("04DUBLIN1719 TAGS without a colon", "TAGS OVIP, ECON, EI\n", True),
    ("fragment: only a REF block", "REF: A. STATE 1234\n     B. BAGHDAD 55\n", True),
    ("04ANKARA348 re-cased", "C o n f i d e n t i a l section 01 of 04 ankara 000348\n\nText.\n", True),
    ("08TUNIS679 doubled letter", "SS E C R E T TUNIS 000679\n", True),
    ("07BAGHDAD620 markdown", "E.O. 12958: DECL: 02/14/2017\nTAGS: [PGOV](#) [PINS](#)\n", True),
    ("corpus README.md", "# A corpus\nRaw text: one file opens with a distribution block instead of a `VZCZC` header;\n"
     "TAGS are links (`PGOV`), SUBJECT: lines wrap.\n", False),
    ("corpus stats.md", "| feature | cables |\n|---|---|\n| SUBJECT: | 6556 |\n| VZCZC transmission header | 6000 |\n",
     False),
    ("corpus index.tsv", "refid\tkind\thas_vzczc_header\thas_to\n07BAGHDAD620\tprimary\tTrue\tTrue\n", False),
    ("prose", "Secretary Rice met the minister.\nConfidential sources said so.\n", False),
]


@pytest.mark.parametrize(("case", "text", "is_cable"), CABLE_OR_NOT, ids=[c[0] for c in CABLE_OR_NOT])
def test_what_is_read_as_a_cable(case, text, is_cable):
    try:
        raws = list(read_bytes(text.encode(), case))
    except SourceError as exc:
        assert not is_cable and str(exc).startswith("not a cable"), exc
    else:
        assert is_cable and len(raws) == 1
