"""The command line: export gives the page's bytes for the same filters, and says what is wrong."""

from datetime import datetime

import pytest

from chuangcheng.render import export
from chuangcheng import settings
from chuangcheng.store import snapshots
from chuangcheng.cli import main


def test_export_gives_the_bytes_the_page_renders(tmp_path, demo_db, shipped_catalog, capsysbinary):
    filters = export.Filters(("990102", "990113"), ("gdp", "public_safety_sense_rate"), 2020, 2022)
    rows = demo_db.query("data_rows", **filters.params())
    created = datetime.fromisoformat(snapshots.find(settings.data_dir(), "demo-v1").created)
    assert main(["export", "--snapshot", "demo-v1", "--districts", "990102", "990113", "--indicators", "gdp", "public_safety_sense_rate",
                 "--years", "2020", "2022", "--lang", "zh", "--layout", "wide", "--format", "xlsx", "--out", str(tmp_path / "x.xlsx")]) == 0
    assert (tmp_path / "x.xlsx").read_bytes() == export.render(rows, shipped_catalog, "zh", "wide", "xlsx", created)
    assert main(["export", "--districts", "990102", "990113", "--indicators", "gdp", "public_safety_sense_rate", "--years", "2020", "2022"]) == 0
    assert capsysbinary.readouterr().out == export.render(rows, shipped_catalog, "en", "long", "csv", created)


def test_export_without_filters_is_the_whole_snapshot(capsysbinary, reported_db):
    assert main(["export", "--snapshot", "reported-v1"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 1 + 16


def test_export_names_unknown_codes(capsys):
    assert main(["export", "--districts", "990102", "999999", "--indicators", "gdp", "happiness"]) == 1
    assert capsys.readouterr().err == "error: not in snapshot demo-v1: 999999, happiness\n"


def test_export_of_an_unknown_snapshot_says_so(capsys):
    assert main(["export", "--snapshot", "nope"]) == 1
    assert "snapshot 'nope' not found" in capsys.readouterr().err


def test_bad_arguments_exit_with_usage():
    with pytest.raises(SystemExit) as caught:
        main(["export", "--years", "2020"])
    assert caught.value.code == 2
