"""Text whose line breaks were lost (a crawler's page text: the whole body, tables included, on a few very long
lines, cells run together) put back one table row per line, so the table readers see the rows they read in any
text: a section's heading, a table 二 sub-table's header, each row's label with its values.

Breaks go only before what the template prints (headings, 第二十条 headers, row labels); values stay as printed.
An item number glued to the previous row's digits (00000002.其他法律) is cut off only when it is the number the
item's place in its group gives it; otherwise nothing is cut, and the row is left blank and flagged.
"""

import re
from dataclasses import dataclass

LONG_LINE = 120  # characters: a line this long that holds three of a table's anchors is re-lined
ANCHORS_ON_A_LINE = 3  # a table row prints one label: a line holding three of them is rows run together
TABLE_ANCHORS = ("申请人情况", "本年新收", "上年结转", "予以公开", "第二十条", "结果维持")
_TABLE_ANCHORS = re.compile("|".join(TABLE_ANCHORS))

_HEADING = re.compile(
    r"[一二三四五六七][、.．]\s*(?:总体情况|主动公开政府信息|收到和处理政府信息公开申请|(?:因)?政府信息公开(?:工作)?(?:被申请)?"
    r"行政(?:法)?复议(?:[、，和及]?(?:提起)?行政诉讼)?(?:的?情况)?|(?:本机关)?存在的主要问题|其他需要报告)")
_END_HEADING = re.compile(r"[五六][、.．]\s*(?:(?:本机关)?存在的主要问题|其他需要报告)")
_ACTIVE_HEADER = re.compile(r"第二十条第\s*[（(][一二三四五六七八九十]+[)）]\s*项")
_ACTIVE_ROWS = re.compile(r"规章|行政规范性文件|(?<!行政)规范性文件|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购")
# table 三's rows: its numbered top rows (一、本年新收 …), its groups (（一）…（七）) and their items (1.属于国家秘密 …)
_TOP_ROW = re.compile(r"[一二三四][、.．]\s*(?=本年新收|上年结转|本年度办理结果|结转下年)")
_GROUP = re.compile(r"[（(][一二三四五六七][)）]")
_ITEM = re.compile(r"(\d{1,2})\s*[.．、]\s*(?=[\u4e00-\u9fff“\"])")
# table 四's header words: the numbers follow the last of them
_REVIEW_HEADER = re.compile(r"结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉|行政复议|行政诉讼")


_LABEL_SPACE = re.compile(r"(?<=[\u4e00-\u9fff）)”\"])[ \t\u3000]+(?=[-+]?\d)")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Relined:
    text: str
    source_lines: list[int]  # line of the re-lined text -> line of the text it was made from (1-based)


def _holds_rows(line: str) -> bool:
    """Whether a line holds ANCHORS_ON_A_LINE distinct anchors of the template's tables (substring tests: most
    long lines are prose, and this runs on every long line of every text)."""
    return sum(anchor in line for anchor in TABLE_ANCHORS) >= ANCHORS_ON_A_LINE


def _has_run_together_rows(text: str) -> bool:
    """Whether some long line of `text` holds the tables' rows run together: the anchors' occurrences are found
    by substring search (a few per report) and counted per line, so a text whose lines are fine costs a few
    microseconds, not a pass over every line."""
    anchors_by_line: dict[int, set[str]] = {}
    for anchor in TABLE_ANCHORS:
        at = text.find(anchor)
        while at >= 0:
            anchors_by_line.setdefault(text.rfind("\n", 0, at) + 1, set()).add(anchor)
            at = text.find(anchor, at + 1)
    for start, found in anchors_by_line.items():
        if len(found) >= ANCHORS_ON_A_LINE:
            end = text.find("\n", start)
            if (len(text) if end < 0 else end) - start >= LONG_LINE:
                return True
    return False


def reline(text: str) -> Relined | None:
    """The text with its long table lines broken into one row per line (None when no line needs it)."""
    if not _has_run_together_rows(text):
        return None  # the common case
    lines = text.split("\n")
    out: list[str] = []
    sources: list[int] = []
    for number, line in enumerate(lines, start=1):
        pieces = _break_line(line) if len(line) >= LONG_LINE and _holds_rows(line) else [line]
        out.extend(pieces)
        sources.extend([number] * len(pieces))
    return Relined("\n".join(out), sources)


def _break_line(line: str) -> list[str]:
    cuts = set(m.start() for m in _HEADING.finditer(line))
    tables = _table_span(line)
    if tables is not None:
        start, end = tables
        cuts |= _active_cuts(line, start, end)
        cuts |= _applications_cuts(line, start, end)
        cuts |= _review_cuts(line, start, end)
    pieces, prev = [], 0
    for cut in sorted(cuts):
        if 0 < cut < len(line):
            pieces.append((prev, line[prev:cut]))
            prev = cut
    pieces.append((prev, line[prev:]))
    out = []
    for at, piece in pieces:
        piece = piece.strip()
        if tables is not None and tables[0] <= at < tables[1]:
            # a row's label and its first digits, apart by a space or not: glued, as a crawler's rows are read
            piece = _LABEL_SPACE.sub("", piece)
        if piece:
            out.append(piece)
    return out or [line]


def _table_span(line: str) -> tuple[int, int] | None:
    """Where the tables stand: from the first table anchor (or the heading of table 二 before it) to the heading
    of section 五/六 after it (or the line's end)."""
    first = _TABLE_ANCHORS.search(line)
    if first is None:
        return None
    start = first.start()
    heading = _heading(line, 0, start, "主动公开", "收到和处理")
    if heading is not None:
        start = heading.start()
    end_m = _END_HEADING.search(line, first.end())
    return start, end_m.start() if end_m else len(line)


def _active_cuts(line: str, start: int, end: int) -> set[int]:
    """Before each 第二十条 header and each table 二 row label between the first header and table 三."""
    headers = list(_ACTIVE_HEADER.finditer(line, start, end))
    if not headers:
        return set()
    stop = _section_start(line, headers[0].end(), end, "收到和处理")
    cuts = {m.start() for m in headers}
    cuts |= {m.start() for m in _ACTIVE_ROWS.finditer(line, headers[0].end(), stop)}
    return cuts


def _heading(line: str, start: int, end: int, *words: str) -> re.Match | None:
    """The first section heading in line[start:end] that holds one of `words`."""
    return next((m for m in _HEADING.finditer(line, start, end) if any(w in m.group() for w in words)), None)


def _section_start(line: str, start: int, end: int, word: str) -> int:
    """Where the section whose heading holds `word` begins in line[start:end] (`end` when none does)."""
    heading = _heading(line, start, end, word)
    return heading.start() if heading is not None else end


def _applications_cuts(line: str, start: int, end: int) -> set[int]:
    """Before table 三's header words that begin its lines, its top rows, groups and items."""
    begin = line.find("申请人情况", start, end)
    if begin < 0:
        begin = line.find("本年新收", start, end)
        if begin < 0:
            return set()
    stop = _section_start(line, begin, end, "复议")
    cuts = {begin}
    for word in ("自然人", "商业企业"):
        at = line.find(word, begin, stop)
        if at >= 0:
            cuts.add(at)
    first_row = _TOP_ROW.search(line, begin, stop)
    if first_row is None:
        return cuts
    cuts |= {m.start() for m in _TOP_ROW.finditer(line, first_row.start(), stop)}
    # groups and items in the order printed: an item's expected number is its place in its group
    marks = sorted([(m.start(), "group", m) for m in _GROUP.finditer(line, first_row.start(), stop)]
                   + [(m.start(), "item", m) for m in _ITEM.finditer(line, first_row.start(), stop)],
                   key=lambda mark: mark[0])
    expected = 1
    for at, kind, m in marks:
        if kind == "group":
            cuts.add(at)
            expected = 1
            continue
        cut = _item_cut(line, m, expected)
        if cut is not None:
            cuts.add(cut)
            expected = int(line[cut:m.start() + len(m.group(1))]) + 1
        else:
            expected += 1  # an item stands here, its number uncertain: the next one is still counted
    return cuts


def _item_cut(line: str, m: re.Match, expected: int) -> int | None:
    """Where item `m` (N.) begins. The digits before its dot may hold the row before's last value too (glued:
    00000002.其他法律, or 0 02.其他法律): when they end with `expected` (the item's place in its group) and hold
    more, the item begins at those last digits; when they are the whole number printed (a typo such as 12. for 2.
    included), at them; otherwise (digits glued to a number that is not the expected one) None: not certain."""
    digits_end = m.start() + len(m.group(1))
    run_start = digits_end
    while run_start > 0 and line[run_start - 1].isdigit():
        run_start -= 1
    run, wanted = line[run_start:digits_end], str(expected)
    if run.endswith(wanted) and len(run) > len(wanted):
        return digits_end - len(wanted)
    if len(run) <= 2 and not run.startswith("0"):
        return run_start
    return None


def _review_cuts(line: str, start: int, end: int) -> set[int]:
    """Before table 四's header and before its numbers (after the header's last word)."""
    heading = _heading(line, start, end, "复议")
    if heading is None:
        return set()
    words = list(_REVIEW_HEADER.finditer(line, heading.end(), end))
    if not words:
        return set()
    cuts = {words[0].start()}
    last = words[-1].end()
    digit = _DIGIT.search(line, last, end)
    if digit is not None:
        cuts.add(digit.start())
    return cuts
