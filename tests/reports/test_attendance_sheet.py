"""The monthly attendance sheet read back with pypdf: names, the codes in their day cells, totals
equal to the attendance CSV's, the holiday left empty, twenty people on a page.

November 2026 starts on a Sunday; 11.11 (Wednesday) is Independence Day: 21 weekdays, 20 working
days. Everything is counted as of 30.11, only days up to 20.11 are recorded.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from factories import placed, workshop
from pdf_fragments import Fragment, fragments as _fragments, line as _line, page_text
from reintegra import i18n
from reintegra.db.enums import AttendanceStatus as S
from reintegra.i18n import _, ngettext
from reintegra.reports import export
from reintegra.reports.attendance_sheet import attendance_sheet
from reintegra.services import attendance, calendar

YEAR, MONTH = 2026, 11
AS_OF = date(2026, 11, 30)
WORKSHOP = "Pracownia krawiecka"


def nov(day: int) -> date:
    return date(YEAR, MONTH, day)


def _day_columns(fragments: list[Fragment], days: int) -> dict[int, float]:
    """x of each day number in the header row (the line holding 1 … days)."""
    wanted = {str(day) for day in range(1, days + 1)}
    for fragment in fragments:
        if fragment.text == str(days):
            line = _line(fragments, fragment.y)
            if wanted <= {f.text for f in line}:
                return {int(f.text): f.x for f in line if f.text in wanted}
    raise AssertionError("no header row with the day numbers")


def _person_row(fragments: list[Fragment], name: str, columns: dict[int, float]):
    """(day → code, the texts right of the last day column) of the row holding ``name``."""
    anchor = next(f for f in fragments if f.text == name)
    line = _line(fragments, anchor.y)
    last = max(columns.values())
    pitch = columns[2] - columns[1]
    codes = {}
    for fragment in line:
        if fragment.x > anchor.x and fragment.x < last + pitch / 2:
            day = min(columns, key=lambda d: abs(columns[d] - fragment.x))
            codes[day] = fragment.text
    after = [f.text for f in line if f.x > last + pitch / 2]
    return codes, after


@pytest.fixture
def tailoring(session):
    """Three people in tailoring; the statuses of each are written out in the tests."""
    crafts = workshop(session, WORKSHOP, capacity=10)
    lecka = placed(session, "Żaneta", "Łęcka-Ślusarz", date(2026, 10, 1), crafts.id, serial=11)
    gasiorowski = placed(session, "Józef", "Gąsiorowski", date(2026, 9, 1), crafts.id, serial=12)
    swiatek = placed(session, "Anna", "Świątek", nov(16), crafts.id, serial=13)

    def mark(person, days, status, hours=None):
        for day in days:
            attendance.set_attendance(session, person.id, crafts.id, nov(day), status, hours=hours)

    # Łęcka-Ślusarz: 14 working days to 20.11: U 4, C 5–6, N 16, UW 17, present the other 9.
    mark(lecka, [2, 3, 9, 10, 12, 13, 18, 19, 20], S.PRESENT)
    mark(lecka, [4], S.EXCUSED)
    mark(lecka, [5, 6], S.SICK)
    mark(lecka, [16], S.UNEXCUSED)
    mark(lecka, [17], S.LEAVE)
    # Gąsiorowski: present on all 14, on 19.11 only 5.5 hours.
    mark(gasiorowski, [2, 3, 4, 5, 6, 9, 10, 12, 13, 16, 17, 18, 20], S.PRESENT)
    mark(gasiorowski, [19], S.PRESENT, hours=Decimal("5.5"))
    # Świątek: placed on 16.11 (11 working days to 30.11), present 16–20.
    mark(swiatek, [16, 17, 18, 19, 20], S.PRESENT)
    session.commit()
    return crafts


def test_names_codes_and_totals_by_hand(session, tailoring):
    data = attendance_sheet(session, tailoring.id, YEAR, MONTH, today=AS_OF)
    pages = _fragments(data)
    assert len(pages) == 1
    fragments = pages[0]
    columns = _day_columns(fragments, 30)
    lecka, totals = _person_row(fragments, "Łęcka-Ślusarz Żaneta", columns)
    assert lecka == {2: "O", 3: "O", 4: "U", 5: "C", 6: "C", 9: "O", 10: "O", 12: "O", 13: "O", 16: "N",
                     17: "UW", 18: "O", 19: "O", 20: "O"}
    # present, excused, unexcused, sick, leave, working days, hours, rate — of the 14 days entered (the
    # 6 blank working days 23–30.11 are left out; it was 45,0% when they counted as absences)
    assert totals == ["9", "1", "1", "2", "1", "20", "63", "64,3%"]
    gasiorowski, totals = _person_row(fragments, "Gąsiorowski Józef", columns)
    assert set(gasiorowski.values()) == {"O"} and len(gasiorowski) == 14
    assert totals == ["14", "0", "0", "0", "0", "20", "96,5", "100,0%"]
    swiatek, totals = _person_row(fragments, "Świątek Anna", columns)
    # Before the placement the working days carry a dash; present on the 5 days entered of 11.
    assert swiatek == {**{day: "–" for day in (2, 3, 4, 5, 6, 9, 10, 12, 13)},
                       **{day: "O" for day in (16, 17, 18, 19, 20)}}
    assert totals == ["5", "0", "0", "0", "0", "11", "35", "100,0%"]


def test_people_in_polish_order_and_the_total_row(session, tailoring):
    data = attendance_sheet(session, tailoring.id, YEAR, MONTH, today=AS_OF)
    fragments = _fragments(data)[0]
    names = [f.text for f in sorted(fragments, key=lambda f: -f.y)
             if f.text in ("Łęcka-Ślusarz Żaneta", "Gąsiorowski Józef", "Świątek Anna")]
    assert names == ["Gąsiorowski Józef", "Łęcka-Ślusarz Żaneta", "Świątek Anna"]
    columns = _day_columns(fragments, 30)
    present_each_day, totals = _person_row(fragments, _("Total (present each day)"), columns)
    assert present_each_day[2] == "2" and present_each_day[16] == "2" and present_each_day[18] == "3"
    assert present_each_day[23] == "0" and 11 not in present_each_day and 21 not in present_each_day
    # 28 of the 33 working days entered (of 51): 84.84…%; hours 63 + 96.5 + 35.
    assert totals == ["28", "1", "1", "2", "1", "51", "194,5", "84,8%"]
    # The 18 blank working days (6 of each person's, 23–30.11) are said above the sheet.
    assert ngettext("{count} working day not entered yet, left out of the rate",
                    "{count} working days not entered yet, left out of the rate", 18).format(count=18) in page_text(
        attendance_sheet(session, tailoring.id, YEAR, MONTH, today=AS_OF))


def test_the_holiday_is_shaded_and_explained_and_carries_no_code(session, tailoring):
    data = attendance_sheet(session, tailoring.id, YEAR, MONTH, today=AS_OF)
    fragments = _fragments(data)[0]
    columns = _day_columns(fragments, 30)
    for name in ("Łęcka-Ślusarz Żaneta", "Gąsiorowski Józef", "Świątek Anna"):
        codes, _totals = _person_row(fragments, name, columns)
        assert not {1, 7, 8, 11, 14, 15} & set(codes)
    text = page_text(data)
    assert calendar.holiday_name(nov(11)) == "Narodowe Święto Niepodległości"
    assert "11.11.2026 Narodowe Święto Niepodległości" in text
    assert "01.11.2026 Uroczystość Wszystkich Świętych" in text


def test_the_legend_and_the_signature_lines(session, tailoring):
    data = attendance_sheet(session, tailoring.id, YEAR, MONTH, today=AS_OF)
    text = page_text(data)
    title = _("Attendance sheet — {workshop} — {month}").format(workshop=WORKSHOP, month="listopad 2026")
    assert title in text
    for letter, status in (("O", "obecny"), ("U", "nieobecność usprawiedliwiona"), ("C", "zwolnienie lekarskie"),
                           ("UW", "urlop"), ("W", "dzień wolny")):
        assert f"{letter} – {status}" in text
    for caption in (_("instructor's signature"), _("director's signature"), _("Participant's signature")):
        assert caption in text


def test_the_totals_agree_with_the_attendance_csv(session, tailoring, tmp_path):
    path = tmp_path / "obecność.csv"
    rows = attendance.month_rows(session, tailoring.id, YEAR, MONTH, as_of=AS_OF)
    export.write_attendance(path, rows, workshop=WORKSHOP, year=YEAR, month=MONTH)
    with open(path, encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file, delimiter=";"))[1:]
    fragments = _fragments(attendance_sheet(session, tailoring.id, YEAR, MONTH, today=AS_OF))[0]
    columns = _day_columns(fragments, 30)
    assert len(table) == 3
    for last, first, present, excused, unexcused, sick, leave, working, hours, rate in table:
        _codes, totals = _person_row(fragments, f"{last} {first}", columns)
        assert totals == [present, excused, unexcused, sick, leave, working, hours, f"{rate}%"]


def test_today_within_the_month_counts_up_to_today(session, tailoring):
    data = attendance_sheet(session, tailoring.id, YEAR, MONTH, today=nov(13))
    fragments = _fragments(data)[0]
    columns = _day_columns(fragments, 30)
    _codes, totals = _person_row(fragments, "Gąsiorowski Józef", columns)
    # Recorded days after "today" still show, the working days stop at 13.11 (9 of them).
    assert totals[:6] == ["14", "0", "0", "0", "0", "9"]
    text = page_text(data)
    assert _("working days and the rate counted up to {date}").format(date="13.11.2026") in text


SURNAMES = ["Adamczyk", "Bąk", "Cieślak", "Ćwik", "Dudek", "Dąbrowska", "Filipiak", "Górska", "Jóźwiak",
            "Kowalczyk", "Łukasik", "Mazur", "Nowicka", "Olszewski", "Pietrzak", "Rogalska", "Sikora",
            "Śliwińska", "Wróbel", "Zając", "Żurawski"]


def _crowd(session, count: int):
    crafts = workshop(session, WORKSHOP, capacity=25)
    for index, surname in enumerate(SURNAMES[:count]):
        person = placed(session, "Małgorzata", surname, date(2026, 10, 1), crafts.id, serial=100 + index)
        attendance.set_attendance(session, person.id, crafts.id, nov(2), S.PRESENT)
    session.commit()
    return crafts


def test_twenty_people_fit_on_one_page(session):
    crafts = _crowd(session, 20)
    data = attendance_sheet(session, crafts.id, YEAR, MONTH, today=AS_OF)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = page_text(data)
    assert all(f"{surname} Małgorzata" in text for surname in SURNAMES[:20])
    assert _("director's signature") in text


def test_the_twenty_first_continues_on_a_second_page_under_the_header(session):
    crafts = _crowd(session, 21)
    data = attendance_sheet(session, crafts.id, YEAR, MONTH, today=AS_OF)
    pages = _fragments(data)
    assert len(pages) == 2
    second = pages[1]
    assert _day_columns(second, 30)  # the header row with the day numbers again
    assert any(f.text == _("Last and first name") for f in second)
    names = {f.text for page in pages for f in page}
    assert all(f"{surname} Małgorzata" in names for surname in SURNAMES)


def test_a_thirty_one_day_month_and_a_long_name(session):
    crafts = workshop(session, WORKSHOP, capacity=10)
    placed(session, "Małgorzata-Aleksandra", "Wierzbicka-Szczepańska-Ostrowska", date(2026, 10, 1), crafts.id)
    session.commit()
    fragments = _fragments(attendance_sheet(session, crafts.id, 2026, 10, today=date(2026, 10, 31)))
    assert len(fragments) == 1
    assert _day_columns(fragments[0], 31)
    text = "".join(f.text for f in fragments[0])
    assert "Wierzbicka-Szczepańska-Ostrowska" in text and "Małgorzata-Aleksandra" in text


def test_a_workshop_with_nobody_says_so(session):
    crafts = workshop(session, WORKSHOP)
    session.commit()
    text = page_text(attendance_sheet(session, crafts.id, YEAR, MONTH, today=AS_OF))
    assert _("Nobody was placed in this workshop in {month}.").format(month="listopad 2026") in text


def test_english_weekday_letters(session, tailoring):
    i18n.set_language("en")
    data = attendance_sheet(session, tailoring.id, YEAR, MONTH, today=AS_OF)
    fragments = _fragments(data)[0]
    columns = _day_columns(fragments, 30)
    below = {}
    for day, x in columns.items():
        header_y = next(f.y for f in fragments if f.text == str(day) and abs(f.x - x) < 0.1)
        below[day] = next(f.text for f in fragments if abs(f.x - x) < 3 and 0 < header_y - f.y < 20)
    assert [below[day] for day in range(1, 8)] == ["S", "M", "T", "W", "T", "F", "S"]
    assert "Attendance sheet — Pracownia krawiecka — November 2026" in page_text(data)
