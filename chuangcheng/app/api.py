"""URL = API: every question the pages ask, as CSV or JSON at /api/<question>.<csv|json>, with the pages'
parameters (the same Params), served by the same process as the pages (serve.py), from the same views.

The data question's CSV is the data page's download, byte for byte. Parameters are parsed and checked
strictly: a value of the wrong kind or one the snapshot does not have is a 400 with a message naming it,
never a fallback; a result over CHUANGCHENG_API_MAX_ROWS is a 413.
"""

import json
import logging
from dataclasses import dataclass

import pandas as pd
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from chuangcheng import settings
from chuangcheng.errors import ChuangchengError, DamagedSnapshot
from chuangcheng.i18n import damage_text
from chuangcheng.i18n import t
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model.params import Params
from chuangcheng.render import export
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database
from chuangcheng.views import bulletin, common, compare, data, overview, region


@dataclass(frozen=True)
class Question:
    """One endpoint: the view it asks, the table of the answer it returns, and what it answers."""

    view: object
    table: object  # answer -> DataFrame
    help: str


QUESTIONS = {
    "overview": Question(overview.overview, lambda a: a.ranking,
                         "a scope's regions ranked in a year (level, parent, year)"),
    "scope_indicator": Question(overview.scope_indicator, lambda a: a.rows,
                                "one indicator for every region of a scope in a year (level, parent, year, indicator)"),
    "region": Question(region.region, lambda a: a.scorecard, "one region's scorecard in a year (district, year)"),
    "region_trend": Question(region.region, lambda a: a.trend, "one region's every indicator over the years (district)"),
    "compare": Question(compare.compare, lambda a: a.trends,
                        "regions side by side over years (districts, indicators, years)"),
    "data": Question(data.data_rows, lambda a: a.rows, "the data page's rows (districts, indicators, years); CSV as its download"),
    "bulletin": Question(bulletin.bulletin, lambda a: a.table, "the bulletin of a scope in a year (level, parent, year)"),
}
LOG = logging.getLogger(__name__)
# Columns a JSON answer leaves out: internal row numbers, and the reading columns whose words the page shows.
PLAIN = ["_file", "_row"]


_open: dict[tuple[str, str], Database] = {}


def database(snapshot: str | None) -> Database:
    """The snapshot asked for (else the default), opened once per process and republication."""
    data_dir = settings.data_dir()
    manifest = snapshots.find(data_dir, snapshot) if snapshot else snapshots.default(data_dir, settings.get("default_dataset"))
    key = (manifest.id, manifest.fingerprint)
    if key not in _open:
        _open[key] = Database(manifest, catalog_module.load(data_dir))
    return _open[key]


def answer(name: str, query) -> tuple[Database, Params, pd.DataFrame, object]:
    """Parse, ask, and refuse anything the snapshot does not have (raises ChuangchengError)."""
    params = Params.from_query({key: query.getlist(key) for key in query.keys()})
    db = database(params.snapshot)
    params = params.but(snapshot=db.manifest.id)
    result = QUESTIONS[name].view(db, params)
    if result.notices:
        notice = result.notices[0]
        raise ApiError(400, t("api_not_in_snapshot", params.lang, param=notice.param, value=notice.value, snapshot=db.manifest.id))
    return db, result.params, QUESTIONS[name].table(result), result


class ApiError(ChuangchengError):
    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


async def endpoint(request: Request) -> Response:
    name, fmt = request.path_params["question"], request.path_params["format"]
    if name not in QUESTIONS or fmt not in ("csv", "json"):
        return JSONResponse({"error": f"no such endpoint; try /api/index.json"}, status_code=404)
    try:
        db, params, table, result = answer(name, request.query_params)
        limit = int(settings.get("api_max_rows"))
        if len(table) > limit:
            raise ApiError(413, f"{len(table):,} rows is more than the {limit:,} this endpoint returns; narrow the filters")
    except ApiError as error:
        return JSONResponse({"error": str(error)}, status_code=error.status)
    except DamagedSnapshot as damage:  # never served; the reason is the steward's to act on
        return JSONResponse({"error": damage_text(damage, "en")}, status_code=503)
    except ChuangchengError as error:
        return JSONResponse({"error": str(error)}, status_code=400)
    except Exception as error:  # noqa: BLE001  never a traceback to a caller; the server's log has it
        LOG.exception("api %s failed", name)
        return JSONResponse({"error": f"the question could not be answered ({type(error).__name__})"}, status_code=500)
    headers = {"X-Snapshot": db.manifest.id, "X-Rows": str(len(table))}
    shown = read_as_shown(name, db, params, table, result)
    if fmt == "csv":
        return Response(export.to_csv(shown), media_type="text/csv; charset=utf-8", headers=headers)
    body = {"question": name, "snapshot": db.manifest.id, "params": params.to_query(), "rows": len(shown),
            "columns": list(shown.columns), "data": records(shown)}
    return Response(json.dumps(body, ensure_ascii=False, allow_nan=False), media_type="application/json", headers=headers)


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
    return JSONResponse({"endpoints": [{"path": f"/api/{name}.json", "csv": f"/api/{name}.csv", "answers": q.help}
                                       for name, q in QUESTIONS.items()]})


def routes() -> list[Route]:
    return [Route("/api/index.json", index), Route("/api/{question}.{format}", endpoint)]


def endpoints_markdown() -> str:
    """The README's API table, written from QUESTIONS so it cannot drift (a test compares them)."""
    lines = ["| endpoint | answers |", "|---|---|"]
    lines += [f"| `/api/{name}.json`, `/api/{name}.csv` | {q.help} |" for name, q in QUESTIONS.items()]
    return "\n".join(lines)
