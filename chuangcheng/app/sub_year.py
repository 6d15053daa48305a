"""The section a page shows of figures finer than a year (月度数据): a period picker, the period's figures with their
change on the period before (环比) and a year earlier (同比), and, for one region, each indicator's year-on-year lines.
Laid out only: the view (views/periods.py) decided every number and word."""

from datetime import datetime

import streamlit as st

from chuangcheng.app import answers, pickers, session, ui
from chuangcheng.render import charts, export
from chuangcheng.model.params import Params
from chuangcheng.views.periods import PeriodFigures

# The columns a reader sees, each with its header's key; the indicator pinned with its value beside it (a phone).
SHOWN = {
    "indicator_name": "col_indicator",
    "value_text": "col_value",
    "unit": "col_unit",
    "period_label": "col_period",
    "change_text": "col_period_change",
    "year_change_text": "col_year_change",
}


def chosen(question: str, params: Params) -> PeriodFigures | None:
    """The section's title and period picker, and the question's answer for the period picked; None (and nothing
    laid out) when the data have no figure finer than a year. The answer for the default period is asked once: a
    second question is asked only for another period."""
    default = answers.view(question, params.but(period=None, year=None))
    if not default.periods:
        return None
    st.subheader(session.text("period_section"))
    period = pickers.choose_period(default.periods, default.period_labels(), where=ui.main_controls())
    return default if period == default.params.period else answers.view(question, default.params.but(period=period))


def figures(view: PeriodFigures, by_region: bool) -> None:
    """The period's figures: a region's indicators, or a scope's regions indicator by indicator."""
    # a scope's regions: the region pinned and its value beside it, in sight on a phone; the indicator after them
    # (the rows run indicator by indicator)
    shown = (
        {"region": "col_region", "value_text": "col_value", "unit": "col_unit", "indicator_name": "col_indicator"}
        | SHOWN
        if by_region
        else SHOWN
    )
    table = view.rows[list(shown)].rename(columns={k: session.text(v) for k, v in shown.items()})
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=420 if len(table) > 12 else "auto",
        column_config={
            session.text(shown[next(iter(shown))]): st.column_config.TextColumn(width="medium", pinned=True),
            session.text("col_value"): st.column_config.TextColumn(width="small"),
            session.text("col_unit"): st.column_config.TextColumn(width=64),
        },
    )
    st.caption(" ".join(filter(None, [session.text("period_change_caption"), view.cumulative_note])))
    if by_region:
        downloads(view)


def downloads(view: PeriodFigures) -> None:
    """The period's figures of every region as a file (the month's bulletin), built when clicked."""
    created = datetime.fromisoformat(answers.current_snapshot().created)
    for column, fmt in zip(st.columns(2), export.FORMATS):
        column.download_button(
            session.text(f"download_periods_{fmt}"),
            data=lambda fmt=fmt: export.render_periods(view, fmt, created),
            file_name=view.file_name(fmt),
            mime=export.MIME[fmt],
            on_click="ignore",
            key=f"download_periods_{fmt}",
        )


def trends(view: PeriodFigures) -> None:
    """Each indicator's figures, a line a year, the chosen period ringed."""
    codes = list(dict.fromkeys(view.series["indicator"]))
    for column, code in zip(st.columns(min(len(codes), 2)) * len(codes), codes):
        with column:
            ui.plot(
                charts.period_years(view.series, answers.catalog(), code, session.lang(), view.params.period),
                key=f"period_years_{code}",
                sources=view.sources,
            )
