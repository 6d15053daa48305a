"""Ingest: load files, validate every row, and publish a new snapshot only when nothing is wrong."""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa

from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import regions as regions_module
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
    """Every problem found, what would be (or was) published, the warnings to read first, the new snapshot."""

    problems: list[Problem] = field(default_factory=list)
    observations: pd.DataFrame = field(default_factory=pd.DataFrame)
    survey: pd.DataFrame = field(default_factory=pd.DataFrame)
    manifest: snapshots.Manifest | None = None
    warnings: list[Problem] = field(default_factory=list)
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)  # values of the base this would change: key, before, after
    regions: pd.DataFrame | None = None  # the snapshot's own regions (base's and the regions file's), if any

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
    replace: bool = False  # changing values of the base needs saying so


def ingest(request: Request, data_dir: Path, publish: bool = True) -> Result:
    """Load -> validate -> write. Nothing is written unless every file passes every check; publish=False is
    the dry run (--check): everything but the writing."""
    catalog = catalog_module.load(data_dir)
    own_regions, problems = snapshot_regions(data_dir, request, catalog)
    in_force = regions_module.merged(catalog.regions, own_regions)
    problems += snapshot_id_problems(data_dir, request)
    loaded = []
    limit = int(float(settings.get("max_ingest_mb")) * 2**20)
    for path in request.files:
        found, more = load(Path(path), limit, request.lang)
        problems += more
        loaded += [found] if found else []
    mapping, more = Mapping.read(request.mapping)
    checked = check(loaded, catalog, mapping, request.lang, in_force)
    result = Result(problems + more + checked.problems, tidy(checked.observations, OBSERVATION_KEY), tidy(checked.survey, SURVEY_KEY),
                    regions=own_regions)
    result = laid_over_base(data_dir, request, result)
    result.warnings += outliers(result.observations, request.lang)
    if not result.ok or not publish:
        return result
    result.manifest = snapshots.publish(data_dir, meta(request, data_dir), tables(result))
    return result


def snapshot_regions(data_dir: Path, request: Request, catalog) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The new snapshot's own regions: the base's, with the regions file laid over them. Never the catalog's:
    data/catalog stays as reviewed. A region the base already has with the same content is no problem."""
    base = regions_module.read(snapshots.find(data_dir, request.base).file(snapshots.REGIONS_FILE)) if base_exists(data_dir, request) else None
    if not request.regions:
        return base, []
    new = regions_module.tidy(catalog_module.read_csv(Path(request.regions)))
    known = set(catalog.regions.index) | (set(base["code"]) if base is not None else set())
    problems = regions_module.check(new, Path(request.regions).name, known_parents=known)
    if problems:
        return base, problems
    combined = new if base is None else pd.concat([base[~base["code"].isin(new["code"])], new], ignore_index=True)
    return regions_module.tidy(combined), []


def base_exists(data_dir: Path, request: Request) -> bool:
    return bool(request.base) and request.base in {m.id for m in snapshots.list_all(data_dir)}


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
    """Start from the base snapshot and lay the new rows over it: a half-year update brings only new rows.
    Values of the base the new rows would change are listed; without --replace they are problems."""
    if not base_exists(data_dir, request):
        return result
    folder = snapshots.find(data_dir, request.base).path
    merged = {}
    for name, key, new in (("observations", OBSERVATION_KEY, result.observations), ("survey", SURVEY_KEY, result.survey)):
        old = pd.read_parquet(folder / f"{name}.parquet")
        if not new.empty:
            if name == "observations":
                result.changes = changed_values(old, new)
            old = old.merge(new[key], on=key, how="left", indicator=True)
            old = old[old["_merge"] == "left_only"].drop(columns="_merge")
        merged[name] = tidy(pd.concat([old, new], ignore_index=True), key)
    listed = [Problem(request.base, None, f"{r.region_code} / {r.year} / {r.indicator}",
                      t("warning_changes_base", request.lang, before=f"{r.before:g}", after=f"{r.after:g}"))
              for r in result.changes.itertuples()]
    problems = result.problems + ([] if request.replace or not listed else
                                  [Problem(request.base, None, None, t("problem_changes_base", request.lang, count=len(listed)))])
    return Result(problems, merged["observations"], merged["survey"], warnings=result.warnings + listed,
                  changes=result.changes, regions=result.regions)


def changed_values(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The base's values the new rows give differently: region_code, year, indicator, before, after."""
    both = old[OBSERVATION_KEY + ["value"]].merge(new[OBSERVATION_KEY + ["value"]], on=OBSERVATION_KEY, suffixes=("_before", "_after"))
    differ = both[both["value_before"] != both["value_after"]]
    return differ.rename(columns={"value_before": "before", "value_after": "after"})[["region_code", "year", "indicator", "before", "after"]]


def outliers(observations: pd.DataFrame, lang: str, ratio: float = 10.0) -> list[Problem]:
    """Values 10 times (or a tenth of) both neighbouring years of their series: a unit slip more often than news."""
    if observations.empty:
        return []
    warnings = []
    for (region, indicator), series in observations.sort_values("year").groupby(["region_code", "indicator"]):
        values = series["value"].tolist()
        for i, value in enumerate(values):
            neighbours = [v for v in values[max(0, i - 1):i] + values[i + 1:i + 2] if v]
            if value and neighbours and all(value / v >= ratio or value / v <= 1 / ratio for v in neighbours):
                row = series.iloc[i]
                warnings.append(Problem(str(row.get("_file", "")), row.get("_row"), "value", t(
                    "warning_outlier", lang, value=f"{value:g}", region=region, indicator=indicator, year=int(row["year"]),
                    neighbours=", ".join(f"{v:g}" for v in neighbours))))
    return warnings


def tables(result: Result) -> dict[str, pa.Table]:
    out = {snapshots.REGIONS_FILE: regions_module.to_table(result.regions)} if result.regions is not None else {}
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
