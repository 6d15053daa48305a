"""The benchmark of dated records (#25): the inspections' and the ledger's questions, their views as the pages ask
them, the weekly bulletin as its files, and publishing a large city's year — beside the same questions done the
typical way (the whole ledger and every result read into pandas, filtered and grouped per question)."""

import tempfile
import time
from pathlib import Path

import pandas as pd

from chuangcheng.model import kinds, periods
from chuangcheng.model.params import Params
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database

BUDGETS = {"page_ms": 1000, "bulletin_ms": 2000, "publish_s": 60}


def has_dated(manifest: snapshots.Manifest) -> bool:
    return bool(manifest.rows.get(kinds.INSPECTIONS.file) or manifest.rows.get(kinds.PROBLEMS.file))


def scope(database: Database) -> dict:
    """The default district (the one with the most records), its latest month and the last week it covers whole."""
    from chuangcheng.views import weekly

    found = weekly.weekly(database, Params())
    if found.period is None:
        return {}
    week = found.period
    month = periods.of_day("month", week.end)
    return {"level": found.params.level, "parent": found.params.parent, "week": str(week), "month": str(month)}


def query_params(database: Database) -> dict[str, dict]:
    """The dated questions of queries/ with the parameters the pages use (none when the snapshot has no records)."""
    where = scope(database)
    if not where:
        return {}
    asked = {"level": where["level"], "parent": where["parent"]}
    week, month = periods.parse(where["week"]), periods.parse(where["month"])
    in_week, in_month = {"start": week.start, "end": week.end}, {"start": month.start, "end": month.end}
    return {
        "ledger_scopes": {},
        "inspection_scopes": {},
        "ledger_regions": {},
        "inspection_rates": {**asked, **in_month},
        "inspection_standards": {**asked, **in_month},
        "inspection_trend": {**asked, "grain": "week"},
        "rectification": {**asked, **in_month},
        "problems_at": {**asked, **in_week},
        "problems": asked,
        "overdue_units": asked,
    }


def timed_views(database: Database, where: dict, repeats: int, timed) -> dict:
    """Each view a dated page asks, as the page asks it (no answer kept between runs), and the bulletin's files."""
    from datetime import datetime

    from chuangcheng.render import weekly as weekly_render
    from chuangcheng.views import inspections, ledger, weekly

    level, parent = where["level"], where["parent"]
    month = Params(level=level, parent=parent, period=where["month"], lang="zh")
    week = month.but(period=where["week"])
    bulletin = weekly.weekly(database, week)
    created = datetime.fromisoformat(database.manifest.created)
    views = {
        "inspections page: ranking": lambda: inspections.inspection_rates(database, week),
        "inspections page: standards": lambda: inspections.standards(database, week),
        "inspections page: trend by week": lambda: inspections.inspection_trend(database, week),
        "ledger page: rectification": lambda: ledger.rectification(database, month),
        "ledger page: problems and units": lambda: ledger.problems(database, month),
        "weekly bulletin: view": lambda: weekly.weekly(database, week),
        "weekly bulletin: XLSX": lambda: weekly_render.render(bulletin, database.manifest.id, "xlsx", created),
        "weekly bulletin: HTML": lambda: weekly_render.render(bulletin, database.manifest.id, "html", created),
        "weekly bulletin: view and XLSX": lambda: weekly_render.render(
            weekly.weekly(database, week), database.manifest.id, "xlsx", created
        ),
    }
    return {name: timed(view, repeats) for name, view in views.items()}


def pandas_side(manifest: snapshots.Manifest, where: dict, repeats: int, timed) -> dict:
    """The typical app: every result and event read into pandas once, then each question filtered and grouped."""
    started = time.perf_counter()
    results = (
        pd.read_parquet(manifest.file("inspections.parquet")) if manifest.rows.get(kinds.INSPECTIONS.file) else None
    )
    events = pd.read_parquet(manifest.file("problems.parquet")) if manifest.rows.get(kinds.PROBLEMS.file) else None
    own = pd.read_parquet(manifest.file(snapshots.REGIONS_FILE))
    load_ms = (time.perf_counter() - started) * 1000
    streets = set(own.loc[own["parent_code"] == where["parent"], "code"])
    week, month = periods.parse(where["week"]), periods.parse(where["month"])

    def rates(first, last):
        days = pd.to_datetime(results["visited"])
        mine = results[results["region_code"].isin(streets) & (days >= first) & (days <= last)]
        return (
            mine.assign(passed=mine["result"] == "pass")
            .groupby("region_code")
            .agg(
                checked=("result", "count"), passed=("passed", "sum"), score=("score", "sum"), most=("max_score", "sum")
            )
        )

    def standing(cutoff):
        mine = events[events["region_code"].isin(streets)]
        mine = mine[pd.to_datetime(mine["event_date"]) <= cutoff].sort_values(["problem_id", "event_date"])
        last = mine.groupby("problem_id").tail(1)
        return last.groupby("region_code")["event"].value_counts()

    questions = {}
    if results is not None:
        questions["inspections page: ranking"] = lambda: rates(pd.Timestamp(week.start), pd.Timestamp(week.end))
    if events is not None:
        questions["ledger page: rectification"] = lambda: standing(pd.Timestamp(month.end))
    return {"load_ms": load_ms, "queries": {name: timed(f, repeats) for name, f in questions.items()}}


def publish_seconds(made) -> float:
    """Publishing a large city's year (city scale only): the tables made first, the publishing alone timed."""
    from chuangcheng.store import publishing

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        meta, tables = made(out)
        started = time.perf_counter()
        publishing.publish(out, {**meta, "id": "city-publish"}, tables)
        return time.perf_counter() - started


def side(data_dir: Path, snapshot: str, repeats: int, timed, peak_mb) -> dict:
    """Everything above for one snapshot, in a process of its own."""
    manifest = snapshots.find(data_dir, snapshot)
    if not has_dated(manifest):
        return {}
    from chuangcheng.model import catalog

    database = Database(manifest, catalog.load(data_dir))
    where = scope(database)
    found = {
        "scope": where,
        "results": manifest.rows.get(kinds.INSPECTIONS.file, 0),
        "events": manifest.rows.get(kinds.PROBLEMS.file, 0),
        "views": timed_views(database, where, repeats, timed),
        "pandas": pandas_side(manifest, where, repeats, timed),
    }
    if manifest.dataset == "city":
        from chuangcheng.datasets import city_scale

        found["publish_s"] = publish_seconds(city_scale.tables)
    found["peak_rss_mb"] = peak_mb()
    return found


def report(dated: dict, ok) -> list[str]:
    if not dated:
        return []
    where = dated["scope"]
    lines = [
        "",
        f"dated records: {dated['results']:,} inspection results, {dated['events']:,} problem events; "
        f"district {where['parent']}, week {where['week']}, month {where['month']}",
        f"{'view (warm, no answer kept)':40s} {'median ms':>10s} {'p95 ms':>8s}",
    ]
    for name, figures in dated["views"].items():
        budget = BUDGETS["bulletin_ms"] if name.startswith("weekly") else BUDGETS["page_ms"]
        lines.append(
            f"{name:40s} {figures['median_ms']:10.1f} {figures['p95_ms']:8.1f}  {ok(figures['p95_ms'], budget)}"
        )
    if "publish_s" in dated:
        lines.append(
            f"publishing the city's year (write, check, derive): {dated['publish_s']:.1f} s  budget "
            f"{BUDGETS['publish_s']} s  {ok(dated['publish_s'], BUDGETS['publish_s'])}"
        )
    base = dated["pandas"]
    lines.append(f"typical pandas app: every result and event loaded once in {base['load_ms']:.0f} ms, then")
    for name, figures in base["queries"].items():
        ours = dated["views"][name]["median_ms"]
        lines.append(f"  {name:38s} pandas {figures['median_ms']:8.1f} ms, ours {ours:8.1f} ms (whole view)")
    lines.append(f"peak memory of the process: {dated['peak_rss_mb']:.0f} MB")
    return lines
