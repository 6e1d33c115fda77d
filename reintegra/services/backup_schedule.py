"""Automatic backups on a schedule and the list of backups a restore chooses from.

At the first start of a day the program writes a daily backup (services/backup.py: the source
checked first, the copy checked after). Of the daily backups it keeps the newest of each of the
last ``daily`` days, of each of the last ``weekly`` ISO weeks and of each of the last ``monthly``
months (7 + 4 + 12 by default), and removes the others. Where they go and how many are kept are
settings of this PC (reintegra/config.py), not of the facility: another PC may keep its backups
on its own disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from reintegra import config
from reintegra.db.engine import database_url, is_sqlite
from reintegra.db.models import User
from reintegra import i18n
from reintegra.i18n import _
from reintegra.paths import backups_dir, demo_database_path
from reintegra.services import access, backup, demo_database, units
from reintegra.services.backup import DAILY, MANUAL
from reintegra.services.errors import ReintegraError, ValidationError

DEFAULT_DAILY, DEFAULT_WEEKLY, DEFAULT_MONTHLY = 7, 4, 12
MAX_KEPT = 999
# The settings file's keys (this PC's settings).
FOLDER_KEY = "backup_folder"
COUNT_KEYS = {"daily": "backups_daily", "weekly": "backups_weekly", "monthly": "backups_monthly"}

# What a backup in the list is: why it was made, or why a daily one is still kept.
WEEKLY, MONTHLY, BEFORE_UPGRADE, BEFORE_RESTORE, OTHER = "weekly", "monthly", "before-upgrade", "before-restore", "other"


@dataclass(frozen=True)
class Schedule:
    """How many daily backups are kept, and where they go (``folder`` None: the default folder)."""

    folder: Path | None = None
    daily: int = DEFAULT_DAILY
    weekly: int = DEFAULT_WEEKLY
    monthly: int = DEFAULT_MONTHLY


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    kind: str  # daily, weekly, monthly, before-upgrade, before-restore, manual, other
    size: int
    demo: bool = False  # made of a demo database


def schedule() -> Schedule:
    """This PC's schedule, from its settings file (a value that is not a count: the default)."""
    settings = config.load_settings()
    counts = {}
    for name, key in COUNT_KEYS.items():
        value = settings.get(key)
        counts[name] = value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_KEPT \
            else getattr(Schedule, name)
    folder = settings.get(FOLDER_KEY)
    return Schedule(Path(folder) if isinstance(folder, str) and folder else None, **counts)


def save_schedule(chosen: Schedule) -> None:
    """Keeps ``chosen`` in this PC's settings file; a count out of range or a folder that cannot be
    used is refused with one sentence, and nothing is saved."""
    for name in COUNT_KEYS:
        value = getattr(chosen, name)
        if not isinstance(value, int) or not 0 <= value <= MAX_KEPT:
            raise ValidationError(name, _("The number of backups kept must be between 0 and {most}.").format(
                most=MAX_KEPT))
    if chosen.folder is not None:
        usable_folder(chosen.folder)
    config.update_settings(**{FOLDER_KEY: str(chosen.folder) if chosen.folder is not None else None},
                           **{key: getattr(chosen, name) for name, key in COUNT_KEYS.items()})


def usable_folder(folder: Path) -> Path:
    """``folder`` when backups can be written there; else one sentence saying why not. A chosen folder
    is never created: on a disk that is not connected, that would put the backups on the wrong disk."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ReintegraError(_("The backup folder {folder} is not available; is its disk connected?").format(
            folder=folder))
    probe = folder / ".reintegra-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ReintegraError(_("Backups cannot be written to {folder}: {error}").format(
            folder=folder, error=error.strerror or error)) from error
    return folder


def backup_folder(chosen: Schedule | None = None) -> Path:
    """Where automatic backups go: the folder set on this PC (which must be there), else the default."""
    chosen = chosen or schedule()
    if chosen.folder is None:
        return backups_dir()
    if not chosen.folder.is_dir():
        raise ReintegraError(_("The backup folder {folder} is not available; is its disk connected?").format(
            folder=chosen.folder))
    return chosen.folder


# --- the schedule ----------------------------------------------------------------------


def kept_daily(moments: Iterable[datetime], chosen: Schedule, today: date) -> dict[datetime, str]:
    """Of the daily backups made at ``moments``, those kept on ``today``, each with why (daily, weekly,
    monthly): the newest of each of the last ``daily`` days, ``weekly`` ISO weeks, ``monthly`` months.
    One dated after today (a clock set wrong) is kept, as a daily one."""
    days = {today - timedelta(days=back) for back in range(chosen.daily)}
    weeks = {(today - timedelta(weeks=back)).isocalendar()[:2] for back in range(chosen.weekly)}
    months = set()
    year, month = today.year, today.month
    for _back in range(chosen.monthly):
        months.add((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    kept: dict[datetime, str] = {}
    seen: set = set()
    for moment in sorted(moments, reverse=True):
        day = moment.date()
        if day > today:
            kept[moment] = DAILY
            continue
        for kind, period, window in ((DAILY, day, days), (WEEKLY, day.isocalendar()[:2], weeks),
                                     (MONTHLY, (day.year, day.month), months)):
            if period in window and (kind, period) not in seen:
                seen.add((kind, period))
                kept.setdefault(moment, kind)
    return kept


def rotate(folder: Path, chosen: Schedule, today: date) -> list[Path]:
    """Removes the daily backups in ``folder`` that the schedule no longer keeps (the newest always stays,
    even with every count 0); returns them."""
    daily = {backup.automatic_moment(path): path for path in backup.automatic_backups(folder)
             if backup.automatic_label(path) == DAILY}
    kept = kept_daily(daily, chosen, today)
    removed = [path for moment, path in sorted(daily.items())[:-1] if moment not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def daily_backup_due(today: date, chosen: Schedule | None = None) -> bool:
    """Whether today's daily backup is still to be made (none in the folder dated today)."""
    folder = backup_folder(chosen)
    return not any(backup.automatic_label(path) == DAILY and backup.automatic_moment(path).date() == today
                   for path in backup.automatic_backups(folder))


def scheduled_backup(engine: Engine, now: datetime | None = None) -> Path | None:
    """Today's daily backup, if it is due (the first start of the day), then the schedule's rotation;
    the new backup's path, or None when one was made today already. A damaged database, a folder that
    is not there or a copy that fails its check: one sentence, and nothing removed.

    The demo database (shown, never kept) gets none: in the same folder, its backup would count as the
    day's, so the real database would go without one that day, and the rotation would remove the real
    database's backups in favour of the demo's."""
    now = now or datetime.now()
    chosen = schedule()
    if not daily_backup_due(now.date(), chosen) or _is_demo(engine):
        return None
    folder = backup_folder(chosen)
    path = backup.automatic_backup(engine, DAILY, folder=folder, moment=now)
    rotate(folder, chosen, now.date())
    return path


def manual_backup(engine: Engine, *, actor: User | None) -> Path:
    """A backup made now on request, into the backups folder (never removed by the schedule);
    the administrator's, and recorded in the audit log."""
    access.require_administrator(actor)
    path = backup.automatic_path(backup_folder(), MANUAL, datetime.now())
    return backup.backup_database(engine, path, actor=actor)


# --- the list --------------------------------------------------------------------------


def backup_folders(chosen: Schedule | None = None) -> list[Path]:
    """The folders a restore looks in: the one set on this PC (when there) and the default one."""
    chosen = chosen or schedule()
    folders = []
    if chosen.folder is not None and chosen.folder.is_dir():
        folders.append(chosen.folder)
    default = backups_dir()
    if all(default.resolve() != folder.resolve() for folder in folders):
        folders.append(default)
    return folders


def list_backups(today: date | None = None, chosen: Schedule | None = None) -> list[BackupFile]:
    """Every automatic and manual backup in the backup folders, newest first, each with its kind."""
    today = today or date.today()
    chosen = chosen or schedule()
    found = []
    for folder in backup_folders(chosen):
        paths = backup.automatic_backups(folder)
        daily = kept_daily([backup.automatic_moment(path) for path in paths
                            if backup.automatic_label(path) == DAILY], chosen, today)
        for path in paths:
            moment, label = backup.automatic_moment(path), backup.automatic_label(path)
            kind = daily.get(moment, DAILY) if label == DAILY else (
                label if label in (MANUAL, BEFORE_UPGRADE, BEFORE_RESTORE) else OTHER)
            try:
                size = path.stat().st_size
            except OSError:
                continue
            found.append(BackupFile(path, moment, kind, size, backup.holds_demo_data(path)))
    return sorted(found, key=lambda item: item.made, reverse=True)


def latest_good_backup(chosen: Schedule | None = None, *, database: str | None = None) -> BackupFile | None:
    """The newest backup of ``database`` (a path or URL; None: the default database) that passes SQLite's
    quick check and is a Reintegra backup this program can restore; None when there is none. For the
    demo file only backups of demo data count, for any other database only the others: a demo backup
    restored would put made-up people in place of the facility's."""
    demo = _is_demo_file(database)
    for candidate in list_backups(chosen=chosen):
        if candidate.demo == demo and backup.is_good_backup(candidate.path):
            return candidate
    return None


def _is_demo_file(database: str | None) -> bool:
    """Whether the (perhaps damaged) database file ``database`` is a demo: the demo file beside the
    default database, or one whose demo mark can still be read."""
    if database is None:
        return False
    try:
        url = database_url(database)
    except (ArgumentError, ValueError):
        return False
    if not is_sqlite(url) or not url.database:
        return False  # a server's damage is not checked at start
    path = Path(url.database)
    return path == demo_database_path().resolve() or backup.holds_demo_data(path)


def _is_demo(engine: Engine) -> bool:
    """Whether ``engine`` holds the demo; a database that cannot be read is taken for a real one (the
    backup then says why it cannot be made)."""
    try:
        with units.reading(engine) as session:
            return demo_database.is_demo(session)
    except (ReintegraError, SQLAlchemyError):
        return False


def kind_name(kind: str, *, demo: bool = False) -> str:
    """A backup's kind in words, for the list; a backup of a demo database says so."""
    name = {
        DAILY: _("daily"), WEEKLY: _("weekly"), MONTHLY: _("monthly"), MANUAL: _("manual"),
        BEFORE_UPGRADE: _("before an upgrade"), BEFORE_RESTORE: _("before a restore"),
    }.get(kind, _("other"))
    return _("{kind}, demo data").format(kind=name) if demo else name


def size_text(size: int) -> str:
    """A file's size in MB (one decimal), or in kB below 0.1 MB."""
    megabytes = size / (1024 * 1024)
    if megabytes >= 0.1:
        return _("{size} MB").format(size=i18n.format_number(round(megabytes, 1), 1))
    return _("{size} kB").format(size=i18n.format_number(max(1, round(size / 1024))))
