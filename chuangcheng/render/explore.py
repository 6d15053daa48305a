"""Figures for exploring: the ranking over time (a timeline with play), change between two years, and the
provenance line every figure leaves with. Each clickable mark carries its region code as customdata[0], so
a click opens that region (app/ui.py reads it back)."""

import unicodedata

import pandas as pd
import plotly.graph_objects as go

from chuangcheng.i18n import t
from chuangcheng.model.catalog import Catalog
from chuangcheng.render import safe
from chuangcheng.render.charts import ATTAINMENT_COLORS, PALETTE, gap_marks, layout, short
from chuangcheng.views import present

WRAP = 58  # columns (a Chinese character is two) a provenance line holds: ~330 px at 11 px, a chart on a 390 px phone
RISE, FALL = "#1f5fa8", "#8d5a2b"  # change colours: never the status colours (a rise is not "met")


def ranking_timeline(timeline: pd.DataFrame, names: dict[str, str], year: int, lang: str) -> go.Figure:
    """Score rates of the scope's regions, one animation frame per year, with a year slider and play.

    Regions keep their rows (ordered by the chosen year's rank) so the bars grow and shrink in place as the
    years play; each bar says its rank that year."""
    years = sorted(int(y) for y in timeline["year"].unique())
    now = timeline[timeline["year"] == year].sort_values(
        ["ranked", "rank", "score_rate"], ascending=[False, True, False]
    )
    order = list(now["region_code"]) + sorted(set(timeline["region_code"]) - set(now["region_code"]))
    labels = {code: safe.plotly(names.get(code, code)) for code in order}
    frames = [go.Frame(name=str(y), data=[bars(timeline[timeline["year"] == y], order, labels, lang)]) for y in years]
    steps = [
        {
            "label": str(y),
            "method": "animate",
            "args": [
                [str(y)],
                {"mode": "immediate", "frame": {"duration": 500, "redraw": True}, "transition": {"duration": 250}},
            ],
        }
        for y in years
    ]
    figure = go.Figure(
        data=[bars(timeline[timeline["year"] == year], order, labels, lang)],
        frames=frames,
        layout=layout(
            t("ranking_timeline_title", lang, year=year),
            140 + 28 * len(order),
            xaxis={"range": [0, 100], "title": {"text": t("score_rate", lang)}},
            yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": [labels[c] for c in order]},
        ),
    )
    figure.update_layout(
        sliders=[
            {
                "active": years.index(year),
                "steps": steps,
                "y": 0,
                "yanchor": "top",
                "pad": {"t": 40},
                "currentvalue": {"prefix": t("year", lang) + " "},
            }
        ],
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0,
                "y": 0,
                "xanchor": "right",
                "yanchor": "top",
                "pad": {"t": 40, "r": 10},
                "buttons": [
                    {
                        "label": "▶",
                        "method": "animate",
                        "name": "play",  # every year from the first, whichever is shown
                        "args": [
                            [str(y) for y in years],
                            {
                                "frame": {"duration": 900, "redraw": True},
                                "mode": "immediate",
                                "transition": {"duration": 300},
                            },
                        ],
                    },
                    {
                        "label": "❚❚",
                        "method": "animate",
                        "name": "pause",
                        "args": [[None], {"mode": "immediate", "frame": {"duration": 0, "redraw": False}}],
                    },
                ],
            }
        ],
        margin={"l": 10, "r": 30, "t": 50, "b": 110},
    )
    return figure


def bars(rows: pd.DataFrame, order: list[str], labels: dict[str, str], lang: str) -> go.Bar:
    # Whole columns, not a lookup per bar: a frame a year made this the overview's costliest step under load.
    shown = rows.set_index("region_code").reindex(order).dropna(subset=["score_rate"])
    codes, rates, ranks = shown.index.tolist(), shown["score_rate"].tolist(), shown["rank"].tolist()
    return go.Bar(
        y=[labels[c] for c in codes],
        x=rates,
        orientation="h",
        marker_color=[PALETTE[0] if ranked else ATTAINMENT_COLORS[None] for ranked in shown["ranked"].astype(bool)],
        text=[
            present.number(rate, 1) + (f" · #{int(rank)}" if pd.notna(rank) else "") for rate, rank in zip(rates, ranks)
        ],
        textposition="auto",
        textangle=0,
        customdata=[[c, present.number(rate, 1)] for c, rate in zip(codes, rates)],
        hovertemplate="%{y}<br>" + t("score_rate", lang) + " %{customdata[1]}<extra></extra>",
    )


def change_bars(changes: pd.DataFrame, catalog: Catalog, code: str, since: int, year: int, lang: str) -> go.Figure:
    """Each region's change of one indicator between two years, largest rise on top; rises and falls in
    their own colours, the percent change in the hover."""
    rows = changes.dropna(subset=["change"])
    unit = catalog.unit(code, lang)
    bar = go.Bar(
        y=[safe.plotly(n) for n in rows["region_name"]],
        x=rows["change"],
        orientation="h",
        marker_color=[RISE if c >= 0 else FALL for c in rows["change"]],
        text=list(rows["change_text"]),
        textposition="auto",
        textangle=0,
        customdata=[
            [c, f"{first} → {last} {safe.plotly(unit)}<br>{pct}"]
            for c, first, last, pct in zip(
                rows["region_code"], rows["first_text"], rows["last_text"], rows["change_pct_text"]
            )
        ],
        hovertemplate="%{y}<br>%{customdata[1]}<extra></extra>",
    )
    title = t("change_title", lang, indicator=catalog.label(code, lang), since=since, year=year)
    return go.Figure(
        bar,
        layout(
            title,
            120 + 28 * len(rows),
            xaxis={"title": {"text": unit}, "zeroline": True, "zerolinecolor": "#90a4ae"},
            yaxis={"autorange": "reversed"},
            **gap_marks(rows, lang, "y"),
        ),
    )


def width(text: str) -> int:
    """Columns a line takes: a Chinese character is as wide as two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped(line: str) -> list[str]:
    """The line in pieces of at most WRAP columns, each broken at its last space before the edge, or at the
    edge in text without spaces (Chinese): textwrap counts characters, and a Chinese one takes two columns."""
    parts, current, columns = [], "", 0
    for ch in line:
        wide = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if columns + wide > WRAP:
            space = len(current) if ch == " " else current.rfind(" ")  # a word that ends at the edge stays
            kept, current = (current[:space], current[space + 1 :]) if space > 0 else (current, "")
            parts.append(kept.rstrip())
            columns = width(current)
        if ch == " " and not current:
            continue  # no line starts with the space it was broken at
        current += ch
        columns += wide
    return parts + [current.rstrip()]


def has_provenance(figure: go.Figure) -> bool:
    return bool(figure.layout.title.subtitle.text)


def with_provenance(figure: go.Figure, line: str) -> go.Figure:
    """The figure with its provenance (sources, snapshot and date, synthetic) under its title, so a
    downloaded PNG or SVG says where its numbers come from. The line is ours; names in it are escaped."""
    title = figure.layout.title.text or ""
    lines = wrapped(line)  # a subtitle does not wrap by itself: a long list of sources was cut off
    # Title and lines hang from the top: placed by default in the middle of the margin, a four-line block
    # reached down onto the first bar's label.
    figure.update_layout(
        title={
            "text": title or " ",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 10},
            "subtitle": {
                "text": "<br>".join(safe.plotly(part) for part in lines),
                "font": {"size": 11, "color": "#546e7a"},
            },
        },
        margin={"t": max(figure.layout.margin.t or 0, 56 + 15 * len(lines))},
    )
    return figure


# The map: one shape (or tile) per region, coloured by status for a scored indicator, by value on a
# sequential scale for a plain one, or by change on a diverging scale; the region code rides in customdata[0].
STATUS_LEVELS = {"full": 1.0, "partial": 0.5, "low": 0.0}
NO_VALUE = "#cfd8dc"
GRID_WIDTH = 880  # px a tile grid spans on a desktop page: its rows are made about as tall as its columns are wide
NAMED_TILE = 72  # px a tile needs for its name (12 characters at 11 px): 12 columns, 144 regions


MAP_NAMES = 40  # regions whose names a shape map writes on them; beyond, names only on hover


def status_coloured(rows: pd.DataFrame) -> bool:
    """Whether the map colours these rows by status: some region is judged (where none is, e.g. a city-average
    standard with too few peers everywhere, it colours by value, and its caption must not speak of status)."""
    return "status_key" in rows.columns and any(present.color_of(key) is not None for key in rows["status_key"])


def map_colours(rows: pd.DataFrame, changes: pd.DataFrame | None, scale_title: str = "") -> tuple[list, dict]:
    """Each region's colour value and the trace's colour settings, from what is shown; a colour bar says its unit."""
    # across the foot of the map: down its side the bar took a third of a phone's width from the map
    bar = {
        "colorbar": {
            "title": {"text": safe.plotly(scale_title), "side": "top"},
            "tickformat": ",~r",
            "thickness": 12,
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "top",
            "len": 0.6,
        }
    }
    if changes is not None:
        values = rows["change"].astype("float64").tolist()
        top = max((abs(v) for v in values if pd.notna(v)), default=1.0) or 1.0
        return values, {
            "colorscale": [[0, FALL], [0.5, "#f5f5f5"], [1, RISE]],
            "zmin": -top,
            "zmax": top,
            "showscale": True,
            **bar,
        }
    if status_coloured(rows):
        return (
            [STATUS_LEVELS.get(present.color_of(key)) for key in rows["status_key"]],
            {
                "colorscale": [
                    [0, ATTAINMENT_COLORS["low"]],
                    [0.5, ATTAINMENT_COLORS["partial"]],
                    [1, ATTAINMENT_COLORS["full"]],
                ],
                "zmin": 0,
                "zmax": 1,
                "showscale": False,
            },
        )
    return rows["value"].astype("float64").tolist(), {"colorscale": "Blues", "showscale": True, **bar}


def status_legend(colours: dict, frame: pd.DataFrame, lang: str, geo: bool = False) -> list:
    """Legend entries for status colours, which no colour bar explains (met, partly, below, no value): marks with no
    point, so they draw nothing but the legend."""
    if colours.get("showscale"):
        return []
    kinds = [
        ("full", ATTAINMENT_COLORS["full"]),
        ("partial", ATTAINMENT_COLORS["partial"]),
        ("low", ATTAINMENT_COLORS["low"]),
        ("none", NO_VALUE),
    ]
    mark = go.Scattergeo if geo else go.Scatter
    where = {"lon": [None], "lat": [None]} if geo else {"x": [None], "y": [None]}
    return [
        mark(
            **where,
            mode="markers",
            name=t(f"map_legend_{kind}", lang),
            showlegend=True,
            hoverinfo="skip",
            marker={"symbol": "square", "size": 12, "color": color},
        )
        for kind, color in kinds
    ]


def label_colours(values: list, colours: dict) -> list[str]:
    """Dark names on light fills, white on dark ones: the deep end of the value scale, either end of the change scale.
    Status colours are mid-tones, dark names on them."""
    found = [v for v in values if pd.notna(v)]
    if not colours.get("showscale") or not found:
        return ["#14151a"] * len(values)
    diverging = "zmin" in colours  # the change scale, centred on no change
    low, high = (colours["zmin"], colours["zmax"]) if diverging else (min(found), max(found))
    span = (high - low) or 1.0
    where = [(v - low) / span if pd.notna(v) else 0.0 for v in values]
    return ["white" if (abs(f - 0.5) > 0.3 if diverging else f > 0.55) else "#14151a" for f in where]


def name_marks(collection: dict, frame: pd.DataFrame, names: dict[str, str], colours: list[str]) -> list:
    """Each region's name on its shape, at a point inside it, while few enough to be read; cut to fit before it is
    escaped (cutting the escaped text could split an entity such as &amp;)."""
    if len(frame) > MAP_NAMES:
        return []
    from shapely.geometry import shape  # the map's only use of shapely: loaded when a map is drawn

    inside = {}
    for feature in collection.get("features", []):
        try:
            point = shape(feature["geometry"]).representative_point()
        except (KeyError, TypeError, ValueError, AttributeError):  # a shape that will not read is drawn unnamed
            continue
        inside[str(feature.get("id"))] = (point.x, point.y)
    placed = [
        (inside[c], safe.plotly(short(names.get(c, c), 12)), colour)
        for c, colour in zip(frame["region_code"], colours)
        if c in inside
    ]
    if not placed:
        return []
    return [
        go.Scattergeo(
            lon=[p[0] for p, _, _ in placed],
            lat=[p[1] for p, _, _ in placed],
            text=[n for _, n, _ in placed],
            mode="text",
            textfont={"size": 10, "color": [c for _, _, c in placed]},
            hoverinfo="skip",
            showlegend=False,
        )
    ]


def map_rows(
    rows: pd.DataFrame, codes: list[str], names: dict[str, str], changes: pd.DataFrame | None, lang: str
) -> pd.DataFrame:
    """Every region of the scope once (those without a value too), with its hover text."""
    source = changes if changes is not None else rows
    frame = pd.DataFrame({"region_code": codes}).merge(source, on="region_code", how="left")
    frame["name"] = [safe.plotly(names.get(c, c)) for c in frame["region_code"]]
    if changes is not None:
        frame["hover"] = [
            f"{first} → {last}<br>{text} ({pct})" if pd.notna(change) else t("no_data", lang)
            for first, last, text, pct, change in zip(
                frame["first_text"], frame["last_text"], frame["change_text"], frame["change_pct_text"], frame["change"]
            )
        ]
    else:
        frame["hover"] = [
            hover if isinstance(hover, str) else t("no_data", lang)
            for hover in frame.get("hover_text", [None] * len(frame))
        ]
    return frame


def region_map(
    rows: pd.DataFrame,
    collection: dict,
    codes: list[str],
    names: dict[str, str],
    title: str,
    lang: str,
    changes: pd.DataFrame | None = None,
    scale_title: str = "",
) -> go.Figure:
    """A choropleth of the regions' shapes (stored boundaries), fitted to them, with no basemap: names on the
    shapes where they fit, a colour bar with its unit or a legend of the status colours."""
    frame = map_rows(rows, codes, names, changes, lang)
    values, colours = map_colours(frame, changes, scale_title)
    shapes = go.Choropleth(
        geojson=collection,
        locations=frame["region_code"],
        z=[v if pd.notna(v) else None for v in values],
        customdata=[[c, n, h] for c, n, h in zip(frame["region_code"], frame["name"], frame["hover"])],
        hovertemplate="%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        marker={"line": {"color": "white", "width": 1}},
        **colours,
    )
    missing = go.Choropleth(  # regions without a value: grey, and the hover says so
        geojson=collection,
        locations=[c for c, v in zip(frame["region_code"], values) if pd.isna(v)],
        z=[0] * sum(pd.isna(v) for v in values),
        colorscale=[[0, NO_VALUE], [1, NO_VALUE]],
        showscale=False,
        customdata=[
            [c, n, h] for c, n, h, v in zip(frame["region_code"], frame["name"], frame["hover"], values) if pd.isna(v)
        ],
        hovertemplate="%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        marker={"line": {"color": "white", "width": 1}},
    )
    names_on = name_marks(collection, frame, names, label_colours(values, colours))
    figure = go.Figure(
        [missing, shapes, *names_on, *status_legend(colours, frame, lang, geo=True)],
        layout(title, 560, legend={"orientation": "h", "y": 0, "yanchor": "top"}),
    )
    figure.update_geos(fitbounds="locations", visible=False)
    return figure


def tile_grid(
    rows: pd.DataFrame,
    grid: pd.DataFrame,
    names: dict[str, str],
    title: str,
    lang: str,
    changes: pd.DataFrame | None = None,
    scale_title: str = "",
) -> go.Figure:
    """One square per region, arranged by code, coloured as the map would be: for regions without boundaries.
    A colour bar with its unit, or a legend of the status colours, as on the map."""
    frame = map_rows(rows, list(grid["code"]), names, changes, lang).merge(
        grid.rename(columns={"code": "region_code"}), on="region_code"
    )
    values, colours = map_colours(frame, changes, scale_title)
    shape = (int(frame["row"].max()) + 1, int(frame["col"].max()) + 1) if len(frame) else (1, 1)

    def cells(
        fill, empty=None
    ) -> list[list]:  # the grid as a heat map: tiles fill their cells at any width (markers did not)
        grid_ = [[empty] * shape[1] for _ in range(shape[0])]
        for r, c, v in zip(frame["row"], frame["col"], fill):
            grid_[r][c] = v
        return grid_

    # A name on each tile while names fit; a province's 2,900 counties make 54 x 54 tiles of 16 px, drawn
    # 3,600 px tall with their names piled over each other: then small square tiles, names on hover.
    dense = GRID_WIDTH // shape[1] < NAMED_TILE
    row_height = min(64, max(12, GRID_WIDTH // shape[1])) if dense else 64
    # cut the name before escaping it: cutting the escaped text could split an entity such as &amp;
    labels = (
        {}
        if dense
        else {
            "text": cells(
                [safe.plotly(short(names.get(c, c), 12)) for c in frame["region_code"]], empty=""
            ),  # not "null"
            "texttemplate": "%{text}",
            "textfont": {"size": 11},
        }
    )
    gap = 1 if dense else 3
    scale = {k: v for k, v in colours.items() if k in ("colorscale", "zmin", "zmax", "showscale", "colorbar")}
    tiles = [
        go.Heatmap(
            z=cells([0] * len(frame)),
            colorscale=[[0, NO_VALUE], [1, NO_VALUE]],
            showscale=False,
            hoverinfo="skip",
            xgap=gap,
            ygap=gap,
        ),
        go.Heatmap(
            z=cells([v if pd.notna(v) else None for v in values]),
            hoverinfo="skip",
            xgap=gap,
            ygap=gap,
            **labels,
            **scale,
        ),
        go.Scatter(  # an invisible mark on each tile: what a click selects, and the hover
            x=frame["col"],
            y=frame["row"],
            mode="markers",
            marker={"symbol": "square", "size": min(30, row_height - gap), "opacity": 0},
            showlegend=False,
            customdata=[[c, n, h] for c, n, h in zip(frame["region_code"], frame["name"], frame["hover"])],
            hovertemplate="%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        ),
    ]
    height = 150 + row_height * shape[0] + (0 if colours.get("showscale") else 40)  # room for the status legend below
    return go.Figure(
        [*tiles, *status_legend(colours, frame, lang)],
        layout(
            title,
            height,
            xaxis={"visible": False},
            yaxis={"visible": False, "autorange": "reversed"},
            legend={"orientation": "h", "y": 0, "yanchor": "top"},
        ),
    )
