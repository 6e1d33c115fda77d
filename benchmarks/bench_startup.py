"""Start-up: from launching the process to the main window shown, against a bare PySide6
window started the same way; and the resident memory of the app on the reference data.

Targets (DESIGN.md): shown < 1.5 s and < 1.5 × the bare window; resident memory < 250 MB."""

from __future__ import annotations

import os
import statistics
import subprocess
import time

from common import PYTHON, ROOT, Result, demo_database

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 760)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

REINTEGRA = """
import resource, sys
from PySide6.QtCore import QTimer
from reintegra.db.enums import Role
from reintegra.services.database import open_database
from reintegra.ui.app import create_application
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.main_window import MainWindow
app = create_application()
target = sys.argv[1]
context = AppContext(open_database(target), target, SignedIn(1, "admin", "Administrator", Role.ADMINISTRATOR))
window = MainWindow(context)
window.show()
def done():
    print("shown", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def _launch(code: str, *args: str) -> tuple[float, list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(ROOT / "benchmarks" / ".cache")}
    start = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    process.wait()
    if not line.startswith("shown"):
        raise RuntimeError("the window was not shown")
    return elapsed, line.split()[1:]


def measure() -> list[Result]:
    database = str(demo_database())
    _launch(BARE)
    _launch(REINTEGRA, database)  # warm the file cache once
    bare, ours, memory = [], [], []
    for _ in range(5):
        bare.append(_launch(BARE)[0])
        elapsed, extra = _launch(REINTEGRA, database)
        ours.append(elapsed)
        memory.append(int(extra[0]) / 1024)
    bare_ms, ours_ms = statistics.median(bare), statistics.median(ours)
    return [
        Result("window shown after launch", ours_ms, 1500, bare_ms),
        Result("window shown ÷ bare window", ours_ms / bare_ms, 1.5, 1.0, unit="×"),
        Result("resident memory (peak)", max(memory), 250, None, unit="MB"),
    ]
