"""Issue 15, publishing: an id is claimed atomically (of two writers exactly one publishes), a full disk is a
clear message with nothing left behind, and an id is matched whole."""

import errno
import shutil
import subprocess
import sys
import threading

import pyarrow as pa
import pyarrow.parquet  # noqa: F401  (pa.parquet)
import pytest

from chuangcheng import ROOT
from chuangcheng.errors import InvalidParameter, PublishFailed, SnapshotExists
from chuangcheng.store import publishing, snapshots

META = {"dataset": "t", "title": "t", "created": "2026-01-01T00:00:00+00:00", "built_from": []}


def tables() -> dict:
    observations = pa.table(
        {
            "region_code": ["990102"],
            "year": pa.array([2020], pa.int32()),
            "indicator": ["gdp"],
            "value": [1.0],
            "qualifier": ["="],
            "source": ["s"],
            "status": ["reported"],
        }
    )
    return {"observations.parquet": observations, "survey.parquet": snapshots.SURVEY.empty_table()}


@pytest.fixture
def data(tmp_path):
    shutil.copytree(ROOT / "data" / "snapshots" / "reported-v1", tmp_path / "snapshots" / "reported-v1")
    return tmp_path  # no catalog: publishing writes the raw files only, which is what these tests are about


def leftovers(data) -> list[str]:
    return sorted(p.name for p in snapshots.folder(data).iterdir() if p.name.startswith("."))


def test_two_writers_of_one_id_at_once_publish_exactly_once(data, monkeypatch):
    """Both used to print 'published' and one silently replaced the other (10 of 10 tries)."""
    both_staged = threading.Barrier(2)
    real_stage = publishing.stage

    def stage_then_wait(*args):
        real_stage(*args)
        both_staged.wait(timeout=30)  # each has passed the early existence check and written everything

    monkeypatch.setattr(publishing, "stage", stage_then_wait)
    outcomes = []

    def writer(value: float):
        rows = tables()
        rows["observations.parquet"] = rows["observations.parquet"].set_column(3, "value", pa.array([value]))
        try:
            publishing.publish(data, {"id": "same", **META}, rows)
            outcomes.append(("published", value))
        except SnapshotExists:
            outcomes.append(("exists", value))

    threads = [threading.Thread(target=writer, args=(value,)) for value in (1.0, 2.0)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _ in outcomes) == ["exists", "published"]
    winner = next(value for kind, value in outcomes if kind == "published")
    stored = pa.parquet.read_table(data / "snapshots" / "same" / "observations.parquet")["value"].to_pylist()
    assert stored == [winner] and leftovers(data) == []


def test_two_ingests_of_one_id_in_two_processes_one_publishes_the_other_says_it_exists(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    source = tmp_path / "gdp.csv"
    source.write_text("region_code,year,indicator,value\n990102,2020,gdp,1.5\n990103,2020,gdp,2.5\n", encoding="utf-8")
    command = [sys.executable, "-m", "chuangcheng", "ingest", str(source), "--snapshot", "same", "--data", str(data)]
    runs = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    refused = next(err for code, err in results if code == 1)
    assert "already exists" in refused and "Traceback" not in refused
    assert leftovers(data) == []


def test_a_full_disk_is_a_clear_message_and_leaves_nothing_behind(data, monkeypatch):
    before = sorted(p.name for p in (data / "snapshots" / "reported-v1").iterdir())
    written = []

    def disk_fills(table, path, **options):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        path.write_bytes(b"partial")

    monkeypatch.setattr(publishing, "write_parquet", disk_fills)
    with pytest.raises(PublishFailed) as failed:
        publishing.publish(data, {"id": "fresh", **META}, tables())
    assert failed.value.details() == {"snapshot": "fresh", "reason": "No space left on device"}
    assert "nothing was written" in str(failed.value)
    assert leftovers(data) == [] and not (data / "snapshots" / "fresh").exists()
    assert sorted(p.name for p in (data / "snapshots" / "reported-v1").iterdir()) == before


@pytest.mark.parametrize("snapshot_id", ["abc\n", "../up", "", "Abc", "a" * 65])
def test_an_id_is_matched_whole(data, snapshot_id):
    """'abc\\n' passed the id pattern ($ matches before a final newline)."""
    with pytest.raises(InvalidParameter):
        publishing.publish(data, {"id": snapshot_id, **META}, tables())
    assert leftovers(data) == []


def test_the_generated_datasets_replace_their_own_snapshot_others_never_do(data):
    publishing.publish(data, {"id": "mine", **META}, tables())
    with pytest.raises(SnapshotExists):
        publishing.publish(data, {"id": "mine", **META}, tables())
    assert publishing.publish(data, {"id": "mine", **META, "title": "again"}, tables(), replace=True).title == "again"


def test_a_staging_folder_is_cleared_only_when_no_live_writer_holds_its_lock(tmp_path):
    """Issue 21: staging folders were cleared by PID liveness, so a publisher in another PID namespace (two
    containers sharing a data folder) deleted a live one. The kernel's lock says who is alive, anywhere."""
    folder = tmp_path / "snapshots"
    live, dead = folder / ".staging-x-live", folder / ".staging-x-dead"
    dead.mkdir(parents=True)
    publishing.lock_of(dead).touch()  # its writer died holding it: the kernel let go
    with publishing.claimed(live):
        publishing.remove_abandoned(folder)
        assert sorted(p.name for p in folder.iterdir()) == [".staging-x-live", ".staging-x-live.lock"]
    assert list(folder.iterdir()) == [live]  # the writer let go of its lock (a publish has renamed the folder by then)


def test_the_lock_file_is_never_published_nor_left(tmp_path):
    published = publishing.publish(
        tmp_path,
        {"id": "one", "dataset": "d", "title": "t", "created": "2026-01-01T00:00:00+00:00", "built_from": []},
        tables(),
    )
    assert sorted(p.name for p in published.path.iterdir()) == [
        "manifest.json",
        "observations.parquet",
        "survey.parquet",
    ]
    assert [p.name for p in snapshots.folder(tmp_path).iterdir()] == ["one"]
