"""`nncourse translate`: the gettext catalogues of the course, extracted from the English sources.

The messages a student reads from the checks and the grader are extracted from the code that says
them (every ``_("...")`` of ``utils/`` and ``autograder/``, each hidden case's description) and from
the lessons' recorded answers (the names of the catalogued mistakes a check can match).  Updating a
catalogue keeps every reviewed translation, adds what is new untranslated, and marks fuzzy a
translation whose English changed, until a translator reviews it; the tests fail while any entry is
untranslated or fuzzy.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from nncourse.utils.i18n import LANGUAGES, LOCALE_DIR, MESSAGES_DOMAIN

ROOT = Path(__file__).resolve().parents[1]
MESSAGE_SOURCES = ("utils", "autograder")
KEYWORDS = {"_": None, "Case": None}   # Case("description", ...): what a student sees of a hidden case
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]


def message_template() -> Catalog:
    """Every message of the checks and the grader, as a template catalogue (a .pot)."""
    template = Catalog(project="nncourse", domain=MESSAGES_DOMAIN, fuzzy=False)
    for folder in MESSAGE_SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            where = path.relative_to(ROOT).as_posix()
            for line, message, comments, context in extract_from_file("python", path, keywords=KEYWORDS):
                if isinstance(message, str) and message.strip():
                    template.add(message, locations=[(where, line)], auto_comments=comments, context=context)
    for path in sorted((ROOT / "utils" / "answers").glob("*.json")):
        mistakes = json.loads(path.read_text(encoding="utf-8")).get("mistakes", {})
        for check, named in mistakes.items():
            for description in named:
                template.add(description, locations=[(path.relative_to(ROOT).as_posix(), 0)],
                             auto_comments=[f"a catalogued mistake that the check {check!r} can name"])
    return template


def messages_po(lang: str) -> Path:
    return LOCALE_DIR / f"{lang}.po"


def read_catalog(path: Path, lang: str) -> Catalog:
    if not path.is_file():
        return Catalog(locale=lang, project="nncourse", domain=MESSAGES_DOMAIN, fuzzy=False)
    with open(path, "rb") as f:
        return read_po(f, locale=lang)


def write_catalog(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        write_po(f, catalog, width=100, omit_header=False, ignore_obsolete=True, sort_by_file=True, include_lineno=False)


def update(template: Catalog, path: Path, lang: str) -> Catalog:
    """The catalogue at ``path`` brought up to date with ``template`` (and written back)."""
    catalog = read_catalog(path, lang)
    created = catalog.creation_date if path.is_file() else template.creation_date
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    catalog.creation_date = created  # rewritten only when the catalogue is new: no churn in its diff
    catalog.header_comment = (f"# {LANGUAGE_NAMES.get(lang, lang)} translation of nncourse ({MESSAGES_DOMAIN}).\n"
                              "# Made by `nncourse translate`; translators edit msgstr only, and clear the fuzzy flag\n"
                              "# once a translation is reviewed.")
    write_catalog(catalog, path)
    return catalog


LANGUAGE_NAMES = {"zh_CN": "Simplified Chinese"}


def problems(catalog: Catalog) -> list[str]:
    """What keeps a catalogue from being complete: untranslated, fuzzy, or a translation whose
    placeholders ({name}, {count}, ...) are not those of its English."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        if not message.string:
            found.append(f"untranslated: {message.id!r}")
        elif message.fuzzy:
            found.append(f"fuzzy (its English changed; review it): {message.id!r}")
        elif sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
            found.append(f"placeholders differ: {message.id!r} -> {message.string!r}")
    return found


def translate_all(log=print) -> int:
    """Update every catalogue; the number of entries that still need a translator."""
    template = message_template()
    pending = 0
    for lang in TRANSLATED:
        catalog = update(template, messages_po(lang), lang)
        todo = problems(catalog)
        pending += len(todo)
        log(f"{messages_po(lang).relative_to(ROOT)}: {len(catalog)} messages, {len(todo)} to translate or review")
    return pending
