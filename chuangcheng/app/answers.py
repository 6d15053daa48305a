"""What the pages ask, cached: the catalog, the chosen snapshot opened once per process and state of its files,
views by name, comparisons of two snapshots, names in the chosen language."""

from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from chuangcheng.model import catalog as catalog_module
from chuangcheng import settings
from chuangcheng.store import integrity, snapshots
from chuangcheng.errors import ChuangchengError
from chuangcheng.model.params import Params
from chuangcheng.render import explore
from chuangcheng.store.db import Comparison, Database
from chuangcheng.store.opened import DATABASES
from chuangcheng.views import choices, common, registry
from chuangcheng.app import session


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
        session.warn("invalid_choice", param=notice.param, value=notice.value, fallback=notice.fallback or "—")
    return answer


def ranking_timeline(params: Params, sources: Sequence) -> go.Figure:
    """The overview's ranking with a frame a year, built once per snapshot and question: building 13 frames
    of Plotly objects cost more than the rest of the page under load. Shared by every session, so it is
    finished here, provenance included, and never changed after: ui.plot() leaves a figure that carries its
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
    return Params(snapshot=current_snapshot().id, lang=session.lang(), peers=None if peers == "parent" else peers)


def names(table: str = "regions") -> dict[str, str]:
    """Code to name in the chosen language: regions of the chosen snapshot, or the catalog's indicators or
    aspects (read-only: shared)."""
    if table == "regions":
        return common.region_names(db(), session.lang())
    return names_in(table, session.lang())


@st.cache_resource(show_spinner=False)
def names_in(table: str, language: str) -> dict[str, str]:
    # Built once: pickers label thousands of options, and rebuilding per label took seconds.
    return getattr(catalog(), table)[f"name_{language}"].to_dict()


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


def chosen_peers() -> str:
    """The peers of this run: the picker's, else the link's, else the default (an unknown value is the picker's to name)."""
    wanted = st.session_state.get("peers") or st.query_params.get("peers") or "parent"
    return wanted if wanted in catalog().peer_schemes() else "parent"


def database_for(peers: str) -> Database:
    manifest = current_snapshot()
    return database(manifest.id, serving_key(manifest)).for_peers(peers)


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


def provenance_line(sources: Sequence, manifest: snapshots.Manifest) -> str:
    titles = "; ".join(title for _, title in sources) or "—"
    line = session.text("provenance", sources=titles, snapshot=manifest.id, created=manifest.created[:10])
    return line + (" · " + session.text("synthetic_short") if common.synthetic(db()) else "")
