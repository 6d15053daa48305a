"""A killed ingest leaves either no new snapshot or a whole one, and earlier snapshots byte-identical: killed at
every point a publish names (store/snapshots.py POINTS), not at moments timed on a first run and slept to."""

import os
import shutil
import signal
import subprocess
import sys

import pytest

from chuangcheng import ROOT
from chuangcheng.store import publishing, snapshots
from conftest import data_digest


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    """A few reported figures as a downloaded CSV: what is published matters here, not how much."""
    path = tmp_path_factory.mktemp("input") / "figures.csv"
    path.write_bytes(
        subprocess.run(
            [sys.executable, "-m", "chuangcheng", "export", "--snapshot", "reported-v1"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
    )
    return path


def ingest(data, figures, snapshot, die_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"CHUANGCHENG_TEST_DIE_AT": die_at} if die_at else {})}
    return subprocess.run(
        [sys.executable, "-m", "chuangcheng", "ingest", str(figures), "--snapshot", snapshot, "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        env=env,
    )


def test_sigkill_at_every_point_of_a_publish_never_shows_half_a_snapshot(tmp_path, figures):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    shutil.copytree(ROOT / "data" / "snapshots" / "demo-v1", data / "snapshots" / "demo-v1")
    earlier = data_digest(data / "snapshots" / "demo-v1")
    for i, point in enumerate(publishing.POINTS):
        snapshot = f"killed-{i}"
        assert ingest(data, figures, snapshot, die_at=point).returncode == -signal.SIGKILL, point
        visible = {m.id: m for m in snapshots.list_all(data)}
        assert data_digest(data / "snapshots" / "demo-v1") == earlier
        if point == "renamed":  # only once the rename is done is there a snapshot, and a whole one
            manifest = visible[snapshot]
            assert {n: snapshots.sha256(manifest.file(n)) for n in manifest.checksums} == manifest.checksums
            derived = manifest.derived["files"]
            assert {n: snapshots.sha256(manifest.path / "derived" / n) for n in derived} == derived
        else:
            assert snapshot not in visible and not (data / "snapshots" / snapshot).exists(), point
            assert list((data / "snapshots").glob(f".staging-{snapshot}-*")), point  # it died mid-publish, hidden
    hidden = [p.name for p in (data / "snapshots").iterdir() if p.name.startswith(".staging")]
    assert ingest(data, figures, "after").returncode == 0
    assert not [p for p in (data / "snapshots").iterdir() if p.name.startswith(".staging")], (
        hidden
    )  # the next one cleared them
    assert os.path.isfile(data / "snapshots" / "after" / "manifest.json")
