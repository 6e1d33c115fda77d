"""The month grid: a hand-made November read in two queries, totals as month_rows counts them,
and the grid's changes (set, clear, restore) keeping what the daily log recorded."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event, func, select

from factories import admit, days
from month_grid_data import AS_OF, MONTH, YEAR, make_november, nov
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.models import AttendanceDay
from reintegra.services import attendance, month_grid, placements
from reintegra.services.errors import ConflictError, ValidationError
from reintegra.services.month_grid import Cell

COUNTS = ("counts", "working_days", "hours")


@pytest.fixture
def november(session):
    data = make_november(session)
    session.commit()
    return data


def _grid(session, november):
    return month_grid.month_grid(session, november.kitchen_id, YEAR, MONTH, as_of=AS_OF)


def test_people_in_polish_order_with_their_placements_in_the_month(session, november):
    grid = _grid(session, november)
    assert [(p.last_name, p.first_name) for p in grid.people] == [("Lis", "Piotr"), ("Łęcka", "Anna"),
                                                                  ("Zieliński", "Jan")]
    assert [p.placed for p in grid.people] == [[(nov(1), nov(18))], [(nov(16), nov(30))], [(nov(1), nov(30))]]
    lis, lecka, _zielinski = grid.people
    assert lis.placed_on(nov(18)) and not lis.placed_on(nov(19))
    assert not lecka.placed_on(nov(13)) and lecka.placed_on(nov(16))


def test_days_weekends_and_holidays(session, november):
    grid = _grid(session, november)
    assert [d.day.day for d in grid.days] == list(range(1, 31))
    working = [d.day.day for d in grid.days if d.working]
    assert len(working) == 20 and 11 not in working and 1 not in working and 7 not in working
    holidays = {d.day.day: d.holiday for d in grid.days if d.holiday}
    assert holidays == {1: "Uroczystość Wszystkich Świętych", 11: "Narodowe Święto Niepodległości"}


def test_cells_and_totals_by_hand(session, november):
    lis, lecka, zielinski = _grid(session, november).people
    assert {d.day: c.status for d, c in zielinski.cells.items() if c.status is not S.PRESENT} == {
        16: S.EXCUSED, 17: S.SICK, 18: S.SICK, 19: S.LEAVE, 20: S.UNEXCUSED}
    assert nov(30) not in zielinski.cells and nov(11) not in zielinski.cells
    assert nov(19) not in lis.cells  # recorded in tailoring, not here
    assert zielinski.cells[nov(2)].hours == Decimal("7")
    z = zielinski.totals
    assert (z.counts, z.working_days, z.hours) == (days(present=14, excused=1, unexcused=1, sick=2, leave=1), 20, 98)
    # Nothing on 30.11: a working day not entered, out of the rate (present of the 19 days entered).
    assert z.not_entered_days == 1
    assert z.rate == pytest.approx(14 / 19)
    assert (lecka.totals.present, lecka.totals.counts[S.EXCUSED], lecka.totals.working_days) == (6, 1, 11)
    assert (lecka.totals.not_entered_days, lecka.totals.rate) == (4, pytest.approx(6 / 7))  # 25–27 and 30.11
    assert (lis.totals.present, lis.totals.working_days, lis.totals.rate) == (12, 12, 1.0)
    assert lis.totals.not_entered_days == 0
    total = month_grid.grid_totals(_grid(session, november))
    assert (total.present, total.working_days, total.not_entered_days) == (32, 43, 5)
    assert total.rate == pytest.approx(32 / 38)


def test_totals_are_those_of_month_rows(session, november):
    expected = {r.participant_id: r for r in attendance.month_rows(session, november.kitchen_id, YEAR, MONTH,
                                                                   as_of=AS_OF)}
    grid = _grid(session, november)
    assert [p.participant_id for p in grid.people] == list(expected)
    for person in grid.people:
        row = expected[person.participant_id]
        assert [getattr(person.totals, name) for name in COUNTS] == [getattr(row, name) for name in COUNTS]
        assert person.totals.rate == row.rate
        assert person.totals.not_entered_days == row.not_entered_days
        assert {day: cell.status for day, cell in person.cells.items()} == row.by_day


def test_working_days_count_up_to_today(session, november):
    grid = month_grid.month_grid(session, november.kitchen_id, YEAR, MONTH, as_of=nov(13))
    zielinski = grid.people[2]
    assert zielinski.totals.working_days == 9  # 2–6, 9, 10, 12, 13
    assert grid.people[1].totals.working_days == 0 and grid.people[1].totals.rate is None


def test_read_in_two_queries_however_many_people(session, engine, november):
    statements = []

    def count(_connection, _cursor, statement, *_args):
        statements.append(statement)

    session.expunge_all()
    event.listen(engine, "before_cursor_execute", count)
    try:
        grid = _grid(session, november)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(grid.people) == 3
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 2


def test_an_empty_month(session, november):
    grid = month_grid.month_grid(session, november.kitchen_id, 2020, 8, as_of=AS_OF)
    assert grid.people == [] and len(grid.days) == 31
    assert month_grid.grid_totals(grid).rate is None


def test_recount_follows_a_change(session, november):
    zielinski = _grid(session, november).people[2]
    totals = zielinski.totals
    month_grid.recount(totals, zielinski.cells[nov(20)], Cell(S.PRESENT, Decimal("7"), ""), working=True)
    assert totals.not_entered_days == 1  # a day changed, not entered: still the 30th alone
    month_grid.recount(totals, None, Cell(S.SICK, None, ""), working=True)  # the 30th entered
    assert (totals.present, totals.counts[S.UNEXCUSED], totals.counts[S.SICK], totals.hours) == (15, 0, 3, 105)
    assert (totals.not_entered_days, totals.rate) == (0, 15 / 20)
    month_grid.recount(totals, Cell(S.PRESENT, Decimal("5.5"), ""), None, working=True)
    assert (totals.present, totals.hours, totals.not_entered_days) == (14, Decimal("99.5"), 1)


def test_set_cell_keeps_the_remark_and_the_hours_of_the_same_status(session, november):
    attendance.set_attendance(session, november.zielinski, november.kitchen_id, nov(23), S.PRESENT, hours="5",
                              remark="wyszedł wcześniej")
    cell, warnings = month_grid.set_cell(session, november.zielinski, november.kitchen_id, nov(23), S.PRESENT)
    assert (cell.status, cell.hours, cell.remark, warnings) == (S.PRESENT, Decimal("5"), "wyszedł wcześniej", [])
    cell, _ = month_grid.set_cell(session, november.zielinski, november.kitchen_id, nov(23), S.SICK)
    assert (cell.status, cell.hours, cell.remark) == (S.SICK, None, "wyszedł wcześniej")
    cell, _ = month_grid.set_cell(session, november.zielinski, november.kitchen_id, nov(30), S.PRESENT)
    assert (cell.status, cell.hours, cell.remark) == (S.PRESENT, Decimal("7"), "")
    stored = session.scalar(select(AttendanceDay).where(AttendanceDay.participant_id == november.zielinski,
                                                        AttendanceDay.day == nov(30)))
    assert cell.version == stored.version


def test_set_cell_warns_about_the_wtz_week(session, november):
    cell, warnings = month_grid.set_cell(session, november.zielinski, november.kitchen_id, nov(28), S.PRESENT)
    assert cell.status is S.PRESENT
    assert warnings and "35" in warnings[0]


def test_set_cell_refuses_a_day_outside_the_placement(session, november):
    with pytest.raises(ValidationError) as error:
        month_grid.set_cell(session, november.lecka, november.kitchen_id, nov(13), S.PRESENT)
    assert "13.11.2020" in error.value.message
    assert session.scalar(select(func.count()).select_from(AttendanceDay).where(
        AttendanceDay.participant_id == november.lecka)) == 7


def test_set_cell_detects_a_change_made_elsewhere(session, november):
    before = _grid(session, november).people[2].cells[nov(23)]
    attendance.set_attendance(session, november.zielinski, november.kitchen_id, nov(23), S.SICK)
    with pytest.raises(ConflictError):
        month_grid.set_cell(session, november.zielinski, november.kitchen_id, nov(23), S.UNEXCUSED,
                            expected_version=before.version)


def test_clear_and_restore(session, november):
    before = _grid(session, november).people[2].cells[nov(17)]
    month_grid.clear_cell(session, november.zielinski, nov(17))
    assert nov(17) not in _grid(session, november).people[2].cells
    restored = month_grid.restore_cell(session, november.zielinski, november.kitchen_id, nov(17), before)
    assert (restored.status, restored.hours, restored.remark) == (before.status, before.hours, before.remark)
    assert month_grid.restore_cell(session, november.zielinski, november.kitchen_id, nov(17), None) is None
    assert nov(17) not in _grid(session, november).people[2].cells
    assert date(2020, 11, 17) not in attendance.month_rows(session, november.kitchen_id, YEAR, MONTH,
                                                           as_of=AS_OF)[2].by_day


def test_two_placements_in_one_month(session, november):
    person = admit(session, "Ewa", "Bąk", nov(2), serial=104)
    placements.place(session, person.id, november.kitchen_id, nov(2), end_date=nov(6))
    placements.place(session, person.id, november.kitchen_id, nov(16))
    attendance.set_attendance(session, person.id, november.kitchen_id, nov(3), S.PRESENT)
    grid = _grid(session, november)
    bak = grid.people[0]
    assert (bak.last_name, bak.placed) == ("Bąk", [(nov(2), nov(6)), (nov(16), nov(30))])
    assert not bak.placed_on(nov(9)) and bak.placed_on(nov(16))
    assert bak.totals.working_days == 16  # 2–6, 16–20, 23–27, 30
    row = attendance.month_rows(session, november.kitchen_id, YEAR, MONTH, as_of=AS_OF)[0]
    assert (row.participant_id, row.working_days, row.present) == (person.id, 16, 1)
