"""Revision 0002 names the person of every audit entry written before it, on a filled database."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import text

from reintegra.db import schema
from reintegra.db.engine import make_engine
from stored_databases import copy_stored, load_into_server, stored_path

SERVER_URL = os.environ.get("REINTEGRA_TEST_DATABASE_URL")


def _old_entries(engine) -> dict[str, tuple[int, int | None]]:
    """Audit entries as 0001 wrote them, each with the participant 0002 must find for it."""
    with engine.begin() as connection:
        one = connection.execute(text("SELECT id FROM participants ORDER BY id LIMIT 1")).scalar()
        note, note_owner = connection.execute(text(
            "SELECT id, participant_id FROM progress_notes ORDER BY id DESC LIMIT 1")).one()
        goal, goal_owner = connection.execute(text(
            "SELECT g.id, p.participant_id FROM plan_goals g JOIN individual_plans p ON p.id = g.plan_id"
            " ORDER BY g.id LIMIT 1")).one()
        workshop = connection.execute(text("SELECT id FROM workshops ORDER BY id LIMIT 1")).scalar()
        cases = {
            "participant": (one, one),
            "progress_note": (note, note_owner),
            "plan_goal": (goal, goal_owner),
            "deleted_note": (10**6, one),  # gone since: the entry's own participant_id
            "workshop": (workshop, None),
        }
        for label, (entity_id, owner) in cases.items():
            entity = "progress_note" if label == "deleted_note" else label
            changes = {"participant_id": owner} if label == "deleted_note" else {"label": label}
            connection.execute(text(
                "INSERT INTO audit_log (at, username, action, entity, entity_id, changes)"
                " VALUES ('2026-01-02 10:00:00', 'admin', 'update', :entity, :entity_id, :changes)"),
                dict(entity=entity, entity_id=entity_id, changes=json.dumps(changes)))
    return cases


def _found(engine) -> dict[str, int | None]:
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT entity, entity_id, participant_id FROM audit_log WHERE at = '2026-01-02 10:00:00'")).all()
    return {(entity, entity_id): participant for entity, entity_id, participant in rows}


def _expected(cases) -> dict:
    return {("progress_note" if label == "deleted_note" else label, entity_id): owner
            for label, (entity_id, owner) in cases.items()}


@pytest.mark.parametrize("facility", ["wtz", "cis"])
def test_entries_written_before_0002_name_their_person(facility, tmp_path):
    engine = make_engine(copy_stored(stored_path("0001", facility), tmp_path))
    try:
        cases = _old_entries(engine)
        schema.upgrade(engine, "0002")
        assert _found(engine) == _expected(cases)
    finally:
        engine.dispose()


@pytest.mark.skipif(not SERVER_URL, reason="REINTEGRA_TEST_DATABASE_URL is not set")
def test_entries_written_before_0002_name_their_person_on_the_server(tmp_path):
    load_into_server(copy_stored(stored_path("0001", "wtz"), tmp_path), SERVER_URL)
    engine = make_engine(SERVER_URL)
    try:
        cases = _old_entries(engine)
        schema.upgrade(engine, "0002")
        assert _found(engine) == _expected(cases)
    finally:
        engine.dispose()
