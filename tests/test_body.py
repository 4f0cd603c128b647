"""Body: paragraphs, headings, markings, summary, comments and signers, table by table.

Snippets are written in the shape of the named cables (the real text stays in the corpus).
"""

from __future__ import annotations

import pytest

from cablekit import parse

HEAD = "UNCLAS STATE 000001\n\nE.O. 12958: N/A\nTAGS: PGOV\nSUBJECT: TEST\n\n"


def body(text: str):
    return parse(HEAD + text)


PARAGRAPH_STARTS = [
    # (cable, line, (number, marking, dissemination))
    ("07BAGHDAD620", "1. (U//REL USA, MCFI) This is a PRT cable.", (1, "U", "REL USA, MCFI")),
    ("08TRIPOLI220", "1.(C) Summary: Reports by the QDF.", (1, "C", None)),
    ("10MAPUTO80", "1. (S/NF) SUMMARY: Mozambique has been called.", (1, "S", "NF")),
    ("07STOCKHOLM1055", "1. (c) On August 28, the Ambassador raised it.", (1, "C", None)),
    ("09TRIPOLI222", "1. (C ) Summary: Secretary al-Mahmoudi opened it.", (1, "C", None)),
    ("invented (C) 1. form", "(C) 1. The minister said so.", (1, "C", None)),
    ("07SANJOSE999", "1. SUMMARY:  Taking advantage of assistance.", (1, None, None)),
    ("09CAIRO1215 text glued on", "1.(SBU)Summary: At the workshop.", (1, "SBU", None)),
    ("09ROME877 opening parenthesis lost", "1. C)Summary: Bossi grabbed it.", (1, "C", None)),
    ("09SANJOSE56 no period after the number", "1 (S) On January 26, we briefed the ministry.", (1, "S", None)),
]


@pytest.mark.parametrize(("cable", "line", "expected"), PARAGRAPH_STARTS, ids=[c[0] for c in PARAGRAPH_STARTS])
def test_paragraph_start(cable, line, expected):
    [p] = body(line + "\n").paragraphs
    assert (p.number, p.marking, p.dissemination) == expected


def test_wrapped_line_starting_with_a_year_is_not_a_paragraph():
    # 07BOGOTA1165: the site put a pilcrow before `2007.` at the start of a wrapped line.
    c = body("1. This is an action request.\n\n2. We received a request for the\nelections held in June of\n"
             "\u00b62007.\n\n3. Please advise.\n")
    assert [p.number for p in c.paragraphs] == [1, 2, 3]
    assert c.paragraphs[1].text.endswith("held in June of 2007.")


def test_damaged_numbers_are_repaired_from_the_sequence():
    # Fixture 07BAGHDAD620: a lost pilcrow left a `1` before the number.
    c = body("[1](#)1. (C) One.\n\n[1](#)2. (C) Two.\n\n13. (C) Three.\n\n14. (C) Four.\n")
    assert [p.number for p in c.paragraphs] == [1, 2, 3, 4]
    assert [d.code for d in c.diagnostics].count("paragraph-number-repaired") == 2


def test_text_runs_on_across_a_page_break_and_blank_line():
    c = body("1. (C) The extent of the influence was\n\nSTATE 00000001 002 OF 002\n\nunderstandable to all.\n")
    [p] = c.paragraphs
    assert p.text == "The extent of the influence was understandable to all."


def test_a_page_break_whose_origin_and_serial_were_redacted_is_no_heading():
    # 10BEIJING207: `XXXXXXXXXXXX  002 OF 002` between a heading and its paragraph.
    c = parse("C O N F I D E N T I A L BEIJING 000207\n\nTAGS: PGOV\nSUBJECT: X\n\n"
              "3. (C) Text.\n\nIndustry: Interference Common\n\nXXXXXXXXXXXX  002 OF 002\n\n"
              "4. (C) XXXXXXXXXXXX noted it.\n")
    assert [(p.section_heading, p.heading, p.text) for p in c.paragraphs] == [
        (None, None, "Text."), (None, "Industry: Interference Common", "XXXXXXXXXXXX noted it.")]


def test_inline_page_break_on_a_reflowed_page():
    # 08TRIPOLI220: `... no objection to a TRIPOLI 00000220 002 OF 003 visit by Emboffs`.
    c = parse("C O N F I D E N T I A L TRIPOLI 000220\n\nTAGS: PGOV\nSUBJECT: X\n\n"
              "6.(C) The family had no objection to a TRIPOLI 00000220 002 OF 003 visit by Emboffs.\n")
    assert c.paragraphs[0].text == "The family had no objection to a visit by Emboffs."


# Archival page lines on reflowed site pages: the text goes on after the marker, the page's banner stands on the line
# before or is glued to the end of the text. (cable, body, paragraph texts).
TELETYPE_PAGES = [
    ("00HARARE5461 banner glued to the text", "2. (C) AT THE SAME TIME, THEY REALIZE  CONFIDENTIAL\n"
     "PAGE 03 HARARE 05461 01 OF 02 271458Z THAT THE MDC IS GAINING.\n",
     ["AT THE SAME TIME, THEY REALIZE THAT THE MDC IS GAINING."]),
    ("00HARARE6677 a paragraph after the marker", "10. (C) THE POINT ON BOARD.\n CONFIDENTIAL\n"
     "PAGE 03 HARARE 06677 03 OF 03 291401Z 11. (C) COMMENT: FRANK.\n", ["THE POINT ON BOARD.", "COMMENT: FRANK."]),
    ("1974ATHENS03099 whole lines", "1. FIRST PART\n\nCONFIDENTIAL\n\nPAGE 02  ATHENS 03099  231541Z\n\nSECOND PART.\n",
     ["FIRST PART SECOND PART."]),
]


@pytest.mark.parametrize(("cable", "text", "expected"), TELETYPE_PAGES, ids=[c[0] for c in TELETYPE_PAGES])
def test_teletype_page_lines_are_removed(cable, text, expected):
    assert [p.text for p in body(text).paragraphs] == expected


HEADINGS = [
    ("07BAGHDAD620", "Security in Maysan\n\n3. (U) Text.\n", "Security in Maysan"),
    ("08TUNIS679", "-------\nSummary\n-------\n\n1. (S) Text.\n", "Summary"),
    ("07SANJOSE999", "The Program\n-----------\n2. Text.\n", "The Program"),
    ("07CARACAS2214 test cable", "COMMENT -------\n\n6. (SBU) Text.\n", "COMMENT"),
    ("07LAPAZ2400 spaced dashes", "- - - -\nSummary\n- - - -\n\n1. (U) Text.\n", "Summary"),
    ("08BRASILIA5 spaced dashes glued", "Mercosul - - - - -\n\n6. (C) Text.\n", "Mercosul"),
    ("06BERN141 a rule whose last dashes wrapped", "Swiss Media Push-back on the War on Terrorism\n"
     "--------------------------------------------- -\n\n11.(C) Since November.\n",
     "Swiss Media Push-back on the War on Terrorism"),
    ("09BRASILIA454 spaced dashes mark a heading in small letters", "Security for whom? - - - - - -\n\n3. (C) Text.\n",
     "Security for whom?"),
    ("08TRIPOLI220", "FATHI EL-JAHMI \"RELEASED\"\n\n2.(C) Text.\n", "FATHI EL-JAHMI \"RELEASED\""),
    ("10ABUDHABI9 marked, glued under Classified By", "(S//NF) Summary\n\n1. (S//NF) SUMMARY. On December 15.\n",
     "Summary"),
    ("10RIYADH61 marked", "(U) Taliban/Haqqani Network\n\n3. (S) Mendelsohn acknowledged it.\n",
     "Taliban/Haqqani Network"),
    ("10PARIS151 trailing off", 'BILATERAL RELATIONS ""FROZEN"" ...\n\n10. (C) Rogeau was frank.\n',
     'BILATERAL RELATIONS "FROZEN" ...'),
    ("10PARIS151 taking up the heading before", "... BUT CLOSE COUNTER-TERRORISM COOPERATION CONTINUES\n\n"
     "12. (C) Despite the problems.\n", "... BUT CLOSE COUNTER-TERRORISM COOPERATION CONTINUES"),
    ("08SANJOSE859 spaced dots", ". . . NO ONE CLEARLY IN CHARGE\n\n5. (SBU) The water sector.\n",
     ". . . NO ONE CLEARLY IN CHARGE"),
    ("06BOGOTA10958 in small letters", "...And Foreign Minister Stays\n\n7. (C) The revelations.\n",
     "...And Foreign Minister Stays"),
    ("09YAOUNDE608 opening with `End`, no quoted text's marker", "End of Gabon's Monopoly\n\n8. (C) He said.\n",
     "End of Gabon's Monopoly"),
    ("09RIYADH1557 a summary's opening named with what it also is", "Summary and introduction\n"
     "------------------------\n\n1. (SBU) Officials await your visit.\n", "Summary and introduction"),
]


@pytest.mark.parametrize(("cable", "text", "expected"), HEADINGS, ids=[c[0] for c in HEADINGS])
def test_heading(cable, text, expected):
    assert body(text).paragraphs[0].heading == expected


# (cable, text, [(number, heading, text)]): a heading glued after the last sentence of the paragraph before, on a
# reflowed line, or after it with no blank line but its rule under it.
HEADINGS_AFTER_A_SENTENCE = [
    ("10MANAMA11", "1. (SBU) It supports them. End summary. NEW BIPD LEADERSHIP -------------------\n\n"
     "2.(SBU) Ambassador met.\n", [(1, None, "It supports them. End summary."),
                                   (2, "NEW BIPD LEADERSHIP", "Ambassador met.")]),
    ("09CAIRO2356 between rules", "6. (C) It will extend the fighting. -------- Eritrea Sanctions Not the Answer "
     "--------\n\n7.(C) El Mullah said.\n", [(6, None, "It will extend the fighting."),
                                             (7, "Eritrea Sanctions Not the Answer", "El Mullah said.")]),
    ("08BRASILIA1396 a bare rule", "4. (U) It is of interest. END NOTE. ------------------ -\n\n5. (U) Then.\n",
     [(4, None, "It is of interest. END NOTE."), (5, None, "Then.")]),
    ("04THEHAGUE281 underlined, no blank line before", "3. (C) He could play a role within the EU.\n"
     "Pushing Bot on Bilateral Issues\n--------------- ---\n4. (C) Iraq first.\n",
     [(3, None, "He could play a role within the EU."), (4, "Pushing Bot on Bilateral Issues", "Iraq first.")]),
    ("a sentence with dashes in it", "3. (C) He said -- and meant it -- that it was over.\n\n4. (C) Then.\n",
     [(3, None, "He said -- and meant it -- that it was over."), (4, None, "Then.")]),
    ("09RIYADH1170 a heading trailing off after a paragraph", "8. (C) It remains concerned.\n\n"
     "COMMENT: WHAT'S GOOD FOR THE GOOSE...\n---------------\n\n9. (S) India has incentives.\n",
     [(8, None, "It remains concerned."), (9, "COMMENT: WHAT'S GOOD FOR THE GOOSE...", "India has incentives.")]),
    ("an upper-case sentence trailing off in an upper-case cable stays text", "3. (C) THE MINISTER SAID THAT\n"
     "HE WOULD CONSIDER IT...\n\n4. (C) THEN.\n",
     [(3, None, "THE MINISTER SAID THAT HE WOULD CONSIDER IT..."), (4, None, "THEN.")]),
]


@pytest.mark.parametrize(("cable", "text", "expected"), HEADINGS_AFTER_A_SENTENCE,
                         ids=[c[0] for c in HEADINGS_AFTER_A_SENTENCE])
def test_heading_after_a_sentence(cable, text, expected):
    assert [(p.number, p.heading, p.text) for p in body(text).paragraphs] == expected


# (cable, text, [(section_heading, heading)]): a section's heading closed by its rule over the paragraph's own heading
SECTION_HEADINGS = [
    ("10PARIS151 boxed in rules", "1. (C) Summary.\n\n------\nMOROCCO -- FRANCE PLANS TO HELP RABAT\n------\n\n"
     "BILATERAL RELATIONS AND REGIONALIZATION\n\n2. (C) Text.\n",
     [(None, None), ("MOROCCO -- FRANCE PLANS TO HELP RABAT", "BILATERAL RELATIONS AND REGIONALIZATION")]),
    ("05THEHAGUE2651 underlined, a blank line after", "1. (C) Text.\n\nII. U.S. MISSION OUTREACH\n-------\n\n"
     "GENERAL APPROACH\n-------\n\n2. (C) Text.\n", [(None, None), ("II. U.S. MISSION OUTREACH", "GENERAL APPROACH")]),
    ("06PARIS7424 one heading underlined line by line", "1. (C) Text.\n\nA FIFTY PERCENT CHANCE OF BEING FRANCE'S\n"
     "-------\nNEXT PRESIDENT\n-------\n2. (C) Text.\n",
     [(None, None), (None, "A FIFTY PERCENT CHANCE OF BEING FRANCE'S NEXT PRESIDENT")]),
    ("05SANJOSE2158 a table under its boxed title is text", "1. (U) End Summary.\n\n-------\nREQUESTED STATISTICS\n"
     "-------\n        2004*    Jan-Jun 2005*\n\nTotal Production    4,765    2,504\n\nTextile Production    630    268"
     "\nShare of Total Production (%)    13.2    10.7\n", [(None, None), (None, None)]),
]


@pytest.mark.parametrize(("cable", "text", "expected"), SECTION_HEADINGS, ids=[c[0] for c in SECTION_HEADINGS])
def test_section_heading_over_the_paragraph_heading(cable, text, expected):
    assert [(p.section_heading, p.heading) for p in body(text).paragraphs] == expected


# (cable, text, [(number, text)], diagnostic codes): a spreadsheet's row ends (` ,""`, `,,,,""`) read as the line
# breaks they stand for; what it lost or may have added is reported, a doubled quote after a comma stays.
SPREADSHEET_ROWS = [
    ("09STATE30927", '1.  (C/NF)  ANALYSTS APPRECIATED REFTEL, WHICH ,""PROVIDED INSIGHTS FROM AN OPERATOR ,,""IN '
     'ARGENTINA, AND ""ANALYSIS. ,"\n" ,""2.  (C/NF)  HIS COMMENTARY ,""WAS INTERESTING. ,,""CLINTON ,,"\n',
     [(1, 'ANALYSTS APPRECIATED REFTEL, WHICH PROVIDED INSIGHTS FROM AN OPERATOR IN ARGENTINA, AND "ANALYSIS.'),
      (2, "HIS COMMENTARY WAS INTERESTING.")], {"spreadsheet-quotes"}),
    ("07ASUNCION396 a row read as a formula", '7. (C) It engages ,,,,,,,""military counterparts. ,,,,,,,""personnel '
     'alike. ,,,,,,,"\n" ,,,,,,,""#NAME?,,,,,,,""affinity for them.\n',
     [(7, "It engages military counterparts. personnel alike. #NAME? affinity for them.")],
     {"spreadsheet-lost-lines"}),
    ("04THEHAGUE1915 a doubled quote after a comma", '1. (C) The fax said they were arrested on the 27th.,""when '
     'making a video of\nthe embassies of the United States and England"". LEGATT reported.\n',
     [(1, 'The fax said they were arrested on the 27th.,""when making a video of the embassies of the United States '
          'and England". LEGATT reported.')], set()),
]


@pytest.mark.parametrize(("cable", "text", "expected", "codes"), SPREADSHEET_ROWS,
                         ids=[c[0] for c in SPREADSHEET_ROWS])
def test_spreadsheet_row_ends_are_line_breaks(cable, text, expected, codes):
    c = body(text)
    assert [(p.number, p.text) for p in c.paragraphs] == expected
    assert {d.code for d in c.diagnostics} & {"spreadsheet-lost-lines", "spreadsheet-quotes"} == codes


# (cable, text, [(number, heading, section_heading, text)]): the lines that open and close a quoted text stay in it,
# and so do a quoted letter's dateline, salutation and signature
QUOTE_MARKERS = [
    ("09STATE130330 boxed in rules", "5. (S) Convey these points:\nBEGIN TALKING POINTS\n-- We understand it.\n"
     "------\nEND TALKING POINTS\n------\n------\nREPORTING REQUIREMENT\n------\n6. (U) Report results.\n",
     [(5, None, None, "Convey these points: BEGIN TALKING POINTS -- We understand it. END TALKING POINTS"),
      (6, "REPORTING REQUIREMENT", None, "Report results.")]),
    ("09QUITO122 in parentheses", "2. (SBU) Informal translation of the note:\n\n(Begin Text)\n\nThe Ministry "
     "presents its compliments.\n\n(End Text)\n\n3. (SBU) Post will reply.\n",
     [(2, None, None, "Informal translation of the note: (Begin Text) The Ministry presents its compliments. "
                      "(End Text)"), (3, None, None, "Post will reply.")]),
    ("08STATE93558 its rules glued on", "5. (S) The UK passed it in June.\n\n-------- BEGIN NONPAPER --------\n\n"
     "6. (S) -- In the spirit of cooperation.\n",
     [(5, None, None, "The UK passed it in June. BEGIN NONPAPER"),
      (6, None, None, "-- In the spirit of cooperation.")]),
    ("08STATE90980 a letter's dateline, salutation and signature", "3. (U) Begin text of the mayor's letter to the "
     "governor:\n\nLyon, 2 March 2007\n\nMister Governor:\n\nI write to confirm the points of our accord.\n\ns/s\n\n"
     "Jean Dupont\n\nEnd text.\n\n4. (U) Posts may draw on it.\n",
     [(3, None, None, "Begin text of the mayor's letter to the governor: Lyon, 2 March 2007 Mister Governor: I write "
                      "to confirm the points of our accord. s/s Jean Dupont End text."),
      (4, None, None, "Posts may draw on it.")]),
    ("09QUITO1206 a letter's head", "1. The text of the letter follows.\n\n(Begin text)\n\nLima, May 4, 2009\n\n"
     "Mrs.\n\nAnn Smith\n\nSecretary of Commerce\n\nMrs. Secretary,\n\nI thank you for your letter of April 20 and "
     "for its kind words.\n\n(End text)\n\n2. Post will reply.\n",
     [(1, None, None, "The text of the letter follows. (Begin text) Lima, May 4, 2009 Mrs. Ann Smith Secretary of "
                      "Commerce Mrs. Secretary, I thank you for your letter of April 20 and for its kind words. "
                      "(End text)"), (2, None, None, "Post will reply.")]),
    ("06SANJOSE606 a name and title before the end", "1. She answered in writing; our translation follows.\n\n"
     "Begin Translation:\n\nWe will support the proposal.\n\nAna Mora\n\nTrade Forum Coordinator\n\n"
     "End of translation\n\n2. Post will follow up.\n",
     [(1, None, None, "She answered in writing; our translation follows. Begin Translation: We will support the "
                      "proposal. Ana Mora Trade Forum Coordinator End of translation"),
      (2, None, None, "Post will follow up.")]),
]


@pytest.mark.parametrize(("cable", "text", "expected"), QUOTE_MARKERS, ids=[c[0] for c in QUOTE_MARKERS])
def test_a_quoted_text_s_markers_are_its_text_not_headings(cable, text, expected):
    assert [(p.number, p.heading, p.section_heading, p.text) for p in body(text).paragraphs] == expected


def test_heading_written_after_the_number():
    c = body("2. Afghanistan\n-------------\n(C) The minister said.\n")
    [p] = c.paragraphs
    assert (p.number, p.heading, p.marking, p.text) == (2, "Afghanistan", "C", "The minister said.")


def test_redaction_alone_is_not_a_heading():
    # 10BEIJING105: `XXXXXXXXXXXX` on its own line, then the signature.
    c = body("9. (SBU) Text ends here.\n\nXXXXXXXXXXXX\n\nHUNTSMAN\n")
    assert c.signers == ["HUNTSMAN"]
    assert c.paragraphs[-1].text == "Text ends here. XXXXXXXXXXXX"


def test_unnumbered_body_makes_each_block_a_paragraph():
    c = body("The first block of the body.\n\nThe second block, which\nwraps.\n\nHarlan\n")
    assert [(p.number, p.text) for p in c.paragraphs] == [
        (None, "The first block of the body."), (None, "The second block, which wraps.")]
    assert c.signers == ["Harlan"]


def test_marked_heading_is_no_paragraph():
    # 10ABUDHABI9: `(S//NF) Summary` on the line after Classified By made a one-word paragraph before paragraph 1.
    c = parse("SECRET ABU DHABI 000009\n\nE.O. 12958: DECL: 2035/01/07 TAGS: ECON\n\nCLASSIFIED BY: Richard Olson, "
              "Ambassador; REASON: 1.4(B), (D)\n(S//NF) Summary\n\n 1. (S//NF) SUMMARY. On December 15. END SUMMARY.\n"
              "\n 2. (S//NF) During the sessions.\n")
    assert [(p.number, p.marking, p.heading) for p in c.paragraphs] == [(1, "S", "Summary"), (2, "S", None)]
    assert c.summary == "On December 15."


def test_marked_unnumbered_paragraph():
    # 07MANAMA1031: `(U) Pol/Econ Chief delivered reftel points ...` right after REF.
    c = body("REF: STATE 151024\n\n(U) Pol/Econ Chief delivered reftel points.\n")
    # No date on this fragment: the reference is a cable whose year, and so id, cannot be known.
    assert [(r.kind, r.reference_id, r.text) for r in c.references] == [("cable", None, "STATE 151024")]
    [p] = c.paragraphs
    assert (p.number, p.marking, p.text) == (None, "U", "Pol/Econ Chief delivered reftel points.")


def test_lost_line_breaks_are_restored():
    # 08TRIPOLI666: the paragraphs stand on the Classified By line.
    c = parse("C O N F I D E N T I A L TRIPOLI 000666\n\nTAGS: PGOV\nSUBJECT: X\n\nCLASSIFIED BY: Chris Stevens, "
              "CDA, Embassy Tripoli, Department of State. REASON: 1.4 (b), (d) 1. (C) Summary: It went well. End "
              "summary. 2. (C) More text.\n")
    assert c.classified_by.reasons == ["1.4(b)", "1.4(d)"]
    assert [(p.number, p.marking) for p in c.paragraphs] == [(1, "C"), (2, "C")]
    assert c.summary == "It went well."


# (cable, what follows the reasons on the Classified By line, [(number, marking, text)], summary): the first paragraph's
# opening (`1. (C) Summary:`) lost with the line breaks, its bullets marked each
MARKED_BULLETS = [
    ("09CAIRO2133 markings that agree", "-- (C) During a meeting, the minister reviewed threats. -- (C) On Iran, he "
     "voiced concern. END SUMMARY\n\n2.(C) He began the meeting.\n",
     [(1, "C", "-- During a meeting, the minister reviewed threats. -- On Iran, he voiced concern. END SUMMARY"),
      (2, "C", "He began the meeting.")], "-- During a meeting, the minister reviewed threats. -- On Iran, he voiced "
                                          "concern."),
    ("09CAIRO2308 markings that differ", "-- (SBU) Kifaya held a protest. -- (C) The turnout was low.\n\n"
     "2.(C) Comment: It energized them.\n",
     [(1, None, "-- Kifaya held a protest. -- The turnout was low."), (2, "C", "Comment: It energized them.")],
     None),
    ("invented: the next paragraph is not 2, so no number is given", "-- (C) One thing happened. -- (C) Another "
     "thing happened.\n\n3.(C) He began the meeting.\n",
     [(None, "C", "-- One thing happened. -- Another thing happened."), (3, "C", "He began the meeting.")], None),
]


@pytest.mark.parametrize(("cable", "text", "expected", "summary"), MARKED_BULLETS, ids=[c[0] for c in MARKED_BULLETS])
def test_marked_bullets_opening_the_body_leave_their_markings(cable, text, expected, summary):
    c = parse("C O N F I D E N T I A L CAIRO 002133\n\nTAGS: PREL\nSUBJECT: X\n\nClassified By: Ambassador Margaret "
              "Scobey per 1.4 (b) and (d). " + text)
    assert [(p.number, p.marking, p.text) for p in c.paragraphs] == expected
    assert c.summary == summary
    assert "bullet-markings" in {d.code for d in c.diagnostics}
    restored = next(d.message for d in c.diagnostics if d.code == "artifacts-removed")
    assert restored.endswith("2 line breaks restored")  # a line a bullet


# (cable, text, [(number, marking, heading, text)]): marked bullets under a heading, a paragraph of their own
BULLETS_UNDER_A_HEADING = [
    ("09STOCKHOLM428 markings that agree", "8. (C) He noted the pace.\n\nA Items: Kenya and Burma\n"
     "-------------------\n\n-- (U) Kenya: There will be conclusions.\n\n-- (U) Burma: The verdict may come.\n",
     [(8, "C", None, "He noted the pace."),
      (None, "U", "A Items: Kenya and Burma", "-- Kenya: There will be conclusions. -- Burma: The verdict may come.")]),
    ("invented: markings that differ", "8. (C) He noted the pace.\n\nA Items: Kenya and Burma\n"
     "-------------------\n\n-- (U) Kenya: There will be conclusions.\n\n-- (C) Burma: The verdict may come.\n",
     [(8, "C", None, "He noted the pace."),
      (None, None, "A Items: Kenya and Burma",
       "-- Kenya: There will be conclusions. -- Burma: The verdict may come.")]),
]


@pytest.mark.parametrize(("cable", "text", "expected"), BULLETS_UNDER_A_HEADING,
                         ids=[c[0] for c in BULLETS_UNDER_A_HEADING])
def test_marked_bullets_under_a_heading_leave_their_markings(cable, text, expected):
    c = body(text)
    assert [(p.number, p.marking, p.heading, p.text) for p in c.paragraphs] == expected
    assert "bullet-markings" in {d.code for d in c.diagnostics}


GLUED_PARAGRAPHS = [
    # (cable, body on reflowed lines, (number, marking, text start) of each paragraph)
    ("03BRASILIA3459 bare number after a sentence", "1. (C) Access. 2. AGMIN is anxious. 3. Venturelli noted it.\n",
     [(1, "C", "Access."), (2, None, "AGMIN is anxious."), (3, None, "Venturelli noted it.")]),
    ("02BRASILIA4227 after a closing quote", '1. (C) One. 2. (C) "We are democratic." 3. (C) On Colombia.\n',
     [(1, "C", "One."), (2, "C", '"We are democratic."'), (3, "C", "On Colombia.")]),
    ("05BRASILIA2676 after a word", "1. (U) Participants: Chief of Staff Padilla 2. (U) The party cleared it.\n",
     [(1, "U", "Participants: Chief of Staff Padilla"), (2, "U", "The party cleared it.")]),
    ("08TRIPOLI467 after a heading's word", "1. (C) End summary. BOUFAYED RELEASED  2. (C) Human Rights Watch.\n",
     [(1, "C", "End summary. BOUFAYED RELEASED"), (2, "C", "Human Rights Watch.")]),
    ("09CAIRO1046 tight after a sentence", "1. (U) Please handle accordingly. 2.(SBU): The Ministry announced.\n",
     [(1, "U", "Please handle accordingly."), (2, "SBU", ": The Ministry announced.")]),
    ("not the next number", "1. (C) It fell in 2005. 9. Then it rose.\n",
     [(1, "C", "It fell in 2005. 9. Then it rose.")]),
    ("09LAPAZ1784 a number repeated", "1. 1. Summary and comment: officials spoke.\n",
     [(1, None, "1. Summary and comment: officials spoke.")]),
    ("03THEHAGUE1865 marking before the number", "(C) 1. In a visit, he met them.\n\n(C) 2. He spoke.\n",
     [(1, "C", "In a visit, he met them."), (2, "C", "He spoke.")]),
    ("05PARIS4760 a doubled period", "1. (C) One.\n\n2. (C) Two.\n\n3.. (SBU) All elections.\n",
     [(1, "C", "One."), (2, "C", "Two."), (3, None, ". (SBU) All elections.")]),
    ("09ABUJA203 a list label", "1. (C) Procedures. B 1. (C) MEDICATIONS: none.\n",
     [(1, "C", "Procedures. B 1. (C) MEDICATIONS: none.")]),
    ("08BUENOSAIRES858 a heading's rule before the number", "Summary \n-------- 1.  Ambassador visited the Center.\n"
     "\n2. Following up.\n", [(1, None, "Ambassador visited the Center."), (2, None, "Following up.")]),
    ("04BRUSSELS4944 a heading and its rule before the number", "1. (U) PolOffs delivered points.\n\nCHINA ----- "
     "2. (C) The Commission commented.\n", [(1, "U", "PolOffs delivered points."), (2, "C", "The Commission")]),
    ("06BRASILIA2582 a list after a colon", "1. THE DELEGATION IS AS FOLLOWS: 1. A/S Claudia McMurray 2. Larry "
     "Sperling.\n\n2. VISITORS ARE REMINDED.\n",
     [(1, None, "THE DELEGATION IS AS FOLLOWS: 1. A/S Claudia McMurray 2. Larry Sperling."),
      (2, None, "VISITORS ARE REMINDED.")]),
    ("08TRIPOLI642 an ellipsis after a heading", "1. (C) Summary: ships. End summary.\n\n2. (C) Econoff met him "
     "(Ref C).  SHIPPER ON THE RISE ...  3. (C)  The firm was founded in 2000.\n",
     [(1, "C", "Summary: ships."), (2, "C", "Econoff met him (Ref C). SHIPPER ON THE RISE ..."),
      (3, "C", "The firm was founded in 2000.")]),
    ("08BERLIN1108 a rule whose last dash the wrapping set apart", "1. (SBU) The court ruled.\n\n-------------- - "
     "Security Force (ISAF) -------------- - 2. (SBU) The army has troops there.\n",
     [(1, "SBU", "The court ruled."), (2, "SBU", "The army has troops there.")]),
    ("06BUENOSAIRES118 a rule whose last dashes the wrapping set apart", "1. (C) Prices rose. ---------- -- 2. (C) "
     "The Ambassador observed it.\n", [(1, "C", "Prices rose."), (2, "C", "The Ambassador observed it.")]),
    ("08YEREVAN653 a `>` ending the summary", "1. (C) SUMMARY: Officials are upset. END SUMMARY> 2. (C) AN "
     "ATTEMPT AT BALANCE: They called.\n",
     [(1, "C", "SUMMARY: Officials are upset. END SUMMARY>"), (2, "C", "AN ATTEMPT AT BALANCE: They called.")]),
    ("08TRIPOLI430 a redaction in lower case after the marking", "1. (C) Derna is quiet. PRIDE IN THE TOWN  2. (C) "
     "xxxxxxxxxxxx attributed the flow to pride.\n",
     [(1, "C", "Derna is quiet. PRIDE IN THE TOWN"), (2, "C", "xxxxxxxxxxxx attributed the flow to pride.")]),
    ("08MANAMA288 a number without its period after a sentence", "1. (C) The envoy met Haddad.\n\n2. (C) They "
     "discussed the event. 3 (C) Turning to Kosovo, he spoke.\n",
     [(1, "C", "The envoy met Haddad."), (2, "C", "They discussed the event."), (3, "C", "Turning to Kosovo")]),
    ("10MADRID49 a heading's rule before a number without its period", "1. (C) They spoke.\n\nHaiti ----- 2 (C) The "
     "Ambassador briefed him.\n", [(1, "C", "They spoke."), (2, "C", "The Ambassador briefed him.")]),
    ("10BRUSSELS128 a skipped number on a reflowed line", "1. (C) Summary: talks.\n\n2. (C) The presidency is "
     "paralyzed. 4. (C) Regarding the summit, he was firm. 5. (C) The Ambassador assured him.\n",
     [(1, "C", "Summary: talks."), (2, "C", "The presidency is paralyzed."), (4, "C", "Regarding the summit"),
      (5, "C", "The Ambassador assured him.")]),
    ("guard: two numbers skipped on a reflowed line", "1. (C) It fell. 4. (C) Then it rose.\n",
     [(1, "C", "It fell. 4. (C) Then it rose.")]),
    ("guard: a number without its period after a word", "1. (C) He cited Annex 2 (C) Officials agreed.\n",
     [(1, "C", "He cited Annex 2 (C) Officials agreed.")]),
    ("guard: a number without its period that is not next", "1. (C) It fell. 7 (C) Then it rose.\n",
     [(1, "C", "It fell. 7 (C) Then it rose.")]),
]


@pytest.mark.parametrize(("cable", "text", "expected"), GLUED_PARAGRAPHS, ids=[c[0] for c in GLUED_PARAGRAPHS])
def test_paragraphs_glued_on_one_line_are_split_where_the_number_is_next(cable, text, expected):
    c = body(text)
    assert [(p.number, p.marking, p.text[:len(e[2])]) for p, e in zip(c.paragraphs, expected, strict=False)] == expected
    assert len(c.paragraphs) == len(expected)


def test_a_heading_glued_before_its_rule_and_number_heads_the_paragraph():
    # 08BUENOSAIRES858 `Summary` / `-------- 1.  Ambassador`, 04BRUSSELS4944 `CHINA ----- 3. (C) The Commission`.
    c = body("Summary \n-------- 1.  Ambassador visited.\n\nCHINA ----- 2. (C) The Commission commented.\n")
    assert [(p.number, p.heading) for p in c.paragraphs] == [(1, "Summary"), (2, "CHINA")]
    assert c.summary == "Ambassador visited."


CITED_PARAGRAPHS = [
    # (cable, body where the site made a paragraph of a cited paragraph's number, paragraphs, summary)
    ("09CAIRO1727 alone, before a lower number", "1.(SBU) This is an action message. See para.\n\n3. \n2. (C) Reftel "
     "describes the proposal.\n\n3. (SBU) Action Requested: guidance.\n",
     [(1, "SBU", "This is an action message. See para. 3."), (2, "C", "Reftel describes the proposal."),
      (3, "SBU", "Action Requested: guidance.")], None),
    ("08LONDON2185 before the summary's end", "1. (U) This is an action request.\n\n2. (C) Summary. The UK has "
     "questions. These are set forth in paragraph\n\n4. End Summary.\n\n3. (C) Martin Gillen said so.\n",
     [(1, "U", "This is an action request."), (2, "C", "Summary. The UK has questions. These are set forth in "
      "paragraph 4. End Summary."), (3, "C", "Martin Gillen said so.")],
     "The UK has questions. These are set forth in paragraph 4."),
    ("a number after 'paragraph' that starts the next one", "1. (C) As the next paragraph\n\n2. (C) says, it "
     "rained.\n", [(1, "C", "As the next paragraph"), (2, "C", "says, it rained.")], None),
]


@pytest.mark.parametrize(("cable", "text", "paragraphs", "summary"), CITED_PARAGRAPHS,
                         ids=[c[0] for c in CITED_PARAGRAPHS])
def test_a_cited_paragraph_s_number_is_no_paragraph(cable, text, paragraphs, summary):
    c = body(text)
    assert [(p.number, p.marking, p.text) for p in c.paragraphs] == paragraphs
    assert c.summary == summary
    assert ("paragraph-number-in-text" in {d.code for d in c.diagnostics}) == (not cable.startswith("a number"))


def test_a_later_part_of_a_cable_sent_in_parts_opens_at_its_own_number():
    # 09LONDON2617: `NOTE: ... PARAGRAPH NUMBERS REFLECT FULL CABLE LENGTH.` then paragraphs 74 to 82.
    c = body("74. (SBU) Under Secretary Tauscher was grateful.\n\n75. (SBU) Leslie (UK) agreed.\n")
    assert [(p.number, p.marking) for p in c.paragraphs] == [(74, "SBU"), (75, "SBU")]
    alone = body("74. (SBU) A number this high with no paragraph after it.\n")
    assert [p.number for p in alone.paragraphs] == [None]  # a stray number, as before: nothing confirms it


def test_a_stray_number_before_the_same_number_is_no_paragraph():
    # 10BRASILIA51 ends its Classified By line with `1. (C)`; the first paragraph follows with the same number.
    c = body("CLASSIFIED BY: Thomas Shannon, Ambassador; REASON: 1.4(D) 1. (C) \n\n1. (C) During the call.\n")
    assert [(p.number, p.text) for p in c.paragraphs] == [(1, "During the call.")]
    assert c.classified_by.text == "Thomas Shannon, Ambassador; REASON: 1.4(D)"


SUMMARIES = [
    ("08TRIPOLI220", "1.(C) Summary: It went well. End summary.\n\n2.(C) Then.\n", "It went well."),
    ("07BAGHDAD620", "Summary\n\n2. (C) It went well.\nEnd Summary.\n\n3. (C) Then.\n", "It went well."),
    ("72TEHRAN1164", "BEGIN SUMMARY\n\nGENERAL AZIMI, MINISTER OF WAR, ASKS THAT WE LOOK AGAIN.\n\nEND SUMMARY\n\n"
     "1. ON FEB 24 CHARGE WAS CONVOKED.\n", "GENERAL AZIMI, MINISTER OF WAR, ASKS THAT WE LOOK AGAIN."),
    ("07TRIPOLI1066", "1. (S) During a meeting he spoke. End summary.\n\n2. (S) Then.\n", "During a meeting he spoke."),
    ("07STATE18578", "SUMMARY AND ACTION REQUEST\n-----\n\n2. (SBU) Please act.\n\nBACKGROUND\n\n3. Then.\n",
     "Please act."),
    ("09BAGHDAD3187 test cable", "1. (C) Summary: One.\n-- a bullet.\nEnd Summary.\n\n2. (C) Two.\n",
     "One. -- a bullet."),
    ("09STATE131801 a Summary heading over the paragraph before", "Summary\n\n1. This is an action request cable.\n\n"
     "2. Summary: In August 2009, he went.\n\n3. Then.\n", "In August 2009, he went."),
    ("06MEXICO6085 summary continued", "Summary\n\n1. (U) The first part.\n\n2. (U) Summary continued: The rest.\n\n"
     "Background\n\n3. (U) Then.\n", "The first part. Summary continued: The rest."),
    ("04BRASILIA784", "1. (SBU) Introduction and Summary. Unlike last year, it went well.\n\n2. (SBU) Then.\n",
     "Unlike last year, it went well."),
    ("10MILAN21 the opening alone in its paragraph", "1. SUMMARY:\n(SBU) Heading into the elections, all is calm.\n\n"
     "Elections\n\n2. (SBU) Then.\n", "Heading into the elections, all is calm."),
    ("05ISTANBUL329 summary and comment", "1. (C) Summary and comment: In recent meetings, they agreed. End summary "
     "and comment.\n\n2. (C) Then.\n", "In recent meetings, they agreed."),
    ("06ROME439 summary and action request", "1. (C) SUMMARY AND ACTION REQUEST: On February 6, he wrote. END "
     "SUMMARY.\n\n2. (C) Then.\n", "On February 6, he wrote."),
    ("Summary, comment and recommendation", "1. (S) Summary, Comment and Recommendation: Act now. End Summary.\n\n"
     "2. (S) Then.\n", "Act now."),
    ("Summary/Background", "1. (U) Summary/Background: The law passed. End Summary.\n\n2. (U) Then.\n",
     "The law passed."),
    ("a summary's words run on", "1. (U) Summary and comments on the law follow. End Summary.\n\n2. (U) Then.\n",
     "and comments on the law follow."),
    ("06BOGOTA1970 the word in parentheses, then a colon", "1. (C) (SUMMARY): Post has found the aircraft.\n\n"
     "HISTORY\n\n2. (C) Then.\n", "Post has found the aircraft."),
    ("09NEWDELHI1139 the word in parentheses", "1. (S/NF) (Summary) The committee met on 3 June.\n\n"
     "2. (S/NF) Then.\n", "The committee met on 3 June."),
    ("05SANJOSE2726 the word and a comma", "1. Summary, Post convened a meeting on November 18.\n\n"
     "General Situation\n\n2. Then.\n", "Post convened a meeting on November 18."),
    ("09KUALALUMPUR1013 two companions in a list", "1.(C) SUMMARY, COMMENT, AND ACTION REQUEST: On December 19, "
     "the press reported a theft.\n\n2.(C) Then.\n", "On December 19, the press reported a theft."),
    ("10KUWAIT45 summary and key points", "1. (C) Summary and Key Points. During talks on January 13, he spoke. "
     "End Summary and Key Points.\n\n2. (C) Then.\n", "During talks on January 13, he spoke."),
    ("09RIYADH1557 an underlined heading", "Summary and introduction\n------------------------\n\n"
     "1. (SBU) Officials await your visit.\n\n2. (SBU) They feel pressed.\n\nSchedule\n\n3. (SBU) Then.\n",
     "Officials await your visit. They feel pressed."),
]


@pytest.mark.parametrize(("cable", "text", "expected"), SUMMARIES, ids=[c[0] for c in SUMMARIES])
def test_summary(cable, text, expected):
    assert body(text).summary == expected


# (cable, text, heading, summary): `End Summary` written before the heading of the paragraph after the summary, on the
# heading's line, closes the summary; the heading is the rest.
SUMMARY_ENDS_BEFORE_A_HEADING = [
    ("07LONDON3923 on the heading's line", "1. (C) Summary. They lack confidence.\n\n2. (C) He wants talks.\n\n"
     "End Summary.  Iranians Prefer Meetings ------------\n\n3. (C) He spoke alone.\n", "Iranians Prefer Meetings",
     "They lack confidence. He wants talks."),
    ("08USNATO276 glued to the summary on a reflowed line", "1. (C) SUMMARY: Allies struggled to respond. END SUMMARY "
     "Emergency Idea Floated, but Rejected ---------- \n\n2. (C) On August 8, they called.\n",
     "Emergency Idea Floated, but Rejected", "Allies struggled to respond."),
    ("09BISHKEK700 in capitals, the number right under its rule", "1. (C) SUMMARY: The elite gathered. END SUMMARY AN "
     "OFFER YOU CAN'T REFUSE ----------\n2. (C) They came to the lake.\n", "AN OFFER YOU CAN'T REFUSE",
     "The elite gathered."),
]


@pytest.mark.parametrize(("cable", "text", "heading", "summary"), SUMMARY_ENDS_BEFORE_A_HEADING,
                         ids=[c[0] for c in SUMMARY_ENDS_BEFORE_A_HEADING])
def test_summary_end_before_a_heading_closes_the_summary(cable, text, heading, summary):
    record = body(text)
    assert (record.paragraphs[-1].heading, record.summary) == (heading, summary)


COMMENTS = [
    ("07BAGHDAD620 inline", "1. (C) Text. (Comment: Not convinced. End comment.) More.\n", ["Not convinced."]),
    ("09MOSCOW2771 test cable", "7. (C) Comment: A setback.\nEnd Comment.\n", ["A setback."]),
    ("07BAGHDAD620 section", "Comment\n\n17. (C) The Governor was focused.\n\nIt will stay. End comment.\n\nX\n",
     ["The Governor was focused. It will stay."]),
    ("06SAOPAULO30 a titled comment heading", "Comment: PMDB As Power Broker?\n\n10. (C) For now, it waits.\n",
     ["For now, it waits."]),
    ("04BOGOTA8900 comment and action request", "COMMENT AND ACTION REQUEST\n\n8. (C) The fate is uncertain.\n",
     ["The fate is uncertain."]),
    ("06MEXICO4238 the heading's word again in the text", "Comment: AMLO Ups the Ante\n\n9. (C) Comment: In going "
     "beyond rallies, he escalates.\n", ["In going beyond rallies, he escalates."]),
    ("07MADRID2282 an embassy comment", "4. (C) Text. (Embassy comment: We work closely. End Comment.)\n",
     ["We work closely."]),
    ("09TRIPOLI371 comment and bio note", "5.(C) Comment and bio note: He has been Secretary since 2006.\n",
     ["He has been Secretary since 2006."]),
    ("09BELGRADE399 the heading word after a sentence, no blank line", "5. (C) It appealed the acquittals.\nComment\n"
     "-------\n6. (C) The approach differs. End Comment.\n", ["The approach differs."]),
    ("08MANAMA236 after a rule on a reflowed line", "8. (C) A fair investigation. ------- COMMENT -------\n\n"
     "9.(C) Given the violence, it will go on.\n", ["Given the violence, it will go on."]),
    ("commented is no comment heading", "Commentators Weigh In\n\n3. (C) They did.\n", []),
    ("note is no comment", "1. (C) Text. (Note: a note. End Note.)\n", []),
    ("no comment", "1. (C) He had no comment. Then.\n", []),
    # 06HAVANA8633: a comment section closed by its own marker line, then a paragraph with an inline comment (the
    # paragraph after a section was skipped, and its comment lost).
    ("08BAKU761 heading glued to the paragraph before", "6. (C) Losses are economic. Comment ------\n"
     "7. (C) SOCAR seems concerned.\n", ["SOCAR seems concerned."]),
    ("09THEHAGUE264 heading glued, the section opens with its own", "6. (C) Not worth a crisis. Comment:\n"
     "7. (C) COMMENT: The debate is politics. END COMMENT.\n", ["The debate is politics."]),
    ("06HAVANA8633 section then inline", "2. (C) Comment: A key figure.\nEnd Comment.\n\n"
     "3. (C) He met them (Comment: his sway is large.\nEnd Comment.)\n", ["A key figure.", "his sway is large."]),
    ("10MADRID86 an inline comment closed by its parenthesis", "3. (SBU) On the second (comment: and hardest) point, "
     "they disagreed. The rest went well.\n", ["and hardest"]),
    ("06KINSHASA1410 closed by its parenthesis before a full stop", "4. (SBU) The fence is low (comment: a weak point "
     "for the site). Officials came:\n-- Dr. One\n-- Dr. Two\n", ["a weak point for the site"]),
    ("09BEIJING728 a second inline comment after the first closed", "5. (C) Not all were paid (in full). (Comment: A "
     "rule. Some held out). Then he spoke. (Comment: They lost much.)\n", ["A rule. Some held out", "They lost much."]),
    # Guards, as before: an `End Comment` that closes the parenthesis closes the comment, over an enumerator's `)`
    # (09MONTERREY318) and a dash a page turned into `)` (09SANAA1669).
    ("09MONTERREY318 guard: an enumerator inside", "5. (SBU) He was not helped. (Comment: It was likely, given that: "
     "1) it was near and 2) she knew them. End comment.)\n",
     ["It was likely, given that: 1) it was near and 2) she knew them."]),
    ("09SANAA1669 guard: dashes turned into `)`", "2. (S) He will take them. (COMMENT. They would stay for weeks "
     "before pressure ) or courts ) freed them.\nEND COMMENT.)  He urged more.\n",
     ["They would stay for weeks before pressure ) or courts -- freed them."]),
]


def test_a_marker_line_that_closes_a_parenthesis_stays_in_the_text():
    # 02ROME3639: `End Comment.)` on a line of its own closes the `(COMMENT:` the paragraph opened.
    [p] = body("8. (C) The party will grow. (COMMENT: MAYBE. WE\nWOULD AGREE.\nEND COMMENT.)\n").paragraphs
    assert p.text == "The party will grow. (COMMENT: MAYBE. WE WOULD AGREE. END COMMENT.)"


@pytest.mark.parametrize(("cable", "text", "expected"), COMMENTS, ids=[c[0] for c in COMMENTS])
def test_comments(cable, text, expected):
    assert body(text).comments == expected


SIGNERS = [
    ("07BAGHDAD620", "1. (C) Text. End comment.\n\nKHALILZAD\n", ["KHALILZAD"]),
    ("08MOSCOW (title case)", "1. (C) Text.\n\nBeyrle\n", ["Beyrle"]),
    ("VAN VOORST", "1. (C) Text.\nVAN VOORST\n", ["VAN VOORST"]),
    ("van Voorst", "1. (C) Text.\nvan Voorst\n", ["van Voorst"]),
    ("04ANKARA348 glued", "1. (C) A Turkey integrated into Europe. Edelman\n", ["Edelman"]),
    ("08LONDON2107 glued caps", "4. (SBU) The evacuees return. TUTTLE\n", ["TUTTLE"]),
    ("09BAKU20 a two-letter name glued", "9. (C) Both sides are well satisfied with the state of affairs. LU\n",
     ["LU"]),
    ("09PRETORIA954 a two-letter word first", "8. (C) It rings true for South Africa in 2009. LA LIME\n", ["LA LIME"]),
    ("09STATE49854 a spreadsheet's doubled quote before it", '2. (S/NF) Many thanks, and regards from Washington. '
     '""CLINTON ,"\n', ["CLINTON"]),
    ("two capitals in a sentence are no name", "8. (C) They met at the UN. They spoke of the US\n", []),
    ("07TRIPOLI1055 stamp", "1. (C) Text.\nSTEVENS 0 12/23/2007\n", ["STEVENS"]),
    ("06BANGKOK5811 doubled", "1. (C) Text.\nBOYCE BOYCE\n", ["BOYCE"]),
    ("08MANAMA795 trailer", "1. (C) Text.\nHENZEL NNNN End Cable Text\n", ["HENZEL"]),
    ("05TELAVIV1580 banner", "1. (C) Text.\n****************** Visit Embassy Tel Aviv's Classified Website: "
     "XXXXXXXXXXXX ****************** KURTZER\n", ["KURTZER"]),
    ("05TELAVIV45 lower case", "1. (C) Text.\nkurtzer\n", ["kurtzer"]),
    ("08MEXICO1082 written twice, glued and alone", "15. (SBU) Let me know what we can do.  GARZA\n\n"
     "Visit Mexico City's Classified Web Site at\nhttp://www.state.sgov.gov/p/wha/mexicocity\nGARZA\n", ["GARZA"]),
    ("08STATE86156 glued caps after a paragraph in mixed case", "21. (U) Mission staff held a meeting.\n\n"
     "22. (U) MINIMIZE CONSIDERED. RICE\n", ["RICE"]),
    ("06KIEV1531 after a blanked website line", "1. (C) Text.\n\n2. (U) Visit Embassy Kiev's classified website at: "
     "www.state.sgov.gov/p/eur/kiev.\nHerbst\n", ["Herbst"]),
    ("09LAPAZ1784 after a bare number", "1. (C) Text.\n\n2.\nCreamer\n", ["Creamer"]),
    ("09SANJOSE147 after a heading", "1. (C) Text.\n\nEND TEXT OF DRAFT LETTER\n\nCIANCHETTE\n", ["CIANCHETTE"]),
    ("09BAMAKO776 written twice", "1. (C) Text.\n\nMILOVANOVIC\n\nMILOVANOVIC\n", ["MILOVANOVIC"]),
    ("10BUENOSAIRES81 glued after a wrap", "1. (C) A view to the next election in\n2015. MARTINEZ\n", ["MARTINEZ"]),
    ("08LONDON2765 after a wrapped address", "1. (C) Text.\nVisit London's Classified Website: http://www.intelink."
     "sgov.gov/wiki/Portal:Unit\ned_Kingdom\nLeBaron\n", ["LeBaron"]),
    ("07SANJOSE1768 a line each, twice", "10. (C) Relations will remain cool and correct.\n\nLANGDALE\nLANGDALE\n",
     ["LANGDALE"]),
    ("06SAOPAULO623 with a full stop", "10. (U) This cable was coordinated.\n\nMCMULLEN.\n", ["MCMULLEN"]),
    ("07IRANRPODUBAI23 after a curly quote", "13. (U) It said: \u201cin fighting against terrorism.\u201d BURNS\n",
     ["BURNS"]),
    ("09CAIRO171 after END TEXT", "2. (U) Begin text: Sincerely, the President. END TEXT SCOBEY\n", ["SCOBEY"]),
    ("08NEWDELHI882 after END COMMENT", "9. (C) Comment: Support decides it. END COMMENT MULFORD\n", ["MULFORD"]),
    ("10CAIRO113 after MINIMIZE CONSIDERED", "5. (U) Thanks. MINIMIZE CONSIDERED SCOBEY\n", ["SCOBEY"]),
    ("08STATE122827 after END TEXT on its line", "1. (U) Text follows.\nThe Council will follow it.\nEND TEXT\nRICE\n",
     ["RICE"]),
    ("09CAIRO1220 after a list's last name", "3. (C) Present: Advisor for Iranian Affairs Ahmed Megahed SCOBEY\n",
     ["SCOBEY"]),
    ("09TRIPOLI632 after a letter's date", "2. (U) Begin text: ... Cooperation. July 30, 2009 CRETZ\n", ["CRETZ"]),
    ("08LONDON1224 a redaction is no name", "4. (C) Issues from General Wall, joined by XXXXXXXXXXXX\n", []),
    ("an acronym after an upper-case word", "4. (C) Posts of the EUROPEAN POLITICAL COLLECTIVE\n", []),
    ("09TRIPOLI321 glued with a full stop", "7. (C) He would inform us of the decision. STEVENS.\n", ["STEVENS"]),
    ("08MANAMA528 glued to the full stop", "9. (C) A robust presence in the Gulf.HENZEL\n", ["HENZEL"]),
    ("06MOSCOW3335 a date after it", "8. (C) It will not get better in the period ahead. BURNS\t2006-03-31\n",
     ["BURNS"]),
    ("06SANJOSE1162 END COMMENT is no name", "5. (C) Comment: He wants to work with the U.S. END COMMENT\n", []),
    ("10BEIJING183 a name with a full stop is the last line", "3. (C) A new policy on\n\nChina.\n\nHUNTSMAN\n",
     ["HUNTSMAN"]),
    ("08LONDON1577 a redaction before the name", "5. (C) It serves a larger purpose. XXXXXXXXXXXX TUTTLE\n",
     ["TUTTLE"]),
    ("09CAIRO2111 a redaction alone", "6. (C) The lack of will to enact reforms. XXXXXXXXXXXX\n", []),
    ("10BRASILIA108 doubled in two cases", "9. (C) Text.\n\nEND COMMENT.\n\nSHANNON Shannon\n", ["SHANNON"]),
    ("08CANBERRA4 one letter", "13. (U) Cleared by Under Secretary Burns.\n\n Y \"\n", []),
    ("09STATE127892 UNQUOTE", "1. (U) Begin text: ... wherever they may come from.\"\nCLINTON UNQUOTE CLINTON\n", []),
    ("the same sentence twice", "1. (C) We met.\nThe talks went well.\nThe talks went well.\n", []),
    ("upper-case word with a full stop in a wrapped sentence", "1. (C) We discussed relations with\nCHINA.\n", []),
    ("09LONDON1702 after an address broken on its line", "1. (C) Text.\nVisit London's Classified Website: "
     "http://www.intelink.sgov.gov/wiki/Portal:Unit ed_Kingdom\nLeBaron\n", ["LeBaron"]),
    ("a number with its text", "1. (C) Text.\n\n2. Concur\n", []),
    ("all capitals", "1. (C) THE VIEW TO THE NEXT ELECTION IN\n2015. MARTINEZ\n", []),
    ("wrapped last word", "1. (C) We discussed relations with\nChina.\n", []),
    ("End Comment split", "1. (C) Comment: Text. End\nComment.\n", []),
]


@pytest.mark.parametrize(("cable", "text", "expected"), SIGNERS, ids=[c[0] for c in SIGNERS])
def test_signers(cable, text, expected):
    c = body(text)
    assert c.signers == expected
    assert all(s not in p.text for s in c.signers for p in c.paragraphs)


# The archive's footer after the text (`2001VATICA03507 - Classification: CONFIDENTIAL`) is a rendering artifact: it
# leaves, counted, and the name before it is the signer. (cable, body, last paragraph's text, signers).
ARCHIVE_TRAILERS = [
    ("04CARACAS2200 no `Classification:`", "7. (C) HE FAILS TO CARRY OUT HIS PLANS.\nMORALES\n\nNNNN\n"
     "2004CARACA01234 - CONFIDENTIAL", "HE FAILS TO CARRY OUT HIS PLANS.", ["MORALES"]),
    ("05ROME1593 after NNNN on its line", "6. (U) Baghdad minimize considered.\nDUNSTAN\nNNNN  2005ROME01234 - "
     "Classification: SECRET", "Baghdad minimize considered.", ["DUNSTAN"]),
    ("03ROME2045 broken by a TSV column", "18. (C) PATIENCE HELPS. END COMMENT.\nDUNSTAN\n \n CONFIDENTIAL\n \n>\n "
     '2003ROME01234 - Clas"\t"sification: CONFIDENTIAL \n\n"', "PATIENCE HELPS. END COMMENT.", ["DUNSTAN"]),
    ("06ROME439 its id cut off", '11. (U) We hope to help.\nEND PROPOSED TEXT.\nDUNSTAN\n"\tClassification: '
     'UNCLASSIFIED \n\n"', "We hope to help. END PROPOSED TEXT.", ["DUNSTAN"]),
    ("00HANOI686 after the page's banner", "27. (C) THE END OF THE ERA. END COMMENT.\nBAKER\n \n  CONFIDENTIAL\n \n>\n"
     " \n 2000HANOI01234 - CONFIDENTIAL", "THE END OF THE ERA. END COMMENT.", ["BAKER"]),
]


@pytest.mark.parametrize(("cable", "text", "last", "signers"), ARCHIVE_TRAILERS, ids=[c[0] for c in ARCHIVE_TRAILERS])
def test_the_archive_s_trailer_leaves_and_the_signer_is_read(cable, text, last, signers):
    c = body(text)
    assert (c.paragraphs[-1].text, c.signers) == (last, signers)
    assert any("1 archive trailers" in d.message for d in c.diagnostics if d.code == "artifacts-removed")


def test_a_classification_named_in_the_text_stays():
    # Guard (passes before the fix too): `Classification:` not at the text's end is the author's.
    c = body("1. (U) Classification: UNCLASSIFIED\n\n2. (U) The rules follow.\n")
    assert c.paragraphs[0].text == "Classification: UNCLASSIFIED"


# A transmission header the page repeats after the signature, cut off before its text, is an artifact: it leaves,
# counted, and the name above it is the signer, not a heading. (cable, text after the header, last paragraph's text,
# signers). Only the cable's own header may stand before it.
TRANSMISSION = "VZCZCXRO1111\nRR RUEHAG RUEHDF\nDE RUEHFR #1234/01 2071647\nZNR UUUUU ZZH\nR 261647Z JUL 07\n" \
    "FM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC 9164\n"
HEADERS_AFTER_THE_TEXT = [
    ("07PARIS3193", "6. (SBU) Comment: success is not assured.\n\nMERCIER \n\nVZCZCXRO2222\nRR RUEHAG RUEHDF\n"
     "DE RUEHFR #1234/01 2071647\nZNR UUUUU ZZH\nR 261647Z JUL 07\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC 9164\n"
     "RUCPDOC/DEPARTMENT OF COMMERCE WASHDC\nRUCNMEM/EU MEMBER STATES", "Comment: success is not assured.",
     ["MERCIER"]),
    ("08PARIS1855 a placeholder header, blank lines in it", "6. (C) Comment: they will win.\n\nMERCIER\n\n"
     "VZCZCXYZ0001\nOO RUEHWEB\n\nDE RUEHFR #1234/01 2821011\nZNY SSSSS ZZH\nO 081011Z OCT 08\nFM AMEMBASSY PARIS\n"
     "TO RUEHC/SECSTATE WASHDC IMMEDIATE 4448\nINFO RUEHLB/AMEMBASSY BEIRUT PRIORITY 0597\n"
     "RHEHNSC/NSC WASHINGTON DC PRIORITY", "Comment: they will win.", ["MERCIER"]),
]


@pytest.mark.parametrize(("cable", "text", "last", "signers"), HEADERS_AFTER_THE_TEXT,
                         ids=[c[0] for c in HEADERS_AFTER_THE_TEXT])
def test_a_header_repeated_after_the_signature_leaves(cable, text, last, signers):
    c = parse(TRANSMISSION + "BT\nUNCLAS PARIS 001234\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n" + text)
    assert (c.paragraphs[-1].text, c.signers) == (last, signers)
    assert all(p.heading is None for p in c.paragraphs)
    assert c.station == "RUEHFR" and c.origin == "AMEMBASSY PARIS"


def test_a_header_that_goes_on_with_text_stays():
    # Guard (passes before the fix too): a copy of the cable after the signature keeps its text.
    c = parse(TRANSMISSION + "BT\nUNCLAS PARIS 001234\n\nSUBJECT: TEST\n\n6. (C) They will win.\n\nMERCIER\n\n"
              "VZCZCXRO2222\nRR RUEHAG\nDE RUEHFR #1234/01 2071647\nFM AMEMBASSY PARIS\n\n"
              "7. (C) A paragraph of the copy.\n")
    assert c.paragraphs[-1].text == "A paragraph of the copy."
    assert not any("headers after the text" in d.message for d in c.diagnostics)


REPAIRS = [
    ("fixture dash", "1. (C) It was understandable) the population is related.\n",
     "It was understandable -- the population is related.", "dash-restored"),
    ("09QUITO233 spaced dash", "1. (C) The good guys ) key personnel ) are under investigation.\n",
     "The good guys -- key personnel -- are under investigation.", "dash-restored"),
    ("09LONDON2111 range", "1. (U) The session convened 13)18 July 2009.\n", "The session convened 13-18 July 2009.",
     "dash-restored"),
    ("04DUBLIN1719 apostrophe", "1. (C) Ireland,s success was noted.\n", "Ireland's success was noted.",
     "apostrophe-restored"),
    ("06NEWDELHI2091 quotes", '1. (C) Indian ""training"" of the Navy.\n', 'Indian "training" of the Navy.',
     "quotes-undoubled"),
    ("05NEWDELHI2933 quotes first", '1. (C) ""Cricket Summit"" went well.\n', '"Cricket Summit" went well.',
     "quotes-undoubled"),
]


@pytest.mark.parametrize(("cable", "text", "expected", "code"), REPAIRS, ids=[c[0] for c in REPAIRS])
def test_repairs_are_made_and_reported(cable, text, expected, code):
    c = body(text)
    assert c.paragraphs[0].text == expected
    assert code in {d.code for d in c.diagnostics}


HEADING_REPAIRS = [
    ("05SANJOSE2850", "COSTA RICA ) A LONG HISTORY OF DEMOCRACY", "COSTA RICA -- A LONG HISTORY OF DEMOCRACY"),
    ("06AMMAN3564", "FRANCE ) U.S. RELATIONS", "FRANCE -- U.S. RELATIONS"),
    ("05NEWDELHI6840 kept", "Delivering the Mail (Wrapped in a Brick)", "Delivering the Mail (Wrapped in a Brick)"),
]


@pytest.mark.parametrize(("cable", "heading", "expected"), HEADING_REPAIRS, ids=[c[0] for c in HEADING_REPAIRS])
def test_headings_are_repaired_as_text_is(cable, heading, expected):
    c = body(f"1. (C) Summary: the first paragraph.\n\n{heading}\n\n2. (C) The second paragraph.\n")
    assert c.paragraphs[1].heading == expected
    assert ("dash-restored" in {d.code for d in c.diagnostics}) == (heading != expected)


def test_a_list_of_letters_is_no_apostrophe():
    c = body("1. (C) Classified by the DCM for reasons 1.4 (b,d); Sana'a,s mayor spoke.\n")
    assert c.paragraphs[0].text == "Classified by the DCM for reasons 1.4 (b,d); Sana'a's mayor spoke."


def test_enumerators_and_balanced_parentheses_stay():
    text = "1. (C) He named three aims: 1) security; 2) control; and (b) trade (in Basra) now.\n"
    c = body(text)
    assert c.paragraphs[0].text == "He named three aims: 1) security; 2) control; and (b) trade (in Basra) now."
    assert "dash-restored" not in {d.code for d in c.diagnostics}


def test_double_spaced_rendering():
    # 06BUENOSAIRES2123: a blank line after every wrapped line; paragraphs apart by more.
    lines = ["1.  (SBU) SUMMARY: On September 11, Charge and Poloffs", "(notetakers) met with Congressman Kunkel."]
    lines += ["END SUMMARY.", "", "", "2.  (C) Kunkel said the GOA has many points", "of cooperation with the USG."]
    lines += [f"Line {i} of filler text that wraps like the teletype did." for i in range(20)]
    c = body("\n \n".join(lines) + "\n")
    assert [p.number for p in c.paragraphs] == [1, 2]
    assert c.summary == "On September 11, Charge and Poloffs (notetakers) met with Congressman Kunkel."


def test_three_short_lines_in_a_row_are_text_not_a_heading():
    # 08STATE69218: a list of short lines (a license case) is not one long heading.
    c = body("1. (U) The cases follow.\n\nDTC Case: 050108543\n\nQUANTITY: 25 Rifles\n\nSELLER: Acme Arms\n\n"
             "2. (U) End of list.\n")
    assert all(p.heading is None for p in c.paragraphs)
    assert "DTC Case: 050108543 QUANTITY: 25 Rifles" in c.paragraphs[0].text + " ".join(p.text for p in c.paragraphs)


def test_a_line_that_runs_on_is_not_a_heading():
    # 07PARIS170: `... WOULD BE IN THE CONTEXT OF AN` stands alone between blank lines in an all-caps cable.
    c = body("1. THE PARTY SAID THAT ANY\n\nVIABLE CANDIDATE TO SUCCEED WOULD BE IN THE CONTEXT OF AN\n\n"
             "EARLY ELECTION.\n\n2. NEXT POINT.\n")
    assert [p.heading for p in c.paragraphs] == [None, None]
    assert c.paragraphs[0].text.endswith("IN THE CONTEXT OF AN EARLY ELECTION.")


# The post's classified site banner, spelled `Website` or `Web Site`, is never paragraph text; the raw text keeps it.
# (cable, body, last paragraph's text, signers).
SITE_BANNERS = [
    ("07MANAMA1012 Website", "1. (C) Text ends.\nVisit Embassy Manama's Classified Website: XXXXXXXXXXXX\n\nERELI\n",
     "Text ends.", ["ERELI"]),
    ("06MEXICO1311 Web Site", "1. (C) Text ends.\n\nVisit Mexico City's Classified Web Site at \n"
     "http://www.state.sgov.gov/p/wha/mexicocity \n \nGARZA\n", "Text ends.", ["GARZA"]),
    ("09MEXICO3376 with the blog", "1. (C) Text ends. Visit Mexico City's Classified Web Site at \n"
     "http://www.state.sgov.gov/p/wha/mexicocity and the North American \nPartnership Blog at "
     "http://www.intelink.gov/communities/state/nap / \n", "Text ends.", []),
    ("09ANKARA226 address broken by a wrap", "1. (C) Text ends.\nVisit Ankara’s Classified Web Site at "
     "http://www.intelink.sgov.gov/wiki/Portal:Turk ey\nJeffrey\n", "Text ends.", ["Jeffrey"]),
    ("10ANKARA87 after the signer", '1. (C) Text ends. Jeffrey "Visit Ankara\'s Classified Web Site at '
     'http://www.intelink.s\ngov.gov/wiki/Portal:Turkey"\n', "Text ends.", ["Jeffrey"]),
    ("09ANKARA71 after line-end backslashes", "1. (C) Text ends. \\\nVisit Ankara's Classified Web Site at \\\n"
     "http://www.intelink.sgov.gov/wiki/Portal:Turk ey \\\n", "Text ends.", []),
    ("08PARIS1501 a portal's name broken by a wrap", "25. (C) Text ends.\n\n\nPlease visit Paris' Classified Website "
     "at: \nhttp://www.intelink.sgov.gov/wiki/Portal:Fran ce \n\nPEKALA\n", "Text ends.", ["PEKALA"]),
    ("09KUWAIT110 Kuwait's, the portal broken", "8. (C) Text ends.\n\n" + "*" * 35 + " " + "*" * 9 + "\nFor more "
     "reporting from Embassy Kuwait, visit:\nvisit Kuwait's Classified Website at:\n\nhttp://www.intelink.sgov.gov/"
     "wiki/Portal:Kuwa it\n" + "*" * 35 + "\nJONES\n", "Text ends.", ["JONES"]),
    ("10KUWAIT166 Kuwait's between the name written twice", "8. (C) Text ends.\n WILLIAMS\n  \n " + "*" * 45 +
     "\n For more reporting from Embassy Kuwait, visit: \n visit Kuwait's Classified Website at: \n  \n "
     "http://www.intelink.sgov.gov/wiki/Portal:Kuwa it \n " + "*" * 45 + "\n WILLIAMS", "Text ends.", ["WILLIAMS"]),
    ("08KUWAIT128 Kuwait's with its own address", "5. (C) Text ends.\n\n" + "*" * 45 + " *\nFor more reporting "
     "from Embassy Kuwait, visit:\nhttp://www.state.sgov.gov/p/nea/kuwait/?cable s\n\nVisit Kuwait's Classified "
     "Website:\nhttp://www.state.sgov.gov/p/nea/kuwait/\n" + "*" * 45 + " *\njones\n", "Text ends.", ["jones"]),
    ("04ROME2926 `index.cf m`", "10. (U) Text ends.\n\nVisit Rome's Classified Website: http://www.state.sgov.gov/"
     "p/eur/rome/index.cf m \nHALL NNNN\n", "Text ends.", ["HALL"]),
    ("a whole portal's name, then the name (guard)", "1. (C) Text ends.\nVisit Baghdad's Classified Website: "
     "http://www.intelink.sgov.gov/wiki/Portal:Iraq CROCKER\n", "Text ends.", ["CROCKER"]),
    ("09ROME97 a sentence naming the site stays", "1. (C) A briefing (available on Embassy Rome's Classified web site)."
     "\n", "A briefing (available on Embassy Rome's Classified web site).", []),
]


@pytest.mark.parametrize(("cable", "text", "last", "signers"), SITE_BANNERS, ids=[c[0] for c in SITE_BANNERS])
def test_site_banners_are_no_paragraph_text(cable, text, last, signers):
    c = body(text)
    assert (c.paragraphs[-1].text, c.signers) == (last, signers)
    assert "Classified Web" in c.text or "Classified web" in c.text


def test_name_after_a_long_banner_is_the_signer():
    # 05TELAVIV1580: the banner is long; once blanked it leaves a long run of spaces before the name.
    stars = "*" * 45
    c = body(f"1. (C) Text ends. {stars} {stars} Visit Embassy Tel Aviv's Classified Website: XXXXXXXXXXXX "
             f"{stars} ******** KURTZER\n")
    assert c.signers == ["KURTZER"]
    assert c.paragraphs[0].text == "Text ends."


@pytest.mark.parametrize("line", ["Secret police arrested 12", "CONFIDENTIAL SOURCES SAID 2009 WAS BAD 2010",
                                  "Unclassified annex 3"])
def test_prose_that_opens_with_a_classification_word_is_kept(line):
    c = body(f"1. (C) First.\n{line}\n")
    assert line in c.paragraphs[0].text


@pytest.mark.parametrize("line", ["S E C R E T SECTION 02 OF 03 BAGHDAD 000620", "CONFIDENTIAL", "UNCLAS ROME 001234"])
def test_repeated_classification_lines_are_dropped(line):
    c = body(f"1. (C) First part\n{line}\nsecond part.\n")
    assert c.paragraphs[0].text == "First part second part."


@pytest.mark.parametrize(("cable", "text", "expected"), [
    ("08TRIPOLI530", "CLASSIFIED BY: Chris Stevens, CDA, State. REASON: 1.4 (b), (d)  1.  (C)  Summary: Berbers. "
     "End summary.\n", [(1, "C")]),
    ("09LONDON2479", "Action Request in Paragraphs 4 and 10.  1. (C) SUMMARY: UK measures. END SUMMARY.\n",
     [(None, None), (1, "C")]),  # the request line stays an unnumbered paragraph of its own
    ("08ISLAMABAD405", "1, (C) Summary. During an hour and a half. End Summary.\n", [(1, "C")]),
])
def test_damaged_paragraph_starts(cable, text, expected):
    c = body(text)
    assert [(p.number, p.marking) for p in c.paragraphs] == expected
    assert c.summary


def test_a_signer_leaves_no_empty_paragraph_or_residue():
    c = body("1. (C) Text.\n\nMILOVANOVIC\n\nMILOVANOVIC\n")
    assert [(p.number, p.heading, p.text) for p in c.paragraphs] == [(1, None, "Text.")]
    c = body("1. (C) Text.\nVisit London's Classified Website: http://www.intelink.sgov.gov/wiki/Portal:Unit\n"
             "ed_Kingdom\nLeBaron\n")
    assert [p.text for p in c.paragraphs] == ["Text."]
