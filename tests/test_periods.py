"""#24: a period is a value. Every grain tiles time, labels read back, and tables' ways of writing a period read."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from chuangcheng.model import periods
from chuangcheng.model.periods import Period, PeriodError


@st.composite
def any_period(draw):
    grain = draw(st.sampled_from(periods.GRAINS))
    year = draw(st.integers(1950, 2150))
    count = Period(grain, year).count_in(year)
    return Period(grain, year, draw(st.integers(1, count)))


@given(any_period())
def test_the_period_before_ends_the_day_before_it_starts_and_the_next_begins_the_day_after(period):
    assert period.previous().end == period.start - dt.timedelta(days=1)
    assert period.next().start == period.end + dt.timedelta(days=1)
    assert period.previous() < period < period.next()
    assert period.previous().next() == period


@given(any_period())
def test_canonical_text_and_both_labels_read_back(period):
    assert periods.parse(str(period)) == period
    for lang in ("zh", "en"):
        assert periods.read(period.label(lang)).period == period


@given(any_period())
def test_the_same_period_a_year_earlier_is_a_year_earlier(period):
    before = period.year_ago()
    if before is None:
        assert period.grain == "week" and period.index == 53
    else:
        assert (before.grain, before.year, before.index) == (period.grain, period.year - 1, period.index)


@pytest.mark.parametrize(
    "period, zh, en, start, end",
    [
        (Period("year", 2025), "2025年", "2025", "2025-01-01", "2025-12-31"),
        (Period("half", 2025, 1), "2025年上半年", "H1 2025", "2025-01-01", "2025-06-30"),
        (Period("quarter", 2025, 2), "2025年第二季度", "Q2 2025", "2025-04-01", "2025-06-30"),
        (Period("month", 2024, 2), "2024年2月", "February 2024", "2024-02-01", "2024-02-29"),
        (Period("week", 2025, 23), "2025年第23周", "week 23 of 2025", "2025-06-02", "2025-06-08"),
        (Period("week", 2020, 53), "2020年第53周", "week 53 of 2020", "2020-12-28", "2021-01-03"),
    ],
)
def test_labels_and_dates(period, zh, en, start, end):
    assert (period.label("zh"), period.label("en"), str(period.start), str(period.end)) == (zh, en, start, end)


@pytest.mark.parametrize(
    "cell, year, expected, cumulative",
    [
        ("2025年6月", None, "2025-06", False),
        ("2025-06", None, "2025-06", False),
        ("2025/6", None, "2025-06", False),
        ("6月", 2025, "2025-06", False),
        ("6月份", 2025, "2025-06", False),
        ("2025Q2", None, "2025Q2", False),
        ("2025年第二季度", None, "2025Q2", False),
        ("2025年二季度", None, "2025Q2", False),
        ("第4季度", 2024, "2024Q4", False),
        ("2025年上半年", None, "2025H1", False),
        ("下半年", 2025, "2025H2", False),
        ("1-6月", 2025, "2025-06", True),
        ("2025年1—11月", None, "2025-11", True),
        ("1至3月累计", 2025, "2025-03", True),
        ("2025-W23", None, "2025-W23", False),
        ("第23周", 2025, "2025-W23", False),
        ("2025年第二十三周", None, "2025-W23", False),
        ("2025", None, "2025", False),
        ("2025年度", None, "2025", False),
        (2025, None, "2025", False),
    ],
)
def test_tables_ways_of_writing_a_period(cell, year, expected, cumulative):
    found = periods.read(cell, year)
    assert (str(found.period), found.cumulative) == (expected, cumulative)


@pytest.mark.parametrize(
    "cell, day",
    [
        ("2024/3/5", "2024-03-05"),
        ("2024-03-05", "2024-03-05"),
        ("2024年3月5日", "2024-03-05"),
        (45356, "2024-03-05"),
        (dt.datetime(2024, 3, 5, 0, 0), "2024-03-05"),
    ],
)
def test_a_day_is_named_as_a_day_not_taken_for_a_period(cell, day):
    found = periods.read(cell)
    assert found.period is None and str(found.day) == day


@pytest.mark.parametrize(
    "cell, year, words",
    [
        ("6月", None, "names no year"),
        ("13月", 2025, "is no month"),
        ("第五季度", 2025, "is no quarter"),
        ("2021-W53", None, "week 53 is not in 2021"),
        ("summer", None, "is no period"),
        (2025.5, None, "is no period"),
    ],
)
def test_what_is_no_period_says_why(cell, year, words):
    with pytest.raises(PeriodError, match=words):
        periods.read(cell, year)


@settings(deadline=None, max_examples=30)
@given(st.lists(any_period(), min_size=1, max_size=40))
def test_sql_and_python_agree_on_dates_the_period_before_and_a_year_earlier(found):
    """Periods are defined once for both: the macros of queries/macros/periods.sql answer as model/periods.py does."""
    from chuangcheng.store import db

    con = SQL.setdefault("con", db.connect(1, "256MB"))
    texts = [str(p) for p in found]
    rows = con.execute(
        """select p, period_grain(p), period_start(p), period_end(p), period_before(p), period_year_ago(p)
                          from unnest(?) as t(p)""",
        [texts],
    ).fetchall()
    expected = [
        (str(p), p.grain, p.start, p.end, str(p.previous()), str(p.year_ago()) if p.year_ago() else None) for p in found
    ]
    assert rows == expected


SQL = {}


@pytest.mark.parametrize(
    "cell, expected",
    [("2025-6", "2025-06"), (202506, "2025-06"), (np.int64(2025), "2025"), (np.int64(45356), "2024-03-05")],
)
def test_what_pandas_and_offices_also_write(cell, expected):
    """A year-and-month number (202506), numpy's integers (a column pandas read as numbers), 2025-6."""
    found = periods.read(cell)
    assert str(found.period or found.day) == expected


@pytest.mark.parametrize(
    "cell, words", [(float("nan"), "is no period"), ("2025-02-30", "is no day"), (5_000_000, "is no period")]
)
def test_what_else_is_no_period_says_why(cell, words):
    with pytest.raises(PeriodError, match=words):
        periods.read(cell)


# --- figures finer than a year in a snapshot (queries/derived/period_values.sql) ---


@pytest.fixture(scope="module")
def demo_derived():
    """The demo snapshot's derived tables computed afresh from its raw files (not the shipped derived files)."""
    from chuangcheng import ROOT
    from chuangcheng.store import publishing

    folder = ROOT / "data" / "snapshots" / "demo-v1"
    raw = pd.read_parquet(folder / "observations.parquet")
    return raw, {name: table.to_pandas() for name, table in publishing.compute(folder, ROOT / "data").items()}


def test_sub_year_figures_stay_out_of_the_years_and_each_period_is_placed_by_the_period_model(demo_derived):
    raw, derived = demo_derived
    yearly = raw[raw["period"].isna()]
    values = derived["indicator_values"]
    assert len(values[values["indicator"].isin(["air_good_days_ratio", "fiscal_revenue_growth"])]) == len(
        yearly[yearly["indicator"].isin(["air_good_days_ratio", "fiscal_revenue_growth"])]
    )
    placed = derived["period_values"]
    assert len(placed) == raw["period"].notna().sum()
    for row in placed.itertuples():
        period = periods.parse(row.period)
        assert (row.grain, row.period_start, row.period_end) == (period.grain, period.start, period.end)
        assert (row.before_period, row.year_ago_period) == (str(period.previous()), str(period.year_ago()))


def test_changes_on_the_month_before_and_a_year_earlier_are_the_differences_of_the_raw_figures(demo_derived):
    """环比 only for a month's own figure (a cumulative 1-6月 less 1-5月 is no figure the catalog vouches for);
    同比 for both, the same months with the same months; a month with no figure to compare leaves the change empty."""
    raw, derived = demo_derived
    figure = raw[raw["period"].notna()].set_index(["region_code", "indicator", "period"])["value"].to_dict()
    checked = {"change": 0, "year_change": 0, "gaps": 0}
    for row in derived["period_values"].itertuples():
        period = periods.parse(row.period)
        before = figure.get((row.region_code, row.indicator, str(period.previous())))
        year_ago = figure.get((row.region_code, row.indicator, str(period.year_ago())))
        mine = figure[(row.region_code, row.indicator, row.period)]
        if row.indicator == "fiscal_revenue_growth" or before is None:
            assert pd.isna(row.change)
            checked["gaps"] += before is None
        else:
            assert row.change == pytest.approx(mine - before)
            checked["change"] += 1
        if year_ago is None:
            assert pd.isna(row.year_change)
        else:
            assert row.year_change == pytest.approx(mine - year_ago)
            checked["year_change"] += 1
    assert min(checked.values()) > 0, checked


@pytest.mark.parametrize(
    "text, zh, en",
    [
        ("2025-06", "2025年1—6月", "Jan–Jun 2025"),
        ("2025-01", "2025年1月", "January 2025"),
        ("2025Q3", "2025年1—9月", "Jan–Sep 2025"),
        ("2025H1", "2025年1—6月", "Jan–Jun 2025"),
    ],
)
def test_a_cumulative_figure_is_labelled_from_january_and_reads_back_as_cumulative(text, zh, en):
    period = periods.parse(text)
    assert (period.cumulative_label("zh"), period.cumulative_label("en")) == (zh, en)
    if period.grain == "month" and period.index > 1:
        assert periods.read(zh) == periods.Reading(period=period, cumulative=True)


# --- since= a period: the change since an earlier period of the grain (views/periods.py) ---


def test_since_a_month_is_the_change_from_that_months_figure_and_a_year_back_is_the_year_on_year(demo_db):
    """#24: since= takes a period as well as a year. Since December, each good-air figure moved by its value less
    December's, both as loaded (an independent reading of the raw file); since the June before, exactly 同比; a
    cumulative figure compared with other months than its own (1-6月 with 1-12月) has no change, never one that
    counts the months added."""
    from chuangcheng import ROOT
    from chuangcheng.model.params import Params
    from chuangcheng.model.rounding import rounded
    from chuangcheng.views import periods as periods_view

    raw = pd.read_parquet(ROOT / "data" / "snapshots" / "demo-v1" / "observations.parquet")
    raw = raw[raw["period"].notna()].set_index(["region_code", "indicator", "period"])["value"]
    view = periods_view.scope_periods(demo_db, Params(lang="en", period="2025-06", since="2024-12"))
    assert view.params.since == "2024-12" and not view.notices
    air = view.rows[view.rows["indicator"] == "air_good_days_ratio"]
    assert len(air) == 12
    for row in air.itertuples():
        expected = rounded(
            raw[(row.region_code, row.indicator, "2025-06")] - raw[(row.region_code, row.indicator, "2024-12")], 1
        )
        assert row.since_change == expected and row.since_period_label == "December 2024"
    fiscal = view.rows[view.rows["cumulative"]]
    assert len(fiscal) and fiscal["since_change"].isna().all() and (fiscal["since_change_text"] == "").all()
    year_back = periods_view.scope_periods(demo_db, Params(lang="en", period="2025-06", since="2024-06")).rows
    assert year_back["since_change_text"].tolist() == year_back["year_change_text"].tolist()
    later = periods_view.scope_periods(demo_db, Params(lang="en", period="2025-06", since="2025-09"))
    assert later.params.since is None and [n.param for n in later.notices] == ["since"]  # not before the month asked


def test_since_is_read_as_a_year_or_a_period_from_a_link():
    from chuangcheng.model.params import Params

    assert Params.from_query({"since": ["2015"]}).since == 2015
    assert Params.from_query({"since": ["2024-12"], "period": ["2025-06"]}).since == "2024-12"
    assert Params(since="2024-12", period="2025-06").to_query()["since"] == ["2024-12"]
