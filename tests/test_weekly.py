"""The weekly 督查通报 (#25): an office's ledger published over a snapshot gives the bulletin a reader works out by hand
from its rows; the demo's bulletin agrees with a computation from the raw events and results; the XLSX and HTML are
the same bytes from the command, the API and the view in both languages."""

import datetime as dt
import io
import shutil

import openpyxl
import pandas as pd
import pytest

from inprocess import ask
from test_ledger import LEDGER, published  # noqa: F401  (its fixture, shared)

from chuangcheng import ROOT, cli, ingest, settings
from chuangcheng.ingest import report
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model.params import Params
from chuangcheng.render import weekly as weekly_render
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database
from chuangcheng.views import weekly

JINGSHAN, DONGHUAMEN = "110101002", "110101001"


@pytest.fixture(scope="module")
def office(published):  # noqa: F811  (the fixture imported above)
    """The office-style ledger of test_ledger (no mapping, Excel serials, 年月日 dates) published over demo-v1."""
    data, _, database = published
    return data, database


def bulletin_of(database, period: str, lang: str = "zh"):
    return weekly.weekly(database, Params(lang=lang, level="street", parent="110101", period=period))


def test_a_week_of_the_office_ledger_reads_as_worked_out_by_hand(office):
    """Week 11 of 2024 (11–17 March): WT-003 (found the 12th, due the 15th) and WT-004 (Excel serials: found the
    12th, due the 16th) found; WT-004 rectified on the 14th but sent back on the 16th, so not rectified; at the 17th
    both are overdue, by 2 days and 1."""
    _, database = office
    found = bulletin_of(database, "2024-W11")
    assert found.title == "东城区创建全国文明城市督查通报（2024年第11期）"
    assert "2024-03-11 至 2024-03-17" in found.subtitle and "截至 2024-03-17" in found.subtitle
    facts = dict(zip(found.facts["fact"], found.facts["value"]))
    assert {k: facts[k] for k in ("found", "rectified", "returned", "reopened", "open", "overdue")} == {
        "found": 2,
        "rectified": 0,
        "returned": 1,
        "reopened": 0,
        "open": 2,
        "overdue": 2,
    }
    assert found.not_done[["point", "overdue", "returned", "days_overdue", "responsible"]].values.tolist() == [
        ["景山公园东门", 1, 0, 2, "景山街道办事处"],
        ["沙滩北街", 1, 1, 1, "区城管委"],
    ]
    assert found.well.empty
    # the demo base's districts hold no inspections of 东城区: no 得分率, said as —, never "—%"
    assert "得分率—；" in found.summary and "—%" not in found.summary
    assert found.units.values.tolist() == [["区城管委", 1, 1, 1], ["景山街道办事处", 1, 1, 2]]


def test_a_week_of_rectifications_names_the_points_well_rectified(office):
    """Week 10 (4–10 March): WT-001 and WT-002 found and both rectified in the week (WT-002 after its deadline,
    still rectified); nothing open at its end."""
    _, database = office
    found = bulletin_of(database, "2024-W10", "en")
    facts = dict(zip(found.facts["fact"], found.facts["value"]))
    assert (facts["found"], facts["rectified"], facts["open"], facts["overdue"]) == (2, 2, 0, 0)
    assert found.well[["point", "rectified_in_period", "responsible"]].values.tolist() == [
        ["东单菜市场", 1, "市场监管所"],
        ["王府井大街", 1, "东华门街道办事处"],
    ]
    assert found.not_done.empty and found.units.empty
    ranking = found.ranking.set_index("region_code")
    assert ranking.loc[DONGHUAMEN, "rectification_rate"] == 100.0
    assert ranking.loc[DONGHUAMEN, "rectification_rank"] == 1
    assert pd.isna(ranking.loc[JINGSHAN, "rectification_rank"])  # nothing assigned in the week: unranked
    assert found.title.endswith("no. 10 of 2024")


def test_the_default_is_the_last_week_the_records_cover_to_its_end(office):
    """The ledger's last date is Tuesday 2 April 2024: last week's bulletin (week 13), not a week two days old."""
    _, database = office
    found = weekly.weekly(database, Params(lang="en", level="street", parent="110101"))
    assert found.params.period == "2024-W13"


# --- the demo: every count against the raw events and results ---

ORDER = {"assigned": 0, "rectifying": 1, "rectified": 2, "verified": 3, "returned": 4, "reopened": 5}


def raw(name: str) -> pd.DataFrame:
    return pd.read_parquet(settings.data_dir() / "snapshots" / "demo-v1" / name)


def expected_week(parent: str, start: dt.date, end: dt.date) -> dict:
    """From problems.parquet and inspections.parquet themselves, with pandas (not the SQL)."""
    streets = raw("regions.parquet")
    mine = set(streets.loc[streets["parent_code"] == parent, "code"])
    events = raw("problems.parquet")
    events = events[events["region_code"].isin(mine)]
    cutoff = min(pd.Timestamp(end), pd.to_datetime(raw("problems.parquet")["event_date"]).max())
    events = events.assign(event_date=pd.to_datetime(events["event_date"]), order=events["event"].map(ORDER))
    seen = events[events["event_date"] <= cutoff].sort_values(["problem_id", "event_date", "order"])
    last = seen.groupby("problem_id").tail(1).set_index("problem_id")
    rectified = last["event"].isin(["rectified", "verified"])
    deadline = pd.to_datetime(last["deadline"])
    in_period = seen[seen["event_date"] >= pd.Timestamp(start)]
    earlier = seen[seen["event_date"] < pd.Timestamp(start)].groupby("problem_id").tail(1)
    rectified_before = set(earlier.loc[earlier["event"].isin(["rectified", "verified"]), "problem_id"])
    ids = lambda kinds: set(in_period.loc[in_period["event"].isin(kinds), "problem_id"])  # noqa: E731
    results = raw("inspections.parquet")
    results = results[results["region_code"].isin(mine)]
    visited = pd.to_datetime(results["visited"])
    week = results[(visited >= pd.Timestamp(start)) & (visited <= pd.Timestamp(end))]
    return {
        "points": week.groupby("region_code")["point"].nunique().sum(),
        "checked": len(week),
        "pass_rate": round(100 * (week["result"] == "pass").sum() / len(week), 1),
        "score_rate": round(100 * week["score"].sum() / week["max_score"].sum(), 1),
        "found": int((pd.to_datetime(last["found"]) >= pd.Timestamp(start)).sum()),
        "rectified": len(set(last.index[rectified]) - rectified_before),
        "returned": len(ids(["returned"])),
        "reopened": len(ids(["reopened"])),
        "open": int((~rectified).sum()),
        "overdue": int((~rectified & (deadline < cutoff)).sum()),
    }


@pytest.mark.parametrize("parent, week", [("990103", "2025-W12"), ("990107", "2025-W30"), ("990110", "2025-W48")])
def test_the_demos_bulletin_agrees_with_the_raw_events_and_results(demo_db, parent, week):
    found = weekly.weekly(demo_db, Params(lang="en", level="street", parent=parent, period=week))
    facts = dict(zip(found.facts["fact"], found.facts["value"]))
    assert facts == pytest.approx(expected_week(parent, found.period.start, found.period.end))
    # every point named not rectified has an overdue problem, or one sent back or found again, and the units listed
    # hold every open problem
    assert (found.not_done[["overdue", "returned", "reopened"]].sum(axis=1) > 0).all()
    assert found.units["open"].sum() == facts["open"] and found.units["overdue"].sum() == facts["overdue"]
    assert found.not_done["overdue"].sum() == facts["overdue"]


# --- one bulletin, three ways, two languages ---


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_the_command_the_api_and_the_view_write_the_same_bulletin(demo_db, tmp_path, lang, fmt):
    out = tmp_path / f"weekly.{fmt}"
    argv = ["weekly", "--period", "2025-W20", "--parent", "990105", "--lang", lang, "--format", fmt, "--out", str(out)]
    assert cli.main(argv) == 0
    status, headers, body = ask("weekly", fmt, f"period=2025-W20&parent=990105&level=street&lang={lang}")
    assert status == 200 and headers["content-type"].startswith(weekly_render.MIME[fmt].split(";")[0])
    view = weekly.weekly(demo_db, Params(lang=lang, level="street", parent="990105", period="2025-W20"))
    created = dt.datetime.fromisoformat(demo_db.manifest.created)
    assert out.read_bytes() == body == weekly_render.render(view, "demo-v1", fmt, created)


def test_the_xlsx_holds_numbers_as_numbers_under_the_bulletins_headings(demo_db):
    view = weekly.weekly(demo_db, Params(lang="zh", level="street", parent="990105", period="2025-W20"))
    created = dt.datetime.fromisoformat(demo_db.manifest.created)
    sheet = openpyxl.load_workbook(io.BytesIO(weekly_render.xlsx(view, "demo-v1", created))).active
    cells = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == [view.title]
    headings = [
        row[0] for row in cells if row and isinstance(row[0], str) and row[0].startswith(("排名", "整改", "各责任"))
    ]
    assert headings == [h for _, h, _ in view.sections()]
    ranking_at = next(i for i, row in enumerate(cells) if row and row[0] == view.sections()[0][1])
    header, first = cells[ranking_at + 1], cells[ranking_at + 2]
    assert header == list(view.headers("ranking").values())
    row = view.ranking.iloc[0]
    assert first[:2] == [int(row["inspection_rank"]), row["region"]] and first[5] == pytest.approx(row["score_rate"])


def test_the_html_escapes_what_a_ledger_wrote(office):
    """A point named like markup is text in the printable bulletin, never a tag."""
    _, database = office
    view = bulletin_of(database, "2024-W11")
    poisoned = view.not_done.assign(point='<img src=x onerror="alert(1)">')
    page = weekly_render.html(weekly.WeeklyBulletin(**{**view.__dict__, "not_done": poisoned}), "ledger-v1")
    assert "<img" not in page and "&lt;img src=x" in page


def test_a_snapshot_without_ledger_or_inspections_has_no_bulletin(tmp_path):
    status, _, body = ask("weekly", "xlsx", "snapshot=reported-v1")
    assert status == 404 and b"neither a problem ledger nor field inspections" in body
    assert cli.main(["weekly", "--snapshot", "reported-v1", "--out", str(tmp_path / "w.xlsx")]) == 1
    assert not (tmp_path / "w.xlsx").exists()


LATER = """问题编号,所属区县,所属街道,点位名称,点位类型,问题类别,问题描述,责任单位,发现时间,整改时限,整改情况,整改时间,销号时间,退回时间
WT-003,110101,景山街道,景山公园东门,公共广场,宣传氛围,公益广告破损,景山街道办事处,2024年3月12日,2024年3月15日,已整改,2024-04-08,,
WT-006,110101,交道口街道,交道口公交站,公交站点,公共秩序,非机动车乱停,交通支队,2024-03-25,2024-03-28,退回,2024-04-02,,2024-04-05
WT-009,110101,东华门街道,东华门大街,主次干道,环境卫生,垃圾桶满溢,东华门街道办事处,2024-04-08,2024-04-12,未整改,,,
"""


def test_the_snapshots_page_says_what_happened_to_the_ledger_since_last_week(tmp_path):
    """Last week's ledger (its last date 2 April) and this week's laid over it (8 April): WT-009 is new, WT-003
    rectified, WT-006 sent back; WT-005 (due 5 April) and WT-006 have become overdue."""
    from chuangcheng.store.db import Comparison
    from chuangcheng.views import releases

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries"))
    for text, snapshot, base in ((LEDGER, "wk-13", "reported-v1"), (LATER, "wk-14", "wk-13")):
        path = tmp_path / f"{snapshot}.csv"
        path.write_text(text, encoding="utf-8")
        result = ingest.ingest(ingest.Request(files=[path], snapshot=snapshot, base=base), data)
        assert result.ok, report.text(result.problems, "en")
    shipped = catalog_module.load(data)
    before, after = (Database(snapshots.find(data, s), shipped) for s in ("wk-13", "wk-14"))
    rows = Comparison(before, after).query("snapshot_ledger_changes")
    found = {c: sorted(rows.loc[rows["change"] == c, "problem_id"]) for c in releases.LEDGER_CHANGES}
    assert found == {
        "new": ["WT-009"],
        "closed": ["WT-003"],
        "returned": ["WT-006"],
        "reopened": [],
        "newly_overdue": ["WT-005", "WT-006"],
        "removed": [],
    }
    assert releases.ledger_summary(rows) == {
        "new": "1",
        "closed": "1",
        "returned": "1",
        "reopened": "0",
        "newly_overdue": "2",
        "removed": "0",
    }
    shown = releases.ledger_readable(rows, {"110101003": "交道口街道"}, "zh").set_index("problem_id")
    assert shown.loc["WT-009", "before_status"] == "" and shown.loc["WT-009", "change"] == "新增"
    sent_back = shown[shown["change"] == "被退回"].loc["WT-006"]  # WT-006 is newly overdue too
    assert (sent_back["region"], sent_back["before_status"], sent_back["after_status"]) == (
        "交道口街道",
        "已整改",
        "已退回",
    )


def test_a_problem_rectified_one_week_and_verified_the_next_counts_in_one_bulletin(demo_db):
    """Review: a verification in the week after the rectification counted the problem in both bulletins (592 of the
    demo's problems). Over a run of weeks, each problem counts at most as often as it was rectified."""
    counted = pd.Series(dtype="int64")
    for week in range(2, 20):
        asked = {"level": "street", "parent": "990105"}
        start = dt.date.fromisocalendar(2025, week, 1)
        rows = demo_db.query("problems_at", **asked, start=start, end=start + dt.timedelta(days=6))
        counted = counted.add(rows.set_index("problem_id")["rectified_in_period"].astype("int64"), fill_value=0)
    events = raw("problems.parquet")
    times = events[events["event"] == "rectified"].groupby("problem_id").size()
    assert (counted <= times.reindex(counted.index, fill_value=0)).all() and counted.sum() > 20


def test_a_year_asked_is_the_years_bulletin_not_the_last_week(demo_db):
    """Review: ?year=2025 was replaced by the last whole week, silently."""
    found = weekly.weekly(demo_db, Params(lang="en", level="street", parent="990103", year=2025))
    assert found.period.grain == "year" and found.params.period == "2025"
    facts = dict(zip(found.facts["fact"], found.facts["value"]))
    assert facts["checked"] == len(
        raw("inspections.parquet").pipe(
            lambda r: r[r["region_code"].str.startswith("990103") & (pd.to_datetime(r["visited"]).dt.year == 2025)]
        )
    )
