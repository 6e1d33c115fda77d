"""Capacity before saving: the places taken on the chosen day, and a question before overfilling."""

from datetime import date

from PySide6.QtCore import Qt

from factories import admit, make_pesel, workshop
from keys import type_into, type_text
from reintegra import i18n
from reintegra.services import participants, placements
from reintegra.ui.dialogs.admit import AdmitDialog
from reintegra.ui.dialogs.placement import PlacementDialog, occupancy_text


def _type_date(qtbot, field, text):
    field.clear()
    qtbot.keyClicks(field, text)


def _choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def _facility(context, *, capacity=6, already=4):
    """A kitchen with ``already`` people placed from 08.01.2024, a tailoring workshop, and Jan to place."""
    with context.unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna", capacity=capacity)
        tailoring = workshop(session, "Pracownia krawiecka", capacity=2)
        for serial in range(already):
            other = admit(session, "Ewa", f"Nowak{serial}", date(2024, 1, 8), serial=100 + serial)
            placements.place(session, other.id, kitchen.id, date(2024, 1, 8))
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 2), serial=1)
        return kitchen.id, tailoring.id, person.id


def _dialog(qtbot, context, person_id, **extra):
    dialog = PlacementDialog(context, person_id, today=date(2024, 1, 10), **extra)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_places_taken_follow_the_workshop_and_the_date(qtbot, context, said):
    kitchen, tailoring, person = _facility(context)
    dialog = _dialog(qtbot, context, person)
    _choose(dialog.workshop, kitchen)
    assert dialog.occupancy.isVisible()
    assert dialog.occupancy.text() == "Zajęte w dniu 10.01.2024: 4 z 6 miejsc"
    _type_date(qtbot, dialog.start_date, "05.01.2024")  # before the others came
    assert dialog.occupancy.text() == "Zajęte w dniu 05.01.2024: 0 z 6 miejsc"
    assert "0 z 6" in dialog.workshop.currentText()
    _choose(dialog.workshop, tailoring)
    assert dialog.occupancy.text() == "Zajęte w dniu 05.01.2024: 0 z 2 miejsc"
    _type_date(qtbot, dialog.start_date, "05.01")  # not a date yet: nothing shown, nothing wrong
    assert not dialog.occupancy.isVisible()
    assert said.errors == []


def test_over_capacity_is_asked_before_saving_and_cancel_writes_nothing(qtbot, context, said):
    kitchen, _tailoring, person = _facility(context, capacity=4, already=4)
    dialog = _dialog(qtbot, context, person)
    _choose(dialog.workshop, kitchen)
    assert dialog.occupancy.text() == "Zajęte w dniu 10.01.2024: 4 z 4 miejsc"
    said.answer_confirm = False
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert len(said.questions) == 1
    question = said.questions[0]
    assert question.startswith("Pracownia gastronomiczna ma 4 miejsca; przydzielonych w dniu 10.01.2024: 4.")
    assert "Przydzielić mimo to?" in question
    assert "Pracownia Pracownia" not in question
    assert dialog.result() != dialog.DialogCode.Accepted
    with context.unit() as session:
        assert placements.placements_of(session, person) == []

    said.answer_confirm = True
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert len(said.questions) == 2
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.warnings == []  # already asked: not told again
    with context.unit() as session:
        [saved] = placements.placements_of(session, person)
        assert saved.workshop_id == kitchen


def test_asked_only_once_the_rest_is_valid(qtbot, context, said):
    kitchen, _tailoring, person = _facility(context, capacity=4, already=4)
    dialog = _dialog(qtbot, context, person)
    _choose(dialog.workshop, kitchen)
    _type_date(qtbot, dialog.start_date, "01.01.2024")  # before Jan's admission on 02.01.2024
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert said.questions == []
    assert "02.01.2024" in dialog.form.error_text("start_date")
    _type_date(qtbot, dialog.start_date, "10.01.2024")
    said.answer_confirm = False
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert len(said.questions) == 1


def test_a_free_place_is_not_asked_about(qtbot, context, said):
    kitchen, _tailoring, person = _facility(context, capacity=6, already=4)
    dialog = _dialog(qtbot, context, person)
    _choose(dialog.workshop, kitchen)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert said.questions == [] and dialog.result() == dialog.DialogCode.Accepted


def test_moving_into_a_full_workshop_is_asked_too(qtbot, context, said):
    kitchen, tailoring, person = _facility(context, capacity=4, already=4)
    with context.unit() as session:
        placements.place(session, person, tailoring, date(2024, 1, 2))
    dialog = _dialog(qtbot, context, person, moving=True, current_workshop_id=tailoring)
    _choose(dialog.workshop, kitchen)
    said.answer_confirm = False
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "Przenieść mimo to?" in said.questions[0]
    with context.unit() as session:
        assert [p.workshop_id for p in placements.placements_of(session, person)] == [tailoring]


def test_the_warning_speaks_polish_for_one_two_and_five_places(session):
    texts = {}
    for capacity in (1, 2, 5):
        room = workshop(session, f"Pracownia {capacity}", capacity=capacity)
        for serial in range(capacity):
            person = admit(session, "Ewa", f"Nowak{capacity}x{serial}", date(2024, 1, 8),
                           serial=10 * capacity + serial)
            placements.place(session, person.id, room.id, date(2024, 1, 8))
        [texts[capacity]] = placements.capacity_warnings(session, room.id, date(2024, 1, 8))
    assert texts[1] == "Pracownia 1 ma 1 miejsce; przydzielonych w dniu 08.01.2024: 1."
    assert texts[2] == "Pracownia 2 ma 2 miejsca; przydzielonych w dniu 08.01.2024: 2."
    assert texts[5] == "Pracownia 5 ma 5 miejsc; przydzielonych w dniu 08.01.2024: 5."
    assert occupancy_text(1, 1, date(2024, 1, 8)) == "Zajęte w dniu 08.01.2024: 1 z 1 miejsca"
    assert occupancy_text(1, 2, date(2024, 1, 8)) == "Zajęte w dniu 08.01.2024: 1 z 2 miejsc"
    assert occupancy_text(3, 5, date(2024, 1, 8)) == "Zajęte w dniu 08.01.2024: 3 z 5 miejsc"
    i18n.set_language("en")
    try:
        english = placements.capacity_warnings(session, room.id, date(2024, 1, 8))[0]
        assert english.startswith("Pracownia 5 has 5 places; already placed there on ")
    finally:
        i18n.set_language("pl")


def test_admit_shows_the_places_on_the_admission_date_and_asks_before_overfilling(qtbot, context, said):
    kitchen, _tailoring, _person = _facility(context, capacity=4, already=4)
    dialog = AdmitDialog(context, today=date(2024, 1, 10))
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    _choose(dialog.workshop, kitchen)
    assert "4 z 4" in dialog.workshop.currentText()
    type_into(qtbot, form.editors["admission_date"], "05.01.2024")
    assert "0 z 4" in dialog.workshop.currentText()
    type_into(qtbot, form.editors["admission_date"], "09.01.2024")
    assert "4 z 4" in dialog.workshop.currentText()
    type_text(qtbot, form.editors["first_name"], "Małgorzata")
    type_text(qtbot, form.editors["last_name"], "Wiśniewska")
    type_text(qtbot, form.editors["pesel"], make_pesel(date(1992, 7, 14), 77, female=True))

    said.answer_confirm = False
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert len(said.questions) == 1
    assert said.questions[0].startswith("Pracownia gastronomiczna ma 4 miejsca; przydzielonych w dniu 09.01.2024: 4.")
    assert dialog.saved_id is None
    with context.read() as session:
        assert not [p for p in participants.search(session, status="all") if p.last_name == "Wiśniewska"]

    said.answer_confirm = True
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.saved_id is not None and dialog.warnings == []
    with context.read() as session:
        [placement] = placements.placements_of(session, dialog.saved_id)
        assert placement.workshop_id == kitchen and placement.start_date == date(2024, 1, 9)


def test_the_workshop_dialog_shows_todays_places_and_a_capacity_too_small(qtbot, context, said):
    from reintegra.ui.dialogs.workshop import WorkshopDialog

    kitchen, _tailoring, _person = _facility(context, capacity=6, already=4)
    dialog = WorkshopDialog(context, kitchen)
    qtbot.addWidget(dialog)
    dialog.show()
    today = date.today().strftime("%d.%m.%Y")
    assert dialog.occupancy.isVisible()
    assert dialog.occupancy.text() == f"Zajęte w dniu {today}: 4 z 6 miejsc"
    dialog.capacity.setValue(2)
    assert dialog.occupancy.text() == f"Zajęte w dniu {today}: 4 z 2 miejsc\nLiczba miejsc przekroczona o 2 osoby."
    dialog.capacity.setValue(1)
    assert dialog.occupancy.text().endswith("z 1 miejsca\nLiczba miejsc przekroczona o 3 osoby.")

    new = WorkshopDialog(context)  # a new workshop has nobody placed: nothing to show
    qtbot.addWidget(new)
    new.show()
    assert not new.occupancy.isVisible()


def test_readmission_then_capacity_each_asked_once(qtbot, context, said):
    from datetime import timedelta

    from reintegra.db.enums import ExitReason

    today = date.today()
    with context.unit() as session:
        full = workshop(session, "Pracownia ceramiczna", capacity=1)
        somebody = admit(session, "Ewa", "Nowak", today - timedelta(days=30), serial=2)
        placements.place(session, somebody.id, full.id, today - timedelta(days=30))
        stay = admit(session, "Zofia", "Żak", today - timedelta(days=400), serial=5)
        participants.exit_participant(session, stay.id, stay.version, today - timedelta(days=10),
                                      ExitReason.EMPLOYMENT)
        pesel, full_id, stay_id = stay.pesel, full.id, stay.id
    dialog = AdmitDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.form.editors["first_name"], "Zofia")
    type_text(qtbot, dialog.form.editors["last_name"], "Żak")
    type_text(qtbot, dialog.form.editors["pesel"], pesel)
    _choose(dialog.workshop, full_id)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert len(said.questions) == 2
    assert "PESEL" in said.questions[0]
    assert said.questions[1].startswith("Pracownia ceramiczna ma 1 miejsce; przydzielonych w dniu ")
    assert dialog.saved_id is not None
    with context.read() as session:
        assert len(participants.stays_of(session, stay_id)) == 2
        assert [p.workshop_id for p in placements.placements_of(session, dialog.saved_id)] == [full_id]
