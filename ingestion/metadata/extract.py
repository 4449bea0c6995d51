"""Report metadata: agency name, year, publish date, region; recovering names damaged by spam."""

import datetime as dt
import re
from collections import Counter
from itertools import islice

from ingestion.issue_codes import issue
from ingestion.metadata.regions import (
    Division,
    division_from_area_code,
    division_from_postal_code,
    divisions,
    find_division_names,
    former_name,
    hierarchy,
    name_index,
)
from ingestion.normalize import compact
from ingestion.numerals import DIGIT, DIGITS, numeral_value
from ingestion.result import Issue, Metadata

_AGENCY_SUFFIX = (r"(?:人民政府办公厅|人民政府办公室|人民政府|政府办公室|办公厅|办公室|委员会|管理委员会|"
                  r"局|厅|委|署|院|中心|政府|管委会|办)")
_ENDS_AS_NAME = re.compile(_AGENCY_SUFFIX + "$")  # a line that ends as an agency's name does
# what a title says it reports on, and the characters an agency's name in it may hold
_SUBJECT = r"(?:政府信息公开|政务信息公开|信息公开|政务公开)"
_NAME_CHAR = r"[^\d，。、；：,;:]"
_TITLE = re.compile(r"^(?P<name>.{0,40}?)(?:关于)?(?P<year>(?:19|20)\d{2})年度?(?:[^\d]{0,6})?" + _SUBJECT)
# a title that names its year first: 2021年度佛山市南海区教育局政府信息公开工作年度报告
_TITLE_YEAR_FIRST = re.compile(r"^(?P<year>(?:19|20)\d{2})年度?(?P<name>(?![本我该])[\u4e00-\u9fff]" + _NAME_CHAR
                               + r"{1,39}?" + _AGENCY_SUFFIX + r")(?:关于)?" + _SUBJECT)
# a title that names its year after the subject: 宿迁市科学技术局政府信息公开工作2019年度报告
_TITLE_YEAR_AFTER = re.compile(r"^(?P<name>" + _NAME_CHAR + r"{2,40}?" + _AGENCY_SUFFIX + r")(?:关于)?" + _SUBJECT
                               + r"(?:工作)?(?P<year>(?:19|20)\d{2})年度?")
# a title that names no year: 宿迁市科学技术局政府信息公开工作年度报告 (the year is then read from the body)
_TITLE_NO_YEAR = re.compile(r"(?:关于)?(?P<name>" + _NAME_CHAR + r"{2,40}?" + _AGENCY_SUFFIX + r")(?:关于)?" + _SUBJECT
                            + r"(?:工作)?年度报告")
# what a site puts before the agency's name in a title: a column tag (【年度报告】), 关于; Markdown's heading and bold
_TITLE_PREFIX = re.compile(r"^(?:【[^】]{0,12}】|\[[^\]]{0,12}\]|关于|#{1,6}|\*{1,2})+")
# the date and time a browser prints at the head of each page it prints (11/23/26, 7:05 PM; 2024/1/20 上午10:30),
# a column's width (two spaces or more) before the title it prints beside them
_PRINT_DATE = re.compile(r"^\s*(?=[^\s]*\d)(?:[\x21-\x7e]+|[上下]午[\x21-\x7e]+)(?:[ \t](?:[\x21-\x7e]+|[上下]午[\x21-\x7e]*))*"
                         r"[ \t\u3000]{2,}(?=[^\s年])")  # (2023  年度… is a title's own year, spaced out)
_SPAM = re.compile(r"[A-Za-z0-9,，.。!！?？|/:：]+|体育|投注|彩票|娱乐|棋牌|博彩|赌场|真人|开户|官网|手机|平台|下载")
_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|时间|日期)[:：]?\s*((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_POSTAL = re.compile(r"(?:邮政编码|邮编)[:：]?\s*(\d{6})")
# a telephone number 0571-12345678; the pattern begins with its literal 0 (the "no digit before" test follows
# as a lookbehind) so the regex engine jumps between 0s instead of trying every position
_AREA = re.compile(r"(0(?<!\d0)\d{2,3})\s*[-—–]\s*\d{7,8}(?!\d)")
_DOCNO = re.compile(r"([\u4e00-\u9fff])[\u4e00-\u9fff]{0,3}[发函字]\s*[〔\[(【]\s*(?:19|20)\d{2}")
_BODY_AGENCY = re.compile(r"([\u4e00-\u9fff]{2,12}?" + _AGENCY_SUFFIX + r")")


TITLE_FIELDS = ("标题", "题目", "文章标题", "名称")  # a page's field that holds the report's title
_TITLE_LABEL = re.compile(rf"^(?:{'|'.join(TITLE_FIELDS)})[:：]")  # such a field's label before the title (标    题: …)
TRUSTED_TITLE_LINES = 25  # the first lines, where a title is taken as found
TITLE_LINES = 60  # lines searched: a page printed with its site's chrome (menus, breadcrumbs) puts the title lower


def find_title(lines: list[str]) -> tuple[str | None, int | None, int | None]:
    """(agency name as titled, year, line index) from the report's title line(s)."""
    for i, raw in enumerate(lines[:TITLE_LINES]):
        text = _TITLE_LABEL.sub("", compact(_PRINT_DATE.sub("", raw)))
        if len(text) > 90:
            continue
        m = _TITLE.search(text)
        if m is None or not m.group("name"):
            m = _TITLE_YEAR_FIRST.search(text) or _TITLE_YEAR_AFTER.search(text) or m
        if m is None and i + 1 < len(lines) and len(joined := text + compact(lines[i + 1])) <= 90:
            # a title wrapped inside its year or its 政府信息公开 (a PDF's long title: …局2022 / 年政府信息公开…):
            # the line break must fall inside the matched year-and-phrase, not before it (a heading above prose)
            m = _TITLE.search(joined)
            if m is not None and m.start("year") < len(text) < m.end():
                text = joined
            else:
                m = None
        if not m or not any(w in text or w in compact(" ".join(lines[i:i + 2])) for w in ("报告", "年报")):
            continue
        name = _TITLE_PREFIX.sub("", m.group("name").strip("《》\"“”:： "))
        # a cover letter's title (…管理局关于报送2020年度…报告的函): the body's name ends where 关于 begins
        name = name.split("关于", 1)[0] if "关于" in name[2:] else name
        if i >= TRUSTED_TITLE_LINES and not (name and _ENDS_AS_NAME.search(name)):
            continue  # below a page's chrome, only a title that names a body (a sentence of prose may look alike)
        if name and i > 0 and m.start("name") == 0:
            name = _wrapped_name(lines, i, name) or name
        if not name:
            # the name may sit on the line above (PDF title split over two lines)
            for j in range(i - 1, max(-1, i - 3), -1):
                prev = compact(lines[j])
                if prev and len(prev) <= 30 and _ENDS_AS_NAME.search(prev):
                    # its place on the line above it: 宿迁市宿城区 / 人民政府办公室
                    above = _wrapped_name(lines, j, prev) if j > 0 and _names_a_place(compact(lines[j - 1])) else None
                    name = above or prev
                    break
        return name or None, int(m.group("year")), i
    for i, raw in enumerate(lines[:TRUSTED_TITLE_LINES]):
        m = _TITLE_NO_YEAR.fullmatch(compact(_PRINT_DATE.sub("", raw)))
        if m:
            return _TITLE_PREFIX.sub("", m.group("name")) or None, None, i
    return None, None, None


_NAME_FRAGMENT = re.compile(r"[\u4e00-\u9fff]{2,40}")
_SUFFIX_ONLY = re.compile(_AGENCY_SUFFIX)


def _wrapped_name(lines: list[str], i: int, name: str) -> str | None:
    """A title whose agency name wrapped (a PDF's long title: 临沧市双江…自治县农业农村 / 局2020年政府信息公开…):
    the line above, Chinese characters only and not a name of its own (no agency suffix at its end), begins the
    name, when the name on the title line is only a suffix (局), names no place where the line above does
    (国家税务总局宿迁市 / 税务局), or the body names the agency with both parts."""
    prev = compact(lines[i - 1])
    if not _NAME_FRAGMENT.fullmatch(prev) or _ENDS_AS_NAME.search(prev):
        return None
    joined = prev + name
    if _SUFFIX_ONLY.fullmatch(name) or (_names_a_place(prev) and not _names_a_place(name)) \
            or joined in "".join(compact(line) for line in islice(lines, i + 1, i + 60)):
        return joined
    return None


def _names_a_place(text: str) -> bool:
    """Whether a text begins with a division's name, or with a central body's before it (国家税务总局宿迁市)."""
    return bool(_place_chain(text))


def is_contaminated(name: str) -> bool:
    """Spam in an agency's name (a hacked page's: 365体育手机投注): Latin letters or digits, or a gambling word.
    体育 alone is no sign (文化体育局): spam brings it with the others."""
    return bool(re.search(r"[A-Za-z0-9]|投注|彩票|娱乐|棋牌|博彩|赌|真人|开户|官网", name))


def strip_spam(name: str) -> str:
    return _SPAM.sub("", name)


def evidence_division(text: str) -> tuple[Division | None, list[str]]:
    """A prefecture identified by postal codes, telephone area codes and document-number prefixes."""
    votes: Counter[str] = Counter()
    notes: list[str] = []
    for m in _POSTAL.finditer(text):
        div = division_from_postal_code(m.group(1))
        if div:
            votes[div.code] += 2
            notes.append(f"postal code {m.group(1)} -> {div.name}")
    for m in _AREA.finditer(text):
        div = division_from_area_code(m.group(1))
        if div:
            votes[div.code] += 2
            notes.append(f"area code {m.group(1)} -> {div.name}")
    if votes:
        prefixes = {m.group(1) for m in _DOCNO.finditer(text)}
        for code in list(votes):
            div = divisions()[code]
            if div.name[0] in prefixes:
                votes[code] += 1
                notes.append(f"document-number prefix {div.name[0]} -> {div.name}")
    if not votes:
        return None, notes
    return divisions()[votes.most_common(1)[0][0]], notes


def leading_divisions(name: str) -> list[str]:
    """The chain of division names an agency name starts with (玉溪市红塔区科技局 -> 玉溪市, 红塔区).

    Only a leading chain counts: 人力资源局 names no 资源县."""
    chain: list[str] = []
    pos = 0
    for start, key in find_division_names(name):
        if start != pos:
            break
        if name[pos + len(key):pos + len(key) + 1] in _BODY_TYPE and not _names_in_full(key):
            break  # a short name that is the start of a body's own name: 公安局 is no 公安县's bureau
        chain.append(key)
        pos = start + len(key)
    return chain


_BODY_TYPE = frozenset("局厅委部办处署片")  # 片 of 片区: a zone named after a place, not that division


def _names_in_full(key: str) -> bool:
    """Whether `key` is some division's full name (公安县), not only a short one (公安)."""
    return any(_full_name(key, div) for div in name_index().get(key, []))


# what stands before the place in a body's name: a central body's name before its local office (国家税务总局南京市
# 江宁区税务局, 中国证券监督管理委员会江苏监管局, 国家统计局宁波调查队, 中国人民银行南京分行), the Party's (中共宿迁市委
# 宣传部, whose reports its government twin publishes)
_CENTRAL_BODY = re.compile(r"中共|中国共产党|(?:国家|中国|中华人民共和国)[\u4e00-\u9fff]{1,12}?(?:总局|局|委员会|会|银行|署|部)")


def _place_chain(name: str) -> list[str]:
    """The chain of division names a body's name begins with (leading_divisions), after a central body's or the
    Party's name where one stands first."""
    chain = leading_divisions(name)
    if not chain:
        central = _CENTRAL_BODY.match(name)
        chain = leading_divisions(name[central.end():]) if central else []
    return chain


_RANK = {"province": 0, "prefecture": 1, "county": 2}


def resolve_region(name: str | None, text: str) -> Division | None:
    """The division an agency name belongs to; ambiguous names are settled by their parents and the text. A
    name that stays ambiguous (和平区 of 天津 or of 沈阳, with neither city named) resolves no further than its
    parents: None when it has none, never the first candidate."""
    if not name:
        return None
    chain = _place_chain(name)
    if not chain:
        return None
    ambiguous = any(len(name_index().get(key, [])) > 1 for key in chain)
    mentioned = Counter(n for _, n in find_division_names(text[:20000])) if ambiguous else Counter()
    best: Division | None = None
    parents: list[Division] = []
    for key in chain:
        scored = []
        for div in name_index().get(key, []):
            score = 0.0
            for parent in parents:
                prefix = parent.code[:2] if parent.level == "province" else parent.code[:4]
                if div.code.startswith(prefix) and div.code != parent.code:
                    score += 10
            for anc_code in {div.province_code, div.city_code} - {div.code}:
                anc = divisions().get(anc_code)
                if anc:
                    score += mentioned.get(anc.name, 0) + 0.5 * mentioned.get(anc.name[:2], 0)
            scored.append((score, div))
        if not scored:
            continue
        # on a tie: the division the key names in full before one it names short (赣县, before 赣县区); today's
        # before a former one; a province before a prefecture before a county (河北 is 河北省, before 天津's 河北区)
        scored.sort(key=lambda x: (-x[0], not _full_name(key, x[1]), x[1].former, _RANK[x[1].level], x[1].code))
        top = scored[0][1]
        if parents and (parents[-1].level == "county" or scored[0][0] < 10):
            break  # not a division inside the previous one: the name goes on (仁和区 + 公安局, not 公安县)
        if len(scored) > 1 and scored[1][0] == scored[0][0] and not scored[1][1].former \
                and scored[1][1].level == top.level and _full_name(key, scored[1][1]) == _full_name(key, top):
            break  # as likely one as another: not guessed
        parents.append(top)
        if best is None or _more_specific(top, best):
            best = top
    return best


def _full_name(key: str, div: Division) -> bool:
    """Whether `key` is the division's name in full (or its former name under the same code), not its short name."""
    return key == div.name or key == former_name(div.code)


def _more_specific(a: Division, b: Division) -> bool:
    return _RANK[a.level] >= _RANK[b.level]


def infer_agency_from_body(text: str) -> str | None:
    """The most frequent full agency name in the body that starts with a division name."""
    counts: Counter[str] = Counter()
    for pos, key in find_division_names(text[:30000]):
        m = _BODY_AGENCY.match(text, pos + len(key))
        if m is None:
            continue
        # skip names that continue into a document title (…权责清单) beyond the suffix
        counts[key + m.group(1)] += 1
    if not counts:
        return None
    top = counts.most_common()
    best_n = top[0][1]
    return max((n for n, c in top if c == best_n), key=len)


_CN_YEAR_DIGITS = "[一二]" + DIGIT + "{3}"  # 二〇一九
_CN_YEAR = re.compile(_CN_YEAR_DIGITS + r"(?=\s*年)")


def arabic_years(text: str) -> str:
    """Years written in Chinese numerals (二〇一九年, as formal titles print them; 二O一九 with a Latin O) in Arabic
    digits."""
    return _CN_YEAR.sub(lambda m: "".join(DIGITS[c] for c in m.group()), text)


# a year the body mentions; with a month after it, the year of a date (the publication's, an event's)
_YEAR_MENTION = re.compile(r"((?:19|20)\d{2})\s*年(\s*\d{1,2}\s*月)?")


def infer_year(text: str) -> int | None:
    """The year a body without a title year reports on: the year it names most (then the later), counting the
    years of dates only when it names no other. A report is published after its year: the date it is signed or
    published (2020年1月20日) names the next year, and would win a tie."""
    this_year = dt.date.today().year
    named: Counter[int] = Counter()
    dated: Counter[int] = Counter()
    for m in _YEAR_MENTION.finditer(text, 0, 20000):
        year = int(m.group(1))
        if 2007 <= year <= this_year:
            (dated if m.group(2) else named)[year] += 1
    years = named or dated
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


# the date a report is signed with, on one of its last lines, alone or after the body's signature (某某局 2021年1月
# 29日): in digits, or in Chinese numerals as formal documents print it (二〇二一年一月二十九日)
_CN_DAY = "[" + "".join(DIGITS) + "十]{1,3}"  # a month or day in numerals: 一, 十二, 二十九
_CLOSING_DATE = re.compile(rf"(?:\S{{2,40}}?(?:局|委员会|政府|办公室|办公厅|厅|委|院|中心)\s*)?"
                           rf"((?:19|20)\d{{2}}|{_CN_YEAR_DIGITS})\s*年\s*(\d{{1,2}}|{_CN_DAY})\s*月"
                           rf"\s*(\d{{1,2}}|{_CN_DAY})\s*日")
_CLOSING_LINES = 12  # of the text's last non-blank lines, where a signature date is looked for


def _date(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(numeral_value(year), numeral_value(month), numeral_value(day)).isoformat()
    except (ValueError, KeyError):
        return None


def published_date(text: str) -> str | None:
    """The date the page labels as its publication's (发布时间 …), else the date the report is signed with: a
    line of the last ones that is a date alone."""
    m = _DATE_LABEL.search(text[:3000])
    if m:
        return _date(*m.groups())
    end = text[-1500:]
    if "日" not in end:
        return None
    tail = [ln.strip() for ln in end.split("\n") if ln.strip()][-_CLOSING_LINES:]
    for line in reversed(tail):
        m = _CLOSING_DATE.fullmatch(line)
        if m:
            return _date(*m.groups())
    return None


# a page's fields as a crawler or a site prints them above the body: 标题: …, 发布机构: …, 发布时间: … (two or more
# such lines first), and the crawler's own lines that close them (a rule of ===, a note on links)
_FIELD = re.compile(r"^\s*([\u4e00-\u9fff]{2,6})\s*[:：]\s*(.*?)\s*$")
_FIELD_CLOSER = re.compile(r"^\s*(?:[=\-*#]{3,}.*|页面链接.*|[=\-]{3,}\s*正文\s*[=\-]{3,})\s*$")
PUBLISHER_FIELDS = ("发布机构", "发文机关", "发布单位", "来源", "信息来源", "发布部门")


def page_fields(lines: list[str]) -> tuple[dict[str, str], int]:
    """The fields printed as `name: value` lines at the top of a page (two at least), and how many of the
    lines (non-blank) they and their closing lines take."""
    fields: dict[str, str] = {}
    taken = 0
    for line in lines:
        m = _FIELD.match(line)
        if m and len(m.group(2)) <= 200:
            fields.setdefault(m.group(1), m.group(2))
            taken += 1
        elif fields and _FIELD_CLOSER.match(line):
            taken += 1
        else:
            break
    return (fields, taken) if len(fields) >= 2 else ({}, 0)


def _field(fields: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((fields[n] for n in names if fields.get(n)), None)


def _head(text: str) -> tuple[list[str], dict[str, str]]:
    """The lines find_title reads (the first TITLE_LINES non-blank lines and the one after them, after the page's
    fields, years in Chinese numerals made Arabic), and the page's fields."""
    head = list(islice((ln for ln in text.split("\n") if ln.strip()), TITLE_LINES + 15))
    fields, taken = page_fields(head)
    if fields:  # the page's title field is the title line; the other fields are no part of the report
        title = _field(fields, TITLE_FIELDS)
        head = ([title] if title else []) + head[taken:]
    head = head[:TITLE_LINES + 1]
    joined = "\n".join(head)
    if "〇" in joined or "○" in joined or "零" in joined or "O" in joined:  # a year in Chinese numerals, perhaps
        head = arabic_years(joined).split("\n")
    return head, fields


def _decontaminated(name: str, text: str, issues: list[Issue]) -> tuple[str | None, str]:
    """A title's agency name that holds injected text: recovered from the division the body names, else what is
    left without the spam; with its source."""
    div, notes = evidence_division(text)
    rest = strip_spam(name)
    if div is not None:
        level_char = rest[:1] if rest[:1] in "市县区州盟旗省" else ""
        from ingestion.metadata.regions import short_name

        recovered = (short_name(div.name) + rest) if level_char else (div.name + rest)
        issues.append(issue("agency_name_contaminated", "warning",
                             f"agency name {name!r} holds injected text; recovered {recovered!r} from "
                             + "; ".join(dict.fromkeys(notes))))
        return recovered, "recovered"
    issues.append(issue("agency_name_contaminated", "error",
                         f"agency name {name!r} holds injected text and no evidence identifies the body"))
    return rest or None, "contaminated"


def extract_metadata(text: str) -> tuple[Metadata, list[Issue]]:
    issues: list[Issue] = []
    head, fields = _head(text)
    name, year, _ = find_title(head)
    name_source = "title"
    if name and is_contaminated(name):
        name, name_source = _decontaminated(name, text, issues)
    if not name:
        name = infer_agency_from_body(text)
        name_source = "body"
        if name:
            issues.append(issue("agency_inferred", "warning", f"no title line: agency {name!r} inferred from the body"))
        else:
            issues.append(issue("agency_missing", "error", "no agency name found in the title or the body"))
    if year is None:
        year = infer_year(text)
        if year is not None:
            issues.append(issue("year_inferred", "warning", f"no title year: report year {year} inferred from the body"))
        else:
            issues.append(issue("year_missing", "error", "no report year found"))
    region = resolve_region(name, text)
    publisher = _field(fields, PUBLISHER_FIELDS)
    if region is None and publisher:  # a name with no place (公安局): the page's publisher may hold it
        region = resolve_region(publisher, text)
    if region is None and name_source != "recovered":
        div, _notes = evidence_division(text)
        region = div
    core = agency_core_name(name)
    meta = Metadata(name, core, agency_kind(core), name_source, year, published_date(text),
                    region.code if region else None, **hierarchy(region.code if region else ""))
    if region is None and name:
        issues.append(issue("region_unresolved", "warning", f"no GB/T 2260 division found for {name!r}"))
    elif region is None:
        issues.append(issue("region_unresolved", "warning", "no GB/T 2260 division: no agency name to find it by"))
    return meta, issues


_ZONE = re.compile(r"^(?:综合实验区|综合试验区)")
_ALIASES = [("科技局", "科学技术局"), ("科技厅", "科学技术厅"), ("发改委", "发展和改革委员会"), ("人社局", "人力资源和社会保障局"),
            ("住建局", "住房和城乡建设局"), ("市监局", "市场监督管理局"), ("卫健委", "卫生健康委员会"), ("政府办", "人民政府办公室")]


def agency_core_name(name: str | None) -> str | None:
    """The agency's name without its jurisdiction, with common short forms expanded:
    玉溪市红塔区科技局 -> 科学技术局. With the region code it identifies one body across years and spellings."""
    if not name:
        return None
    core = name
    for key in leading_divisions(name):  # the place chain it begins with (公安局 begins with none)
        if not core.startswith(key):
            break
        core = core[len(key):].lstrip("省市县区州旗盟")
    # a zone that governs the county it is named after (平潭综合实验区 for 平潭县): the same jurisdiction, so its
    # bodies are the county's under another name (平潭县公安局, 平潭综合实验区公安局: one 公安局 of 350128)
    core = _ZONE.sub("", core, count=1)
    for short, full in _ALIASES:
        if core.endswith(short):
            core = core[: -len(short)] + full
    return core or name


def agency_kind(core: str | None) -> str:
    if not core:
        return "unknown"
    if core.endswith(("办公厅", "办公室")) and "人民政府" in core or core in ("政府办公室", "政府办公厅"):
        return "办公厅"
    if core.endswith(("人民政府", "政府")):
        return "人民政府"
    return "department"
