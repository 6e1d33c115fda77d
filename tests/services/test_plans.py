"""Individual plans: periods, overlaps, goals, reviews moving the next review, reading, permissions."""

from datetime import date

import pytest
from sqlalchemy import func, select

from factories import admit
from reintegra.db.enums import AuditAction, ExitReason, GoalStatus, PlanKind, Programme, ReviewKind, Role, SkillGroup
from reintegra.db.models import AuditEntry, IndividualPlan, PlanGoal, PlanReview
from reintegra.services import participants, plans, users
from reintegra.services.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from reintegra.services.participants import ParticipantFields
from reintegra.services.plans import GoalFields, PlanFields, ReviewState

TODAY = date(2026, 11, 23)


@pytest.fixture
def person(session):
    return admit(session, "Jan", "Kowalski", date(2024, 1, 8))


def _plan(session, person_id, start, end=None, **extra):
    return plans.create_plan(session, person_id, PlanFields(start=start, end=end, **extra))


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def _refused(field, call, *args, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    assert caught.value.field == field
    assert caught.value.message.endswith(".") and "\n" not in caught.value.message
    return caught.value.message


# -- kinds and defaults --------------------------------------------------------------------------


@pytest.mark.parametrize("programme, kind", [(Programme.WTZ, PlanKind.IPR), (Programme.ZAZ, PlanKind.IPR),
                                             (Programme.CIS, PlanKind.IPZS), (Programme.KIS, PlanKind.IPZS)])
def test_the_kind_follows_the_programme(session, programme, kind):
    assert plans.plan_kind_for(programme) is kind
    person = admit(session, "Ewa", "Nowak", date(2025, 2, 3), programme=programme, serial=7)
    assert _plan(session, person.id, date(2025, 3, 1)).kind is kind


def test_a_new_plan_is_reviewed_six_months_after_its_start(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7), forms_and_scope="  Zajęcia w pracowni. ")
    assert plan.next_review_date == date(2024, 7, 8)
    assert plan.forms_and_scope == "Zajęcia w pracowni."
    short = _plan(session, person.id, date(2025, 1, 8), date(2025, 3, 31))
    assert short.next_review_date == date(2025, 3, 31)  # sooner than six months: at its end
    chosen = _plan(session, person.id, date(2025, 4, 1), next_review_date=date(2025, 6, 30))
    assert chosen.next_review_date == date(2025, 6, 30)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "individual_plan",
                                                    AuditEntry.entity_id == plan.id))
    assert entry.action is AuditAction.CREATE and entry.changes["start_date"] == "2024-01-08"


def test_the_kind_may_be_chosen_and_stays(session, person):
    plan = _plan(session, person.id, date(2024, 2, 1), kind=PlanKind.IPZS)
    assert plan.kind is PlanKind.IPZS
    plans.update_plan(session, plan.id, plan.version, PlanFields(start=date(2024, 2, 2)))
    assert (plan.start_date, plan.kind) == (date(2024, 2, 2), PlanKind.IPZS)


# -- period rules ---------------------------------------------------------------------------------


def test_start_is_required_and_within_the_participation(session, person):
    _refused("start", plans.create_plan, session, person.id, PlanFields())
    assert "08.01.2024" in _refused("start", _plan, session, person.id, date(2024, 1, 7))
    participants.exit_participant(session, person.id, person.version, date(2025, 6, 30), ExitReason.MOVED,
                                  today=TODAY)
    assert "30.06.2025" in _refused("start", _plan, session, person.id, date(2025, 7, 1))
    assert _plan(session, person.id, date(2025, 6, 30)).start_date == date(2025, 6, 30)


def test_end_not_before_start(session, person):
    assert "01.03.2024" in _refused("end", _plan, session, person.id, date(2024, 3, 1), date(2024, 2, 29))
    assert _plan(session, person.id, date(2024, 3, 1), date(2024, 3, 1)).end_date == date(2024, 3, 1)


def test_an_applicant_has_no_plan(session):
    applicant = participants.add_applicant(session, ParticipantFields(
        first_name="Ewa", last_name="Nowak", birth_date=date(1990, 1, 1), application_date=date(2025, 5, 5)))
    assert "Ewa Nowak" in _refused("start", _plan, session, applicant.id, date(2025, 6, 1))
    assert _count(session, IndividualPlan) == 0


def test_plans_must_not_overlap(session, person):
    first = _plan(session, person.id, date(2024, 6, 1), date(2025, 1, 7))
    message = _refused("start", _plan, session, person.id, date(2025, 1, 7), date(2026, 1, 6))
    assert "01.06.2024" in message and "07.01.2025" in message
    _refused("start", _plan, session, person.id, date(2024, 6, 1), date(2024, 7, 1))
    _refused("end", _plan, session, person.id, date(2024, 1, 8), date(2024, 6, 1))  # ends inside it
    _refused("end", _plan, session, person.id, date(2024, 1, 8))  # open, so it runs into it
    second = _plan(session, person.id, date(2025, 1, 8))  # the day after: fine, open-ended
    assert "08.01.2025" in _refused("start", _plan, session, person.id, date(2027, 1, 1))  # inside an open plan
    _refused("end", plans.update_plan, session, first.id, first.version,
             PlanFields(start=date(2024, 6, 1), end=date(2025, 1, 8)))
    assert _plan(session, person.id, date(2024, 1, 8), date(2024, 5, 31)).end_date == date(2024, 5, 31)
    assert _count(session, IndividualPlan) == 3
    other = admit(session, "Ewa", "Nowak", date(2024, 1, 8), serial=8)  # another person's plans do not count
    assert _plan(session, other.id, date(2024, 1, 8)).participant_id == other.id
    assert second.end_date is None


def test_next_review_within_the_plan(session, person):
    _refused("next_review_date", _plan, session, person.id, date(2024, 2, 1), date(2024, 12, 31),
             next_review_date=date(2025, 1, 1))
    _refused("next_review_date", _plan, session, person.id, date(2024, 2, 1), next_review_date=date(2024, 1, 31))
    assert _count(session, IndividualPlan) == 0


def test_update_plan_with_conflict_and_audit(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    old_version = plan.version
    values = plans.plans_for(session, person.id)[0].fields
    values.methods = "Trening umiejętności społecznych."
    values.next_review_date = None  # on an edit: no review planned
    plans.update_plan(session, plan.id, old_version, values)
    assert (plan.methods, plan.next_review_date, plan.kind) == ("Trening umiejętności społecznych.", None,
                                                                PlanKind.IPR)
    with pytest.raises(ConflictError):
        plans.update_plan(session, plan.id, old_version, values)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "individual_plan")
                            .order_by(AuditEntry.id.desc())).first()
    assert entry.action is AuditAction.UPDATE
    assert entry.changes["methods"] == ["", "Trening umiejętności społecznych."]


def test_a_shorter_period_must_keep_goals_and_reviews(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Wita się z grupą.", date(2024, 12, 31)))
    plans.add_review(session, plan.id, date(2024, 7, 8), ReviewKind.PERIODIC, "Postępy.", today=TODAY)
    assert "31.12.2024" in _refused("end", plans.update_plan, session, plan.id, plan.version,
                                    PlanFields(start=date(2024, 1, 8), end=date(2024, 12, 30)))
    assert "08.07.2024" in _refused("start", plans.update_plan, session, plan.id, plan.version,
                                    PlanFields(start=date(2024, 7, 9), end=date(2025, 1, 7)))
    assert (plan.start_date, plan.end_date) == (date(2024, 1, 8), date(2025, 1, 7))


def test_delete_plan_takes_goals_and_reviews(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Wita się z grupą."))
    plans.add_review(session, plan.id, date(2024, 7, 8), ReviewKind.PERIODIC, "Postępy.", today=TODAY)
    with pytest.raises(ConflictError):
        plans.delete_plan(session, plan.id, plan.version + 5)
    plans.delete_plan(session, plan.id, plan.version)
    assert plans.plans_for(session, person.id) == []
    assert _count(session, PlanGoal) == 0 and _count(session, PlanReview) == 0
    with pytest.raises(NotFoundError):
        plans.delete_plan(session, plan.id, 1)


# -- goals ----------------------------------------------------------------------------------------


def test_goals_in_order_with_status_changes(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    cooking = plans.add_goal(session, plan.id, GoalFields(SkillGroup.VOCATIONAL, " Samodzielnie kroi warzywa. ",
                                                          date(2024, 6, 30)))
    greeting = plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Wita się z grupą."))
    row = plans.plans_for(session, person.id)[0]
    assert [(g.description, g.status) for g in row.goals] == [
        ("Samodzielnie kroi warzywa.", GoalStatus.PLANNED), ("Wita się z grupą.", GoalStatus.PLANNED)]
    version = cooking.version
    plans.set_goal_status(session, cooking.id, version, GoalStatus.ACHIEVED)
    assert cooking.status is GoalStatus.ACHIEVED
    with pytest.raises(ConflictError):
        plans.set_goal_status(session, cooking.id, version, GoalStatus.DROPPED)
    plans.update_goal(session, greeting.id, greeting.version,
                      GoalFields(SkillGroup.SELF_RELIANCE, "Sam dojeżdża autobusem.", date(2025, 1, 7),
                                 GoalStatus.IN_PROGRESS))
    assert (greeting.area, greeting.description, greeting.target_date, greeting.status) == (
        SkillGroup.SELF_RELIANCE, "Sam dojeżdża autobusem.", date(2025, 1, 7), GoalStatus.IN_PROGRESS)
    plans.remove_goal(session, cooking.id, cooking.version)
    assert [g.id for g in plans.plans_for(session, person.id)[0].goals] == [greeting.id]
    third = plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Trzeci."))
    assert third.position == 2  # after the others, even after a removal
    actions = [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.entity == "plan_goal")
                                                 .order_by(AuditEntry.id))]
    assert actions == [AuditAction.CREATE, AuditAction.CREATE, AuditAction.UPDATE, AuditAction.UPDATE,
                       AuditAction.DELETE, AuditAction.CREATE]


def test_bad_goals(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    _refused("description", plans.add_goal, session, plan.id, GoalFields(SkillGroup.SOCIAL, "   "))
    assert "08.01.2024" in _refused("target_date", plans.add_goal, session, plan.id,
                                    GoalFields(SkillGroup.SOCIAL, "Cel.", date(2024, 1, 7)))
    assert "07.01.2025" in _refused("target_date", plans.add_goal, session, plan.id,
                                    GoalFields(SkillGroup.SOCIAL, "Cel.", date(2025, 1, 8)))
    assert _count(session, PlanGoal) == 0
    goal = plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Cel."))
    _refused("description", plans.update_goal, session, goal.id, goal.version, GoalFields(SkillGroup.SOCIAL, ""))
    assert goal.description == "Cel."


# -- reviews --------------------------------------------------------------------------------------


def test_a_review_moves_the_next_review(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    director = users.create_user(session, "dyr", "dlugiehaslo", Role.DIRECTOR, "Grażyna Świątek")
    plans.add_review(session, plan.id, date(2024, 7, 10), ReviewKind.PERIODIC, " Cele w trakcie realizacji. ",
                     actor=director, today=TODAY)
    assert plan.next_review_date == date(2025, 1, 7)  # 10.01.2025 would be past the plan's end: at its end
    plans.add_review(session, plan.id, date(2024, 7, 20), ReviewKind.PERIODIC, "Uzupełnienie.",
                     next_review_date=date(2024, 10, 1), today=TODAY)
    assert plan.next_review_date == date(2024, 10, 1)

    open_plan = _plan(session, person.id, date(2025, 1, 8))
    plans.add_review(session, open_plan.id, date(2025, 3, 31), ReviewKind.COUNCIL, "Kontynuacja.",
                     "Przedłużyć udział.", today=TODAY)
    assert open_plan.next_review_date == date(2025, 9, 30)
    reviews = plans.plans_for(session, person.id)[1].reviews
    assert [(r.day, r.conclusion, r.reviewer) for r in reviews] == [
        (date(2024, 7, 20), "Uzupełnienie.", ""),
        (date(2024, 7, 10), "Cele w trakcie realizacji.", "Grażyna Świątek")]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "plan_review")
                            .order_by(AuditEntry.id)).first()
    assert entry.changes["day"] == "2024-07-10" and entry.username == "dyr"


def test_a_late_review_and_the_closing_one(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    plans.add_review(session, plan.id, date(2024, 7, 10), ReviewKind.PERIODIC, "Postępy.", today=TODAY)
    assert plan.next_review_date == date(2025, 1, 7)
    # Entered late, a review older than the latest leaves the next review alone.
    plans.add_review(session, plan.id, date(2024, 3, 1), ReviewKind.PERIODIC, "Wpis zaległy.", today=TODAY)
    assert plan.next_review_date == date(2025, 1, 7)
    # The closing review on the plan's last day plans nothing more.
    plans.add_review(session, plan.id, date(2025, 1, 7), ReviewKind.PERIODIC, "Zamknięcie.", today=TODAY)
    assert plan.next_review_date is None


def test_correcting_the_latest_reviews_day_plans_again_from_the_latest(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2025, 12, 31))
    early = plans.add_review(session, plan.id, date(2024, 3, 1), ReviewKind.PERIODIC, "Pierwszy.", today=TODAY)
    late = plans.add_review(session, plan.id, date(2024, 7, 1), ReviewKind.PERIODIC, "Drugi.", today=TODAY)
    assert plan.next_review_date == date(2025, 1, 1)
    plans.edit_review(session, late.id, late.version, date(2024, 2, 1), ReviewKind.PERIODIC, "Drugi.", today=TODAY)
    assert plan.next_review_date == date(2024, 9, 1)  # the latest is now the one of 1.03
    plans.edit_review(session, early.id, early.version, date(2024, 4, 1), ReviewKind.PERIODIC, "Pierwszy.",
                      today=TODAY)
    assert plan.next_review_date == date(2024, 10, 1)


def test_bad_reviews_write_nothing(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), date(2027, 1, 7))
    _refused("day", plans.add_review, session, plan.id, date(2026, 11, 24), ReviewKind.PERIODIC, "Za wcześnie.",
             today=TODAY)
    assert "08.01.2024" in _refused("day", plans.add_review, session, plan.id, date(2024, 1, 7),
                                    ReviewKind.PERIODIC, "Przed.", today=TODAY)
    _refused("conclusion", plans.add_review, session, plan.id, date(2024, 7, 8), ReviewKind.PERIODIC, "  ",
             today=TODAY)
    _refused("next_review_date", plans.add_review, session, plan.id, date(2024, 7, 8), ReviewKind.PERIODIC,
             "Wniosek.", next_review_date=date(2024, 7, 8), today=TODAY)
    _refused("next_review_date", plans.add_review, session, plan.id, date(2024, 7, 8), ReviewKind.PERIODIC,
             "Wniosek.", next_review_date=date(2027, 1, 8), today=TODAY)
    assert _count(session, PlanReview) == 0 and plan.next_review_date == date(2024, 7, 8)
    review = plans.add_review(session, plan.id, TODAY, ReviewKind.PERIODIC, "Dziś.", today=TODAY)
    assert review.day == TODAY


def test_correcting_and_deleting_a_review(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8))
    first = plans.add_review(session, plan.id, date(2024, 7, 8), ReviewKind.PERIODIC, "Pierwszy.", today=TODAY)
    second = plans.add_review(session, plan.id, date(2025, 1, 8), ReviewKind.PERIODIC, "Drugi.", today=TODAY)
    assert plan.next_review_date == date(2025, 7, 8)
    version = second.version
    plans.edit_review(session, second.id, version, date(2025, 1, 20), ReviewKind.COUNCIL, "Drugi, poprawiony.",
                      "Kontynuacja.", today=TODAY)
    assert (second.day, second.kind, second.decision) == (date(2025, 1, 20), ReviewKind.COUNCIL, "Kontynuacja.")
    assert plan.next_review_date == date(2025, 7, 20)  # the latest review's day moved
    with pytest.raises(ConflictError):
        plans.edit_review(session, second.id, version, date(2025, 1, 8), ReviewKind.PERIODIC, "Stary.", today=TODAY)
    _refused("conclusion", plans.edit_review, session, first.id, first.version, date(2024, 7, 8),
             ReviewKind.PERIODIC, "", today=TODAY)
    plans.edit_review(session, first.id, first.version, date(2024, 7, 9), ReviewKind.PERIODIC, "Pierwszy.",
                      today=TODAY)
    assert plan.next_review_date == date(2025, 7, 20)  # not the latest: the next review stays
    plans.delete_review(session, second.id, second.version)
    assert plan.next_review_date == date(2025, 1, 9)  # planned again from the review before it
    plans.delete_review(session, first.id, first.version)
    assert plan.next_review_date == date(2024, 7, 8)  # from the start
    assert plans.plans_for(session, person.id)[0].reviews == ()


# -- reading --------------------------------------------------------------------------------------


def test_plans_newest_first_and_the_current_one(session, person):
    _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    _plan(session, person.id, date(2025, 1, 8), date(2026, 1, 7))
    rows = plans.plans_for(session, person.id)
    assert [row.start for row in rows] == [date(2025, 1, 8), date(2024, 1, 8)]
    assert plans.current_plan(rows, date(2025, 1, 7)).start == date(2024, 1, 8)
    assert plans.current_plan(rows, date(2025, 1, 8)).start == date(2025, 1, 8)
    assert plans.current_plan(rows, date(2026, 1, 7)).start == date(2025, 1, 8)
    assert plans.current_plan(rows, date(2026, 1, 8)) is None
    assert plans.current_plan([], TODAY) is None
    assert plans.next_plan_start(rows, date(2025, 6, 1)) == date(2026, 1, 8)
    assert plans.next_plan_start(rows, date(2026, 3, 1)) == date(2026, 3, 1)
    assert plans.next_plan_start(rows, date(2026, 3, 1), exit_date=date(2026, 2, 1)) == date(2026, 2, 1)
    assert plans.next_plan_start([], date(2023, 12, 1), admission=date(2024, 1, 8)) == date(2024, 1, 8)


def test_review_state(session, person):
    plan = _plan(session, person.id, date(2024, 1, 8), next_review_date=date(2024, 7, 8))
    row = plans.plans_for(session, person.id)[0]
    assert plans.review_state(row, date(2024, 6, 23)) is ReviewState.NOT_DUE
    assert plans.review_state(row, date(2024, 6, 24)) is ReviewState.DUE_SOON  # 14 days ahead
    assert plans.review_state(row, date(2024, 7, 7)) is ReviewState.DUE_SOON
    assert plans.review_state(row, date(2024, 7, 8)) is ReviewState.DUE_SOON  # due today: not late yet
    assert plans.review_state(row, date(2024, 7, 9)) is ReviewState.OVERDUE
    plans.update_plan(session, plan.id, plan.version, PlanFields(start=date(2024, 1, 8)))
    assert plans.review_state(plans.plans_for(session, person.id)[0], date(2030, 1, 1)) is ReviewState.NOT_DUE


def test_council_review_every_three_years(session, person):
    assert plans.council_review_due([]) is None
    first = _plan(session, person.id, date(2024, 1, 8), date(2025, 1, 7))
    rows = plans.plans_for(session, person.id)
    assert plans.last_council_review(rows) is None
    assert plans.council_review_due(rows) == date(2027, 1, 8)
    second = _plan(session, person.id, date(2025, 1, 8))
    plans.add_review(session, first.id, date(2024, 12, 20), ReviewKind.COUNCIL, "Kompleksowa ocena.", today=TODAY)
    plans.add_review(session, second.id, date(2025, 7, 8), ReviewKind.PERIODIC, "Okresowa.", today=TODAY)
    rows = plans.plans_for(session, person.id)
    assert plans.last_council_review(rows) == date(2024, 12, 20)
    assert plans.council_review_due(rows) == date(2027, 12, 20)


# -- permissions ----------------------------------------------------------------------------------


def test_an_instructor_reads_a_director_edits(session, person):
    instructor = users.create_user(session, "anna", "dlugiehaslo", Role.INSTRUCTOR, "Anna")
    director = users.create_user(session, "dyr", "dlugiehaslo", Role.DIRECTOR, "Dyr")
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    with pytest.raises(PermissionDenied):
        plans.create_plan(session, person.id, PlanFields(start=date(2024, 1, 8)), actor=instructor)
    plan = plans.create_plan(session, person.id, PlanFields(start=date(2024, 1, 8), end=date(2024, 12, 31)),
                             actor=director)
    goal = plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Cel."), actor=admin)
    review = plans.add_review(session, plan.id, date(2024, 7, 8), ReviewKind.PERIODIC, "Wniosek.", actor=director,
                              today=TODAY)
    refused = [
        lambda: plans.update_plan(session, plan.id, plan.version, PlanFields(start=date(2024, 1, 9)),
                                  actor=instructor),
        lambda: plans.delete_plan(session, plan.id, plan.version, actor=instructor),
        lambda: plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Inny."), actor=instructor),
        lambda: plans.update_goal(session, goal.id, goal.version, GoalFields(SkillGroup.SOCIAL, "Inny."),
                                  actor=instructor),
        lambda: plans.set_goal_status(session, goal.id, goal.version, GoalStatus.ACHIEVED, actor=instructor),
        lambda: plans.remove_goal(session, goal.id, goal.version, actor=instructor),
        lambda: plans.add_review(session, plan.id, date(2024, 8, 1), ReviewKind.PERIODIC, "Nie.", actor=instructor,
                                 today=TODAY),
        lambda: plans.edit_review(session, review.id, review.version, date(2024, 7, 8), ReviewKind.PERIODIC, "Nie.",
                                  actor=instructor, today=TODAY),
        lambda: plans.delete_review(session, review.id, review.version, actor=instructor),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    row = plans.plans_for(session, person.id)[0]
    assert (row.start, [g.description for g in row.goals], len(row.reviews)) == (date(2024, 1, 8), ["Cel."], 1)
    assert goal.status is GoalStatus.PLANNED
