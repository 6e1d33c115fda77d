"""Fill empty or fuzzy entries of a catalog from JSON files of translations (a translator's hand-off).

    python tools/po_fill.py translations/pl/LC_MESSAGES/messages.po NEW.json [MORE.json …]

Each JSON object maps a msgid to its translation; an ngettext pair is keyed "singular|plural" with a list of
the plural forms, a pgettext message "context\\u0004msgid". Entries already translated are left alone.
Prints what is still missing afterwards. A file whose name ends in ``.replace.json`` changes entries
that are already translated too (a correction of wording, e.g. one word per action).
"""

from __future__ import annotations

import json
import sys

from babel.messages.pofile import read_po, write_po


def key_of(message) -> str:
    key = "|".join(message.id) if isinstance(message.id, tuple) else message.id
    return f"{message.context}\u0004{key}" if message.context else key


def is_missing(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return message.fuzzy or not all(strings)


def main(catalog_path: str, *sources: str) -> int:
    translations: dict = {}
    corrections: dict = {}
    for source in sources:
        with open(source, encoding="utf-8") as file:
            (corrections if source.endswith(".replace.json") else translations).update(json.load(file))
    with open(catalog_path, "rb") as file:
        catalog = read_po(file)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        if key_of(message) in corrections:
            value = corrections[key_of(message)]
        elif not is_missing(message):
            continue
        else:
            value = translations.get(key_of(message))
        if value is None:
            missing.append(key_of(message))
            continue
        message.string = tuple(value) if isinstance(message.id, tuple) else value
        message.flags.discard("fuzzy")
    with open(catalog_path, "wb") as file:
        write_po(file, catalog, ignore_obsolete=True)
    for key in missing:
        print("missing:", key.replace("\u0004", " | "))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
