"""Overview: the city in one year: headline figures, the ranking, one indicator across districts, the heat map."""

from datetime import datetime

import pandas as pd
import streamlit as st

from chuangcheng.render import charts, export
from chuangcheng.app import ui


def choose_city() -> str:
    cities = ui.run("cities")
    return ui.pick_one("city", ui.text("city"), list(cities["city"]), cities["city"].iloc[0], ui.coded_names(), where=st.sidebar)


def headline(city: str, year: int) -> None:
    frame = ui.run("city_headline", city=city, year=year).dropna(subset=["value"]).set_index("indicator")
    shown = [code for code in ui.catalog().headline if code in frame.index]
    if not shown:
        return
    st.subheader(ui.text("headline"))
    for column, code in zip(st.columns(3) * 2, shown):
        column.metric(**headline_metric(frame.loc[code], code, year))


def headline_metric(row: pd.Series, code: str, year: int) -> dict:
    catalog = ui.catalog()
    meta = catalog.indicator(code)
    change = round(row["value"] - row["previous"], int(meta["decimals"])) + 0.0 if pd.notna(row["previous"]) else None
    help_key = f"headline_help_{meta['city_aggregate']}"
    return {
        "label": catalog.label(code, ui.lang()),
        "value": catalog.format(code, row["value"]),
        "delta": f"{change:+,.{int(meta['decimals'])}f}" if change is not None else None,
        "delta_color": "inverse" if meta["standard"] in ("max", "zero") else "normal",
        "help": ui.text(help_key, n=int(row["districts"]), previous=year - 1),
        "border": True,
    }


def ranking(city: str, year: int) -> None:
    frame = ui.run("city_ranking", city=city, year=year)
    if frame.empty:
        return
    st.subheader(ui.text("ranking"))
    st.caption(ui.text("ranking_caption"))
    left, right = st.columns([3, 2])
    colors = charts.district_colors(ui.catalog().districts_of(city))
    with left:
        ui.plot(charts.ranking_bars(frame, ui.names(), colors, ui.lang()), key="ranking_chart")
    right.dataframe(ranking_table(frame), hide_index=True, width="stretch")


def ranking_table(frame: pd.DataFrame) -> pd.DataFrame:
    names = ui.names()
    return pd.DataFrame({
        ui.text("rank"): frame["rank"].astype(int),
        ui.text("district"): frame["region_code"].map(names),
        ui.text("score_rate"): frame["score_rate"].round(1),
        ui.text("score_change"): (frame["score_rate"] - frame["previous_score_rate"]).round(1),
        ui.text("rank_change"): (frame["previous_rank"] - frame["rank"]).astype("Int64"),
    })


def indicator_chart(city: str, year: int) -> None:
    st.subheader(ui.text("by_indicator"))
    catalog = ui.catalog()
    codes = list(catalog.indicators.index)
    available = set(ui.run("city_indicator_counts", city=city, year=year)["indicator"])
    default = next((c for c in catalog.headline + codes if c in available), codes[0])
    code = ui.pick_one("indicator", ui.text("indicator"), codes, default, ui.names("indicators").get)
    frame = ui.run("city_indicator", city=city, year=year, indicator=code)
    if frame.empty:
        ui.no_data(ui.text("no_data_indicator", city=ui.names()[city], indicator=catalog.name("indicators", code, ui.lang()), year=year))
        return
    ui.plot(charts.district_dots(frame, catalog, code, ui.names(), ui.lang()), key="indicator_chart")
    if frame["uncertain"].eq(True).any():
        st.caption(ui.text("uncertain_caption"))


def heatmap(city: str, year: int, question: str, build, title: str, caption: str | None = None) -> None:
    """A district x indicator (or aspect) heat map, districts in rank order."""
    frame = ui.run(question, city=city, year=year)
    if frame.empty:
        return
    order = list(ui.run("city_ranking", city=city, year=year)["region_code"])
    st.subheader(ui.text(title))
    if caption:
        st.caption(ui.text(caption))
    ui.plot(build(frame, ui.catalog(), ui.names(), order, ui.lang()), key=f"{question}_chart")


def bulletin(year: int) -> None:
    """The monthly bulletin for every district, built only when a button is clicked."""
    manifest, catalog, lang = ui.current_snapshot(), ui.catalog(), ui.lang()
    created = datetime.fromisoformat(manifest.created)
    st.subheader(ui.text("bulletin"))
    st.caption(ui.text("bulletin_caption", year=year))
    for column, level, fmt in zip(st.columns(4), ("aspect", "aspect", "indicator", "indicator"), ("csv", "xlsx", "csv", "xlsx")):
        column.download_button(
            ui.text(f"bulletin_{level}_{fmt}"), key=f"bulletin_{level}_{fmt}", on_click="ignore", mime=export.MIME[fmt],
            data=lambda rows=ui.deferred(f"scorecard_{level}s", year=year), level=level, fmt=fmt:
                export.render_scorecard(rows(), catalog, lang, level, fmt, created),
            file_name=export.scorecard_file_name(manifest.id, year, level, lang, fmt),
        )


def main() -> None:
    city = choose_city()
    years = list(ui.run("city_years", city=city)["year"])
    year = ui.choose_year(years, where=st.sidebar)
    st.title(ui.text("overview_title", city=ui.names()[city], year=year))
    headline(city, year)
    ranking(city, year)
    heatmap(city, year, "city_aspect_scores", charts.aspect_heatmap, "aspect_heatmap")
    indicator_chart(city, year)
    heatmap(city, year, "city_attainment", charts.attainment_heatmap, "heatmap", "heatmap_caption")
    if not ui.run("city_ranking", city=city, year=year).empty:
        bulletin(year)


ui.show_page(main)
