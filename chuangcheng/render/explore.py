"""Figures for exploring: the ranking over time (a timeline with play), change between two years, and the
provenance line every figure leaves with. Each clickable mark carries its region code as customdata[0], so
a click opens that region (app/ui.py reads it back)."""

import re
import textwrap
import unicodedata

import pandas as pd
import plotly.graph_objects as go

from chuangcheng.i18n import t
from chuangcheng.model.catalog import Catalog
from chuangcheng.render import safe
from chuangcheng.render.charts import ATTAINMENT_COLORS, PALETTE, layout

WRAP = 84  # characters a provenance line holds before it wraps: a chart in a column is ~500 px wide
RISE, FALL = "#1f5fa8", "#8d5a2b"  # change colours: never the status colours (a rise is not "met")


def ranking_timeline(timeline: pd.DataFrame, names: dict[str, str], year: int, lang: str) -> go.Figure:
    """Score rates of the scope's regions, one animation frame per year, with a year slider and play.

    Regions keep their rows (ordered by the chosen year's rank) so the bars grow and shrink in place as the
    years play; each bar says its rank that year."""
    years = sorted(int(y) for y in timeline["year"].unique())
    now = timeline[timeline["year"] == year].sort_values(["ranked", "rank", "score_rate"], ascending=[False, True, False])
    order = list(now["region_code"]) + sorted(set(timeline["region_code"]) - set(now["region_code"]))
    labels = {code: safe.plotly(names.get(code, code)) for code in order}
    frames = [go.Frame(name=str(y), data=[bars(timeline[timeline["year"] == y], order, labels, lang)]) for y in years]
    steps = [{"label": str(y), "method": "animate",
              "args": [[str(y)], {"mode": "immediate", "frame": {"duration": 500, "redraw": True}, "transition": {"duration": 250}}]}
             for y in years]
    figure = go.Figure(
        data=[bars(timeline[timeline["year"] == year], order, labels, lang)], frames=frames,
        layout=layout(t("ranking_timeline_title", lang, year=year), 140 + 28 * len(order),
                      xaxis={"range": [0, 100], "title": {"text": t("score_rate", lang)}},
                      yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": [labels[c] for c in order]}),
    )
    figure.update_layout(
        sliders=[{"active": years.index(year), "steps": steps, "y": 0, "yanchor": "top", "pad": {"t": 40},
                  "currentvalue": {"prefix": t("year", lang) + " "}}],
        updatemenus=[{"type": "buttons", "direction": "left", "x": 0, "y": 0, "xanchor": "right", "yanchor": "top", "pad": {"t": 40, "r": 10},
                      "buttons": [
                          {"label": "▶", "method": "animate", "name": "play",  # every year from the first, whichever is shown
                           "args": [[str(y) for y in years], {"frame": {"duration": 900, "redraw": True}, "mode": "immediate",
                                                              "transition": {"duration": 300}}]},
                          {"label": "❚❚", "method": "animate", "name": "pause",
                           "args": [[None], {"mode": "immediate", "frame": {"duration": 0, "redraw": False}}]},
                      ]}],
        margin={"l": 10, "r": 30, "t": 50, "b": 110},
    )
    return figure


def bars(rows: pd.DataFrame, order: list[str], labels: dict[str, str], lang: str) -> go.Bar:
    by_code = rows.set_index("region_code")
    present = [c for c in order if c in by_code.index]
    ranks = [by_code.at[c, "rank"] for c in present]
    return go.Bar(
        y=[labels[c] for c in present], x=[by_code.at[c, "score_rate"] for c in present], orientation="h",
        marker_color=[PALETTE[0] if by_code.at[c, "ranked"] else ATTAINMENT_COLORS[None] for c in present],
        text=[f"{by_code.at[c, 'score_rate']:.1f}" + (f" · #{int(r)}" if pd.notna(r) else "") for c, r in zip(present, ranks)],
        textposition="auto", textangle=0, customdata=[[c] for c in present],
        hovertemplate="%{y}<br>" + t("score_rate", lang) + " %{x:.1f}<extra></extra>",
    )


def change_bars(changes: pd.DataFrame, catalog: Catalog, code: str, since: int, year: int, lang: str) -> go.Figure:
    """Each region's change of one indicator between two years, largest rise on top; rises and falls in
    their own colours, the percent change in the hover."""
    rows = changes.dropna(subset=["change"])
    unit = catalog.unit(code, lang)
    bar = go.Bar(
        y=[safe.plotly(n) for n in rows["region_name"]], x=rows["change"], orientation="h",
        marker_color=[RISE if c >= 0 else FALL for c in rows["change"]],
        text=list(rows["change_text"]), textposition="auto", textangle=0,
        customdata=[[c, f"{first} → {last} {safe.plotly(unit)}<br>{pct}"] for c, first, last, pct in
                    zip(rows["region_code"], rows["first_text"], rows["last_text"], rows["change_pct_text"])],
        hovertemplate="%{y}<br>%{customdata[1]}<extra></extra>",
    )
    title = t("change_title", lang, indicator=catalog.label(code, lang), since=since, year=year)
    return go.Figure(bar, layout(title, 120 + 28 * len(rows), xaxis={"title": {"text": unit}, "zeroline": True, "zerolinecolor": "#90a4ae"},
                                 yaxis={"autorange": "reversed"}))


def width(text: str) -> int:
    """Columns a line takes: a Chinese character is as wide as two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped(line: str) -> list[str]:
    """The line in pieces of at most WRAP columns, broken between its parts ('; ', ' · ') where it can."""
    pieces = re.split(r"(?<=; )|(?<= · )|(?<=；)", line)
    lines, current = [], ""
    for piece in pieces:
        if current and width(current + piece) > WRAP:
            lines.append(current.rstrip())
            current = ""
        current += piece
    lines.append(current.rstrip())
    return [part for line in lines for part in (textwrap.wrap(line, WRAP) if width(line) > 2 * WRAP else [line])]


def with_provenance(figure: go.Figure, line: str) -> go.Figure:
    """The figure with its provenance (sources, snapshot and date, synthetic) under its title, so a
    downloaded PNG or SVG says where its numbers come from. The line is ours; names in it are escaped."""
    title = figure.layout.title.text or ""
    lines = wrapped(line)  # a subtitle does not wrap by itself: a long list of sources was cut off
    figure.update_layout(title={"text": title or " ", "subtitle": {"text": "<br>".join(safe.plotly(part) for part in lines),
                                                               "font": {"size": 11, "color": "#546e7a"}}},
                         margin={"t": max(figure.layout.margin.t or 0, 64 + 14 * len(lines))})
    return figure
