"""Text normalisation: script detection, Traditional to Simplified, width, conversion artefacts."""

import re
from functools import lru_cache

# Taiwan-phrase conversions (s2twp) swap whole words; these map them back. Applied only to text that
# was Traditional, so mainland wording in Simplified reports is never touched. 檔案 stays 档案 where it
# is an archive (档案馆, 档案局, 档案室).
_TW_PHRASES: list[tuple[str, str]] = [
    ("入口网站", "门户网站"),
    ("最佳化", "优化"),
    ("套用", "应用"),
    ("资讯", "信息"),
    ("冬粉", "粉丝"),
    ("网际网路", "互联网"),
    ("网路", "网络"),
    ("软体", "软件"),
    ("硬体", "硬件"),
    ("许可权", "权限"),
    ("设定", "设置"),
    ("预设", "默认"),
    ("影片", "视频"),
    ("资料库", "数据库"),
    ("列印", "打印"),
    ("行动电话", "手机"),
    ("伺服器", "服务器"),
    ("程式", "程序"),
]
_ARCHIVE = re.compile(r"档案(?![馆局室])")
# Pinyin left behind by a converter after characters: 政務(wù), 發(fā); a tone letter the page's charset could not
# hold is a ? (政務(w?), 內(n?i) in Big5). Brackets may be full-width (政務（wù）): this runs before the width is folded.
# Each pattern starts with its literal bracket (the character test follows as a lookbehind) so the regex engine
# skips to each bracket instead of trying every position of the text (a class of both brackets is ~18x slower).
_PINYIN_SYLLABLE = (r"(?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü][a-zü]*|[a-z]{1,6}[1-5]|[a-z]{1,5}\?[a-z]{0,4}|\?[a-z]{1,5})"
                    r"[)）]")
_PINYIN = re.compile(r"\((?<=[\u4e00-\u9fff]\()" + _PINYIN_SYLLABLE)
_PINYIN_WIDE = re.compile(r"（(?<=[\u4e00-\u9fff]（)" + _PINYIN_SYLLABLE)
# Full-width ASCII (！..～) to half-width, the ideographic space to a space: what NFKC does to these
# reports, without NFKC's cost or its rewriting of other compatibility characters.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Box drawing (tables in text dumps of pages, as w3m writes them): vertical strokes, corners and junctions are
# column separators (|), every horizontal stroke the one rule character RULE (─), diagonals (a split header
# cell) nothing.
RULE = "─"
_BOX_HORIZONTAL = frozenset("━┄┅┈┉╌╍═╴╶╸╺╼╾")
_BOX = {chr(cp): RULE if chr(cp) in _BOX_HORIZONTAL else " " if 0x2571 <= cp <= 0x2573 else "|"
        for cp in range(0x2501, 0x2580)}
# Other spaces: no-break (a page's &nbsp; as a converter writes it), fixed-width ones; zero-width ones go.
_SPACES = {chr(cp): " " for cp in (0xA0, *range(0x2002, 0x200B), 0x202F, 0x205F)} | {"\u200b": "", "\ufeff": ""}
# Minus signs other than ASCII's, as typesetters, Word and PDF fonts print a negative 本年增/减 (−18): the
# minus sign, the small and the plain hyphens. An en dash is one only before a digit (_EN_DASH_MINUS): alone it
# is a cell's "no number", and it stays as printed.
_MINUS = {"\u2212": "-", "\ufe63": "-", "\u2010": "-", "\u2011": "-"}
_EN_DASH_MINUS = re.compile("\u2013(?=\\d)")
_WIDE = re.compile("[\uff01-\uff5e\u3000\u2501-\u257f\xa0\u2002-\u200b\u2010\u2011\u202f\u205f\u2212\ufe63\ufeff]")
_NARROW = {chr(cp): chr(to) for cp, to in _WIDTH.items()} | _BOX | _SPACES | _MINUS


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern:
    """A character class of every CJK character that OpenCC's t2s changes (built once, ~0.1 s)."""
    chars = [chr(cp) for cp in range(0x4E00, 0xA000)]
    converted = _t2s().convert("\n".join(chars)).split("\n")
    changed = "".join(c for c, s in zip(chars, converted, strict=True) if c != s)
    return re.compile(f"[{changed}]+")


def traditional_ratio(text: str) -> float:
    """Share of the non-ASCII characters (CJK and its punctuation) among the first 3,000 characters that
    change under Traditional-to-Simplified conversion: ~0.3 for Traditional reports, ~0 for Simplified.
    Counted by C-level deletion and encoding, without per-character Python work."""
    sample = text[:3000]
    wide = len(sample) - len(sample.encode("ascii", "ignore"))
    if not wide:
        return 0.0
    return (len(sample) - len(_traditional_chars().sub("", sample))) / wide


def strip_pinyin(text: str) -> str:
    text = _PINYIN.sub("", text)
    return _PINYIN_WIDE.sub("", text) if "（" in text else text


def to_simplified(text: str) -> str:
    text = _t2s().convert(text)
    if any(marker in text for marker, _ in _TW_PHRASES[:5]) or "档案" in text:
        for tw, cn in _TW_PHRASES:
            text = text.replace(tw, cn)
        text = _ARCHIVE.sub("文件", text)
    return text


def normalize_text(text: str) -> tuple[str, str]:
    """Return (normalised text, script). Line structure is preserved: one output line per input line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_pinyin(text)
    script = "traditional" if traditional_ratio(text) > 0.03 else "simplified"
    return _to_simplified_and_narrow(text, script == "traditional"), script


def normalize_fragment(text: str, traditional: bool) -> str:
    """A piece of a document whose script is already known (an HTML text node or cell), normalised as
    `normalize_text` normalises a whole text."""
    return _to_simplified_and_narrow(strip_pinyin(text), traditional)


def _to_simplified_and_narrow(text: str, traditional: bool) -> str:
    if traditional:
        text = to_simplified(text)
    return fold_width(text)


def fold_width(text: str) -> str:
    """Full-width digits, letters, brackets and punctuation to half-width, box drawing to | and RULE, other
    spaces to a space, other minus signs to -; lines are kept."""
    # one str.replace per distinct wide character present (a dozen, typically) beats both translate()'s
    # per-character lookup and a substitution callback per occurrence on 10 KB
    for wide in set(_WIDE.findall(text)):
        text = text.replace(wide, _NARROW[wide])
    if "\u2013" in text:
        text = _EN_DASH_MINUS.sub("-", text)
    return text


def compact(label: str) -> str:
    """A label without spaces, for matching (结 果 维 持 -> 结果维持)."""
    return "".join(label.split()) if label else label  # every kind of space, as str.split() knows them
