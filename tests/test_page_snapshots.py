"""The snapshots page: the list, what changed, and loading a new one only for administrators."""

import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest import texts
from chuangcheng import ROOT


@pytest.fixture()
def data(tmp_path, monkeypatch):
    """A data folder of our own, so publishing from the page leaves the shipped data alone."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", folder / "catalog")
    for snapshot in ("demo-v1", "reported-v1"):
        shutil.copytree(ROOT / "data" / "snapshots" / snapshot, folder / "snapshots" / snapshot)
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(folder))
    return folder


def snapshots_page(secrets: dict | None = None, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/snapshots.py").run()
    assert not at.exception
    return at


def test_lists_every_snapshot_with_rows_and_checksums(data):
    at = snapshots_page()
    table = at.dataframe[0].value
    assert table["Snapshot"].tolist() == ["reported-v1", "demo-v1"]  # newest first; equal times by id
    # the demo's 4,824 yearly figures and 828 monthly ones
    assert table["Rows (values / survey answers)"].tolist() == ["16 / 0", "5,652 / 845,037"]


def test_shows_what_changed_between_two(data):
    at = snapshots_page(before="reported-v1", after="demo-v1")
    figures = {m.label: m.value for m in at.metric[:3]}
    assert figures == {"added": "7,056", "removed": "16", "changed": "0"}  # 6,228 yearly values and 828 monthly
    # the demo's ledger against none: every problem is new, and the rest as the demo's ledger stands at its end
    events = pd.read_parquet(data / "snapshots" / "demo-v1" / "problems.parquet")
    ledger = {m.label: m.value for m in at.metric[3:]}
    assert ledger["New problems"] == f"{events['problem_id'].nunique():,}" and len(ledger) == 6
    assert "The problem ledger since reported-v1" in [h.value for h in at.subheader]
    assert [b.label for b in at.get("download_button")] == [
        "Download the changes (CSV)",
        "Download the ledger's changes (CSV)",
    ]


def test_without_an_administrator_configured_there_is_no_upload(data):
    at = snapshots_page()
    assert "Loading new snapshots is for administrators." in texts(at)
    assert len(at.get("file_uploader")) == 0


def test_a_wrong_password_gives_no_upload(data):
    at = snapshots_page({"chuangcheng": {"admin_password": "s3cret"}})
    at.text_input(key="admin_password").input("guess").run()
    assert len(at.get("file_uploader")) == 0


def test_oidc_configured_shows_a_login_button_to_visitors(data):
    at = snapshots_page({"auth": {"client_id": "x"}, "chuangcheng": {"admins": ["steward@example.org"]}})
    assert [b.label for b in at.button] == ["Log in"]
    assert len(at.get("file_uploader")) == 0


def test_an_oidc_administrator_gets_the_upload(data):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"client_id": "x"}
    at.secrets["chuangcheng"] = {"admins": ["steward@example.org"]}
    at.user = {"is_logged_in": True, "email": "steward@example.org", "email_verified": True}
    at.run()
    at.switch_page("app_pages/snapshots.py").run()
    assert len(at.get("file_uploader")) == 3  # data files, mapping, regions file


@pytest.mark.parametrize("verified", [False, None])
def test_an_administrators_address_the_provider_has_not_verified_gets_no_upload(data, verified):
    """Issue 21: a user whose identity provider said email_verified: false, with an administrator's address, got the upload."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"client_id": "x"}
    at.secrets["chuangcheng"] = {"admins": ["steward@example.org"]}
    at.user = {
        "is_logged_in": True,
        "email": "steward@example.org",
        **({} if verified is None else {"email_verified": verified}),
    }
    at.run()
    at.switch_page("app_pages/snapshots.py").run()
    assert len(at.get("file_uploader")) == 0
    assert "has not verified" in texts(at)


@pytest.mark.parametrize(
    "lang, words",
    [("en", "demo-v1 is the first snapshot of dataset demo"), ("zh", "demo-v1 是数据集 demo 的第一个快照")],
)
def test_a_snapshot_first_of_its_dataset_is_not_compared_with_another_dataset_by_default(data, lang, words):
    """Two datasets hold different figures, not versions of the same: comparing them by default showed
    thousands of values as removed. The page says there is nothing earlier; another can still be chosen."""
    at = snapshots_page(after="demo-v1", lang=lang)
    assert len(at.metric) == 0
    assert any(words in info.value for info in at.info)
    assert at.selectbox(key="before").value == "demo-v1"


def test_changes_are_counted_per_region_as_well_as_per_indicator(data):
    """The per-region table was always empty: the page asked for a grouping 'district' the query calls 'region'."""
    at = snapshots_page(before="reported-v1", after="demo-v1")
    by_indicator, by_region = at.dataframe[1].value, at.dataframe[2].value
    assert by_indicator["added"].sum() == by_region["added"].sum() == 6228 + 828 and by_region["removed"].sum() == 16
    assert "Xiangfang District" in set(by_region["Region"]) and len(by_region) == 15  # named, not coded


@pytest.mark.parametrize("snapshot", ["demo-v1", "reported-v1"])
def test_what_changed_opens_on_the_snapshot_the_reader_is_looking_at(data, snapshot):
    """A walkthrough: on demo-v1 the page compared reported-v1 with reported-v1, the newest of any dataset."""
    at = snapshots_page(snapshot=snapshot)
    assert (
        at.selectbox(key="after").value == snapshot == at.selectbox(key="before").value
    )  # each is the first of its dataset


def test_a_dataset_name_with_markdown_is_shown_as_text(data):
    """Issue 21: a dataset named [click me](https://evil.example) rendered as a link in the page's notices."""
    import json

    folder = data / "snapshots" / "reported-v1"
    fields = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (folder / "manifest.json").write_text(
        json.dumps({**fields, "dataset": "[click me](https://evil.example)"}), encoding="utf-8"
    )
    at = snapshots_page(after="reported-v1")
    notice = next(i.value for i in at.info if "first snapshot of dataset" in i.value)
    assert "](https" not in notice and "\\[click me\\]" in notice
