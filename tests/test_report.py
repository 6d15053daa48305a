"""The printable report: what it says, that data cannot inject markup, and that it prints; from the region view."""

from dataclasses import replace
from html import escape

from chuangcheng.model.params import Params
from chuangcheng.render import report
from chuangcheng.views.region import region


def test_report_names_the_district_score_rank_unmet_standards_and_sources(demo_db, shipped_catalog):
    view = region(demo_db, Params(lang="zh", region="990110", year=2025, snapshot="demo-v1"))
    html = report.region_report(view, shipped_catalog)
    scores = demo_db.query("region_scores", region="990110").set_index("year").loc[2025]
    assert "<title>星澜市（虚构）旧埠区 2025年创建测评报告</title>" in html
    assert f"<b>{scores['score_rate']:.1f}</b>" in html and f"<b>第{int(scores['rank'])}名 / 共12个</b>" in html
    for code in demo_db.query("region_scorecard", region="990110", year=2025).query("credit < 1")["indicator"]:
        assert shipped_catalog.label(code, "zh") in html
    assert "数据快照 demo-v1" in html and "演示数据（虚构" in html and "95%置信区间" in html
    assert "<script" not in html  # static pictures: nothing to run, opens offline


def test_a_report_is_well_under_a_megabyte_with_a_picture_of_each_key_indicator(demo_db, shipped_catalog):
    """#22: one district's report was 4.9 MB, Plotly's whole script inlined for six static charts."""
    import re
    from html import escape

    for lang in ("en", "zh"):
        view = region(demo_db, Params(lang=lang, region="990102", year=2025, snapshot="demo-v1"))
        html = report.region_report(view, shipped_catalog)
        assert len(html.encode("utf-8")) < 250_000
        charts = re.findall(r'<div class="chart">(<svg.*?</svg>)\s*</div>', html, flags=re.S)
        assert len(charts) == 6
        labels = [escape(shipped_catalog.label(code, lang)) for code in shipped_catalog.indicators.index]
        assert all(
            sum(f">{label}<" in chart for label in labels) == 1 for chart in charts
        )  # each titled by its indicator, as text


def test_the_same_report_is_the_same_bytes(demo_db, shipped_catalog):
    view = region(demo_db, Params(lang="zh", region="990105", year=2024, snapshot="demo-v1"))
    assert report.region_report(view, shipped_catalog) == report.region_report(view, shipped_catalog)


def test_report_carries_the_whole_scorecard_not_only_the_unmet_standards(demo_db, shipped_catalog):
    """Issue 14: a reader of the report saw 8 of a district's 31 scored values; now every one, by aspect."""
    view = region(demo_db, Params(lang="en", region="990102", year=2025, snapshot="demo-v1"))
    html = report.region_report(view, shipped_catalog)
    scored = demo_db.query("region_scorecard", region="990102", year=2025)
    assert len(scored) >= 30
    section = html.split("Every scored indicator")[1].split("</table>")[0]
    assert section.count("<tr class=") == len(scored)
    for code in scored["indicator"]:
        assert escape(shipped_catalog.label(code, "en")) in section


def test_report_escapes_every_text_from_the_data(demo_db, shipped_catalog):
    view = region(demo_db, Params(lang="en", region="990110", year=2025, snapshot="demo-v1"))
    html = report.region_report(replace(view, title="<script>alert(1)</script>"), shipped_catalog)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_of_a_district_meeting_everything_says_so(demo_db, shipped_catalog):
    view = region(demo_db, Params(lang="en", region="990103", year=2025, snapshot="demo-v1"))
    met = view.scorecard.assign(credit=1.0, uncertain_flag=False)
    assert (
        view.score.scored == 30
    )  # one scored indicator has no value in 2025: the report says so, not 'every standard is met'
    assert (
        "Every scored indicator with a value in 2025 meets its standard (30 of 31); 1 without a value cannot be judged."
        in report.region_report(replace(view, scorecard=met), shipped_catalog)
    )
    full = replace(view, scorecard=met, score=replace(view.score, scored=31))
    assert "Every scored standard is met." in report.region_report(full, shipped_catalog)


def test_report_keeps_standards_met_but_not_beyond_doubt_out_of_the_shortfalls_and_names_them(demo_db, shipped_catalog):
    view = region(demo_db, Params(lang="en", region="990110", year=2023, snapshot="demo-v1"))
    html = report.region_report(view, shipped_catalog)
    shortfalls = html.split("Standards not met")[1].split("</table>")[0]
    assert shortfalls.count("<tr class=") == len(view.unmet) and "likely met" not in shortfalls
    likely = view.likely_met["label"]
    assert len(likely) == 5 and escape(f"(not beyond doubt): {', '.join(likely)}.") in html


def test_report_names_an_aspect_that_lost_its_only_value(demo_db, shipped_catalog):
    view = region(demo_db, Params(lang="zh", region="990109", year=2025, snapshot="demo-v1"))
    assert "公平正义的法治环境在2025年无数据（2024年有得分）" in report.region_report(view, shipped_catalog)


def test_report_of_a_district_short_nowhere_but_not_beyond_doubt_does_not_say_everything_is_met(
    demo_db, shipped_catalog
):
    """The review: "Every scored standard is met." followed by a list of standards not met beyond doubt."""
    view = region(demo_db, Params(lang="en", region="990110", year=2023, snapshot="demo-v1"))
    html = report.region_report(replace(view, scorecard=view.scorecard.assign(credit=1.0)), shipped_catalog)
    assert "Every scored standard is met." not in html
    assert "No scored standard falls short on its point estimate; some are not met beyond doubt (below)." in html


def test_sparse_reported_district_report_has_no_rank_but_its_sources(reported_db, shipped_catalog):
    view = region(reported_db, Params(lang="en", region="650203", year=2006, snapshot="reported-v1"))
    html = report.region_report(view, shipped_catalog)
    assert "karamay-district-campaign-record" in html and "Record of Karamay District" in html
    assert "not ranked" in html and "coverage" in html


def test_report_lists_what_the_sources_say_of_their_figures(reported_db, shipped_catalog):
    """Issue 10: "year approximate" and "cumulative" notes of the seed facts never reached the report."""
    view = region(reported_db, Params(lang="zh", region="650203", year=2006, snapshot="reported-v1"))
    html = report.region_report(view, shipped_catalog)
    assert "数据说明" in html and "year approximate (report written c. 2007)" in html


def test_report_ends_with_its_provenance(demo_db, shipped_catalog):
    """Issue 12: what is printed says which snapshot, when, whose figures, and that they are synthetic."""
    view = region(demo_db, Params(lang="en", region="990110", year=2025, snapshot="demo-v1"))
    footer = report.region_report(view, shipped_catalog).split('<footer class="provenance">')[1].split("</footer>")[0]
    assert (
        "snapshot demo-v1, 2026-01-15" in footer and "synthetic demo data" in footer and "Source: Demo data" in footer
    )


def test_report_drops_bidi_controls_from_the_data(demo_db, shipped_catalog):
    """Issue 21: U+202E in a name that bypassed ingest reached the report and reordered what a reader saw."""
    view = region(demo_db, Params(lang="en", region="990110", year=2025, snapshot="demo-v1"))
    html = report.region_report(replace(view, title="Old \u202eport\u2066 District"), shipped_catalog)
    assert "Old port District" in html and not any(
        c in html for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )


def test_reports_built_at_once_on_threads_are_each_whole(demo_db, shipped_catalog):
    """Two sessions' downloads build reports on threads of their own; matplotlib's settings are one global state."""
    from concurrent.futures import ThreadPoolExecutor

    views = [
        region(demo_db, Params(lang=lang, region=code, year=2025, snapshot="demo-v1"))
        for lang, code in (("zh", "990102"), ("en", "990103"))
    ]
    alone = [report.region_report(view, shipped_catalog) for view in views]
    with ThreadPoolExecutor(2) as pool:
        together = list(pool.map(lambda view: report.region_report(view, shipped_catalog), views))
    assert together == alone


def test_the_report_of_a_year_shows_its_months_as_the_page_does_and_none_in_a_year_without(demo_db, shipped_catalog):
    """#24: page, report and API agree on a month: the report shows the month asked (the page's ?period=), else the
    year's latest, each figure with its 环比 and 同比 as the monthly section writes them."""
    from chuangcheng.views import periods

    asked = Params(lang="en", region="990102", year=2024, snapshot="demo-v1")
    view = region(demo_db, asked)
    latest = periods.report_periods(demo_db, asked)
    assert latest.params.period == "2024-12" and len(latest.rows) == 2
    june = periods.report_periods(demo_db, asked.but(period="2024-06"))
    page = periods.region_periods(demo_db, asked.but(period="2024-06"))
    assert june.rows.equals(page.rows)
    html = report.region_report(view, shipped_catalog, june)
    assert f"<h2>Monthly figures · {escape('June 2024')}</h2>" in html
    for row in june.rows.itertuples():
        assert (
            f'<td>{escape(row.indicator_name)}</td><td class="num">{escape(row.value_text)}</td>'
            f"<td>{escape(row.unit)}</td><td>{escape(row.period_label)}</td>"
            f'<td class="num">{escape(row.change_text)}</td><td class="num">{escape(row.year_change_text)}</td>'
        ) in html
    assert periods.report_periods(demo_db, asked.but(period="2025-06")).params.period == "2024-12"  # not that year's
    older = Params(lang="en", region="990102", year=2019, snapshot="demo-v1")
    none = periods.report_periods(demo_db, older)
    assert none.rows.empty and "Monthly figures" not in report.region_report(
        region(demo_db, older), shipped_catalog, none
    )
