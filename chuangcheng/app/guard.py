"""Administrators: password attempts limited, and uploads accepted only from a signed-in administrator's session.

Streamlit's upload endpoint (/_stcore/upload_file/<session>/<file>) accepts files for any live session:
it checks the session exists, not what the session may do. AdminUploadsOnly, an ASGI middleware that
serve.py puts in front of Streamlit (st.App's `middleware`), refuses an upload unless the page granted the
session administrator rights; the page revokes them when the administrator signs out. Neither needs
Streamlit: the page tells this module who is signed in.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

LOG = logging.getLogger("chuangcheng.admin")
UPLOAD_PATH = "/_stcore/upload_file/"


@dataclass
class Record:
    failures: int = 0
    locked_until: float = 0.0


@dataclass
class Attempts:
    """Failed password attempts by key (a session, a client address): a few are free, then each failure
    locks the key out for twice as long as the last, up to `longest` seconds. A success clears the key."""

    free: int = 5
    first_lockout: float = 30.0
    longest: float = 900.0
    clock: Callable[[], float] = time.monotonic
    _records: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, keys: Iterable[tuple]) -> float:
        """Seconds until any of keys may try again (0 when none is locked out)."""
        now = self.clock()
        with self._lock:
            left = [self._records[key].locked_until - now for key in keys if key in self._records]
        return max([0.0, *left])

    def failed(self, keys: Iterable[tuple]) -> float:
        """Count a failure for every key; returns the lockout it started (0 while attempts are free)."""
        keys = list(keys)
        now, lockout = self.clock(), 0.0
        with self._lock:
            for key in keys:
                record = self._records.setdefault(key, Record())
                record.failures += 1
                if record.failures > self.free:
                    seconds = min(self.first_lockout * 2 ** (record.failures - self.free - 1), self.longest)
                    record.locked_until = now + seconds
                    lockout = max(lockout, seconds)
        # Who and how often, never what was typed.
        LOG.warning(
            "administrator password refused: %s; lockout %.0f s",
            ", ".join(f"{kind} {value}" for kind, value in keys),
            lockout,
        )
        return lockout

    def succeeded(self, keys: Iterable[tuple]) -> None:
        with self._lock:
            for key in keys:
                self._records.pop(key, None)


PASSWORDS = Attempts()
_administrators: set[str] = set()
_administrators_lock = threading.Lock()


def keys(session_id: str, address: str | None) -> list[tuple]:
    """A session, and its client address (a new tab or a script with many sessions shares it)."""
    return [("session", session_id), ("address", address or "local")]


def grant(session_id: str) -> None:
    with _administrators_lock:
        _administrators.add(session_id)


def revoke(session_id: str) -> None:
    with _administrators_lock:
        _administrators.discard(session_id)


def is_administrator(session_id: str) -> bool:
    with _administrators_lock:
        return session_id in _administrators


class AdminUploadsOnly:
    """Refuse uploads (PUT) to Streamlit's upload endpoint for sessions that are not a signed-in administrator."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("method") == "PUT" and UPLOAD_PATH in scope.get("path", ""):
            session_id = scope["path"].split(UPLOAD_PATH, 1)[1].split("/", 1)[0]
            if not is_administrator(session_id):
                LOG.warning("upload refused: session %s is not an administrator's", session_id[:64])
                await refuse(send)
                return
        await self.app(scope, receive, send)


async def refuse(send) -> None:
    body = b"uploads are for signed-in administrators"
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
