"""The errors services raise: each carries one translated sentence for the user."""

from __future__ import annotations


class ReintegraError(Exception):
    """Base of every error a user may see; ``message`` is already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(ReintegraError):
    """Bad input in one field; the form shows ``message`` beside ``field``."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class ConflictError(ReintegraError):
    """The record was changed (or deleted) elsewhere since it was read."""


class DatabaseBusyError(ReintegraError):
    """Another program kept the database locked for longer than we wait; nothing was saved."""


class NotFoundError(ReintegraError):
    pass


class PermissionDenied(ReintegraError):
    pass
