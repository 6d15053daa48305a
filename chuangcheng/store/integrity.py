"""Integrity on read and while serving: no number from a file that differs from its snapshot's manifest.

The raw files must match, or the snapshot is damaged and never served. Derived files that are missing or
differ are not used: the tables are computed from the (checked) raw files instead, with a notice (#11).

A file's SHA-256 is computed the first time a process reads the snapshot (a command, a new server: rot on
disk is found at every open, #21) and remembered by the file's identity (files.identity: path, inode, size,
modification and change times). From then on every answer costs a stat per file: a file rewritten, truncated,
swapped or touched has another identity and is hashed again before the next answer. Rot that keeps the
identity (a flipped bit on the disk) is found within `integrity_recheck_minutes`, when the remembered
checksum expires and the file is hashed again. A damage found bumps an epoch that is part of every serving
key (serving_key), so the pages and the API reopen what they cached and find it too.
"""

import hashlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from chuangcheng import files as files_module
from chuangcheng import settings
from chuangcheng.errors import DamagedSnapshot
from chuangcheng.store import snapshots

_known: dict[tuple, tuple[str, float]] = {}  # identity -> (sha256, monotonic time it was computed), this process
_lock = threading.Lock()
_epoch = 0  # damages found in this process: part of every serving key
# One thread hashes (hashlib lets go of the GIL) while the opening thread sets DuckDB up: on two cores a second
# hashing thread only took CPU from the opening (national first open: 80 ms with one, 100-140 ms with two).
HASHERS = 1
_pool = ThreadPoolExecutor(HASHERS, thread_name_prefix="chuangcheng-hash")

DERIVED = snapshots.DERIVED_FOLDER


def raw_files(manifest: snapshots.Manifest) -> dict[str, str]:
    """The snapshot's own files, the source of truth, with the checksums they must have."""
    return dict(manifest.checksums)


def derived_files(manifest: snapshots.Manifest) -> dict[str, str]:
    """The derived tables written at publish, by their path inside the snapshot."""
    return {f"{DERIVED}/{name}": digest for name, digest in (manifest.derived or {}).get("files", {}).items()}


def derived_sound(manifest: snapshots.Manifest) -> bool:
    """True when every derived file is there and matches: else opening computes them from the raw files,
    which are checked, so a changed derived file costs time, never a wrong number."""
    try:
        check(manifest, files=derived_files(manifest))
    except DamagedSnapshot:
        return False
    return True


def recheck_seconds() -> float:
    return float(settings.get("integrity_recheck_minutes")) * 60


def check(manifest: snapshots.Manifest, full: bool = False, files: dict[str, str] | None = None) -> None:
    """Raise DamagedSnapshot naming the first file that is missing or differs from the manifest (the raw
    files unless files are given). A file is hashed unless this process hashed it, as it is now, within the
    recheck time; full=True hashes every file again (`python -m chuangcheng verify`)."""
    files = sorted((raw_files(manifest) if files is None else files).items())
    for name, _ in files:
        if not valid_name(name):
            raise DamagedSnapshot(manifest.id, "damaged_manifest", detail=f"file name {name[:80]!r}")
    keys = {name: files_module.identity(manifest.path / name) for name, _ in files}
    for name, _ in files:
        if keys[name] is None:
            raise DamagedSnapshot(manifest.id, "damaged_missing", file=name)
    fresh_after = time.monotonic() - recheck_seconds()
    stale = [name for name, _ in files if full or not fresh(keys[name], fresh_after)]
    for name, digest in zip(stale, hashed([manifest.path / name for name in stale])):
        with _lock:
            _known[keys[name]] = (digest, time.monotonic())
    for name, digest in files:
        if _known[keys[name]][0] != digest:
            found_damage()
            raise DamagedSnapshot(manifest.id, "damaged_checksum", file=name)


def hash_ahead(manifest: snapshots.Manifest) -> Callable[[], None]:
    """Start hashing, in the background, every file of the snapshot (raw and derived) that this process has not
    hashed as it is now; returns a wait() after which check() finds them all remembered. Opening a snapshot does
    DuckDB's own setup meanwhile: the two overlap (national: 60 MB, ~40 ms of hashing, first open ~80 ms)."""
    names = [name for name in [*raw_files(manifest), *derived_files(manifest)] if valid_name(name)]
    keys = {name: files_module.identity(manifest.path / name) for name in names}
    fresh_after = time.monotonic() - recheck_seconds()
    stale = [name for name in names if keys[name] is not None and not fresh(keys[name], fresh_after)]
    futures = [(keys[name], _pool.submit(snapshots.sha256, manifest.path / name)) for name in stale]

    def wait() -> None:
        for key, future in futures:
            try:
                digest = future.result()
            except OSError:
                continue  # gone meanwhile: check() names it
            with _lock:
                _known[key] = (digest, time.monotonic())

    return wait


def fresh(key: tuple, after: float) -> bool:
    seen = _known.get(key)
    return seen is not None and seen[1] >= after


def hashed(paths: list[Path]) -> list[str]:
    return [snapshots.sha256(path) for path in paths]


def found_damage() -> None:
    global _epoch
    with _lock:
        _epoch += 1


def serving_key(manifest: snapshots.Manifest) -> str:
    """What a page or the API caches an opened snapshot and its answers under: the manifest's checksums, the
    identity of every file (a file changed after it was opened is a new key, so it is opened and checked
    again before the next answer) and the damages found in this process (rot found by a recheck)."""
    names = [*raw_files(manifest), *derived_files(manifest)]
    identities = [files_module.identity(manifest.path / name) if valid_name(name) else None for name in names]
    return f"{manifest.fingerprint}|{hash(tuple(identities))}|{_epoch}"


def vouch(manifest: snapshots.Manifest) -> None:
    """Check a snapshot just published, raw and derived files, as its first open would: the hashing is paid
    here, where writing costs seconds anyway, so the first open in the publishing process costs a stat per
    file. The rename that published the files changed their identities, so this runs after it."""
    check(manifest)
    check(manifest, files=derived_files(manifest))


def read_checked(manifest: snapshots.Manifest, name: str) -> pa.Table:
    """One of the snapshot's files as a table, from bytes read once and checked against the manifest: what is
    checked is what is read (a base an ingest builds on, #21). DamagedSnapshot when they differ or a page
    fails its checksum."""
    if name not in manifest.checksums or not valid_name(name):
        raise DamagedSnapshot(manifest.id, "damaged_missing", file=name)
    try:
        raw = (manifest.path / name).read_bytes()
    except OSError as error:
        raise DamagedSnapshot(manifest.id, "damaged_missing", file=name) from error
    if hashlib.sha256(raw).hexdigest() != manifest.checksums[name]:
        found_damage()
        raise DamagedSnapshot(manifest.id, "damaged_checksum", file=name)
    try:
        return pq.read_table(pa.BufferReader(raw), page_checksum_verification=True)
    except (OSError, pa.ArrowException) as error:
        raise DamagedSnapshot(manifest.id, "damaged_unreadable") from error


def valid_name(name: str) -> bool:
    """A manifest names files inside its own folder, never '..' or an absolute path."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def survey(data_dir: Path, full: bool = False) -> tuple[list[snapshots.Manifest], list[DamagedSnapshot]]:
    """The snapshots that may be served, newest first, and every damaged one with its reason."""
    manifests, damaged = snapshots.survey(data_dir)
    good = []
    for manifest in manifests:
        try:
            check(manifest, full)
            if full:  # the command checks the derived files too: a changed one is worth knowing of
                check(manifest, full, derived_files(manifest))
        except DamagedSnapshot as damage:
            damaged.append(damage)
            continue
        good.append(manifest)
    return good, damaged
