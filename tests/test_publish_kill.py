"""A killed ingest leaves either no new snapshot or a whole one, and earlier snapshots byte-identical."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from chuangcheng import ROOT
from chuangcheng.store import snapshots
from conftest import data_digest



@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    """The whole demo snapshot as a downloaded CSV: enough rows that writing takes a moment."""
    path = tmp_path_factory.mktemp("input") / "all.csv"
    path.write_bytes(subprocess.run([sys.executable, "-m", "chuangcheng", "export", "--snapshot", "demo-v1"],
                                    cwd=ROOT, capture_output=True, check=True).stdout)
    return path


def ingest_command(data, big_file, snapshot):
    return [sys.executable, "-m", "chuangcheng", "ingest", str(big_file), "--snapshot", snapshot, "--data", str(data)]


def test_sigkill_at_many_points_never_shows_half_a_snapshot(tmp_path, big_file):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    shutil.copytree(ROOT / "data" / "snapshots" / "reported-v1", data / "snapshots" / "reported-v1")
    earlier = data_digest(data / "snapshots" / "reported-v1")
    started = time.monotonic()
    subprocess.run(ingest_command(data, big_file, "timing"), cwd=ROOT, check=True, capture_output=True)
    duration = time.monotonic() - started
    shutil.rmtree(data / "snapshots" / "timing")
    outcomes = set()
    for i in range(12):
        # Spread the kills over the run, densest near the end, where the files are written and renamed.
        delay = duration * (1 - 0.6 * (1 - i / 11) ** 2)
        snapshot = f"killed-{i}"
        process = subprocess.Popen(ingest_command(data, big_file, snapshot), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        visible = {m.id: m for m in snapshots.list_all(data)}
        assert data_digest(data / "snapshots" / "reported-v1") == earlier
        if snapshot in visible:
            manifest = visible[snapshot]
            assert {n: snapshots.sha256(manifest.file(n)) for n in manifest.checksums} == manifest.checksums
            derived = manifest.derived["files"]
            assert {n: snapshots.sha256(manifest.path / "derived" / n) for n in derived} == derived
            outcomes.add("whole")
        else:
            assert not (data / "snapshots" / snapshot).exists()
            outcomes.add("none")
    assert "none" in outcomes  # some kills landed before the rename; every visible snapshot was whole
    hidden = [p.name for p in (data / "snapshots").iterdir() if p.name.startswith(".")]
    subprocess.run(ingest_command(data, big_file, "after"), cwd=ROOT, check=True, capture_output=True)
    assert not [p for p in (data / "snapshots").iterdir() if p.name.startswith(".staging")], hidden
    assert os.path.isfile(data / "snapshots" / "after" / "manifest.json")
