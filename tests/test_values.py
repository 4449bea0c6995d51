"""A cell's value exactly as printed (ingestion/values.py): numbers with units, separators, signs and decimals;
no-number marks kept with a null value; digits that are no number kept as printed, null, and flagged."""

import pytest

from ingestion.values import Value, is_value_text, parse_value
from tests.support.parsing import parse_bytes


@pytest.mark.parametrize(("text", "expected"), [
    ("251000元", Value(251000, "251000元", "元")),
    ("75394432.52元", Value(75394432.52, "75394432.52元", "元")),
    ("5949.088667", Value(5949.088667, "5949.088667")),
    ("1.2 万元", Value(1.2, "1.2 万元", "万元")),
    ("1,234", Value(1234, "1,234")),
    ("12,345,678.5", Value(12345678.5, "12,345,678.5")),
    ("-18", Value(-18, "-18")),
    ("+3", Value(3, "+3")),
    ("0.00", Value(0.0, "0.00")),
    ("12 件", Value(12, "12 件")),
    ("/", Value(None, "/")),
    ("——", Value(None, "——")),
    ("无", Value(None, "无")),
    ("", Value(None, "")),
    # a comma that groups no thousands: no number (it had read 0,5 as 5 and 1,23 as 123)
    ("0,5", Value(None, "0,5")),
    ("1,23", Value(None, "1,23")),
    ("1,234,56", Value(None, "1,234,56")),
    ("3.14.15", Value(None, "3.14.15")),
    # a leading zero: the digits of several narrow columns run together (0001 for 0|0|0|1), no number (it had read
    # as 1 and, placed by its position, stood in one column); 0 and 0.5 are numbers
    ("0001", Value(None, "0001")),
    ("05", Value(None, "05")),
    ("0", Value(0, "0")),
    ("0.5", Value(0.5, "0.5")),
])
def test_a_value_as_printed(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize(("text", "in_a_numbers_place", "unreadable"), [
    ("1,234", True, False), ("/", True, False), ("无", True, False), ("0,5", True, True), ("3.14.15", True, True),
    ("1.2 万元", True, False), ("规章", False, True), ("", False, False),
    # an item's number before its label: no value (1. 属于国家秘密, as pdftotext -layout splits it)
    ("1.", False, True), ("12.", False, True),
])
def test_what_stands_in_a_numbers_place(text, in_a_numbers_place, unreadable):
    """Digits that are no number keep their column in a row (is_value_text), and read as unreadable."""
    assert is_value_text(text) is in_a_numbers_place
    assert parse_value(text).unreadable is unreadable


@pytest.mark.parametrize("separator", ["  ", "\t"])
def test_a_cell_that_is_no_number_keeps_its_column_and_is_flagged(separator):
    text = ("某县财政局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容  本年制发件数  本年废止件数  现行有效件数\n" + separator.join(["规章", "0,5", "3", "4"]) + "\n"
            "三、收到和处理政府信息公开申请情况\n")
    result = parse_bytes("comma.txt", text.encode())
    regulations = result["cells"]["active_disclosure"]["regulations"]
    assert [(c["value"], c["raw"]) for c in regulations.values()] == [(None, "0,5"), (3, "3"), (4, "4")]
    assert [i["message"] for i in result["issues"] if i["code"] == "unreadable_number"] == [
        "table 二 主动公开 regulations.issued_this_year: '0,5' stands in a number's place but is no number as "
        "printed; kept, its value null"]
