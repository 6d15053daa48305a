"""District: one district over the years: every indicator's latest value, and trends against the standard."""

import pandas as pd
import streamlit as st

from chuangcheng.render import charts, report
from chuangcheng.app import ui


def latest_table(district: str) -> None:
    frame = ui.run("district_latest", district=district)
    st.subheader(ui.text("latest"))
    st.caption(ui.text("latest_caption"))
    st.dataframe(latest_display(frame), hide_index=True, width="stretch", height=560)


def latest_display(frame: pd.DataFrame) -> pd.DataFrame:
    catalog, lang = ui.catalog(), ui.lang()
    meta = catalog.indicators.loc[frame["indicator"]]
    change = [
        catalog.format(code, round(now - before, int(catalog.indicator(code)["decimals"])) + 0.0) if pd.notna(before) else ""
        for code, now, before in zip(frame["indicator"], frame["value"], frame["previous"])
    ]
    return pd.DataFrame({
        ui.text("col_aspect"): meta["aspect"].map(ui.names("aspects")).to_numpy(),
        ui.text("col_indicator"): frame["indicator"].map(ui.names("indicators")),
        ui.text("col_year"): frame["year"].astype(str),
        ui.text("col_value"): [charts.qualified(catalog, c, v, q, lang) for c, v, q in zip(frame["indicator"], frame["value"], frame["qualifier"])],
        ui.text("col_unit"): [catalog.unit(c, lang) for c in frame["indicator"]],
        ui.text("col_change"): change,
        ui.text("col_status"): [
            charts.attainment_label(a if pd.notna(a) else None, u is True, lang) for a, u in zip(frame["attainment"], frame["uncertain"])
        ],
    }).iloc[catalog_order(frame["indicator"])]


def catalog_order(codes: pd.Series) -> list[int]:
    """Positions of the rows in catalog order (by aspect, then as the catalog lists them)."""
    rank = {code: i for i, code in enumerate(ui.catalog().indicators.sort_values("aspect", kind="stable").index)}
    return sorted(range(len(codes)), key=lambda i: rank[codes.iloc[i]])


def aspect_trends(district: str) -> None:
    trend = ui.run("district_trend", district=district)
    catalog = ui.catalog()
    present = [a for a in catalog.aspects.index if a in set(trend["indicator"].map(catalog.indicators["aspect"]))]
    st.subheader(ui.text("trends"))
    aspect = ui.pick_one("aspect", ui.text("aspect"), present, weakest_aspect(district, present), ui.names("aspects").get)
    st.caption(ui.text("trends_caption"))
    codes = [c for c in catalog.indicators.index if catalog.indicators.at[c, "aspect"] == aspect and c in set(trend["indicator"])]
    for column, code in zip(st.columns(2) * len(codes), codes):
        with column:
            ui.plot(charts.indicator_trend(trend[trend["indicator"] == code], catalog, code, ui.lang()), key=f"trend_{code}")


def weakest_aspect(district: str, present: list[str]) -> str:
    """The aspect with the lowest score rate in the district's latest scored year: where to look first."""
    latest = ui.run("district_latest", district=district)["year"].max()
    scores = ui.run("compare_aspects", districts=[district], year=int(latest))
    return scores.sort_values(["score_rate", "aspect"])["aspect"].iloc[0] if len(scores) else present[0]


def scorecard(district: str) -> None:
    scores = ui.run("district_scores", district=district)
    if scores.empty:
        return
    year = ui.choose_year(list(scores["year"])[::-1], where=st.sidebar)
    row = scores.set_index("year").loc[year]
    st.subheader(f"{ui.text('scorecard')} · {year}")
    left, right, report = st.columns([1, 1, 1])
    left.metric(ui.text("score_rate"), f"{row['score_rate']:.1f}", change(row["score_change"], "{:+.1f}"),
                delta_color=change_color(row["score_change"]), border=True)
    right.metric(ui.text("rank"), ui.text("rank_of", rank=int(row["rank"]), count=int(row["districts"])),
                 change(row["rank_change"], "{:+.0f}"), delta_color=change_color(row["rank_change"]), border=True)
    report_button(report, district, year)
    bars, unmet = st.columns([2, 3])
    with bars:
        st.markdown(f"**{ui.text('aspect_scores')}**")
        ui.plot(charts.aspect_bars(ui.run("district_aspects", district=district, year=year), ui.catalog(), ui.lang()), key="aspect_bars")
    with unmet:
        unmet_table(district, year)


def change(value: float, pattern: str) -> str | None:
    return pattern.format(value) if pd.notna(value) else None


def change_color(value: float) -> str:
    """Grey for no change: an up arrow on +0 would say the district moved."""
    return "normal" if pd.notna(value) and round(value, 1) != 0 else "off"


def unmet_table(district: str, year: int) -> None:
    frame = ui.run("district_unmet", district=district, year=year)
    st.markdown(f"**{ui.text('unmet')}**")
    if frame.empty:
        st.success(ui.text("all_met", year=year))
        return
    catalog, lang = ui.catalog(), ui.lang()
    st.dataframe(pd.DataFrame({
        ui.text("col_indicator"): [catalog.label(c, lang) for c in frame["indicator"]],
        ui.text("col_value"): [charts.qualified(catalog, c, v, q, lang) for c, v, q in zip(frame["indicator"], frame["value"], frame["qualifier"])],
        ui.text("col_standard"): [catalog.format(c, v) for c, v in zip(frame["indicator"], frame["full_at"])],
        ui.text("gap"): [catalog.format(c, v) for c, v in zip(frame["indicator"], frame["gap"])],
        ui.text("col_status"): [charts.verdict_label(v, lang) for v in frame["verdict"]],
        ui.text("cost"): frame["cost"].round(1),
    }), hide_index=True, width="stretch")
    st.caption(ui.text("unmet_caption"))


def report_button(where, district: str, year: int) -> None:
    """The printable report, built when clicked (its data bound now, off the script thread later)."""
    manifest, catalog, lang = ui.current_snapshot(), ui.catalog(), ui.lang()
    synthetic = set(ui.run("snapshot_statuses")["status"]) == {"synthetic"}
    parts = {name: ui.deferred(f"district_{name}", district=district, **({"year": year} if name in ("aspects", "unmet") else {}))
             for name in ("scores", "aspects", "unmet", "trend")}
    where.download_button(
        ui.text("download_report"), key="report", on_click="ignore", mime="text/html",
        file_name=f"chuangcheng_report_{manifest.id}_{district}_{year}_{lang}.html",
        data=lambda: report.district_report(district, year, manifest.id, synthetic,
                                            report.ReportData(**{k: v() for k, v in parts.items()}), catalog, lang).encode("utf-8"),
    )


def main() -> None:
    district = ui.pick_district()
    names = ui.names()
    city = ui.catalog().regions.at[district, "parent_code"]
    st.title(ui.text("district_title", district=names[district], city=names.get(city, "")))
    if ui.run("district_latest", district=district).empty:
        ui.no_data(ui.text("no_data_district", district=names[district]))
        return
    scorecard(district)
    latest_table(district)
    aspect_trends(district)


ui.show_page(main)
