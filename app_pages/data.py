"""Data: filter by districts, indicators and years; preview; download CSV (the rows shown), wide CSV, XLSX."""

from datetime import datetime

import pandas as pd
import streamlit as st

from chuangcheng.render import export
from chuangcheng import settings
from chuangcheng.app import ui

def choose() -> export.Filters:
    districts = ui.run("districts")
    first_city = districts["city"].iloc[0]
    default = list(districts.loc[districts["city"] == first_city, "region_code"])
    chosen = ui.pick_many("districts", ui.text("districts"), list(districts["region_code"]), default,
                          ui.district_label(districts), where=st.sidebar)
    catalog = ui.catalog()
    codes = list(catalog.indicators.index)
    indicators = ui.pick_many("indicators", ui.text("indicators"), codes, codes, ui.names("indicators").get, where=st.sidebar)
    first, last = ui.choose_years()
    return export.Filters(tuple(chosen), tuple(indicators), first, last)


def preview(rows: pd.DataFrame) -> None:
    limit = int(settings.get("max_preview_rows"))
    shown = rows.head(limit)
    key = "rows_capped" if len(rows) > limit else "rows_shown"
    st.caption(ui.text(key, rows=f"{len(rows):,}", shown=f"{len(shown):,}"))
    st.dataframe(display(shown), hide_index=True, width="stretch", height=420)


def display(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows as a reader sees them: names, units and the catalog's decimals."""
    catalog, lang = ui.catalog(), ui.lang()
    table = export.long_table(rows, catalog, lang)
    return pd.DataFrame({
        ui.text("col_district"): table["region_name"],
        ui.text("col_year"): table["year"].astype(str),
        ui.text("col_indicator"): table["indicator_name"],
        ui.text("col_value"): [catalog.format(c, v) for c, v in zip(table["indicator"], table["value"])],
        ui.text("col_unit"): table["unit"],
        ui.text("col_qualifier"): table["qualifier"],
        ui.text("col_data_status"): [ui.text(f"status_{s}") for s in table["status"]],
        ui.text("col_source"): [catalog.source_title(s, lang) for s in table["source"]],
    })


def downloads(rows: pd.DataFrame, filters: export.Filters) -> None:
    """Buttons that build their file only when clicked, and do not rerun the page."""
    catalog, lang = ui.catalog(), ui.lang()
    manifest = ui.current_snapshot()
    created = datetime.fromisoformat(manifest.created)
    totals = (len(ui.run("districts")), len(catalog.indicators))
    xlsx_limit = min(int(settings.get("max_xlsx_rows")), 1_048_575)  # and never past one Excel sheet
    left, middle, right, whole = st.columns(4)
    for column, label, layout, fmt in (
        (left, "download_csv", "long", "csv"), (middle, "download_wide_csv", "wide", "csv"), (right, "download_xlsx", "long", "xlsx"),
    ):
        column.download_button(
            ui.text(label), data=lambda layout=layout, fmt=fmt: export.render(rows, catalog, lang, layout, fmt, created),
            file_name=export.file_name(manifest.id, filters, layout, lang, fmt, totals), mime=export.MIME[fmt],
            on_click="ignore", key=f"download_{layout}_{fmt}", disabled=rows.empty or (fmt == "xlsx" and len(rows) > xlsx_limit),
            help=ui.text("too_many_for_xlsx", limit=f"{xlsx_limit:,}") if fmt == "xlsx" and len(rows) > xlsx_limit else None,
        )
    everything = full_rows()
    whole.download_button(
        ui.text("download_full"), data=lambda: export.render(everything(), catalog, lang, "long", "csv", created),
        file_name=export.file_name(manifest.id, None, "long", lang, "csv", totals), mime=export.MIME["csv"],
        on_click="ignore", key="download_full",
    )
    st.caption(ui.text("download_caption"))


def full_rows():
    """The whole snapshot's rows, fetched only when its button is clicked."""
    districts = list(ui.run("districts")["region_code"])
    span = ui.run("snapshot_years").iloc[0]
    return ui.deferred("data_rows", districts=districts, indicators=list(ui.catalog().indicators.index),
                       first=int(span["first_year"]), last=int(span["last_year"]))


def main() -> None:
    filters = choose()
    st.title(ui.text("data_title"))
    rows = ui.run("data_rows", **filters.params())
    if rows.empty:
        ui.no_data(ui.text("no_data"))
    else:
        preview(rows)
    downloads(rows, filters)


ui.show_page(main)
