"""Reading a lesson notebook: its cells' roles, and its graded functions.

Cell roles, from the nbgrader metadata and tags the source gives each cell:

* setup cells (tag ``setup``): imports and provided helpers that graded functions need; read-only;
* solution cells (nbgrader ``solution: true``): one graded function each, defined at top level;
* test cells (nbgrader ``grade: true``): public tests, then hidden ones;
* everything else: teaching and experiments, which grading never runs.

(Building a notebook from its source is the instructor's side: ``nncourse.notebooks``.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

SETUP_TAG = "setup"
_DEF = re.compile(r"^def\s+([A-Za-z_]\w*)\s*\(", re.M)


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


def is_setup(cell) -> bool:
    return cell.cell_type == "code" and SETUP_TAG in cell.metadata.get("tags", [])


def is_solution(cell) -> bool:
    return cell.cell_type == "code" and bool(cell.metadata.get("nbgrader", {}).get("solution"))


def strip_magics(source: str) -> str:
    """IPython magics and shell escapes (``%time``, ``!pip``) are not Python: each becomes ``pass``,
    so that line numbers and indented blocks stay as they were."""
    return "\n".join(
        line[: len(line) - len(line.lstrip())] + "pass" if line.lstrip().startswith(("%", "!")) else line
        for line in source.splitlines()
    )


def graded_functions(nb) -> list[str]:
    """Names of the functions defined at top level in solution cells, in notebook order."""
    return list(solution_cell_ids(nb))


def solution_cell_ids(nb) -> dict[str, str]:
    """{graded function: the nbgrader grade id of its solution cell}, in notebook order."""
    return {
        name: cell.metadata["nbgrader"]["grade_id"]
        for cell in nb.cells
        if is_solution(cell)
        for name in _DEF.findall(cell.source)
    }


def graded_test_cell(nb, function_name: str):
    """The test cell of a graded function: by convention its grade id is ``test_<function>``."""
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == f"test_{function_name}":
            return cell
    raise KeyError(f"no test cell with grade id test_{function_name}")
