"""The pre-2019 statistics table (政府信息公开情况统计表, 2008-2018): the year's figures of its rows."""

import re

from ingestion.document import Line
from ingestion.narrative.prose import offset_of_line
from ingestion.normalize import compact
from ingestion.result import Figure, Position
from ingestion.tables.rows import labelled_rows
from ingestion.values import parse_value

# --- the pre-2019 statistics table --------------------------------------------------------------------------
# 政府信息公开情况统计表 (2008-2018): rows of 统计指标 | 单位 | 统计数 (some print 本年 and 累计 columns). A row's own
# label ends the label text (after it, at most a bracketed note and its unit); the row's number is this year's.
# Older tables name the rows more briefly (1.同意公开, 2.部分公开, 四、行政复议 …): the 数 suffixes are optional.
_ROW_END = r"(?:[（(][^（()）]{0,40}[)）])?(?:条|件|个|次|项)?$"
STATISTICS_ROWS: tuple[tuple[str, re.Pattern], ...] = tuple((code, re.compile(pattern + _ROW_END)) for code, pattern in (
    ("proactive_items_published", r"主动公开(?:政府)?信息(?:总)?(?:数|条数|数量)?"),
    ("applications_received", r"(?:收到|受理)(?:政府信息公开)?申请(?:总)?(?:数|件数|数量|总数)?"),
    ("applications_granted", r"(?:(?<!不)(?<!部分)同意公开|(?<!不)予以公开)(?:答复)?(?:数|件数|数量)?"),
    ("applications_partially_granted", r"(?:同意)?部分公开(?:答复)?(?:数|件数|数量)?"),
    ("applications_denied", r"(?:不同意公开|不予公开)(?:答复)?(?:数|件数|数量)?"),
    ("administrative_review", r"行政复议(?:案件)?(?:数量|数|件数)?"),
    ("litigation", r"行政诉讼(?:案件)?(?:数量|数|件数)?"),
))
_OWN_LABEL = 80  # characters of a row's label text its own label can be (the rest: text printed before the row)


def extract_statistics_table(lines: list[Line], text: str) -> dict[str, Figure]:
    """Figures of the pre-2019 statistics table in `lines` (the first row of each code), each with its cell's
    position (line, column, page; the offset of its text in `text`)."""
    order = _year_columns(lines)
    cumulative = "other" in order  # a second number per row: 累计 (or last year's)
    cumulative_first = cumulative and "本年" in order and order.index("other") < order.index("本年")
    out: dict[str, Figure] = {}
    for labels, values, structured in labelled_rows(lines):
        label = compact("".join([c.text for c in labels]))[-_OWN_LABEL:]
        code = next((code for code, pattern in STATISTICS_ROWS if code not in out and pattern.search(label)), None)
        if code is None:
            continue
        if cumulative and not structured and len(values) < 2:
            continue  # one number of 本年 and 累计, the other's blank cell lost: which one it is is not printed
        index = 1 if cumulative_first else 0
        cell = values[index] if index < len(values) else None
        if cell is None or (cell.glued and cumulative):  # this year's and the cumulative number glued: no cut
            continue
        number = parse_value(cell.text).value
        if number is None:
            continue
        line_start = offset_of_line(text, cell.line)
        found = text.find(cell.text, line_start)
        out[code] = Figure(number, cell.text,
                           Position(cell.line, cell.col, cell.page, offset=found if found >= 0 else line_start))
    return out


_OTHER_COLUMN = r"累计|上年|去年|上一年"  # a statistics table's second number: cumulative, or last year's
_HEADER_CELL = re.compile(rf"(?:统计指标|指标名称|指标|计量单位|单位|本年|{_OTHER_COLUMN}|度|数量|数|统计数|[:：])+")
_YEAR_WORD = re.compile(rf"本年|{_OTHER_COLUMN}")


def _year_columns(lines: list[Line]) -> list[str]:
    """"本年" and "other" (累计, or last year's) in the order the statistics table's header prints them (cells or
    lines holding header words only: prose mentions 本年 too)."""
    order: list[str] = []
    for line in lines:
        for cell in line.cells:
            text = compact(cell.text)
            if _YEAR_WORD.search(text) and _HEADER_CELL.fullmatch(text):
                for word in _YEAR_WORD.findall(text):
                    kind = "本年" if word == "本年" else "other"
                    if kind not in order:
                        order.append(kind)
                if len(order) == 2:
                    return order
    return order
