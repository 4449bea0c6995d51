"""Chinese numerals (ingestion/numerals.py): digit by digit as years print them, with units as counts do."""

import re

import pytest

from ingestion.numerals import COUNT, numeral_value


@pytest.mark.parametrize(("text", "value"), [
    ("2021", 2021), ("二〇二一", 2021), ("二O一九", 2019), ("二○一八", 2018),
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("二十九", 29),
    ("一百零五", 105), ("三百二十一", 321), ("一千零一十", 1010), ("两千三百", 2300),
])
def test_numeral_value(text, value):
    assert numeral_value(text) == value


@pytest.mark.parametrize(("text", "found"), [
    ("申请两件", ["两"]),
    ("信息一百零五条", ["一百零五"]),
    ("信息一万二千条", []),  # part of a count in ten thousands, which COUNT does not read
    ("二千条", ["二千"]),
    ("收到申请数十件", []), ("第一件", []),  # an estimate, an ordinal
])
def test_count_is_a_whole_count(text, found):
    assert re.findall(COUNT, text) == found
