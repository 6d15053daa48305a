"""The problem ledger (#25): a ledger as offices export it ingests over a snapshot with --base, into events; each
region's rectification in a period agrees with a computation from the ledger's own rows; what is wrong is named at
its cell; a later ledger adds to the history, never rewrites it."""

import datetime as dt
import json
import shutil

import pandas as pd
import pytest

from chuangcheng import ROOT, ingest
from chuangcheng.datasets import demo_ledger
from chuangcheng.ingest import report
from chuangcheng.model.params import Params
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import periods
from chuangcheng.views import ledger as ledger_view

# 东城区's streets (the national list's): 东华门 110101001, 景山 110101002, 交道口 110101003
LEDGER = """问题编号,所属区县,所属街道,点位名称,点位类型,问题类别,问题描述,责任单位,发现时间,整改时限,整改情况,整改时间,销号时间,退回时间
WT-001,110101,东华门街道,王府井大街,主次干道,环境卫生,果皮纸屑,东华门街道办事处,2024/3/4,2024/3/8,已销号,2024/3/6,2024/3/7,
WT-002,110101,东华门街道,东单菜市场,农贸市场,公共秩序,占道经营,市场监管所,2024-03-05,2024-03-07,已整改,2024-03-09,,
WT-003,110101,景山街道,景山公园东门,公共广场,宣传氛围,公益广告破损,景山街道办事处,2024年3月12日,2024年3月15日,未整改,,,
WT-004,110101,景山街道,沙滩北街,背街小巷,基础设施,路灯不亮,区城管委,45363,45367,退回,2024-03-14,,2024-03-16
WT-005,110101,交道口街道,南锣鼓巷,背街小巷,环境卫生,垃圾堆放,交道口街道办事处,2024-03-20,2024-04-05,整改中,,,
WT-006,110101,交道口街道,交道口公交站,公交站点,公共秩序,非机动车乱停,交通支队,2024-03-25,2024-03-28,已整改,2024-04-02,,
WT-007,110101,东华门街道,金鱼胡同,背街小巷,基础设施,井盖缺失,区城管委,2024-02-20,2024-02-25,已销号,2024-02-24,2024-02-26,
WT-008,110101,景山街道,景山前街,主次干道,环境卫生,卫生死角,景山街道办事处,2024-03-28,,已整改,2024-03-29,,
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A copy of the shipped data with the ledger published over demo-v1 (no mapping: headed as offices head it)."""
    data = tmp_path_factory.mktemp("ledger") / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries"))
    path = data.parent / "台账.csv"
    path.write_text(LEDGER, encoding="utf-8")
    result = ingest.ingest(ingest.Request(files=[path], snapshot="ledger-v1", base="demo-v1"), data)
    assert result.ok, report.text(result.problems, "en")
    database = Database(snapshots.find(data, "ledger-v1"), catalog_module.load(data))
    yield data, result, database
    database.close()


def expected_rectification(period_start: dt.date, period_end: dt.date) -> pd.DataFrame:
    """From the ledger's own rows, not its events: each problem's status at the cutoff by its dates."""
    rows = pd.read_csv(pd.io.common.StringIO(LEDGER), dtype=str, keep_default_na=False)

    def day(text: str) -> dt.date | None:
        if not text:
            return None
        if text.isdigit():  # an Excel day serial
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(text))
        return pd.to_datetime(text.replace("年", "-").replace("月", "-").replace("日", ""), format="mixed").date()

    dates = [day(c) for column in ("发现时间", "整改时间", "销号时间", "退回时间") for c in rows[column] if c]
    cutoff = min(period_end, max(dates))
    out = {}
    for r in rows.to_dict("records"):
        found, deadline = day(r["发现时间"]), day(r["整改时限"])
        if not period_start <= found <= period_end:
            continue
        rectified = day(r["整改时间"]) or (day(r["销号时间"]) if r["整改情况"] in ("已整改", "已销号") else None)
        returned = day(r["退回时间"])
        done = r["整改情况"] in ("已整改", "已销号", "退回") and rectified is not None and rectified <= cutoff
        done = done and not (returned is not None and returned <= cutoff)
        code = {"东华门街道": "110101001", "景山街道": "110101002", "交道口街道": "110101003"}[r["所属街道"]]
        counts = out.setdefault(code, dict(assigned=0, rectified=0, rectified_on_time=0, overdue=0))
        counts["assigned"] += 1
        counts["rectified"] += done
        counts["rectified_on_time"] += done and (deadline is None or rectified <= deadline)
        counts["overdue"] += not done and deadline is not None and deadline < cutoff
    return pd.DataFrame(out).T


def test_a_ledger_headed_as_offices_head_it_publishes_as_events_over_a_base(published):
    data, result, database = published
    events = result.rows("problems")
    events = events[events["problem_id"].str.startswith("WT-")]  # beside the demo's own ledger, laid under it
    assert sorted(events.groupby("problem_id")["event"].apply(list).loc["WT-001"]) == [
        "assigned",
        "rectified",
        "verified",
    ]
    assert events.groupby("problem_id")["event"].apply(list).loc["WT-004"] == ["assigned", "rectified", "returned"]
    assert set(events["region_code"]) == {"110101001", "110101002", "110101003"}
    assert events.loc[events["problem_id"] == "WT-004", "found"].iloc[0] == dt.date(2024, 3, 12)  # an Excel serial
    manifest = snapshots.find(data, "ledger-v1")
    assert manifest.rows["problems.parquet"] == len(result.rows("problems")) > len(events)
    assert manifest.rows["observations.parquet"] > 5000


@pytest.mark.parametrize("period", ["2024-03", "2024-W11", "2024Q1", "2024-02"])
def test_rectification_of_a_period_agrees_with_the_ledgers_own_rows(published, period):
    _, _, database = published
    asked = ledger_view.rectification(database, Params(lang="zh", period=period, level="street", parent="110101"))
    assert asked.params.level == "street" and asked.params.parent == "110101"
    shown = asked.rows.set_index("region_code")
    asked_period = periods.parse(period)  # its dates are property-tested against pandas' (test_periods.py)
    start, end = asked_period.start, asked_period.end
    expected = expected_rectification(start, end)
    for code in shown.index:
        row = shown.loc[code]
        want = expected.loc[code] if code in expected.index else pd.Series(0, index=expected.columns)
        assert [int(row[c]) for c in ("assigned", "rectified", "rectified_on_time", "overdue")] == list(want), code
        if row["assigned"]:
            assert row["rectification_rate"] == round(100 * want["rectified"] / want["assigned"], 1)
    assert shown["region"].loc["110101002"] == "景山街道"


def test_the_ledger_lists_each_problem_with_its_status_overdue_and_days_open(published):
    _, _, database = published
    rows = ledger_view.problems(database, Params(lang="zh", level="street", parent="110101")).rows
    rows = rows.set_index("problem_id")
    assert rows.loc["WT-001", "status_text"] == "已销号" and rows.loc["WT-004", "status"] == "returned"
    assert rows.loc["WT-003", "overdue"] and not rows.loc["WT-001", "overdue"]
    assert rows.loc["WT-001", "days_open"] == 2  # found 3-4, rectified 3-6
    # open to the ledger's last date: the snapshot's, the demo's ledger laid under this one runs to the end of 2025
    assert rows.loc["WT-003", "days_open"] == (demo_ledger.LEDGER_END - dt.date(2024, 3, 12)).days


def test_the_api_answers_rectification_and_the_ledger(published, monkeypatch):
    from inprocess import ask

    data, _, _ = published
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    status, _, body = ask("rectification", "json", "snapshot=ledger-v1&level=street&parent=110101&period=2024-03")
    answer = json.loads(body)
    assert status == 200 and {"region_code", "period", "assigned", "rectified", "rectified_on_time", "overdue"} <= set(
        answer["columns"]
    )
    assert {"rectification_rate", "on_time_rate"} <= set(answer["columns"])
    status, _, body = ask("problems", "json", "snapshot=ledger-v1&level=street&parent=110101")
    assert status == 200 and len(json.loads(body)["data"]) == 8


def test_a_ledgers_mistakes_are_named_at_their_cells(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries", "snapshots"))
    (data / "snapshots").mkdir()
    path = tmp_path / "bad.csv"
    path.write_text(
        "问题编号,所属街道,问题描述,责任单位,发现时间,整改时限,整改情况,整改时间,销号时间\n"
        "A1,东华门街道,x,u,2024-03-05,2024-03-01,未整改,,\n"  # deadline before the find
        "A2,东华门街道,x,u,2024-03-05,2024-03-09,差不多了,,\n"  # no status this reads
        "A3,东华门街道,x,u,2024-03-05,2024-03-09,已整改,,\n"  # rectified without its date
        "A4,东华门街道,x,u,2024-03-05,2024-03-09,已销号,2024-03-01,\n"  # before it was found
        "A5,东华门街道,x,u,2024-03-05,2024-03-09,已销号,2024-03-08,2024-03-07\n"  # closed before rectified
        ",东华门街道,x,u,2024-03-05,2024-03-09,未整改,,\n"  # no number
        "A7,东华门街道,x,u,3月5日,2024-03-09,未整改,,\n",  # no year for 3月5日
        encoding="utf-8",
    )
    result = ingest.ingest(ingest.Request(files=[path], snapshot="bad"), data)
    named = sorted((p.row, p.column, p.kind) for p in result.problems)
    assert named == [
        (2, "整改时限", "problem_ledger_deadline"),
        (3, "整改情况", "problem_ledger_state"),
        (4, "整改时间", "problem_ledger_no_date"),
        (5, "整改时间", "problem_ledger_before_found"),
        (6, "销号时间", "problem_ledger_backwards"),
        (7, "问题编号", "problem_ledger_no_id"),
        (8, "发现时间", "problem_ledger_date"),
    ]
    assert not (data / "snapshots" / "bad").exists()


def test_a_later_ledger_adds_to_the_history_never_rewrites_it(published, tmp_path):
    data, first, _ = published
    later = LEDGER.replace(
        "WT-003,110101,景山街道,景山公园东门,公共广场,宣传氛围,公益广告破损,景山街道办事处,2024年3月12日,2024年3月15日,未整改,,,",
        "WT-003,110101,景山街道,景山公园东门,公共广场,宣传氛围,公益广告破损,景山街道办事处,2024年3月12日,2024年3月15日,已销号,2024-04-08,2024-04-09,",
    )
    path = tmp_path / "台账（第2周）.csv"
    path.write_text(later, encoding="utf-8")
    result = ingest.ingest(ingest.Request(files=[path], snapshot="ledger-v2", base="ledger-v1"), data)
    assert result.ok, report.text(result.problems, "en")
    events = result.rows("problems")
    history = events[events["problem_id"] == "WT-003"].sort_values("event_date")
    assert list(history["event"]) == ["assigned", "rectified", "verified"]
    before = first.rows("problems").drop(columns=["_file", "_row"], errors="ignore")
    kept = events.drop(columns=["_file", "_row"], errors="ignore").merge(before, how="inner")
    assert len(kept) == len(before)  # every earlier event is still there, unchanged


def test_streets_are_ranked_by_rectification_with_the_places_moved_since_the_period_before(published):
    """#25: offices rank streets by 问题整改率 and write the places moved (下降17名); ties share a place; a street with
    nothing assigned is unranked. Days to rectify: the median of those rectified."""
    _, _, database = published
    asked = Params(lang="zh", level="street", parent="110101", period="2024-03")
    rows = ledger_view.rectification(database, asked).rows.set_index("region_code")
    now = expected_rectification(dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    rates = now["rectified"] / now["assigned"]
    assert (
        rows["rank"].dropna().astype(int).to_dict() == rates.rank(method="min", ascending=False).astype(int).to_dict()
    )
    before = expected_rectification(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    was = (before["rectified"] / before["assigned"]).rank(method="min", ascending=False)
    for code, row in rows.iterrows():
        if code in was.index and pd.notna(row["rank"]):
            moved = int(was[code] - row["rank"])
            assert row["rank_change"] == moved
            assert row["rank_change_text"] == (
                "名次不变" if moved == 0 else f"{'上升' if moved > 0 else '下降'}{abs(moved)}名"
            )
        else:
            assert pd.isna(row["rank_change"]) and row["rank_change_text"] == ""
    # 东华门 in March: WT-001 found 3-4, rectified 3-6 (2 days); WT-002 found 3-5, rectified 3-9 (4 days)
    assert rows.loc["110101001", "median_days"] == 3.0
    nothing = rows[rows["rectified"] == 0]  # a street with nothing rectified has no days, as a number column says it
    assert rows["median_days"].dtype == "float64" and nothing["median_days"].isna().all()


def test_open_and_overdue_problems_are_counted_by_responsible_unit(published):
    """#25: the overdue list per responsible unit, at the ledger's last date: open problems, those past their
    deadline, the oldest days open (from the ledger's rows: WT-003 open, WT-004 sent back, WT-005 being rectified)."""
    _, _, database = published
    units = ledger_view.problems(database, Params(lang="zh", level="street", parent="110101")).units
    table = units.set_index("responsible")
    end = demo_ledger.LEDGER_END  # the snapshot's ledger runs to the demo's last date
    assert table.loc["景山街道办事处", "open"] == 1 and table.loc["景山街道办事处", "overdue"] == 1
    assert table.loc["区城管委", "open"] == 1 and table.loc["交道口街道办事处", "open"] == 1
    assert table.loc["景山街道办事处", "oldest_days"] == (end - dt.date(2024, 3, 12)).days
    assert set(table.index) == {"景山街道办事处", "区城管委", "交道口街道办事处"}
    assert units["overdue"].tolist() == sorted(units["overdue"], reverse=True)


def test_a_workbook_ledger_under_its_title_with_excel_dates_and_days_without_a_year(tmp_path):
    """As offices export it: a title line above the header naming the year and the issue (第9期), a 序号 column,
    dates as Excel dates and as 3月5日 (the year from the title)."""
    import xlsxwriter

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries"))
    path = tmp_path / "台账第9期.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet, dated = book.add_worksheet("台账"), book.add_format({"num_format": "yyyy/m/d"})
    sheet.merge_range(0, 0, 0, 8, "东城区创建全国文明城区问题整改台账（2025年第9期）")
    sheet.write_row(
        1, 0, ["序号", "问题编号", "所属区县", "所属街道", "问题描述", "责任单位", "发现时间", "整改时限", "整改情况"]
    )
    sheet.write_row(2, 0, [1, "DC-0901", "110101", "东华门街道", "果皮纸屑", "街道办", "3月5日", "3月8日", "未整改"])
    sheet.write_row(3, 0, [2, "DC-0902", "110101", "景山街道", "路灯不亮", "区城管委"])
    sheet.write_datetime(3, 6, dt.datetime(2025, 3, 6), dated)
    sheet.write_datetime(3, 7, dt.datetime(2025, 3, 10), dated)
    sheet.write(3, 8, "整改中")
    book.close()
    result = ingest.ingest(ingest.Request(files=[path], snapshot="dc-w09", base="demo-v1"), data)
    assert result.ok, report.text(result.problems, "en")
    events = result.rows("problems").set_index("problem_id")
    assert events.loc["DC-0901", "found"] == dt.date(2025, 3, 5) and events.loc["DC-0901", "deadline"] == dt.date(
        2025, 3, 8
    )
    assert events.loc["DC-0902"]["event"].tolist() == ["assigned", "rectifying"]


def test_each_problem_carries_its_history_and_the_ledger_narrows_by_street_unit_category_and_status(published):
    _, _, database = published
    rows = ledger_view.problems(database, Params(lang="en", level="street", parent="110101")).rows
    by_id = rows.set_index("problem_id")
    assert by_id.loc["WT-004", "history"] == "2024-03-12 assigned → 2024-03-14 rectified → 2024-03-16 sent back"
    assert by_id.loc["WT-001", "history"].endswith("2024-03-07 verified and closed")
    jingshan = ledger_view.filtered(rows, {"region": [by_id.loc["WT-003", "region"]]})
    assert sorted(jingshan["problem_id"]) == ["WT-003", "WT-004", "WT-008"]
    assert list(
        ledger_view.filtered(rows, {"responsible": ["区城管委"], "status_text": ["sent back"]})["problem_id"]
    ) == ["WT-004"]
    overdue = ledger_view.filtered(rows, {"category_name": ["Sanitation"]}, overdue_only=True)
    assert set(overdue["problem_id"]) == set(rows[(rows["category"] == "环境卫生") & rows["overdue"]]["problem_id"])
    assert len(ledger_view.filtered(rows, {})) == len(rows)


OWN_WAY = """督查编号,区,街道,问题点位,问题分类,整改责任单位,督查日期,限期,处置状态,完成日期,办结日期
DC-01,110101,东华门街道,王府井大街,环境卫生,东华门街道办事处,2024-05-06,2024-05-09,已办结,2024-05-08,2024-05-09
DC-02,110101,景山街道,沙滩北街,基础设施,区城管委,2024-05-06,2024-05-10,处理中,,
DC-03,110101,交道口街道,南锣鼓巷,公共秩序,城管执法队,2024-05-07,2024-05-08,待办,,
"""
OWN_MAPPING = """[columns]
problem_id = "督查编号"
parent = "区"
region = "街道"
point = "问题点位"
category = "问题分类"
responsible = "整改责任单位"
found = "督查日期"
deadline = "限期"
state = "处置状态"
rectified_on = "完成日期"
closed_on = "办结日期"

[words]
"已办结" = "verified"
"处理中" = "rectifying"
"待办" = "assigned"
"""


def test_a_ledger_headed_and_worded_the_offices_own_way_publishes_with_a_mapping(tmp_path):
    """#25: headers none of ours, and status words of the office's own (已办结, 处理中, 待办): without a mapping nothing is
    published and the words are named; with one naming the columns and [words], every problem lands as its events."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries"))
    ledger_file, mapping = tmp_path / "督查台账.csv", tmp_path / "督查台账.toml"
    ledger_file.write_text(OWN_WAY, encoding="utf-8")
    mapping.write_text(OWN_MAPPING, encoding="utf-8")
    unmapped = ingest.ingest(ingest.Request(files=[ledger_file], snapshot="own-0", base="reported-v1"), data)
    assert not unmapped.ok and not (data / "snapshots" / "own-0").exists()
    result = ingest.ingest(
        ingest.Request(files=[ledger_file], snapshot="own-1", base="reported-v1", mapping=mapping), data
    )
    assert result.ok, report.text(result.problems, "en")
    database = Database(snapshots.find(data, "own-1"), catalog_module.load(data))
    rows = ledger_view.problems(database, Params(lang="en", level="street", parent="110101")).rows.set_index(
        "problem_id"
    )
    assert rows["status"].to_dict() == {"DC-01": "verified", "DC-02": "rectifying", "DC-03": "assigned"}
    assert rows.loc["DC-01", "history"] == "2024-05-06 assigned → 2024-05-08 rectified → 2024-05-09 verified and closed"
    database.close()
    mapping.write_text(OWN_MAPPING.replace('"待办" = "assigned"', '"待办" = "pending"'), encoding="utf-8")
    wrong = ingest.ingest(
        ingest.Request(files=[ledger_file], snapshot="own-2", base="reported-v1", mapping=mapping), data
    )
    assert [(p.column, p.kind) for p in wrong.problems if p.kind == "ingest_mapping_word"] == [
        ("words.待办", "ingest_mapping_word")
    ]
