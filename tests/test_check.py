"""`nncourse check`: a student's own run of the public tests, exercise by exercise."""

import subprocess
import sys

import nbformat
from testkit.submissions import solution_cell_index, write

from nncourse.course.lessons import get_lesson


def test_check_says_what_passes_what_fails_and_what_is_not_attempted(tmp_path):
    lesson = get_lesson("01_backprop")
    solution = nbformat.read(lesson.solution, as_version=4)
    work = nbformat.read(lesson.release, as_version=4)
    for function in ("sigmoid", "sigmoid_prime"):
        work.cells[solution_cell_index(work, function)].source = solution.cells[
            solution_cell_index(solution, function)
        ].source
    work.cells[solution_cell_index(work, "feedforward")].source = "def feedforward(weights, biases, X):\n    return X\n"
    path = write(work, tmp_path / "backprop.ipynb")
    done = subprocess.run([sys.executable, "-m", "nncourse", "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert any(l.strip().startswith("✓ sigmoid ") and l.endswith("passed") for l in lines)
    assert any(l.strip().startswith("✗ feedforward") for l in lines)
    assert "feedforward of the one-neuron network" in done.stdout  # the public test's own message
    assert any(l.strip().startswith("· backprop") and l.endswith("not attempted") for l in lines)
    assert "2 of 8 exercises pass their public tests" in done.stdout


def test_check_of_the_solution_passes(tmp_path):
    lesson = get_lesson("01_backprop")
    done = subprocess.run(
        [sys.executable, "-m", "nncourse", "check", str(lesson.solution)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "8 of 8 exercises pass" in done.stdout, done.stdout + done.stderr
