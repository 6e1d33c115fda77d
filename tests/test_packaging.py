"""What a plain `pip install .` ships: every package, the catalogs and the migrations."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

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


@pytest.mark.slow
def test_the_wheel_compiles_the_catalogs_git_does_not_keep(tmp_path):
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("*.mo", "__pycache__")
    for folder in ("reintegra", "resources", "translations"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copyfile(ROOT / name, source / name)

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--wheel-dir", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True,
    )

    (wheel,) = (tmp_path / "dist").glob("reintegra-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        catalogs = {
            language: gettext.GNUTranslations(io.BytesIO(
                archive.read(f"reintegra/translations/{language}/LC_MESSAGES/messages.mo")))
            for language in ("pl", "en")
        }
    assert "reintegra/db/migrations/script.py.mako" in names
    assert "reintegra/resources/fonts/DejaVuSans.ttf" in names
    assert catalogs["pl"].gettext("Participants") == "Uczestnicy"
    for language, shipped in catalogs.items():
        assert shipped._catalog == _compiled_from_po(language)._catalog


def _compiled_from_po(language: str) -> gettext.GNUTranslations:
    compiled = io.BytesIO()
    with (ROOT / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        write_mo(compiled, read_po(po, locale=language))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def test_console_script():
    assert PROJECT["project"]["scripts"]["reintegra"] == "reintegra.__main__:main"
