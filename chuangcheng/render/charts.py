"""Plotly figures from query results and the catalog; titles, units and decimals come from the catalog."""

import pandas as pd
import plotly.graph_objects as go

from chuangcheng.model.catalog import Catalog
from chuangcheng.i18n import t

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
# Axis ticks trimmed to the digits they need: the catalog's decimals would print 10.5 as "11" twice.
AXIS_NUMBERS = ",~r"
ATTAINMENT_COLORS = {"full": "#2e9d5b", "partial": "#e3a21a", "low": "#d64541", None: "#7f8c9a"}
# Twelve distinct colours; a district keeps its colour on every page (see district_colors).
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a",
)


def district_colors(codes: list[str]) -> dict[str, str]:
    """A colour per district code, fixed by the code's place among its city's sorted codes."""
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(sorted(codes))}


def layout(title: str, height: int = 420, xaxis: dict | None = None, yaxis: dict | None = None, **more) -> dict:
    """The whole layout in one dict: a figure built in one go costs a tenth of one updated step by step."""
    axis = {"automargin": True, "gridcolor": "#eceff1"}
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"}, "height": height, "font": {"family": FONT},
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10}, "legend": {"orientation": "h", "y": -0.15}, "plot_bgcolor": "white",
        "xaxis": {**axis, **(xaxis or {})}, "yaxis": {**axis, **(yaxis or {})}, **more,
    }


def attainment_label(attainment: str | None, uncertain: bool, lang: str) -> str:
    label = t(f"attainment_{attainment or 'none'}", lang)
    return f"{label} ({t('uncertain', lang)})" if uncertain else label


def verdict_label(verdict: str, lang: str) -> str:
    """full / partial / low / uncertain in words."""
    return t("uncertain", lang) if verdict == "uncertain" else t(f"attainment_{verdict}", lang)


def qualified(catalog: Catalog, code: str, value: float, qualifier: str, lang: str) -> str:
    """A value as text, saying 'at least' or 'at most' when the source gives only a bound."""
    text = catalog.format(code, value)
    prefix = {">=": t("bound_above", lang), "<=": t("bound_below", lang)}.get(qualifier, "")
    return f"{prefix} {text}".strip()


def district_dots(frame: pd.DataFrame, catalog: Catalog, code: str, names: dict[str, str], lang: str) -> go.Figure:
    """One dot per district for one indicator, coloured by attainment, with its interval and the standard.

    Dots rather than bars: the axis need not start at zero, so 78% against a standard of 80% shows.
    """
    dots = go.Scatter(
        x=[names[c] for c in frame["region_code"]],
        y=frame["value"], mode="markers",
        marker={"size": 14, "color": [ATTAINMENT_COLORS.get(a if pd.notna(a) else None) for a in frame["attainment"]],
                "symbol": ["circle-open" if u is True else "circle" for u in frame["uncertain"]], "line": {"width": 2}},
        error_y=interval_errors(frame),
        customdata=[hover_text(catalog, code, row, lang) for row in frame.itertuples()],
        hovertemplate="%{x}<br>%{customdata}<extra></extra>",
    )
    shapes, notes = standard_lines(frame, catalog.indicator(code), lang)
    return go.Figure(dots, layout(catalog.label(code, lang), yaxis={"title": {"text": catalog.unit(code, lang)}, "tickformat": AXIS_NUMBERS},
                                  shapes=shapes, annotations=notes))


def interval_errors(frame: pd.DataFrame) -> dict | None:
    if frame["lower"].isna().all():
        return None
    return {
        "type": "data", "symmetric": False, "color": "#444",
        "array": (frame["upper"] - frame["value"]).tolist(),
        "arrayminus": (frame["value"] - frame["lower"]).tolist(),
    }


def hover_text(catalog: Catalog, code: str, row, lang: str) -> str:
    parts = [f"{qualified(catalog, code, row.value, row.qualifier, lang)} {catalog.unit(code, lang)}"]
    if pd.notna(row.lower):
        parts.append(t("interval", lang, lower=catalog.format(code, row.lower), upper=catalog.format(code, row.upper), n=int(row.n)))
    attainment = row.attainment if pd.notna(row.attainment) else None
    parts.append(attainment_label(attainment, bool(row.uncertain) if pd.notna(row.uncertain) else False, lang))
    return "<br>".join(parts)


def standard_lines(frame: pd.DataFrame, meta: pd.Series, lang: str) -> tuple[list[dict], list[dict]]:
    """Lines across at the full and partial thresholds (for city_average: above the city mean), with labels."""
    if meta["standard"] == "none" or frame["full_at"].isna().all():
        return [], []
    full = frame["full_at"].dropna().iloc[0]
    label = t("city_mean", lang) + " +1%" if meta["standard"] == "city_average" else t("standard_full", lang)
    lines = [(full, f"{label} {full:,.{int(meta['decimals'])}f}", ATTAINMENT_COLORS["full"], "solid", "bottom")]
    partial = frame["partial_at"].dropna()
    if len(partial):
        lines.append((partial.iloc[0], t("standard_partial", lang), ATTAINMENT_COLORS["partial"], "dash", "top"))
    shapes = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": {"color": color, "width": 2, "dash": dash}}
              for y, _, color, dash, _ in lines]
    notes = [{"xref": "paper", "x": 0, "xanchor": "left", "y": y, "yanchor": anchor, "text": text, "showarrow": False}
             for y, text, _, _, anchor in lines]
    return shapes, notes


def attainment_heatmap(frame: pd.DataFrame, catalog: Catalog, names: dict[str, str], order: list[str], lang: str) -> go.Figure:
    """Districts down (in the given order), scored indicators across, one cell coloured by credit.

    A single trace however many districts, so it stays light at national scale.
    """
    indicators = [c for c in catalog.scored if c in set(frame["indicator"])]
    present = set(frame["region_code"])
    districts = [c for c in order if c in present] + sorted(present - set(order))
    credit = frame.pivot(index="region_code", columns="indicator", values="credit").reindex(index=districts, columns=indicators)
    cells = frame.set_index(["region_code", "indicator"])
    text = [[cell_text(catalog, cells, d, i, lang) for i in indicators] for d in districts]
    cells = go.Heatmap(
        z=credit.to_numpy(), x=[catalog.name("indicators", i, lang) for i in indicators], y=[names[d] for d in districts],
        zmin=0, zmax=1, showscale=False, xgap=1, ygap=1, customdata=text,
        colorscale=[[0, ATTAINMENT_COLORS["low"]], [0.5, ATTAINMENT_COLORS["partial"]], [1, ATTAINMENT_COLORS["full"]]],
        hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>",
    )
    return go.Figure(cells, layout("", max(360, 140 + 28 * len(districts)), xaxis={"tickangle": -45}, yaxis={"autorange": "reversed"}))


def cell_text(catalog: Catalog, cells: pd.DataFrame, district: str, code: str, lang: str) -> str:
    if (district, code) not in cells.index:
        return t("no_data", lang)
    row = cells.loc[(district, code)]
    value = f"{catalog.format(code, row['value'])} {catalog.unit(code, lang)}"
    return f"{value}<br>{attainment_label(row['attainment'], bool(row['uncertain']), lang)}"


def ranking_bars(frame: pd.DataFrame, names: dict[str, str], colors: dict[str, str], lang: str) -> go.Figure:
    """Districts by overall score rate, best on top, each in its own colour."""
    frame = frame.sort_values(["rank", "region_code"], ascending=[False, False])
    bars = go.Bar(
        y=[f"{int(r)}. {names[c]}" for r, c in zip(frame["rank"], frame["region_code"])],
        x=frame["score_rate"], orientation="h",
        marker_color=[colors.get(c, PALETTE[0]) for c in frame["region_code"]],
        text=[f"{v:.1f}" for v in frame["score_rate"]], textposition="auto", textangle=0,
        hovertemplate="%{y}<br>" + t("score_rate", lang) + " %{x:.1f}<extra></extra>",
    )
    return go.Figure(bars, layout("", max(300, 60 + 30 * len(frame)), xaxis={"range": [0, 100], "title": {"text": t("score_rate", lang)}}))


def band(years, lower, upper, color: str, name: str) -> go.Scatter:
    """A shaded 95% interval between lower and upper (one closed shape, no legend entry)."""
    return go.Scatter(
        x=list(years) + list(years)[::-1], y=list(upper) + list(lower)[::-1], fill="toself",
        fillcolor=translucent(color), line={"width": 0}, hoverinfo="skip", showlegend=False, name=name,
    )


def translucent(color: str, alpha: float = 0.18) -> str:
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def standard_trace(frame: pd.DataFrame, meta: pd.Series, lang: str) -> go.Scatter | None:
    """The full standard over the years (it moves with the city mean for city_average standards)."""
    if meta["standard"] == "none" or frame["full_at"].isna().all():
        return None
    label = t("city_mean", lang) + " +1%" if meta["standard"] == "city_average" else t("standard_full", lang)
    by_year = frame.groupby("year")["full_at"].first()
    return go.Scatter(
        x=by_year.index, y=by_year.values, mode="lines", name=label,
        line={"color": ATTAINMENT_COLORS["full"], "dash": "dash", "width": 2},
        hovertemplate=label + " %{y:,." + str(int(meta["decimals"])) + "f}<extra></extra>",
    )


def indicator_trend(frame: pd.DataFrame, catalog: Catalog, code: str, lang: str, color: str = PALETTE[0]) -> go.Figure:
    """One district's indicator over the years against its standard; a band for a survey's interval."""
    meta = catalog.indicator(code)
    traces = [band(frame["year"], frame["lower"], frame["upper"], color, "95%")] if frame["lower"].notna().any() else []
    traces.append(go.Scatter(
        x=frame["year"], y=frame["value"], mode="lines+markers", name=catalog.name("indicators", code, lang),
        line={"color": color, "width": 2},
        marker={"size": 9, "color": [ATTAINMENT_COLORS.get(a if pd.notna(a) else None) for a in frame["attainment"]],
                "symbol": ["circle-open" if u is True else "circle" for u in frame["uncertain"]], "line": {"width": 2, "color": color}},
        customdata=[hover_text(catalog, code, row, lang) for row in frame.itertuples()],
        hovertemplate="%{x}<br>%{customdata}<extra></extra>",
    ))
    standard = standard_trace(frame, meta, lang)
    traces += [standard] if standard is not None else []
    return go.Figure(traces, layout(
        catalog.label(code, lang), 300, showlegend=False,
        xaxis={"dtick": 1 if frame["year"].nunique() <= 15 else None, "tickformat": "d"},
        yaxis={"title": {"text": catalog.unit(code, lang)}, "tickformat": AXIS_NUMBERS},
    ))


def compare_trend(frame: pd.DataFrame, catalog: Catalog, code: str, names: dict[str, str], colors: dict[str, str],
                  order: list[str], lang: str) -> go.Figure:
    """Several districts on one indicator over the years: a line each, in each district's own colour."""
    meta = catalog.indicator(code)
    traces = []
    for district in order:
        rows = frame[frame["region_code"] == district]
        if rows.empty:
            continue
        color = colors[district]
        if rows["lower"].notna().any():
            traces.append(band(rows["year"], rows["lower"], rows["upper"], color, names[district]))
        traces.append(go.Scatter(
            x=rows["year"], y=rows["value"], mode="lines+markers", name=names[district],
            line={"color": color, "width": 2}, marker={"size": 7},
            customdata=[hover_text(catalog, code, row, lang) for row in rows.itertuples()],
            hovertemplate=names[district] + " %{x}<br>%{customdata}<extra></extra>",
        ))
    standard = standard_trace(frame[frame["region_code"] == order[0]] if meta["standard"] == "city_average" else frame, meta, lang)
    traces += [standard] if standard is not None else []
    return go.Figure(traces, layout(catalog.label(code, lang), 380, xaxis={"tickformat": "d"},
                                    yaxis={"title": {"text": catalog.unit(code, lang)}, "tickformat": AXIS_NUMBERS}))


def aspect_profile(frame: pd.DataFrame, catalog: Catalog, names: dict[str, str], colors: dict[str, str],
                   order: list[str], lang: str) -> go.Figure:
    """Each district's score rate per aspect, side by side (grouped bars read more exactly than a radar)."""
    aspects = [a for a in catalog.aspects.index if a in set(frame["aspect"])]
    bars = []
    for district in order:
        rows = frame[frame["region_code"] == district].set_index("aspect").reindex(aspects)
        bars.append(go.Bar(
            x=[catalog.name("aspects", a, lang) for a in aspects], y=rows["score_rate"], name=names[district],
            marker_color=colors[district], hovertemplate=names[district] + "<br>%{x}: %{y:.1f}<extra></extra>",
        ))
    return go.Figure(bars, layout("", 460, yaxis={"range": [0, 100], "title": {"text": t("score_rate", lang)}}, barmode="group",
                                  legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}))


def aspect_heatmap(frame: pd.DataFrame, catalog: Catalog, names: dict[str, str], order: list[str], lang: str) -> go.Figure:
    """Districts down (in rank order), aspects across, each cell the aspect's score rate."""
    aspects = [a for a in catalog.aspects.index if a in set(frame["aspect"])]
    present = set(frame["region_code"])
    districts = [c for c in order if c in present] + sorted(present - set(order))
    rates = frame.pivot(index="region_code", columns="aspect", values="score_rate").reindex(index=districts, columns=aspects)
    cells = go.Heatmap(
        z=rates.to_numpy(), x=[catalog.name("aspects", a, lang) for a in aspects], y=[names[d] for d in districts],
        zmin=0, zmax=100, xgap=1, ygap=1, colorbar={"title": {"text": t("score_rate", lang)}},
        colorscale=[[0, ATTAINMENT_COLORS["low"]], [0.5, ATTAINMENT_COLORS["partial"]], [1, ATTAINMENT_COLORS["full"]]],
        text=[[f"{v:.0f}" if pd.notna(v) else "" for v in row] for row in rates.to_numpy()], texttemplate="%{text}",
        hovertemplate="%{y}<br>%{x}<br>" + t("score_rate", lang) + " %{z:.1f}<extra></extra>",
    )
    return go.Figure(cells, layout("", max(320, 120 + 28 * len(districts)), xaxis={"tickangle": -30}, yaxis={"autorange": "reversed"}))


def aspect_bars(frame: pd.DataFrame, catalog: Catalog, lang: str) -> go.Figure:
    """One district's score rate per aspect, coloured by how close to full marks."""
    colors = [ATTAINMENT_COLORS["full"] if v >= 90 else ATTAINMENT_COLORS["partial"] if v >= 60 else ATTAINMENT_COLORS["low"] for v in frame["score_rate"]]
    bars = go.Bar(
        y=[catalog.name("aspects", a, lang) for a in frame["aspect"]], x=frame["score_rate"], orientation="h",
        marker_color=colors, text=[f"{v:.0f}" for v in frame["score_rate"]], textposition="auto", textangle=0,
        hovertemplate="%{y}<br>" + t("score_rate", lang) + " %{x:.1f}<extra></extra>",
    )
    return go.Figure(bars, layout("", 60 + 30 * len(frame), xaxis={"range": [0, 100], "title": {"text": t("score_rate", lang)}},
                                  yaxis={"autorange": "reversed"}))
