"""The one core module that imports Streamlit: cached data access, the shared choices, messages."""

from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from chuangcheng.model import catalog as catalog_module
from chuangcheng import settings
from chuangcheng.store import snapshots
from chuangcheng.store.db import Comparison, Database
from chuangcheng.errors import ChuangchengError
from chuangcheng.i18n import t

LANGS = ("en", "zh")
PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


@st.cache_resource(show_spinner=False)
def catalog() -> catalog_module.Catalog:
    return catalog_module.load(settings.data_dir())


@st.cache_resource(show_spinner=False, max_entries=8, on_release=lambda database: database.close())
def database(snapshot_id: str, fingerprint: str) -> Database:
    """One DuckDB per snapshot and process; a republished snapshot has a new fingerprint and reopens."""
    return Database(
        snapshots.find(settings.data_dir(), snapshot_id), catalog(),
        threads=int(settings.get("duckdb_threads")), memory_limit=settings.get("duckdb_memory_limit"),
    )


@st.cache_data(show_spinner=False, max_entries=2048)
def cached_query(snapshot_id: str, fingerprint: str, name: str, **params) -> pd.DataFrame:
    return database(snapshot_id, fingerprint).query(name, **params)


@st.cache_resource(show_spinner=False, max_entries=4, on_release=lambda comparison: comparison.close())
def comparison(before: str, before_key: str, after: str, after_key: str) -> Comparison:
    return Comparison(database(before, before_key), database(after, after_key),
                      threads=int(settings.get("duckdb_threads")), memory_limit=settings.get("duckdb_memory_limit"))


@st.cache_data(show_spinner=False, max_entries=64)
def compared(before: str, before_key: str, after: str, after_key: str, name: str) -> pd.DataFrame:
    """Answer a question about two snapshots (queries/snapshot_*.sql over `before` and `after`)."""
    return comparison(before, before_key, after, after_key).query(name)


def compare_snapshots(before: snapshots.Manifest, after: snapshots.Manifest, name: str) -> pd.DataFrame:
    return compared(before.id, fingerprint(before), after.id, fingerprint(after), name)


def fingerprint(manifest: snapshots.Manifest) -> str:
    return "-".join(sorted(manifest.checksums.values()))


def run(name: str, **params) -> pd.DataFrame:
    """Answer queries/<name>.sql on the chosen snapshot (cached on snapshot and parameters)."""
    manifest = current_snapshot()
    return cached_query(manifest.id, fingerprint(manifest), name, **params)


def deferred(name: str, **params) -> Callable[[], pd.DataFrame]:
    """A question to answer later, off the script thread (a download's data callable may not touch
    session state), bound now to the snapshot chosen in this run."""
    manifest = current_snapshot()
    key = fingerprint(manifest)
    return lambda: database(manifest.id, key).query(name, **params)


def lang() -> str:
    return st.session_state.get("lang") or "en"


def text(key: str, **values) -> str:
    return t(key, lang(), **values)


def names(table: str = "regions") -> dict[str, str]:
    """Code to name in the chosen language, for regions, indicators or aspects (read-only: shared)."""
    return names_in(table, lang())


@st.cache_resource(show_spinner=False)
def names_in(table: str, language: str) -> dict[str, str]:
    # Built once: pickers label thousands of options, and rebuilding per label took seconds.
    return getattr(catalog(), table)[f"name_{language}"].to_dict()


def browser_language() -> str:
    locale = st.context.locale or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def choose_language() -> str:
    """The language switch; the browser's language until the link or the user says otherwise."""
    seed_from_url("lang", LANGS, [browser_language()], str, single=True)
    lang = st.sidebar.segmented_control(t("language", "en"), LANGS, key="lang", required=True)
    write_url("lang", [lang])
    return lang


def choose_snapshot() -> snapshots.Manifest:
    """The snapshot: newest of the default dataset unless the link names another."""
    manifests = snapshots.list_all(settings.data_dir())
    ids = [m.id for m in manifests]
    default = snapshots.default(settings.data_dir(), settings.get("default_dataset")).id
    chosen = pick_one("snapshot", text("snapshot"), ids, default, str, where=st.sidebar)
    manifest = manifests[ids.index(chosen)]
    st.session_state["_manifest"] = manifest  # this run's choice, so queries need not read manifests again
    st.sidebar.caption(text("snapshot_caption", title=manifest.title, created=manifest.created[:10]))
    return manifest


def current_snapshot() -> snapshots.Manifest:
    """The snapshot chosen in this run (read once by choose_snapshot, not again for every query)."""
    chosen = st.session_state.get("snapshot")
    known = st.session_state.get("_manifest")
    if known is not None and known.id == chosen:
        return known
    try:
        return snapshots.find(settings.data_dir(), chosen) if chosen else snapshots.default(settings.data_dir(), settings.get("default_dataset"))
    except ChuangchengError:
        return snapshots.default(settings.data_dir(), settings.get("default_dataset"))


def choose_year(years: Sequence[int], where=st) -> int:
    """A year, newest first by default."""
    return pick_one("year", text("year"), list(years), years[0], str, where)


def pick_one(key: str, label: str, options: Sequence, default, format_func: Callable, where=st):
    """A choice kept in the URL as its code (?district=990102), shown by name."""
    seed_from_url(key, options, [default], format_func, single=True)
    value = where.selectbox(label, list(options), key=key, format_func=format_func)
    write_url(key, [value])
    return value


def pick_many(key: str, label: str, options: Sequence[str], default: list[str], format_func: Callable,
              where=st, max_selections: int | None = None) -> list[str]:
    """Several codes kept in the URL as repeated codes (?districts=A&districts=B), shown by name."""
    seed_from_url(key, options, default, format_func, single=False)
    values = where.multiselect(label, list(options), key=key, format_func=format_func, max_selections=max_selections)
    write_url(key, values)
    return values


def pick_district(where=st.sidebar) -> str:
    """A district, narrowed by province and city so each list stays short with thousands of districts;
    every list searchable by typing a name or a code."""
    districts = run("districts")
    linked = st.query_params.get("district")
    by_code = districts.set_index("region_code")
    home = by_code.loc[linked] if linked in by_code.index else districts.iloc[0]
    province = narrow("province", districts["province"], home["province"], where)
    in_province = districts[districts["province"] == province]
    city = narrow("city", in_province["city"], home["city"] if home["province"] == province else in_province["city"].iloc[0], where)
    options = list(in_province.loc[in_province["city"] == city, "region_code"])
    return pick_one("district", text("district"), options, options[0], coded_names(), where)


def narrow(key: str, codes: pd.Series, default: str, where) -> str:
    """A province or city choice among those that have districts with values."""
    options = sorted(set(codes), key=lambda c: (names().get(c, c), c))
    return pick_one(key, text(key), options, default if default in options else options[0], coded_names(), where)


def coded_names() -> Callable[[str], str]:
    """Labels like '栖云区 · 990102': the name to read, the code to search by; bound to this run's language."""
    region_names = names()
    return lambda code: f"{region_names.get(code, code)} · {code}"


def district_label(districts: pd.DataFrame) -> Callable[[str], str]:
    """'District · City' labels, so districts of different cities with one name stay apart."""
    region_names = names()
    city_of = districts.set_index("region_code")["city"].to_dict()
    return lambda code: f"{region_names.get(code, code)} · {region_names.get(city_of.get(code), '')}"


def choose_years(where=st.sidebar) -> tuple[int, int]:
    """A first and last year (?years=FIRST&years=LAST), the whole span of the snapshot by default."""
    span = run("snapshot_years").iloc[0]
    first, last = int(span["first_year"]), int(span["last_year"])
    if first == last:
        return first, last
    seed_range("years", first, last)
    chosen = where.slider(text("years"), first, last, key="years")
    write_url("years", list(chosen))
    return chosen


def seed_range(key: str, first: int, last: int) -> None:
    """Like seed_from_url, for a range: two ordered years within the snapshot's span."""
    written = st.session_state.setdefault("_url_written", {})
    wanted = st.query_params.get_all(key)
    if wanted and wanted != written.get(key):
        if len(wanted) == 2 and all(w.isdigit() and first <= int(w) <= last for w in wanted) and int(wanted[0]) <= int(wanted[1]):
            st.session_state[key] = (int(wanted[0]), int(wanted[1]))
        else:
            st.warning(text("invalid_choice", param=key, value=", ".join(wanted), fallback=f"{first}–{last}"))
    current = st.session_state.get(key)
    fine = isinstance(current, (tuple, list)) and len(current) == 2 and first <= current[0] <= current[1] <= last
    st.session_state[key] = tuple(current) if fine else (first, last)


def seed_from_url(key: str, options: Sequence, default: list, format_func: Callable, single: bool) -> None:
    """Set a widget's state from the URL when the URL says something new; fall back with a notice.

    Not bind="query-params": a bound widget writes its shown label (a name, so a language) into the URL
    and drops values equal to its default, so a link would change with the viewer's language or with
    the next snapshot. This keeps explicit codes. What this session last wrote is remembered, so a
    user's own change is not undone by the URL it replaced.
    """
    written = st.session_state.setdefault("_url_written", {})
    by_text = {str(option): option for option in options}
    wanted = st.query_params.get_all(key)
    if wanted and wanted != written.get(key):
        valid = [by_text[value] for value in wanted if value in by_text]
        if valid:
            st.session_state[key] = valid[0] if single else valid
        bad = [value for value in wanted if value not in by_text]
        if bad:
            fallback = (valid or default)[:1] if single else valid or default
            st.warning(text("invalid_choice", param=key, value=", ".join(bad), fallback=", ".join(map(format_func, fallback))))
    current = st.session_state.get(key)
    fine = current in options if single else bool(current) and all(value in options for value in current)
    # Set it even when unchanged: a widget of the same key on another page (other options, so another
    # widget id) would otherwise drop the value it carries over and fall back to its first option.
    st.session_state[key] = (current if single else list(current)) if fine else (default[0] if single else list(default))


def write_url(key: str, values: list) -> None:
    texts = [str(value) for value in values]
    st.query_params[key] = texts
    st.session_state["_url_written"][key] = texts


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
