"""The shared choices: language, snapshot, scope, region, years and periods, each kept in the URL."""

from collections.abc import Callable, Sequence

import streamlit as st

from chuangcheng.model import periods
from chuangcheng import settings
from chuangcheng.store import integrity, snapshots
from chuangcheng.errors import NothingToServe
from chuangcheng.i18n import cut, damage_text, t
from chuangcheng.model.params import PRECISIONS, Params
from chuangcheng.render import safe
from chuangcheng.views import choices, common
from chuangcheng.app import session, answers


def choose_language() -> str:
    """The language switch; the browser's language until the link or the user says otherwise."""
    session.seed_from_url(
        "lang", session.LANGS, [session.browser_language()], str, single=True, notice="invalid_language"
    )
    lang = st.sidebar.segmented_control(t("language", "en"), session.LANGS, key="lang", required=True)
    session.write_url("lang", [lang])
    return lang


def choose_snapshot() -> snapshots.Manifest:
    """The snapshot: newest of the default dataset unless the link names another."""
    manifests, damaged = integrity.survey(settings.data_dir())
    for damage in damaged:  # listed with the reason, never offered; the others are served as usual
        st.sidebar.warning(safe.markdown(damage_text(damage, session.lang())), icon=":material/broken_image:")
    if not manifests:
        raise NothingToServe(len(damaged))
    ids = [m.id for m in manifests]
    default = snapshots.default(settings.data_dir(), settings.get("default_dataset"), manifests).id
    chosen = pick_one(
        "snapshot", session.text("snapshot"), ids, default, str, where=st.sidebar, notice="invalid_snapshot"
    )
    manifest = manifests[ids.index(chosen)]
    st.session_state["_manifest"] = manifest  # this run's choice, so queries need not read manifests again
    st.sidebar.caption(
        session.text(
            "snapshot_caption", title=safe.markdown(cut(manifest.title)), created=safe.markdown(manifest.created[:10])
        )
    )
    return manifest


def choose_year(years: Sequence[int], where=st) -> int:
    """A year on a slider (oldest to newest), the newest by default; kept in the URL (?year=2025). A link's
    ?period=2025 is that year (Params reads it so for the API and the command line)."""
    period = st.query_params.get("period", "")
    if "year" not in st.query_params and len(period) == 4 and period.isascii() and period.isdigit():
        st.query_params["year"] = period
        del st.query_params["period"]
    if len(years) < 2:
        return pick_one("year", session.text("year"), list(years), years[0], str, where)
    session.seed_from_url("year", list(years), [years[0]], str, single=True)
    value = where.select_slider(session.text("year"), options=sorted(years), key="year")
    session.write_url("year", [value])
    return value


def choose_period(options: Sequence[str], labels: dict[str, str], where=st, default: str | None = None) -> str:
    """A period finer than a year on a slider (oldest to newest, each as releases write it), the newest by default
    (or the default given, one of the options); kept in the URL as its canonical text (?period=2025-06); named by its
    grain (Month, Quarter) when all share one."""
    grains = {periods.parse(option).grain for option in options}
    label = session.text(f"grain_{grains.pop()}") if len(grains) == 1 else session.text("col_period")
    first = default if default in options else options[-1]
    if len(options) < 2:
        return pick_one("period", label, list(options), options[0], labels.get, where)
    session.seed_from_url("period", list(options), [first], labels.get, single=True)
    value = where.select_slider(label, options=list(options), key="period", format_func=labels.get)
    session.write_url("period", [value])
    return value


def period_labels(options: Sequence[str]) -> dict[str, str]:
    """Each period as releases write it in the reader's language (2025年第9周, week 9 of 2025)."""
    return {option: periods.parse(option).label(session.lang()) for option in options}


def choose_grain(grains: Sequence[str], where=st) -> str:
    """Weeks or months, as pills: at first the grain of the period in the URL (?period=2025-W09 is a week), else the
    first; the period's slider then keeps the URL."""
    if "grain" not in st.session_state:
        try:
            asked = periods.parse(st.query_params.get("period", "")).grain
        except periods.PeriodError:  # no period, or a wrong one the slider names
            asked = grains[0]
        st.session_state["grain"] = asked if asked in grains else grains[0]
    names = {g: session.text(f"grain_{g}") for g in grains}  # bound now: AppTest calls it outside a run
    chosen = where.segmented_control(
        session.text("inspections_grain"), list(grains), key="grain", format_func=names.get, required=True
    )
    return chosen or grains[0]


def choose_since(years: Sequence[int], year: int, where=st) -> int | None:
    """ "Change between two years": the earlier year (?since=2015), or none (the parameter left out)."""
    earlier = [y for y in years if y < year]
    options = [0, *earlier]  # 0: one year, no change
    session.seed_from_url("since", options, [0], str, single=True)
    none = session.text(
        "since_none"
    )  # bound now: a format function must not read the session (AppTest calls it outside a run)
    chosen = where.selectbox(session.text("since"), options, key="since", format_func=lambda y: str(y) if y else none)
    if chosen:
        session.write_url("since", [chosen])
    else:
        st.query_params.pop("since", None)
        st.session_state["_url_written"]["since"] = []
    return chosen or None


def choose_precision(where=st) -> str:
    """The numbers of a download: as the page shows them, or exactly as loaded (?precision=full)."""
    options = list(PRECISIONS)
    session.seed_from_url("precision", options, [options[0]], str, single=True)
    chosen = where.segmented_control(
        session.text("precision"),
        options,
        key="precision",
        required=True,
        format_func=lambda option: session.text(f"precision_{option}"),
    )
    session.write_url("precision", [chosen] if chosen != options[0] else [])
    return chosen


def choose_show(options: Sequence[str], where=st) -> str:
    """Map, chart or table of the same data (?show=map), as a segmented control."""
    session.seed_from_url("show", list(options), [options[0]], str, single=True)
    labels = {option: session.text(f"show_{option}") for option in options}
    chosen = where.segmented_control(
        session.text("show"), list(options), key="show", required=True, format_func=labels.get
    )
    session.write_url("show", [chosen])
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
    session.seed_from_url(key, options, [default], format_func, single=True, url_aliases=url_aliases, notice=notice)
    value = where.selectbox(label, list(options), key=key, format_func=format_func)
    session.write_url(key, [value])
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
    session.seed_from_url(key, options, default, format_func, single=False, most=max_selections)
    # Under a limit, Streamlit's "Select all" silently takes the first few: offered only where all can be taken.
    limited = {"select_all": False, "help": session.text("pick_at_most", n=max_selections)} if max_selections else {}
    values = where.multiselect(
        label,
        list(options),
        key=key,
        format_func=format_func,
        max_selections=max_selections,
        placeholder=session.text("choose_placeholder"),
        **limited,
    )  # Streamlit's own says "Choose options" in every language
    session.write_url(key, [] if all_is_default and len(values) == len(options) else values)
    return values


def choose_peers(where=st.sidebar) -> str:
    """What regions are compared with (ranks, city averages): the same parent's regions by default, every region of
    the level, or a named group of the catalog (直辖市, 省会城市 …). Offered below the scope it changes."""
    schemes = answers.catalog().peer_schemes()
    labels = {scheme: peers_label(scheme) for scheme in schemes}  # in this run's language, as every picker's labels
    chosen = pick_one("peers", session.text("peers"), schemes, "parent", labels.__getitem__, where)
    if chosen == "parent":  # the default stays out of links, as every default does
        session.write_url("peers", [])
    return chosen


def peers_label(scheme: str) -> str:
    groups = answers.catalog().peer_groups
    return groups.at[scheme, f"name_{session.lang()}"] if scheme in groups.index else session.text(f"peers_{scheme}")


def choose_scope(where=st.sidebar) -> Params:
    """Level and parent (one parent's regions, or all of the level), each offered only as the data has them, and the
    peers they are compared with."""
    peers = answers.chosen_peers()
    database, base = answers.database_for(peers), answers.params().but(peers=None if peers == "parent" else peers)
    levels = choices.levels(database)
    default = choices.resolve_scope(database, base)[0]
    level = (
        pick_one("level", session.text("level"), levels, default.level, level_label, where)
        if len(levels) > 1
        else only_level(default.level)
    )
    parents = choices.parents(database, level)
    fallback = choices.default_parent(database, level)
    parent = pick_one(
        "parent", session.text("parent"), parents, fallback, scope_label(level), where, url_aliases=("city",)
    )
    choose_peers(where)
    return base.but(level=level, parent=parent)


def pick_region(where=st.sidebar, region_where=None) -> str:
    """A region of any level, narrowed by level and parent so each list stays short with thousands of
    regions; every list searchable by typing a name or a code. The region itself may be picked elsewhere
    (region_where: on the page) than its narrowing lists."""
    database = answers.db()
    found = choices.present(database).set_index("region_code")
    linked = st.query_params.get("district")
    written = st.session_state.get("_url_written", {}).get("district")
    if linked in found.index and written != [linked] and not session.moved_here("district", found.index):
        st.session_state["level"], st.session_state["parent"] = (
            found.at[linked, "level"],
            found.at[linked, "parent_code"],
        )
    scope = choose_scope(where)
    options = choices.members(database, scope.level, scope.parent) or list(found.index)
    return pick_one("district", session.text("region"), options, options[0], coded_names(), region_where or where)


def only_level(level: str) -> str:
    """A snapshot of one level has no level picker; a link asking for another level still hears that it is not there
    (?level=city on the demo showed its districts without a word), and the URL stops asking."""
    wanted = st.query_params.get_all("level")
    if wanted:
        if wanted != [level]:
            session.warn("invalid_choice", param="level", value=", ".join(wanted), fallback=level_label(level))
        del st.query_params["level"]
    return level


def level_label(level: str) -> str:
    return session.text(f"level_{level}")


def scope_label(level: str) -> Callable[[str], str]:
    every = common.scope_name(answers.db(), level, "", session.lang())
    label = coded_names()
    return lambda code: every if code == "" else label(code)


def coded_names() -> Callable[[str], str]:
    """Labels like '栖云区 · 990102': the name to read, the code to search by; bound to this run's language."""
    region_names = answers.names()
    return lambda code: f"{region_names.get(code, code)} · {code}"


def region_label() -> Callable[[str], str]:
    """'Region · Parent' labels, so regions of different parents with one name stay apart."""
    region_names = answers.names()
    parent_of = choices.present(answers.db()).set_index("region_code")["parent_code"].to_dict()
    return lambda code: " · ".join(
        part for part in (region_names.get(code, code), region_names.get(parent_of.get(code), "")) if part
    )


def choose_years(where=st.sidebar) -> tuple[int, int] | None:
    """A first and last year (?years=FIRST&years=LAST), the whole span of the snapshot by default."""
    whole = choices.span(answers.db())
    if whole is None or whole[0] == whole[1]:
        return whole
    first, last = whole
    session.seed_range("years", first, last)
    chosen = where.slider(session.text("years"), first, last, key="years")
    session.write_url("years", list(chosen))
    return tuple(chosen)
