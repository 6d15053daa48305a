"""Every setting in one table: name, default and a line of help; read from CHUANGCHENG_<NAME>."""

import os
from dataclasses import dataclass
from pathlib import Path

from chuangcheng import ROOT


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return f"CHUANGCHENG_{self.name.upper()}"


SETTINGS = (
    Setting(
        "data_dir",
        "data",
        "Folder holding catalog/, sources/ and snapshots/ (relative to the project root, or absolute).",
    ),
    Setting("default_dataset", "demo", "Dataset whose newest snapshot is shown when no snapshot is chosen."),
    Setting("duckdb_threads", "2", "Threads each DuckDB instance may use."),
    Setting("duckdb_memory_limit", "512MB", "Memory each DuckDB instance may use (larger work spills to disk)."),
    Setting(
        "min_coverage",
        "50",
        "Percent of the catalog's scored indicators a region needs with a value in a year to be ranked; below it, shown with its coverage but not ranked.",
    ),
    Setting(
        "min_peers",
        "3",
        "Peers with a value a city_average standard needs (regions of the same level and parent); with fewer it is not scored.",
    ),
    Setting(
        "integrity_recheck_minutes",
        "10",
        "Minutes after which a running server hashes a snapshot's files again, to find rot that left a file's size, times and inode as they were (a changed file is found before the next answer, and every new process hashes what it opens).",
    ),
    Setting(
        "max_ingest_mb",
        "200",
        "Largest file, in MB, that ingest (command or upload) and the boundaries importer accept.",
    ),
    Setting(
        "max_inflated_mb",
        "500",
        "Most MB an XLSX or a zipped Shapefile (its zip entries) or a Parquet file may inflate to; a zip bomb is refused before anything is inflated.",
    ),
    Setting(
        "max_ingest_rows",
        "300000",
        "Most data rows one ingested file may have; reading stops and refuses the file as soon as it passes them, so a huge file costs no more than this many rows.",
    ),
    Setting("max_ingest_columns", "1000", "Most columns one ingested file may have."),
    Setting(
        "max_ingest_cells",
        "1500000",
        "Most cells (rows times columns) one ingested file may have: a wide file is checked value by value, so cells bound the time as rows do.",
    ),
    Setting("max_cell_chars", "10000", "Longest cell, in characters, an ingested file may have."),
    Setting(
        "max_xlsx_rows",
        "100000",
        "Most rows the data page offers as XLSX: what xlsxwriter writes in a few seconds (the README's Speed section measures it), leaving room for a busy server; CSV has no limit.",
    ),
    Setting(
        "api_max_rows",
        "1000000",
        "Most rows an /api/ endpoint returns; a larger answer is refused (413) and asks for narrower filters.",
    ),
    Setting("max_preview_rows", "5000", "Rows shown in the data page's preview table (downloads are not capped)."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of a setting: its environment variable if set, else its default."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env, setting.default)


def data_dir() -> Path:
    """The data folder, resolved against the project root."""
    path = Path(get("data_dir"))
    return path if path.is_absolute() else ROOT / path
