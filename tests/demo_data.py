"""The demo facility the tests share: what ``generate_demo`` is asked for, so that a test can
compare with it. The ``demo`` fixture in conftest.py generates it once per run."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from reintegra.demo.generate import DemoResult, generate_demo

TODAY = date(2026, 5, 15)  # a Friday
SEED = 11
PARTICIPANTS = 25
YEARS = 2


def generate(engine) -> DemoResult:
    with Session(engine) as session, session.begin():
        return generate_demo(session, participants=PARTICIPANTS, years=YEARS, seed=SEED, today=TODAY)
