"""The participant reintegration report (karta przebiegu reintegracji uczestnika), A4 portrait.

One person's data, placements, attendance month by month with a small chart, progress notes,
individual plans, assessments, exit and follow-up contacts, and lines for the director's and the
instructor's signatures. A section with nothing in it is left out, heading and all.
``participants_report`` puts several people in one PDF, each from a new page.

Need-to-know: an instructor (``actor``) gets the report only of someone placed in their workshops
(``access.require_participant``); a bulk report with anyone else in it is refused as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph
from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import EligibilityGroup
from reintegra.db.models import Participant, User
from reintegra.i18n import _, format_date, ngettext, pgettext
from reintegra.reports import layout
from reintegra.reports.participant_sections import (
    assessments_section,
    attendance_section,
    head_row,
    plans_section,
    subheading,
)
from reintegra.services import access, cis_clock, follow_ups, notes, pathway
from reintegra.services import participant_record as record
from reintegra.services.errors import NotFoundError, ReintegraError
from reintegra.services.follow_ups import FollowUpRow, FollowUpState
from reintegra.services.labels import label

_NAME = ParagraphStyle("participant-name", parent=layout.STYLES["title"], fontSize=13.5, leading=17,
                       spaceAfter=1 * mm)
# A heading closer than this to the page foot moves to the next page with what follows it.
_ROOM_FOR_A_SECTION = 35 * mm
_ROOM_FOR_A_CHART = 85 * mm  # the attendance summary, its chart and the first months


class Cancelled(Exception):
    """Whoever waited for a bulk report gave up: no PDF is made."""


def report_title() -> str:
    return _("Participant reintegration report")


def participant_report(session: Session, participant_id: int, *, notes_from: date | None = None,
                       notes_to: date | None = None, today: date | None = None,
                       actor: User | None = None) -> bytes:
    """One participant's report as PDF bytes; notes only from the chosen period (either end open)."""
    today = today or date.today()
    _check_period(notes_from, notes_to)
    access.require_participant(session, actor, participant_id, today)
    story = _story(session, _participant(session, participant_id), notes_from, notes_to, today, actor)
    return layout.render(story, header=layout.facility_header(session), title=report_title())


def participants_report(session: Session, participant_ids: list[int], *, notes_from: date | None = None,
                        notes_to: date | None = None, today: date | None = None,
                        progress: Callable[[int, int], bool] | None = None, actor: User | None = None) -> bytes:
    """Several participants in one PDF, each from a new page.

    ``progress(done, total)`` is called after each person is laid out on the pages (the slow part);
    when it returns False, ``Cancelled`` is raised and nothing is returned.
    """
    today = today or date.today()
    _check_period(notes_from, notes_to)
    if not participant_ids:
        raise ReintegraError(_("Choose at least one participant for the report."))
    known = set(session.scalars(select(Participant.id).where(Participant.id.in_(set(participant_ids)))))
    reachable = access.reachable_ids(session, actor, today)
    for participant_id in participant_ids:
        if reachable is not None and participant_id not in reachable:
            access.require_participant(session, actor, participant_id, today)  # the refusal's sentence
        if participant_id not in known:
            raise _not_found(participant_id)

    def person_story(participant_id: int) -> list[Flowable]:
        return _story(session, _participant(session, participant_id), notes_from, notes_to, today, actor)

    total = len(participant_ids)
    story: list[Flowable] = []
    for done, participant_id in enumerate(participant_ids, 1):
        if story:
            story.append(PageBreak())
        story.append(_Deferred(partial(person_story, participant_id)))
        if progress is not None:
            story.append(_Progress(progress, done, total))
    return layout.render(story, header=layout.facility_header(session), title=report_title())


def _participant(session: Session, participant_id: int) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise _not_found(participant_id)
    return participant


def _not_found(participant_id: int) -> NotFoundError:
    return NotFoundError(_("There is no participant with the id {id}.").format(id=participant_id))


def _check_period(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ReintegraError(_("The period ends before it starts."))


def _story(session: Session, person: Participant, notes_from: date | None, notes_to: date | None,
           today: date, actor: User | None = None) -> list[Flowable]:
    width = layout.content_width()
    placements = record.placement_history(session, person.id)
    story: list[Flowable] = [
        _RunningName(person.full_name),
        layout.title(report_title()),
        Paragraph(escape(person.full_name), _NAME),
        layout.subtitle(_("As of {date}").format(date=format_date(today))),
    ]
    story += _section(_("Personal data"), layout.key_values(_personal_pairs(person), width))
    # Need-to-know is per stay: the other stays an instructor does not reach are not named.
    others = [stay for stay in person.person.stays
              if stay.id != person.id and access.may_reach(session, actor, stay.id, today)]
    story += _section(_("Participation"), layout.key_values(_participation_pairs(person, others), width))
    if placements:
        story += _section(_("Placements in workshops"), _placements_table(placements, width))
    months = record.attendance_months(session, person, placements, today)
    if months:
        story += _section(_("Attendance"), *attendance_section(months, ongoing=person.exit_date is None,
                                                               today=today, width=width), room=_ROOM_FOR_A_CHART)
    story += _notes(session, person.id, notes_from, notes_to, width)
    plans = record.plans_of(session, person.id)
    if plans:
        story += _section(_("Individual programmes"), *plans_section(plans, width))
    assessments = record.assessments_of(session, person.id)
    if assessments:
        story += _section(_("Periodic assessments"), *assessments_section(assessments, width))
    if person.exit_date is not None and person.admission_date is not None:  # a closed application is no exit
        story += _section(_("Exit"), layout.key_values(_exit_pairs(person), width),
                          *_follow_ups(follow_ups.follow_ups_of(session, person.id, exit_date=person.exit_date),
                                       today, width))
    story += _path_after(session, person.id, today, actor)
    story.append(layout.signatures([_("Director"), _("Instructor")], width))
    return story


def _section(heading: str, *content: Flowable, room: float = _ROOM_FOR_A_SECTION) -> list[Flowable]:
    """A heading and its content; the heading starts a new page when less than ``room`` is left (not
    ``keepWithNext``, which would push a table longer than what is left of the page to the next one)."""
    return [CondPageBreak(room), layout.heading(heading), *content]


# -- personal data and participation ---------------------------------------------------------------


def _personal_pairs(person: Participant) -> list[tuple[str, str]]:
    """Who the person is; a line the form leaves empty is left out, except the name, PESEL and birth date."""
    town = " ".join(part for part in (person.postal_code, person.city) if part)
    if person.consent_given:
        consent = (_("Given on {date}").format(date=format_date(person.consent_date)) if person.consent_date
                   else _("Yes"))
    else:
        consent = _("No")
    return _filled([
        (_("Full name:"), person.full_name),
        (_("PESEL:"), person.pesel or "—"),
        (_("Birth date:"), format_date(person.birth_date) or "—"),
        (_("Sex:"), label(person.sex)),
        (_("Address:"), _joined(person.address, town)),
        (_("Phone:"), person.phone),
        (_("E-mail:"), person.email),
        (_("Guardian:"), _joined(person.guardian_name, person.guardian_phone)),
        (_("Emergency contact:"), _joined(person.emergency_name, person.emergency_phone)),
        (_("Consent to the processing of personal data:"), consent),
    ])


def _stay_period(stay: Participant) -> str:
    """Another stay of the person, for the line that says the report covers one stay."""
    if stay.admission_date is None:
        return _("{programme} on the waiting list").format(programme=stay.programme.value)
    if stay.exit_date is None:
        return _("{programme} since {date}").format(programme=stay.programme.value,
                                                   date=format_date(stay.admission_date))
    return _("{programme} {start} – {end}").format(programme=stay.programme.value,
                                                  start=format_date(stay.admission_date),
                                                  end=format_date(stay.exit_date))


def _participation_pairs(person: Participant, others: list[Participant]) -> list[tuple[str, str]]:
    if person.admission_date is None and person.exit_date is not None:
        period = _("Not admitted: the application was closed on {date} ({reason})").format(
            date=format_date(person.exit_date), reason=label(person.exit_reason))
    elif person.admission_date is None:
        period = _("On the waiting list")
    elif person.exit_date is not None:
        period = _("{first} – {last}").format(first=format_date(person.admission_date),
                                              last=format_date(person.exit_date))
    else:
        period = _("since {date}, ongoing").format(date=format_date(person.admission_date))
    return _filled([
        (_("Programme:"), label(person.programme)),
        (_("Period of participation:"), period),
        (_("Other stays:"), "; ".join(_stay_period(stay) for stay in sorted(
            others, key=lambda stay: stay.id, reverse=True))),
        (_("Planned end:"), format_date(person.planned_end_date) if person.exit_date is None else ""),
        (_("Trial month:"), cis_clock.trial_text(person)),
        (_("Extension:"), cis_clock.extension_text(person)),
        (_("Application date:"), format_date(person.application_date)),
        (_("Referred by:"), _joined(label(person.referral), person.referral_institution)),
        (_("Disability degree:"), label(person.disability_degree)),
        (_("Cause symbols:"), ", ".join(person.disability_causes or [])),
        (_("Certificate valid until:"), _("Issued permanently") if person.certificate_permanent
         else format_date(person.certificate_valid_until)),
        (_("Indication for therapy:"), {True: _("Yes"), False: _("No"), None: ""}[person.therapy_indication]),
        (_("Eligibility groups:"), ", ".join(label(EligibilityGroup(group))
                                             for group in person.eligibility_groups or [])),
    ])


def _filled(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(caption, value) for caption, value in pairs if value]


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _placements_table(placements: list[record.PlacementLine], width: float) -> Flowable:
    with_notes = any(line.note for line in placements)
    rows: list[list] = [head_row(_("Workshop"), _("From"), _("Until"), *([_("Note")] if with_notes else []))]
    for line in placements:
        row = [layout.text(line.workshop, "cell"), format_date(line.start),
               format_date(line.end) if line.end else _("ongoing")]
        rows.append(row + ([layout.text(line.note, "cell")] if with_notes else []))
    dates = 26 * mm
    widths = [width * 0.45 if with_notes else width - 2 * dates, dates, dates]
    if with_notes:
        widths.append(width - sum(widths))
    return layout.table(rows, widths)


# -- notes, exit, follow-ups --------------------------------------------------------------------


def _notes(session: Session, participant_id: int, start: date | None, end: date | None,
           width: float) -> list[Flowable]:
    found = list(reversed(notes.notes_of(session, participant_id, start=start, end=end)))  # oldest first
    if not found:
        return []
    rows: list[list] = [head_row(_("Date"), _("Category"), _("Author"), pgettext("report column", "Note"))]
    for note in found:
        rows.append([format_date(note.day), label(note.category),
                     layout.text(note.author or "—", "cell"), layout.text(note.text, "cell")])
    widths = [20 * mm, 27 * mm, 33 * mm]
    widths.append(width - sum(widths))
    content: list[Flowable] = []
    if start is not None or end is not None:
        content.append(layout.text(_notes_period(start, end), "small"))
        content.append(layout.spacer(1.5))
    content.append(layout.table(rows, widths, extra=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return _section(_("Progress notes"), *content)


def _notes_period(start: date | None, end: date | None) -> str:
    if start is not None and end is not None:
        return _("Notes written from {start} to {end}.").format(start=format_date(start), end=format_date(end))
    if start is not None:
        return _("Notes written from {date} on.").format(date=format_date(start))
    return _("Notes written up to {date}.").format(date=format_date(end))


def _exit_pairs(person: Participant) -> list[tuple[str, str]]:
    return _filled([
        (_("Exit date:"), format_date(person.exit_date)),
        (_("Reason:"), label(person.exit_reason)),
        (_("Where to:"), person.exit_destination),
        (_("Contract:"), label(person.exit_contract_type)),
        (_("Notes:"), person.exit_notes),
    ])


def _follow_ups(rows: list[FollowUpRow], today: date, width: float) -> list[Flowable]:
    if not rows:
        return []
    table: list[list] = [head_row(_("After"), _("Due"), _("Contact date"), _("Status"), _("Employer"), _("Note"))]
    for row in rows:
        table.append([
            ngettext("{count} month", "{count} months", row.months_after).format(count=row.months_after),
            format_date(row.due_date), format_date(row.contact_date) or "—",
            layout.text(_follow_up_status(row, today), "cell"), layout.text(row.employer or "—", "cell"),
            layout.text(row.note or "—", "cell"),
        ])
    widths = [24 * mm, 21 * mm, 21 * mm, 34 * mm, 32 * mm]
    widths.append(width - sum(widths))
    return [*subheading(_("Follow-up contacts")),
            layout.table(table, widths, extra=[("VALIGN", (0, 0), (-1, -1), "TOP")])]


def _follow_up_status(row: FollowUpRow, today: date) -> str:
    state = row.state(today)
    if state is FollowUpState.DONE:
        return label(row.employment_status) or _("Contact made")
    if state is FollowUpState.DUE:
        return _("Due – not contacted yet")
    return _("Planned")


def _path_after(session: Session, participant_id: int, today: date, actor: User | None) -> list[Flowable]:
    """The person's way across the stays the reader reaches and the contacts after them
    (services/pathway.py); left out when there is only this stay and no contact."""
    steps = pathway.timeline(session, participant_id, actor=actor, today=today)
    if len(steps) < 2:
        return []
    return _section(_("Path after"), layout.text(pathway.timeline_text(steps), "cell-bold"), layout.spacer(1),
                    *(layout.text(step.text(), "cell") for step in steps))


# -- flowables that act rather than draw --------------------------------------------------------


class _RunningName(Flowable):
    """Puts the person's name under the report title in the header of each of their pages, so that a
    page separated from the others (a bulk print) still says whose it is. ``layout`` draws the header
    when a page begins; this hooks the page template's end-of-page call, which ReportLab offers for it."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        name = self.name

        def draw_name(canvas, document) -> None:
            page_width, page_height = document.pagesize
            canvas.saveState()
            canvas.setFont(layout.FONT, 8)
            canvas.setFillColor(layout.GREY)
            canvas.drawRightString(page_width - layout.MARGIN, page_height - layout.MARGIN - 9 * mm, name)
            canvas.restoreState()

        self._doctemplateAttr("pageTemplate").onPageEnd = draw_name


class _Deferred(Flowable):
    """Stands for a person's pages and reads their data only when the layout reaches it, so that a bulk
    report's progress moves steadily from the first person on, rather than after all the queries. It
    uses ReportLab's generated content, as its own ``DocIf`` does: what a flowable adds to the frame
    while it is wrapped comes next in the story."""

    def __init__(self, make: Callable[[], list[Flowable]]):
        super().__init__()
        self.make = make
        self.made = False

    def wrap(self, available_width, available_height):
        if not self.made:
            self.made = True
            self._doctemplateAttr("frame").add_generated_content(*self.make())
        return 0, 0

    def draw(self) -> None:
        pass


class _Progress(Flowable):
    """Reports a person done when the layout reaches the end of their pages."""

    def __init__(self, progress: Callable[[int, int], bool], done: int, total: int):
        super().__init__()
        self.progress, self.done, self.total = progress, done, total

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        if self.progress(self.done, self.total) is False:
            raise Cancelled()
