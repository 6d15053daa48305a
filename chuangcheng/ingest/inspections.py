"""Field inspection results (实地检查) as offices export them: one row a standard checked at a point on a visit —
the point, its type and street, the date, the standard (测评内容), the result (合格 / 不合格 / 严重不合格) and, where the
sheet deducts, the points scored of a maximum. Result words are mapped exactly; a score above its maximum, a row
with neither result nor score, a date that is none, are problems at their cells."""

import pandas as pd

from chuangcheng.ingest.ledger import day, region_in, title_year
from chuangcheng.ingest.mapping import INSPECTION_ROLES
from chuangcheng.ingest.report import found

RESULTS = {
    **{word: "pass" for word in ("合格", "符合", "达标", "通过", "是", "pass", "passed", "yes")},
    **{word: "fail" for word in ("不合格", "不符合", "不达标", "未通过", "否", "fail", "failed", "no")},
    **{word: "severe" for word in ("严重不合格", "严重不符合", "severe")},
}

# where China lies (WGS-84): a site outside is a slip — the two swapped, or a projected coordinate, not degrees
CHINA = {"longitude": (73.0, 136.0), "latitude": (3.0, 54.0)}


def result_of(word: str) -> str | None:
    text = str(word).strip()
    return RESULTS.get(text) or RESULTS.get(text.lower())


def number(text: str) -> float | None:
    text = str(text).strip()
    return float(text) if text else None


def check(loaded, catalog, mapping, regions, indicators, lang, left_out=None, place=None, years_of=None):
    """An inspection sheet's rows, and every problem at its cell (see ledger.check for place and years_of)."""
    frame, problems, rows = loaded.frame, [], []
    year = title_year(loaded, years_of)
    columns = {role: mapping.column(role, frame.columns) for role in INSPECTION_ROLES}
    region_column, parent_column, _ = mapping.region_columns(frame.columns)
    status = mapping.defaults.get("status", "reported")
    for row in frame.to_dict("records"):
        at, file = row["_row"], loaded.name
        cell = lambda role: str(row.get(columns[role], "") if columns[role] else "").strip()  # noqa: E731
        said = lambda key, role, **values: problems.append(found(key, file, at, columns[role] or role, lang, **values))  # noqa: E731
        before = len(problems)
        code, more = region_in(row, (region_column, parent_column), place, regions, file, lang)
        problems += more
        try:
            visited = day(cell("visited"), year)
        except ValueError as error:
            visited = None
            said("problem_ledger_date", "visited", value=cell("visited")[:40], why=str(error)[:120])
        else:
            if visited is None:
                said("problem_inspection_no_date", "visited")
        if not cell("point"):
            said("problem_inspection_no_point", "point")
        if not cell("standard"):
            said("problem_inspection_no_standard", "standard")
        own = mapping.words.get(cell("result"))  # the office's own word for a result ([words] of its mapping)
        result = (own if own in ("pass", "fail", "severe") else result_of(cell("result"))) if cell("result") else None
        if cell("result") and result is None:
            said("problem_inspection_result", "result", value=cell("result")[:40], words="、".join(RESULTS)[:300])
        try:
            score, most = number(cell("score")), number(cell("max_score"))
        except ValueError:
            score = most = None
            said("problem_inspection_not_number", "score", value=cell("score")[:40])
        if score is not None and most is not None and not 0 <= score <= most:
            said("problem_inspection_score", "score", score=score, most=most)
        if score is not None and most is None:  # its points would count without their maximum: 得分率 over 100%
            said("problem_inspection_no_max", "max_score", score=score)
        if result is None and score is None and not cell("result"):
            said("problem_inspection_nothing", "result")
        located: dict = {}  # longitude, latitude
        for role, (low, high) in CHINA.items():
            try:
                located[role] = number(cell(role))
            except ValueError:
                located[role] = None
                said("problem_inspection_not_number", role, value=cell(role)[:40])
                continue
            if located[role] is not None and not low <= located[role] <= high:
                said("problem_inspection_degrees", role, value=cell(role)[:40], low=low, high=high)
        written = [cell(role) for role in CHINA]
        if all(located.get(role) is not None or not text for role, text in zip(CHINA, written)) and (
            located["longitude"] is None
        ) != (located["latitude"] is None):  # one given and the other not (an unreadable one is named above)
            said("problem_inspection_half_place", "latitude" if located["longitude"] is not None else "longitude")
        if len(problems) > before:
            continue
        rows.append(
            {
                "region_code": code,
                "point": cell("point"),
                "point_type": cell("point_type"),
                "visited": visited,
                "standard": cell("standard"),
                "result": result,
                "score": score,
                "max_score": most,
                "team": cell("team"),
                "photo": cell("photo") or None,
                "category": cell("category") or None,
                "longitude": located.get("longitude"),
                "latitude": located.get("latitude"),
                "status": status,
                "source": mapping.defaults.get("source"),
                "_file": file,
                "_row": at,
            }
        )
    return pd.DataFrame(rows), problems


def out_of_place(rows: pd.DataFrame, catalog, file: str, lang: str) -> list:
    """Warnings, one per point type and standard: a standard the catalog applies to other point types than the one
    the sheet gives (inspection_terms.csv) — a point typed wrongly, or an office's own use of a standard."""
    terms = catalog.inspection_terms
    if rows.empty or terms.empty:
        return []
    said = []
    for (point_type, standard), part in rows.groupby(["point_type", "standard"], sort=True):
        if ("standard", standard) not in terms.index or not point_type:
            continue
        applies = [p for p in str(terms.at[("standard", standard), "applies_to"]).split("、") if p]
        if applies and point_type not in applies:
            said.append(
                found(
                    "ingest_standard_elsewhere",
                    file,
                    int(part["_row"].min()),
                    "测评内容",
                    lang,
                    standard=standard,
                    types="、".join(applies),
                    point_type=point_type,
                    count=len(part),
                )
            )
    return said
