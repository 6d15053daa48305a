"""A national-scale data folder for the benchmark: ~2,900 fictional districts in ~330 cities of 31
provinces, 2005-2025, every catalog indicator and ~10 million survey answers (generated, never committed)."""

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from chuangcheng import ROOT
from chuangcheng.store import publishing, snapshots
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import kinds
from chuangcheng.datasets.demo import GROUPS, PATHS, tapered

SEED = 20050101
PROVINCES = 31
FIRST_YEAR, LAST_YEAR = 2005, 2025
YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)
RESPONDENTS = 18  # per district and year: 2,900 x 21 x 18 x 9 questions = about 10 million answers
SNAPSHOT = {
    "id": "national-v1",
    "dataset": "national",
    "title": "National scale (synthetic) · 全国规模（虚构）",
    "created": "2026-01-15T00:00:00+00:00",
    "built_from": ["python -m chuangcheng demo --scale national"],
}


def regions(rng: np.random.Generator, provinces: int = PROVINCES) -> pd.DataFrame:
    """Codes 9PP000 (province), 9PPCC0 (city), 9PPCCD (district): a leading 9 is no real province."""
    rows = []
    for p in range(1, provinces + 1):
        rows.append((f"9{p:02d}000", "", "province", f"虚构省{p:02d}", f"Province {p:02d} (fictional)"))
        for c in range(1, 11 + (p <= 20)):
            city = f"9{p:02d}{c:02d}0"
            rows.append((city, f"9{p:02d}000", "city", f"虚构{p:02d}省{c:02d}市", f"City {p:02d}-{c:02d} (fictional)"))
            for d in range(1, 9 + (rng.random() < 0.8)):
                rows.append(
                    (
                        f"9{p:02d}{c:02d}{d}",
                        city,
                        "district",
                        f"虚构{p:02d}-{c:02d}-{d}区",
                        f"District {p:02d}-{c:02d}-{d} (fictional)",
                    )
                )
    return pd.DataFrame(rows, columns=["code", "parent_code", "level", "name_zh", "name_en"])


def strengths(count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Each district's strength per group in every year: a start, and a drift to 2025 (districts x years)."""
    share = (YEARS - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)
    out = {}
    for group in GROUPS:
        start = np.clip(rng.normal(0, 0.5, count), -1.2, 1.2)
        drift = rng.normal(0, 0.4, count)
        out[group] = start[:, None] + drift[:, None] * share[None, :]
    return out


def path_values(trend, strength: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    share = (YEARS - 2013) / (2025 - 2013)  # the demo's paths run 2013-2025; earlier years extend them
    noise = rng.normal(0, trend.noise, strength.shape)
    if trend.relative:
        base = trend.start * (trend.end / trend.start) ** share
        return base[None, :] * (1 + trend.sign * trend.spread * strength) * (1 + noise)
    base = trend.start + (trend.end - trend.start) * share
    return base[None, :] + trend.sign * trend.spread * strength + noise


def economy(strength: dict, rng: np.random.Generator) -> dict[str, np.ndarray]:
    count = strength["economy"].shape[0]
    growth = (
        9.5
        - 4.5 * (YEARS - FIRST_YEAR) / 20
        + 1.6 * strength["economy"]
        + rng.normal(0, 0.6, strength["economy"].shape)
    )
    size = rng.lognormal(5.5, 0.8, count)[:, None]
    gdp = size * np.cumprod(1 + (growth + 2) / 100, axis=1)
    people = rng.uniform(20, 120, count)[:, None]
    return {
        "gdp": gdp,
        "gdp_growth": growth,
        "gdp_per_capita": gdp * 1e8 / (people * 1e4),
        "fiscal_revenue_growth": growth + 1 + rng.normal(0, 2.5, growth.shape),
        "urban_disposable_income_growth": 7 + strength["income"] + rng.normal(0, 1, growth.shape),
    }


def generic(code: str, meta: pd.Series, shape: tuple, rng: np.random.Generator) -> np.ndarray:
    """Indicators without a path of their own: counts around a dozen, shares around two thirds."""
    if meta["unit_en"] in ("count", "places", "sessions per year"):
        return rng.poisson(12, shape).astype(float)
    if meta["unit_zh"] == "%":
        return rng.uniform(40, 95, shape)
    return rng.lognormal(8, 1, shape)


def observations(catalog: catalog_module.Catalog, districts: np.ndarray, rng: np.random.Generator) -> pa.Table:
    strength = strengths(len(districts), rng)
    values = {code: path_values(trend, strength[trend.group], rng) for code, trend in PATHS.items()}
    values.update(economy(strength, rng))
    meta = catalog.indicators
    frames = []
    for code in tqdm(meta.index[meta["kind"] == "statistic"], desc="statistics", unit="indicator", leave=False):
        grid = values.get(code)
        if grid is None:
            grid = generic(code, meta.loc[code], (len(districts), len(YEARS)), rng)
        low = meta.at[code, "lowest"] if pd.notna(meta.at[code, "lowest"]) else -np.inf
        high = meta.at[code, "highest"] if pd.notna(meta.at[code, "highest"]) else np.inf
        grid = np.round(np.clip(grid, low, high), int(meta.at[code, "decimals"]))
        keep = rng.random(grid.shape) > 0.02
        rows, cols = np.nonzero(keep)
        frames.append(
            pd.DataFrame(
                {
                    "region_code": districts[rows],
                    "indicator": code,
                    "year": YEARS[cols].astype("int32"),
                    "value": grid[rows, cols],
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True).sort_values(["region_code", "indicator", "year"], ignore_index=True)
    frame = pd.concat([frame.assign(period=None), monthly(frame, catalog, rng)], ignore_index=True)
    frame = frame.assign(qualifier="=", source="chuangcheng-demo", status="synthetic")
    columns = [*(f.name for f in snapshots.OBSERVATIONS), "period"]
    return pa.Table.from_pandas(frame[columns], schema=kinds.FIGURES.schema_of(columns), preserve_index=False)


def monthly(yearly: pd.DataFrame, catalog: catalog_module.Catalog, rng: np.random.Generator) -> pd.DataFrame:
    """Every year's months of the indicators the catalog publishes by the month, as the demo city's (datasets/demo.py):
    good-air days each month's own about the year's, fiscal growth from January (1-2月 first) drifting to the year's.
    At national scale: 2,905 districts x 13 years x 12 months, two indicators, about 870,000 figures."""
    from chuangcheng.datasets.demo import AIR_SEASON

    parts = []
    for code, months in (("air_good_days_ratio", np.arange(1, 13)), ("fiscal_revenue_growth", np.arange(2, 13))):
        base = yearly[yearly["indicator"] == code]
        value = np.repeat(base["value"].to_numpy(), len(months))
        month = np.tile(months, len(base))
        if code == "air_good_days_ratio":
            room = np.where(AIR_SEASON[month - 1] > 0, np.minimum(1.0, (100 - value) / 12), 1.0)
            value = value + (AIR_SEASON[month - 1] + rng.normal(0, 2, len(value))) * room
        else:
            value = value + rng.normal(0, 4, len(value)) * (12 - month) / 11
        meta = catalog.indicators.loc[code]
        value = np.round(np.clip(value, meta["lowest"], meta["highest"] if pd.notna(meta["highest"]) else np.inf), 1)
        year = np.repeat(base["year"].to_numpy(), len(months))
        parts.append(
            pd.DataFrame(
                {
                    "region_code": np.repeat(base["region_code"].to_numpy(), len(months)),
                    "indicator": code,
                    "year": year.astype("int32"),
                    "value": value,
                    "period": [f"{y}-{m:02d}" for y, m in zip(year, month)],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def survey_chunk(catalog, districts: np.ndarray, shares: dict, rng: np.random.Generator) -> pa.Table:
    """Answers of RESPONDENTS people per district and year to every survey question, for some districts."""
    count = len(districts) * len(YEARS) * RESPONDENTS
    region = np.repeat(districts, len(YEARS) * RESPONDENTS)
    year = np.tile(np.repeat(YEARS, RESPONDENTS), len(districts)).astype("int32")
    respondent = np.tile(np.arange(1, RESPONDENTS + 1, dtype="int32"), len(districts) * len(YEARS))
    weight = rng.choice(np.array([0.6, 0.8, 1.0, 1.2, 1.5, 2.0]), count)
    parts = []
    for question, share in shares.items():
        scale = catalog.scales.loc[catalog.indicators.at[question, "scale"]]
        positive = scale.index[scale["positive"] & scale["valid"]].to_numpy()
        negative = scale.index[~scale["positive"] & scale["valid"]].to_numpy()
        p = np.repeat(share, RESPONDENTS, axis=1).ravel() / 100
        answer = np.where(
            rng.random(count) < p,
            rng.choice(positive, count, p=tapered(len(positive), True)),
            rng.choice(negative, count, p=tapered(len(negative), False)),
        )
        parts.append(
            pa.table(
                {
                    "region_code": region,
                    "year": year,
                    "respondent_id": respondent,
                    "question": np.full(count, question),
                    "answer": answer.astype("int16"),
                    "weight": weight,
                    "status": np.full(count, "synthetic"),
                }
            )
        )
    return pa.concat_tables(parts).cast(snapshots.SURVEY)


def write_survey(path: Path, catalog, districts: np.ndarray, rng: np.random.Generator) -> int:
    strength = strengths(len(districts), rng)
    questions = [c for c in PATHS if catalog.indicators.at[c, "kind"] == "survey"]
    shares = {q: np.clip(path_values(PATHS[q], strength[PATHS[q].group], rng), 1, 99.5) for q in questions}
    rows = 0
    with pq.ParquetWriter(path, snapshots.SURVEY, compression="zstd", write_statistics=True) as writer:
        progress = tqdm(
            total=len(districts), desc="survey answers", unit="district", leave=False
        )  # counted in districts,
        for start in range(0, len(districts), 100):  # written 100 at a time
            block = slice(start, start + 100)
            table = survey_chunk(catalog, districts[block], {q: s[block] for q, s in shares.items()}, rng)
            table = table.sort_by([("region_code", "ascending"), ("year", "ascending"), ("question", "ascending")])
            writer.write_table(table, row_group_size=1 << 20)
            rows += table.num_rows
            progress.update(len(districts[block]))
        progress.close()
    return rows


def build(out: Path, provinces: int = PROVINCES) -> snapshots.Manifest:
    """Write a whole data folder (catalog with the national regions, and the snapshot) into out;
    fewer provinces make a small one of the same shape (for tests)."""
    rng = np.random.default_rng(SEED)
    out = Path(out)
    shutil.copytree(ROOT / "data" / "catalog", out / "catalog", dirs_exist_ok=True)
    shipped = catalog_module.read_csv(ROOT / "data" / "catalog" / "regions.csv")
    national = regions(rng, provinces)
    pd.concat([shipped, national]).to_csv(out / "catalog" / "regions.csv", index=False, lineterminator="\n")
    catalog = catalog_module.load(out)
    districts = national.loc[national["level"] == "district", "code"].to_numpy()
    staging = out / "generated"
    staging.mkdir(exist_ok=True)
    write_survey(staging / "survey.parquet", catalog, districts, rng)
    tables = {
        "observations.parquet": observations(catalog, districts, rng),
        "survey.parquet": pq.read_table(staging / "survey.parquet"),
    }
    manifest = publishing.publish(out, SNAPSHOT, tables, replace=True)
    shutil.rmtree(staging)
    return manifest
