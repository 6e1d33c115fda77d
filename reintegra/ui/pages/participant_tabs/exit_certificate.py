"""The completion certificate on the exit tab of a CIS/KIS leaver: "Issue certificate…" opens the
dialog (ui/dialogs/certificate.py); the certificates issued for the stay are listed by number, each
printed or saved again as it was issued. Shown to a director or an administrator only; the service
refuses anyone else anyway."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reintegra.db.enums import Programme, Role
from reintegra.i18n import _, format_date
from reintegra.services import certificates
from reintegra.services.certificates import CERTIFICATE_PROGRAMMES, IssuedCertificate
from reintegra.services.errors import ReintegraError
from reintegra.ui import accessible
from reintegra.ui.pages.participant_tabs import certificate_print


class CertificateBox(QWidget):
    """``tab`` is the exit tab: its dialogs run through it (``make_dialog``, ``open_dialog_in_tab``)."""

    def __init__(self, tab, parent=None):
        super().__init__(parent)
        self.tab = tab
        self.context = tab.context
        self.participant_id: int | None = None
        self._name = ""
        self._issued: list[IssuedCertificate] = []
        title = QLabel(_("Completion certificate"))
        title.setProperty("role", "section-title")
        self.intro = QLabel()
        self.intro.setProperty("role", "hint")
        self.intro.setWordWrap(True)
        self.issue_button = QPushButton(_("&Issue certificate…"))
        self.issue_button.setToolTip(_("Issue the certificate of completing the CIS activities, with a number from "
                                       "the register"))
        self.issue_button.clicked.connect(self.issue)
        self.choice = QComboBox()
        accessible.name(self.choice, _("Certificates issued"))
        self.print_again_button = QPushButton(_("Print &again…"))
        self.print_again_button.setToolTip(_("Print the chosen certificate again as it was issued"))
        self.print_again_button.clicked.connect(self.print_again)
        self.save_again_button = QPushButton(_("Save as P&DF…"))
        self.save_again_button.setToolTip(_("Save the chosen certificate as PDF, as it was issued"))
        self.save_again_button.clicked.connect(self.save_again)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choice, 1)
        row.addWidget(self.print_again_button)
        row.addWidget(self.save_again_button)
        row.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        self.hide()

    def load(self, participant_id: int, name: str, programme: Programme) -> None:
        """Shows the box for a CIS/KIS leaver seen by a director or an administrator; hides it otherwise."""
        self.participant_id, self._name = participant_id, name
        if programme not in CERTIFICATE_PROGRAMMES or not self.context.can(Role.DIRECTOR):
            self.hide()
            return
        try:
            with self.context.read() as session:
                self._issued = certificates.certificates_of(session, participant_id, actor=self.context.actor(session))
        except ReintegraError as error:
            self.intro.setText(error.message)
            self._issued = []
        chosen = self.choice.currentData()
        self.choice.clear()
        for certificate in reversed(self._issued):  # the latest first
            self.choice.addItem(_("No. {number} of {date}").format(
                number=certificate.number, date=format_date(certificate.issued_on)), certificate.id)
        index = self.choice.findData(chosen)
        self.choice.setCurrentIndex(max(0, index))
        has_any = bool(self._issued)
        for widget in (self.choice, self.print_again_button, self.save_again_button):
            widget.setVisible(has_any)
        if has_any:
            numbers = ", ".join(certificate.number for certificate in self._issued)
            self.intro.setText(_("Certificates issued to {name}: {numbers}.").format(name=name, numbers=numbers))
        else:
            self.intro.setText(_("No certificate has been issued to {name} yet.").format(name=name))
        self.show()

    def chosen(self) -> IssuedCertificate | None:
        return next((c for c in self._issued if c.id == self.choice.currentData()), None)

    def make_dialog(self):
        from reintegra.ui.dialogs.certificate import CertificateDialog

        with self.context.read() as session:
            draft = certificates.draft_certificate(session, self.participant_id, actor=self.context.actor(session))
        return CertificateDialog(self.context, draft, parent=self.tab)

    def issue(self) -> bool:
        """Opens the dialog; True when a certificate was issued (the tab then reloads)."""
        return self.tab.open_dialog_in_tab(self.tab.make_dialog(self.make_dialog))

    def print_again(self) -> bool:
        certificate = self.chosen()
        if certificate is None:
            return False
        return certificate_print.print_certificate(self.tab, self.context, certificate.id, self.participant_id)

    def save_again(self) -> bool:
        certificate = self.chosen()
        if certificate is None:
            return False
        suggested = certificate_print.suggested_name(self._name, certificate.number)
        return certificate_print.save_certificate(self.tab, self.context, certificate.id, self.participant_id,
                                                  suggested) is not None

