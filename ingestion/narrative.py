"""Figures stated in prose (and in the pre-2019 statistics table), each with its source position."""

import re

_NUM = r"(\d[\d,]*)"
# (code, pattern, fixed value or None). The first match of a code wins; zero phrases give 0.
PATTERNS: list[tuple[str, re.Pattern, int | None]] = [
    ("proactive_items_published", re.compile(r"主动公开[^\d。;；]{0,20}?" + _NUM + r"\s*条"), None),
    ("proactive_items_published", re.compile(r"(?:发布|公开)[^\d。;；]{0,30}?信息共?\s*" + _NUM + r"\s*条"), None),
    ("applications_received", re.compile(r"(?:收到|受理|接到|接收)[^\d。;；,，]{0,15}?" + _NUM + r"\s*件"), None),
    ("applications_received", re.compile(r"(?:未|没有)(?:收到|受理|接到)[^。;；]{0,30}?申请|无人[^。;；]{0,12}?(?:提交|提出)[^。;；]{0,12}?申请"), 0),
    ("applications_granted", re.compile(_NUM + r"\s*[项件]申请均?予以公开|(?:予以公开|同意公开)\s*" + _NUM + r"\s*件"), None),
    ("applications_partially_granted", re.compile(r"部分公开\s*" + _NUM + r"\s*件"), None),
    ("applications_denied", re.compile(r"不予公开\s*" + _NUM + r"\s*件"), None),
    ("administrative_review", re.compile(r"行政复议(?:案件|申请)?\s*" + _NUM + r"\s*件"), None),
    ("administrative_review", re.compile(r"(?:未|没有|无)(?:发生|收到|出现|接到)[^。;；]{0,20}?复议"), 0),
    ("litigation", re.compile(r"行政诉讼(?:案件)?\s*" + _NUM + r"\s*件"), None),
    ("litigation", re.compile(r"(?:未|没有|无)(?:发生|被提起|出现|收到)[^。;；]{0,24}?诉讼"), 0),
]


def extract_narrative(text: str, start: int = 0, end: int | None = None) -> dict[str, dict]:
    """Narrative figures found in text[start:end]; positions are offsets and lines of `text`."""
    region = text[start:end]
    out: dict[str, dict] = {}
    for code, pat, fixed in PATTERNS:
        if code in out:
            continue
        m = pat.search(region)
        if not m:
            continue
        if fixed is not None:
            value = fixed
        else:
            digits = next(g for g in m.groups() if g)
            value = int(digits.replace(",", ""))
        offset = start + m.start()
        out[code] = {
            "value": value,
            "raw": m.group(0),
            "pos": {"offset": offset, "line": text.count("\n", 0, offset) + 1},
        }
    return out
