"""Stored boundaries: `<data>/boundaries/<name>.geojson`, one FeatureCollection per file, each feature keyed by
`properties.code` (also its `id`, which Plotly matches `locations` against by default).

The files belong to the data folder, not to a snapshot: every snapshot's map takes the features whose codes
are the regions in view, at any level, from whichever file holds them (the importer keeps a code in one file
only). A file is written beside its final name and renamed, so a reader never sees half of one; it is parsed
once per file identity (path, size, mtime_ns, inode), so a page run re-reads nothing that has not changed.
"""

import json
import os
import re
import tempfile
import threading
from pathlib import Path

from chuangcheng import files as files_module
from chuangcheng.store import publishing

FOLDER = "boundaries"
SUFFIX = ".geojson"
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")

_parsed: dict[Path, tuple[tuple, dict[str, dict]]] = {}  # path -> (identity, features by code)
_lock = threading.Lock()


def folder(data_dir: Path) -> Path:
    """Where a data folder keeps its boundaries."""
    return Path(data_dir) / FOLDER


def path(data_dir: Path, name: str) -> Path:
    """The file of one boundaries name (e.g. 'demo' -> <data>/boundaries/demo.geojson)."""
    return folder(data_dir) / f"{name}{SUFFIX}"


def files(data_dir: Path) -> list[Path]:
    """The boundaries files of a data folder, by name (temporary files of a write in progress are not among them)."""
    found = folder(data_dir)
    return (
        sorted(p for p in found.glob(f"*{SUFFIX}") if p.is_file() and NAME.fullmatch(p.stem)) if found.is_dir() else []
    )


def by_code(file: Path) -> dict[str, dict]:
    """A file's features by code, parsed once per file identity (shared: callers must not change them)."""
    key = files_module.identity(file)
    with _lock:
        cached = _parsed.get(file)
        if cached and cached[0] == key:
            return cached[1]
    collection = json.loads(file.read_text(encoding="utf-8"))
    features = {
        str(f["properties"]["code"]): f
        for f in collection.get("features", [])
        if (f.get("properties") or {}).get("code") is not None
    }
    with _lock:
        _parsed[file] = (key, features)
    return features


def features(data_dir: Path) -> dict[str, dict]:
    """Every stored feature of a data folder by code; a code in two files (hand-copied) is taken from the first by name."""
    merged: dict[str, dict] = {}
    for file in reversed(files(data_dir)):
        merged.update(by_code(file))
    return merged


def load(data_dir: Path, codes) -> dict | None:
    """A GeoJSON FeatureCollection of the features of these codes (in the order given, each once), or None when
    the data folder has none of them. The features are shared with the cache: read them, do not change them."""
    stored = features(data_dir)
    chosen = [stored[code] for code in dict.fromkeys(map(str, codes)) if code in stored]
    return {"type": "FeatureCollection", "features": chosen} if chosen else None


def coverage(data_dir: Path, codes) -> tuple[list[str], list[str]]:
    """The codes that have a stored boundary and those that have none, each in the order given."""
    stored = features(data_dir)
    wanted = list(dict.fromkeys(map(str, codes)))
    return [c for c in wanted if c in stored], [c for c in wanted if c not in stored]


def dumps(collection: dict) -> bytes:
    """A FeatureCollection as compact UTF-8 JSON with one feature per line (readable diffs, stable bytes)."""
    head = {key: value for key, value in collection.items() if key != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    body = ",\n".join(lines)
    return f'{opening},"features":[\n{body}\n]}}\n'.encode("utf-8")


def write(data_dir: Path, name: str, collection: dict) -> Path:
    """Publish a FeatureCollection as <data>/boundaries/<name>.geojson: written and synced beside, then renamed
    over any earlier file of that name, so a reader sees the old file or the new one, never a part."""
    if not NAME.fullmatch(name):
        raise ValueError(f"not a boundaries name: {name!r}")
    target = path(data_dir, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(dumps(collection))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    publishing.sync_dir(target.parent)  # the rename durable, as publishing a snapshot makes it
    return target
