"""The kinds of data, declared once (model/kinds.py): every registry that reads them is complete, and a kind a
snapshot was written before is no snapshot's problem (#24's seam for field inspections and the problem ledger)."""

import dataclasses

import pyarrow.parquet as pq

import pandas as pd
import pyarrow as pa
import pytest

from chuangcheng import QUERIES, ROOT
from chuangcheng.i18n import TEXT
from chuangcheng.ingest import validate
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import kinds
from chuangcheng.store import derive, publishing, snapshots
from chuangcheng.store.db import Database

VISITS = kinds.Kind(
    name="visits",
    file="visits.parquet",
    required=(pa.field("region_code", pa.string()), pa.field("date", pa.date32()), pa.field("passed", pa.bool_())),
    key=("region_code", "date"),
    always_written=False,
)


def test_the_derived_tables_are_the_kinds_own_in_the_order_their_reads_need():
    assert derive.TABLES[0] == "survey_rates"  # figures read the survey's rates: the survey's tables come first
    assert list(derive.TABLES) == [t for kind in kinds.derivation_order() for t in kind.derived]
    assert {kinds.of(table).name for table in derive.TABLES} == {"figures", "survey", "problems", "inspections"}
    written = {path.stem for path in (QUERIES / "derived").glob("*.sql")}
    assert set(derive.TABLES) <= written and written - set(derive.TABLES) == {"changes"}  # changes: a diff's


def test_kinds_that_read_each_other_are_refused_not_looped_over(monkeypatch):
    first = dataclasses.replace(VISITS, reads=("problems",))
    second = dataclasses.replace(VISITS, name="problems", file="problems.parquet", reads=("visits",))
    monkeypatch.setattr(kinds, "BY_NAME", {"visits": first, "problems": second})
    with pytest.raises(ValueError, match="visits -> problems -> visits"):
        kinds.derivation_order((first, second))


def test_every_kind_is_checked_by_ingest_and_named_in_both_languages():
    assert set(validate.CHECKS) == {kind.name for kind in kinds.KINDS}
    for lang in ("en", "zh"):
        assert all(f"data_kind_{k.name}" in TEXT[lang] and f"count_{k.name}" in TEXT[lang] for k in kinds.KINDS)
    assert [k.name for k in kinds.KINDS if not k.roles] == ["figures"]  # one default kind, the rest by their columns


def test_counts_name_every_kind_a_snapshot_has_in_both_languages():
    rows = {"observations.parquet": 1234, "survey.parquet": 0}
    assert kinds.counted(rows, "en") == "1,234 values and 0 survey answers"
    assert kinds.counted(rows, "zh") == "1,234 个数值和 0 条调查答案"
    assert kinds.rows_cell(rows) == "1,234 / 0" and kinds.rows_header("en") == "Rows (values / survey answers)"


def test_a_kind_is_chosen_by_the_columns_a_table_has():
    mapping = validate.Mapping()
    survey = pd.DataFrame(columns=["地区", "年份", "respondent_id", "question", "answer"])
    figures = pd.DataFrame(columns=["地区", "年份", "指标", "数值", "question"])
    loaded = lambda frame: validate.Loaded(name="x.csv", frame=frame)  # noqa: E731
    assert validate.kind_of(loaded(survey), mapping) is kinds.SURVEY
    assert validate.kind_of(loaded(figures), mapping) is kinds.FIGURES


def test_a_newer_kind_is_written_only_when_given_and_an_older_snapshot_reads_it_as_empty(tmp_path, monkeypatch):
    """A kind added after a snapshot was published (inspections, next) costs that snapshot nothing: publishing
    writes its file only when a table of it is given, and opening a snapshot without it reads none of its rows."""
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, VISITS))
    data = tmp_path / "data"
    (data / "snapshots").mkdir(parents=True)
    source = snapshots.find(ROOT / "data", "reported-v1")
    tables = {kind.file: pq.read_table(source.file(kind.file)) for kind in kinds.KINDS if kind.always_written}
    meta = {"id": "old", "dataset": "d", "title": "t", "created": "2026-01-01T00:00:00", "built_from": []}
    old = publishing.publish(data, meta, tables)
    assert set(old.checksums) == {"observations.parquet", "survey.parquet"}
    visited = pa.table(
        {"region_code": ["110101"], "date": pa.array([pd.Timestamp("2026-03-05").date()]), "passed": [True]}
    )
    new = publishing.publish(data, {**meta, "id": "new"}, {**tables, "visits.parquet": visited})
    assert new.rows["visits.parquet"] == 1 and "visits.parquet" in new.checksums
    shipped = catalog_module.load(ROOT / "data")
    for manifest, rows in ((old, 0), (new, 1)):
        database = Database(manifest, shipped, derived=False)
        try:
            assert database.table("visits").num_rows == rows
            assert database.table("visits").schema.names == ["region_code", "date", "passed"]
        finally:
            database.close()
