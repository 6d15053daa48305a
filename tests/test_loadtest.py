"""Issue 15, item 8: the load benchmark (`python -m chuangcheng bench --load N`), run briefly against a real
server, and one snapshot served alike by two processes (the scale-out way in deploy/haproxy.cfg)."""

import json
import os
import subprocess
import random
import sys
import urllib.parse
import urllib.request

import pytest

from chuangcheng import ROOT
from chuangcheng.dev import loadtest
from chuangcheng.errors import ChuangchengError
from chuangcheng.model.params import Params
from conftest import streamlit_server


@pytest.mark.parametrize(
    "url", ["http://example.com:8501", "http://10.0.0.8:8501", "ws://127.0.0.1:8501", "http://127.0.0.1.example.com"]
)
def test_the_load_is_aimed_at_this_machine_only(url):
    with pytest.raises(ChuangchengError, match="this machine"):
        loadtest.check_local(url)


def test_local_addresses_are_taken():
    assert loadtest.check_local("http://localhost:8501/") == "http://localhost:8501"
    assert loadtest.check_local("http://127.0.0.1:9") == "http://127.0.0.1:9"


def test_every_visit_is_a_link_the_pages_take():
    choices = loadtest.Choices(
        regions=["990101", "990102", "990103"], year=2025, years=(2013, 2025), indicators=["gdp", "gdp_growth"]
    )
    rng = random.Random(1)
    visits = [loadtest.visit(rng, choices) for _ in range(200)]
    assert {page for page, _ in visits} == set(loadtest.PAGES)
    for _, query in visits:
        Params.from_query(dict(urllib.parse.parse_qs(query)))  # raises on a value of the wrong kind


def test_memory_is_read_for_a_process_and_its_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in loadtest.family(os.getpid())
        assert loadtest.rss_mb(os.getpid()) > loadtest.rss_mb(child.pid) > 0
    finally:
        child.kill()
        child.wait()


def test_a_brief_load_has_no_errors_and_reports_page_times_and_memory(app_url, tmp_path):
    out = tmp_path / "load.json"
    command = [
        sys.executable,
        "-m",
        "chuangcheng",
        "bench",
        "--load",
        "2",
        "--pause",
        "1",
        "--duration",
        "10",
        "--settle",
        "2",
        "--url",
        app_url,
        "--out",
        str(out),
    ]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr
    result = json.loads(out.read_text())
    assert result["errors"] == 0, result["error_samples"]
    assert (
        result["page_runs"] >= 2
        and 0 < result["p50_s"] <= result["p95_s"] <= result["max_s"]
        and result["runs_per_s"] > 0
    )
    memory = result["memory"]
    assert all(memory[key] > 0 for key in ("idle_mb", "peak_mb", "after_mb")) and memory["settle_s"] == 2
    assert "page runs a second" in finished.stdout and "server memory" in finished.stdout


def same_page(url: str, deltas: list) -> list[bytes]:
    """A page's elements as bytes, less what differs by design between processes: the server's own address
    and the random id of a download prepared on demand."""
    elements = []
    for delta in deltas:
        if delta.new_element.WhichOneof("type") == "download_button":
            delta.new_element.download_button.ClearField("deferred_file_id")
        elements.append(delta.SerializeToString().replace(url.encode(), b"SERVER"))
    return elements


@pytest.mark.browser  # two real servers
def test_two_processes_serve_the_same_snapshot(tmp_path):
    with streamlit_server(tmp_path / "one.log") as one, streamlit_server(tmp_path / "two.log") as two:
        for page, query in (
            ("district", "district=990103&year=2020&lang=zh"),
            ("compare", "districts=990103&districts=990105&indicators=gdp"),
        ):
            (error_one, first), (error_two, second) = (
                loadtest.page_deltas(one, page, query),
                loadtest.page_deltas(two, page, query),
            )
            assert error_one == error_two == "" and len(first) > 10
            assert same_page(one, first) == same_page(two, second)
        api = "/api/data.csv?districts=990103&districts=990110&indicators=gdp&years=2015&years=2020&lang=zh"
        answers = [urllib.request.urlopen(url + api, timeout=60) for url in (one, two)]
        assert answers[0].headers["X-Snapshot"] == answers[1].headers["X-Snapshot"] == "demo-v1"
        assert answers[0].read() == answers[1].read()


@pytest.mark.browser  # needs Debian's haproxy, which make test installs with the browsers (make test-fast does not)
def test_the_load_balancer_configuration_is_valid(tmp_path):
    """The shipped configuration, and the one the benchmark derives from it for its own servers (make test
    installs Debian's haproxy with the browsers)."""
    derived = tmp_path / "haproxy.cfg"
    derived.write_text(
        loadtest.balancer_config(18501, ["http://127.0.0.1:18511", "http://127.0.0.1:18512", "http://127.0.0.1:18513"])
    )
    for config in (ROOT / "deploy" / "haproxy.cfg", derived):
        checked = subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    text = derived.read_text()
    settings = [line.split("#")[0] for line in text.splitlines()]
    assert any("bind 127.0.0.1:18501" in line for line in settings) and not any(
        ":8511" in line or ":8501" in line for line in settings
    )
    assert [line.split()[:3] for line in text.splitlines() if line.strip().startswith("server ")] == [
        ["server", "app1", "127.0.0.1:18511"],
        ["server", "app2", "127.0.0.1:18512"],
        ["server", "app3", "127.0.0.1:18513"],
    ]
    assert "cookie CHUANGCHENG_PROCESS insert" in text and "balance leastconn" in text


@pytest.mark.browser  # two real servers and HAProxy
def test_a_brief_load_on_two_processes_behind_haproxy_counts_both_servers_memory(tmp_path):
    out = tmp_path / "load.json"
    command = [
        sys.executable,
        "-m",
        "chuangcheng",
        "bench",
        "--load",
        "4",
        "--pause",
        "0.5",
        "--duration",
        "8",
        "--settle",
        "1",
        "--processes",
        "2",
        "--out",
        str(out),
    ]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert finished.returncode == 0, finished.stderr
    result = json.loads(out.read_text())
    assert result["errors"] == 0, result["error_samples"]
    assert result["processes"] == 2 and result["page_runs"] >= 4
    # two Streamlit servers, each well over 100 MB once warm: HAProxy's few MB alone would be far less
    assert result["memory"]["idle_mb"] > 200 and result["memory"]["idle_threads"] > 20
    assert "on 2 server processes behind HAProxy" in finished.stdout


def test_several_processes_are_started_by_the_script_not_asked_of_a_running_server(app_url):
    with pytest.raises(ChuangchengError, match="cannot be given with --url"):
        loadtest.run(2, 1, 5, 0, app_url, ROOT / "data", processes=2)
