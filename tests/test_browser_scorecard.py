"""The scorecard as a person uses it: the district report prints, and the bulletin downloads."""

import csv
import io
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from browser import open_page
from chuangcheng import ROOT


def test_district_report_downloads_and_prints(page: Page, app_url, tmp_path, browser):
    open_page(page, f"{app_url}/district?lang=zh&district=990110&year=2025")
    expect(page.get_by_text("第12名 / 共12个")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="可打印报告 (HTML)").click()
    assert info.value.suggested_filename == "chuangcheng_report_demo-v1_990110_2025_zh.html"
    path = tmp_path / "report.html"
    info.value.save_as(path)
    reader = browser.new_context(offline=True).new_page()  # opens offline: it asks for nothing
    asked = []
    reader.on("request", lambda request: asked.append(request.url))
    reader.goto(path.as_uri())
    expect(reader.get_by_role("heading", name="星澜市（虚构）旧埠区 2025年创建测评报告")).to_be_visible()
    expect(reader.locator(".chart svg")).to_have_count(6)
    expect(reader.locator(".chart svg").first).to_be_visible()
    assert [url for url in asked if not url.startswith("file:")] == []
    reader.screenshot(path="test-artifacts/report-zh.png", full_page=True)
    pdf = reader.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    (tmp_path / "report.pdf").write_bytes(pdf)
    reader.context.close()


@pytest.mark.parametrize("lang, label, rank", [("zh", "通报 (CSV)", "排名"), ("en", "Bulletin (CSV)", "Rank")])
def test_bulletin_downloads_from_the_overview_as_the_command_gives_it(page: Page, app_url, lang, label, rank):
    open_page(page, f"{app_url}/?lang={lang}&year=2020")
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    assert info.value.suggested_filename == f"chuangcheng_bulletin_demo-v1_2020_summary_{lang}.csv"
    downloaded = open(info.value.path(), "rb").read()
    cli = subprocess.run(
        [sys.executable, "-m", "chuangcheng", "scorecard", "--snapshot", "demo-v1", "--year", "2020", "--lang", lang],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    assert downloaded == cli  # checked cell by cell against the rules in tests/test_bulletin.py
    rows = list(csv.DictReader(io.StringIO(downloaded.decode("utf-8-sig"))))
    assert len(rows) == 12 and [int(r[rank]) for r in rows] == sorted(int(r[rank]) for r in rows)
