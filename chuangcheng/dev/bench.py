"""The benchmark: every query, every page (cold and warm), exports of a million rows, memory, and the
same questions answered the way a typical Streamlit app does (all into pandas, filter in Python)."""

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pandas as pd

from chuangcheng import QUERIES, ROOT, settings
from chuangcheng.dev import bench_dated
from chuangcheng.model import catalog
from chuangcheng.render import export
from chuangcheng.store import snapshots
from chuangcheng.store.db import Comparison, Database

PAGES = ("overview", "district", "compare", "data", "indicators", "snapshots", "inspections", "ledger", "weekly")
BUDGETS = {
    "query_ms": 500,
    "page_ms": 1000,
    "demo_page_ms": 300,
    "rss_mb": 800,
    "csv_1m_s": 5,
    "open_ms": 100,
    "first_page_ms": 1500,
    "export_cli_ms": 1500,
    "match_10k_s": 2,
    "catalog_ms": 50,
    "xlsx_limit_s": 10,
}  # issue 11: the page offers XLSX up to what its writer writes in 10 s
MILLION = 1_000_000


def timed(function, repeats: int) -> dict:
    """Median and 95th percentile of repeated runs, in milliseconds."""
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": samples[min(len(samples) - 1, int(0.95 * len(samples)))],
        "runs": repeats,
    }


def realistic(database: Database) -> dict[str, dict]:
    """Parameters as the pages use them: the default scope (the biggest city), its first regions, the latest year."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import choices

    scope, _ = choices.resolve_scope(database, Params())
    where = {"level": scope.level, "parent": scope.parent}
    own = choices.members(database, scope.level, scope.parent)
    year = scope.year
    span = database.query("snapshot_years").iloc[0]
    pair, indicators = own[:2], ["gdp", "air_good_days_ratio", "campaign_satisfaction_rate"]
    return {
        "regions_present": {},
        "snapshot_years": {},
        "snapshot_statuses": {},
        "scope_years": where,
        "scope_headline": {
            **where,
            "year": year,
            "headline": database.catalog.headline,
            "inputs": database.catalog.headline_inputs,
        },
        "scope_indicator": {**where, "year": year, "indicator": "gdp"},
        "scope_attainment": {**where, "year": year},
        "scope_ranking": {**where, "year": year},
        "scope_aspect_scores": {**where, "year": year},
        "scope_indicator_counts": {**where, "year": year},
        "region_trend": {"region": own[0]},
        "region_latest": {"region": own[0], "year": None},
        "region_scores": {"region": own[0]},
        "region_aspects": {"region": own[0], "year": year},
        "region_unscored_aspects": {"region": own[0], "year": year},
        "region_scorecard": {"region": own[0], "year": year},
        "compare_trends": {
            "regions": pair,
            "indicators": indicators,
            "first": int(span["first_year"]),
            "last": int(span["last_year"]),
        },
        "compare_aspects": {"regions": pair, "year": year},
        "data_rows": {
            "regions": own,
            "indicators": indicators,
            "first": int(span["first_year"]),
            "last": int(span["last_year"]),
        },
        "scorecard_aspects": {**where, "year": year},
        "period_list": {**where, "region": ""},
        "period_scope": {**where, "period": latest_period(database, where)},
        "period_region": {"region": own[0]},
        "scorecard_indicators": {**where, "year": year},
        "_page": {"city": scope.parent, "district": own[0], "districts": pair, "year": year},
        **bench_dated.query_params(database),
    }


def latest_period(database: Database, where: dict) -> str:
    listed = database.query("period_list", **where, region="")["period"]
    return str(listed.iloc[-1]) if len(listed) else ""


def million_rows(database: Database) -> pd.DataFrame:
    """A million rows of the data page's shape: the whole snapshot, repeated if it is smaller."""
    span = database.query("snapshot_years").iloc[0]
    rows = database.query(
        "data_rows",
        regions=list(database.query("regions_present")["region_code"]),
        indicators=list(database.catalog.indicators.index),
        first=int(span["first_year"]),
        last=int(span["last_year"]),
    )
    while len(rows) < MILLION:
        rows = pd.concat([rows, rows], ignore_index=True)
    return rows.head(MILLION)


def page_runs(data_dir: Path, manifest: snapshots.Manifest, params: dict, repeats: int) -> dict:
    """Each page's script run through AppTest: cold (empty caches, snapshot opened) and warm. The modules
    are imported first, as serve.py does when the server starts."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import serve  # noqa: F401  (the server's start: the app's modules imported, no snapshot opened)

    os.environ["CHUANGCHENG_DATA_DIR"] = str(data_dir)
    os.environ["CHUANGCHENG_DEFAULT_DATASET"] = manifest.dataset
    links = {
        "overview": {"parent": params["city"], "year": str(params["year"])},
        "district": {"district": params["district"]},
        "compare": {"districts": params["districts"]},
        "data": {"districts": params["districts"]},
    }
    results = {}
    for page in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        for key, value in {"snapshot": manifest.id, **links.get(page, {})}.items():
            at.query_params[key] = value

        if page != "overview":
            at.switch_page(f"app_pages/{page}.py")  # a link to the page is the first request

        def first_visit(at=at):
            at.run()  # the entrypoint and the page, with every cache empty

        def rerun(at=at, page=page):
            at.run()  # one script run of the page with its queries cached
            assert not at.exception, (page, [e.value for e in at.exception])

        results[page] = {"cold": timed(first_visit, 1), "warm": timed(rerun, repeats)}
    return results


def query_side(data_dir: Path, snapshot: str, repeats: int) -> dict:
    """Opening the snapshot and every question in queries/, with the parameters the pages use."""
    manifest = snapshots.find(data_dir, snapshot)
    shipped = catalog.load(data_dir)  # read once per process, whichever snapshot is opened
    started = time.perf_counter()
    database = Database(manifest, shipped)
    opened_ms = (time.perf_counter() - started) * 1000
    params = realistic(database)
    queries = {
        name: timed(lambda name=name, p=p: database.query(name, **p), repeats)
        for name, p in params.items()
        if not name.startswith("_")
    }
    comparison = Comparison(database, database)
    for name in ("snapshot_changes", "snapshot_change_counts"):
        queries[name] = timed(lambda name=name: comparison.query(name), repeats)
    missing = {p.stem for p in QUERIES.glob("*.sql")} - set(queries)
    return {
        "open_ms": opened_ms,
        "queries": queries,
        "unmeasured_queries": sorted(missing),
        "page_params": params["_page"],
    }


def page_side(data_dir: Path, snapshot: str, repeats: int, params: dict) -> dict:
    """Every page as the server runs it; this process's peak memory is the server's."""
    pages = page_runs(data_dir, snapshots.find(data_dir, snapshot), params, repeats)
    return {"pages": pages, "peak_rss_mb": peak_mb()}


def export_side(data_dir: Path, snapshot: str) -> dict:
    """A million rows as CSV (budgeted) and as XLSX (reported)."""
    manifest = snapshots.find(data_dir, snapshot)
    shipped = catalog.load(data_dir)
    database = Database(manifest, shipped)
    rows = million_rows(database)
    names = database.regions["name_zh"].to_dict()
    created = datetime.fromisoformat(manifest.created)
    xlsx_rows = int(settings.get("max_xlsx_rows"))
    return {
        "exports": {
            "csv_1m": timed(lambda: export.render(rows, shipped, names, "zh", "long", "csv", created), 1),
            "xlsx_limit": timed(
                lambda: export.render(rows.head(xlsx_rows), shipped, names, "zh", "long", "xlsx", created), 1
            ),
            "xlsx_rows": xlsx_rows,
        },
        "peak_rss_mb": peak_mb(),
    }


BARE_EXPORT = "import sys, duckdb; duckdb.execute(open(sys.argv[1]).read(), {'p': sys.argv[2]})"
# The export's start-up: Python and the libraries it stands on (pandas alone is most of it), before any work.
START_UP = "import chuangcheng.cli, chuangcheng.store.db, chuangcheng.views.data, chuangcheng.render.export"


def cli_side(data_dir: Path, snapshot: str, repeats: int) -> dict:
    """`python -m chuangcheng export --indicators gdp` over every region, wall time including Python start-up,
    beside the same filter run by bare DuckDB over the raw Parquet in a process of its own, and the start-up
    alone (importing what the export needs), so the ratio of the work itself can be read off too."""
    manifest = snapshots.find(data_dir, snapshot)
    ours = [
        sys.executable,
        "-m",
        "chuangcheng",
        "export",
        "--data",
        str(data_dir),
        "--snapshot",
        snapshot,
        "--indicators",
        "gdp",
    ]
    bare = [
        sys.executable,
        "-c",
        BARE_EXPORT,
        str(QUERIES / "bench" / "bare_export.sql"),
        str(manifest.file("observations.parquet")),
    ]
    run = lambda command: subprocess.run(command, cwd=ROOT, capture_output=True, check=True)  # noqa: E731
    start_up = [sys.executable, "-c", START_UP]
    return {
        "export_cli": timed(lambda: run(ours), repeats),
        "export_bare_duckdb": timed(lambda: run(bare), repeats),
        "export_start_up": timed(lambda: run(start_up), repeats),
    }


def regions_side(data_dir: Path, repeats: int) -> dict:
    """All of China's regions (#23): the catalog load (which does not read the national list) and a 10,000-row
    table of districts, written as people write them (名称, 名称 without 区/县, pinyin, code), checked by ingest
    against the national list in a process that has not matched before (the matcher is built once per process)."""
    import tempfile

    from chuangcheng.ingest import Request, ingest
    from chuangcheng.model import regions as regions_module

    every = regions_module.national(Path(data_dir) / "catalog")
    districts = every[
        every["level"] == "district"
    ]  # all 2,975, homophones and shared names too (each a problem, named)
    forms = [
        (zh, zh[:-1] if len(zh) > 2 else zh, en, code)
        for code, zh, en in zip(districts.index, districts["name_zh"], districts["name_en"])
    ]
    rows = [(forms[i % len(forms)][i // len(forms) % 4], 2016 + i // len(forms)) for i in range(10_000)]
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "districts.csv"
        table.write_text(
            "地区,年份,建成区绿化覆盖率\n"
            + "".join(f"{name},{year},{30 + i % 20}\n" for i, (name, year) in enumerate(rows)),
            encoding="utf-8",
        )
        started = time.perf_counter()
        result = ingest(Request(files=[table], snapshot="bench-regions"), Path(data_dir), publish=False)
        first_s = time.perf_counter() - started
        again = timed(
            lambda: ingest(Request(files=[table], snapshot="bench-regions"), Path(data_dir), publish=False), repeats
        )
    catalog_ms = timed(lambda: catalog.load(data_dir), repeats)
    return {
        "match_10k_first_s": first_s,
        "match_10k_again": again,
        "matched": int(len(result.observations)),
        "problems": len(result.problems),
        "catalog_load": catalog_ms,
        "national_regions": int(len(every)),
    }


def peak_mb() -> float:
    """This process's peak resident memory. Linux carries ru_maxrss over exec, so a side started by a bench that
    had just generated the national data (3.2 GB) reported that as its own; VmHWM belongs to this image alone."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) / 1024


def baseline_side(data_dir: Path, snapshot: str, repeats: int, params: dict) -> dict:
    """The typical app: read the Parquet into pandas once, then filter and group in Python per question."""
    manifest = snapshots.find(data_dir, snapshot)
    regions = catalog.read_csv(Path(data_dir) / "catalog" / "regions.csv").set_index("code")
    started = time.perf_counter()
    observations = pd.read_parquet(manifest.file("observations.parquet"))
    survey = pd.read_parquet(manifest.file("survey.parquet"))
    load_ms = (time.perf_counter() - started) * 1000
    city, district, year = params["city"], params["district"], params["year"]

    def district_trend():
        own = observations[observations["region_code"] == district]
        answers = survey[survey["region_code"] == district]
        return own, answers.groupby(["year", "question"])["weight"].sum()

    def city_indicator():
        parent = observations["region_code"].map(regions["parent_code"])
        return observations[(parent == city) & (observations["year"] == year) & (observations["indicator"] == "gdp")]

    def data_rows():
        return observations[
            observations["region_code"].isin(params["districts"])
            & observations["indicator"].isin(["gdp", "air_good_days_ratio"])
        ]

    def city_survey_rates():
        parent = survey["region_code"].map(regions["parent_code"])
        own = survey[(parent == city) & (survey["year"] == year)]
        return own.groupby(["region_code", "question"])["weight"].sum()

    questions = {
        "region_trend": district_trend,
        "scope_indicator": city_indicator,
        "data_rows": data_rows,
        "scope_headline": city_survey_rates,
    }
    return {
        "load_ms": load_ms,
        "queries": {name: timed(f, repeats) for name, f in questions.items()},
        "peak_rss_mb": peak_mb(),
    }


def child(phase: str, data_dir: Path, snapshot: str, repeats: int, params: dict | None = None) -> dict:
    """Run one side in a fresh process, so each one's memory is its own."""
    command = [
        sys.executable,
        "-m",
        "chuangcheng",
        "bench",
        "--phase",
        phase,
        "--data",
        str(data_dir),
        "--snapshot",
        snapshot,
        "--repeats",
        str(repeats),
        "--params",
        json.dumps(params or {}),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "processor": platform.machine(),
    }


def run(data_dir: Path, snapshot: str, repeats: int) -> dict:
    """Each side in a process of its own, so each peak memory belongs to what it measures."""
    queries = child("queries", data_dir, snapshot, repeats)
    params = queries.pop("page_params")
    pages = child("pages", data_dir, snapshot, repeats, params)
    exports = child("exports", data_dir, snapshot, repeats)
    app = {
        **queries,
        **pages,
        "exports": exports["exports"],
        "peak_rss_with_exports_mb": exports["peak_rss_mb"],
        "cli": cli_side(data_dir, snapshot, min(repeats, 5)),
    }
    baseline = child("baseline", data_dir, snapshot, repeats, params)
    app["regions"] = child("regions", data_dir, snapshot, repeats)
    app["dated"] = child("dated", data_dir, snapshot, repeats)
    page_budget = BUDGETS["demo_page_ms"] if snapshot.startswith("demo") else BUDGETS["page_ms"]
    return {
        "snapshot": snapshot,
        "machine": machine(),
        "app": app,
        "baseline": baseline,
        "budgets": {**BUDGETS, "page_ms": page_budget},
    }


SIDES = {
    "queries": lambda data, snapshot, repeats, params: query_side(data, snapshot, repeats),
    "pages": page_side,
    "exports": lambda data, snapshot, repeats, params: export_side(data, snapshot),
    "baseline": lambda data, snapshot, repeats, params: baseline_side(data, snapshot, repeats, params),
    "regions": lambda data, snapshot, repeats, params: regions_side(data, min(repeats, 3)),
    "dated": lambda data, snapshot, repeats, params: bench_dated.side(data, snapshot, repeats, timed, peak_mb),
}


def work_ratio(cli: dict) -> float:
    """The export's wall time less its start-up, against bare DuckDB's whole run (issue 11: ≤ 1.5x plus start-up)."""
    return (cli["export_cli"]["median_ms"] - cli["export_start_up"]["median_ms"]) / cli["export_bare_duckdb"][
        "median_ms"
    ]


def report(result: dict) -> str:
    """A readable table; each figure against its budget."""
    app, base = result["app"], result["baseline"]
    ok = lambda value, budget: "ok" if value <= budget else "OVER"  # noqa: E731
    lines = [
        f"snapshot {result['snapshot']} on {result['machine']['cpus']} CPUs, Python {result['machine']['python']}",
        f"snapshot open: {app['open_ms']:.0f} ms",
        "",
        f"{'query':30s} {'median ms':>10s} {'p95 ms':>8s}  budget {BUDGETS['query_ms']} ms",
    ]
    for name, figures in sorted(app["queries"].items()):
        lines.append(
            f"{name:30s} {figures['median_ms']:10.1f} {figures['p95_ms']:8.1f}  {ok(figures['p95_ms'], BUDGETS['query_ms'])}"
        )
    page_budget = result["budgets"]["page_ms"]
    lines += [
        "",
        f"{'page':30s} {'cold ms':>10s} {'warm med':>8s} {'warm p95':>9s}  budget {page_budget} ms warm (median)",
    ]
    for name, figures in app["pages"].items():
        lines.append(
            f"{name:30s} {figures['cold']['median_ms']:10.0f} {figures['warm']['median_ms']:8.0f} {figures['warm']['p95_ms']:9.0f}  "
            f"{ok(figures['warm']['median_ms'], page_budget)}"
        )
    cli = app["cli"]
    lines += [
        "",
        f"first page after a server start (cold, opens the snapshot): "
        f"{max(f['cold']['median_ms'] for f in app['pages'].values()):.0f} ms  budget {BUDGETS['first_page_ms']} ms  "
        f"{ok(max(f['cold']['median_ms'] for f in app['pages'].values()), BUDGETS['first_page_ms'])}",
        f"snapshot open: {app['open_ms']:.0f} ms  budget {BUDGETS['open_ms']} ms  {ok(app['open_ms'], BUDGETS['open_ms'])}",
        f"export --indicators gdp from the command line: {cli['export_cli']['median_ms']:.0f} ms wall (Python start included)  "
        f"budget {BUDGETS['export_cli_ms']} ms  {ok(cli['export_cli']['median_ms'], BUDGETS['export_cli_ms'])}; "
        f"bare DuckDB, same filter, own process: {cli['export_bare_duckdb']['median_ms']:.0f} ms "
        f"(ratio {cli['export_cli']['median_ms'] / cli['export_bare_duckdb']['median_ms']:.2f}); "
        f"start-up alone (Python and imports) {cli['export_start_up']['median_ms']:.0f} ms, so the export's own work is "
        f"{work_ratio(cli):.2f}x bare DuckDB (budget 1.5x)  {ok(work_ratio(cli), 1.5)}",
    ]
    regions = app["regions"]
    lines += [
        "",
        f"all of China's regions ({regions['national_regions']:,}): a 10,000-row table of districts checked by ingest in a fresh "
        f"process {regions['match_10k_first_s']:.2f} s (matcher built), again {regions['match_10k_again']['median_ms'] / 1000:.2f} s; "
        f"{regions['matched']:,} values matched, {regions['problems']} problems  budget {BUDGETS['match_10k_s']} s  "
        f"{ok(regions['match_10k_first_s'], BUDGETS['match_10k_s'])}",
        f"catalog load (remembered; the national list is read by ingest only): {regions['catalog_load']['median_ms']:.1f} ms  "
        f"budget {BUDGETS['catalog_ms']} ms  {ok(regions['catalog_load']['median_ms'], BUDGETS['catalog_ms'])}",
    ]
    csv_s = app["exports"]["csv_1m"]["median_ms"] / 1000
    lines += [
        "",
        f"CSV of 1,000,000 rows: {csv_s:.2f} s  {ok(csv_s, BUDGETS['csv_1m_s'])}",
        f"XLSX of {app['exports']['xlsx_rows']:,} rows (the data page's XLSX limit, max_xlsx_rows): "
        f"{app['exports']['xlsx_limit']['median_ms'] / 1000:.2f} s  {ok(app['exports']['xlsx_limit']['median_ms'] / 1000, BUDGETS['xlsx_limit_s'])}",
        f"peak memory of the server process running every page: {app['peak_rss_mb']:.0f} MB  {ok(app['peak_rss_mb'], BUDGETS['rss_mb'])}",
        f"peak memory of a process building the 1,000,000-row CSV and XLSX: {app['peak_rss_with_exports_mb']:.0f} MB",
        "",
        f"typical pandas app: load {base['load_ms']:.0f} ms once, peak memory {base['peak_rss_mb']:.0f} MB",
        f"{'question':30s} {'pandas ms':>10s} {'duckdb ms':>10s} {'ratio':>7s}",
    ]
    for name, figures in base["queries"].items():
        ours = app["queries"][name]["median_ms"]
        lines.append(f"{name:30s} {figures['median_ms']:10.1f} {ours:10.1f} {figures['median_ms'] / ours:7.1f}x")
    lines += bench_dated.report(app.get("dated", {}), ok)
    return "\n".join(lines)
