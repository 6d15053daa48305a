"""axe-core (WCAG 2 A and AA) over every page, both languages, desktop and phone: 0 violations.

axe-core 4.12.1 (MPL-2.0) comes in axe-playwright-python 0.1.8 (MIT), pinned in requirements-dev.txt."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from browser import open_page

# each ends where ?lang= or &lang= follows
PAGES = ["?", "district?", "compare?", "data?", "indicators?", "snapshots?", "upload?", "?parent=all&show=map&"]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
AXE = Axe()


def violations(page: Page) -> list[str]:
    """Each violation as 'rule: what it found' for the first nodes, so a failure says where to look."""
    found = AXE.run(page, options=WCAG_AA).response["violations"]
    return [f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:160]}" for v in found for node in v["nodes"][:3]]


def url(app_url: str, path: str, lang: str) -> str:
    return f"{app_url}/{path}lang={lang}"


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_has_no_accessibility_violations(page: Page, app_url, path, lang):
    open_page(page, url(app_url, path, lang))
    assert violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_no_accessibility_violations_on_a_phone(page: Page, app_url, path):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, url(app_url, path, "zh"))
    assert violations(page) == []
