"""Issue 12, the map tab in a real browser: one shape per district on the demo, a click opens that district,
and a city-level snapshot gets a tile grid until a steward imports boundaries, then its own shapes."""

import json
import re
import shutil

import pytest
from playwright.sync_api import Page, expect

import cities
from browser import open_page, wait_for_app_run
from chuangcheng.cli import main
from conftest import streamlit_server


def test_the_demo_map_draws_one_shape_per_district_and_a_click_opens_it(page: Page, app_url, demo_db):
    open_page(page, f"{app_url}/?lang=en&show=map&indicator=air_good_days_ratio&year=2024")
    shapes = page.locator(".js-plotly-plot path.choroplethlocation")
    expect(shapes).to_have_count(12)
    expect(page.get_by_text("fictional shapes made by the generator")).to_be_visible()
    target = page.locator(".js-plotly-plot").filter(has=page.locator("path.choroplethlocation")).first
    codes = target.evaluate(
        "gd => gd.data.filter(trace => trace.type === 'choropleth').flatMap(trace => Array.from(trace.locations))"
    )
    assert sorted(codes) == sorted(
        demo_db.query("scope_ranking", level="district", parent="990100", year=2024)["region_code"]
    )
    shapes.nth(3).scroll_into_view_if_needed()
    box = shapes.nth(3).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app_run(page)
    expect(page).to_have_url(re.compile(r"/district\?district=99.*year=2024"), timeout=15_000)  # waited for, as above


@pytest.fixture(scope="module")
def city_folder(city_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("city-map") / "data"
    shutil.copytree(city_data, folder)
    return folder


def test_a_city_snapshot_gets_a_tile_grid_then_its_own_shapes_once_imported(page: Page, city_folder, tmp_path):
    env = {"CHUANGCHENG_DATA_DIR": str(city_folder), "CHUANGCHENG_DEFAULT_DATASET": "cities"}
    with streamlit_server(tmp_path / "streamlit.log", env=env) as url:
        open_page(page, f"{url}/?lang=zh&show=map")
        expect(page.get_by_text("本数据文件夹中没有这些地区的边界")).to_be_visible()
        tiles = (
            page.locator(".js-plotly-plot")
            .filter(has=page.locator(".gtitle", has_text=" · 2017"))
            .locator(".scatterlayer .point")
        )  # a click mark a tile
        expect(tiles).to_have_count(len(cities.CITIES))
        # A steward's GeoJSON of the eight cities, keyed by its own property name.
        features = [
            {
                "type": "Feature",
                "properties": {"adcode": code},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[100 + i, 30], [100.8 + i, 30], [100.8 + i, 30.8], [100 + i, 30.8], [100 + i, 30]]
                    ],
                },
            }
            for i, (code, *_) in enumerate(cities.CITIES)
        ]
        source = tmp_path / "cities.geojson"
        source.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
        assert (
            main(
                ["boundaries", str(source), "--code-property", "adcode", "--name", "cities", "--data", str(city_folder)]
            )
            == 0
        )
        open_page(page, f"{url}/?lang=zh&show=map")
        expect(page.locator(".js-plotly-plot path.choroplethlocation")).to_have_count(len(cities.CITIES))
        expect(page.get_by_text("本数据文件夹中没有这些地区的边界")).to_have_count(0)
        page.screenshot(path="test-artifacts/cities-map-zh.png", full_page=True)
