"""District (any region): its scorecard in a year, every indicator's latest value, trends against the standard."""

import streamlit as st

from chuangcheng.app import answers, pickers, session, sub_year, ui
from chuangcheng.render import charts, report
from chuangcheng.views.region import RegionView


def scorecard(view: RegionView) -> None:
    score = view.score
    st.subheader(f"{session.text('scorecard')} · {view.params.year}")
    left, right, button = st.columns([1, 1, 1])
    left.metric(
        session.text(score.label_key),
        score.score_text,
        score.change_text,
        **ui.delta_style(score.change_direction, score.change_judged),
        border=True,
        help=score.change_note or None,
    )
    right.metric(
        session.text("rank"),
        score.rank_text,
        score.rank_change_text,
        **ui.delta_style(score.rank_direction, score.rank_judged),
        border=True,
    )
    report_button(button, view)
    compare_link(button, view)
    st.caption(f"{session.text('coverage')}: {score.coverage_text}")
    if score.unscored_text:
        st.caption(score.unscored_text)
    bars, unmet = st.columns([2, 3])
    with bars:
        ui.plot(
            charts.aspect_bars(view.aspects, answers.catalog(), session.lang(), thin=bool(score.thin_text)),
            key="aspect_bars",
            sources=view.sources,
        )
    with unmet:
        unmet_table(view)


def unmet_table(view: RegionView) -> None:
    st.markdown(f"**{session.text('unmet')}**")
    rows = view.unmet
    if rows.empty:
        (st.success if view.fully_judged else st.info)(view.none_short_text())
    else:
        # Cost, the order of the rows, beside the name: last, the longest names pushed it out of sight at 1400 px.
        # The name at a fixed width, whole on hover.
        st.dataframe(
            rows[["label", "cost", "value_text", "full_text", "gap_text", "status_text"]].rename(
                columns={
                    "label": session.text("col_indicator"),
                    "value_text": session.text("col_value"),
                    "full_text": session.text("col_standard"),
                    "gap_text": session.text("gap"),
                    "status_text": session.text("col_status"),
                    "cost": session.text("cost"),
                }
            ),
            hide_index=True,
            width="stretch",
            column_config={
                session.text("col_indicator"): st.column_config.TextColumn(width="medium", pinned=True),
                session.text("cost"): st.column_config.NumberColumn(format="%.1f"),
                session.text("col_value"): st.column_config.TextColumn(width="small"),
            },
        )
        st.caption(session.text("unmet_caption"))
    if len(view.likely_met):
        st.caption(session.text("likely_met", indicators=session.text("list_separator").join(view.likely_met["label"])))


def latest_table(view: RegionView) -> None:
    st.subheader(session.text("latest_as_of", year=view.latest_as_of) if view.latest_as_of else session.text("latest"))
    st.caption(session.text("latest_caption"))
    # The indicator pinned and its value beside it, within a phone's 390 px (the aspect first hid every value there).
    columns = {
        "indicator_name": "col_indicator",
        "value_text": "col_value",
        "unit": "col_unit",
        "year": "col_year",
        "change_text": "col_change",
        "status_text": "col_status",
        "aspect_name": "col_aspect",
        "interval_range": "col_interval",
        "source_text": "col_source",
        "note_text": "col_note",
    }
    table = view.latest.assign(year=view.latest["year"].astype(str))[list(columns)]
    st.dataframe(
        table.rename(columns={k: session.text(v) for k, v in columns.items()}),
        hide_index=True,
        width="stretch",
        height=560 if len(table) > 15 else "auto",  # a sparse region's few rows without a screen of blank lines
        column_config={
            session.text("col_indicator"): st.column_config.TextColumn(width="medium", pinned=True),
            session.text("col_value"): st.column_config.TextColumn(width="small"),
            session.text("col_unit"): st.column_config.TextColumn(width=64),
            session.text("col_year"): st.column_config.TextColumn(width=56),
        },
    )


def aspect_trends(view: RegionView) -> None:
    catalog = answers.catalog()
    codes_with_values = set(view.trend["indicator"])
    present = [a for a in catalog.aspects.index if a in set(catalog.indicators.loc[list(codes_with_values), "aspect"])]
    if not present:
        return
    weakest = view.aspects.sort_values(["score_rate", "aspect"])["aspect"].iloc[0] if len(view.aspects) else present[0]
    st.subheader(session.text("trends"))
    if st.session_state.get("_aspect_region") not in (None, view.params.region):
        st.session_state.pop("aspect", None)  # another region: open on its own weakest aspect, not the last one's
    st.session_state["_aspect_region"] = view.params.region
    aspect = pickers.pick_one("aspect", session.text("aspect"), present, weakest, answers.names("aspects").get)
    st.caption(session.text("trends_caption"))
    codes = [
        c for c in catalog.indicators.index if catalog.indicators.at[c, "aspect"] == aspect and c in codes_with_values
    ]
    for column, code in zip(st.columns(2) * len(codes), codes):
        with column:
            ui.plot(
                charts.indicator_trend(view.trend[view.trend["indicator"] == code], catalog, code, session.lang()),
                key=f"trend_{code}",
                sources=view.sources,
            )


def compare_link(where, view: RegionView) -> None:
    """ "How is my district doing, and against whom?": the compare page with the peers ranked beside it."""
    if view.peers:
        where.page_link(
            "app_pages/compare.py",
            label=session.text("compare_with_peers"),
            icon=":material/compare_arrows:",
            query_params={
                "districts": [view.params.region, *view.peers],
                "year": str(view.params.year),
                "lang": session.lang(),
                "snapshot": answers.current_snapshot().id,
            },
        )


def report_button(where, view: RegionView) -> None:
    """The printable report, built when clicked from the same view the page shows."""
    catalog = answers.catalog()
    # the month the page's monthly section shows (?period=), else the year's latest: asked when clicked
    months = answers.deferred("report_periods", view.params.but(period=st.query_params.get("period")))
    where.download_button(
        session.text("download_report"),
        key="report",
        on_click="ignore",
        mime="text/html",
        file_name=report.file_name(view),
        data=lambda: report.region_report(view, catalog, months()).encode("utf-8"),
    )


def main() -> None:
    head = st.container()
    region_column, year_column = ui.main_controls().columns(
        2
    )  # side by side on a desktop, one above the other on a phone
    region = pickers.pick_region(region_where=region_column)
    years = answers.region_years(region)  # the scored years alone: the whole view is asked once, for the chosen year
    year = pickers.choose_year(years, where=year_column) if years else None
    view = answers.view("region", answers.params().but(region=region, year=year))
    ui.title(view.title, where=head)
    if view.trend.empty:  # no year's figure: its monthly ones, if it has any, are still shown
        if not monthly(view):
            ui.no_data(session.text("no_data_district", district=view.name))
        return
    if view.score is not None:
        scorecard(view)
    composite_index(view)
    latest_table(view)
    monthly(view)
    aspect_trends(view)
    ui.sources_footer(view.sources)


COMPOSITE_PARTS = {"name": "col_part", "value": "col_value", "share": "col_weight_share", "adds": "col_adds"}


def composite_index(view: RegionView) -> None:
    """The city's composite index of the region (its formula is data), with its parts, where the catalog has one and
    the region has a part of it in the year."""
    found = answers.view("region_composite", view.params)
    mine = found.rows[found.rows["region_code"] == view.params.region]
    if mine.empty:
        return
    row, year = mine.iloc[0], view.params.year
    st.subheader(session.text("composite_title", name=found.name, year=year))
    if row["index_text"]:
        ranked = int(found.rows["rank"].notna().sum())
        st.metric(
            found.name,
            row["index_text"],
            session.text("composite_rank", rank=int(row["rank"]), count=ranked),
            delta_color="off",
            delta_arrow="off",
        )
    else:
        st.info(session.text("composite_missing", year=year, parts=row["missing"]))
    parts = found.parts[list(COMPOSITE_PARTS)].rename(columns={k: session.text(v) for k, v in COMPOSITE_PARTS.items()})
    st.dataframe(
        parts,
        hide_index=True,
        column_config={session.text("col_weight_share"): st.column_config.NumberColumn(format="%g")},
    )
    st.caption(session.text("composite_caption", name=found.name, formula=found.formula))


def monthly(view: RegionView) -> bool:
    """The region's figures finer than a year, where it has any: the period picked, its figures, each one's lines.
    False when it has none."""
    chosen = sub_year.chosen("region_periods", view.params)
    if chosen is None:
        return False
    sub_year.figures(chosen, by_region=False)
    sub_year.trends(chosen)
    return True


ui.show_page(main)
