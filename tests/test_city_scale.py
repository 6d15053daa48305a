"""The benchmark's large city (#25): its generated results and ledger are what the kinds accept — unique keys, the
stored schema, lives in order — so `bench --scale city` measures data a real office could have published."""

import numpy as np
import pandas as pd

from chuangcheng.datasets import city_scale
from chuangcheng.model import kinds

CODES = np.array(["990102001", "990102002", "990103001"])


def test_every_point_is_visited_once_a_week_with_its_types_ten_standards():
    table = city_scale.inspections(CODES, np.random.default_rng(1), points=4, weeks=3)
    assert table.schema == kinds.INSPECTIONS.conformed(table).schema
    frame = table.to_pandas()
    assert len(frame) == 3 * 4 * 3 * 10
    assert not frame.duplicated(list(kinds.INSPECTIONS.key)).any()
    visits = frame.groupby(["region_code", "point", "visited"])["standard"].nunique()
    assert (visits == 10).all()
    assert set(frame["result"]) <= {"pass", "fail", "severe"} and (frame["score"] <= frame["max_score"]).all()
    assert frame.groupby("standard")["category"].nunique().max() == 1  # a standard is about one thing


def test_each_problems_life_runs_forward_within_the_year():
    frame = city_scale.ledger(CODES, np.random.default_rng(2), problems=500).to_pandas()
    assert frame["problem_id"].nunique() == 500
    assert not frame.duplicated(list(kinds.PROBLEMS.key)).any()
    order = {"assigned": 0, "rectified": 1, "returned": 2, "verified": 3, "reopened": 4}
    for _, life in frame.groupby("problem_id"):
        days = pd.to_datetime(life["event_date"])
        assert life.iloc[days.argmin()]["event"] == "assigned" and days.min() == pd.Timestamp(life["found"].iloc[0])
        assert days.max() <= pd.Timestamp("2025-12-31")
        assert set(life["event"]) <= set(order)
    assert (pd.to_datetime(frame["deadline"]) > pd.to_datetime(frame["found"])).all()
