"""How the start page words each reminder: the group's title, what is due, when, and what Enter does."""

from __future__ import annotations

from datetime import date

from reintegra.db.enums import ReviewKind
from reintegra.i18n import N_, _, format_date, format_day_month, ngettext
from reintegra.services.reminders import Reminder, ReminderKind

SHOWN_DAYS = 5  # attendance: how many missing days are listed before "…"

_TITLES = {
    ReminderKind.ATTENDANCE: N_("Attendance not entered"),
    ReminderKind.PLAN_MISSING: N_("Individual plans to prepare"),
    ReminderKind.PLAN_REVIEW: N_("Plan reviews due"),
    ReminderKind.ASSESSMENT: N_("Periodic assessments due"),
    ReminderKind.CERTIFICATE: N_("Disability certificates expiring"),
    ReminderKind.FOLLOW_UP: N_("Follow-up contacts due"),
    ReminderKind.TRIAL_DECISION: N_("Trial months ending: decision to record"),
    ReminderKind.PARTICIPATION_END: N_("CIS participations nearing their end"),
    ReminderKind.NO_WORKSHOP: N_("Taking part but placed in no workshop"),
}

_ACTIONS = {
    ReminderKind.ATTENDANCE: N_("Opens the daily log on the first day missing."),
    ReminderKind.PLAN_MISSING: N_("Opens the participant's plan with a new plan to fill in."),
    ReminderKind.PLAN_REVIEW: N_("Opens the participant's plan with the review to record."),
    ReminderKind.ASSESSMENT: N_("Opens the participant's assessments with a new assessment to fill in."),
    ReminderKind.CERTIFICATE: N_("Opens the participant's personal data at the certificate."),
    ReminderKind.FOLLOW_UP: N_("Opens the participant's exit with the contact to record."),
    ReminderKind.TRIAL_DECISION: N_("Opens the participant's trial month with the decision to record."),
    ReminderKind.PARTICIPATION_END: N_("Opens the participant's personal data at the planned end: extend it or "
                                       "record the exit."),
    ReminderKind.NO_WORKSHOP: N_("Opens the participant's workshops with a placement to choose."),
}


def group_title(kind: ReminderKind) -> str:
    return _(_TITLES[kind])


def action_text(kind: ReminderKind) -> str:
    return _(_ACTIONS[kind])


def what_text(item: Reminder) -> str:
    kind = item.kind
    if kind is ReminderKind.ATTENDANCE:
        shown = ", ".join(format_day_month(day) for day in item.days[:SHOWN_DAYS])
        if len(item.days) > SHOWN_DAYS:
            shown += "…"
        return ngettext("{count} day: {days}", "{count} days: {days}", len(item.days)).format(
            count=len(item.days), days=shown)
    if kind is ReminderKind.PLAN_MISSING:
        return _("No plan covers today")
    if kind is ReminderKind.PLAN_REVIEW:
        if item.review_kind is ReviewKind.COUNCIL:
            return _("Comprehensive review by the programme council")
        return _("Review of the plan's results")
    if kind is ReminderKind.ASSESSMENT:
        return _("Periodic assessment")
    if kind is ReminderKind.CERTIFICATE:
        return _("Certificate valid until {date}").format(date=format_date(item.due))
    if kind is ReminderKind.FOLLOW_UP:
        return ngettext("Contact {count} month after the exit", "Contact {count} months after the exit",
                        item.months_after).format(count=item.months_after)
    if kind is ReminderKind.TRIAL_DECISION:
        return _("Trial month ends {date}: record the decision").format(date=format_date(item.due))
    if kind is ReminderKind.PARTICIPATION_END:
        if item.extended:
            return _("Extended participation ends {date}").format(date=format_date(item.due))
        return _("Planned end {date}").format(date=format_date(item.due))
    return _("No workshop today")


def when_text(item: Reminder, today: date) -> str:
    """'overdue by 3 days', 'due today', 'in 5 days'; for attendance and placements, since when."""
    if item.kind in (ReminderKind.ATTENDANCE, ReminderKind.PLAN_MISSING, ReminderKind.NO_WORKSHOP):
        return _("since {date}").format(date=format_date(item.due))
    days = (item.due - today).days
    if item.kind is ReminderKind.CERTIFICATE and days < 0:
        return ngettext("expired {count} day ago", "expired {count} days ago", -days).format(count=-days)
    if item.kind in (ReminderKind.PARTICIPATION_END, ReminderKind.TRIAL_DECISION) and days < 0:
        return ngettext("ended {count} day ago", "ended {count} days ago", -days).format(count=-days)
    if days < 0:
        return ngettext("overdue by {count} day", "overdue by {count} days", -days).format(count=-days)
    if days == 0:
        return _("due today")
    return ngettext("in {count} day", "in {count} days", days).format(count=days)
