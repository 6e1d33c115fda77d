"""Every row of every table, read with plain SQL, and what an upgrade must do with them.

By default an upgrade keeps every row of every table with the same value in every column
it had; new tables and new columns are free. A migration that moves data on purpose declares
it in DATA_MOVES, and the upgrade tests then expect exactly what it declares.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from sqlalchemy import Engine, inspect

Rows = dict[str, list[dict]]  # table → its rows, each {column: value}

# revision id → what that revision's upgrade does to existing rows: a function taking the rows
# as they were just before it and returning the rows expected just after it.
# A table or column the function leaves in place must still be there, with every value, after
# the upgrade; one it removes is what the migration drops on purpose. Declare, don't loosen.

# 0003: each participant becomes a person with the same id (the columns of PERSON_COLUMNS,
# created_at and updated_at, version 1) and keeps its row as the person's one stay, with
# person_id = its own id and without the moved columns.
_MOVED_0003 = (
    "first_name", "last_name", "pesel", "birth_date", "sex",
    "address", "postal_code", "city", "phone", "email",
    "guardian_name", "guardian_phone", "emergency_name", "emergency_phone",
    "consent_given", "consent_date",
    "disability_degree", "disability_causes", "certificate_valid_until", "certificate_permanent",
    "therapy_indication", "anonymised_at",
)


def _persons_and_stays(rows: Rows) -> Rows:
    participants = rows.pop("participants")
    rows["persons"] = [
        {"id": p["id"], **{column: p[column] for column in _MOVED_0003},
         "created_at": p["created_at"], "updated_at": p["updated_at"], "version": 1}
        for p in participants
    ]
    rows["participants"] = [
        {**{column: value for column, value in p.items() if column not in _MOVED_0003}, "person_id": p["id"]}
        for p in participants
    ]
    return dict(sorted(rows.items()))


# 0005: the benefit rules of one date (one row per attendance status) become that date's one rule
# set, the row with the lowest id: its descriptions joined with " · " in id order, a free-days count
# kept in the description's words; the per-status columns are dropped (their values move to new
# columns, checked in tests/db/test_0005_benefit_engine.py).
def _one_rule_set_per_date(rows: Rows) -> Rows:
    by_date: dict = {}
    for rule in sorted(rows["benefit_rules"], key=lambda rule: rule["id"]):
        by_date.setdefault(rule["valid_from"], []).append(rule)
    kept = []
    for rules in by_date.values():
        words = [rule["description"] + (f" (dni wolne w miesiącu: {rule['free_days_per_month']})"
                                        if rule["free_days_per_month"] > 0 else "") for rule in rules]
        kept.append({"id": rules[0]["id"], "valid_from": rules[0]["valid_from"], "version": rules[0]["version"],
                     "description": " · ".join(word for word in words if word)})
    rows["benefit_rules"] = kept
    return rows


DATA_MOVES: dict[str, Callable[[Rows], Rows]] = {"0003": _persons_and_stays, "0005": _one_rule_set_per_date}


def read_rows(engine: Engine) -> Rows:
    """Every row of every table but Alembic's own, as the database driver returns it."""
    with engine.connect() as connection:
        preparer = connection.dialect.identifier_preparer
        return {
            table: [dict(row._mapping) for row in connection.exec_driver_sql(f"SELECT * FROM {preparer.quote(table)}")]
            for table in sorted(inspect(connection).get_table_names()) if table != "alembic_version"
        }


def expected_after(rows: Rows, revisions: list[str]) -> Rows:
    """The rows an upgrade through ``revisions`` (in order) must leave."""
    expected = {table: [dict(row) for row in table_rows] for table, table_rows in rows.items()}
    for revision in revisions:
        if revision in DATA_MOVES:
            expected = DATA_MOVES[revision](expected)
    return expected


def differences(expected: Rows, actual: Rows, *, shown: int = 3) -> list[str]:
    """What of ``expected`` is missing or changed in ``actual``, one line a table; empty when kept."""
    problems = []
    for table, rows in expected.items():
        if table not in actual:
            problems.append(f"table {table} ({len(rows)} rows) is gone")
            continue
        columns = sorted({column for row in rows for column in row})
        present = set(actual[table][0]) if actual[table] else set(columns)
        if missing_columns := [column for column in columns if column not in present]:
            problems.append(f"{table}: columns {missing_columns} are gone")
            continue
        wanted = Counter(tuple(_comparable(row.get(column)) for column in columns) for row in rows)
        found = Counter(tuple(_comparable(row.get(column)) for column in columns) for row in actual[table])
        lost, changed = wanted - found, found - wanted
        if lost or changed:
            problems.append(f"{table}: {sum(lost.values())} rows lost or changed, e.g. {list(lost)[:shown]}; "
                            f"{sum(changed.values())} rows unexpected, e.g. {list(changed)[:shown]} "
                            f"(columns {columns})")
    return problems


def _comparable(value):
    # PostgreSQL's driver returns JSON columns as lists and dicts.
    return json.dumps(value, sort_keys=True) if isinstance(value, (dict, list)) else value
