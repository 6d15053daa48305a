"""Helpers for browser tests: wait for a Streamlit run to finish, as Streamlit's own e2e suite does."""

from playwright.sync_api import Page, expect


def wait_for_app_run(page: Page, timeout: int = 30_000) -> None:
    page.wait_for_timeout(250)  # let a just-triggered rerun start
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=timeout
    )
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=timeout
    )
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


def open_page(page: Page, url: str) -> Page:
    page.goto(url)
    wait_for_app_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    return page


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option in a selectbox the way a person does with a long list: type, then click."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app_run(page)
