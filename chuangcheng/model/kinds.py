"""The kinds of data a snapshot holds, each declared once: its file and schema, what makes a row one, which
columns of a table say a table is of it, and the derived tables its SQL adds at publish.

Figures (observations.parquet) and survey microdata (survey.parquet) are the kinds today. The store writes and
reads each kind's file from here, ingest checks a table by the kind its columns name (ingest/validate.py: CHECKS),
publishing derives each kind's tables (queries/derived/<table>.sql) in the order their reads need: a new kind
(field inspections, a problem ledger) is an entry here and in those registries, never a new branch in each.
"""

from dataclasses import dataclass, field

import pyarrow as pa

from chuangcheng.i18n import t


@dataclass(frozen=True)
class Kind:
    name: str  # figures, survey: also the i18n keys data_kind_<name> and count_<name>
    file: str  # the snapshot's file of this kind
    required: tuple[pa.Field, ...]  # columns every file of the kind has
    optional: tuple[pa.Field, ...] = ()  # columns a writer may leave out: stored as nulls, read as nulls when absent
    written_when_given: frozenset[str] = frozenset()  # optional columns left out of the file unless a table has them
    key: tuple[str, ...] = ()  # what makes a row one: duplicates, laying a new table over a base, the order stored
    compared: tuple[str, ...] = ()  # besides the key: two rows of one key differing here are a conflict
    said: tuple[str, ...] = ()  # the key as a message names a row (110000 / 2021 / gdp); the key's order if empty
    roles: tuple[str, ...] = ()  # the ingest column roles that make a table of this kind (none: the default kind)
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)  # table -> the columns it is sorted by
    reads: tuple[str, ...] = ()  # kinds whose derived tables this kind's derived SQL reads
    always_written: bool = True  # kinds a snapshot written before them lacks are optional: absent reads as empty

    @property
    def schema(self) -> pa.Schema:
        """The stored schema: every column a file of this kind may have."""
        return pa.schema([*self.required, *self.optional])

    @property
    def named_by(self) -> tuple[str, ...]:
        return self.said or self.key

    @property
    def table_name(self) -> str:
        """What the derived SQL calls the raw rows (the file's name without .parquet)."""
        return self.file.removesuffix(".parquet")

    def schema_of(self, columns) -> pa.Schema:
        """The stored schema short of the optional columns a writer's table does not have."""
        given = set(columns)
        return pa.schema([c for c in self.schema if c.name in given or c not in self.optional])

    def conformed(self, table: pa.Table) -> pa.Table:
        """The table in the stored schema: optional columns it lacks added as nulls, but those written only when
        given (a period: yearly figures keep their bytes from before periods)."""
        schema = pa.schema(
            [c for c in self.schema if c.name in table.column_names or c.name not in self.written_when_given]
        )
        for column in schema:
            if column.name not in table.column_names:
                table = table.append_column(column, pa.nulls(table.num_rows, column.type))
        return table.select(schema.names).cast(schema)


FIGURES = Kind(
    name="figures",
    file="observations.parquet",
    required=(
        pa.field("region_code", pa.string()),
        pa.field("year", pa.int32()),
        pa.field("indicator", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("qualifier", pa.string()),
        pa.field("source", pa.string()),
        pa.field("status", pa.string()),
    ),
    # A note qualifies one figure ("cumulative over the campaign cycle") and travels with it. A period
    # (model/periods.py's text: 2025-06, 2025Q2, 2025-W23) places a figure finer than a year; `year` then holds the
    # period's year. Null, or the year itself, is the year's figure: snapshots written before periods read unchanged.
    optional=(pa.field("note", pa.string()), pa.field("period", pa.string())),
    written_when_given=frozenset({"period"}),
    # also the order rows are stored in; period "" is the year's figure (a month's: 2025-06), written as null
    key=("region_code", "indicator", "year", "period"),
    compared=("value", "qualifier", "source", "status", "note"),
    said=("region_code", "year", "period", "indicator"),
    derived={
        # Indicator first: a one-indicator export or chart reads a few row groups; within an indicator, a
        # scope's or a region's rows lie together, so their questions skip most row groups too.
        "indicator_values": ("indicator", "parent_code", "level", "region_code", "year"),
        "attainment": ("parent_code", "level", "year", "region_code", "indicator"),
        "aspect_scores": ("parent_code", "level", "year", "region_code", "aspect"),
        "overall_scores": ("parent_code", "level", "year", "region_code"),
        "region_years": ("parent_code", "level", "year", "region_code", "status"),
        "period_values": ("indicator", "parent_code", "level", "region_code", "period_start"),
        "period_years": ("parent_code", "level", "year", "region_code", "status"),
    },
    reads=("survey",),  # a survey indicator's yearly value is its survey rate
)
SURVEY = Kind(
    name="survey",
    file="survey.parquet",
    required=(
        pa.field("region_code", pa.string()),
        pa.field("year", pa.int32()),
        pa.field("respondent_id", pa.int32()),
        pa.field("question", pa.string()),
        pa.field("answer", pa.int16()),
        pa.field("weight", pa.float64()),
        pa.field("status", pa.string()),
    ),
    key=("region_code", "year", "respondent_id", "question"),
    compared=("answer", "weight", "status"),
    roles=("respondent_id", "question", "answer"),
    derived={"survey_rates": ("region_code", "year", "indicator")},
)
PROBLEMS = Kind(
    name="problems",
    file="problems.parquet",
    # One row per event of a problem's life (model/ledger.py): its status at a date is its last event then, derived,
    # never stored; the problem's own fields ride on every event, so an event alone says whose it is.
    required=(
        pa.field("region_code", pa.string()),
        pa.field("problem_id", pa.string()),
        pa.field("point", pa.string()),
        pa.field("point_type", pa.string()),
        pa.field("category", pa.string()),
        pa.field("responsible", pa.string()),
        pa.field("description", pa.string()),
        pa.field("found", pa.date32()),
        pa.field("deadline", pa.date32()),
        pa.field("event", pa.string()),
        pa.field("event_date", pa.date32()),
        pa.field("status", pa.string()),
    ),
    optional=(pa.field("source", pa.string()),),
    key=("problem_id", "event_date", "event"),
    compared=("region_code", "found", "deadline", "responsible"),
    roles=("problem_id", "found"),
    derived={
        "problem_events": ("parent_code", "level", "region_code", "problem_id", "event_date"),
        "ledger_extent": ("parent_code", "level", "region_code"),
    },
    always_written=False,
)
INSPECTIONS = Kind(
    name="inspections",
    file="inspections.parquet",
    # One row per standard checked at a point on a visit (实地检查): 合格 / 不合格 / 严重不合格, or points of a maximum.
    required=(
        pa.field("region_code", pa.string()),
        pa.field("point", pa.string()),
        pa.field("point_type", pa.string()),
        pa.field("visited", pa.date32()),
        pa.field("standard", pa.string()),
        pa.field("result", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("max_score", pa.float64()),
        pa.field("team", pa.string()),
        pa.field("status", pa.string()),
    ),
    # category: what the standard is about (基础设施, 环境卫生, 公共秩序, 宣传氛围 …), for the share of lost points
    # longitude, latitude: where the site is (WGS-84 degrees, as a phone's GPS gives them), for the map of sites
    optional=(
        pa.field("photo", pa.string()),
        pa.field("source", pa.string()),
        pa.field("category", pa.string()),
        pa.field("longitude", pa.float64()),
        pa.field("latitude", pa.float64()),
    ),
    key=("region_code", "point", "visited", "standard"),
    compared=("result", "score", "max_score"),
    roles=("point", "standard", "visited"),
    derived={
        "inspection_results": ("parent_code", "level", "region_code", "visited", "point"),
        "inspection_extent": ("parent_code", "level", "region_code"),
    },
    always_written=False,
)
# In the order files are written and listed (a snapshot's manifest keeps it).
KINDS = (FIGURES, SURVEY, PROBLEMS, INSPECTIONS)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_FILE = {kind.file: kind for kind in KINDS}


def derivation_order(kinds=KINDS) -> list[Kind]:
    """The kinds with every kind after those whose derived tables it reads."""
    done: list[Kind] = []

    def visit(kind: Kind, seen: tuple[str, ...]) -> None:
        if kind in done:
            return
        if kind.name in seen:
            raise ValueError(f"kinds read each other's derived tables: {' -> '.join((*seen, kind.name))}")
        for name in kind.reads:
            visit(BY_NAME[name], (*seen, kind.name))
        done.append(kind)

    for kind in kinds:
        visit(kind, ())
    return done


def derived_tables() -> dict[str, tuple[str, ...]]:
    """Every derived table, in the order it is computed, with the columns it is sorted by."""
    return {table: order for kind in derivation_order() for table, order in kind.derived.items()}


def of(table: str) -> Kind:
    """The kind whose derived SQL writes a derived table."""
    return next(kind for kind in KINDS if table in kind.derived)


def shown(rows: dict[str, int]) -> list[Kind]:
    """The kinds a count names: those every snapshot has, and a newer kind where it has rows."""
    return [kind for kind in KINDS if kind.always_written or rows.get(kind.file, 0)]


def counted(rows: dict[str, int], lang: str) -> str:
    """'70 values and 0 survey answers' (70 个数值和 0 条调查答案) of rows by file, as a manifest counts them."""
    parts = [t(f"count_{kind.name}", lang, n=f"{rows.get(kind.file, 0):,}") for kind in shown(rows)]
    if len(parts) < 2:
        return "".join(parts)
    return t("counts_comma", lang).join(parts[:-1]) + t("counts_and", lang) + parts[-1]


def counted_rows(frames: dict, lang: str) -> str:
    """counted() of rows by kind name (as ingest holds them before they are written)."""
    return counted({kind.file: len(frames[kind.name]) for kind in KINDS if kind.name in frames}, lang)


def rows_cell(rows: dict[str, int]) -> str:
    """'16 / 0': a manifest's rows of each kind, in the order rows_header() names them."""
    return " / ".join(f"{rows.get(kind.file, 0):,}" for kind in KINDS if kind.always_written)


def rows_header(lang: str) -> str:
    return t(
        "col_rows", lang, kinds=" / ".join(t(f"data_kind_{kind.name}", lang) for kind in KINDS if kind.always_written)
    )
