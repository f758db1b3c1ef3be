"""Writes the corpus pages as other sites print the same record, to score
the parser on shapes it was not tuned on (docs/quality.md):

- single/: blank lines removed ("single newlines", as many saved pages are);
- inline/: a number line and its title joined ("113." + "Title" -> "113. Title");
- bare/: joined without the dot, as tables flattened to text print them
  ("113" + "Title" -> "113 Title");
- paren/: every number line in brackets before what follows it, as legacy
  agendas print it ("113" + "Title" -> "(113) Title", "4a" -> "(4a) ...");
- titled/: the committee line as a page title prints it ("Cabinet - Tuesday,
  8th February, 2022 2.00 pm" -> "Agenda for Cabinet on Tuesday, ...");
- dated/: the committee line as two, the body over a labelled date
  ("Cabinet" + "Date: Tuesday, ...");
- markdown/: as a markdown rendering prints it: the first line a heading
  ("# Agenda and minutes"), item titles in bold ("**Apologies**");
- menu/: a ModernGov site menu above the page, one link per line, as a saved
  page carries it (links the parser does not know among them);
- table/: the header as a table of two cells a row, as a page converted to
  markdown prints it ("| Venue | County Hall |", the committee line as
  "| Meeting | Cabinet |" over "| Date | Tuesday, ... |");
- wrap/: hard-wrapped at 80 columns, as a terminal browser's dump or a PDF's
  text prints it (a title, a venue, a paragraph run on over several lines).

usage: variants.py PAGES_DIR OUT_DIR
"""
import os
import re
import sys
import textwrap

src, out = sys.argv[1], sys.argv[2]
MENU = [
    "Skip to content", "Home", "Councillors", "Committees", "Calendar", "Decisions",
    "Documents", "Forward Plans", "Surveys", "Constitution", "Elections", "Outside bodies",
    "Petitions", "Subscribe to updates", "What's new", "Parish councils", "MPs", "MEPs",
]
# "Cabinet - Tuesday, 26 January 2016 2.00 pm" (a weekday after the dash)
COMMITTEE_LINE = re.compile(r"(?m)^([A-Z][^\n]*?) - ((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? [^\n]*\d{4}[^\n]*)$")
HEADER_FIELD = re.compile(r"(?m)^(Venue|Contact|Link|Media|Time): *(\S[^\n]*?) *$")
def wrap(text):
    lines = []
    for line in text.split("\n"):
        lines.extend(textwrap.wrap(line, 80) if len(line) > 80 else [line])
    return "\n".join(lines)


shapes = {
    "single": lambda t: re.sub(r"\n\s*\n+", "\n", t),
    "inline": lambda t: re.sub(r"(?m)^(\d{1,4}[a-z]?)\.?[ \t]*\n(?:[ \t]*\n)*(?=[A-Z])", r"\1. ", t),
    "bare": lambda t: re.sub(r"(?m)^(\d{1,4}[a-z]?)\.?[ \t]*\n(?:[ \t]*\n)*(?=[A-Z])", r"\1 ", t),
    "paren": lambda t: re.sub(r"(?m)^(\d{1,4}[a-z]?)\.?[ \t]*\n(?:[ \t]*\n)*(?=\S)", r"(\1) ", t),
    "titled": lambda t: COMMITTEE_LINE.sub(r"Agenda for \1 on \2", t),
    "dated": lambda t: COMMITTEE_LINE.sub(r"\1\nDate: \2", t),
    "markdown": lambda t: re.sub(
        r"(?m)^(\d{1,4}[a-z]?\.?[ \t]*\n(?:[ \t]*\n)*)([A-Z][^\n]*?)[ \t]*$", r"\1**\2**", "# " + t
    ),
    "menu": lambda t: "\n".join(MENU) + "\n\n" + t,
    "wrap": wrap,
    "table": lambda t: HEADER_FIELD.sub(
        r"| \1 | \2 |", COMMITTEE_LINE.sub(r"| Meeting | \1 |\n| Date | \2 |", t)
    ),
}
for name in shapes:
    os.makedirs(os.path.join(out, name), exist_ok=True)
for page in sorted(os.listdir(src)):
    text = open(os.path.join(src, page), encoding="utf-8").read()
    for name, reshape in shapes.items():
        with open(os.path.join(out, name, page), "w", encoding="utf-8") as f:
            f.write(reshape(text))
