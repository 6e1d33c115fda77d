"""Fixtures for the screens: an application context on the test database, and message
boxes that answer themselves (and are recorded) instead of blocking."""

from __future__ import annotations

import pytest

from reintegra.ui import messages
from reintegra.ui.context import AppContext


class MessageLog:
    """What the app said to the user, and the answers the test gives."""

    def __init__(self):
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.questions: list[str] = []
        self.conflicts: list[str] = []
        self.answer_confirm = True
        self.answer_conflict = True


@pytest.fixture
def said(monkeypatch):
    log = MessageLog()
    monkeypatch.setattr(messages, "error", lambda parent, text: log.errors.append(text))
    monkeypatch.setattr(messages, "info", lambda parent, text: log.infos.append(text))

    def confirm(parent, text, *, yes=None):
        log.questions.append(text)
        return log.answer_confirm

    def conflict(parent, text):
        log.conflicts.append(text)
        return log.answer_conflict

    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "conflict", conflict)
    return log


@pytest.fixture
def context(engine, database_path, said):
    return AppContext(engine, database_path)
