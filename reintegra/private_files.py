"""Files and folders only the user's account may read: the database, backups, reports, settings.

Health, addiction and prison records are special-category data (GDPR art. 9, 10), so whatever
Reintegra writes is 0600 and the folders it makes for them 0700. Two layers: the entry points
set the process umask to 077, which also covers what libraries write on their own (SQLite's
-wal/-shm, a journal); and Reintegra's own code creates its files 0600 explicitly, so that the
tests and anybody calling the services without ``main()`` get the same. Windows has no POSIX
modes (the user profile is private there): nothing is done.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

POSIX = os.name == "posix"
FILE_MODE = 0o600
FOLDER_MODE = 0o700
PROCESS_UMASK = 0o077


@contextmanager
def private_umask() -> Iterator[None]:
    """Everything the process creates within the block is private (the previous umask comes back)."""
    if not POSIX:
        yield
        return
    previous = os.umask(PROCESS_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def private_folder(path: Path, *, tighten: bool = True) -> Path:
    """``path`` created (with its missing parents) 0700; ``tighten``: an existing one made 0700 too.

    Only Reintegra's own folders are tightened; a folder the user chose keeps its mode.
    """
    path = Path(path)
    new = not path.exists()
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if new or tighten:  # mkdir's mode passes through the umask; say it once more
        _chmod(path, FOLDER_MODE)
    return path


def create_private(path: Path) -> Path:
    """An empty file ``path``, 0600, created (or emptied) for a writer that opens it by name
    afterwards — openpyxl, SQLite — so that it never exists with a looser mode."""
    os.close(_open_private(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC))
    return Path(path)


def write_replacing(path: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """``path`` written by ``write(temporary)`` into a 0600 file beside it, renamed when complete:
    a failure leaves neither half a file nor the temporary one, and an older ``path`` stays."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        # Created 0600 before the writer (openpyxl, reportlab open it by name) puts personal data in it.
        create_private(temporary)
        write(temporary)
        os.replace(temporary, path)
    except OSError as error:  # named by the file the user chose, not the temporary one
        raise OSError(error.errno, error.strerror, str(path)) from error
    finally:
        temporary.unlink(missing_ok=True)
    return path


def open_private(path: Path, mode: str = "w", **options):
    """``open()`` whose file is created 0600 (and an existing one made 0600)."""
    return open(path, mode, opener=_open_private, **options)


def _open_private(path: str, flags: int) -> int:
    descriptor = os.open(path, flags, FILE_MODE)
    if POSIX:
        try:
            os.fchmod(descriptor, FILE_MODE)
        except OSError:
            pass  # a file system without POSIX modes (a FAT stick, a Windows share)
    return descriptor


def _chmod(path: Path, mode: int) -> None:
    if not POSIX:
        return
    try:
        path.chmod(mode)
    except OSError:
        pass  # a file system without POSIX modes (a FAT stick, a Windows share): nothing to do
