"""Figures stated in prose (and in the pre-2019 statistics table), each with its source position.

Each phrase is a list of alternative regexes, searched separately, the leftmost match winning (ties go to
the earlier alternative, as in a regex alternation). An alternative either begins with a literal, so the
regex engine jumps between the literal's occurrences instead of trying every position of a 10 KB text, or
begins with a number (or a lookbehind: (?<!不)同意公开) and names the literal it ends with (`ends_with`): then
only the short windows ending at that literal's occurrences are searched. Its matches cannot overlap a later
one's number (no digits in their gaps), so the first window that matches holds the leftmost match.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from ingestion.normalize import compact
from ingestion.numerals import COUNT, numeral_value
from ingestion.result import Figure, Position

# a count as prose states it: 1,234, or in ten thousands (2.3万条; not 2.3万余条, "more than": no exact figure), or
# in numerals (收到申请两件, 一百零五条)
_NUM = r"(\d[\d,]*(?:(?:\.\d+)?万(?![余多]))?|" + COUNT + ")"
# what applications, and review and litigation cases, are counted in (not 一件事一次办, 一次性告知: slogans)
_APPLICATIONS = r"[件份宗项](?![事性])(?![^\d。;；,，]{0,4}(?:咨询|投诉|建议|提案|信访|来信|来访|举报|留言))"
_CASES = r"[件起宗次](?![事性])"
_WINDOW = 80  # longest match an `ends_with` alternative is searched for (a 30-character gap and a number)


@dataclass(frozen=True)
class Alternative:
    pattern: re.Pattern
    ends_with: str | None = None  # None: the pattern begins with a literal


@dataclass(frozen=True)
class Phrase:
    code: str
    alternatives: tuple[Alternative, ...]
    fixed: int | None = None  # the value of a phrase without a number (zero phrases give 0)
    this_year_only: bool = False  # a count stated as cumulative (截至…累计) is skipped: the year's may follow it
    # a count of one kind of item (主动公开规范性文件12件, 其中…) gives way to a count of all items stated later
    whole_first: bool = False


def _phrase(code: str, *alternatives: str | tuple[str, str], fixed: int | None = None,
            this_year_only: bool = False, whole_first: bool = False) -> Phrase:
    return Phrase(code, tuple(Alternative(re.compile(a)) if isinstance(a, str) else Alternative(re.compile(a[0]), a[1])
                              for a in alternatives), fixed, this_year_only, whole_first)


# The first match of a code wins (earlier phrases of the code first).
# a character between 收到/受理 and a count that is not the start of another matter received (人大代表建议12件,
# 行政许可事项1200件, 信访件)
_NOT_OTHER_MATTERS = r"(?:(?!建议|提案|信访|来信|来访|举报|投诉|咨询|留言|复议|诉讼|许可|审批|业务)[^\d。;；,，])"
# 申请 that is not of another matter (行政复议申请, 行政许可申请, 审批申请)
_OWN_APPLICATION = r"(?<!复议)(?<!许可)(?<!审批)"
# a section on review and litigation that says only 无: 行政复议、行政诉讼情况：无。 (or the heading, then 本年度无。)
_NONE_STATED = r"情况[:：]?\s*(?:本年度|全年|今年)?(?:无|没有)[。.\s]"
# one count stated for both: 行政复议、行政诉讼均为0件
_BOTH = r"行政复议(?:案件)?[、和及与]\s*(?:行政)?诉讼(?:案件)?(?:均为|均是|都是|都为|均|各)\s*" + _NUM + r"\s*" + _CASES
_OUTCOME_COUNT = r"(?:的|为)?\s*" + _NUM + r"\s*件"
# after a matter said to be none (无行政诉讼。), its clause ends
_CLAUSE_END = r"(?=[。；;，,\s]|$)"
PHRASES: list[Phrase] = [
    # (a year's 累计 is the year's count: 2018年累计主动公开政府信息数577条, in a real report; see _CUMULATIVE)
    _phrase("proactive_items_published", r"主动公开[^\d。;；]{0,20}?" + _NUM + r"\s*[条件篇]", this_year_only=True,
            whole_first=True),
    _phrase("proactive_items_published", (r"(?:发布|公开)[^\d。;；]{0,30}?信息共?\s*" + _NUM + r"\s*条", "条"),
            this_year_only=True, whole_first=True),
    # 收到…申请3件, or further from its count: 接到公民、法人或其他组织提出的政府信息公开申请2件 (one regex per
    # literal: a second alternative of the same literal would scan the text again); 依申请公开事项7件
    _phrase("applications_received",
            *(w + r"(?:" + _NOT_OTHER_MATTERS + r"{0,15}?" + _NUM + r"\s*" + _APPLICATIONS + r"|[^\d。;；]{0,40}?"
              + _OWN_APPLICATION + r"申请\s*(?:共计|共|计)?\s*" + _NUM + r"\s*(?:" + _APPLICATIONS + "|条))"
              for w in ("收到", "受理", "接到", "接收")),
            # 办理 (handled) only with 申请 before the count: 办理 names other matters too (办理行政许可…件)
            r"办理[^\d。;；\n]{0,20}?" + _OWN_APPLICATION + r"申请\s*(?:共计|共|计)?\s*" + _NUM + r"\s*" + _APPLICATIONS,
            # (not 依申请公开信息 39 件: items listed for disclosure on application, in a real report)
            r"依申请公开(?:事项|申请)\s*(?:共计|共|计)?\s*" + _NUM + r"\s*" + _APPLICATIONS),
    # (one regex per literal, its forms as alternatives; 本年度，无政府信息公开申请。: the clause ends there, not
    # 无政府信息公开申请引起的…)
    _phrase("applications_received",
            r"未(?:收到|受理|接到)[^。;；]{0,30}?(?<!复议)(?<!诉讼)申请",
            r"没有(?:(?:收到|受理|接到)[^。;；]{0,30}?(?<!复议)(?<!诉讼)申请|(?:政府)?信息公开申请(?:事项)?" + _CLAUSE_END + ")",
            r"无(?:人[^。;；]{0,12}?(?:提交|提出)[^。;；]{0,12}?申请|依?申请公开|(?:政府)?信息公开申请(?:事项)?"
            + _CLAUSE_END + ")",
            r"零申请", fixed=0),
    # an outcome and its count: 予以公开10件, or 予以公开的10件 / 为10件
    _phrase("applications_granted", (_NUM + r"\s*[项件]申请均?予以公开", "予以公开"),
            "予以公开" + _OUTCOME_COUNT, ("(?<!不)同意公开" + _OUTCOME_COUNT, "件"),
            # the old statistics table's words in prose: 同意公开答复数17条
            *(("(?<!不)同意公开答复(?:总)?数(?:为)?\s*" + _NUM + r"\s*" + unit, unit) for unit in "条件")),  # 不同意公开 is a denial
    _phrase("applications_partially_granted", r"部分公开" + _OUTCOME_COUNT),
    _phrase("applications_denied", r"不予公开" + _OUTCOME_COUNT, r"不同意公开" + _OUTCOME_COUNT),
    _phrase("administrative_review", r"行政复议(?:案件|申请)?\s*" + _NUM + r"\s*" + _CASES, _BOTH),
    _phrase("administrative_review",
            # (无行政复议和行政诉讼。: none of either)
            *(w + r"(?:(?:发生|收到|出现|接到|涉及|被申请)[^。;；]{0,20}?复议"
              + ("" if w == "未" else r"|行政复议(?:案件)?(?=[、和及与或。；;，,\s]|$)") + ")" for w in ("未", "没有", "无")),
            (r"(?:未有?|没有|无)因[^。;；]{0,30}?复议", "复议"), r"复议[^。;；\d]{0,20}?" + _NONE_STATED, fixed=0),
    _phrase("litigation", r"行政诉讼(?:案件)?\s*" + _NUM + r"\s*" + _CASES, _BOTH),
    _phrase("litigation",
            *(w + r"(?:(?:发生|被提起|出现|收到|涉及)[^。;；]{0,24}?诉讼"
              + ("" if w == "未" else r"|(?:行政复议(?:案件)?[、和及与或])?行政诉讼(?:案件)?" + _CLAUSE_END) + ")"
              for w in ("未", "没有", "无")),
            (r"(?:未有?|没有|无)因[^。;；]{0,36}?诉讼", "诉讼"), r"诉讼[^。;；\d]{0,12}?" + _NONE_STATED, fixed=0),
]


def _search_ending(pattern: re.Pattern, text: str, literal: str, pos: int = 0) -> re.Match | None:
    i = text.find(literal, pos)
    while i >= 0:
        stop = i + len(literal)
        m = pattern.search(text, max(pos, stop - _WINDOW), stop)
        if m:
            return m
        i = text.find(literal, i + 1)
    return None


def first_match(phrase: Phrase, text: str, pos: int = 0) -> re.Match | None:
    """The leftmost match of any of the phrase's alternatives, from `pos`."""
    best: re.Match | None = None
    for alt in phrase.alternatives:
        m = (alt.pattern.search(text, pos) if alt.ends_with is None
             else _search_ending(alt.pattern, text, alt.ends_with, pos))
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


# A count of all years so far: 截至2018年底，累计主动公开…15000条 (as of), 网站累计…, 历年…; its clause marks it. Not
# 2018年累计主动公开…577条 or 本年度累计…: a real report (seed 001) counts its year so.
_CUMULATIVE = re.compile(r"截至|截止|历年|(?<![年度])累计")
_CLAUSE_ENDS = "。；;，,\n"
_CLAUSE = 60  # characters before a figure searched for its clause's start


def _start_before(text: str, pos: int, ends: str, reach: int) -> int:
    """Where the clause (or sentence: `ends` are the characters that end one) holding `pos` starts: after the
    last of `ends` before it, looking back at most `reach` characters."""
    floor = max(0, pos - reach)
    return max(floor, max(text.rfind(ch, floor, pos) for ch in ends) + 1)


def _cumulative(text: str, m: re.Match) -> bool:
    """Whether the figure `m` matched is stated as a cumulative count (in its clause, up to its number)."""
    clause = _start_before(text, m.start(), _CLAUSE_ENDS, _CLAUSE)
    return _CUMULATIVE.search(text, clause, m.start(_number_group(m))) is not None


# What a count of all items names between its verb (主动公开, 发布) and its number: nothing, the items in general
# (各类政府信息, 信息, 文件) or kinds listed up to 等 (动态信息、工作总结等信息共183条, in a real report), with the words
# that lead to a total (共计, 总数为, 达到). 主动公开规范性文件12件 names one kind.
_VERB = re.compile(r"主动公开|发布|公开")
_ALL_ITEMS = re.compile(r"(?:[^\d。;；]*等)?(?:各类|各项|全部)?(?:政府|政务)?(?:信息|文件|公文)?"
                        r"(?:总数|总量|数量|条数|数)?(?:共计|合计|总计|共|计|达到|达|为|是|[:：])*")
_SENTENCE_ENDS = "。；;！？!?"
_SENTENCE = 120  # characters before a figure searched for its sentence's start


def _a_part(text: str, m: re.Match) -> bool:
    """Whether the figure `m` matched counts one kind of item (the words between its verb and its number name
    a kind) or a part of a count stated before it (其中 earlier in its sentence)."""
    number_at = m.start(_number_group(m))
    gap = text[m.start():number_at]
    verb = _VERB.match(gap)
    if not _ALL_ITEMS.fullmatch(compact(gap[verb.end():] if verb else gap)):
        return True
    return "其中" in text[_start_before(text, m.start(), _SENTENCE_ENDS, _SENTENCE):number_at]


# a subject that is some of the bodies a report covers: 县直各单位, 各乡镇, 各部门 (their count is a part)
_SOME_BODIES = re.compile(r"(?:[县市区省]直|各(?:单位|部门|乡镇|街道|科室|处室|镇街|成员单位))[^。;；，,\d]{0,6}$")


def _by_some_bodies(text: str, m: re.Match) -> bool:
    """Whether the figure's subject, just before it in its clause, is some of the bodies (县直各单位主动公开…)."""
    return _SOME_BODIES.search(text, max(0, m.start() - 14), m.start()) is not None


def _number_group(m: re.Match) -> int:
    """The group holding a phrase's number: the first that took part in the match (alternatives each have one)."""
    return next(i for i in range(1, m.re.groups + 1) if m.group(i) is not None)


def _count(number: str) -> int | float:
    """A count as stated: 1,234 -> 1234; 2.3万 -> 23000 (exactly: ten thousands, as decimal digits); 两 -> 2."""
    number = number.replace(",", "")
    if not number.endswith("万"):
        return numeral_value(number)
    value = Decimal(number[:-1]) * 10000
    return int(value) if value == value.to_integral_value() else float(value)


def extract_narrative(text: str, start: int = 0, end: int | None = None) -> dict[str, Figure]:
    """Narrative figures found in text[start:end]; positions are offsets and lines of `text`."""
    region = text[start:end]
    found: dict[str, tuple[Phrase, re.Match]] = {}
    parts: dict[str, tuple[Phrase, re.Match]] = {}  # a code's first count of a part, if no count of all follows
    for phrase in PHRASES:
        if phrase.code in found:
            continue
        m = _next_figure(phrase, region, 0)
        if phrase.whole_first:
            while m and ((some := _by_some_bodies(region, m)) or _a_part(region, m)):
                if not some:  # some bodies' count is no count of the whole, even alone
                    parts.setdefault(phrase.code, (phrase, m))
                # from the next character: a match starting later may end at the same number, its verb nearer
                # (公开工作年度报告…发布各类政府信息4567条 holds 发布各类政府信息4567条)
                m = _next_figure(phrase, region, m.start() + 1)
        if m:
            found[phrase.code] = (phrase, m)
    out: dict[str, Figure] = {}
    for phrase in PHRASES:  # in the phrases' order, whether a figure is a count of all or of a part
        code = phrase.code
        if code in out:
            continue
        phrase, m = found.get(code) or parts.get(code) or (phrase, None)
        if m is None:
            continue
        value = phrase.fixed if phrase.fixed is not None else _count(m.group(_number_group(m)))
        offset = start + m.start()
        out[code] = Figure(value, m.group(0), Position(text.count("\n", 0, offset) + 1, offset=offset))
    return out


def _next_figure(phrase: Phrase, text: str, pos: int) -> re.Match | None:
    """The phrase's first match from `pos`, past counts of all years when the phrase wants the year's."""
    m = first_match(phrase, text, pos)
    if phrase.this_year_only:
        while m and _cumulative(text, m):  # the count of all years: the year's may follow it
            m = first_match(phrase, text, m.end())
    return m


def offset_of_line(text: str, line: int) -> int:
    """The offset in `text` where its 1-based `line` starts."""
    pos = 0
    for _ in range(line - 1):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos
