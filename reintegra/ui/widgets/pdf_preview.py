"""A PDF shown as it will print (QtPdf), and printed through the system's print dialog.

The document is held in memory: a report is previewed before anyone decides where to save it.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from reintegra.i18n import _
from reintegra.ui import accessible

PRINT_DPI = 300


class PdfPreview(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = b""
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        accessible.name(self.view, _("Report preview"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.empty = QLabel(_("Choose a report and press “Preview”."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setProperty("role", "hint")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)

    def show_pdf(self, data: bytes) -> None:
        self.clear()
        self.data = data
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.stack.setCurrentWidget(self.view)

    def clear(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.data = b""
        self.stack.setCurrentWidget(self.empty)

    def page_count(self) -> int:
        return self.document.pageCount()

    def page_text(self, page: int) -> str:
        return self.document.getAllText(page).text()

    def make_printer(self) -> QPrinter:
        """A printer set up for the document shown: its title, and landscape paper for a landscape page."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)  # a 1200 dpi printer would otherwise get pages of half a gigabyte
        printer.setDocName(self.document.metaData(QPdfDocument.MetaDataField.Title) or "Reintegra")
        first = self.document.pagePointSize(0)
        if first.width() > first.height():  # the attendance sheet is landscape: so is the paper
            printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        return printer

    printed_on = ""

    def print_document(self, parent: QWidget | None = None) -> bool:
        """The system print dialog, then every chosen page at printer resolution; False when cancelled."""
        if not self.page_count():
            return False
        printer = self.make_printer()
        dialog = QPrintDialog(printer, parent or self)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        # Where the pages went, for the audit log: the printer, or the file "print to PDF" chose.
        self.printed_on = printer.printerName() or printer.outputFileName()
        return True

    def print_to(self, printer: QPrinter) -> None:
        first, last = printer.fromPage() or 1, printer.toPage() or self.page_count()
        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            for number in range(first - 1, last):
                if number > first - 1:
                    printer.newPage()
                self._paint_page(painter, printer, number)
        finally:
            painter.end()

    def _paint_page(self, painter: QPainter, printer: QPrinter, number: int) -> None:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        points = self.document.pagePointSize(number)
        scale = min(area.width() / points.width(), area.height() / points.height())
        size = QSize(int(points.width() * scale), int(points.height() * scale))
        options = QPdfDocumentRenderOptions()
        image = self.document.render(number, size, options)
        painter.drawImage(QRectF(QPointF(0, 0), size.toSizeF()), image)
