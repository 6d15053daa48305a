"""A problem ledger (问题台账) as offices export it: one row a problem — its number, street, point, category,
responsible unit, date found, deadline, status word and the dates of its rectification, close or return — read
into the events of its life (model/ledger.py). Status words are mapped exactly; a status without the date it took
effect, a deadline before the find, a close before the find or before the rectification, are problems at their
cells, never guesses."""

import datetime as dt
import re

import pandas as pd

from chuangcheng.ingest.report import found
from chuangcheng.model import ledger, periods

ROLES = ("problem_id", "found", "deadline", "rectified_on", "closed_on", "returned_on", "reopened_on", "state")
TEXT_ROLES = ("point", "point_type", "category", "responsible", "description")
MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")  # 3月5日, the year in the title


def columns_of(frame: pd.DataFrame, mapping) -> dict[str, str | None]:
    """Which header holds each role (ingest/mapping.py: the mapping's [columns], else the usual headers)."""
    return {role: mapping.column(role, frame.columns) for role in (*ROLES, *TEXT_ROLES)}


def day(cell, year: int | None) -> dt.date | None:
    """A date as ledgers write it (2024/3/5, 2024-03-05, 2024年3月5日, an Excel serial or date, 3月5日 with the
    title's year); None for an empty cell; ValueError saying why for anything else."""
    text = str(cell).strip()
    if not text or text.casefold() in ("nan", "none", "-", "—", "/"):
        return None
    text = text.removesuffix(" 00:00:00")  # a spreadsheet's date read as text
    short = MONTH_DAY.match(text)
    if short:
        if year is None:
            raise ValueError("no year: give it in the cell (2024年3月5日) or the title")
        return dt.date(year, int(short.group(1)), int(short.group(2)))
    try:
        reading = periods.read(float(text) if re.fullmatch(r"\d{5}(\.0)?", text) else text)
    except periods.PeriodError as error:
        raise ValueError(str(error)) from None
    if reading.day is None:
        raise ValueError(f"{text!r} is a period, not a day")
    return reading.day


def check(loaded, catalog, mapping, regions, indicators, lang, left_out=None, place=None, years_of=None):
    """A ledger's rows as events, and every problem at its cell. `place` finds a region as figures' rows are found
    (validate.region_of); `years_of` the years a table's title names (validate.title_years): one of them is the year
    of dates written without one (3月5日), else [defaults] year."""
    frame, problems, events = loaded.frame, [], []
    year = title_year(loaded, years_of)
    columns = columns_of(frame, mapping)
    region_column, parent_column, _ = mapping.region_columns(frame.columns)
    year = year or (int(mapping.defaults["year"]) if str(mapping.defaults.get("year", "")).isdigit() else None)
    status = mapping.defaults.get("status", "reported")
    source = mapping.defaults.get("source")
    seen: dict[str, tuple] = {}
    for row in frame.to_dict("records"):
        at, file = row["_row"], loaded.name
        cell = lambda role: str(row.get(columns[role], "") if columns[role] else "").strip()  # noqa: E731
        said = lambda key, role, **values: problems.append(found(key, file, at, columns[role] or role, lang, **values))  # noqa: E731
        before = len(problems)
        problem_id = cell("problem_id").removesuffix(".0")
        if not problem_id:
            said("problem_ledger_no_id", "problem_id")
        code, more = region_in(row, (region_column, parent_column), place, regions, file, lang)
        problems += more
        dates = {}
        for role in ("found", "deadline", "rectified_on", "closed_on", "returned_on", "reopened_on"):
            try:
                dates[role] = day(cell(role), year)
            except ValueError as error:
                said("problem_ledger_date", role, value=cell(role)[:40], why=str(error)[:120])
        if "found" in dates and dates["found"] is None:
            said("problem_ledger_no_found", "found")
        word = cell("state")
        own = mapping.words.get(word)  # the office's own word for a status ([words] of its mapping)
        state = (own if own in ledger.EVENTS else ledger.event_of(word)) if word else "assigned"
        if state is None:
            said(
                "problem_ledger_state",
                "state",
                value=word[:40],
                words="、".join(sorted(set(ledger.WORDS) - {"open"}))[:400],
            )
        found_on, deadline = dates.get("found"), dates.get("deadline")
        if found_on and deadline and deadline < found_on:
            said("problem_ledger_deadline", "deadline", deadline=deadline, found=found_on)
        life = lifecycle(state, found_on, dates) if state and found_on else []
        for event, when, role in life:
            if when is None:
                said("problem_ledger_no_date", role, state=ledger.label(state, lang))
        early = next(((when, role) for _, when, role in life if when is not None and when < found_on), None)
        if early:  # once a row: a close dated by its rectification would repeat it
            said("problem_ledger_before_found", early[1], date=early[0], found=found_on)
        dated = [when for _, when, _ in life if when is not None]
        if dated != sorted(dated) and not any(when < found_on for when in dated):  # said once, as before the find
            said("problem_ledger_backwards", "closed_on", state=ledger.label(state, lang))
        if problem_id:
            fields = (code, found_on, deadline, cell("responsible"))
            if seen.setdefault(problem_id, fields) != fields:
                said("problem_ledger_twice", "problem_id", value=problem_id)
        if len(problems) > before:
            continue
        shared = {
            "region_code": code,
            "problem_id": problem_id,
            **{role: cell(role) for role in TEXT_ROLES},
            "found": found_on,
            "deadline": deadline,
            "status": status,
            "source": source,
            "_file": file,
            "_row": at,
        }
        events += [{**shared, "event": event, "event_date": when} for event, when, _ in life]
    return pd.DataFrame(events), problems


def title_year(loaded, years_of) -> int | None:
    """The one year a table's title names (validate.title_years), for dates written without one."""
    titled = years_of(loaded) if years_of else set()
    return int(next(iter(titled))) if len(titled) == 1 else None


def region_in(row: dict, columns: tuple, place, regions, file: str, lang: str) -> tuple[str | None, list]:
    """The region a dated record's row names, through its parent column when it has one (所属区县 settles 景山街道 among
    three), or the problems at their cells; `place` finds a name as figures' rows are found (validate.region_of)."""
    (region_column, parent_column), problems, parent = columns, [], None
    if parent_column and str(row.get(parent_column, "")).strip():
        parent, problem = place(regions, row[parent_column], None, lang, "ingest_unknown_parent")
        if problem:
            problems.append(found(problem[0], file, row["_row"], parent_column, lang, **problem[1]))
    code, problem = place(regions, row.get(region_column, "") if region_column else "", parent, lang)
    if problem:
        problems.append(found(problem[0], file, row["_row"], region_column or "region", lang, **problem[1]))
    return code, problems


def lifecycle(state: str, found_on: dt.date, dates: dict) -> list[tuple[str, dt.date | None, str]]:
    """The events a ledger row's status and dates stand for: (event, date, the column that gives the date)."""
    rectified = dates.get("rectified_on") or (dates.get("closed_on") if state in ledger.RECTIFIED else None)
    life = [("assigned", found_on, "found")]
    if state == "rectifying":
        life.append(("rectifying", dates.get("rectified_on") or found_on, "rectified_on"))
    if state in ("rectified", "verified") or (state == "returned" and dates.get("rectified_on")):
        life.append(("rectified", rectified, "rectified_on"))
    if state == "verified":
        life.append(("verified", dates.get("closed_on") or rectified, "closed_on"))
    if state == "returned":
        life.append(("returned", dates.get("returned_on"), "returned_on"))
    if state == "reopened":
        if rectified:
            life.append(("rectified", rectified, "rectified_on"))
        life.append(("reopened", dates.get("reopened_on"), "reopened_on"))
    return life
