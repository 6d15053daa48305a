"""Ingest: load files, validate every row, and publish a new snapshot only when nothing is wrong."""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa

from chuangcheng.model import catalog as catalog_module
from chuangcheng import settings
from chuangcheng.store import snapshots
from chuangcheng.errors import Problem
from chuangcheng.i18n import t
from chuangcheng.ingest.mapping import Mapping
from chuangcheng.ingest.read import load
from chuangcheng.ingest.validate import check

SNAPSHOT_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
OBSERVATION_KEY = ["region_code", "indicator", "year"]  # also the order rows are stored in
SURVEY_KEY = ["region_code", "year", "respondent_id", "question"]


@dataclass
class Result:
    """Every problem found, the rows that would be (or were) published, and the new snapshot if any."""

    problems: list[Problem] = field(default_factory=list)
    observations: pd.DataFrame = field(default_factory=pd.DataFrame)
    survey: pd.DataFrame = field(default_factory=pd.DataFrame)
    manifest: snapshots.Manifest | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Request:
    """What the steward asked for: files, the new snapshot's id and title, and how to read the files."""

    files: list[Path]
    snapshot: str
    title: str = ""
    dataset: str = ""
    base: str | None = None
    mapping: Path | None = None
    regions: Path | None = None
    lang: str = "en"


def ingest(request: Request, data_dir: Path, publish: bool = True) -> Result:
    """Load -> validate -> write. Nothing is written unless every file passes every check."""
    catalog, problems = catalog_with_regions(data_dir, request)
    problems += snapshot_id_problems(data_dir, request)
    loaded = []
    limit = int(float(settings.get("max_ingest_mb")) * 2**20)
    for path in request.files:
        found, more = load(Path(path), limit, request.lang)
        problems += more
        loaded += [found] if found else []
    checked = check(loaded, catalog, Mapping.read(request.mapping), request.lang)
    result = Result(problems + checked.problems, tidy(checked.observations, OBSERVATION_KEY), tidy(checked.survey, SURVEY_KEY))
    if not result.ok or not publish:
        return result
    result = laid_over_base(data_dir, request, result)
    if request.regions:
        save_regions(data_dir, catalog)
    result.manifest = snapshots.publish(data_dir, meta(request, data_dir), tables(result))
    return result


def catalog_with_regions(data_dir: Path, request: Request) -> tuple[catalog_module.Catalog, list[Problem]]:
    """The catalog, with the regions file's new regions added when it passes the catalog's own checks."""
    catalog = catalog_module.load(data_dir)
    if not request.regions:
        return catalog, []
    new = catalog_module.read_csv(Path(request.regions))
    combined = pd.concat([catalog.regions.reset_index(), new], ignore_index=True)
    problems = [replace(p, file=Path(request.regions).name, row=p.row - len(catalog.regions) if p.row else None)
                for p in catalog_module.check_regions(combined) if p.row is None or p.row > len(catalog.regions) + 1]
    if problems:
        return catalog, problems
    return replace(catalog, regions=combined.set_index("code")), []


def save_regions(data_dir: Path, catalog: catalog_module.Catalog) -> None:
    """Write the grown regions file beside the old one, then rename it into place."""
    path = Path(data_dir) / "catalog" / "regions.csv"
    staging = path.with_name(".regions.csv.new")
    catalog.regions.reset_index().to_csv(staging, index=False, encoding="utf-8", lineterminator="\n")
    staging.replace(path)


def snapshot_id_problems(data_dir: Path, request: Request) -> list[Problem]:
    if not SNAPSHOT_ID.match(request.snapshot):
        return [Problem("--snapshot", None, None, t("problem_snapshot_id", request.lang, value=request.snapshot))]
    if (snapshots.folder(data_dir) / request.snapshot).exists():
        return [Problem("--snapshot", None, None, t("problem_snapshot_exists", request.lang, value=request.snapshot))]
    if request.base and request.base not in {m.id for m in snapshots.list_all(data_dir)}:
        return [Problem("--base", None, None, t("error_snapshot_not_found", request.lang, snapshot=request.base))]
    return []


def tidy(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """One row per key (identical repeats across files kept once), in the order snapshots are stored."""
    if frame.empty:
        return frame
    return frame.drop_duplicates(key).sort_values(key, ignore_index=True)


def laid_over_base(data_dir: Path, request: Request, result: Result) -> Result:
    """Start from the base snapshot and lay the new rows over it: a half-year update brings only new rows."""
    if not request.base:
        return result
    folder = snapshots.find(data_dir, request.base).path
    merged = {}
    for name, key, new in (("observations", OBSERVATION_KEY, result.observations), ("survey", SURVEY_KEY, result.survey)):
        old = pd.read_parquet(folder / f"{name}.parquet")
        if not new.empty:
            old = old.merge(new[key], on=key, how="left", indicator=True)
            old = old[old["_merge"] == "left_only"].drop(columns="_merge")
        merged[name] = tidy(pd.concat([old, new], ignore_index=True), key)
    return Result(result.problems, merged["observations"], merged["survey"])


def tables(result: Result) -> dict[str, pa.Table]:
    out = {}
    for name, frame, schema in (("observations.parquet", result.observations, snapshots.OBSERVATIONS),
                                ("survey.parquet", result.survey, snapshots.SURVEY)):
        columns = [f.name for f in schema]
        out[name] = schema.empty_table() if frame.empty else pa.Table.from_pandas(frame[columns], schema=schema, preserve_index=False)
    return out


def meta(request: Request, data_dir: Path) -> dict:
    dataset = request.dataset or (snapshots.find(data_dir, request.base).dataset if request.base else request.snapshot)
    built = [f"{Path(p).name} sha256:{snapshots.sha256(Path(p))}" for p in request.files]
    return {
        "id": request.snapshot, "dataset": dataset, "title": request.title or request.snapshot,
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "built_from": built + ([f"base snapshot {request.base}"] if request.base else []),
    }
