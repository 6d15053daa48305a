"""Issue 15, text stays text: markup in region names and in link values is shown as the characters it is,
in titles, warnings, charts (labels, legends, hovers) and tables; no link or image from the data or the URL
ever reaches the page."""

import shutil
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from browser import open_page
import pandas as pd

from chuangcheng import ROOT
from chuangcheng.model import regions
from chuangcheng.store import snapshots
from conftest import streamlit_server

HOSTILE = (
    "[click](https://evil.example) <a href='https://evil.example/a'>a</a> ![i](https://evil.example/i.png) "
    "<img src=https://evil.example/x.png> :red[loud] $x$ %{x}"
)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """A server over the demo snapshot whose own regions file names its first district with Markdown, HTML and a
    template field. Ingest and the catalog now refuse such names; a snapshot published before they did (its
    files still match its manifest) shows them, and they must stay text."""
    data = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    folder = data / "snapshots" / "demo-v1"
    shutil.copytree(ROOT / "data" / "snapshots" / "demo-v1", folder)
    row = pd.DataFrame(
        [{"code": "990102", "parent_code": "", "level": "", "name_zh": "", "name_en": HOSTILE, "aliases": ""}]
    )
    snapshots.write_parquet(regions.to_table(row), folder / snapshots.REGIONS_FILE)
    fields = snapshots.read_manifest(folder)
    fields["checksums"][snapshots.REGIONS_FILE] = snapshots.sha256(folder / snapshots.REGIONS_FILE)
    snapshots.write_manifest(folder, fields)
    with streamlit_server(data / "streamlit.log", env={"CHUANGCHENG_DATA_DIR": str(data)}) as url:
        yield url


def read(locator) -> list[str]:
    """What a reader sees; the invisible word joiners that keep addresses from becoming links dropped."""
    return [text.replace("\u2060", "") for text in locator.all_inner_texts()]


def nothing_from_the_data(page: Page) -> None:
    assert page.locator("a[href*='evil.example']").count() == 0
    assert page.locator("img[src*='evil.example'], image[href*='evil.example']").count() == 0
    assert page.locator("[data-testid=stMarkdownContainer] span[style*='color']").filter(has_text="loud").count() == 0


@pytest.mark.parametrize(
    "path", ["?lang=en", "district?lang=en&district=990102", "compare?lang=en&districts=990102&districts=990103"]
)
def test_a_name_with_markup_is_shown_as_text_on_every_page_and_chart(page: Page, hostile_url, path):
    open_page(page, f"{hostile_url}/{path}")
    page.wait_for_timeout(500)  # charts draw after the run
    nothing_from_the_data(page)
    if path.startswith("district"):
        assert (
            "[click](https://evil.example) <a href='https://evil.example/a'>a</a>"
            in read(page.get_by_role("heading", level=1))[0]
        )
    else:  # the name is a label in a chart: its characters, not a link
        expect(page.locator(".js-plotly-plot").filter(has_text="[click](https://evil.example)").first).to_be_attached()


@pytest.mark.parametrize(
    "value",
    ["[click](https://evil.example)", "![i](https://evil.example/i.png)", "<img src=https://evil.example/x.png>"],
)
def test_markup_in_a_link_value_is_echoed_as_text(page: Page, app_url, value):
    """/district?district=[click](https://evil.example) showed a live link inside the warning."""
    open_page(page, f"{app_url}/district?lang=en&district={quote(value)}")
    nothing_from_the_data(page)
    assert any(value in text for text in read(page.get_by_test_id("stAlert")))


def test_a_huge_link_value_is_cut_in_the_notice(page: Page, app_url):
    """A 100 KB query value took 26 s to show: the warning repeated all of it."""
    open_page(page, f"{app_url}/district?lang=en&district={'x' * 100_000}")
    notice = page.get_by_test_id("stAlert").filter(has_text="xxxx").first.inner_text()
    assert "…" in notice and len(notice) < 400
