"""`nncourse translate`: the gettext catalogues of the course, extracted from the English sources.

The messages a student reads from the checks and the grader are extracted from the code that says
them (every ``_("...")`` of ``utils/`` and ``autograder/``, each hidden case's description) and from
the lessons' recorded answers (the names of the catalogued mistakes a check can match).  Updating a
catalogue keeps every reviewed translation, adds what is new untranslated, and marks fuzzy a
translation whose English changed, until a translator reviews it; the tests fail while any entry is
untranslated or fuzzy.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from nncourse.utils.i18n import LANGUAGES, LOCALE_DIR, MESSAGES_DOMAIN

ROOT = Path(__file__).resolve().parents[1]
MESSAGE_SOURCES = ("utils", "autograder")
KEYWORDS = {"_": None, "Case": None}  # Case("description", ...): what a student sees of a hidden case
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
                template.add(
                    description,
                    locations=[(path.relative_to(ROOT).as_posix(), 0)],
                    auto_comments=[f"a catalogued mistake that the check {check!r} can name"],
                )
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
        write_po(
            f, catalog, width=100, omit_header=False, ignore_obsolete=True, sort_by_file=True, include_lineno=False
        )


def update(template: Catalog, path: Path, lang: str) -> Catalog:
    """The catalogue at ``path`` brought up to date with ``template`` (and written back)."""
    catalog = read_catalog(path, lang)
    created = catalog.creation_date if path.is_file() else template.creation_date
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    catalog.creation_date = created  # rewritten only when the catalogue is new: no churn in its diff
    catalog.header_comment = (
        f"# {LANGUAGE_NAMES.get(lang, lang)} translation of nncourse ({MESSAGES_DOMAIN}).\n"
        "# Made by `nncourse translate`; translators edit msgstr only, and clear the fuzzy flag\n"
        "# once a translation is reviewed."
    )
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
        elif NBGRADER_MARKER.findall(message.id) != NBGRADER_MARKER.findall(message.string):
            found.append(f"nbgrader's markers differ: {message.id[:60]!r}")
        elif message.id.count("$") != message.string.count("$"):
            found.append(f"the formulas ($...$) differ: {message.id[:60]!r}")
    return found


def translate_all(new_lessons=(), log=print) -> int:
    """Update the messages' catalogues, and those of the lessons that have one or are named in
    ``new_lessons``; the number of entries that still need a translator."""
    template = message_template()
    pending = 0
    for lang in TRANSLATED:
        updated = [(messages_po(lang), update(template, messages_po(lang), lang))]
        lessons = {lesson.id: lesson for lesson in [*translated_lessons(lang), *new_lessons]}
        updated += [(lesson_po(lesson.source, lang), update_lesson(lesson.source, lang)) for lesson in lessons.values()]
        for path, catalog in updated:
            todo = problems(catalog)
            pending += len(todo)
            log(f"{path.relative_to(ROOT)}: {len(catalog)} entries, {len(todo)} to translate or review")
    return pending


# --- the lessons' text ---------------------------------------------------------------------------
#
# A lesson's catalogue, ``solutions/<lesson>/<lang>.po``, holds its student-visible prose: each
# Markdown cell whole, and each comment of its code cells (a block of full-line comments as one
# entry).  The code is the same in every language; a translated notebook is the English one with
# its prose replaced (``translate_notebook``).

# A string a student reads in a code cell's output (a print, a plot's title) is marked in the source
# as _("...") (f, r and rf strings too; several literals side by side, over several lines, make one
# text, as Python joins them).  The English build keeps the literals as written; a translated build
# puts one literal with the translation in their place.
LITERAL = r"""(?:[rR]?[fF]?|[fF][rR])(?:"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')"""
MARKED = re.compile(rf"""\b_\(\s*((?:{LITERAL}\s*)+)\)""")
ONE_LITERAL = re.compile(rf"({LITERAL})")
NBGRADER_MARKER = re.compile(r"^\s*#+\s*(BEGIN|END) (SOLUTION|HIDDEN TESTS)|^\s*#\s*YOUR CODE HERE", re.M)
NOT_PROSE = re.compile(r"^#\s*(noqa|type:|%%|!)|^#+\s*$")


def lesson_po(source: Path, lang: str) -> Path:
    """A lesson's catalogue for ``lang``: beside its source."""
    return Path(source).parent / f"{lang}.po"


def lesson_catalog_of(source: Path, lang: str) -> Catalog:
    return read_catalog(lesson_po(source, lang), lang)


def update_lesson(source: Path, lang: str) -> Catalog:
    """Bring the lesson's catalogue for ``lang`` up to date with its English source (made if new)."""
    from .notebooks import build_notebook

    template = lesson_template(build_notebook(Path(source), marked_strings=True), Path(source).name)
    return update(template, lesson_po(source, lang), lang)


def translated_languages(lesson) -> list[str]:
    """The languages other than English that ``lesson`` has a catalogue for."""
    return [language for language in TRANSLATED if lesson_po(lesson.source, language).is_file()]


def translated_lessons(lang: str):
    """The lessons that have a catalogue for ``lang``."""
    from nncourse.course.lessons import all_lessons

    return [lesson for lesson in all_lessons() if lesson_po(lesson.source, lang).is_file()]


def comment_blocks(source: str) -> list[tuple[int, int, int, str]]:
    """The translatable comments of a code cell: ``(first line, last line, column, text)``, lines
    counted from 0.  Consecutive full-line comments at one column make one block (a paragraph);
    a comment after code is a block of its own; nbgrader's markers are not prose."""
    blocks: list[tuple[int, int, int, str]] = []
    for number, line in enumerate(source.splitlines()):
        column = _comment_column(line)
        if column is None:
            continue
        comment = line[column:]
        if NBGRADER_MARKER.match(comment) or NOT_PROSE.match(comment):
            continue
        text = comment.lstrip("#").strip()
        full_line = not line[:column].strip()
        previous = blocks[-1] if blocks else None
        if full_line and previous and previous[1] == number - 1 and previous[2] == column and previous[4]:
            blocks[-1] = (previous[0], number, column, previous[3] + "\n" + text, True)
        else:
            blocks.append((number, number, column, text, full_line))
    return [(first, last, column, text) for first, last, column, text, _ in blocks]


def _comment_column(line: str) -> int | None:
    """Where a comment starts on a line of code, outside string literals; None without one."""
    quote = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\":
                i += 1
            elif line.startswith(quote, i):
                i += len(quote) - 1
                quote = None
        elif ch in "\"'":
            quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else ch
            i += len(quote) - 1
        elif ch == "#":
            return i
        i += 1
    return None


def lesson_template(nb, where: str) -> Catalog:
    """The prose of a built English notebook, as a template catalogue."""
    template = Catalog(project="nncourse", domain=where, fuzzy=False)
    for index, cell in enumerate(nb.cells):
        location = [(f"{where}#{cell.get('id', index)}", 0)]
        if cell.cell_type == "markdown" and cell.source.strip():
            template.add(cell.source, locations=location, auto_comments=["a Markdown cell"])
        elif cell.cell_type == "code":
            for _, _, _, text in comment_blocks(cell.source):
                template.add(text, locations=location, auto_comments=["a comment in a code cell"])
            for text in marked_strings(cell.source):
                template.add(text, locations=location, auto_comments=["a string the code prints or plots"])
            for docstring in docstrings(cell.source):
                template.add(docstring.text, locations=location, auto_comments=["the docstring of a function"])
    return template


def _literals(marked: str) -> list[tuple[str, str, str]]:
    """(prefix, quote, text as written) of each literal of a mark."""
    found = []
    for literal in ONE_LITERAL.findall(marked):
        quote_at = min(i for i in (literal.find('"'), literal.find("'")) if i >= 0)
        found.append((literal[:quote_at].lower(), literal[quote_at], literal[quote_at + 1 : -1]))
    return found


def marked_strings(source: str) -> list[str]:
    """The texts of the strings marked _("...") in a code cell, as written between the quotes (the
    literals of one mark joined)."""
    return ["".join(text for _, _, text in _literals(match[1])) for match in MARKED.finditer(source)]


def place_marked_strings(source: str, translations: dict[str, str]) -> str:
    """``source`` with each mark taken away: the literals as written, or, where ``translations`` has
    their text, one literal holding the translation (with the first literal's prefix and quotes)."""

    def place(match):
        literals = _literals(match[1])
        text = "".join(part for _, _, part in literals)
        if text not in translations:
            return match[1].rstrip()
        prefix, quote, _ = literals[0]
        return f"{prefix}{quote}{translations[text]}{quote}"

    return MARKED.sub(place, source)


def translate_notebook(nb, translations: dict[str, str], lang: str):
    """``nb`` with its prose in ``lang`` (entries missing from ``translations`` stay English), the
    language recorded in its metadata, and the setup cell speaking it."""
    from nncourse.course.notebooks import is_setup

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = translations.get(cell.source, cell.source)
        elif cell.cell_type == "code":
            cell.source = translate_docstrings(translate_comments(cell.source, translations), translations)
            if is_setup(cell):
                cell.source = cell.source.rstrip("\n") + f"\n{SET_LANGUAGE}({lang!r})  # {LANGUAGE_NAMES[lang]}"
    nb.metadata.setdefault("nncourse", {})["language"] = lang
    return nb


SET_LANGUAGE = "from nncourse.utils.i18n import set_language; set_language"


def translate_comments(source: str, translations: dict[str, str]) -> str:
    lines = source.splitlines()
    for first, last, column, text in reversed(comment_blocks(source)):
        translated = translations.get(text)
        if translated is None:
            continue
        if first == last and lines[first][:column].strip():  # after code: one line
            lines[first] = lines[first][:column] + "# " + translated.replace("\n", " ")
        else:
            indent = lines[first][:column]
            lines[first : last + 1] = [indent + "# " + part for part in translated.splitlines()]
    return "\n".join(lines)


class Docstring:
    """A docstring of a function or class in a code cell, as written: ``start``/``end`` its literal's
    character offsets in the cell, ``prefix`` and ``quote`` its opening, ``indent`` the column of its
    continuation lines, and ``text`` what a translator sees (dedented, without the blank lines
    around it)."""

    def __init__(self, source: str, node: ast.Constant):
        lines = source.splitlines(keepends=True)
        line_starts = [0]
        for line in lines:
            line_starts.append(line_starts[-1] + len(line))

        def offset(lineno, col_bytes):  # ast counts columns in UTF-8 bytes
            line = lines[lineno - 1]
            return line_starts[lineno - 1] + len(line.encode()[:col_bytes].decode())

        self.start, self.end = offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset)
        literal = source[self.start : self.end]
        at = min(i for i in (literal.find('"'), literal.find("'")) if i >= 0)
        self.prefix = literal[:at]
        self.quote = literal[at : at + 3] if literal[at : at + 3] in ('"""', "'''") else literal[at]
        self.written = literal[len(self.prefix) + len(self.quote) : -len(self.quote)]
        self.indent = " " * node.col_offset  # only spaces come before a docstring on its line
        self.text = inspect.cleandoc(self.written)

    def with_text(self, text: str) -> str:
        """The literal with ``text`` in place of its own, laid out as the original is."""
        lead = self.written[: len(self.written) - len(self.written.lstrip())]
        trail = self.written[len(self.written.rstrip()) :]
        body = "\n".join((self.indent + line if line and n else line) for n, line in enumerate(text.splitlines()))
        return f"{self.prefix}{self.quote}{lead}{body}{trail}{self.quote}"


def docstrings(source: str) -> list[Docstring]:
    """The docstrings of the functions and classes a code cell defines, in order."""
    from nncourse.course.notebooks import strip_magics

    try:
        tree = ast.parse(strip_magics(source))
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                found.append(Docstring(source, first.value))
    return sorted(found, key=lambda d: d.start)


def translate_docstrings(source: str, translations: dict[str, str]) -> str:
    for docstring in reversed(docstrings(source)):
        if docstring.text in translations:
            source = (
                source[: docstring.start] + docstring.with_text(translations[docstring.text]) + source[docstring.end :]
            )
    return source


def reviewed(catalog: Catalog) -> dict[str, str]:
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
