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
# as they were just before it and returning the rows expected just after it. For example, when
# participants are split into persons and their stays:
#
#     def _persons_and_stays(rows: Rows) -> Rows:
#         participants = rows.pop("participants")
#         rows["persons"] = [{"id": p["id"], "first_name": p["first_name"], …} for p in participants]
#         rows["stays"] = [{"person_id": p["id"], "admission_date": p["admission_date"], …} for p in …]
#         return rows
#
#     DATA_MOVES = {"0003": _persons_and_stays}
#
# A table or column the function leaves in place must still be there, with every value, after
# the upgrade; one it removes is what the migration drops on purpose. Declare, don't loosen.
DATA_MOVES: dict[str, Callable[[Rows], Rows]] = {}


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
