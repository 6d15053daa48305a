"""The one core module that imports Streamlit: cached data access, the shared choices, messages."""

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from chuangcheng.model import catalog as catalog_module, periods
from chuangcheng import settings
from chuangcheng.store import integrity, snapshots
from chuangcheng.errors import CatalogError, ChuangchengError, DamagedSnapshot, NothingToServe
from chuangcheng.i18n import cut, damage_text, t
from chuangcheng.model.params import PRECISIONS, Params
from chuangcheng.render import explore, safe
from chuangcheng.store.db import Comparison, Database
from chuangcheng.store.opened import DATABASES
from chuangcheng.views import choices, common, registry


LANGS = ("en", "zh")
PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def catalog() -> catalog_module.Catalog:
    """The catalog as its files are now: an edit (and a rebuild) shows without a restart."""
    return loaded_catalog(str(settings.data_dir()), catalog_module.state(settings.data_dir()))


@st.cache_resource(show_spinner=False, max_entries=2)
def loaded_catalog(data_dir: str, state: str) -> catalog_module.Catalog:
    return catalog_module.load(Path(data_dir))


def serving_key(manifest: snapshots.Manifest) -> str:
    """What an opened snapshot and its answers are cached under: its files as checked, and the catalog it is read with.
    Worked out once per run for the run's snapshot (a stat per file), not at every view it asks for; every answer
    still checks its files (Database.guard)."""
    known = st.session_state.get("_serving_key")
    if known is not None and known[0] == manifest.id and known[1] is st.session_state.get("_manifest"):
        return known[2]
    key = integrity.serving_key(manifest) + "|" + catalog_module.state(settings.data_dir())
    if manifest is st.session_state.get("_manifest"):
        st.session_state["_serving_key"] = (manifest.id, manifest, key)
    return key


def database(snapshot_id: str, fingerprint: str) -> Database:
    """One DuckDB per snapshot and process, shared with the API (store/opened.py); a republished snapshot, a file
    changed since it was opened or a damage found or an edited catalog has a new serving key, so it is opened, and
    checked, again."""
    return DATABASES.get(
        snapshot_id, fingerprint, lambda: Database(snapshots.find(settings.data_dir(), snapshot_id), catalog())
    )


@st.cache_data(show_spinner=False, max_entries=1024)
def cached_view(snapshot_id: str, fingerprint: str, name: str, params: Params, **options):
    return registry.ask(
        name, database(snapshot_id, fingerprint).for_peers(params.peers), params, **options
    )  # by name: plain cache keys


def db() -> Database:
    """The snapshot chosen in this run, opened (shared by every session), with the peers the link asks for."""
    manifest = current_snapshot()
    return database(manifest.id, serving_key(manifest)).for_peers(params().peers)


def view(name: str, params: Params, **options):
    """Ask a view (chuangcheng/views) about the chosen snapshot; cached on snapshot and parameters.
    Its notices (link values the snapshot does not have) are shown once, here."""
    manifest = current_snapshot()
    answer = cached_view(manifest.id, serving_key(manifest), name, params.but(snapshot=manifest.id), **options)
    for notice in getattr(answer, "notices", []):
        warn("invalid_choice", param=notice.param, value=notice.value, fallback=notice.fallback or "—")
    return answer


def ranking_timeline(params: Params, sources: Sequence) -> go.Figure:
    """The overview's ranking with a frame a year, built once per snapshot and question: building 13 frames
    of Plotly objects cost more than the rest of the page under load. Shared by every session, so it is
    finished here, provenance included, and never changed after: plot() leaves a figure that carries its
    provenance alone (two sessions setting it at once broke a shared figure's layout under load)."""
    manifest = current_snapshot()
    return timeline_figure(manifest.id, serving_key(manifest), params, provenance_line(sources, manifest))


@st.cache_resource(show_spinner=False, max_entries=64)
def timeline_figure(snapshot_id: str, fingerprint: str, params: Params, provenance: str) -> go.Figure:
    view = cached_view(snapshot_id, fingerprint, "overview", params)
    return explore.with_provenance(
        explore.ranking_timeline(view.timeline, view.names, view.params.year, view.params.lang), provenance
    )


def deferred(name: str, params: Params, **options) -> Callable:
    """A view to answer later, off the script thread (a download's data callable may not touch session
    state), bound now to the snapshot chosen in this run."""
    manifest = current_snapshot()
    return lambda: cached_view(manifest.id, serving_key(manifest), name, params.but(snapshot=manifest.id), **options)


@st.cache_resource(show_spinner=False, max_entries=4, on_release=lambda comparison: comparison.close())
def comparison(before: str, before_key: str, after: str, after_key: str) -> Comparison:
    return Comparison(database(before, before_key), database(after, after_key))


@st.cache_data(show_spinner=False, max_entries=64)
def compared(before: str, before_key: str, after: str, after_key: str, name: str) -> pd.DataFrame:
    """Answer a question about two snapshots (queries/snapshot_*.sql over `before` and `after`)."""
    return comparison(before, before_key, after, after_key).query(name)


def compare_snapshots(before: snapshots.Manifest, after: snapshots.Manifest, name: str) -> pd.DataFrame:
    return compared(before.id, serving_key(before), after.id, serving_key(after), name)


def params() -> Params:
    """The parameters every page shares: the snapshot, the language of this run, and the peers the link asks for
    (a value the catalog does not know is left to the peers picker to name)."""
    peers = chosen_peers()
    return Params(snapshot=current_snapshot().id, lang=lang(), peers=None if peers == "parent" else peers)


def lang() -> str:
    return st.session_state.get("lang") or "en"


def text(key: str, **values) -> str:
    return t(key, lang(), **values)


def names(table: str = "regions") -> dict[str, str]:
    """Code to name in the chosen language: regions of the chosen snapshot, or the catalog's indicators or
    aspects (read-only: shared)."""
    if table == "regions":
        return common.region_names(db(), lang())
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
    seed_from_url("lang", LANGS, [browser_language()], str, single=True, notice="invalid_language")
    lang = st.sidebar.segmented_control(t("language", "en"), LANGS, key="lang", required=True)
    write_url("lang", [lang])
    return lang


def choose_snapshot() -> snapshots.Manifest:
    """The snapshot: newest of the default dataset unless the link names another."""
    manifests, damaged = integrity.survey(settings.data_dir())
    for damage in damaged:  # listed with the reason, never offered; the others are served as usual
        st.sidebar.warning(safe.markdown(damage_text(damage, lang())), icon=":material/broken_image:")
    if not manifests:
        raise NothingToServe(len(damaged))
    ids = [m.id for m in manifests]
    default = snapshots.default(settings.data_dir(), settings.get("default_dataset"), manifests).id
    chosen = pick_one("snapshot", text("snapshot"), ids, default, str, where=st.sidebar, notice="invalid_snapshot")
    manifest = manifests[ids.index(chosen)]
    st.session_state["_manifest"] = manifest  # this run's choice, so queries need not read manifests again
    st.sidebar.caption(
        text("snapshot_caption", title=safe.markdown(cut(manifest.title)), created=safe.markdown(manifest.created[:10]))
    )
    return manifest


def current_snapshot() -> snapshots.Manifest:
    """The snapshot chosen in this run (read once by choose_snapshot, not again for every query)."""
    chosen = st.session_state.get("snapshot")
    known = st.session_state.get("_manifest")
    if known is not None and known.id == chosen:
        return known
    try:
        return (
            snapshots.find(settings.data_dir(), chosen)
            if chosen
            else snapshots.default(settings.data_dir(), settings.get("default_dataset"))
        )
    except ChuangchengError:
        return snapshots.default(settings.data_dir(), settings.get("default_dataset"))


def choose_year(years: Sequence[int], where=st) -> int:
    """A year on a slider (oldest to newest), the newest by default; kept in the URL (?year=2025). A link's
    ?period=2025 is that year (Params reads it so for the API and the command line)."""
    period = st.query_params.get("period", "")
    if "year" not in st.query_params and len(period) == 4 and period.isascii() and period.isdigit():
        st.query_params["year"] = period
        del st.query_params["period"]
    if len(years) < 2:
        return pick_one("year", text("year"), list(years), years[0], str, where)
    seed_from_url("year", list(years), [years[0]], str, single=True)
    value = where.select_slider(text("year"), options=sorted(years), key="year")
    write_url("year", [value])
    return value


def choose_period(options: Sequence[str], labels: dict[str, str], where=st) -> str:
    """A period finer than a year on a slider (oldest to newest, each as releases write it), the newest by default;
    kept in the URL as its canonical text (?period=2025-06); named by its grain (Month, Quarter) when all share one."""
    grains = {periods.parse(option).grain for option in options}
    label = text(f"grain_{grains.pop()}") if len(grains) == 1 else text("col_period")
    if len(options) < 2:
        return pick_one("period", label, list(options), options[0], labels.get, where)
    seed_from_url("period", list(options), [options[-1]], labels.get, single=True)
    value = where.select_slider(label, options=list(options), key="period", format_func=labels.get)
    write_url("period", [value])
    return value


def choose_since(years: Sequence[int], year: int, where=st) -> int | None:
    """ "Change between two years": the earlier year (?since=2015), or none (the parameter left out)."""
    earlier = [y for y in years if y < year]
    options = [0, *earlier]  # 0: one year, no change
    seed_from_url("since", options, [0], str, single=True)
    none = text("since_none")  # bound now: a format function must not read the session (AppTest calls it outside a run)
    chosen = where.selectbox(text("since"), options, key="since", format_func=lambda y: str(y) if y else none)
    if chosen:
        write_url("since", [chosen])
    else:
        st.query_params.pop("since", None)
        st.session_state["_url_written"]["since"] = []
    return chosen or None


def choose_precision(where=st) -> str:
    """The numbers of a download: as the page shows them, or exactly as loaded (?precision=full)."""
    options = list(PRECISIONS)
    seed_from_url("precision", options, [options[0]], str, single=True)
    chosen = where.segmented_control(
        text("precision"),
        options,
        key="precision",
        required=True,
        format_func=lambda option: text(f"precision_{option}"),
    )
    write_url("precision", [chosen] if chosen != options[0] else [])
    return chosen


def choose_show(options: Sequence[str], where=st) -> str:
    """Map, chart or table of the same data (?show=map), as a segmented control."""
    seed_from_url("show", list(options), [options[0]], str, single=True)
    labels = {option: text(f"show_{option}") for option in options}
    chosen = where.segmented_control(text("show"), list(options), key="show", required=True, format_func=labels.get)
    write_url("show", [chosen])
    return chosen


def pick_one(
    key: str,
    label: str,
    options: Sequence,
    default,
    format_func: Callable,
    where=st,
    url_aliases: tuple = (),
    notice: str = "invalid_choice",
):
    """A choice kept in the URL as its code (?district=990102), shown by name."""
    seed_from_url(key, options, [default], format_func, single=True, url_aliases=url_aliases, notice=notice)
    value = where.selectbox(label, list(options), key=key, format_func=format_func)
    write_url(key, [value])
    return value


def pick_many(
    key: str,
    label: str,
    options: Sequence[str],
    default: list[str],
    format_func: Callable,
    where=st,
    max_selections: int | None = None,
    all_is_default: bool = False,
) -> list[str]:
    """Several codes kept in the URL as repeated codes (?districts=A&districts=B), shown by name.

    At most max_selections are kept (a longer list carried over from another page or a link is cut,
    with a notice); clearing the box clears it; with all_is_default, choosing everything leaves the
    parameter out of the URL (omitted means all), so links stay short.
    """
    seed_from_url(key, options, default, format_func, single=False, most=max_selections)
    # Under a limit, Streamlit's "Select all" silently takes the first few: offered only where all can be taken.
    limited = {"select_all": False, "help": text("pick_at_most", n=max_selections)} if max_selections else {}
    values = where.multiselect(
        label,
        list(options),
        key=key,
        format_func=format_func,
        max_selections=max_selections,
        placeholder=text("choose_placeholder"),
        **limited,
    )  # Streamlit's own says "Choose options" in every language
    write_url(key, [] if all_is_default and len(values) == len(options) else values)
    return values


def chosen_peers() -> str:
    """The peers of this run: the picker's, else the link's, else the default (an unknown value is the picker's to name)."""
    wanted = st.session_state.get("peers") or st.query_params.get("peers") or "parent"
    return wanted if wanted in catalog().peer_schemes() else "parent"


def choose_peers(where=st.sidebar) -> str:
    """What regions are compared with (ranks, city averages): the same parent's regions by default, every region of
    the level, or a named group of the catalog (直辖市, 省会城市 …). Offered below the scope it changes."""
    schemes = catalog().peer_schemes()
    labels = {scheme: peers_label(scheme) for scheme in schemes}  # in this run's language, as every picker's labels
    chosen = pick_one("peers", text("peers"), schemes, "parent", labels.__getitem__, where)
    if chosen == "parent":  # the default stays out of links, as every default does
        write_url("peers", [])
    return chosen


def peers_label(scheme: str) -> str:
    groups = catalog().peer_groups
    return groups.at[scheme, f"name_{lang()}"] if scheme in groups.index else text(f"peers_{scheme}")


def choose_scope(where=st.sidebar) -> Params:
    """Level and parent (one parent's regions, or all of the level), each offered only as the data has them, and the
    peers they are compared with."""
    peers = chosen_peers()
    database, base = database_for(peers), params().but(peers=None if peers == "parent" else peers)
    levels = choices.levels(database)
    default = choices.resolve_scope(database, base)[0]
    level = (
        pick_one("level", text("level"), levels, default.level, level_label, where)
        if len(levels) > 1
        else only_level(default.level)
    )
    parents = choices.parents(database, level)
    fallback = choices.default_parent(database, level)
    parent = pick_one("parent", text("parent"), parents, fallback, scope_label(level), where, url_aliases=("city",))
    choose_peers(where)
    return base.but(level=level, parent=parent)


def database_for(peers: str) -> Database:
    manifest = current_snapshot()
    return database(manifest.id, serving_key(manifest)).for_peers(peers)


def pick_region(where=st.sidebar, region_where=None) -> str:
    """A region of any level, narrowed by level and parent so each list stays short with thousands of
    regions; every list searchable by typing a name or a code. The region itself may be picked elsewhere
    (region_where: on the page) than its narrowing lists."""
    database = db()
    found = choices.present(database).set_index("region_code")
    linked = st.query_params.get("district")
    written = st.session_state.get("_url_written", {}).get("district")
    if linked in found.index and written != [linked] and not moved_here("district", found.index):
        st.session_state["level"], st.session_state["parent"] = (
            found.at[linked, "level"],
            found.at[linked, "parent_code"],
        )
    scope = choose_scope(where)
    options = choices.members(database, scope.level, scope.parent) or list(found.index)
    return pick_one("district", text("region"), options, options[0], coded_names(), region_where or where)


def region_years(region: str) -> list[int]:
    """The years a region is scored in, newest first."""
    return choices.scored_years(db(), region)


def region_options() -> tuple[list[str], list[str]]:
    """Every region with values, and those of the default scope (what a multi-region picker starts with)."""
    database = db()
    default, _ = choices.resolve_scope(database, Params())
    return list(choices.present(database)["region_code"]), choices.members(database, default.level, default.parent)


def shared_indicators(regions: list[str]) -> list[str]:
    """The indicators a comparison of these regions opens with (those they all have values of)."""
    return choices.shared_indicators(db(), regions)


def scope_years(scope: Params) -> list[int]:
    """The years the scope has values in, newest first."""
    return choices.scope_years(db(), scope.level, scope.parent)


def only_level(level: str) -> str:
    """A snapshot of one level has no level picker; a link asking for another level still hears that it is not there
    (?level=city on the demo showed its districts without a word), and the URL stops asking."""
    wanted = st.query_params.get_all("level")
    if wanted:
        if wanted != [level]:
            warn("invalid_choice", param="level", value=", ".join(wanted), fallback=level_label(level))
        del st.query_params["level"]
    return level


def level_label(level: str) -> str:
    return text(f"level_{level}")


def scope_label(level: str) -> Callable[[str], str]:
    every = common.scope_name(db(), level, "", lang())
    label = coded_names()
    return lambda code: every if code == "" else label(code)


def coded_names() -> Callable[[str], str]:
    """Labels like '栖云区 · 990102': the name to read, the code to search by; bound to this run's language."""
    region_names = names()
    return lambda code: f"{region_names.get(code, code)} · {code}"


def region_label() -> Callable[[str], str]:
    """'Region · Parent' labels, so regions of different parents with one name stay apart."""
    region_names = names()
    parent_of = choices.present(db()).set_index("region_code")["parent_code"].to_dict()
    return lambda code: " · ".join(
        part for part in (region_names.get(code, code), region_names.get(parent_of.get(code), "")) if part
    )


def choose_years(where=st.sidebar) -> tuple[int, int] | None:
    """A first and last year (?years=FIRST&years=LAST), the whole span of the snapshot by default."""
    whole = choices.span(db())
    if whole is None or whole[0] == whole[1]:
        return whole
    first, last = whole
    seed_range("years", first, last)
    chosen = where.slider(text("years"), first, last, key="years")
    write_url("years", list(chosen))
    return tuple(chosen)


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


def hide_sidebar() -> None:
    st.html("<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] {display: none}</style>")


def link_box() -> None:
    """The exact view as a link to copy (Streamlit's code block has a copy button), and as an embed link."""
    base = st.context.url
    if not base:
        return
    query = [(key, value) for key in st.query_params for value in st.query_params.get_all(key) if key != "embed"]
    link = f"{base}?{urlencode(query)}" if query else base
    with st.sidebar.expander(text("link_to_view")):
        st.code(link, language=None, wrap_lines=True)
        st.caption(text("embed_caption"))
        st.code(
            f'<iframe src="{html.escape(link + ("&" if query else "?") + "embed=true")}" width="100%" height="640"></iframe>',
            language="html",
            wrap_lines=True,
        )


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


def title(words: str, where=st) -> None:
    """A page's title: a region's name is data, shown as text."""
    where.title(safe.markdown(words))


def main_controls():
    """Where a page's main choices go: under its title, in reach on a phone, whose sidebar is folded away (and
    stayed open after every pick); in the hidden sidebar of an embedded view, which shows its chart alone."""
    return st.sidebar if embedded() else st


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
    manifest = current_snapshot()
    if not explore.has_provenance(fig):  # a shared, cached figure carries it already and must not be changed
        fig = explore.with_provenance(fig, provenance_line(sources, manifest))
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
    if isinstance(data, list) and data and isinstance(data[0], str) and data[0] in names():
        return data[0]
    return point.get("y") if point.get("y") in names() else None


def open_region(code: str, year) -> None:
    st.switch_page("app_pages/district.py", query_params=region_link_params(code, year))


def region_link_params(code: str, year) -> dict:
    return {"district": code, "year": str(year), "lang": lang(), "snapshot": current_snapshot().id}


def provenance_line(sources: Sequence, manifest: snapshots.Manifest) -> str:
    titles = "; ".join(title for _, title in sources) or "—"
    line = text("provenance", sources=titles, snapshot=manifest.id, created=manifest.created[:10])
    return line + (" · " + text("synthetic_short") if common.synthetic(db()) else "")


def sources_footer(sources: list[tuple[str, str]]) -> None:
    """Where the figures on the page come from (every page ends with it)."""
    if sources:
        st.caption(f"{text('sources_footer')}: " + "; ".join(safe.markdown(title) for _, title in sources))


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
            text("error_catalog", detail="\n".join(f"- {safe.markdown(cut(str(p), 300))}" for p in error.problems[:20]))
        )
        st.stop()
    except (NothingToServe, DamagedSnapshot) as error:
        st.error(
            damage_text(error, lang()) if isinstance(error, DamagedSnapshot) else text(error.key, **error.details())
        )
        st.stop()


def show_page(main: Callable[[], None]) -> None:
    """Run a page; a named error becomes one clear message in the chosen language."""
    try:
        main()
    except DamagedSnapshot as damage:
        st.error(safe.markdown(damage_text(damage, lang())))
    except ChuangchengError as error:
        st.error(text(error.key, **{name: safe.markdown(cut(value)) for name, value in error.details().items()}))


DELTA_COLORS = {"better": "green", "worse": "red", "same": "gray"}
DELTA_ARROWS = {"up": "up", "down": "down", "none": "off"}


def delta_style(direction: str, judged: str) -> dict:
    """st.metric's colour and arrow for a view's change: the way it moved and whether that is good news, said
    outright (Streamlit would read them off a leading ASCII '-', and the views write a true minus)."""
    return {"delta_color": DELTA_COLORS[judged], "delta_arrow": DELTA_ARROWS[direction]}
