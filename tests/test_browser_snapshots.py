"""Loading a snapshot from the page, as an administrator does it in a browser."""

import shutil

from playwright.sync_api import Page, expect

from browser import open_page, wait_for_app_run
from chuangcheng import ROOT
from conftest import streamlit_server


def upload_as_administrator(page: Page, file, snapshot: str) -> None:
    """Log in with the password, choose the file and name the new snapshot, as a steward does."""
    page.get_by_label("Administrator password").fill("s3cret")
    page.keyboard.press("Enter")
    wait_for_app_run(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(file))
    wait_for_app_run(page)
    page.get_by_label("New snapshot id").fill(snapshot)
    page.keyboard.press("Enter")
    wait_for_app_run(page)


def test_administrator_sees_problems_then_publishes_a_good_file(page: Page, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    shutil.copytree(ROOT / "data" / "snapshots" / "reported-v1", data / "snapshots" / "reported-v1")
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[chuangcheng]\nadmin_password = "s3cret"\n', encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("region_code,year,indicator,value\n650203,2008,gdpp,1\n650203,1800,gdp,2\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("region_code,year,indicator,value\n克拉玛依区,2008,gdp,170\n", encoding="utf-8")
    with streamlit_server(
        tmp_path / "server.log", (f"--secrets.files={secrets}",), {"CHUANGCHENG_DATA_DIR": str(data)}
    ) as url:
        open_page(page, f"{url}/snapshots?lang=en")
        expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
        upload_as_administrator(page, bad, "update-2008")
        expect(page.get_by_text("2 problems; nothing was written")).to_be_visible()
        page.screenshot(path="test-artifacts/snapshots-problems.png", full_page=True)
        assert not (data / "snapshots" / "update-2008").exists()
        open_page(page, f"{url}/snapshots?lang=en")  # a fresh session, as after fixing the file
        upload_as_administrator(page, good, "update-2008")
        base = page.get_by_role("combobox", name="Lay over snapshot (optional)")
        base.click()
        page.get_by_role("option", name="reported-v1").click()
        wait_for_app_run(page)
        expect(
            page.get_by_text("No problems: 17 values and 0 survey answers ready to publish.")
        ).to_be_visible()  # with the base's
        page.get_by_role("button", name="Publish").click()
        wait_for_app_run(page)
        expect(page.get_by_text("published snapshot update-2008: 17 values and 0 survey answers")).to_be_visible()
        open_page(page, f"{url}/snapshots?lang=en&before=reported-v1&after=update-2008")
        expect(page.get_by_test_id("stMetric").first).to_contain_text("1")
        page.screenshot(path="test-artifacts/snapshots-published.png", full_page=True)
    assert (data / "snapshots" / "update-2008" / "manifest.json").is_file()
