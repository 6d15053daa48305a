"""Both languages for every text, and every setting documented in the README."""

import re
import string

from chuangcheng import ROOT, settings
from chuangcheng.i18n import TEXT, cut, t


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_language_files_have_the_same_keys_and_placeholders():
    assert set(TEXT["en"]) == set(TEXT["zh"])
    for key in TEXT["en"]:
        assert TEXT["en"][key].strip() and TEXT["zh"][key].strip(), key
        assert placeholders(TEXT["en"][key]) == placeholders(TEXT["zh"][key]), key


def test_chinese_texts_are_chinese():
    """Technical tokens (MB, OIDC, status codes) may stay, but no Chinese text is an English sentence."""
    han = re.compile(r"[\u4e00-\u9fff]")
    assert [key for key, text in TEXT["zh"].items() if not han_or_symbols(text, han)] == []


def han_or_symbols(text: str, han) -> bool:
    """Chinese text, or a text of symbols and placeholders only (such as '≥ {full}')."""
    return bool(han.search(text)) or not re.search(r"[A-Za-z]", re.sub(r"\{[a-z_]+\}", "", text))


def test_filling_in_a_text():
    assert t("overview_title", "zh", city="星澜市", year=2020) == "星澜市 2020年"


def test_every_text_key_used_in_the_code_exists():
    used = set()
    for path in (
        list((ROOT / "chuangcheng").rglob("*.py")) + list((ROOT / "app_pages").glob("*.py")) + [ROOT / "app.py"]
    ):
        used |= set(re.findall(r"""\b(?:text|t)\(\s*f?["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    assert used - set(TEXT["en"]) == set()


def test_every_setting_is_in_the_readme_with_its_default():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"`{setting.env}`" in readme, setting.name
        assert f"`{setting.default}`" in readme, setting.name


def test_a_setting_is_read_from_its_environment_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", str(tmp_path))
    assert settings.data_dir() == tmp_path
    monkeypatch.setenv("CHUANGCHENG_DATA_DIR", "elsewhere")
    assert settings.data_dir() == ROOT / "elsewhere"


def test_a_long_value_a_message_repeats_is_cut_with_an_ellipsis():
    """One rule for every message that echoes a value (ingest problems, regions files, link notices)."""
    assert cut("x" * 100_000) == "x" * 79 + "…" and cut("short") == "short" and cut("x" * 80) == "x" * 80
