"""Problems a person can act on: repeated ones grouped (one line per file, column and problem, with its
count and first rows), a short summary first; one renderer for the command line (text) and the upload
page (a DataFrame), in the reader's language."""

from dataclasses import dataclass

import pandas as pd

from chuangcheng.errors import Problem
from chuangcheng.i18n import cut, t

FIRST_ROWS = 5  # runs of rows shown; the count says how many there are in all
MOST_GROUPS = 50  # groups shown; a file bad on every row still reads in a screen or two, and the rest are counted

KINDS = {  # message key -> the kind the summary counts
    "problem_empty_file": "file",
    "problem_huge_file": "file",
    "problem_no_rows": "file",
    "problem_binary": "file",
    "problem_encoding": "file",
    "problem_unreadable": "file",
    "ingest_no_file": "file",
    "problem_missing_column": "column",
    "ingest_unknown_region": "region",
    "ingest_ambiguous_region": "region",
    "ingest_empty_region": "region",
    "ingest_not_under_parent": "region",
    "ingest_unknown_parent": "region",
    "ingest_unknown_indicator": "indicator",
    "ingest_unknown_header": "indicator",
    "problem_not_survey": "indicator",
    "problem_year": "year",
    "ingest_empty_year": "year",
    "problem_not_number": "value",
    "problem_range": "value",
    "problem_qualifier": "value",
    "problem_status": "value",
    "problem_formula": "value",
    "problem_answer": "value",
    "problem_weight": "value",
    "problem_duplicate": "duplicate",
    **{
        f"problem_ledger_{what}": "ledger"
        for what in ("no_id", "date", "no_found", "state", "deadline", "no_date", "before_found", "backwards", "twice")
    },
    **{
        f"problem_inspection_{what}": "inspection"
        for what in ("no_date", "no_point", "no_standard", "result", "score", "nothing")
    },
    "ingest_mapping_toml": "mapping",
    "ingest_mapping_key": "mapping",
    "ingest_mapping_type": "mapping",
    "ingest_mapping_target": "mapping",
    "ingest_mapping_empty": "mapping",
    "ingest_mapping_unit": "mapping",
    "ingest_mapping_default": "mapping",
    "ingest_mapping_region": "mapping",
    "ingest_mapping_years": "mapping",
    "ingest_regions_file": "regions",
    "ingest_regions_columns": "regions",
    "ingest_changes_base": "base",
    "problem_snapshot_id": "snapshot",
    "problem_snapshot_exists": "snapshot",
    "error_snapshot_not_found": "snapshot",
    "ingest_change": "change",
    "ingest_outlier": "outlier",
    "ingest_implausible": "outlier",
    "ingest_too_many_rows": "limit",
    "ingest_too_many_columns": "limit",
    "ingest_too_many_cells": "limit",
    "ingest_long_cell": "limit",
    "ingest_inflated": "limit",
    "ingest_duplicate_column": "column",
    "ingest_row_width": "file",
    "ingest_mixed_encoding": "file",
    "ingest_unclosed_quote": "file",
    "ingest_csv_syntax": "file",
    "ingest_formula_no_value": "value",
    "problem_not_finite": "value",
    "problem_ambiguous_decimal": "value",
    "problem_respondent": "value",
    "problem_control": "text",
    "problem_markup": "text",
    "problem_unit": "value",
    "ingest_unread_column": "column",
    "ingest_duplicate_differs": "duplicate",
    "ingest_mapping_decimal": "mapping",
    "problem_table_unit": "value",
    "ingest_years_across": "column",
    "ingest_table_line": "table",
    "ingest_table_unit": "table",
    "ingest_header_second_row": "table",
    "problem_footnote_marker": "value",
    "problem_no_header": "file",
    "ingest_code_abolished": "region",
    "ingest_name_not_code": "region",
    "ingest_two_names_one_region": "region",
    "ingest_filtered": "table",
    "ingest_mapping_level": "mapping",
    "ingest_other_sheets": "table",
    "ingest_no_sheet": "file",
    "ingest_sheet_no_table": "file",
    "ingest_region_with_note": "region",
    "problem_respondent_twice": "duplicate",
    "problem_date_year": "year",
    "problem_utf16": "file",
    "problem_old_xls": "file",
    "ingest_hidden_rows": "table",
    "problem_period": "year",
    "ingest_nothing": "file",
}


@dataclass(frozen=True)
class Found(Problem):
    """A Problem that also knows its kind (its message key), what is wrong and the hint, so that repeats
    can be grouped as 'what — 10 rows (2–11); hint'. message stays the whole sentence."""

    kind: str = "other"
    what: str = ""
    hint: str = ""


def found(key: str, file: str, row: int | None, column: str | None, lang: str, hint: str = "", **values) -> Found:
    """A problem (or warning) worded in the reader's language from its message key; the cells it repeats cut."""
    what = t(key, lang, **{name: cut(value) if isinstance(value, str) else value for name, value in values.items()})
    message = t("ingest_with_hint", lang, what=what, hint=hint) if hint else what
    return Found(file, row, cut(column) if isinstance(column, str) else column, message, key, what, hint)


def as_found(problem: Problem, kind: str = "other") -> Found:
    """A plain Problem from elsewhere (the regions check, the store) in the grouped form."""
    if hasattr(problem, "kind"):  # a Found (also of a module loaded twice, as the command line's lazy loader may)
        return problem
    return Found(problem.file, problem.row, problem.column, problem.message, kind, problem.message)


@dataclass(frozen=True)
class ProblemGroup:
    """One line of the report: the same problem in the same file and column, with every row it is on."""

    file: str
    column: str
    kind: str
    what: str
    hint: str
    rows: tuple[int, ...]
    count: int

    @property
    def where(self) -> str:
        """'2–11, 14' for up to FIRST_ROWS runs of rows, '…' when there are more."""
        if not self.rows:
            return ""
        runs, start, last = [], self.rows[0], self.rows[0]
        for row in self.rows[1:]:
            if row == last + 1:
                last = row
                continue
            runs.append((start, last))
            start = last = row
        runs.append((start, last))
        text = ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs[:FIRST_ROWS])
        return text + (", …" if len(runs) > FIRST_ROWS else "")

    def sentence(self, lang: str) -> str:
        """'unknown region “Xian” — 10 rows (2–11); did you mean 610100 西安市 Xi'an?'"""
        rows = (
            t("ingest_row" if self.count == 1 else "ingest_rows", lang, count=self.count, rows=self.where)
            if self.rows
            else ""
        )
        if rows and self.hint:
            return t("ingest_grouped", lang, what=self.what, rows=rows, hint=self.hint)
        if rows or self.hint:
            return t("ingest_with_hint", lang, what=self.what, hint=rows or self.hint)
        return self.what


def grouped(problems: list[Problem]) -> list[ProblemGroup]:
    """One group per file, column and problem, in the order first met."""
    rows: dict[tuple, list[int]] = {}
    counts: dict[tuple, int] = {}
    for problem in map(as_found, problems):
        group = (problem.file, problem.column or "", problem.kind, problem.what, problem.hint)
        rows.setdefault(group, [])
        counts[group] = counts.get(group, 0) + 1
        if problem.row is not None:
            rows[group].append(problem.row)
    return [
        ProblemGroup(*group, tuple(sorted(set(found_rows))), len(set(found_rows)) or counts[group])
        for group, found_rows in rows.items()
    ]


def kind_counts(problems: list[Problem]) -> dict[str, int]:
    """How many problems of each kind (unknown region, value, ...), most first."""
    counts: dict[str, int] = {}
    for problem in map(as_found, problems):
        kind = KINDS.get(problem.kind, "other")
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


def summary(problems: list[Problem], warnings: list[Problem], files: int, rows: int, lang: str) -> str:
    """'2 files, 61 rows read: 14 problems in 6 groups (region 10, indicator 3, ...); 2 warnings.'"""
    labels = {kind: "ingest_kind_" + kind for kind in kind_counts(problems)}
    kinds = t("ingest_list_separator", lang).join(
        f"{t(labels[kind], lang)} {count:,}" for kind, count in kind_counts(problems).items()
    )
    return t(
        "ingest_overview",
        lang,
        files=files,
        rows=f"{rows:,}",
        problems=f"{len(problems):,}",
        groups=len(grouped(problems)),
        kinds=t("ingest_kinds", lang, kinds=kinds) if kinds else "",
        warnings=f"{len(warnings):,}",
    )


def render(problems: list[Problem], lang: str, as_text: bool = True) -> str | pd.DataFrame:
    """The grouped problems (or warnings): text lines for a terminal, or a table for the upload page."""
    every = grouped(problems)
    groups, rest = every[:MOST_GROUPS], every[MOST_GROUPS:]
    more = (
        t("ingest_more_groups", lang, count=f"{len(rest):,}", problems=f"{sum(g.count for g in rest):,}")
        if rest
        else ""
    )
    if as_text:
        return "\n".join([line(group, lang) for group in groups] + ([more] if more else []))
    if more:
        groups = groups + [ProblemGroup("", "", "other", more, "", (), sum(g.count for g in rest))]
    return pd.DataFrame(
        {
            t("col_file", lang): [g.file for g in groups],
            t("col_column", lang): [g.column for g in groups],
            t("col_problem", lang): [g.what for g in groups],
            t("col_count", lang): [g.count for g in groups],
            t("ingest_col_rows", lang): [g.where for g in groups],
            t("ingest_col_hint", lang): [g.hint for g in groups],
        }
    )


def line(group: ProblemGroup, lang: str) -> str:
    """'panel.csv, City: unknown region “Xian” — 10 rows (2–11); did you mean 610100 西安市 Xi'an?'"""
    where = t("ingest_where", lang, file=group.file, column=group.column) if group.column else group.file
    return t("ingest_line", lang, where=where, sentence=group.sentence(lang))


def frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    return render(problems, lang, as_text=False)


def text(problems: list[Problem], lang: str) -> str:
    return render(problems, lang, as_text=True)
