"""#24: one database cache per process, which the pages and the API share (each held its own before, and the
API's was never emptied)."""

from chuangcheng.app import api
from chuangcheng.store.opened import DATABASES, Databases


def test_a_snapshot_state_is_opened_once_and_the_oldest_dropped_past_the_limit():
    opened = []
    cache = Databases(most=2)

    def opening(name):
        return lambda: opened.append(name) or name

    assert cache.get("a", "k1", opening("a1")) == "a1" and cache.get("a", "k1", opening("again")) == "a1"
    assert cache.get("a", "k2", opening("a2")) == "a2"  # a new serving key (a republish, a changed file): opened again
    cache.get("b", "k1", opening("b1"))
    assert opened == ["a1", "a2", "b1"]
    assert cache.get("a", "k1", opening("a1 again")) == "a1 again"  # dropped for room, so opened anew


def test_the_api_and_the_pages_read_one_opened_snapshot():
    found = api.opened("demo-v1", "en")

    def never():
        raise AssertionError("opened a second time")

    assert DATABASES.get("demo-v1", found.key, never) is found.db  # what a page asks for under the same key


def test_a_slow_open_holds_up_no_other_snapshot_and_opens_once():
    import threading

    cache = Databases()
    started, release, opened = threading.Event(), threading.Event(), []

    def slow():
        started.set()
        release.wait(5)
        opened.append("slow")
        return "slow"

    first = threading.Thread(target=cache.get, args=("national", "k", slow))
    second = threading.Thread(target=cache.get, args=("national", "k", lambda: opened.append("again") or "again"))
    first.start()
    started.wait(5)
    second.start()
    assert cache.get("demo", "k", lambda: "demo") == "demo"  # answered while the national snapshot is opening
    release.set()
    first.join(5), second.join(5)
    assert opened == ["slow"] and cache.get("national", "k", lambda: "never") == "slow"
