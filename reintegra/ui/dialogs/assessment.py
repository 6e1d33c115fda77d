"""Recording or correcting a periodic assessment: date, who assessed, a score for each skill area
(grouped as self-reliance / social / vocational), and a comment.

Scores are typed as digits: a digit chooses that level and moves on to the next area, so that a
whole assessment can be entered from the keyboard; the chosen level's description shows beside it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from reintegra.db.enums import AssessorKind, Role, SkillGroup
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services import assessments, participants, skill_areas
from reintegra.services.assessments import AssessmentRow
from reintegra.services.errors import ReintegraError, ValidationError, every_error
from reintegra.services.labels import choices, label
from reintegra.services.skill_areas import AreaRow
from reintegra.ui import messages
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.screen_fit import fit_to_screen
from reintegra.ui.widgets.form import ERROR_STYLE, Form, Typed

FOCUS_COLOR = QColor("#2f80ed")
_CHOSEN_STYLE = "QToolButton:checked { background: #34495e; color: white; border: 1px solid #34495e; }"


class ScoreChooser(QWidget):
    """The levels 1..scale_max of one area as buttons; digits, arrows and Delete work when focused."""

    changed = Signal()
    focused = Signal()

    def __init__(self, area: AreaRow, parent=None):
        super().__init__(parent)
        self.area = area
        self._score: int | None = None
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName(area.name)
        row = QHBoxLayout(self)
        row.setContentsMargins(3, 3, 3, 3)
        row.setSpacing(2)
        self.buttons: list[QToolButton] = []
        for score in range(1, area.scale_max + 1):
            button = QToolButton()
            button.setText(str(score))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.NoFocus)
            button.setFixedWidth(28)
            button.setStyleSheet(_CHOSEN_STYLE)
            button.setToolTip(area.level_text(score))
            button.clicked.connect(lambda _checked=False, score=score: self._clicked(score))
            row.addWidget(button)
            self.buttons.append(button)

    def score(self) -> int | None:
        return self._score

    def set_score(self, score: int | None) -> None:
        self._score = score if score is not None and 1 <= score <= self.area.scale_max else None
        for value, button in enumerate(self.buttons, start=1):
            button.setChecked(value == self._score)
        self.changed.emit()

    def level_text(self) -> str:
        return self.area.level_text(self._score) if self._score else ""

    def _clicked(self, score: int) -> None:
        self.setFocus()
        self.set_score(None if score == self._score else score)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text.isdigit():
            score = int(text)
            if score == 0 and self.area.scale_max == 10:
                score = 10
            if 1 <= score <= self.area.scale_max:
                self.set_score(score)
                self.focusNextChild()
                return
            if score == 0:
                self.set_score(None)
                return
        if key in (Qt.Key_Delete, Qt.Key_Backspace, Qt.Key_Minus):
            self.set_score(None)
        elif key in (Qt.Key_Right, Qt.Key_Up):
            self.set_score(min(self.area.scale_max, (self._score or 0) + 1))
        elif key in (Qt.Key_Left, Qt.Key_Down):
            self.set_score(max(1, (self._score or 2) - 1))
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()
        self.focused.emit()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.Antialiasing)
            painter.setPen(QPen(FOCUS_COLOR, 2))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)


class AssessmentDialog(QDialog):
    """A new assessment of ``participant_id``, or a correction of ``assessment``.

    ``conflict`` is True after another computer changed the assessment first and the user chose
    to reload.
    """

    def __init__(self, context: AppContext, participant_id: int, assessment: AssessmentRow | None = None, *,
                 today: date | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.participant_id = participant_id
        self.assessment = assessment
        self.conflict = False
        self.today = today or date.today()
        with context.read() as session:
            person = participants.get_participant(session, participant_id, actor=context.actor(session))
            name, exited = person.full_name, person.exit_date
            scored = {item.area_id for item in assessment.scores} if assessment else set()
            areas = [area for area in skill_areas.list_areas(session, include_inactive=True)
                     if area.active or area.id in scored]
        self.areas = areas
        if assessment is None:
            self.setWindowTitle(_("New assessment of {name}").format(name=name))
        else:
            self.setWindowTitle(_("Assessment of {name}").format(name=name))
        self.setMinimumWidth(720)

        self.top = Form()
        self.top.layout_.setContentsMargins(0, 0, 0, 0)
        new_day = min(self.today, exited) if exited else self.today  # after the exit: its day, not today
        self.day = self.top.add("day", _("&Date:"), DateField(assessment.day if assessment else new_day))
        self.assessor_kind = self.top.add("assessor_kind", _("Assessed &by:"), QComboBox())
        council_allowed = context.can(Role.DIRECTOR)
        for kind, text in choices(AssessorKind):
            if kind is AssessorKind.COUNCIL and not council_allowed:
                continue
            self.assessor_kind.addItem(text, kind)
        chosen = assessment.assessor_kind if assessment else (
            AssessorKind.COUNCIL if council_allowed else AssessorKind.INSTRUCTOR)
        self.assessor_kind.setCurrentIndex(max(0, self.assessor_kind.findData(chosen)))

        hint = QLabel(_("Type a digit to score an area and move on to the next; Delete clears a score. "
                        "Areas left without a score are not assessed this time."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.choosers: dict[int, ScoreChooser] = {}
        self.descriptions: dict[int, QLabel] = {}
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.StyledPanel)
        self.scroll.setFocusPolicy(Qt.NoFocus)
        self.scroll.setWidget(self._build_scores(assessment))
        self.scroll.setMinimumHeight(min(150, 60 + 34 * len(areas)))  # more where the screen has room
        self.scores_error = QLabel()
        self.scores_error.setObjectName("error-scores")
        self.scores_error.setStyleSheet(ERROR_STYLE)
        self.scores_error.setWordWrap(True)
        self.scores_error.hide()

        self.bottom = Form()
        self.bottom.layout_.setContentsMargins(0, 0, 0, 0)
        self.comment = self.bottom.add("comment", _("C&omment:"), QPlainTextEdit())
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(70)
        self.comment.setPlaceholderText(_("Optional: what has changed, what to work on next"))
        if assessment is not None:
            self.comment.setPlainText(assessment.comment)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setToolTip(_("Save the assessment (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.top)
        layout.addWidget(hint)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.scores_error)
        layout.addWidget(self.bottom)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(self.sizeHint().width(), self.sizeHint().height() + 34 * len(areas)))
        first = next(iter(self.choosers.values()), None)
        (first or self.comment).setFocus()
        for signal in (self.top.edited, self.bottom.edited, *(chooser.changed for chooser in self.choosers.values())):
            signal.connect(self._recheck)

    def _build_scores(self, assessment: AssessmentRow | None) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(10)
        row = 0
        for group in SkillGroup:
            in_group = [area for area in self.areas if area.group is group]
            if not in_group:
                continue
            title = QLabel(label(group))
            title.setProperty("role", "section-title")
            if row:
                title.setContentsMargins(0, 8, 0, 0)
            grid.addWidget(title, row, 0, 1, 3)
            row += 1
            for area in in_group:
                name = area.name if area.active else _("{name} (no longer used)").format(name=area.name)
                caption = QLabel(name)
                caption.setWordWrap(True)
                caption.setMinimumWidth(250)
                chooser = ScoreChooser(area)
                caption.setBuddy(chooser)
                description = QLabel()
                description.setProperty("role", "hint")
                description.setWordWrap(True)
                chooser.changed.connect(lambda chooser=chooser, description=description:
                                        description.setText(chooser.level_text()))
                chooser.focused.connect(lambda chooser=chooser: self.scroll.ensureWidgetVisible(chooser))
                if assessment is not None:
                    chooser.set_score(assessment.score_of(area.id))
                grid.addWidget(caption, row, 0)
                grid.addWidget(chooser, row, 1)
                grid.addWidget(description, row, 2)
                self.choosers[area.id] = chooser
                self.descriptions[area.id] = description
                row += 1
        grid.setRowStretch(row, 1)
        return holder

    def chosen_kind(self) -> AssessorKind:
        return AssessorKind(self.assessor_kind.currentData())  # Qt hands str-enum data back as plain str

    def scores(self) -> dict[int, int | None]:
        return {area_id: chooser.score() for area_id, chooser in self.choosers.items()}

    def check(self) -> None:
        """Raises every error of what is typed: a date that is not one, then the assessment rules."""
        typed = Typed()
        day = typed.read(lambda: self.day.date("day", required=True))
        with self.context.read() as session:
            typed.rule(assessments.check_assessment, session, self.participant_id, day, self.scores(),
                       self.comment.toPlainText(), assessment_id=self.assessment.id if self.assessment else None,
                       actor=self.context.actor(session), today=self.today)
        typed.raise_any()

    def save(self) -> None:
        self._clear_errors()
        try:
            self.check()
        except ValidationError as error:
            if not self._show_error(error):
                messages.error(self, error.message)
            return
        except ReintegraError:
            pass  # the save says it, as every save does
        save_in_dialog(self, self._show_error, self._write, close_when_gone=False)

    def _recheck(self, *_args) -> None:
        """After an edit, while a message is shown: each message goes as soon as its field is right
        (none is added to a field not refused yet)."""
        if self.scores_error.isHidden() and not self.top.showing_errors() and not self.bottom.showing_errors():
            return
        try:
            self.check()
            errors: list[ValidationError] = []
        except ValidationError as error:
            errors = every_error(error)
        except ReintegraError:
            return
        self.top.refresh_errors(errors)
        self.bottom.refresh_errors(errors)
        scores = [error.message for error in errors if error.field == "scores"]
        if not self.scores_error.isHidden():
            self.scores_error.setText(" ".join(scores))
            self.scores_error.setVisible(bool(scores))

    def _write(self, session: Session, actor: User | None) -> None:
        day = self.day.date("day", required=True)
        if self.assessment is None:
            assessments.record_assessment(session, self.participant_id, day, self.chosen_kind(), self.scores(),
                                          self.comment.toPlainText(), actor=actor, today=self.today)
        else:
            assessments.edit_assessment(session, self.assessment.id, self.assessment.version, day,
                                        self.chosen_kind(), self.scores(), self.comment.toPlainText(),
                                        actor=actor, today=self.today)

    def _show_error(self, error: ValidationError) -> bool:
        """Shows every message of ``error`` beside the scores or its field, focusing the first (in the
        dialog's order); False when none has a place here."""
        errors = every_error(error)
        self._clear_errors()
        rest = self.top.show_errors(errors, focus=False)
        scores = [one.message for one in rest if one.field == "scores"]
        rest = self.bottom.show_errors([one for one in rest if one.field != "scores"], focus=False)
        if scores:
            self.scores_error.setText(" ".join(scores))
            self.scores_error.show()
        first = next(iter(self.choosers.values()), None)
        if not self.top.focus_first_error():
            if scores and first is not None:
                first.setFocus()
            else:
                self.bottom.focus_first_error()
        if rest and len(rest) < len(errors):
            messages.error(self, " ".join(one.message for one in rest))
        return len(rest) < len(errors)

    def _clear_errors(self) -> None:
        self.top.clear_errors()
        self.bottom.clear_errors()
        self.scores_error.clear()
        self.scores_error.hide()
