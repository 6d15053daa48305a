"""Find a region the way a steward writes it: Xi'an, Xian City, 西安, 西安市, 610100, or an alias.

Every region is known by its code, its names in both languages and its aliases (exact labels), and by
those names without a suffix (市, 区, City, District ...) and the pinyin of its Chinese name (derived
labels, romanised once when the regions are read). Keys are compared without case, spaces or
punctuation. An exact label wins over a derived one; a key that still points to two regions is
ambiguous (a parent column can settle it), and close spellings are only suggested (rapidfuzz), never
matched.
"""

import copy
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from chuangcheng import files as files_module
from chuangcheng.model.regions import ALIAS_SEPARATOR, LEVELS, NATIONAL_FOLDER, national

SUFFIXES_ZH = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "地区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
    "街道",
    "镇",
    "乡",
)
SUFFIXES_EN = (
    "special administrative region",
    "autonomous region",
    "municipality",
    "province",
    "prefecture",
    "district",
    "county",
    "city",
    "subdistrict",
    "street",
    "town",
    "shi",
    "qu",
    "xian",
    "sheng",
)
TABLE_NAMES = ("exact", "derived", "sound", "heard")
KEY_SEPARATOR = "|"  # between the keys a list carries (a key has no punctuation, so never this)
PUNCTUATION = re.compile(r"[\s'’‘`\"“”\-_.,，、·()（）\[\]【】|]+")
NOTE = re.compile(r"[（(][^）)]*[）)]")  # '星澜市（虚构）': a note in brackets is no part of the name
CJK = re.compile(r"[\u4e00-\u9fff]")
SUGGEST_AT = 85  # rapidfuzz score out of 100: below it a "closest" region is more noise than help
SUGGEST_AT_MOST = 3
SUGGEST_NAMES = 60  # distinct unknown names an ingest suggests for (about 20 ms each against the national list); the
# report shows 50 groups, and a file of thousands of unknown names is a wrong file more than thousands of typos
DESCRIBED = 6  # candidates a message names
LONGEST_NAME = 40  # characters of a cell compared for a suggestion: no region's name is longer
PREFILTER_AT = 60  # plain ratio a label needs to be scored at all: one slip in a name of four letters scores 75 or more
READINGS_AT_MOST = 4  # a name's pinyin with its characters' other readings (朝阳: chaoyang, zhaoyang), capped
# Places read otherwise than the words they are spelled with (朝阳 the district is Chaoyang, the morning sun is
# zhaoyang); 长 first in a place name is chang (长治, 长垣), 都 last is du (郫都, 江都).
PLACE_READINGS = {
    "朝阳": "chao yang",
    "洪洞": "hong tong",
    "单县": "shan xian",
    "六安": "lu an",
    "蚌埠": "beng bu",
    "番禺": "pan yu",
    "乐清": "yue qing",
    "丽水": "li shui",
    "铅山": "yan shan",
    "亳州": "bo zhou",
    "涡阳": "guo yang",
}


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


def place_syllables(name: str) -> list[str]:
    """The pinyin syllables of a place name as the place is called (PLACE_READINGS), one per character."""
    from pypinyin import Style, lazy_pinyin

    out = lazy_pinyin(name, style=Style.NORMAL)
    if len(out) != len(name):  # letters or digits in the name: no character-by-character fixes
        return out
    for phrase, reading in PLACE_READINGS.items():
        at = name.find(phrase)
        while at >= 0:
            out[at : at + len(phrase)] = reading.split()
            at = name.find(phrase, at + 1)
    if name.startswith("长"):
        out[0] = "chang"
    if name.endswith("都") and len(name) > 1:
        out[-1] = "du"
    return out


@lru_cache(maxsize=None)
def romanised(name_zh: str) -> tuple[str, ...]:
    """The pinyin of a Chinese name without its suffix, in the forms people write it: 西安市 -> xian, xi'an.
    The phrase reading comes first; other readings of its characters follow (a few at most)."""
    from pypinyin import Style, pinyin  # its dictionaries load in a moment; only ingest needs them

    bare = without_suffix(name_zh)
    if not re.search(r"[\u4e00-\u9fff]", bare):
        return ()
    phrase = place_syllables(bare)
    readings = [phrase] + [
        list(combo)
        for combo in itertools.islice(
            itertools.product(*pinyin(bare, style=Style.NORMAL, heteronym=True)), READINGS_AT_MOST
        )
    ]
    forms = []
    for syllables in readings:
        syllables = [s for s in syllables if s.isalpha()]
        forms += ["".join(syllables), "'".join(syllables)]
    forms += [form.replace("v", "u") for form in forms if "v" in form]  # 吕梁 as Lvliang, Lüliang or Luliang
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=65536)
def wanted_keys(text: str) -> tuple[str, ...]:
    """The keys a written name is looked up by: as written, without its suffix, and a 12-digit code's short forms."""
    return (key(text), key(without_suffix(text)), *short_codes(key(text)))


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
    from rapidfuzz import fuzz  # imported once: later imports are a lookup, but a lookup per label of 400,000 adds up
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


# The kind a written name says it is (市, 区, County ...), as the end of a region's Chinese name says it: a written
# kind that some candidates share settles between them (Xian City is 西安市, not 西安区).
KIND_WORDS = {
    "市": "市",
    "city": "市",
    "区": "区",
    "district": "区",
    "县": "县",
    "county": "县",
    "旗": "旗",
    "banner": "旗",
    "省": "省",
    "province": "省",
    "州": "州",
    "prefecture": "州",
    "盟": "盟",
    "league": "盟",
    "街道": "街道",
    "subdistrict": "街道",
    "镇": "镇",
    "town": "镇",
    "乡": "乡",
    "township": "乡",
}


KIND_NOTE = re.compile(r"\s*[（(]\s*(" + "|".join(map(re.escape, KIND_WORDS)) + r")\s*[)）]", re.IGNORECASE)


def written_kind(text: str) -> str | None:
    """The kind a name's last word or character says (市 for '西安市' and 'Xian City'), or None."""
    plain = NOTE.sub("", unicodedata.normalize("NFKC", str(text))).strip()
    words = plain.casefold().split()
    if len(words) > 1 and words[-1] in KIND_WORDS:
        return KIND_WORDS[words[-1]]
    for word in ("街道", "市", "区", "县", "旗", "省", "州", "盟", "镇", "乡"):
        if plain.endswith(word) and len(plain) > len(word) + 1:
            return KIND_WORDS[word]
    return None


class RegionMatcher:
    """Regions by every way of writing them; built once per ingest from the regions in force.

    Three tables of keys: exact labels (code, names, aliases), derived ones (names without a suffix, the short
    forms of a 12-digit code) and sounds (pinyin of the Chinese name, from the list's `romanised` column when it
    has one). A romanised name is a sound whatever table holds it: Fuzhou is 福州市 and 抚州市 alike, and names
    both unless a parent, the table's level or a written kind leaves one."""

    def __init__(self, regions: pd.DataFrame, extra: dict[str, str] | None = None, changes: pd.DataFrame | None = None):
        self.regions = regions
        self.changes = (
            changes if changes is not None else pd.DataFrame(columns=["name_zh", "last_revision", "successor", "how"])
        )
        codes = regions.index.tolist()  # lists, then dicts: a Series' to_dict walks 45,000 Arrow strings one by one
        self.levels = dict(zip(codes, regions["level"].tolist())) if "level" in regions.columns else {}
        self.parents = (
            dict(zip(codes, regions["parent_code"].fillna("").tolist())) if "parent_code" in regions.columns else {}
        )
        self.lineage: dict[str, set[str]] = {}
        self.exact: dict[str, set[str]] = {}
        self.derived: dict[str, set[str]] = {}
        self.sound: dict[str, set[str]] = {}
        self.heard: dict[str, set[str]] = {}  # other readings of a name's characters: for suggestions only
        self.labelled(regions)
        self.found: dict[tuple, Match] = {}  # a name repeats on many rows: look it up (and suggest) once
        self.described: dict[tuple, str] = {}
        self.labelled_as: dict[str, frozenset] = {}
        self.suggested = 0
        self.pools: dict[tuple, list[str]] = {}
        self.said: dict[str, str] = {}
        self.aliased(extra or {})

    def labelled(self, regions: pd.DataFrame) -> None:
        """Every label of these regions into the three tables. A label's set is replaced, never changed in place:
        an overlaid matcher shares the sets of the one it was made from."""

        def add(table: dict, label: str, code: str) -> None:
            if label:
                table[label] = table.get(label, frozenset()) | {code}

        spoken = regions["romanised"] if "romanised" in regions.columns else pd.Series("", index=regions.index)
        for code, zh, en, also, said in zip(
            regions.index, regions["name_zh"], regions["name_en"], regions["aliases"].fillna(""), spoken.fillna("")
        ):
            names = [zh, en, *(a.strip() for a in str(also).split(ALIAS_SEPARATOR) if a.strip())]
            for label in (code, *names):
                add(self.exact, key(label), code)
            for label in (*(without_suffix(n) for n in names), *short_codes(code)):
                add(self.derived, key(label), code)
            forms = said.split(ALIAS_SEPARATOR) if said else list(romanised(zh))
            spoken = forms[:2] + [
                form.replace("v", "u") for form in forms[:2] if "v" in form
            ]  # the name as the place says it
            for label in forms:  # other readings of its characters (郴 also reads lan) only make suggestions
                add(self.sound if label in spoken else self.heard, key(label), code)

    def tables(self) -> tuple[dict, dict, dict, dict]:
        return self.exact, self.derived, self.sound, self.heard

    def index(self) -> pd.DataFrame:
        """Every label of every table with its regions ('|'-joined): what the national list ships (keys.parquet) so a
        matcher is built from it without keying 45,000 names."""
        rows = [
            (table_name, label, KEY_SEPARATOR.join(sorted(codes)))
            for table_name, table in zip(TABLE_NAMES, self.tables())
            for label, codes in sorted(table.items())
        ]
        return pd.DataFrame(rows, columns=["table", "label", "codes"])

    @classmethod
    def from_index(cls, regions: pd.DataFrame, index: pd.DataFrame) -> "RegionMatcher":
        """A matcher of these regions from their shipped index (see index())."""
        matcher = cls(regions.iloc[0:0])
        matcher.regions = regions
        codes = regions.index.tolist()
        matcher.levels = dict(zip(codes, regions["level"].tolist()))
        matcher.parents = dict(zip(codes, regions["parent_code"].fillna("").tolist()))
        for table_name, table in zip(TABLE_NAMES, matcher.tables()):
            part = index[index["table"] == table_name]
            table.update(
                zip(part["label"].tolist(), map(frozenset, (c.split(KEY_SEPARATOR) for c in part["codes"].tolist())))
            )
        return matcher

    def overlaid(
        self, regions: pd.DataFrame, rows: pd.DataFrame, changes: pd.DataFrame | None = None
    ) -> "RegionMatcher":
        """A matcher of this one's regions with rows laid over them (the reviewed catalog's, a snapshot's, a regions
        file's), where regions is the whole list in force: the national list's 400,000 labels are keyed once per
        process, the few rows of an ingest on top."""
        other = copy.copy(self)
        other.regions = regions
        other.changes = changes if changes is not None else self.changes
        other.levels = {**self.levels, **rows["level"].to_dict()}
        other.parents = {**self.parents, **rows["parent_code"].fillna("").to_dict()}
        other.exact, other.derived, other.sound, other.heard = (
            dict(self.exact),
            dict(self.derived),
            dict(self.sound),
            dict(self.heard),
        )
        other.lineage, other.found, other.pools, other.said, other.suggested, other.described = (
            {},
            {},
            {},
            dict(self.said),
            0,
            {},
        )
        other.labelled_as = {}
        other.labelled(rows)
        return other

    def aliased(self, extra: dict[str, str]) -> None:
        for written, code in extra.items():  # a mapping's [aliases] win: the steward said so
            self.exact[key(written)] = frozenset({code})
            self.said[key(written)] = code

    def with_aliases(self, extra: dict[str, str]) -> "RegionMatcher":
        """This matcher with a mapping's [aliases] laid over it (a copy: building one over 45,000 regions takes a second)."""
        other = copy.copy(self)
        other.exact, other.said, other.found, other.pools, other.suggested, other.described = (
            dict(self.exact),
            dict(self.said),
            {},
            {},
            0,
            {},
        )
        other.labelled_as = {}
        other.aliased(extra)
        return other

    def answers_to(self, code: str, written: str) -> bool:
        """Whether a name is one way of writing this region (its labels, short name or sound): a name column beside a
        code column only checks the code."""
        plain = NOTE.sub("", str(written)).strip() or str(written)
        if code in self.candidates(plain) | self.sounds(plain) | self.candidates(written):
            return True
        for parent in self.ancestors(code):  # 福州市鼓楼区, as yearbooks write a district with its city
            for name in (
                (str(self.regions.at[parent, "name_zh"]), without_suffix(self.regions.at[parent, "name_zh"]))
                if parent in self.regions.index
                else ()
            ):
                if plain.startswith(name) and len(plain) > len(name) and code in self.candidates(plain[len(name) :]):
                    return True
        return False

    def gone(self, text: str) -> str | None:
        """The code a text writes, when the national list had it once and has it no more."""
        code = key(text)
        code = next(iter(short_codes(code)), code)
        return code if code in self.changes.index and code not in self.regions.index else None

    def candidates(self, text: str) -> set[str]:
        """The regions a text names by its labels: an exact one if any, else a derived one (a 12-digit statistical
        code padded with zeros names the 6- or 9-digit region it pads). Asked once per text (a census of the table,
        the lookup, the check of two names): remembered."""
        if text not in self.labelled_as:
            self.labelled_as[text] = frozenset(self.labelled_candidates(text))
        return set(self.labelled_as[text])

    def labelled_candidates(self, text: str) -> set[str]:
        wanted = self.wanted(text)
        said = next((self.said[k] for k in wanted[:2] if k in self.said), None)
        if said:
            return {said}
        if NOTE.search(
            str(text)
        ):  # 杭州市（市辖区）, 深圳市（不含深汕合作区）: a note that narrows the region is never dropped to match
            return set(self.exact.get(wanted[0], set()))
        whole, stripped = (wanted[0], *wanted[2:]), wanted[1:2]
        for table, keys in (
            (self.exact, whole),
            (self.exact, stripped),
            (self.derived, whole),
            (self.derived, stripped),
        ):
            found = set().union(*(table.get(k, set()) for k in keys))  # 鼓楼区 as written before 鼓楼 (a 鼓楼街道 too)
            if found:
                return found
        return set()

    def sounds(self, text: str) -> set[str]:
        """The regions whose Chinese name sounds as a name in Latin letters is written (Fu zhou: 福州市 and 抚州市)."""
        wanted = self.wanted(text)
        if not wanted[0].isascii() or wanted[0].isdigit() or NOTE.search(str(text)):
            return set()
        return set().union(*(self.sound.get(k, set()) for k in wanted[:2]))

    @staticmethod
    def wanted(text: str) -> tuple[str, ...]:
        return wanted_keys(str(text))

    def find(self, text: str, parent: str | None = None, level: str | None = None) -> Match:
        text = KIND_NOTE.sub(
            lambda m: " " + m.group(1), str(text)
        )  # Fu zhou(city) is Fu zhou city: a kind, not a narrowing note
        if (text, parent, level) not in self.found:
            self.found[(text, parent, level)] = self.lookup(text, parent, level)
        return self.found[(text, parent, level)]

    def narrowed(self, found: set[str], text: str, level: str | None) -> set[str]:
        """Candidates of the table's level, else none finer than it (a town is never meant in a table of cities),
        then of the kind the name says, when some are (never none)."""
        if level in LEVELS and len(found) > 1:
            finest = LEVELS.index(level)
            found = (
                {code for code in found if self.levels.get(code) == level}
                or {code for code in found if self.levels.get(code) in LEVELS[:finest]}
                or found
            )
        kind = written_kind(text)
        if kind and len(found) > 1:
            found = {code for code in found if self.name_zh(code).endswith(kind)} or found
        return found

    def lookup(self, text: str, parent: str | None, level: str | None = None) -> Match:
        """A region by its labels if they leave one; else by sound, only when no other region of its level under
        the parent shares the sound; else the problem with every candidate named."""
        if not key(text):
            return Match(None, "empty")
        said = next((self.said[k] for k in self.wanted(text)[:2] if k in self.said), None)
        if said and parent is None:
            return Match(said)  # the mapping's [aliases]: the steward's word, whatever else the name sounds like
        labelled, sounding = self.candidates(text), (set() if said else self.sounds(text))
        if parent is not None and (labelled or sounding):
            under = lambda codes: {code for code in codes if parent in self.ancestors(code)}  # noqa: E731
            if not under(labelled | sounding):
                return Match(None, "not_under_parent", tuple(sorted(labelled | sounding))[:SUGGEST_AT_MOST])
            labelled, sounding = under(labelled), under(sounding)
        if sounding:  # in Latin letters a name is a sound, whichever table holds it: all of them compete
            found = self.narrowed(labelled | sounding, text, level)
            if (
                level in LEVELS
                and len(found) > 1
                and all(LEVELS.index(self.levels.get(c, level)) > LEVELS.index(level) for c in found)
            ):
                return Match(
                    None, "unknown", self.suggest(text, parent, level)
                )  # Xinning in a table of cities: no town is meant
            named = found & self.exact.get(key(text), set())
            if len(found) > 1 and len(named) == 1 and all(self.conventional(code) for code in found - named):
                found = named  # Shanxi is 山西省 by its name; 陕西省 only sounds so, and English writes it Shaanxi
        else:
            found = self.narrowed(labelled, text, level)
        if len(found) == 1:
            return Match(next(iter(found)))
        if len(found) > 1:
            return Match(None, "ambiguous", tuple(sorted(found)))
        if self.gone(text):  # 130223 滦县 until 2016: named with what took its place, never matched by a guess
            return Match(None, "abolished", (self.changes.at[self.gone(text), "successor"],))
        self.suggested += 1
        if self.suggested > SUGGEST_NAMES:  # a file of 10,000 names no region has: the first few hundred say enough
            return Match(None, "unknown")
        bare = self.candidates(NOTE.sub("", str(text))) if NOTE.search(str(text)) else set()
        if bare:  # the name without its note is a region: named, so the steward says whether the note narrows it
            return Match(
                None, "with_note", tuple(sorted(self.narrowed(bare, NOTE.sub("", str(text)), level)))[:SUGGEST_AT_MOST]
            )
        return Match(None, "unknown", self.suggest(text, parent, level))

    def name_zh(self, code: str) -> str:
        return str(self.regions.at[code, "name_zh"]) if code in self.regions.index else ""

    def conventional(self, code: str) -> bool:
        """Whether English writes the region otherwise than its pinyin (陕西 Shaanxi, 乌鲁木齐 Ürümqi): one who meant it
        would have written that, so its pinyin alone does not name it. 务川 is Wuchuan in English as in pinyin."""
        first = key(str(self.regions.at[code, "name_en"]).split(" ")[0]) if code in self.regions.index else ""
        return bool(first) and code not in self.sound.get(first, ()) and code not in self.heard.get(first, ())

    def ancestors(self, code: str) -> set[str]:
        """The region's parent, its parent's parent, and so on (a cycle in a bad list stops the walk)."""
        if code not in self.lineage:
            seen: set[str] = set()
            parent = self.parents.get(code, "")
            while parent and parent not in seen:
                seen.add(parent)
                parent = self.parents.get(parent, "")
            self.lineage[code] = seen
        return self.lineage[code]

    def suggest(self, text: str, parent: str | None = None, level: str | None = None) -> tuple[str, ...]:
        """At most three regions near the text, best first; none rather than a bad one. Near means of the table's
        level and under the parent when known (else anywhere), and spelled or sounding close; a code is compared
        with codes that share its province's two digits (61010 -> 610100), a name with names only."""
        wanted = key(text)[:LONGEST_NAME]
        close = self.close_labels(wanted)
        sounded = [
            code
            for form in (romanised(str(text)) if CJK.search(str(text)) else ())
            for code in sorted(self.sound.get(key(form), ()))
        ]
        kind = written_kind(text)
        for where in ((level, parent), (level, None), (None, None)):
            ranked = [
                code for code in dict.fromkeys(sounded) if self.fits(code, *where)
            ]  # 廣州市 reads guangzhou: 广州市 first
            for label in close:
                ranked += [code for code in self.codes_of(label) if code not in ranked and self.fits(code, *where)]
            if kind:  # 广洲市 is more likely a 市 than a 镇: of equally close ones, those of the kind written first
                ranked.sort(key=lambda code: not self.name_zh(code).endswith(kind))
            if ranked:
                return tuple(ranked[:SUGGEST_AT_MOST])
        return ()

    def close_labels(self, wanted: str) -> list[str]:
        """Labels spelled close to a key, closest first. rapidfuzz's own ratio picks the likely few among each table's
        labels at C speed (of codes, those of the same province's two digits); closeness, which also counts one slip as
        close, ranks them."""
        from rapidfuzz import fuzz, process

        digits = wanted[:2] if wanted.isdigit() else None
        likely: dict[str, None] = {}
        for table in self.tables():
            labels = self.labels_of(table, digits)
            likely.update(
                dict.fromkeys(
                    label
                    for label, _, _ in process.extract(
                        wanted, labels, scorer=fuzz.ratio, score_cutoff=PREFILTER_AT, limit=200
                    )
                )
            )
        scored = sorted(((closeness(wanted, label), label) for label in likely), key=lambda pair: -pair[0])
        return [label for score, label in scored if score >= SUGGEST_AT][:12]

    def codes_of(self, label: str) -> list[str]:
        """A label's regions: named so first, then sounding so; a rare reading only where nothing else is (郴 as lan)."""
        named = [code for table in (self.exact, self.derived, self.sound) for code in sorted(table.get(label, ()))]
        return list(dict.fromkeys(named or sorted(self.heard.get(label, ()))))

    def fits(self, code: str, level: str | None, parent: str | None) -> bool:
        return (not level or self.levels.get(code) == level) and (not parent or parent in self.ancestors(code))

    def labels_of(self, table: dict, digits: str | None) -> list[str]:
        """A table's labels: of codes starting with digits (or with a zero a spreadsheet may have dropped before them),
        else of names. Listed once per matcher."""
        wanted = (id(table), digits)
        if wanted not in self.pools:
            if digits is None:
                self.pools[wanted] = [label for label in table if not label.isdigit()]
            else:
                self.pools[wanted] = [
                    label for label in table if label.isdigit() and label.startswith((digits, "0" + digits[:1]))
                ]
        return self.pools[wanted]

    def describe(self, codes: tuple[str, ...]) -> str:
        """'610100 西安市 Xi'an; ...': a suggestion a person recognises, in both languages; regions of different
        provinces also say their province (350100 福州市 Fuzhou (福建省 Fujian)). At most DESCRIBED are listed
        (城关镇 is 88 towns): the rest are counted."""
        if codes not in self.described:
            shown = tuple(c for c in codes if c in self.regions.index)
            where = len({self.province_of(c) for c in shown}) > 1
            text = "; ".join(
                f"{c} {self.regions.at[c, 'name_zh']} {self.regions.at[c, 'name_en']}{self.province_of(c) if where else ''}"
                for c in shown[:DESCRIBED]
            )
            self.described[codes] = text + (f"; … +{len(shown) - DESCRIBED}" if len(shown) > DESCRIBED else "")
        return self.described[codes]

    def province_of(self, code: str) -> str:
        """' (江西省 Jiangxi)' for a region under a province, '' for a province or a region with no parent."""
        top = [c for c in self.ancestors(code) if c in self.regions.index and not self.parents.get(c)]
        if not top or top[0] == code:
            return ""
        return f" ({self.regions.at[top[0], 'name_zh']} {self.regions.at[top[0], 'name_en']})"


def _national(regions_file: Path, keys_file: Path | None) -> RegionMatcher:
    every = national(regions_file.parent.parent)
    if keys_file is None:
        return RegionMatcher(every)
    return RegionMatcher.from_index(every, pd.read_parquet(keys_file))


# Built once per content of the list and its keys, not per folder: each data folder copying the list shared nothing.
_matchers = files_module.ByContent(_national)


def national_matcher(catalog_folder: Path) -> RegionMatcher | None:
    """A matcher of the national list, built once per process and state of the file (about a second), or None
    when the catalog has no national list."""
    path = Path(catalog_folder) / NATIONAL_FOLDER / "regions.parquet"
    if not path.is_file():
        return None
    keys = path.with_name("keys.parquet")
    return _matchers(path, keys) if keys.is_file() else _matchers(path)
