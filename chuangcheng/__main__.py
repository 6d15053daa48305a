"""Command line: python -m chuangcheng demo | reported | export ... (see --help of each)."""

import argparse
import sys
from pathlib import Path

from chuangcheng import demo, reported, settings
from chuangcheng.errors import ChuangchengError


def data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: the CHUANGCHENG_DATA_DIR setting, else data/)")


def command_demo(args: argparse.Namespace) -> None:
    manifest = demo.build(args.data or settings.data_dir())
    print(f"wrote {manifest.path} ({manifest.rows['observations.parquet']} observations, {manifest.rows['survey.parquet']} survey answers)")


def command_reported(args: argparse.Namespace) -> None:
    manifest = reported.build(args.data or settings.data_dir())
    print(f"wrote {manifest.path} ({manifest.rows['observations.parquet']} observations)")


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
