"""Polish alphabetical order: Ą after A, Ł after L, Ż last — not the byte order SQL gives."""

from __future__ import annotations

_ALPHABET = "aąbcćdeęfghijklłmnńoóprqsśtuvwxyzźż"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_FOLD = str.maketrans("áàâäãåéèêëíìîïñòôöõúùûüýçšžčřťďň", "aaaaaaeeeeiiiinoooouuuuycszcrtdn")


def polish_key(*parts: str) -> tuple:
    """A sort key for names: letters by the Polish alphabet, then case as a tie-break."""
    key = []
    for part in parts:
        folded = part.lower().translate(_FOLD)
        key.append(tuple(_RANK.get(ch, 100 + ord(ch)) for ch in folded))
    key.append(tuple(parts))
    return tuple(key)
