"""Lesson notebooks: built from their jupytext text sources, and read for their graded code.

Cell roles, from the nbgrader metadata and tags the source gives each cell:

* setup cells (tag ``setup``): imports and provided helpers that graded functions need; read-only;
* solution cells (nbgrader ``solution: true``): one graded function each, defined at top level;
* test cells (nbgrader ``grade: true``): public tests, then hidden ones;
* everything else: teaching and experiments, which grading never runs.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

SETUP_TAG = "setup"
_CELL_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def build_notebook(source: Path):
    """The .ipynb form of a jupytext percent-format source, with no outputs and stable cell ids, and
    the install cell (nncourse.links) after its title, so that it also runs where the course is not
    installed (Colab)."""
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
    return nb


def add_hidden_blocks(nb, lesson_id: str) -> None:
    """End every graded test cell with the call of its function's hidden tests (the lesson sources
    leave it out: it is the same line in every test cell)."""
    from nncourse.autograder.cases import cases_for

    from .lessons import Lesson
    from .public_tests import with_hidden_block

    cases = None
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type == "code" and grade_id.startswith("test_") and cell.metadata["nbgrader"].get("grade"):
            if cases is None:
                cases = cases_for(Lesson(lesson_id, ""))
            function = grade_id[len("test_"):]
            uses = cases[function][0].uses if cases.get(function) else ()
            cell.source = with_hidden_block(cell.source, lesson_id, function, tuple(uses))


def notebook_json(nb) -> str:
    """How the course writes a notebook: nbformat's layout, ending in a newline."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def is_setup(cell) -> bool:
    return cell.cell_type == "code" and SETUP_TAG in cell.metadata.get("tags", [])


def is_solution(cell) -> bool:
    return cell.cell_type == "code" and bool(cell.metadata.get("nbgrader", {}).get("solution"))


class _Node(dict):
    """A JSON object read with attribute access (``cell.metadata``), as nbformat's nodes have."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def read_notebook(path: Path):
    """One of the course's own notebooks (nbformat 4), read as plain JSON: quick, and no validation."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"), object_hook=_Node)
    for cell in nb.cells:
        if isinstance(cell.source, list):
            cell["source"] = "".join(cell.source)
    return nb


def graded_code(nb) -> list[str]:
    """The source of the setup and solution cells, in notebook order, without IPython magics."""
    return [strip_magics(cell.source) for cell in nb.cells if is_setup(cell) or is_solution(cell)]


def strip_magics(source: str) -> str:
    """IPython magics and shell escapes (``%time``, ``!pip``) are not Python: each becomes ``pass``,
    so that line numbers and indented blocks stay as they were."""
    return "\n".join(line[: len(line) - len(line.lstrip())] + "pass" if line.lstrip().startswith(("%", "!"))
                     else line for line in source.splitlines())


def load_definitions(nb, filename="<notebook>") -> dict:
    """Run the setup and solution cells of ``nb`` and return the namespace they define."""
    namespace: dict = {"__name__": "__nncourse_lesson__"}
    for index, code in enumerate(graded_code(nb)):
        exec(compile(code, f"{filename}[{index}]", "exec"), namespace)
    return namespace


_DEF = re.compile(r"^def\s+([A-Za-z_]\w*)\s*\(", re.M)


def graded_functions(nb) -> list[str]:
    """Names of the functions defined at top level in solution cells, in notebook order."""
    return list(solution_cell_ids(nb))


def solution_cell_ids(nb) -> dict[str, str]:
    """{graded function: the nbgrader grade id of its solution cell}, in notebook order."""
    return {name: cell.metadata["nbgrader"]["grade_id"]
            for cell in nb.cells if is_solution(cell) for name in _DEF.findall(cell.source)}


def graded_test_cell(nb, function_name: str):
    """The test cell of a graded function: by convention its grade id is ``test_<function>``."""
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == f"test_{function_name}":
            return cell
    raise KeyError(f"no test cell with grade id test_{function_name}")
