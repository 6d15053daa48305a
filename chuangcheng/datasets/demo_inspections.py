"""The demo city's field inspections for 2025 (synthetic): each week two points of every fictional street are
visited and the standards of their type checked (合格 / 不合格 / 严重不合格, 10 points each, deductions for a failure);
some streets keep their points better than others. A generator of its own keeps every other demo file's bytes."""

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from chuangcheng.model import kinds

SEED = 20250102
YEAR = 2025
STANDARDS = {  # point type -> the standards checked there (测评内容), as inspection sheets word them
    "主次干道": ("路面整洁无垃圾", "公益广告不少于5处", "无占道经营"),
    "背街小巷": ("路面整洁无垃圾", "路灯完好", "无乱贴小广告"),
    "农贸市场": ("摊位整齐", "无占道经营", "公示栏规范"),
    "社区": ("宣传栏内容更新", "垃圾分类规范", "志愿服务站开放"),
    "公交站点": ("站台整洁", "公益广告不少于2处", "无乱贴小广告"),
    "学校周边": ("无流动摊贩", "交通秩序良好", "路面整洁无垃圾"),
}
# standard -> its category, as bulletins report lost points (基础设施, 环境卫生, 公共秩序, 宣传氛围)
CATEGORIES = {
    "路面整洁无垃圾": "环境卫生",
    "垃圾分类规范": "环境卫生",
    "站台整洁": "环境卫生",
    "摊位整齐": "公共秩序",
    "无占道经营": "公共秩序",
    "无流动摊贩": "公共秩序",
    "交通秩序良好": "公共秩序",
    "路灯完好": "基础设施",
    "志愿服务站开放": "基础设施",
    "公示栏规范": "宣传氛围",
    "宣传栏内容更新": "宣传氛围",
    "公益广告不少于5处": "宣传氛围",
    "公益广告不少于2处": "宣传氛围",
    "无乱贴小广告": "环境卫生",
}
POINTS_PER_STREET = 4
TEAMS = ("第一督查组", "第二督查组", "第三督查组")


def inspections(street_rows: pd.DataFrame, areas: dict | None = None) -> pa.Table:
    """A year of weekly visits, one row per standard checked, in the stored order; with areas (district code ->
    its fictional shape), each site placed at a point of its district's shape (longitude, latitude)."""
    rng = np.random.default_rng(SEED)
    placing = np.random.default_rng(SEED + 1)  # its own draws: placing the sites changes no result
    rows = []
    types = list(STANDARDS)
    for street in street_rows.itertuples():
        care = rng.uniform(0.72, 0.95)  # how well this street keeps its points
        points = [
            (f"{street.name_zh.removesuffix('街道')}{t}{n}号点", t)
            for n, t in enumerate(rng.choice(types, POINTS_PER_STREET), 1)
        ]
        area = (areas or {}).get(street.parent_code)
        places = {point: inside(area, placing) if area is not None else (None, None) for point, _ in points}
        for week in range(1, 53):
            monday = dt.date.fromisocalendar(YEAR, week, 1)
            for index in rng.choice(len(points), 2, replace=False):
                point, point_type = points[index]
                visited = monday + dt.timedelta(days=int(rng.integers(0, 5)))
                team = str(rng.choice(TEAMS))
                for standard in STANDARDS[str(point_type)]:
                    draw = rng.random()
                    result = "pass" if draw < care else "severe" if draw > 0.985 else "fail"
                    score = 10.0 if result == "pass" else 0.0 if result == "severe" else float(rng.integers(4, 9))
                    rows.append(
                        {
                            "region_code": street.code,
                            "point": point,
                            "point_type": str(point_type),
                            "visited": visited,
                            "standard": standard,
                            "category": CATEGORIES[standard],
                            "result": result,
                            "score": score,
                            "max_score": 10.0,
                            "team": team,
                            "status": "synthetic",
                            "photo": None,
                            "longitude": places[point][0],
                            "latitude": places[point][1],
                            "source": "chuangcheng-demo",
                        }
                    )
    frame = pd.DataFrame(rows).drop_duplicates(list(kinds.INSPECTIONS.key))
    frame = frame.sort_values(list(kinds.INSPECTIONS.key), ignore_index=True)
    return pa.Table.from_pandas(frame, schema=kinds.INSPECTIONS.schema, preserve_index=False)


def inside(area, rng: np.random.Generator) -> tuple[float, float]:
    """A point within a shape, drawn uniformly over its bounds until one falls inside, to five decimals (~1 m)."""
    from shapely.geometry import Point

    minx, miny, maxx, maxy = area.bounds
    while True:
        x, y = round(float(rng.uniform(minx, maxx)), 5), round(float(rng.uniform(miny, maxy)), 5)
        if area.contains(Point(x, y)):
            return x, y
