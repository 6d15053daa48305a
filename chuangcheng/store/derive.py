"""Which derived tables a snapshot has and whether they are current (store/publishing.py writes them, built once,
when a snapshot is published, by the same SQL a snapshot is opened with).

survey_rates, indicator_values, attainment, aspect_scores, overall_scores, region_years, period_values (figures
finer than a year, with the period before and a year earlier) and period_years are written as Parquet in the
snapshot's derived/ folder, with a version: a hash of everything besides the snapshot's own files that they
depend on (the catalog files scoring reads, the derived SQL, the scoring settings). A snapshot whose
derived files are missing or of another version is computed in memory when opened, with a notice, and
`python -m chuangcheng rebuild` writes them anew (beside, then renamed, as publishing is): never stale.
"""

import hashlib
from pathlib import Path

from chuangcheng import QUERIES, settings
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import kinds
from chuangcheng.store import integrity, snapshots

FOLDER = snapshots.DERIVED_FOLDER
# Each kind's derived tables (model/kinds.py), a kind after those whose tables its SQL reads; sorted by what the
# pages filter on, in row groups small enough for those filters to skip most of a file.
ORDER = {table: list(columns) for table, columns in kinds.derived_tables().items()}
TABLES = tuple(ORDER)
# Scoring reads these catalog files; sources.csv only names documents, so editing it changes no score.
CATALOG_INPUTS = ("aspects.csv", "indicators.toml", "scales.csv", "regions.csv")
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


def can_derive(data_dir: Path) -> bool:
    """A data folder without a catalog (a bare test folder) publishes raw files only; opening computes the rest."""
    return all((Path(data_dir) / "catalog" / name).is_file() for name in catalog_module.CATALOG_FILES)
