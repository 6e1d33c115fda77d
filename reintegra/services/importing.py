"""Moving in from spreadsheets: participants and attendance imported from CSV or XLSX.

All or nothing, as DESIGN.md asks: every bad row is reported with its line number, and the writes
happen inside a savepoint that is rolled back unless every row is valid (or the caller asked for the
valid rows only) — and when the import is cancelled (``progress`` raising ImportCancelled) or the
file turns out unreadable midway. Importing the same file twice changes nothing the second time.

Participants rows go through the same services a form uses, one savepoint a row. Attendance rows —
a facility's years, 100,000 and more — are checked against people, placements and cell values read
once, and written a batch at a time with one multi-row insert and one update (``_AttendanceBatches``):
the same rules as ``attendance.set_attendance`` for a director, at a few tens of thousands of rows a
second, in memory bounded by the batch.

A participants row is one stay of a person (``_ParticipantRows``): a known person whose last stay has
ended is readmitted for a new stay by a row with a later admission date, and a row with an application
date but no admission date puts its person on the waiting list.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from reintegra.db.enums import AttendanceStatus, AuditAction, DisabilityDegree, EligibilityGroup, Programme, Role
from reintegra.db.models import AttendanceDay, Participant, Person, Placement, User
from reintegra.i18n import N_, _, format_date, ngettext
from reintegra.services import anonymised, attendance, audit, labels, participants, placements, workshops
from reintegra.services.collation import polish_key
from reintegra.services.errors import NotFoundError, ReintegraError, ValidationError
from reintegra.services.facility import get_facility
from reintegra.services.import_files import (
    Column,
    FileFormat,
    Row,
    RowSource,
    cell_date,
    cell_pesel,
    cell_text,
    detect_encoding,
    header_key,
    open_rows,
)
from reintegra.services.participants import ParticipantFields
from reintegra.services.users import require_role
from reintegra.services.validation import clean_pesel

PARTICIPANT_COLUMNS = (
    Column("first_name", "first_name", "imię", required=True),
    Column("last_name", "last_name", "nazwisko", ("surname",), required=True),
    Column("pesel", "pesel", "pesel"),
    Column("birth_date", "birth_date", "data urodzenia"),
    Column("programme", "programme", "program"),
    Column("admission_date", "admission_date", "data przyjęcia"),
    Column("workshop", "workshop", "pracownia"),
    Column("exit_date", "exit_date", "data zakończenia"),
    Column("exit_reason", "exit_reason", "przyczyna zakończenia"),
    Column("application_date", "application_date", "data wniosku", ("data złożenia wniosku",)),
    Column("eligibility_groups", "eligibility_group", "grupa", ("grupy", "eligibility groups")),
    Column("disability_degree", "disability_degree", "stopień", ("stopień niepełnosprawności", "degree")),
)
# A participants file needs the admission date, or the application date for applicants; the first one
# is named when both are missing.
PARTICIPANT_DATES = ("admission_date", "application_date")
ATTENDANCE_COLUMNS = (
    Column("pesel", "pesel", "pesel"),
    Column("participant_id", "participant_id", "id uczestnika", ("id",)),
    Column("date", "date", "data", ("day", "dzień"), required=True),
    Column("status", "status", "status", required=True),
    Column("hours", "hours", "godziny", ("liczba godzin",)),
)


# Rows validated and written together: memory holds a batch, not the file.
ATTENDANCE_BATCH = 2000
# Bad rows kept with their reasons; beyond this many only counted (a file of garbage has a million).
MAX_ERRORS_KEPT = 10_000
# How often (in rows) a participants import reports its progress.
PARTICIPANTS_PROGRESS_EVERY = 25

Progress = Callable[[int, int], None]
"""Called as rows go by with (done, total) — bytes of a CSV, rows of an XLSX sheet (total 0: unknown);
it may raise ImportCancelled, and then nothing is written."""


@dataclass(frozen=True)
class RowError:
    line: int  # as Excel shows it: the header is line 1
    reason: str

    def describe(self) -> str:
        return _("Line {line}: {reason}").format(line=self.line, reason=self.reason)


class ImportRefused(ReintegraError):
    """Nothing was written: the file could not be read, or rows have errors."""

    def __init__(self, errors: list[RowError], message: str | None = None, *, total: int | None = None):
        count = len(errors) if total is None else total
        super().__init__(message or ngettext(
            "The file was not imported: {count} row has errors.",
            "The file was not imported: {count} rows have errors.",
            count,
        ).format(count=count))
        self.errors = errors
        self.total = count

    @property
    def error_count(self) -> int:  # as a report's, for the list of bad rows
        return self.total


class ImportCancelled(ReintegraError):
    """The user stopped the import: it was rolled back, nothing was written."""

    def __init__(self) -> None:
        super().__init__(_("The import was cancelled; nothing was written."))


@dataclass
class _Report:
    errors: list[RowError] = field(default_factory=list)
    errors_beyond: int = 0  # bad rows not kept in ``errors`` (MAX_ERRORS_KEPT)
    format: FileFormat | None = field(default=None, repr=False)  # how the file was read

    def add_error(self, line: int, reason: str) -> None:
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(RowError(line, reason))
        else:
            self.errors_beyond += 1

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.errors_beyond

    def refused(self) -> ImportRefused:
        return ImportRefused(self.errors, total=self.error_count)


@dataclass
class ParticipantsImport(_Report):
    added: int = 0  # people new to Reintegra, admitted
    unchanged: int = 0
    exits_recorded: int = 0
    readmitted: int = 0  # a new stay of a person whose last stay had ended
    applicants: int = 0  # a stay without an admission (the waiting list), of a new or a known person
    workshops_created: list[str] = field(default_factory=list)
    over_capacity: list[str] = field(default_factory=list)  # a warning line for each workshop overfilled
    placed_on: set[tuple[int, date]] = field(default_factory=set, repr=False)  # (workshop id, start) placed

    def summary_lines(self) -> list[str]:
        lines = [_("Participants added: {count}").format(count=self.added),
                 _("Already present, unchanged: {count}").format(count=self.unchanged)]
        if self.readmitted:
            lines.append(_("Readmitted for a new stay: {count}").format(count=self.readmitted))
        if self.applicants:
            lines.append(_("Added to the waiting list: {count}").format(count=self.applicants))
        if self.exits_recorded:
            lines.append(_("Exits recorded for participants already present: {count}").format(
                count=self.exits_recorded))
        if self.workshops_created:
            lines.append(_("Workshops created: {count} ({names})").format(
                count=len(self.workshops_created), names=", ".join(self.workshops_created)))
        else:
            lines.append(_("Workshops created: {count}").format(count=0))
        return lines + _skipped_lines(self) + self.over_capacity


@dataclass
class AttendanceImport(_Report):
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary_lines(self) -> list[str]:
        return [
            _("Attendance days added: {count}").format(count=self.added),
            _("Attendance days updated: {count}").format(count=self.updated),
            _("Attendance days unchanged: {count}").format(count=self.unchanged),
        ] + _skipped_lines(self)


def _skipped_lines(report: _Report) -> list[str]:
    count = report.error_count
    return [_("Rows skipped because of errors: {count}").format(count=count)] if count else []


def import_participants(session: Session, path: Path, *, only_valid: bool = False, actor: User | None = None,
                        today: date | None = None, encoding: str | None = None, progress: Progress | None = None,
                        dry_run: bool = False) -> ParticipantsImport:
    """Admits the people of a participants sheet, places them and records their exits; readmits a known
    person whose last stay has ended (a new stay) and puts applicants on the waiting list.

    ``encoding`` None: detected (ImportRefused when it cannot be told). ``dry_run``: every row is
    checked and counted as the import would, and everything is rolled back (the preview's check)."""
    require_role(actor, Role.DIRECTOR)
    report = ParticipantsImport()
    importer = _ParticipantRows(session, report, actor, today or date.today())
    with _open(path, PARTICIPANT_COLUMNS, one_of=PARTICIPANT_DATES, encoding=encoding) as source:
        report.format = source.format
        _import_rows(session, source, importer.apply, report, only_valid=only_valid, progress=progress,
                     dry_run=dry_run)
    if dry_run:
        return report
    report.over_capacity = over_capacity_lines(session, report.placed_on)
    _record_import(session, actor, "participants", path, dict(
        added=report.added, unchanged=report.unchanged, exits_recorded=report.exits_recorded,
        readmitted=report.readmitted, applicants=report.applicants,
        workshops_created=len(report.workshops_created), skipped=report.error_count))
    return report


def import_attendance(session: Session, path: Path, *, only_valid: bool = False, actor: User | None = None,
                      today: date | None = None, encoding: str | None = None, progress: Progress | None = None,
                      dry_run: bool = False) -> AttendanceImport:
    """Records the person-days of an attendance sheet in the workshop each person was placed in.

    Read and written ATTENDANCE_BATCH rows at a time (people, placements and the facility looked up
    once; each batch's recorded days in one query; new days in one multi-row insert, changed days in
    one update), all inside one savepoint: a refused, failed or cancelled import writes nothing.
    The audit log gets one entry for the file and one for each person whose days changed."""
    require_role(actor, Role.DIRECTOR)
    report = AttendanceImport()
    importer = _AttendanceBatches(session, report, actor, today or date.today())
    with _open(path, ATTENDANCE_COLUMNS, one_of=("pesel", "participant_id"), encoding=encoding) as source:
        report.format = source.format
        if dry_run:  # reads only: no savepoint, so that a reading unit will do
            for batch in _refusing(source.batches(ATTENDANCE_BATCH)):
                importer.apply(batch, write=False, count=True)
                if progress is not None:
                    progress(source.done, source.total)
            return report
        whole_file = session.begin_nested()
        try:
            for batch in _refusing(source.batches(ATTENDANCE_BATCH)):
                writing = only_valid or not report.error_count  # once refused, only the checks go on
                importer.apply(batch, write=writing, count=writing)
                if progress is not None:
                    progress(source.done, source.total)
            if only_valid or not report.error_count:
                importer.record_people(path)
        except BaseException:
            whole_file.rollback()
            raise
        if report.error_count and not only_valid:
            whole_file.rollback()
            raise report.refused()
        whole_file.commit()
    _record_import(session, actor, "attendance", path, dict(
        added=report.added, updated=report.updated, unchanged=report.unchanged, skipped=report.error_count))
    return report


# --- the kinds of import, and a file's preview (File → Import in the app) ------------------------------


@dataclass(frozen=True)
class ImportKind:
    """One kind of file the app imports. ``run(session, path, *, only_valid, actor, encoding, progress,
    dry_run)`` returns a report with ``errors`` (RowError), ``error_count`` and ``summary_lines()``, and
    raises ImportRefused / ImportCancelled; ``dry_run`` checks every row and writes nothing."""

    key: str
    title: str  # a msgid (N_), translated where shown
    columns: tuple[Column, ...]
    one_of: tuple[str, ...]
    run: Callable[..., _Report]
    # Whether the check (``dry_run``) writes inside a savepoint it rolls back (and so needs a unit that
    # writes), or only reads (a reading unit: it holds no write lock while a big file is checked).
    check_writes: bool = True
    all_or_nothing: bool = False  # no "only the valid rows" (the CIS rule sets)


KINDS: dict[str, ImportKind] = {}


def register_kind(kind: ImportKind) -> None:
    """Adds a kind of file to File → Import (the rule and applicant files of other issues come this way)."""
    KINDS[kind.key] = kind


register_kind(ImportKind("participants", N_("Participants (one row a person)"), PARTICIPANT_COLUMNS,
                         PARTICIPANT_DATES, lambda *args, **options: import_participants(*args, **options)))
register_kind(ImportKind("attendance", N_("Attendance (one row a person-day)"), ATTENDANCE_COLUMNS,
                         ("pesel", "participant_id"), lambda *args, **options: import_attendance(*args, **options),
                         check_writes=False))


@dataclass(frozen=True)
class FilePreview:
    """A file as the import will read it: how (encoding, separator), its columns, its first rows."""

    format: FileFormat
    alternatives: tuple[str, ...]  # other encodings to offer when the detected one is a guess
    columns: list[tuple[Column, str]]  # the columns found, with the header as the file writes it
    ignored: list[str]  # headers of columns the import does not read
    rows: list[Row]  # the first data rows


PREVIEW_ROWS = 20


def preview_file(path: Path, kind: str, *, encoding: str | None = None, rows: int = PREVIEW_ROWS) -> FilePreview:
    """The file's first rows under the kind's columns, read as the import will read them; no database.
    An encoding that cannot be told for sure is guessed (``format.encoding_certain`` False) for the
    user to confirm or change. ReintegraError (one sentence) when the file cannot be read."""
    chosen = KINDS[kind]
    path = Path(path)
    certain, alternatives = True, ()
    if encoding is None and path.suffix.lower() not in (".xlsx", ".xlsm"):
        detected = detect_encoding(path)
        encoding, certain, alternatives = detected.encoding, detected.certain, detected.alternatives
    with open_rows(path, chosen.columns, one_of=chosen.one_of, encoding=encoding) as source:
        first = []
        for row in source:
            first.append(row)
            if len(first) >= rows:
                break
        headers = source.headers()
        file_format = replace(source.format, encoding_certain=certain) if source.format.encoding else source.format
        return FilePreview(file_format, alternatives,
                           [(column, headers[column.field]) for column in chosen.columns if column.field in headers],
                           source.ignored_headers(), first)


def _record_import(session: Session, actor: User | None, kind: str, path: Path, counts: dict[str, int]) -> None:
    """One entry for the whole file, with its counts."""
    audit.record(session, actor, AuditAction.IMPORT, kind, None, {"file": str(path), **counts})


class _open:
    """``open_rows`` with its refusals as ImportRefused."""

    def __init__(self, path: Path, columns: tuple[Column, ...], *, one_of: tuple[str, ...] = (),
                 encoding: str | None = None):
        try:
            self.source = open_rows(path, columns, one_of=one_of, encoding=encoding)
        except ReintegraError as error:
            raise ImportRefused([], error.message) from None

    def __enter__(self) -> RowSource:
        return self.source

    def __exit__(self, *_exc) -> None:
        self.source.close()


def _refusing(rows):
    """The rows; a file that turns out unreadable midway (a control character …) as ImportRefused."""
    iterator = iter(rows)
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except ImportRefused:
            raise
        except ReintegraError as error:
            raise ImportRefused([], error.message) from None
        yield row


def _import_rows(session: Session, source: RowSource, apply: Callable[[Row], Callable[[], None]],
                 report: _Report, *, only_valid: bool, progress: Progress | None, dry_run: bool) -> None:
    """Applies every row in a savepoint of its own (a bad row leaves nothing behind), all of
    them in one savepoint kept only when no row failed or the caller takes the valid ones."""
    whole_file = session.begin_nested()
    try:
        for number, row in enumerate(_refusing(source), start=1):
            one_row = session.begin_nested()
            try:
                count = apply(row)
            except ReintegraError as error:
                one_row.rollback()
                report.add_error(row.line, error.message)
            else:
                one_row.commit()
                count()
            if progress is not None and number % PARTICIPANTS_PROGRESS_EVERY == 0:
                progress(source.done, source.total)
    except BaseException:
        whole_file.rollback()
        raise
    if dry_run:
        whole_file.rollback()
        return
    if report.error_count and not only_valid:
        whole_file.rollback()
        raise report.refused()
    whole_file.commit()


class _ParticipantRows:
    """One participants row: admitted (placed, exited), readmitted for a new stay, put on the waiting
    list, found already present, or an error.

    A row is one stay of a person: the person is found by PESEL (or by name and birth date), the
    stay by its admission date (an applicant's by its application date). ``apply`` returns what to
    count, so that nothing is counted for a row rolled back.
    """

    def __init__(self, session: Session, report: ParticipantsImport, actor: User | None, today: date):
        self.session, self.report, self.actor, self.today = session, report, actor, today
        self.seen: dict[tuple, int] = {}
        self.default_programme = None

    def apply(self, row: Row) -> Callable[[], None]:
        values, workshop, exit_date, reason = self._values(row)
        self._check_once_in_file(row.line, values)
        last = self._find(values)
        if last is not None:
            same = self._same_stay(last.person, values)
            if same is not None:
                return self._already_present(same, values, exit_date, reason)
            return self._new_stay(last, values, workshop, exit_date, reason)
        if values.admission_date is None:
            participants.add_applicant(self.session, values, actor=self.actor, today=self.today)
            return _counter(self.report, "applicants")
        participant = participants.admit(self.session, values, actor=self.actor, today=self.today)
        created = self._place(participant, workshop, values.admission_date) if workshop else None
        if exit_date is not None:
            self._exit(participant, exit_date, reason)

        def count() -> None:
            self.report.added += 1
            if created:
                self.report.workshops_created.append(created)
        return count

    def _values(self, row: Row):
        pesel = cell_pesel(row.get("pesel"))
        values = ParticipantFields(
            first_name=cell_text(row.get("first_name")),
            last_name=cell_text(row.get("last_name")),
            pesel=clean_pesel("pesel", pesel),
            birth_date=cell_date(row.get("birth_date")),
            programme=self._programme(cell_text(row.get("programme"))),
            admission_date=cell_date(row.get("admission_date")),
            application_date=cell_date(row.get("application_date")),
        )
        if values.admission_date is None and values.application_date is None:
            raise ValidationError("admission_date", _("The admission date is required."))
        values.eligibility_groups = _eligibility_groups(cell_text(row.get("eligibility_groups")), values.programme)
        values.disability_degree = _disability_degree(cell_text(row.get("disability_degree")))
        exit_date = cell_date(row.get("exit_date"))
        reason_text = cell_text(row.get("exit_reason"))
        reason = labels.parse_exit_reason(reason_text)
        if reason_text and reason is None:
            raise ValidationError("exit_reason", _("“{text}” is not an exit reason.").format(text=reason_text))
        if reason is not None and exit_date is None:
            raise ValidationError("exit_date", _("An exit reason is given without an exit date."))
        workshop = cell_text(row.get("workshop"))
        if values.admission_date is None and (workshop or exit_date is not None):
            raise ValidationError("admission_date", _(
                "A workshop or an exit is given without an admission date: an applicant is placed once admitted."))
        return values, workshop, exit_date, reason

    def _programme(self, text: str):
        if not text:
            if self.default_programme is None:
                self.default_programme = get_facility(self.session).kind
            return self.default_programme
        programme = labels.parse_programme(text)
        if programme is None:
            raise ValidationError("programme", _("“{text}” is not a programme (WTZ, CIS, KIS or ZAZ).").format(
                text=text))
        return programme

    def _check_once_in_file(self, line: int, values: ParticipantFields) -> None:
        """One row per stay: a person may have several rows (their stays, one after another in the file)."""
        key = self._identity(values)
        if key is None:
            return
        key = (*key, values.admission_date or values.application_date)
        first_line = self.seen.setdefault(key, line)
        if first_line != line:
            raise ValidationError("pesel", _("The same person is already on line {line}.").format(line=first_line))

    @staticmethod
    def _identity(values: ParticipantFields) -> tuple | None:
        if values.pesel:
            return ("pesel", values.pesel)
        if values.first_name and values.last_name and values.birth_date:
            return ("name", values.first_name.lower(), values.last_name.lower(), values.birth_date)
        return None

    def _find(self, values: ParticipantFields) -> Participant | None:
        """The last stay of the row's person, if Reintegra knows them."""
        if values.pesel:
            condition = [Participant.pesel == values.pesel]
        elif values.first_name and values.last_name and values.birth_date:
            condition = [func.lower(Participant.first_name) == values.first_name.lower(),
                         func.lower(Participant.last_name) == values.last_name.lower(),
                         Participant.birth_date == values.birth_date]
        else:
            return None
        return self.session.scalar(select(Participant).where(*condition).order_by(Participant.id.desc()).limit(1))

    @staticmethod
    def _same_stay(person, values: ParticipantFields) -> Participant | None:
        """The person's stay the row describes: the one admitted on the row's admission date; for an
        applicant's row (no admission date) the one applied for on its application date, admitted since
        or not. The last stay stands for any other admission date, to be compared with the row."""
        if values.admission_date is not None:
            same = [stay for stay in person.stays if stay.admission_date == values.admission_date]
        else:
            same = [stay for stay in person.stays if stay.application_date == values.application_date]
        return max(same, key=lambda stay: stay.id) if same else None

    def _new_stay(self, last: Participant, values: ParticipantFields, workshop: str, exit_date: date | None,
                  reason) -> Callable[[], None]:
        """A known person's row that no stay of theirs matches: a new stay when their last stay has ended
        and the row's admission comes after its exit (``participants.readmit`` says why not otherwise)."""
        name = last.full_name
        if last.admission_date is None:
            raise ValidationError("admission_date", _(
                "{name} is on the waiting list; record the admission in Reintegra instead.").format(name=name))
        if last.exit_date is None:
            if values.admission_date is None:
                raise ValidationError("application_date", _(
                    "{name} has a stay that has not ended: record its exit before a new stay.").format(name=name))
            raise ValidationError("admission_date", _(
                "{name} is already registered with the admission date {date}.").format(
                name=name, date=format_date(last.admission_date)))
        # What the row does not say about the person (contacts, certificate …) stays as it is.
        known = ParticipantFields.of(last)
        identity = {name: getattr(known, name) for name in Participant.PERSON_COLUMNS if hasattr(known, name)}
        given = {name: getattr(values, name) for name in ("first_name", "last_name", "pesel", "birth_date")
                 if getattr(values, name)}
        if values.disability_degree is not None:
            given["disability_degree"] = values.disability_degree
        merged = replace(values, **{**identity, **given})
        stay = participants.readmit(self.session, merged, person_id=last.person_id, actor=self.actor,
                                    today=self.today)
        if values.admission_date is None:
            return _counter(self.report, "applicants")
        created = self._place(stay, workshop, values.admission_date) if workshop else None
        if exit_date is not None:
            self._exit(stay, exit_date, reason)

        def count() -> None:
            self.report.readmitted += 1
            if created:
                self.report.workshops_created.append(created)
        return count

    def _already_present(self, participant: Participant, values: ParticipantFields, exit_date: date | None,
                         reason) -> Callable[[], None]:
        name = participant.full_name
        if exit_date is None:
            return _counter(self.report, "unchanged")
        if participant.exit_date is None:
            self._exit(participant, exit_date, reason)
            return _counter(self.report, "exits_recorded")
        if participant.exit_date != exit_date or (reason is not None and participant.exit_reason is not reason):
            raise ValidationError("exit_date", _(
                "{name} is already registered as having left on {date} ({reason}).").format(
                name=name, date=format_date(participant.exit_date), reason=labels.label(participant.exit_reason)))
        return _counter(self.report, "unchanged")

    def _place(self, participant: Participant, workshop_name: str, start: date) -> str | None:
        """Places the participant from the admission; returns the name of a workshop it had to create."""
        workshop = workshops.find_by_name(self.session, workshop_name)
        created = None
        if workshop is None:
            workshop = workshops.create_workshop(self.session, workshop_name, actor=self.actor)
            created = workshop.name
        placements.place(self.session, participant.id, workshop.id, start, actor=self.actor)
        self.report.placed_on.add((workshop.id, start))
        return created

    def _exit(self, participant: Participant, exit_date: date, reason) -> None:
        participants.exit_participant(self.session, participant.id, participant.version, exit_date, reason,
                                      actor=self.actor, today=self.today)


# The Polish names of the eligibility groups and degrees as facilities write them in their sheets (compared
# as headers are: case and diacritics aside); the codes and the labels in the UI language are taken too.
POLISH_ELIGIBILITY_GROUPS = {
    EligibilityGroup.HOMELESS: ("osoba bezdomna", "bezdomna", "bezdomny", "bezdomność"),
    EligibilityGroup.ALCOHOL: ("osoba uzależniona od alkoholu", "uzależniona od alkoholu", "uzależniony od alkoholu",
                               "uzależnienie od alkoholu", "alkohol"),
    EligibilityGroup.DRUGS: ("osoba uzależniona od narkotyków", "uzależniona od narkotyków",
                             "uzależniony od narkotyków", "uzależnienie od narkotyków", "narkotyki"),
    EligibilityGroup.MENTAL_ILLNESS: ("osoba chora psychicznie", "chora psychicznie", "chory psychicznie",
                                      "choroba psychiczna"),
    EligibilityGroup.LONG_TERM_UNEMPLOYED: ("osoba długotrwale bezrobotna", "długotrwale bezrobotna",
                                            "długotrwale bezrobotny", "bezrobocie długotrwałe"),
    EligibilityGroup.FORMER_PRISONER: ("osoba zwolniona z zakładu karnego", "zwolniona z zakładu karnego",
                                       "zwolniony z zakładu karnego"),
    EligibilityGroup.REFUGEE: ("uchodźca", "uchodźczyni"),
    EligibilityGroup.DISABLED: ("osoba niepełnosprawna", "niepełnosprawna", "niepełnosprawny",
                                "niepełnosprawność"),
}
POLISH_DEGREES = {DisabilityDegree.SIGNIFICANT: "znaczny", DisabilityDegree.MODERATE: "umiarkowany",
                  DisabilityDegree.LIGHT: "lekki"}
ELIGIBILITY_PROGRAMMES = (Programme.CIS, Programme.KIS)


def _names(member, polish: tuple[str, ...]) -> set[str]:
    return {header_key(name) for name in (member.value, labels.label(member), *polish)}


def _eligibility_groups(text: str, programme: Programme) -> list[str]:
    """The codes of a ``grupa`` cell: codes or Polish names, several separated by commas (or semicolons)."""
    names = [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]
    if names and programme not in ELIGIBILITY_PROGRAMMES:
        raise ValidationError("eligibility_groups", _(
            "Eligibility groups are recorded for CIS and KIS participants only."))
    groups = []
    for name in names:
        key = header_key(name)
        group = next((group for group, polish in POLISH_ELIGIBILITY_GROUPS.items() if key in _names(group, polish)),
                     None)
        if group is None:
            raise ValidationError("eligibility_groups", _(
                "“{text}” is not an eligibility group; use {codes} or their Polish names.").format(
                text=name, codes=labels.or_list([group.value for group in EligibilityGroup])))
        groups.append(group.value)
    return groups


def _disability_degree(text: str) -> DisabilityDegree | None:
    """The degree of a ``stopień`` cell: the code or the Polish name."""
    if not text:
        return None
    key = header_key(text)
    degree = next((degree for degree, polish in POLISH_DEGREES.items() if key in _names(degree, (polish,))), None)
    if degree is None:
        raise ValidationError("disability_degree", _(
            "“{text}” is not a degree of disability; use significant, moderate or light "
            "(znaczny, umiarkowany, lekki).").format(text=text))
    return degree


class _SeenDays:
    """The line each (person, day) of the file was first on, to refuse a second row of the same day: per
    person an array of 4-byte line numbers over the days from their first to their last day in the file
    — a few bytes a day rather than a dict entry a row, so memory does not grow with the rows."""

    def __init__(self) -> None:
        self.spans: dict[int, list] = {}  # person id → [ordinal of the array's first day, array of lines]

    def first_line(self, person_id: int, day: date, line: int) -> int:
        """The line ``day`` of the person was first seen on (``line`` itself the first time)."""
        ordinal = day.toordinal()
        span = self.spans.get(person_id)
        if span is None:
            self.spans[person_id] = [ordinal, array("I", [line])]
            return line
        base, lines = span
        if ordinal < base:  # grown at least twofold at a time: a file in falling order stays linear
            grow = max(base - ordinal, len(lines))
            lines[0:0] = array("I", bytes(4 * grow))
            span[0] = base = base - grow
        index = ordinal - base
        if index >= len(lines):
            lines.extend(array("I", bytes(4 * max(index + 1 - len(lines), len(lines)))))
        first = lines[index]
        if first:
            return first
        lines[index] = line
        return line


@dataclass(frozen=True)
class _Bad:
    """A cell value already found wrong, kept with the reason (the cell caches of ``_AttendanceBatches``)."""

    reason: str


@dataclass
class _Stay:
    person_id: int
    name: str
    anonymised: bool
    placed: list[tuple[date, date | None, int]]  # (start, end or None, workshop id)


@dataclass(slots=True)
class _Checked:
    line: int
    stay: int
    workshop_id: int
    day: date
    status: AttendanceStatus
    hours_given: bool
    hours: Decimal | None


class _AttendanceBatches:
    """Attendance rows a batch at a time: each row checked (the person by PESEL or id, the day, the
    status, the hours, the placement that day), then the batch's recorded days read in one query and
    its new and changed days written in one statement each."""

    def __init__(self, session: Session, report: AttendanceImport, actor: User | None, today: date):
        self.session, self.report, self.actor, self.today = session, report, actor, today
        self.now = datetime.now().replace(microsecond=0)
        self.day_length = get_facility(session).day_length_hours
        self.seen = _SeenDays()
        self.touched: dict[int, list] = {}  # stay id → [added, updated, first day, last day]
        # The facility's people and placements, read once: a year's sheet has thousands of rows.
        self.stays: dict[int, _Stay] = {}
        self.by_pesel: dict[str, list[int]] = {}  # the person's stays, the latest first
        for stay_id, person_id, pesel, first, last, anonymised_at in session.execute(
                select(Participant.id, Person.id, Person.pesel, Person.first_name, Person.last_name,
                       Person.anonymised_at).join(Person, Person.id == Participant.person_id)
                .order_by(Participant.id.desc())):
            self.stays[stay_id] = _Stay(person_id, f"{first} {last}".strip(), anonymised_at is not None, [])
            if pesel:
                self.by_pesel.setdefault(pesel, []).append(stay_id)
        for stay_id, start, end, workshop_id in session.execute(
                select(Placement.participant_id, Placement.start_date, Placement.end_date, Placement.workshop_id)):
            if stay_id in self.stays:
                self.stays[stay_id].placed.append((start, end, workshop_id))
        # What the cells said, read once each: a file has few distinct dates, statuses, hours and people.
        self.people: dict[tuple[str, str], tuple[list[int], str] | _Bad] = {}
        self.dates: dict[str, date | _Bad] = {}
        self.statuses: dict[str, AttendanceStatus | _Bad] = {}
        self.hours: dict[tuple[bool, str], Decimal | None | _Bad] = {}
        table = AttendanceDay.__table__
        self.insert = insert(table)
        self.update = update(table).where(table.c.id == bindparam("b_id")).values(
            workshop_id=bindparam("b_workshop"), status=bindparam("b_status"), hours=bindparam("b_hours"),
            recorded_by_id=actor.id if actor else None, recorded_at=self.now, version=table.c.version + 1)

    def apply(self, rows: list[Row], *, write: bool, count: bool) -> None:
        checked = []
        for row in rows:
            try:
                checked.append(self._check(row))
            except ReintegraError as error:
                self.report.add_error(row.line, error.message)
        if checked and (write or count):
            self._store(checked, write)

    def _check(self, row: Row) -> _Checked:
        stays, key = self._person(row)
        day = self._date(row.get("date"))
        status = self._status(row.get("status"))
        person_id = self.stays[stays[0]].person_id
        first_line = self.seen.first_line(person_id, day, row.line)
        if first_line != row.line:
            raise ValidationError("date", _("The same person and day are already on line {line}.").format(
                line=first_line))
        if day > self.today:
            raise ValidationError("date", _("{date} is in the future; attendance can be imported only up to today.")
                                  .format(date=format_date(day)))
        stay_id, workshop_id = self._placed(stays, day)
        if self.stays[stay_id].anonymised:
            raise anonymised.refusal()
        hours_text = cell_text(row.get("hours"))
        return _Checked(row.line, stay_id, workshop_id, day, status, bool(hours_text),
                        self._hours(status, hours_text))

    def _person(self, row: Row) -> tuple[list[int], str]:
        raw = (row.get("pesel"), row.get("participant_id"))
        cache_key = (str(raw[0]), str(raw[1]))
        known = self.people.get(cache_key)
        if known is None:
            if len(self.people) >= 100_000:
                self.people.clear()
            known = self.people[cache_key] = self._find_person(*raw)
        if isinstance(known, _Bad):
            raise ValidationError("pesel", known.reason)
        return known

    def _find_person(self, pesel_cell: object, id_cell: object) -> tuple[list[int], str] | _Bad:
        pesel = cell_pesel(pesel_cell)
        key = pesel or cell_text(id_cell)
        if not key:
            return _Bad(_("The row has neither a PESEL nor a participant id."))
        if pesel:
            stays = self.by_pesel.get(pesel)
        else:
            stays = [int(key)] if key.isdigit() and int(key) in self.stays else None
        if not stays:
            return _Bad(_("No participant with the id or PESEL {key}.").format(key=key))
        return stays, key

    def _date(self, value: object) -> date:
        if not isinstance(value, str):
            return cell_date(value, required=True)
        known = self.dates.get(value)
        if known is None:
            try:
                known = cell_date(value, required=True)
            except ValidationError as error:
                known = _Bad(error.message)
            if len(self.dates) < 100_000:
                self.dates[value] = known
        if isinstance(known, _Bad):
            raise ValidationError("date", known.reason)
        return known

    def _status(self, value: object) -> AttendanceStatus:
        text = cell_text(value)
        known = self.statuses.get(text)
        if known is None:
            if not text:
                known = _Bad(_("The attendance status is required."))
            else:
                known = labels.parse_status(text) or _Bad(_(
                    "“{text}” is not an attendance status; use {codes}.").format(
                    text=text, codes=labels.status_codes_text()))
            if len(self.statuses) < 10_000:
                self.statuses[text] = known
        if isinstance(known, _Bad):
            raise ValidationError("status", known.reason)
        return known

    def _hours(self, status: AttendanceStatus, text: str) -> Decimal | None:
        key = (status.info.is_present, text)
        if key not in self.hours:
            try:
                known = attendance.clean_hours(status, text or None, self.day_length)
            except ValidationError as error:
                known = _Bad(error.message)
            if len(self.hours) >= 10_000:
                self.hours.clear()
            self.hours[key] = known
        known = self.hours[key]
        if isinstance(known, _Bad):
            raise ValidationError("hours", known.reason)
        return known

    def _placed(self, stays: list[int], day: date) -> tuple[int, int]:
        """(stay, workshop) the person was placed in on ``day``: of any of their stays."""
        for stay_id in stays:
            for start, end, workshop_id in self.stays[stay_id].placed:
                if start <= day and (end is None or day <= end):
                    return stay_id, workshop_id
        raise ValidationError("date", _("{name} is not placed in any workshop on {date}.").format(
            name=self.stays[stays[0]].name, date=format_date(day)))

    def _store(self, checked: list[_Checked], write: bool) -> None:
        """The batch against what is recorded: new days inserted, changed ones updated (status, hours,
        workshop; a remark typed in the daily log stays), the same ones counted as unchanged."""
        recorded = {}
        ids = sorted({row.stay for row in checked})
        for row in self.session.execute(
                select(AttendanceDay.id, AttendanceDay.participant_id, AttendanceDay.day, AttendanceDay.workshop_id,
                       AttendanceDay.status, AttendanceDay.hours)
                .where(AttendanceDay.participant_id.in_(ids),
                       AttendanceDay.day.between(min(r.day for r in checked), max(r.day for r in checked)))):
            recorded[(row.participant_id, row.day)] = row
        added, changed = [], []
        actor_id = self.actor.id if self.actor else None
        for row in checked:
            old = recorded.get((row.stay, row.day))
            if old is None:
                added.append(dict(participant_id=row.stay, workshop_id=row.workshop_id, day=row.day, status=row.status,
                                  hours=row.hours, remark="", recorded_by_id=actor_id, recorded_at=self.now,
                                  version=1))
                self._touch(row, 0)
            elif (old.workshop_id == row.workshop_id and old.status is row.status
                  and (not row.hours_given or (old.hours is not None and old.hours == row.hours))):
                self.report.unchanged += 1
            else:
                changed.append(dict(b_id=old.id, b_workshop=row.workshop_id, b_status=row.status, b_hours=row.hours))
                self._touch(row, 1)
        self.report.added += len(added)
        self.report.updated += len(changed)
        if write and added:
            self.session.execute(self.insert, added)
        if write and changed:
            self.session.execute(self.update, changed)

    def _touch(self, row: _Checked, which: int) -> None:
        touched = self.touched.get(row.stay)
        if touched is None:
            self.touched[row.stay] = [1 - which, which, row.day, row.day]
            return
        touched[which] += 1
        if row.day < touched[2]:
            touched[2] = row.day
        elif row.day > touched[3]:
            touched[3] = row.day

    def record_people(self, path: Path) -> None:
        """One audit entry for each person whose days the file added or changed: how many, between which days
        (the person's filter and their data export show it; not one entry a row)."""
        audit.record_many(self.session, self.actor, AuditAction.IMPORT, "attendance", [
            (stay_id, {"file": str(path), "added": added, "updated": updated, "start_date": first, "end_date": last})
            for stay_id, (added, updated, first, last) in sorted(self.touched.items())])


def _counter(report: ParticipantsImport | AttendanceImport, name: str) -> Callable[[], None]:
    def count() -> None:
        setattr(report, name, getattr(report, name) + 1)
    return count


def over_capacity_lines(session: Session, placed_on: set[tuple[int, date]]) -> list[str]:
    """A warning (not a refusal) for each workshop that has more people placed than places on one of
    the days people were placed there from: its fullest such day (the first of them), by name.
    ``placed_on`` may name rows rolled back: only what is in the database is counted."""
    fullest: dict[int, tuple[int, date]] = {}
    for workshop_id, start in placed_on:
        placed = workshops.placed_count(session, workshop_id, start)
        best = fullest.get(workshop_id)
        if best is None or (-placed, start) < (-best[0], best[1]):
            fullest[workshop_id] = (placed, start)
    lines = []
    for workshop_id, (placed, start) in fullest.items():
        try:
            workshop = workshops.get_workshop(session, workshop_id)
        except NotFoundError:  # created by a row that was rolled back
            continue
        if placed > workshop.capacity:
            lines.append((workshop.name, ngettext(
                "Over capacity: {name} has {capacity} place; placed there on {date}: {placed}.",
                "Over capacity: {name} has {capacity} places; placed there on {date}: {placed}.",
                workshop.capacity,
            ).format(name=workshop.name, capacity=workshop.capacity, date=format_date(start), placed=placed)))
    return [line for _name, line in sorted(lines, key=lambda pair: polish_key(pair[0]))]
