"""Submitted notebooks made for tests: a lesson's solution or release with cells replaced, removed,
broken or turned hostile."""

from __future__ import annotations

import copy
import importlib
from pathlib import Path

import nbformat

from nncourse.course.notebooks import is_solution
from testkit.catalogue import Mutant


def solution_cell_index(nb, function: str) -> int:
    for index, cell in enumerate(nb.cells):
        if is_solution(cell) and f"def {function}(" in cell.source:
            return index
    raise KeyError(function)


def with_answers(nb, answers: dict[str, str]):
    """A copy of ``nb`` whose solution cells for the named functions hold the given code
    (a ``Mutant`` is applied to the cell's current code)."""
    nb = copy.deepcopy(nb)
    for function, code in answers.items():
        cell = nb.cells[solution_cell_index(nb, function)]
        cell.source = code.apply(cell.source) if isinstance(code, Mutant) else code
    return nb


def solved_release(lesson):
    """The student notebook as a student who solved every exercise hands it in: the release, whose
    solution cells hold the solution's code (and no hidden tests, which only the solution has)."""
    answers = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in nbformat.read(lesson.solution, as_version=4).cells
        if is_solution(c)
    }
    nb = nbformat.read(lesson.release, as_version=4)
    for cell in nb.cells:
        if is_solution(cell):
            cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
    return nb


def write(nb, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def catalogue_variants(lesson, kind: str, round_: int) -> dict:
    """The ``round_``-th WRONG or CORRECT variant of every function that has that many."""
    module = importlib.import_module(f"testkit.catalogue.lesson_{lesson.id}")
    chosen = {}
    for function, variants in getattr(module, kind).items():
        codes = list(variants.values())
        if round_ < len(codes):
            chosen[function] = codes[round_]
    return chosen


def mixed_answers(lesson) -> dict:
    """An honest, partly correct submission: every other function has a catalogued mistake, the
    rest are written another correct way."""
    wrong, correct = catalogue_variants(lesson, "WRONG", 0), catalogue_variants(lesson, "CORRECT", 0)
    return {f: (wrong[f] if i % 2 == 0 else correct[f]) for i, f in enumerate(wrong) if f in correct}
