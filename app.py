"""Entrypoint: the shared frame (language, snapshot) and the navigation over the pages in pages/."""

import streamlit as st

from chuangcheng import ui

PAGES = (
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
)


def navigation() -> st.navigation:
    pages = [
        st.Page(path, title=ui.text(title), url_path=url, icon=icon, default=(url == "overview"))
        for path, title, url, icon in PAGES
    ]
    return st.navigation(pages)


st.set_page_config(page_title="Chuangcheng · 创城看板", page_icon=":material/location_city:", layout="wide")
ui.choose_language()
st.set_page_config(page_title=ui.text("app_title"))
ui.choose_snapshot()
if set(ui.run("snapshot_statuses")["status"]) == {"synthetic"}:
    st.sidebar.info(ui.text("synthetic_notice"))
navigation().run()
