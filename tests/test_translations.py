"""The catalogs: every message in the code is translated into Polish, and what the program
reads (a .mo compiled by make, or the .po compiled in memory) holds the messages of the .po files."""

from __future__ import annotations

import gettext
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from reintegra import i18n

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "NP_": ((1, "c"), 2)}


def _code_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "reintegra", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add((message if isinstance(message, str) else message[0], _context))
    return found


def _catalog(language: str):
    with open(ROOT / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as file:
        return read_po(file, locale=language)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_message_in_the_code_is_in_the_catalog(language):
    catalog = _catalog(language)
    missing = sorted(str(m) for m in _code_messages() if catalog.get(*m) is None)
    assert not missing, f"run `make translations` and translate: {missing[:10]}"


def test_polish_catalog_is_complete_and_not_fuzzy():
    catalog = _catalog("pl")
    untranslated = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple)
                                                                         and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, untranslated[:10]
    assert not fuzzy, fuzzy[:10]


def test_polish_plurals_have_three_forms():
    catalog = _catalog("pl")
    assert catalog.num_plurals == 3
    for message in catalog:
        if message.id and message.pluralizable:
            assert len(message.string) == 3 and all(message.string), message.id


def _messages(translations: gettext.GNUTranslations) -> dict:
    """The translations of a compiled catalog without its header, which names the Babel that
    compiled it and so changes with the day the tools were installed."""
    return {key: value for key, value in translations._catalog.items() if key != ""}


def _compiled_from_po(language: str) -> gettext.GNUTranslations:
    buffer = io.BytesIO()
    write_mo(buffer, _catalog(language))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_compiled_catalog_matches_the_po_file(language):
    shipped = ROOT / "translations" / language / "LC_MESSAGES" / "messages.mo"
    if not shipped.is_file():
        pytest.skip("no compiled catalog: `make test` compiles it before the tests")
    with open(shipped, "rb") as file:
        current = gettext.GNUTranslations(file)
    assert _messages(current) == _messages(_compiled_from_po(language)), (
        "the .mo file is older than the .po file: `make compile-catalogs`"
    )


def test_without_a_compiled_catalog_polish_is_read_from_the_po_file(tmp_path, monkeypatch):
    copy = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "shipped_dir", lambda name: copy)

    assert i18n.set_language("pl") == "pl"

    assert i18n._("Participants") == "Uczestnicy"
    assert i18n.ngettext("Attendance not entered: {count} day — {days}",
                         "Attendance not entered: {count} days — {days}", 5) == (
        "Nie wpisano obecności: {count} dni — {days}")
    assert _messages(i18n._translations) == _messages(_compiled_from_po("pl"))
    assert not list(copy.rglob("*.mo")), "the catalog is compiled in memory, not written"


def test_placeholders_survive_translation():
    import re

    pattern = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sr]|%[sr]")
    for message in _catalog("pl"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(pattern.findall(ids[-1]))
        for string in strings:
            assert set(pattern.findall(string)) <= expected | set(pattern.findall(ids[0])), message.id
            assert expected <= set(pattern.findall(string)) or len(ids) > 1, message.id
