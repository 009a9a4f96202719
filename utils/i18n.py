"""The language of the messages a student reads: the checks' failures and the grader's feedback.

The English text in the code is the message id; its translations live in gettext catalogues,
``utils/locale/<language>.po`` (made and kept up to date by ``nncourse translate``; a translator reviews
them as text).  A lesson's Chinese notebook selects its language in its setup cell; the grader
selects a submission's language while it grades it.

    _("{name} has shape {got}; expected {want}").format(...)   # the id keeps named placeholders
"""

from __future__ import annotations

import contextlib
import functools
import os
from importlib.resources import files
from pathlib import Path

ENGLISH = "en"
LANGUAGES = (ENGLISH, "zh_CN")
LOCALE_DIR = Path(str(files("nncourse.utils") / "locale"))  # package data
MESSAGES_DOMAIN = "nncourse"

_current = [os.environ.get("NNCOURSE_LANG", ENGLISH)]


def current_language() -> str:
    return _current[-1]


def set_language(language: str) -> None:
    """Messages in ``language`` from now on (a Chinese notebook's setup cell calls this)."""
    _current[-1] = _checked(language)


@contextlib.contextmanager
def language(language: str):
    """Messages in ``language`` inside the block (the grader, for one submission)."""
    _current.append(_checked(language))
    try:
        yield
    finally:
        _current.pop()


def _(message: str) -> str:
    """``message`` in the current language (itself in English, or where no translation exists)."""
    lang = current_language()
    if lang == ENGLISH:
        return message
    return translations(lang).get(message) or message


@functools.cache
def translations(lang: str) -> dict[str, str]:
    """{English message: translation} of the reviewed entries of ``utils/locale/<lang>.po``."""
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / f"{lang}.po"
    if not path.is_file():
        return {}
    with open(path, "rb") as f:
        catalog = read_po(f)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: the course speaks {', '.join(LANGUAGES)}")
    return lang
