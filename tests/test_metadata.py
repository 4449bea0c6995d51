"""Report metadata from the title lines: the agency as it names itself, the report year."""

import pytest

from ingestion.metadata.extract import extract_metadata, find_title, published_date


@pytest.mark.parametrize(("lines", "expected"), [
    # a long name wrapped before the title line, its place on the line above: joined (it had lost its place)
    (["宿迁市宿城区", "人民政府办公室", "2022年政府信息公开工作年度报告"], ("宿迁市宿城区人民政府办公室", 2022, 2)),
    (["国家税务总局宿迁市", "税务局2022年政府信息公开工作年度报告"], ("国家税务总局宿迁市税务局", 2022, 1)),
    (["首页", "人民政府办公室", "2022年政府信息公开工作年度报告"], ("人民政府办公室", 2022, 2)),  # no place: chrome
    # the year after the subject, or no year (read from the body then)
    (["宿迁市科学技术局政府信息公开工作2019年度报告"], ("宿迁市科学技术局", 2019, 0)),
    (["首页 > 年报", "【年度报告】宿迁市科学技术局政府信息公开工作年度报告"], ("宿迁市科学技术局", None, 1)),
    # one title line, after site chrome
    (["首页 > 政府信息公开 > 年度报告", "玉溪市红塔区科技局2021年政府信息公开工作年度报告"], ("玉溪市红塔区科技局", 2021, 1)),
    # a PDF's long title wrapped inside its year, and inside 政府信息公开
    (["兴安盟科尔沁右翼前旗人力资源和社会保障局2022", "年政府信息公开工作年度报告", "发布时间：2023-01-20"],
     ("兴安盟科尔沁右翼前旗人力资源和社会保障局", 2022, 0)),
    (["某县财政局2020年政府信息", "公开工作年度报告"], ("某县财政局", 2020, 0)),
    # a PDF's long title wrapped inside the agency's name: the title line holds only its suffix, or the body
    # names the agency with both parts
    (["临沧市双江拉祜族佤族布朗族傣族自治县农业农村", "局2020年政府信息公开工作年度报告", "发布时间:2021-01-20"],
     ("临沧市双江拉祜族佤族布朗族傣族自治县农业农村局", 2020, 1)),
    (["临沧市双江拉祜族佤族布朗族傣族自治县", "农业农村局2020年政府信息公开工作年度报告", "一、总体情况",
      "2020年,临沧市双江拉祜族佤族布朗族傣族自治县农业农村局认真贯彻落实"],
     ("临沧市双江拉祜族佤族布朗族傣族自治县农业农村局", 2020, 1)),
    # a line above that is not part of the name: a site's own name (it ends as a name does), a column heading
    (["双江县人民政府", "农业农村局2020年政府信息公开工作年度报告"], ("农业农村局", 2020, 1)),
    (["政府信息公开年报", "某县农业农村局2020年政府信息公开工作年度报告"], ("某县农业农村局", 2020, 1)),
    # the name on the line above the year
    (["某县财政局", "2020年政府信息公开工作年度报告"], ("某县财政局", 2020, 1)),
    # the year first, the name after it
    (["2021年度佛山市南海区教育局政府信息公开工作年度报告"], ("佛山市南海区教育局", 2021, 0)),
    # what sites put before the name: 关于, a column tag
    (["关于大理市财政局2019年政府信息公开工作年度报告"], ("大理市财政局", 2019, 0)),
    (["【年度报告】成都市武侯区民政局2020年政府信息公开工作年度报告"], ("成都市武侯区民政局", 2020, 0)),
    # 年报 for 年度报告
    (["成都市武侯区民政局2020年度政府信息公开年报"], ("成都市武侯区民政局", 2020, 0)),
    # a page a browser printed: its date and time at the head of the page, a column's width before the title
    # (pdftotext -layout); the name had read 11/23/26,7:05PM西固区市场监督管理局, taken for injected spam
    (["11/23/26, 7:05 PM                 西固区市场监督管理局2023年政府信息公开工作年度报告"],
     ("西固区市场监督管理局", 2023, 0)),
    (["2024/1/20 上午10:30        某县财政局2023年政府信息公开工作年度报告"], ("某县财政局", 2023, 0)),
    # a year spaced out from the title's own words is the title's
    (["2023  年度佛山市南海区教育局政府信息公开工作年度报告"], ("佛山市南海区教育局", 2023, 0)),
])
def test_title(lines, expected):
    assert find_title(lines) == expected


def test_a_heading_above_prose_is_not_a_wrapped_title():
    """The break falls before the year, not inside the title phrase: the heading is not taken as a name."""
    assert find_title(["一、总体情况", "2022年，本局政务公开工作年度报告如下"]) == (None, 2022, 1)


@pytest.mark.parametrize(("title", "year"), [
    ("南京市玄武区科学技术局二〇一九年政府信息公开工作年度报告", 2019),
    ("南京市玄武区科学技术局二○二一年度政府信息公开工作年度报告", 2021),
    ("南京市玄武区科学技术局二O一九年政府信息公开工作年度报告", 2019),
    ("二零二〇年南京市玄武区科学技术局政府信息公开工作年度报告", 2020),
])
def test_a_year_in_chinese_numerals(title, year):
    meta, _issues = extract_metadata(title + "\n一、总体情况\n")
    assert (meta.agency_name, meta.report_year, meta.region_code) == ("南京市玄武区科学技术局", year, "320102")


@pytest.mark.parametrize(("body", "year"), [
    # the year the body names, not the year of the date it was signed (a report is published after its year)
    ("一、总体情况\n2019年，本局认真贯彻落实《条例》。\n南京市玄武区科学技术局\n2020年1月20日\n", 2019),
    ("一、总体情况\n本局2019年度政府信息公开工作如下。\n发布时间：2020年1月15日\n", 2019),
    # only dates: their year (the most named)
    ("一、总体情况\n2019年3月5日召开会议，2019年6月1日印发方案。\n2020年1月10日\n", 2019),
])
def test_a_year_inferred_from_the_body(body, year):
    meta, issues = extract_metadata(body)
    assert meta.report_year == year
    assert "year_inferred" in {issue.code for issue in issues}


@pytest.mark.parametrize(("agency", "region"), [
    ("宜宾市叙州区人民政府", "511504"),  # named so since 2018: today's divisions (jionlp), not only cpca's
    ("成都市郫都区财政局", "510117"),
    ("宜宾县人民政府", "511521"),  # its name before 2018: the former division
    ("赣县财政局", "360721"),  # 赣县 in full (former), before 赣县区 (today's, short 赣县)
    ("横县人民政府", "450127"),  # renamed under its code (横州市)
    ("襄樊市人民政府", "420600"),  # 襄阳市 since 2010: a renaming jionlp lists, before either data set
    ("国家税务总局南京市江宁区税务局", "320115"),  # a central body's local office: the place after its name
    ("国家税务总局江苏省税务局", "320000"),
    ("中国证券监督管理委员会江苏监管局", "320000"),
    ("国家统计局宁波调查队", "330200"),
    ("中共宿迁市委宣传部（宿迁市新闻出版局）", "321300"),  # the Party's organ, its government twin's report
    ("中国共产党宿迁市委员会办公室", "321300"),
    ("河北雄安新区管理委员会", "130000"),  # 河北 is the province, not 天津's 河北区
    ("河北区人民政府", "120105"),
    ("金门县民政局", "350527"),  # GB/T 2260 codes no county of Taiwan: no second 金门县
    ("和平区人民政府", None),  # 天津's or 沈阳's: not guessed
    ("沈阳市和平区人民政府", "210102"),
])
def test_region_of_an_agency(agency: str, region: str | None) -> None:
    meta, issues = extract_metadata(f"{agency}2022年政府信息公开工作年度报告\n正文")
    assert meta.region_code == region
    assert ("region_unresolved" in {i.code for i in issues}) == (region is None)


def test_an_ambiguous_county_is_settled_by_the_city_the_text_names() -> None:
    meta, _ = extract_metadata("和平区人民政府2022年政府信息公开工作年度报告\n沈阳市和平区人民政府认真贯彻落实条例")
    assert (meta.region_code, meta.city, meta.county) == ("210102", "沈阳市", "和平区")



@pytest.mark.parametrize(("text", "date"), [
    ("发布时间：2023-01-20\n正文\n2021年1月29日", "2023-01-20"),  # the page's label first
    ("正文\n某县财政局\n2021年1月29日\n", "2021-01-29"),  # the signature's date
    ("正文\n某县财政局 2021年1月29日", "2021-01-29"),
    ("正文\n某县财政局\n二〇二一年一月二十九日", "2021-01-29"),  # in Chinese numerals
    ("正文\n二○二○年十二月三十一日\n", "2020-12-31"),
    ("正文\n2021 年 1 月 9 日\n主办单位：某县人民政府办公室 ICP备05004767号", "2021-01-09"),  # before the site's footer
    ("正文\n我局于2021年1月29日召开专题会议。", None),  # a date in a sentence is no signature
    ("正文\n2021年13月29日", None),
    ("正文\n二〇二十年一月二十九日", None),  # no year: 十 is no digit of one (it had read as the year 0010)
])
def test_published_date(text: str, date: str | None) -> None:
    assert published_date(text) == date
