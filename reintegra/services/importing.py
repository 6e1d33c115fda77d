"""Moving in from spreadsheets: participants and attendance imported from CSV or XLSX.

All or nothing, as DESIGN.md asks: every row is checked through the same services a form
uses, every bad row is reported with its line number, and the writes happen inside a
savepoint that is rolled back unless every row is valid (or the caller asked for the valid
rows only). Importing the same file twice changes nothing the second time.

A participants row is one stay of a person (``_ParticipantRows``): a known person whose last stay has
ended is readmitted for a new stay by a row with a later admission date, and a row with an application
date but no admission date puts its person on the waiting list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reintegra.db.enums import AttendanceStatus, AuditAction, DisabilityDegree, EligibilityGroup, Programme, Role
from reintegra.db.models import AttendanceDay, Participant, Placement, User
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import attendance, audit, labels, participants, placements, workshops
from reintegra.services.collation import polish_key
from reintegra.services.errors import NotFoundError, ReintegraError, ValidationError
from reintegra.services.facility import get_facility
from reintegra.services.import_files import Column, Row, cell_date, cell_pesel, cell_text, header_key, read_rows
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


@dataclass(frozen=True)
class RowError:
    line: int  # as Excel shows it: the header is line 1
    reason: str

    def describe(self) -> str:
        return _("Line {line}: {reason}").format(line=self.line, reason=self.reason)


class ImportRefused(ReintegraError):
    """Nothing was written: the file could not be read, or rows have errors."""

    def __init__(self, errors: list[RowError], message: str | None = None):
        super().__init__(message or ngettext(
            "The file was not imported: {count} row has errors.",
            "The file was not imported: {count} rows have errors.",
            len(errors),
        ).format(count=len(errors)))
        self.errors = errors


@dataclass
class ParticipantsImport:
    added: int = 0  # people new to Reintegra, admitted
    unchanged: int = 0
    exits_recorded: int = 0
    readmitted: int = 0  # a new stay of a person whose last stay had ended
    applicants: int = 0  # a stay without an admission (the waiting list), of a new or a known person
    workshops_created: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
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
        return lines + _skipped_lines(self.errors) + self.over_capacity


@dataclass
class AttendanceImport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        return [
            _("Attendance days added: {count}").format(count=self.added),
            _("Attendance days updated: {count}").format(count=self.updated),
            _("Attendance days unchanged: {count}").format(count=self.unchanged),
        ] + _skipped_lines(self.errors)


def _skipped_lines(errors: list[RowError]) -> list[str]:
    return [_("Rows skipped because of errors: {count}").format(count=len(errors))] if errors else []


def import_participants(session: Session, path: Path, *, only_valid: bool = False, actor: User | None = None,
                        today: date | None = None) -> ParticipantsImport:
    """Admits the people of a participants sheet, places them and records their exits; readmits a known
    person whose last stay has ended (a new stay) and puts applicants on the waiting list."""
    require_role(actor, Role.DIRECTOR)
    rows = _read(path, PARTICIPANT_COLUMNS, one_of=PARTICIPANT_DATES)
    report = ParticipantsImport()
    importer = _ParticipantRows(session, report, actor, today or date.today())
    _import_rows(session, rows, importer.apply, report.errors, only_valid=only_valid)
    report.over_capacity = over_capacity_lines(session, report.placed_on)
    _record_import(session, actor, "participants", path, dict(
        added=report.added, unchanged=report.unchanged, exits_recorded=report.exits_recorded,
        readmitted=report.readmitted, applicants=report.applicants,
        workshops_created=len(report.workshops_created), skipped=len(report.errors)))
    return report


def import_attendance(session: Session, path: Path, *, only_valid: bool = False, actor: User | None = None,
                      today: date | None = None) -> AttendanceImport:
    """Records the person-days of an attendance sheet in the workshop each person was placed in."""
    rows = _read(path, ATTENDANCE_COLUMNS, one_of=("pesel", "participant_id"))
    report = AttendanceImport()
    importer = _AttendanceRows(session, report, actor, today or date.today())
    _import_rows(session, rows, importer.apply, report.errors, only_valid=only_valid)
    _record_import(session, actor, "attendance", path, dict(
        added=report.added, updated=report.updated, unchanged=report.unchanged, skipped=len(report.errors)))
    return report


def _record_import(session: Session, actor: User | None, kind: str, path: Path, counts: dict[str, int]) -> None:
    """One entry for the whole file, with its counts (each row's change has its own entry as well)."""
    audit.record(session, actor, AuditAction.IMPORT, kind, None, {"file": str(path), **counts})


def _read(path: Path, columns: tuple[Column, ...], *, one_of: tuple[str, ...] = ()) -> list[Row]:
    try:
        return read_rows(path, columns, one_of=one_of)
    except ReintegraError as error:
        raise ImportRefused([], error.message) from None


def _import_rows(session: Session, rows: list[Row], apply: Callable[[Row], Callable[[], None]],
                 errors: list[RowError], *, only_valid: bool) -> None:
    """Applies every row in a savepoint of its own (a bad row leaves nothing behind), all of
    them in one savepoint kept only when no row failed or the caller takes the valid ones."""
    whole_file = session.begin_nested()
    try:
        for row in rows:
            one_row = session.begin_nested()
            try:
                count = apply(row)
            except ReintegraError as error:
                one_row.rollback()
                errors.append(RowError(row.line, error.message))
            else:
                one_row.commit()
                count()
    except BaseException:
        whole_file.rollback()
        raise
    if errors and not only_valid:
        whole_file.rollback()
        raise ImportRefused(errors)
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


class _AttendanceRows:
    """One attendance row: a person-day added, updated, already so, or an error."""

    def __init__(self, session: Session, report: AttendanceImport, actor: User | None, today: date):
        self.session, self.report, self.actor, self.today = session, report, actor, today
        self.seen: dict[tuple[int, date], int] = {}
        self.people: dict[str, Participant] = {}
        self.placements: dict[int, list[Placement]] = {}
        # Each person's recorded days, read once: a year's sheet has thousands of rows.
        self.recorded_days: dict[int, dict[date, AttendanceDay]] = {}

    def apply(self, row: Row) -> Callable[[], None]:
        participant = self._participant(row)
        day = cell_date(row.get("date"), required=True)
        status = self._status(cell_text(row.get("status")))
        first_line = self.seen.setdefault((participant.id, day), row.line)
        if first_line != row.line:
            raise ValidationError("date", _("The same person and day are already on line {line}.").format(
                line=first_line))
        if day > self.today:
            raise ValidationError("date", _("{date} is in the future; attendance can be imported only up to today.")
                                  .format(date=format_date(day)))
        workshop_id = self._workshop_on(participant, day)
        hours = cell_text(row.get("hours"))
        recorded = self._recorded(participant.id).get(day)
        if recorded is not None and _already_so(recorded, workshop_id, status, hours):
            return _counter(self.report, "unchanged")
        # An import changes the status and hours; a remark typed in the daily log stays.
        attendance.set_attendance(self.session, participant.id, workshop_id, day, status, hours=hours or None,
                                  remark=recorded.remark if recorded else "", actor=self.actor)
        return _counter(self.report, "updated" if recorded is not None else "added")

    def _participant(self, row: Row) -> Participant:
        pesel = cell_pesel(row.get("pesel"))
        key = pesel or cell_text(row.get("participant_id"))
        if not key:
            raise ValidationError("pesel", _("The row has neither a PESEL nor a participant id."))
        if key not in self.people:
            participant = None
            if pesel:
                participant = self.session.scalar(select(Participant).where(Participant.pesel == pesel)
                                                  .order_by(Participant.id.desc()).limit(1))  # the last stay
            elif key.isdigit():
                participant = self.session.get(Participant, int(key))
            if participant is None:
                raise NotFoundError(_("No participant with the id or PESEL {key}.").format(key=key))
            self.people[key] = participant
        return self.people[key]

    def _status(self, text: str) -> AttendanceStatus:
        if not text:
            raise ValidationError("status", _("The attendance status is required."))
        status = labels.parse_status(text)
        if status is None:
            raise ValidationError("status", _("“{text}” is not an attendance status; use {codes}.").format(
                text=text, codes=labels.status_codes_text()))
        return status

    def _recorded(self, participant_id: int) -> dict[date, AttendanceDay]:
        if participant_id not in self.recorded_days:
            self.recorded_days[participant_id] = {row.day: row for row in self.session.scalars(
                select(AttendanceDay).where(AttendanceDay.participant_id == participant_id))}
        return self.recorded_days[participant_id]

    def _workshop_on(self, participant: Participant, day: date) -> int:
        if participant.id not in self.placements:
            self.placements[participant.id] = placements.placements_of(self.session, participant.id)
        for placement in self.placements[participant.id]:
            if placement.start_date <= day and (placement.end_date is None or day <= placement.end_date):
                return placement.workshop_id
        raise ValidationError("date", _("{name} is not placed in any workshop on {date}.").format(
            name=participant.full_name, date=format_date(day)))


def _counter(report: ParticipantsImport | AttendanceImport, name: str) -> Callable[[], None]:
    def count() -> None:
        setattr(report, name, getattr(report, name) + 1)
    return count


def _already_so(recorded: AttendanceDay, workshop_id: int, status: AttendanceStatus, hours: str) -> bool:
    """Whether the recorded day says what the row says; empty hours keep what is recorded."""
    if recorded.workshop_id != workshop_id or recorded.status is not status:
        return False
    if not hours:
        return True
    try:
        return recorded.hours is not None and Decimal(hours.replace(",", ".")) == recorded.hours
    except InvalidOperation:
        return False


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
