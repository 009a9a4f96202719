"""Reading a submitted notebook whatever state it is in, and finding the student's answer to each exercise.

Nothing here runs the student's code.  A notebook that cannot be read raises ``Unreadable`` with a
message for the grade book; everything else is found as well as it can be: an answer is the cell
with the exercise's nbgrader grade id, else the last code cell that defines the function (the
metadata may have been stripped, or the cell split or duplicated), else a Markdown cell that holds it.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from nncourse.course.notebooks import strip_magics
from nncourse.utils.i18n import ENGLISH, LANGUAGES

MAX_NOTEBOOK_MB = 200


class Unreadable(ValueError):
    """The file is not a notebook the grader can read; the message says why, for the grade book."""


@dataclass
class Cell:
    kind: str  # "code", "markdown" or "raw"
    source: str
    grade_id: str | None


@dataclass
class Answer:
    """The student's cells for one exercise, in notebook order, and what was unusual about finding them."""

    sources: list[str]
    notes: list[str] = field(default_factory=list)


@dataclass
class Submission:
    cells: list[Cell]
    notes: list[str]  # anything unusual about the file, for the grade book
    language: str  # of its text and its feedback: the course's metadata, else English


def read_submission(path: Path, content: bytes | None = None) -> Submission:
    """The cells of a notebook file (nbformat 3 or 4), or of its ``content`` when given, its language,
    and notes on anything unusual about it."""
    try:
        size = path.stat().st_size if content is None else len(content)
    except OSError as exc:
        raise Unreadable(f"cannot read the file ({exc.strerror})") from None
    if size > MAX_NOTEBOOK_MB * 1024 * 1024:
        raise Unreadable(f"the file is larger than {MAX_NOTEBOOK_MB} MB")
    try:
        content = path.read_bytes() if content is None else content
    except OSError as exc:
        raise Unreadable(f"cannot read the file ({exc.strerror})") from None
    try:
        data = json.loads(content.decode("utf-8", errors="replace"))
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise Unreadable(f"invalid JSON{where}: the notebook file is damaged or truncated") from None
    if not isinstance(data, dict):
        raise Unreadable("not a notebook: the JSON is not an object")
    notes = []
    version = data.get("nbformat")
    if version == 4 or (version is None and isinstance(data.get("cells"), list)):
        raw_cells = data.get("cells")
    elif version == 3 or isinstance(data.get("worksheets"), list):
        raw_cells = [
            cell
            for sheet in _list(data.get("worksheets"))
            if isinstance(sheet, dict)
            for cell in _list(sheet.get("cells"))
        ]
        notes.append("an old notebook format (nbformat 3) was read")
    else:
        raise Unreadable(f"not a notebook: unknown nbformat {version!r}")
    if not isinstance(raw_cells, list):
        raise Unreadable("not a notebook: it has no list of cells")
    cells = [cell for raw in raw_cells if (cell := _cell(raw)) is not None]
    kernel = _kernel_name(data)
    if kernel and "python" not in kernel.lower():
        notes.append(f"the notebook's kernel was {kernel!r}; it was graded as Python")
    return Submission(cells, notes, _language(data))


def _language(data: dict) -> str:
    """The language the course wrote into the notebook's metadata (``nncourse.language``), if it is one
    the course speaks; English otherwise."""
    metadata = data.get("metadata")
    course = metadata.get("nncourse") if isinstance(metadata, dict) else None
    language = course.get("language") if isinstance(course, dict) else None
    return language if language in LANGUAGES else ENGLISH


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _cell(raw) -> Cell | None:
    if not isinstance(raw, dict):
        return None
    kind = raw.get("cell_type")
    kind = "markdown" if kind == "heading" else kind  # nbformat 3 headings
    if kind not in ("code", "markdown", "raw"):
        return None
    source = raw.get("source", raw.get("input", ""))  # nbformat 3 code cells hold "input"
    if isinstance(source, list):
        source = "".join(s for s in source if isinstance(s, str))
    if not isinstance(source, str):
        return None
    metadata = raw.get("metadata")
    nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
    return Cell(kind, source, grade_id if isinstance(grade_id, str) else None)


def _kernel_name(data: dict) -> str | None:
    spec = data.get("metadata", {}).get("kernelspec") if isinstance(data.get("metadata"), dict) else None
    name = spec.get("name") if isinstance(spec, dict) else None
    return name if isinstance(name, str) else None


def find_answer(cells: list[Cell], function: str, grade_id: str, test_id: str | None = None) -> Answer | None:
    """The student's cells for ``function`` (whose solution cell has nbgrader id ``grade_id``), or None.

    As in a notebook run top to bottom, only cells above the exercise's test cell (grade id
    ``test_id``) count, when the notebook still has it: a later cell that redefines the function
    did not exist yet when the test ran.

    Those are the code cells with the grade id (more than one when it was copied or split) and the
    last code cell that defines the function, if that is another one; failing both, the last
    Markdown or raw cell that has the grade id or defines the function (its text is run as code).
    """
    cells = cells_before_test(cells, test_id)
    tagged = [c for c in cells if c.kind == "code" and c.grade_id == grade_id]
    defining = [c for c in cells if c.kind == "code" and defines(c.source, function)]
    notes = []
    if len(tagged) > 1:
        notes.append(f"{len(tagged)} cells had the grade id {grade_id!r}; all of them were run, in order")
    extra = [defining[-1]] if defining and not any(defining[-1] is c for c in tagged) else []
    chosen = tagged + extra
    if extra:
        notes.append(
            f"{function} was found in a cell without its grade id (metadata removed, or the cell split or copied)"
        )
    if chosen:
        return Answer([c.source for c in cells if any(c is x for x in chosen)], notes)
    in_text = [c for c in cells if c.kind != "code" and (c.grade_id == grade_id or defines(c.source, function))]
    if in_text:
        return Answer(
            [in_text[-1].source],
            [f"the cell of {function} had been turned into a {in_text[-1].kind} cell; its text was graded as code"],
        )
    return None


def cells_before_test(cells: list[Cell], test_id: str | None) -> list[Cell]:
    for index, cell in enumerate(cells):
        if test_id is not None and cell.grade_id == test_id:
            return cells[:index]
    return cells


_DEF_LINE = r"^(?:async\s+)?def\s+{}\s*\("


def defines(source: str, function: str) -> bool:
    """Whether ``source`` defines ``function`` at top level (by its syntax, else by its text)."""
    try:
        tree = ast.parse(strip_magics(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return re.search(_DEF_LINE.format(re.escape(function)), source, re.M) is not None
    return any(
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function for node in tree.body
    )


def names_used(source: str) -> set[str]:
    """Every name a piece of code mentions (to find which other answers an exercise needs)."""
    try:
        tree = ast.parse(strip_magics(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set(re.findall(r"[A-Za-z_]\w*", source))
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
