"""The one core module that imports Streamlit: cached data access, the shared choices, messages."""

from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from chuangcheng import catalog as catalog_module
from chuangcheng import settings, snapshots
from chuangcheng.db import Database
from chuangcheng.errors import ChuangchengError
from chuangcheng.i18n import t

LANGS = ("en", "zh")
PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


@st.cache_resource(show_spinner=False)
def catalog() -> catalog_module.Catalog:
    return catalog_module.load(settings.data_dir())


@st.cache_resource(show_spinner=False, max_entries=8)
def database(snapshot_id: str, fingerprint: str) -> Database:
    """One DuckDB per snapshot and process; a republished snapshot has a new fingerprint and reopens."""
    return Database(
        snapshots.find(settings.data_dir(), snapshot_id), catalog(),
        threads=int(settings.get("duckdb_threads")), memory_limit=settings.get("duckdb_memory_limit"),
    )


@st.cache_data(show_spinner=False, max_entries=2048)
def cached_query(snapshot_id: str, fingerprint: str, name: str, **params) -> pd.DataFrame:
    return database(snapshot_id, fingerprint).query(name, **params)


def fingerprint(manifest: snapshots.Manifest) -> str:
    return "-".join(sorted(manifest.checksums.values()))


def run(name: str, **params) -> pd.DataFrame:
    """Answer queries/<name>.sql on the chosen snapshot (cached on snapshot and parameters)."""
    manifest = current_snapshot()
    return cached_query(manifest.id, fingerprint(manifest), name, **params)


def lang() -> str:
    return st.session_state.get("lang") or "en"


def text(key: str, **values) -> str:
    return t(key, lang(), **values)


def names(table: str = "regions") -> dict[str, str]:
    """Code to name in the chosen language, for regions, indicators or aspects."""
    frame = getattr(catalog(), table)
    return frame[f"name_{lang()}"].to_dict()


def browser_language() -> str:
    locale = st.context.locale or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def choose_language() -> str:
    """The language switch, bound to ?lang= (its labels are the codes themselves, so links stay neutral)."""
    notice_if_invalid("lang", LANGS)
    return st.sidebar.segmented_control(
        t("language", "en"), LANGS, default=browser_language(), key="lang", bind="query-params", required=True,
    )


def choose_snapshot() -> snapshots.Manifest:
    """The snapshot choice, bound to ?snapshot=; newest of the default dataset unless the link says otherwise."""
    manifests = snapshots.list_all(settings.data_dir())
    ids = [m.id for m in manifests]
    default = snapshots.default(settings.data_dir(), settings.get("default_dataset")).id
    notice_if_invalid("snapshot", ids, fallback=default)
    chosen = st.sidebar.selectbox(text("snapshot"), ids, index=ids.index(default), key="snapshot", bind="query-params")
    manifest = manifests[ids.index(chosen)]
    st.sidebar.caption(text("snapshot_caption", title=manifest.title, created=manifest.created[:10]))
    return manifest


def current_snapshot() -> snapshots.Manifest:
    chosen = st.session_state.get("snapshot")
    try:
        return snapshots.find(settings.data_dir(), chosen) if chosen else snapshots.default(settings.data_dir(), settings.get("default_dataset"))
    except ChuangchengError:
        return snapshots.default(settings.data_dir(), settings.get("default_dataset"))


def notice_if_invalid(key: str, options: Sequence, fallback=None) -> None:
    """Say so when the link names a value this view does not have (Streamlit then drops it quietly)."""
    wanted = st.query_params.get_all(key)
    valid = {str(option) for option in options}
    bad = [value for value in wanted if value not in valid]
    if bad:
        shown = fallback if fallback is not None else (options[0] if options else "")
        st.warning(text("invalid_choice", param=key, value=", ".join(bad), fallback=shown))


def choose_year(years: Sequence[int], where=st) -> int:
    """The year, bound to ?year= (labels are the years themselves); newest first."""
    notice_if_invalid("year", years)
    return where.selectbox(text("year"), list(years), key="year", bind="query-params")


def pick_one(key: str, label: str, options: Sequence[str], default: str, format_func: Callable, where=st) -> str:
    """A choice among codes shown by name, kept in the URL as the code (?district=990102)."""
    seed_from_url(key, options, [default], format_func, single=True)
    value = where.selectbox(label, list(options), key=key, format_func=format_func)
    write_url(key, [value])
    return value


def pick_many(key: str, label: str, options: Sequence[str], default: list[str], format_func: Callable,
              where=st, max_selections: int | None = None) -> list[str]:
    """Several codes shown by name, kept in the URL as repeated codes (?districts=A&districts=B)."""
    seed_from_url(key, options, default, format_func, single=False)
    values = where.multiselect(label, list(options), key=key, format_func=format_func, max_selections=max_selections)
    write_url(key, values)
    return values


def seed_from_url(key: str, options: Sequence[str], default: list[str], format_func: Callable, single: bool) -> None:
    """Set the widget's state from the URL when the URL says something new; fall back with a notice.

    Bound widgets would put the shown label (a name, so a language) into the URL; these keep codes,
    so the same link works in both languages. What this session last wrote is remembered, so a user's
    own change is not undone by the URL it replaced.
    """
    written = st.session_state.setdefault("_url_written", {})
    wanted = st.query_params.get_all(key)
    if wanted and wanted != written.get(key):
        valid = [value for value in wanted if value in options]
        if valid:
            st.session_state[key] = valid[0] if single else valid
        bad = [value for value in wanted if value not in options]
        if bad:
            fallback = (valid or default)[:1] if single else valid or default
            st.warning(text("invalid_choice", param=key, value=", ".join(bad), fallback=", ".join(map(format_func, fallback))))
    current = st.session_state.get(key)
    fine = current in options if single else bool(current) and all(value in options for value in current)
    if not fine:
        st.session_state[key] = default[0] if single else list(default)


def write_url(key: str, values: list[str]) -> None:
    st.query_params[key] = values
    st.session_state["_url_written"][key] = list(values)


def pick_district(where=st.sidebar) -> str:
    """A district, narrowed by city first so the list stays short; both searchable by typing."""
    districts = run("districts")
    region_names = names()
    linked = st.query_params.get("district")
    by_code = districts.set_index("region_code")
    cities = sorted(set(districts["city"]), key=lambda c: region_names.get(c, c))
    default_city = by_code.at[linked, "city"] if linked in by_code.index else cities[0]
    city = pick_one("city", text("city"), cities, default_city, region_names.get, where)
    options = list(districts.loc[districts["city"] == city, "region_code"])
    return pick_one("district", text("district"), options, options[0], region_names.get, where)


def district_label(districts: pd.DataFrame) -> Callable[[str], str]:
    """'District · City' labels, so districts of different cities with one name stay apart."""
    region_names = names()
    city_of = districts.set_index("region_code")["city"].to_dict()
    return lambda code: f"{region_names.get(code, code)} · {region_names.get(city_of.get(code), '')}"


def choose_years(where=st.sidebar) -> tuple[int, int]:
    """A first and last year, bound to ?years=FIRST&years=LAST (labels are the years themselves)."""
    span = run("snapshot_years").iloc[0]
    first, last = int(span["first_year"]), int(span["last_year"])
    notice_if_invalid("years", range(first, last + 1))
    if first == last:
        return first, last
    return where.slider(text("years"), first, last, (first, last), key="years", bind="query-params")


def plot(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, key=key, config=PLOT_CONFIG, theme=None)


def no_data(message: str) -> None:
    """No data is a normal state: say so where the chart would be."""
    st.info(message)


def show_page(main: Callable[[], None]) -> None:
    """Run a page; a named error becomes one clear message in the chosen language."""
    try:
        main()
    except ChuangchengError as error:
        st.error(text(error.key, **error.details()))
