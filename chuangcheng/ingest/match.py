"""Find a region the way a steward writes it: Xi'an, Xian City, 西安, 西安市, 610100, or an alias.

Every region is known by its code, its names in both languages, its aliases, those names without a
suffix (市, 区, City, District ...) and the pinyin of its Chinese name (pypinyin, computed once when the
regions are read). Keys are compared without case, spaces or punctuation. A key that points to two
regions is ambiguous, and close spellings are only suggested (rapidfuzz), never matched silently.
"""

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from chuangcheng.model.regions import aliases

SUFFIXES_ZH = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "新区", "省", "市", "区", "县", "旗", "盟", "街道", "镇", "乡")
SUFFIXES_EN = ("special administrative region", "autonomous region", "municipality", "province", "prefecture", "district",
               "county", "city", "subdistrict", "street", "town")
PUNCTUATION = re.compile(r"[\s'’`\-_.,·()（）]+")
SUGGEST_AT = 80  # rapidfuzz WRatio: below this a "closest" region is more noise than help


def key(text: str) -> str:
    """Text as compared: full-width forms made plain, case folded, spaces and punctuation gone."""
    return PUNCTUATION.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


def without_suffix(name: str) -> str:
    folded = unicodedata.normalize("NFKC", str(name)).strip()
    for suffix in SUFFIXES_ZH:
        if folded.endswith(suffix) and len(folded) > len(suffix) + 1:
            return folded[: -len(suffix)]
    lowered = folded.casefold()
    for suffix in SUFFIXES_EN:
        if lowered.endswith(" " + suffix):
            return folded[: -len(suffix) - 1]
    return folded


def romanised(name_zh: str) -> str:
    """The pinyin of a Chinese name without its suffix: 西安市 -> xian (so Xi'an and Xian match it)."""
    from pypinyin import lazy_pinyin  # its dictionaries load in a moment; only ingest needs them

    return "".join(lazy_pinyin(without_suffix(name_zh)))


@dataclass(frozen=True)
class Match:
    """What a written region name found: a code, or why not (unknown / ambiguous) with suggestions."""

    code: str | None
    problem: str | None = None  # None, "unknown" or "ambiguous"
    suggestions: tuple[str, ...] = ()


class RegionMatcher:
    """Regions by every way of writing them; built once per ingest from the regions in force."""

    def __init__(self, regions: pd.DataFrame, extra: dict[str, str] | None = None):
        self.regions = regions
        self.keys: dict[str, set[str]] = {}
        for code, row in regions.iterrows():
            for label in self.labels(code, row):
                self.keys.setdefault(key(label), set()).add(code)
        for written, code in (extra or {}).items():  # a mapping's [aliases] win: the steward said so
            self.keys[key(written)] = {code}

    @staticmethod
    def labels(code: str, row: pd.Series) -> list[str]:
        names = [row["name_zh"], row["name_en"], *aliases(row)]
        return [code, *names, *(without_suffix(n) for n in names), romanised(row["name_zh"])]

    def find(self, text: str) -> Match:
        found = self.keys.get(key(text)) or self.keys.get(key(without_suffix(text)), set())
        if len(found) == 1:
            return Match(next(iter(found)))
        if len(found) > 1:
            return Match(None, "ambiguous", tuple(sorted(found)))
        return Match(None, "unknown", self.suggest(text))

    def suggest(self, text: str) -> tuple[str, ...]:
        from rapidfuzz import fuzz, process

        wanted = key(text)
        if not wanted:
            return ()
        close = process.extract(wanted, list(self.keys), scorer=fuzz.WRatio, score_cutoff=SUGGEST_AT, limit=12)
        codes = []
        for label, _, _ in close:
            for code in sorted(self.keys[label]):
                if code not in codes:
                    codes.append(code)
        return tuple(codes[:3])

    def describe(self, codes: tuple[str, ...]) -> str:
        """'610100 西安市 Xi'an; 610200 ...': a suggestion a person recognises, in both languages."""
        return "; ".join(f"{c} {self.regions.at[c, 'name_zh']} {self.regions.at[c, 'name_en']}" for c in codes if c in self.regions.index)
