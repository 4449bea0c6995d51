"""Text whose line breaks were lost (ingestion/stream.py): put back one table row per line, never a guessed cut."""

from ingestion.readers.stream import reline
from tests.support.parsing import parse_bytes

HEAD = "某县人民政府2023年政府信息公开工作年度报告\n"
APPS = ("三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计商业企业科研机构社会公益组织法律服务机构其他"
        "一、本年新收政府信息公开申请数量 8 0 0 0 0 0 8二、上年结转政府信息公开申请数量 0000000三、本年度办理结果 "
        "（一）予以公开 3000003（二）部分公开（区分处理的，只计这一情形，不计其他情形） 10 0 0 0 01（三）不予公开 "
        "1.属于国家秘密 00000002.其他法律行政法规禁止公开 00000003.危及“三安全一稳定” 0000000")
REVIEW = ("四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 "
          "复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 000003001410001 "
          "五、存在的主要问题及改进情况 无。")


def test_a_long_table_line_is_put_back_one_row_per_line():
    got = reline(HEAD + APPS + REVIEW)
    assert got is not None
    assert got.text.split("\n")[1:] == [
        "三、收到和处理政府信息公开申请情况",
        "申请人情况",
        "自然人 法人或其他组织 总计",
        "商业企业科研机构社会公益组织法律服务机构其他",
        "一、本年新收政府信息公开申请数量8 0 0 0 0 0 8",
        "二、上年结转政府信息公开申请数量0000000",
        "三、本年度办理结果",
        "（一）予以公开3000003",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）10 0 0 0 01",
        "（三）不予公开",
        "1.属于国家秘密0000000",  # the item number 2 taken off the digits it was glued to
        "2.其他法律行政法规禁止公开0000000",
        "3.危及“三安全一稳定”0000000",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 "
        "结果维持 结果纠正 其他结果 尚未审结 总计",
        "000003001410001",
        "五、存在的主要问题及改进情况 无。",
    ]
    assert got.source_lines == [1] + [2] * 17


def test_short_lines_are_left_alone():
    assert reline(HEAD + "三、收到和处理政府信息公开申请情况\n申请人情况\n") is None


def test_an_item_number_not_certain_is_not_cut():
    """Digits glued to an item number that is not the item's place in its group (5. where 2. is due): no cut, so
    the row before cannot be split and stays blank, flagged; nothing is guessed."""
    text = APPS.replace("00000002.其他法律", "00000005.其他法律")
    lines = reline(HEAD + text + REVIEW).text.split("\n")
    assert "1.属于国家秘密00000005.其他法律行政法规禁止公开0000000" in lines
    assert "3.危及“三安全一稳定”0000000" in lines
    got = parse_bytes("r.txt", (HEAD + text + REVIEW).encode())
    assert set(got["cells"]["applications"]["denied_state_secret"].values()) == {None}
    assert any(i["code"] == "blank_cells" and i["table"] == "applications" for i in got["issues"])


def test_crawled_rows_and_table_four_read_exactly():
    got = parse_bytes("r.txt", (HEAD + APPS + REVIEW).encode())
    apps = got["cells"]["applications"]
    assert [apps["new_received"][c]["value"] for c in ("natural_person", "total")] == [8, 8]
    assert [apps["granted"][c]["value"] for c in ("natural_person", "other_org", "total")] == [3, 0, 3]
    assert [apps["partially_granted"][c]["value"] for c in ("natural_person", "other_org", "total")] == [1, 0, 1]
    review = got["cells"]["review_litigation"]
    assert [review["litigation_direct"][c]["value"] for c in ("upheld", "corrected", "other_result", "pending", "total")] \
        == [3, 0, 0, 1, 4]
    assert review["litigation_after_review"]["total"]["value"] == 1
