"""The two-proportion test the compare page uses, against the normal distribution directly."""

import math
from statistics import NormalDist

import pytest

from chuangcheng import stats


@pytest.mark.parametrize("p1, n1, p2, n2", [(0.5, 100, 0.6, 100), (0.8, 540, 0.74, 510), (0.9, 30, 0.9, 400)])
def test_p_value_matches_the_normal_distribution(p1, n1, p2, n2):
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    assert stats.two_proportion_p_value(p1, n1, p2, n2) == pytest.approx(2 * (1 - NormalDist().cdf(abs(z))))


def test_half_a_percent_of_five_hundred_is_chance_six_points_is_not():
    assert not stats.differ(80.0, 500, 80.5, 500)
    assert stats.differ(80.0, 500, 86.0, 500)


def test_identical_certain_rates_do_not_differ():
    assert not stats.differ(100.0, 300, 100.0, 300)
