"""The code is as ruff formats it and passes ruff's checks (ruff.toml): the style guide's formatter, run by the suite
so a commit that skips it fails here, with ruff's own words on what to change."""

import subprocess
import sys

from chuangcheng import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_the_code_is_formatted():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_passes_the_checks():
    result = ruff("check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr
