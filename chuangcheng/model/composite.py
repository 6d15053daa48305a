"""The composite index a city ranks its districts or streets by (文明程度指数): field inspections and the household
survey weighted as the city's own rules say — Wuhan's 2022 bulletins 实地考察 60 + 问卷 40, Jining's 2017 85 / 15.
The formula is data (catalog/composite.toml), read and checked here; views/composite.py computes it."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from chuangcheng.errors import Problem

FILE = "composite.toml"
# what a part measures: 得分率 or 符合率 of the field inspections of a region and the regions under it in the year,
# 问题整改率 of its ledger, or the mean of survey rates of the catalog
MEASURES = ("inspection_score_rate", "inspection_pass_rate", "rectification_rate", "survey")


@dataclass(frozen=True)
class Part:
    measure: str
    weight: float
    name_zh: str
    name_en: str
    indicators: tuple[str, ...] = ()  # a survey part: the survey rates it averages

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Composite:
    name_zh: str
    name_en: str
    parts: tuple[Part, ...]

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def total_weight(self) -> float:
        return sum(p.weight for p in self.parts)

    def formula(self, lang: str) -> str:
        """实地考察 × 60% + 问卷调查 × 40%: the weights as shares of their sum."""
        return " + ".join(f"{p.name(lang)} × {100 * p.weight / self.total_weight:g}%" for p in self.parts)


def read(path: Path) -> tuple[Composite | None, list[Problem]]:
    """The formula of catalog/composite.toml, or None when the catalog has none (no index is shown)."""
    if not path.is_file():
        return None, []
    try:
        found = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return None, [Problem(FILE, None, None, f"not TOML: {error}")]
    problems = [
        Problem(FILE, None, key, "empty") for key in ("name_zh", "name_en") if not str(found.get(key, "")).strip()
    ]
    parts = []
    for row, part in enumerate(found.get("part", []), start=1):
        if not isinstance(part, dict):
            problems.append(Problem(FILE, row, None, "a [[part]] table"))
            continue
        try:
            weight = float(part.get("weight"))
        except (TypeError, ValueError):
            weight = float("nan")
        parts.append(
            Part(
                measure=str(part.get("measure", "")),
                weight=weight,
                name_zh=str(part.get("name_zh", "")),
                name_en=str(part.get("name_en", "")),
                indicators=tuple(map(str, part.get("indicators") or ())),
            )
        )
    if not parts:
        problems.append(Problem(FILE, None, "part", "no [[part]]: give each part its measure and weight"))
    return Composite(str(found.get("name_zh", "")), str(found.get("name_en", "")), tuple(parts)), problems


def check(composite: Composite | None, indicators: pd.DataFrame) -> list[Problem]:
    """Each part a known measure with a positive weight and names in both languages; a survey part's rates survey
    indicators of the catalog."""
    if composite is None:
        return []
    problems = []
    for row, part in enumerate(composite.parts, start=1):
        if part.measure not in MEASURES:
            problems.append(Problem(FILE, row, "measure", f"“{part.measure}” is not one of {', '.join(MEASURES)}"))
        if not part.weight > 0:
            problems.append(Problem(FILE, row, "weight", "a positive number"))
        problems += [Problem(FILE, row, key, "empty") for key in ("name_zh", "name_en") if not getattr(part, key)]
        if part.measure == "survey":
            if not part.indicators:
                problems.append(Problem(FILE, row, "indicators", "a survey part names the survey rates it averages"))
            for code in part.indicators:
                if code not in indicators.index or indicators.at[code, "kind"] != "survey":
                    problems.append(Problem(FILE, row, "indicators", f"“{code}” is no survey indicator of the catalog"))
    return problems
