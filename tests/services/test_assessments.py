"""Periodic assessments: due dates, the rules of recording and correcting, and the numbers the
chart and the first-versus-latest comparison show (worked out by hand below)."""

from datetime import date

import pytest
from sqlalchemy import func, select

from factories import admit, placed, workshop
from reintegra.db.enums import AssessorKind, AuditAction, ExitReason, Role, SkillGroup
from reintegra.db.models import Assessment, AssessmentScore, AuditEntry, Workshop
from reintegra.services import assessments, participants, skill_areas, users
from reintegra.services.assessments import next_assessment_due
from reintegra.services.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from reintegra.services.participants import ParticipantFields
from reintegra.services.skill_areas import AreaFields

TODAY = date(2026, 11, 23)
COUNCIL, INSTRUCTOR = AssessorKind.COUNCIL, AssessorKind.INSTRUCTOR


@pytest.fixture
def areas(session):
    def add(name, group, scale_max=5):
        return skill_areas.add_area(session, AreaFields(name, group, scale_max)).id
    return {"hygiene": add("Higiena", SkillGroup.SELF_RELIANCE), "money": add("Pieniądze", SkillGroup.SELF_RELIANCE),
            "talk": add("Komunikacja", SkillGroup.SOCIAL),
            "work": add("Umiejętności zawodowe", SkillGroup.VOCATIONAL),
            "wide": add("Staranność", SkillGroup.VOCATIONAL, 6)}


@pytest.fixture
def person(session):
    return placed(session, "Jan", "Kowalski", date(2024, 1, 8), workshop(session).id)


def _instructor(session, username, full_name=None):
    """An instructor of the workshop Jan is placed in."""
    user = users.create_user(session, username, "dlugiehaslo", Role.INSTRUCTOR, full_name or username.title())
    user.workshops = list(session.scalars(select(Workshop)))
    return user


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_an_instructor_assesses_only_the_people_of_their_workshops(session, person, areas):
    stranger = users.create_user(session, "obca", "dlugiehaslo", Role.INSTRUCTOR, "Obca")
    stranger.workshops = [workshop(session, "Pracownia krawiecka")]
    with pytest.raises(PermissionDenied):
        assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR, {areas["talk"]: 2},
                                      actor=stranger, today=TODAY)
    assert _count(session, Assessment) == 0


# -- due dates ------------------------------------------------------------------------------------


def test_first_assessment_a_month_after_admission_then_every_six_months():
    assert assessments.FIRST_ASSESSMENT_MONTHS == 1 and assessments.ASSESSMENT_INTERVAL_MONTHS == 6
    assert next_assessment_due(date(2024, 1, 8), None) == date(2024, 2, 8)
    assert next_assessment_due(date(2024, 1, 31), None) == date(2024, 2, 29)  # a shorter month: its last day
    assert next_assessment_due(date(2024, 1, 8), date(2024, 2, 12)) == date(2024, 8, 12)
    assert next_assessment_due(date(2024, 1, 8), date(2024, 8, 31)) == date(2025, 2, 28)


def test_due_date_of_a_participant(session, areas, person):
    assert assessments.due_for(session, person.id) == date(2024, 2, 8)  # none yet
    assessments.record_assessment(session, person.id, date(2024, 2, 20), INSTRUCTOR, {areas["talk"]: 2}, today=TODAY)
    assessments.record_assessment(session, person.id, date(2024, 2, 1), INSTRUCTOR, {areas["talk"]: 1}, today=TODAY)
    assert assessments.due_for(session, person.id) == date(2024, 8, 20)  # from the latest, not the last entered
    applicant = participants.add_applicant(session, ParticipantFields(
        first_name="Ewa", last_name="Nowak", birth_date=date(1990, 1, 1), application_date=date(2024, 1, 1)))
    assert assessments.due_for(session, applicant.id) is None
    participants.exit_participant(session, person.id, person.version, date(2024, 9, 30), ExitReason.MOVED,
                                  today=TODAY)
    assert assessments.due_for(session, person.id) is None


# -- recording ------------------------------------------------------------------------------------


def test_record_and_read_back(session, areas, person):
    anna = _instructor(session, "anna", "Anna Łęcka")
    assessment = assessments.record_assessment(
        session, person.id, date(2024, 2, 8), INSTRUCTOR, {areas["talk"]: 2, areas["hygiene"]: 4,
                                                            areas["money"]: None},
        "  Dobry start.  ", actor=anna, today=TODAY)
    [row] = assessments.assessments_for(session, person.id)
    assert (row.id, row.day, row.assessor_kind, row.assessor, row.assessor_id, row.comment, row.version) == (
        assessment.id, date(2024, 2, 8), INSTRUCTOR, "Anna Łęcka", anna.id, "Dobry start.", assessment.version)
    assert [(item.area, item.score) for item in row.scores] == [("Higiena", 4), ("Komunikacja", 2)]
    assert row.score_of(areas["money"]) is None
    assert row.mean(SkillGroup.SELF_RELIANCE) == 4 and row.mean(SkillGroup.VOCATIONAL) is None
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "assessment")).one()
    assert (entry.action, entry.username, entry.entity_id) == (AuditAction.CREATE, "anna", assessment.id)
    assert entry.changes["scores"] == {str(areas["hygiene"]): 4, str(areas["talk"]): 2}


@pytest.mark.parametrize("scores, area_key", [
    ({"talk": 0}, "talk"), ({"talk": 6}, "talk"), ({"wide": 7}, "wide"), ({"talk": 2.5}, "talk"),
    ({"hygiene": 3, "talk": True}, "talk"),
])
def test_score_outside_the_areas_scale_is_refused(session, areas, person, scores, area_key):
    with pytest.raises(ValidationError) as refused:
        assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR,
                                      {areas[key]: score for key, score in scores.items()}, today=TODAY)
    assert refused.value.field == "scores"
    name = skill_areas.get_area(session, areas[area_key]).name
    assert name in refused.value.message
    assert _count(session, Assessment) == 0 and _count(session, AssessmentScore) == 0


def test_the_top_of_a_wider_scale_is_accepted(session, areas, person):
    assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR, {areas["wide"]: 6}, today=TODAY)
    assert assessments.assessments_for(session, person.id)[0].scores[0].score == 6


@pytest.mark.parametrize("scores", [{}, {"talk": None, "hygiene": None}])
def test_at_least_one_area_is_scored(session, areas, person, scores):
    with pytest.raises(ValidationError) as refused:
        assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR,
                                      {areas[key]: score for key, score in scores.items()}, today=TODAY)
    assert refused.value.field == "scores"
    assert _count(session, Assessment) == 0


def test_an_inactive_area_cannot_be_scored(session, areas, person):
    skill_areas.set_active(session, areas["money"], 1, False)
    with pytest.raises(ValidationError) as refused:
        assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR,
                                      {areas["money"]: 3, areas["talk"]: 3}, today=TODAY)
    assert "Pieniądze" in refused.value.message
    with pytest.raises(ValidationError):
        assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR, {999_999: 3}, today=TODAY)
    assert _count(session, Assessment) == 0


@pytest.mark.parametrize("day", [None, date(2026, 11, 24), date(2024, 1, 7), date(2024, 7, 1)])
def test_bad_dates_are_refused(session, areas, person, day):
    participants.exit_participant(session, person.id, person.version, date(2024, 6, 30), ExitReason.MOVED,
                                  today=TODAY)
    with pytest.raises(ValidationError) as refused:
        assessments.record_assessment(session, person.id, day, INSTRUCTOR, {areas["talk"]: 3}, today=TODAY)
    assert refused.value.field == "day"
    assert _count(session, Assessment) == 0


def test_first_and_last_days_of_the_stay_and_today_are_accepted(session, areas, person):
    participants.exit_participant(session, person.id, person.version, date(2024, 6, 30), ExitReason.MOVED,
                                  today=TODAY)
    for day in (date(2024, 1, 8), date(2024, 6, 30)):
        assessments.record_assessment(session, person.id, day, INSTRUCTOR, {areas["talk"]: 3}, today=TODAY)
    other = admit(session, "Ewa", "Nowak", date(2024, 1, 8), serial=7)
    assessments.record_assessment(session, other.id, TODAY, INSTRUCTOR, {areas["talk"]: 3}, today=TODAY)
    assert _count(session, Assessment) == 3


def test_an_applicant_is_not_assessed(session, areas):
    applicant = participants.add_applicant(session, ParticipantFields(
        first_name="Ewa", last_name="Nowak", birth_date=date(1990, 1, 1), application_date=date(2024, 1, 1)))
    with pytest.raises(ValidationError):
        assessments.record_assessment(session, applicant.id, date(2024, 2, 8), INSTRUCTOR, {areas["talk"]: 3},
                                      today=TODAY)


def test_council_assessments_by_a_director_instructors_by_either(session, areas, person):
    anna = _instructor(session, "anna")
    ewa = users.create_user(session, "ewa", "dlugiehaslo", Role.DIRECTOR, "Ewa")
    with pytest.raises(PermissionDenied):
        assessments.record_assessment(session, person.id, date(2024, 2, 8), COUNCIL, {areas["talk"]: 3},
                                      actor=anna, today=TODAY)
    assessments.record_assessment(session, person.id, date(2024, 2, 8), COUNCIL, {areas["talk"]: 3}, actor=ewa,
                                  today=TODAY)
    assessments.record_assessment(session, person.id, date(2024, 2, 9), INSTRUCTOR, {areas["talk"]: 3}, actor=ewa,
                                  today=TODAY)
    assessments.record_assessment(session, person.id, date(2024, 2, 10), INSTRUCTOR, {areas["talk"]: 3},
                                  actor=anna, today=TODAY)
    assert [row.assessor_kind for row in assessments.assessments_for(session, person.id)] == [
        COUNCIL, INSTRUCTOR, INSTRUCTOR]


# -- correcting -----------------------------------------------------------------------------------


def test_edit_scores_day_and_comment(session, areas, person):
    made = assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR,
                                         {areas["talk"]: 2, areas["hygiene"]: 4}, "Pierwsza.", today=TODAY)
    version = made.version
    assessments.edit_assessment(session, made.id, version, date(2024, 2, 9), INSTRUCTOR,
                                {areas["talk"]: 3, areas["hygiene"]: None, areas["work"]: 1}, "Poprawiona.",
                                today=TODAY)
    [row] = assessments.assessments_for(session, person.id)
    assert (row.day, row.comment) == (date(2024, 2, 9), "Poprawiona.")
    assert [(item.area, item.score) for item in row.scores] == [("Komunikacja", 3), ("Umiejętności zawodowe", 1)]
    assert _count(session, AssessmentScore) == 2
    assert row.version > version
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.UPDATE,
                                                     AuditEntry.entity == "assessment")).one()
    assert entry.changes["day"] == ["2024-02-08", "2024-02-09"]
    assert entry.changes["scores"] == [{str(areas["hygiene"]): 4, str(areas["talk"]): 2},
                                       {str(areas["talk"]): 3, str(areas["work"]): 1}]


def test_a_change_of_scores_alone_moves_the_version(session, areas, person):
    made = assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR, {areas["talk"]: 2},
                                         today=TODAY)
    stale = made.version
    assessments.edit_assessment(session, made.id, stale, date(2024, 2, 8), INSTRUCTOR, {areas["talk"]: 4},
                                today=TODAY)
    with pytest.raises(ConflictError):
        assessments.edit_assessment(session, made.id, stale, date(2024, 2, 8), INSTRUCTOR, {areas["talk"]: 1},
                                    today=TODAY)
    with pytest.raises(ConflictError):
        assessments.delete_assessment(session, made.id, stale)
    assert assessments.assessments_for(session, person.id)[0].scores[0].score == 4


def test_a_deactivated_area_keeps_its_score_when_the_assessment_is_corrected(session, areas, person):
    made = assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR,
                                         {areas["talk"]: 2, areas["money"]: 3}, today=TODAY)
    skill_areas.set_active(session, areas["money"], 1, False)
    assessments.edit_assessment(session, made.id, made.version, date(2024, 2, 8), INSTRUCTOR,
                                {areas["talk"]: 3, areas["money"]: 3}, today=TODAY)
    assert assessments.assessments_for(session, person.id)[0].score_of(areas["money"]) == 3


def test_edit_keeps_the_rules(session, areas, person):
    made = assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR, {areas["talk"]: 2},
                                         today=TODAY)
    for day, scores in ((date(2027, 1, 1), {areas["talk"]: 2}), (date(2024, 2, 8), {areas["talk"]: 9}),
                        (date(2024, 2, 8), {areas["talk"]: None})):
        with pytest.raises(ValidationError):
            assessments.edit_assessment(session, made.id, made.version, day, INSTRUCTOR, scores, today=TODAY)
    [row] = assessments.assessments_for(session, person.id)
    assert (row.day, row.scores[0].score) == (date(2024, 2, 8), 2)


def test_who_may_correct_or_delete(session, areas, person):
    anna = _instructor(session, "anna")
    piotr = _instructor(session, "piotr")
    ewa = users.create_user(session, "ewa", "dlugiehaslo", Role.DIRECTOR, "Ewa")
    own = assessments.record_assessment(session, person.id, date(2024, 2, 8), INSTRUCTOR, {areas["talk"]: 2},
                                        actor=anna, today=TODAY)
    council = assessments.record_assessment(session, person.id, date(2024, 3, 8), COUNCIL, {areas["talk"]: 2},
                                            actor=ewa, today=TODAY)
    with pytest.raises(PermissionDenied):
        assessments.edit_assessment(session, own.id, own.version, own.day, INSTRUCTOR, {areas["talk"]: 3},
                                    actor=piotr, today=TODAY)
    with pytest.raises(PermissionDenied):  # nor turn one's own into the council's
        assessments.edit_assessment(session, own.id, own.version, own.day, COUNCIL, {areas["talk"]: 3},
                                    actor=anna, today=TODAY)
    with pytest.raises(PermissionDenied):
        assessments.delete_assessment(session, council.id, council.version, actor=anna)
    assert assessments.may_change(anna, INSTRUCTOR, anna.id) and not assessments.may_change(piotr, INSTRUCTOR, anna.id)
    assert assessments.may_change(ewa, INSTRUCTOR, anna.id) and not assessments.may_change(anna, COUNCIL, anna.id)
    assessments.edit_assessment(session, own.id, own.version, own.day, INSTRUCTOR, {areas["talk"]: 3}, actor=anna,
                                today=TODAY)
    assessments.delete_assessment(session, own.id, own.version, actor=ewa)
    assessments.delete_assessment(session, council.id, council.version, actor=ewa)
    assert assessments.assessments_for(session, person.id) == []
    assert _count(session, AssessmentScore) == 0
    deletions = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.DELETE,
                                                         AuditEntry.entity == "assessment")).all()
    assert [entry.username for entry in deletions] == ["ewa", "ewa"]
    with pytest.raises(NotFoundError):
        assessments.delete_assessment(session, own.id, own.version)


# -- progress over time ---------------------------------------------------------------------------


@pytest.fixture
def history(session, areas, person):
    """Three assessments; "work" is scored only in the second. By hand:

    day         hygiene money talk work | self-reliance mean  social mean  vocational mean
    08.02.2024     2      3     1    –  |        2.5              1              –
    08.08.2024     3      3     2    4  |        3.0              2              4
    10.02.2025     4      5     2    –  |        4.5              2              –
    """
    for day, scores in ((date(2024, 2, 8), {"hygiene": 2, "money": 3, "talk": 1}),
                        (date(2025, 2, 10), {"hygiene": 4, "money": 5, "talk": 2}),
                        (date(2024, 8, 8), {"hygiene": 3, "money": 3, "talk": 2, "work": 4})):
        assessments.record_assessment(session, person.id, day, INSTRUCTOR,
                                      {areas[key]: score for key, score in scores.items()}, today=TODAY)
    return person.id


def test_first_and_latest_per_area_and_group(session, areas, history):
    comparison = assessments.first_and_latest(session, history)
    assert (comparison.first_day, comparison.latest_day) == (date(2024, 2, 8), date(2025, 2, 10))
    assert [(line.group, line.first, line.latest, line.change) for line in comparison.groups] == [
        (SkillGroup.SELF_RELIANCE, 2.5, 4.5, 2.0), (SkillGroup.SOCIAL, 1.0, 2.0, 1.0),
        (SkillGroup.VOCATIONAL, 4.0, 4.0, None)]
    assert [(line.name, line.first, line.latest, line.change) for line in comparison.areas] == [
        ("Higiena", 2, 4, 2), ("Pieniądze", 3, 5, 2), ("Komunikacja", 1, 2, 1),
        ("Umiejętności zawodowe", 4, 4, None)]
    work = comparison.areas[-1]
    assert (work.first_day, work.latest_day) == (date(2024, 8, 8), date(2024, 8, 8))


def test_score_series_for_the_chart(session, areas, history):
    series = assessments.score_series(session, history)
    days = (date(2024, 2, 8), date(2024, 8, 8), date(2025, 2, 10))
    assert series.days == days
    assert series.scale_max == 5
    assert [(line.group, line.area_id, line.points) for line in series.groups] == [
        (SkillGroup.SELF_RELIANCE, None, tuple(zip(days, (2.5, 3.0, 4.5)))),
        (SkillGroup.SOCIAL, None, tuple(zip(days, (1.0, 2.0, 2.0)))),
        (SkillGroup.VOCATIONAL, None, ((days[1], 4.0),))]
    assert [(line.name, [value for _day, value in line.points]) for line in series.areas] == [
        ("Higiena", [2, 3, 4]), ("Pieniądze", [3, 3, 5]), ("Komunikacja", [1, 2, 2]), ("Umiejętności zawodowe", [4])]


def test_no_assessments_yet(session, person):
    assert assessments.first_and_latest(session, person.id) == assessments.Comparison(None, None, (), ())
    series = assessments.score_series(session, person.id)
    assert (series.days, series.groups, series.areas, series.scale_max) == ((), (), (), 5)
