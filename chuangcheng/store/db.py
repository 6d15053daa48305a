"""The only module that imports duckdb: one read-only DuckDB per snapshot that runs queries/*.sql."""

import re
import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from chuangcheng import QUERIES
from chuangcheng import settings
from chuangcheng.errors import DamagedSnapshot, QueryError
from chuangcheng.model import kinds, regions
from chuangcheng.model.catalog import Catalog
from chuangcheng.store import derive, integrity
from chuangcheng.store.snapshots import REGIONS_FILE, Manifest

CATALOG_TABLES = ("aspects", "indicators", "scales", "sources")
GLOB = re.compile(r"[*?\[\]{}]")
# pyarrow checks each page against the CRC written at publish (snapshots.write_parquet): a rotten page fails to read.
CHECKED_PARQUET = ds.ParquetFileFormat(
    default_fragment_scan_options=ds.ParquetFragmentScanOptions(page_checksum_verification=True)
)


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def connect(threads: int | None, memory_limit: str | None) -> duckdb.DuckDBPyConnection:
    """A connection with the period macros defined (queries/macros/periods.sql), as every question may use them."""
    con = duckdb.connect(
        config={
            "threads": threads or int(settings.get("duckdb_threads")),
            "memory_limit": memory_limit or settings.get("duckdb_memory_limit"),
        }
    )
    con.execute(sql_text("macros/periods"))
    return con


def lock(con: duckdb.DuckDBPyConnection, readable: list[Path] = ()) -> None:
    """No file access from here on but to the given files, and no query may switch it back on. DuckDB's
    allowed_paths does not tell reading from writing: the questions never write (tests/test_db.py holds
    them to it), and a derived file changed anyway is caught by its checksum at the next open."""
    if readable:
        con.execute("set allowed_paths = ?", [[str(path) for path in readable]])
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")


def scoring_settings() -> pd.DataFrame:
    """The settings scoring reads, as a one-row table the derived SQL joins (never formatted into SQL)."""
    return pd.DataFrame(
        {
            "min_coverage": [float(settings.get("min_coverage"))],
            "min_peers": [int(settings.get("min_peers"))],
        }
    )


class Database:
    """A snapshot opened for reading. DuckDB's file access is switched off and locked: the only files a
    query can reach are the snapshot's derived tables, read by DuckDB's own Parquet reader (it skips the
    row groups a filter rules out and reads in parallel: a region's questions 3-4x faster than through
    pyarrow); raw files, read only when the derived ones are not current, reach it through pyarrow datasets."""

    def __init__(
        self,
        manifest: Manifest,
        catalog: Catalog,
        threads: int | None = None,
        memory_limit: str | None = None,
        derived: bool = True,
        verify: bool = True,
    ):
        """No number from a file that differs from its manifest (publishing, which just wrote them, skips the check):
        the files are hashed in the background while DuckDB is set up and the views made (reading footers only),
        and checked before the snapshot is handed out."""
        self.manifest, self.catalog, self.verify = manifest, catalog, verify
        self.files = {
            **integrity.raw_files(manifest),
            **integrity.derived_files(manifest),
        }  # until it is known which are read
        waited = integrity.hash_ahead(manifest) if verify else (lambda: None)
        # The catalog's reviewed regions with the snapshot's own laid over them: regions belong to the data.
        self.regions = regions.merged(catalog.regions, regions.read(manifest.file(REGIONS_FILE)))
        self._answers: dict[str, pd.DataFrame] = {}
        self._peered: dict[str, "Peered"] = {}
        self._peering = threading.Lock()
        self.peers = "parent"
        self.scoring = scoring_settings().iloc[0].to_dict()
        self._con = connect(threads, memory_limit)
        try:
            # Read the derived tables written at publish when they are current; else compute them here and say so.
            why_not = derive.why_not_listed(manifest, manifest.data_dir) if derived else None
            readable = self.register_published() if derived and why_not is None else None
            waited()
            if verify:
                integrity.check(manifest)
            if readable is not None and not integrity.derived_sound(manifest):
                why_not, readable = "derived_damaged", None
                self._con.close()
                self._con = connect(threads, memory_limit)
        except (duckdb.Error, pa.ArrowException) as error:  # a footer that cannot be decoded is damage, not a traceback
            waited()
            self._con.close()
            raise self.why_it_failed("open", {}, error) from error
        except BaseException:
            waited()
            self._con.close()
            raise
        self.notice = why_not
        from_files = readable is not None
        # The files answers read, checked before each one (a stat each while nothing changed): the raw files
        # always (they decide whether the snapshot may be served), the derived files when they are read.
        self.files = {**integrity.raw_files(manifest), **(integrity.derived_files(manifest) if from_files else {})}
        if from_files:
            lock(self._con, readable)
        else:
            self.compute_derived()
            lock(self._con)

    def register_published(self) -> list[Path]:
        """Views over the derived files, and the one catalog table a question joins: nothing is read yet
        but the files' footers. Returns the files DuckDB reads itself."""
        self._con.from_df(self.catalog.indicators.reset_index()).to_table("indicators")
        paths = [(self.manifest.path / derive.FOLDER / f"{table}.parquet").resolve() for table in derive.TABLES]
        if any(GLOB.search(str(path)) for path in paths):
            # DuckDB takes * ? [ in a path as a pattern (a folder "c[x]" would read "cx"); pyarrow takes it literally
            for table, path in zip(derive.TABLES, paths):
                self._con.from_arrow(ds.dataset(path, format=CHECKED_PARQUET)).create_view(table)
            return []
        view = sql_text("open/published_view")  # its first lines are comments: each statement ends its own
        quoted = [str(path).replace("'", "''") for path in paths]
        self._con.execute(";\n".join(view.format(table=t, path=p) for t, p in zip(derive.TABLES, quoted)))
        return paths

    def compute_derived(self) -> None:
        """The raw files, the catalog and the settings, and the derived tables computed from them in memory
        (publishing does this once; a snapshot without current derived files does it at every open)."""
        for kind in kinds.KINDS:  # the stored schema: a column an older snapshot lacks reads as nulls
            if kind.file in self.manifest.checksums:
                rows = ds.dataset(self.manifest.file(kind.file), format=CHECKED_PARQUET, schema=kind.schema)
            else:  # a kind newer than the snapshot: none of its rows
                rows = kind.schema.empty_table()
            self._con.from_arrow(rows).create_view(kind.table_name)
        for table in CATALOG_TABLES:
            self._con.from_df(getattr(self.catalog, table).reset_index()).to_table(table)
        self._con.from_df(self.regions.reset_index()).to_table("regions")
        self._con.from_df(scoring_settings()).to_table("scoring_settings")
        for table in derive.TABLES:
            self._con.execute(sql_text(f"derived/{table}"))

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run queries/<name>.sql with bound parameters, on a cursor of its own (safe across threads)."""
        return self.answer(name, params, lambda result: result.df())

    def many_rows(self, name: str, **params) -> pd.DataFrame:
        """query() for an answer of many rows: through Arrow, 60,000 rows in half the time .df() takes. The
        question keeps to types both ways give alike (no DECIMAL, which Arrow leaves as Python decimals)."""
        return self.answer(name, params, lambda result: result.to_arrow_table().to_pandas())

    def answer(self, name: str, params: dict, fetch, text: str | None = None) -> pd.DataFrame:
        """queries/<name>.sql (or the text given: the same question read against a peer scheme's tables) answered."""
        self.guard()
        cursor = self._con.cursor()
        try:
            return fetch(cursor.sql(text or sql_text(name), params=params))
        except (duckdb.Error, pa.ArrowException) as error:
            raise self.why_it_failed(name, params, error) from error
        finally:
            cursor.close()

    def guard(self) -> None:
        """Before an answer: every file it may read is as it was checked (a stat each), else hashed again now;
        DamagedSnapshot when one differs from the manifest. Opened from files just checked (verify=False:
        publishing), there is nothing to guard."""
        if self.verify:
            integrity.check(self.manifest, files=self.files)

    def why_it_failed(self, name: str, params: dict, error: Exception) -> Exception:
        """A file that cannot be decoded (a rotten page) is a damaged snapshot, never a 400 naming the file; the
        files are hashed again to say which. Anything else is the question's own failure."""
        unreadable = (
            duckdb.IOException,
            duckdb.InvalidInputException,
            duckdb.SerializationException,
            pa.ArrowException,
        )
        if not (
            isinstance(error, unreadable) or type(error) is duckdb.Error
        ):  # a bare Error: Thrift could not decode a page
            return QueryError(name, params, error)
        try:
            integrity.check(self.manifest, full=True, files=self.files)
        except DamagedSnapshot as damage:
            return damage
        integrity.found_damage()
        return DamagedSnapshot(self.manifest.id, "damaged_unreadable")

    def once(self, name: str) -> pd.DataFrame:
        """A question without parameters, answered once per opened snapshot (it never changes)."""
        if name not in self._answers:
            self._answers[name] = self.query(name)
        return self._answers[name]

    def table(self, name: str):
        """A whole table or view as Arrow (for comparing two snapshots in one place)."""
        cursor = self._con.cursor()
        try:
            return cursor.table(name).to_arrow_table()
        finally:
            cursor.close()

    def close(self) -> None:
        self._con.close()

    @property
    def own_regions(self) -> pd.DataFrame:
        """The regions as the snapshot places them (a peer scheme's regions hang from their group instead)."""
        return self.regions

    def for_peers(self, scheme: str | None) -> "Database":
        """This snapshot with its regions compared with other peers (catalog.peer_schemes(): every region of the
        level, or a named group), or itself for the default (the regions of the same level under the same parent).
        Scores and ranks of a scheme are derived once per opened snapshot, when first asked."""
        if not scheme or scheme == "parent" or scheme not in self.catalog.peer_schemes():
            return self
        with self._peering:
            if scheme not in self._peered:
                self._peered[scheme] = Peered(self, scheme)
        return self._peered[scheme]


def figures(db: Database) -> pa.Table:
    """region_code, year, period ('' for a year's figure), indicator, value of every figure of a snapshot."""
    columns = ["region_code", "year", "period", "indicator", "value"]
    yearly = db.table("indicator_values")
    yearly = yearly.append_column("period", pa.array([""] * yearly.num_rows, pa.string())).select(columns)
    finer = db.table("period_values").select(columns)
    return pa.concat_tables([yearly, finer.cast(yearly.schema)])


# The derived tables whose numbers depend on who a region's peers are (city_average standards, ranks), and the two
# every scope question filters by parent and level: a peer scheme has its own of each, in a schema of its own.
PEER_TABLES = ("attainment", "aspect_scores", "overall_scores", "region_years")
PEER_READ = re.compile(r"\b(from|join)\s+(" + "|".join(("indicator_values", *PEER_TABLES)) + r")\b", re.IGNORECASE)


class Peered:
    """An opened snapshot seen with another peer scheme: a region's parent_code and level are its peer group's
    (every region of a level under '', or a named group's members under the group's id at the group's level), and
    attainment, scores and ranks are derived anew over those groups in a schema of the scheme's own. Every question
    reads the scheme's tables: the same SQL files, answered against other peers. Anything else is the snapshot's."""

    def __init__(self, db: Database, scheme: str):
        self._db, self.peers = db, scheme
        self._schema = f"peers_{db.catalog.peer_schemes().index(scheme)}"  # never text from a request
        self._answers: dict[str, pd.DataFrame] = {}
        keys = self.peer_keys()
        self.regions = db.regions.copy()
        self.regions.loc[keys["region_code"], ["parent_code", "level"]] = keys[["parent_code", "level"]].to_numpy()
        if scheme in db.catalog.peer_groups.index:  # the group stands as its members' parent: named as a region is
            group = db.catalog.peer_groups.loc[scheme]
            self.regions.loc[scheme, ["parent_code", "level", "name_zh", "name_en", "aliases"]] = [
                "",
                "",
                group["name_zh"],
                group["name_en"],
                "",
            ]
        cursor = db._con.cursor()
        try:
            cursor.execute(f"create schema {self._schema}")
            cursor.execute(f"use {self._schema}")
            cursor.from_df(keys).to_table("peer_keys")
            cursor.from_df(db.catalog.indicators.reset_index()).to_table("indicators")
            cursor.from_df(scoring_settings()).to_table("scoring_settings")
            cursor.execute(sql_text("peers/indicator_values"))
            for table in PEER_TABLES:
                cursor.execute(sql_text(f"derived/{table}"))
        finally:
            cursor.close()

    def peer_keys(self) -> pd.DataFrame:
        """region_code, parent_code (the group's key), level of every region this scheme compares."""
        known = self._db.regions
        if self.peers == "level":
            return pd.DataFrame({"region_code": known.index, "parent_code": "", "level": known["level"].to_numpy()})
        group = self._db.catalog.peer_groups.loc[self.peers]
        members = [code for code in group["codes"] if code in known.index]
        return pd.DataFrame({"region_code": members, "parent_code": self.peers, "level": group["level"]})

    def answer(self, name: str, params: dict, fetch) -> pd.DataFrame:
        """The snapshot's answer to the question with its peer-dependent tables read from this scheme's schema."""
        text = PEER_READ.sub(lambda m: f"{m.group(1)} {self._schema}.{m.group(2)}", sql_text(name))
        return self._db.answer(name, params, fetch, text)

    query, many_rows, once = (
        Database.query,
        Database.many_rows,
        Database.once,
    )  # through answer() above; answers of its own

    @property
    def own_regions(self) -> pd.DataFrame:
        return self._db.regions

    def for_peers(self, scheme: str | None) -> "Database":
        return self._db.for_peers(scheme)

    def table(self, name: str):
        """A whole table as Arrow: the scheme's own where it has one."""
        cursor = self._db._con.cursor()
        try:
            return cursor.table(
                f"{self._schema}.{name}" if name in (*PEER_TABLES, "indicator_values") else name
            ).to_arrow_table()
        finally:
            cursor.close()

    def __getattr__(self, name: str):
        return getattr(self._db, name)  # manifest, catalog, notice, guard, close ...: the snapshot's own


class Comparison:
    """Two opened snapshots side by side: `before` and `after` hold each one's figures, a year's (period '') and
    those finer than a year (a month's revised in a later release is a change too); `before_problems` and
    `after_problems` each one's ledger events."""

    def __init__(self, before: Database, after: Database, threads: int | None = None, memory_limit: str | None = None):
        self._con = connect(threads, memory_limit)
        self._con.from_arrow(figures(before)).to_table("before")
        self._con.from_arrow(figures(after)).to_table("after")
        self._con.execute(sql_text("derived/changes"))
        # the two ledgers' events, for what happened to the problems between them (snapshot_ledger_changes)
        self._con.from_arrow(before.table("problem_events")).to_table("before_problems")
        self._con.from_arrow(after.table("problem_events")).to_table("after_problems")
        lock(self._con)

    query = Database.query

    def answer(self, name: str, params: dict, fetch) -> pd.DataFrame:
        cursor = self._con.cursor()
        try:
            return fetch(cursor.sql(sql_text(name), params=params))
        except duckdb.Error as error:
            raise QueryError(name, params, error) from error
        finally:
            cursor.close()

    def close(self) -> None:
        self._con.close()
