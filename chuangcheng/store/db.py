"""The only module that imports duckdb: one read-only DuckDB per snapshot that runs queries/*.sql."""

from functools import lru_cache

import duckdb
import pandas as pd
import pyarrow.dataset as ds

from chuangcheng import QUERIES
from chuangcheng.model.catalog import Catalog
from chuangcheng.errors import QueryError
from chuangcheng.store.snapshots import FILES, Manifest

# Views built on the snapshot and the catalog, in the order they depend on each other.
VIEWS = ("survey_rates", "indicator_values", "attainment", "aspect_scores", "overall_scores")
CATALOG_TABLES = {"aspects": "code", "indicators": "code", "scales": ["scale", "answer"], "regions": "code", "sources": "source"}


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


class Database:
    """A snapshot opened for reading: Parquet reaches DuckDB only through pyarrow datasets, and DuckDB's
    own file access is switched off and locked, so no query can read or write any file."""

    def __init__(self, manifest: Manifest, catalog: Catalog, threads: int = 2, memory_limit: str = "512MB"):
        self.manifest = manifest
        self.catalog = catalog
        self._con = duckdb.connect(config={"threads": threads, "memory_limit": memory_limit})
        for name in FILES:
            self._con.from_arrow(ds.dataset(manifest.file(name), format="parquet")).create_view(name.removesuffix(".parquet"))
        for table, key in CATALOG_TABLES.items():
            self._con.from_df(getattr(catalog, table).reset_index()).to_table(table)
        for view in VIEWS:
            self._con.execute(sql_text(f"views/{view}"))
        self._con.execute("set enable_external_access = false")
        self._con.execute("set lock_configuration = true")

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run queries/<name>.sql with bound parameters, on a cursor of its own (safe across threads)."""
        cursor = self._con.cursor()
        try:
            return cursor.execute(sql_text(name), params).df()
        except duckdb.Error as error:
            raise QueryError(name, params, error) from error
        finally:
            cursor.close()

    def table(self, name: str):
        """A whole table or view as Arrow (for comparing two snapshots in one place)."""
        cursor = self._con.cursor()
        try:
            return cursor.table(name).to_arrow_table()
        finally:
            cursor.close()

    def close(self) -> None:
        self._con.close()


class Comparison:
    """Two opened snapshots side by side: `before` and `after` hold each one's indicator_values."""

    def __init__(self, before: Database, after: Database, threads: int = 2, memory_limit: str = "512MB"):
        self._con = duckdb.connect(config={"threads": threads, "memory_limit": memory_limit})
        self._con.from_arrow(before.table("indicator_values")).to_table("before")
        self._con.from_arrow(after.table("indicator_values")).to_table("after")
        self._con.execute(sql_text("views/changes"))
        self._con.execute("set enable_external_access = false")
        self._con.execute("set lock_configuration = true")

    query = Database.query

    def close(self) -> None:
        self._con.close()
