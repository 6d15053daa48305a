"""Overview: a scope (one parent's regions, or every region of a level) in one year: headline figures,
the ranking, the aspect heat map, one indicator across regions, the attainment heat map, the bulletin."""

from datetime import date, datetime
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from chuangcheng import settings
from chuangcheng.app import answers, pickers, session, sub_year, ui
from chuangcheng.geo import boundaries, grid
from chuangcheng.render import charts, explore, export, safe
from chuangcheng.views import present
from chuangcheng.views.overview import Overview


def headline(view: Overview) -> None:
    if view.headline.empty:
        return
    st.subheader(session.text("headline"))
    rows = list(view.headline.itertuples())
    # One row of three at a time, so a phone (columns stacked) reads them in the catalog's order too.
    for start in range(0, len(rows), 3):
        for column, row in zip(st.columns(3), rows[start : start + 3]):
            column.metric(
                row.label,
                row.value_text,
                row.change_text,
                **ui.delta_style(row.direction, row.judged),
                help=row.help,
                border=True,
            )


def ranking(view: Overview) -> None:
    if view.ranking.empty:
        return
    st.subheader(session.text("ranking"))
    st.caption(f"{session.text('ranking_caption')} {session.text('click_hint')}")
    left, right = st.columns([3, 2])
    with left:
        several_years = (
            view.timeline["year"].nunique() > 1 and len(view.ranking) <= present.MOST_DRAWN
        )  # beyond, one year's ends
        figure = (
            answers.ranking_timeline(view.params, view.sources)
            if several_years
            else charts.ranking_bars(drawn(view.ranking), view.params.lang)
        )
        ui.plot(figure, key="ranking_chart", sources=view.sources, opens=view.params.year)
        if view.unranked_text:
            st.caption(safe.markdown(view.unranked_text))
    ranking_table(right, view)


def ranking_table(where, view: Overview) -> None:
    """Rank, region, score and changes; coverage and the reason only when some region is not ranked."""
    frame = view.ranking
    # changes only where some region has a year before to change from (the first year has none)
    columns = [
        "rank_shown",
        "region_name",
        "score_rate",
        *[c for c in ("score_change", "rank_change") if frame[c].notna().any()],
    ]
    if not frame["ranked"].all():
        columns += ["coverage", "note"]
    # Keyboard and screen-reader users open a region from here, as a click on a bar does.
    shown = frame.assign(
        rank_shown=[str(r) if pd.notna(r) else "—" for r in frame["rank"]],
        # numbers, NaN where there is no year before: a None or <NA> read "None" in the table
        score_change=pd.to_numeric(frame["score_change"]).astype("float64"),
        rank_change=frame["rank_change"].astype("float64"),
        link=[region_link(code, view.params.year) for code in frame["region_code"]],
    )
    columns.insert(2, "link")
    where.dataframe(
        shown[columns],
        hide_index=True,
        width="stretch",
        column_config={
            "link": st.column_config.LinkColumn(
                session.text("col_open"), display_text=session.text("open_region"), width="small"
            ),
            "rank_shown": st.column_config.TextColumn(session.text("rank"), width="small"),
            "region_name": st.column_config.TextColumn(session.text("col_region")),
            "score_rate": st.column_config.NumberColumn(session.text("score_rate"), format="%.1f", width="small"),
            "score_change": st.column_config.NumberColumn(session.text("score_change"), format="%+.1f", width="small"),
            "rank_change": st.column_config.NumberColumn(session.text("rank_change"), format="%+d", width="small"),
            "coverage": st.column_config.NumberColumn(session.text("col_coverage"), format="%.0f", width="small"),
            "note": st.column_config.TextColumn(session.text("col_note")),
        },
    )


def region_link(code: str, year: int) -> str:
    """The region's page for the year, relative to this one (so it works under any base path)."""
    return "district?" + urlencode(ui.region_link_params(code, year))


def indicator_chart(view: Overview) -> None:
    """One indicator across the scope's regions as a map, a chart or a table of the same rows; in one year
    or as the change between two."""
    st.subheader(session.text("by_indicator"))
    first = answers.view("scope_indicator", view.params)
    pick, show, since = st.columns([3, 2, 2])
    code = pickers.pick_one(
        "indicator",
        session.text("indicator"),
        first.indicators,
        first.indicator,
        answers.names("indicators").get,
        where=pick,
    )
    how = pickers.choose_show(("chart", "table", "map"), where=show)
    earlier = pickers.choose_since(first.years, view.params.year, where=since)
    asked = view.params.but(indicator=code, since=earlier)
    chosen = first if (code, earlier) == (first.indicator, first.since) else answers.view("scope_indicator", asked)
    if chosen.rows.empty and chosen.changes.empty:
        ui.no_data(
            session.text(
                "no_data_indicator",
                city=safe.markdown(view.scope),
                indicator=answers.names("indicators")[code],
                year=view.params.year,
            )
        )
        return
    if how == "table":
        indicator_table(chosen)
    elif how == "map":
        indicator_map(chosen, view)
    elif chosen.since:
        ui.plot(
            explore.change_bars(
                drawn(chosen.changes.dropna(subset=["change"])),
                answers.catalog(),
                code,
                chosen.since,
                view.params.year,
                session.lang(),
            ),
            key="indicator_chart",
            sources=view.sources,
            opens=view.params.year,
        )
    else:
        ui.plot(
            charts.region_dots(drawn(chosen.rows), answers.catalog(), code, session.lang()),
            key="indicator_chart",
            sources=view.sources,
            opens=view.params.year,
        )
    if how == "chart" and chosen.rows["uncertain_flag"].any():  # a map draws no dots: its legend is below it
        st.caption(session.text("uncertain_caption"))


def indicator_map(chosen, view: Overview) -> None:
    """The regions' own shapes when the data folder has boundaries for them; else one tile per region."""
    catalog, lang = answers.catalog(), session.lang()
    rows = chosen.rows.assign(hover_text=charts.hover_texts(chosen.rows, catalog, chosen.indicator, lang))
    changes = chosen.changes if chosen.since else None
    title = (
        session.text(
            "change_title", indicator=catalog.label(chosen.indicator, lang), since=chosen.since, year=view.params.year
        )
        if chosen.since
        else f"{catalog.label(chosen.indicator, lang)} · {view.params.year}"
    )
    unit = catalog.unit(chosen.indicator, lang)  # the colour bar's title: a change of a rate is in percentage points
    if chosen.since:
        unit = session.text(
            "map_scale_change",
            unit=session.text("map_scale_points") if present.is_rate(catalog, chosen.indicator) else unit,
        )
    shapes = boundaries.load(
        settings.data_dir(), chosen.scope_codes
    )  # read once a run: coverage() would read them again
    if shapes is None:
        st.info(session.text("map_no_boundaries"))
        figure = explore.tile_grid(rows, grid.layout(chosen.scope_codes), view.names, title, lang, changes, unit)
    else:
        figure = explore.region_map(rows, shapes, chosen.scope_codes, view.names, title, lang, changes, unit)
        drawn = {feature["id"] for feature in shapes["features"]}
        missing = [code for code in chosen.scope_codes if code not in drawn]
        if missing:
            st.caption(session.text("map_missing_shapes", count=len(missing)))
    ui.plot(figure, key="indicator_map", sources=view.sources, opens=view.params.year)
    if not chosen.since and explore.status_coloured(rows):  # status colours: the legend names them; how to use it
        st.caption(session.text("map_status_caption"))
    if shapes and any(feature["properties"].get("synthetic") for feature in shapes["features"]):
        st.caption(session.text("map_fictional"))


def indicator_table(chosen) -> None:
    """The rows the chart and the map draw, with a link to each region's page."""
    year = chosen.params.year
    if chosen.since:
        rows = chosen.changes
        table = pd.DataFrame(
            {
                session.text("col_region"): rows["region_name"],
                session.text("col_first_value", year=chosen.since): rows["first_text"],
                session.text("col_first_value", year=year): rows["last_text"],
                session.text("col_change"): rows["change_text"],
                session.text("col_change_pct"): rows["change_pct_text"],
                session.text("col_open"): [region_link(c, year) for c in rows["region_code"]],
            }
        )
    else:
        rows = chosen.rows
        table = pd.DataFrame(
            {
                session.text("col_region"): rows["region_name"],
                session.text("col_value"): rows["value_text"],
                session.text("col_interval"): rows["interval_range"],
                session.text("col_status"): rows["status_text"],
                session.text("col_source"): rows["source_text"],
                session.text("col_open"): [region_link(c, year) for c in rows["region_code"]],
            }
        )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            session.text("col_open"): st.column_config.LinkColumn(
                display_text=session.text("open_region"), width="small"
            )
        },
    )


def drawn(rows: pd.DataFrame) -> pd.DataFrame:
    """What a chart of this scope draws (present.ends), saying so when it is not every region."""
    cut = present.ends(rows)
    if len(cut) < len(rows):
        st.caption(session.text("chart_ends", shown=len(cut) // 2, total=f"{len(rows):,}"))
    return cut


def heatmaps(view: Overview) -> None:
    if not view.aspect_scores.empty:
        rows = view.aspect_scores[view.aspect_scores["region_code"].isin(view.order)]
        ui.plot(
            charts.aspect_heatmap(rows, answers.catalog(), view.names, view.order, session.lang()),
            key="aspect_heatmap_chart",
            sources=view.sources,
            opens=view.params.year,
        )


def attainment(view: Overview) -> None:
    if view.attainment.empty:
        return
    rows = view.attainment[view.attainment["region_code"].isin(view.order)]
    ui.plot(
        charts.attainment_heatmap(rows, answers.catalog(), view.names, view.order, session.lang()),
        key="attainment_chart",
        sources=view.sources,
        opens=view.params.year,
    )
    st.caption(session.text("heatmap_caption"))


def bulletin(view: Overview) -> None:
    """The monthly bulletin for every region of the scope, built only when a button is clicked."""
    manifest = answers.current_snapshot()
    created, generated = (
        datetime.fromisoformat(manifest.created),
        session.text("bulletin_generated", date=date.today().isoformat()),
    )
    st.subheader(session.text("bulletin"))
    st.caption(session.text("bulletin_caption", year=view.params.year))
    for column, level, fmt in zip(
        st.columns(4), ("summary", "summary", "indicator", "indicator"), ("csv", "xlsx", "csv", "xlsx")
    ):
        column.download_button(
            session.text(f"bulletin_{level}_{fmt}"),
            key=f"bulletin_{level}_{fmt}",
            on_click="ignore",
            mime=export.MIME[fmt],
            data=lambda answer=answers.deferred("bulletin", view.params, level=level), fmt=fmt: export.render_scorecard(
                answer(), fmt, created, generated
            ),
            file_name=export.scorecard_file_name(
                manifest.id, view.params.year, level, view.params.lang, fmt, view.params.peers
            ),
        )


def monthly(view: Overview) -> bool:
    """The scope's figures finer than a year, where it has any: a period picked, every region's figures in it.
    False when it has none."""
    figures = sub_year.chosen("periods", view.params)
    if figures is not None:
        sub_year.figures(figures, by_region=True)
    return figures is not None


def main() -> None:
    scope = pickers.choose_scope()
    years = answers.scope_years(scope)
    head = st.container()
    year = pickers.choose_year(years, where=ui.main_controls()) if years else None
    view = answers.view("overview", scope.but(year=year))
    if session.embedded() and view.params.year is not None:  # ?embed=true: the indicator's map, chart or table alone
        indicator_chart(view)
        return
    ui.title(view.title, where=head)
    if view.params.year is None:  # no year's figure in the scope: its monthly ones, if it has any, are still shown
        if not monthly(view):
            ui.no_data(session.text("no_data"))
        return
    if view.ranking.empty:  # a sparse year: what is missing is said, not left to vanish
        st.info(session.text("no_scores_in_year", year=view.params.year))
    if view.params.peers:
        st.caption(session.text("peers_used", peers=pickers.peers_label(view.params.peers)))
    headline(view)
    ranking(view)
    heatmaps(view)
    indicator_chart(view)
    monthly(view)
    attainment(view)
    if not view.ranking.empty:
        bulletin(view)
    ui.sources_footer(view.sources)


ui.show_page(main)
