"""Small statistics the pages need beyond SQL: whether two survey rates differ by more than chance."""

import math


def two_proportion_p_value(p1: float, n1: float, p2: float, n2: float) -> float:
    """Two-sided p-value of the difference of two proportions (0..1), on effective sample sizes."""
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return 1.0 if p1 == p2 else 0.0
    z = (p1 - p2) / math.sqrt(variance)
    return math.erfc(abs(z) / math.sqrt(2))


def differ(rate1: float, n_eff1: float, rate2: float, n_eff2: float, level: float = 0.05) -> bool:
    """True when two survey rates in percent differ at the given level (5% by default)."""
    return two_proportion_p_value(rate1 / 100, n_eff1, rate2 / 100, n_eff2) < level
