"""Synthetic reports with known values: the template tables rendered into every layout the spec lists.

`make_truth(rng)` draws a report (agency from real divisions, realistic values); `render(truth, layout)`
writes it as a document (bytes) of that layout; the truth has the shape of shared/spec/expected/*.json.
Used by the property tests (small N) and the benchmarks (large N).
"""

import io
import random
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from ingestion.canonical import ACTIVE, APPLICANT_COLUMNS, APPLICATIONS, REVIEW, REVIEW_COLUMNS, REVIEW_ROWS, spec
from ingestion.metadata.regions import Division, divisions, hierarchy, name_index, short_name

LAYOUTS = ("lines", "tabs", "pipes", "markdown", "spaces", "aligned", "concat", "html", "html_spans", "docx",
           "docx_spans")
ALIGNED_LABEL_WIDTH = 52  # layout-preserving text: where the value columns start, in characters
ALIGNED_FIELD_WIDTH = {"二": 14, "三": 8, "四": 6}  # and how wide each is, per table

DEPARTMENTS = ["科学技术局", "教育局", "财政局", "自然资源局", "生态环境局", "交通运输局", "卫生健康委员会", "市场监督管理局",
               "住房和城乡建设局", "人力资源和社会保障局", "公安局", "民政局", "司法局", "农业农村局", "文化和旅游局"]
ACTIVE_ITEMS = {
    "2019": [("第二十条第（一）项", ["regulations", "normative_documents"]),
             ("第二十条第（五）项", ["administrative_licensing", "other_external_services"]),
             ("第二十条第（六）项", ["administrative_penalty", "administrative_coercion"]),
             ("第二十条第（八）项", ["administrative_fees"]),
             ("第二十条第（九）项", ["centralized_procurement"])],
    "2021": [("第二十条第（一）项", ["regulations", "normative_documents"]),
             ("第二十条第（五）项", ["administrative_licensing"]),
             ("第二十条第（六）项", ["administrative_penalty", "administrative_coercion"]),
             ("第二十条第（八）项", ["administrative_fees"])],
}
COLUMN_LABELS = {
    "made_this_year": "本年新制作数量", "published_this_year": "本年新公开数量", "total_published": "对外公开总数量",
    "previous_year_count": "上一年项目数量", "change_this_year": "本年增/减", "decisions": "处理决定数量",
    "procurement_items": "采购项目数量", "procurement_amount": "采购总金额",
    "issued_this_year": "本年制发件数", "repealed_this_year": "本年废止件数", "in_force": "现行有效件数",
    "fee_amount": "本年收费金额（单位：万元）",
}
APPLICANT_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


@dataclass
class Truth:
    file: str
    metadata: dict
    cells: dict
    narrative: dict = field(default_factory=dict)
    must_flag: list = field(default_factory=list)
    # table 四's last column (复议后起诉 总计): "printed"; "lost" (the header has it, a ragged row lost the
    # cell: the truth keeps the value, the template's sum); "dropped" (neither header nor row has it: null)
    review_last: str = "printed"
    # a pre-2019 report's statistics table (政府信息公开情况统计表): None, "single" (one 统计数 column), "cumulative"
    # (本年 then 累计) or "cumulative_first" (累计 then 本年)
    statistics_table: str | None = None
    # the "lines" layout (one cell per line): the blank lines after each printed cell, and the lines an empty
    # cell takes (a real report prints 1 and 1: a row of seven empty cells is its label and eight blank lines)
    cell_lines: tuple[int, int] = (1, 1)
    # what the tables print in a blank cell: nothing, or a mark for "no number" (/, -, —, ——, 无)
    no_number: str = ""

    def as_json(self) -> dict:
        return {"file": self.file, "metadata": self.metadata, "cells": self.cells, "narrative": self.narrative,
                "must_flag": self.must_flag}


def _count(rng: random.Random, big: bool, scale: int = 30) -> int:
    if not big:
        return 0 if rng.random() < 0.7 else rng.randint(1, 5)
    return int(rng.paretovariate(1.2) * scale) if rng.random() < 0.8 else 0


@lru_cache(maxsize=1)
def _today() -> list[Division]:
    return [div for div in divisions().values() if not div.former]


def _agency(rng: random.Random):
    """A real division of today and a realistic body of it, named unambiguously (a shared county name gets its
    city)."""
    div = rng.choice(_today())
    h = hierarchy(div.code)
    name = f"{div.name}人民政府" if rng.random() < 0.15 else div.name + rng.choice(DEPARTMENTS)
    ambiguous = len(name_index().get(div.name, [])) > 1 or len(name_index().get(short_name(div.name), [])) > 1
    if div.level == "county" and h["city"] and (ambiguous or rng.random() < 0.5):
        name = h["city"] + name
    elif div.level != "province" and ambiguous and h["province"]:
        name = h["province"] + name
    return div, name


def make_truth(rng: random.Random, idx: int, template: str | None = None) -> Truth:
    template = template or rng.choice(["2019", "2021"])
    if template == "pre2019":
        return make_pre2019_truth(rng, idx)
    div, name = _agency(rng)
    year = rng.choice([2019, 2020]) if template == "2019" else rng.choice([2021, 2022, 2023, 2024])
    big = rng.random() < 0.1
    s = spec()
    cells: dict = {}
    grid = s.grid(template)
    # table 二
    cells[ACTIVE] = {}
    for row, cols in grid[ACTIVE].items():
        vals = {}
        for col in cols:
            if col == "change_this_year":
                vals[col] = rng.randint(-5, 5) if big else 0
            elif col == "fee_amount":
                vals[col] = round(rng.random() * 1000, 2) if big else 0
            elif col == "procurement_amount":
                vals[col] = rng.randint(0, 900000) if big else 0
            else:
                vals[col] = _count(rng, big)
        cells[ACTIVE][row] = vals
    # table 三: consistent arithmetic unless we inject an error
    apps: dict = {}
    outcome_rows = [r for r in grid[APPLICATIONS] if r not in ("new_received", "carried_over", "total_processed", "carried_forward")]
    for row in grid[APPLICATIONS]:
        apps[row] = {c: 0 for c in APPLICANT_COLUMNS}
    for col in APPLICANT_COLUMNS[:-1]:
        weight = 1.0 if col == "natural_person" else 0.15
        n = _count(rng, big and rng.random() < weight, scale=40 if col == "natural_person" else 3)
        carried = rng.randint(0, 3) if big else 0
        apps["new_received"][col] = n
        apps["carried_over"][col] = carried
        remaining = n + carried
        forward = rng.randint(0, min(remaining, 3)) if remaining else 0
        processed = remaining - forward
        apps["carried_forward"][col] = forward
        apps["total_processed"][col] = processed
        for _ in range(processed):
            apps[rng.choice(outcome_rows[:4] + outcome_rows)][col] += 1
    for row in apps:
        apps[row]["total"] = sum(apps[row][c] for c in APPLICANT_COLUMNS[:-1])
    cells[APPLICATIONS] = apps
    review = {}
    for row in REVIEW_ROWS:
        parts = [_count(rng, big, scale=2) for _ in range(4)]
        review[row] = dict(zip(REVIEW_COLUMNS, [*parts, sum(parts)], strict=True))
    cells[REVIEW] = review
    meta = {"agency_name": name, "report_year": year, "template_version": template, "region_code": div.code,
            "admin_level": div.level}
    return Truth(f"synth_{idx:06d}", meta, cells)


def make_pre2019_truth(rng: random.Random, idx: int) -> Truth:
    """A free-form report from before the 2019 template: its figures are stated in prose."""
    div, name = _agency(rng)
    big = rng.random() < 0.1
    received = _count(rng, big, scale=20)
    figures = {
        "proactive_items_published": rng.randint(20, 3000) if big else rng.randint(0, 400),
        "applications_received": received,
        "administrative_review": _count(rng, big, scale=2),
        "litigation": _count(rng, big, scale=2),
    }
    if received:
        figures["applications_granted"] = rng.randint(0, received)
    meta = {"agency_name": name, "report_year": rng.randint(2009, 2018), "template_version": "pre2019",
            "region_code": div.code, "admin_level": div.level}
    truth = Truth(f"synth_{idx:06d}", meta, {}, figures, ["pre-2019 free-form report: figures come from prose"])
    if rng.random() < 0.5:
        # the old statistics table states more than the prose: the replies by outcome
        truth.statistics_table = rng.choice(["single", "single", "cumulative", "cumulative_first"])
        figures.setdefault("applications_granted", 0)  # the table prints every row
        rest = received - figures["applications_granted"]
        figures["applications_partially_granted"] = partial = rng.randint(0, rest)
        figures["applications_denied"] = rng.randint(0, rest - partial)
    return truth


# the old national statistics table: (label, unit, code of the figure it states or None)
STATISTICS_ROWS = [
    ("一、主动公开情况", "", None),
    ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "proactive_items_published"),
    ("其中：主动公开规范性文件数", "条", None), ("制发规范性文件总数", "件", None),
    ("三、依申请公开情况", "", None), ("（一）收到申请数", "件", "applications_received"),
    ("1.当面申请数", "件", None), ("2.网络申请数", "件", None), ("（二）申请办结数", "件", None),
    ("（三）申请答复数", "件", None), ("1.属于已主动公开范围数", "件", None),
    ("2.同意公开答复数", "件", "applications_granted"), ("3.同意部分公开答复数", "件", "applications_partially_granted"),
    ("4.不同意公开答复数", "件", "applications_denied"), ("其中：涉及国家秘密", "件", None),
    ("5.申请信息不存在数", "件", None), ("四、行政复议数量", "件", "administrative_review"),
    ("（一）维持具体行政行为数", "件", None), ("五、行政诉讼数量", "件", "litigation"), ("六、举报投诉数量", "件", None),
]


def statistics_table_rows(truth: Truth) -> list[list[str]]:
    """The statistics table of a pre-2019 truth, as rows of cells (header first); rows that state no figure
    of the truth hold small numbers of their own, 累计 columns larger ones."""
    rng = random.Random(truth.file)
    kind = truth.statistics_table
    head = {"single": ["统计数"], "cumulative": ["本年", "累计"], "cumulative_first": ["累计", "本年"]}[kind or "single"]
    rows = [["统计指标", "单位", *head]]
    for label, unit, code in STATISTICS_ROWS:
        if not unit:
            rows.append([label, ""] + [""] * len(head))
            continue
        year = truth.narrative.get(code) if code else rng.randint(0, 9)
        year = 0 if year is None else year
        total = year + rng.randint(0, 500)
        numbers = {"single": [year], "cumulative": [year, total], "cumulative_first": [total, year]}[kind or "single"]
        rows.append([label, unit, *map(str, numbers)])
    return rows


def _statistics_table_text(truth: Truth, layout: str) -> list[str]:
    rows = statistics_table_rows(truth)
    out = ["附表：政府信息公开情况统计表"]
    for i, row in enumerate(rows):
        if layout == "tabs":
            out.append("\t".join(row))
        elif layout == "pipes":
            out.append(" | ".join(row) + " |")
        elif layout == "markdown":
            out.append("| " + " | ".join(row) + " |")
            if i == 0:
                out.append("|" + "---|" * len(row))
        elif layout == "lines":
            out.extend(x for cell in row if cell for x in (cell, ""))
        elif layout == "concat":
            out.append("".join(row))
        else:  # spaces, aligned (and any other text layout)
            out.append(row[0].ljust(40) + "".join(c.rjust(8) for c in row[1:]))
    return out


def _proactive_sentence(year: int, items: int) -> str:
    """The year's count of items published, stated alone or after a count of all years (as of the year's end, or the
    site's total), by the report year (no random draw: the rest of the corpus stays as it was)."""
    everything = items * 7 + 100
    return (f"全年共主动公开政府信息{items}条，其中通过门户网站公开的占多数。",
            f"截至{year}年底，累计主动公开政府信息{everything}条，其中{year}年主动公开政府信息{items}条。",
            f"网站累计发布信息{everything}条，本年度主动公开政府信息{items}条。")[year % 3]


def render_pre2019_text(truth: Truth, layout: str = "lines") -> str:
    m, f = truth.metadata, truth.narrative
    parts = [f"{m['agency_name']}{m['report_year']}年政府信息公开工作年度报告",
             f"根据《中华人民共和国政府信息公开条例》要求，现公布{m['report_year']}年度本机关政府信息公开工作年度报告。",
             "一、概述", f"{m['report_year']}年，{m['agency_name']}高度重视政府信息公开工作，完善工作机制。",
             "二、主动公开政府信息情况", _proactive_sentence(m["report_year"], f["proactive_items_published"]),
             "三、依申请公开政府信息办理情况"]
    if f["applications_received"]:
        parts.append(f"全年共受理政府信息公开申请{f['applications_received']}件，其中予以公开{f['applications_granted']}件，"
                     "其余均已依法答复。")
    else:
        parts.append("本年度未收到公民、法人和其他组织提出的政府信息公开申请。")
    parts.append("四、因政府信息公开申请行政复议、提起行政诉讼的情况")
    review, litigation = f["administrative_review"], f["litigation"]
    if review:
        parts.append(f"全年发生涉及政府信息公开的行政复议案件{review}件。")
    else:
        parts.append("全年未发生涉及政府信息公开的行政复议。")
    if litigation:
        parts.append(f"发生行政诉讼案件{litigation}件。")
    else:
        parts.append("未发生涉及政府信息公开的行政诉讼。")
    parts.append("五、存在的主要问题及改进措施")
    parts.append("政府信息公开的内容和形式还需进一步丰富。")
    if truth.statistics_table and "html" not in layout:
        parts.extend(_statistics_table_text(truth, layout))
    return "\n".join(parts) + "\n"


def add_defects(truth: Truth, rng: random.Random, layout: str) -> Truth:
    """What real reports do to their tables: blank cells (where the layout keeps a blank's position) and
    arithmetic the source got wrong (kept as printed; the parse must flag it)."""
    if not truth.cells:
        return truth
    # one cell per line: the empty cells are blank lines, in one of the ways such text prints them (drawn from a
    # generator of its own, so that the corpus's other reports stay as they were before this layout had blanks)
    draw = random.Random(f"{truth.file}:lines") if layout == "lines" else rng
    if layout == "lines":
        truth.cell_lines = draw.choice([(1, 1), (1, 1), (0, 1), (1, 2)])
    truth.no_number = random.Random(f"{truth.file}:no_number").choice(["", "", "", "/", "-", "—", "——", "无"])
    if layout in ("lines", "tabs", "pipes", "markdown", "aligned", "html", "html_spans", "docx", "docx_spans", "pdf") \
            and draw.random() < 0.2:
        rows = [(row, col) for row, cols in truth.cells[ACTIVE].items() for col in cols]
        for row, col in draw.sample(rows, k=min(len(rows), draw.randint(1, 3))):
            truth.cells[ACTIVE][row][col] = None
    if layout in ("lines", "tabs", "pipes", "aligned", "html", "html_spans", "docx", "docx_spans", "pdf") \
            and draw.random() < 0.2:
        # a blank inside table 三's outcome rows (a PDF's text layer drops it: only its position tells)
        outcomes = [row for row in list(truth.cells[APPLICATIONS])[2:-2]]
        for row in draw.sample(outcomes, k=draw.randint(1, 2)):
            truth.cells[APPLICATIONS][row][draw.choice(APPLICANT_COLUMNS[:-1])] = None
    if layout in ("tabs", "pipes", "html", "html_spans", "docx_spans") and rng.random() < 0.1:
        after = truth.cells[REVIEW][REVIEW_ROWS[-1]]
        # a lost cell is only told apart from a printed blank where the layout keeps blank cells' places
        truth.review_last = rng.choice(["lost", "dropped", "blank"] if "html" not in layout else ["dropped", "blank"])
        if truth.review_last in ("dropped", "blank"):
            after["total"] = None
        elif any(after[c] is None for c in REVIEW_COLUMNS[:-1]):
            truth.review_last = "printed"
    if rng.random() < 0.1:
        truth.cells[APPLICATIONS]["total_processed"]["total"] += rng.choice([-1, 1, 10])
        if truth.cells[APPLICATIONS]["total_processed"]["total"] < 0:
            truth.cells[APPLICATIONS]["total_processed"]["total"] = 7
        truth.must_flag.append("table 三 totals do not add up: 总计 of （七）总计 is wrong as printed")
    return truth


def _fmt(v, no_number: str = "") -> str:
    if v is None:
        return no_number
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v)) if v == 0 else f"{v:.2f}"
    return str(v)


def table_rows(truth: Truth) -> list[tuple[str, list[str], list[str]]]:
    """Logical table content as (section, label cells, value cells) rows, in template order."""
    s = spec()
    template = truth.metadata["template_version"]
    out: list[tuple[str, list[str], list[str]]] = []
    for item, rows in ACTIVE_ITEMS[template]:
        cols = s.active_columns(rows[0], template)
        out.append(("二", [item], []))
        out.append(("二", ["信息内容", *[COLUMN_LABELS[c] for c in cols]], []))
        for row in rows:
            label = s.label(ACTIVE, "rows", row)
            if row == "normative_documents" and template == "2021":
                label = "行政规范性文件"
            rcols = s.active_columns(row, template)
            out.append(("二", [label], [_fmt(truth.cells[ACTIVE][row].get(c), truth.no_number) for c in rcols]))
    out.append(("三", ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"], []))
    out.append(("三", ["自然人", "法人或其他组织", "总计"], []))
    out.append(("三", APPLICANT_LABELS[1:6], []))
    for row, vals in truth.cells[APPLICATIONS].items():
        label = s.label(APPLICATIONS, "rows", row)
        out.append(("三", label.split(" "), [_fmt(vals[c], truth.no_number) for c in APPLICANT_COLUMNS]))
    out.append(("四", ["行政复议", "行政诉讼"], []))
    out.append(("四", ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"], []))
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    review = [_fmt(truth.cells[REVIEW][r][c], truth.no_number) for r in REVIEW_ROWS for c in REVIEW_COLUMNS]
    if truth.review_last in ("lost", "dropped"):
        review = review[:-1]
    out.append(("四", leaves[:-1] if truth.review_last == "dropped" else leaves, []))
    out.append(("四", [], review))
    return out


HEADINGS = {"二": "二、主动公开政府信息情况", "三": "三、收到和处理政府信息公开申请情况",
            "四": "四、政府信息公开行政复议、行政诉讼情况"}


def _prose(truth: Truth) -> tuple[str, str]:
    m = truth.metadata
    title = f"{m['agency_name']}{m['report_year']}年政府信息公开工作年度报告"
    body = (f"一、总体情况\n{m['report_year']}年，{m['agency_name']}认真贯彻落实《中华人民共和国政府信息公开条例》，"
            f"推进政务公开工作。")
    return title, body


def _tail() -> str:
    return "五、存在的主要问题及改进情况\n公开内容还有待完善。\n六、其他需要报告的事项\n无。"


def render_text(truth: Truth, layout: str) -> str:
    title, body = _prose(truth)
    parts = [title, body]
    section = None
    for sec, labels, values in table_rows(truth):
        if sec != section:
            parts.append(HEADINGS[sec])
            section = sec
        if layout == "lines":
            sep, empty = truth.cell_lines
            for cell in [*labels, *values]:
                parts.extend([cell, *[""] * sep] if cell else [""] * empty)
        elif layout == "tabs":
            parts.append("\t".join([*labels, *values]))
        elif layout == "pipes":
            parts.append(" | ".join([*labels, *values]) + " |")
        elif layout == "markdown":
            row = "| " + " | ".join([*labels, *values]) + " |"
            parts.append(row)
            if not values:
                parts.append("|" + "---|" * (len(labels) + len(values)))
        elif layout == "spaces":
            parts.append("  ".join(["".join(labels)] + [v.rjust(6) for v in values]) if labels else
                         "  ".join(v.rjust(4) for v in values))
        elif layout == "aligned":
            # pdftotext -layout: every column at the same character position on every row (labels, values and
            # a table 二 header's column labels centred in their fields), a blank cell only spaces
            width = ALIGNED_FIELD_WIDTH[sec]
            head, fields = ("".join(labels), values) if values or sec != "二" else (labels[0], labels[1:])
            row = (head.ljust(ALIGNED_LABEL_WIDTH) if head else " " * ALIGNED_LABEL_WIDTH) + "".join(
                f.center(width) for f in fields)
            parts.append(row.rstrip() if fields or not labels else "  ".join(labels))
        elif layout == "concat":
            parts.append("".join(labels) + "".join(values))
        else:
            raise ValueError(layout)
    parts.append(_tail())
    return "\n".join(parts) + "\n"


def render_html(truth: Truth, charset: str = "utf-8") -> bytes:
    title, body = _prose(truth)
    html = [f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{escape(title)}</title>',
            "<style>td{border:1px solid #000}</style><script>var nav = '首页';</script></head><body>",
            '<div class="nav"><a href="/">首页</a> &gt; <a href="#">政府信息公开</a> &gt; 年度报告</div>',
            f'<div class="article"><h1>{escape(title)}</h1><p>发布时间：{truth.metadata["report_year"] + 1}-01-20</p>',
            "".join(f"<p>{escape(p)}</p>" for p in body.split("\n"))]
    section = None
    for sec, labels, values in table_rows(truth):
        if sec != section:
            if section is not None:
                html.append("</table>")
            html.append(f"<p><strong>{escape(HEADINGS[sec])}</strong></p><table>")
            section = sec
        cells = [f"<td>{escape(lab)}</td>" for lab in labels]
        if sec == "三" and len(labels) == 2 and values:
            # group label and item in two cells: render the group as a rowspan cell once
            cells = [f"<td>{escape(labels[0])}</td>", f"<td>{escape(labels[1])}</td>"]
        elif sec == "三" and len(labels) == 1 and values:
            cells = [f'<td colspan="2">{escape(labels[0])}</td>']
        cells += [f"<td>{escape(v) if v else '&nbsp;'}</td>" for v in values]
        html.append("<tr>" + "".join(cells) + "</tr>")
    html.append("</table>")
    html.append("".join(f"<p>{escape(p)}</p>" for p in _tail().split("\n")))
    html.append('</div><div class="footer">主办单位：人民政府办公室 ICP备05004767号 <a href="#">打印</a></div></body></html>')
    return "\n".join(html).encode(charset)


def _word_cell(text: str, colspan: int = 1, rowspan: int = 1) -> str:
    """A cell as a Word-to-HTML page prints it: attributes, a styled paragraph and span inside, `<br/>`
    in long labels, `&nbsp;` for a blank."""
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    if not text:
        inner = "&nbsp;"
    else:
        inner = escape(text)
        if len(text) > 12 and not text[0].isdigit():
            cut = len(text) // 2
            inner = escape(text[:cut]) + "<br/>" + escape(text[cut:])
    return (f'<td valign="center"{attrs} style="border:1px solid windowtext"><p style="text-align:center">'
            f'<span style="font-family:仿宋_GB2312;font-size:14px">{inner}</span></p></td>')


GridCell = tuple[str, int, int]  # a merged-table cell: text, columns and rows it spans


def _grid_rows(truth: Truth) -> dict[str, list[list[GridCell]]]:
    """The three tables as the national template prints them: merged header cells, group labels spanning
    their items (rowspan), single-value rows spanning the width (colspan); each row its own cells, a cell
    that a span from above covers left out (as HTML prints it)."""
    s = spec()
    template = truth.metadata["template_version"]

    def td(text: str, colspan: int = 1, rowspan: int = 1) -> GridCell:
        return (text, colspan, rowspan)

    active: list[list[GridCell]] = []
    for item, rows in ACTIVE_ITEMS[template]:
        cols = s.active_columns(rows[0], template)
        spans = [1] * len(cols) if len(cols) == 3 else [1, 2] if len(cols) == 2 else [3]
        active.append([td(item, colspan=4)])
        active.append([td("信息内容")] + [td(COLUMN_LABELS[c], colspan=n) for c, n in zip(cols, spans, strict=True)])
        for row in rows:
            label = "行政规范性文件" if row == "normative_documents" and template == "2021" else s.label(ACTIVE, "rows", row)
            vals = [_fmt(truth.cells[ACTIVE][row].get(c), truth.no_number) for c in s.active_columns(row, template)]
            active.append([td(label)] + [td(v, colspan=n) for v, n in zip(vals, spans, strict=True)])
    apps = [[td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3),
             td("申请人情况", colspan=7)],
            [td("自然人", rowspan=2), td("法人或其他组织", colspan=5), td("总计", rowspan=2)],
            [td(lab) for lab in APPLICANT_LABELS[1:6]]]
    rows = list(truth.cells[APPLICATIONS])
    groups: dict[str, int] = {}
    for row in rows:
        label = s.label(APPLICATIONS, "rows", row)
        if " " in label:
            groups[label.split(" ")[0]] = groups.get(label.split(" ")[0], 0) + 1
    outcome_rows = rows[2:-1]
    started: set[str] = set()
    for row in rows:
        label = s.label(APPLICATIONS, "rows", row)
        vals = [td(_fmt(truth.cells[APPLICATIONS][row][c], truth.no_number)) for c in APPLICANT_COLUMNS]
        head = [td("三、本年度办理结果", rowspan=len(outcome_rows))] if row == outcome_rows[0] else []
        if row not in outcome_rows:
            apps.append([td(label, colspan=3)] + vals)
        elif " " in label:
            group, item = label.split(" ", 1)
            first = group not in started
            started.add(group)
            apps.append(head + ([td(group, rowspan=groups[group])] if first else []) + [td(item)] + vals)
        else:
            apps.append(head + [td(label, colspan=2)] + vals)
    review = [_fmt(truth.cells[REVIEW][r][c], truth.no_number) for r in REVIEW_ROWS for c in REVIEW_COLUMNS]
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    dropped = truth.review_last == "dropped"
    if truth.review_last in ("lost", "dropped"):
        review = review[:-1]
    last_block = leaves[:-1] if dropped else leaves
    reviews = [[td("行政复议", colspan=5), td("行政诉讼", colspan=9 if dropped else 10)],
               [td(lab, rowspan=2) for lab in leaves] + [td("未经复议直接起诉", colspan=5),
                                                          td("复议后起诉", colspan=len(last_block))],
               [td(lab) for lab in leaves + last_block],
               [td(v) for v in review]]
    return {"二": active, "三": apps, "四": reviews}


def render_html_spans(truth: Truth, charset: str = "utf-8") -> bytes:
    """The page as government sites publish the national template: the tables' merged cells as
    rowspan/colspan (header and data rows not aligned by cell index), Word's cell markup, site chrome."""
    title, body = _prose(truth)
    html = [f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
            f"<title>{escape(title)}</title></head><body>",
            '<div class="top"><a href="/">网站首页</a> | <a href="#">无障碍</a></div>',
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a> &gt; 年报</div>',
            f'<div class="TRS_Editor"><p style="text-align:center"><strong>{escape(title)}</strong></p>',
            "".join(f'<p style="text-indent:2em">{escape(p)}</p>' for p in body.split("\n"))]
    for sec, rows in _grid_rows(truth).items():
        html.append(f'<p style="text-indent:2em"><strong>{escape(HEADINGS[sec])}</strong></p>')
        html.append('<table border="1" cellspacing="0" cellpadding="0" width="600"><tbody>')
        html.extend("<tr>" + "".join(_word_cell(*cell) for cell in row) + "</tr>" for row in rows)
        html.append("</tbody></table>")
    html.append("".join(f'<p style="text-indent:2em">{escape(p)}</p>' for p in _tail().split("\n")))
    html.append('</div><div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>'
                '<div class="footer">主办单位：人民政府办公室 ICP备05004767号 <a href="#">打印</a> <a href="#">关闭</a></div>'
                "</body></html>")
    return "\n".join(html).encode(charset)


def render_docx(truth: Truth) -> bytes:
    """A minimal WordprocessingML document: paragraphs and real tables."""
    title, body = _prose(truth)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def para(text: str) -> str:
        return f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"

    xml = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>', para(title)]
    xml += [para(p) for p in body.split("\n")]
    section = None
    rows: list[str] = []

    def flush() -> None:
        if rows:
            xml.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
            rows.clear()

    for sec, labels, values in table_rows(truth):
        if sec != section:
            flush()
            xml.append(para(HEADINGS[sec]))
            section = sec
        tcs = "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>" for c in [*labels, *values])
        rows.append(f"<w:tr>{tcs}</w:tr>")
    flush()
    xml += [para(p) for p in _tail().split("\n")]
    xml.append("</w:body></w:document>")
    return docx_package("".join(xml))


def docx_package(document_xml: str) -> bytes:
    """A .docx holding `document_xml` as word/document.xml, with the content types and the package relationship
    a word processor needs to open it (LibreOffice converts it to PDF)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                    'wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                    'Target="word/document.xml"/></Relationships>')
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_W_RUN = '<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="28"/></w:rPr>'


def _word_paragraph(text: str) -> str:
    """A paragraph as Word saves it: the text in several runs (Word splits runs at edits and spell checks),
    a proofing mark between them, a long label wrapped with a line break; an empty paragraph for a blank."""
    if not text:
        return "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>"
    cut = max(1, len(text) // 3) if len(text) > 3 else len(text)
    runs = [f"{_W_RUN}<w:t>{escape(text[:cut])}</w:t></w:r>"]
    rest = text[cut:]
    if rest:
        runs.append('<w:proofErr w:type="spellStart"/>')
        if len(text) > 12 and not text[0].isdigit():
            half = len(rest) // 2
            runs.append(f"{_W_RUN}<w:t>{escape(rest[:half])}</w:t><w:br/><w:t>{escape(rest[half:])}</w:t></w:r>")
        else:
            runs.append(f"{_W_RUN}<w:t xml:space=\"preserve\">{escape(rest)}</w:t></w:r>")
        runs.append('<w:proofErr w:type="spellEnd"/>')
    return "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>" + "".join(runs) + "</w:p>"


def _word_grid(columns: int) -> list[int]:
    """Column widths (twentieths of a point) of the template's tables as Word lays them out on an A4 page:
    table 四's 15 narrow columns, table 二's label and its values, table 三's three label columns and 7 values."""
    if columns >= 15:
        return [600] * columns
    if columns <= 4:
        return [2600] + [2100] * (columns - 1)
    return [1000, 1000, 1700] + [700] * (columns - 3)


def _word_table(rows: list[list[GridCell]]) -> str:
    """A merged table as Word stores it: a span across columns is one cell with gridSpan; a span down rows
    is a cell with vMerge="restart" and, in each row below, an empty cell with vMerge at the same columns."""
    below: dict[int, tuple[int, int]] = {}  # grid column -> (rows still covered, columns) of a span from above
    widths = _word_grid(max(sum(c[1] for c in row) for row in rows) if rows else 0)
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
           "</w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]

    def tc(text: str, colspan: int, merge: str | None) -> str:
        props = (f'<w:gridSpan w:val="{colspan}"/>' if colspan > 1 else "") + (
            '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
        width = sum(widths[col:col + colspan]) or 1000
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{props}</w:tcPr>{_word_paragraph(text)}</w:tc>'

    for row in rows:
        cells = list(row)
        tcs: list[str] = []
        col = 0  # the grid column the next cell starts at (tc reads it for the cell's width)
        while cells or col in below:
            if col in below:
                left, span = below[col]
                tcs.append(tc("", span, "continue"))
                if left == 1:
                    del below[col]
                else:
                    below[col] = (left - 1, span)
                col += span
                continue
            text, colspan, rowspan = cells.pop(0)
            tcs.append(tc(text, colspan, "restart" if rowspan > 1 else None))
            if rowspan > 1:
                below[col] = (rowspan - 1, colspan)
            col += colspan
        out.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def render_docx_spans(truth: Truth) -> bytes:
    """The national template as a Word attachment: the tables' merged cells (gridSpan, vMerge), text in
    several runs with proofing marks and line breaks, prose paragraphs as Word saves them."""
    title, body = _prose(truth)
    xml = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W_NS}><w:body>',
           _word_paragraph(title)]
    xml += [_word_paragraph(p) for p in body.split("\n")]
    for sec, rows in _grid_rows(truth).items():
        xml.append(_word_paragraph(HEADINGS[sec]))
        xml.append(_word_table(rows))
    xml += [_word_paragraph(p) for p in _tail().split("\n")]
    xml.append("<w:sectPr/></w:body></w:document>")
    return docx_package("".join(xml))


def render(truth: Truth, layout: str, script: str = "simplified", encoding: str = "utf-8") -> tuple[str, bytes]:
    """(file name, bytes) of the truth rendered in a layout; `script="traditional"` converts the whole
    document (OpenCC s2t, as a Hong Kong or Taiwan copy would be), `encoding` applies to text and HTML.
    PDFs are printed from the HTML rendering by Chromium (benchmarks/corpus.py)."""
    if truth.metadata["template_version"] == "pre2019":
        text = render_pre2019_text(truth, layout)
        if layout in ("html", "html_spans"):
            body = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
            if truth.statistics_table:
                body += "<p>附表：政府信息公开情况统计表</p><table>" + "".join(
                    "<tr>" + "".join(f"<td>{escape(c) or '&nbsp;'}</td>" for c in row) + "</tr>"
                    for row in statistics_table_rows(truth)) + "</table>"
            text = f'<!DOCTYPE html><html><head><meta charset="{encoding}"></head><body><div class="nav">首页</div>{body}</body></html>'
        return truth.file + (".html" if "html" in layout else ".txt"), _script(text, script).encode(encoding)
    if layout in ("html", "html_spans"):
        page = render_html(truth, charset=encoding) if layout == "html" else render_html_spans(truth, encoding)
        return truth.file + ".html", _script(page.decode(encoding), script).encode(encoding)
    if layout == "docx":
        return truth.file + ".docx", render_docx(truth)
    if layout == "docx_spans":
        return truth.file + ".docx", render_docx_spans(truth)
    return truth.file + ".txt", _script(render_text(truth, layout), script).encode(encoding)


def _script(text: str, script: str) -> str:
    if script == "simplified":
        return text
    import opencc

    return opencc.OpenCC("s2t").convert(text)
