"""Going from a start-page reminder to the place where it is done, with the action already open."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from reintegra.services.reminders import Reminder, ReminderKind

# Which tab of the participant's detail, and what to open there (a method of that tab).
_PARTICIPANT_PLACES = {
    ReminderKind.PLAN_MISSING: ("plan", "new_plan"),
    ReminderKind.PLAN_REVIEW: ("plan", "record_review"),
    ReminderKind.ASSESSMENT: ("assessments", "new_assessment"),
    ReminderKind.FOLLOW_UP: ("exit", "record_due_contact"),
    ReminderKind.NO_WORKSHOP: ("placements", "place"),
    ReminderKind.CERTIFICATE: ("personal", None),
    ReminderKind.PARTICIPATION_END: ("personal", None),
    ReminderKind.TRIAL_DECISION: ("personal", "record_trial"),
}
_FIELDS = {
    ReminderKind.CERTIFICATE: "certificate_valid_until",
    ReminderKind.PARTICIPATION_END: "planned_end_date",
}


def open_reminder(window, reminder: Reminder) -> None:
    """Shows the page, the participant's tab or the workshop's day for ``reminder`` in ``window``."""
    if reminder.kind is ReminderKind.ATTENDANCE:
        window.show_page("daily_log")
        page = window.page("daily_log")
        page.show_day_view()
        page.show_workshop(reminder.workshop_id)
        page.show_day(reminder.days[0])
        page.day_view.grid.setFocus()
        return
    window.show_page("participants")
    page = window.page("participants")
    page.open_participant(reminder.participant_id)
    detail = page.detail
    tab_name, action = _PARTICIPANT_PLACES[reminder.kind]
    tab = getattr(detail, tab_name)
    detail.tabs.setCurrentWidget(tab)
    if reminder.kind in _FIELDS:
        tab.focus_field(_FIELDS[reminder.kind])
    elif reminder.kind is ReminderKind.PLAN_REVIEW:
        # After the page is on screen: the dialog then opens over it, not over the start page.
        QTimer.singleShot(0, lambda: tab.record_review(reminder.review_kind))
    elif action is not None:
        QTimer.singleShot(0, getattr(tab, action))
