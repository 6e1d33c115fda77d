"""The first window comes before the heavy libraries (issue 15, instant start), and the command
line still never loads Qt. Each case runs in a fresh interpreter, whose sys.modules is the evidence;
how fast it is, is measured by `make bench` (benchmarks/bench_startup.py), not here."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "holidays", "argon2", "babel.dates", "babel.numbers",
         "stdnum", "reintegra.db.models", "reintegra.services.validation", "reintegra.services.units",
         "reintegra.ui.main_window")

REPORT = """
import json, sys
print(json.dumps(sorted(name for name in sys.modules)))
"""


def _modules_after(code: str, *args: str, **env: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + REPORT, *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(name for name in HEAVY if name in modules)


def test_the_sign_in_is_on_screen_before_sqlalchemy_the_models_and_the_reports_are_imported(tmp_path):
    # REINTEGRA_FIRST_WINDOW_PROBE: run_app stops once the first window is shown (as the benchmark does).
    start = ("import sys\nfrom reintegra.__main__ import main\n"
             "assert main(['--database', sys.argv[1]]) == 0\n")
    modules = _modules_after(start, str(tmp_path / "reintegra.db"), REINTEGRA_FIRST_WINDOW_PROBE="1",
                             XDG_CONFIG_HOME=str(tmp_path))

    assert "reintegra.ui.dialogs.sign_in" in modules  # the window was really built
    assert _heavy(modules) == []
    assert not (tmp_path / "reintegra.db").exists()  # and the database not yet opened


def test_the_modules_of_the_first_window_import_nothing_heavy():
    modules = _modules_after("import reintegra.__main__, reintegra.ui.app, reintegra.ui.dialogs.sign_in\n")
    assert _heavy(modules) == []


def test_the_command_line_does_not_import_qt(tmp_path):
    command = ("import sys\nfrom reintegra.__main__ import main\n"
               "assert main(['--database', sys.argv[1], 'db', 'upgrade']) == 0\n")
    modules = _modules_after(command, str(tmp_path / "reintegra.db"), XDG_CONFIG_HOME=str(tmp_path))
    assert "sqlalchemy" in modules  # the command did its work
    assert sorted(name for name in modules if name.startswith("PySide6")) == []


def test_the_first_window_does_not_build_the_qt_namespaces_enums(tmp_path):
    """PySide makes a Python enum class on first use; some calls (``QDialogButtonBox(Cancel)``, a
    ``Qt.`` name at import) make the Qt namespace's ~95 at once, 13 ms before the window is drawn."""
    count = ("import enum, gc, sys\nfrom reintegra.__main__ import main\n"
             "assert main(['--database', sys.argv[1]]) == 0\n"
             "made = [kind for kind in gc.get_objects() if isinstance(kind, enum.EnumType)\n"
             "        and kind.__module__.startswith('PySide6') and kind.__qualname__.startswith('Qt.')]\n"
             "print(len(made))\n")
    done = subprocess.run([sys.executable, "-c", count, str(tmp_path / "reintegra.db")], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                                       "REINTEGRA_FIRST_WINDOW_PROBE": "1",
                                                       "XDG_CONFIG_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) < 30  # the whole namespace has ~95
