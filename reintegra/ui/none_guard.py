"""A guard against a reference-counting fault in PySide6 6.12 on Python 3.11.

PySide6 6.12.0 returns ``None`` from every Qt method that returns nothing (``setText``,
``QRect.setWidth`` …) without taking a reference for it, so each such call takes one reference
from ``None``. After a few thousand calls the count reaches zero and Python stops with
"Fatal Python error: none_dealloc" — the program would die in the middle of a day's work.
From Python 3.12 ``None`` is immortal (PEP 683) and the fault is harmless; before it, giving
``None`` a reference count that cannot run out has the same effect.
"""

from __future__ import annotations

import ctypes
import sys

_ENOUGH = 1 << 48  # far more void calls than any session makes, far from the counter's limit


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12):
        return
    # ob_refcnt is the first field of every CPython object, at the object's address.
    ctypes.c_ssize_t.from_address(id(None)).value += _ENOUGH
