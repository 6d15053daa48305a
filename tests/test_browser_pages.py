"""Every page in a real browser, deep links, a link passed to a colleague, and a real CSV download."""

import csv
import io
import re
import subprocess
import sys

import duckdb
import pytest
from playwright.sync_api import Page, expect

import reference
from reference import excel_round
from browser import open_page, wait_for_app_run
from test_browser_a11y import violations
from chuangcheng import ROOT, settings
from chuangcheng.store import snapshots
from conftest import streamlit_server

PAGES = {
    "": 4,
    "district": 3,
    "compare": 4,
    "inspections": 4,
    "weekly": 0,
    "data": 0,
    "indicators": 0,
    "snapshots": 0,
}  # the least number of charts each shows


@pytest.mark.parametrize("path, charts", PAGES.items())
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_opens_and_shows_its_charts(page: Page, app_url, path, charts, lang):
    open_page(page, f"{app_url}/{path}?lang={lang}")
    if charts:
        expect(page.get_by_test_id("stPlotlyChart").nth(charts - 1)).to_be_visible()
    elif path in ("data", "snapshots", "weekly"):
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    else:
        expect(page.get_by_text("registered_volunteer_ratio")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert violations(page) == []  # axe-core, WCAG 2 A/AA (test_browser_a11y.py): desktop width, both languages
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("总览" if lang == "zh" else "Overview")
    page.screenshot(path=f"test-artifacts/page-{path or 'overview'}-{lang}.png", full_page=True)


def test_no_page_asks_anything_of_another_host(page: Page, app_url):
    """The favicon, a Material icon, was fetched from fonts.gstatic.com on every page: blocked in mainland China,
    where the dashboard's readers are. Every request a page makes stays on its own server."""
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(app_url) else None)
    for path in PAGES:
        open_page(page, f"{app_url}/{path}?lang=zh")
    open_page(page, f"{app_url}/district?district=990110&year=2025")
    assert [url for url in outside if not url.startswith(("data:", "blob:"))] == []


def test_a_deep_link_as_the_first_request_after_a_restart_keeps_the_frame(page: Page, tmp_path):
    """Regression: with a folder named pages/, the first link to a page ran it without app.py."""
    with streamlit_server(tmp_path / "fresh.log") as url:
        open_page(page, f"{url}/district?lang=zh&district=990107")
        expect(page.get_by_role("heading", name="星澜市（虚构）禾丰县")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav")).to_contain_text("地区对比")


def test_compare_deep_link_selects_what_it_names_in_chinese(page: Page, app_url):
    open_page(page, f"{app_url}/compare?districts=990103&districts=990110&years=2015&years=2022&lang=zh")
    chosen = page.get_by_test_id("stMain").get_by_test_id("stMultiSelect").first
    expect(chosen).to_contain_text("砚湖区")
    expect(chosen).to_contain_text("旧埠区")
    expect(page.get_by_role("heading", name="地区对比")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_contain_text("地区生产总值")
    expect(page.get_by_role("heading", name="2022年数值对比")).to_be_visible()


def test_a_copied_link_shows_a_colleague_the_same_comparison(page: Page, app_url, browser):
    open_page(page, f"{app_url}/compare?lang=en")
    box = page.get_by_test_id("stMain").get_by_test_id("stMultiSelect").first.get_by_role("combobox")
    box.click()
    box.fill("Hefeng")
    page.get_by_role("option", name=re.compile("Hefeng County")).click()
    wait_for_app_run(page)
    expect(page).to_have_url(re.compile(r"districts=990107"))
    colleague = browser.new_context(locale="zh-CN").new_page()
    open_page(colleague, page.url)
    expect(colleague.get_by_test_id("stMain").get_by_test_id("stMultiSelect").first).to_contain_text("Hefeng County")
    expect(colleague.get_by_role("heading", name="Regions side by side")).to_be_visible()
    colleague.context.close()


def independent_rows(districts, statistics, surveys, first, last):
    """The same filter straight from the Parquet with DuckDB, survey rates recomputed in pandas."""
    folder = snapshots.find(settings.data_dir(), "demo-v1").path
    stats = duckdb.sql(
        "select region_code, year, indicator, value from read_parquet($p) "
        "where list_contains($d, region_code) and list_contains($i, indicator) and year between $f and $l",
        params={"p": str(folder / "observations.parquet"), "d": districts, "i": statistics, "f": first, "l": last},
    ).fetchall()
    survey = duckdb.sql(
        "select * from read_parquet($p) where list_contains($d, region_code) and list_contains($i, question) and year between $f and $l",
        params={"p": str(folder / "survey.parquet"), "d": districts, "i": surveys, "f": first, "l": last},
    ).df()
    from chuangcheng.model import catalog as catalog_module

    rates = reference.survey_rates(survey, catalog_module.load(settings.data_dir()))
    return sorted(
        [(r, int(y), i, float(v)) for r, y, i, v in stats]
        + [(r.region_code, r.year, r.indicator, r.value) for r in rates.itertuples()]
    )


def test_download_csv_gives_the_rows_shown_and_the_cli_gives_the_same_bytes(page: Page, app_url, tmp_path):
    from chuangcheng.model import catalog as catalog_module

    query = "districts=990102&districts=990109&indicators=gdp&indicators=air_good_days_ratio&indicators=campaign_satisfaction_rate&years=2018&years=2021"
    expected = independent_rows(
        ["990102", "990109"], ["gdp", "air_good_days_ratio"], ["campaign_satisfaction_rate"], 2018, 2021
    )
    open_page(page, f"{app_url}/data?lang=zh&{query}")
    expect(page.get_by_text(f"共{len(expected)}行符合条件。")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role("button", name="下载 CSV").click()
    download = info.value
    assert (
        download.suggested_filename
        == "chuangcheng_demo-v1_990102+990109_gdp+air_good_days_ratio+campaign_satisfaction_rate_2018-2021_long_zh.csv"
    )
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    got = sorted((r["地区代码"], int(r["年份"]), r["指标代码"], float(r["数值"])) for r in rows)
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    decimals = catalog_module.load(settings.data_dir()).indicators["decimals"]
    assert [g[3] for g in got] == [excel_round(e[3], int(decimals[e[2]])) for e in expected]
    assert {r["地区名称"] for r in rows} == {"栖云区", "科苑区"} and {r["数据性质"] for r in rows} == {"模拟"}
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "chuangcheng",
            "export",
            "--snapshot",
            "demo-v1",
            "--districts",
            "990102",
            "990109",
            "--indicators",
            "gdp",
            "air_good_days_ratio",
            "campaign_satisfaction_rate",
            "--years",
            "2018",
            "2021",
            "--lang",
            "zh",
        ],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    assert cli == data


def test_downloading_does_not_rerun_the_page(page: Page, app_url):
    open_page(page, f"{app_url}/data?districts=990102&indicators=gdp&years=2020&years=2021")
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role("button", name="Download XLSX").click()
    assert info.value.suggested_filename.endswith("_long_en.xlsx")
    expect(page.locator("[data-testid='stApp']")).to_have_attribute("data-test-script-state", "notRunning")


def test_full_precision_downloads_say_so_and_the_whole_snapshot_is_lossless(page: Page, app_url):
    """Issue 21: the whole-snapshot download was rounded; it is now the stored values, named as such, and the
    filtered downloads offer both, the chosen one in the file name and the link."""
    open_page(page, f"{app_url}/data?districts=990102&indicators=gdp&years=2020&years=2021&precision=full")
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role("button", name="Download CSV").click()
    assert info.value.suggested_filename == "chuangcheng_demo-v1_990102_gdp_2020-2021_long_en_full-precision.csv"
    filtered = subprocess.run(
        [
            sys.executable,
            "-m",
            "chuangcheng",
            "export",
            "--snapshot",
            "demo-v1",
            "--districts",
            "990102",
            "--indicators",
            "gdp",
            "--years",
            "2020",
            "2021",
            "--full-precision",
        ],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    assert open(info.value.path(), "rb").read() == filtered
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role(
            "button", name="Download the whole snapshot (CSV, full precision)"
        ).click()
    assert info.value.suggested_filename == "chuangcheng_demo-v1_full_long_en_full-precision.csv"
    whole = subprocess.run(
        [sys.executable, "-m", "chuangcheng", "export", "--snapshot", "demo-v1", "--full-precision"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    assert open(info.value.path(), "rb").read() == whole


def test_a_link_to_a_weeks_bulletin_opens_it_and_its_xlsx_is_the_commands(page: Page, app_url, tmp_path):
    """#25: a colleague's link to week 33's 督查通报 opens that week (the grain follows the link), and the XLSX the
    page downloads is the bytes `python -m chuangcheng weekly` writes."""
    open_page(page, f"{app_url}/weekly?lang=zh&district=990104&period=2025-W33")
    expect(page.get_by_role("heading", name="铁坊区创建全国文明城市督查通报（2025年第33期）")).to_be_visible()
    expect(page.get_by_text("整改未落实的点位", exact=False).first).to_be_visible()
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role("button", name="下载通报 (XLSX)").click()
    download = info.value
    assert download.suggested_filename == "chuangcheng_weekly_demo-v1_990104_2025-W33_zh.xlsx"
    out = tmp_path / "weekly.xlsx"
    argv = ["weekly", "--parent", "990104", "--period", "2025-W33", "--lang", "zh", "--out", str(out)]
    subprocess.run([sys.executable, "-m", "chuangcheng", *argv], cwd=ROOT, check=True)
    assert open(download.path(), "rb").read() == out.read_bytes()
