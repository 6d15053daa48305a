"""Command line: python -m chuangcheng demo | reported | export | scorecard | report | weekly | ingest | boundaries | china-regions | bench
(see --help of each).

Runs without Streamlit: only `bench`, which drives the pages headless, imports it, when it runs."""

import argparse
import importlib.util
import json
import sys
from datetime import date, datetime
from pathlib import Path

from chuangcheng import ROOT, settings
from chuangcheng.errors import ChuangchengError, DamagedSnapshot, InvalidParameter, NotInSnapshot
from chuangcheng.i18n import damage_text, t
from chuangcheng.model import catalog, kinds
from chuangcheng.model import params as params_module
from chuangcheng.model.params import Params
from chuangcheng.model.regions import LEVELS
from chuangcheng.render import export
from chuangcheng.render import weekly as weekly_render
from chuangcheng.store import publishing, snapshots
from chuangcheng.store.db import Database
from chuangcheng.views import bulletin, common, data, periods, region, weekly


def lazy(name: str):
    """A module loaded when first used (the standard library's LazyLoader recipe): a one-indicator export
    should not pay for Plotly, the benchmark, the ingest matchers or the data generators."""
    spec = importlib.util.find_spec(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bench, ingest, report = lazy("chuangcheng.dev.bench"), lazy("chuangcheng.ingest"), lazy("chuangcheng.render.report")
loadtest = lazy("chuangcheng.dev.loadtest")
demo, national, reported = (
    lazy("chuangcheng.datasets.demo"),
    lazy("chuangcheng.datasets.national"),
    lazy("chuangcheng.datasets.reported"),
)
city_scale = lazy("chuangcheng.datasets.city_scale")
GENERATED = {"national": national, "city": city_scale}  # the benchmark's data, generated, never committed
geo_importer = lazy("chuangcheng.geo.importer")
china = lazy("chuangcheng.datasets.china")


def data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=None, help="data folder (default: the CHUANGCHENG_DATA_DIR setting, else data/)"
    )


def command_demo(args: argparse.Namespace) -> None:
    if args.scale in GENERATED:
        if not args.out:
            raise ChuangchengError(f"--scale {args.scale} needs --out DIR (it is generated, never committed)")
        manifest = GENERATED[args.scale].build(args.out)
    else:
        manifest = demo.build(args.out or args.data or settings.data_dir())
    print(f"wrote {manifest.path} ({kinds.counted(manifest.rows, 'en')})")


def command_reported(args: argparse.Namespace) -> None:
    manifest = reported.build(args.data or settings.data_dir())
    print(f"wrote {manifest.path} ({kinds.counted(manifest.rows, 'en')})")


def asked(database: Database, view, params: Params, **options):
    """Ask a view, among the peers asked for; on the command line a value the snapshot does not have (a peer group the
    catalog does not know too) is an error, not a fallback."""
    if params.peers and params.peers not in database.catalog.peer_schemes():
        raise NotInSnapshot(database.manifest.id, "peers", [params.peers])
    answer = view(database.for_peers(params.peers), params, **options)
    if answer.notices:
        notice = answer.notices[0]
        raise NotInSnapshot(database.manifest.id, notice.param, notice.value.split(", "))
    return answer


def opened(args: argparse.Namespace) -> Database:
    """The snapshot the command names (else the default one), opened read-only."""
    data_dir = args.data or settings.data_dir()
    manifest = (
        snapshots.find(data_dir, args.snapshot)
        if args.snapshot
        else snapshots.default(data_dir, settings.get("default_dataset"))
    )
    database = Database(manifest, catalog.load(data_dir))
    if database.notice:  # the numbers are right but slow to come: say why, on stderr, so the output stays clean
        lang = getattr(args, "lang", "en")
        why = t(database.notice.replace("derived_", "derived_why_"), lang)
        print(t("derived_command", lang, snapshot=manifest.id, why=why), file=sys.stderr)
    return database


def emit(data: bytes, out: Path | None) -> None:
    """Write to the file named, else to standard output."""
    if out:
        out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def command_export(args: argparse.Namespace) -> None:
    database = opened(args)
    params = Params(
        snapshot=database.manifest.id,
        lang=args.lang,
        regions=tuple(args.districts or ()),
        indicators=tuple(args.indicators or ()),
        years=tuple(args.years) if args.years else None,
    )
    answer = asked(database, data.data_rows, params)
    created = datetime.fromisoformat(database.manifest.created)
    names = common.region_names(database, args.lang)
    emit(
        export.render(
            answer.rows, database.catalog, names, args.lang, args.layout, args.format, created, args.full_precision
        ),
        args.out,
    )


def command_scorecard(args: argparse.Namespace) -> None:
    if args.year is None and args.period is None:
        raise ChuangchengError("scorecard needs --year (the year's scorecard) or --period (a month's figures)")
    database = opened(args)
    params = Params(
        snapshot=database.manifest.id,
        lang=args.lang,
        level=args.region_level,
        parent=args.parent,
        year=args.year,
        peers=args.peers,
    )
    created = datetime.fromisoformat(database.manifest.created)
    if args.period:  # the month's bulletin: every region's figures of the period, with 环比 and 同比
        figures = asked(database, periods.scope_periods, params.but(period=args.period, year=None, since=args.since))
        emit(export.render_periods(figures, args.format, created), args.out)
        return
    answer = asked(database, bulletin.bulletin, params, level=args.level)
    if answer.table.empty:
        raise ChuangchengError(f"no region of snapshot {database.manifest.id} is scored in {args.year}")
    generated = t("bulletin_generated", args.lang, date=date.today().isoformat())
    emit(
        export.render_scorecard(answer, args.format, created, generated),
        args.out,
    )


def scorecard_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshot", help="snapshot id (default: newest of the default dataset)")
    parser.add_argument("--year", type=int, help="the year scored (required unless --period is given)")
    parser.add_argument(
        "--period",
        type=period_argument,
        help="a month (2025-06) or quarter: every region's figures of that period with 环比 and 同比, instead of "
        "the year's scorecard",
    )
    parser.add_argument(
        "--since",
        type=period_argument,
        help="with --period: an earlier period of its grain (2024-12); the file adds each figure's change since then",
    )
    parser.add_argument(
        "--level",
        choices=bulletin.LEVELS,
        default="summary",
        help="summary: one row per region, the bulletin people read; aspect or indicator: the long detail",
    )
    parser.add_argument(
        "--region-level", choices=LEVELS, help="which regions (default: the level with the most regions)"
    )
    parser.add_argument(
        "--parent",
        help="only the regions under this code; 'all' for every region of the level (default: as the overview)",
    )
    peers_argument(parser)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--format", choices=export.FORMATS, default="csv")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")


def command_report(args: argparse.Namespace) -> None:
    database = opened(args)
    params = Params(snapshot=database.manifest.id, lang=args.lang, region=args.region, year=args.year, peers=args.peers)
    view = asked(database, region.region, params)
    months = asked(database, periods.report_periods, view.params.but(period=args.period))
    emit(report.region_report(view, database.catalog, months).encode("utf-8"), args.out)


def command_weekly(args: argparse.Namespace) -> None:
    database = opened(args)
    params = Params(
        snapshot=database.manifest.id, lang=args.lang, level=args.region_level, parent=args.parent, period=args.period
    )
    answer = asked(database, weekly.weekly, params)
    if answer.period is None:
        raise ChuangchengError(t("weekly_none", args.lang))
    created = datetime.fromisoformat(database.manifest.created)
    emit(weekly_render.render(answer, database.manifest.id, args.format, created), args.out)


def weekly_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshot", help="snapshot id (default: newest of the default dataset)")
    parser.add_argument(
        "--period",
        type=period_argument,
        help="the week (2025-W09), or a month (2025-06): default, the last week the records cover to its end",
    )
    parser.add_argument("--region-level", choices=LEVELS, help="which regions (default: streets, where the ledger is)")
    parser.add_argument("--parent", help="the regions under this code (default: the district with the most records)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--format", choices=weekly_render.FORMATS, default="xlsx")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")


def peers_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--peers",
        help="what regions are compared with: parent (default: the same parent's), level (every region of "
        "the level), or a peer group of catalog/peer_groups.toml (capitals, key_36 ...)",
    )


def period_argument(value: str) -> str:
    """A period flag in canonical text; argparse names what is wrong with it, never a traceback."""
    try:
        return params_module.period("period", [value])
    except InvalidParameter as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshot", help="snapshot id (default: newest of the default dataset)")
    parser.add_argument("--region", required=True, help="region code (any level)")
    parser.add_argument("--year", type=int, help="year of the scorecard (default: the latest scored)")
    parser.add_argument(
        "--period",
        type=period_argument,
        help="the month (2025-06, or a quarter 2025Q2) of the year whose figures the report's monthly section shows "
        "(default: the year's latest)",
    )
    peers_argument(parser)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--out", type=Path, help="HTML file to write (default: standard output)")


def command_ingest(args: argparse.Namespace) -> None:
    request = ingest.Request(
        files=args.files,
        snapshot=args.snapshot,
        title=args.title or "",
        dataset=args.dataset or "",
        base=args.base,
        mapping=args.mapping,
        regions=args.regions,
        lang=args.lang,
        replace=args.replace,
    )
    data_dir = args.data or settings.data_dir()
    result = ingest.ingest(request, data_dir, publish=not args.check)
    problem_table(result, len(args.files), args.lang)
    if not result.ok:
        raise ChuangchengError(t("ingest_failed", args.lang, count=len(result.problems)))
    if args.check:
        print(ingest.described(result, request, data_dir))
        print(t("ingest_checked", args.lang, rows=kinds.counted_rows(result.frames, args.lang)))
        return
    print(t("ingest_done", args.lang, snapshot=result.manifest.id, rows=kinds.counted(result.manifest.rows, args.lang)))


def problem_table(result, files: int, lang: str) -> None:
    """The summary first, then the warnings and the grouped problems, on standard error."""
    report = importlib.import_module("chuangcheng.ingest.report")  # the copy the package uses, not a second one
    print(report.summary(result.problems, result.warnings, files, result.rows_read, lang), file=sys.stderr)
    for title, found in (
        (t("col_warning", lang), result.warnings),
        (t("ingest_problems_title", lang), result.problems),
    ):
        if found:
            print(f"\n{title}:\n{report.render(found, lang)}", file=sys.stderr)


def ingest_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="CSV (UTF-8 or GBK), XLSX or Parquet; long or wide; survey microdata too",
    )
    parser.add_argument("--snapshot", required=True, help="id of the new snapshot (lowercase letters, digits, . _ -)")
    parser.add_argument("--title", help="a title for people (default: the id)")
    parser.add_argument("--dataset", help="dataset the snapshot belongs to (default: the base's, else the id)")
    parser.add_argument("--base", help="start from this snapshot and lay the new figures over it")
    parser.add_argument("--mapping", type=Path, help="TOML file adapting a foreign table (see README)")
    parser.add_argument(
        "--regions",
        type=Path,
        help="CSV of the snapshot's own regions (code, parent_code, level, name_zh, name_en[, aliases]); "
        "they go into the snapshot, never into data/catalog",
    )
    parser.add_argument(
        "--check", action="store_true", help="dry run: check everything, print problems and warnings, write nothing"
    )
    parser.add_argument(
        "--replace", action="store_true", help="allow the new files to change values of the --base snapshot"
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the problem messages")


def command_boundaries(args: argparse.Namespace) -> None:
    """Import boundaries as the ingest does: every problem listed, nothing written unless there are none."""
    result, problems = geo_importer.import_boundaries(
        args.file, args.data or settings.data_dir(), args.name, args.code_property, lang=args.lang, check=args.check
    )
    report = importlib.import_module("chuangcheng.ingest.report")
    for title, found in (
        (t("col_warning", args.lang), result.warnings),
        (t("ingest_problems_title", args.lang), problems),
    ):
        if found:
            print(f"{title}:\n{report.render(found, args.lang)}\n", file=sys.stderr)
    if problems:
        raise ChuangchengError(t("boundaries_failed", args.lang, count=len(problems)))
    sizes = {
        "size": geo_importer.megabytes(result.bytes_after),
        "before": geo_importer.megabytes(result.bytes_before),
        "features": len(result.codes),
    }
    print(
        t("boundaries_checked", args.lang, **sizes)
        if args.check
        else t("boundaries_done", args.lang, path=result.path, **sizes)
    )


def boundaries_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="GeoJSON (.geojson, .json) or a zipped Shapefile (.zip), in WGS84 longitude and latitude",
    )
    parser.add_argument("--code-property", required=True, help="the feature property holding each region's code")
    parser.add_argument(
        "--name",
        help="stored as <data>/boundaries/NAME.geojson, replacing a file of that name (default: from FILE's name)",
    )
    parser.add_argument(
        "--check", action="store_true", help="dry run: check and simplify, print problems and sizes, write nothing"
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the problem messages")


def command_rebuild(args: argparse.Namespace) -> None:
    data_dir = args.data or settings.data_dir()
    rebuilt = publishing.rebuild(data_dir, args.snapshot)
    print(
        f"rebuilt the derived tables of {', '.join(rebuilt)}"
        if rebuilt
        else "every snapshot's derived tables are current"
    )


def command_verify(args: argparse.Namespace) -> None:
    """Hash every file of every snapshot (or one) against its manifest, whatever was remembered; exit 1 on damage."""
    from chuangcheng.store import integrity

    good, damaged = integrity.survey(args.data or settings.data_dir(), full=True)
    if args.snapshot:
        good = [m for m in good if m.id == args.snapshot]
        damaged = [d for d in damaged if d.snapshot_id == args.snapshot]
        if not good and not damaged:
            raise snapshots.SnapshotNotFound(args.snapshot)
    for manifest in good:
        print(t("verify_ok", args.lang, snapshot=manifest.id))
    for damage in damaged:
        print(damage_text(damage, args.lang))
    print(t("verify_summary", args.lang, good=len(good), damaged=len(damaged)))
    if damaged:
        raise SystemExit(1)


def verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshot", help="only this snapshot (default: every snapshot)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")


def rebuild_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--snapshot", help="only this snapshot (default: every snapshot whose derived tables are not current)"
    )


def command_bench(args: argparse.Namespace) -> None:
    if args.phase:  # one side of the benchmark, in its own process; prints JSON for the parent
        print(json.dumps(bench.SIDES[args.phase](args.data, args.snapshot, args.repeats, json.loads(args.params))))
        return
    if args.load:
        return command_load(args)
    data, snapshot = args.data, args.snapshot
    if args.scale in GENERATED:
        generated = GENERATED[args.scale]
        data = data or ROOT / "bench-out" / args.scale
        if not (Path(data) / "snapshots" / generated.SNAPSHOT["id"]).exists():
            generated.build(data)
        snapshot = snapshot or generated.SNAPSHOT["id"]
    data, snapshot = data or settings.data_dir(), snapshot or demo.SNAPSHOT["id"]
    result = bench.run(Path(data), snapshot, args.repeats or (20 if args.scale == "demo" else 7))
    out = args.out or ROOT / "bench-out" / f"bench-{args.scale}.json"
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(bench.report(result))
    print(f"\nfigures written to {out}")


def command_load(args: argparse.Namespace) -> None:
    result = loadtest.run(
        args.load,
        args.pause,
        args.duration,
        args.settle,
        args.url,
        args.data or settings.data_dir(),
        processes=args.processes,
    )
    processes = f"-{args.processes}p" if args.processes > 1 else ""
    out = args.out or ROOT / "bench-out" / f"load-{args.load}-pause{args.pause:g}{processes}.json"
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(loadtest.report(result))
    print(f"\nfigures written to {out}")


def bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=("demo", *GENERATED), default="demo")
    parser.add_argument(
        "--snapshot",
        help="snapshot to measure (default: demo-v1, national-v1 at national scale, city-v1 at city scale)",
    )
    parser.add_argument("--repeats", type=int, help="runs per figure (default: 20, or 7 at national and city scale)")
    parser.add_argument("--out", type=Path, help="JSON file for the figures (default: bench-out/bench-SCALE.json)")
    parser.add_argument(
        "--load",
        type=int,
        metavar="N",
        help="instead: N sessions at once over the pages of a server, through its websocket",
    )
    parser.add_argument(
        "--pause", type=float, default=5.0, help="with --load: seconds each session pauses between pages (0: none)"
    )
    parser.add_argument(
        "--duration", type=float, default=60.0, help="with --load: seconds the sessions run (at most 3600)"
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=120.0,
        help="with --load: seconds to wait after the sessions before reading memory again",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="P",
        help="with --load: start P server processes behind HAProxy (deploy/haproxy.cfg; needs the haproxy package)",
    )
    parser.add_argument(
        "--url",
        help="with --load: a server already running on this machine (default: start one on a free port with the data)",
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--params", default="{}", help=argparse.SUPPRESS)


def export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshot", help="snapshot id (default: newest of the default dataset)")
    parser.add_argument(
        "--districts", "--regions", nargs="+", metavar="CODE", help="region codes, any level (default: all)"
    )
    parser.add_argument("--indicators", nargs="+", metavar="CODE", help="indicator codes (default: all)")
    parser.add_argument(
        "--years", nargs=2, type=int, metavar=("FIRST", "LAST"), help="first and last year (default: all)"
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--layout", choices=export.LAYOUTS, default="long")
    parser.add_argument("--format", choices=export.FORMATS, default="csv")
    parser.add_argument(
        "--full-precision",
        action="store_true",
        help="write the stored doubles, not values rounded to the catalog's decimals",
    )
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")


def command_china_regions(args: argparse.Namespace) -> None:
    summary = china.build(args.out, args.tarballs)
    sources = ", ".join(f"{name} {s['version']} ({s['licence']})" for name, s in summary["sources"].items())
    print(f"wrote {summary['regions']} regions and {summary['changes']} codes gone since to {args.out} from {sources}")


def china_regions_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "data" / "catalog" / "china",
        help="folder to write (default: data/catalog/china)",
    )
    parser.add_argument(
        "--tarballs",
        type=Path,
        default=None,
        help="folder holding the packages' .tgz (fetched there with npm pack when missing; default: a temporary one)",
    )


def demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scale",
        choices=("demo", *GENERATED),
        default="demo",
        help="national: about 2,900 districts and 10 million survey answers; city: 156 streets' year of weekly "
        "inspections (6.5 million results) and 60,000 problems; both for the benchmark",
    )
    parser.add_argument("--out", type=Path, help="data folder to write (required with --scale national or city)")


COMMANDS = (
    ("demo", command_demo, demo_arguments, "rebuild the demo snapshot (deterministic: same bytes every time)"),
    (
        "reported",
        command_reported,
        lambda parser: None,
        "rebuild the snapshot of reported figures from data/sources/seed-facts.csv",
    ),
    (
        "export",
        command_export,
        export_arguments,
        "export filtered rows as the data page does (same filters, same bytes)",
    ),
    (
        "scorecard",
        command_scorecard,
        scorecard_arguments,
        "the yearly bulletin (年度通报): every region's scorecard for a year, by aspect or by indicator",
    ),
    (
        "report",
        command_report,
        report_arguments,
        "the printable report of one region and year (HTML), as the district page's button gives it",
    ),
    (
        "weekly",
        command_weekly,
        weekly_arguments,
        "the weekly 督查通报 of a district's streets (XLSX or printable HTML), as the Weekly bulletin page gives it",
    ),
    (
        "rebuild",
        command_rebuild,
        rebuild_arguments,
        "rebuild the derived tables (rates, attainment, scores) of snapshots after a catalog or setting change",
    ),
    (
        "verify",
        command_verify,
        verify_arguments,
        "check every file of every snapshot against its manifest's checksums (exit 1 on damage)",
    ),
    (
        "ingest",
        command_ingest,
        ingest_arguments,
        "validate files and publish them as a new snapshot (nothing is written if anything is wrong)",
    ),
    (
        "boundaries",
        command_boundaries,
        boundaries_arguments,
        "import region boundaries for the map (GeoJSON or zipped Shapefile; nothing is written if anything is wrong)",
    ),
    (
        "china-regions",
        command_china_regions,
        china_regions_arguments,
        "rebuild data/catalog/china (all of China's regions, and codes gone since) from the npm packages it records",
    ),
    (
        "bench",
        command_bench,
        bench_arguments,
        "time every query and page, exports and memory, against the typical pandas approach",
    ),
)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m chuangcheng", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    for name, function, arguments, help_text in COMMANDS:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        arguments(sub)
        data_dir_argument(sub)
        sub.set_defaults(function=function)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.function(args)
    except DamagedSnapshot as damage:
        lang = getattr(args, "lang", None) or "en"
        print(t("cli_error", lang, message=damage_text(damage, lang)), file=sys.stderr)
        return 1
    except ChuangchengError as error:
        print(t("cli_error", getattr(args, "lang", None) or "en", message=error), file=sys.stderr)
        return 1
    return 0
