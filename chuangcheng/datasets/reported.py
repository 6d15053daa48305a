"""The reported snapshot: figures from real campaign documents, with their sources and qualifiers."""

from pathlib import Path

import pandas as pd
import pyarrow as pa

from chuangcheng.model import kinds
from chuangcheng.store import publishing, snapshots

SEED_FACTS = "sources/seed-facts.csv"
SNAPSHOT = {
    "id": "reported-v1",
    "dataset": "reported",
    "title": "Reported figures from campaign documents · 创建工作文件中的公开数据",
    "created": "2026-01-15T00:00:00+00:00",
    "built_from": [SEED_FACTS],
}


def facts(data_dir: Path) -> pd.DataFrame:
    """The seed facts that are observations of a known region (targets and unplaced figures stay out)."""
    seed = pd.read_csv(Path(data_dir) / SEED_FACTS, dtype=str, keep_default_na=False)
    rows = seed[(seed["kind"] == "observation") & (seed["region_code"] != "") & (seed["year"] != "")]
    return pd.DataFrame(
        {
            "region_code": rows["region_code"],
            "year": rows["year"].astype("int32"),
            "indicator": rows["indicator"],
            "value": rows["value"].astype(float),
            "qualifier": rows["qualifier"].replace("", "="),
            "source": rows["source_doc"],
            "status": "reported",
            "note": rows["note"].replace("", None),
        }
    ).sort_values(["region_code", "indicator", "year"], ignore_index=True)


def build(data_dir: Path) -> snapshots.Manifest:
    """Write the reported snapshot into data_dir/snapshots/reported-v1 (it has no survey microdata)."""
    frame = facts(data_dir)
    tables = {
        "observations.parquet": pa.Table.from_pandas(
            frame, schema=kinds.FIGURES.schema_of(frame.columns), preserve_index=False
        ),
        "survey.parquet": snapshots.SURVEY.empty_table(),
    }
    return publishing.publish(data_dir, SNAPSHOT, tables, replace=True)
