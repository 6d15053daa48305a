"""Integrity on read: every file of a snapshot matches its manifest before a number from it is served.

The raw files must match, or the snapshot is damaged and never served. Derived files that are missing or
differ are not used: the tables are computed from the (checked) raw files instead, with a notice (#11).

A file's SHA-256 is computed once per file identity (path, size, modification time, inode) and remembered,
in this process and in a small file beside the snapshots, so later opens (another page, another command,
a restarted server) only look at the files' identities and stay within the open budget. A file that is
rewritten in place, truncated, deleted or swapped has another identity and is hashed again.
"""

import json
import threading
from pathlib import Path

from chuangcheng import files as files_module
from chuangcheng.errors import DamagedSnapshot
from chuangcheng.store import snapshots

CACHE_FILE = ".verified.json"  # starts with '.', so it is never taken for a snapshot
_known: dict[tuple, str] = {}  # identity -> sha256 seen, for this process
_lock = threading.Lock()


DERIVED = "derived"  # store/derive.py's folder (derive imports db, which imports this module)


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


def check(manifest: snapshots.Manifest, full: bool = False, files: dict[str, str] | None = None) -> None:
    """Raise DamagedSnapshot naming the first file that is missing or differs from the manifest (the raw
    files unless files are given).

    full=True hashes every file again, whatever was remembered (`python -m chuangcheng verify`)."""
    files = sorted((raw_files(manifest) if files is None else files).items())
    for name, _ in files:
        if not valid_name(name):
            raise DamagedSnapshot(manifest.id, "damaged_manifest", detail=f"file name {name[:80]!r}")
    keys = {name: files_module.identity(manifest.path / name) for name, _ in files}
    # The file beside the snapshots is read only when this process has not seen a file as it is now.
    remembered = {} if full or all(key in _known for key in keys.values()) else remembered_on_disk(manifest.data_dir)
    learned = {}
    for name, digest in files:
        path, key = manifest.path / name, keys[name]
        if key is None:
            raise DamagedSnapshot(manifest.id, "damaged_missing", file=name)
        seen = None if full else (_known.get(key) or remembered.get(json.dumps(key)))
        if seen is not None and key not in _known:
            _known[key] = seen
        if seen is None:
            seen = snapshots.sha256(path)
            learned[key] = seen
        if seen != digest:
            raise DamagedSnapshot(manifest.id, "damaged_checksum", file=name)
    remember(manifest.data_dir, learned)


def vouch(manifest: snapshots.Manifest) -> None:
    """Check a snapshot just published, raw and derived files, as its first open would: the hashing is paid
    here, where writing costs seconds anyway, and remembered, so the first open after a publish or a rebuild
    costs a stat per file like every later one (national: 120 ms, over the open budget, where later opens
    take 55). The rename that published the files keeps their identities but for the path, so this runs after it."""
    check(manifest)
    check(manifest, files=derived_files(manifest))


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


def remembered_on_disk(data_dir: Path) -> dict:
    found = files_module.recalled(snapshots.folder(data_dir) / CACHE_FILE)
    return found if isinstance(found, dict) else {}


def still_there(key: str) -> bool:
    try:
        return Path(json.loads(key)[0]).exists()
    except (ValueError, TypeError, IndexError, KeyError):
        return False


def remember(data_dir: Path, learned: dict) -> None:
    """Keep what was hashed, here and on disk (written beside, then renamed). A data folder that cannot be
    written (a read-only deployment) only loses the shortcut: files are then hashed once per process."""
    if not learned:
        return
    with _lock:
        _known.update(learned)
        target = snapshots.folder(data_dir) / CACHE_FILE
        on_disk = remembered_on_disk(data_dir)
        on_disk.update({json.dumps(key): digest for key, digest in learned.items()})
        files_module.remember(target, {key: digest for key, digest in on_disk.items() if still_there(key)})
