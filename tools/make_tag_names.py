"""Write src/cablekit/data/tag-names.tsv: TAGS code -> name, from the public sources below (facts recorded by hand).

Run: .venv/bin/python tools/make_tag_names.py

Each table holds the names one source gives; a code takes its name from the first source (in SOURCES order) that has
it. A code no source names stays out of the file: names are never guessed. PlusD shows subject names as
`Category--Name` (`Political Affairs--External Political Relations`); the category is the code's first letter, so only
the name is kept. Where the 1974 handbook's OCR text garbles a code (`UYSC`, `SE%v`), the code is read from its
clean spellings elsewhere in the handbook (its list, its cross-references such as `use SENV`); a code no clean
spelling confirms is left out.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "cablekit" / "data" / "tag-names.tsv"

# 5 FAH-3 H-011.1 "TAGS and Subject" (CT:TAGS-91, 02-17-2022) and 5 FAH-3 H-111 (its PGOV/PHUM/PINR example).
FAH = {
    "AADP": "Automated Data Processing",
    "ABLD": "Building and Grounds",
    "ABUD": "Budget Services and Financial Systems",
    "ACOA": "Communication Operations and Administration",
    "ACKM": "COMSEC Key Management",
    "ADCO": "Diplomatic Courier Operations",
    "ADPM": "Diplomatic Pouch and Mail",
    "AEMR": "Emergency Planning and Evacuation",
    "AFIN": "Financial Management",
    "AFSI": "Foreign Service Institute",
    "AFSN": "Foreign Service National Personnel",
    "AGAO": "General Accounting Office",
    "AINF": "Information Management Services",
    "AINR": "INR Program Administration",
    "AINT": "Internet Administration",
    "ALEO": "Low Earth Orbit Satellite Coordination",
    "ALOW": "Allowances",
    "AMED": "Medical Services",
    "AMGT": "Management Operations",
    "AMTC": "Telecommunications Equipment Maintenance",
    "ANET": "Communications, Circuits, and Networks",
    "AODE": "Employees Abroad",
    "AOMS": "Office Management Specialist Issues",
    "AORC": "International Organizations and Conferences",
    "APCS": "Personal Computers",
    "APER": "Personnel",
    "ASCH": "U.S. Sponsored Schools",
    "ASEC": "Security",
    "ASIG": "Inspector General Activities",
    "ASUP": "Supplies and Equipment",
    "ATRN": "Transportation Service",
    "BBSR": "Business Services Reporting",
    "BEXP": "Trade Expansion and Promotion",
    "BMGT": "FCS Management Operations",
    "BTIO": "Trade and Investment Opportunities",
    "CASC": "Assistance to Citizens",
    "CFED": "Federal Agency Services",
    "CJAN": "Judicial Assistance and Notarial Services",
    "CLOK": "Visa Lookout",
    "CMGT": "Consular Administration and Management",
    "CPAS": "Passports and Citizenship",
    "CVIS": "Visas",
    "EAGR": "Agriculture and Forestry",
    "EAID": "Foreign Economic Assistance",
    "EAIR": "Civil Aviation",
    "ECIN": "Economic Integration and Cooperation",
    "ECON": "Economic Conditions",
    "ECPS": "Communications and Postal Systems",
    "EFIN": "Financial and Monetary Affairs",
    "EFIS": "Commercial Fishing and Fish Processing",
    "EIND": "Industry and Manufacturing",
    "EINT": "Economic and Commercial Internet",
    "EINV": "Foreign Investments",
    "ELAB": "Labor Sector Affairs",
    "ELTN": "Land Transportation",
    "EMIN": "Minerals and Metals",
    "PGOV": "Internal Governmental Affairs",
    "PHUM": "Human Rights",
    "PINR": "Intelligence",
}

# WikiLeaks PlusD record pages, TAGS with expansions: the three under shared/corpus/html/plusd/, 10SHANGHAI60_a and
# 1975DACCA00292_b (quoted in zotero/translators `WikiLeaks PlusD.js`), and the tags quoted in
# o9812/Wikileaks-Stock-Market README.md.
PLUSD = {
    "AFSP": "Post Administration",
    "ECON": "Economic Conditions, Trends and Potential",
    "EFIN": "Financial and Monetary Affairs",
    "EINV": "Investments; Foreign Investments",
    "KMDR": "Media Reaction Reporting",
    "KPAO": "Public Affairs Office",
    "MARR": "Military and Defense Arrangements",
    "PGOV": "Government; Internal Governmental Affairs",
    "PINS": "Internal Security",
    "PREL": "External Political Relations",
    "SPOP": "Population",
}

# Department of State, "Traffic Analysis by Geography and Subject and Executive Order 11652 Codes" (TL:TAGS-1,
# June 1974), section 8 (subject TAGS), appendix A and section 15 (organization TAGS); NARA RG 59 technical
# documentation, OCR text in leuc/ACP-127 docs/rg59_state_dept_tags_74.txt.
TAGS_1974 = {
    "EEWT": "East-West Trade",
    "ENRG": "Energy",
    "ESTC": "Strategic Trade Controls",
    "ETRD": "Foreign Trade",
    "EWWT": "Waterborne Transportation",
    "MASS": "Military Assistance and Sales",
    "MNUC": "Military Nuclear Applications",
    "MOPS": "Military Operations",
    "MORG": "Military Organization and Structure",
    "MPOL": "Military Policy and Planning",
    "OCLR": "Vessel and Flight Clearances and Visits",
    "OCON": "Conferences and Meetings",
    "PARM": "Arms Control and Disarmament",
    "PDEV": "National Development",
    "PDIP": "Diplomatic and Consular Representation",
    "PFOR": "Foreign Policy and Relations",
    "PINT": "Internal Political Affairs",
    "PBOR": "Boundary and Sovereignty Claims",
    "PLOS": "Law of the Sea Affairs",
    "PORG": "Policy Relations With International Organizations",
    "PORS": "Public Order and Safety",
    "PROP": "Propaganda and Psychological Operations",
    "SCUL": "Cultural Affairs",
    "SEDU": "Education",
    "SENV": "Environment",
    "SGEN": "Social Affairs--General",
    "SNAR": "Narcotics",
    "SOCI": "Social Conditions",
    "SOPN": "Public Opinion and Information",
    "SPOP": "Population",
    "SREF": "Refugees",
    "TBIO": "Biological and Medical Science",
    "TECH": "Technology",
    "TGEN": "Technology and Science--General",
    "TPHY": "Physical Sciences",
    "TSPA": "Space Activities",
    # organization TAGS
    "CCMS": "Committee on the Challenges of Modern Society (NATO)",
    "CENTO": "Central Treaty Organization",
    "COCOM": "Coordinating Committee on Export Controls",
    "COE": "Council of Europe",
    "COMECON": "Council for Mutual Economic Assistance",
    "CSCE": "Conference on Security and Cooperation in Europe",
    "DAC": "Development Assistance Committee (OECD)",
    "DPC": "Defense Planning Committee (NATO)",
    "ECA": "UN Economic Commission for Africa",
    "ECAFE": "UN Economic Commission for Asia and the Far East",
    "ECE": "UN Economic Commission for Europe",
    "ECLA": "UN Economic Commission for Latin America",
    "ECOSOC": "UN Economic and Social Council",
    "EEC": "European Common Market (European Communities)",
    "EFTA": "European Free Trade Association",
    "EPA": "Environmental Protection Agency",
    "FAO": "Food and Agriculture Organization (UN)",
    "GATT": "General Agreement on Tariffs and Trade",
    "IAEA": "International Atomic Energy Agency",
    "IATA": "International Air Transport Association",
    "IBRD": "International Bank for Reconstruction and Development",
    "ICAO": "International Civil Aviation Organization",
    "ICEM": "Intergovernmental Committee for European Migration",
    "ICFTU": "International Confederation of Free Trade Unions",
    "ICJ": "International Court of Justice",
    "ICRC": "International Committee of the Red Cross",
    "IDB": "Inter-American Development Bank",
    "ILC": "International Law Commission",
    "ILO": "International Labor Organization",
    "IMF": "International Monetary Fund",
    "INTELSAT": "International Telecommunications Satellite Consortium",
    "ITU": "International Telecommunications Union",
    "LAFTA": "Latin American Free Trade Association",
    "MARAD": "U.S. Maritime Administration",
    "MBFR": "Mutual and Balanced Force Reduction Talks",
    "NAC": "North Atlantic Council (NATO)",
    "NATO": "North Atlantic Treaty Organization",
    "NPG": "Nuclear Planning Group (NATO)",
    "NSF": "National Science Foundation",
    "OAPEC": "Organization of Arab Petroleum Exporting Countries",
    "OAS": "Organization of American States",
    "OAU": "Organization of African Unity",
    "OECD": "Organization for Economic Cooperation and Development",
    "OPEC": "Organization of Petroleum Exporting Countries",
    "OPIC": "Overseas Private Investment Corporation",
    "UNDP": "UN Development Program",
    "UNGA": "UN General Assembly",
    "UNHCR": "UN High Commissioner for Refugees",
    "UNSC": "UN Security Council",
    "UNTC": "UN Trusteeship Council",
    "UPU": "Universal Postal Union",
    "WHO": "World Health Organization",
    "WIPO": "World Intellectual Property Organization",
}

# NARA, "Frequently Asked Questions: Record Group 59, Central Foreign Policy File, 1973-1979", appendices I and II
# (permanent and temporary subject TAGS); text in leuc/ACP-127 docs/faqs.txt.
NARA_FAQ = {
    "ACLM": "Claims Against the U.S. Government",
    "ACMM": "Committees",
    "AORG": "International Organization Administration",
    "BAGB": "Agribusiness",
    "BBAK": "Background on Firms, Products, and Individuals",
    "BBCP": "Business Consultation Program",
    "BDIS": "Trade Complaints and Disputes",
    "BENC": "Engineering and Construction Services",
    "BPRO": "Business Proposals and Inquiries",
    "BTRA": "Travel by U.S. and Foreign Businessmen",
    "CARR": "Americans Arrested Abroad",
    "CDES": "Deaths and Estates",
    "CPRS": "Property Protection Services",
    "OEXC": "Educational and Cultural Exchange Operations",
    "OREP": "U.S. Congressional Travel",
    "OSCI": "Science Grants",
    "OTRA": "Travel and Visits",
    "OVIP": "Visits and Travel of Prominent Individuals and Leaders",
}

SOURCES = [
    ("5 FAH-3 H-011.1 and H-111 (Foreign Affairs Handbook, TAGS/Terms), "
     "https://fam.state.gov/FAM/05FAH03/05FAH030010.html, https://fam.state.gov/FAM/05FAH03/05FAH030110.html", FAH),
    ("WikiLeaks PlusD record pages (TAGS expansions): shared/corpus/html/plusd/*.html, "
     "https://search.wikileaks.org/plusd/cables/10SHANGHAI60_a.html, "
     "https://search.wikileaks.org/plusd/cables/1975DACCA00292_b.html "
     "(quoted in zotero/translators 'WikiLeaks PlusD.js' and o9812/Wikileaks-Stock-Market README.md)", PLUSD),
    ("Department of State TAGS handbook TL:TAGS-1 (June 1974), NARA RG 59 technical documentation "
     "(OCR text: leuc/ACP-127 docs/rg59_state_dept_tags_74.txt)", TAGS_1974),
    ("NARA FAQ, RG 59 Central Foreign Policy File 1973-1979, appendices I-II "
     "(text: leuc/ACP-127 docs/faqs.txt)", NARA_FAQ),
]


def build() -> dict[str, str]:
    names: dict[str, str] = {}
    for _, table in SOURCES:
        for code, name in table.items():
            names.setdefault(code, name)
    return names


def main() -> None:
    names = build()
    lines = ["# TAGS code -> name (subject, program and organization codes; geographic names are in geo-tags.tsv).",
             "# Made by tools/make_tag_names.py; a code takes the name of the first source listing it:"]
    lines += [f"#   {i}. {label}" for i, (label, _) in enumerate(SOURCES, 1)]
    lines += [f"{code}\t{names[code]}" for code in sorted(names)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(names)} codes -> {OUT}")


if __name__ == "__main__":
    main()
