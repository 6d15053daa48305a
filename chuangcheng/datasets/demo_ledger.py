"""The demo city's problem ledger for 2025 (synthetic): three fictional streets a district, the standards their weekly
inspections failed (datasets/demo_inspections.py) found as problems at their points, assigned to a responsible unit
with a deadline, and their lives — most rectified and closed
within the deadline, some late, some sent back and rectified again, some still open at the year's end. Drawn from
a generator of its own (the demo's figures keep their bytes), so the ledger is byte-reproducible."""

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from chuangcheng.model import kinds, regions

SEED = 20250101
YEAR = 2025
LEDGER_END = dt.date(2025, 12, 31)
SIDES = (("东", "East"), ("西", "West"), ("北", "North"))  # a district's three streets
UNITS = {
    "环境卫生": "街道办事处",
    "公共秩序": "区城管执法局",
    "基础设施": "区城管委",
    "宣传氛围": "街道办事处",
}
DEADLINE_DAYS = np.array([3, 5, 7, 10])


def streets(districts: pd.DataFrame) -> pd.DataFrame:
    """Each district's three fictional streets (990102001 栖云东街道 Qiyun East Subdistrict), as a regions file."""
    rows = []
    for code, district in districts.iterrows():
        short_zh = district["name_zh"].removesuffix("区").removesuffix("县")
        short_en = district["name_en"].removesuffix(" District").removesuffix(" County")
        for number, (side_zh, side_en) in enumerate(SIDES, start=1):
            rows.append(
                {
                    "code": f"{code}{number:03d}",
                    "parent_code": code,
                    "level": "street",
                    "name_zh": f"{short_zh}{side_zh}街道",
                    "name_en": f"{short_en} {side_en} Subdistrict",
                    "aliases": "",
                }
            )
    return pd.DataFrame(rows, columns=regions.COLUMNS)


def ledger(street_rows: pd.DataFrame, inspections: pa.Table) -> pa.Table:
    """The year's problems, one row per event of each (model/ledger.py), in the stored order: every standard an
    inspection failed is a problem found at its point that day, of the standard's category, assigned to the unit
    that answers for it — as offices turn a visit's failures into the ledger (a severe failure has three days)."""
    rng = np.random.default_rng(SEED)
    results = inspections.to_pandas()
    failed = results[results["result"].isin(["fail", "severe"])].sort_values(["visited", "region_code", "point"])
    events = []
    for number, row in enumerate(failed.itertuples(), start=1):
        found = row.visited
        days = 3 if row.result == "severe" else int(rng.choice(DEADLINE_DAYS))
        deadline = found + dt.timedelta(days=days)
        shared = {
            "region_code": row.region_code,
            "problem_id": f"XL{YEAR}-{number:05d}",
            "point": row.point,
            "point_type": row.point_type,
            "category": row.category,
            "responsible": UNITS[row.category],
            "description": f"{row.standard}：{'严重不合格' if row.result == 'severe' else '不合格'}",
            "found": found,
            "deadline": deadline,
        }
        events += [{**shared, "event": e, "event_date": d} for e, d in life(found, deadline, rng)]
    frame = pd.DataFrame(events)
    frame = frame[frame["event_date"] <= LEDGER_END]
    frame = frame.assign(status="synthetic", source="chuangcheng-demo")
    frame = frame.sort_values(list(kinds.PROBLEMS.key), ignore_index=True)
    return pa.Table.from_pandas(frame, schema=kinds.PROBLEMS.schema, preserve_index=False)


def life(found: dt.date, deadline: dt.date, rng: np.random.Generator) -> list[tuple[str, dt.date]]:
    """Assigned; rectified within the deadline (about 75%), late (about 20%) or not yet; verified a few days after,
    or sent back (about 8%) and rectified again; a few found again after they were closed (about 4%)."""
    days = lambda low, high: dt.timedelta(days=int(rng.integers(low, high + 1)))  # noqa: E731
    span = (deadline - found).days
    events = [("assigned", found)]
    draw = rng.random()
    if draw > 0.95:
        return events  # still open
    rectified = found + (days(1, span) if draw < 0.75 else days(span + 1, span + 12))
    events.append(("rectified", rectified))
    if rng.random() < 0.08:
        returned = rectified + days(1, 3)
        events += [("returned", returned), ("rectified", returned + days(1, 5))]
    events.append(("verified", events[-1][1] + days(1, 4)))
    if rng.random() < 0.04:  # found again at its point after it was closed, and rectified again
        again = events[-1][1] + days(7, 30)
        events += [("reopened", again), ("rectified", again + days(1, 5))]
    return events
