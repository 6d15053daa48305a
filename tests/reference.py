"""Independent pandas implementations of what the SQL computes, to check the queries against.

Written from the design's words, not from the SQL: plain loops and pandas, no DuckDB.
"""

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
        w2=lambda f: f["weight"] ** 2, w_positive=lambda f: f["weight"].where(f["positive"].eq(True), 0.0),
    )
    sums = valid.groupby(["region_code", "year", "question"]).agg(
        n=("weight", "size"), w=("weight", "sum"), w2=("w2", "sum"), w_positive=("w_positive", "sum"),
    ).reset_index()
    p = sums["w_positive"] / sums["w"]
    n_eff = sums["w"] ** 2 / sums["w2"]
    bounds = [wilson(pi, ni) for pi, ni in zip(p, n_eff)]
    return pd.DataFrame({
        "region_code": sums["region_code"], "year": sums["year"].astype(int), "indicator": sums["question"],
        "value": 100 * p, "lower": [100 * b[0] for b in bounds], "upper": [100 * b[1] for b in bounds],
        "n": sums["n"], "n_eff": n_eff,
    })


def indicator_values(folder: Path, catalog) -> pd.DataFrame:
    """Statistics from observations.parquet plus survey rates from survey.parquet (rates win)."""
    observations = pd.read_parquet(folder / "observations.parquet")
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


def attainment(values: pd.DataFrame, catalog) -> pd.DataFrame:
    """Every scored district value judged against its standard, with credit and gap."""
    meta = catalog.indicators
    regions = catalog.regions
    frame = values[values["indicator"].map(meta["standard"]).ne("none")].copy()
    frame = frame[frame["region_code"].map(regions["level"]).eq("district")]
    frame["city"] = frame["region_code"].map(regions["parent_code"])
    means = frame.groupby(["city", "year", "indicator"])["value"].mean()
    judged = [
        judge(row.value, meta.at[row.indicator, "standard"], meta.at[row.indicator, "full"],
              meta.at[row.indicator, "partial"], means[(row.city, row.year, row.indicator)])
        for row in frame.itertuples()
    ]
    frame["attainment"] = [j[0] for j in judged]
    frame["gap"] = [j[1] for j in judged]
    frame["credit"] = frame["attainment"].map(CREDIT)
    frame["aspect"] = frame["indicator"].map(meta["aspect"])
    return frame


def scores(judged: pd.DataFrame) -> pd.DataFrame:
    """Aspect score rates, then the overall rate (mean of aspects) and rank within city and year."""
    aspects = judged.groupby(["region_code", "city", "year", "aspect"])["credit"].mean().mul(100).rename("score_rate").reset_index()
    overall = aspects.groupby(["region_code", "city", "year"])["score_rate"].mean().reset_index()
    overall["rank"] = overall.groupby(["city", "year"])["score_rate"].rank(method="min", ascending=False).astype(int)
    return overall
