"""The overview in a real browser: served by `streamlit run`, opened by a person's link."""

import re

from playwright.sync_api import Page, expect

from browser import wait_for_app_run, choose, open_page


def test_chinese_link_shows_the_chart_and_chinese_labels(page: Page, app_url):
    open_page(page, f"{app_url}/?lang=zh")
    expect(page.get_by_role("heading", name="星澜市（虚构） 2025年")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(4)
    expect(page.get_by_text("地区得分率排名").first).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_contain_text("地区生产总值")
    page.screenshot(path="test-artifacts/overview-zh.png", full_page=True)


def test_choosing_a_year_and_indicator_puts_codes_in_the_url(page: Page, app_url):
    open_page(page, f"{app_url}/?lang=en")
    year = (
        page.get_by_test_id("stMain").get_by_role("slider").first
    )  # the year slider under the title, moved by keyboard
    for _ in range(7):  # 2025 -> 2018, one step at a time: each step may rerun the page
        year.focus()
        page.keyboard.press("ArrowLeft")
        wait_for_app_run(page)
    expect(page).to_have_url(re.compile(r"year=2018"))
    choose(page, "Indicator", "Share of days with good air")
    expect(page).to_have_url(re.compile(r"indicator=air_good_days_ratio"))
    expect(page).to_have_url(re.compile(r"parent=990100"))


def test_a_shared_link_reproduces_the_view_in_a_new_browser(page: Page, app_url, browser):
    link = f"{app_url}/?lang=en&year=2016&indicator=campaign_satisfaction_rate"
    fresh = browser.new_context().new_page()
    open_page(fresh, link)
    expect(fresh.get_by_role("heading", name="Xinglan City (fictional) in 2016")).to_be_visible()
    expect(fresh.get_by_role("combobox", name="Indicator")).to_have_value("Public satisfaction with the campaign")
    fresh.context.close()


def test_a_bad_link_falls_back_with_a_notice(page: Page, app_url):
    open_page(page, f"{app_url}/?year=1800&parent=000000")
    expect(page.get_by_text("The link asks for year = 1800")).to_be_visible()
    expect(page.get_by_text("The link asks for parent = 000000")).to_be_visible()
