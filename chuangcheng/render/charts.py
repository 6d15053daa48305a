"""Plotly figures from query results and the catalog; titles, units and decimals come from the catalog."""

import pandas as pd
import plotly.graph_objects as go

from chuangcheng.model import periods
from chuangcheng.model.catalog import Catalog
from chuangcheng.i18n import t
from chuangcheng.render import safe
from chuangcheng.views import present

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
# Axis ticks trimmed to the digits they need: the catalog's decimals would print 10.5 as "11" twice.
AXIS_NUMBERS = ",~r"
ATTAINMENT_COLORS = {"full": "#2e9d5b", "partial": "#e3a21a", "low": "#d64541", None: "#7f8c9a"}
# Region colours: blues, purples, browns and greys that are never read as the status colours
# (green met, amber partial, red below), so a region's line never says "met".
PALETTE = ("#1f5fa8", "#7b4fa0", "#00838f", "#8d5a2b", "#c2185b", "#37474f")


def region_colors(codes: list[str]) -> dict[str, str]:
    """A colour per chosen region, in the order chosen (never the status colours: see PALETTE)."""
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(codes)}


def layout(title: str, height: int = 420, xaxis: dict | None = None, yaxis: dict | None = None, **more) -> dict:
    """The whole layout in one dict: a figure built in one go costs a tenth of one updated step by step."""
    axis = {"automargin": True, "gridcolor": "#eceff1"}
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "height": height,
        "font": {"family": FONT},
        "margin": {"l": 10, "r": 30, "t": 50, "b": 10},
        "legend": {"orientation": "h", "y": -0.15},
        "plot_bgcolor": "white",
        # The toolbar stands down the right edge: across the top it covered titles on a phone.
        "modebar": {"orientation": "v"},
        "xaxis": {**axis, **(xaxis or {})},
        "yaxis": {**axis, **(yaxis or {})},
        **more,
    }


def year_axis(frame: pd.DataFrame) -> dict:
    """Years, level and whole: a tick a year over a few years, where Plotly's own ticks read 2006, 2006, 2007, 2007
    (half years, shown whole); over more, Plotly's own whole-year steps, which thin out on a narrow chart (a tick a
    year stood on end on a phone, clipped under the legend: "201", "202")."""
    return {"tickformat": "d", "dtick": 1 if frame["year"].nunique() <= 4 else None, "tickangle": 0}


def gap_marks(frame: pd.DataFrame, lang: str, axis: str = "y", bottom_up: bool = False) -> dict:
    """Where a large scope's chart leaves regions out (present.ends), a dashed break and how many lie between:
    #29 next to #2876 with nothing between read as neighbours. The frame in the order drawn along the axis
    (bottom_up: the highest last); layout entries (shapes, annotations) to merge."""
    if "omitted_after" not in frame.columns or not (frame["omitted_after"] > 0).any():
        return {}
    index = int((frame["omitted_after"].to_numpy() > 0).argmax())
    at = index - 0.5 if bottom_up else index + 0.5  # the marked row is the last of the highest: the break is past it
    across = "x" if axis == "y" else "y"
    text = t("chart_gap", lang, count=f"{int(frame['omitted_after'].iloc[index]):,}")
    line = {
        "type": "line",
        f"{axis}ref": axis,
        f"{across}ref": "paper",
        f"{axis}0": at,
        f"{axis}1": at,
        f"{across}0": 0,
        f"{across}1": 1,
        "line": {"color": "#52606d", "width": 1, "dash": "dot"},
    }
    note = {
        f"{axis}ref": axis,
        f"{across}ref": "paper",
        axis: at,
        across: 0.5,
        "text": text,
        "showarrow": False,
        "bgcolor": "white",
        "font": {"size": 11, "color": "#3e4c59"},
    }
    return {"shapes": [line], "annotations": [note]}


def short(label: str, most: int = 14) -> str:
    """An axis label a phone can hold; the whole name stays in the hover."""
    return label if len(label) <= most else label[: most - 1] + "…"


def value_range(
    frame: pd.DataFrame, drawn: tuple[str, ...] = ("value", "lower", "upper", "full_at")
) -> list[float] | None:
    """A y range around one value (or several equal ones): autoscaling drew 12,999 to 13,001 for a single
    point. Whatever else the chart draws on the axis (an interval, the standard) counts: with two numbers
    or more, autoscaling already shows them all."""
    columns = [frame[c] for c in drawn if c in frame.columns]
    found = pd.concat(columns).dropna() if columns else pd.Series(dtype="float64")
    if found.empty or found.nunique() > 1:
        return None
    value = float(found.iloc[0])
    margin = abs(value) * 0.2 or 1.0
    return [value - margin, value + margin]


def marker_colors(frame: pd.DataFrame) -> list[str]:
    """Each value's status colour (met, partial, below; grey when not scored), from the view's status_key."""
    return [ATTAINMENT_COLORS.get(present.color_of(v)) for v in frame["status_key"]]


def marker_symbols(frame: pd.DataFrame) -> list[str]:
    """Hollow where the data cannot settle the status; a triangle where the source gives only a bound."""
    qualifiers = frame["qualifier"] if "qualifier" in frame.columns else pd.Series("=", index=frame.index)
    return [
        ("triangle-up" if q == ">=" else "triangle-down" if q == "<=" else "circle") + ("-open" if u else "")
        for u, q in zip(frame["uncertain_flag"], qualifiers)
    ]


def hover_texts(frame: pd.DataFrame, catalog: Catalog, code: str, lang: str) -> list[str]:
    """Value with unit, interval and n, status, source and the source's note: every hover says where a number
    comes from and what it is."""
    unit = catalog.unit(code, lang)
    return [
        "<br>".join(
            part
            for part in (
                f"{value} {unit}",
                interval,
                status,
                safe.plotly(source),
                note and f"<i>{safe.plotly(note)}</i>",
            )
            if part
        )
        for value, interval, status, source, note in zip(
            frame["value_text"], frame["interval_text"], frame["status_text"], frame["source_text"], frame["note_text"]
        )
    ]


def region_dots(frame: pd.DataFrame, catalog: Catalog, code: str, lang: str) -> go.Figure:
    """One dot per region for one indicator, coloured by status, with its interval and the standard.

    Dots rather than bars: the axis need not start at zero, so 78% against a standard of 80% shows.
    """
    dots = go.Scatter(
        x=safe.plotly_all(frame["region_name"]),
        y=frame["value"],
        mode="markers",
        marker={"size": 14, "color": marker_colors(frame), "symbol": marker_symbols(frame), "line": {"width": 2}},
        error_y=interval_errors(frame),
        customdata=[
            [region, hover] for region, hover in zip(frame["region_code"], hover_texts(frame, catalog, code, lang))
        ],
        hovertemplate="%{x}<br>%{customdata[1]}<extra></extra>",
    )
    shapes, notes = standard_lines(frame, catalog.indicator(code), lang)
    gap = gap_marks(frame, lang, "x")
    shapes, notes = shapes + gap.get("shapes", []), notes + gap.get("annotations", [])
    return go.Figure(
        dots,
        layout(
            catalog.label(code, lang),
            shapes=shapes,
            yaxis={
                "title": {"text": catalog.unit(code, lang)},
                "tickformat": AXIS_NUMBERS,
                "range": value_range(frame, ("value", "lower", "upper", "full_at", "partial_at")),
            },
            annotations=notes,
            xaxis={"tickangle": -45 if len(frame) > 8 else 0},
        ),
    )


def interval_errors(frame: pd.DataFrame, color: str = "#444") -> dict | None:
    if frame["lower"].isna().all():
        return None
    return {
        "type": "data",
        "symmetric": False,
        "color": color,
        "thickness": 1.2,
        "array": (frame["upper"] - frame["value"]).tolist(),
        "arrayminus": (frame["value"] - frame["lower"]).tolist(),
    }


def standard_lines(frame: pd.DataFrame, meta: pd.Series, lang: str) -> tuple[list[dict], list[dict]]:
    """Lines across at the full and partial thresholds (for city_average: above the city mean), with labels."""
    if meta["standard"] == "none" or "full_at" not in frame.columns or frame["full_at"].isna().all():
        return [], []
    full = frame["full_at"].dropna().iloc[0]
    label = standard_label(meta, lang)
    lines = [(full, f"{label} {full:,.{int(meta['decimals'])}f}", ATTAINMENT_COLORS["full"], "solid", "bottom")]
    partial = frame["partial_at"].dropna()
    if len(partial):
        lines.append((partial.iloc[0], t("standard_partial", lang), ATTAINMENT_COLORS["partial"], "dash", "top"))
    shapes = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": y,
            "y1": y,
            "line": {"color": color, "width": 2, "dash": dash},
        }
        for y, _, color, dash, _ in lines
    ]
    notes = [
        {"xref": "paper", "x": 0, "xanchor": "left", "y": y, "yanchor": anchor, "text": text, "showarrow": False}
        for y, text, _, _, anchor in lines
    ]
    return shapes, notes


def attainment_heatmap(
    frame: pd.DataFrame, catalog: Catalog, region_names: dict[str, str], order: list[str], lang: str
) -> go.Figure:
    """Regions down (in the given order), scored indicators across, one cell coloured by credit.

    A single trace however many regions, so it stays light at national scale.
    """
    indicators = [c for c in catalog.scored if c in set(frame["indicator"])]
    present_codes = set(frame["region_code"])
    regions = [c for c in order if c in present_codes] + sorted(present_codes - set(order))
    credit = frame.pivot(index="region_code", columns="indicator", values="credit").reindex(
        index=regions, columns=indicators
    )
    # One dict lookup a cell: indexing a MultiIndex frame per cell took 300 ms for a city of 12 districts.
    cells = {
        (r, i): f"{v} {catalog.unit(i, lang)}<br>{s}"
        for r, i, v, s in zip(frame["region_code"], frame["indicator"], frame["value_text"], frame["status_text"])
    }
    names = {i: catalog.name("indicators", i, lang) for i in indicators}
    empty = t("no_data", lang)
    labels = {r: safe.plotly(region_names.get(r, r)) for r in regions}
    text = [[f"{labels[r]}<br>{names[i]}<br>{cells.get((r, i), empty)}" for i in indicators] for r in regions]
    columns = [short(catalog.name("indicators", i, lang)) for i in indicators]
    heat = go.Heatmap(
        z=credit.to_numpy(dtype="float64", na_value=float("nan")),
        x=columns,
        y=regions,
        zmin=0,
        zmax=1,
        showscale=False,
        xgap=1,
        ygap=1,
        hoverinfo="skip",
        colorscale=[[0, ATTAINMENT_COLORS["low"]], [0.5, ATTAINMENT_COLORS["partial"]], [1, ATTAINMENT_COLORS["full"]]],
    )
    # Rows are region codes (a click says which region), labelled by name.
    return go.Figure(
        [heat, cell_targets(columns, regions, text)],
        layout(
            t("heatmap", lang),
            max(360, 140 + 28 * len(regions)),
            xaxis={"tickangle": -45},
            yaxis={
                "autorange": "reversed",
                "type": "category",
                "tickvals": regions,
                "ticktext": [labels[r] for r in regions],
            },
        ),
    )


def cell_targets(columns: list[str], rows: list[str], hover: list[list[str]]) -> go.Scatter:
    """An invisible mark on every cell of a heat map, carrying its row's region code and the cell's hover.
    Plotly selects points of scatters and bars, not heat-map cells: these make a click on a cell a click
    on its region (and hold the hover the heat map itself skips)."""
    return go.Scatter(
        x=[column for _ in rows for column in columns],
        y=[row for row in rows for _ in columns],
        mode="markers",
        marker={"symbol": "square", "size": 18, "opacity": 0},
        showlegend=False,
        customdata=[[row, hover[i][j]] for i, row in enumerate(rows) for j in range(len(columns))],
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def ranking_bars(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Regions by overall score rate, best on top; unranked regions (too little coverage) in grey, last."""
    frame = frame.iloc[::-1]
    bars = go.Bar(
        y=[
            f"{int(r)}. {safe.plotly(n)}" if pd.notna(r) else f"– {safe.plotly(n)}"
            for r, n in zip(frame["rank"], frame["region_name"])
        ],
        x=frame["score_rate"],
        orientation="h",
        marker_color=[PALETTE[0] if ranked else ATTAINMENT_COLORS[None] for ranked in frame["ranked"]],
        text=[present.number(v, 1) for v in frame["score_rate"]],
        textposition="auto",
        textangle=0,
        customdata=[
            [code, f"{t('coverage', lang)} {present.number(c, 0)}%" + (f" · {note}" if note else "")]
            for code, c, note in zip(frame["region_code"], frame["coverage"], frame["note"])
        ],
        hovertemplate="%{y}<br>" + t("score_rate", lang) + " %{text}<br>%{customdata[1]}<extra></extra>",
    )
    return go.Figure(
        bars,
        layout(
            "",
            max(300, 60 + 30 * len(frame)),
            xaxis={"range": [0, 100], "title": {"text": t("score_rate", lang)}},
            **gap_marks(frame, lang, "y", bottom_up=True),
        ),
    )


def band(years, lower, upper, color: str, name: str) -> go.Scatter:
    """A shaded 95% interval between lower and upper (one closed shape, no legend entry)."""
    return go.Scatter(
        x=list(years) + list(years)[::-1],
        y=list(upper) + list(lower)[::-1],
        fill="toself",
        fillcolor=translucent(color),
        line={"width": 0},
        hoverinfo="skip",
        showlegend=False,
        name=name,
    )


def translucent(color: str, alpha: float = 0.18) -> str:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def standard_label(meta: pd.Series, lang: str) -> str:
    """What the full standard's line is called: the city mean +1% for a city_average standard."""
    return t("city_mean", lang) + " +1%" if meta["standard"] == "city_average" else t("standard_full", lang)


def standard_by_year(frame: pd.DataFrame, meta: pd.Series) -> pd.Series | None:
    """The full standard in each year drawn (it moves with the city mean for city_average standards); None when
    there is none to draw."""
    if meta["standard"] == "none" or frame["full_at"].isna().all():
        return None
    return frame.groupby("year")["full_at"].first()


def standard_trace(frame: pd.DataFrame, meta: pd.Series, lang: str) -> go.Scatter | None:
    """The full standard over the years (it moves with the city mean for city_average standards)."""
    by_year = standard_by_year(frame, meta)
    if by_year is None:
        return None
    label = standard_label(meta, lang)
    return go.Scatter(
        x=by_year.index,
        y=by_year.values,
        mode="lines",
        name=label,
        line={"color": ATTAINMENT_COLORS["full"], "dash": "dash", "width": 2},
        text=[present.number(v, meta["decimals"]) for v in by_year.values],
        hovertemplate=label + " %{text}<extra></extra>",
    )


def indicator_trend(frame: pd.DataFrame, catalog: Catalog, code: str, lang: str, color: str = PALETTE[0]) -> go.Figure:
    """One district's indicator over the years against its standard; a band for a survey's interval."""
    meta = catalog.indicator(code)
    traces = [band(frame["year"], frame["lower"], frame["upper"], color, "95%")] if frame["lower"].notna().any() else []
    traces.append(
        go.Scatter(
            x=frame["year"],
            y=frame["value"],
            mode="lines+markers",
            name=catalog.name("indicators", code, lang),
            line={"color": color, "width": 2},
            # each dot ringed in its own status colour: a ring in the line's blue made the grey 'not scored' dots read blue
            marker={
                "size": 9,
                "color": marker_colors(frame),
                "symbol": marker_symbols(frame),
                "line": {"width": 2, "color": marker_colors(frame)},
            },
            customdata=hover_texts(frame, catalog, code, lang),
            hovertemplate="%{x}<br>%{customdata}<extra></extra>",
        )
    )
    standard = standard_trace(frame, meta, lang)
    traces += [standard] if standard is not None else []
    return go.Figure(
        traces,
        layout(
            catalog.label(code, lang),
            300,
            showlegend=False,
            xaxis=year_axis(frame),
            yaxis={
                "title": {"text": catalog.unit(code, lang)},
                "tickformat": AXIS_NUMBERS,
                "range": value_range(frame),
            },
        ),
    )


def compare_trend(
    frame: pd.DataFrame,
    catalog: Catalog,
    code: str,
    names: dict[str, str],
    colors: dict[str, str],
    order: list[str],
    lang: str,
) -> go.Figure:
    """Several regions on one indicator over the years: a line each, in each region's own colour. Survey
    intervals are bands for two regions; beyond two, overlapping bands are unreadable, so error bars."""
    meta = catalog.indicator(code)
    traces = []
    bands = len(order) <= 2
    for district in order:
        rows = frame[frame["region_code"] == district]
        if rows.empty:
            continue
        color, name = colors[district], safe.plotly(names[district])
        if bands and rows["lower"].notna().any():
            traces.append(band(rows["year"], rows["lower"], rows["upper"], color, name))
        traces.append(
            go.Scatter(
                x=rows["year"],
                y=rows["value"],
                mode="lines+markers",
                name=name,
                error_y=None if bands else interval_errors(rows, color),
                line={"color": color, "width": 2},
                marker={"size": 7},
                customdata=hover_texts(rows, catalog, code, lang),
                hovertemplate=name + " %{x}<br>%{customdata}<extra></extra>",
            )
        )
    standard = standard_trace(peers_of(frame, order[0]) if meta["standard"] == "city_average" else frame, meta, lang)
    traces += [standard] if standard is not None else []
    # the legend even for one region, which is no legend Plotly would draw on its own
    return go.Figure(
        traces,
        layout(
            catalog.label(code, lang),
            380,
            xaxis=year_axis(frame),
            showlegend=True,
            yaxis={
                "title": {"text": catalog.unit(code, lang)},
                "tickformat": AXIS_NUMBERS,
                "range": value_range(frame),
            },
        ),
    )


def peers_of(frame: pd.DataFrame, region: str) -> pd.DataFrame:
    """The rows of the chosen regions that share the region's peers (same parent and level): their city mean is the
    region's standard every year any of them has a value, not only the years the region itself has one."""
    own = frame[frame["region_code"] == region]
    if own.empty or "parent_code" not in frame.columns:
        return own
    first = own.iloc[0]
    return frame[(frame["parent_code"] == first["parent_code"]) & (frame["level"] == first["level"])]


def aspect_heatmap(
    frame: pd.DataFrame, catalog: Catalog, names: dict[str, str], order: list[str], lang: str
) -> go.Figure:
    """Districts down (in rank order), aspects across, each cell the aspect's score rate."""
    aspects = [a for a in catalog.aspects.index if a in set(frame["aspect"])]
    shown = set(frame["region_code"])
    districts = [c for c in order if c in shown] + sorted(shown - set(order))
    rates = frame.pivot(index="region_code", columns="aspect", values="score_rate").reindex(
        index=districts, columns=aspects
    )
    labels = [safe.plotly(names.get(d, d)) for d in districts]
    columns = [short(catalog.name("aspects", a, lang)) for a in aspects]
    cells = go.Heatmap(
        z=rates.to_numpy(),
        x=columns,
        y=districts,
        zmin=0,
        zmax=100,
        xgap=1,
        ygap=1,
        colorbar={"title": {"text": t("score_rate", lang)}},
        hoverinfo="skip",
        colorscale=[[0, ATTAINMENT_COLORS["low"]], [0.5, ATTAINMENT_COLORS["partial"]], [1, ATTAINMENT_COLORS["full"]]],
        text=[[present.number(v, 0) for v in row] for row in rates.to_numpy()],
        texttemplate="%{text}",
    )
    hover = [
        [
            f"{label}<br>{catalog.name('aspects', a, lang)}<br>{t('score_rate', lang)} {present.number(v, 1)}"
            if pd.notna(v)
            else label
            for a, v in zip(aspects, row)
        ]
        for label, row in zip(labels, rates.to_numpy())
    ]
    # Rows are region codes (a click says which region), labelled by name.
    return go.Figure(
        [cells, cell_targets(columns, districts, hover)],
        layout(
            t("aspect_heatmap", lang),
            max(320, 120 + 28 * len(districts)),
            xaxis={"tickangle": -30},
            yaxis={"autorange": "reversed", "type": "category", "tickvals": districts, "ticktext": labels},
        ),
    )


def aspect_bars(frame: pd.DataFrame, catalog: Catalog, lang: str, thin: bool = False) -> go.Figure:
    """One district's score rate per aspect, coloured by how close to full marks. Below the coverage setting (thin)
    every bar is grey and says how many of the aspect's scored indicators it stands on: a green 100 from one
    indicator of five reads as a result it is not."""
    if thin:
        scored_in = catalog.indicators[catalog.indicators["standard"] != "none"].groupby("aspect").size()
        colors = [ATTAINMENT_COLORS[None]] * len(frame)
        text = [
            t("score_thin", lang, score=present.number(v, 0), scored=int(n), total=int(scored_in.get(a, 0)))
            for v, n, a in zip(frame["score_rate"], frame["scored"], frame["aspect"])
        ]
    else:
        colors = [ATTAINMENT_COLORS[present.score_band(v)] for v in frame["score_rate"]]
        text = [present.number(v, 0) for v in frame["score_rate"]]
    bars = go.Bar(
        y=[catalog.name("aspects", a, lang) for a in frame["aspect"]],
        x=frame["score_rate"],
        orientation="h",
        # A short bar's number beside it: inside, a scored 0 had no bar and no number, and read as no score.
        marker_color=colors,
        text=text,
        textangle=0,
        customdata=[[present.number(v, 1)] for v in frame["score_rate"]],
        textposition=["inside" if v >= 15 else "outside" for v in frame["score_rate"]],
        cliponaxis=False,
        hovertemplate="%{y}<br>" + t("score_rate", lang) + " %{customdata[0]}<extra></extra>",
    )
    title = t("aspect_scores_thin" if thin else "aspect_scores", lang)
    return go.Figure(
        bars,
        layout(
            title,
            110 + 30 * len(frame),
            xaxis={"range": [0, 100], "title": {"text": t("score_rate", lang)}},
            yaxis={"autorange": "reversed"},
        ),
    )


def period_years(series: pd.DataFrame, catalog: Catalog, code: str, lang: str, chosen: str | None = None) -> go.Figure:
    """One region's figures finer than a year, a line a year over the periods of a year (January to December): the
    same month of each year stands one above the other (同比 at a glance), and a cumulative figure, which starts
    again each January, never joins December to the next January. The chosen period is ringed."""
    rows = series[series["indicator"] == code]
    parsed = [periods.parse(p) for p in rows["period"]]
    within = [p.index for p in parsed]
    years = pd.Series([p.year for p in parsed])  # the period's own year: 2025-W01 starts on 30 December 2024
    grain = periods.parse(rows["period"].iloc[0]).grain if len(rows) else "month"
    hover = [
        f"{label}: {value}" + (f"<br>{t('col_year_change', lang)}: {change}" if change else "")
        for label, value, change in zip(rows["period_label"], rows["value_text"], rows["year_change_text"])
    ]
    traces = []
    for i, year in enumerate(sorted(years.unique())):
        mine = [j for j, own in enumerate(years) if own == year]
        part = rows.iloc[mine]
        newest = i == years.nunique() - 1
        traces.append(
            go.Scatter(
                x=[within[j] for j in mine],
                y=part["value"],
                mode="lines+markers",
                name=str(year),
                line={
                    "color": PALETTE[0] if newest else PALETTE[(i % (len(PALETTE) - 1)) + 1],
                    "width": 3 if newest else 1.5,
                },
                marker={
                    "size": [13 if p == chosen else 6 for p in part["period"]],
                    "line": {"width": [2 if p == chosen else 0 for p in part["period"]], "color": "#14151a"},
                },
                customdata=[hover[j] for j in mine],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    # A tick a month as its number, the axis titled with the grain: twelve month names stood on each other at 390 px
    steps = {"month": 1, "quarter": 1, "half": 1, "week": 4}[grain]
    xaxis = {
        "dtick": steps,
        "title": {"text": t(f"grain_{grain}", lang)},
        "range": [0.5, max([*within, periods.Period(grain, 2025).count_in(2025)]) + 0.5],
    }
    return go.Figure(
        traces,
        layout(
            catalog.label(code, lang),
            320,
            xaxis={**xaxis, "tickangle": 0},
            yaxis={"title": {"text": catalog.unit(code, lang)}, "tickformat": AXIS_NUMBERS},
            legend={"orientation": "h", "y": -0.35, "title": {"text": ""}},
        ),
    )
