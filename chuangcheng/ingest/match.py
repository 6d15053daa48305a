"""Find a region the way a steward writes it: Xi'an, Xian City, 西安, 西安市, 610100, or an alias.

Every region is known by its code, its names in both languages and its aliases (exact labels), and by
those names without a suffix (市, 区, City, District ...) and the pinyin of its Chinese name (derived
labels, romanised once when the regions are read). Keys are compared without case, spaces or
punctuation. An exact label wins over a derived one; a key that still points to two regions is
ambiguous (a parent column can settle it), and close spellings are only suggested (rapidfuzz), never
matched.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from chuangcheng.model.regions import aliases

SUFFIXES_ZH = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "新区", "省", "市", "区", "县", "旗", "盟", "街道", "镇", "乡")
SUFFIXES_EN = ("special administrative region", "autonomous region", "municipality", "province", "prefecture", "district",
               "county", "city", "subdistrict", "street", "town", "shi", "qu", "xian", "sheng")
PUNCTUATION = re.compile(r"[\s'’‘`\"“”\-_.,，、·()（）\[\]【】]+")
NOTE = re.compile(r"[（(][^）)]*[）)]")  # '星澜市（虚构）': a note in brackets is no part of the name
CJK = re.compile(r"[\u4e00-\u9fff]")
SUGGEST_AT = 85  # rapidfuzz score out of 100: below it a "closest" region is more noise than help
SUGGEST_AT_MOST = 3
READINGS_AT_MOST = 4  # a name's pinyin with its characters' other readings (朝阳: chaoyang, zhaoyang), capped


def key(text: str) -> str:
    """Text as compared: full-width forms made plain, tone marks off (Guǎngzhōu is guangzhou), case folded,
    spaces and punctuation gone."""
    plain = unicodedata.normalize("NFKC", str(text))
    if not plain.isascii():
        plain = "".join(c for c in unicodedata.normalize("NFD", plain) if not unicodedata.combining(c))
        plain = unicodedata.normalize("NFC", plain)
    return PUNCTUATION.sub("", plain.casefold())


def without_suffix(name: str) -> str:
    """'西安市' -> '西安', 'Xian City' -> 'Xian'; a name that is only a suffix stays whole."""
    folded = NOTE.sub("", unicodedata.normalize("NFKC", str(name))).strip()
    for suffix in SUFFIXES_ZH:
        if folded.endswith(suffix) and len(folded) > len(suffix) + 1:
            return folded[: -len(suffix)]
    lowered = folded.casefold()
    for suffix in SUFFIXES_EN:
        if lowered.endswith(" " + suffix):
            return folded[: -len(suffix) - 1].strip()
    return folded


@lru_cache(maxsize=None)
def romanised(name_zh: str) -> tuple[str, ...]:
    """The pinyin of a Chinese name without its suffix, in the forms people write it: 西安市 -> xian, xi'an.
    The phrase reading comes first; other readings of its characters follow (a few at most)."""
    from pypinyin import Style, lazy_pinyin, pinyin  # its dictionaries load in a moment; only ingest needs them

    bare = without_suffix(name_zh)
    if not re.search(r"[\u4e00-\u9fff]", bare):
        return ()
    phrase = lazy_pinyin(bare, style=Style.NORMAL)
    readings = [phrase] + [list(combo) for combo in itertools.islice(
        itertools.product(*pinyin(bare, style=Style.NORMAL, heteronym=True)), READINGS_AT_MOST)]
    forms = []
    for syllables in readings:
        syllables = [s for s in syllables if s.isalpha()]
        forms += ["".join(syllables), "'".join(syllables)]
    return tuple(dict.fromkeys(forms))


def short_codes(code: str) -> tuple[str, ...]:
    """The shorter forms of a 12-digit statistical code (统计用区划代码): 330102008000 is the town 330102008,
    330102000000 the county 330102, as the 6- and 9-digit codes pad to twelve."""
    if not (len(code) == 12 and code.isdigit()):
        return ()
    return (code[:6],) if code.endswith("000000") else (code[:9],) if code.endswith("000") else ()


def closeness(written: str, label: str, **_) -> float:
    """Indel similarity (0-100), and one slip of a key (a letter missed, added, changed or swapped: Xain,
    Lanzou) counted as close in names of four letters or more, or three Chinese characters (广洲市), where it
    weighs more than the ratio says."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    shortest = 3 if CJK.search(written) else 4
    slip = min(len(written), len(label)) >= shortest and OSA.distance(written, label, score_cutoff=1) <= 1
    return max(fuzz.ratio(written, label), 90.0 if slip else 0.0)


@dataclass(frozen=True)
class Match:
    """What a written region name found: a code, or why not with the regions it could be.

    problem is None, "empty", "unknown", "ambiguous", "not_under_parent" or "with_note"."""

    code: str | None
    problem: str | None = None
    suggestions: tuple[str, ...] = ()


class RegionMatcher:
    """Regions by every way of writing them; built once per ingest from the regions in force."""

    def __init__(self, regions: pd.DataFrame, extra: dict[str, str] | None = None):
        self.regions = regions
        self.exact: dict[str, set[str]] = {}
        self.derived: dict[str, set[str]] = {}
        for code, row in regions.iterrows():
            names = [row["name_zh"], row["name_en"], *aliases(row)]
            for label in [code, *names]:
                self.exact.setdefault(key(label), set()).add(code)
            for label in [*(without_suffix(n) for n in names), *romanised(row["name_zh"]), *short_codes(code)]:
                self.derived.setdefault(key(label), set()).add(code)
        self.found: dict[tuple, Match] = {}  # a name repeats on many rows: look it up (and suggest) once
        self.exact.pop("", None)
        self.derived.pop("", None)
        for written, code in (extra or {}).items():  # a mapping's [aliases] win: the steward said so
            self.exact[key(written)] = {code}

    def candidates(self, text: str) -> set[str]:
        """The regions a text names: by an exact label if any, else by a derived one (a 12-digit statistical code
        padded with zeros names the 6- or 9-digit region it pads)."""
        for table in (self.exact, self.derived):
            if table is self.derived and NOTE.search(str(text)):
                break  # 杭州市（市辖区）, 深圳市（不含深汕合作区）: a note that narrows the region is never dropped to match
            for wanted in (key(text), key(without_suffix(text)), *short_codes(key(text))):
                if wanted in table:
                    return table[wanted]
        return set()

    def find(self, text: str, parent: str | None = None) -> Match:
        if (text, parent) not in self.found:
            self.found[(text, parent)] = self.lookup(text, parent)
        return self.found[(text, parent)]

    def lookup(self, text: str, parent: str | None) -> Match:
        if not key(text):
            return Match(None, "empty")
        found = self.candidates(text)
        if parent is not None and found:
            under = {code for code in found if parent in self.ancestors(code)}
            if not under:
                return Match(None, "not_under_parent", tuple(sorted(found))[:SUGGEST_AT_MOST])
            found = under
        if len(found) == 1:
            return Match(next(iter(found)))
        if len(found) > 1:
            return Match(None, "ambiguous", tuple(sorted(found)))
        bare = self.candidates(NOTE.sub("", str(text))) if NOTE.search(str(text)) else set()
        if bare:  # the name without its note is a region: named, so the steward says whether the note narrows it
            return Match(None, "with_note", tuple(sorted(bare))[:SUGGEST_AT_MOST])
        return Match(None, "unknown", self.suggest(text))

    def ancestors(self, code: str) -> set[str]:
        """The region's parent, its parent's parent, and so on (a cycle in a bad list stops the walk)."""
        seen: set[str] = set()
        parent = self.regions.at[code, "parent_code"] if code in self.regions.index else ""
        while parent and parent not in seen:
            seen.add(parent)
            parent = self.regions.at[parent, "parent_code"] if parent in self.regions.index else ""
        return seen

    def suggest(self, text: str) -> tuple[str, ...]:
        """At most three regions spelled close to the text, best first; none rather than a bad one. A code
        is compared with codes only (61010 -> 610100 or 061010), a name with names only."""
        from rapidfuzz import fuzz, process

        wanted = key(text)
        labels = {**self.derived, **self.exact}
        sounded = [code for form in (romanised(str(text)) if CJK.search(str(text)) else ()) for code in sorted(self.derived.get(key(form), ()))]
        pool = [label for label in labels if label.isdigit() == wanted.isdigit()]
        close = process.extract(wanted, pool, scorer=closeness, score_cutoff=SUGGEST_AT, limit=12)
        codes: list[str] = list(dict.fromkeys(sounded))  # 廣州市 reads guangzhou: 广州市 first, then close spellings
        for label, _, _ in close:
            codes += [code for code in sorted(labels[label]) if code not in codes]
        return tuple(codes[:SUGGEST_AT_MOST])

    def describe(self, codes: tuple[str, ...]) -> str:
        """'610100 西安市 Xi'an; 610200 ...': a suggestion a person recognises, in both languages."""
        return "; ".join(f"{c} {self.regions.at[c, 'name_zh']} {self.regions.at[c, 'name_en']}" for c in codes if c in self.regions.index)
