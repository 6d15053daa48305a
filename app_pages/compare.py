"""Compare: 2-6 regions side by side: trends on one chart per indicator, aspect profile, a table of differences."""

import streamlit as st

from chuangcheng.app import ui
from chuangcheng.render import charts
from chuangcheng.views.compare import MOST, Comparison


def choose():
    every, scope = ui.region_options()
    chosen = ui.pick_many("districts", ui.text("regions"), every, scope[:2], ui.region_label(),
                          where=st.sidebar, max_selections=MOST)
    catalog = ui.catalog()
    indicators = ui.pick_many("indicators", ui.text("indicators"), list(catalog.indicators.index), catalog.headline[:3],
                              ui.names("indicators").get, where=st.sidebar)
    return ui.params().but(regions=tuple(chosen), indicators=tuple(indicators), years=ui.choose_years())


def trends(view: Comparison) -> None:
    catalog, colors = ui.catalog(), charts.region_colors(list(view.params.regions))
    first, last = view.params.years
    for column, code in zip(st.columns(2) * len(view.params.indicators), view.params.indicators):
        rows = view.trends[view.trends["indicator"] == code]
        with column:
            if rows.empty:
                ui.no_data(ui.text("no_data_compare", indicator=catalog.name("indicators", code, ui.lang()), first=first, last=last))
            else:
                ui.plot(charts.compare_trend(rows, catalog, code, view.names, colors, list(view.params.regions), ui.lang()), key=f"compare_{code}",
                        sources=view.sources)


def profile(view: Comparison) -> None:
    if view.profile.empty:
        return
    st.subheader(ui.text("aspect_profile"))
    st.caption(ui.text("aspect_profile_caption", year=view.params.years[1]))
    ui.plot(charts.aspect_heatmap(view.profile, ui.catalog(), view.names, list(view.params.regions), ui.lang()), key="profile",
            sources=view.sources)


def table(view: Comparison) -> None:
    if view.differences.empty:
        return
    base = view.names.get(view.params.regions[0], view.params.regions[0])
    st.subheader(ui.text("compare_table", year=view.params.years[1]))
    st.caption(ui.text("compare_table_caption"))
    columns = {"label": ui.text("col_indicator"), "region_name": ui.text("col_region"), "value_text": ui.text("col_value"),
               "difference_text": ui.text("col_difference", district=base), "standard_text": ui.text("col_standard"),
               "significant": ui.text("col_significant")}
    st.dataframe(view.differences[list(columns)].rename(columns=columns), hide_index=True, width="stretch")


def main() -> None:
    asked = choose()
    st.title(ui.text("compare_title"))
    if len(asked.regions) < 2:
        st.info(ui.text("compare_pick"))
        return
    view = ui.view("compare", asked)
    if view.params.years is None:
        ui.no_data(ui.text("no_data"))
        return
    trends(view)
    profile(view)
    table(view)
    ui.sources_footer(view.sources)


ui.show_page(main)
