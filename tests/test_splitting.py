"""Cutting digit runs that a crawler concatenated: every cut is enumerated, constraints prune early."""

from ingestion.canonical import APPLICANT_COLUMNS
from ingestion.tables.splitting import settle_by_columns, split_digits, split_signed, sums_to_last


def test_review_run_split_by_its_three_balanced_rows():
    # 3+1+0+2=6 | 0+0+1+1=2 | 12+3+0+0=15, printed without separators
    assert split_digits("31026001121230015", 15, check=sums_to_last, block=5) == (
        ("3", "1", "0", "2", "6", "0", "0", "1", "1", "2", "12", "3", "0", "0", "15"),)


def test_block_check_prunes_a_run_with_thousands_of_unchecked_cuts():
    run = "1204513700000020130235"
    assert len(split_digits(run, 15)) == 4129
    assert split_digits(run, 15, check=sums_to_last, block=5) == (
        ("12", "0", "45", "13", "70", "0", "0", "0", "0", "0", "20", "13", "0", "2", "35"),)


def test_row_split_by_its_total():
    assert split_digits("1200003", 7, check=sums_to_last) == (("1", "2", "0", "0", "0", "0", "3"),)
    assert split_digits("15210000017", 7, check=sums_to_last) == ()  # no cut balances: the caller flags it


def test_numbers_have_no_leading_zeros():
    assert split_digits("102", 2) == (("10", "2"),)
    assert split_digits("0012", 3) == (("0", "0", "12"),)
    assert split_digits("1", 2) == ()
    assert split_digits("12a", 2) == ()


def test_a_search_too_large_gives_up():
    assert split_digits("1" * 60, 15) is None


def test_signed_change_starts_its_number():
    # 本年增/减 (the second of three columns) printed with its sign: 41 | -5 | 0 is the only cut
    assert split_signed("41-50", 3, 1) == (("41", "-5", "0"),)
    assert split_signed("3+12", 3, 1) == (("3", "+1", "2"),)
    assert split_signed("88-546", 3, 1) == (("88", "-5", "46"), ("88", "-54", "6"))  # the caller flags it
    assert split_signed("5-3-1", 3, 1) == ()  # two signs: not cut
    assert split_signed("-41", 3, 1) == ()  # no digit before the sign for the first column


def test_column_totals_settle_only_a_unique_combination():
    new = split_digits("977000086", 7, check=sums_to_last)  # 9|7|70|… and 9|77|0|…
    cols = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org", "total")
    known = {("carried_over", c): 0 for c in cols}
    known |= {("total_processed", c): v for c, v in zip(cols, [9, 70, 0, 0, 0, 0, 79], strict=True)}
    known |= {("carried_forward", c): v for c, v in zip(cols, [0, 7, 0, 0, 0, 0, 7], strict=True)}
    assert settle_by_columns({"new_received": new}, known) == {"new_received": ("9", "77", "0", "0", "0", "0", "86")}
    # 结转下年度 blank in the two columns the cuts differ in: neither balance can be checked, both cuts fit
    blank = known | {("carried_forward", "commercial_enterprise"): None, ("carried_forward", "research_institution"): None}
    assert settle_by_columns({"new_received": new}, blank) is None


CRAWLED = """某市财政局2021年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（五）项
信息内容上一年项目数量本年增/减处理决定数量
行政许可41-50
三、收到和处理政府信息公开申请情况
申请人情况
自然人法人或其他组织总计
商业企业科研机构社会公益组织法律服务机构其他
一、本年新收政府信息公开申请数量977000086
二、上年结转政府信息公开申请数量0000000
三、本年度办理结果
（一）予以公开{granted}
（七）总计970000079
四、结转下年度继续办理0700007
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
"""


def _row(result: dict, table: str, row: str) -> list:
    return [None if c is None else c["value"] for c in result["cells"][table][row].values()]


def test_column_totals_choose_between_splits_that_balance_their_row():
    """一、新收 977000086 balances its own total two ways (9|7|70|… and 9|77|0|…); only 9|77 agrees with the
    columns (新收 + 上年结转 = 总计 + 结转下年度: 77 = 70 + 7), so that split is taken and flagged."""
    from ingestion.canonical import ACTIVE, APPLICATIONS
    from tests.support.parsing import parse_bytes

    result = parse_bytes("crawled.txt", CRAWLED.format(granted="970000079").encode())
    assert _row(result, APPLICATIONS, "new_received") == [9, 77, 0, 0, 0, 0, 86]
    assert _row(result, APPLICATIONS, "granted") == [9, 70, 0, 0, 0, 0, 79]
    assert _row(result, ACTIVE, "administrative_licensing") == [41, -5, 0]
    issues = [(i["code"], i.get("row")) for i in result["issues"]]
    assert ("split_by_column_totals", "new_received") in issues
    assert not any(code == "ambiguous_split" for code, _ in issues)


def test_splits_the_columns_cannot_settle_stay_blank_and_flagged():
    """予以公开 printed as 977000086 too: the outcome column identity (总计 = the outcomes) now fails for every
    choice, so neither row is split: both stay blank, each flagged ambiguous."""
    from ingestion.canonical import APPLICATIONS
    from tests.support.parsing import parse_bytes

    result = parse_bytes("crawled.txt", CRAWLED.format(granted="977000086").encode())
    assert _row(result, APPLICATIONS, "new_received") == [None] * 7
    assert _row(result, APPLICATIONS, "granted") == [None] * 7
    flagged = {i.get("row") for i in result["issues"] if i["code"] == "ambiguous_split"}
    assert flagged == {"new_received", "granted"}


def test_many_ambiguous_rows_settle_together_by_the_column_totals():
    """Nine rows printed as 110000011 (11|0|…|11 or 1|10|…|11: 2^9 = 512 combinations); 商业企业's column total
    is 0, so no row can hold the 10: each is 11 in 自然人. (The combinations are not tried one by one.)"""
    ambiguous = ["partially_granted", "denied_state_secret", "denied_prohibited_by_law", "denied_three_safeties",
                 "denied_third_party_rights", "denied_internal_affairs", "denied_process_information",
                 "denied_enforcement_files", "denied_query_matters"]
    cuts = (("11", "0", "0", "0", "0", "0", "11"), ("1", "10", "0", "0", "0", "0", "11"))
    printed = {"new_received": [102, 0, 0, 0, 0, 0, 102], "carried_over": [0] * 7, "granted": [3, 0, 0, 0, 0, 0, 3],
               "total_processed": [102, 0, 0, 0, 0, 0, 102], "carried_forward": [0] * 7}
    known = {(row, col): v for row, values in printed.items() for col, v in zip(APPLICANT_COLUMNS, values, strict=True)}
    assert settle_by_columns(dict.fromkeys(ambiguous, cuts), known) == dict.fromkeys(ambiguous, cuts[0])
    # with the 总计 row's 自然人 and 商业企业 blank, nothing tells the cuts apart
    blank = {**known, ("total_processed", "natural_person"): None, ("total_processed", "commercial_enterprise"): None}
    assert settle_by_columns(dict.fromkeys(ambiguous, cuts), blank) is None
