"""Both languages for every text, and every setting documented in the README."""

import re
import string

from chuangcheng import ROOT, settings
from chuangcheng.i18n import TEXT, t


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_exists_in_both_languages_with_the_same_placeholders():
    for key, languages in TEXT.items():
        assert set(languages) == {"en", "zh"}, key
        assert languages["en"].strip() and languages["zh"].strip(), key
        assert placeholders(languages["en"]) == placeholders(languages["zh"]), key


def test_chinese_texts_are_chinese():
    """Technical tokens (MB, OIDC, status codes) may stay, but no Chinese text is an English sentence."""
    han = re.compile(r"[\u4e00-\u9fff]")
    assert [key for key, languages in TEXT.items() if not han_or_symbols(languages["zh"], han)] == []


def han_or_symbols(text: str, han) -> bool:
    """Chinese text, or a text of symbols and placeholders only (such as '≥ {full}')."""
    return bool(han.search(text)) or not re.search(r"[A-Za-z]", re.sub(r"\{[a-z_]+\}", "", text))


def test_filling_in_a_text():
    assert t("overview_title", "zh", city="星澜市", year=2020) == "星澜市 2020年"


def test_every_text_key_used_in_the_code_exists():
    used = set()
    for path in list((ROOT / "chuangcheng").glob("*.py")) + list((ROOT / "app_pages").glob("*.py")) + [ROOT / "app.py"]:
        used |= set(re.findall(r"""\b(?:text|t)\(\s*f?["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    assert used - set(TEXT) == set()


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
