"""Rounding as the catalog says, whole columns at once, the same doubles as one value at a time."""

import numpy as np
from hypothesis import given, settings, strategies as st

from chuangcheng.views import present

# Values a snapshot holds (any double, ties and near-ties of decimal places included) and the catalog's decimals.
VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-10**7, 10**7).map(lambda n: n / 200),  # exact and near halves at 2 places: 0.005, 1.125, 2.675
    st.integers(-10**9, 10**9).map(lambda n: n / 10**6 + 5e-7),
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


def test_the_halves_a_product_hides_round_as_python_rounds_them():
    """2.675 is 2.67499999… as a double: its product by 100 is 267.5 exactly, yet round() gives 2.67."""
    values = np.array([2.675, 1.005, 0.125, 0.375, -2.5, 1e16 + 2, -0.004, 1234.5])
    decimals = np.array([2, 2, 2, 2, 0, 1, 2, 0])
    assert present.rounded_all(values, decimals).tolist() == [2.67, 1.0, 0.12, 0.38, -2.0, 1e16 + 2, 0.0, 1234.0]
    assert str(present.rounded_all(np.array([-0.004]), np.array([2]))[0]) == "0.0"
