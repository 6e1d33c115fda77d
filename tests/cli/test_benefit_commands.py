"""``reintegra benefit rules import FILE`` and ``reintegra benefit rules list`` as a CIS director types them."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from reintegra.cli import main
from reintegra.db.engine import make_engine
from spreadsheets import table_counts

NEXT_YEAR = date.today().year + 1
RULES = ("valid_from;amount;unexcused_day_deduction;unexcused_days_forfeit;sick_day_deduction;"
         "excused_day_deduction;sick_days_limit;sick_over_limit_deduction;free_days_limit;description\n"
         "2020-06-01;1240,80;0,05;;0,025;0;21;0,05;6;old\n"
         "2021-06-01;1304,40;0,05;10;0,025;0;21;0,05;6;since June 2021\n"
         f"{NEXT_YEAR}-06-15;1800;0,05;10;0,025;0;;0,05;;\n")


def _run(capsys, database_path, *args: str) -> tuple[int, str, str]:
    code = main(["--database", database_path, "--language", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _counts(database_path) -> dict[str, int]:
    engine = make_engine(database_path)
    with Session(engine) as session:
        counts = table_counts(session)
    engine.dispose()
    return counts


def test_import_twice_then_list_the_sets_in_force_and_later(capsys, database_path, tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(RULES, encoding="utf-8")
    code, out, err = _run(capsys, database_path, "benefit", "rules", "import", str(path))
    assert (code, err) == (0, "")
    assert out == "Rule sets added: 3\nRule sets unchanged: 0\n"
    code, out, err = _run(capsys, database_path, "benefit", "rules", "import", str(path))
    assert (code, out, err) == (0, "Rule sets added: 0\nRule sets unchanged: 3\n", "")

    code, out, err = _run(capsys, database_path, "benefit", "rules", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Valid", "from", "First", "month", "Amount", "(zł)", "Unexcused", "Forfeit", "above",
                                "Sick", "leave", "Excused", "Sick", "limit", "Over", "limit", "Days", "off", "limit",
                                "State", "Description"]
    # The 2020 set was replaced by the 2021 one; one beginning mid-June applies from July.
    assert lines[1].split() == ["01/06/2021", "June", "2021", "1,304.40", "0.05", "10", "0.025", "0", "21", "0.05",
                                "6", "in", "force", "since", "June", "2021"]
    assert lines[2].split() == [f"15/06/{NEXT_YEAR}", "July", str(NEXT_YEAR), "1,800.00", "0.05", "10", "0.025",
                                "0", "–", "0.05", "–", "later"]
    assert len(lines) == 4 and lines[3].startswith("Deductions are fractions of the amount per day")


def test_a_bad_file_writes_nothing_and_says_each_line(capsys, database_path, tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text("valid_from;amount;sick_days_limit\n2026-06-01;1711,20;21\n2026-13-01;1711,20;dużo\n",
                    encoding="utf-8")
    before = _counts(database_path)
    code, out, err = _run(capsys, database_path, "benefit", "rules", "import", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "The file was not imported: 1 row has errors.",
        "Line 3: “2026-13-01” is not a valid date (use DD/MM/YYYY or YYYY-MM-DD).",
        "Line 3: Sick-leave days paid over the stay: enter a whole number of days from 0 to 9999, "
        "or leave it empty.",
    ]
    assert _counts(database_path) == before


def test_list_with_no_rules_says_how_to_load_them(capsys, database_path):
    code, out, err = _run(capsys, database_path, "benefit", "rules", "list")
    assert (code, err) == (0, "")
    assert out == ("No benefit rule set applies this month or later; load them with "
                   "“reintegra benefit rules import FILE”.\n")
