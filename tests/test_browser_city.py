"""Issue 9 in a real browser: a snapshot of cities (no districts) opens on every page in both languages."""

import pytest
from playwright.sync_api import Page, expect

from browser import open_page
from conftest import streamlit_server

PAGES = ["", "district", "compare", "data", "indicators", "snapshots"]


@pytest.fixture(scope="module")
def city_url(city_data, tmp_path_factory):
    env = {"CHUANGCHENG_DATA_DIR": str(city_data), "CHUANGCHENG_DEFAULT_DATASET": "cities"}
    with streamlit_server(tmp_path_factory.mktemp("city-server") / "streamlit.log", env=env) as url:
        yield url


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_opens_on_cities(page: Page, city_url, lang):
    for path in PAGES:
        open_page(page, f"{city_url}/{path}?lang={lang}")  # asserts no exception is shown
        expect(page.get_by_role("heading").first).to_be_visible()
    open_page(page, f"{city_url}/?lang={lang}")
    expect(
        page.get_by_role("heading", name="All cities in 2017" if lang == "en" else "全部城市 2017年")
    ).to_be_visible()
    page.screenshot(path=f"test-artifacts/cities-overview-{lang}.png", full_page=True)
