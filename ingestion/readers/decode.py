"""Bytes to text: detect the encoding from the bytes, never trust a declaration blindly."""

import codecs
from dataclasses import dataclass

# Characters that dominate these reports, in Simplified and Traditional forms. A decoding that
# yields many of them is the right one; mojibake yields almost none.
_COMMON = set(
    "政府信息公开工作年度报告申请情况本年数量行政处理结果总计的一和是在了有为项件条市县区局"
    "政府資訊公開工作年度報告申請情況本年數量行政處理結果總計的一和是在了有為項件條市縣區局"
    "人民主动收到复议诉讼规章规范性文件许可处罚强制收费采购自然商业企业科研机构其他"
    "人民主動收到復議訴訟規章規範性文件許可處罰強制收費採購自然商業企業科研機構其他"
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _score(text: str) -> float:
    if not text:
        return 0.0
    common = sum(1 for ch in text if ch in _COMMON)
    bad = text.count("\ufffd")
    return (common - 20 * bad) / len(text)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode report bytes: BOMs, then strict UTF-8, then the best-scoring CJK codec."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return Decoded(data.decode("utf-32", errors="replace"), "utf-32")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16")
    sample = data[:4000]
    nuls = sample.count(0)
    if nuls > len(sample) // 50:
        # UTF-16 without BOM: NULs sit in the high byte of ASCII characters (digits, spaces, line breaks). A text
        # mostly in Chinese has few of them: then the decoding must also read as a report does.
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        enc = "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
        if nuls > len(sample) // 4 or _score(sample[: len(sample) // 2 * 2].decode(enc, errors="replace")) > 0.05:
            return Decoded(data.decode(enc, errors="replace"), enc)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = ["gb18030", "big5"]
    if declared:
        norm = declared.lower().replace("_", "-")
        if norm in ("gbk", "gb2312", "gb-2312", "x-gbk"):
            norm = "gb18030"
        if norm in ("big5", "big5-hkscs", "cp950") and norm not in candidates:
            candidates.append(norm)
    best: Decoded | None = None
    best_score = float("-inf")
    for enc in candidates:
        try:
            text = data.decode(enc, errors="replace")
        except LookupError:
            continue
        score = _score(text[:20000])
        if score > best_score:
            best, best_score = Decoded(text, enc), score
    if best is None or best_score < -0.05:
        # Mostly undecodable: keep UTF-8 with replacements so the caller can quarantine it.
        return Decoded(data.decode("utf-8", errors="replace"), "unknown")
    return best
