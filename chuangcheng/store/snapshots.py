"""Snapshots on disk: list them from their manifests, pick the default, and write new ones atomically."""

import dataclasses
import errno
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from chuangcheng.errors import DamagedSnapshot, InvalidParameter, PublishFailed, SnapshotExists, SnapshotNotFound
from chuangcheng.model import regions

OBSERVATIONS = pa.schema(
    [
        ("region_code", pa.string()),
        ("year", pa.int32()),
        ("indicator", pa.string()),
        ("value", pa.float64()),
        ("qualifier", pa.string()),
        ("source", pa.string()),
        ("status", pa.string()),
    ]
)
SURVEY = pa.schema(
    [
        ("region_code", pa.string()),
        ("year", pa.int32()),
        ("respondent_id", pa.int32()),
        ("question", pa.string()),
        ("answer", pa.int16()),
        ("weight", pa.float64()),
        ("status", pa.string()),
    ]
)
# Columns a writer may leave out; they are stored as nulls (older snapshots lack them and read as nulls too).
# A note qualifies one figure ("cumulative over the campaign cycle", "year approximate") and travels with it.
# A period (model/periods.py's text: 2025-06, 2025Q2, 2025-W23) places a figure finer than a year; `year` then holds
# the period's year. Null, or the year itself, is the year's figure: snapshots written before periods read unchanged.
OPTIONAL = {"observations.parquet": [pa.field("note", pa.string()), pa.field("period", pa.string())]}
FILES = {
    "observations.parquet": pa.schema([*OBSERVATIONS, *OPTIONAL["observations.parquet"]]),
    "survey.parquet": SURVEY,
}
# A snapshot may carry its own regions (new ones, names, aliases) over the catalog's reviewed list.
REGIONS_FILE = "regions.parquet"
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


def publish(data_dir: Path, meta: dict, tables: dict[str, pa.Table], replace: bool = False) -> Manifest:
    """Write a snapshot beside the others under a hidden name, then rename it into place.

    A reader sees either no snapshot or a whole one. The id is claimed by the rename itself, which cannot
    replace a published snapshot: of two writers of one id exactly one publishes, the other gets
    SnapshotExists. replace=True (the generated datasets only) replaces an existing snapshot whole. A write
    that fails (a full disk) leaves nothing behind and says so; the snapshots before are never touched.
    """
    if not isinstance(meta.get("id"), str) or not ID.fullmatch(meta["id"]):
        raise InvalidParameter(
            "snapshot", str(meta.get("id"))[:80], "lowercase letters, digits, '.', '_' or '-', at most 64"
        )
    target = folder(data_dir) / meta["id"]
    if target.exists() and not replace:
        raise SnapshotExists(meta["id"])
    # A random token: two writers (threads, processes, containers sharing the folder) never share a staging folder.
    staging = folder(data_dir) / f".staging-{meta['id']}-{secrets.token_hex(8)}"
    remove_abandoned(folder(data_dir))
    try:
        with claimed(staging):
            reached("claimed staging")
            stage(data_dir, staging, meta, tables)
            (replace_dir if replace else claim_dir)(staging, target)
            reached("renamed")
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise PublishFailed(meta["id"], error) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    from chuangcheng.store import integrity  # integrity reads manifests with this module

    published = Manifest.read(target)
    integrity.vouch(published)
    return published


def stage(data_dir: Path, staging: Path, meta: dict, tables: dict[str, pa.Table]) -> Manifest:
    """Every file of the snapshot and its manifest, in the hidden staging folder (made and claimed by claimed())."""
    written = dict(FILES)
    if tables.get(REGIONS_FILE) is not None:
        written[REGIONS_FILE] = regions.SCHEMA
    for name, schema in written.items():
        write_parquet(conformed(tables[name], schema), staging / name)
        reached(f"wrote {name}")
    manifest = {
        **meta,
        "rows": {name: tables[name].num_rows for name in written},
        "checksums": {name: sha256(staging / name) for name in written},
    }
    write_manifest(staging, manifest)
    reached("wrote manifest.json")
    from chuangcheng.store import derive  # derive opens the staged snapshot with db, which imports this module

    if derive.can_derive(data_dir):
        derive.attach(staging, data_dir)
        reached("wrote derived")
    return Manifest.read(staging)


def claim_dir(staging: Path, target: Path) -> None:
    """Rename staging to target unless target exists: rename(2) onto a non-empty folder fails, so the check
    and the claim are one step (an empty folder of that name, which no publish leaves, is taken over)."""
    reached("renaming")
    try:
        os.rename(staging, target)
    except OSError as error:
        if error.errno in (errno.ENOTEMPTY, errno.EEXIST):
            shutil.rmtree(staging, ignore_errors=True)
            raise SnapshotExists(target.name) from error
        raise
    sync_dir(target.parent)


def schema_of(name: str, columns) -> pa.Schema:
    """The stored schema of a file, short of the optional columns a writer's table does not have."""
    return pa.schema([c for c in FILES[name] if c.name in set(columns) or c not in OPTIONAL.get(name, [])])


# Optional columns written only when a table has them: yearly figures are written byte for byte as before periods.
WRITTEN_WHEN_GIVEN = {"period"}


def conformed(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """The table in the stored schema: optional columns it lacks are added as nulls (a period only when given)."""
    schema = pa.schema([c for c in schema if c.name in table.column_names or c.name not in WRITTEN_WHEN_GIVEN])
    for column in schema:
        if column.name not in table.column_names:
            table = table.append_column(column, pa.nulls(table.num_rows, column.type))
    return table.select(schema.names).cast(schema)


# The points a publish passes, in order. CHUANGCHENG_TEST_DIE_AT=<point> kills the process there (SIGKILL, as a
# power cut would): the test of atomic publishing dies at every point the code names, not at moments timed on a
# first run and slept to.
POINTS = (
    "claimed staging",
    "wrote observations.parquet",
    "wrote survey.parquet",
    "wrote manifest.json",
    "wrote derived",
    "renaming",
    "renamed",
)


def reached(point: str) -> None:
    if os.environ.get("CHUANGCHENG_TEST_DIE_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


LOCK_SUFFIX = ".lock"


def lock_of(staging: Path) -> Path:
    """The lock file of a staging folder: beside it, so it is never renamed into the snapshot."""
    return staging.with_name(staging.name + LOCK_SUFFIX)


@contextmanager
def claimed(staging: Path) -> Iterator[None]:
    """Hold a lock on a file beside the staging folder from before it is made until it is renamed into place: the
    kernel releases the lock when the writer dies, in whatever PID namespace it ran (a PID says nothing across
    containers sharing a folder, and another container's live staging folder was taken for abandoned and deleted)."""
    lock = lock_of(staging)
    lock.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock, "wb")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        staging.mkdir()
        yield
    finally:
        lock.unlink(missing_ok=True)
        handle.close()


def remove_abandoned(snapshots_folder: Path) -> None:
    """Clear what a killed writer left: hidden staging folders (never visible) whose lock nobody holds."""
    for lock in snapshots_folder.glob(f".staging-*{LOCK_SUFFIX}"):
        handle = held_by_nobody(lock)
        if handle is None:
            continue  # its writer is alive
        with handle:
            shutil.rmtree(lock.with_name(lock.name.removesuffix(LOCK_SUFFIX)), ignore_errors=True)
            lock.unlink(missing_ok=True)


def held_by_nobody(lock: Path):
    """The lock file, open and locked by this process, when no live writer holds it; else None."""
    try:
        handle = open(lock, "rb")
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def replace_dir(staging: Path, target: Path) -> None:
    """Rename staging to target; an older target is moved aside first and removed after."""
    retired = target.with_name(f".retired-{target.name}-{os.getpid()}")
    if target.exists():
        os.rename(target, retired)
    os.rename(staging, target)
    sync_dir(target.parent)
    shutil.rmtree(retired, ignore_errors=True)


def sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
