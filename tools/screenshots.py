"""Screenshots of every page, tab and dialog on a real screen, to look at before closing a change:

    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python tools/screenshots.py OUT_DIR [--language en]
    QT_SCALE_FACTOR=1.25 xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py OUT_DIR

It makes a small demo facility in OUT_DIR, signs in as its administrator, maximizes the main window
and grabs the whole screen for each page and tab (tests/ui/screens.py lists them) and for each
dialog opened over the window; it prints the files and any window or dialog that does not fit the
screen."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--language", default="pl")
    parser.add_argument("--only", help="a regular expression: only the screens whose name matches")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    database = out / "demo.db"
    if not database.exists():
        subprocess.run([sys.executable, "-m", "reintegra", "--database", str(database), "demo",
                        "--participants", "40", "--years", "2", "--seed", "7"], check=True,
                       stdout=subprocess.DEVNULL)
    os.environ["REINTEGRA_LANGUAGE"] = args.language

    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from reintegra import i18n
    from reintegra.services.database import open_database
    from reintegra.ui.app import create_application
    from tests.ui.screens import administrator_context, demo_ids, every_dialog, every_page

    i18n.set_language(args.language)
    app = create_application()
    engine = open_database(str(database))
    context = administrator_context(engine, str(database))
    ids = demo_ids(context)

    from reintegra.ui.main_window import MainWindow

    screen = QApplication.primaryScreen()
    available: QRect = screen.availableGeometry()
    window = MainWindow(context)
    window.show()
    window.setGeometry(available)  # as maximized; Xvfb has no window manager to do it
    problems = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def grab(name: str) -> None:
        settle()
        path = out / f"{len(list(out.glob('*.png'))):02d}-{re.sub(r'[^A-Za-z0-9ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]+', '-', name)}.png"
        screen.grabWindow(0).save(str(path))
        print(path)

    def check(name: str, widget) -> None:
        frame = widget.frameGeometry()
        if frame.width() > available.width() or frame.height() > available.height():
            problems.append(f"{name}: {frame.width()}×{frame.height()} on {available.width()}×{available.height()}")

    wanted = re.compile(args.only) if args.only else None
    for name, _page in every_page(window, ids):
        if wanted is None or wanted.search(name):
            grab(f"page-{name}")
            check(f"page {name}", window)
    for name, make in every_dialog(context, ids, window):
        if wanted is not None and not wanted.search(name):
            continue
        dialog = make()
        dialog.show()
        grab(f"dialog-{name}")
        check(f"dialog {name}", dialog)
        dialog.close()
        dialog.deleteLater()
    print(f"screen {available.width()}×{available.height()} logical px, scale {screen.devicePixelRatio()}")
    for problem in problems:
        print("does not fit:", problem)
    window.close()
    engine.dispose()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
