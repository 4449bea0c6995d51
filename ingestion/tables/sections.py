"""Find the template tables in a document and read every cell by canonical code.

Works on the layout-neutral `Line`/`Cell` form, so text, HTML, PDF and DOCX share one reader. The sections are
found here by their headings; each table has its reader (table_active.py, table_applications.py,
table_review.py), on the rows machinery of rows.py: row labels matched by keywords (tolerant of typos, spaces,
brackets and merged label cells), columns from the table's own header where it prints one, else the template.
"""

import re

from ingestion.canonical import ACTIVE, APPLICATIONS, REVIEW
from ingestion.document import Extents, Line
from ingestion.normalize import compact
from ingestion.tables.active import read_active
from ingestion.tables.applications import read_applications
from ingestion.tables.review import read_review
from ingestion.tables.rows import TableResult

# every heading SECTION_PATTERNS matches holds one of these characters (主 of 主动公开, 收 of 收到和处理, 复 of 复议,
# 存/需/改 of the headings after the tables; single characters: a heading may be spaced out, 主 动 公 开). 开 of 公开
# would let through nearly every row label
_SECTION_CHARS = re.compile("[主收复存需改]")
SECTION_PATTERNS = [
    (ACTIVE, re.compile(r"主动公开政府信息(情况|工作)?$|主动公开政府信息情况")),
    (APPLICATIONS, re.compile(r"收到和处理政府信息公开申请")),
    (REVIEW, re.compile(r"^[四4][、.,]?.*复议.*诉讼|政府信息公开行政复议")),
    ("end", re.compile(r"^[五六5][、.,]?.*(存在的主要问题|其他需要报告|改进情况)")),
]


# a heading begins its line: with its number (三、 (三) 3.) or its words
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]{1,2}[、.．]|[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[、.．])")


def find_sections(lines: list[Line]) -> dict[str, tuple[int, int]]:
    """Line index ranges [start, end) of each table section, from headings (first occurrence)."""
    starts: dict[str, int] = {}
    inside: dict[str, int] = {}  # a heading's words inside a line (a wrapped line of prose that lists the sections)
    for i, line in enumerate(lines):
        cells = line.cells
        raw = cells[0].text if len(cells) == 1 else line.text
        if len(raw) > 160 or not _SECTION_CHARS.search(raw):
            continue  # prose, or a line none of the headings could match (cheap tests before the regexes)
        text = compact(raw)
        for name, pat in SECTION_PATTERNS:
            if name in starts:
                continue
            m = pat.search(text)
            if m is None:
                continue
            # a heading: numbered (三、收到和处理…, perhaps with the table's note after it on its line), or its words
            # alone on the line (not a wrapped line of prose that begins with them)
            numbered = _HEADING_START.match(text) is not None and m.start() <= 4
            if numbered or (m.start() == 0 and len(text) <= m.end() + 4):
                starts[name] = i  # a long line that begins with the heading: the table's note follows it
                break
            if len(text) <= 60:
                inside.setdefault(name, i)
    for name, i in inside.items():  # no line begins with the heading: its first mention stands
        starts.setdefault(name, i)
    # Fallback anchors where a heading is missing.
    if APPLICATIONS not in starts:
        for i, line in enumerate(lines):
            t = compact(line.text)
            if ("申请人情况" in t or "本年新收" in t) and len(t) < 80:
                starts[APPLICATIONS] = i
                break
    if ACTIVE not in starts:
        for i, line in enumerate(lines):
            if "第二十条" in line.text and len(line.text) < 60:
                starts[ACTIVE] = i
                break
    if REVIEW not in starts:  # table 四's header: its leaves (结果维持 …) are printed nowhere else
        for i in range(starts.get(APPLICATIONS, 0), len(lines)):
            t = compact(lines[i].text)
            if "结果维持" in t and len(t) < 80:
                starts[REVIEW] = i - 1 if i and "复议" in compact(lines[i - 1].text) else i
                break
    order = sorted((i, name) for name, i in starts.items())
    ranges: dict[str, tuple[int, int]] = {}
    for k, (i, name) in enumerate(order):
        if name == "end":
            continue
        end = order[k + 1][0] if k + 1 < len(order) else len(lines)
        ranges[name] = (i + 1, end)
    if REVIEW in ranges and "end" not in starts:
        # Without a following heading, the table is the next few lines only.
        s, e = ranges[REVIEW]
        ranges[REVIEW] = (s, min(e, s + 80))
    return ranges


def read_tables(lines: list[Line], fallback_template: str,
                extents: Extents | None = None) -> TableResult:
    """The template tables of a document's lines. `extents` (PDF: `Document.token_extents`) lets a table 二 or
    三 row that lost its blank cells be placed by the positions of its values under the header."""
    result = TableResult()
    sections = result.sections = find_sections(lines)

    def end_line(e: int) -> int | None:  # the line printed after a section: the next section's heading
        return lines[e].cells[0].line if e < len(lines) and lines[e].cells else None

    readers = {ACTIVE: lambda part, end, blanks: read_active(part, fallback_template, extents, end, blanks),
               APPLICATIONS: lambda part, end, blanks: read_applications(part, extents, end, blanks),
               REVIEW: lambda part, end, blanks: read_review(part, end, blanks)}
    for table, read in readers.items():  # in the template's order: what one table shows serves the next
        if table in sections:
            s, e = sections[table]
            result.merge(read(lines[s:e], end_line(e), result.empty_cell_lines))
    return result
