"""Issue 15, administrators: password attempts limited with backoff and lockout, failures logged without
the password, and Streamlit's upload endpoint refusing any session that is not a signed-in administrator's."""

import logging
import urllib.error
import urllib.request

import pytest
import asyncio
from concurrent.futures import ThreadPoolExecutor

from chuangcheng.app import guard
from test_page_snapshots import data, snapshots_page  # noqa: F401  (the fixture is used by name)

SECRETS = {"chuangcheng": {"admin_password": "s3cret"}}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_attempts_are_free_then_each_failure_doubles_the_lockout():
    clock = Clock()
    attempts = guard.Attempts(clock=clock)
    who = guard.keys("session-a", "10.0.0.1")
    assert [attempts.failed(who) for _ in range(5)] == [0, 0, 0, 0, 0] and attempts.wait(who) == 0
    assert attempts.failed(who) == 30 and attempts.wait(who) == 30
    clock.now += 30
    assert attempts.wait(who) == 0 and attempts.failed(who) == 60
    attempts.succeeded(who)
    assert attempts.wait(who) == 0 and attempts.failed(who) == 0


def test_a_lockout_holds_for_every_session_of_the_address_and_is_capped():
    clock = Clock()
    attempts = guard.Attempts(clock=clock)
    for _ in range(20):
        attempts.failed(guard.keys("tab-1", "10.0.0.9"))
    assert attempts.wait(guard.keys("a-new-tab", "10.0.0.9")) == guard.Attempts.longest
    assert attempts.wait(guard.keys("a-new-tab", "10.0.0.10")) == 0


def test_a_failure_is_logged_without_the_password(caplog):
    with caplog.at_level(logging.WARNING, logger="chuangcheng.admin"):
        guard.Attempts().failed(guard.keys("session-b", None))
    assert "session session-b" in caplog.text and "address local" in caplog.text


@pytest.fixture
def fresh_attempts(monkeypatch):
    monkeypatch.setattr(guard, "PASSWORDS", guard.Attempts())


def test_the_page_locks_out_after_five_wrong_passwords_and_counts_a_repeat_once(data, fresh_attempts):  # noqa: F811
    at = snapshots_page(SECRETS)
    at.text_input(key="admin_password").input("guess").run()
    at.run()  # the same refused password on another rerun is not another attempt
    assert [record.failures for record in guard.PASSWORDS._records.values()] == [1, 1]  # its session, its address
    for guess in ("a", "b", "c", "d", "e"):
        at.text_input(key="admin_password").input(guess).run()
    at.run()
    assert any("try again in 30 s" in w.value for w in at.warning)
    assert len(at.text_input) == 0 and len(at.get("file_uploader")) == 0  # not even the right one gets in now


def test_the_right_password_signs_in_grants_uploads_and_signing_out_revokes_them(data, fresh_attempts):  # noqa: F811
    at = snapshots_page(SECRETS)
    at.text_input(key="admin_password").input("s3cret").run()
    assert len(at.get("file_uploader")) == 3 and len(guard._administrators) == 1
    session = next(iter(guard._administrators))
    at.button(key="sign_out").click().run()
    assert len(at.get("file_uploader")) == 0 and not guard.is_administrator(session)


def put(path: str) -> tuple[int, bytes]:
    """A PUT through the guard to an app that stores anything it is given (an ASGI call, no network)."""

    async def stored(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"stored"})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"x" * 1000, "more_body": False}

    call = guard.AdminUploadsOnly(stored)({"type": "http", "method": "PUT", "path": path}, receive, send)
    with ThreadPoolExecutor(1) as thread:  # a loop of its own: Playwright's may be running in this thread
        thread.submit(asyncio.run, call).result()
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_the_upload_endpoint_refuses_a_session_that_is_not_an_administrators():
    assert put("/_stcore/upload_file/visitor-session/file-1") == (403, b"uploads are for signed-in administrators")
    guard.grant("steward-session")
    try:
        assert put("/_stcore/upload_file/steward-session/file-1") == (200, b"stored")
    finally:
        guard.revoke("steward-session")
    assert put("/other") == (200, b"stored")  # nothing else is touched


def test_the_server_make_run_starts_puts_the_guard_in_front_of_uploads(app_url):
    request = urllib.request.Request(
        f"{app_url}/_stcore/upload_file/any-session/any-file", data=b"x" * 100, method="PUT"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403 and refused.value.read() == b"uploads are for signed-in administrators"
