"""Loading the benefit's rule sets from a file: as CIS keep it, all or nothing, twice the same, a corrected file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from decimal import Decimal

import pytest
from sqlalchemy import select

from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry
from reintegra.services import benefit_rules
from reintegra.services.benefit_rule_file import import_rules
from reintegra.services.benefit_rules import RuleFields
from reintegra.services.errors import PermissionDenied
from reintegra.services.importing import ImportRefused
from spreadsheets import table_counts, xlsx
from staff_data import make_staff

HEADER = ("valid_from;amount;unexcused_day_deduction;unexcused_days_forfeit;sick_day_deduction;"
          "excused_day_deduction;sick_days_limit;sick_over_limit_deduction;free_days_limit")
RULES = (HEADER + "\n"
         "2025-06-01;1626,24;0,05;10;0,025;0;21;0,05;6\n"
         "2026-06-01;1711.20;0.05;;0.025;;21;0.05;6\n")


def _file(tmp_path, text: str, name: str = "zasady.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored(session) -> list[RuleFields]:
    return [row.fields for row in benefit_rules.list_rules(session)]


def test_loads_a_file_with_commas_or_dots_and_empty_optional_cells(session, tmp_path):
    report = import_rules(session, _file(tmp_path, RULES))
    assert report.added == [date(2025, 6, 1), date(2026, 6, 1)]
    assert _stored(session) == [
        RuleFields(date(2025, 6, 1), Decimal("1626.24"), Decimal("0.05"), 10, Decimal("0.025"), Decimal("0"),
                   21, Decimal("0.05"), 6),
        RuleFields(date(2026, 6, 1), Decimal("1711.20"), Decimal("0.05"), None, Decimal("0.025"), Decimal("0"),
                   21, Decimal("0.05"), 6),
    ]
    assert report.summary_lines() == ["Dodane zestawy zasad: 2", "Zestawy zasad bez zmian: 0"]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.IMPORT)).one()
    assert (entry.entity, entry.changes["added"]) == ("benefit_rules", 2)


def test_importing_the_same_file_twice_changes_nothing(session, tmp_path):
    path = _file(tmp_path, RULES)
    import_rules(session, path)
    before = table_counts(session)
    versions = [row.version for row in benefit_rules.list_rules(session)]
    report = import_rules(session, path)
    assert (report.added, report.replaced) == ([], [])
    assert report.unchanged == [date(2025, 6, 1), date(2026, 6, 1)]
    after = table_counts(session)
    assert after.pop("audit_log") == before.pop("audit_log") + 1  # only the import's own entry
    assert after == before
    assert [row.version for row in benefit_rules.list_rules(session)] == versions


def test_a_corrected_file_replaces_the_sets_whose_values_changed(session, tmp_path):
    import_rules(session, _file(tmp_path, RULES))
    kept = benefit_rules.save_rule(session, RuleFields(date(2024, 6, 1), Decimal("1500")))
    corrected = RULES.replace("1711.20", "1711.30")
    report = import_rules(session, _file(tmp_path, corrected, "poprawione.csv"))
    assert report.replaced == [date(2026, 6, 1)]
    assert report.unchanged == [date(2025, 6, 1)]
    assert report.summary_lines()[-1] == "Zestawy zasad zastąpione wartościami z pliku: 1 (01.06.2026)"
    assert [fields.amount for fields in _stored(session)] == [Decimal("1500"), Decimal("1626.24"), Decimal("1711.30")]
    assert kept.valid_from in [fields.valid_from for fields in _stored(session)]  # not in the file: left alone
    update = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.UPDATE)).one()
    assert update.changes == {"amount": ["1711.20", "1711.30"]}


def test_a_description_typed_in_is_kept_by_a_file_without_that_column(session, tmp_path):
    import_rules(session, _file(tmp_path, RULES))
    row = benefit_rules.list_rules(session)[1]
    benefit_rules.save_rule(session, RuleFields(**{**row.fields.values(), "description": "zasiłek od czerwca"}),
                            rule_id=row.id, version=row.version)
    assert import_rules(session, _file(tmp_path, RULES)).replaced == []
    assert _stored(session)[1].description == "zasiłek od czerwca"


def test_only_the_required_columns_and_polish_headers(session, tmp_path):
    report = import_rules(session, _file(tmp_path, "Obowiązuje od;Kwota\n01.06.2026;1711,20\n"))
    assert report.added == [date(2026, 6, 1)]
    assert _stored(session) == [RuleFields(date(2026, 6, 1), Decimal("1711.20"))]


def test_an_xlsx_sheet(session, tmp_path):
    path = xlsx(tmp_path / "zasady.xlsx", [["valid_from", "amount", "sick_days_limit", "unexcused_day_deduction"],
                                           [date(2026, 6, 1), 1711.2, 21, 0.05]])
    import_rules(session, path)
    assert _stored(session) == [RuleFields(date(2026, 6, 1), Decimal("1711.2"), Decimal("0.05"), sick_days_limit=21)]


def test_all_or_nothing_with_every_error_by_its_line(session, tmp_path):
    text = (HEADER + "\n"
            "2025-06-01;1626,24;0,05;10;0,025;0;21;0,05;6\n"
            "2026-06-01;-5;1,5;;0.025;;21;0.05;6\n"
            "\n"
            "2025-06-01;1626,24;0,05;10;0,025;0;21;0,05;6\n")
    with pytest.raises(ImportRefused) as refused:
        import_rules(session, _file(tmp_path, text))
    assert refused.value.message == "Plik nie został zaimportowany: 2 wiersze zawierają błędy."
    assert [error.describe() for error in refused.value.errors] == [
        "Wiersz 3: Świadczenie miesięczne musi być większe niż 0 zł.",
        "Wiersz 3: Potrącenie za dzień nieusprawiedliwiony: wpisz ułamek świadczenia od 0 do 1 (np. 0,05 dla 5%).",
        "Wiersz 5: Zestaw zasad obowiązujący od 01.06.2025 jest już w wierszu 2.",
    ]
    assert _stored(session) == []


def test_files_that_cannot_be_loaded(session, tmp_path):
    with pytest.raises(ImportRefused, match="^Plik nie ma kolumny kwota/amount.$"):
        import_rules(session, _file(tmp_path, "valid_from;kwota_brutto\n2026-06-01;1711\n"))
    with pytest.raises(ImportRefused, match="nie zawiera żadnego zestawu zasad"):
        import_rules(session, _file(tmp_path, "valid_from;amount\n"))
    assert _stored(session) == []


def test_an_instructor_cannot_load_rules(session, tmp_path):
    staff = make_staff(session)
    with pytest.raises(PermissionDenied):
        import_rules(session, _file(tmp_path, RULES), actor=staff.jan)
    assert _stored(session) == []
    assert import_rules(session, _file(tmp_path, RULES), actor=staff.director).added


def test_the_readme_example_loads_as_it_says(session, tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### CIS benefit rules"):]
    example = section[section.index("```\n") + 4:]
    example = example[:example.index("```")]
    report = import_rules(session, _file(tmp_path, example))
    assert report.added == [date(2025, 6, 1), date(2026, 6, 1)]
    assert _stored(session)[1] == RuleFields(date(2026, 6, 1), Decimal("1711.20"), Decimal("0.05"), 10,
                                             Decimal("0.025"), Decimal("0"), 21, Decimal("0.05"), 6,
                                             "od czerwca 2026")
