"""The desktop application (PySide6 widgets)."""

from reintegra.ui.none_guard import keep_none_alive

keep_none_alive()
