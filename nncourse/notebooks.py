"""Lesson notebooks built from their jupytext text sources (the instructor's side), and the graded
code of a solution notebook run to make references and answers.  How a notebook is read, and what
its cells' roles are, is ``nncourse.course.notebooks``."""

from __future__ import annotations

import re
from pathlib import Path

from nncourse.course.notebooks import is_setup, is_solution, strip_magics

_CELL_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def build_notebook(
    source: Path, language: str = "en", translations: dict[str, str] | None = None, marked_strings: bool = False
):
    """The .ipynb form of a jupytext percent-format source, with no outputs and stable cell ids, and
    the install cell (nncourse.links) after its title, so that it also runs where the course is not
    installed (Colab).

    language: another language than English gives the notebook with its prose translated from
    ``translations`` (by default the reviewed entries of the lesson's catalogue, ``<lang>.po`` beside
    the source); the code is the same.  marked_strings=True keeps the _("...") marks (for extraction)."""
    import jupytext  # imported here: nbformat's validator takes seconds to import, and grading never needs it

    from .links import add_install_cell, repository_url

    nb = jupytext.read(source)
    nb.metadata.pop("jupytext", None)
    add_install_cell(nb, repository_url())
    add_hidden_blocks(nb, Path(source).parent.name)
    nb.nbformat, nb.nbformat_minor = 4, 5
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("lines_to_next_cell", None)
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell["id"] = _CELL_ID_CHARS.sub("-", grade_id)[:64] if grade_id else f"cell-{index:03d}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    from .translation import lesson_catalog_of, place_marked_strings, reviewed, translate_notebook

    if language != "en" and translations is None:
        translations = reviewed(lesson_catalog_of(Path(source), language))
    for cell in nb.cells if not marked_strings else ():
        if cell.cell_type == "code":  # _("...") marks a string a student reads: the literal takes its place
            cell.source = place_marked_strings(cell.source, translations or {})
    if language != "en":
        translate_notebook(nb, translations, language)
    return nb


def add_hidden_blocks(nb, lesson_id: str) -> None:
    """End every graded test cell with the call of its function's hidden tests (the lesson sources
    leave it out: it is the same line in every test cell)."""
    from nncourse.autograder.cases import cases_for

    from .public_tests import with_hidden_block

    cases = None
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type == "code" and grade_id.startswith("test_") and cell.metadata["nbgrader"].get("grade"):
            if cases is None:
                cases = cases_for(lesson_id)
            function = grade_id[len("test_") :]
            uses = cases[function].uses if function in cases else ()
            cell.source = with_hidden_block(cell.source, lesson_id, function, uses)


def notebook_json(nb) -> str:
    """How the course writes a notebook: nbformat's layout, ending in a newline."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def graded_code(nb) -> list[str]:
    """The source of the setup and solution cells, in notebook order, without IPython magics."""
    return [strip_magics(cell.source) for cell in nb.cells if is_setup(cell) or is_solution(cell)]


def load_definitions(nb, filename="<notebook>") -> dict:
    """Run the setup and solution cells of ``nb`` and return the namespace they define."""
    namespace: dict = {"__name__": "__nncourse_lesson__"}
    for index, code in enumerate(graded_code(nb)):
        exec(compile(code, f"{filename}[{index}]", "exec"), namespace)
    return namespace
