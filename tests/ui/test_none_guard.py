"""The app survives many calls of Qt methods that return nothing (see reintegra/ui/none_guard.py)."""

from __future__ import annotations

import subprocess
import sys

CALLS = """
import sys
import reintegra.ui
from PySide6.QtCore import QRect
rect = QRect(0, 0, 10, 10)
for _ in range(200_000):
    rect.setWidth(5)
print("alive")
"""


def test_two_hundred_thousand_void_calls_do_not_kill_the_program():
    done = subprocess.run([sys.executable, "-c", CALLS], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "alive"), done.stderr[-500:]
