"""The few named errors the app shows as a clear message (ui.show_page and ui.show_frame, in one place)."""

from dataclasses import dataclass


class ChuangchengError(Exception):
    """A problem a user or steward can act on; carries its message key for both languages."""

    key = "error_generic"

    def details(self) -> dict:
        return {"detail": str(self)}


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where it is and what is wrong."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"row {self.row}" if self.row is not None else "",
                f"column {self.column}" if self.column else "",
            )
            if part
        )
        return f"{where}: {self.message}"


class CatalogError(ChuangchengError):
    """The reviewed catalog does not match its schema."""

    key = "error_catalog"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SnapshotNotFound(ChuangchengError):
    """The snapshot asked for is not in the data folder."""

    key = "error_snapshot_not_found"

    def __init__(self, snapshot_id: str):
        self.snapshot_id = snapshot_id
        super().__init__(f"snapshot {snapshot_id!r} not found")

    def details(self) -> dict:
        return {"snapshot": self.snapshot_id}


class DamagedSnapshot(ChuangchengError):
    """A snapshot whose manifest cannot be read or whose files differ from it: listed, never served."""

    key = "error_damaged_snapshot"

    def __init__(self, snapshot_id: str, reason_key: str, **reason: str):
        self.snapshot_id, self.reason_key, self.reason = snapshot_id, reason_key, reason
        super().__init__(f"snapshot {snapshot_id!r} is damaged: {reason_key} {reason}")

    def details(self) -> dict:
        return {"snapshot": self.snapshot_id, "reason_key": self.reason_key, **self.reason}


class NothingToServe(ChuangchengError):
    """The data folder has no snapshot that may be served: none at all, or every one damaged."""

    def __init__(self, damaged: int):
        self.damaged = damaged
        self.key = "error_all_damaged" if damaged else "error_no_snapshots"
        super().__init__(f"no snapshot can be served ({damaged} damaged)")

    def details(self) -> dict:
        return {"count": self.damaged}


class SnapshotExists(ChuangchengError):
    """Another writer published this id first (or it was there already): ids are never overwritten."""

    key = "error_snapshot_exists"

    def __init__(self, snapshot_id: str):
        self.snapshot_id = snapshot_id
        super().__init__(f"snapshot {snapshot_id!r} already exists; choose another id")

    def details(self) -> dict:
        return {"snapshot": self.snapshot_id}


class PublishFailed(ChuangchengError):
    """Writing a snapshot failed (a full disk, a folder that cannot be written): nothing was published."""

    key = "error_publish_failed"

    def __init__(self, snapshot_id: str, cause: OSError):
        self.snapshot_id = snapshot_id
        self.reason = cause.strerror or type(cause).__name__
        super().__init__(
            f"snapshot {snapshot_id!r} was not published: {self.reason}; nothing was written, earlier snapshots are unchanged"
        )

    def details(self) -> dict:
        return {"snapshot": self.snapshot_id, "reason": self.reason}


class QueryError(ChuangchengError):
    """A query in queries/ failed; carries its name and parameters."""

    key = "error_query"

    def __init__(self, name: str, params: dict, cause: Exception):
        self.name = name
        self.params = params
        super().__init__(f"query {name} failed with {params}: {cause}")

    def details(self) -> dict:
        return {"query": self.name}


class TooManyRows(ChuangchengError):
    """An answer of more rows than may be sent (CHUANGCHENG_API_MAX_ROWS), refused before they are loaded."""

    key = "error_too_many_rows"

    def __init__(self, rows: int, most: int):
        self.rows, self.most = rows, most
        super().__init__(f"{rows:,} rows is more than the {most:,} this endpoint returns; narrow the filters")

    def details(self) -> dict:
        return {"rows": f"{self.rows:,}", "most": f"{self.most:,}"}


class InvalidParameter(ChuangchengError):
    """A parameter of a link, a command or an API call has a value of the wrong kind."""

    key = "error_parameter"

    def __init__(self, param: str, value: str, reason: str):
        self.param, self.value, self.reason = param, value, reason
        super().__init__(f"{param} = {value!r}: {reason}")

    def details(self) -> dict:
        return {"param": self.param, "value": self.value, "reason": self.reason}


class NotInSnapshot(ChuangchengError):
    """Codes a command asked for that the snapshot does not have."""

    key = "error_not_in_snapshot"

    def __init__(self, snapshot: str, what: str, codes: list[str]):
        self.snapshot, self.what, self.codes = snapshot, what, codes
        super().__init__(f"not in snapshot {snapshot}: {what} {', '.join(codes)}")

    def details(self) -> dict:
        return {"snapshot": self.snapshot, "what": self.what, "codes": ", ".join(self.codes)}
