"""Import a steward's boundaries: read GeoJSON or a zipped Shapefile, check every feature, simplify, publish.

Load -> validate -> write, as the ingest: every problem is collected (unknown, repeated or missing codes,
projected coordinates, shapes that are not areas) and nothing is written unless there are none. Coordinates
must already be WGS84 longitude and latitude; reprojecting is left to GIS tools (ogr2ogr, QGIS).
"""

import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from chuangcheng.errors import Problem
from chuangcheng.geo import boundaries
from chuangcheng.i18n import t
from chuangcheng.ingest.read import Limits, inflates_too_far, size_problems
from chuangcheng.ingest.report import found

TARGET_BYTES = 1_500_000  # a whole file a browser draws without stalling (Plotly parses and projects every vertex)
DIGITS = 5  # decimals kept: 1e-5 degrees is about a metre, finer than any choropleth shows
FIRST_TOLERANCE = 1e-4  # of the extent's diagonal, doubled until the file fits
LAST_TOLERANCE = 2e-2  # beyond this districts turn into triangles: stop and warn instead
AREAS = ("Polygon", "MultiPolygon")
BYTES_PER_VERTEX = 20  # '[116.38912,39.91234],' at DIGITS decimals


@dataclass
class Imported:
    """What an import read and made: the simplified collection, its file (None on a dry run or a problem),
    the sizes before and after simplifying (compact GeoJSON bytes), the tolerance used (degrees, 0 = none)
    and the warnings (repaired shapes, a file still large)."""

    collection: dict | None = None
    path: Path | None = None
    codes: list[str] = field(default_factory=list)
    bytes_before: int = 0
    bytes_after: int = 0
    tolerance: float = 0.0
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Feature:
    index: int  # 1 for the first feature of the file
    code: str
    name: str
    geometry: object  # a shapely geometry, once checked


def import_boundaries(
    source: Path,
    data_dir: Path,
    name: str | None = None,
    code_property: str = "code",
    regions: pd.DataFrame | None = None,
    lang: str = "en",
    check: bool = False,
) -> tuple[Imported, list[Problem]]:
    """Read `source` (GeoJSON, or a .zip holding one Shapefile), key each feature by its `code_property`, check the
    codes against `regions` (indexed by code; default: the catalog's and every snapshot's regions of data_dir),
    simplify to about TARGET_BYTES and publish as <data>/boundaries/<name>.geojson (name: default the file's
    stem). Returns what was made and the problems; with any problem, or check=True, nothing is written."""
    source = Path(source)
    name = name or default_name(source)
    problems = (
        [] if boundaries.NAME.fullmatch(name) else [found("boundary_name", "--name", None, None, lang, name=name)]
    )
    raw, more = read(source, lang)
    problems += more
    if raw is None:
        return Imported(), problems
    regions = known_regions(data_dir) if regions is None else regions
    features, more, warnings = checked(raw, source.name, code_property, regions, lang)
    problems += more + elsewhere(features, data_dir, name, source.name, code_property, lang)
    if problems:
        return Imported(warnings=warnings), problems
    result = simplified(features, lang, source.name)
    result.warnings = warnings + result.warnings
    if not check:
        result.path = boundaries.write(data_dir, name, result.collection)
    return result, []


def default_name(source: Path) -> str:
    """'Districts 2023.geojson' -> 'districts-2023'."""
    return re.sub(r"[^a-z0-9._-]+", "-", source.stem.lower()).strip("-._") or "boundaries"


def known_regions(data_dir: Path) -> pd.DataFrame:
    """Every region a boundary may belong to, indexed by code: the catalog's, with each snapshot's own laid over them."""
    from chuangcheng.model import catalog, regions as regions_module
    from chuangcheng.store import snapshots

    known = catalog.load(data_dir).regions
    for manifest in snapshots.list_all(data_dir):
        known = regions_module.merged(known, regions_module.read(manifest.file(snapshots.REGIONS_FILE)))
    return known


def read(source: Path, lang: str) -> tuple[list[dict] | None, list[Problem]]:
    """The source's features as GeoJSON-like dicts, or None and why not."""
    if not source.is_file():
        return None, [found("boundary_no_file", source.name, None, None, lang, source=source.name)]
    suffix = source.suffix.lower()
    limits = Limits.from_settings()  # the ingest's: a boundaries file is a steward's file as much as a table is
    too_big = size_problems(source, limits, lang)
    if too_big:
        return None, too_big
    try:
        if suffix in (".geojson", ".json"):
            return read_geojson(source, lang)
        if suffix == ".zip":
            if inflates_too_far(source, limits):
                return None, [
                    found(
                        "ingest_inflated", source.name, None, None, lang, limit=f"{limits.inflated_bytes / 2**20:.0f}"
                    )
                ]
            return read_zip(source, lang)
    except Exception as error:  # json, zipfile and pyshp each fail in their own way: any of it is the file's problem
        return None, [
            found(
                "boundary_unreadable",
                source.name,
                None,
                None,
                lang,
                source=source.name,
                reason=str(error) or type(error).__name__,
            )
        ]
    return None, [found("boundary_format", source.name, None, None, lang, source=source.name)]


def read_geojson(source: Path, lang: str) -> tuple[list[dict] | None, list[Problem]]:
    data = json.loads(source.read_bytes().decode("utf-8-sig"))
    kind = data.get("type") if isinstance(data, dict) else type(data).__name__
    if kind == "Feature":
        return [data], []
    if kind != "FeatureCollection" or not isinstance(data.get("features"), list):
        return None, [found("boundary_not_collection", source.name, None, None, lang, type=kind)]
    return data["features"], []


def read_zip(source: Path, lang: str) -> tuple[list[dict] | None, list[Problem]]:
    """The one Shapefile in a zip (its .shp, .shx, .dbf and .cpg), records decoded as its .cpg says, else UTF-8, else GBK."""
    import shapefile

    with zipfile.ZipFile(source) as archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".shp") and not n.startswith("__MACOSX")]
        if len(names) != 1:
            return None, [
                found(
                    "boundary_zip_shapefiles",
                    source.name,
                    None,
                    None,
                    lang,
                    count=len(names),
                    names=", ".join(names) or "—",
                )
            ]
        stem = names[0][:-4]
        parts = {
            n[len(stem) :].lower(): archive.read(n)
            for n in archive.namelist()
            if n[:-4] == stem and len(n) == len(stem) + 4
        }
    if ".dbf" not in parts:
        return None, [found("boundary_zip_part", source.name, None, None, lang, shapefile=names[0], part=".dbf")]
    declared = parts[".cpg"].decode("ascii", "replace").strip() if ".cpg" in parts else ""
    for encoding in [declared] if declared else ["utf-8", "gbk"]:
        try:
            reader = shapefile.Reader(
                shp=io.BytesIO(parts[".shp"]),
                dbf=io.BytesIO(parts[".dbf"]),
                shx=io.BytesIO(parts[".shx"]) if ".shx" in parts else None,
                encoding=encoding,
            )
            return [record.__geo_interface__ for record in reader.iterShapeRecords()], []
        except (
            UnicodeDecodeError,
            shapefile.dbfFileException,
        ) as error:  # pyshp's way of saying the text is not in this encoding
            failure = error
    return None, [found("boundary_unreadable", source.name, None, None, lang, source=source.name, reason=str(failure))]


def code_of(value) -> str:
    """A code as text: 110000, 110000.0 (a DBF number) and ' 110000 ' are all '110000'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def checked(
    raw: list[dict], file: str, code_property: str, regions: pd.DataFrame, lang: str
) -> tuple[list[Feature], list[Problem], list[Problem]]:
    """Every feature with a known, unrepeated code and an area for a shape; the problems; the repairs made."""
    if not raw:
        return [], [found("boundary_no_features", file, None, None, lang)], []
    properties = [f.get("properties") or {} if isinstance(f, dict) else {} for f in raw]
    if not any(code_of(p.get(code_property)) for p in properties):
        present = sorted({key for p in properties for key in p})
        return (
            [],
            [
                found(
                    "boundary_no_property",
                    file,
                    None,
                    code_property,
                    lang,
                    property=code_property,
                    properties=listed(present),
                )
            ],
            [],
        )
    features, problems, warnings, first = [], [], [], {}
    suggest = suggester(regions, lang)
    for index, (feature, props) in enumerate(zip(raw, properties), start=1):
        code = code_of(props.get(code_property))
        if not code:
            problems.append(
                found(
                    "boundary_no_code",
                    file,
                    None,
                    code_property,
                    lang,
                    index=index,
                    property=code_property,
                    properties=listed(sorted(props)),
                )
            )
            continue
        problems += code_problems(index, code, first, regions, suggest, file, code_property, lang)
        first.setdefault(code, index)
        geometry, more, repaired = area(
            feature.get("geometry") if isinstance(feature, dict) else None, index, code, file, lang
        )
        problems += more
        warnings += repaired
        if geometry is not None:
            features.append(Feature(index, code, name_of(props), geometry))
    return features, problems + projected(features, file, lang), warnings


def name_of(properties: dict) -> str:
    """The feature's own name, if it has one (name, NAME, Name: shapefile fields are often upper case)."""
    return next((str(v).strip() for k, v in properties.items() if str(k).lower() == "name" and v is not None), "")


def listed(names: list[str], most: int = 20) -> str:
    return ", ".join(names[:most]) + (", …" if len(names) > most else "") if names else "—"


def code_problems(
    index: int, code: str, first: dict, regions: pd.DataFrame, suggest, file: str, column: str, lang: str
) -> list[Problem]:
    """A repeated code, or one that is not a known region (with the closest codes: 61010 -> 610100)."""
    if code in first:
        return [found("boundary_duplicate_code", file, None, column, lang, index=index, code=code, first=first[code])]
    if code in regions.index:
        return []
    return [found("boundary_unknown_code", file, None, column, lang, hint=suggest(code), index=index, code=code)]


def suggester(regions: pd.DataFrame, lang: str):
    """A function giving the hint for an unknown code; the ingest's region matcher is built on first use only."""
    matcher = []

    def hint(code: str) -> str:
        from chuangcheng.ingest.match import RegionMatcher

        if not matcher:
            matcher.append(RegionMatcher(regions))
        close = matcher[0].describe(matcher[0].suggest(code))
        return t("ingest_did_you_mean", lang, suggest=close) if close else t("boundary_regions_hint", lang)

    return hint


def area(geojson, index: int, code: str, file: str, lang: str) -> tuple[object | None, list[Problem], list[Problem]]:
    """The feature's shape as a valid (Multi)Polygon, repaired with make_valid when it can be; else the problem."""
    import shapely
    from shapely.geometry import shape

    if not geojson:
        return None, [found("boundary_no_geometry", file, None, None, lang, index=index, code=code)], []
    try:
        geometry = shape(geojson)
    except (ValueError, TypeError, KeyError, AttributeError, shapely.errors.GEOSException) as error:
        return (
            None,
            [
                found(
                    "boundary_bad_geometry",
                    file,
                    None,
                    None,
                    lang,
                    index=index,
                    code=code,
                    reason=str(error) or type(error).__name__,
                )
            ],
            [],
        )
    if geometry.geom_type not in AREAS:
        return (
            None,
            [found("boundary_not_area", file, None, None, lang, index=index, code=code, kind=geometry.geom_type)],
            [],
        )
    corners = shapely.get_coordinates(geometry)
    if not np.isfinite(corners).all():  # GEOS fails on [NaN, NaN] or [Infinity, 0.1] with a traceback, not a reason
        bad = corners[~np.isfinite(corners).all(axis=1)][0].tolist()
        return None, [found("boundary_not_finite", file, None, None, lang, index=index, code=code, vertex=str(bad))], []
    if geometry.is_valid:
        return geometry, [], []
    reason = shapely.is_valid_reason(geometry)
    repaired = polygonal(shapely.make_valid(geometry))
    if repaired is None:
        return None, [found("boundary_bad_geometry", file, None, None, lang, index=index, code=code, reason=reason)], []
    return repaired, [], [found("boundary_repaired", file, None, None, lang, index=index, code=code, reason=reason)]


def polygonal(geometry):
    """The areas of a geometry (make_valid may return a collection with stray lines), or None if it has none."""
    import shapely

    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in AREAS and not g.is_empty]
    if not parts:
        return None
    union = shapely.union_all(parts)
    return union if union.geom_type in AREAS else None


def projected(features: list[Feature], file: str, lang: str) -> list[Problem]:
    """One problem for the file when coordinates fall outside longitude ±180 or latitude ±90 (metres, most likely)."""
    import shapely

    outside = []
    for feature in features:
        x, y = shapely.get_coordinates(feature.geometry).T
        bad = (abs(x) > 180) | (abs(y) > 90)
        if bad.any():
            outside.append((feature.index, x[bad][0], y[bad][0]))
    if not outside:
        return []
    index, x, y = outside[0]
    return [
        found("boundary_projected", file, None, None, lang, index=index, x=f"{x:.0f}", y=f"{y:.0f}", count=len(outside))
    ]


def elsewhere(features: list[Feature], data_dir: Path, name: str, file: str, column: str, lang: str) -> list[Problem]:
    """A code that another boundaries file already holds: the map would not know which shape to draw."""
    problems = []
    for other in boundaries.files(data_dir):
        if other.stem == name:
            continue  # the file this import replaces
        held = boundaries.by_code(other)
        problems += [
            found("boundary_elsewhere", file, None, column, lang, index=f.index, code=f.code, other=other.name)
            for f in features
            if f.code in held
        ]
    return problems


def simplified(features: list[Feature], lang: str, file: str) -> Imported:
    """The features as a collection of at most about TARGET_BYTES: first only rounded to DIGITS decimals, then
    simplified with a tolerance from a ten-thousandth of the extent's diagonal, doubled until the file fits."""
    import numpy as np
    import shapely

    geometries = np.array([f.geometry for f in features], dtype=object)
    before = len(boundaries.dumps(collection(features, geometries, digits=None)))
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    diagonal = math.hypot(maxx - minx, maxy - miny) or 1.0
    shared = bool(shapely.coverage_is_valid(geometries))
    # Rounding alone is tried only when it could fit (a vertex takes about BYTES_PER_VERTEX): a dense file skips a pass.
    fits = int(shapely.get_num_coordinates(geometries).sum()) * BYTES_PER_VERTEX <= TARGET_BYTES
    tolerance = 0.0 if fits else FIRST_TOLERANCE * diagonal
    while True:
        made = collection(features, simplify(geometries, tolerance, shared), DIGITS)
        size = len(boundaries.dumps(made))
        if size <= TARGET_BYTES or tolerance >= LAST_TOLERANCE * diagonal:
            break
        tolerance = tolerance * 2 if tolerance else FIRST_TOLERANCE * diagonal
    warnings = (
        []
        if size <= TARGET_BYTES
        else [
            found(
                "boundary_still_large",
                file,
                None,
                None,
                lang,
                size=megabytes(size),
                tolerance=f"{tolerance:.4g}",
                target=megabytes(TARGET_BYTES),
            )
        ]
    )
    return Imported(made, None, [f.code for f in features], before, size, tolerance, warnings)


def simplify(geometries, tolerance: float, shared: bool):
    """Simplified (shared borders kept shared when the shapes tile without overlap) and snapped to the kept decimals."""
    import shapely

    if tolerance:
        geometries = (
            shapely.coverage_simplify(geometries, tolerance)
            if shared
            else shapely.simplify(geometries, tolerance, preserve_topology=True)
        )
    snapped = shapely.set_precision(geometries, 10.0**-DIGITS)
    return [s if not s.is_empty else g for s, g in zip(snapped, geometries)]  # a sliver below a metre keeps its shape


def collection(features: list[Feature], geometries, digits: int | None) -> dict:
    """A FeatureCollection keyed by code (as `id` and `properties.code`), with the source's name if it had one."""
    import shapely
    from shapely.geometry import mapping

    made = []
    for feature, geometry in zip(features, geometries):
        if digits is not None:
            geometry = shapely.transform(geometry, lambda xy: xy.round(digits))
        properties = {"code": feature.code, **({"name": feature.name} if feature.name else {})}
        made.append({"type": "Feature", "id": feature.code, "properties": properties, "geometry": mapping(geometry)})
    return {"type": "FeatureCollection", "features": made}


def megabytes(size: int) -> str:
    return f"{size / 1e6:.2f} MB"
