"""The weekly 督查通报: a district's streets in a week (or a month) as the bulletin offices circulate — the issue's
figures, the streets ranked by 得分率 and by 问题整改率, the points well and not rectified, the units with overdue
problems — and the same bulletin as XLSX and printable HTML. Laid out only: views/weekly.py decides every cell."""

from datetime import datetime

import streamlit as st

from chuangcheng.app import answers, pickers, session, ui
from chuangcheng.render import safe
from chuangcheng.render import weekly as weekly_render


def main() -> None:
    default = answers.view("weekly", answers.params())
    if default.period is None:
        st.title(session.text("page_weekly"))
        ui.no_data(session.text("weekly_none"))
        return
    st.title(session.text("page_weekly"))
    where = ui.main_controls()
    left, middle, right = where.columns([2, 1, 3])
    parents = default.parents  # the view's: a page asks no query of its own
    parent = pickers.pick_one("district", session.text("weekly_scope"), parents, parents[0], answers.names().get, left)
    grain = pickers.choose_grain(("week", "month"), middle)
    options = default.weeks if grain == "week" else default.months
    labels = pickers.period_labels(options)
    # the last week the records cover to its end, as the command and the API give it (the newest may be partial)
    period = pickers.choose_period(options, labels, where=right, default=default.params.period)
    bulletin = answers.view("weekly", answers.params().but(level=default.params.level, parent=parent, period=period))
    st.header(safe.markdown(bulletin.title))
    st.caption(bulletin.subtitle)
    figures(bulletin)
    for key, heading, table in bulletin.sections():
        st.subheader(heading)
        if table.empty:
            st.write(session.text("weekly_nothing"))
        else:  # the cells as the printable bulletin writes them (— where there is nothing)
            st.dataframe(bulletin.text_table(key), hide_index=True, width="stretch")
    st.caption(session.text("weekly_definitions"))
    downloads(bulletin)


def figures(bulletin) -> None:
    """The issue's counts as figures that wrap: five a row on a desktop, two on a phone."""
    st.markdown(f"**{session.text('weekly_facts')}**")
    st.write(bulletin.summary)
    row = st.container(horizontal=True, gap="small")
    for fact in bulletin.facts.itertuples():
        row.metric(fact.label, fact.value_text or "—", border=True, width=168)


def downloads(bulletin) -> None:
    manifest = answers.current_snapshot()
    created = datetime.fromisoformat(manifest.created)
    left, right = st.columns(2)
    for where, fmt, label in ((left, "xlsx", "weekly_download_xlsx"), (right, "html", "weekly_download_html")):
        where.download_button(
            session.text(label),
            data=lambda fmt=fmt: weekly_render.render(bulletin, manifest.id, fmt, created),
            file_name=weekly_render.file_name(bulletin, manifest.id, fmt),
            mime=weekly_render.MIME[fmt],
            on_click="ignore",
            key=f"download_weekly_{fmt}",
        )


ui.show_page(main)
