"""Static charts for print: the trend of one indicator as inline SVG, drawn by matplotlib.

The printable report used to inline Plotly's script (4.6 MB) to draw six small static charts; an SVG of each is
~20 KB, opens offline and prints sharp. The picture matches the district page's trend (status-coloured dots,
hollow where uncertain, triangles for bounds, the dashed standard, the survey's band) from the same view rows.
Text stays text in the SVG (svg.fonttype 'none'), so the reader's browser sets Chinese in its own fonts and no
font file is needed here."""

import io
import logging
import re
import threading

import pandas as pd

from chuangcheng.model.catalog import Catalog
from chuangcheng.render import charts

SIZE = (4.4, 2.6)  # inches at 100 dpi: the 440 x 260 px the report's grid holds two of across a printed page
FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "DejaVu Sans", "sans-serif"]
MARKERS = {"triangle-up": "^", "triangle-down": "v"}  # the page's mark (charts.marker_symbols) in matplotlib
SETTINGS = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": FONTS,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9aa5b1",
}
DRAWING = threading.Lock()


def trend_svg(frame: pd.DataFrame, catalog: Catalog, code: str, lang: str) -> str:
    """One region's indicator over the years against its standard, as an <svg> element."""
    import matplotlib  # loaded when a report is drawn, not with every page
    from matplotlib import ticker
    from matplotlib.figure import Figure

    # The first fonts are the reader's (the SVG names them, their browser sets them); here they only measure
    # text, and one missing is no news to log once per label.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    meta = catalog.indicator(code)
    # matplotlib's settings are one global state: two reports built at once (two sessions' downloads, each on a
    # thread of its own) draw one at a time. A Figure of its own, not pyplot's registry of open figures.
    with DRAWING, matplotlib.rc_context(SETTINGS | {"svg.hashsalt": code}):
        figure = Figure(figsize=SIZE, dpi=100)
        axes = figure.add_subplot()
        draw(axes, frame.sort_values("year"), meta, catalog.unit(code, lang), lang)
        axes.set_title(catalog.label(code, lang), loc="left", fontsize=10)
        axes.xaxis.set_major_locator(ticker.MaxNLocator(integer=True, nbins=6))
        axes.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,.10g}"))
        axes.grid(axis="y", color="#eceff1")
        figure.tight_layout(pad=0.4)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    # the element alone, for inlining: no XML declaration, no DOCTYPE
    return re.sub(r"^.*?(?=<svg)", "", out.getvalue(), flags=re.S)


def draw(axes, frame: pd.DataFrame, meta: pd.Series, unit: str, lang: str) -> None:
    """The page's trend (charts.indicator_trend) in matplotlib: the same colours, marks and standard."""
    years, colour = frame["year"].astype(int), charts.PALETTE[0]
    if frame["lower"].notna().any():
        axes.fill_between(
            years, frame["lower"].astype(float), frame["upper"].astype(float), color=colour, alpha=0.18, linewidth=0
        )
    axes.plot(years, frame["value"].astype(float), color=colour, linewidth=1.6, zorder=2)
    for year, value, edge, symbol in zip(
        years, frame["value"], charts.marker_colors(frame), charts.marker_symbols(frame)
    ):
        axes.scatter(
            [year],
            [value],
            s=36,
            marker=MARKERS.get(symbol.removesuffix("-open"), "o"),
            zorder=3,
            linewidths=1.6,
            edgecolors=edge,
            facecolors="white" if symbol.endswith("-open") else edge,  # hollow where uncertain
        )
    by_year = charts.standard_by_year(frame, meta)
    if by_year is not None:
        axes.plot(
            by_year.index.astype(int),
            by_year.values,
            color=charts.ATTAINMENT_COLORS["full"],
            linestyle="--",
            linewidth=1.4,
            label=charts.standard_label(meta, lang),
            zorder=1,
        )
        axes.legend(loc="best", fontsize=8, frameon=False)
    axes.set_ylabel(unit)
    around = charts.value_range(frame)  # one value: a range around it, not 12,999 to 13,001
    if around is not None:
        axes.set_ylim(*around)
