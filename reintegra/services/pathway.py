"""The path after: a person's way through the facility's programmes and what the follow-up contacts
found after each exit, and where a year's leavers are 3, 6 and 12 months after leaving.

Timeline (``timeline``), oldest first:
  stay      each admitted stay of the person (programme, admission – exit, exit reason and
            destination), dated by its admission; an application never admitted is no step.
  contact   each follow-up contact made after an exit of those stays (contact_date recorded), dated
            by the contact: months after the exit and where the person was (a bucket, below).
  Need-to-know: the stay asked for must be reachable (``access.require_participant``); the person's
  other stays the actor does not reach are left out, and their contacts with them.
  ``timeline_text`` is the compact line: "WTZ 2019–2023 → ZAZ 2023–2025 → In a social cooperative".

Where a leaver is (``Place``):
  follow-up status  employed, self-employed → open_market; social_cooperative → social_cooperative;
                    zaz → zaz; in_training → education; unemployed → not_employed;
                    no_contact → unknown.
  exit reason       employment, own_business → open_market; social_cooperative → social_cooperative; zaz → zaz;
                    training → education; every other reason names no place (the timeline shows
                    the reason itself).
  a later stay      a ZAZ stay of the same person → zaz; a WTZ, CIS or KIS stay → not_employed (back
                    in a programme of social or vocational rehabilitation, not at work).

Leavers after 3, 6 and 12 months (``leavers_after``, the summary's ``leavers_after``):
  leavers        people (each once, by person) with an admitted stay whose exit_date is within the
                 period, each counted by their LATEST exit in the period; a person whose latest exit
                 in the period is a death is left out.
  at h months    the day add_months(exit_date, h), h = 3, 6, 12; each leaver is in exactly one bucket:
                 1. that day is on or before as_of and a later stay of the person is going on then
                    (admission_date ≤ day ≤ exit_date or no exit): that stay's place (above);
                 2. else the h-month follow-up contact of that exit, made (whenever), with a status
                    other than no_contact: the status's place;
                 3. else, the day after as_of: not_yet_due;
                 4. else unknown (the contact was not made, or it found nobody).
                 The exit reason decides no horizon: it says where the person went on the day they
                 left, not where they are months later.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import EmploymentStatus, ExitReason, Programme
from reintegra.db.models import FollowUp, Participant, User
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import access
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError
from reintegra.services.labels import label

HORIZONS = (3, 6, 12)


class Place(str, Enum):
    """Where a person is after an exit (the buckets of ``leavers_after``)."""

    OPEN_MARKET = "open_market"
    SOCIAL_COOPERATIVE = "social_cooperative"
    ZAZ = "zaz"
    EDUCATION = "education"
    NOT_EMPLOYED = "not_employed"
    UNKNOWN = "unknown"
    NOT_YET_DUE = "not_yet_due"


PLACES = tuple(Place)

STATUS_PLACES = {
    EmploymentStatus.EMPLOYED: Place.OPEN_MARKET,
    EmploymentStatus.SELF_EMPLOYED: Place.OPEN_MARKET,
    EmploymentStatus.SOCIAL_COOPERATIVE: Place.SOCIAL_COOPERATIVE,
    EmploymentStatus.ZAZ: Place.ZAZ,
    EmploymentStatus.IN_TRAINING: Place.EDUCATION,
    EmploymentStatus.UNEMPLOYED: Place.NOT_EMPLOYED,
    EmploymentStatus.NO_CONTACT: Place.UNKNOWN,
}
EXIT_PLACES = {
    ExitReason.EMPLOYMENT: Place.OPEN_MARKET,
    ExitReason.SOCIAL_COOPERATIVE: Place.SOCIAL_COOPERATIVE,
    ExitReason.OWN_BUSINESS: Place.OPEN_MARKET,
    ExitReason.ZAZ: Place.ZAZ,
    ExitReason.TRAINING: Place.EDUCATION,
}


def stay_place(programme: Programme) -> Place:
    """Where a person in a stay of ``programme`` is: a ZAZ is work; the other programmes are not."""
    return Place.ZAZ if programme is Programme.ZAZ else Place.NOT_EMPLOYED


def place_label(place: Place) -> str:
    return {
        Place.OPEN_MARKET: _("On the open labour market"),
        Place.SOCIAL_COOPERATIVE: _("In a social cooperative"),
        Place.ZAZ: _("In a ZAZ"),
        Place.EDUCATION: _("In education or training"),
        Place.NOT_EMPLOYED: _("Not employed"),
        Place.UNKNOWN: _("Unknown"),
        Place.NOT_YET_DUE: _("Not yet due"),
    }[place]


def horizon_label(months: int) -> str:
    """A column of the leavers' table: "After 3 months"."""
    return ngettext("After {count} month", "After {count} months", months).format(count=months)


def leavers_definition() -> str:
    """How the leavers' table is counted, in a sentence for the summary and the start page."""
    return _("The people who left in the period, each once by their last exit in it (deaths aside): where they "
             "were 3, 6 and 12 months later — in a later stay of the facility (a ZAZ is work, another programme "
             "is not), else as the follow-up contact of that month found; “unknown” when the contact was not made "
             "or found nobody, “not yet due” when that day has not come.")


# -- the timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StayStep:
    """One stay of the person."""

    stay_id: int
    programme: Programme
    admission_date: date
    exit_date: date | None
    exit_reason: ExitReason | None
    destination: str

    @property
    def day(self) -> date:
        return self.admission_date

    @property
    def exit_place(self) -> Place | None:
        return EXIT_PLACES.get(self.exit_reason) if self.exit_reason is not None else None

    def short_text(self) -> str:
        first, last = self.admission_date.year, self.exit_date.year if self.exit_date else None
        if last is None:
            return _("{programme} since {year}").format(programme=self.programme.value, year=first)
        if last == first:
            return f"{self.programme.value} {first}"
        return f"{self.programme.value} {first}–{last}"

    def text(self) -> str:
        """The stay's line in the detail page's list and the report: programme, dates, reason, destination."""
        if self.exit_date is None:
            return _("{programme}: since {date}, ongoing").format(programme=self.programme.value,
                                                                  date=format_date(self.admission_date))
        text = _("{programme}: {start} – {end}").format(programme=self.programme.value,
                                                       start=format_date(self.admission_date),
                                                       end=format_date(self.exit_date))
        reason = ", ".join(part for part in (label(self.exit_reason), self.destination) if part)
        return _("{stay}; left: {reason}").format(stay=text, reason=reason) if reason else text


@dataclass(frozen=True)
class ContactStep:
    """One follow-up contact made after an exit."""

    stay_id: int
    exit_date: date
    months_after: int
    contact_date: date
    status: EmploymentStatus | None
    employer: str

    @property
    def day(self) -> date:
        return self.contact_date

    @property
    def place(self) -> Place:
        return STATUS_PLACES.get(self.status, Place.UNKNOWN) if self.status is not None else Place.UNKNOWN

    def short_text(self) -> str:
        return place_label(self.place)

    def text(self) -> str:
        after = ngettext("{count} month after the exit", "{count} months after the exit",
                         self.months_after).format(count=self.months_after)
        where = place_label(self.place)
        if self.employer:
            where = _("{place} ({employer})").format(place=where, employer=self.employer)
        return _("{after} (contact on {date}): {place}").format(after=after, date=format_date(self.contact_date),
                                                                place=where)


Step = StayStep | ContactStep


def timeline(session: Session, participant_id: int, *, actor: User | None = None,
             today: date | None = None) -> list[Step]:
    """The person's stays and follow-up contacts, oldest first (the module docstring)."""
    access.require_participant(session, actor, participant_id, today)
    person_id = session.scalar(select(Participant.person_id).where(Participant.id == participant_id))
    stays = [stay for stay in session.scalars(
        select(Participant).where(Participant.person_id == person_id, Participant.admission_date.is_not(None))
        .order_by(Participant.admission_date, Participant.id))
        if access.may_reach(session, actor, stay.id, today)]
    steps: list[Step] = [StayStep(stay.id, stay.programme, stay.admission_date, stay.exit_date, stay.exit_reason,
                                  stay.exit_destination) for stay in stays]
    exits = {stay.id: stay.exit_date for stay in stays if stay.exit_date is not None}
    if exits:
        contacts = session.scalars(select(FollowUp).where(
            FollowUp.participant_id.in_(list(exits)), FollowUp.contact_date.is_not(None)))
        # Only the contacts of the recorded exit: those of an exit a reopening undid are no step.
        steps += [ContactStep(contact.participant_id, contact.exit_date, contact.months_after, contact.contact_date,
                              contact.employment_status, contact.employer)
                  for contact in contacts if exits[contact.participant_id] == contact.exit_date]
    # Same day: a stay before a contact, contacts by their months.
    return sorted(steps, key=lambda step: (step.day, isinstance(step, ContactStep),
                                           getattr(step, "months_after", 0)))


def timeline_text(steps: list[Step]) -> str:
    """The compact line: "WTZ 2019–2023 → ZAZ 2023–2025 → In a social cooperative → On the open labour market"."""
    return " → ".join(step.short_text() for step in steps)


# -- leavers after 3, 6 and 12 months -----------------------------------------------------------


def _no_places() -> dict[int, dict[Place, int]]:
    return {months: {place: 0 for place in PLACES} for months in HORIZONS}


@dataclass
class LeaversAfter:
    """Where the period's leavers are 3, 6 and 12 months after their exit (the module docstring)."""

    start: date
    end: date
    as_of: date
    leavers: int = 0
    by_horizon: dict[int, dict[Place, int]] = field(default_factory=_no_places)
    places: dict[int, dict[int, Place]] = field(default_factory=dict)  # person id → months → place

    def to_json_dict(self) -> dict[str, dict[str, int]]:
        return {str(months): {place.value: counts[place] for place in PLACES}
                for months, counts in self.by_horizon.items()}


def leavers_after(session: Session, start: date, end: date, *, as_of: date | None = None,
                  actor: User | None = None) -> LeaversAfter:
    """Where the people who left in [start, end] are 3, 6 and 12 months later, as seen on ``as_of``
    (today). The whole facility's, so an instructor is refused it."""
    access.require_whole_facility(actor)
    if end < start:
        raise ValidationError("end", _("The period ends before it starts."))
    result = LeaversAfter(start=start, end=end, as_of=as_of or date.today())
    latest: dict[int, Participant] = {}
    for stay in session.scalars(select(Participant).where(
            Participant.admission_date.is_not(None), Participant.exit_date.between(start, end))
            .order_by(Participant.exit_date, Participant.id)):
        latest[stay.person_id] = stay  # the last one wins: the latest exit of the period
    leaving = {person_id: stay for person_id, stay in latest.items() if stay.exit_reason is not ExitReason.DEATH}
    if not leaving:
        return result
    later_stays: dict[int, list[Participant]] = defaultdict(list)
    for stay in session.scalars(select(Participant).where(
            Participant.person_id.in_(list(leaving)), Participant.admission_date.is_not(None))):
        if stay.id != leaving[stay.person_id].id and stay.admission_date > leaving[stay.person_id].exit_date:
            later_stays[stay.person_id].append(stay)
    contacts: dict[tuple[int, int], EmploymentStatus] = {}
    stay_ids = {stay.id: stay for stay in leaving.values()}
    for contact in session.scalars(select(FollowUp).where(
            FollowUp.participant_id.in_(list(stay_ids)), FollowUp.contact_date.is_not(None))):
        if contact.exit_date == stay_ids[contact.participant_id].exit_date and contact.employment_status:
            contacts[(contact.participant_id, contact.months_after)] = contact.employment_status
    for person_id, stay in leaving.items():
        result.leavers += 1
        result.places[person_id] = {}
        for months in HORIZONS:
            place = _place_at(stay, months, later_stays[person_id], contacts.get((stay.id, months)), result.as_of)
            result.places[person_id][months] = place
            result.by_horizon[months][place] += 1
    return result


def _place_at(stay: Participant, months: int, later: list[Participant], status: EmploymentStatus | None,
              as_of: date) -> Place:
    day = add_months(stay.exit_date, months)
    if day <= as_of:
        for other in later:
            if other.admission_date <= day and (other.exit_date is None or other.exit_date >= day):
                return stay_place(other.programme)
    if status is not None and status is not EmploymentStatus.NO_CONTACT:
        return STATUS_PLACES[status]
    return Place.NOT_YET_DUE if day > as_of else Place.UNKNOWN
