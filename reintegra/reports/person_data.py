"""Everything kept about one person as a readable PDF (GDPR art. 15): the same structure as the JSON
export (services/person_data.py), section by section, every record listed. ``save_person_data``
writes either form, by the file's suffix, and records the export in the audit log.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _, format_date, format_datetime
from reintegra.reports import layout
from reintegra.reports.outputs import _checked
from reintegra.services import person_data as service

FORMATS = (".json", ".pdf")


def report_title() -> str:
    return _("Personal data of one person")


def save_person_data(session: Session, participant_id: int, path: str | os.PathLike, *,
                     actor: User | None = None, today: date | None = None) -> Path:
    """The person's data to ``path`` (.json or .pdf, 0600), recorded in the audit log; needs a unit that writes."""
    path, suffix = _checked(path, FORMATS)
    data = service.person_data(session, participant_id, actor=actor, today=today)
    if suffix == ".json":
        service.write_json(data, path)
    else:
        layout.write_pdf(person_data_pdf(session, data), path)
    service.record_export(session, actor, participant_id, suffix.lstrip("."))
    return path


def suggested_file_name(name: str, participant_id: int, suffix: str = ".pdf") -> str:
    from reintegra.reports.outputs import file_name_part

    return file_name_part(_("personal data {name} {id}").format(name=name, id=participant_id)) + suffix


def person_data_pdf(session: Session, data: dict[str, Any]) -> bytes:
    width = layout.content_width()
    person = data["person"]
    story: list[Flowable] = [
        layout.title(report_title()),
        layout.subtitle(f"{person['first_name']} {person['last_name']}".strip()),
        layout.text(_("Everything the facility keeps about this person, exported on {when} (GDPR art. 15 and 20)."
                      ).format(when=_datetime(data["exported_at"])), "small"),
        layout.heading(_("Identity and contact")),
        layout.key_values(_identity_pairs(person), width),
    ]
    stays = data.get("stays") or [{**data["stay"], "exit": data["exit"]}]
    for number, stay in enumerate(stays, 1):
        # One stay: "Stay" and "Exit"; several (a person readmitted): each numbered, oldest first.
        story += [layout.heading(_("Stay {number}").format(number=number) if len(stays) > 1 else _("Stay")),
                  layout.key_values(_stay_pairs(stay), width)]
        if stay["exit"]:
            story += [layout.heading(_("Exit")), layout.key_values(_exit_pairs(stay["exit"]), width)]
    story += _placements(data["placements"], width)
    story += _attendance(data["attendance"], width)
    story += _notes(data["notes"], width)
    story += _plans(data["plans"], width)
    story += _assessments(data["assessments"], width)
    story += _follow_ups(data["follow_ups"], width)
    story += _audit(data["audit_log"], width)
    return layout.render(story, header=layout.facility_header(session), title=report_title())


# -- values -------------------------------------------------------------------------------------


def _date(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else ""


def _datetime(value: str | None) -> str:
    return format_datetime(datetime.fromisoformat(value)) if value else ""


def _label(value: dict | None) -> str:
    return value["label"] if value else ""


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def _cell(value: str) -> Flowable:
    return layout.text(value or "", "cell")


def _section(heading: str, header: list[str], rows: list[list], widths: list[float]) -> list[Flowable]:
    """A heading and a table; a section with no records says so in one line."""
    if not rows:
        return [layout.heading(heading), layout.text(_("None."), "small")]
    return [layout.heading(heading), layout.table([header, *rows], widths)]


# -- sections -----------------------------------------------------------------------------------


def _identity_pairs(person: dict) -> list[tuple[str, str]]:
    return [
        (_("First name"), person["first_name"]),
        (_("Last name"), person["last_name"]),
        (_("PESEL"), person["pesel"] or ""),
        (_("Date of birth"), _date(person["birth_date"])),
        (_("Sex"), _label(person["sex"])),
        (_("Address"), person["address"]),
        (_("Postal code"), person["postal_code"]),
        (_("City"), person["city"]),
        (_("Phone"), person["phone"]),
        (_("E-mail"), person["email"]),
        (_("Guardian"), " ".join(p for p in (person["guardian_name"], person["guardian_phone"]) if p)),
        (_("Emergency contact"), " ".join(p for p in (person["emergency_name"], person["emergency_phone"]) if p)),
        (_("Consent to data processing"), " ".join(
            p for p in (_yes_no(person["consent_given"]), _date(person["consent_date"])) if p)),
        (_("Disability degree"), _label(person["disability_degree"])),
        (_("Causes of disability"), ", ".join(person["disability_causes"])),
        (_("Certificate valid until"), _("permanent") if person["certificate_permanent"]
         else _date(person["certificate_valid_until"])),
        (_("Indication for occupational therapy"), _yes_no(person["therapy_indication"])),
        (_("Eligibility groups"), ", ".join(
            _label(group) if isinstance(group, dict) else str(group) for group in person["eligibility_groups"])),
        (_("Notes"), person["notes"]),
        (_("Anonymised"), _datetime(person["anonymised_at"])),
        (_("Record created"), _datetime(person["created_at"])),
        (_("Last changed"), _datetime(person["updated_at"])),
    ]


def _stay_pairs(stay: dict) -> list[tuple[str, str]]:
    pairs = [
        (_("Programme"), _label(stay["programme"])),
        (_("Referred by"), " ".join(p for p in (_label(stay["referral"]), stay["referral_institution"]) if p)),
        (_("Application date"), _date(stay["application_date"])),
        (_("Admission date"), _date(stay["admission_date"])),
        (_("Planned end"), _date(stay["planned_end_date"])),
    ]
    if stay.get("trial_end_date"):  # CIS/KIS: the CIS clock
        pairs.append((_("Trial month"), " ".join(part for part in (
            _date(stay["trial_end_date"]), _label(stay.get("trial_decision")),
            _date(stay.get("trial_decision_date"))) if part)))
    if stay.get("extension_date"):
        pairs.append((_("Extension"), _("decided on {date}: {reason}").format(
            date=_date(stay["extension_date"]), reason=stay.get("extension_reason", ""))))
    return pairs


def _exit_pairs(exit_: dict) -> list[tuple[str, str]]:
    return [
        (_("Exit date"), _date(exit_["date"])),
        (_("Reason for leaving"), _label(exit_["reason"])),
        (_("Destination"), exit_["destination"]),
        (_("Contract"), _label(exit_["contract_type"])),
        (_("Notes"), exit_["notes"]),
    ]


def _placements(rows: list[dict], width: float) -> list[Flowable]:
    return _section(_("Workshops"), [_("Workshop"), _("From"), _("To"), _("Note")],
                    [[_cell(r["workshop"]), _date(r["start_date"]), _date(r["end_date"]), _cell(r["note"])]
                     for r in rows], [width * 0.35, width * 0.15, width * 0.15, width * 0.35])


def _attendance(rows: list[dict], width: float) -> list[Flowable]:
    return _section(_("Attendance"), [_("Day"), _("Workshop"), _("Status"), _("Hours"), _("Remark"), _("Recorded by")],
                    [[_date(r["day"]), _cell(r["workshop"]), _cell(_label(r["status"])), r["hours"] or "",
                      _cell(r["remark"]), _cell(r["recorded_by"])] for r in rows],
                    [width * 0.12, width * 0.25, width * 0.17, width * 0.08, width * 0.2, width * 0.18])


def _notes(rows: list[dict], width: float) -> list[Flowable]:
    return _section(_("Progress notes"), [_("Day"), _("Area"), _("Note"), _("Author")],
                    [[_date(r["day"]), _cell(_label(r["category"])), _cell(r["text"]), _cell(r["author"])]
                     for r in rows], [width * 0.12, width * 0.15, width * 0.55, width * 0.18])


def _plans(plans: list[dict], width: float) -> list[Flowable]:
    story: list[Flowable] = [layout.heading(_("Individual plans"))]
    if not plans:
        return [*story, layout.text(_("None."), "small")]
    for plan in plans:
        story.append(layout.markup("<b>{}</b>".format(escape(_("{kind}, {start} – {end}").format(
            kind=_label(plan["kind"]), start=_date(plan["start_date"]), end=_date(plan["end_date"]))))))
        story.append(layout.key_values([
            (_("Forms and scope"), plan["forms_and_scope"]), (_("Methods"), plan["methods"]),
            (_("Cooperation with the family"), plan["family_cooperation"]),
            (_("Planned results"), plan["planned_results"]), (_("Activities"), plan["activities"]),
            (_("Responsible"), plan["responsible"]), (_("Next review"), _date(plan["next_review_date"])),
        ], width))
        if plan["goals"]:
            story.append(layout.spacer(2))
            story.append(layout.table([[_("Area"), _("Goal"), _("Target date"), _("Status")]] + [
                [_cell(_label(g["area"])), _cell(g["description"]), _date(g["target_date"]), _cell(_label(g["status"]))]
                for g in plan["goals"]], [width * 0.2, width * 0.5, width * 0.13, width * 0.17]))
        if plan["reviews"]:
            story.append(layout.spacer(2))
            story.append(layout.table([[_("Day"), _("Review"), _("Conclusion"), _("Decision"), _("Reviewer")]] + [
                [_date(r["day"]), _cell(_label(r["kind"])), _cell(r["conclusion"]), _cell(r["decision"]),
                 _cell(r["reviewer"])] for r in plan["reviews"]],
                [width * 0.12, width * 0.18, width * 0.3, width * 0.25, width * 0.15]))
        story.append(layout.spacer(3))
    return story


def _assessments(rows: list[dict], width: float) -> list[Flowable]:
    story: list[Flowable] = [layout.heading(_("Assessments"))]
    if not rows:
        return [*story, layout.text(_("None."), "small")]
    for row in rows:
        story.append(layout.markup("<b>{}</b>".format(escape(_("{day}: {assessor}").format(
            day=_date(row["day"]), assessor=", ".join(p for p in (_label(row["assessor_kind"]), row["assessor"]) if p))))))
        if row["comment"]:
            story.append(layout.text(row["comment"], "note"))
        if row["scores"]:
            story.append(layout.table([[_("Area"), _("Group"), _("Score")]] + [
                [_cell(s["area"]), _cell(_label(s["group"])), f"{s['score']} / {s['scale_max']}"]
                for s in row["scores"]], [width * 0.45, width * 0.35, width * 0.2], numeric_columns=(2,)))
        story.append(layout.spacer(3))
    return story


def _follow_ups(rows: list[dict], width: float) -> list[Flowable]:
    return _section(_("Follow-up contacts"),
                    [_("Exit date"), _("Months"), _("Due"), _("Contact"), _("Status"), _("Employer"), _("Note")],
                    [[_date(r["exit_date"]), str(r["months_after"]), _date(r["due_date"]), _date(r["contact_date"]),
                      _cell(_label(r["employment_status"])), _cell(r["employer"]), _cell(r["note"])] for r in rows],
                    [width * 0.12, width * 0.08, width * 0.12, width * 0.12, width * 0.16, width * 0.18, width * 0.22])


def _audit(rows: list[dict], width: float) -> list[Flowable]:
    return _section(_("Audit log entries"), [_("When"), _("User"), _("Action"), _("Record"), _("Changes")],
                    [[_datetime(r["at"]), _cell(r["user"]), _cell(_label(r["action"])),
                      _cell(f"{r['entity']} {r['entity_id'] or ''}".strip()),
                      _cell(json.dumps(r["changes"], ensure_ascii=False))] for r in rows],
                    [width * 0.16, width * 0.12, width * 0.1, width * 0.17, width * 0.45])
