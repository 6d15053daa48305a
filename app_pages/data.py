"""Data: filter by regions, indicators and years; preview; download CSV (the rows shown), wide CSV, XLSX."""

from datetime import datetime

import pandas as pd
import streamlit as st

from chuangcheng import settings
from chuangcheng.app import answers, pickers, session, ui
from chuangcheng.render import export
from chuangcheng.views import common, data
from chuangcheng.views.data import DataRows


def choose():
    """The filters on the page, folded under one line: in reach on a phone, and out of the table's way."""
    every, scope = answers.region_options()
    where = ui.main_controls().expander(session.text("data_filters"), icon=":material/filter_list:")
    chosen = pickers.pick_many("districts", session.text("regions"), every, scope, pickers.region_label(), where=where)
    codes = list(answers.catalog().indicators.index)
    indicators = pickers.pick_many(
        "indicators",
        session.text("indicators"),
        codes,
        codes,
        answers.names("indicators").get,
        where=where,
        all_is_default=True,
    )
    return answers.params().but(regions=tuple(chosen), indicators=tuple(indicators), years=pickers.choose_years(where))


def preview(view: DataRows) -> None:
    limit = int(settings.get("max_preview_rows"))
    shown = view.rows.head(limit)
    key = "rows_capped" if len(view.rows) > limit else "rows_shown"
    st.caption(session.text(key, rows=f"{len(view.rows):,}", shown=f"{len(shown):,}") + " " + view.filters_text)
    # The indicator pinned, its value and unit beside it: on a phone (390 px) about 360 px show without scrolling
    # sideways, and names alone answer nothing; region and year scroll past the pinned name. The files keep the
    # CSV contract's order.
    st.dataframe(
        display(shown),
        hide_index=True,
        width="stretch",
        height=420,
        column_config={
            session.text("col_indicator"): st.column_config.TextColumn(width="medium", pinned=True),
            session.text("col_value"): st.column_config.TextColumn(width="small"),
            session.text("col_unit"): st.column_config.TextColumn(width=64),
            session.text("col_year"): st.column_config.TextColumn(width=56),
        },
    )


def display(rows: pd.DataFrame) -> pd.DataFrame:
    """The view's readable rows under headers in the reader's language."""
    shown = data.readable(rows, answers.catalog(), answers.names(), session.lang())
    return shown.rename(columns={column: session.text(f"col_{column}") for column in shown.columns})


def downloads(view: DataRows) -> None:
    """Buttons that build their file only when clicked, and do not rerun the page."""
    catalog, lang, names = answers.catalog(), session.lang(), answers.names()
    manifest = answers.current_snapshot()
    created = datetime.fromisoformat(manifest.created)
    totals = (view.regions_total, view.indicators_total)
    xlsx_limit = min(int(settings.get("max_xlsx_rows")), 1_048_575)  # and never past one Excel sheet
    rows = view.rows
    full = pickers.choose_precision() == "full"
    columns = st.columns(4)
    for column, label, layout, fmt in zip(
        columns,
        ("download_csv", "download_xlsx", "download_wide_csv", "download_wide_xlsx"),
        ("long", "long", "wide", "wide"),
        ("csv", "xlsx", "csv", "xlsx"),
    ):
        column.download_button(
            session.text(label),
            data=lambda layout=layout, fmt=fmt: export.render(rows, catalog, names, lang, layout, fmt, created, full),
            file_name=export.file_name(manifest.id, view.params, layout, lang, fmt, totals, full),
            mime=export.MIME[fmt],
            on_click="ignore",
            key=f"download_{layout}_{fmt}",
            disabled=rows.empty or (fmt == "xlsx" and len(rows) > xlsx_limit),
            help=session.text("too_many_for_xlsx", limit=f"{xlsx_limit:,}")
            if fmt == "xlsx" and len(rows) > xlsx_limit
            else None,
        )
    everything = answers.deferred("whole", answers.params())
    st.download_button(  # on a line of its own: beside four others its label was cut; lossless, so it loads back as it was
        session.text("download_full"),
        data=lambda: export.render(everything().rows, catalog, names, lang, "long", "csv", created, True),
        file_name=export.file_name(manifest.id, None, "long", lang, "csv", totals, True),
        mime=export.MIME["csv"],
        on_click="ignore",
        key="download_full",
    )
    st.caption(session.text("download_caption"))


def main() -> None:
    st.title(session.text("data_title"))
    asked = choose()
    view = answers.view("data", asked, default_all=False)
    if view.rows.empty:
        ui.no_data(session.text("no_data"))
    else:
        preview(view)
    downloads(view)
    ui.sources_footer(common.sources(answers.db(), view.rows, session.lang()))


ui.show_page(main)
