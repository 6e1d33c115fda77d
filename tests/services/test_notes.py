"""Progress notes: adding, validation, filters, authorship."""

from datetime import date

import pytest

from factories import admit, placed, workshop
from reintegra.db.enums import NoteCategory, Role
from reintegra.services import notes, users
from reintegra.services.errors import ConflictError, PermissionDenied, ValidationError

TODAY = date(2026, 11, 23)


def test_timeline_newest_first_with_filters(session):
    kitchen = workshop(session)
    person = placed(session, "Jan", "Kowalski", date(2024, 1, 8), kitchen.id)
    anna = users.create_user(session, "anna", "dlugiehaslo", Role.INSTRUCTOR, "Anna Łęcka", workshop_ids=[kitchen.id])
    notes.add_note(session, person.id, date(2024, 2, 1), NoteCategory.SOCIAL, "Wita się z grupą.", actor=anna,
                   today=TODAY)
    notes.add_note(session, person.id, date(2024, 5, 1), NoteCategory.VOCATIONAL, "Samodzielnie obiera warzywa.",
                   today=TODAY)
    notes.add_note(session, person.id, date(2025, 1, 10), NoteCategory.SOCIAL, "Pomaga nowym osobom.", actor=anna,
                   today=TODAY)
    assert [n.text for n in notes.notes_of(session, person.id)] == [
        "Pomaga nowym osobom.", "Samodzielnie obiera warzywa.", "Wita się z grupą."]
    assert len(notes.notes_of(session, person.id, category=NoteCategory.SOCIAL)) == 2
    assert [n.author for n in notes.notes_of(session, person.id, author_id=anna.id)] == ["Anna Łęcka"] * 2
    in_2024 = notes.notes_of(session, person.id, start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert [n.day for n in in_2024] == [date(2024, 5, 1), date(2024, 2, 1)]


def test_bad_notes(session):
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    for day, text in ((date(2024, 2, 1), "   "), (date(2027, 1, 1), "Za wcześnie."), (date(2023, 1, 1), "Przed.")):
        with pytest.raises(ValidationError):
            notes.add_note(session, person.id, day, NoteCategory.OTHER, text, today=TODAY)
    assert notes.notes_of(session, person.id) == []


def test_only_the_author_instructor_edits(session):
    kitchen = workshop(session)
    person = placed(session, "Jan", "Kowalski", date(2024, 1, 8), kitchen.id)
    anna = users.create_user(session, "anna", "dlugiehaslo", Role.INSTRUCTOR, "Anna", workshop_ids=[kitchen.id])
    piotr = users.create_user(session, "piotr", "dlugiehaslo", Role.INSTRUCTOR, "Piotr", workshop_ids=[kitchen.id])
    note = notes.add_note(session, person.id, date(2024, 2, 1), NoteCategory.SOCIAL, "Tekst.", actor=anna,
                          today=TODAY)
    with pytest.raises(PermissionDenied):
        notes.edit_note(session, note.id, note.version, NoteCategory.SOCIAL, "Zmiana.", actor=piotr)
    version = note.version
    notes.edit_note(session, note.id, version, NoteCategory.HEALTH, "Poprawka.", actor=anna)
    assert (note.category, note.text) == (NoteCategory.HEALTH, "Poprawka.")
    with pytest.raises(ConflictError):
        notes.edit_note(session, note.id, version, NoteCategory.SOCIAL, "Stara wersja.", actor=anna)
