"""A city-level snapshot like a steward's public panel: eight cities with no province, three statistics and
two context figures over 2008-2017 with gaps; its regions are the snapshot's own (regions.parquet)."""

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from chuangcheng import ROOT
from chuangcheng.model import regions
from chuangcheng.store import publishing, snapshots

CITIES = [  # code, name_zh, name_en, aliases
    ("610100", "西安市", "Xi'an", "Xian;Xian City"),
    ("510100", "成都市", "Chengdu", ""),
    ("420100", "武汉市", "Wuhan", ""),
    ("320100", "南京市", "Nanjing", ""),
    ("330100", "杭州市", "Hangzhou", ""),
    ("370200", "青岛市", "Qingdao", "Tsingtao"),
    ("500000", "重庆市", "Chongqing", "Chongqing Municipality"),
    ("620100", "兰州市", "Lanzhou", ""),
]
INDICATORS = ("gdp", "gdp_per_capita", "built_up_green_coverage", "gdp_growth", "registered_unemployment_rate")
SNAPSHOT = "cities-v1"


def observations() -> pd.DataFrame:
    """Deterministic values; Lanzhou reports only from 2012 and no green coverage at all."""
    generator = np.random.default_rng(7)
    rows = []
    for i, (code, *_rest) in enumerate(CITIES):
        for year in range(2008, 2018):
            if code == "620100" and year < 2012:
                continue
            base = {
                "gdp": 3000 + 900 * i + 250 * (year - 2008),
                "gdp_per_capita": 40000 + 5000 * i + 3000 * (year - 2008),
                "built_up_green_coverage": 36 + i * 0.8 + 0.3 * (year - 2008),
                "gdp_growth": 7 + generator.normal(0, 1.5),
                "registered_unemployment_rate": 3 + generator.uniform(0, 2),
            }
            for indicator, value in base.items():
                if code == "620100" and indicator == "built_up_green_coverage":
                    continue
                rows.append((code, year, indicator, round(float(value), 2), "=", "city-panel", "reported"))
    return pd.DataFrame(rows, columns=["region_code", "year", "indicator", "value", "qualifier", "source", "status"])


def region_table() -> pd.DataFrame:
    return pd.DataFrame(
        [(code, "", "city", zh, en, aliases) for code, zh, en, aliases in CITIES], columns=regions.COLUMNS
    )


def build(data: Path) -> Path:
    """A data folder with the shipped catalog and the city snapshot; the catalog is never written to."""
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    publishing.publish(
        data,
        {
            "id": SNAPSHOT,
            "dataset": "cities",
            "title": "Eight cities 2008-2017",
            "created": "2026-02-01T00:00:00+00:00",
            "built_from": ["tests/cities.py"],
        },
        {
            "observations.parquet": pa.Table.from_pandas(observations(), preserve_index=False),
            "survey.parquet": snapshots.SURVEY.empty_table(),
            "regions.parquet": regions.to_table(region_table()),
        },
    )
    return data
