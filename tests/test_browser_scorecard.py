"""The scorecard as a person uses it: the district report prints, and the bulletin downloads."""

import csv
import io

from playwright.sync_api import Page, expect

from browser import open_page


def test_district_report_downloads_and_prints(page: Page, app_url, tmp_path, browser):
    open_page(page, f"{app_url}/district?lang=zh&district=990110&year=2025")
    expect(page.get_by_text("第12名 / 共12个")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="可打印报告 (HTML)").click()
    assert info.value.suggested_filename == "chuangcheng_report_demo-v1_990110_2025_zh.html"
    path = tmp_path / "report.html"
    info.value.save_as(path)
    reader = browser.new_context().new_page()
    reader.goto(path.as_uri())
    expect(reader.get_by_role("heading", name="星澜市（虚构）旧埠区 2025年创建测评报告")).to_be_visible()
    expect(reader.locator(".js-plotly-plot").first).to_be_visible()
    reader.screenshot(path="test-artifacts/report-zh.png", full_page=True)
    pdf = reader.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    (tmp_path / "report.pdf").write_bytes(pdf)
    reader.context.close()


def test_bulletin_downloads_from_the_overview(page: Page, app_url, demo_db):
    open_page(page, f"{app_url}/?lang=zh&year=2020")
    with page.expect_download() as info:
        page.get_by_role("button", name="按测评项目 (CSV)").click()
    assert info.value.suggested_filename == "chuangcheng_bulletin_demo-v1_2020_aspect_zh.csv"
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), "rb").read().decode("utf-8-sig"))))
    overall = [r for r in rows if r["aspect"] == "overall"]
    ranking = demo_db.query("scope_ranking", level="district", parent="990100", year=2020)
    assert [r["region_code"] for r in overall] == ranking["region_code"].tolist()
    assert [r["aspect_name"] for r in overall] == ["总得分率"] * len(ranking)
