"""Boundaries for the map (issue 12): import GeoJSON and zipped Shapefiles of a city-level snapshot, every
problem by its words, simplification under the size target, load by code, the demo's fictional districts
and the tile grid."""

import json
import math
import zipfile

import numpy as np
import pytest
import shapefile
import shapely
from shapely.geometry import shape

import cities
from chuangcheng import ROOT
from chuangcheng.cli import main
from chuangcheng.datasets import demo
from chuangcheng.geo import boundaries, grid, importer, synthetic
from chuangcheng.i18n import t

CODES = [code for code, *_ in cities.CITIES]
REGIONS = cities.region_table().set_index("code")


def square(i: int, size: float = 0.8) -> list:
    """A city's made-up square, one degree apart from the next, in eastern China's longitudes."""
    x, y = 100 + i, 30.0
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def collection(codes=CODES, prop="adcode", geometry=None) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {prop: code, "name": f"city {i}"},
                "geometry": (geometry or {}).get(i, {"type": "Polygon", "coordinates": square(i)}),
            }
            for i, code in enumerate(codes)
        ],
    }


def geojson(tmp_path, data: dict, name: str = "cities.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def imported(path, data, **options):
    return importer.import_boundaries(
        path,
        data,
        options.pop("name", "cities"),
        options.pop("code_property", "adcode"),
        regions=options.pop("regions", REGIONS),
        lang=options.pop("lang", "en"),
        **options,
    )


def messages(problems) -> list[str]:
    return [p.message for p in problems]


@pytest.fixture(scope="module")
def city_folder(tmp_path_factory):
    """A data folder whose regions are the cities' own (regions.parquet of its only snapshot)."""
    return cities.build(tmp_path_factory.mktemp("cities"))


def test_geojson_of_cities_is_imported_one_feature_per_region(tmp_path):
    result, problems = imported(geojson(tmp_path, collection()), tmp_path / "data")
    assert problems == [] and result.warnings == []
    assert result.path == tmp_path / "data" / "boundaries" / "cities.geojson"
    stored = json.loads(result.path.read_text(encoding="utf-8"))
    assert [f["properties"]["code"] for f in stored["features"]] == CODES == [f["id"] for f in stored["features"]]
    assert stored["features"][0]["properties"] == {"code": "610100", "name": "city 0"}
    assert shape(stored["features"][2]["geometry"]).equals(shape({"type": "Polygon", "coordinates": square(2)}))
    assert result.bytes_after == result.path.stat().st_size and result.tolerance == 0
    assert [p.name for p in result.path.parent.iterdir()] == ["cities.geojson"]  # no temporary file left behind


def zipped_shapefile(tmp_path, encoding: str = "utf-8"):
    """A zip of one Shapefile as a GIS tool exports it: codes as DBF numbers, names in UTF-8 with a .cpg saying
    so, or in GBK with no .cpg (as older Chinese files come)."""
    base = tmp_path / encoding / "cities"
    base.parent.mkdir()
    with shapefile.Writer(str(base), shapeType=shapefile.POLYGON, encoding=encoding) as writer:
        writer.field("ADCODE", "N", 6, 0)
        writer.field("NAME", "C", 40)
        for i, (code, zh, *_rest) in enumerate(cities.CITIES):
            writer.poly([ring[::-1] for ring in square(i)])  # clockwise: an outer ring, as shapefiles have it
            writer.record(int(code), zh)
    parts = (".shp", ".shx", ".dbf")
    if encoding == "utf-8":
        base.with_suffix(".cpg").write_text("UTF-8")
        parts += (".cpg",)
    path = base.parent / "cities.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for suffix in parts:
            archive.write(base.with_suffix(suffix), f"export/cities{suffix}")
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_zipped_shapefile_with_numeric_codes_is_imported(tmp_path, encoding):
    result, problems = imported(
        zipped_shapefile(tmp_path, encoding), tmp_path / "data", code_property="ADCODE", name=None
    )
    assert problems == []
    assert result.path.name == "cities.geojson"  # the name defaults to the file's
    features = json.loads(result.path.read_text(encoding="utf-8"))["features"]
    assert [f["id"] for f in features] == CODES  # 610100, not 610100.0
    assert [f["properties"]["name"] for f in features[:2]] == ["西安市", "成都市"]
    assert shape(features[7]["geometry"]).equals(shape({"type": "Polygon", "coordinates": square(7)}))


def test_a_dense_map_is_simplified_under_the_size_target(tmp_path):
    """Eight cities of 15,000 vertices each (over 3 MB) come out under 1.5 MB, still one area per city."""
    angles = np.linspace(0, 2 * np.pi, 15_000, endpoint=False)
    rng = np.random.default_rng(12)
    dense = {}
    for i in range(len(CODES)):
        radius = 0.4 * (1 + 0.05 * np.sin(7 * angles) + rng.uniform(-0.002, 0.002, angles.size))
        ring = np.column_stack([100.5 + i + radius * np.cos(angles), 30.5 + radius * np.sin(angles)]).round(8).tolist()
        dense[i] = {"type": "Polygon", "coordinates": [ring + [ring[0]]]}
    result, problems = imported(geojson(tmp_path, collection(geometry=dense)), tmp_path / "data")
    assert problems == []
    assert result.bytes_before > 3_000_000 > importer.TARGET_BYTES >= result.bytes_after == result.path.stat().st_size
    assert result.tolerance > 0
    for feature, original in zip(result.collection["features"], dense.values()):
        simple, before = shape(feature["geometry"]), shape(original)
        assert simple.is_valid and simple.geom_type == "Polygon"
        assert abs(simple.area - before.area) / before.area < 0.01
        assert all(len(repr(float(c)).split(".")[-1]) <= 5 for c in shapely.get_coordinates(simple).ravel())


def test_simplifying_keeps_shared_borders_shared(tmp_path):
    """Two cities meeting along a wiggly border of 40,000 vertices: simplified, they still meet without gap or overlap."""
    y = np.linspace(30, 31, 40_000)
    x = 101 + 0.02 * np.sin(y * 300) + 0.003 * np.sin(y * 7_000)
    border = np.column_stack([x, y]).round(8).tolist()
    west = [[100, 31], [100, 30]] + border + [[100, 31]]
    east = border + [[102, 31], [102, 30], border[0]]
    shapes = {0: {"type": "Polygon", "coordinates": [west]}, 1: {"type": "Polygon", "coordinates": [east]}}
    result, problems = imported(geojson(tmp_path, collection(CODES[:2], geometry=shapes)), tmp_path / "data")
    assert problems == [] and result.tolerance > 0 and result.bytes_after <= importer.TARGET_BYTES < result.bytes_before
    simple = [shape(f["geometry"]) for f in result.collection["features"]]
    assert shapely.coverage_is_valid(simple) and shapely.get_num_coordinates(simple).sum() < 20_000
    assert shapely.union_all(simple).area == pytest.approx(2.0, rel=1e-4)


def test_unknown_code_is_named_with_its_feature_and_a_suggestion(tmp_path):
    codes = CODES[:-1] + ["61010"]  # Xi'an with the last zero lost, as Excel does
    _, problems = imported(geojson(tmp_path, collection(codes[1:])), tmp_path / "data")
    assert messages(problems) == ["feature 7: code “61010” is not a known region — did you mean 610100 西安市 Xi'an?"]
    assert problems[0].file == "cities.geojson" and problems[0].column == "adcode"
    _, problems = imported(geojson(tmp_path, collection(["999999"])), tmp_path / "data", lang="zh")
    assert messages(problems) == ["第 1 个要素：代码“999999”不是已知地区——" + t("boundary_regions_hint", "zh")]
    assert not (tmp_path / "data").exists()


def test_duplicate_code(tmp_path):
    _, problems = imported(geojson(tmp_path, collection(CODES + ["510100"])), tmp_path / "data")
    assert messages(problems) == ["feature 9: code “510100” was already given to feature 2"]


def test_missing_code_property_lists_the_properties(tmp_path):
    _, problems = imported(geojson(tmp_path, collection()), tmp_path / "data", code_property="code")
    assert messages(problems) == ["no feature has the property “code”; the properties are: adcode, name"]
    data = collection()
    del data["features"][3]["properties"]["adcode"]
    _, problems = imported(geojson(tmp_path, data), tmp_path / "data")
    assert messages(problems) == ["feature 4 has no “adcode”; its properties: name"]


def test_projected_coordinates(tmp_path):
    metres = {
        i: {
            "type": "Polygon",
            "coordinates": [
                [
                    [12_958_000 + i * 1e5, 4_853_000],
                    [12_968_000 + i * 1e5, 4_853_000],
                    [12_968_000 + i * 1e5, 4_863_000],
                    [12_958_000 + i * 1e5, 4_853_000],
                ]
            ],
        }
        for i in range(len(CODES))
    }
    _, problems = imported(geojson(tmp_path, collection(geometry=metres)), tmp_path / "data")
    assert messages(problems) == [
        "feature 1 has coordinates like (12958000, 4853000), not longitude and latitude (8 features in all): "
        "reproject the file to WGS84 (EPSG:4326) first, e.g. ogr2ogr -t_srs EPSG:4326"
    ]


def test_bad_geometry_is_refused_and_a_bow_tie_repaired(tmp_path):
    flat = {"type": "Polygon", "coordinates": [[[100, 30], [101, 31], [102, 32], [100, 30]]]}  # no area at all
    point = {"type": "Point", "coordinates": [104, 30]}
    _, problems = imported(geojson(tmp_path, collection(geometry={1: flat, 4: point})), tmp_path / "data")
    assert messages(problems) == [
        "feature 2 (code “510100”): invalid geometry (Self-intersection[101 31]) that make_valid cannot turn into an area",
        "feature 5 (code “330100”): a Point is not an area (Polygon or MultiPolygon)",
    ]
    assert not (tmp_path / "data").exists()
    bow_tie = {"type": "Polygon", "coordinates": [[[100, 30], [101, 31], [101, 30], [100, 31], [100, 30]]]}
    result, problems = imported(geojson(tmp_path, collection(geometry={0: bow_tie})), tmp_path / "data")
    assert problems == [] and result.path.is_file()
    assert messages(result.warnings) == [
        "feature 1 (code “610100”): invalid geometry (Self-intersection[100.5 30.5]) repaired with make_valid"
    ]
    assert result.collection["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_nothing_is_written_on_a_problem_and_an_earlier_file_stays(tmp_path):
    data = tmp_path / "data"
    good, _ = imported(geojson(tmp_path, collection()), data)
    before = good.path.read_bytes()
    result, problems = imported(geojson(tmp_path, collection(CODES + ["000000"])), data)
    assert problems and result.path is None
    assert good.path.read_bytes() == before and sorted(p.name for p in good.path.parent.iterdir()) == ["cities.geojson"]


def test_a_code_belongs_to_one_file(tmp_path):
    data = tmp_path / "data"
    imported(geojson(tmp_path, collection(CODES[:3])), data, name="west")
    _, problems = imported(geojson(tmp_path, collection(CODES[2:4])), data, name="east")
    assert messages(problems) == [
        "feature 1: code “420100” already has a boundary in west.geojson; import under that name to replace it"
    ]
    result, problems = imported(geojson(tmp_path, collection(CODES[2:4])), data, name="west")  # replacing is fine
    assert problems == [] and boundaries.coverage(data, CODES[:4]) == (CODES[2:4], CODES[:2])


def test_check_writes_nothing_and_unreadable_files_are_named(tmp_path):
    result, problems = imported(geojson(tmp_path, collection()), tmp_path / "data", check=True)
    assert problems == [] and result.path is None and result.bytes_after > 0 and not (tmp_path / "data").exists()
    (tmp_path / "broken.geojson").write_text("{not json", encoding="utf-8")
    _, problems = imported(tmp_path / "broken.geojson", tmp_path / "data")
    assert messages(problems)[0].startswith("broken.geojson cannot be read: ")
    _, problems = imported(tmp_path / "cities.csv", tmp_path / "data", name="Cities!")
    assert messages(problems) == [
        "“Cities!” is not a boundaries name: 1 to 64 lowercase letters, digits, '.', '_' or '-'",
        "cities.csv was not found",
    ]


def test_a_zipped_shapefile_that_would_unpack_past_the_limit_is_refused_unread(tmp_path, monkeypatch):
    """A zip bomb: 25 MB of zeros as the .dbf, a few KB on disk. Ingest refused such an XLSX; the boundaries
    importer inflated it whole into memory."""
    monkeypatch.setenv("CHUANGCHENG_MAX_INFLATED_MB", "20")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("districts.shp", b"")
        archive.writestr("districts.dbf", bytes(25 * 2**20))
    assert bomb.stat().st_size < 100_000
    _, problems = imported(bomb, tmp_path / "data")
    assert [(p.file, p.row, p.column) for p in problems] == [("bomb.zip", None, None)]
    assert messages(problems) == ["unpacks to more than 20 MB (CHUANGCHENG_MAX_INFLATED_MB): refused before unpacking"]


def test_a_boundaries_file_over_the_size_limit_or_empty_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setenv("CHUANGCHENG_MAX_INGEST_MB", "1")
    big = geojson(tmp_path, collection(), "big.geojson")
    big.write_text(big.read_text(encoding="utf-8") + " " * 2**20, encoding="utf-8")
    (tmp_path / "empty.geojson").write_bytes(b"")
    _, problems = imported(big, tmp_path / "data")
    assert messages(problems) == ["the file is 1.0 MB, over the limit of 1 MB (CHUANGCHENG_MAX_INGEST_MB)"]
    _, problems = imported(tmp_path / "empty.geojson", tmp_path / "data")
    assert messages(problems) == ["the file is empty"]


def test_load_gives_only_the_codes_asked_for_and_rereads_a_changed_file(tmp_path):
    data = tmp_path / "data"
    assert boundaries.load(data, CODES) is None and boundaries.coverage(data, ["610100"]) == ([], ["610100"])
    imported(geojson(tmp_path, collection()), data)
    loaded = boundaries.load(data, ["320100", "610100", "999999", "320100"])
    assert loaded["type"] == "FeatureCollection" and [f["id"] for f in loaded["features"]] == ["320100", "610100"]
    assert boundaries.load(data, ["610100"])["features"][0] is loaded["features"][1]  # parsed once, not per run
    assert boundaries.load(data, ["999999"]) is None
    assert boundaries.coverage(data, ["999999", "610100"]) == (["610100"], ["999999"])
    imported(geojson(tmp_path, collection(CODES[:2])), data)
    assert [f["id"] for f in boundaries.load(data, CODES)["features"]] == CODES[:2]


def test_command_line_imports_against_the_snapshots_regions(city_folder, tmp_path, capsys):
    source = geojson(tmp_path, collection())
    assert main(["boundaries", str(source), "--code-property", "adcode", "--data", str(city_folder), "--check"]) == 0
    assert "8 boundaries checked" in capsys.readouterr().out and not (city_folder / "boundaries").exists()
    assert (
        main(["boundaries", str(source), "--code-property", "adcode", "--data", str(city_folder), "--name", "cities"])
        == 0
    )
    assert capsys.readouterr().out.startswith(f"wrote {city_folder / 'boundaries' / 'cities.geojson'}: 8 boundaries")
    assert boundaries.coverage(city_folder, CODES) == (CODES, [])
    wrong = geojson(tmp_path, collection(CODES[1:] + ["61010"]), "wrong.geojson")
    assert (
        main(
            [
                "boundaries",
                str(wrong),
                "--code-property",
                "adcode",
                "--data",
                str(city_folder),
                "--name",
                "cities",
                "--lang",
                "zh",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "第 8 个要素：代码“61010”不是已知地区——是否指 610100 西安市 Xi'an？" in err
    assert err.endswith("错误：共 1 个问题，未写入任何边界\n")


def test_known_regions_are_the_catalogs_and_the_snapshots(city_folder):
    known = importer.known_regions(city_folder)
    assert set(CODES) | {"990102", "990100"} <= set(known.index)


def test_demo_boundaries_are_fictional_one_per_district_and_reproducible():
    committed = ROOT / "data" / "boundaries" / "demo.geojson"
    stored = json.loads(committed.read_text(encoding="utf-8"))
    assert [f["id"] for f in stored["features"]] == sorted(d.code for d in demo.DISTRICTS)
    assert all(f["properties"]["synthetic"] is True for f in stored["features"])
    shapes = [shape(f["geometry"]) for f in stored["features"]]
    assert all(s.is_valid and s.geom_type == "Polygon" for s in shapes) and shapely.coverage_is_valid(shapes)
    minx, miny, maxx, maxy = shapely.total_bounds(shapes)
    assert (
        synthetic.BOX[0] <= minx and maxx <= synthetic.BOX[2] and synthetic.BOX[1] <= miny and maxy <= synthetic.BOX[3]
    )
    names = {f["id"]: f["properties"]["name"] for f in stored["features"]}
    made = boundaries.dumps(synthetic.districts(demo.SEATS, names, demo.SEED))
    assert made == boundaries.dumps(synthetic.districts(demo.SEATS, names, demo.SEED)) == committed.read_bytes()
    assert boundaries.load(ROOT / "data", ["990103"])["features"][0]["properties"]["name"] == "砚湖区"


def test_tile_grid_is_near_square_and_ordered_by_code():
    frame = grid.layout(["990113", "990102", "990102"] + [f"9901{i:02d}" for i in range(3, 13)])
    assert list(frame.columns) == ["code", "row", "col"] and len(frame) == 12
    assert frame["code"].tolist() == sorted(frame["code"]) and frame["code"].iloc[0] == "990102"
    assert (frame["col"].max() + 1, frame["row"].max() + 1) == (4, 3)
    assert frame[["row", "col"]].drop_duplicates().shape[0] == 12
    assert grid.layout(CODES[:5])["col"].max() + 1 == math.ceil(math.sqrt(5))
    assert grid.layout([]).empty and list(grid.layout([]).columns) == ["code", "row", "col"]


def test_a_vertex_that_is_no_finite_number_is_a_problem_not_a_traceback(tmp_path):
    """Issue 21: [NaN, NaN] or [Infinity, 0.1] in a ring crashed the importer with a GEOS traceback."""
    nan = {
        "type": "Polygon",
        "coordinates": [[[100, 30], [float("nan"), float("nan")], [101, 31], [100, 31], [100, 30]]],
    }
    infinite = {"type": "Polygon", "coordinates": [[[102, 30], [float("inf"), 0.1], [103, 31], [102, 31], [102, 30]]]}
    _, problems = imported(geojson(tmp_path, collection(geometry={0: nan, 2: infinite})), tmp_path / "data")
    assert messages(problems) == [
        "feature 1 (code “610100”): a vertex is not a finite number ([nan, nan]); every corner needs two real coordinates",
        f"feature 3 (code “{CODES[2]}”): a vertex is not a finite number ([inf, 0.1]); every corner needs two real coordinates",
    ]
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("name", ["evil\n", "a/b", "../x", "Caps"])
def test_a_map_name_is_a_plain_name(tmp_path, name):
    """Issue 21: --name $'evil\\n' was accepted (a pattern's $ matches before a final newline)."""
    _, problems = imported(geojson(tmp_path, collection()), tmp_path / "data", name=name)
    assert [p.column for p in problems] == ["--name"] or [p.file for p in problems] == ["--name"]
    assert not (tmp_path / "data").exists()
