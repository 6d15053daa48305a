"""Rounding as people round: the decimal a value stands for, half away from zero (Excel's ROUND, 四舍五入).

Defined once, below the views, so the catalog's standards and every view, page, report and export round alike.
"""

import decimal
import math

import numpy as np
import pandas as pd

SCALES = [float(10**k) for k in range(23)]  # each exactly a double
# Enough digits for any double's decimal at any catalog decimals (a double has at most 309 integer digits).
EXACT = decimal.Context(prec=1000, rounding=decimal.ROUND_HALF_UP)


def rounded(value, decimals: int) -> float | None:
    """A value rounded as people round (Excel's ROUND, 四舍五入): the decimal the value stands for (its shortest
    repr: 37.15, not the double 37.1499999…) to `decimals` places, half away from zero; the double nearest that
    decimal, -0.0 as 0.0; None when missing. Infinities stay as they are."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    value, decimals = float(value), int(decimals)
    if not math.isfinite(value):
        return value
    if 0 <= decimals <= 22:  # the arithmetic rounded_all() explains, for one value: the decimal module only near a half
        scale = SCALES[decimals]
        scaled = abs(value) * scale
        if scaled < 2.0**52 and abs(scaled - math.floor(scaled) - 0.5) > scaled * 1e-13 + 1e-300:
            return math.copysign(math.floor(scaled + 0.5), value) / scale + 0.0
    places = decimal.Decimal(1).scaleb(-decimals)
    return float(decimal.Decimal(repr(value)).quantize(places, context=EXACT)) + 0.0


# 10**0 .. 10**22, each exactly a double; from Python integers, not numpy's pow (which may take a SIMD path)
EXACT_POWERS = np.array([float(10**k) for k in range(23)])


def rounded_all(values: np.ndarray, decimals: np.ndarray) -> np.ndarray:
    """rounded() over whole columns of floats (NaN for missing): the same doubles, at export speed.

    floor(|v| * 10**d + 0.5) is the integer the decimal rounds to whenever the product lies clearly off a half:
    v differs from its decimal by half an ulp and the product adds one rounding, together far less than the
    margin asked here, so both sit on the same side of the half. One division by an exact power of ten then
    gives the nearest double. Products within that margin of a half (37.15 * 10 = 371.49999999999994), too
    large for every integer to be a double, or at decimals out of the table, take rounded() itself.
    """
    values = np.asarray(values, dtype="float64")
    decimals = np.asarray(decimals, dtype="int64")
    scale = EXACT_POWERS[np.clip(decimals, 0, len(EXACT_POWERS) - 1)]
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = np.abs(values) * scale
        result = np.copysign(np.floor(scaled + 0.5), values) / scale + 0.0
        off_half = np.abs(scaled - np.floor(scaled) - 0.5)
        doubtful = ~(off_half > scaled * 1e-13 + 1e-300) | ~(scaled < 2.0**52) | (decimals < 0) | (decimals > 22)
    doubtful &= np.isfinite(values)
    for at in np.flatnonzero(doubtful):
        result[at] = rounded(float(values[at]), int(decimals[at]))
    infinite = np.isinf(values)
    result[infinite] = values[infinite]
    return result


def number(value, decimals: int) -> str:
    """A value as every page, file and report writes it: rounded(), with thousands separators; empty when missing.
    The one formatter: the views (views/present.number) and the catalog's standards in words read it."""
    value = rounded(value, decimals)
    return "" if value is None else f"{value:,.{int(decimals)}f}"
