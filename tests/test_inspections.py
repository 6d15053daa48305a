"""Field inspection results (#25): a sheet as offices export it ingests over a snapshot; each street's 符合率 and
得分率 in a period agree with a computation from the sheet's own rows; mistakes are named at their cells."""

import io
import json
import shutil

import pandas as pd
import pytest

from chuangcheng import ROOT, ingest
from chuangcheng.ingest import report
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model.params import Params
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database
from chuangcheng.views import inspections

SHEET = """所属区县,所属街道,点位名称,点位类型,检查时间,测评内容,测评结果,得分,满分,检查组
110101,东华门街道,王府井大街,主次干道,2024-03-04,路面整洁无垃圾,合格,10,10,第一组
110101,东华门街道,王府井大街,主次干道,2024-03-04,公益广告不少于5处,不合格,6,10,第一组
110101,东华门街道,东单菜市场,农贸市场,2024-03-05,无占道经营,严重不合格,0,10,第一组
110101,景山街道,景山公园东门,公共广场,2024/3/12,路面整洁无垃圾,合格,,,第二组
110101,景山街道,景山公园东门,公共广场,2024/3/12,无乱贴小广告,合格,,,第二组
110101,景山街道,沙滩北街,背街小巷,2024年3月13日,路灯完好,不合格,,,第二组
110101,交道口街道,南锣鼓巷,背街小巷,2024-04-02,路面整洁无垃圾,合格,9,10,第三组
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    data = tmp_path_factory.mktemp("inspections") / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries"))
    path = data.parent / "实地检查.csv"
    path.write_text(SHEET, encoding="utf-8")
    result = ingest.ingest(ingest.Request(files=[path], snapshot="visits-v1", base="demo-v1"), data)
    assert result.ok, report.text(result.problems, "en")
    database = Database(snapshots.find(data, "visits-v1"), catalog_module.load(data))
    yield data, result, database
    database.close()


@pytest.mark.parametrize("period", ["2024-03", "2024Q1", "2024-04"])
def test_pass_and_score_rates_agree_with_the_sheets_own_rows(published, period):
    _, _, database = published
    view = inspections.inspection_rates(database, Params(lang="zh", level="street", parent="110101", period=period))
    rows = view.rows.set_index("region_code")
    sheet = pd.read_csv(io.StringIO(SHEET), dtype={"所属区县": str})
    sheet["day"] = pd.to_datetime(
        sheet["检查时间"].str.replace("年", "-").str.replace("月", "-").str.replace("日", ""), format="mixed"
    )
    within = sheet[sheet["day"].dt.to_period("M" if "-" in period else "Q") == pd.Period(period)]
    codes = {"东华门街道": "110101001", "景山街道": "110101002", "交道口街道": "110101003"}
    for street, part in within.groupby("所属街道"):
        row = rows.loc[codes[street]]
        assert row["checked"] == len(part) and row["points"] == part["点位名称"].nunique()
        assert row["pass_rate"] == round(100 * (part["测评结果"] == "合格").sum() / len(part), 1)
        scored = part[part["得分"].notna()]
        expected = round(100 * scored["得分"].sum() / scored["满分"].sum(), 1) if len(scored) else None
        assert row["score_rate"] == expected if expected is not None else pd.isna(row["score_rate"])
    assert set(rows.index) == set(codes.values())  # a street not inspected in the period is listed with nothing


def test_the_api_answers_the_inspections(published, monkeypatch):
    from inprocess import ask

    data, _, _ = published
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    status, _, body = ask("inspections", "json", "snapshot=visits-v1&level=street&parent=110101&period=2024-03")
    answer = json.loads(body)
    assert status == 200 and {"points", "checked", "passed", "pass_rate", "score_rate", "rank"} <= set(
        answer["columns"]
    )
    top = answer["data"][0]
    assert top["region_code"] == "110101002" and top["rank"] == 1  # 景山: 2 of 3 passed


def test_an_inspection_sheets_mistakes_are_named_at_their_cells(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries", "snapshots"))
    (data / "snapshots").mkdir()
    path = tmp_path / "bad.csv"
    path.write_text(
        "所属区县,所属街道,点位名称,检查时间,测评内容,测评结果,得分,满分\n"
        "110101,东华门街道,王府井大街,2024-03-04,路面整洁,还行,,\n"  # no result this reads
        "110101,东华门街道,王府井大街,2024-03-04,公益广告,,12,10\n"  # a score above its maximum
        "110101,东华门街道,王府井大街,,无占道,合格,,\n"  # no date
        "110101,东华门街道,王府井大街,2024-03-04,路灯,,,\n"  # neither result nor score
        "110101,东华门街道,王府井大街,2024-03-04,护栏,,8,\n",  # a score without its maximum: 得分率 over 100%
        encoding="utf-8",
    )
    result = ingest.ingest(ingest.Request(files=[path], snapshot="bad"), data)
    assert sorted((p.row, p.column, p.kind) for p in result.problems) == [
        (2, "测评结果", "problem_inspection_result"),
        (3, "得分", "problem_inspection_score"),
        (4, "检查时间", "problem_inspection_no_date"),
        (5, "测评结果", "problem_inspection_nothing"),
        (6, "满分", "problem_inspection_no_max"),
    ]


def test_a_standard_checked_at_a_point_type_the_catalog_does_not_apply_it_to_is_a_warning(published):
    """景山公园东门 is typed 公共广场, where the catalog applies neither of its two standards: each pair is one warning at
    its first row, and the sheet is published as it is."""
    _, result, _ = published
    said = [w for w in result.warnings if "公共广场" in str(w)]
    assert len(said) == 2 and {w.row for w in said} == {5, 6}  # the lines of the sheet its two standards are on
    assert any("路面整洁无垃圾" in str(w) and "主次干道、背街小巷、学校周边" in str(w) for w in said)
    assert result.ok


def test_sites_placed_by_the_sheet_are_mapped_and_misplaced_ones_named(tmp_path):
    """#25: 经度 / 纬度 place a site; a coordinate outside China (swapped, or a projected one), one without the other
    and a word where a number goes are problems at their cells — never a traceback (a score of 十分 raised one)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries"))
    head = "所属区县,所属街道,点位名称,点位类型,检查时间,测评内容,测评结果,得分,满分,经度,纬度\n"
    good = tmp_path / "good.csv"
    good.write_text(
        head + "110101,东华门街道,王府井大街,主次干道,2024-03-04,路面整洁无垃圾,合格,10,10,116.4109,39.9149\n"
        "110101,东华门街道,王府井大街,主次干道,2024-03-04,无占道经营,不合格,6,10,116.4109,39.9149\n"
        "110101,景山街道,沙滩北街,背街小巷,2024-03-05,路灯完好,合格,10,10,116.4016,39.9271\n",
        encoding="utf-8",
    )
    result = ingest.ingest(ingest.Request(files=[good], snapshot="sites-v1", base="reported-v1"), data)
    assert result.ok, report.text(result.problems, "en")
    database = Database(snapshots.find(data, "sites-v1"), catalog_module.load(data))
    found = inspections.sites(database, Params(lang="en", level="street", parent="110101", period="2024-03")).rows
    assert found[["point", "longitude", "latitude", "checked", "pass_rate"]].values.tolist() == [
        ["王府井大街", 116.4109, 39.9149, 2, 50.0],
        ["沙滩北街", 116.4016, 39.9271, 1, 100.0],
    ]
    assert found["point_type_name"].tolist() == ["Main road", "Back lane"]
    database.close()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        head
        + "110101,东华门街道,王府井大街,主次干道,2024-03-04,路面整洁无垃圾,合格,10,10,39.9149,116.4109\n"  # swapped
        "110101,东华门街道,东单菜市场,农贸市场,2024-03-04,摊位整齐,合格,10,10,116.4177,\n"  # one of two
        "110101,东华门街道,东单菜市场,农贸市场,2024-03-04,无占道经营,合格,十分,10,东经116度,39.91\n",
        encoding="utf-8",
    )
    result = ingest.ingest(ingest.Request(files=[bad], snapshot="sites-bad", base="reported-v1"), data)
    assert sorted((p.row, p.column, p.kind) for p in result.problems) == sorted(
        [
            (2, "经度", "problem_inspection_degrees"),
            (2, "纬度", "problem_inspection_degrees"),
            (3, "纬度", "problem_inspection_half_place"),
            (4, "得分", "problem_inspection_not_number"),
            (4, "经度", "problem_inspection_not_number"),
        ]
    )
    assert not (data / "snapshots" / "sites-bad").exists()


def test_an_offices_own_result_words_are_read_through_its_mapping(tmp_path):
    """基本合格 is no result word of ours (a problem without a mapping, never a guess); [words] says it means fail."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries"))
    sheet = tmp_path / "检查.csv"
    sheet.write_text(
        "所属区县,所属街道,点位名称,点位类型,检查时间,测评内容,测评结果\n"
        "110101,东华门街道,王府井大街,主次干道,2024-03-04,路面整洁无垃圾,基本合格\n"
        "110101,东华门街道,王府井大街,主次干道,2024-03-04,无占道经营,合格\n",
        encoding="utf-8",
    )
    guessed = ingest.ingest(ingest.Request(files=[sheet], snapshot="words-0", base="reported-v1"), data)
    assert [(p.row, p.kind) for p in guessed.problems] == [(2, "problem_inspection_result")]
    mapping = tmp_path / "检查.toml"
    mapping.write_text('[words]\n"基本合格" = "fail"\n', encoding="utf-8")
    request = ingest.Request(files=[sheet], snapshot="words-1", base="reported-v1", mapping=mapping)
    assert ingest.ingest(request, data).ok
    database = Database(snapshots.find(data, "words-1"), catalog_module.load(data))
    rows = inspections.inspection_rates(database, Params(level="street", parent="110101", period="2024-03")).rows
    assert rows[["checked", "passed", "pass_rate"]].values.tolist() == [[2, 1, 50.0]]
    database.close()
