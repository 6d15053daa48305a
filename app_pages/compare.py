"""Compare: 2-6 regions side by side: trends on one chart per indicator, aspect profile, a table of differences."""

import streamlit as st

from chuangcheng.app import answers, pickers, session, ui
from chuangcheng.render import charts, safe
from chuangcheng.views.compare import MOST, Comparison


def choose():
    every, scope = answers.region_options()
    regions_column, year_column = ui.main_controls().columns([3, 1])  # the regions and year in reach on a phone
    chosen = pickers.pick_many(
        "districts",
        session.text("regions"),
        every,
        scope[:2],
        pickers.region_label(),
        where=regions_column,
        max_selections=MOST,
    )
    catalog = answers.catalog()
    indicators = pickers.pick_many(
        "indicators",
        session.text("indicators"),
        list(catalog.indicators.index),
        answers.shared_indicators(chosen),
        answers.names("indicators").get,
        where=st.sidebar,
    )
    years = pickers.choose_years()
    shown = pickers.choose_year(list(range(years[1], years[0] - 1, -1)), where=year_column) if years else None
    return answers.params().but(regions=tuple(chosen), indicators=tuple(indicators), years=years, year=shown)


def show_year_of(point: dict) -> None:
    """A click on a trend's point: the table below shows that year's values."""
    if str(point.get("x", "")).isdigit():
        st.session_state["year"] = int(point["x"])


def trends(view: Comparison) -> None:
    catalog, colors = answers.catalog(), charts.region_colors(list(view.params.regions))
    first, last = view.params.years
    for column, code in zip(st.columns(2) * len(view.params.indicators), view.params.indicators):
        rows = view.trends[view.trends["indicator"] == code]
        with column:
            if rows.empty:
                ui.no_data(
                    session.text(
                        "no_data_compare",
                        indicator=catalog.name("indicators", code, session.lang()),
                        first=first,
                        last=last,
                    )
                )
            else:
                ui.plot(
                    charts.compare_trend(
                        rows, catalog, code, view.names, colors, list(view.params.regions), session.lang()
                    ),
                    key=f"compare_{code}",
                    sources=view.sources,
                    on_point=show_year_of,
                )
                if view.absent_text(code):
                    st.caption(safe.markdown(view.absent_text(code)))


def profile(view: Comparison) -> None:
    if view.profile.empty:
        return
    st.subheader(session.text("aspect_profile"))
    st.caption(session.text("aspect_profile_caption", year=view.params.year))
    ui.plot(
        charts.aspect_heatmap(view.profile, answers.catalog(), view.names, list(view.params.regions), session.lang()),
        key="profile",
        sources=view.sources,
    )


def table(view: Comparison) -> None:
    if view.differences.empty:
        return
    base = view.names.get(view.params.regions[0], view.params.regions[0])
    st.subheader(session.text("compare_table", year=view.params.year))
    st.caption(session.text("compare_table_caption") + " " + session.text("compare_click_hint"))
    first = view.params.years[0]
    columns = {
        "label": session.text("col_indicator"),
        "region_name": session.text("col_region"),
        "value_text": session.text("col_value"),
        "difference_text": session.text("col_difference", district=base),
        "change_text": session.text("col_change_since", first=first, year=view.params.year),
        "change_pct_text": session.text("col_change_pct"),
        "standard_text": session.text("col_standard"),
        "significant": session.text("col_significant"),
    }
    # Indicator, region and value within a phone's 390 px; the indicator stays while the rest scrolls sideways.
    st.dataframe(
        view.differences[list(columns)].rename(columns=columns),
        hide_index=True,
        width="stretch",
        column_config={
            columns["label"]: st.column_config.TextColumn(width="medium", pinned=True),
            columns["region_name"]: st.column_config.TextColumn(width="small"),
            columns["value_text"]: st.column_config.TextColumn(width="small"),
        },
    )


def main() -> None:
    st.title(session.text("compare_title"))
    asked = choose()
    if len(asked.regions) < 2:
        st.info(session.text("compare_pick"))
        return
    view = answers.view("compare", asked)
    if view.params.years is None:
        ui.no_data(session.text("no_data"))
        return
    if asked.indicators:
        trends(view)
    else:  # a cleared picker: no trends until some are chosen (not the defaults again)
        st.info(session.text("compare_pick_indicators"))
    profile(view)
    if asked.indicators:
        table(view)
    ui.sources_footer(view.sources)


ui.show_page(main)
