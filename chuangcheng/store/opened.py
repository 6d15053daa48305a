"""One opened Database per snapshot and serving key, per process, shared by the pages and the API: the national
snapshot is opened once, whichever asks first, not once for each."""

import threading
from collections import OrderedDict
from typing import Callable

from chuangcheng.store.db import Database

MOST = 8  # snapshot states kept open: the ones in use, and the one a republish replaced while a request reads it


class Databases:
    def __init__(self, most: int = MOST):
        self.most = most
        self._open: OrderedDict[tuple[str, str], Database] = OrderedDict()
        self._lock = threading.Lock()
        self._opening: dict[tuple[str, str], threading.Lock] = {}  # one lock per snapshot state being opened

    def get(self, snapshot_id: str, key: str, opening: Callable[[], Database]) -> Database:
        """The snapshot opened under this serving key (its files as checked, the catalog it is read with); opened
        by `opening` the first time, outside the cache's lock (opening hashes every file): other snapshots answer
        meanwhile, and a second asker of the same one waits for the first's. One dropped for room is left to the
        collector, not closed: a request may still be reading it."""
        wanted = (snapshot_id, key)
        with self._lock:
            if wanted in self._open:
                self._open.move_to_end(wanted)
                return self._open[wanted]
            opening_lock = self._opening.setdefault(wanted, threading.Lock())
        with opening_lock:
            with self._lock:
                if wanted in self._open:
                    return self._open[wanted]
            found = opening()
            with self._lock:
                self._open[wanted] = found
                self._opening.pop(wanted, None)
                while len(self._open) > self.most:
                    self._open.popitem(last=False)
            return found


DATABASES = Databases()
