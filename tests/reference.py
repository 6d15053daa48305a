"""Independent pandas implementations of what the SQL computes, to check the queries against.

Written from the design's words, not from the SQL: plain loops and pandas, no DuckDB.
"""

import decimal
import math
from pathlib import Path

import pandas as pd

Z = 1.959963984540054


def wilson(p: float, n_eff: float) -> tuple[float, float]:
    centre = p + Z * Z / (2 * n_eff)
    spread = Z * math.sqrt(p * (1 - p) / n_eff + Z * Z / (4 * n_eff * n_eff))
    return (centre - spread) / (1 + Z * Z / n_eff), (centre + spread) / (1 + Z * Z / n_eff)


def survey_rates(survey: pd.DataFrame, catalog) -> pd.DataFrame:
    """Weighted share of positive among valid answers, Wilson interval on Kish n_eff, per region/year/question."""
    scales = catalog.scales.reset_index()
    answers = survey.assign(scale=survey["question"].map(catalog.indicators["scale"]))
    answers = answers.merge(scales, on=["scale", "answer"], how="left")
    valid = answers[answers["valid"].eq(True)].assign(
        w2=lambda f: f["weight"] ** 2,
        w_positive=lambda f: f["weight"].where(f["positive"].eq(True), 0.0),
    )
    sums = (
        valid.groupby(["region_code", "year", "question"])
        .agg(
            n=("weight", "size"),
            w=("weight", "sum"),
            w2=("w2", "sum"),
            w_positive=("w_positive", "sum"),
        )
        .reset_index()
    )
    p = sums["w_positive"] / sums["w"]
    n_eff = sums["w"] ** 2 / sums["w2"]
    bounds = [wilson(pi, ni) for pi, ni in zip(p, n_eff)]
    return pd.DataFrame(
        {
            "region_code": sums["region_code"],
            "year": sums["year"].astype(int),
            "indicator": sums["question"],
            "value": 100 * p,
            "lower": [100 * b[0] for b in bounds],
            "upper": [100 * b[1] for b in bounds],
            "n": sums["n"],
            "n_eff": n_eff,
        }
    )


def indicator_values(folder: Path, catalog) -> pd.DataFrame:
    """Statistics from observations.parquet plus survey rates from survey.parquet (rates win). A year's figures
    only: a figure with a period other than its year (2025-06) is a month's, never the year's."""
    observations = pd.read_parquet(folder / "observations.parquet")
    if "period" in observations.columns:
        yearly = observations["period"].isna() | (observations["period"] == observations["year"].astype(str))
        observations = observations[yearly].drop(columns="period")
    rates = survey_rates(pd.read_parquet(folder / "survey.parquet"), catalog)
    if rates.empty:
        return observations
    keys = ["region_code", "year", "indicator"]
    kept = observations.merge(rates[keys], on=keys, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
    return pd.concat([kept, rates.assign(qualifier="=")], ignore_index=True)


def judge(value: float, standard: str, full: float, partial: float, mean: float | None) -> tuple[str, float]:
    """Attainment and gap of one value, straight from the design's scoring table."""
    if standard == "city_average":
        if value > mean + 0.01 * abs(mean):
            return "full", 0.0
        status = "partial" if value >= mean - 0.01 * abs(mean) else "low"
        return status, mean + 0.01 * abs(mean) - value
    if standard == "min":
        if value >= full:
            return "full", 0.0
        return ("partial" if not math.isnan(partial) and value >= partial else "low"), full - value
    if standard == "max":
        if value <= full:
            return "full", 0.0
        return ("partial" if not math.isnan(partial) and value <= partial else "low"), value - full
    if standard == "zero":
        return ("full", 0.0) if value == 0 else ("low", value)
    raise ValueError(standard)


CREDIT = {"full": 1.0, "partial": 0.5, "low": 0.0}
MIN_PEERS, MIN_COVERAGE = 3, 50.0


def attainment(values: pd.DataFrame, catalog, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every scored value judged against its standard, with credit and gap. Peers: same level, same parent;
    a city_average standard with fewer than MIN_PEERS peers with a value is not scored (credit NaN)."""
    meta = catalog.indicators
    regions = catalog.regions if regions is None else regions
    frame = values[values["indicator"].map(meta["standard"]).ne("none")].copy()
    frame["parent"] = frame["region_code"].map(regions["parent_code"]).fillna("")
    frame["level"] = frame["region_code"].map(regions["level"])
    frame["city"] = frame["parent"]
    peers = frame.groupby(["parent", "level", "year", "indicator"])["value"]
    frame["mean"], frame["peers"] = peers.transform("mean"), peers.transform("size")
    judged = [
        judge(
            row.value,
            meta.at[row.indicator, "standard"],
            meta.at[row.indicator, "full"],
            meta.at[row.indicator, "partial"],
            row.mean,
        )
        for row in frame.itertuples()
    ]
    too_few = (frame["indicator"].map(meta["standard"]) == "city_average") & (frame["peers"] < MIN_PEERS)
    frame["attainment"] = [None if few else j[0] for j, few in zip(judged, too_few)]
    frame["gap"] = [float("nan") if few else j[1] for j, few in zip(judged, too_few)]
    frame["credit"] = frame["attainment"].map(CREDIT)
    frame["aspect"] = frame["indicator"].map(meta["aspect"])
    return frame


def scores(judged: pd.DataFrame, scored_total: int, min_coverage: float = MIN_COVERAGE) -> pd.DataFrame:
    """Aspect score rates, then the overall rate (mean of aspects), coverage, and rank among peers (same
    parent and level) for the regions whose coverage reaches MIN_COVERAGE."""
    judged = judged.dropna(subset=["credit"])
    keys = ["region_code", "parent", "level", "year"]
    aspects = judged.groupby(keys + ["aspect"])["credit"].mean().mul(100).rename("score_rate").reset_index()
    overall = aspects.groupby(keys)["score_rate"].mean().reset_index()
    counted = judged.groupby(keys).size().rename("scored").reset_index()
    overall = overall.merge(counted, on=keys)
    overall["coverage"] = 100 * overall["scored"] / scored_total
    overall["ranked"] = overall["coverage"] >= min_coverage
    overall["rank"] = [
        1
        + int(
            (
                (peers["score_rate"] > row.score_rate)
                | ((peers["score_rate"] == row.score_rate) & (peers["coverage"] > row.coverage))
            ).sum()
        )
        if row.ranked
        else None
        for row in overall.itertuples()
        for peers in [
            overall[
                (overall["parent"] == row.parent)
                & (overall["level"] == row.level)
                & (overall["year"] == row.year)
                & overall["ranked"]
            ]
        ]
    ]
    overall["city"] = overall["parent"]
    return overall


def excel_round(value: float, places: int) -> float:
    """ROUND as Excel and 四舍五入 do it: the decimal the value stands for, half away from zero."""
    exact = decimal.Decimal(repr(float(value))).quantize(
        decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP
    )
    return float(exact) + 0.0


def excel_round_all(values: pd.Series, places: int) -> pd.Series:
    return values.map(lambda v: v if pd.isna(v) else excel_round(v, places))
