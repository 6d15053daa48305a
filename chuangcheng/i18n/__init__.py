"""Every label and message, one TOML file per language (en.toml, zh.toml); t(key, lang, **values) fills one in."""

import tomllib
from pathlib import Path

LANGS = ("en", "zh")
FOLDER = Path(__file__).parent


def read(lang: str) -> dict[str, str]:
    with open(FOLDER / f"{lang}.toml", "rb") as handle:
        return tomllib.load(handle)


TEXT: dict[str, dict[str, str]] = {lang: read(lang) for lang in LANGS}


def t(key: str, lang: str, **values) -> str:
    """The text for key in lang, with values filled in."""
    return TEXT[lang][key].format(**values)


CUT_AT = 80  # characters of a value a message repeats: a 1 MB cell or a 100 KB link value is named, not echoed


def cut(text, most: int = CUT_AT) -> str:
    """A value as a message repeats it: at most `most` characters, the last an ellipsis when it was cut."""
    text = str(text)
    return text if len(text) <= most else text[: most - 1] + "…"


def damage_text(damage, lang: str) -> str:
    """A damaged snapshot (errors.DamagedSnapshot) and why, in lang."""
    return t(
        "error_damaged_snapshot", lang, snapshot=damage.snapshot_id, reason=t(damage.reason_key, lang, **damage.reason)
    )


def has(key: str) -> bool:
    return key in TEXT["en"]
