"""Command line: python -m chuangcheng demo | reported | export | scorecard | ingest ... (see --help of each)."""

import argparse
import sys
from pathlib import Path

from datetime import datetime

from chuangcheng import catalog, demo, export, ingest, reported, settings, snapshots
from chuangcheng.db import Database
from chuangcheng.errors import ChuangchengError
from chuangcheng.i18n import t


def data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: the CHUANGCHENG_DATA_DIR setting, else data/)")


def command_demo(args: argparse.Namespace) -> None:
    manifest = demo.build(args.data or settings.data_dir())
    print(f"wrote {manifest.path} ({manifest.rows['observations.parquet']} observations, {manifest.rows['survey.parquet']} survey answers)")


def command_reported(args: argparse.Namespace) -> None:
    manifest = reported.build(args.data or settings.data_dir())
    print(f"wrote {manifest.path} ({manifest.rows['observations.parquet']} observations)")


def export_filters(database: Database, args: argparse.Namespace) -> export.Filters:
    """The command's filters, each defaulting to everything in the snapshot."""
    districts = args.districts or list(database.query("districts")["region_code"])
    indicators = args.indicators or list(database.catalog.indicators.index)
    span = database.query("snapshot_years").iloc[0]
    first, last = args.years or (int(span["first_year"]), int(span["last_year"]))
    return export.Filters(tuple(districts), tuple(indicators), first, last)


def command_export(args: argparse.Namespace) -> None:
    data_dir = args.data or settings.data_dir()
    manifest = snapshots.find(data_dir, args.snapshot) if args.snapshot else snapshots.default(data_dir, settings.get("default_dataset"))
    database = Database(manifest, catalog.load(data_dir))
    filters = export_filters(database, args)
    unknown = sorted(set(filters.districts) - set(database.query("districts")["region_code"]))
    unknown += sorted(set(filters.indicators) - set(database.catalog.indicators.index))
    if unknown:
        raise ChuangchengError(f"not in snapshot {manifest.id}: {', '.join(unknown)}")
    rows = database.query("data_rows", **filters.params())
    data = export.render(rows, database.catalog, args.lang, args.layout, args.format, datetime.fromisoformat(manifest.created))
    if args.out:
        args.out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def command_scorecard(args: argparse.Namespace) -> None:
    data_dir = args.data or settings.data_dir()
    manifest = snapshots.find(data_dir, args.snapshot) if args.snapshot else snapshots.default(data_dir, settings.get("default_dataset"))
    database = Database(manifest, catalog.load(data_dir))
    rows = database.query(f"scorecard_{args.level}s", year=args.year)
    if rows.empty:
        raise ChuangchengError(f"no district of snapshot {manifest.id} is scored in {args.year}")
    data = export.render_scorecard(rows, database.catalog, args.lang, args.level, args.format, datetime.fromisoformat(manifest.created))
    if args.out:
        args.out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def scorecard_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshot", help="snapshot id (default: newest of the default dataset)")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--level", choices=export.SCORECARD_LEVELS, default="aspect")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--format", choices=export.FORMATS, default="csv")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")


def command_ingest(args: argparse.Namespace) -> None:
    request = ingest.Request(
        files=args.files, snapshot=args.snapshot, title=args.title or "", dataset=args.dataset or "", base=args.base,
        mapping=args.mapping, regions=args.regions, lang=args.lang,
    )
    result = ingest.ingest(request, args.data or settings.data_dir())
    if not result.ok:
        print(problem_table(result.problems, args.lang), file=sys.stderr)
        raise ChuangchengError(t("ingest_failed", args.lang, count=len(result.problems)))
    rows = result.manifest.rows
    print(t("ingest_done", args.lang, snapshot=result.manifest.id, observations=rows["observations.parquet"], survey=rows["survey.parquet"]))


def problem_table(problems: list, lang: str) -> str:
    """Every problem on one line: file, row, column, message, aligned as a table."""
    header = [t("col_file", lang), t("col_row", lang), t("col_column", lang), t("col_problem", lang)]
    lines = [[p.file, "" if p.row is None else str(p.row), p.column or "", p.message] for p in problems]
    widths = [max(len(line[i]) for line in [header] + lines) for i in range(3)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line[:3], widths)) + "  " + line[3] for line in [header] + lines)


def ingest_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="CSV (UTF-8 or GBK), XLSX or Parquet; long or wide; survey microdata too")
    parser.add_argument("--snapshot", required=True, help="id of the new snapshot (lowercase letters, digits, . _ -)")
    parser.add_argument("--title", help="a title for people (default: the id)")
    parser.add_argument("--dataset", help="dataset the snapshot belongs to (default: the base's, else the id)")
    parser.add_argument("--base", help="start from this snapshot and lay the new figures over it")
    parser.add_argument("--mapping", type=Path, help="TOML file adapting a foreign table (see README)")
    parser.add_argument("--regions", type=Path, help="CSV of new regions (code, parent_code, level, name_zh, name_en)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the problem messages")


def export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshot", help="snapshot id (default: newest of the default dataset)")
    parser.add_argument("--districts", nargs="+", metavar="CODE", help="district codes (default: all)")
    parser.add_argument("--indicators", nargs="+", metavar="CODE", help="indicator codes (default: all)")
    parser.add_argument("--years", nargs=2, type=int, metavar=("FIRST", "LAST"), help="first and last year (default: all)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--layout", choices=export.LAYOUTS, default="long")
    parser.add_argument("--format", choices=export.FORMATS, default="csv")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m chuangcheng", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    for name, function, help_text in (
        ("demo", command_demo, "rebuild the demo snapshot (deterministic: same bytes every time)"),
        ("reported", command_reported, "rebuild the snapshot of reported figures from data/sources/seed-facts.csv"),
    ):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        data_dir_argument(sub)
        sub.set_defaults(function=function)
    export_help = "export filtered rows as the data page does (same filters, same bytes)"
    sub = commands.add_parser("export", help=export_help, description=export_help)
    export_arguments(sub)
    data_dir_argument(sub)
    sub.set_defaults(function=command_export)
    scorecard_help = "the monthly bulletin: every district's scorecard for a year, by aspect or by indicator"
    sub = commands.add_parser("scorecard", help=scorecard_help, description=scorecard_help)
    scorecard_arguments(sub)
    data_dir_argument(sub)
    sub.set_defaults(function=command_scorecard)
    ingest_help = "validate files and publish them as a new snapshot (nothing is written if anything is wrong)"
    sub = commands.add_parser("ingest", help=ingest_help, description=ingest_help)
    ingest_arguments(sub)
    data_dir_argument(sub)
    sub.set_defaults(function=command_ingest)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.function(args)
    except ChuangchengError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
