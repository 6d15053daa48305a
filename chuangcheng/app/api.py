"""URL = API: every question the pages ask, as CSV or JSON at /api/<question>.<csv|json>, with the pages'
parameters (the same Params), served by the same process as the pages (serve.py), from the same views.

The data question's CSV is the data page's download, byte for byte. Parameters are parsed and checked
strictly: a value of the wrong kind or one the snapshot does not have is a 400 with a message naming it,
never a fallback; a result over CHUANGCHENG_API_MAX_ROWS is a 413.
"""

import json
import logging
import threading
from datetime import datetime
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from chuangcheng import settings
from chuangcheng.errors import CatalogError, ChuangchengError, DamagedSnapshot, NothingToServe, QueryError, TooManyRows
from chuangcheng.i18n import damage_text
from chuangcheng.i18n import t
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model.params import Params
from chuangcheng.render import export
from chuangcheng.render import weekly as weekly_render
from chuangcheng.store import integrity, snapshots
from chuangcheng.store.db import Database
from chuangcheng.store.opened import DATABASES
from chuangcheng.views import choices, common, registry


QUESTIONS = registry.served()
LOG = logging.getLogger(__name__)
# Columns a JSON answer leaves out: the internal row numbers (file and row an ingested value came from).
PLAIN = ["_file", "_row"]


# A query string is read only this far: a URL of 29,000 keys took 48 s and held every page and health check.
MAX_QUERY_BYTES = 16 * 1024  # what a proxy such as HAProxy passes by default
MAX_FIELDS = 2000
STREAM_ROWS = 100_000
# Questions whose answer is also a finished document: the weekly bulletin as the page and the command write it.
DOCUMENTS = {
    "weekly": weekly_render.FORMATS
}  # a CSV answer of more rows is sent as it is written, not built whole first


@dataclass(frozen=True)
class Opened:
    """The snapshot an answer reads, and why it is not the one asked for, when it is not (a damaged default)."""

    db: Database
    notice: str = ""
    key: str = ""  # the serving key it was opened under: answers are kept under it


def opened(snapshot: str | None, lang: str) -> Opened:
    """The snapshot asked for, else the default as the pages choose it (the newest sound one of the default
    dataset: a damaged newest is passed over and named), opened once per process and serving key."""
    data_dir = settings.data_dir()
    manifest, passed_over = (snapshots.find(data_dir, snapshot), []) if snapshot else sound_default(data_dir)
    notice = " ".join(damage_text(d, lang) for d in passed_over)
    key = integrity.serving_key(manifest) + "|" + catalog_module.state(data_dir)  # an edited catalog reopens too
    database = DATABASES.get(
        manifest.id, key, lambda: Database(manifest, catalog_module.load(data_dir))
    )  # the pages' too
    return Opened(database, notice, key)


def sound_default(data_dir) -> tuple[snapshots.Manifest, list[DamagedSnapshot]]:
    """The default snapshot as the pages choose it, and the damaged ones passed over for it: the default
    dataset's snapshots newest first, then any other's, each checked until one is sound (one listing of the
    manifests, and only the candidates checked, per request)."""
    manifests, unreadable = snapshots.survey(data_dir)
    dataset = settings.get("default_dataset")
    passed_over = []
    for manifest in [m for m in manifests if m.dataset == dataset] + [m for m in manifests if m.dataset != dataset]:
        try:
            integrity.check(manifest)
        except DamagedSnapshot as damage:
            passed_over += [damage] if manifest.dataset == dataset else []
            continue
        return manifest, passed_over
    raise NothingToServe(len(manifests) + len(unreadable))


def parsed(query_string: bytes) -> dict[str, list[str]]:
    """The query's parameters in one linear pass, within limits: a 414 past MAX_QUERY_BYTES, a 400 past
    MAX_FIELDS (the old reading asked every key for its values, quadratic in the number of keys)."""
    if len(query_string) > MAX_QUERY_BYTES:
        raise ApiError(414, f"the query is {len(query_string):,} bytes; at most {MAX_QUERY_BYTES:,} are read")
    try:
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError as error:
        raise ApiError(400, f"more than {MAX_FIELDS:,} parameters") from error
    query: dict[str, list[str]] = {}
    for key, value in pairs:
        query.setdefault(key, []).append(value)
    return query


_answers: OrderedDict = OrderedDict()  # (question, snapshot, serving key, params) -> an answer of few rows, newest last
_answering = threading.Lock()
REMEMBERED_ANSWERS, REMEMBERED_ROWS = 64, 10_000


def answer(name: str, query_string: bytes) -> tuple[Opened, Params, pd.DataFrame, object]:
    """Parse, ask, and refuse anything the snapshot does not have (raises ChuangchengError). An answer of a few
    rows is kept per question, snapshot (as it is checked now) and parameters: the national bulletin is built
    once (~0.5 s), not at every call."""
    params = Params.from_query(parsed(query_string))
    found = opened(params.snapshot, params.lang)
    key = (name, found.db.manifest.id, found.key, params)
    with _answering:
        if key in _answers:
            _answers.move_to_end(key)
            return (found, *_answers[key][1:])  # the notice of this call: damage elsewhere may have been found since
    answered = ask(name, found, params)
    if len(answered[2]) <= REMEMBERED_ROWS:
        with _answering:
            _answers[key] = answered
            while len(_answers) > REMEMBERED_ANSWERS:
                _answers.popitem(last=False)
    return answered


def ask(name: str, found: Opened, params: Params) -> tuple[Opened, Params, pd.DataFrame, object]:
    db = found.db.for_peers(params.peers)  # ranks and city averages among the peers asked for (default: same parent)
    params = params.but(snapshot=db.manifest.id)
    unknown = choices.unknown_values(db, params)
    if unknown:  # every value given, whether this question reads it or not: ?district=nope is no list of everything
        param, value = unknown
        raise ApiError(400, t("api_not_in_snapshot", params.lang, param=param, value=value, snapshot=db.manifest.id))
    options = {"most": int(settings.get("api_max_rows"))} if name == "data" else {}
    result = registry.ask(name, db, params, **options)
    if result.notices:
        notice = result.notices[0]
        raise ApiError(
            400, t("api_not_in_snapshot", params.lang, param=notice.param, value=notice.value, snapshot=db.manifest.id)
        )
    return found, result.params, QUESTIONS[name].table(result), result


class ApiError(ChuangchengError):
    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


async def endpoint(request: Request) -> Response:
    """Off the event loop: a slow question (or a flood of them) never holds the health check or the pages."""
    name, fmt = request.path_params["question"], request.path_params["format"]
    if name not in QUESTIONS or fmt not in ("csv", "json", *DOCUMENTS.get(name, ())):
        return JSONResponse({"error": "no such endpoint; try /api/index.json"}, status_code=404)
    return await run_in_threadpool(respond, name, fmt, request.scope.get("query_string", b""))


def respond(name: str, fmt: str, query_string: bytes) -> Response:
    try:
        found, params, table, result = answer(name, query_string)
        limit = int(settings.get("api_max_rows"))
        if len(table) > limit:
            raise TooManyRows(len(table), limit)
        db = found.db
        headers = {"X-Snapshot": db.manifest.id, "X-Rows": str(len(table)), "X-Peers": params.peers or "parent"}
        if found.notice:
            headers["X-Snapshot-Notice"] = quote(found.notice)
        shown = read_as_shown(name, db, params, table, result)
    except ApiError as error:
        return JSONResponse({"error": str(error)}, status_code=error.status)
    except TooManyRows as error:
        return JSONResponse({"error": t(error.key, "en", **error.details())}, status_code=413)
    except DamagedSnapshot as damage:  # never served; the reason is the steward's to act on
        return JSONResponse({"error": damage_text(damage, "en")}, status_code=503)
    except CatalogError as error:  # the steward's to fix, in the words the pages use
        return JSONResponse(
            {"error": t(error.key, "en", detail="; ".join(str(p) for p in error.problems[:20]))}, status_code=503
        )
    except NothingToServe as error:
        return JSONResponse({"error": t(error.key, "en", **error.details())}, status_code=503)
    except QueryError as error:  # its text names files and bound parameters: the log has them, a caller does not
        LOG.error("api %s: %s", name, error)
        return JSONResponse({"error": t(error.key, "en", **error.details())}, status_code=500)
    except ChuangchengError as error:
        return JSONResponse({"error": str(error)}, status_code=400)
    except Exception as error:  # noqa: BLE001  never a traceback to a caller; the server's log has it
        LOG.exception("api %s failed", name)
        return JSONResponse({"error": f"the question could not be answered ({type(error).__name__})"}, status_code=500)
    if fmt in DOCUMENTS.get(name, ()):
        if result.period is None:
            return JSONResponse({"error": t("weekly_none", "en")}, status_code=404)
        try:
            body = weekly_render.render(result, db.manifest.id, fmt, datetime.fromisoformat(db.manifest.created))
        except Exception as error:  # noqa: BLE001  never a traceback to a caller; the server's log has it
            LOG.exception("api %s.%s failed", name, fmt)
            return JSONResponse({"error": f"the file could not be written ({type(error).__name__})"}, status_code=500)
        return Response(body, media_type=weekly_render.MIME[fmt], headers=headers)
    if fmt == "csv":
        if len(shown) > STREAM_ROWS:
            return StreamingResponse(export.csv_chunks(shown), media_type="text/csv; charset=utf-8", headers=headers)
        return Response(export.to_csv(shown), media_type="text/csv; charset=utf-8", headers=headers)
    body = {
        "question": name,
        "snapshot": db.manifest.id,
        "params": params.to_query(),
        "peers": params.peers or "parent",
        "rows": len(shown),
        "columns": list(shown.columns),
        "data": records(shown),
    }
    if found.notice:
        body["notice"] = found.notice
    return Response(
        json.dumps(body, ensure_ascii=False, allow_nan=False), media_type="application/json", headers=headers
    )


def read_as_shown(name: str, db: Database, params: Params, table: pd.DataFrame, result) -> pd.DataFrame:
    """The answer as its CSV and JSON both carry it: the data question as the data page's download (names, units,
    numbers at the catalog's decimals unless precision=full, ≥/≤ qualifiers, intervals, source titles; its CSV is
    the page's bytes), the bulletin as its file; the others as their table."""
    if name == "data":
        names = common.region_names(db, params.lang)
        return export.table(table, db.catalog, names, params.lang, "long", full_precision=params.precision == "full")
    if name == "bulletin":
        return result.table.rename(columns=result.headers)
    return table.drop(columns=[c for c in PLAIN if c in table.columns])


def records(table: pd.DataFrame) -> list[dict]:
    """Rows as JSON objects: missing values null, numbers as numbers."""
    clean = table.astype(object)
    return json.loads(clean.where(pd.notna(clean), None).to_json(orient="records", force_ascii=False))


async def index(request: Request) -> Response:
    """What there is to ask: every endpoint with what it answers."""
    return JSONResponse(
        {
            "endpoints": [
                {"path": f"/api/{name}.json", "csv": f"/api/{name}.csv", "answers": q.help}
                for name, q in QUESTIONS.items()
            ]
        }
    )


def routes() -> list[Route]:
    return [Route("/api/index.json", index), Route("/api/{question}.{format}", endpoint)]


def endpoints_markdown() -> str:
    """The README's API table, written from QUESTIONS so it cannot drift (a test compares them)."""
    lines = ["| endpoint | answers |", "|---|---|"]
    lines += [f"| `/api/{name}.json`, `/api/{name}.csv` | {q.help} |" for name, q in QUESTIONS.items()]
    return "\n".join(lines)
