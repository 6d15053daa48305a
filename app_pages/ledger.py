"""The problem ledger (问题台账): a district's streets ranked by 问题整改率 in a month, with 按期整改率 and the
overdue, and its problems, the overdue first. Laid out only: views/ledger.py decides every number and word."""

import streamlit as st

from chuangcheng.app import answers, pickers, session, ui
from chuangcheng.render import export
from chuangcheng.views import ledger as ledger_view

RANKED = {
    "rank_text": "rank",
    "region": "col_region",
    "assigned": "col_assigned",
    "rectified": "col_rectified",
    "rectification_rate_text": "col_rectification_rate",
    "rectified_on_time": "col_rectified_on_time",
    "on_time_rate_text": "col_on_time_rate",
    "overdue": "col_overdue_assigned",
    "rank_change_text": "col_rank_change",
    "median_days": "col_median_days",
}
LISTED = {
    "problem_id": "col_problem_id",
    "region": "col_region",
    "point": "col_point",
    "category_name": "col_category",
    "description": "col_description",
    "responsible": "col_responsible",
    "found": "col_found",
    "deadline": "col_deadline",
    "status_text": "col_problem_status",
    "days_open": "col_days_open",
    "history": "col_history",
}


def main() -> None:
    st.title(session.text("ledger_title"))
    default = answers.view("rectification", answers.params())
    if not default.parents:
        ui.no_data(session.text("ledger_none"))
        return
    where = ui.main_controls()
    left, right = where.columns(2)
    names = answers.names()
    parent = pickers.pick_one(
        "district", session.text("ledger_scope"), default.parents, default.parents[0], names.get, left
    )
    labels = default.month_labels()
    month = pickers.choose_period(default.months, labels, where=right)
    view = answers.view("rectification", answers.params().but(level=default.params.level, parent=parent, period=month))
    st.subheader(session.text("ledger_rectification", period=labels.get(month, month)))
    table = view.rows[list(RANKED)].rename(columns={k: session.text(v) for k, v in RANKED.items()})
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            session.text("col_region"): st.column_config.TextColumn(pinned=True),
            session.text("col_median_days"): st.column_config.NumberColumn(format="%.1f"),
        },
    )
    as_of = view.rows["as_of"].iloc[0] if len(view.rows) else ""
    st.caption(session.text("ledger_caption", date=as_of))
    problems(parent, default.params.level)


UNITS = {
    "responsible": "col_responsible",
    "open": "col_open_problems",
    "overdue": "col_overdue",
    "oldest_days": "col_oldest_days",
    "median_days_open": "col_median_days_open",
}


def problems(parent: str, level: str) -> None:
    ledger = answers.view("problems", answers.params().but(level=level, parent=parent))
    if len(ledger.units):
        st.subheader(session.text("ledger_units"))
        st.dataframe(
            ledger.units.rename(columns={k: session.text(v) for k, v in UNITS.items()}),
            hide_index=True,
            width="stretch",
            column_config={session.text("col_median_days_open"): st.column_config.NumberColumn(format="%.1f")},
        )
    st.subheader(session.text("ledger_problems"))
    rows = ledger_view.filtered(
        ledger.rows, chosen_filters(ledger.rows), st.toggle(session.text("ledger_overdue_only"), key="overdue_only")
    )
    st.caption(session.text("ledger_shown", shown=f"{len(rows):,}", total=f"{len(ledger.rows):,}"))
    shown = rows[list(LISTED)].rename(columns={k: session.text(v) for k, v in LISTED.items()})
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=420,
        column_config={
            session.text("col_problem_id"): st.column_config.TextColumn(pinned=True),
            session.text("col_history"): st.column_config.TextColumn(width="large"),
        },
    )
    st.download_button(
        session.text("download_csv"),
        data=lambda: export.to_csv(shown),
        file_name=f"chuangcheng_problems_{answers.current_snapshot().id}_{parent}_{session.lang()}.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_problems",
    )


FILTER_LABELS = {
    "region": "col_region",
    "responsible": "col_responsible",
    "category_name": "col_category",
    "status_text": "col_problem_status",
}


def chosen_filters(rows) -> dict[str, list]:
    """Street, unit, category and status, each narrowed to what is picked (nothing picked: all)."""
    columns = st.columns(len(ledger_view.FILTERS))
    placeholder = session.text("ledger_filter_all")
    return {
        column: where.multiselect(
            session.text(FILTER_LABELS[column]),
            sorted(set(rows[column].dropna())),
            key=f"ledger_filter_{column}",
            placeholder=placeholder,
        )
        for where, column in zip(columns, ledger_view.FILTERS)
    }


ui.show_page(main)
