"""Issue 15, integrity on read: a snapshot whose files differ from its manifest is listed as damaged with
the reason and never served; every other snapshot is unaffected; later opens only look at file identities."""

import json
import shutil

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from apptest import run_app, texts
from chuangcheng import ROOT
from chuangcheng import files as files_module
from chuangcheng.cli import main
from chuangcheng.errors import DamagedSnapshot
from chuangcheng.model import catalog
from chuangcheng.store import derive, integrity, publishing, snapshots
from chuangcheng.store.db import Database


@pytest.fixture
def data(tmp_path):
    shutil.copytree(ROOT / "data" / "catalog", tmp_path / "catalog")
    for snapshot in ("demo-v1", "reported-v1"):
        shutil.copytree(ROOT / "data" / "snapshots" / snapshot, tmp_path / "snapshots" / snapshot)
    integrity._known.clear()  # each test starts as a fresh process would
    return tmp_path


def opened(data, snapshot: str) -> Database:
    return Database(snapshots.find(data, snapshot), catalog.load(data))


def damage_of(data, snapshot: str) -> DamagedSnapshot:
    with pytest.raises(DamagedSnapshot) as raised:
        opened(data, snapshot).close()
    return raised.value


def flip_a_byte(path, offset: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))


def test_one_flipped_bit_in_the_raw_values_is_refused(data):
    """One flipped bit turned 99.6 into 99.8 and was served with exit 0."""
    path = data / "snapshots" / "reported-v1" / "observations.parquet"
    flip_a_byte(path, len(path.read_bytes()) // 2)
    damage = damage_of(data, "reported-v1")
    assert (damage.reason_key, damage.reason) == ("damaged_checksum", {"file": "observations.parquet"})
    opened(data, "demo-v1").close()  # the other snapshot is served as before


def doubled(path) -> None:
    table = pq.read_table(path)
    table = table.set_column(table.schema.get_field_index("value"), "value", pc.multiply(table["value"], 2))
    pq.write_table(table, path)


def test_a_valid_parquet_with_every_value_doubled_is_refused(data):
    """A valid Parquet with every value doubled was shown as GDP 26,390.2."""
    doubled(data / "snapshots" / "reported-v1" / "observations.parquet")
    assert damage_of(data, "reported-v1").reason == {"file": "observations.parquet"}


def test_a_changed_derived_file_is_not_used_the_tables_are_computed_from_the_checked_raw_files(data, reported_db):
    doubled(data / "snapshots" / "reported-v1" / "derived" / "indicator_values.parquet")
    database = opened(data, "reported-v1")
    try:
        assert database.notice == "derived_damaged"
        asked = dict(regions=[], indicators=[], first=2000, last=2030)
        assert database.query("data_rows", **asked).equals(reported_db.query("data_rows", **asked))
    finally:
        database.close()
    with pytest.raises(SystemExit):  # and the full check names it
        main(["verify", "--data", str(data), "--snapshot", "reported-v1"])


@pytest.mark.parametrize(
    "harm, reason_key",
    [
        (lambda path: path.unlink(), "damaged_missing"),
        (lambda path: path.write_bytes(path.read_bytes()[:100]), "damaged_checksum"),
    ],
)
def test_a_deleted_or_truncated_file_is_named_not_a_traceback(data, harm, reason_key):
    harm(data / "snapshots" / "demo-v1" / "survey.parquet")
    damage = damage_of(data, "demo-v1")
    assert damage.reason_key == reason_key and damage.reason["file"] == "survey.parquet"


@pytest.mark.parametrize(
    "manifest, reason_key",
    [
        ("{ not json", "damaged_manifest"),
        (lambda fields: {**fields, "extra": 1}, "damaged_manifest_fields"),
        (lambda fields: {k: v for k, v in fields.items() if k != "checksums"}, "damaged_manifest_fields"),
        (lambda fields: {**fields, "rows": "many"}, "damaged_manifest"),
    ],
)
def test_a_broken_manifest_damages_only_its_own_snapshot(data, manifest, reason_key):
    """One manifest with invalid JSON, an extra or a missing key made every snapshot fail with a traceback."""
    path = data / "snapshots" / "reported-v1" / "manifest.json"
    text = manifest if isinstance(manifest, str) else json.dumps(manifest(json.loads(path.read_text(encoding="utf-8"))))
    path.write_text(text, encoding="utf-8")
    good, damaged = integrity.survey(data)
    assert [m.id for m in good] == ["demo-v1"]
    assert [(d.snapshot_id, d.reason_key) for d in damaged] == [("reported-v1", reason_key)]
    assert snapshots.default(data, "reported").id == "demo-v1"


def test_a_manifest_cannot_point_outside_its_folder(data):
    path = data / "snapshots" / "reported-v1" / "manifest.json"
    fields = json.loads(path.read_text(encoding="utf-8"))
    fields["checksums"]["../demo-v1/survey.parquet"] = "0" * 64
    path.write_text(json.dumps(fields), encoding="utf-8")
    assert damage_of(data, "reported-v1").reason_key == "damaged_manifest"


def test_later_opens_in_a_process_look_only_at_identities_and_a_new_process_hashes_everything(data, monkeypatch):
    """Issue 21: what a process hashed was remembered on disk, so a new command or server trusted a file whose
    bytes had rotted with its size, time and inode kept. A process now hashes what it opens, once."""
    hashed = []
    real = snapshots.sha256
    monkeypatch.setattr(snapshots, "sha256", lambda path: hashed.append(path.name) or real(path))
    opened(data, "demo-v1").close()
    assert sorted(hashed) == sorted(
        [*snapshots.find(data, "demo-v1").checksums, *[f"{t}.parquet" for t in derive.TABLES]]
    )
    hashed.clear()
    opened(data, "demo-v1").close()
    assert hashed == []  # the same process, the same files: a stat each
    path = data / "snapshots" / "demo-v1" / "observations.parquet"
    path.write_bytes(path.read_bytes())  # same bytes, new modification time: hashed again, and still sound
    opened(data, "demo-v1").close()
    assert hashed == ["observations.parquet"]
    assert not (data / "snapshots" / ".verified.json").exists()  # nothing for another process to trust


def test_the_first_open_after_a_publish_or_a_rebuild_hashes_nothing_in_that_process(data, monkeypatch):
    """Issue 11: publishing and rebuilding pay the hashing, where writing the files costs seconds anyway."""
    source = snapshots.find(data, "reported-v1")
    tables = {name: pq.read_table(source.file(name)) for name in ("observations.parquet", "survey.parquet")}
    meta = {
        "id": "reported-v2",
        "dataset": "reported",
        "title": "t",
        "created": "2026-02-01T00:00:00+00:00",
        "built_from": [],
    }
    published = publishing.publish(data, meta, tables)
    assert published.derived["files"]  # a publish with a catalog writes derived files, and they are vouched for too
    hashed = []
    real = snapshots.sha256
    monkeypatch.setattr(snapshots, "sha256", lambda path: hashed.append(path.name) or real(path))
    assert len(opened(data, "reported-v2").query("regions_present")) == 3
    assert hashed == []
    shutil.rmtree(published.path / "derived")
    assert publishing.rebuild(data) == ["reported-v2"]
    hashed.clear()
    opened(data, "reported-v2").close()
    assert hashed == []


def test_verify_checks_everything_and_exits_non_zero_on_damage(data, capsys):
    assert main(["verify", "--data", str(data)]) == 0
    flip_a_byte(data / "snapshots" / "demo-v1" / "derived" / "attainment.parquet", 200)
    with pytest.raises(SystemExit) as exited:
        main(["verify", "--data", str(data), "--lang", "zh"])
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "数据快照 demo-v1 已损坏，不予使用：derived/attainment.parquet 与清单中的校验值不符" in out
    assert "reported-v1：所有文件均与清单一致" in out and "1 个快照完好，1 个已损坏" in out


def test_the_app_lists_a_damaged_snapshot_and_serves_the_others(data, monkeypatch):
    flip_a_byte(data / "snapshots" / "reported-v1" / "observations.parquet", 300)
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    at = run_app("overview", lang="en", snapshot="reported-v1")
    assert "Snapshot reported-v1 is damaged and is not served: observations.parquet differs" in texts(at)
    assert at.selectbox(key="snapshot").options == ["demo-v1"]


def test_a_read_only_data_folder_opens_and_still_finds_damage(data, read_only):
    """The remembered checks are a shortcut: a folder that cannot be written (a read-only mount) opens,
    is checked in full each time, and a changed file is still refused."""
    (data / "catalog" / catalog.CHECKED_FILE).unlink(missing_ok=True)  # copied along from the shipped folder
    flip_a_byte(data / "snapshots" / "reported-v1" / "observations.parquet", 200)  # changed before it went read-only
    read_only(data)
    database = opened(data, "demo-v1")
    assert len(database.query("regions_present")) == 12
    database.close()
    assert not (data / "catalog" / catalog.CHECKED_FILE).exists()
    assert damage_of(data, "reported-v1").reason_key == "damaged_checksum"


def test_a_snapshots_own_regions_are_covered_by_its_checksums(data):
    """Issue 26: regions.parquet decides names, parents and levels (so peers and ranks); a manifest whose
    checksums covered only the two fixed files would serve a renamed region without a word."""
    from chuangcheng.model import regions

    source = snapshots.find(data, "reported-v1")
    tables = {name: pq.read_table(source.file(name)) for name in ("observations.parquet", "survey.parquet")}
    own = regions.to_table(catalog.load(data).regions.reset_index().head(3))
    meta = {
        "id": "with-regions",
        "dataset": "reported",
        "title": "t",
        "created": "2026-03-01T00:00:00+00:00",
        "built_from": [],
    }
    published = publishing.publish(data, meta, {**tables, snapshots.REGIONS_FILE: own})
    assert snapshots.REGIONS_FILE in published.checksums
    opened(data, "with-regions").close()
    renamed = own.set_column(
        own.schema.get_field_index("name_en"), "name_en", pc.binary_join_element_wise(own["name_en"], " (renamed)", "")
    )
    pq.write_table(renamed, published.file(snapshots.REGIONS_FILE))
    assert damage_of(data, "with-regions").reason == {"file": snapshots.REGIONS_FILE}


def test_a_file_rewritten_in_place_with_its_time_restored_is_hashed_again(data):
    """Issue 26: the same inode and modification time but another size is another file; an identity
    without the size would serve the rewritten values from what was remembered."""
    import os

    opened(data, "reported-v1").close()  # its checksums are remembered by identity
    path = data / "snapshots" / "reported-v1" / "observations.parquet"
    before, inode = path.stat(), path.stat().st_ino
    table = pq.read_table(path)
    doubled_rows = table.set_column(table.schema.get_field_index("value"), "value", pc.multiply(table["value"], 2))
    sink = pa.BufferOutputStream()
    pq.write_table(doubled_rows, sink, compression="none")
    rewritten = sink.getvalue().to_pybytes()
    assert len(rewritten) != before.st_size
    with open(path, "r+b") as handle:  # in place: the inode stays
        handle.truncate(0)
        handle.write(rewritten)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, before.st_mtime_ns)
    assert damage_of(data, "reported-v1").reason == {"file": "observations.parquet"}


def test_a_derived_file_rewritten_after_the_first_answer_is_never_served(data, reported_db):
    """Issue 21: a derived file rewritten with doubled values after the first answer was served (3008.2 where
    the data say 1504.1): the next answer checks the file's identity first, finds it changed and hashes it."""
    database = opened(data, "reported-v1")
    asked = dict(regions=[], indicators=[], first=2000, last=2030)
    before = database.query("data_rows", **asked)
    doubled(data / "snapshots" / "reported-v1" / "derived" / "indicator_values.parquet")
    with pytest.raises(DamagedSnapshot) as raised:
        database.query("data_rows", **asked)
    assert raised.value.reason == {"file": "derived/indicator_values.parquet"}
    reopened = opened(data, "reported-v1")  # what the pages and the API do next: their serving key changed
    assert reopened.notice == "derived_damaged" and reopened.query("data_rows", **asked).equals(before)


def test_a_raw_file_swapped_after_open_stops_every_answer(data):
    database = opened(data, "demo-v1")
    database.query("regions_present")
    (data / "snapshots" / "demo-v1" / "survey.parquet").rename(data / "elsewhere.parquet")
    shutil.copy(
        data / "snapshots" / "reported-v1" / "survey.parquet", data / "snapshots" / "demo-v1" / "survey.parquet"
    )
    with pytest.raises(DamagedSnapshot) as raised:
        database.query("regions_present")
    assert raised.value.reason == {"file": "survey.parquet"}


def test_rot_that_keeps_a_files_identity_is_found_by_the_next_process_and_by_the_recheck(data, monkeypatch):
    """Issue 21: one flipped byte of a derived file, size, times and inode kept, served energy_per_unit_gdp =
    79.159 instead of 0.506 in a fresh command and a fresh server. Every process hashes what it opens; a
    running one hashes again once a checksum is older than integrity_recheck_minutes."""
    import os

    database = opened(data, "demo-v1")
    database.query("regions_present")
    path = data / "snapshots" / "demo-v1" / "derived" / "indicator_values.parquet"
    kept = {str(path): files_module.identity(path)}
    real_identity = files_module.identity
    monkeypatch.setattr(
        files_module, "identity", lambda p: kept.get(str(p)) or real_identity(p)
    )  # rot: nothing on the inode moved
    stat = path.stat()
    flip_a_byte(path, stat.st_size // 2)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    database.query("regions_present")  # within the recheck time a running process trusts what it hashed...
    monkeypatch.setenv("CHUANGCHENG_INTEGRITY_RECHECK_MINUTES", "0")
    with pytest.raises(DamagedSnapshot):  # ...and not after it
        database.query("regions_present")
    monkeypatch.delenv("CHUANGCHENG_INTEGRITY_RECHECK_MINUTES")
    integrity._known.clear()  # a new process
    assert opened(data, "demo-v1").notice == "derived_damaged"
    with pytest.raises(SystemExit):  # and the full check names it
        main(["verify", "--data", str(data), "--snapshot", "demo-v1"])


def test_a_page_that_cannot_be_decoded_is_a_damaged_snapshot_never_a_message_with_a_path(data, monkeypatch):
    """Issue 21: a corrupt Parquet page surfaced as a 400 carrying the absolute file path and the query's bound
    parameters. A file whose checksum matches the manifest and still cannot be read makes the snapshot damaged."""
    from inprocess import respond

    folder = data / "snapshots" / "reported-v1"
    target = folder / "derived" / "indicator_values.parquet"
    original = target.read_bytes()

    def published_as(raw: bytes) -> None:
        target.write_bytes(raw)
        fields = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        fields["derived"]["files"]["indicator_values.parquet"] = snapshots.sha256(target)  # as if published so
        (folder / "manifest.json").write_text(json.dumps(fields), encoding="utf-8")

    footer = int.from_bytes(original[-8:-4], "little") + 8
    published_as(original[:4] + bytes(len(original) - 4 - footer) + original[-footer:])  # pages zeroed, footer kept
    database = opened(data, "reported-v1")
    with pytest.raises(DamagedSnapshot) as raised:
        database.query("data_rows", regions=[], indicators=[], first=2000, last=2030)
    assert raised.value.reason_key == "damaged_unreadable"
    published_as(original[:4] + bytes(len(original) - 8) + original[-4:])  # the footer too: it fails to open
    assert damage_of(data, "reported-v1").reason_key == "damaged_unreadable"
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    response = respond("data", "json", "snapshot=reported-v1")
    message = json.loads(response.body)["error"]
    assert response.status_code == 503 and "cannot be read" in message
    assert str(data) not in message and "parquet" not in message.lower() and "2030" not in message


def test_a_malformed_catalog_row_is_a_clear_page_and_a_503_naming_file_row_and_field(data, monkeypatch):
    """Issue 21: one malformed catalog row took every page down with Streamlit's generic error and made every
    API call a 400."""
    from inprocess import respond

    toml = data / "catalog" / "indicators.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("decimals = 1\n", 'decimals = "one"\n', 1), encoding="utf-8"
    )
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    for lang, words in (("en", "The catalog has problems"), ("zh", "指标目录有误")):
        at = run_app(lang=lang)
        assert words in texts(at) and "indicators.toml, row 2, column decimals: must be int" in texts(at)
    response = respond("region", "json", "")
    assert response.status_code == 503
    assert (
        json.loads(response.body)["error"]
        == "The catalog has problems:\nindicators.toml, row 2, column decimals: must be int"
    )


def test_a_data_folder_with_nothing_to_serve_says_so(data, monkeypatch):
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    for snapshot in ("demo-v1", "reported-v1"):
        flip_a_byte(data / "snapshots" / snapshot / "observations.parquet", 300)
    assert "No snapshot can be served: all 2 in the data folder are damaged" in texts(run_app())
    for snapshot in ("demo-v1", "reported-v1"):
        shutil.rmtree(data / "snapshots" / snapshot)
    assert "The data folder has no snapshot yet" in texts(run_app(lang="en"))


def test_a_catalog_edit_shows_without_a_restart(data, monkeypatch):
    """Issue 21: after a catalog edit (and a rebuild), names stayed as they were until the server restarted."""
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    assert "**Gross regional product** ·" in texts(run_app("indicators"))
    toml = data / "catalog" / "indicators.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('name_en = "Gross regional product"', 'name_en = "Regional GDP"', 1),
        encoding="utf-8",
    )
    assert main(["rebuild", "--data", str(data)]) == 0
    shown = texts(run_app("indicators"))
    assert "**Regional GDP** ·" in shown and "**Gross regional product** ·" not in shown
