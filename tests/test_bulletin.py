"""Issue 10: the bulletin (每月通报) is one row per region, checked cell by cell against an independent
computation, and its XLSX opens as a finished document."""

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

import reference
from reference import excel_round
from chuangcheng import settings
from chuangcheng.cli import main
from chuangcheng.store import snapshots

YEAR = 2025


@pytest.fixture(scope="module")
def expected(shipped_catalog):
    """Scores, ranks and unmet counts from the design's rules, in pandas (tests/reference.py)."""
    values = reference.indicator_values(snapshots.find(settings.data_dir(), "demo-v1").path, shipped_catalog)
    judged = reference.attainment(values, shipped_catalog)
    overall = reference.scores(judged, len(shipped_catalog.scored)).set_index(["region_code", "year"])
    aspects = judged.groupby(["region_code", "year", "aspect"])["credit"].mean().mul(100)
    unmet = judged[judged["credit"] < 1].groupby(["region_code", "year"]).size()
    return overall, aspects, unmet


def bulletin_csv(lang: str, capsysbinary) -> pd.DataFrame:
    assert main(["scorecard", "--year", str(YEAR), "--lang", lang]) == 0
    return pd.read_csv(
        io.BytesIO(capsysbinary.readouterr().out), encoding="utf-8-sig", dtype={"代码": str, "Code": str}
    )


def test_the_bulletin_has_one_row_per_district_and_every_cell_agrees_with_the_rules(expected, capsysbinary):
    overall, aspects, unmet = expected
    frame = bulletin_csv("en", capsysbinary)
    assert len(frame) == 12 and frame["Rank"].is_monotonic_increasing
    for row in frame.itertuples(index=False):
        code = row[1]
        now, before = overall.loc[(code, YEAR)], overall.loc[(code, YEAR - 1)]
        assert (row[0], row[3]) == (now["rank"], excel_round(now["score_rate"], 1))
        assert row[4] == pytest.approx(excel_round(now["score_rate"] - before["score_rate"], 1))
        assert row[5] == before["rank"] - now["rank"]
        assert frame.loc[frame["Code"] == code, "Unmet standards"].item() == unmet.get((code, YEAR), 0)
    jiubu = frame[frame["Code"] == "990110"].iloc[0]
    assert jiubu["A02 Core socialist values"] == excel_round(aspects[("990110", YEAR, "A02")], 1)
    assert (
        "uncertain — likely" in jiubu["Costliest 3 unmet standards"]
        or jiubu["Costliest 3 unmet standards"].count(";") == 2
    )


def test_the_chinese_bulletin_has_chinese_headers_and_words(capsysbinary):
    frame = bulletin_csv("zh", capsysbinary)
    assert list(frame.columns[:6]) == ["排名", "代码", "地区", "得分率", "变化", "名次变化"]
    assert "未达标" in " ".join(frame["失分最多的3项"].dropna())


def test_the_xlsx_bulletin_is_a_finished_document(tmp_path):
    out = tmp_path / "bulletin.xlsx"
    assert main(["scorecard", "--year", str(YEAR), "--lang", "zh", "--format", "xlsx", "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "创建全国文明城市工作通报 · 星澜市（虚构） · 2025年 · 数据快照 demo-v1"
    assert sheet["A2"].value == f"生成日期 {date.today().isoformat()}"
    assert [c.value for c in sheet[4]][:4] == ["排名", "代码", "地区", "得分率"]
    assert sheet.freeze_panes == "D5" and sheet.auto_filter.ref.startswith("A4:")
    assert sheet["D5"].number_format == "0.0" and isinstance(sheet["D5"].value, (int, float))
    assert sheet.column_dimensions["C"].width > 15
    assert len(sheet.conditional_formatting) >= 10  # a status colour rule for every score column


def test_the_overview_button_gives_the_same_bytes_as_the_command(tmp_path):
    """The page's button renders the same view with the same function (checked in a browser in test_browser_scorecard)."""
    from chuangcheng.model.params import Params
    from chuangcheng.render import export
    from chuangcheng.views import bulletin
    from datetime import datetime
    from chuangcheng.model import catalog
    from chuangcheng.store.db import Database

    manifest = snapshots.find(settings.data_dir(), "demo-v1")
    database = Database(manifest, catalog.load(settings.data_dir()))
    view = bulletin.bulletin(database, Params(lang="en", year=YEAR), "summary")
    out = tmp_path / "b.csv"
    assert main(["scorecard", "--year", str(YEAR), "--out", str(out)]) == 0
    assert out.read_bytes() == export.render_scorecard(view, "csv", datetime.fromisoformat(manifest.created))


def test_the_chinese_detail_bulletins_are_headed_in_words_in_the_same_order(capsysbinary):
    """A walkthrough: the zh 按指标 CSV was headed region_code, …, verdict, status, credit, gap."""
    assert main(["scorecard", "--year", str(YEAR), "--lang", "zh", "--level", "indicator"]) == 0
    header = capsysbinary.readouterr().out.decode("utf-8-sig").split("\r\n")[0]
    assert header == "地区代码,地区名称,年份,指标代码,指标名称,数值,标准类型,达标值,基本达标值,判定,达标情况,得分,差距"
    assert main(["scorecard", "--year", str(YEAR), "--lang", "en", "--level", "indicator"]) == 0
    header = capsysbinary.readouterr().out.decode("utf-8-sig").split("\r\n")[0]
    assert (
        header
        == "region_code,region_name,year,indicator,indicator_name,value,standard_kind,full,partial,verdict,status,credit,gap"
    )


def test_a_shortfall_is_never_shown_as_its_standard_with_a_gap_of_zero(demo_db):
    """Real GDP growth 5.1, standard 5.1, gap 0.0, 'partly meets' (5.09 against 5.105): more decimals where they tell."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import bulletin, region

    view = region.region(demo_db, Params(region="990113", year=YEAR))
    row = view.unmet.set_index("indicator").loc["gdp_growth"]
    assert row["value"] < row["full_at"] and (row["value_text"], row["full_text"], row["gap_text"]) == (
        "5.10",
        "5.11",
        "0.01",
    )
    detail = bulletin.bulletin(demo_db, Params(year=YEAR), "indicator").table
    line = detail[(detail["region_code"] == "990113") & (detail["indicator"] == "gdp_growth")].iloc[0]
    assert (line["value"], line["full"], line["gap"]) == (5.1, 5.11, 0.01)
    summary = bulletin.bulletin(demo_db, Params(year=YEAR)).table.set_index("region_code").loc["990113", "costliest"]
    assert "Real GDP growth 5.10 (standard 5.11, partly meets)" in summary
    # every shortfall's gap in every region reads above zero
    for code in demo_db.query("regions_present")["region_code"]:
        unmet = region.region(demo_db, Params(region=code, year=YEAR)).unmet
        assert not (unmet["gap"].gt(0) & unmet["gap_text"].str.fullmatch(r"0(\.0*)?")).any(), code
