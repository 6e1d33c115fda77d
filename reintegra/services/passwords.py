"""Password hashes (argon2), the length rule, and temporary passwords an administrator passes on."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from reintegra.i18n import _
from reintegra.services.errors import ValidationError

MIN_PASSWORD_LENGTH = 8
# Temporary passwords are read aloud or copied from the screen: no letters or digits that look alike (0/O, 1/l/I).
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_TEMPORARY_GROUPS, _TEMPORARY_GROUP_LENGTH = 3, 4

_hasher = PasswordHasher()
_dummy_hash: str | None = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def verify_nothing(password: str) -> None:
    """Spends the time of one verification for a user name that has no usable hash, so that the
    answer for an unknown or disabled user takes as long as for a known one."""
    verify_password(prepare(), password)


def prepare() -> str:
    """The hash ``verify_nothing`` checks against, made on first use: called before every try, known
    name or not, so that even the first try of a process takes the same time either way."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_hex(16))
    return _dummy_hash


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            _("The password must have at least {count} characters.").format(count=MIN_PASSWORD_LENGTH),
        )


def temporary_password() -> str:
    """A random password such as ``k7pq-x3mz-h9ta`` (about 59 bits): easy to type, used once."""
    return "-".join(
        "".join(secrets.choice(_TEMPORARY_ALPHABET) for _i in range(_TEMPORARY_GROUP_LENGTH))
        for _group in range(_TEMPORARY_GROUPS))
