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


class ValidationErrors(ValidationError):
    """Several fields wrong at once (``errors``, each with its field), so that a form shows every one
    beside its field in one go. ``field`` is the first's; ``message`` all of them, for the command
    line and the importer, which print one text."""

    def __init__(self, errors: list[ValidationError]):
        flat = [one for error in errors for one in every_error(error)]
        super().__init__(flat[0].field, " ".join(error.message for error in flat))
        self.errors = flat


def file_error_message(error: OSError, path: object = None) -> str:
    """One translated sentence for a file that could not be written or read: a full disk and a
    refused permission in the user's words, anything else with the system's own text."""
    import errno

    from reintegra.i18n import _

    name = str(path if path is not None else (error.filename or ""))
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("The disk is full: {path} could not be written. Free some space or choose another disk.").format(
            path=name)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("You may not write or read {path}: choose another folder or ask the administrator.").format(
            path=name)
    return _("Cannot use the file {path}: {error}").format(path=name, error=error.strerror or error)


def every_error(error: ValidationError) -> list[ValidationError]:
    """The single errors inside ``error`` (itself when it is one)."""
    return list(error.errors) if isinstance(error, ValidationErrors) else [error]


class ConflictError(ReintegraError):
    """The record was changed (or deleted) elsewhere since it was read."""


class DatabaseBusyError(ReintegraError):
    """Another program kept the database locked for longer than we wait; nothing was saved."""


class NotFoundError(ReintegraError):
    pass


class PermissionDenied(ReintegraError):
    pass
