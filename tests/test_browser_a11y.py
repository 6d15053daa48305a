"""axe-core (WCAG 2 A and AA) over every page, both languages, desktop and phone: 0 violations.

axe-core 4.12.1 (MPL-2.0) comes in axe-playwright-python 0.1.8 (MIT), pinned in requirements-dev.txt."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from browser import open_page

# each ends where ?lang= or &lang= follows
PAGES = ["?", "district?", "compare?", "data?", "indicators?", "snapshots?", "upload?", "?parent=all&show=map&"]
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
AXE = Axe()


def violations(page: Page) -> list[str]:
    """Each violation as 'rule: what it found' for the first nodes, so a failure says where to look."""
    found = AXE.run(page, options=WCAG_AA).response["violations"]
    return [
        f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:160]}" for v in found for node in v["nodes"][:3]
    ]


def url(app_url: str, path: str, lang: str) -> str:
    return f"{app_url}/{path}lang={lang}"


@pytest.mark.parametrize("path", ["upload?", "?parent=all&show=map&"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pages_no_other_browser_test_opens_have_no_accessibility_violations(page: Page, app_url, path, lang):
    """At desktop width; the six pages' desktop check rides on test_browser_pages.py's visit of each, in both
    languages, and the phone test below opens all eight."""
    open_page(page, url(app_url, path, lang))
    assert violations(page) == []


# What each page is asked first, which a person on a phone must reach without opening the folded sidebar.
MAIN_CONTROLS = {
    "?": ("stSlider", "Year", "年份"),
    "district?": ("stSelectbox", "Region", "地区"),
    "compare?": ("stMultiSelect", "Regions", "地区"),
    "data?": ("stExpander", "Choose regions", "选择地区"),
}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_on_a_phone_has_its_main_controls_in_reach_and_no_violations(page: Page, app_url, path, lang):
    """#22: every control was in the folded sidebar, which stayed open after each pick. The screenshots are kept
    as the test's artifacts (test-artifacts/phone-*.png) to be looked at."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, url(app_url, path, lang))
    expect(page.get_by_test_id("stSidebar")).not_to_be_in_viewport()
    if path in MAIN_CONTROLS:
        test_id, en, zh = MAIN_CONTROLS[path]
        control = (
            page.get_by_test_id("stMain").get_by_test_id(test_id).filter(has_text=en if lang == "en" else zh).first
        )
        control.scroll_into_view_if_needed()
        expect(control).to_be_in_viewport()
    assert violations(page) == []
    name = path.strip("?&").replace("?", "-").replace("&", "-").replace("=", "-") or "overview"
    page.set_viewport_size(
        {"width": 390, "height": 4000}
    )  # Streamlit scrolls inside the page: a tall window shows it whole
    page.wait_for_timeout(300)  # charts redraw at the new height; a picture, not an assertion, waits for it
    page.screenshot(path=f"test-artifacts/phone-{name}-{lang}.png")
    # Nothing pushes the page wider than the screen; wide tables scroll inside their own frame. Streamlit scrolls
    # its main block itself: measured as well as the document.
    width = page.evaluate("""() => Math.max(document.documentElement.scrollWidth,
        ...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stMainBlockContainer]')].map(e => e.scrollWidth))""")
    assert width <= 390, f"/{path} is {width} px wide at 390 px"
