"""The demo's timeline: who takes part when, in which workshop, and each working day's status.

Plain Python over one ``random.Random``: no database, so the same seed gives the same
timeline. The facility opens on the first day of the history; it has a fixed number of
places ("slots"); each place is taken by one participant after another, with a short
vacancy between them, and the last one is usually still there today.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.easter import easter

from reintegra.db.enums import AttendanceStatus, ExitReason, Programme
from reintegra.services import calendar

# Mean days a place stays with one participant: the mean of ``_raw_length`` plus the
# mean vacancy after it (≈ 29 days).
_MEAN_STAY_DAYS = {Programme.WTZ: 725, Programme.CIS: 360}
# Social-employment act, art. 13: at most 24 months in a CIS; kept a little shorter so the
# planned end, a whole number of months, still fits.
_CIS_MAX_DAYS = 700
_MIN_STAY_DAYS = 10
_STILL_THERE = 0.88  # share of places whose last participant is still taking part today
_ROTATION_CHANCE = {Programme.WTZ: 0.3, Programme.CIS: 0.12}

# Exit reasons as a WTZ or a CIS sees them: after a short stay people mostly drop out; after
# a long one a WTZ's participants leave for health reasons, other care (ŚDS, DPS, home) or
# age far more often than for work — a WTZ sends 1–3% of its participants a year to a job,
# a ZAZ or a social cooperative (PFRON's reports) — while a CIS finds work for a third to a
# half of those who complete it.
_EXIT_WEIGHTS = {
    (Programme.WTZ, "short"): {
        ExitReason.DROPPED_OUT: 38, ExitReason.HEALTH: 27, ExitReason.MOVED: 10, ExitReason.REMOVED: 10,
        ExitReason.OTHER: 10, ExitReason.DEATH: 5,
    },
    (Programme.WTZ, "long"): {
        ExitReason.HEALTH: 28, ExitReason.ZAZ: 2.5, ExitReason.EMPLOYMENT: 2, ExitReason.SOCIAL_COOPERATIVE: 0.5,
        ExitReason.TRAINING: 2, ExitReason.MOVED: 8, ExitReason.DROPPED_OUT: 14, ExitReason.REMOVED: 4,
        ExitReason.DEATH: 10, ExitReason.OTHER: 27,
    },
    (Programme.CIS, "short"): {
        ExitReason.DROPPED_OUT: 45, ExitReason.REMOVED: 25, ExitReason.HEALTH: 12, ExitReason.MOVED: 6,
        ExitReason.EMPLOYMENT: 6, ExitReason.OTHER: 6,
    },
    (Programme.CIS, "long"): {
        ExitReason.EMPLOYMENT: 24, ExitReason.SOCIAL_COOPERATIVE: 5, ExitReason.TRAINING: 5,
        ExitReason.DROPPED_OUT: 12, ExitReason.REMOVED: 10, ExitReason.HEALTH: 9, ExitReason.MOVED: 5,
        ExitReason.OTHER: 29, ExitReason.DEATH: 1,
    },
}
_SHORT_STAY_DAYS = {Programme.WTZ: 120, Programme.CIS: 90}


@dataclass
class Span:
    """One placement: a workshop (by index) from start to end (None: ongoing)."""

    workshop: int
    start: date
    end: date | None
    rotation: bool = False


@dataclass
class Stay:
    """One participant's participation, and where they spent it."""

    admission: date
    exit: date | None
    reason: ExitReason | None = None
    spans: list[Span] = field(default_factory=list)

    def workshop_on(self, day: date) -> int:
        for span in self.spans:
            if span.start <= day and (span.end is None or day <= span.end):
                return span.workshop
        return self.spans[-1].workshop


class WorkingDays:
    """The working days from the opening to the last day of the history, for quick slicing."""

    def __init__(self, start: date, end: date):
        self.days = calendar.working_days(start, end)
        self._ordinals = [day.toordinal() for day in self.days]

    def between(self, start: date, end: date) -> list[date]:
        low = bisect.bisect_left(self._ordinals, start.toordinal())
        high = bisect.bisect_right(self._ordinals, end.toordinal())
        return self.days[low:high]

    def on_or_after(self, day: date) -> date:
        index = bisect.bisect_left(self._ordinals, day.toordinal())
        return self.days[min(index, len(self.days) - 1)]

    def on_or_before(self, day: date) -> date:
        index = bisect.bisect_right(self._ordinals, day.toordinal()) - 1
        return self.days[max(index, 0)]


def place_count(programme: Programme, admitted: int, years: int) -> int:
    """How many places a facility needs so that ``admitted`` people pass through in ``years``."""
    stay_years = _MEAN_STAY_DAYS[programme] / 365.25
    return max(1, round(admitted / (1 + years / stay_years)))


def plan_stays(rng: random.Random, programme: Programme, admitted: int, places: int,
               days: WorkingDays) -> list[Stay]:
    """Every admitted participant's stay, ordered by admission."""
    per_place = [admitted // places + (1 if index < admitted % places else 0) for index in range(places)]
    stays = []
    for count in per_place:
        stays.extend(_fill_place(rng, programme, count, days))
    for stay in stays:
        if stay.exit is not None:
            stay.reason = _exit_reason(rng, programme, (stay.exit - stay.admission).days)
    stays.sort(key=lambda stay: (stay.admission, stay.exit or date.max))
    return stays


def _fill_place(rng: random.Random, programme: Programme, count: int, days: WorkingDays) -> list[Stay]:
    first, last = days.days[0], days.days[-1]
    window = (last - first).days + 1
    lengths = [_raw_length(rng, programme) for _ in range(count)]
    gaps = [rng.uniform(0, 60)] + [rng.uniform(7, 50) for _ in range(count - 1)]
    still_there = rng.random() < _STILL_THERE
    tail = 0.0 if still_there else rng.uniform(10, 90)
    free = window - sum(gaps) - tail
    if free < count * _MIN_STAY_DAYS:  # a crowded place: vacancies shrink to a day
        gaps, tail = [1.0] * count, (0.0 if still_there else 1.0)
        free = max(window - count - tail, count)
    scale = free / sum(lengths)
    lengths = [length * scale for length in lengths]
    if programme is Programme.CIS:
        for index, length in enumerate(lengths):
            if length > _CIS_MAX_DAYS:  # the place waits empty a little longer instead
                gaps[index] += length - _CIS_MAX_DAYS
                lengths[index] = _CIS_MAX_DAYS
    stays, cursor = [], float(first.toordinal())
    for index in range(count):
        cursor += gaps[index]
        admission = min(days.on_or_after(date.fromordinal(round(cursor))), last)
        cursor += lengths[index]
        if index == count - 1 and still_there:
            exit_date = None
        else:
            exit_date = days.on_or_before(date.fromordinal(max(round(cursor) - 1, admission.toordinal())))
            exit_date = min(max(exit_date, admission), last)
        stays.append(Stay(admission, exit_date))
    return stays


def _raw_length(rng: random.Random, programme: Programme) -> float:
    """A participation's length in days, before it is scaled to fill the history."""
    draw = rng.random()
    if programme is Programme.CIS:
        if draw < 0.22:  # left during or soon after the trial month
            return rng.uniform(15, 90)
        if draw < 0.77:  # the usual 12 months
            return rng.uniform(330, 370)
        return rng.uniform(400, 700)  # extended
    if draw < 0.12:
        return rng.uniform(20, 150)
    return rng.lognormvariate(math.log(650), 0.6)


def _exit_reason(rng: random.Random, programme: Programme, length_days: int) -> ExitReason:
    kind = "short" if length_days < _SHORT_STAY_DAYS[programme] else "long"
    weights = _EXIT_WEIGHTS[(programme, kind)]
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def assign_workshops(rng: random.Random, programme: Programme, stays: list[Stay], capacities: list[int],
                     days: WorkingDays) -> None:
    """Fills ``stay.spans``: a workshop with a free place at each admission, and now and then a rotation.

    The stays are walked in date order, so each choice sees exactly who is placed where that day.
    """
    events = []
    for index, stay in enumerate(stays):
        events.append((stay.admission, 0, index))
        events.extend((day, 1, index) for day in _rotation_days(rng, programme, stay, days))
    events.sort()
    occupants: list[dict[int, int]] = [{} for _ in capacities]  # participant → last day placed (ordinal)
    for day, kind, index in events:
        ordinal = day.toordinal()
        for placed in occupants:
            for gone in [person for person, until in placed.items() if until < ordinal]:
                del placed[gone]
        stay = stays[index]
        until = stay.exit.toordinal() if stay.exit else math.inf
        if kind == 0:
            workshop = _free_workshop(rng, occupants, capacities, exclude=None)
            if workshop is None:  # only when vacancies collapsed to nothing: the least full one
                workshop = min(range(len(capacities)), key=lambda w: len(occupants[w]) - capacities[w])
            stay.spans.append(Span(workshop, day, stay.exit))
        else:
            current = stay.spans[-1]
            workshop = _free_workshop(rng, occupants, capacities, exclude=current.workshop)
            if workshop is None or current.start >= day:
                continue
            current.end = day - timedelta(days=1)
            occupants[current.workshop][index] = ordinal - 1
            stay.spans.append(Span(workshop, day, stay.exit, rotation=True))
        occupants[workshop][index] = until


def _free_workshop(rng: random.Random, occupants: list[dict[int, int]], capacities: list[int],
                   exclude: int | None) -> int | None:
    candidates = [w for w in range(len(capacities)) if w != exclude and len(occupants[w]) < capacities[w]]
    if not candidates:
        return None
    weights = [capacities[w] - len(occupants[w]) for w in candidates]
    return rng.choices(candidates, weights=weights)[0]


def _rotation_days(rng: random.Random, programme: Programme, stay: Stay, days: WorkingDays) -> list[date]:
    """Moves to another workshop: in a WTZ about one year in three, in a CIS now and then."""
    end = stay.exit or days.days[-1]
    earliest, latest = stay.admission + timedelta(days=60), end - timedelta(days=30)
    if latest <= earliest:
        return []
    chance = _ROTATION_CHANCE[programme]
    if programme is Programme.CIS:
        if rng.random() >= chance:
            return []
        return [days.on_or_after(earliest + timedelta(days=rng.randrange((latest - earliest).days)))]
    rotations, year = [], 1
    while True:
        anniversary = stay.admission + timedelta(days=round(365.25 * year))
        if anniversary > latest:
            return rotations
        if rng.random() < chance:
            day = days.on_or_after(anniversary + timedelta(days=rng.randint(-30, 30)))
            if earliest <= day <= latest and (not rotations or day > rotations[-1]):
                rotations.append(day)
        year += 1


def facility_days_off(start: date, end: date) -> set[date]:
    """Days the facility closes although they are working days: 2 May, the Friday after
    Corpus Christi, and Christmas Eve (a public holiday itself only from 2025)."""
    closed = set()
    for year in range(start.year, end.year + 1):
        for day in (date(year, 5, 2), easter(year) + timedelta(days=61), date(year, 12, 24)):
            if start <= day <= end and calendar.is_working_day(day):
                closed.add(day)
    return closed


class Habits:
    """One participant's way of being absent."""

    def __init__(self, rng: random.Random, programme: Programme):
        self.unexcused = rng.choice((0.005, 0.01, 0.015, 0.02, 0.02, 0.03, 0.05, 0.08))
        self.excused = rng.uniform(0.01, 0.035)
        self.sick_start = rng.uniform(0.004, 0.011)
        self.leave_chance = 0.8 if programme is Programme.WTZ else 0.5


def daily_statuses(rng: random.Random, programme: Programme, stay: Stay, days: WorkingDays,
                   closed: set[date]) -> list[tuple[date, AttendanceStatus]]:
    """Every working day of the stay up to the history's last day, with a status.

    Mostly present; runs of sick leave; a summer leave most years; single excused and
    unexcused days; before a removal or dropping out the unexcused days pile up, before a
    health exit the sick days do.
    """
    habits = Habits(rng, programme)
    end = stay.exit or days.days[-1]
    span = days.between(stay.admission, end)
    leave = _leave_days(rng, habits, stay.admission, end, days)
    closing_from = end - timedelta(days=60) if stay.exit else date.max
    statuses, sick_left = [], 0
    for day in span:
        if day in closed:
            statuses.append((day, AttendanceStatus.DAY_OFF))
            continue
        if sick_left:
            sick_left -= 1
            statuses.append((day, AttendanceStatus.SICK))
            continue
        if day in leave:
            statuses.append((day, AttendanceStatus.LEAVE))
            continue
        sick, unexcused = habits.sick_start, habits.unexcused
        if day >= closing_from:
            if stay.reason is ExitReason.HEALTH:
                sick *= 4
            elif stay.reason in (ExitReason.REMOVED, ExitReason.DROPPED_OUT):
                unexcused = 0.3 if stay.reason is ExitReason.REMOVED else 0.2
        draw = rng.random()
        if draw < sick:
            sick_left = rng.randint(2, 9)
            statuses.append((day, AttendanceStatus.SICK))
        elif draw < sick + unexcused:
            statuses.append((day, AttendanceStatus.UNEXCUSED))
        elif draw < sick + unexcused + habits.excused:
            statuses.append((day, AttendanceStatus.EXCUSED))
        else:
            statuses.append((day, AttendanceStatus.PRESENT))
    return statuses


def _leave_days(rng: random.Random, habits: Habits, start: date, end: date, days: WorkingDays) -> set[date]:
    leave: set[date] = set()
    for year in range(start.year, end.year + 1):
        if rng.random() >= habits.leave_chance:
            continue
        summer = days.between(date(year, 7, 1), date(year, 8, 20))
        if not summer:
            continue
        first = rng.randrange(len(summer))
        length = rng.randint(5, 10)
        leave.update(day for day in days.between(summer[first], date(year, 9, 30))[:length]
                     if start <= day <= end)
    return leave
