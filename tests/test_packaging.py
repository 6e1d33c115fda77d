"""What a plain `pip install .` ships: every package, the catalogs and the migrations."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PROJECT["tool"]["setuptools"]


def test_every_package_is_listed():
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "reintegra").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert found <= set(SETUPTOOLS["packages"]), sorted(found - set(SETUPTOOLS["packages"]))


def test_top_level_folders_are_shipped_inside_the_package():
    assert SETUPTOOLS["package-dir"] == {
        "reintegra.resources": "resources",
        "reintegra.translations": "translations",
    }
    data = PROJECT["tool"]["setuptools"]["package-data"]
    assert "*/LC_MESSAGES/*.mo" in data["reintegra.translations"]
    for language in ("pl", "en"):
        assert (ROOT / "translations" / language / "LC_MESSAGES" / "messages.mo").is_file()


def test_console_script():
    assert PROJECT["project"]["scripts"]["reintegra"] == "reintegra.__main__:main"
