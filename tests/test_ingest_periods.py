"""#24: figures finer than a year as offices write them: a 时期 column of 1-2月, 3月 (the year from the title),
2025年4月, 2025-05, 2025/6 and 1-6月; each checked against its indicator's grains in the catalog; a yearly table
written as before, byte for byte."""

import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

from chuangcheng import ROOT, ingest, settings
from chuangcheng.model.catalog import load as load_catalog
from chuangcheng.model.params import Params
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database
from chuangcheng.views import registry

# 栖云区 990102 and 砚湖区 990103 of the demo city; good-air days are each month's own, fiscal growth from January.
MONTHLY = """2025年1—6月各区主要指标（月报）
地区,时期,空气质量优良天数比例（%）,区级财政收入增长率（%）
栖云区,1-2月,,3.5
栖云区,3月,78.5,4.1
栖云区,2025年4月,84.0,4.4
栖云区,2025-05,86.2,
栖云区,2025/6,83.9,
栖云区,1-6月,,5.0
砚湖区,2025年3月,80.1,2.2
"""


@pytest.fixture()
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", folder / "catalog")
    return folder


def run(data, tmp_path, text: str, publish=True, lang="en", **options) -> ingest.Result:
    table = tmp_path / "monthly.csv"
    table.write_text(text, encoding="utf-8")
    return ingest.ingest(ingest.Request(files=[table], snapshot="m-v1", lang=lang, **options), data, publish=publish)


def messages(result) -> list[str]:
    return [p.message for p in result.problems]


def test_a_monthly_table_as_offices_write_it_publishes_each_figure_at_its_month(data, tmp_path):
    result = run(data, tmp_path, MONTHLY)
    assert result.ok, messages(result)
    stored = pq.read_table(result.manifest.file("observations.parquet")).to_pandas()
    got = {(r.region_code, r.period, r.indicator): r.value for r in stored.itertuples()}
    assert got == {
        ("990102", "2025-02", "fiscal_revenue_growth"): 3.5,
        ("990102", "2025-03", "air_good_days_ratio"): 78.5,
        ("990102", "2025-03", "fiscal_revenue_growth"): 4.1,
        ("990102", "2025-04", "air_good_days_ratio"): 84.0,
        ("990102", "2025-04", "fiscal_revenue_growth"): 4.4,
        ("990102", "2025-05", "air_good_days_ratio"): 86.2,
        ("990102", "2025-06", "air_good_days_ratio"): 83.9,
        ("990102", "2025-06", "fiscal_revenue_growth"): 5.0,
        ("990103", "2025-03", "air_good_days_ratio"): 80.1,
        ("990103", "2025-03", "fiscal_revenue_growth"): 2.2,
    }
    assert set(stored["year"]) == {2025}


def test_the_published_months_open_with_a_month_picker_and_their_changes(data, tmp_path, monkeypatch):
    """The snapshot made by ingest answers the pages' and the API's question: its months, oldest first, and June's
    环比 on May (a month's own figure) and none for the cumulative one."""
    result = run(data, tmp_path, MONTHLY)
    db = Database(result.manifest, load_catalog(data))
    try:
        answer = registry.ask("region_periods", db, Params(region="990102", period="2025-06", lang="zh"))
    finally:
        db.close()
    assert answer.periods == ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    rows = answer.rows.set_index("indicator")
    assert rows.loc["air_good_days_ratio", "change_text"] == "−2.3个百分点"
    assert rows.loc["fiscal_revenue_growth", ["period_label", "change_text"]].tolist() == ["2025年1—6月", ""]


@pytest.mark.parametrize(
    "row, expected",
    [
        (
            "地区,时期,地区生产总值（亿元）\n栖云区,2025年6月,120\n",
            "“2025年6月” is part of a year (month): Gross regional product is published by year only",
        ),
        (
            "2025年报表\n地区,时期,空气质量优良天数比例（%）\n栖云区,1-6月,80\n",
            "“1-6月” runs from January (cumulative): Share of days with good air's figures finer than a year are each"
            " period's own",
        ),
        (
            "地区,时期,空气质量优良天数比例（%）\n栖云区,6月,80\n",
            "“6月” gives no year: put the year in the table's title",
        ),
        (
            "地区,时期,空气质量优良天数比例（%）\n栖云区,2025-03-05,80\n",
            "“2025-03-05” is a date, not a year or a month",
        ),
        (
            "地区,时期,空气质量优良天数比例（%）\n栖云区,2025Q2,80\n",
            "“2025Q2” is part of a year (quarter): Share of days with good air is published by year, month only",
        ),
    ],
)
def test_a_period_its_indicator_is_not_published_for_is_a_problem_at_its_cell(data, tmp_path, row, expected):
    result = run(data, tmp_path, row, publish=False)
    found = [p for p in result.problems if p.column == "时期"]
    assert len(found) == 1 and found[0].message.startswith(expected), messages(result)
    assert found[0].row == len(row.strip().splitlines())  # the row as the spreadsheet numbers it


def test_the_same_month_twice_with_two_values_is_named_and_two_months_are_not_duplicates(data, tmp_path):
    result = run(
        data, tmp_path, "地区,时期,空气质量优良天数比例（%）\n栖云区,2025-03,80\n栖云区,2025年3月,81\n", publish=False
    )
    named = "990102 / 2025 / 2025-03 / air_good_days_ratio appears more than once with different values"
    assert [(p.row, p.message) for p in result.problems] == [(2, named), (3, named)]
    assert run(data, tmp_path, "地区,时期,空气质量优良天数比例（%）\n栖云区,2025-03,80\n栖云区,2025-04,81\n").ok


def test_months_laid_over_a_yearly_base_keep_its_every_figure(tmp_path):
    """The demo's yearly and monthly figures stay as they were; July's are added beside them."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    shutil.copytree(settings.data_dir() / "snapshots" / "demo-v1", data / "snapshots" / "demo-v1")
    base = pq.read_table(data / "snapshots" / "demo-v1" / "observations.parquet").to_pandas()
    july = "地区,时期,空气质量优良天数比例（%）\n栖云区,2026年7月,90.5\n"
    result = run(data, tmp_path, july, base="demo-v1")
    assert result.ok, messages(result)
    stored = pq.read_table(result.manifest.file("observations.parquet")).to_pandas()
    added = stored.merge(base, how="left", indicator=True).query("_merge == 'left_only'")
    assert added[["region_code", "period", "value"]].values.tolist() == [["990102", "2026-07", 90.5]]
    assert len(stored) == len(base) + 1


def test_a_yearly_table_is_written_without_a_period_column_as_before(data, tmp_path):
    result = run(data, tmp_path, "地区,年份,地区生产总值（亿元）\n栖云区,2024,120\n")
    assert result.ok, messages(result)
    assert "period" not in pq.read_schema(result.manifest.file("observations.parquet")).names


def test_yearly_snapshots_published_before_periods_read_and_derive_unchanged():
    """The reported snapshot has no period column: its figures are yearly, and it has no sub-year ones."""
    manifest = snapshots.find(settings.data_dir(), "reported-v1")
    assert "period" not in pq.read_schema(manifest.file("observations.parquet")).names
    db = Database(manifest, load_catalog(settings.data_dir()))
    try:
        assert registry.ask("periods", db, Params(level="district", parent="")).periods == []
        assert len(db.query("data_rows", regions=[], indicators=[], first=1900, last=2200)) == len(
            pd.read_parquet(manifest.file("observations.parquet"))
        )
    finally:
        db.close()


@pytest.mark.parametrize("page", [None, "district", "compare", "data", "indicators", "snapshots"])
def test_a_snapshot_of_monthly_figures_alone_opens_on_every_page(data, tmp_path, monkeypatch, page):
    """The overview and the district page offer its months on a picker (it has no year to score); the other pages
    open without an error. Run as a person would: the app on the data folder ingest wrote."""
    from apptest import run_app

    assert run(data, tmp_path, MONTHLY).ok
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    monkeypatch.setenv("CHUANGCHENG_DEFAULT_DATASET", "m-v1")
    at = run_app(page, lang="zh", **({"district": "990102"} if page == "district" else {}))
    assert not at.exception
    if page in (None, "district"):
        assert at.select_slider(key="period").value == "2025-06"
        assert "月度数据" in [s.value for s in at.subheader]


@pytest.mark.parametrize(
    "cells, expected",
    [
        ("2025,6", "2025-06"),  # 年份 and a bare month number, as monthly sheets write them
        ("2025,2025年6月", "2025-06"),
        ("2025,6月", "2025-06"),
    ],
)
def test_a_month_column_beside_the_year_places_the_figure_in_it(data, tmp_path, cells, expected):
    result = run(data, tmp_path, f"地区,年份,月份,空气质量优良天数比例（%）\n栖云区,{cells},80\n")
    assert result.ok, messages(result)
    assert result.observations["period"].tolist() == [expected]


@pytest.mark.parametrize("cell", ["2024-12", "13", "foo"])
def test_a_period_that_is_no_part_of_the_year_beside_it_is_a_problem_not_a_traceback(data, tmp_path, cell):
    """It raised KeyError: the message had no text in either language."""
    for lang, words in (("en", "is no part of 2025"), ("zh", "不是2025年内的时期")):
        result = run(data, tmp_path, f"地区,年份,时期,空气质量优良天数比例（%）\n栖云区,2025,{cell},80\n", False, lang)
        assert [(p.row, p.column) for p in result.problems] == [(2, "时期")]
        assert words in result.problems[0].message


def test_a_dotted_month_needs_two_digits_as_a_spreadsheet_drops_octobers_zero(data, tmp_path):
    """2025.10 typed as a number reads back as 2025.1, which was stored as January."""
    result = run(data, tmp_path, "地区,时期,空气质量优良天数比例（%）\n栖云区,2025.10,80\n栖云区,2025.1,81\n", False)
    assert [p.row for p in result.problems] == [3]
    ok = run(data, tmp_path, "地区,时期,空气质量优良天数比例（%）\n栖云区,2025.10,80\n")
    assert ok.observations["period"].tolist() == ["2025-10"]


def test_a_month_typed_in_excel_is_read_as_that_month(data, tmp_path):
    """Excel stores 2025年6月 typed into a cell as the date 2025-06-01 formatted yyyy"年"m"月": shown, and meant, as
    June, not a day."""
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["地区", "时期", "空气质量优良天数比例（%）"])
    sheet.append(["栖云区", dt.datetime(2025, 6, 1), 80])
    sheet["B2"].number_format = 'yyyy"年"m"月"'
    sheet.append(["栖云区", dt.datetime(2025, 7, 15), 81])
    sheet["B3"].number_format = "yyyy-mm-dd"
    book.save(tmp_path / "months.xlsx")
    request = ingest.Request(files=[tmp_path / "months.xlsx"], snapshot="x-v1")
    result = ingest.ingest(request, data, publish=False)
    assert [(p.row, p.column) for p in result.problems] == [(3, "时期")]  # a day stays a day
    assert "is a date" in result.problems[0].message


def test_a_months_growth_swinging_near_zero_is_no_unit_slip(data, tmp_path):
    """A bureau's monthly table of nine cities warned of 'neighbouring years' 10 times apart for growth of 0.1 beside
    2.4 (January's few days): a month's rate swings; only amounts are held to their neighbouring months."""
    table = "城市,时期,区级财政收入增长率（%）\n福州市,2025年2月,2.4\n福州市,2025年3月,0.1\n福州市,2025年4月,2.6\n"
    result = run(data, tmp_path, table, publish=False, lang="zh")
    assert result.ok and not [w for w in result.warnings if "相邻" in w.message], [w.message for w in result.warnings]


def test_the_overview_of_monthly_figures_alone_is_titled_by_its_scope_without_an_empty_year(
    data, tmp_path, monkeypatch
):
    from apptest import run_app

    assert run(data, tmp_path, MONTHLY).ok
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    monkeypatch.setenv("CHUANGCHENG_DEFAULT_DATASET", "m-v1")
    assert run_app(lang="zh").title[0].value == "全部区县"  # the scope (two districts: every one), not "全部区县 年"
