"""Issue 12 in a real browser: a click on a bar or a heat-map cell opens that region for that year, the
ranking plays through the years, and every chart carries its provenance into a download."""

import re

import pytest
from playwright.sync_api import Page, expect

from browser import open_page, wait_for_app_run


def chart_titled(page: Page, title: str):
    return page.locator(".js-plotly-plot").filter(has=page.locator(".gtitle", has_text=title)).first


def test_clicking_the_top_bar_of_the_ranking_opens_that_region_for_the_year(page: Page, app_url, demo_db):
    open_page(page, f"{app_url}/?lang=en&year=2024")
    best = demo_db.query("scope_ranking", level="district", parent="990100", year=2024)["region_code"].iloc[0]
    name = demo_db.regions.at[best, "name_en"]
    ranking = chart_titled(page, "Score rate by region, year on the slider")
    assert ranking.evaluate("gd => gd._fullLayout.sliders[0].active") == 11  # 2024
    bar = ranking.locator("g.trace.bars g.point path").first.bounding_box()
    page.mouse.click(
        bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2
    )  # where a person clicks: Plotly's drag layer is on top
    wait_for_app_run(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    assert f"district={best}" in page.url and "year=2024" in page.url


def test_clicking_a_heat_map_cell_opens_its_region(page: Page, app_url, demo_db):
    open_page(page, f"{app_url}/?lang=zh")
    heat = chart_titled(page, "地区指标达标情况")
    heat.scroll_into_view_if_needed()
    rows = heat.evaluate("gd => [...new Set(gd.data[1].y)]")  # region codes, top to bottom
    area = heat.locator(".nsewdrag").first.bounding_box()
    row = int(len(rows) * 0.5 / 1)  # the row under the middle of the grid
    page.mouse.click(area["x"] + area["width"] / 2, area["y"] + area["height"] * (row + 0.5) / len(rows))
    wait_for_app_run(page)
    # the new page's run may start after wait_for_app_run looked (a loaded CI machine): the address is waited for
    expect(page).to_have_url(re.compile(re.escape(f"/district?district={rows[row]}&year=2025")), timeout=15_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text(demo_db.regions.at[rows[row], "name_zh"])


def test_play_steps_the_ranking_through_the_years(page: Page, app_url):
    open_page(page, f"{app_url}/?lang=en")
    ranking = chart_titled(page, "Score rate by region, year on the slider")
    assert ranking.evaluate("gd => gd._fullLayout.sliders[0].active") == 12  # 2025, the last of 13 years
    ranking.locator(".updatemenu-button").first.click()  # ▶ plays from the first year
    page.wait_for_timeout(1500)
    shown = ranking.evaluate("gd => gd._fullLayout.sliders[0].active")
    assert 0 <= shown < 12
    page.wait_for_timeout(1000)
    assert ranking.evaluate("gd => gd._fullLayout.sliders[0].active") > shown  # still stepping


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ["snapshot demo-v1, 2026-01-15", "synthetic demo data", "Source:"]),
        ("zh", ["数据快照 demo-v1，2026-01-15", "模拟演示数据", "来源："]),
    ],
)
def test_every_chart_carries_its_provenance_into_the_png_download(page: Page, app_url, lang, words):
    open_page(page, f"{app_url}/district?lang={lang}&district=990104")
    plots = page.locator(".js-plotly-plot")
    expect(plots.nth(2)).to_be_visible()
    for index in range(plots.count()):  # the line is part of the figure, so the image drawn from it has it
        subtitle = " ".join(
            plots.nth(index)
            .locator(".gtitle-subtitle, .gtitle")
            .evaluate_all(  # a line each tspan
                "els => els.map(e => e.children.length ? [...e.children].map(c => c.textContent).join(' ') : e.textContent)"
            )
        )
        assert all(word in subtitle for word in words), subtitle
    first = plots.first
    first.hover()
    with page.expect_download() as info:
        first.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    download = info.value
    assert download.suggested_filename == "chuangcheng_demo-v1_aspect_bars.png"
    assert open(download.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_provenance_under_a_charts_title_fits_a_phone(browser, app_url, lang):
    """The walkthrough: at 390 px the line was cut off at the chart's right edge (a subtitle never wraps)."""
    phone = browser.new_page(viewport={"width": 390, "height": 3200})  # tall: a chart out of sight is not drawn yet
    try:
        open_page(phone, f"{app_url}/district?lang={lang}&district=990110")
        plots = phone.locator(".js-plotly-plot")
        expect(plots.nth(1)).to_be_attached()
        for index in range(plots.count()):
            overflow = plots.nth(index).evaluate("""gd => {
                const width = gd._fullLayout.width;
                return [...gd.querySelectorAll('.gtitle-subtitle tspan, .gtitle-subtitle')]
                    .map(e => e.getBBox()).filter(b => b.width > 0).map(b => b.x + b.width - width).filter(d => d > 0);
            }""")
            assert overflow == [], (index, overflow)
    finally:
        phone.close()


def test_clicking_a_point_of_a_compare_trend_shows_that_years_values(page: Page, app_url):
    open_page(page, f"{app_url}/compare?lang=en&districts=990102&districts=990103&indicators=gdp&years=2015&years=2022")
    expect(page.get_by_role("heading", name="Values in 2022")).to_be_visible()
    trend = chart_titled(page, "Gross regional product")
    trend.scroll_into_view_if_needed()
    point = trend.locator("g.trace.scatter g.points path").first.bounding_box()  # the first region's 2015
    page.mouse.click(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Values in 2015")).to_be_visible()


def test_copy_link_reproduces_the_view_and_embed_shows_the_table_alone(page: Page, app_url, browser):
    open_page(page, f"{app_url}/?lang=en&year=2019&indicator=air_good_days_ratio&show=table")
    page.get_by_test_id("stSidebar").get_by_text("Link to this view").click()
    codes = page.get_by_test_id("stSidebar").get_by_test_id("stCode").all_inner_texts()
    link = codes[0].strip()
    assert (
        link.startswith(app_url)
        and "year=2019" in link
        and "indicator=air_good_days_ratio" in link
        and "show=table" in link
    )
    embed = codes[1]
    assert 'iframe src="' in embed and "embed=true" in embed
    colleague = browser.new_context().new_page()
    open_page(colleague, link + "&embed=true")
    expect(colleague.get_by_test_id("stDataFrame")).to_be_visible()
    expect(colleague.get_by_test_id("stSidebar")).to_be_hidden()
    expect(colleague.get_by_role("heading", level=1)).to_have_count(0)  # the table alone, no page around it
    expect(colleague.get_by_role("combobox", name="Indicator")).to_have_value("Share of days with good air")
    colleague.context.close()
