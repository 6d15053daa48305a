"""The command line: export gives the page's bytes for the same filters, and says what is wrong."""

from datetime import datetime

import pytest

from chuangcheng.render import export
from chuangcheng import settings
from chuangcheng.store import snapshots
from chuangcheng.cli import main
from chuangcheng.views import common


def test_export_gives_the_bytes_the_page_renders(tmp_path, demo_db, shipped_catalog, capsysbinary):
    rows = demo_db.query(
        "data_rows", regions=["990102", "990113"], indicators=["gdp", "public_safety_sense_rate"], first=2020, last=2022
    )
    created = datetime.fromisoformat(snapshots.find(settings.data_dir(), "demo-v1").created)
    names = {lang: common.region_names(demo_db, lang) for lang in ("en", "zh")}
    assert (
        main(
            [
                "export",
                "--snapshot",
                "demo-v1",
                "--districts",
                "990102",
                "990113",
                "--indicators",
                "gdp",
                "public_safety_sense_rate",
                "--years",
                "2020",
                "2022",
                "--lang",
                "zh",
                "--layout",
                "wide",
                "--format",
                "xlsx",
                "--out",
                str(tmp_path / "x.xlsx"),
            ]
        )
        == 0
    )
    assert (tmp_path / "x.xlsx").read_bytes() == export.render(
        rows, shipped_catalog, names["zh"], "zh", "wide", "xlsx", created
    )
    assert (
        main(
            [
                "export",
                "--districts",
                "990102",
                "990113",
                "--indicators",
                "gdp",
                "public_safety_sense_rate",
                "--years",
                "2020",
                "2022",
            ]
        )
        == 0
    )
    assert capsysbinary.readouterr().out == export.render(
        rows, shipped_catalog, names["en"], "en", "long", "csv", created
    )
    assert (
        main(
            [
                "export",
                "--districts",
                "990102",
                "--indicators",
                "public_safety_sense_rate",
                "--years",
                "2022",
                "2022",
                "--full-precision",
            ]
        )
        == 0
    )
    raw = capsysbinary.readouterr().out.decode("utf-8-sig").split("\r\n")[1].split(",")
    assert (
        float(raw[6])
        == rows[
            (rows["region_code"] == "990102")
            & (rows["year"] == 2022)
            & (rows["indicator"] == "public_safety_sense_rate")
        ]["value"].iloc[0]
    )


def test_export_without_filters_is_the_whole_snapshot(capsysbinary, reported_db):
    assert main(["export", "--snapshot", "reported-v1"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 1 + 16


def test_export_names_unknown_codes(capsys):
    assert main(["export", "--districts", "990102", "999999", "--indicators", "gdp"]) == 1
    assert capsys.readouterr().err == "error: not in snapshot demo-v1: districts 999999\n"
    assert main(["export", "--districts", "990102", "--indicators", "gdp", "happiness"]) == 1
    assert capsys.readouterr().err == "error: not in snapshot demo-v1: indicators happiness\n"


def test_report_command_writes_the_region_report(tmp_path):
    """Issue 14: an office can schedule the district report."""
    out = tmp_path / "report.html"
    assert (
        main(
            [
                "report",
                "--snapshot",
                "demo-v1",
                "--region",
                "990110",
                "--year",
                "2025",
                "--lang",
                "zh",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    html = out.read_text(encoding="utf-8")
    assert "<title>星澜市（虚构）旧埠区 2025年创建测评报告</title>" in html and "全部计分指标" in html


def test_report_of_an_unknown_region_says_so(capsys):
    assert main(["report", "--region", "123456"]) == 1
    assert capsys.readouterr().err == "error: not in snapshot demo-v1: district 123456\n"


def test_export_of_an_unknown_snapshot_says_so(capsys):
    assert main(["export", "--snapshot", "nope"]) == 1
    assert "snapshot 'nope' not found" in capsys.readouterr().err


def test_bad_arguments_exit_with_usage():
    with pytest.raises(SystemExit) as caught:
        main(["export", "--years", "2020"])
    assert caught.value.code == 2


def test_report_command_shows_the_month_asked_and_names_a_period_it_cannot_read(tmp_path, capsys):
    out = tmp_path / "report.html"
    args = ["report", "--snapshot", "demo-v1", "--region", "990102", "--year", "2024", "--lang", "zh"]
    assert main([*args, "--period", "2024-06", "--out", str(out)]) == 0
    assert "<h2>月度数据 · 2024年6月</h2>" in out.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main([*args, "--period", "June", "--out", str(out)])
    assert stopped.value.code == 2 and "argument --period: period = 'June': not a period" in capsys.readouterr().err
