"""Plotly figures of field inspections (views/inspections.py): which standards fail at which point types, the
points lost by category, and each region's rate over time."""

import pandas as pd
import plotly.graph_objects as go

from chuangcheng.i18n import t
from chuangcheng.render import safe
from chuangcheng.render.charts import ATTAINMENT_COLORS, PALETTE, layout, short
from chuangcheng.views import present


def failure_heatmap(standards: pd.DataFrame, lang: str) -> go.Figure:
    """Point types down, standards across; each cell the share of the checks failed (不合格 and 严重不合格) — the
    standards a type of place keeps failing stand out; a standard not checked there is blank."""
    frame = standards.assign(failure=100.0 * (standards["failed"] + standards["severe"]) / standards["checked"])
    by_failure = frame.groupby("standard_name")["failure"].mean().sort_values(ascending=False)
    rates = frame.pivot_table(index="point_type_name", columns="standard_name", values="failure", aggfunc="mean")
    rates = rates.reindex(columns=list(by_failure.index))
    cells = go.Heatmap(
        z=rates.to_numpy(),
        x=[safe.plotly(short(s, 10)) for s in rates.columns],
        y=[safe.plotly(p) for p in rates.index],
        zmin=0,
        zmax=max(50.0, float(frame["failure"].max() or 0)),
        xgap=1,
        ygap=1,
        colorscale=[[0, "#f5f7fa"], [0.5, ATTAINMENT_COLORS["partial"]], [1, ATTAINMENT_COLORS["low"]]],
        colorbar={"title": {"text": "%"}},
        text=[[present.number(v, 0) if pd.notna(v) else "" for v in row] for row in rates.to_numpy()],
        texttemplate="%{text}",
        customdata=[[safe.plotly(s) for s in rates.columns] for _ in rates.index],
        hovertemplate=t("inspections_heat_hover", lang, x="%{customdata}", y="%{y}", z="%{z:.1f}") + "<extra></extra>",
    )
    return go.Figure(
        [cells],
        layout(
            t("inspections_heat", lang),
            max(300, 110 + 30 * len(rates.index)),
            xaxis={"tickangle": -35, "type": "category"},
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
    return go.Figure(
        lines,
        layout(
            t("inspections_trend", lang),
            380,
            xaxis={"type": "category", "tickangle": -30, "nticks": 12},
            yaxis={"title": {"text": t(f"col_{column}", lang)}},
        ),
    )
