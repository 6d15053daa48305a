"""Derived tables built once, when a snapshot is published, by the same SQL a snapshot is opened with.

survey_rates, indicator_values, attainment, aspect_scores, overall_scores, region_years, period_values (figures
finer than a year, with the period before and a year earlier) and period_years are written as Parquet in the
snapshot's derived/ folder, with a version: a hash of everything besides the snapshot's own files that they
depend on (the catalog files scoring reads, the derived SQL, the scoring settings). A snapshot whose
derived files are missing or of another version is computed in memory when opened, with a notice, and
`python -m chuangcheng rebuild` writes them anew (beside, then renamed, as publishing is): never stale.
"""

import hashlib
import secrets
import shutil
from pathlib import Path

import pyarrow as pa

from chuangcheng import QUERIES, settings
from chuangcheng.model import catalog as catalog_module
from chuangcheng.store import integrity, snapshots

FOLDER = "derived"
TABLES = (
    "survey_rates",
    "indicator_values",
    "attainment",
    "aspect_scores",
    "overall_scores",
    "region_years",
    "period_values",
    "period_years",
)
# Scoring reads these catalog files; sources.csv only names documents, so editing it changes no score.
CATALOG_INPUTS = ("aspects.csv", "indicators.toml", "scales.csv", "regions.csv")
# Sorted by what the pages filter on, in row groups small enough for those filters to skip most of a file.
ORDER = {
    "survey_rates": ["region_code", "year", "indicator"],
    # Indicator first: a one-indicator export or chart reads a few row groups; within an indicator, a
    # scope's or a region's rows lie together, so their questions skip most row groups too.
    "indicator_values": ["indicator", "parent_code", "level", "region_code", "year"],
    "attainment": ["parent_code", "level", "year", "region_code", "indicator"],
    "aspect_scores": ["parent_code", "level", "year", "region_code", "aspect"],
    "overall_scores": ["parent_code", "level", "year", "region_code"],
    "region_years": ["parent_code", "level", "year", "region_code", "status"],
    "period_values": ["indicator", "parent_code", "level", "region_code", "period_start"],
    "period_years": ["parent_code", "level", "year", "region_code", "status"],
}
ROW_GROUP = 16_384


def version(data_dir: Path) -> str:
    """What the derived tables were built with, besides the snapshot itself."""
    digest = hashlib.sha256()
    for name in CATALOG_INPUTS:
        digest.update(name.encode() + b"\0" + (Path(data_dir) / "catalog" / name).read_bytes() + b"\0")
    for path in sorted((QUERIES / "derived").glob("*.sql")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in ("min_coverage", "min_peers"):
        digest.update(f"{name}={settings.get(name)}\0".encode())
    return digest.hexdigest()


def is_current(manifest: snapshots.Manifest, data_dir: Path) -> bool:
    """True when the snapshot's derived files exist, match their checksums and this version."""
    return why_not_current(manifest, data_dir) is None


def why_not_current(manifest: snapshots.Manifest, data_dir: Path) -> str | None:
    """None when the derived files can be read; else the notice to show while they are computed in memory:
    derived_missing, derived_stale (another catalog, SQL or setting) or derived_damaged (a file differs)."""
    return why_not_listed(manifest, data_dir) or (None if integrity.derived_sound(manifest) else "derived_damaged")


def why_not_listed(manifest: snapshots.Manifest, data_dir: Path) -> str | None:
    """why_not_current() short of the checksums: derived_missing or derived_stale, else None."""
    derived = manifest.derived or {}
    files = derived.get("files", {})
    if not files or not can_derive(data_dir) or set(files) != {f"{table}.parquet" for table in TABLES}:
        return "derived_missing"
    if not all((manifest.path / FOLDER / name).is_file() for name in files):
        return "derived_missing"
    if derived.get("version") != version(data_dir):
        return "derived_stale"
    return None


def compute(folder: Path, data_dir: Path) -> dict[str, pa.Table]:
    """The derived tables of the snapshot in folder, computed in memory by queries/derived/*.sql.

    One thread: sums of doubles then add up in one order, so the same snapshot gives the same bytes."""
    from chuangcheng.store.db import Database  # db reads what this module writes; imported here, not at the top

    database = Database(
        snapshots.Manifest.read(folder), catalog_module.load(data_dir), threads=1, derived=False, verify=False
    )
    try:
        return {
            table: database.table(table).sort_by([(column, "ascending") for column in ORDER[table]]) for table in TABLES
        }
    finally:
        database.close()


def write(folder: Path, data_dir: Path) -> dict:
    """Write the derived tables into folder/derived and return the manifest's 'derived' entry."""
    tables = compute(folder, data_dir)
    target = folder / FOLDER
    target.mkdir(exist_ok=True)
    for table, rows in tables.items():
        snapshots.write_parquet(rows, target / f"{table}.parquet", row_group_size=ROW_GROUP)
    return {
        "version": version(data_dir),
        "from": {name: digest for name, digest in snapshots.read_manifest(folder)["checksums"].items()},
        "rows": {f"{table}.parquet": rows.num_rows for table, rows in tables.items()},
        "files": {f"{table}.parquet": snapshots.sha256(target / f"{table}.parquet") for table in tables},
    }


def attach(folder: Path, data_dir: Path) -> None:
    """Build the derived tables of a staged snapshot and record them in its manifest (publishing calls it)."""
    fields = snapshots.read_manifest(folder)
    fields["derived"] = write(folder, data_dir)
    snapshots.write_manifest(folder, fields)


def can_derive(data_dir: Path) -> bool:
    """A data folder without a catalog (a bare test folder) publishes raw files only; opening computes the rest."""
    return all((Path(data_dir) / "catalog" / name).is_file() for name in catalog_module.CATALOG_FILES)


def rebuild(data_dir: Path, snapshot_id: str | None = None) -> list[str]:
    """Rewrite the derived files of every snapshot (or one) that is not current; returns the ids rebuilt.

    A copy is made beside the snapshot, given new derived files and renamed into place: a reader sees the
    old snapshot or the new one, never a mix; the raw files are copied, never changed."""
    rebuilt = []
    for manifest in snapshots.list_all(data_dir):
        if (snapshot_id and manifest.id != snapshot_id) or is_current(manifest, data_dir):
            continue
        staging = snapshots.folder(data_dir) / f".staging-{manifest.id}-{secrets.token_hex(8)}"
        snapshots.remove_abandoned(snapshots.folder(data_dir))
        try:
            with snapshots.claimed(staging):
                shutil.copytree(manifest.path, staging, ignore=shutil.ignore_patterns(FOLDER), dirs_exist_ok=True)
                attach(staging, data_dir)
                snapshots.replace_dir(staging, manifest.path)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        integrity.vouch(snapshots.Manifest.read(manifest.path))  # the copies are new files to the remembered checks
        rebuilt.append(manifest.id)
    return rebuilt
