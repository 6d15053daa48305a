"""Tables as statistical yearbooks, bulletins and Excel give them (a steward's walkthrough with real region
names): title, unit and note lines around the rows, units in headers, years across, percentages formatted
in Excel, code and name columns side by side, bounds written in the value's cell. Each value published is
checked against the file; each line read as no data is named."""

import shutil
from datetime import date

import openpyxl
import pytest

from chuangcheng import ROOT, ingest
from chuangcheng.ingest import report
from chuangcheng.cli import main

REGIONS = """code,parent_code,level,name_zh,name_en,aliases
440000,,province,广东省,Guangdong,
440100,440000,地级市,广州市,Guangzhou,
440300,440000,地级市,深圳市,Shenzhen,
320000,,省,江苏省,Jiangsu,
320100,320000,city,南京市,Nanjing,
320106,320100,区,鼓楼区,Gulou District,
350000,,province,福建省,Fujian,
350100,350000,city,福州市,Fuzhou,
350102,350100,district,鼓楼区,Gulou District (Fuzhou),
"""


@pytest.fixture()
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", folder / "catalog")
    # These tables test how cells are read, with small numbers easy to follow (广州市 GDP 100 万元): no plausible
    # ranges here; tests/test_ingest_units.py holds values to them.
    plausible = folder / "catalog" / "plausible.csv"
    plausible.write_text(plausible.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    (tmp_path / "regions.csv").write_text(REGIONS, encoding="utf-8")
    return folder


def write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def mapping(tmp_path, text: str):
    return write(tmp_path, "map.toml", text)


def run(data, files, publish=True, snapshot="t-v1", **options) -> ingest.Result:
    request = ingest.Request(files=list(files), snapshot=snapshot, regions=data.parent / "regions.csv", **options)
    return ingest.ingest(request, data, publish=publish)


def published(result) -> dict:
    assert result.ok, [p.message for p in result.problems]
    rows = result.observations
    return {(r.region_code, int(r.year), r.indicator): (r.value, r.qualifier) for r in rows.itertuples()}


def messages(found) -> list[str]:
    """As the command and the upload page show them: file, column, what, rows, hint."""
    return report.text(found, "en").splitlines()


YEARBOOK = """表3-1 各市主要经济指标（2021年）,,,
地区,地区生产总值,人均地区生产总值,城镇居民人均可支配收入
,单位：亿元,元,元
全省,"124,369.67","98,285","59,302"
广  州,"28,231.97","150,366","74,416"
深  圳,"30,664.85","173,663","70,847"
注：本表数据为初步核算数。,,,
资料来源：《广东统计年鉴2022》,,,
"""


def test_a_yearbook_table_is_read_around_its_title_units_and_notes(data, tmp_path):
    """The header is row 2, the units row under it gives each column's unit, the notes are no rows; every line
    read as no data is named, and the year the title gives is offered, not taken."""
    table = write(tmp_path, "yearbook.csv", YEARBOOK, "gbk")
    first = run(data, [table], publish=False)
    assert messages(first.problems) == [
        "yearbook.csv, year: required column is missing — row 2; the title says 2021: if the whole table is of "
        "that year, write [defaults] year = 2021 in the mapping",
        'yearbook.csv, 地区: unknown region “全省” — row 4; a total row: leave it out with [filter] drop = ["全省"] '
        "in the mapping, or, if it is the figure of the region the table covers, alias it to that region's code under "
        "[aliases]",
    ]
    assert [(p.row, p.column) for p in first.problems] == [(2, "year"), (4, "地区")]
    result = run(data, [table], mapping=mapping(tmp_path, '[defaults]\nyear = 2021\n[aliases]\n"全省" = "440000"\n'))
    assert published(result) == {
        ("440000", 2021, "gdp"): (124369.67, "="),
        ("440000", 2021, "gdp_per_capita"): (98285, "="),
        ("440000", 2021, "urban_disposable_income_pc"): (59302, "="),
        ("440100", 2021, "gdp"): (28231.97, "="),
        ("440100", 2021, "gdp_per_capita"): (150366, "="),
        ("440100", 2021, "urban_disposable_income_pc"): (74416, "="),
        ("440300", 2021, "gdp"): (30664.85, "="),
        ("440300", 2021, "gdp_per_capita"): (173663, "="),
        ("440300", 2021, "urban_disposable_income_pc"): (70847, "="),
    }
    assert [(p.row, p.message) for p in result.warnings] == [
        (1, "read as the table's title or note, not as data: “表3-1 各市主要经济指标（2021年）”"),
        (3, "read as the table's title or note, not as data: “单位：亿元 元 元”"),
        (7, "read as the table's title or note, not as data: “注：本表数据为初步核算数。”"),
        (8, "read as the table's title or note, not as data: “资料来源：《广东统计年鉴2022》”"),
    ]  # the units row gives its columns' units, not a unit for the whole table


def test_a_unit_line_above_the_header_holds_for_every_column_that_names_none(data, tmp_path):
    """'单位：万元' above the header: 282,319,700 万元 is 28,231.97 亿元; a column it cannot be (a rate) is a problem."""
    table = write(tmp_path, "wan.csv", '（单位：万元）\n地区,年份,地区生产总值\n广州市,2021,"282,319,700"\n')
    result = run(data, [table])
    assert published(result) == {("440100", 2021, "gdp"): (pytest.approx(28231.97), "=")}
    assert (
        result.warnings[-1].message
        == "the table's unit line says “万元”: values of columns that give no unit of their own are read in it"
    )
    rate = write(
        tmp_path, "rate.csv", '单位：万元\n地区,年份,地区生产总值,城镇登记失业率\n广州市,2021,"282,319,700",2.5\n'
    )
    assert messages(run(data, [rate], publish=False, snapshot="t-v2").problems) == [
        "rate.csv, 城镇登记失业率: the table's unit line says “万元”, which does not convert to the catalog's %: give this column its unit "
        "in its header or under [units] — row 3; closest: %, percent, 百分比, ‰"
    ]


@pytest.mark.parametrize(
    "header, cell, expected",
    [
        ("地区生产总值（万元）", '"282,319,700"', ("gdp", 28231.97)),
        ("地区生产总值(亿元)", "28231.97", ("gdp", 28231.97)),
        ("人均地区生产总值/元", "150366", ("gdp_per_capita", 150366)),
        ("建成区绿化覆盖率（%）", "45.8", ("built_up_green_coverage", 45.8)),
    ],
)
def test_a_header_that_carries_its_unit_names_its_indicator_and_converts(data, tmp_path, header, cell, expected):
    """Unknown headers before: a wide 万元 column published 10,000 times too big once it was mapped without [units]."""
    table = write(tmp_path, "units.csv", f"地区,年份,{header}\n广州市,2021,{cell}\n")
    code, value = expected
    assert published(run(data, [table])) == {("440100", 2021, code): (pytest.approx(value), "=")}


def test_a_header_unit_that_does_not_convert_is_named_once_and_a_bracket_that_is_no_unit_stays_in_the_name(
    data, tmp_path
):
    table = write(tmp_path, "units.csv", "地区,年份,地区生产总值（%）,地区生产总值（全年）\n广州市,2021,1,2\n")
    assert messages(run(data, [table], publish=False).problems) == [
        "units.csv, 地区生产总值（全年）: unknown indicator “地区生产总值（全年）” in the header — row 1; closest: gdp, gdp_growth, "
        "gdp_per_capita; map it under [indicators], or list it under ignore",
        "units.csv, 地区生产总值（%）: unit “%” does not convert to the catalog's 亿元 — row 1; closest: 亿元, 100 million yuan, 100m yuan, 万元",
    ]


def test_years_across_hold_the_indicator_the_mapping_names(data, tmp_path):
    """地区, 2019年, 2020年: the most common yearbook layout."""
    table = write(
        tmp_path, "years.csv", '\ufeff地区,2019年,2020年\n广东省,"107,986.9","110,760.9"\n江苏省,"98,656.8",—\n'
    )
    assert messages(run(data, [table], publish=False).problems) == [
        "years.csv, 2019年: the headers 2019年, 2020年 are years: say which indicator they hold, with an indicator column or "
        '[defaults] indicator = "…" in the mapping — row 1'
    ]
    result = run(data, [table], mapping=mapping(tmp_path, '[defaults]\nindicator = "gdp"\n'))
    assert published(result) == {
        ("440000", 2019, "gdp"): (107986.9, "="),
        ("440000", 2020, "gdp"): (110760.9, "="),
        ("320000", 2019, "gdp"): (98656.8, "="),
    }


def test_years_across_with_an_indicator_column_and_a_unit_column(data, tmp_path):
    table = write(
        tmp_path,
        "bulletin.csv",
        '地区,指标,单位,2020,2021\n广州市,地区生产总值,万元,"250,191,100","282,319,700"\n'
        "广州市,城镇登记失业率,%,2.9,2.5\n",
    )
    assert published(run(data, [table])) == {
        ("440100", 2020, "gdp"): (pytest.approx(25019.11), "="),
        ("440100", 2021, "gdp"): (pytest.approx(28231.97), "="),
        ("440100", 2020, "registered_unemployment_rate"): (2.9, "="),
        ("440100", 2021, "registered_unemployment_rate"): (2.5, "="),
    }


def test_excel_percentages_are_read_as_excel_shows_them(data, tmp_path):
    """0.0245 under '0.00%' is 2.45%: it was published as 0.0245, a hundred times too small, with no warning."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["行政区划代码", "地区名称", "年份", "城镇登记失业率", "空气质量优良天数比例"])
    sheet.append(["440300", "深圳市", 2021, 0.0245, 0.885])
    sheet["D2"].number_format, sheet["E2"].number_format = "0.00%", "0.0%"
    sheet.append(["440100", "广州市", 2021, 2.5, 88.5])  # typed as numbers, General: as written
    book.save(tmp_path / "rates.xlsx")
    assert published(run(data, [tmp_path / "rates.xlsx"])) == {
        ("440300", 2021, "registered_unemployment_rate"): (2.45, "="),
        ("440300", 2021, "air_good_days_ratio"): (88.5, "="),
        ("440100", 2021, "registered_unemployment_rate"): (2.5, "="),
        ("440100", 2021, "air_good_days_ratio"): (88.5, "="),
    }


def test_a_code_column_beside_a_name_column_is_the_region_and_the_name_is_no_indicator(data, tmp_path):
    table = write(tmp_path, "codes.csv", "行政区划代码,城市,年份,地区生产总值\n440100,广州市,2021,28231.97\n")
    assert published(run(data, [table])) == {("440100", 2021, "gdp"): (28231.97, "=")}


def test_a_city_column_beside_a_county_column_is_its_parent(data, tmp_path):
    """Two 鼓楼区: 城市 settles which, without a mapping (it named 区县 an unknown indicator before)."""
    table = write(
        tmp_path, "gulou.csv", "城市,区县,年份,建成区绿化覆盖率\n南京市,鼓楼区,2021,42.1\n福州市,鼓楼区,2021,44.0\n"
    )
    assert published(run(data, [table])) == {
        ("320106", 2021, "built_up_green_coverage"): (42.1, "="),
        ("350102", 2021, "built_up_green_coverage"): (44.0, "="),
    }


@pytest.mark.parametrize(
    "value, qualifier, expected",
    [
        ("≥45", "", (45.0, ">=")),
        ("45以上", "", (45.0, ">=")),
        ("不低于46", "", (46.0, ">=")),
        ("3以下", "", (3.0, "<=")),
        ("45", "以上", (45.0, ">=")),
        ("45", "＞＝", (45.0, ">=")),
        ("45", "不超过", (45.0, "<=")),
        ("−2.1", "", (-2.1, "=")),  # the minus sign of a PDF or Word table
    ],
)
def test_bounds_as_chinese_documents_write_them(data, tmp_path, value, qualifier, expected):
    table = write(
        tmp_path, "bounds.csv", f"地区,年份,指标,数值,限定\n广州市,2021,地区生产总值增长率,{value},{qualifier}\n"
    )
    assert published(run(data, [table])) == {("440100", 2021, "gdp_growth"): expected}


@pytest.mark.parametrize("mark", ["——", "……", "/"])
def test_the_marks_yearbooks_print_for_no_figure_are_no_figure(data, tmp_path, mark):
    table = write(tmp_path, "marks.csv", f"地区,年份,地区生产总值,城镇登记失业率\n广州市,2021,28231.97,{mark}\n")
    assert published(run(data, [table])) == {("440100", 2021, "gdp"): (28231.97, "=")}


def test_a_repeat_that_differs_only_in_its_note_is_named(data, tmp_path):
    """初步数 and 最终核实数 of one figure: the second note was dropped without a word."""
    table = write(
        tmp_path,
        "notes.csv",
        "地区,年份,指标,数值,备注\n广州市,2021,gdp,28231.97,初步数\n广州市,2021,gdp,28231.97,最终核实数\n",
    )
    assert messages(run(data, [table], publish=False).problems) == [
        "notes.csv, note: 440100 / 2021 / gdp appears more than once with a different note — 2 rows (2–3)"
    ]


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            "code,parent_code,level,name_zh,name_en,aliases\n440100,,city,广州市,Guangzhou,,extra\n",
            "regions.csv: the row has 7 cells but the header has 6: a separator missing or too many? — row 2",
        ),
        (
            'code,parent_code,level,name_zh,name_en,aliases\n"440100,,city,广州市,Guangzhou,\n',
            "regions.csv: a quoted cell that starts on this row is not closed (or is longer than the cell limit) — row 2",
        ),
    ],
)
def test_a_malformed_regions_file_is_named_by_its_row_not_a_traceback(data, tmp_path, capsys, content, expected):
    (tmp_path / "regions.csv").write_text(content, encoding="utf-8")
    table = write(tmp_path, "t.csv", "地区,年份,地区生产总值\n广州市,2021,1\n")
    assert (
        main(
            [
                "ingest",
                str(table),
                "--snapshot",
                "t-v1",
                "--regions",
                str(tmp_path / "regions.csv"),
                "--data",
                str(data),
                "--check",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err and expected in err, err


def test_a_regions_file_may_be_a_spreadsheet_with_levels_in_chinese_and_says_its_problems_in_chinese(
    data, tmp_path, capsys
):
    book = openpyxl.Workbook()
    for line in REGIONS.splitlines():
        book.active.append(line.split(","))
    book.active.append(["440400", "440099", "乡", "珠海市", "", ""])
    book.save(tmp_path / "regions.xlsx")
    table = write(tmp_path, "t.csv", "地区,年份,地区生产总值\n广州市,2021,1\n")
    assert (
        main(
            [
                "ingest",
                str(table),
                "--snapshot",
                "t-v1",
                "--regions",
                str(tmp_path / "regions.xlsx"),
                "--data",
                str(data),
                "--check",
                "--lang",
                "zh",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert (
        "regions.xlsx，name_en：为空——第 11 行" in err
        and "regions.xlsx，parent_code：未知的上级地区 '440099'——第 11 行" in err
    )
    assert err.strip().endswith("错误：共 2 个问题，未写入任何数据"), err


def test_survey_microdata_headed_as_figures_files_are_finds_its_region_and_year(data, tmp_path):
    """地区 and 年份 in a survey file gave 'the region is empty' and 'year None' on every row."""
    answers = write(
        tmp_path,
        "survey.csv",
        "respondent_id,地区,年份,question,answer,weight\n1,广州市,2021,core_values_awareness_rate,1,1\n"
        "2,广州市,2021,core_values_awareness_rate,2,1.5\n3,广州市,20x1,core_values_awareness_rate,1,1\n",
    )
    assert messages(run(data, [answers], publish=False).problems) == [
        f"survey.csv, 年份: year “20x1” is not between 1949 and {date.today().year + 1} — row 4"
    ]
    answers.write_text("\n".join(answers.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    result = run(data, [answers])
    assert result.ok and list(
        result.survey[["region_code", "year", "respondent_id", "answer", "weight"]].itertuples(index=False, name=None)
    ) == [("440100", 2021, 1, 1, 1.0), ("440100", 2021, 2, 2, 1.5)]


STREETS = """code,parent_code,level,name_zh,name_en,aliases
330102,,district,上城区,Shangcheng District,
330102001,330102,街道,清波街道,Qingbo Subdistrict,
330102008,330102,street,望江街道,Wangjiang Subdistrict,
"""


@pytest.mark.parametrize(
    "written, expected", [("330102008000", "330102008"), ("330102000000", "330102"), ("330102001", "330102001")]
)
def test_a_twelve_digit_statistical_code_names_the_region_it_pads(data, tmp_path, written, expected):
    (tmp_path / "regions.csv").write_text(STREETS, encoding="utf-8")
    table = write(tmp_path, "streets.csv", f"街道代码,年份,注册志愿者占建成区常住人口比例\n{written},2022,14.2\n")
    assert published(run(data, [table])) == {(expected, 2022, "registered_volunteer_ratio"): (14.2, "=")}


@pytest.mark.parametrize(
    "written, hint",
    [
        (
            "广洲市",
            "did you mean 440100 广州市 Guangzhou (广东省 Guangdong); 510800 广元市 Guangyuan (四川省 Sichuan); "
            "511600 广安市 Guang'an (四川省 Sichuan)?",
        ),  # by sound first, then one character off, 市 before 镇  # one character off in a three-character name
        (
            "4.40100E+05",
            "Excel wrote this code in scientific notation and lost its last digits: format the column as text in Excel and save "
            "the file again",
        ),
    ],
)
def test_a_short_chinese_slip_is_suggested_and_a_code_excel_wrote_in_e_notation_is_named(data, tmp_path, written, hint):
    table = write(tmp_path, "t.csv", f"地区,年份,地区生产总值\n{written},2021,1\n")
    assert messages(run(data, [table], publish=False).problems) == [
        f"t.csv, 地区: unknown region “{written}” — row 2; {hint}"
    ]


def two_row_header(tmp_path, top: list, below: list, rows: list, merged: list[str]):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (top, below, *rows):
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(tmp_path / "two.xlsx")
    return tmp_path / "two.xlsx"


def test_a_two_row_header_of_indicators_over_their_years(data, tmp_path):
    """建成区绿化覆盖率（%） merged over 2020年 and 2021年: a duplicate header and 'unknown region 地区' before."""
    table = two_row_header(
        tmp_path,
        ["地区", "建成区绿化覆盖率（%）", None, "地区生产总值（万元）", None],
        [None, "2020年", "2021年", "2020年", "2021年"],
        [["广州市", 45.5, 45.8, 250191100, 282319700], ["深圳市", 43.4, 43.2, None, 306648500]],
        ["B1:C1", "D1:E1", "A1:A2"],
    )
    result = run(data, [table])
    assert published(result) == {
        ("440100", 2020, "built_up_green_coverage"): (45.5, "="),
        ("440100", 2021, "built_up_green_coverage"): (45.8, "="),
        ("440300", 2020, "built_up_green_coverage"): (43.4, "="),
        ("440300", 2021, "built_up_green_coverage"): (43.2, "="),
        ("440100", 2020, "gdp"): (pytest.approx(25019.11), "="),
        ("440100", 2021, "gdp"): (pytest.approx(28231.97), "="),
        ("440300", 2021, "gdp"): (pytest.approx(30664.85), "="),
    }
    assert [(p.row, p.message) for p in result.warnings] == [
        (2, "read as the header's second row, each column headed by both: “地区 2020年 2021年 2020年 2021年”")
    ]


def test_a_two_row_header_of_years_over_their_indicators_names_an_unknown_one_once(data, tmp_path):
    table = two_row_header(
        tmp_path,
        ["地区", "2020年", None, "2021年", None],
        [None, "地区生产总值", "绿化率", "地区生产总值", "绿化率"],
        [["广州市", 25019.11, 1, 28231.97, 2]],
        ["B1:C1", "D1:E1"],
    )
    assert messages(run(data, [table], publish=False).problems) == [
        "two.xlsx, 2020年 绿化率: unknown indicator “绿化率” in the header — row 1; "
        "map it under [indicators], or list it under ignore",
        "two.xlsx, 2021年 绿化率: unknown indicator “绿化率” in the header — row 1; "
        "map it under [indicators], or list it under ignore",
    ]


# A review's adversarial tables: each published a wrong number, region or year, or refused a plain table.
@pytest.mark.parametrize(
    "text, mapping_text, expected",
    [
        (
            "地区,2019年,2020年\n,万元,万元\n广州市,100,200\n",
            '[defaults]\nindicator = "gdp"\n',  # a units row under years across
            {("440100", 2019, "gdp"): (0.01, "="), ("440100", 2020, "gdp"): (0.02, "=")},
        ),
        (
            "地区,年份,指标,值\n,,,万元\n广州市,2020,地区生产总值,100\n",
            "",
            {("440100", 2020, "gdp"): (0.01, "=")},
        ),  # under a long file's value
        (
            "地区,年份,地区生产总值,人均地区生产总值\n广州市,2020,100,52000\n注：人均地区生产总值单位：万元。\n",
            "",  # a note's unit is one column's
            {("440100", 2020, "gdp"): (100.0, "="), ("440100", 2020, "gdp_per_capita"): (52000.0, "=")},
        ),
        (
            "地区,城市,年份,地区生产总值\n鼓楼区,南京市,2020,100\n鼓楼区,福州市,2020,200\n",
            "",  # 地区 is the region, 城市 its parent
            {("320106", 2020, "gdp"): (100.0, "="), ("350102", 2020, "gdp"): (200.0, "=")},
        ),
        (
            "地区,2019年\n广州市,100\n",
            '[defaults]\nyear = 2021\nindicator = "gdp"\n',
            {("440100", 2019, "gdp"): (100.0, "=")},
        ),  # header years win
        (
            "省份,地区,年份,地区生产总值\n,广州市,2020,—\n,深圳市,2021,100\n",
            "",  # an empty first cell: a data row, not a units row
            {("440300", 2021, "gdp"): (100.0, "=")},
        ),
        (
            "表3 各区主要指标,,单位：万元\n地区,年份,地区生产总值\n广州市,2020,100\n",
            "",
            {("440100", 2020, "gdp"): (0.01, "=")},
        ),  # title and unit
    ],
)
def test_tables_a_review_found_misread(data, tmp_path, text, mapping_text, expected):
    table = write(tmp_path, "t.csv", text)
    options = {"mapping": mapping(tmp_path, mapping_text)} if mapping_text else {}
    result = run(data, [table], **options)
    assert published(result) == {key: (pytest.approx(value), qualifier) for key, (value, qualifier) in expected.items()}


def test_a_title_merged_across_the_first_row_of_a_sheet_is_a_title(data, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["各区主要经济指标（2020年）", None, None],
        ["单位：万元", None, None],
        ["地区", "年份", "地区生产总值"],
        ["广州市", 2020, 100],
    ):
        sheet.append(row)
    sheet.merge_cells("A1:C1")
    book.save(tmp_path / "titled.xlsx")
    assert published(run(data, [tmp_path / "titled.xlsx"])) == {("440100", 2020, "gdp"): (pytest.approx(0.01), "=")}


# A second steward walkthrough's tables: each published wrong or lost data without a word.
def test_a_footnote_marker_is_no_digit(data, tmp_path):
    """45.8① and 12² were published as 45.81 and 122 (NFKC makes ① a 1 and ² a 2)."""
    table = write(tmp_path, "t.csv", "地区,年份,建成区绿化覆盖率,社区卫生服务站数\n广州市,2021,45.8①,12²\n")
    assert messages(run(data, [table], publish=False).problems) == [
        "t.csv, 建成区绿化覆盖率: “45.8①” carries a footnote marker: write the value alone, and the footnote in a note column — row 2",
        "t.csv, 社区卫生服务站数: “12²” carries a footnote marker: write the value alone, and the footnote in a note column — row 2",
    ]


@pytest.mark.parametrize("separator", ["\t", ";"])
def test_a_tab_or_semicolon_file_is_read_and_a_file_of_nothing_publishes_nothing(data, tmp_path, separator):
    """A tab-separated file read as no rows at all, and published an empty snapshot with exit 0."""
    table = write(
        tmp_path,
        "t.csv",
        separator.join(["地区", "年份", "地区生产总值"]) + "\n" + separator.join(["广州市", "2021", "28231.97"]) + "\n",
    )
    assert published(run(data, [table])) == {("440100", 2021, "gdp"): (28231.97, "=")}
    nothing = write(tmp_path, "n.csv", "地区,年份,地区生产总值\n广州市,2021,—\n")
    assert messages(run(data, [nothing], publish=False, snapshot="t-v2").problems) == [
        "n.csv: no value and no survey answer was read from the files: nothing to publish"
    ]


def test_a_workbook_reads_its_active_visible_sheet_says_what_else_it_holds_and_skips_hidden_rows(data, tmp_path):
    """A hidden draft sheet first in the book was read in place of the final one; a hidden draft row was published."""
    book = openpyxl.Workbook()
    draft = book.active
    draft.title = "草稿"
    for row in (["地区", "年份", "地区生产总值"], ["广州市", 2021, 1.0]):
        draft.append(row)
    final = book.create_sheet("终稿")
    for row in (["地区", "年份", "地区生产总值"], ["广州市", 2021, 28231.97], ["深圳市", 2021, 99.0]):
        final.append(row)
    final.row_dimensions[3].hidden = True
    draft.sheet_state = "hidden"
    book.active = 1
    book.save(tmp_path / "book.xlsx")
    result = run(data, [tmp_path / "book.xlsx"])
    assert published(result) == {("440100", 2021, "gdp"): (28231.97, "=")}
    assert messages(result.warnings) == [
        "book.xlsx: rows hidden in the sheet are not read: 3 (unhide them to load them)",
        'book.xlsx: only the sheet “终稿” is read; the workbook also has 草稿: load another with sheet = "…" in the mapping, one file at a time',
    ]
    assert published(
        run(data, [tmp_path / "book.xlsx"], snapshot="t-v2", mapping=mapping(tmp_path, 'sheet = "草稿"\n'))
    ) == {("440100", 2021, "gdp"): (1.0, "=")}


def test_a_name_with_a_note_that_may_narrow_it_is_named_not_matched(data, tmp_path):
    """杭州市（市辖区） and 深圳市（不含深汕合作区） were stored as the whole cities."""
    table = write(tmp_path, "t.csv", "城市,年份,地区生产总值\n深圳市（不含深汕合作区）,2020,27670.2\n")
    assert messages(run(data, [table], publish=False).problems) == [
        "t.csv, 城市: “深圳市（不含深汕合作区）” is 440300 深圳市 Shenzhen with a note in brackets, which may narrow it: if the figure is the whole "
        "region's, write the name alone or alias it under [aliases] — row 2"
    ]


def test_two_ways_of_writing_one_respondent_id_are_named(data, tmp_path):
    """00012 and 12 were one respondent: one answer vanished and the rate moved."""
    answers = write(
        tmp_path,
        "s.csv",
        "respondent_id,地区,年份,question,answer\n00012,广州市,2021,core_values_awareness_rate,1\n"
        "12,广州市,2021,core_values_awareness_rate,1\n",
    )
    assert messages(run(data, [answers], publish=False).problems) == [
        "s.csv, respondent_id: respondent ids “12” and “00012” are the same number: give each respondent an id of its own — row 3"
    ]


@pytest.mark.parametrize(
    "written, key",
    [
        ("2021年上半年", "part of a year"),
        ("2021Q2", "part of a year"),
        ("2021年1-6月", "part of a year"),
        ("2021-12-31", "a date, not a year"),
    ],
)
def test_a_period_or_a_date_in_the_year_column_is_named_as_such(data, tmp_path, written, key):
    """They read 'year … is not between 1949 and 2027' of a year in range."""
    table = write(tmp_path, "t.csv", f"地区,年份,地区生产总值\n广州市,{written},1\n")
    assert key in messages(run(data, [table], publish=False).problems)[0]


def test_a_half_year_title_is_not_offered_as_the_year(data, tmp_path):
    """The title hint turned 2021年上半年 figures into 2021's."""
    table = write(tmp_path, "t.csv", "2021年上半年各区主要经济指标\n地区,地区生产总值\n广州市,13000\n")
    problems = messages(run(data, [table], publish=False).problems)
    assert "the title gives part of a year (“上半年”)" in problems[0] and "[defaults] year" not in problems[0]


@pytest.mark.parametrize("written", ["2021年度", "2021年末", "2021年底"])
def test_a_year_written_as_the_years_or_its_end_is_that_year(data, tmp_path, written):
    table = write(tmp_path, "t.csv", f"地区,年份,地区生产总值\n广州市,{written},1\n")
    assert published(run(data, [table])) == {("440100", 2021, "gdp"): (1.0, "=")}


def test_total_rows_are_left_out_by_the_mappings_drop(data, tmp_path):
    """城区小计 and 合计 could not be left out: [filter] regions still reported them, and aliasing 合计 to the city is wrong
    for a sum of the listed districts alone."""
    table = write(
        tmp_path, "t.csv", "地区,年份,地区生产总值\n广州市,2021,28231.97\n深圳市,2021,30664.85\n合计,2021,58896.82\n"
    )
    assert published(run(data, [table], mapping=mapping(tmp_path, '[filter]\ndrop = ["合计"]\n'))) == {
        ("440100", 2021, "gdp"): (28231.97, "="),
        ("440300", 2021, "gdp"): (30664.85, "="),
    }


@pytest.mark.parametrize("written, first", [("廣州市", "440100 广州市 Guangzhou"), ("Guǎngzhōu", None)])
def test_traditional_characters_are_suggested_by_their_sound_and_tone_marks_are_no_letters(
    data, tmp_path, written, first
):
    table = write(tmp_path, "t.csv", f"地区,年份,地区生产总值\n{written},2021,1\n")
    result = run(data, [table], publish=False)
    if first:  # never matched: suggested, first
        assert messages(result.problems)[0].startswith(
            f"t.csv, 地区: unknown region “{written}” — row 2; did you mean {first}"
        )
    else:
        assert published(result) == {("440100", 2021, "gdp"): (1.0, "=")}


@pytest.mark.parametrize(
    "start, words",
    [
        (b"\xff\xfe" + "地区".encode("utf-16-le"), "UTF-16 text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "old Excel .xls"),
    ],
)
def test_utf16_text_and_an_old_xls_are_named_for_what_they_are(data, tmp_path, start, words):
    (tmp_path / "t.csv").write_bytes(start)
    assert words in messages(run(data, [tmp_path / "t.csv"], publish=False).problems)[0]


def test_survey_microdata_as_a_survey_platform_exports_it(data, tmp_path):
    """受访者编号, 题目, 答案, 权重 were unknown indicators, and 很满意 'not on the scale (1, 2, 3, 4, 5, 9)'."""
    answers = write(
        tmp_path,
        "s.csv",
        "受访者编号,地区,年份,题目,答案,权重\n1,广州市,2021,群众对创建工作的满意率,很满意,1\n"
        "2,广州市,2021,群众对创建工作的满意率,说不清,1.5\n3,广州市,2021,campaign_satisfaction_rate,3,1\n",
    )
    result = run(data, [answers])
    assert result.ok, messages(result.problems)
    assert list(
        result.survey[["respondent_id", "question", "answer", "weight"]].itertuples(index=False, name=None)
    ) == [
        (1, "campaign_satisfaction_rate", 1, 1.0),
        (2, "campaign_satisfaction_rate", 9, 1.5),
        (3, "campaign_satisfaction_rate", 3, 1.0),
    ]
