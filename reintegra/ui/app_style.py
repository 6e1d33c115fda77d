"""The platform's style with one correction: inactive tabs are not drawn lower than the chosen one.

Fusion (Qt's style on Linux) shifts an inactive tab's text down by the tab-shift metric and clips it,
and the accents of Polish capitals went missing ("Swiadczenia CIS" for "Świadczenia CIS"); drawn at
the chosen tab's height every letter keeps its accent."""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle


class ReintegraStyle(QProxyStyle):
    def pixelMetric(self, metric, option=None, widget=None):
        if metric == QStyle.PixelMetric.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)
