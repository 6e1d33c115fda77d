"""Temporary files that the next start removes, even when the program was killed.

A restore's working copy and a backup being written hold every person's data; left in the
system's temporary folder by a killed program they would stay there, readable for years. So they
are made in the data folder's ``tmp`` (0700), in a folder of the process (``tmp/<pid>``); a file
that must be written elsewhere (a backup beside its final name, on another disk) is announced
there first by a small marker naming it. At start, ``clean_leftovers()`` removes the folders of
processes that no longer run, with the files their markers name.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reintegra.paths import data_dir
from reintegra.private_files import open_private, private_folder

_MARKER_SUFFIX = ".path"
# SQLite's companions of a file being written.
_COMPANIONS = ("", "-wal", "-shm", "-journal")


def temporary_root() -> Path:
    """The data folder's ``tmp``, 0700."""
    return private_folder(data_dir() / "tmp")


def process_folder() -> Path:
    """This process's own temporary folder (``tmp/<pid>``), 0700."""
    return private_folder(temporary_root() / str(os.getpid()))


@contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A new folder in this process's temporary folder, removed at the end of the block."""
    folder = process_folder() / f"{prefix}{secrets.token_hex(4)}"
    private_folder(folder)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def announced(path: Path) -> Iterator[Path]:
    """``path`` (and its SQLite companions) removed at the end of the block, and by the next start
    if the program is killed inside it: a marker in this process's folder names it meanwhile."""
    marker = process_folder() / f"{secrets.token_hex(8)}{_MARKER_SUFFIX}"
    with open_private(marker, "w", encoding="utf-8") as file:
        file.write(str(Path(path).resolve()))
    try:
        yield path
    finally:
        _remove_with_companions(Path(path))
        marker.unlink(missing_ok=True)


def clean_leftovers() -> int:
    """Removes what processes that no longer run left in ``tmp`` (this process's own folder
    included: at start it holds only what an earlier process of the same number left); returns how
    many files and folders went. Errors are ignored: a leftover that cannot go now goes next time."""
    root = data_dir() / "tmp"
    if not root.is_dir():
        return 0
    removed = 0
    for entry in root.iterdir():
        name = entry.name
        if not entry.is_dir() or not name.isdigit():
            continue
        pid = int(name)
        if pid != os.getpid() and _process_alive(pid):
            continue
        removed += _clean_folder(entry)
    return removed


def _clean_folder(folder: Path) -> int:
    removed = 0
    for marker in folder.glob(f"*{_MARKER_SUFFIX}"):
        try:
            named = Path(marker.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        if named.name and named.exists():
            removed += 1
        _remove_with_companions(named)
    for entry in folder.iterdir():
        if not entry.name.endswith(_MARKER_SUFFIX):
            removed += 1
    shutil.rmtree(folder, ignore_errors=True)
    return removed


def _remove_with_companions(path: Path) -> None:
    for suffix in _COMPANIONS:
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another account's process: alive
        return True
    except OSError:
        return False
    return True


def _windows_process_alive(pid: int) -> bool:
    # os.kill(pid, 0) would end the process on Windows; ask for its exit code instead.
    import ctypes

    query_limited_information, still_active = 0x1000, 259
    kernel = ctypes.windll.kernel32
    handle = kernel.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
    finally:
        kernel.CloseHandle(handle)
