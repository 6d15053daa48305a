"""The tile grid: one equal square per region, for a map of regions that have no stored boundaries."""

import math

import pandas as pd


def layout(codes) -> pd.DataFrame:
    """Columns code, row, col: the codes sorted (each once) and laid out left to right, top to bottom, in a
    near-square grid (as many columns as the square root, rounded up; row 0 is the top)."""
    ordered = sorted(dict.fromkeys(map(str, codes)))
    columns = max(1, math.ceil(math.sqrt(len(ordered))))
    return pd.DataFrame(
        {
            "code": pd.Series(ordered, dtype=object),
            "row": pd.Series([i // columns for i in range(len(ordered))], dtype="int64"),
            "col": pd.Series([i % columns for i in range(len(ordered))], dtype="int64"),
        }
    )
