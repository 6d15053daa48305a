"""Compare: 2-6 districts side by side: trends on one chart per indicator, aspect profile, a table of differences."""

import pandas as pd
import streamlit as st

from chuangcheng.render import charts
from chuangcheng import stats
from chuangcheng.app import ui

MAX_DISTRICTS = 6


def choose() -> tuple[list[str], list[str], tuple[int, int]]:
    districts = ui.run("districts")
    codes = list(districts["region_code"])
    first_city = districts["city"].iloc[0]
    default = list(districts.loc[districts["city"] == first_city, "region_code"][:2])
    chosen = ui.pick_many("districts", ui.text("districts"), codes, default, ui.district_label(districts),
                          where=st.sidebar, max_selections=MAX_DISTRICTS)
    catalog = ui.catalog()
    indicators = ui.pick_many("indicators", ui.text("indicators"), list(catalog.indicators.index), catalog.headline[:3],
                              ui.names("indicators").get, where=st.sidebar)
    return chosen, indicators, ui.choose_years()


def trends(frame: pd.DataFrame, chosen: list[str], indicators: list[str], years: tuple[int, int]) -> None:
    catalog, names = ui.catalog(), ui.names()
    colors = district_colors(chosen)
    for column, code in zip(st.columns(2) * len(indicators), indicators):
        rows = frame[frame["indicator"] == code]
        with column:
            if rows.empty:
                ui.no_data(ui.text("no_data_compare", indicator=catalog.name("indicators", code, ui.lang()), first=years[0], last=years[1]))
            else:
                ui.plot(charts.compare_trend(rows, catalog, code, names, colors, chosen, ui.lang()), key=f"compare_{code}")


def district_colors(chosen: list[str]) -> dict[str, str]:
    """Each district's colour from its city's palette, the same as on the overview."""
    regions = ui.catalog().regions
    colors = {}
    for city in {regions.at[c, "parent_code"] for c in chosen}:
        colors.update(charts.district_colors(ui.catalog().districts_of(city)))
    return colors


def profile(chosen: list[str], year: int) -> None:
    frame = ui.run("compare_aspects", districts=chosen, year=year)
    if frame.empty:
        return
    st.subheader(ui.text("aspect_profile"))
    st.caption(ui.text("aspect_profile_caption", year=year))
    ui.plot(charts.aspect_profile(frame, ui.catalog(), ui.names(), district_colors(chosen), chosen, ui.lang()), key="profile")


def table(frame: pd.DataFrame, chosen: list[str], indicators: list[str], year: int) -> None:
    rows = frame[frame["year"] == year]
    if rows.empty:
        return
    st.subheader(ui.text("compare_table", year=year))
    st.caption(ui.text("compare_table_caption"))
    st.dataframe(difference_table(rows, chosen, indicators), hide_index=True, width="stretch")


def difference_table(rows: pd.DataFrame, chosen: list[str], indicators: list[str]) -> pd.DataFrame:
    """One line per indicator and district: value, difference to the first district, standard, significance."""
    catalog, names, lang = ui.catalog(), ui.names(), ui.lang()
    by_key = rows.set_index(["indicator", "region_code"])
    lines = []
    for code in indicators:
        base = by_key.loc[(code, chosen[0])] if (code, chosen[0]) in by_key.index else None
        for district in chosen:
            if (code, district) not in by_key.index:
                continue
            row = by_key.loc[(code, district)]
            lines.append({
                ui.text("col_indicator"): catalog.label(code, lang),
                ui.text("col_district"): names[district],
                ui.text("col_value"): charts.qualified(catalog, code, row["value"], row["qualifier"], lang),
                ui.text("col_difference", district=names[chosen[0]]): difference(catalog, code, row, base, district == chosen[0]),
                ui.text("col_standard"): catalog.standard_text(code, lang),
                ui.text("col_significant"): significance(row, base, district == chosen[0]),
            })
    return pd.DataFrame(lines)


def difference(catalog, code: str, row: pd.Series, base: pd.Series | None, is_base: bool) -> str:
    if base is None or is_base:
        return ""
    change = round(row["value"] - base["value"], int(catalog.indicator(code)["decimals"])) + 0.0
    return ("+" if change > 0 else "") + catalog.format(code, change)


def significance(row: pd.Series, base: pd.Series | None, is_base: bool) -> str:
    if base is None or is_base or pd.isna(row["n_eff"]) or pd.isna(base["n_eff"]):
        return ""
    return ui.text("yes") if stats.differ(row["value"], row["n_eff"], base["value"], base["n_eff"]) else ui.text("no")


def main() -> None:
    chosen, indicators, years = choose()
    st.title(ui.text("compare_title"))
    if len(chosen) < 2:
        st.info(ui.text("compare_pick"))
        return
    frame = ui.run("compare_trends", districts=chosen, indicators=indicators, first=years[0], last=years[1])
    trends(frame, chosen, indicators, years)
    profile(chosen, years[1])
    table(frame, chosen, indicators, years[1])


ui.show_page(main)
