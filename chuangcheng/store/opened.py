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

    def get(self, snapshot_id: str, key: str, opening: Callable[[], Database]) -> Database:
        """The snapshot opened under this serving key (its files as checked, the catalog it is read with); opened
        by `opening` the first time. One dropped for room is left to the collector, not closed: a request may still
        be reading it."""
        with self._lock:
            found = self._open.get((snapshot_id, key))
            if found is None:
                found = self._open[(snapshot_id, key)] = opening()
                while len(self._open) > self.most:
                    self._open.popitem(last=False)
            self._open.move_to_end((snapshot_id, key))
            return found

    def clear(self) -> None:
        with self._lock:
            self._open.clear()


DATABASES = Databases()
