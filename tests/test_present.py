"""Rounding as the catalog says, whole columns at once, the same doubles as one value at a time."""

import decimal

import numpy as np
import pandas as pd
from hypothesis import given, settings, strategies as st

from chuangcheng.views import present

# Values a snapshot holds (any double, ties and near-ties of decimal places included) and the catalog's decimals.
VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**7), 10**7).map(lambda n: n / 200),  # exact and near halves at 2 places: 0.005, 1.125, 2.675
    st.integers(-(10**9), 10**9).map(lambda n: n / 10**6 + 5e-7),
    st.floats(min_value=1e13, max_value=1e17),
)


def one_at_a_time(values, decimals):
    return [float("nan") if v != v else present.rounded(v, d) for v, d in zip(values, decimals)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(VALUES, st.integers(0, 4)), max_size=40))
def test_a_whole_column_rounds_to_the_same_doubles_as_one_value_at_a_time(pairs):
    values, decimals = [v for v, _ in pairs], [d for _, d in pairs]
    whole = present.rounded_all(np.array(values, dtype="float64"), np.array(decimals, dtype="int64"))
    expected = np.array(one_at_a_time(values, decimals), dtype="float64")
    assert (np.isnan(whole) == np.isnan(expected)).all()
    present_ = ~np.isnan(expected)
    assert whole[present_].tobytes() == expected[present_].tobytes()  # bit for bit: -0.0 became 0.0 in both


def test_the_halves_a_double_hides_round_as_people_round_them():
    """Issue 21: 37.15 is 37.1499999… as a double and round() gave 37.1; Excel's ROUND and 四舍五入 give 37.2."""
    values = np.array([37.15, 40.15, 38.55, 42.05, 2.675, 1.005, 0.125, -2.5, -0.004, 1234.5, 1e16 + 2])
    decimals = np.array([1, 1, 1, 1, 2, 2, 2, 0, 2, 0, 1])
    expected = [37.2, 40.2, 38.6, 42.1, 2.68, 1.01, 0.13, -3.0, 0.0, 1235.0, 1e16 + 2]
    assert present.rounded_all(values, decimals).tolist() == expected
    assert [present.rounded(v, d) for v, d in zip(values, decimals)] == expected
    assert str(present.rounded_all(np.array([-0.004]), np.array([2]))[0]) == "0.0"
    assert [present.number(v, 1) for v in (37.15, 40.15, 38.55, 42.05)] == ["37.2", "40.2", "38.6", "42.1"]
    assert present.signed(-0.05, 1) == "−0.1" and present.signed(0.25, 1) == "+0.3"


@settings(max_examples=600, deadline=None)
@given(VALUES.filter(lambda v: v == v and abs(v) != float("inf")), st.integers(0, 6))
def test_rounding_is_the_decimal_the_value_stands_for_half_away_from_zero(value, places):
    """The rule, against Python's decimal module: Decimal(repr(v)).quantize(…, ROUND_HALF_UP)."""
    exact = decimal.Decimal(repr(value)).quantize(
        decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP, context=decimal.Context(prec=1000)
    )
    assert present.rounded(value, places) == float(exact) + 0.0
    assert present.rounded_all(np.array([value]), np.array([places]))[0] == float(exact) + 0.0


def test_an_uncertain_value_with_partial_credit_says_it_meets_the_partial_standard(shipped_catalog):
    """#22: "77.9, ≥ 80 (partial credit ≥ 75), uncertain — likely below, credit 0.5" contradicted itself."""
    from chuangcheng.views import present

    frame = pd.DataFrame(
        {
            "indicator": ["core_values_awareness_rate"] * 3,
            "value": [77.9, 74.0, 81.0],
            "verdict": ["uncertain_below", "uncertain_below", "uncertain_met"],
            "attainment": ["partial", "low", "full"],
        }
    )
    assert present.with_reading(frame, shipped_catalog, "en")["status_text"].tolist() == [
        "meets the partial standard; uncertain whether it meets the full one",
        "uncertain — likely below",
        "uncertain — likely met",
    ]
    assert present.with_reading(frame.drop(columns="attainment").assign(credit=[0.5, 0.0, 1.0]), shipped_catalog, "zh")[
        "status_text"
    ].tolist() == ["达到基本标准；是否达到完全标准尚不确定", "不确定（可能未达标）", "不确定（可能达标）"]


def test_a_score_from_almost_no_data_is_never_a_plain_headline_and_no_change_names_a_year_without_data(reported_db):
    """#22: Karamay 2006 showed a big '100.0' from 1 of 31 indicators, and its headline tooltips said 'change on 2005'."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import overview, region

    score = region.region(reported_db, Params(region="650203", year=2006)).score
    assert (score.score_text, score.change_text, score.label_key) == ("100.0 (1 of 31)", None, "score_rate_thin")
    chinese = region.region(reported_db, Params(region="650203", year=2006, lang="zh")).score
    assert chinese.score_text == "100.0（1/31项）"
    helps = overview.overview(reported_db, Params(level="district", parent="", year=2006)).headline["help"].tolist()
    assert helps and all(
        "no figure of 2005 to compare with" in h.lower() and "change on" not in h.lower() for h in helps
    )


def test_an_unranked_regions_score_has_no_change_in_the_ranking_or_the_bulletin(city_db):
    """An unranked region's score stands on too few indicators: its page shows no change, and neither does the
    ranking (a capital with 1 of 31 indicators read '+50.0')."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import bulletin, overview

    checked = 0
    for year in range(2006, 2026):
        params = Params(level="city", parent="", year=year)
        frame = overview.overview(city_db, params).ranking
        if frame.empty:
            continue
        unranked = frame[~frame["ranked"]]
        assert unranked["score_change"].isna().all()
        table = bulletin.bulletin(city_db, params, "summary").table.set_index("region_code")
        assert table.loc[unranked["region_code"], "score_change"].isna().all()
        checked += int(unranked["region_code"].isin(previous_scored(city_db, year)).sum())
    assert checked


def previous_scored(db, year: int) -> set:
    """Regions with an overall score the year before: where a change could be shown."""
    frame = db.query("scope_ranking", level="city", parent="", year=year - 1)
    return set(frame["region_code"])


def test_a_change_says_its_way_and_whether_it_is_good_news_not_a_renderers_colour():
    """#24: views said 'green' and 'delta_arrow'; they say the way a change points and whether it is good news,
    and a fall is good news where less is better (water use, a standard of 'max')."""
    assert [present.direction(m) for m in (1.5, -0.3, 0, None)] == ["up", "down", "none", "none"]
    assert [present.judged(m) for m in (1.5, -0.3, 0.0)] == ["better", "worse", "same"]
    assert [present.judged(m, lower_is_better=True) for m in (1.5, -0.3)] == ["worse", "better"]


def test_the_headline_and_the_score_carry_no_streamlit_words(demo_db):
    from chuangcheng.model.params import Params
    from chuangcheng.views import overview, region

    view = overview.overview(demo_db, Params(lang="en", snapshot="demo-v1", year=2025))
    headline = view.headline
    assert {"direction", "judged"} <= set(headline.columns) and not {"delta_color", "delta_arrow"} & set(headline)
    for row in headline.itertuples():
        lower_better = demo_db.catalog.indicators.at[row.indicator, "standard"] in ("max", "zero")
        assert row.judged == present.judged(row.change, lower_better) and row.direction == present.direction(row.change)
    score = region.region(demo_db, Params(lang="en", snapshot="demo-v1", region="990110", year=2025)).score
    assert score.rank_change_text in (None, present.signed(score.rank_change, 0))
    assert not score.rank_change_text or "-" not in score.rank_change_text  # a true minus, as every change
