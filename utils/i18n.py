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
import unicodedata
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
    """Messages in ``language`` from now on, and plots that can write it (a Chinese notebook's
    setup cell calls this)."""
    _current[-1] = _checked(language)
    if language in CJK:
        use_cjk_font()


CJK = ("zh_CN",)
CJK_FONT = ("mplfonts", "fonts/NotoSansCJKsc-Regular.otf")  # Noto Sans CJK SC, shipped by a pip package


def cjk_font_path() -> Path | None:
    """The CJK font the course plots with: Noto Sans CJK SC from the ``mplfonts`` package (the course's
    ``zh`` extra installs it), never a system font the machine may lack; None when it is not installed."""
    from importlib.util import find_spec

    spec = find_spec(CJK_FONT[0])
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / CJK_FONT[1]
    return path if path.is_file() else None


def use_cjk_font() -> bool:
    """Make matplotlib draw Chinese text with the course's CJK font (first in its sans-serif list);
    False, with a warning, when the font is not installed (Chinese text would show as boxes)."""
    import warnings

    import matplotlib
    from matplotlib import font_manager

    path = cjk_font_path()
    if path is None:
        warnings.warn(
            "the CJK font is missing: pip install 'nncourse[zh]' (or mplfonts) so that plots can show Chinese",
            stacklevel=2,
        )
        return False
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    families = [name] + [f for f in matplotlib.rcParams["font.sans-serif"] if f != name]
    matplotlib.rcParams["font.sans-serif"] = families
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # the font has no U+2212 minus sign
    return True


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


def display_width(text: str) -> int:
    """The columns ``text`` takes in a fixed-width font: two for each wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` columns (align "<", ">" or "^"), counting a Chinese
    character as two, so that a table's columns line up in either language (``f"{name:<20}"`` counts
    characters)."""
    text = str(text)
    gap = max(0, width - display_width(text))
    left = {"<": 0, ">": gap, "^": gap // 2}[align]
    return " " * left + text + " " * (gap - left)
