"""The wheel compiles the translation catalogs: git keeps only the .po files, so a plain
`pip install .` writes each translations/<language>/LC_MESSAGES/messages.mo into the build.

An editable install reads the catalogs from the checkout, where `make` compiles them."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CATALOGS = Path("translations")
PACKAGE = ("reintegra", "translations")


class BuildPyWithCatalogs(build_py):
    """build_py, then every .po file of the translations package compiled into the build."""

    def _catalogs(self) -> list[tuple[Path, Path]]:
        target_root = Path(self.build_lib, *PACKAGE)
        return [
            (po, target_root / po.relative_to(CATALOGS).with_suffix(".mo"))
            for po in sorted(CATALOGS.glob("*/LC_MESSAGES/*.po"))
        ]

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po, target in self._catalogs():
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parts[-3])
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as compiled:
                write_mo(compiled, catalog)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False):
            return outputs
        return outputs + [str(mo) for _, mo in self._catalogs() if str(mo) not in outputs]


setup(cmdclass={"build_py": BuildPyWithCatalogs})
