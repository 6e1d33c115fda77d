"""Inactive tabs drawn at the chosen tab's height, on every tab bar of the app (keep_accents).

Fusion (Qt's style on Linux) shifts an inactive tab's text down by the tab-shift metric and clips it,
and the accents of Polish capitals went missing ("Swiadczenia CIS" for "Świadczenia CIS"); drawn at
the chosen tab's height every letter keeps its accent.

The correction is set on each tab bar, not on the application: the first window (no tabs) starts
without QStyle's Python types (~6 ms of a 1.5× start budget), and the application's style is never
swapped under live widgets (a swap with the style sheet in force crashed later in Qt)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QTabWidget


class ReintegraStyle(QProxyStyle):
    def pixelMetric(self, metric, option=None, widget=None):
        if metric == QStyle.PixelMetric.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)


_style: ReintegraStyle | None = None


def keep_accents(tabs: QTabWidget) -> QTabWidget:
    """``tabs`` with its tab bar drawn in the style above (one style for all, living with the application)."""
    global _style
    if _style is None:
        _style = ReintegraStyle()  # over the platform's default style
        _style.setParent(QApplication.instance())
    tabs.tabBar().setStyle(_style)
    return tabs
