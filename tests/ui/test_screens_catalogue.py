"""The catalogue of every page and dialog (tests/ui/screens.py) is complete and each opens: the
tests that walk all screens rely on it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtWidgets import QDialog

import reintegra.ui.dialogs
from tests.ui.screens import administrator_context, demo_ids, every_dialog, every_page, open_main_window, opened


def _dialog_classes() -> set[type]:
    found = set()
    for module_info in pkgutil.iter_modules(reintegra.ui.dialogs.__path__):
        module = importlib.import_module(f"reintegra.ui.dialogs.{module_info.name}")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if (issubclass(value, QDialog) and value.__module__ == module.__name__
                    and not value.__name__.startswith("_")):
                found.add(value)
    return found


def test_every_dialog_of_the_app_is_in_the_catalogue_and_opens(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    ids = demo_ids(context)
    made = set()
    for name, make in every_dialog(context, ids):
        with opened(make) as dialog:
            assert dialog.isVisible(), name
            made.add(type(dialog))
    missing = {cls.__name__ for cls in _dialog_classes() if not any(issubclass(kind, cls) for kind in made)}
    assert not missing, f"dialogs not in tests/ui/screens.py: {sorted(missing)}"
    assert not said.errors


def test_every_page_and_tab_is_walked(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    ids = demo_ids(context)
    window = open_main_window(qtbot, context)
    names = [name for name, page in every_page(window, ids) if page.isVisible()]
    assert len(names) >= 6 + 3 * 7 + 4, names
    assert not said.errors, said.errors
