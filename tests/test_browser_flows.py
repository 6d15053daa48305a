"""The paths people take (issue 10), in a real browser: from the data page to compare, clearing a picker,
uncertain survey results marked where they are shown, keys on a slider, a month picked on the district page."""

import re

from playwright.sync_api import Page, expect

from browser import open_page, wait_for_app_run

PHONE = {"width": 390, "height": 844}


def test_from_the_data_page_to_compare_keeps_six_regions_and_says_so(page: Page, app_url):
    """The data page's 12 default districts crashed compare (StreamlitSelectionCountExceedsMaxError)."""
    open_page(page, f"{app_url}/data?lang=en")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Compare").click()
    wait_for_app_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlert").filter(has_text="At most 6")).to_be_visible()
    chosen = (
        page.get_by_test_id("stMain")
        .get_by_test_id("stMultiSelect")
        .first.get_by_role("button", name="Remove", exact=False)
    )
    expect(chosen).to_have_count(6)


def test_clear_all_in_a_picker_clears_it_and_one_choice_then_narrows_it(page: Page, app_url):
    """'Clear all' restored all 46 indicators: narrowing to one took 45 chip removals."""
    open_page(page, f"{app_url}/data?lang=en")
    page.get_by_text("Choose regions, indicators and years").click()  # the filters, folded above the table
    indicators = page.get_by_test_id("stMultiSelect").nth(1)
    chips = indicators.get_by_role("button", name="Remove", exact=False)
    expect(chips).to_have_count(46)  # unfolded, all shown
    wait_for_app_run(page)
    # In two CI runs of 30 the click on "Clear all" left all 46 chips for 15 s on a loaded machine, never seen here
    # (nor in 4 runs beside two busy cores): a click lost while the unfolded box settled, or a rerun racing it. A
    # second click is what a person would do; if the box still comes back full, the app undid the clearing: fail.
    for attempt in range(2):
        indicators.get_by_role("button", name="Clear all").click()
        wait_for_app_run(page)
        try:
            expect(chips).to_have_count(0, timeout=7_500)
            break
        except AssertionError:
            if attempt:
                raise
    box = indicators.get_by_role("combobox")
    box.click()
    box.fill("Gross regional product")
    page.get_by_role("option", name="Gross regional product", exact=True).click()
    wait_for_app_run(page)
    page.keyboard.press("Escape")
    expect(indicators.get_by_role("button", name="Remove", exact=False)).to_have_count(1)
    assert "indicators=gdp" in page.url


def test_uncertain_survey_results_are_marked_on_the_district_page(page: Page, app_url):
    """Jiubu's 2025 core-values awareness read 'uncertain' in one table and 'below' in the other; its points
    flagged uncertain were drawn filled."""
    open_page(page, f"{app_url}/district?lang=en&district=990110&year=2025")
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    # The page's charts as Plotly holds them: every uncertain point is hollow, every hollow point uncertain.
    points = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => plot.data
        .filter(trace => trace.marker && Array.isArray(trace.marker.symbol))
        .flatMap(trace => trace.marker.symbol.map((symbol, i) => [symbol, String(trace.customdata[i])])))""")
    assert points, "the district page draws points with their status"
    hollow = [text for symbol, text in points if symbol.endswith("-open")]
    uncertain = [text for symbol, text in points if "uncertain" in text]
    assert hollow and hollow == uncertain


def test_quick_key_presses_on_the_years_slider_all_count(page: Page, app_url):
    """#22: three ArrowLeft on the years slider moved its end by one year. A rerun asked while the last one ran
    carried the address from before that run wrote it, and the page took that old address for a new link."""
    for _ in range(3):
        open_page(page, f"{app_url}/compare?lang=en")
        end = page.get_by_test_id("stSidebar").get_by_role("slider").last
        end.focus()
        for _ in range(3):
            page.keyboard.press("ArrowLeft")  # as fast as a person repeats a key: no wait for the page between
        expect(end).to_have_attribute("aria-valuetext", "2022")
        wait_for_app_run(page)
        expect(page).to_have_url(re.compile(r"years=2013&years=2022"))
        expect(end).to_have_attribute("aria-valuetext", "2022")


def test_a_month_picked_on_the_district_page_goes_into_the_link_and_the_table(page: Page, app_url):
    """#24: the month slider under "Monthly figures" steps a month a key press; the link says the month, the table
    shows it with 环比 and 同比, and the link opened afresh shows the same month."""
    open_page(page, f"{app_url}/district?lang=zh&district=990102&period=2025-06")
    section = page.get_by_test_id("stMain").get_by_test_id("stSlider").filter(has_text="月份")
    thumb = section.get_by_role("slider")
    expect(thumb).to_have_attribute("aria-valuetext", "2025年6月")
    thumb.focus()
    page.keyboard.press("ArrowLeft")
    wait_for_app_run(page)
    expect(page).to_have_url(re.compile(r"period=2025-05"))
    expect(page.get_by_test_id("stDataFrame").filter(has_text="环比").first).to_contain_text("2025年5月")
    url = page.url
    open_page(page, url)
    expect(
        page.get_by_test_id("stMain").get_by_test_id("stSlider").filter(has_text="月份").get_by_role("slider")
    ).to_have_attribute("aria-valuetext", "2025年5月")
