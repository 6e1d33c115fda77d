"""The demo's records around each stay: placements, attendance, day logs, notes, plans,
assessments, exits and follow-ups — as rows (dicts) ready for bulk inserts."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
    ContractType,
    EmploymentStatus,
    ExitReason,
    GoalStatus,
    PlanKind,
    Programme,
    ReviewKind,
    SkillGroup,
    WorkshopKind,
)
from reintegra.services import calendar
from reintegra.demo import texts
from reintegra.services.dates import add_months
from reintegra.demo.people import Person
from reintegra.demo.timeline import Stay, WorkingDays, daily_statuses
from reintegra.services.participants import FOLLOW_UP_MONTHS

_WORK_STATUSES = {
    ExitReason.EMPLOYMENT: EmploymentStatus.EMPLOYED,
    ExitReason.SOCIAL_COOPERATIVE: EmploymentStatus.SOCIAL_COOPERATIVE,
    ExitReason.ZAZ: EmploymentStatus.ZAZ,
}


class Ids:
    """The next free id of each table: rows are inserted with explicit ids."""

    def __init__(self, first: dict[str, int]):
        self._next = dict(first)

    def take(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value


@dataclass
class Setting:
    """The facility the records belong to."""

    programme: Programme
    town: texts.Town
    today: date
    day_hours: Decimal
    days: WorkingDays
    closed: set[date]
    workshop_ids: list[int]
    workshop_kinds: list[WorkshopKind]
    workshop_names: list[str]
    instructor_ids: list[int]
    instructor_names: list[str]
    director_id: int
    director_name: str
    skill_areas: list[tuple[int, SkillGroup]]


@dataclass
class Records:
    """Every bulk row of the demo, table by table, in the order they are inserted."""

    placements: list[dict] = field(default_factory=list)
    attendance: list[dict] = field(default_factory=list)
    workshop_day_logs: list[dict] = field(default_factory=list)
    progress_notes: list[dict] = field(default_factory=list)
    individual_plans: list[dict] = field(default_factory=list)
    plan_goals: list[dict] = field(default_factory=list)
    plan_reviews: list[dict] = field(default_factory=list)
    assessments: list[dict] = field(default_factory=list)
    assessment_scores: list[dict] = field(default_factory=list)
    follow_ups: list[dict] = field(default_factory=list)


class RecordMaker:
    """Turns each stay into its rows (collected in ``records``), then the workshops' day logs."""

    def __init__(self, rng: random.Random, fake, setting: Setting, ids: Ids):
        self.rng, self.fake, self.setting, self.ids = rng, fake, setting, ids
        self.records = Records()
        self._present: dict[tuple[int, date], int] = defaultdict(int)  # (workshop index, day) → present

    # --- per participant ------------------------------------------------------------------

    def add_stay(self, person: Person, participant_row: dict) -> None:
        stay = person.stay
        self._placements(person)
        self._attendance(person)
        self._notes(person)
        if self.setting.programme is Programme.WTZ:
            self._wtz_plans(person)
        else:
            self._cis_plan(person, participant_row["planned_end_date"])
        self._assessments(person)
        if stay.exit is not None:
            self._exit(participant_row, stay)
            self._follow_ups(person, participant_row)

    def _placements(self, person: Person) -> None:
        note = texts.ROTATION_NOTE[self.setting.programme]
        for span in person.stay.spans:
            self.records.placements.append({
                "id": self.ids.take("placements"), "participant_id": person.id,
                "workshop_id": self.setting.workshop_ids[span.workshop], "start_date": span.start,
                "end_date": span.end, "note": note if span.rotation else "",
                "created_at": datetime.combine(span.start, time(8, 0)), "version": 1,
            })

    def _attendance(self, person: Person) -> None:
        rng, setting, stay = self.rng, self.setting, person.stay
        rows, spans = self.records.attendance, stay.spans
        span_index, sick_before = 0, False
        for day, status in daily_statuses(rng, setting.programme, stay, setting.days, setting.closed):
            while spans[span_index].end is not None and day > spans[span_index].end:
                span_index += 1
            workshop = spans[span_index].workshop
            remark = ""
            if status is AttendanceStatus.PRESENT:
                self._present[(workshop, day)] += 1
            elif status is AttendanceStatus.EXCUSED and rng.random() < 0.5:
                remark = rng.choice(texts.EXCUSED_REMARKS)
            elif status is AttendanceStatus.SICK and not sick_before and rng.random() < 0.5:
                remark = texts.SICK_REMARK
            elif status is AttendanceStatus.UNEXCUSED and rng.random() < 0.2:
                remark = texts.UNEXCUSED_REMARK
            elif status is AttendanceStatus.DAY_OFF:
                remark = texts.DAY_OFF_REMARK
            sick_before = status is AttendanceStatus.SICK
            rows.append({
                "id": self.ids.take("attendance"), "participant_id": person.id,
                "workshop_id": setting.workshop_ids[workshop], "day": day, "status": status,
                "hours": setting.day_hours if status is AttendanceStatus.PRESENT else None, "remark": remark,
                "recorded_by_id": setting.instructor_ids[workshop],
                "recorded_at": datetime.combine(day, time(9, 30)), "version": 1,
            })

    def _notes(self, person: Person) -> None:
        """A progress note every month or two, on working days of the stay."""
        rng, setting, stay = self.rng, self.setting, person.stay
        pool = texts.NOTES[setting.programme]
        end = stay.exit or setting.days.days[-1]
        day = stay.admission + timedelta(days=rng.randint(10, 40))
        while day <= end:
            day = setting.days.on_or_before(day)
            if day >= stay.admission:
                category = rng.choices(list(texts.NOTE_WEIGHTS), weights=list(texts.NOTE_WEIGHTS.values()))[0]
                workshop = stay.workshop_on(day)
                self.records.progress_notes.append({
                    "id": self.ids.take("progress_notes"), "participant_id": person.id, "day": day,
                    "category": category, "text": texts.gendered(rng.choice(pool[category]), person.female),
                    "author_id": setting.instructor_ids[workshop], "workshop_id": setting.workshop_ids[workshop],
                    "created_at": datetime.combine(day, time(14, 0)), "version": 1,
                })
            day += timedelta(days=rng.randint(25, 65))

    # --- plans and assessments ------------------------------------------------------------

    def _wtz_plans(self, person: Person) -> None:
        """An IPR a year, reviewed with the participant after six months and at its end; the
        programme council's comprehensive review every three years (WTZ regulation §14)."""
        stay, today = person.stay, self.setting.today
        year = 0
        while True:
            start = add_months(stay.admission, 12 * year)
            if start > (stay.exit or today):
                return
            end = add_months(stay.admission, 12 * (year + 1)) - timedelta(days=1)
            if stay.exit is not None:
                end = min(end, stay.exit)
            reviews = [(add_months(start, 6), ReviewKind.PERIODIC), (end, ReviewKind.PERIODIC)]
            if year % 3 == 2:
                reviews[-1] = (end, ReviewKind.COUNCIL)
            self._plan(person, PlanKind.IPR, start, end, reviews)
            year += 1

    def _cis_plan(self, person: Person, planned_end: date) -> None:
        """One IPZS after the trial month, to the planned end, reviewed every three months."""
        stay = person.stay
        start = stay.admission + timedelta(days=self.rng.randint(5, 25))
        if start > (stay.exit or self.setting.today):
            return
        reviews = [(add_months(start, months), ReviewKind.PERIODIC) for months in range(3, 24, 3)]
        self._plan(person, PlanKind.IPZS, start, max(stay.exit or planned_end, start), reviews)

    def _plan(self, person: Person, kind: PlanKind, start: date, end: date,
              reviews: list[tuple[date, ReviewKind]]) -> None:
        rng, setting, stay = self.rng, self.setting, person.stay
        workshop = stay.workshop_on(start)
        plan_id = self.ids.take("individual_plans")
        text = texts.PLANS[setting.programme]
        values = {"workshop": setting.workshop_names[workshop], "instructor": setting.instructor_names[workshop],
                  "director": setting.director_name, "hours": f"{setting.day_hours:g}"}
        last_day = min(stay.exit or setting.today, setting.today)
        done = [(setting.days.on_or_before(day), kind) for day, kind in reviews if start < day <= min(end, last_day)]
        future = [day for day, _ in reviews if day > setting.today and day <= end]
        ongoing = end >= setting.today and stay.exit is None
        self.records.individual_plans.append({
            "id": plan_id, "participant_id": person.id, "kind": kind, "start_date": start, "end_date": end,
            "forms_and_scope": text.forms_and_scope.format(**values), "methods": text.methods,
            "family_cooperation": text.family_cooperation, "planned_results": text.planned_results,
            "activities": text.activities.format(**values), "responsible": text.responsible.format(**values),
            "next_review_date": future[0] if ongoing and future else None,
            "created_at": datetime.combine(start, time(11, 0)), "version": 1,
        })
        goals = texts.GOALS[setting.programme]
        areas = [SkillGroup.SELF_RELIANCE, SkillGroup.SOCIAL, SkillGroup.VOCATIONAL]
        if rng.random() < 0.4:
            areas.append(rng.choice(areas))
        chosen: list[str] = []
        for position, area in enumerate(areas):
            description = rng.choice([g for g in goals[area] if g not in chosen] or goals[area])
            chosen.append(description)
            self.records.plan_goals.append({
                "id": self.ids.take("plan_goals"), "plan_id": plan_id, "area": area, "description": description,
                "target_date": end, "status": self._goal_status(ongoing, start), "position": position,
                "version": 1,
            })
        for day, review_kind in done:
            council = review_kind is ReviewKind.COUNCIL
            self.records.plan_reviews.append({
                "id": self.ids.take("plan_reviews"), "plan_id": plan_id, "day": day, "kind": review_kind,
                "conclusion": texts.COUNCIL_CONCLUSION if council
                else texts.gendered(rng.choice(texts.REVIEW_CONCLUSIONS), person.female),
                "decision": rng.choice(texts.COUNCIL_DECISIONS) if council else "",
                "reviewer_id": setting.director_id if council else setting.instructor_ids[stay.workshop_on(day)],
                "version": 1,
            })

    def _goal_status(self, ongoing: bool, start: date) -> GoalStatus:
        draw = self.rng.random()
        if ongoing:
            if (self.setting.today - start).days < 60:
                return GoalStatus.PLANNED if draw < 0.5 else GoalStatus.IN_PROGRESS
            return GoalStatus.ACHIEVED if draw < 0.25 else GoalStatus.IN_PROGRESS
        if draw < 0.55:
            return GoalStatus.ACHIEVED
        return GoalStatus.IN_PROGRESS if draw < 0.85 else GoalStatus.DROPPED

    def _assessments(self, person: Person) -> None:
        """A first assessment a month after admission, then every six months (three in a CIS);
        the yearly one by the programme council. Scores rise slowly, faster for those who
        leave for work."""
        rng, setting, stay = self.rng, self.setting, person.stay
        step = 6 if setting.programme is Programme.WTZ else 3
        growth = rng.uniform(0.1, 0.45) * (1.6 if stay.reason in _WORK_STATUSES else 1.0)
        base = {group: rng.uniform(1.4, 3.4) for group in SkillGroup}
        last = min(stay.exit or setting.days.days[-1], setting.days.days[-1])
        count = 0
        while True:
            day = add_months(stay.admission, 1 + step * count)
            if day > last:
                return
            day = setting.days.on_or_before(day)
            council = setting.programme is Programme.WTZ and count % 2 == 0 and count > 0
            assessment_id = self.ids.take("assessments")
            self.records.assessments.append({
                "id": assessment_id, "participant_id": person.id, "day": day,
                "assessor_kind": AssessorKind.COUNCIL if council else AssessorKind.INSTRUCTOR,
                "assessor_id": setting.director_id if council else setting.instructor_ids[stay.workshop_on(day)],
                "comment": rng.choice(texts.ASSESSMENT_COMMENTS),
                "created_at": datetime.combine(day, time(13, 0)), "version": 1,
            })
            years = (day - stay.admission).days / 365.25
            for area_id, group in setting.skill_areas:
                level = base[group] + growth * years + rng.uniform(-0.6, 0.6)
                self.records.assessment_scores.append({
                    "id": self.ids.take("assessment_scores"), "assessment_id": assessment_id,
                    "skill_area_id": area_id, "score": min(5, max(1, round(level))),
                })
            count += 1

    # --- exit and follow-up ---------------------------------------------------------------

    def _exit(self, row: dict, stay: Stay) -> None:
        rng, reason = self.rng, stay.reason
        values = {"town": self.setting.town.locative}
        destination = ""
        if reason is ExitReason.EMPLOYMENT:
            destination = self.fake.company()
            row["exit_contract_type"] = rng.choices(
                (ContractType.EMPLOYMENT_CONTRACT, ContractType.CIVIL_CONTRACT, ContractType.SELF_EMPLOYMENT),
                weights=(60, 30, 10))[0]
        elif reason is ExitReason.OTHER:
            destination = rng.choice(texts.EXIT_DESTINATIONS[reason][self.setting.programme]).format(**values)
        elif reason in texts.EXIT_DESTINATIONS:
            destination = rng.choice(texts.EXIT_DESTINATIONS[reason]).format(**values)
        if reason is ExitReason.SOCIAL_COOPERATIVE:
            row["exit_contract_type"] = ContractType.SOCIAL_COOPERATIVE
        elif reason is ExitReason.ZAZ:
            row["exit_contract_type"] = ContractType.SUPPORTED_EMPLOYMENT
        row["exit_destination"] = destination
        row["exit_notes"] = texts.EXIT_NOTES[reason]

    def _follow_ups(self, person: Person, row: dict) -> None:
        """Contacts 3, 6 and 12 months after the exit, as ``participants.exit_participant`` plans
        them; those due by today are recorded, the later ones wait."""
        rng, setting, stay = self.rng, self.setting, person.stay
        if stay.reason is ExitReason.DEATH:
            return
        status = None
        for months in FOLLOW_UP_MONTHS:
            due = add_months(stay.exit, months)
            contact = employer = None
            note = ""
            if due <= setting.today:
                status = self._employment(stay.reason, status)
                # The first working day on or after a day a little past the due date.
                contact = min(calendar.next_working_day(due + timedelta(days=rng.randint(0, 10) - 1)), setting.today)
                if status.is_employed:
                    employer = row["exit_destination"] if stay.reason in _WORK_STATUSES else self.fake.company()
                if status is EmploymentStatus.NO_CONTACT:
                    note = texts.FOLLOW_UP_NOTES[EmploymentStatus.NO_CONTACT]
                else:
                    who = "guardian" if row["guardian_name"] else rng.choice(("participant", "participant", "visit"))
                    note = texts.gendered(texts.FOLLOW_UP_NOTES[who], person.female)
            self.records.follow_ups.append({
                "id": self.ids.take("follow_ups"), "participant_id": person.id, "exit_date": stay.exit,
                "months_after": months, "due_date": due, "contact_date": contact,
                "employment_status": status if contact else None, "employer": employer or "", "note": note,
                "recorded_by_id": setting.director_id if contact else None, "version": 1,
            })

    def _employment(self, reason: ExitReason, before: EmploymentStatus | None) -> EmploymentStatus:
        """The status at a contact: mostly what it was at the previous one. A member of a social
        cooperative works there at every contact: membership is the job, and the follow-ups say so."""
        rng = self.rng
        if reason is ExitReason.SOCIAL_COOPERATIVE:
            return EmploymentStatus.SOCIAL_COOPERATIVE
        if before is not None and rng.random() < 0.8:
            return before
        if reason in _WORK_STATUSES:
            return rng.choices((_WORK_STATUSES[reason], EmploymentStatus.UNEMPLOYED, EmploymentStatus.NO_CONTACT),
                               weights=(75, 15, 10))[0]
        if reason is ExitReason.TRAINING:
            return rng.choices((EmploymentStatus.IN_TRAINING, EmploymentStatus.EMPLOYED, EmploymentStatus.UNEMPLOYED),
                               weights=(65, 15, 20))[0]
        if reason is ExitReason.MOVED:
            return rng.choices((EmploymentStatus.NO_CONTACT, EmploymentStatus.EMPLOYED, EmploymentStatus.UNEMPLOYED),
                               weights=(55, 15, 30))[0]
        if reason is ExitReason.HEALTH:
            return rng.choices((EmploymentStatus.UNEMPLOYED, EmploymentStatus.NO_CONTACT), weights=(85, 15))[0]
        # Dropped out, removed, other: a few find work later, more often after a CIS.
        employed = 15 if self.setting.programme is Programme.CIS else 3
        return rng.choices((EmploymentStatus.UNEMPLOYED, EmploymentStatus.EMPLOYED, EmploymentStatus.NO_CONTACT),
                           weights=(80 - employed, employed, 20))[0]

    # --- the workshops' days --------------------------------------------------------------

    def add_day_logs(self) -> None:
        """What each workshop did on each day anyone was present there."""
        rng, setting = self.rng, self.setting
        common = texts.COMMON_ACTIVITIES[setting.programme]
        for workshop, day in sorted(self._present):
            own = [a for a in texts.WORKSHOPS[setting.workshop_kinds[workshop]].activities
                   if texts.in_season(a, day.month)]
            lines = rng.sample(own, k=min(2, len(own)))
            if rng.random() < 0.35:
                lines.append(rng.choice([a for a in common if texts.in_season(a, day.month)]))
            self.records.workshop_day_logs.append({
                "id": self.ids.take("workshop_day_logs"), "workshop_id": setting.workshop_ids[workshop],
                "day": day, "text": " ".join(lines), "author_id": setting.instructor_ids[workshop],
                "updated_at": datetime.combine(day, time(15, 0)), "version": 1,
            })
