"""Small files the project keeps beside its data: what a check has already seen, remembered by the identity of
the files it read (snapshot checksums in store/integrity.py, a clean catalog in model/catalog.py)."""

import contextlib
import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path


def identity(path: Path) -> tuple | None:
    """What says a file changed: its path, device and inode, size, and modification and change times in
    nanoseconds (None when it cannot be read). A file rewritten in place, truncated, replaced or swapped has
    another identity; so has one whose modification time was set back (os.utime sets the change time, which
    nothing can set back). A stat, not a resolve: checked before every answer, it must cost microseconds."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (os.path.abspath(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


_digests: dict[tuple, str] = {}  # identity -> SHA-256 of the bytes, this process
_digesting = threading.Lock()


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, hashed once per identity (then a stat): what a thing built from the file is
    kept under, so copies of one file share it and a file rewritten is built again."""
    known = identity(path)
    with _digesting:
        if known is not None and known in _digests:
            return _digests[known]
    found = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    with _digesting:
        _digests[known] = found
    return found


class ByContent:
    """What is built from files, built once per process and content (the `most` last kept): the national list's
    matcher takes half a second to build, and every data folder that copies the list shares it."""

    def __init__(self, build: Callable, most: int = 2):
        self.build, self.most = build, most
        self._built: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, *paths: Path):
        key = tuple(digest(path) for path in paths)
        with self._lock:
            if key in self._built:
                self._built.move_to_end(key)
                return self._built[key]
        built = self.build(*paths)
        with self._lock:
            self._built[key] = built
            while len(self._built) > self.most:
                self._built.popitem(last=False)
        return built


def remember(target: Path, content) -> None:
    """Write content as JSON beside target, then rename it over target, so a reader sees the old file or the new
    one. A folder that cannot be written (a read-only mount) only loses the shortcut: nothing is raised, and on
    such a mount even unlinking the staging file fails (EROFS comes before any lookup)."""
    staging = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        staging.write_text(json.dumps(content, sort_keys=True), encoding="utf-8")
        os.replace(staging, target)
    except OSError:
        with contextlib.suppress(OSError):
            staging.unlink(missing_ok=True)


def recalled(target: Path):
    """What remember() wrote, or None when there is nothing readable."""
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def free_name(folder: Path, name: str) -> Path:
    """folder/name, or 'name (2).csv', 'name (3).csv' … when taken: two uploads of one name are two files."""
    path, stem, suffix = Path(folder) / name, Path(name).stem, Path(name).suffix
    copy = 2
    while path.exists():
        path, copy = Path(folder) / f"{stem} ({copy}){suffix}", copy + 1
    return path
