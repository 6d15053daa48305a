"""The printable district report: what it says, that data cannot inject markup, and that it prints."""

import pandas as pd

from chuangcheng.render import report


def report_data(db, district: str, year: int) -> report.ReportData:
    return report.ReportData(
        scores=db.query("district_scores", district=district), aspects=db.query("district_aspects", district=district, year=year),
        unmet=db.query("district_unmet", district=district, year=year), trend=db.query("district_trend", district=district),
    )


def test_report_names_the_district_score_rank_unmet_standards_and_sources(demo_db, shipped_catalog):
    html = report.district_report("990110", 2025, "demo-v1", True, report_data(demo_db, "990110", 2025), shipped_catalog, "zh")
    scores = demo_db.query("district_scores", district="990110").set_index("year").loc[2025]
    assert "<title>星澜市（虚构）旧埠区 2025年创建测评报告</title>" in html
    assert f"<b>{scores['score_rate']:.1f}</b>" in html and f"<b>{int(scores['rank'])} / 12</b>" in html
    for code in demo_db.query("district_unmet", district="990110", year=2025)["indicator"]:
        assert shipped_catalog.label(code, "zh") in html
    assert "数据快照 demo-v1" in html and "演示数据（虚构" in html and "95%置信区间" in html
    assert html.count("<script") >= 1 and "plotly" in html.lower()


def test_report_escapes_every_text_from_the_data(demo_db, shipped_catalog):
    hostile = shipped_catalog.regions.copy()
    hostile.loc["990110", "name_en"] = "<script>alert(1)</script>"
    catalog = type(shipped_catalog)(shipped_catalog.aspects, shipped_catalog.indicators, shipped_catalog.scales, hostile, shipped_catalog.sources)
    html = report.district_report("990110", 2025, "demo-v1", False, report_data(demo_db, "990110", 2025), catalog, "en")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_of_a_district_meeting_everything_says_so(demo_db, shipped_catalog):
    data = report_data(demo_db, "990103", 2025)
    data = report.ReportData(data.scores, data.aspects, data.unmet.iloc[0:0], data.trend)
    assert "Every scored standard is met." in report.district_report("990103", 2025, "demo-v1", True, data, shipped_catalog, "en")


def test_sparse_reported_district_report_has_no_scores_but_its_sources(reported_db, shipped_catalog):
    html = report.district_report("650203", 2006, "reported-v1", False, report_data(reported_db, "650203", 2006), shipped_catalog, "en")
    assert "karamay-district-campaign-record" in html and "Record of Karamay District" in html
    assert pd.notna(html)
