"""Loading the CIS benefit's rule sets from a file: one row a set, the fields' names as the header.

The file is ``;``-separated UTF-8 (what import_files reads: also Windows-1250, ``,``-separated or an
XLSX sheet); ``valid_from`` and ``amount`` are required columns, the others may be missing or empty
(a fraction then is 0, a limit none). Numbers take a comma or a dot.

All or nothing: every row is read and checked before anything is written, and one bad row refuses
the whole file with every error by its line. A row is matched to a stored set by its ``valid_from``:
the same values leave it unchanged (importing a file twice changes nothing), other values replace
it — the file is how a centre keeps its rules, so a corrected file corrects them; each replacement
is in the audit log with the old values and the summary names its date. Sets stored for dates the
file does not name are left as they are, and so is a stored description when the file has no
``description`` column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction
from reintegra.db.models import BenefitRule, User
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import audit, benefit_rules
from reintegra.services.benefit_rules import RuleFields
from reintegra.services.errors import ReintegraError, ValidationError, every_error
from reintegra.services.import_files import Column, read_rows
from reintegra.services.importing import ImportRefused, RowError

# The header names the fields as benefit_rules does; Polish names are accepted as well.
RULE_COLUMNS = (
    Column("valid_from", "valid_from", "obowiązuje od", required=True),
    Column("amount", "amount", "kwota", ("świadczenie",), required=True),
    Column("unexcused_day_deduction", "unexcused_day_deduction", "potrącenie za dzień nieusprawiedliwiony"),
    Column("unexcused_days_forfeit", "unexcused_days_forfeit", "utrata świadczenia powyżej dni nieusprawiedliwionych"),
    Column("sick_day_deduction", "sick_day_deduction", "potrącenie za dzień choroby"),
    Column("excused_day_deduction", "excused_day_deduction", "potrącenie za dzień usprawiedliwiony"),
    Column("sick_days_limit", "sick_days_limit", "limit dni choroby"),
    Column("sick_over_limit_deduction", "sick_over_limit_deduction", "potrącenie za dzień choroby ponad limit"),
    Column("free_days_limit", "free_days_limit", "limit dni wolnych"),
    Column("description", "description", "opis"),
)


@dataclass
class RulesImport:
    added: list[date] = field(default_factory=list)
    replaced: list[date] = field(default_factory=list)
    unchanged: list[date] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # the check's (File → Import's dry run)

    @property
    def error_count(self) -> int:
        return len(self.errors)

    def summary_lines(self) -> list[str]:
        lines = [_("Rule sets added: {count}").format(count=len(self.added)),
                 _("Rule sets unchanged: {count}").format(count=len(self.unchanged))]
        if self.replaced:
            lines.append(_("Rule sets replaced with the file's values: {count} ({dates})").format(
                count=len(self.replaced), dates=", ".join(format_date(day) for day in self.replaced)))
        return lines


def import_rules(session: Session, path: Path, *, actor: User | None = None, encoding: str | None = None,
                 only_valid: bool = False, progress=None, dry_run: bool = False) -> RulesImport:
    """Adds the file's rule sets, replaces those whose values changed; ImportRefused (nothing written)
    when the file cannot be read or any row is wrong — also with ``only_valid``: rule sets are taken
    all or nothing. ``dry_run`` (File → Import's check): the report with the bad rows, nothing written.
    ``progress(done, total)`` as the other imports call it (may raise ImportCancelled)."""
    benefit_rules.require_rule_keeper(actor)
    try:
        rows = read_rows(path, RULE_COLUMNS, encoding=encoding)
    except ReintegraError as error:
        raise ImportRefused([], error.message) from None
    errors: list[RowError] = []
    read: list[RuleFields] = []
    first_line: dict[date, int] = {}
    for row in rows:
        try:
            fields = benefit_rules.read_fields(row.values)
        except ValidationError as error:
            errors += [RowError(row.line, one.message) for one in every_error(error)]
            continue
        if fields.valid_from in first_line:
            errors.append(RowError(row.line, _("The rule set valid from {date} is already on line {line}.").format(
                date=format_date(fields.valid_from), line=first_line[fields.valid_from])))
            continue
        first_line[fields.valid_from] = row.line
        read.append(fields)
    if progress is not None:
        progress(len(rows), len(rows))
    if errors and not dry_run:
        lines = len({error.line for error in errors})  # a row may be wrong in several fields
        raise ImportRefused(errors, ngettext(
            "The file was not imported: {count} row has errors.",
            "The file was not imported: {count} rows have errors.", lines).format(count=lines))
    if not read and not errors:
        raise ImportRefused([], _("The file {name} holds no rule set.").format(name=path.name))

    report = RulesImport(errors=errors)
    stored = {rule.valid_from: rule for rule in session.scalars(select(BenefitRule))}
    described = any("description" in row.values for row in rows)
    for fields in read:
        rule = stored.get(fields.valid_from)
        if rule is not None and not described:  # a file without descriptions keeps those typed in
            fields = replace(fields, description=rule.description)
        if rule is None:
            if not dry_run:
                benefit_rules.save_rule(session, fields, actor=actor)
            report.added.append(fields.valid_from)
        elif benefit_rules.same_values(benefit_rules.fields_of(rule), fields):
            report.unchanged.append(fields.valid_from)
        else:
            if not dry_run:
                benefit_rules.save_rule(session, fields, rule_id=rule.id, version=rule.version, actor=actor)
            report.replaced.append(fields.valid_from)
    if dry_run:
        return report
    audit.record(session, actor, AuditAction.IMPORT, "benefit_rules", None, {
        "file": str(path), "added": len(report.added), "updated": len(report.replaced),
        "unchanged": len(report.unchanged)})
    return report


def _register_in_file_import() -> None:
    from reintegra.i18n import N_
    from reintegra.services import importing

    importing.register_kind(importing.ImportKind(
        "benefit_rules", N_("CIS benefit rule sets (one row a set)"), RULE_COLUMNS, (),
        lambda session, path, **options: import_rules(session, Path(path), **options), check_writes=False,
        all_or_nothing=True))


_register_in_file_import()
