"""`make bench`: runs every benchmark and prints one table — each figure, its target and
the bare baseline measured in the same run (DESIGN.md, quality bars)."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result  # noqa: E402

MODULES = ["bench_startup", "bench_participants_filter", "bench_daily_log", "bench_month_grid", "bench_reports",
           "bench_import"]


def main(names: list[str]) -> int:
    results: list[Result] = []
    for name in names or MODULES:
        module = importlib.import_module(name)
        print(f"… {name}", file=sys.stderr, flush=True)
        results.extend(module.measure())
    width = max(len(r.name) for r in results)
    print(f"{'figure':<{width}}  {'measured':>10}  {'target':>10}  {'baseline':>10}  ")
    for r in results:
        baseline = f"{r.baseline:.1f} {r.unit}" if r.baseline is not None else "—"
        print(f"{r.name:<{width}}  {r.value:>7.1f} {r.unit:<2}  {r.target:>7.1f} {r.unit:<2}  {baseline:>10}  "
              f"{'ok' if r.ok else 'MISSED'}{'  ' + r.note if r.note else ''}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
