"""Solution notebooks run top to bottom; release notebooks stop at the first exercise left to do."""

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from nncourse.course.notebooks import is_solution

pytestmark = pytest.mark.slow


def execute(path, workdir, allow_errors=False):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(workdir)}},
    ).execute()
    return nb


def test_solution_notebook_runs_without_errors(lesson, tmp_path):
    nb = execute(lesson.solution, tmp_path)
    stderr = [
        o
        for c in nb.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
        for o in c.outputs
        if o.output_type == "stream" and o.name == "stderr"
    ]
    assert not stderr, f"test cells wrote to stderr (nbgrader would give them 0): {stderr}"


def test_release_notebook_stops_at_the_first_stub(lesson, tmp_path):
    with pytest.raises(CellExecutionError) as info:
        execute(lesson.release, tmp_path)
    assert info.value.ename == "NotImplementedError"
    nb = nbformat.read(lesson.release, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    first_stub = next(i for i, c in enumerate(cells) if is_solution(c))
    # the stub is inside the function, so it raises when the test cell after it calls the function
    executed = execute(lesson.release, tmp_path, allow_errors=True)
    errors = [
        i
        for i, c in enumerate(c for c in executed.cells if c.cell_type == "code")
        if any(o.output_type == "error" for o in c.outputs)
    ]
    assert errors[0] == first_stub + 1
