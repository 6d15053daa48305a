"""Plotly figures of field inspections (views/inspections.py): which standards fail at which point types, the
points lost by category, and each region's rate over time."""

import math

import pandas as pd
import plotly.graph_objects as go

from chuangcheng.i18n import t
from chuangcheng.render import safe
from chuangcheng.render.charts import ATTAINMENT_COLORS, PALETTE, layout
from chuangcheng.views import present


def failure_heatmap(standards: pd.DataFrame, lang: str) -> go.Figure:
    """Standards down (the most failed on top), point types across; each cell the share of the checks failed
    (不合格 and 严重不合格) — the standards a type of place keeps failing stand out; blank where a standard is not
    checked at a type. Names whole: cut, two standards read alike and fell into one column."""
    frame = standards.assign(failure=100.0 * (standards["failed"] + standards["severe"]) / standards["checked"])
    by_failure = frame.groupby("standard_name")["failure"].mean().sort_values(ascending=False)
    rates = frame.pivot_table(index="standard_name", columns="point_type_name", values="failure", aggfunc="mean")
    rates = rates.reindex(index=list(by_failure.index))
    cells = go.Heatmap(
        z=rates.to_numpy(),
        x=[safe.plotly(p) for p in rates.columns],
        y=[safe.plotly(s) for s in rates.index],
        zmin=0,
        zmax=max(50.0, float(frame["failure"].max() or 0)),
        xgap=1,
        ygap=1,
        colorscale=[[0, "#f5f7fa"], [0.5, ATTAINMENT_COLORS["partial"]], [1, ATTAINMENT_COLORS["low"]]],
        colorbar={"title": {"text": "%"}, "thickness": 12},
        text=[[present.number(v, 0) if pd.notna(v) else "" for v in row] for row in rates.to_numpy()],
        texttemplate="%{text}",
        hovertemplate=t("inspections_heat_hover", lang, x="%{y}", y="%{x}", z="%{z:.1f}") + "<extra></extra>",
    )
    return go.Figure(
        [cells],
        layout(
            t("inspections_heat", lang),
            max(320, 120 + 30 * len(rates.index)),
            xaxis={"tickangle": -30, "type": "category", "side": "top"},
            yaxis={"autorange": "reversed", "type": "category"},
        ),
    )


def lost_bars(categories: pd.DataFrame, lang: str) -> go.Figure:
    """Each category's share of the points lost (失分占比), the largest on top."""
    bars = go.Bar(
        x=categories["share"],
        y=[safe.plotly(c) for c in categories["category_name"]],
        orientation="h",
        marker_color=PALETTE[0],
        text=[f"{s}%" for s in categories["share_text"]],
        textposition="auto",
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
    return go.Figure(
        [bars],
        layout(
            t("inspections_lost", lang),
            max(240, 90 + 36 * len(categories)),
            xaxis={"title": {"text": t("col_share", lang)}, "rangemode": "tozero"},
            yaxis={"autorange": "reversed", "type": "category"},
        ),
    )


def rate_trend(trend: pd.DataFrame, column: str, lang: str) -> go.Figure:
    """Each region's rate period by period, one line a region."""
    lines = []
    for index, (code, rows) in enumerate(trend.groupby("region_code", sort=False)):
        lines.append(
            go.Scatter(
                x=rows["period_label"],
                y=rows[column],
                name=safe.plotly(rows["region"].iloc[0]),
                mode="lines+markers" if len(rows) < 20 else "lines",
                line={"color": PALETTE[index % len(PALETTE)]},
                hovertemplate="%{x}: %{y:.1f}%<extra>%{fullData.name}</extra>",
            )
        )
    # every period oldest first: a category axis takes them in the order the lines first meet them
    order = trend.drop_duplicates("period").sort_values("period_start")["period_label"].tolist()
    return go.Figure(
        lines,
        layout(
            t(f"inspections_trend_{column}", lang),  # the rate drawn, the rate named
            420,
            xaxis={
                "type": "category",
                "tickangle": -30,
                "nticks": 12,
                "categoryorder": "array",
                "categoryarray": order,
            },
            yaxis={"title": {"text": t(f"col_{column}", lang)}},
            legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0},  # under the dates, clear of the title
        ),
    )


def outlines(shapes: dict | None) -> list[go.Scatter]:
    """Each stored shape's rings as filled lines (x longitude, y latitude)."""
    traces = []
    for feature in (shapes or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        polygons = [polygons] if geometry.get("type") == "Polygon" else polygons
        for polygon in polygons:
            for ring in polygon[:1]:  # the outer ring: a hole would be filled over anyway
                traces.append(
                    go.Scatter(
                        x=[point[0] for point in ring],
                        y=[point[1] for point in ring],
                        mode="lines",
                        fill="toself",
                        fillcolor="#eef2f6",
                        line={"color": "#9aa5b1", "width": 1},
                        hoverinfo="skip",
                        showlegend=False,
                    )
                )
    return traces


def sites_map(sites: pd.DataFrame, shapes: dict | None, lang: str) -> go.Figure:
    """Each site where its sheet places it, coloured by its 符合率 in the period (red below, green met), over the
    district's shape where one is stored. Plain axes, a degree of latitude as long as the longitude's at that
    latitude: a geo map fetched the world's outline from a CDN (blocked in mainland China, and no page asks
    anything of another host), and a district is small enough to draw flat."""
    hover = [
        f"{safe.plotly(p)}<br>{safe.plotly(r)} · {safe.plotly(kind)}<br>{t('col_pass_rate', lang)} {rate}"
        f"<br>{t('col_checked', lang)} {checked}"
        for p, r, kind, rate, checked in zip(
            sites["point"], sites["region"], sites["point_type_name"], sites["pass_rate_text"], sites["checked"]
        )
    ]
    marks = go.Scatter(
        x=sites["longitude"],
        y=sites["latitude"],
        mode="markers",
        marker={
            "size": 12,
            "color": sites["pass_rate"],
            "cmin": 50,
            "cmax": 100,
            "colorscale": [
                [0, ATTAINMENT_COLORS["low"]],
                [0.6, ATTAINMENT_COLORS["partial"]],
                [1, ATTAINMENT_COLORS["full"]],
            ],
            "colorbar": {"title": {"text": t("col_pass_rate", lang)}, "thickness": 12},
            "line": {"color": "white", "width": 1},
        },
        text=hover,
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
    )
    middle = float(sites["latitude"].mean()) if len(sites) else 0.0
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    return go.Figure(
        [*outlines(shapes), marks],
        layout(
            t("inspections_sites", lang),
            520,
            xaxis=hidden,
            yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1 / max(0.2, math.cos(math.radians(middle)))},
        ),
    )
