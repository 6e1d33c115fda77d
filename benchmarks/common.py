"""What every benchmark shares: the result row, timing helpers and the demo database."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
PYTHON = sys.executable

# For a child process's own peak memory: VmHWM is its program's high-water mark; ru_maxrss would also
# count what the parent held when it forked (the child's first moment is a copy of the parent).
PEAK_MB = """
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


@dataclass(frozen=True)
class Result:
    """One figure: what was measured, its target and the bare baseline of the same run."""

    name: str
    value: float
    target: float
    baseline: float | None
    unit: str = "ms"
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.value <= self.target


def median_ms(action: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def painted_ms(app, view, action: Callable[[], object]) -> float:
    """Milliseconds for ``action`` with the events it causes handled and ``view``'s viewport painted once."""
    from PySide6.QtCore import QEvent, QObject

    class PaintSeen(QObject):
        seen = False

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    painted = PaintSeen()
    view.viewport().installEventFilter(painted)
    start = time.perf_counter()
    action()
    app.processEvents()
    if not painted.seen:
        view.viewport().repaint()
    elapsed = (time.perf_counter() - start) * 1000
    view.viewport().removeEventFilter(painted)
    return elapsed


def demo_database(participants: int = 300, years: int = 10, seed: int = 2026) -> Path:
    """The reference data set (demo 300 × 10), made once and kept in benchmarks/.cache."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"demo-{participants}x{years}-{seed}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        subprocess.run(
            [PYTHON, "-m", "reintegra", "--database", str(partial), "demo", "--participants", str(participants),
             "--years", str(years), "--seed", str(seed)],
            check=True, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stdout=subprocess.DEVNULL,
        )
        partial.rename(path)
    return path
