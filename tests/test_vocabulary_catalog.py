"""One word per action (issue 15, one vocabulary): every button that saves says "Zapisz", every one that
deletes "Usuń" …, in Polish and in the English msgids, so a user never wonders whether "Zachowaj" and
"Zapisz", or "Remove" and "Delete", do different things."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
POLISH = ROOT / "translations" / "pl" / "LC_MESSAGES" / "messages.po"

# The action (first English word of a button) → the one Polish word for it.
ACTIONS = {
    "Save": "Zapisz", "Record": "Zapisz", "Cancel": "Anuluj", "Delete": "Usuń", "Close": "Zamknij",
    "Edit": "Edytuj", "Add": "Dodaj", "Print": "Drukuj", "Export": "Eksportuj", "Open": "Otwórz",
    "Discard": "Odrzuć", "Deactivate": "Dezaktywuj", "Reactivate": "Aktywuj",
    "Undo": "Cofnij", "Clear": "Wyczyść", "Reset": "Nadaj",
    "Disable": "Wyłącz", "Enable": "Włącz",  # a user account, as the command line's "user disable"
}
# English synonyms of those actions, not to be used on a button: the word to use instead.
ENGLISH_SYNONYMS = {
    "Remove": "Delete", "Erase": "Delete", "Correct": "Edit", "Modify": "Edit", "New": "Add", "Create": "Add",
    "Store": "Save",
}
# Polish synonyms of the chosen words, wrong anywhere in the catalog.
POLISH_SYNONYMS = ("Zachowaj", "Skasuj", "Kasuj", "Wykasuj", "Wymaż", "Wydrukuj", "Wyeksportuj", "Porzuć",
                   "Modyfikuj", "Zmodyfikuj", "Popraw")
# Buttons whose first word is an action above but whose Polish rightly says something else, and why.
EXCEPTIONS = {
    "Record anyway": "opens a day off for entering attendance (Wpisz), it saves nothing",
}

# Lines of the screens that put a text on a button (or on a confirmation's "yes").
_BUTTON_SITE = re.compile(r"QPushButton\(|QToolButton\(|addButton\(|addAction\(|QAction\(|setButtonText\(|yes=|"
                          r"button\.setText\(")
_MESSAGE = re.compile(r'_\("((?:[^"\\]|\\.)*)"\)')


def _button_texts_in_the_code() -> set[str]:
    texts = set()
    for path in (ROOT / "reintegra" / "ui").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if _BUTTON_SITE.search(line):
                texts.update(_MESSAGE.findall(line))
    return texts


def _looks_like_a_button(msgid: str) -> bool:
    """A mnemonic or a trailing ellipsis, and not a form label ("&Name:")."""
    return ("&" in msgid or msgid.endswith("…")) and not msgid.endswith(":")


def _catalog(path: Path = POLISH) -> dict[str, str]:
    with path.open("rb") as file:
        return {message.id: message.string for message in read_po(file)
                if message.id and isinstance(message.id, str)}


def _first_word(text: str) -> str:
    match = re.match(r"\w+", text.replace("&", ""))
    return match.group(0) if match else ""


def buttons(path: Path = POLISH) -> dict[str, str]:
    catalog = _catalog(path)
    chosen = _button_texts_in_the_code() | {msgid for msgid in catalog if _looks_like_a_button(msgid)}
    # a confirmation's question stands on the line of its "yes" button, but is no button
    return {msgid: catalog[msgid] for msgid in chosen if msgid in catalog and not msgid.endswith("?")}


def english_synonyms_on_buttons(path: Path = POLISH) -> list[str]:
    return sorted(f"{msgid!r}: say {ENGLISH_SYNONYMS[_first_word(msgid)]!r}"
                  for msgid in buttons(path) if _first_word(msgid) in ENGLISH_SYNONYMS)


def polish_words_not_chosen(path: Path = POLISH) -> list[str]:
    """Buttons of one action whose Polish does not start with that action's word, and Polish words of
    an action on a button of another English action (e.g. "Usuń" for "Remove")."""
    wrong = []
    for msgid, polish in buttons(path).items():
        if msgid in EXCEPTIONS:
            continue
        english, first = _first_word(msgid), _first_word(polish)
        if english in ACTIONS and first != ACTIONS[english]:
            wrong.append(f"{msgid!r} → {polish!r}: say {ACTIONS[english]!r}")
        elif english not in ACTIONS and first in ACTIONS.values():
            wrong.append(f"{msgid!r} → {polish!r}: {first!r} is the word of "
                         f"{sorted(word for word, chosen in ACTIONS.items() if chosen == first)}")
    return sorted(wrong)


def polish_synonyms(path: Path = POLISH) -> list[str]:
    banned = re.compile(r"(?<!\w)(" + "|".join(POLISH_SYNONYMS) + r")(?!\w)", re.IGNORECASE)
    return sorted(f"{msgid!r} → {polish!r}" for msgid, polish in _catalog(path).items()
                  if banned.search(polish.replace("&", "")))


def test_buttons_are_found_in_the_code_and_the_catalog():
    found = buttons()
    assert {"Save", "Cancel", "Delete", "&Edit…", "Print…", "Add goal", "Record contact"} <= set(found)


def test_no_english_synonym_of_an_action_on_a_button():
    assert english_synonyms_on_buttons() == []


def test_each_action_has_one_polish_word_on_every_button():
    assert polish_words_not_chosen() == []


def test_no_polish_synonym_of_the_chosen_words_anywhere():
    assert polish_synonyms() == []


def test_the_checks_catch_two_words_for_one_action(tmp_path):
    """The checks above fail on a catalog that says "Zachowaj" on one button and "Usuń" for "Remove"."""
    catalog = tmp_path / "messages.po"
    catalog.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgid "Save"\nmsgstr "Zachowaj"\n\n'
                       'msgid "Remove goal…"\nmsgstr "Usuń cel…"\n\n'
                       'msgid "&Edit…"\nmsgstr "&Zmień…"\n', encoding="utf-8")

    assert polish_synonyms(catalog) == ["'Save' → 'Zachowaj'"]
    assert english_synonyms_on_buttons(catalog) == ["'Remove goal…': say 'Delete'"]
    assert polish_words_not_chosen(catalog) == [
        "'&Edit…' → '&Zmień…': say 'Edytuj'",
        "'Remove goal…' → 'Usuń cel…': 'Usuń' is the word of ['Delete']",
        "'Save' → 'Zachowaj': say 'Zapisz'"]
