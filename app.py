"""Entrypoint: the shared frame (language, snapshot) and the navigation over the pages in app_pages/."""

import streamlit as st

from chuangcheng.app import answers, pickers, session, ui
from chuangcheng.views import common

PAGES = (
    ("app_pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("app_pages/district.py", "page_district", "district", ":material/location_on:"),
    ("app_pages/compare.py", "page_compare", "compare", ":material/compare_arrows:"),
    ("app_pages/inspections.py", "page_inspections", "inspections", ":material/fact_check:"),
    ("app_pages/ledger.py", "page_ledger", "ledger", ":material/assignment_late:"),
    ("app_pages/weekly.py", "page_weekly", "weekly", ":material/campaign:"),
    ("app_pages/data.py", "page_data", "data", ":material/download:"),
    ("app_pages/indicators.py", "page_indicators", "indicators", ":material/menu_book:"),
    ("app_pages/snapshots.py", "page_snapshots", "snapshots", ":material/inventory_2:"),
)


def navigation() -> st.navigation:
    pages = [
        st.Page(path, title=session.text(title), url_path=url, icon=icon, default=(url == "overview"))
        for path, title, url, icon in PAGES
    ]
    return st.navigation(pages)


def frame() -> None:
    """What every page shares: the language, the snapshot and what the sidebar says of it."""
    pickers.choose_language()
    st.set_page_config(page_title=session.text("app_title"))
    pickers.choose_snapshot()
    notice = common.synthetic_notice(answers.db(), session.lang())
    if notice:
        st.sidebar.info(notice)
    if answers.db().notice:
        st.sidebar.warning(session.text(answers.db().notice))


st.set_page_config(page_title="Chuangcheng · 创城看板", page_icon="🏙️", layout="wide")
ui.show_frame(frame)
if session.embedded():
    ui.hide_sidebar()
navigation().run()
ui.link_box()  # after the page: the link carries what the page wrote into the URL this run
