"""A large city's year of field inspections and its problem ledger, for the benchmark (#25): the demo city's twelve
districts with thirteen fictional streets each (156), eighty points a street visited every week of 2025 with the ten
standards of their type (about 6.5 million results), and 60,000 problems with their lives (generated with numpy in
seconds, never committed). The figures and survey are the demo's, so every page has something to show."""

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from chuangcheng import ROOT
from chuangcheng.datasets import demo
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import kinds
from chuangcheng.model import regions as regions_module
from chuangcheng.store import publishing, snapshots

SEED = 20251231
YEAR = 2025
STREETS_PER_DISTRICT = 13
POINTS_PER_STREET = 80
WEEKS = 52
PROBLEMS = 60_000
SNAPSHOT = {
    "id": "city-v1",
    "dataset": "city",
    "title": "A large city's inspections and ledger (synthetic) · 大城市督查规模（虚构）",
    "created": "2026-01-15T00:00:00+00:00",
    "built_from": ["python -m chuangcheng demo --scale city"],
}
TYPES = ("主次干道", "背街小巷", "农贸市场", "社区", "公交站点", "学校周边", "公共广场", "建筑工地")
CATEGORIES = ("环境卫生", "公共秩序", "基础设施", "宣传氛围", "消防安全")
# ten standards a point type, drawn from twenty (a standard's category is fixed)
STANDARD_POOL = tuple(f"测评标准{n:02d}" for n in range(1, 21))
UNITS = ("街道办事处", "区城管执法局", "区城管委", "区市场监管局", "区住建委")


def streets(districts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for code, district in districts.iterrows():
        short = district["name_zh"].removesuffix("区").removesuffix("县")
        for number in range(1, STREETS_PER_DISTRICT + 1):
            rows.append(
                {
                    "code": f"{code}{number:03d}",
                    "parent_code": code,
                    "level": "street",
                    "name_zh": f"{short}第{number}街道",
                    "name_en": f"{district['name_en']} Street {number}",
                    "aliases": "",
                }
            )
    return pd.DataFrame(rows, columns=regions_module.COLUMNS)


def strings(indices: np.ndarray, values) -> pa.Array:
    """A string column from indices into a few values, without a Python object per row."""
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(list(values), pa.string())).cast(
        pa.string()
    )


def inspections(
    codes: np.ndarray, rng: np.random.Generator, points: int = POINTS_PER_STREET, weeks: int = WEEKS
) -> pa.Table:
    """Every point of every street visited once a week, its type's ten standards checked."""
    n_streets = len(codes)
    standards_of = np.stack([rng.choice(len(STANDARD_POOL), 10, replace=False) for _ in TYPES])  # type -> 10
    category_of = rng.integers(0, len(CATEGORIES), len(STANDARD_POOL))
    point_type = rng.integers(0, len(TYPES), (n_streets, points))
    care = rng.uniform(0.72, 0.97, n_streets)
    street = np.repeat(np.arange(n_streets), weeks * points * 10)
    week = np.tile(np.repeat(np.arange(weeks), points * 10), n_streets)
    point = np.tile(np.repeat(np.arange(points), 10), n_streets * weeks)
    slot = np.tile(np.arange(10), n_streets * weeks * points)
    types = point_type[street, point]
    standard = standards_of[types, slot]
    monday = np.datetime64(dt.date.fromisocalendar(YEAR, 1, 1))
    weekday = rng.integers(0, 5, (n_streets, weeks, points))  # one day a visit, for all its standards
    visited = monday + (week * 7 + weekday[street, week, point]).astype("timedelta64[D]")
    draw = rng.random(len(street))
    result = np.where(draw < care[street], 0, np.where(draw > 0.985, 2, 1))  # pass, fail, severe
    score = np.where(result == 0, 10.0, np.where(result == 2, 0.0, rng.integers(4, 9, len(street)).astype(float)))
    point_names = [f"{c}-{p:02d}号点" for c in codes for p in range(1, points + 1)]
    table = pa.table(
        {
            "region_code": strings(street, codes),
            "point": strings(street * points + point, point_names),
            "point_type": strings(types, TYPES),
            "visited": pa.array(visited.astype("datetime64[D]"), pa.date32()),
            "standard": strings(standard, STANDARD_POOL),
            "result": strings(result, ("pass", "fail", "severe")),
            "score": pa.array(score),
            "max_score": pa.array(np.full(len(street), 10.0)),
            "team": strings(rng.integers(0, 3, len(street)), ("第一督查组", "第二督查组", "第三督查组")),
            "status": strings(np.zeros(len(street), int), ("synthetic",)),
            "category": strings(category_of[standard], CATEGORIES),
        }
    )
    return kinds.INSPECTIONS.conformed(table)


def ledger(codes: np.ndarray, rng: np.random.Generator, problems: int = PROBLEMS) -> pa.Table:
    """60,000 problems found over the year, each assigned, most rectified (on time or late) and verified, some sent
    back and rectified again, some found again after closing, some still open."""
    n = problems
    found = np.datetime64(f"{YEAR}-01-01") + rng.integers(0, 360, n).astype("timedelta64[D]")
    span = rng.choice(np.array([3, 5, 7, 10]), n)
    deadline = found + span.astype("timedelta64[D]")
    draw = rng.random(n)
    rectified = found + np.where(draw < 0.75, rng.integers(1, span + 1), span + rng.integers(1, 13, n)).astype(
        "timedelta64[D]"
    )
    open_ = draw > 0.95
    returned = ~open_ & (rng.random(n) < 0.08)
    again = rectified + rng.integers(1, 4, n).astype("timedelta64[D]")
    second = again + rng.integers(1, 6, n).astype("timedelta64[D]")
    last_rectified = np.where(returned, second, rectified)
    verified = last_rectified + rng.integers(1, 5, n).astype("timedelta64[D]")
    reopened = ~open_ & (rng.random(n) < 0.04)
    reopen_on = verified + rng.integers(7, 31, n).astype("timedelta64[D]")
    fixed_again = reopen_on + rng.integers(1, 6, n).astype("timedelta64[D]")
    ids = np.arange(n)
    pieces = [
        (ids, "assigned", found),
        (ids[~open_], "rectified", rectified[~open_]),
        (ids[returned], "returned", again[returned]),
        (ids[returned], "rectified", second[returned]),
        (ids[~open_], "verified", verified[~open_]),
        (ids[reopened], "reopened", reopen_on[reopened]),
        (ids[reopened], "rectified", fixed_again[reopened]),
    ]
    events = pd.concat(
        [pd.DataFrame({"problem": i, "event": e, "event_date": d}) for i, e, d in pieces], ignore_index=True
    )
    events = events[events["event_date"] <= np.datetime64(f"{YEAR}-12-31")]
    street = rng.integers(0, len(codes), n)
    category = rng.integers(0, len(CATEGORIES), n)
    point_type = rng.integers(0, len(TYPES), n)
    p = events["problem"].to_numpy()
    frame = pd.DataFrame(
        {
            "problem_id": np.char.add("CS2025-", np.char.zfill(p.astype(str), 6)),
            "region_code": codes[street[p]],
            "point": np.char.add(codes[street[p]].astype(str), np.char.add("-", rng.integers(1, 81, n)[p].astype(str))),
            "point_type": np.array(TYPES)[point_type[p]],
            "category": np.array(CATEGORIES)[category[p]],
            "responsible": np.array(UNITS)[category[p] % len(UNITS)],
            "description": np.array(CATEGORIES)[category[p]],
            "found": found[p].astype("datetime64[D]"),
            "deadline": deadline[p].astype("datetime64[D]"),
            "event": events["event"].to_numpy(),
            "event_date": events["event_date"].to_numpy().astype("datetime64[D]"),
            "status": "synthetic",
        }
    )
    frame = frame.sort_values(list(kinds.PROBLEMS.key), ignore_index=True)
    for column in ("found", "deadline", "event_date"):
        frame[column] = frame[column].dt.date
    return kinds.PROBLEMS.conformed(pa.Table.from_pandas(frame, preserve_index=False))


def tables(out: Path) -> tuple[dict, dict]:
    """The shipped catalog copied into out, and the snapshot's meta and tables, made but not published."""
    out = Path(out)
    shutil.copytree(ROOT / "data" / "catalog", out / "catalog", dirs_exist_ok=True)
    catalog = catalog_module.load(out)
    rng = np.random.default_rng(SEED)
    districts = catalog.regions[catalog.regions["parent_code"] == demo.CITY]
    own = streets(districts)
    codes = own["code"].to_numpy()
    demo_rng = np.random.default_rng(demo.SEED)
    made = {
        "observations.parquet": demo.observations(catalog, demo_rng),
        "survey.parquet": demo.survey(catalog, demo_rng),
        snapshots.REGIONS_FILE: regions_module.to_table(own),
        "inspections.parquet": inspections(codes, rng),
        "problems.parquet": ledger(codes, rng),
    }
    return SNAPSHOT, made


def build(out: Path) -> snapshots.Manifest:
    """A data folder (the shipped catalog) with the city-scale snapshot in it."""
    meta, made = tables(out)
    return publishing.publish(Path(out), meta, made, replace=True)
