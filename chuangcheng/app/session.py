"""This run's language, its choices kept in the URL (codes, never labels) and the notices about them."""

from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from chuangcheng.i18n import cut, t
from chuangcheng.render import safe


LANGS = ("en", "zh")


def lang() -> str:
    return st.session_state.get("lang") or "en"


def text(key: str, **values) -> str:
    return t(key, lang(), **values)


def browser_language() -> str:
    locale = st.context.locale or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def seed_range(key: str, first: int, last: int) -> None:
    """Like seed_from_url, for a range: two ordered years within the snapshot's span."""
    written = st.session_state.setdefault("_url_written", {})
    wanted = st.query_params.get_all(key)
    if wanted and wanted != written.get(key) and not moved_here(key, range(first, last + 1)):
        years = sorted(int(w) for w in wanted if w.isdigit() and first <= int(w) <= last)
        if len(wanted) == 2 and len(years) == 2:  # 2025, 2013 is the same range as 2013, 2025
            st.session_state[key] = tuple(years)
        elif len(wanted) != 2:
            warn("years_need_two", param=key, value=", ".join(wanted), fallback=f"{first}–{last}")
        else:
            warn("invalid_choice", param=key, value=", ".join(wanted), fallback=f"{first}–{last}")
    current = st.session_state.get(key)
    fine = isinstance(current, (tuple, list)) and len(current) == 2 and first <= current[0] <= current[1] <= last
    st.session_state[key] = tuple(current) if fine else (first, last)


def seed_from_url(
    key: str,
    options: Sequence,
    default: list,
    format_func: Callable,
    single: bool,
    url_aliases: tuple = (),
    most: int | None = None,
    notice: str = "invalid_choice",
) -> None:
    """Set a widget's state from the URL when the URL says something new; fall back with a notice.

    Not bind="query-params": a bound widget writes its shown label (a name, so a language) into the URL
    and drops values equal to its default, so a link would change with the viewer's language or with
    the next snapshot. This keeps explicit codes. What this session last wrote is remembered, so a
    user's own change is not undone by the URL it replaced.
    """
    written = st.session_state.setdefault("_url_written", {})
    by_text = {url_text(option): option for option in options}
    wanted = st.query_params.get_all(key) or next(
        (st.query_params.get_all(old) for old in url_aliases if old in st.query_params), []
    )
    wanted = [value for value in wanted if value != ""]  # "?indicators=" is no choice, not an unknown one
    if wanted and wanted != written.get(key) and not moved_here(key, options, default):
        if single and len(wanted) > 1:  # ?district=a&district=b: say which one is used, never pick silently
            warn("repeated_parameter", param=key, count=len(wanted))
            wanted = wanted[:1]
        valid = [by_text[value] for value in wanted if value in by_text]
        if valid:
            st.session_state[key] = valid[0] if single else valid
        bad = [value for value in wanted if value not in by_text]
        if bad:
            fallback = (valid or default)[:1] if single else valid or default
            warn(notice, param=key, value=", ".join(bad), fallback=", ".join(map(format_func, fallback)))
    current = st.session_state.get(key)
    if single:
        fine = current in options
    else:  # an emptied box stays empty: clearing means clear, not "back to the default"
        chosen = list(dict.fromkeys(current)) if isinstance(current, list) else None
        current = [value for value in chosen if value in options] if chosen is not None else None
        fine = current is not None and (bool(current) or key in written)
        if chosen and not current:  # another snapshot has none of them: its defaults, said, rather than an empty box
            warn("chosen_not_here", fallback=[format_func(value) for value in list(default)[:most]])
            fine = False
        if fine and most is not None and len(current) > most:
            warn("too_many_chosen", most=most, dropped=[format_func(value) for value in current[most:]])
            current = current[:most]
    # Set it even when unchanged: a widget of the same key on another page (other options, so another
    # widget id) would otherwise drop the value it carries over and fall back to its first option.
    st.session_state[key] = (
        (current if single else list(current)) if fine else (default[0] if single else list(default)[:most])
    )


def moved_here(key: str, options, default=()) -> bool:
    """True when the browser sent this widget a value other than the one this session last wrote to the URL: the
    person moved it, and the URL that came with the rerun may be older than their move (a rerun asked while the
    last one ran carries the address from before that run wrote it: two quick key presses on a slider, and the
    second run put the slider back where the first began)."""
    written = st.session_state.get("_url_written", {}).get(key)
    if written is None or key not in st.session_state:
        return False
    value = st.session_state[key]
    texts = [url_text(v) for v in value] if isinstance(value, (list, tuple)) else [url_text(value)]
    # a default, and everything chosen, are written as nothing
    if not written and (
        sorted(texts) == sorted(url_text(o) for o in options) or texts == [url_text(d) for d in default]
    ):
        return False
    return texts != written


def url_text(value) -> str:
    """A value as the URL writes it: codes as they are, "" (every region of a level) as 'all'."""
    return "all" if value == "" else str(value)


def write_url(key: str, values: list) -> None:
    texts = [url_text(value) for value in values]
    st.query_params[key] = texts
    st.session_state["_url_written"][key] = texts


def session_id() -> str:
    """This browser session's id (the one Streamlit's upload endpoint is addressed with)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else ""


def client_address() -> str | None:
    return st.context.ip_address


def embedded() -> bool:
    """?embed=true: the page in an iframe, its chart or table alone (Streamlit drops its own toolbar)."""
    return bool(st.context.is_embedded)


def warn(key: str, **values) -> None:
    """A notice about a link or a choice: the values it echoes come from the URL or the data, so they are
    cut and shown as text, never as Markdown (a link value [x](http://…) stays those characters). A list is
    cut item by item, so every item is named (six regions' long names cut as one left the last unnamed)."""
    shown = {
        name: text("list_separator").join(safe.markdown(cut(v)) for v in value)
        if isinstance(value, list)
        else safe.markdown(cut(value))
        for name, value in values.items()
    }
    st.warning(text(key, **shown))
