"""The demo snapshot: a fictional city whose districts each tell a different story (fixed seed, same bytes)."""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from chuangcheng.datasets import demo_inspections, demo_ledger
from chuangcheng.geo import boundaries, synthetic
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import kinds
from chuangcheng.model import regions as regions_module
from chuangcheng.store import publishing, snapshots

SEED = 20130101
FIRST_YEAR, LAST_YEAR = 2013, 2025  # the latest full year when the demo was made; fixed so bytes stay stable
YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)
CITY = "990100"
SNAPSHOT = {
    "id": "demo-v1",
    "dataset": "demo",
    "title": "Demo city (synthetic) · 演示城市（虚构）",
    "created": "2026-01-15T00:00:00+00:00",  # fixed, not the clock: the rebuild must give the same bytes
    "built_from": ["python -m chuangcheng demo (seed 20130101)"],
}
GROUPS = ("economy", "income", "ecology", "services", "civic", "governance", "safety", "mood")
# A national-style real growth path for an average district: the slowdown, 2020 and the rebound.
GDP_GROWTH_PATH = (7.9, 7.4, 7.0, 6.8, 6.9, 6.7, 6.0, 2.3, 8.1, 3.0, 5.2, 5.0, 5.0)


@dataclass(frozen=True)
class District:
    """A district's character: strength per group in 2013 and in 2025 (-1 weak .. +1 strong)."""

    code: str
    story: str
    size: float  # GDP in 2013, 100 million yuan
    people: float  # residents, 10 thousand
    start: dict = field(default_factory=dict)
    end: dict = field(default_factory=dict)

    def strength(self, group: str) -> np.ndarray:
        """The group's strength in each year, moving in a straight line from 2013 to 2025."""
        first = self.start.get(group, 0.0)
        last = self.end.get(group, first)
        return first + (last - first) * (YEARS - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)


def even(value: float) -> dict:
    return {group: value for group in GROUPS}


DISTRICTS = (
    District(
        "990102",
        "old town: strong services and volunteering, little room for green space",
        620,
        58,
        {
            "services": 0.8,
            "civic": 0.7,
            "governance": 0.4,
            "ecology": -0.8,
            "economy": -0.2,
            "income": 0.2,
            "safety": 0.3,
            "mood": 0.3,
        },
        {"ecology": -0.4},
    ),
    District(
        "990103",
        "lakeside centre: the model district, meets nearly every standard",
        980,
        64,
        {**even(0.75), "economy": 0.6},
        {**even(0.85), "economy": 0.5},
    ),
    District(
        "990104",
        "industrial: high output, polluted air and water and work accidents, cleaned up after 2018",
        1150,
        71,
        {"economy": 0.6, "income": 0.2, "ecology": -1.0, "safety": -0.9, "services": -0.2, "civic": -0.3, "mood": -0.5},
        {"economy": 0.2, "ecology": 0.0, "safety": -0.1, "mood": 0.0},
    ),
    District(
        "990105",
        "new development zone: fastest growth and planned green space, services and volunteers catch up",
        520,
        35,
        {"economy": 0.9, "income": 0.4, "ecology": 0.6, "services": -0.7, "civic": -0.9, "mood": -0.2},
        {"services": 0.3, "civic": 0.2, "mood": 0.3, "economy": 0.7},
    ),
    District(
        "990106",
        "port and free-trade zone: rich, but dusty air and port accidents",
        1320,
        48,
        {"economy": 0.7, "income": 0.5, "ecology": -0.5, "safety": -0.6, "governance": 0.3},
        {"safety": -0.3},
    ),
    District(
        "990107",
        "rural county: clean air, low incomes, thin public services",
        210,
        62,
        {
            "economy": -0.6,
            "income": -1.0,
            "ecology": 0.7,
            "services": -0.9,
            "civic": -0.5,
            "governance": -0.3,
            "safety": 0.2,
            "mood": 0.2,
        },
        {"services": -0.4, "civic": -0.2},
    ),
    District(
        "990108",
        "mountain county: best ecology, weakest economy, eco-tourism slowly helps",
        140,
        41,
        {"economy": -0.9, "income": -0.8, "ecology": 0.95, "services": -0.6, "civic": -0.2, "safety": 0.4, "mood": 0.1},
        {"economy": -0.3, "income": -0.5},
    ),
    District(
        "990109",
        "university and tech district: high incomes and schools, satisfied residents",
        860,
        52,
        {
            "services": 0.9,
            "income": 0.8,
            "economy": 0.4,
            "civic": 0.5,
            "ecology": 0.3,
            "governance": 0.5,
            "safety": 0.5,
            "mood": 0.5,
        },
    ),
    District(
        "990110",
        "old harbour in decline: slipping on nearly everything, residents unhappy",
        430,
        45,
        {"economy": -0.3, "income": -0.2, "ecology": -0.3, "safety": -0.2},
        {
            "economy": -1.0,
            "income": -0.6,
            "ecology": -0.6,
            "services": -0.8,
            "civic": -0.8,
            "governance": -0.9,
            "safety": -0.8,
            "mood": -1.2,
        },
    ),
    District(
        "990111",
        "suburban newcomer: starts near the bottom and climbs to the top third",
        300,
        39,
        even(-0.6),
        even(0.6),
    ),
    District(
        "990112",
        "good statistics, souring mood: satisfaction with government and the campaign falls",
        540,
        44,
        {**even(0.3), "mood": 0.5, "governance": 0.2},
        {"mood": -1.6, "governance": -1.4},
    ),
    District(
        "990113",
        "scenic lakes and tourism: green and pleasant, average elsewhere",
        350,
        33,
        {"ecology": 0.7, "services": 0.1, "economy": -0.1, "civic": 0.3, "safety": 0.1, "mood": 0.2},
    ),
)

# Where each district's seat lies on the fictional map (fractions of geo.synthetic.BOX, x east, y north): the
# old town and the lake at the centre, the ports on the coast to the east, the counties at the edges.
SEATS = {
    "990102": (0.48, 0.50),
    "990103": (0.58, 0.42),
    "990104": (0.38, 0.36),
    "990105": (0.68, 0.60),
    "990106": (0.86, 0.46),
    "990107": (0.24, 0.20),
    "990108": (0.16, 0.66),
    "990109": (0.42, 0.64),
    "990110": (0.74, 0.26),
    "990111": (0.28, 0.46),
    "990112": (0.56, 0.82),
    "990113": (0.50, 0.16),
}
BOUNDARIES = "demo"  # data/boundaries/demo.geojson


@dataclass(frozen=True)
class Trend:
    """How an indicator moves in an average district (start in 2013, end in 2025) and how districts differ."""

    group: str
    start: float
    end: float
    spread: float  # distance of a +1 district from the average
    noise: float
    sign: int = 1  # -1 where more is worse
    relative: bool = False  # spread and noise as shares of the level (money)


# Each scored path starts a fifth of a spread below its standard and ends half a spread above it, so an
# average district crosses the line early in the campaign, a strong one meets it from the start and a
# weak one never does.
PATHS = {
    "registered_volunteer_ratio": Trend("civic", 9.4, 11.5, 3.0, 0.4),
    "volunteer_active_ratio": Trend("civic", 68, 75, 10, 2),
    "volunteer_hours_per_volunteer": Trend("civic", 23.8, 28, 6, 1.2),
    "legal_education_coverage": Trend("governance", 78.4, 84, 8, 1.5),
    "court_judgment_execution_rate": Trend("governance", 70, 88, 5, 2),
    "compulsory_edu_funds_per_student": Trend("services", 955, 1130, 0.22, 0.03, relative=True),
    "sports_area_per_capita": Trend("services", 1.046, 1.2, 0.22, 0.03),
    "parent_school_coverage": Trend("services", 76.8, 88, 14, 2),
    "social_insurance_plan_completion": Trend("governance", 98.8, 103, 5, 1.5),
    "registered_unemployment_rate": Trend("economy", 3.88, 3.6, 1.0, 0.15, sign=-1),
    "public_health_staff_per_1000": Trend("services", 0.802, 0.9, 0.15, 0.02),
    "main_road_lighting_rate": Trend("services", 98.84, 99.4, 0.8, 0.2),
    "birth_policy_compliance_rate": Trend("governance", 96, 98.5, 1, 0.4),
    "workplace_deaths_per_100m_gdp": Trend("safety", 0.053, 0.042, 0.02, 0.004, sign=-1),
    "built_up_green_coverage": Trend("ecology", 34.5, 38, 5, 0.6),
    "built_up_green_space_ratio": Trend("ecology", 32.2, 35, 4.5, 0.6),
    "park_green_area_per_capita": Trend("ecology", 4.83, 5.6, 1.3, 0.15),
    "air_good_days_ratio": Trend("ecology", 78, 85, 10, 2.5),
    "msw_harmless_treatment_rate": Trend("ecology", 90.1, 95, 6, 1),
    "sewage_treatment_rate": Trend("ecology", 84.4, 90, 7, 1.2),
    "energy_per_unit_gdp": Trend("ecology", 0.70, 0.42, 0.25, 0.02, sign=-1, relative=True),
    "urban_disposable_income_pc": Trend("income", 30000, 56000, 0.18, 0.01, relative=True),
    "rural_income_pc": Trend("income", 12000, 26000, 0.2, 0.012, relative=True),
    "core_values_awareness_rate": Trend("civic", 79, 86, 7, 1.2),
    "volunteer_support_rate": Trend("civic", 88.8, 93, 5, 1),
    "admin_efficiency_satisfaction": Trend("governance", 88.1, 93, 6, 1.2),
    "compulsory_edu_satisfaction": Trend("services", 73.3, 81, 8, 1.2),
    "public_safety_sense_rate": Trend("safety", 84.1, 89, 6, 1.2),
    "campaign_awareness_rate": Trend("mood", 75, 92, 5, 1.5),
    "campaign_support_rate": Trend("mood", 79.7, 86, 7, 1.2),
    "campaign_satisfaction_rate": Trend("mood", 78, 85, 8, 1.2),
    "campaign_participation_rate": Trend("civic", 87.1, 92, 7, 1.2),
}
RESPONDENTS = 600
WEIGHTS = np.array([0.6, 0.8, 1.0, 1.0, 1.2, 1.5, 2.0])  # post-stratification cells
CANT_SAY = 0.03  # share answering "can't say" where the scale has such an answer


def level(path: Trend, district: District, rng: np.random.Generator) -> np.ndarray:
    """The indicator in every year for one district, before rounding and clipping."""
    share = (YEARS - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)
    if path.relative:
        base = path.start * (path.end / path.start) ** share
        tilt = 1 + path.sign * path.spread * district.strength(path.group)
        return base * tilt * (1 + rng.normal(0, path.noise, len(YEARS)))
    base = path.start + (path.end - path.start) * share
    tilt = path.sign * path.spread * district.strength(path.group)
    return base + tilt + rng.normal(0, path.noise, len(YEARS))


def economy(district: District, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """GDP and its companions, kept consistent with each other (growth compounds into the level)."""
    strength = district.strength("economy")
    growth = np.array(GDP_GROWTH_PATH) + 1.6 * strength + rng.normal(0, 0.5, len(YEARS))
    nominal = (1 + (growth + 2.0) / 100).cumprod() / (1 + (growth[0] + 2.0) / 100)
    gdp = district.size * nominal
    people = district.people * (1 + 0.004 * (1 + strength)) ** (YEARS - FIRST_YEAR)
    fiscal = np.array(GDP_GROWTH_PATH) + 1.0 + 3.0 * strength + rng.normal(0, 2.5, len(YEARS))
    return {
        "gdp": gdp,
        "gdp_growth": growth,
        "gdp_per_capita": gdp * 1e8 / (people * 1e4),
        "fiscal_revenue_growth": fiscal,
        "campaign_fiscal_investment": gdp * 1e4 * (0.003 + 0.002 * np.clip(district.strength("civic"), -1, 1)),
        "central_group_study_sessions": 10
        + 2 * district.strength("civic")
        + (YEARS - FIRST_YEAR) / 4
        + rng.normal(0, 0.7, len(YEARS)),
        "community_health_centres": district.people / 10 * (1 + 0.3 * district.strength("services"))
        + (YEARS - FIRST_YEAR) / 5,
    }


def water_bodies(district: District, rng: np.random.Generator) -> np.ndarray:
    """Black and odorous water bodies: weak-ecology districts start with several and clear them."""
    start = 4 * max(0.0, 0.4 - district.start.get("ecology", 0.0))
    clearing = np.clip(1 - (YEARS - 2016) / 6, 0, 1)  # a clean-up drive from 2016 clears them in six years
    return rng.poisson(start * clearing + 0.05)


def statistics_frame(catalog: catalog_module.Catalog, rng: np.random.Generator) -> pd.DataFrame:
    """Every statistic indicator, every district and year, before values go missing."""
    frames = []
    for district in DISTRICTS:
        values = {code: level(path, district, rng) for code, path in PATHS.items()}
        values.update(economy(district, rng))
        values["black_odorous_water_bodies"] = water_bodies(district, rng)
        income = values["urban_disposable_income_pc"]
        before = income[0] / (1.08 + 0.01 * district.strength("income")[0])
        values["urban_disposable_income_growth"] = (
            np.diff(np.concatenate([[before], income])) / np.concatenate([[before], income[:-1]]) * 100
        )
        for code, series in values.items():
            if catalog.indicators.at[code, "kind"] == "statistic":
                frames.append(
                    pd.DataFrame({"region_code": district.code, "year": YEARS, "indicator": code, "value": series})
                )
    frame = pd.concat(frames, ignore_index=True)
    return finish(frame, catalog)


def finish(frame: pd.DataFrame, catalog: catalog_module.Catalog) -> pd.DataFrame:
    """Clip to what each indicator can be and round to its decimals."""
    meta = catalog.indicators.loc[frame["indicator"]]
    lowest = meta["lowest"].fillna(-np.inf).to_numpy()
    highest = meta["highest"].fillna(np.inf).to_numpy()
    clipped = np.clip(frame["value"].to_numpy(dtype=float), lowest, highest)
    decimals = meta["decimals"].to_numpy()
    frame["value"] = [round(float(v), int(d)) + 0.0 for v, d in zip(clipped, decimals)]
    return frame


def with_gaps(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Take out what a real city would be missing: a few random values and some late-starting series."""
    random_gaps = rng.random(len(frame)) < 0.02
    no_parent_schools_yet = (
        (frame["indicator"] == "parent_school_coverage")
        & frame["region_code"].isin(["990107", "990108"])
        & (frame["year"] < 2016)
    )
    birth_policy_ended = (frame["indicator"] == "birth_policy_compliance_rate") & (frame["year"] > 2020)
    new_zone_books = (
        (frame["indicator"] == "fiscal_revenue_growth") & (frame["region_code"] == "990105") & (frame["year"] < 2015)
    )
    return frame[~(random_gaps | no_parent_schools_yet | birth_policy_ended | new_zone_books)].reset_index(drop=True)


def observations(catalog: catalog_module.Catalog, rng: np.random.Generator) -> pa.Table:
    frame = with_gaps(statistics_frame(catalog, rng), rng)
    frame = frame.sort_values(["region_code", "indicator", "year"], ignore_index=True)
    frame = pd.concat([frame.assign(period=None), monthly(frame, catalog)], ignore_index=True)
    frame["qualifier"] = "="
    frame["source"] = "chuangcheng-demo"
    frame["status"] = "synthetic"
    schema = kinds.FIGURES.schema_of(frame.columns)
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


# Offices track a few figures by the month. The share of good-air days is a month's own figure, worse in winter's
# heating season (the deviations average zero, so twelve months sit about their year); fiscal revenue growth is
# published cumulative from January (1-2月 first, as the Spring Festival's months are released together), drifting
# to the year's own figure in 1-12月. Drawn from a generator of their own: the yearly figures keep their bytes.
MONTHLY_YEARS = (2023, 2024, 2025)
AIR_SEASON = np.array([-14, -9, -2, 4, 6, 5, 7, 8, 9, 6, -6, -14], dtype=float)


def monthly(yearly: pd.DataFrame, catalog: catalog_module.Catalog) -> pd.DataFrame:
    """Monthly figures of the two monthly indicators for MONTHLY_YEARS, where the year has its figure."""
    rng = np.random.default_rng(SEED + 1)
    months = np.arange(1, 13)
    rows = []
    for record in yearly[yearly["year"].isin(MONTHLY_YEARS)].itertuples():
        if record.indicator == "air_good_days_ratio":
            # summer's better months lifted only as far as the year leaves room below 100 (no row of 100.0s)
            room = np.where(AIR_SEASON > 0, min(1.0, (100 - record.value) / 12), 1.0)
            values, shown = record.value + AIR_SEASON * room + rng.normal(0, 2, 12) * room, months
        elif record.indicator == "fiscal_revenue_growth":
            drift = rng.normal(0, 4, 12) * (12 - months) / 11  # early months wander, 1-12月 is the year's figure
            values, shown = record.value + drift, months[1:]
            values = values[1:]
        else:
            continue
        for month, value in zip(shown, values):
            rows.append((record.region_code, record.year, record.indicator, value, f"{record.year}-{month:02d}"))
    frame = pd.DataFrame(rows, columns=["region_code", "year", "indicator", "value", "period"])
    return finish(frame, catalog).astype({"year": "int32"})


def survey_shares(catalog: catalog_module.Catalog, rng: np.random.Generator) -> pd.DataFrame:
    """The true share of positive answers per district, year and question, in percent."""
    rows = []
    for district in DISTRICTS:
        for code, path in PATHS.items():
            if catalog.indicators.at[code, "kind"] == "survey":
                share = np.clip(level(path, district, rng), 1, 99.5)
                rows.append(
                    pd.DataFrame({"region_code": district.code, "year": YEARS, "question": code, "share": share})
                )
    return pd.concat(rows, ignore_index=True)


def answers(scale: pd.DataFrame, share: float, count: int, rng: np.random.Generator) -> np.ndarray:
    """Draw answers on one scale so that a share of the valid ones is positive."""
    positive = scale.index[scale["positive"] & scale["valid"]].to_numpy()
    negative = scale.index[~scale["positive"] & scale["valid"]].to_numpy()
    invalid = scale.index[~scale["valid"]].to_numpy()
    out = np.where(
        rng.random(count) < share / 100,
        rng.choice(positive, count, p=tapered(len(positive), rising=True)),
        rng.choice(negative, count, p=tapered(len(negative), rising=False)),
    )
    if len(invalid):
        out = np.where(rng.random(count) < CANT_SAY, invalid[0], out)
    return out


def tapered(count: int, rising: bool) -> np.ndarray:
    """Answer weights: 'fairly' more common than 'very', milder negatives more common than harsh ones."""
    weights = np.array([0.6, 0.28, 0.12][:count]) if count <= 3 else np.ones(count)
    weights = weights[::-1] if rising else weights
    return weights / weights.sum()


def survey(catalog: catalog_module.Catalog, rng: np.random.Generator) -> pa.Table:
    """About 600 respondents per district and year, each answering every survey question."""
    scales = {name: frame.droplevel(0) for name, frame in catalog.scales.groupby(level="scale")}
    frames = []
    for (region, year), shares in survey_shares(catalog, rng).groupby(["region_code", "year"], sort=True):
        count = RESPONDENTS + int(rng.integers(-25, 26))
        weight = rng.choice(WEIGHTS, count)
        for question, share in zip(shares["question"], shares["share"]):
            scale = scales[catalog.indicators.at[question, "scale"]]
            frames.append(
                pd.DataFrame(
                    {
                        "region_code": region,
                        "year": year,
                        "respondent_id": np.arange(1, count + 1),
                        "question": question,
                        "answer": answers(scale, share, count, rng),
                        "weight": weight,
                    }
                )
            )
    frame = pd.concat(frames, ignore_index=True)
    frame["status"] = "synthetic"
    return pa.Table.from_pandas(frame, schema=snapshots.SURVEY, preserve_index=False)


def build(data_dir: Path) -> snapshots.Manifest:
    """Generate the demo snapshot into data_dir/snapshots/demo-v1, and its fictional map into data_dir/boundaries/demo.geojson."""
    catalog = catalog_module.load(data_dir)
    rng = np.random.default_rng(SEED)
    tables = {"observations.parquet": observations(catalog, rng), "survey.parquet": survey(catalog, rng)}
    # the ledger's streets are the snapshot's own regions (the catalog keeps the city and its districts)
    districts = catalog.regions[catalog.regions["parent_code"] == CITY]
    own = demo_ledger.streets(districts)
    tables[snapshots.REGIONS_FILE] = regions_module.to_table(own)
    names = {code: catalog.regions.at[code, "name_zh"] for code in SEATS}
    synthetic.write(data_dir, BOUNDARIES, SEATS, names, SEED)
    from shapely.geometry import shape  # only when building: shapely is the geo importer's

    # the sites stand in their district's fictional shape, so the inspections page can map them
    areas = {code: shape(f["geometry"]) for code, f in boundaries.features(data_dir).items() if code in SEATS}
    tables["inspections.parquet"] = demo_inspections.inspections(own, areas)
    tables["problems.parquet"] = demo_ledger.ledger(own, tables["inspections.parquet"])
    return publishing.publish(data_dir, SNAPSHOT, tables, replace=True)
