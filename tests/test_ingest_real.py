"""Issue 9, end to end with a steward's messy city panel: English names with suffixes, typos and trailing
spaces, a code that lost a digit, blanks, GDP in 10k yuan, a notes column, an outlier. Problems come
grouped with suggestions a person recognises; a mapping and a regions file fix them; a dry run writes
nothing; the published snapshot holds its own regions and opens on every question."""

import hashlib
import shutil

import pandas as pd
import pytest

from chuangcheng import ROOT, ingest
from chuangcheng.cli import main
from chuangcheng.ingest import report
from chuangcheng.model import catalog
from chuangcheng.model.params import Params
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database
from chuangcheng.views import data as data_view
from chuangcheng.views import overview

CITIES = {  # as the file writes them -> code
    "Xian City ": "610100", "Chengdu": "510100", "Wuhan City": "420100", "Nanjing ": "320100", "Hangzhou": "330100", "Tsingtao": "370200",
}
REGIONS = (
    "code,parent_code,level,name_zh,name_en,aliases\n"
    "610100,,city,西安市,Xi'an,\n510100,,city,成都市,Chengdu,\n420100,,city,武汉市,Wuhan,\n"
    "320100,,city,南京市,Nanjing,\n330100,,city,杭州市,Hangzhou,\n370200,,city,青岛市,Qingdao,\n"
)
MAPPING = """ignore = ["Notes"]

[columns]
region = "City"
year = "Year"

[indicators]
"GDP (10k yuan)" = "gdp"
"Green coverage (%)" = "built_up_green_coverage"

[units]
gdp = "10k yuan"

[aliases]
"Tsingtao" = "370200"
"61010" = "610100"

[filter]
years = [2008, 2012]

[defaults]
source = "City statistical yearbooks 2009-2013"
status = "reported"
"""


def panel() -> str:
    """30 rows, 2008-2012, written as a bureau's spreadsheet export often is."""
    lines = ["City,Year,GDP (10k yuan),Green coverage (%),Notes"]
    for i, (city, code) in enumerate(CITIES.items()):
        for year in range(2008, 2013):
            gdp = 20_000_000 + 3_000_000 * i + 1_500_000 * (year - 2008)
            if city == "Wuhan City" and year == 2010:
                gdp *= 100  # the outlier: a unit slip
            green = "" if city == "Hangzhou" and year == 2009 else f"{38 + i + 0.4 * (year - 2008):.1f}"
            name = "61010" if city == "Xian City " and year == 2012 else city
            lines.append(f"{name},{year},\"{gdp:,}\",{green},{'revised' if year == 2012 else ''}")
    lines.append("Chengdu,2007,\"19,000,000\",37.0,")  # outside the mapping's years: left out, not a problem
    return "\n".join(lines) + "\n"


@pytest.fixture
def steward(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    files = tmp_path / "in"
    files.mkdir()
    (files / "panel.csv").write_text(panel(), encoding="utf-8")
    (files / "regions.csv").write_text(REGIONS, encoding="utf-8")
    (files / "panel.toml").write_text(MAPPING, encoding="utf-8")
    return data, files


def digest(folder) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def request(files, **options) -> ingest.Request:
    return ingest.Request(files=[files / "panel.csv"], snapshot="cities-2012", title="Six cities", dataset="cities", **options)


def test_without_the_mapping_every_problem_is_grouped_and_named(steward):
    data, files = steward
    result = ingest.ingest(request(files, regions=files / "regions.csv"), data, publish=False)
    lines = report.text(result.problems, "en").splitlines()
    assert lines == [
        "File       Row  Rows  Column       Problem",
        "panel.csv  1    1     region_code  required column is missing",
        "panel.csv  1    1     year         required column is missing",
    ]  # without knowing which column holds the region and the year, no row can be read


def test_with_columns_mapped_the_rows_problems_are_grouped_with_suggestions(steward, tmp_path):
    data, files = steward
    columns_only = tmp_path / "columns.toml"
    columns_only.write_text('[columns]\nregion = "City"\nyear = "Year"\n', encoding="utf-8")
    result = ingest.ingest(request(files, regions=files / "regions.csv", mapping=columns_only), data, publish=False)
    table = report.frame(result.problems, "en").set_index("Problem")
    assert table.loc["unknown indicator “GDP (10k yuan)” (closest: gdp_per_capita)", "Column"] == "GDP (10k yuan)"
    assert table.loc["unknown indicator “Green coverage (%)” (closest: built_up_green_coverage)", "Row"] == "1"
    assert table.loc["unknown indicator “Notes” (closest: —)", "Row"] == "1"
    tsingtao = table.loc["unknown region “Tsingtao” (no region is close: add it with a regions file, or an alias in the mapping)"]
    assert (tsingtao["Row"], tsingtao["Rows"]) == ("27–31", 5)  # once per row, not once per indicator column
    lost_digit = table.loc["unknown region “61010” — did you mean 610100 西安市 Xi'an?"]
    assert (lost_digit["Row"], lost_digit["Rows"]) == ("6", 1)
    assert not any("Xian City" in p.message or "Wuhan City" in p.message for p in result.problems)  # suffixes and spaces match


def test_the_mapping_fixes_them_a_dry_run_writes_nothing_and_publishing_works(steward, capsys):
    data, files = steward
    catalog_before = digest(data / "catalog")
    arguments = ["ingest", str(files / "panel.csv"), "--snapshot", "cities-2012", "--dataset", "cities", "--data", str(data),
                 "--mapping", str(files / "panel.toml"), "--regions", str(files / "regions.csv")]
    assert main(arguments + ["--check"]) == 0
    out = capsys.readouterr()
    assert "Dry run: nothing written. 59 values and 0 survey answers would be published." in out.out
    assert "420100 gdp 2010 is 10 times or a tenth of its neighbouring years" in out.err.replace("for ", "")
    assert not (data / "snapshots" / "cities-2012").exists()
    assert main(arguments) == 0
    capsys.readouterr()
    assert digest(data / "catalog") == catalog_before
    manifest = snapshots.find(data, "cities-2012")
    own = pd.read_parquet(manifest.file("regions.parquet"))
    assert set(own["code"]) == set(CITIES.values()) and set(own["level"]) == {"city"}
    values = pd.read_parquet(manifest.file("observations.parquet"))
    xian = values[(values["region_code"] == "610100") & (values["indicator"] == "gdp")].sort_values("year")
    assert xian["value"].tolist() == [2000.0, 2150.0, 2300.0, 2450.0, 2600.0]  # 10k yuan -> 100 million yuan
    assert set(values["source"]) == {"City statistical yearbooks 2009-2013"} and values["year"].min() == 2008


def test_the_published_cities_open_on_the_overview_and_export(steward):
    data, files = steward
    result = ingest.ingest(request(files, regions=files / "regions.csv", mapping=files / "panel.toml"), data)
    assert result.ok
    database = Database(result.manifest, catalog.load(data))
    view = overview.overview(database, Params(lang="zh"))
    assert view.title == "全部城市 2012年" and set(view.ranking["region_code"]) <= set(CITIES.values())
    rows = data_view.data_rows(database, Params(regions=("370200",), indicators=("built_up_green_coverage",))).rows
    assert rows["value"].tolist() == [43.0, 43.4, 43.8, 44.2, 44.6]
    database.close()


def test_a_bad_mapping_is_named_never_a_traceback(steward, tmp_path, capsys):
    data, files = steward
    bad = tmp_path / "bad.toml"
    bad.write_text('[indicators]\n"GDP (10k yuan)" = "gpd"\n"Green" = ""\n[units]\ngdp = "dollars"\n[defaults]\nstatus = "guessed"\n', encoding="utf-8")
    assert main(["ingest", str(files / "panel.csv"), "--snapshot", "x", "--data", str(data), "--mapping", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "indicators.GDP (10k yuan)" in err and "“gpd” is not an indicator code of the catalog (closest: gdp" in err
    assert "indicators.Green" in err and "units.gdp" in err and "unit “dollars” does not convert" in err
    assert "defaults.status" in err and "Traceback" not in err
    broken = tmp_path / "broken.toml"
    broken.write_text("[columns\nregion = 1\n", encoding="utf-8")
    assert main(["ingest", str(files / "panel.csv"), "--snapshot", "x", "--data", str(data), "--mapping", str(broken)]) == 1
    assert "broken.toml  1" in capsys.readouterr().err
