"""Figures stated in prose (ingestion/narrative.py): the phrasings reports use, with the exact figure each gives
(a sentence that says none happened gives 0)."""

import pytest

from ingestion.narrative.prose import extract_narrative

CASES = [
    # issue 23's held-back pre-2019 reports: a hotline's 咨询投诉件 are no applications; some bodies' count is no
    # count of the whole, before or after it or alone; applications and grants counted in 条
    ("2012年，我县通过12345热线共收到15564件咨询投诉件，均已办结。", {}),
    ("全县共主动公开政府信息12000条，其中县直各单位主动公开政府信息2475条。", {"proactive_items_published": 12000}),
    ("2012年，县直各单位主动公开政府信息2475条。全县共主动公开政府信息12000条。", {"proactive_items_published": 12000}),
    ("2012年，县直各单位主动公开政府信息2475条。", {}),
    ("全年共收到有关政府信息公开的申请21条，同意公开答复数17条。",
     {"applications_received": 21, "applications_granted": 17}),
    ("不同意公开答复数3条。", {}),
    ("全年共主动公开各类政府信息1,234条。", {"proactive_items_published": 1234}),
    ("主动公开政府信息356条，其中通过政府网站公开300条。", {"proactive_items_published": 356}),
    ("本机关全年主动公开政府信息共计356条。", {"proactive_items_published": 356}),
    ("共受理政府信息公开申请12件，其中同意公开10件，不予公开2件。",
     {"applications_received": 12, "applications_granted": 10, "applications_denied": 2}),
    ("全年共收到政府信息公开申请12件，已全部按时办结。", {"applications_received": 12}),
    ("本年度我局未收到政府信息公开申请。", {"applications_received": 0}),
    ("2016年度没有收到公民、法人或其他组织的政府信息公开申请。", {"applications_received": 0}),
    ("本年度无依申请公开事项。", {"applications_received": 0}),
    ("因政府信息公开申请提起行政复议1件，行政诉讼0件。", {"administrative_review": 1, "litigation": 0}),
    ("发生政府信息公开行政复议案件2件、行政诉讼案件1件。", {"administrative_review": 2, "litigation": 1}),
    ("本年度未发生因政府信息公开申请引起的行政复议和行政诉讼。", {"administrative_review": 0, "litigation": 0}),
    ("本年度没有因政府信息公开申请而被申请行政复议或提起行政诉讼的情况。", {"administrative_review": 0, "litigation": 0}),
    ("全年无因政府信息公开提起行政复议、行政诉讼的情况。", {"administrative_review": 0, "litigation": 0}),
    ("没有因政府信息公开申请被提起行政诉讼，发生行政复议1件。", {"administrative_review": 1, "litigation": 0}),
    ("主动公开文件类信息12件，", {"proactive_items_published": 12}),
    ("本年度共接到公民、法人或其他组织提出的政府信息公开申请2件", {"applications_received": 2}),
    ("全年无申请公开政府信息情况。", {"applications_received": 0}),
    ("全年共办理依申请公开事项7件，其中同意公开5件，部分公开1件，不予公开1件。",
     {"applications_received": 7, "applications_granted": 5, "applications_partially_granted": 1,
      "applications_denied": 1}),
    ("本年度无涉及政府信息公开的行政复议、行政诉讼和申诉案件。", {"administrative_review": 0, "litigation": 0}),
    ("本年度，因政府信息公开申请行政复议2起，提起行政诉讼1起。", {"administrative_review": 2, "litigation": 1}),
    # a 复议 application is not a disclosure application
    ("未收到有关政府信息公开事务的行政复议申请，也没有被提起行政诉讼。", {"administrative_review": 0, "litigation": 0}),
    ("四、政府信息公开行政复议、行政诉讼情况：无。", {"administrative_review": 0, "litigation": 0}),
    ("截至目前，累计主动公开政府信息5000余条，今年主动公开300条。", {"proactive_items_published": 300}),
    # a count of all years (as of a date, 网站累计, 历年) is not the year's: the year's, when stated, follows it
    ("截至2018年底，我局累计主动公开政府信息15000条，其中2018年主动公开政府信息1200条。",
     {"proactive_items_published": 1200}),
    ("截至2018年12月31日，累计主动公开政府信息3456条。2018年度新增主动公开政府信息456条。",
     {"proactive_items_published": 456}),
    ("网站累计主动公开政府信息5000条，本年度主动公开政府信息300条。", {"proactive_items_published": 300}),
    ("截至2018年底，网站累计发布信息5000条，全年发布政府信息共320条。", {"proactive_items_published": 320}),
    ("历年主动公开政府信息共8000条。", {}),
    ("截至2018年底，累计主动公开政府信息15000条。", {}),
    # but a year's 累计 is the year's count (the real seed 001)
    ("2018年累计主动公开政府信息数577条,在政府网站公开信息数363条", {"proactive_items_published": 577}),
    ("本年度累计主动公开政府信息88条。", {"proactive_items_published": 88}),
    # a count of items listed for disclosure on application is not one of applications (the real seed 002)
    ("2019 年共制定依申请公开信息 39 件，截至目前，未接到依申请公开申请，依申请公开不存在收费等情况。",
     {"applications_received": 0}),
    ("本年度未有因政府信息公开引发的行政复议、行政诉讼。", {"administrative_review": 0, "litigation": 0}),
    ("全年零申请。", {"applications_received": 0}),
    # one count for both
    ("本年度行政复议、行政诉讼均为0件。", {"administrative_review": 0, "litigation": 0}),
    ("全年共办理政府信息公开申请5件，全部予以答复。", {"applications_received": 5}),
    # other matters received are not disclosure applications
    ("全年受理行政许可申请1200件。", {}),
    ("共受理行政审批申请30件。", {}),
    ("全年办理行政许可申请1200件。", {}),
    ("2017年共收到人大代表建议12件、政协提案8件。", {}),
    ("全年受理行政许可事项1200件。", {}),
    ("受理群众来信来访35件。", {}),
    # an outcome's count after 的 or 为
    ("全年共受理政府信息公开申请15件，其中予以公开的10件，部分公开的3件，不予公开为2件。",
     {"applications_received": 15, "applications_granted": 10, "applications_partially_granted": 3,
      "applications_denied": 2}),
    ("本年度不同意公开2件。", {"applications_denied": 2}),  # was read as 2 granted
    # a count stated in ten thousands is that count exactly; "more than" (余, 多) states no exact figure
    ("全年主动公开政府信息2.3万条。", {"proactive_items_published": 23000}),
    ("通过门户网站发布信息共3.45万条", {"proactive_items_published": 34500}),
    ("主动公开政府信息12万条，收到申请1,234件", {"proactive_items_published": 120000, "applications_received": 1234}),
    ("全年主动公开政府信息1.2万余条。", {}),
    ("全年主动公开政府信息2万多条。", {}),
    # a count of one kind of item, or of a part (其中…), gives way to a count of all items stated after it
    ("（一）主动公开规范性文件12件。全年共主动公开政府信息3000条。", {"proactive_items_published": 3000}),
    ("通过政府网站主动公开人事信息15条、财政预决算信息8条，全年共主动公开政府信息356条。",
     {"proactive_items_published": 356}),
    ("全年在门户网站发布各类政府信息4567条，其中主动公开文件100件。", {"proactive_items_published": 4567}),
    ("我局主动公开政府信息3000条，其中主动公开规范性文件12件。", {"proactive_items_published": 3000}),
    ("主动公开政府信息数达到2345条。", {"proactive_items_published": 2345}),
    # kinds listed up to 等 are all items (the real seed 003); with no count of all, a kind's count is taken
    ("发布科技工作动态信息、实用技术、工作总结、政务财务公开等信息共183条。其中:在微信群发布8条,在门户网站发布信息183条",
     {"proactive_items_published": 183}),
    ("今年主动公开规范性文件12件。", {"proactive_items_published": 12}),
    # none, said with 无 and the matter alone, its clause ending there
    ("本年度，无政府信息公开申请。", {"applications_received": 0}),
    ("本年度共有1件申请提起行政复议，无行政诉讼。", {"litigation": 0}),
    ("全年无行政复议和行政诉讼。", {"administrative_review": 0, "litigation": 0}),
    ("本年度无政府信息公开申请引起的纠纷。", {}),
    # counts in numerals, and in the other words applications and cases are counted in
    ("本年度我局共收到政府信息公开申请一件。", {"applications_received": 1}),
    ("全年共受理政府信息公开申请两件，均予以公开。", {"applications_received": 2}),
    ("全年主动公开政府信息一百零五条。", {"proactive_items_published": 105}),
    ("全年主动公开政府信息一万二千条。", {}),  # not 2000: a count of ten thousands in numerals is not read
    ("全年共收到政府信息公开申请5份。", {"applications_received": 5}),
    ("共受理政府信息公开申请12宗。", {"applications_received": 12}),
    ("发生行政复议案件1宗，行政诉讼2次。", {"administrative_review": 1, "litigation": 2}),
    # slogans are no counts
    ("提供行政复议一次性告知服务。", {}),
    ("推行一件事一次办，收到一件事申请材料。", {}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_prose_figures(text, expected):
    assert {code: figure.value for code, figure in extract_narrative(text).items()} == expected


def test_a_figure_starts_at_its_own_verb():
    """A heading's 公开 above (…公开工作年度报告, 主动公开政府信息情况) does not start the figure's text: a count of
    all items starts at the verb nearest its number."""
    text = "某县2017年政府信息公开工作年度报告\n一、主动公开政府信息情况\n全年在门户网站发布各类政府信息4567条。"
    figure = extract_narrative(text)["proactive_items_published"]
    assert (figure.value, figure.raw, figure.pos.line) == (4567, "发布各类政府信息4567条", 3)


def test_a_heading_is_not_part_of_the_figure():
    """办理 in the heading above (…办理情况) does not start the figure's text: its raw text is the sentence's."""
    figure = extract_narrative("三、依申请公开政府信息办理情况\n全年共受理政府信息公开申请1件。")["applications_received"]
    assert (figure.value, figure.raw, figure.pos.line) == (1, "受理政府信息公开申请1件", 2)
