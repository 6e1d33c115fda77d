"""Reintegra: participants, attendance, plans and reports for reintegration facilities."""

__version__ = "0.1.0"
