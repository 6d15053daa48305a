"""Issue 12, URL = API: every question as CSV and JSON at /api/<question>.<fmt>, served with the pages by
serve.py (as `make run` starts it); the same numbers as the views, the data page's bytes, 4xx for bad input."""

import io
import json
import subprocess
import sys
import urllib.error
import urllib.request

import pandas as pd
import pytest

from inprocess import ask, respond, streamed

from chuangcheng import ROOT
from chuangcheng.app import api
from chuangcheng.render import export
from chuangcheng.model.params import Params
from chuangcheng.views import overview


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.mark.parametrize("question", list(api.QUESTIONS))
def test_every_question_answers_json_and_csv(app_url, question):
    link = "lang=en&district=990110&districts=990110&districts=990103&indicators=gdp&years=2020&years=2021"
    status, headers, body = get(f"{app_url}/api/{question}.json?{link}")
    assert status == 200, body
    answer = json.loads(body)
    assert answer["snapshot"] == "demo-v1" and answer["rows"] == len(answer["data"]) > 0
    status, headers, body = get(f"{app_url}/api/{question}.csv?{link}")
    assert status == 200 and headers["x-rows"] == str(answer["rows"]) and body.startswith(b"\xef\xbb\xbf")


def test_the_ranking_is_the_views_ranking(app_url, demo_db):
    status, _, body = get(f"{app_url}/api/overview.json?year=2019&parent=990100")
    expected = overview.overview(demo_db, Params(year=2019, parent="990100")).ranking
    got = pd.DataFrame(json.loads(body)["data"])
    assert got["region_code"].tolist() == expected["region_code"].tolist()
    assert (
        got["score_rate"].tolist() == expected["score_rate"].tolist()
        and got["rank"].tolist() == expected["rank"].tolist()
    )


def test_a_scorecard_as_json_matches_the_query(app_url, demo_db):
    status, _, body = get(f"{app_url}/api/region.json?district=990107&year=2016")
    got = pd.DataFrame(json.loads(body)["data"]).set_index("indicator")
    expected = demo_db.query("region_scorecard", region="990107", year=2016).set_index("indicator")
    assert got["credit"].to_dict() == expected["credit"].to_dict()


def test_the_data_csv_is_the_data_pages_download_byte_for_byte(app_url):
    query = "districts=990102&districts=990109&indicators=gdp&indicators=campaign_satisfaction_rate&years=2018&years=2021&lang=zh"
    _, _, body = get(f"{app_url}/api/data.csv?{query}")
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "chuangcheng",
            "export",
            "--snapshot",
            "demo-v1",
            "--districts",
            "990102",
            "990109",
            "--indicators",
            "gdp",
            "campaign_satisfaction_rate",
            "--years",
            "2018",
            "2021",
            "--lang",
            "zh",
        ],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    assert body == cli  # and the CLI's bytes are the page's (test_browser_pages)


BAD_PARAMETERS = [
    ("year=19x9", 400, "year = '19x9': not a year"),
    ("district=123456", 400, "district = 123456 is not in snapshot demo-v1"),
    ("snapshot=nope", 400, "snapshot 'nope' not found"),
    ("years=2020", 400, "needs two years"),
    ("lang=fr", 400, "one of en, zh"),
]


@pytest.mark.parametrize("query, status, words", BAD_PARAMETERS)
def test_bad_parameters_are_a_4xx_with_a_clear_message(app_url, query, status, words):
    code, _, body = get(f"{app_url}/api/region.json?{query}")
    assert code == status and words in json.loads(body)["error"]


@pytest.mark.parametrize("query, status, words", BAD_PARAMETERS)
def test_bad_parameters_are_a_4xx_in_process_too(query, status, words):
    """Issue 26: the fast suite calls the endpoint itself, so a value the snapshot lacks is a 400 there too."""
    code, _, body = ask("region", "json", query)
    assert code == status and words in json.loads(body)["error"]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_answer_over_the_row_limit_is_a_413_and_one_at_it_is_served(fmt, monkeypatch):
    """Issue 26: the row limit in both formats, at its boundary (the limit itself is served)."""
    query = "districts=990102&districts=990109&indicators=gdp&years=2018&years=2021"
    code, headers, _ = ask("data", fmt, query)
    rows = int(headers["x-rows"])
    assert code == 200 and rows == 8
    monkeypatch.setenv("CHUANGCHENG_API_MAX_ROWS", str(rows))
    assert ask("data", fmt, query)[0] == 200
    monkeypatch.setenv("CHUANGCHENG_API_MAX_ROWS", str(rows - 1))
    code, _, body = ask("data", fmt, query)
    assert code == 413 and "8 rows is more than the 7 this endpoint returns" in json.loads(body)["error"]


def test_unknown_endpoints_and_the_index(app_url):
    assert get(f"{app_url}/api/nothing.json")[0] == 404
    code, _, body = get(f"{app_url}/api/index.json")
    assert code == 200 and [e["path"] for e in json.loads(body)["endpoints"]] == [
        f"/api/{q}.json" for q in api.QUESTIONS
    ]


def test_the_readme_lists_every_endpoint():
    """The README's table is written by api.endpoints_markdown(), so it cannot drift from the code."""
    assert api.endpoints_markdown() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_data_answer_carries_the_same_reading_columns_in_json_and_csv():
    """Issue 21: the JSON gave raw rows (87.0646067416, qualifier '=') where the CSV and the page gave the
    catalog's decimals, ≥/≤ and source titles; both now read alike, and precision=full gives the stored doubles."""
    query = "districts=990102&indicators=gdp&indicators=campaign_satisfaction_rate&years=2019&years=2020&lang=zh"
    _, _, body = ask("data", "json", query)
    answer = json.loads(body)
    _, headers, csv = ask("data", "csv", query)
    from_csv = pd.read_csv(
        io.BytesIO(csv), encoding="utf-8-sig", dtype={"地区代码": str, "限定": str}, keep_default_na=False
    )
    assert (
        answer["columns"] == list(from_csv.columns) and answer["rows"] == len(from_csv) == int(headers["x-rows"]) == 4
    )
    got = pd.DataFrame(answer["data"])
    assert got["数值"].tolist() == from_csv["数值"].tolist() and got["地区名称"].tolist() == ["栖云区"] * 4
    rates = got[got["指标代码"] == "campaign_satisfaction_rate"]
    assert all(round(v, 1) == v for v in rates["数值"]) and rates["下限"].notna().all()
    _, _, full = ask("data", "json", query + "&precision=full")
    exact = pd.DataFrame(json.loads(full)["data"])
    assert any(round(v, 1) != v for v in exact["数值"])
    assert ask("data", "json", query + "&precision=rough")[0] == 400


@pytest.mark.parametrize(
    "query, status, words",
    [
        ("year=" + "9" * 5000, 400, "not a year"),
        ("year=²⁰²⁵", 400, "not a year"),
        ("year=２０２５", 400, "not a year"),
        ("year=٢٠٢٥", 400, "not a year"),
        ("year=2025&year=2024", 400, "year = '2025, 2024': given 2 times; give it once"),
        ("show=pie", 400, "show = 'pie': one of chart, table, map"),
        ("aspect=A99", 400, "aspect = A99 is not in snapshot demo-v1"),
        ("indicator=nope", 400, "indicator = nope is not in snapshot demo-v1"),
        ("district=nope", 400, "district = nope is not in snapshot demo-v1"),
        ("x=" + "a" * 20_000, 414, "at most 16,384 are read"),
        ("&".join(f"k{i}=1" for i in range(2001)), 400, "more than 2,000 parameters"),
    ],
)
def test_bad_parameters_are_4xx_never_500_nor_a_guess(query, status, words):
    """Issue 21: 5,000 nines and ²⁰²⁵ were 500s, a year given twice took the last, and data?district=nope
    returned every district; a query of 29,000 keys was read in quadratic time."""
    for question in ("data", "region"):
        code, _, body = ask(question, "json", query)
        assert (code, question) == (status, question) and words in json.loads(body)["error"], body[:300]


def test_a_huge_query_is_refused_by_its_length_before_it_is_parsed(monkeypatch):
    import urllib.parse

    parsed_at_all = []
    monkeypatch.setattr(urllib.parse, "parse_qsl", lambda *a, **k: parsed_at_all.append(1) or [])
    monkeypatch.setattr(api, "parse_qsl", lambda *a, **k: parsed_at_all.append(1) or [])
    code, _, _ = ask("region", "json", "&".join(f"k{i}=1" for i in range(20_000)))
    assert code == 414 and parsed_at_all == []


def test_rows_over_the_limit_are_refused_before_they_are_loaded(monkeypatch):
    """Issue 21: a 2.76M-row answer was loaded (265 MB to 1.27 GB) and only then refused."""
    from chuangcheng.store.db import Database

    loaded = []
    real = Database.many_rows
    monkeypatch.setattr(Database, "many_rows", lambda self, name, **p: loaded.append(name) or real(self, name, **p))
    monkeypatch.setenv("CHUANGCHENG_API_MAX_ROWS", "100")
    code, _, body = ask("data", "csv", "indicators=gdp")
    assert (
        code == 413 and loaded == [] and "rows is more than the 100 this endpoint returns" in json.loads(body)["error"]
    )


def test_every_question_is_answered_off_the_event_loop(monkeypatch):
    """Issue 21: the API's work ran on the server's event loop, so one slow question held every page and the health check."""
    import asyncio

    on_a_loop = []

    def running_loop() -> bool:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    real = api.respond
    monkeypatch.setattr(api, "respond", lambda *a: on_a_loop.append(running_loop()) or real(*a))
    assert ask("region", "json", "district=990102&year=2020")[0] == 200
    assert on_a_loop == [False]  # answered in a worker thread, with no event loop to hold


def test_a_large_csv_answer_streams_the_same_bytes(monkeypatch):
    query = "districts=990102&districts=990103&indicators=gdp&years=2013&years=2025"
    whole = ask("data", "csv", query)[2]
    monkeypatch.setattr(api, "STREAM_ROWS", 5)
    monkeypatch.setattr(export, "CSV_SLICE", 7)
    response = respond("data", "csv", query)
    assert not hasattr(response, "body") and streamed(response) == whole


def test_a_damaged_newest_default_is_passed_over_and_named(tmp_path, monkeypatch):
    """Issue 21: when the default dataset's newest snapshot was damaged the API answered 503 while the pages
    showed the one before; it now answers from that one too and says why in X-Snapshot-Notice and `notice`."""
    import shutil
    from urllib.parse import unquote

    from chuangcheng import ROOT
    from chuangcheng.store import integrity

    shutil.copytree(ROOT / "data" / "catalog", tmp_path / "catalog")
    shutil.copytree(ROOT / "data" / "snapshots" / "demo-v1", tmp_path / "snapshots" / "demo-v1")
    newer = tmp_path / "snapshots" / "demo-v2"
    shutil.copytree(ROOT / "data" / "snapshots" / "demo-v1", newer)
    fields = json.loads((newer / "manifest.json").read_text(encoding="utf-8"))
    (newer / "manifest.json").write_text(
        json.dumps({**fields, "id": "demo-v2", "created": "2099-01-01T00:00:00+00:00"}), encoding="utf-8"
    )
    raw = bytearray((newer / "survey.parquet").read_bytes())
    raw[len(raw) // 2] ^= 1
    (newer / "survey.parquet").write_bytes(bytes(raw))
    integrity._known.clear()
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(tmp_path))
    code, headers, body = ask("region", "json", "district=990102&year=2020")
    answer = json.loads(body)
    assert code == 200 and headers["x-snapshot"] == answer["snapshot"] == "demo-v1"
    assert "Snapshot demo-v2 is damaged and is not served: survey.parquet differs" in answer["notice"]
    assert unquote(headers["x-snapshot-notice"]) == answer["notice"]


def test_an_answer_is_built_once_per_snapshot_state_and_parameters(monkeypatch):
    """Issue 21: the national bulletin was built at every call (13-17 s, then about half a second): an answer of
    a few rows is kept, and a changed snapshot file is a new state, so it is asked again."""
    built = []
    from chuangcheng.views import registry

    real = registry.QUESTIONS["bulletin"]
    monkeypatch.setitem(
        registry.QUESTIONS,
        "bulletin",
        registry.Question(lambda db, p: built.append(p) or real.view(db, p), real.table, real.help),
    )
    first = ask("bulletin", "json", "parent=990100&year=2021&lang=zh")
    assert ask("bulletin", "json", "parent=990100&year=2021&lang=zh") == first and len(built) == 1
    ask("bulletin", "json", "parent=990100&year=2022&lang=zh")
    assert len(built) == 2
