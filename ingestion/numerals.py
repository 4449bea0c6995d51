"""Numbers printed in Chinese numerals: digit by digit, as years are (二〇二一, 二O一九 with a Latin O), or with the
units 十, 百, 千, as counts, months and days are (十二, 二十九, 两千三百零五)."""


DIGITS = {c: str(d) for d, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "O": "0"}
DIGIT = "[" + "".join(DIGITS) + "]"
_UNITS = {"十": 10, "百": 100, "千": 1000}
# a count below ten thousand in numerals (一, 两, 十二, 一百零五, 两千三百), not part of a larger one (一万二千), an
# estimate (数十, 几十) or an ordinal (第一, 每一)
COUNT = (r"(?<![〇○零一二两三四五六七八九十百千万亿数几第每])"
         r"[一二两三四五六七八九十][〇○零一二两三四五六七八九十百千]{0,6}(?![万亿])")


def numeral_value(text: str) -> int:
    """The number `text` prints in digits (2021, 12) or Chinese numerals (二〇二一, 十二, 两千三百零五)."""
    if text.isdigit():
        return int(text)
    if not any(c in _UNITS for c in text):
        return int("".join(DIGITS.get(c, "2" if c == "两" else c) for c in text))
    total = digit = 0
    for c in text:
        unit = _UNITS.get(c)
        if unit is None:
            digit = 2 if c == "两" else int(DIGITS[c])
        else:
            total += (digit or 1) * unit  # 十二: a unit alone counts one of it
            digit = 0
    return total + digit
