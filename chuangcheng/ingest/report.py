"""Problems a person can act on: repeated ones grouped (one line per file, column and message, with its
count and first rows), a short summary first; the same table for the command line and the upload page."""

from dataclasses import dataclass

import pandas as pd

from chuangcheng.errors import Problem
from chuangcheng.i18n import t

FIRST_ROWS = 5


@dataclass(frozen=True)
class Group:
    file: str
    column: str
    message: str
    rows: tuple[int, ...]

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


def grouped(problems: list[Problem]) -> list[Group]:
    """One group per file, column and message, in the order first met."""
    rows: dict[tuple, list[int]] = {}
    for problem in problems:
        rows.setdefault((problem.file, problem.column or "", problem.message), [])
        if problem.row is not None:
            rows[(problem.file, problem.column or "", problem.message)].append(problem.row)
    return [Group(file, column, message, tuple(sorted(set(found)))) for (file, column, message), found in rows.items()]


def frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    """The grouped problems as a table with headers in the reader's language."""
    groups = grouped(problems)
    return pd.DataFrame({
        t("col_file", lang): [g.file for g in groups], t("col_row", lang): [g.where for g in groups],
        t("col_count", lang): [max(1, len(g.rows)) for g in groups], t("col_column", lang): [g.column for g in groups],
        t("col_problem", lang): [g.message for g in groups],
    })


def summary(problems: list[Problem], warnings: list[Problem], files: int, rows: int, lang: str) -> str:
    return t("ingest_summary", lang, files=files, rows=f"{rows:,}", problems=len(problems), groups=len(grouped(problems)), warnings=len(warnings))


def text(problems: list[Problem], lang: str) -> str:
    """The grouped table as aligned text for a terminal."""
    table = frame(problems, lang)
    cells = [list(table.columns)] + [[str(v) for v in row] for row in table.itertuples(index=False)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(cells[0]) - 1)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line[:-1], widths)) + "  " + line[-1] for line in cells)
