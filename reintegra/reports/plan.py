"""One individual plan as a PDF to sign (IPR in a WTZ, IPZS in a CIS or KIS): the facility's header,
the participant, the plan's period and every field of it (forms and scope, methods, cooperation with
the family, planned results, activities, people responsible), its goals with their status, the
reviews with the programme council's decisions, and the lines for the signatures of the participant
(or their guardian), the instructor, and the programme council for an IPR or the director for an IPZS.

Need-to-know: through ``plans.get_plan`` and ``plans.plans_for`` with the actor, so an instructor
prints only the plans of the people they reach.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from reintegra.db.enums import PlanKind
from reintegra.db.models import User
from reintegra.i18n import _, format_date
from reintegra.reports import layout
from reintegra.services import participants, plans
from reintegra.services.labels import label
from reintegra.services.plans import PlanRow

_TOP = ("VALIGN", (0, 0), (-1, -1), "TOP")


def plan_report(session: Session, plan_id: int, *, actor: User | None = None) -> bytes:
    """The plan as PDF bytes (refused, like the plan tab, for someone the actor does not reach)."""
    plan = plans.get_plan(session, plan_id, actor=actor)
    participant = participants.get_participant(session, plan.participant_id, actor=actor)
    row = next(row for row in plans.plans_for(session, plan.participant_id, actor=actor) if row.id == plan_id)
    width = layout.content_width()
    story: list[Flowable] = [
        layout.title(label(row.kind)),
        layout.subtitle(f"{participant.full_name} · {_period(row)}"),
        layout.key_values(_person(participant, row), width, label_share=0.3),
        layout.heading(_("Programme")),
        layout.key_values(_fields(row), width, label_share=0.3),
        layout.heading(_("Goals")),
        _goals(row, width),
        layout.heading(_("Reviews")),
        _reviews(row, width),
        layout.signatures(_signers(row.kind), width),
    ]
    title = _("{kind} of {name}").format(kind=row.kind.value, name=participant.full_name)
    return layout.render(story, header=layout.facility_header(session), title=title)


def _period(row: PlanRow) -> str:
    if row.end is None:
        return _("since {date}").format(date=format_date(row.start))
    return _("{first} – {last}").format(first=format_date(row.start), last=format_date(row.end))


def _person(participant, row: PlanRow) -> list[tuple[str, str]]:
    return [
        (_("Participant:"), participant.full_name),
        (_("PESEL:"), participant.pesel or ""),
        (_("Date of birth:"), format_date(participant.birth_date)),
        (_("Programme:"), label(participant.programme)),
        (_("Admitted:"), format_date(participant.admission_date)),
        (_("Period of the plan:"), _period(row)),
        (_("Next review:"), format_date(row.next_review_date)),
    ]


def _fields(row: PlanRow) -> list[tuple[str, str]]:
    return [
        (_("Forms and scope:"), row.forms_and_scope),
        (_("Methods:"), row.methods),
        (_("Cooperation with the family:"), row.family_cooperation),
        (_("Planned results:"), row.planned_results),
        (_("Activities:"), row.activities),
        (_("People responsible:"), row.responsible),
    ]


def _goals(row: PlanRow, width: float) -> Flowable:
    if not row.goals:
        return layout.text(_("No goals have been set."), "small")
    rows: list[list] = [_head(_("No."), _("Area"), _("Goal"), _("Target date"), _("Status"))]
    for number, goal in enumerate(row.goals, 1):
        rows.append([str(number), layout.text(label(goal.area), "cell"), layout.text(goal.description, "cell"),
                     format_date(goal.target_date), layout.text(label(goal.status), "cell")])
    widths = [9 * mm, 36 * mm, 0, 22 * mm, 26 * mm]
    widths[2] = width - sum(widths)
    return layout.table(rows, widths, extra=[_TOP])


def _reviews(row: PlanRow, width: float) -> Flowable:
    if not row.reviews:
        return layout.text(_("No review has been recorded yet."), "small")
    rows: list[list] = [_head(_("Date"), _("Kind"), _("Conclusion"), _("Reviewed by"))]
    for review in reversed(row.reviews):  # oldest first, as the binder reads
        text = escape(review.conclusion)
        if review.decision:
            decision = escape(_("Decision: {text}").format(text=review.decision))
            text = f"{text}<br/><b>{decision}</b>" if text else f"<b>{decision}</b>"
        rows.append([format_date(review.day), layout.text(label(review.kind), "cell"),
                     layout.markup(text or "—", "cell"), layout.text(review.reviewer or "—", "cell")])
    widths = [22 * mm, 34 * mm, 0, 34 * mm]
    widths[2] = width - sum(widths)
    return layout.table(rows, widths, extra=[_TOP])


def _head(*captions: str) -> list[Flowable]:
    """Column headings that wrap rather than run into the next column."""
    return [layout.text(caption, "cell-bold") for caption in captions]


def _signers(kind: PlanKind) -> list[str]:
    # In a WTZ the programme council draws up and reviews the IPR (the WTZ regulation); a CIS's IPZS is
    # agreed between the participant and the centre, whose director signs it.
    last = _("programme council's signatures") if kind is PlanKind.IPR else _("director's signature")
    return [_("participant's or guardian's signature"), _("instructor's signature"), last]
