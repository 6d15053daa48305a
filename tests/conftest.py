"""Shared fixtures: the project's data, a running server for browser tests, and Playwright on system Chromium."""

import hashlib
from contextlib import contextmanager
from pathlib import Path

import pytest

from chuangcheng import ROOT, settings
from chuangcheng.dev import loadtest
from chuangcheng.model import catalog
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def shipped_catalog():
    return catalog.load(settings.data_dir())


@pytest.fixture(scope="session")
def demo_db(shipped_catalog):
    database = Database(snapshots.find(settings.data_dir(), "demo-v1"), shipped_catalog)
    yield database
    database.close()


@pytest.fixture(scope="session")
def city_data(tmp_path_factory):
    """A data folder whose only snapshot holds cities, not districts (see tests/cities.py)."""
    import cities

    return cities.build(tmp_path_factory.mktemp("cities"))


@pytest.fixture(scope="session")
def city_db(city_data):
    database = Database(snapshots.find(city_data, "cities-v1"), catalog.load(city_data))
    yield database
    database.close()


@pytest.fixture
def city_app(city_data, monkeypatch):
    """Pages run against the city data folder (the setting is read at every run)."""
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(city_data))
    monkeypatch.setenv("CHUANGCHENG_DEFAULT_DATASET", "cities")
    return city_data


@pytest.fixture(scope="session")
def reported_db(shipped_catalog):
    database = Database(snapshots.find(settings.data_dir(), "reported-v1"), shipped_catalog)
    yield database
    database.close()


# What a load remembers about checks it passed (catalog/.checked.json): a cache, not
# data; a refused ingest may leave it, and every figure and table stays as it was.
REMEMBERED_CHECKS = {catalog.CHECKED_FILE}


def data_digest(folder: Path) -> dict:
    """Every data file under a folder with its SHA-256, to show that nothing was written or changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file() and p.name not in REMEMBERED_CHECKS
    }


@pytest.fixture()
def read_only(monkeypatch):
    """read_only(folder): writing, renaming or deleting anything under folder fails as on a read-only mount
    (EROFS, which Linux gives before looking the name up, so even unlink(missing_ok=True) raises)."""
    import errno
    import os

    folders = []

    def refuse(path):
        if any(Path(os.path.abspath(path)).is_relative_to(folder) for folder in folders):
            raise OSError(errno.EROFS, "Read-only file system", str(path))

    for name in ("write_text", "write_bytes", "unlink", "touch", "mkdir"):
        original = getattr(Path, name)
        monkeypatch.setattr(
            Path, name, lambda self, *a, _original=original, **k: refuse(self) or _original(self, *a, **k)
        )
    real_replace = os.replace
    monkeypatch.setattr(
        os, "replace", lambda source, target, **k: refuse(source) or refuse(target) or real_replace(source, target, **k)
    )
    return lambda folder: folders.append(Path(os.path.abspath(folder)))


@contextmanager
def streamlit_server(log: Path, options: tuple[str, ...] = (), env: dict | None = None):
    """`streamlit run serve.py` on a free port, as `make run` starts it (the pages and the API); yields its URL."""
    port = loadtest.free_port()
    url = f"http://127.0.0.1:{port}"
    with loadtest.running(loadtest.server_command(port, options), log, url, env):
        yield url


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """One server for the whole session."""
    with streamlit_server(tmp_path_factory.mktemp("server") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "accept_downloads": True}


def pytest_collection_modifyitems(items):
    for item in items:
        if {"page", "app_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)  # needs the real server: runs with the browser tests
