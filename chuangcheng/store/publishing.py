"""Publishing a snapshot: every file written beside the others under a hidden name, its derived tables built
by the same SQL a snapshot is opened with (store/derive.py says which and whether they are current), then renamed
into place; and rebuilding the derived files of snapshots that are not current, the same way."""

import errno
import fcntl
import os
import secrets
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from chuangcheng.errors import InvalidParameter, PublishFailed, SnapshotExists
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import kinds, regions
from chuangcheng.store import derive, integrity
from chuangcheng.store.db import Database
from chuangcheng.store.snapshots import (
    ID,
    REGIONS_FILE,
    Manifest,
    folder,
    list_all,
    read_manifest,
    sha256,
    write_manifest,
    write_parquet,
)


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
    published = Manifest.read(target)
    integrity.vouch(published)
    return published


def stage(data_dir: Path, staging: Path, meta: dict, tables: dict[str, pa.Table]) -> Manifest:
    """Every file of the snapshot and its manifest, in the hidden staging folder (made and claimed by claimed())."""
    written = {
        kind.file: kind.conformed(tables[kind.file] if kind.file in tables else kind.schema.empty_table())
        for kind in kinds.KINDS
        if kind.always_written or (kind.file in tables and tables[kind.file].num_rows)  # a newer kind: when it has rows
    }
    if tables.get(REGIONS_FILE) is not None:
        written[REGIONS_FILE] = tables[REGIONS_FILE].select(regions.SCHEMA.names).cast(regions.SCHEMA)
    for name, table in written.items():
        write_parquet(table, staging / name)
        reached(f"wrote {name}")
    manifest = {
        **meta,
        "rows": {name: table.num_rows for name, table in written.items()},
        "checksums": {name: sha256(staging / name) for name in written},
    }
    write_manifest(staging, manifest)
    reached("wrote manifest.json")
    if derive.can_derive(data_dir):
        attach(staging, data_dir)
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


# The points a publish passes, in order. CHUANGCHENG_TEST_DIE_AT=<point> kills the process there (SIGKILL, as a
# power cut would): the test of atomic publishing dies at every point the code names, not at moments timed on a
# first run and slept to.
POINTS = (
    "claimed staging",
    *(f"wrote {kind.file}" for kind in kinds.KINDS if kind.always_written),
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


def compute(folder: Path, data_dir: Path) -> dict[str, pa.Table]:
    """The derived tables of the snapshot in folder, computed in memory by queries/derived/*.sql.

    One thread: sums of doubles then add up in one order, so the same snapshot gives the same bytes."""
    database = Database(Manifest.read(folder), catalog_module.load(data_dir), threads=1, derived=False, verify=False)
    try:
        return {
            table: database.table(table).sort_by([(column, "ascending") for column in derive.ORDER[table]])
            for table in derive.TABLES
        }
    finally:
        database.close()


def write(folder: Path, data_dir: Path) -> dict:
    """Write the derived tables into folder/derived and return the manifest's 'derived' entry."""
    tables = compute(folder, data_dir)
    target = folder / derive.FOLDER
    target.mkdir(exist_ok=True)
    for table, rows in tables.items():
        write_parquet(rows, target / f"{table}.parquet", row_group_size=derive.ROW_GROUP)
    return {
        "version": derive.version(data_dir),
        "from": {name: digest for name, digest in read_manifest(folder)["checksums"].items()},
        "rows": {f"{table}.parquet": rows.num_rows for table, rows in tables.items()},
        "files": {f"{table}.parquet": sha256(target / f"{table}.parquet") for table in tables},
    }


def attach(folder: Path, data_dir: Path) -> None:
    """Build the derived tables of a staged snapshot and record them in its manifest (publishing calls it)."""
    fields = read_manifest(folder)
    fields["derived"] = write(folder, data_dir)
    write_manifest(folder, fields)


def rebuild(data_dir: Path, snapshot_id: str | None = None) -> list[str]:
    """Rewrite the derived files of every snapshot (or one) that is not current; returns the ids rebuilt.

    A copy is made beside the snapshot, given new derived files and renamed into place: a reader sees the
    old snapshot or the new one, never a mix; the raw files are copied, never changed."""
    rebuilt = []
    for manifest in list_all(data_dir):
        if (snapshot_id and manifest.id != snapshot_id) or derive.is_current(manifest, data_dir):
            continue
        staging = folder(data_dir) / f".staging-{manifest.id}-{secrets.token_hex(8)}"
        remove_abandoned(folder(data_dir))
        try:
            with claimed(staging):
                shutil.copytree(
                    manifest.path, staging, ignore=shutil.ignore_patterns(derive.FOLDER), dirs_exist_ok=True
                )
                attach(staging, data_dir)
                replace_dir(staging, manifest.path)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        integrity.vouch(Manifest.read(manifest.path))  # the copies are new files to the remembered checks
        rebuilt.append(manifest.id)
    return rebuilt
