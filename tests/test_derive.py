"""Issue 11: derived tables written at publish, read lazily at open, the same as computing them; never stale."""

import shutil

import pyarrow as pa
import pyarrow.parquet  # noqa: F401  (pa.parquet)
import pytest

from chuangcheng import ROOT
from chuangcheng.cli import main
from chuangcheng.model import catalog
from chuangcheng.store import derive, publishing, snapshots
from chuangcheng.store.db import Database


def opened(data, snapshot: str, from_files: bool = True) -> Database:
    return Database(snapshots.find(data, snapshot), catalog.load(data), derived=from_files)


@pytest.fixture
def data(tmp_path):
    """A data folder of its own with the shipped catalog and both shipped snapshots."""
    shutil.copytree(ROOT / "data" / "catalog", tmp_path / "catalog")
    for snapshot in ("demo-v1", "reported-v1"):
        shutil.copytree(ROOT / "data" / "snapshots" / snapshot, tmp_path / "snapshots" / snapshot)
    return tmp_path


@pytest.mark.parametrize("snapshot", ["demo-v1", "reported-v1"])
def test_the_files_hold_exactly_what_opening_would_compute(snapshot):
    data = ROOT / "data"
    files, memory = opened(data, snapshot), opened(data, snapshot, from_files=False)
    assert files.notice is None and memory.notice is None
    for table in derive.TABLES:
        keys = [(column, "ascending") for column in derive.ORDER[table]]
        assert files.table(table).sort_by(keys).equals(memory.table(table).sort_by(keys)), table
    files.close()
    memory.close()


def test_an_export_is_byte_identical_from_the_files_and_from_memory(data, capsysbinary):
    assert main(["export", "--data", str(data), "--snapshot", "demo-v1", "--lang", "zh"]) == 0
    from_files = capsysbinary.readouterr().out
    shutil.rmtree(data / "snapshots" / "demo-v1" / "derived")
    assert main(["export", "--data", str(data), "--snapshot", "demo-v1", "--lang", "zh"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == from_files
    # the same bytes, but slower to come: the command says why on stderr, as the app's sidebar does
    assert (
        captured.err.decode()
        == "数据快照 demo-v1：没有保存得分，本命令由原始数据实时计算（较慢）；运行 `python -m chuangcheng rebuild` 可重新保存。\n"
    )


def test_a_catalog_change_is_computed_in_memory_with_a_notice_then_rebuilt(data, capsys):
    """Never silently stale: a changed standard shows at once, and `rebuild` writes it down."""
    toml = (data / "catalog" / "indicators.toml").read_text(encoding="utf-8")
    (data / "catalog" / "indicators.toml").write_text(
        toml.replace(
            'scale = "awareness"\nstandard = "min"\nfull = 80', 'scale = "awareness"\nstandard = "min"\nfull = 99.9', 1
        ),
        encoding="utf-8",
    )
    before = snapshots.find(data, "demo-v1")
    stale = opened(data, "demo-v1")
    assert stale.notice == "derived_stale"
    assert set(
        stale.query("scope_attainment", level="district", parent="990100", year=2025).query(
            "indicator == 'core_values_awareness_rate'"
        )["attainment"]
    ) == {"low"}
    assert main(["export", "--data", str(data), "--snapshot", "demo-v1", "--indicators", "gdp"]) == 0
    assert capsys.readouterr().err == (
        "Snapshot demo-v1: its stored scores were computed for another catalog or setting, so this "
        "command computes them from the raw files (slower); `python -m chuangcheng rebuild` stores them again.\n"
    )
    assert main(["rebuild", "--data", str(data)]) == 0
    assert "demo-v1" in capsys.readouterr().out
    after = snapshots.find(data, "demo-v1")
    assert after.checksums == before.checksums and after.derived["version"] != before.derived["version"]
    fresh = opened(data, "demo-v1")
    assert fresh.notice is None
    assert fresh.query("scope_attainment", level="district", parent="990100", year=2025).equals(
        stale.query("scope_attainment", level="district", parent="990100", year=2025)
    )
    assert main(["rebuild", "--data", str(data)]) == 0 and "current" in capsys.readouterr().out


def test_missing_derived_files_are_computed_with_a_notice(data):
    shutil.rmtree(data / "snapshots" / "reported-v1" / "derived")
    database = opened(data, "reported-v1")
    assert database.notice == "derived_missing"  # the manifest lists them, the files are gone
    assert len(database.query("regions_present")) == 3


def test_a_published_snapshot_carries_its_derived_files_in_the_manifest(data):
    observations = snapshots.find(data, "reported-v1").file("observations.parquet")
    import pyarrow.parquet as pq

    manifest = publishing.publish(
        data,
        {"id": "copy", "dataset": "t", "title": "t", "created": "2026-01-01T00:00:00+00:00", "built_from": []},
        {"observations.parquet": pq.read_table(observations), "survey.parquet": snapshots.SURVEY.empty_table()},
    )
    assert set(manifest.derived["files"]) == {f"{table}.parquet" for table in derive.TABLES}
    assert manifest.derived["from"] == manifest.checksums and derive.is_current(manifest, data)
    assert isinstance(opened(data, "copy").table("overall_scores"), pa.Table)


def test_a_snapshot_written_before_notes_existed_opens_with_empty_notes(data):
    """Observations gained an optional note column; a snapshot without it reads its notes as nulls."""
    path = data / "snapshots" / "reported-v1" / "observations.parquet"
    pa.parquet.write_table(pa.parquet.read_table(path).drop_columns(["note"]), path)
    fields = snapshots.read_manifest(path.parent)  # as it was published then: its checksum is of that file
    fields["checksums"]["observations.parquet"] = snapshots.sha256(path)
    snapshots.write_manifest(path.parent, fields)
    database = opened(data, "reported-v1", from_files=False)
    try:
        rows = database.query("data_rows", regions=[], indicators=[], first=2000, last=2030)
        assert len(rows) == 16 and rows["note"].isna().all()
    finally:
        database.close()
