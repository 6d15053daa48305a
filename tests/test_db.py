"""The data-access module: read-only, bound parameters, named errors, safe across threads."""

import re
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest

from chuangcheng import QUERIES, ROOT
from chuangcheng.errors import QueryError


def test_no_query_can_read_a_file(demo_db):
    with pytest.raises(duckdb.PermissionException):
        demo_db._con.cursor().execute("select * from read_csv('/etc/passwd')").fetchall()


def test_no_query_can_write_into_the_snapshot(demo_db):
    target = demo_db.manifest.path / "leak.csv"
    with pytest.raises(duckdb.PermissionException):
        demo_db._con.cursor().execute(f"copy (select 1) to '{target}'")
    assert not target.exists()


def test_the_lock_cannot_be_lifted(demo_db):
    with pytest.raises(duckdb.Error):
        demo_db._con.cursor().execute("set enable_external_access = true")
    with pytest.raises(duckdb.Error):
        demo_db._con.cursor().execute("set allowed_paths = ['/']")


def test_the_only_files_a_query_reaches_are_the_snapshots_derived_tables(demo_db):
    """DuckDB reads the derived Parquet itself (allowed_paths lists exactly those files); the raw files, the
    manifest and anything else stay out of reach."""
    cursor = demo_db._con.cursor()
    derived = demo_db.manifest.path / "derived" / "indicator_values.parquet"
    assert cursor.execute("select count(*) from read_parquet(?)", [str(derived.resolve())]).fetchone()[0] > 0
    for other in (demo_db.manifest.path / "observations.parquet", demo_db.manifest.path / "manifest.json"):
        with pytest.raises(duckdb.Error):
            cursor.execute("select * from read_text(?)", [str(other.resolve())]).fetchall()
        with pytest.raises(duckdb.PermissionException):
            cursor.execute("select * from read_parquet(?)", [str(other.resolve())]).fetchall()


WRITES = re.compile(r"\b(copy|attach|detach|export|install|load|pragma|set)\b", re.IGNORECASE)


def test_no_question_writes_or_changes_a_setting():
    """A derived file is readable by name, so no question may hold a statement that writes a file or lifts
    a setting (the derived SQL, run only at publish and on raw files, creates tables in memory)."""
    offenders = [
        str(path.relative_to(QUERIES))
        for path in QUERIES.rglob("*.sql")
        if path.parent.name not in ("derived", "bench")
        and WRITES.search(re.sub(r"--.*", "", path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_a_failing_query_raises_a_named_error_with_its_name_and_parameters(demo_db):
    with pytest.raises(QueryError) as caught:
        demo_db.query("scope_indicator", level="district", parent="990100", year="not a year", indicator="gdp")
    assert caught.value.name == "scope_indicator"
    assert caught.value.params == {"level": "district", "parent": "990100", "year": "not a year", "indicator": "gdp"}


def test_user_text_is_bound_not_spliced(demo_db):
    hostile = "990100' or 1=1 --"
    assert demo_db.query("scope_years", level="district", parent=hostile).empty


def test_queries_from_many_threads_at_once_all_answer(demo_db):
    def ask(year):
        return len(demo_db.query("scope_attainment", level="district", parent="990100", year=year))

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(ask, [2013 + i % 13 for i in range(64)]))
    assert all(count > 0 for count in counts)


def test_only_the_data_access_module_imports_duckdb():
    importers = [
        path.relative_to(ROOT)
        for path in ROOT.glob("**/*.py")
        if ".venv" not in path.parts
        and "tests" not in path.parts
        and "import duckdb" in path.read_text(encoding="utf-8")
    ]
    assert [str(p) for p in importers] == ["chuangcheng/store/db.py"]


def test_the_core_package_does_not_import_streamlit_outside_the_app_layer_and_the_benchmark():
    """app/ holds the shared widgets and sections (ui.py, sub_year.py); bench.py drives the pages headless to time
    them. Views, renderers and the store answer without Streamlit, for the API and the command line alike."""
    core = (ROOT / "chuangcheng").rglob("*.py")
    importers = sorted(
        str(p.relative_to(ROOT / "chuangcheng")) for p in core if "import streamlit" in p.read_text(encoding="utf-8")
    )
    assert [p for p in importers if not p.startswith("app/")] == ["dev/bench.py"]
    assert "app/ui.py" in importers


def test_no_sql_is_written_in_python():
    sql = re.compile(r"\bselect\b[^\n]*\bfrom\b|\bcreate\s+(view|table)\b", re.IGNORECASE)
    offenders = [p.name for p in (ROOT / "chuangcheng").rglob("*.py") if sql.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_a_data_folder_whose_name_looks_like_a_pattern_is_read_as_named(tmp_path):
    """DuckDB takes * ? [ in a path as a pattern: a folder "data[1]" beside a "data1" would be read as the
    other folder. Such a name is read literally, and only its own files are read."""
    import shutil

    from chuangcheng.model import catalog
    from chuangcheng.store import snapshots
    from chuangcheng.store.db import Database

    for name in ("data[1]", "data1"):
        shutil.copytree(ROOT / "data" / "catalog", tmp_path / name / "catalog")
        shutil.copytree(ROOT / "data" / "snapshots" / "demo-v1", tmp_path / name / "snapshots" / "demo-v1")
    (tmp_path / "data1" / "snapshots" / "demo-v1" / "derived" / "indicator_values.parquet").write_bytes(b"not parquet")
    database = Database(snapshots.find(tmp_path / "data[1]", "demo-v1"), catalog.load(tmp_path / "data[1]"))
    try:
        assert len(database.query("data_rows", regions=[], indicators=["gdp"], first=2013, last=2025)) == 12 * 13
    finally:
        database.close()


def test_a_data_folder_with_a_quote_in_its_name_opens(tmp_path):
    """The views over a snapshot's derived files are made in one script, the paths quoted: a folder named o'brien
    must open and answer, not end the script early."""
    import shutil

    from chuangcheng.model import catalog
    from chuangcheng.store import snapshots
    from chuangcheng.store.db import Database

    data = tmp_path / "o'brien; drop view x"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    shutil.copytree(ROOT / "data" / "snapshots" / "demo-v1", data / "snapshots" / "demo-v1")
    database = Database(snapshots.find(data, "demo-v1"), catalog.load(data))
    try:
        assert len(database.query("data_rows", regions=[], indicators=["gdp"], first=2013, last=2025)) == 12 * 13
    finally:
        database.close()
