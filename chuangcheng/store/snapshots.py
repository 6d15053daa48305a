"""Snapshots on disk: what a snapshot folder holds, its manifest, listing them and picking the default
(store/publishing.py writes new ones atomically)."""

import dataclasses
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from chuangcheng.errors import DamagedSnapshot, SnapshotNotFound
from chuangcheng.model import kinds

# Each kind's file and schema (model/kinds.py): figures and survey microdata.
FILES = {kind.file: kind.schema for kind in kinds.KINDS}
OBSERVATIONS = pa.schema(kinds.FIGURES.required)  # the columns every figures file has
SURVEY = kinds.SURVEY.schema
# A snapshot may carry its own regions (new ones, names, aliases) over the catalog's reviewed list.
REGIONS_FILE = "regions.parquet"
DERIVED_FOLDER = "derived"  # the derived tables written at publish (store/derive.py)
ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")  # used with fullmatch: "abc\n" is not an id
QUALIFIERS = ("=", ">=", "<=")
STATUSES = ("reported", "estimated", "synthetic")


@dataclass(frozen=True)
class Manifest:
    """What manifest.json says of one snapshot."""

    id: str
    dataset: str
    title: str
    created: str
    built_from: list[str]
    rows: dict[str, int]
    checksums: dict[str, str]
    path: Path
    derived: dict = field(default_factory=dict)  # see store/derive.py: version, files and their checksums

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        """The manifest of folder; DamagedSnapshot when it is not JSON, lacks a field, has one we do not know,
        or a field of the wrong kind: a hand-edited manifest must not pass for a published one."""
        try:
            fields = read_manifest(folder)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise DamagedSnapshot(Path(folder).name, "damaged_manifest", detail=type(error).__name__) from error
        if not isinstance(fields, dict):
            raise DamagedSnapshot(Path(folder).name, "damaged_manifest", detail="not an object")
        names = {f.name for f in dataclasses.fields(cls)} - {"path"}
        required = names - {"derived"}
        if set(fields) - names or required - set(fields):
            unknown, missing = sorted(set(fields) - names), sorted(required - set(fields))
            raise DamagedSnapshot(
                Path(folder).name,
                "damaged_manifest_fields",
                unknown=", ".join(unknown) or "-",
                missing=", ".join(missing) or "-",
            )
        manifest = cls(path=Path(folder), **fields)
        if not manifest.well_typed():
            raise DamagedSnapshot(Path(folder).name, "damaged_manifest", detail="a field of the wrong kind")
        return manifest

    def well_typed(self) -> bool:
        texts = all(isinstance(v, str) for v in (self.id, self.dataset, self.title, self.created))
        mappings = isinstance(self.rows, dict) and isinstance(self.checksums, dict) and isinstance(self.derived, dict)
        return texts and mappings and isinstance(self.built_from, list)

    def file(self, name: str) -> Path:
        return self.path / name

    @property
    def fingerprint(self) -> str:
        """Changes whenever any file of the snapshot does (a republished or rebuilt id reopens)."""
        return "-".join(sorted(self.checksums.values()) + sorted(self.derived.get("files", {}).values()))

    @property
    def data_dir(self) -> Path:
        """The data folder the snapshot belongs to (data_dir/snapshots/<id>)."""
        return self.path.parent.parent


def read_manifest(folder: Path) -> dict:
    return json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))


def write_manifest(folder: Path, fields: dict) -> None:
    path = Path(folder) / "manifest.json"
    path.write_text(json.dumps(fields, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / "snapshots"


def survey(data_dir: Path) -> tuple[list[Manifest], list[DamagedSnapshot]]:
    """Every published snapshot whose manifest reads, newest first, and those whose manifest does not
    (half-written ones start with '.' and are skipped). One bad manifest never hides the others."""
    found, damaged = [], []
    for path in sorted(folder(data_dir).glob("[!.]*")):
        if not path.is_dir():
            continue
        if not (path / "manifest.json").is_file():
            damaged.append(DamagedSnapshot(path.name, "damaged_no_manifest"))
            continue
        try:
            manifest = Manifest.read(path)
        except DamagedSnapshot as damage:
            damaged.append(damage)
            continue
        if manifest.id != path.name:  # a copied or renamed folder would answer for another id
            damaged.append(DamagedSnapshot(path.name, "damaged_id", id=manifest.id))
            continue
        found.append(manifest)
    return sorted(found, key=lambda m: (m.created, m.id), reverse=True), damaged


def list_all(data_dir: Path) -> list[Manifest]:
    """Every published snapshot whose manifest reads, newest first."""
    return survey(data_dir)[0]


def find(data_dir: Path, snapshot_id: str) -> Manifest:
    manifests, damaged = survey(data_dir)
    for manifest in manifests:
        if manifest.id == snapshot_id:
            return manifest
    for damage in damaged:
        if damage.snapshot_id == snapshot_id:
            raise damage
    raise SnapshotNotFound(snapshot_id)


def default(data_dir: Path, dataset: str, manifests: list[Manifest] | None = None) -> Manifest:
    """The newest snapshot of the dataset, else the newest of any (of manifests, when given)."""
    manifests = list_all(data_dir) if manifests is None else manifests
    if not manifests:
        raise SnapshotNotFound(f"{dataset} (no snapshots at all)")
    return next((m for m in manifests if m.dataset == dataset), manifests[0])


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_parquet(table: pa.Table, path: Path, row_group_size: int = 1 << 20) -> None:
    # Fixed options so the same rows always give the same bytes (the demo rebuild test relies on it); a CRC per page
    # lets pyarrow refuse a rotten page when it reads (DuckDB's reader ignores them: integrity.py hashes its files).
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=9,
        row_group_size=row_group_size,
        write_statistics=True,
        store_schema=False,
        write_page_checksum=True,
    )
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
