"""Laying a page out: titles, charts with their provenance, links, the one place named errors are shown."""

import html
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from chuangcheng.errors import CatalogError, ChuangchengError, DamagedSnapshot, NothingToServe
from chuangcheng.i18n import cut, damage_text
from chuangcheng.render import explore, safe
from chuangcheng.app import session, answers


PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def hide_sidebar() -> None:
    st.html("<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] {display: none}</style>")


def link_box() -> None:
    """The exact view as a link to copy (Streamlit's code block has a copy button), and as an embed link."""
    base = st.context.url
    if not base:
        return
    query = [(key, value) for key in st.query_params for value in st.query_params.get_all(key) if key != "embed"]
    link = f"{base}?{urlencode(query)}" if query else base
    with st.sidebar.expander(session.text("link_to_view")):
        st.code(link, language=None, wrap_lines=True)
        st.caption(session.text("embed_caption"))
        st.code(
            f'<iframe src="{html.escape(link + ("&" if query else "?") + "embed=true")}" width="100%" height="640"></iframe>',
            language="html",
            wrap_lines=True,
        )


def title(words: str, where=st) -> None:
    """A page's title: a region's name is data, shown as text."""
    where.title(safe.markdown(words))


def main_controls():
    """Where a page's main choices go: under its title, in reach on a phone, whose sidebar is folded away (and
    stayed open after every pick); in the hidden sidebar of an embedded view, which shows its chart alone."""
    return st.sidebar if session.embedded() else st


def plot(
    fig: go.Figure,
    key: str,
    sources: Sequence = (),
    opens: int | None = None,
    on_point: Callable[[dict], None] | None = None,
) -> None:
    """A figure with its provenance line (so its PNG download says where it comes from). With opens (a
    year), a click on a region's mark opens that region's page for that year; with on_point, a click on
    a point is handed to it."""
    manifest = answers.current_snapshot()
    if not explore.has_provenance(fig):  # a shared, cached figure carries it already and must not be changed
        fig = explore.with_provenance(fig, answers.provenance_line(sources, manifest))
    config = {
        **PLOT_CONFIG,
        "toImageButtonOptions": {**PLOT_CONFIG["toImageButtonOptions"], "filename": f"chuangcheng_{manifest.id}_{key}"},
    }
    if opens is None and on_point is None:
        st.plotly_chart(fig, key=key, config=config, theme=None)
        return
    if on_point is not None:  # a callback: it runs before the page, so it may set the state of widgets above the chart

        def clicked() -> None:
            points = list(st.session_state[key].selection.points)
            if points:
                on_point(points[0])

        st.plotly_chart(fig, key=key, config=config, theme=None, on_select=clicked, selection_mode="points")
        return
    event = st.plotly_chart(fig, key=key, config=config, theme=None, on_select="rerun", selection_mode="points")
    points = list(event.selection.points) if event else []
    picked = [clicked_region(point) for point in points]
    if any(picked):
        open_region(next(code for code in picked if code), opens)


def clicked_region(point: dict) -> str | None:
    """The region code a clicked mark carries: customdata[0] (bars, dots) or a heat map's row (y)."""
    data = point.get("customdata")
    if isinstance(data, list) and data and isinstance(data[0], str) and data[0] in answers.names():
        return data[0]
    return point.get("y") if point.get("y") in answers.names() else None


def open_region(code: str, year) -> None:
    st.switch_page("app_pages/district.py", query_params=region_link_params(code, year))


def region_link_params(code: str, year) -> dict:
    return {"district": code, "year": str(year), "lang": session.lang(), "snapshot": answers.current_snapshot().id}


def sources_footer(sources: list[tuple[str, str]]) -> None:
    """Where the figures on the page come from (every page ends with it)."""
    if sources:
        st.caption(f"{session.text('sources_footer')}: " + "; ".join(safe.markdown(title) for _, title in sources))


def no_data(message: str) -> None:
    """No data is a normal state: say so where the chart would be."""
    st.info(message)


def show_frame(frame: Callable[[], None]) -> None:
    """Run the frame every page shares (language, snapshot); a catalog that does not read, or a data folder with
    nothing to serve, is a clear page naming what to fix, never Streamlit's generic error."""
    try:
        frame()
    except CatalogError as error:
        st.error(
            session.text(
                "error_catalog", detail="\n".join(f"- {safe.markdown(cut(str(p), 300))}" for p in error.problems[:20])
            )
        )
        st.stop()
    except (NothingToServe, DamagedSnapshot) as error:
        st.error(
            damage_text(error, session.lang())
            if isinstance(error, DamagedSnapshot)
            else session.text(error.key, **error.details())
        )
        st.stop()


def show_page(main: Callable[[], None]) -> None:
    """Run a page; a named error becomes one clear message in the chosen language."""
    try:
        main()
    except DamagedSnapshot as damage:
        st.error(safe.markdown(damage_text(damage, session.lang())))
    except ChuangchengError as error:
        st.error(
            session.text(error.key, **{name: safe.markdown(cut(value)) for name, value in error.details().items()})
        )


DELTA_COLORS = {"better": "green", "worse": "red", "same": "gray"}


DELTA_ARROWS = {"up": "up", "down": "down", "none": "off"}


def delta_style(direction: str, judged: str) -> dict:
    """st.metric's colour and arrow for a view's change: the way it moved and whether that is good news, said
    outright (Streamlit would read them off a leading ASCII '-', and the views write a true minus)."""
    return {"delta_color": DELTA_COLORS[judged], "delta_arrow": DELTA_ARROWS[direction]}
