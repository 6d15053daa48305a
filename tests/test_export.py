"""The CSV contract byte for byte, the wide layout, reproducible XLSX, and file names."""

import csv
import io
from datetime import datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from chuangcheng import ROOT
from chuangcheng.model import catalog
from chuangcheng.model.params import Params
from chuangcheng.render import export

CREATED = datetime(2026, 1, 15)


@pytest.fixture(scope="module")
def tiny_catalog():
    """The shipped catalog (the two regions below are given as names: the catalog itself now refuses them)."""
    return catalog.load(ROOT / "data")


# Two regions whose names a spreadsheet would run as formulas, as an older snapshot's own regions might hold them.
HOSTILE_NAMES = {
    "en": {"990198": '=HYPERLINK("http://x")', "990199": "-North, District"},
    "zh": {"990198": '=HYPERLINK("http://x")', "990199": "+北区"},
}


ROWS = pd.DataFrame(
    {
        "region_code": ["990198", "990198", "990199", "990199"],
        "year": [2020, 2020, 2020, 2021],
        "indicator": ["gdp", "gdp_growth", "gdp_growth", "workplace_deaths_per_100m_gdp"],
        "value": [1234.5, -2.25, 0.0000001, float("nan")],
        "qualifier": ["=", "=", ">=", "<="],
        "status": ["reported", "reported", "estimated", "synthetic"],
        "source": ["@source doc", None, "plain, with comma", 'say "hi"'],
        "note": ["cumulative over the campaign cycle", None, None, "=1+1"],
    }
)


def names(catalog, lang: str) -> dict:
    return {**catalog.regions[f"name_{lang}"].to_dict(), **HOSTILE_NAMES[lang]}


def render(catalog, lang: str, layout: str, fmt: str = "csv", **options) -> bytes:
    return export.render(ROWS, catalog, names(catalog, lang), lang, layout, fmt, CREATED, **options)


def test_long_csv_in_chinese_byte_for_byte(tiny_catalog):
    """Issue 10: the zh file kept English headers and 'synthetic'; the columns stay in the same order."""
    expected = (
        "\ufeff地区代码,地区名称,年份,指标代码,指标名称,单位,数值,下限,上限,样本量,限定,数据性质,来源,说明\r\n"
        '990198,"\'=HYPERLINK(""http://x"")",2020,gdp,地区生产总值,亿元,1234.5,,,,,公开报告,\'@source doc,cumulative over the campaign cycle\r\n'
        '990198,"\'=HYPERLINK(""http://x"")",2020,gdp_growth,地区生产总值增长率,%,-2.3,,,,,公开报告,,\r\n'
        '990199,\'+北区,2020,gdp_growth,地区生产总值增长率,%,0,,,,≥,估计,"plain, with comma",\r\n'
        '990199,\'+北区,2021,workplace_deaths_per_100m_gdp,亿元GDP生产安全事故死亡率,人/亿元,,,,,≤,模拟,"say ""hi""",\'=1+1\r\n'
    ).encode("utf-8")
    assert render(tiny_catalog, "zh", "long") == expected


def test_values_leave_rounded_as_the_page_shows_them_or_whole_on_request(tiny_catalog):
    """Issue 10: rates left with 14-16 digits (81.98624247635426) where the page shows 82.0."""
    rounded = render(tiny_catalog, "en", "long").decode("utf-8-sig").split("\r\n")
    whole = render(tiny_catalog, "en", "long", full_precision=True).decode("utf-8-sig").split("\r\n")
    assert rounded[3].split(",")[7] == "0" and whole[3].split(",")[7] == "0.0000001"
    assert whole[2].split(",")[6] == "-2.25"


def test_survey_rates_leave_with_their_interval_and_n(demo_db, shipped_catalog):
    rows = demo_db.query(
        "data_rows", regions=["990110"], indicators=["core_values_awareness_rate"], first=2025, last=2025
    )
    line = (
        export.render(rows, shipped_catalog, {}, "en", "long", "csv", CREATED)
        .decode("utf-8-sig")
        .split("\r\n")[1]
        .split(",")
    )
    row = rows.iloc[0]
    assert line[6:10] == [f"{row['value']:.1f}", f"{row['lower']:.1f}", f"{row['upper']:.1f}", str(int(row["n"]))]
    assert line[12] == "household survey (this snapshot's microdata)"  # issue 10: survey rows had an empty source


def test_notes_of_the_sources_leave_with_their_figures(reported_db, shipped_catalog):
    """Issue 10: the seed facts' notes ("cumulative", "year approximate") were dropped on the way out."""
    rows = reported_db.query("data_rows", regions=[], indicators=["old_courtyards_renovated"], first=2000, last=2030)
    text = export.render(rows, shipped_catalog, {}, "en", "long", "csv", CREATED).decode("utf-8-sig").split("\r\n")
    assert text[0].endswith(",source,note") and text[1].endswith(",cumulative over the campaign cycle")


def test_long_csv_in_english_defuses_text_but_not_negative_numbers(tiny_catalog):
    text = render(tiny_catalog, "en", "long").decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[2] == '990198,"\'=HYPERLINK(""http://x"")",2020,gdp_growth,Real GDP growth,% y/y,-2.3,,,,,reported,,'
    assert lines[3].startswith('990199,"\'-North, District",2020,')


def test_csv_starts_with_a_bom_and_has_one_header_row(tiny_catalog):
    data = render(tiny_catalog, "en", "long")
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"region_code") == 1


@pytest.mark.parametrize(
    "value, text",
    [
        (1e-7, "0.0000001"),
        (1e20, "100000000000000000000"),
        (3.0, "3"),
        (-0.5, "-0.5"),
        (85.46666666666667, "85.46666666666667"),
        (float("nan"), ""),
    ],
)
def test_numbers_are_plain_decimals(value, text):
    assert export.plain_number(value) == text


def cell_by_cell(frame: pd.DataFrame) -> bytes:
    """The contract written the slow, obvious way: every cell through cell() and the standard csv writer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # QUOTE_MINIMAL: quotes a field holding , " CR or LF
    writer.writerow([export.defused(str(c)) for c in frame.columns])
    writer.writerows([export.cell(value) for value in row] for row in frame.astype(object).itertuples(index=False))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


TEXT = st.text(st.sampled_from(list("=+-@\t\r\n,\"' a1.e北区")), max_size=6)
NUMBERS = st.one_of(st.floats(), st.floats(-1e-4, 1e-4), st.integers(-(10**17), 10**17).map(float))
MORE_TEXT = st.text(st.sampled_from(list("=+-@\t\r\n,\"' a\x00😀\u2028北")), max_size=4)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            TEXT | st.none(),
            NUMBERS,
            st.integers(-5, 10**6) | st.none(),
            TEXT | st.integers(0, 9) | st.booleans() | st.none(),
            MORE_TEXT,
            st.booleans(),
        ),
        min_size=1,
        max_size=30,
    ),
    st.integers(1, 8),
)
def test_whole_columns_give_the_bytes_of_cell_by_cell_writing(rows, slice_rows):
    """Text (formula triggers, quotes, commas, line breaks, NUL, emoji, Chinese), any double (inf too),
    integers with gaps, a column of mixed types, categories and booleans, written a few rows a slice: the
    Arrow formatting writes exactly what cell() and csv.writer write."""
    frame = pd.DataFrame(
        {
            "text": pd.Series([r[0] for r in rows], dtype="str"),
            "number": [r[1] for r in rows],
            "count": pd.Series([r[2] for r in rows], dtype="Int64"),
            "mixed": pd.Series([r[3] for r in rows], dtype=object),
            "category": pd.Series([r[4] for r in rows], dtype="category"),
            "flag": [r[5] for r in rows],
            "nothing": pd.Series([None] * len(rows), dtype=object),
        }
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "CSV_SLICE", slice_rows)
        assert export.to_csv(frame) == cell_by_cell(frame)


def test_a_one_column_file_keeps_its_empty_rows():
    """A blank line is no row to a CSV reader: an empty field alone on its line is written "" (as csv.writer does)."""
    frame = pd.DataFrame({"note": ["a", None, ""]})
    assert export.to_csv(frame) == cell_by_cell(frame) == '\ufeffnote\r\na\r\n""\r\n""\r\n'.encode()
    assert len(pd.read_csv(io.BytesIO(export.to_csv(frame)), encoding="utf-8-sig", skip_blank_lines=True)) == 3


@pytest.mark.parametrize("value", [-0.0, 1e15, 2.5e15, 1e16 + 2, 1e-5, 1.5e-7, -3e-300, 1e300, 0.1 + 0.2])
def test_a_number_arrow_writes_with_an_exponent_or_as_minus_zero_is_written_plainly(value):
    frame = pd.DataFrame({"a": [value, np.nan], "b": ["x", "y"]})
    assert export.to_csv(frame).decode("utf-8-sig").split("\r\n")[1] == f"{export.plain_number(value)},x"


def test_wide_layout_has_a_column_per_indicator(tiny_catalog):
    text = render(tiny_catalog, "en", "wide").decode("utf-8-sig")
    assert text.split("\r\n")[:3] == [
        "region_code,region_name,year,Gross regional product (100 million yuan),Real GDP growth (% y/y),"
        "Work-safety deaths per 100 million yuan GDP (deaths per 100 million yuan)",
        '990198,"\'=HYPERLINK(""http://x"")",2020,1234.5,-2.3,',
        '990199,"\'-North, District",2020,,≥0,',
    ]  # a bound keeps its sign: the wide layout has no qualifier column (a walkthrough found ≥3200 written 3200)


def test_xlsx_is_reproducible_and_keeps_numbers_as_numbers(tiny_catalog):
    first = render(tiny_catalog, "zh", "long", "xlsx")
    assert first == render(tiny_catalog, "zh", "long", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(first)).active
    assert [c.value for c in sheet[1]][:3] == ["地区代码", "地区名称", "年份"] and sheet.max_column == len(
        export.LONG_COLUMNS
    )
    assert sheet["G3"].value == -2.3 and sheet["B2"].value == '=HYPERLINK("http://x")' and sheet["B2"].data_type == "s"
    assert sheet["G5"].value is None


def test_file_names_say_the_snapshot_and_filters():
    filters = Params(regions=("990102", "990103"), indicators=("gdp",), years=(2015, 2020))
    assert (
        export.file_name("demo-v1", filters, "long", "zh", "csv", (12, 46))
        == "chuangcheng_demo-v1_990102+990103_gdp_2015-2020_long_zh.csv"
    )
    many = Params(
        regions=tuple(f"99010{i}" for i in range(5)),
        indicators=tuple("abcdefghijklmnopqrstuvwxyz"[:46]),
        years=(2013, 2025),
    )
    assert (
        export.file_name("demo-v1", many, "wide", "en", "xlsx", (5, 26))
        == "chuangcheng_demo-v1_all-regions_all-indicators_2013-2025_wide_en.xlsx"
    )
    assert export.file_name("demo-v1", None, "long", "en", "csv", (12, 46)) == "chuangcheng_demo-v1_full_long_en.csv"


def test_the_formula_guard_defuses_formulas_not_numbers_or_qualifiers_and_booleans_read_one_way():
    """Issue 21: a CSV wrote '= for a plain value's qualifier and '-0.4 for a change written as text, and a
    boolean read True in one file and 1 in another."""
    frame = pd.DataFrame(
        {
            "qualifier": ["=", ">=", "=SUM(A1)"],
            "change": ["-0.4", "+1.5", "-1+1"],
            "share": ["-12%", "@x", "-"],
            "ranked": [True, False, True],
            "flag": pd.array([True, None, False], dtype="boolean"),
            "mixed": [0, False, True],
        }
    )
    lines = export.to_csv(frame).decode("utf-8-sig").split("\r\n")
    assert lines[1:4] == ["=,-0.4,-12%,true,true,0", ">=,+1.5,'@x,false,,false", "'=SUM(A1),'-1+1,'-,true,false,true"]
    assert export.to_csv(frame) == cell_by_cell(frame)


def test_bidi_controls_never_reach_a_file():
    """Issue 21: U+202E (and its kin) reached the CSV when data bypassed ingest, reordering what a reader sees."""
    frame = pd.DataFrame({"name": ["\u202eexe.txt", "plain", "a\u2066b\u2069"], "value": [1.0, 2.0, 3.0]})
    text = export.to_csv(frame).decode("utf-8-sig")
    assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert text.split("\r\n")[1:4] == ["exe.txt,1", "plain,2", "ab,3"] and export.to_csv(frame) == cell_by_cell(frame)
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, "s", datetime(2026, 1, 1)))).active
    assert sheet["A2"].value == "exe.txt"
