"""Peers are a choice (#23): a region is compared with the regions of its level under its parent (the default),
with every region of its level, or with a named group shipped in the catalog (直辖市, 省会城市, 36个大中城市 …)."""

import json
import shutil

import pandas as pd
import pytest

import reference
from chuangcheng import ROOT, ingest
from chuangcheng.cli import main
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import overview
from inprocess import ask


@pytest.fixture(scope="module")
def capitals(tmp_path_factory):
    """A panel of 30 capitals (the group's 31 but Lhasa), one growth figure each in 2019, published with no regions
    file: the national list puts each under its own province, so by default none has peers."""
    data = tmp_path_factory.mktemp("peers") / "data"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    catalog = catalog_module.load(data)
    codes = [c for c in catalog.peer_groups.at["capitals", "codes"] if c != "540100"]
    figures = data.parent / "growth.csv"
    figures.write_text(
        "region_code,year,gdp_growth\n" + "".join(f"{c},2019,{5 + (i * 7) % 30 / 10}\n" for i, c in enumerate(codes)),
        encoding="utf-8",
    )
    assert ingest.ingest(ingest.Request(files=[figures], snapshot="capitals", title="30 capitals"), data).ok
    return data, codes


def opened(data) -> Database:
    from chuangcheng.store import snapshots

    return Database(snapshots.find(data, "capitals"), catalog_module.load(data))


def test_by_default_each_capital_is_under_its_province_and_has_too_few_peers(capitals):
    data, codes = capitals
    db = opened(data)
    judged = db.table("attainment").to_pandas().set_index("region_code")
    cities = judged[judged["level"] == "city"]
    assert len(cities) == 26 and set(cities["verdict"]) == {"too_few_peers"}  # alone under its province
    assert judged.loc[["110000", "120000", "310000", "500000"], "peers"].eq(4).all()  # the municipalities: each other's
    db.close()


def test_the_capitals_group_compares_the_thirty_with_their_own_mean_and_ranks_them(capitals, monkeypatch):
    data, codes = capitals
    monkeypatch.setenv("CHUANGCHENG_MIN_COVERAGE", "1")  # one indicator each: rank them anyway
    db = opened(data)
    peered = db.for_peers("capitals")
    judged = peered.table("attainment").to_pandas().set_index("region_code")
    values = pd.DataFrame(
        {"region_code": judged.index, "year": 2019, "indicator": "gdp_growth", "value": judged["value"].to_numpy()}
    )
    regions = db.regions.assign(
        parent_code=lambda f: f["parent_code"].where(~f.index.isin(codes), "capitals"),
        level=lambda f: f["level"].where(~f.index.isin(codes), "city"),
    )
    expected = reference.attainment(values, db.catalog, regions).set_index("region_code")
    assert judged["peer_mean"].iloc[0] == pytest.approx(sum(v for v in values["value"]) / 30)
    assert judged["attainment"].to_dict() == expected["attainment"].to_dict()
    view = overview.overview(peered, Params(level="city", parent="capitals", year=2019, peers="capitals"))
    ranks = reference.scores(
        expected.reset_index(), int((db.catalog.indicators["standard"] != "none").sum()), min_coverage=1
    )
    assert view.ranking.set_index("region_code")["rank"].to_dict() == ranks.set_index("region_code")["rank"].to_dict()
    assert len(view.ranking) == 30 and view.params.peers == "capitals"
    db.close()


def test_the_link_and_the_api_take_the_group_and_say_which_was_used(capitals, monkeypatch):
    data, codes = capitals
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(data))
    monkeypatch.setenv("CHUANGCHENG_MIN_COVERAGE", "1")
    status, headers, body = ask(
        "overview", "json", "snapshot=capitals&peers=capitals&level=city&parent=capitals&year=2019"
    )
    answer = json.loads(body)
    assert status == 200 and headers["x-peers"] == "capitals" and answer["peers"] == "capitals"
    assert len(answer["data"]) == 30 and {row["rank"] for row in answer["data"]} >= {1}
    status, _, body = ask("overview", "json", "snapshot=capitals&peers=nonesuch")
    assert status == 400 and "peers" in json.loads(body)["error"]
    default = json.loads(ask("overview", "json", "snapshot=capitals&level=city&parent=all&year=2019")[2])
    assert default["peers"] == "parent" and all(row["rank"] is None for row in default["data"])


def test_every_region_of_the_level_is_a_scheme_too(capitals):
    data, codes = capitals
    db = opened(data)
    judged = db.for_peers("level").table("attainment").to_pandas()
    cities = judged[judged["level"] == "city"]
    assert len(cities) == 26 and cities["peers"].eq(26).all()  # the 4 municipalities are provinces by level
    db.close()


def test_the_bulletin_from_the_command_line_names_the_group(capitals, capsys):
    data, _ = capitals
    assert (
        main(
            [
                "scorecard",
                "--data",
                str(data),
                "--snapshot",
                "capitals",
                "--year",
                "2019",
                "--region-level",
                "city",
                "--parent",
                "capitals",
                "--peers",
                "capitals",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("\n") >= 31
    assert (
        main(["scorecard", "--data", str(data), "--snapshot", "capitals", "--year", "2019", "--peers", "nonesuch"]) == 1
    )


def test_a_bulletin_ranked_among_a_group_says_so_in_its_file_name():
    from chuangcheng.render import export

    assert (
        export.scorecard_file_name("caps", 2019, "summary", "en", "csv", "capitals")
        == "chuangcheng_bulletin_caps_2019_summary_peers-capitals_en.csv"
    )
    assert (
        export.scorecard_file_name("caps", 2019, "summary", "en", "csv")
        == "chuangcheng_bulletin_caps_2019_summary_en.csv"
    )


def test_a_region_page_among_a_group_still_says_where_the_region_lies(capitals):
    from chuangcheng.views import region

    data, _ = capitals
    db = opened(data)
    view = region.region(db.for_peers("capitals"), Params(region="350100", peers="capitals"))
    assert view.title == "Fuzhou, Fujian"  # not "Fuzhou, Municipalities and provincial capitals"
    db.close()


def test_regions_under_a_peer_scheme_keep_its_parent_though_they_have_monthly_figures(demo_db):
    """#24 review: regions_present took any parent of a region's years and months alike, and under peers=level
    (parent '') the demo's districts came back now and then under their city, which the scheme's tables lack."""
    for _ in range(5):
        present = demo_db.for_peers("level").query("regions_present")
        assert set(present["parent_code"]) == {""} and len(present) == 12
