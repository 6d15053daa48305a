"""Ingest: load files, validate every row, and publish a new snapshot only when nothing is wrong."""

import hashlib
import re
import tempfile
from collections import ChainMap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa

from chuangcheng.model import catalog as catalog_module
from chuangcheng.model import kinds
from chuangcheng.model import regions as regions_module
from chuangcheng.store import integrity, publishing, snapshots
from chuangcheng.errors import ChuangchengError, DamagedSnapshot, Problem
from chuangcheng.i18n import damage_text, t
from chuangcheng.ingest.mapping import Mapping, conversion
from chuangcheng.ingest.match import national_matcher
from chuangcheng.ingest.read import Limits, Loaded, load
from chuangcheng.ingest.report import as_found, found
from chuangcheng.ingest.validate import check, unit_words

SNAPSHOT_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")  # used with fullmatch: "$" would let "abc\n" pass
OBSERVATION_KEY = list(kinds.FIGURES.key)  # period "" is the year's figure (a month's: 2025-06), written as null


@dataclass
class Result:
    """Every problem found, what would be (or was) published (rows of each kind of data, by its name: figures,
    survey), the warnings to read first, the new snapshot."""

    problems: list[Problem] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    manifest: snapshots.Manifest | None = None
    warnings: list[Problem] = field(default_factory=list)
    changes: pd.DataFrame = field(
        default_factory=pd.DataFrame
    )  # values of the base this would change: key, before, after
    regions: pd.DataFrame | None = None  # the snapshot's own regions (base's and the regions file's), if any
    rows_read: int = 0  # rows of the files, before any check

    @property
    def ok(self) -> bool:
        return not self.problems

    def rows(self, kind: str) -> pd.DataFrame:
        return self.frames.get(kind, pd.DataFrame())

    @property
    def observations(self) -> pd.DataFrame:
        return self.rows("figures")

    @property
    def survey(self) -> pd.DataFrame:
        return self.rows("survey")

    @property
    def empty(self) -> bool:
        return all(frame.empty for frame in self.frames.values())


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
    the dry run (--check): everything but the writing. Each file is read from a private copy made once and
    hashed as it was copied, so the manifest names what was read, not what the file became meanwhile."""
    with frozen(request.files) as (copies, built):
        return ingest_frozen(replace(request, files=copies), data_dir, publish, built)


@contextmanager
def frozen(files: list[Path]) -> Iterator[tuple[list[Path], list[str]]]:
    """Each input copied into a private folder under its own name and hashed while copied; yields the copies
    and the manifest's built_from entries. A file that cannot be read, or is over the size limit, is passed
    on as it is: reading it names the problem."""
    limit = Limits.from_settings().file_bytes
    with tempfile.TemporaryDirectory(prefix="chuangcheng-ingest-") as folder:
        copies, built = [], []
        for i, path in enumerate(map(Path, files)):
            target = Path(folder) / str(i) / path.name
            try:
                if not path.is_file() or path.stat().st_size > limit:
                    raise OSError
                target.parent.mkdir()
                digest = hashlib.sha256()
                with open(path, "rb") as source, open(target, "wb") as copy:
                    for block in iter(lambda: source.read(1 << 20), b""):
                        digest.update(block)
                        copy.write(block)
            except OSError:
                copies.append(path)
                continue
            copies.append(target)
            built.append(f"{path.name} sha256:{digest.hexdigest()}")
        yield copies, built


def ingest_frozen(request: Request, data_dir: Path, publish: bool, built: list[str]) -> Result:
    catalog = catalog_module.load(data_dir)
    problems = snapshot_id_problems(data_dir, request)
    own_regions, usable_regions, more = snapshot_regions(data_dir, request, catalog)
    problems += more
    mapping, mapping_problems = Mapping.read(request.mapping, request.lang)
    loaded, more = load_files(request, unit_words(catalog), mapping.sheet)
    catalog_folder = Path(data_dir) / "catalog"
    overlay = regions_module.merged(
        catalog.regions, usable_regions
    )  # the reviewed regions, a base's and a regions file's
    regions_in_force = regions_module.merged(regions_module.national(catalog_folder), overlay.reset_index()).fillna("")
    # a regions file's row is the steward's word on its parent, an empty one too (compared with the file's own regions,
    # not the list's province): matching, checks and the published snapshot read the same parents
    regions_in_force.loc[overlay.index, "parent_code"] = overlay["parent_code"]
    checked = check(
        loaded,
        catalog,
        mapping,
        request.lang,
        regions_in_force,
        regions_module.national_changes(catalog_folder),
        national_matcher(catalog_folder),
        overlay,
    )
    more += beyond_plausible(checked.frames["figures"], catalog, regions_in_force, mapping, request.lang)
    result = Result(
        problems + more + mapping_problems + checked.problems,
        {kind.name: tidy(checked.frames[kind.name], list(kind.key)) for kind in kinds.KINDS},
        regions=own_regions,
        rows_read=sum(len(f.frame) for f in loaded),
    )
    if result.ok and result.empty:  # a snapshot of nothing is no release
        result.problems.append(
            found("ingest_nothing", ", ".join(Path(f).name for f in request.files), None, None, request.lang)
        )
    result = with_national_regions(laid_over_base(data_dir, request, result), catalog.regions, regions_in_force)
    result.warnings += table_lines(loaded, request.lang) + checked.warnings
    amounts = frozenset(catalog.plausible.index.get_level_values("indicator"))
    result.warnings += outliers(result.observations, request.lang, amounts) + implausible(
        result.observations, mapping, request.lang
    )
    if not result.ok or not publish:
        return result
    result.manifest = publishing.publish(data_dir, meta(request, data_dir, built), tables(result))
    return result


def with_national_regions(result: Result, reviewed: pd.DataFrame, regions_in_force: pd.DataFrame) -> Result:
    """The snapshot keeps the rows of the national list its values use (and their parents), so serving it needs
    only the snapshot and the reviewed catalog, never the 45,000-row list."""
    codes = set().union(*(frame.get("region_code", ()) for frame in result.frames.values()))
    own = result.regions.set_index("code")["parent_code"].to_dict() if result.regions is not None else {}
    # parents as the snapshot will have them: a regions file's own rows (an empty parent_code stays empty) over the list's
    # (looked up through, not merged: a dict of the 45,000-row list cost a fifth of a second an ingest)
    parents = ChainMap(own, reviewed["parent_code"], regions_in_force["parent_code"])
    wanted = regions_in_force.loc[[c for c in regions_module.lineage(parents, codes) if c in regions_in_force.index]]
    wanted = wanted[~wanted.index.isin(reviewed.index) & ~wanted.index.isin(own)]
    if wanted.empty:
        return result
    rows = wanted.reset_index()[regions_module.COLUMNS]
    regions = rows if result.regions is None else pd.concat([result.regions, rows], ignore_index=True)
    return replace(result, regions=regions)


def load_files(
    request: Request, units: frozenset = frozenset(), sheet: str | None = None
) -> tuple[list[Loaded], list[Problem]]:
    """Every file as text cells, and the problems of those that cannot be read; units are those a units row may
    give, sheet the workbook sheet to read."""
    limits = Limits.from_settings()
    loaded, problems = [], []
    for path in request.files:
        found_file, more = load(Path(path), limits, request.lang, units, sheet)
        problems += more
        loaded += [found_file] if found_file else []
    return loaded, problems


def table_lines(loaded: list[Loaded], lang: str) -> list[Problem]:
    """What was read as a table's title, unit or note lines rather than as data, so nothing is left out unsaid."""
    warnings = []
    for file in loaded:
        warnings += [
            found(
                "ingest_header_second_row" if row == file.sub_header else "ingest_table_line",
                file.name,
                row,
                None,
                lang,
                value=text,
            )
            for row, text in file.lines
        ]
        warnings += [found("ingest_table_unit", file.name, None, None, lang, value=file.unit)] if file.unit else []
        warnings += list(file.warnings)
    return warnings


def snapshot_regions(
    data_dir: Path, request: Request, catalog
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[Problem]]:
    """The new snapshot's own regions (the base's, with the regions file laid over them), the part of them
    fit to resolve names with, and the regions file's problems. Never the catalog's: data/catalog stays as
    reviewed. A region the base already has with the same content is no problem (re-running works)."""
    base = None
    if base_exists(data_dir, request):
        manifest = snapshots.find(data_dir, request.base)
        base = (
            regions_module.tidy(integrity.read_checked(manifest, snapshots.REGIONS_FILE).to_pandas())
            if snapshots.REGIONS_FILE in manifest.checksums
            else None
        )
    if not request.regions:
        return base, base, []
    new, problems = read_regions(Path(request.regions), request.lang)
    if new is None:
        return base, base, problems
    known = (
        set(catalog.regions.index)
        | set(regions_module.national(Path(data_dir) / "catalog").index)
        | (set(base["code"]) if base is not None else set())
    )  # a development zone may hang from any region of the country
    problems += [
        as_found(p, "ingest_regions_file")
        for p in regions_module.check(new, Path(request.regions).name, known_parents=known, lang=request.lang)
    ]
    bad_rows = {p.row - 2 for p in problems if p.row is not None}
    fit = new.drop(
        index=[i for i in bad_rows if i in new.index]
    )  # still used to read names, so one bad row hides nothing else
    return laid_over(base, new), laid_over(base, fit), problems


def read_regions(path: Path, lang: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A steward's regions list, read as data files are (CSV in UTF-8 or GBK as Excel saves it, or XLSX; a row
    too long or an unclosed quote named by its row), checked for its required columns; levels in Chinese taken."""
    loaded, problems = load(path, Limits.from_settings(), lang)
    if loaded is None or problems:
        return None, problems
    frame = loaded.frame.set_index(loaded.frame["_row"] - 2).drop(columns="_row")  # check() names rows as index + 2
    missing = [c for c in ("code", "level", "name_zh", "name_en") if c not in frame.columns]
    if missing:
        return None, [
            found(
                "ingest_regions_columns",
                path.name,
                loaded.header_row,
                ", ".join(missing),
                lang,
                columns=", ".join(regions_module.COLUMNS),
            )
        ]
    frame["level"] = frame["level"].map(lambda level: regions_module.LEVEL_WORDS.get(str(level).strip(), level))
    return regions_module.tidy(frame).set_axis(frame.index), []


def laid_over(base: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """The regions file over the base's own regions: a code in both takes the file's row, empty cells aside."""
    if base is None:
        return new
    return regions_module.merged(base.set_index("code"), new).rename_axis("code").reset_index()[regions_module.COLUMNS]


def base_exists(data_dir: Path, request: Request) -> bool:
    """A base to build on: published and sound (a damaged one is refused by snapshot_id_problems)."""
    return bool(request.base) and base_damage(data_dir, request.base) is None


def base_damage(data_dir: Path, base: str) -> ChuangchengError | None:
    """Why the base cannot be built on (not found, or damaged), else None: the base alone is checked."""
    try:
        integrity.check(snapshots.find(data_dir, base))
    except ChuangchengError as error:
        return error
    return None


def snapshot_id_problems(data_dir: Path, request: Request) -> list[Problem]:
    if not SNAPSHOT_ID.fullmatch(request.snapshot):
        return [found("problem_snapshot_id", "--snapshot", None, None, request.lang, value=request.snapshot)]
    if (snapshots.folder(data_dir) / request.snapshot).exists():
        return [found("problem_snapshot_exists", "--snapshot", None, None, request.lang, value=request.snapshot)]
    damage = base_damage(data_dir, request.base) if request.base else None
    if isinstance(damage, DamagedSnapshot):  # never build on it: its values would be published as sound
        hint = t("ingest_base_damaged_hint", request.lang, reason=damage_text(damage, request.lang))
        return [found("ingest_base_damaged", "--base", None, None, request.lang, hint=hint)]
    if damage is not None:
        return [found("error_snapshot_not_found", "--base", None, None, request.lang, snapshot=request.base)]
    return []


def tidy(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """One row per key (identical repeats across files kept once), in the order snapshots are stored."""
    if frame.empty:
        return frame
    return frame.drop_duplicates(key).sort_values(key, ignore_index=True)


def laid_over_base(data_dir: Path, request: Request, result: Result) -> Result:
    """Start from the base snapshot and lay the new rows over it: a half-year update brings only new rows.
    Values of the base the new rows would change are listed (old and new); without --replace they are problems."""
    if not base_exists(data_dir, request):
        return result
    manifest = snapshots.find(data_dir, request.base)
    merged = {}
    for kind in kinds.KINDS:
        key, new = list(kind.key), result.rows(kind.name)
        if kind.file not in manifest.checksums:  # a kind newer than the base
            merged[kind.name] = new
            continue
        old = integrity.read_checked(manifest, kind.file).to_pandas()  # the bytes checked are the bytes read
        for column in set(key) & kind.written_when_given:  # absent or null: "" as the new rows have it
            old[column] = old[column].fillna("") if column in old else ""
        if not new.empty:
            if kind is kinds.FIGURES:
                result.changes = changed_values(old, new)
            old = old.merge(new[key], on=key, how="left", indicator=True)
            old = old[old["_merge"] == "left_only"].drop(columns="_merge")
        merged[kind.name] = tidy(pd.concat([old, new], ignore_index=True), key)
    lang, changes = request.lang, result.changes
    rows = changes.to_dict("records")
    listed = [
        found(
            "ingest_change",
            r["_file"],
            r["_row"],
            f"{r['region_code']} / {r.get('period') or r['year']} / {r['indicator']}",
            lang,
            base=request.base,
            before=number(r["before"]),
            after=number(r["after"]),
        )
        for r in rows
    ]
    refused = (
        []
        if request.replace
        else [
            found(
                "ingest_changes_base",
                r["_file"],
                r["_row"],
                None,
                lang,
                base=request.base,
                hint=t("ingest_replace_hint", lang),
            )
            for r in rows
        ]
    )
    return replace(
        result,
        problems=result.problems + refused,
        frames=merged,
        warnings=result.warnings + listed,
    )


def changed_values(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The base's values the new rows give differently: region_code, year, indicator, before, after, and the new row's place."""
    both = old[OBSERVATION_KEY + ["value"]].merge(
        new[OBSERVATION_KEY + ["value", "_file", "_row"]], on=OBSERVATION_KEY, suffixes=("_before", "_after")
    )
    differ = both[both["value_before"] != both["value_after"]]
    return differ.rename(columns={"value_before": "before", "value_after": "after"})[
        ["region_code", "year", "period", "indicator", "before", "after", "_file", "_row"]
    ].reset_index(drop=True)


AMOUNT_JUMP, RATE_JUMP = 3.0, 10.0


def outliers(observations: pd.DataFrame, lang: str, amounts: frozenset = frozenset()) -> list[Problem]:
    """New values far from their neighbouring years in the same series: a unit slip more often than news. For an
    amount (an indicator with a plausible range: GDP, income, spending) 3 times or a third is no real year; a
    rate or a count near zero moves more (growth 0.6 then 2.0), so there it takes 10 times or a tenth. The
    base's values count as neighbours but are not warned about again."""
    if observations.empty or "_file" not in observations:
        return []
    # a series' years in order; a month's figures a series of their own (a winter month is no slip of the year's)
    if "period" not in observations:
        observations = observations.assign(period="")
    frame = observations.assign(yearly=observations["period"].fillna("") == "")
    frame = frame.sort_values(["region_code", "indicator", "yearly", "year", "period"], kind="stable")
    series = frame.groupby(["region_code", "indicator", "yearly"], sort=False)["value"]
    before, after = series.shift(1), series.shift(-1)
    ratio = frame["indicator"].isin(amounts).map({True: AMOUNT_JUMP, False: RATE_JUMP})
    far = lambda other: (frame["value"] / other >= ratio) | (frame["value"] / other <= 1 / ratio)  # noqa: E731
    has_before, has_after = before > 0, after > 0
    jumps = (
        frame["_file"].notna()
        # a month's rate or growth swings with the season and from January's few days (0.1 beside 2.4 is no slip);
        # its amounts are still held to their neighbouring months
        & (frame["yearly"] | frame["indicator"].isin(amounts))
        & (frame["value"] > 0)
        & (has_before | has_after)
        & (~has_before | far(before))
        & (~has_after | far(after))
    )
    warnings = []
    for row, previous, following, times in zip(
        frame[jumps].to_dict("records"), before[jumps], after[jumps], ratio[jumps]
    ):
        neighbours = [v for v in (previous, following) if v > 0]
        warnings.append(
            found(
                "ingest_outlier" if row["yearly"] else "ingest_outlier_period",
                row["_file"],
                int(row["_row"]),
                None,
                lang,
                value=number(row["value"]),
                region=row["region_code"],
                indicator=row["indicator"],
                year=int(row["year"]) if row["yearly"] else row["period"],
                neighbours="; ".join(map(number, neighbours)),
                times=int(times),
            )
        )
    return warnings


def number(value: float) -> str:
    """7,470,000 and 41.7 as people write them, not 7.47e+06."""
    return f"{value:,.12g}"


def beyond_plausible(
    observations: pd.DataFrame, catalog, regions: pd.DataFrame, mapping: Mapping, lang: str
) -> list[Problem]:
    """New values outside what a region of their level plausibly reports (catalog/plausible.csv, with its evidence):
    problems, as a GDP in 万元 taken for 亿元 published Shanghai at 114,493,200 亿元 with 0 problems. When a power
    of ten the units table knows brings a file's whole column inside, that is said instead, once for the column.
    An indicator the mapping gives its own [plausible] range is the steward's call (warnings, see implausible())."""
    if observations.empty or "_file" not in observations:
        return []
    new = observations[observations["_file"].notna() & ~observations["indicator"].isin(mapping.plausible)]
    new = new.assign(level=new["region_code"].map(regions["level"]).fillna(""))
    problems = []
    for (file, indicator, level), rows in new.groupby(["_file", "indicator", "level"], sort=False):
        bounds = catalog.plausible_range(indicator, level)
        if bounds is None:
            continue
        low, high = float(bounds["low"]), float(bounds["high"])
        outside = rows[~rows["value"].between(low, high)]
        if outside.empty:
            continue
        unit = catalog.unit(indicator, lang)
        where = dict(
            level=t(f"level_{level}", lang).lower() if level else t("level_any", lang),
            low=number(low),
            high=number(high),
            unit=unit,
        )
        slip = unit_slip(rows["value"], indicator, low, high, catalog)
        if slip is not None:
            written, ratio = slip
            first = outside.iloc[0]
            problems.append(
                found(
                    "ingest_unit_slip",
                    file,
                    int(first["_row"]),
                    None,
                    lang,
                    count=len(outside),
                    indicator=indicator,
                    value=number(first["value"]),
                    written=written,
                    converted=number(float(first["value"]) * ratio),
                    **where,
                    hint=t("ingest_unit_slip_hint", lang, indicator=indicator, written=written),
                )
            )
            continue
        evidence = str(bounds[f"evidence_{lang}"])
        problems += [
            found(
                "ingest_beyond_plausible",
                file,
                int(r["_row"]),
                None,
                lang,
                value=number(r["value"]),
                region=r["region_code"],
                indicator=indicator,
                year=int(r["year"]),
                **where,
                hint=t("ingest_beyond_plausible_hint", lang, evidence=evidence, indicator=indicator),
            )
            for r in outside.to_dict("records")
        ]
    return problems


def unit_slip(values: pd.Series, indicator: str, low: float, high: float, catalog) -> tuple[str, float] | None:
    """The unit (as the units table first writes it) whose factor brings every value of the column inside
    [low, high], and that factor relative to the catalog's unit; None when no power of ten the table knows does."""
    seen = set()
    for written in catalog.units.index:
        ratio = conversion(written, (catalog.unit(indicator, "zh"), catalog.unit(indicator, "en")), catalog.units)
        if ratio is None or ratio in seen:
            continue
        seen.add(ratio)
        if ratio != 1 and values.mul(float(ratio)).between(low, high).all():
            return str(written), float(ratio)
    return None


def implausible(observations: pd.DataFrame, mapping: Mapping, lang: str) -> list[Problem]:
    """New values outside the plausible range the mapping gives ([plausible]): possible, but worth a look."""
    if observations.empty or "_file" not in observations or not mapping.plausible:
        return []
    new = observations[observations["_file"].notna() & observations["indicator"].isin(mapping.plausible)]
    warnings = []
    for r in new.to_dict("records"):
        low, high = mapping.plausible[r["indicator"]]
        if not low <= r["value"] <= high:
            warnings.append(
                found(
                    "ingest_implausible",
                    r["_file"],
                    int(r["_row"]),
                    None,
                    lang,
                    value=number(r["value"]),
                    region=r["region_code"],
                    indicator=r["indicator"],
                    year=int(r["year"]),
                    low=number(low),
                    high=number(high),
                )
            )
    return warnings


def described(result: Result, request: Request, data_dir: Path) -> str:
    """What publishing would write: the snapshot, its dataset, rows, years, regions and indicators."""
    values = result.observations
    years = f"{int(values['year'].min())}–{int(values['year'].max())}" if not values.empty else "—"
    return t(
        "ingest_would_publish",
        request.lang,
        snapshot=request.snapshot,
        dataset=meta(request, data_dir, [])["dataset"],
        rows=kinds.counted_rows(result.frames, request.lang),
        years=years,
        regions=values["region_code"].nunique() if not values.empty else 0,
        indicators=values["indicator"].nunique() if not values.empty else 0,
        own=len(result.regions) if result.regions is not None else 0,
    )


def tables(result: Result) -> dict[str, pa.Table]:
    out = {snapshots.REGIONS_FILE: regions_module.to_table(result.regions)} if result.regions is not None else {}
    for kind in kinds.KINDS:
        frame = result.rows(kind.name)
        for column in kind.written_when_given & set(frame.columns):  # "" is none: a column all empty is not written
            frame = frame.assign(**{column: frame[column].replace("", None)})
            frame = frame.drop(columns=column) if frame[column].isna().all() else frame
        schema = pa.schema([f for f in kind.schema if f.name in frame.columns])  # publishing adds the rest as nulls
        out[kind.file] = (
            schema.empty_table()
            if frame.empty
            else pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
        )
    return out


def meta(request: Request, data_dir: Path, built: list[str]) -> dict:
    dataset = request.dataset or (snapshots.find(data_dir, request.base).dataset if request.base else request.snapshot)
    return {
        "id": request.snapshot,
        "dataset": dataset,
        "title": request.title or request.snapshot,
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "built_from": built + ([f"base snapshot {request.base}"] if request.base else []),
    }
