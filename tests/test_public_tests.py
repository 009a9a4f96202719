"""The public test cells a student reads: data and calls, not formulas; their answers recorded from
the solution and the mistake catalogue, reproducibly; every mistake they named before still named."""

import ast
import json
from pathlib import Path

import pytest

from nncourse.course.notebooks import graded_functions, graded_test_cell, is_setup, is_solution, read_notebook
from nncourse.notebooks import build_notebook
from nncourse.public_tests import (
    HIDDEN_BEGIN,
    catalogue,
    public_part,
    record_answers,
    run_public_test,
    variant_namespace,
)
from nncourse.utils import plain
from nncourse.utils.answers import answers_path
from nncourse.utils.compare import mismatch

FIXTURES = Path(__file__).parent / "fixtures"
# Functions a test cell may define because they are *inputs* of the graded function (an objective to
# search, a function to differentiate), by lesson.
INPUT_FUNCTIONS: dict[str, set[str]] = {
    "01_backprop": set(),
    "02_cross_entropy": set(),
    "03_regularization": set(),
    "04_hyperparameter_tuning": {"peak_at_0_3_t", "draw_x_t"},
    "05_batch_norm": set(),
    "06_softmax": set(),
    "07_tensorflow_signs": set(),
}
ANSWER_DRIFT = 4  # as for the hidden references: a quarter of each check's own tolerance


def released_test_cells(lesson):
    nb = read_notebook(lesson.release)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in nb.cells
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")
    }


def test_answers_rebuild_identically(lesson):
    """The stored answers are what the solution and the catalogue give (floats to a quarter of each
    check's tolerance: the last bits differ between processors)."""
    rebuilt = record_answers(lesson).to_plain()
    stored = plain.loads(answers_path(lesson.id).read_text())
    assert set(rebuilt["expected"]) == set(stored["expected"]), f"run `nncourse release {lesson.id}`"
    for name, value in rebuilt["expected"].items():
        rtol, atol = (t / ANSWER_DRIFT for t in rebuilt["tolerances"][name])
        assert mismatch(value, stored["expected"][name], rtol, atol) is None, (
            f"{name}: run `nncourse release {lesson.id}`"
        )
        assert set(rebuilt["mistakes"].get(name, {})) == set(stored["mistakes"].get(name, {})), name
        for mistake, wrong in rebuilt["mistakes"].get(name, {}).items():
            assert mismatch(wrong, stored["mistakes"][name][mistake], rtol, atol) is None, (name, mistake)


def formulas_in(source: str) -> list[str]:
    """What in a test cell computes an answer: definitions, lambdas (except those passed to
    ``call`` as the graded function's input) and non-literal ``wrong=`` values."""
    tree = ast.parse(source)
    inputs = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "call"
        for arg in [*node.args, *(k.value for k in node.keywords)]
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append(f"def {node.name}")
        elif isinstance(node, ast.Lambda) and id(node) not in inputs:
            found.append(f"lambda on line {node.lineno}")
        elif isinstance(node, ast.keyword) and node.arg == "wrong":
            try:
                ast.literal_eval(node.value)
            except ValueError:
                found.append(f"wrong= on line {node.value.lineno} is computed, not a value")
    return found


def test_released_test_cells_hold_data_and_calls_not_formulas(lesson):
    for grade_id, source in released_test_cells(lesson).items():
        found = [f for f in formulas_in(source) if f.removeprefix("def ") not in INPUT_FUNCTIONS.get(lesson.id, set())]
        assert not found, f"{lesson.id} {grade_id}: {found}"
        assert HIDDEN_BEGIN not in source, "the release must not show the hidden tests"


def test_the_formula_finder_finds_formulas():
    assert formulas_in("def f(x):\n    return 2 * x\n") == ["def f"]
    assert "lambda on line 1" in formulas_in("expect_close(v, 1, 'v', wrong={'m': lambda: 2 * x})")
    assert formulas_in("expect_close(v, 1, 'v', wrong={'m': 2 * x})") == ["wrong= on line 1 is computed, not a value"]
    assert (
        formulas_in(
            "g = call(numerical_gradient, lambda v: v ** 2, x)\nexpect_close(g, answers, 'g', wrong={'m': 3.0})"
        )
        == []
    )


def assigned_names(source: str) -> set[str]:
    names = set()
    for node in ast.parse(source).body:
        for target in getattr(node, "targets", []) + [getattr(node, "target", None)]:
            for name in ast.walk(target) if target is not None else ():
                if isinstance(name, ast.Name):
                    names.add(name.id)
        if isinstance(node, (ast.For, ast.With)):
            for name in ast.walk(node.target if isinstance(node, ast.For) else node):
                if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store):
                    names.add(name.id)
    return names


def test_test_cells_leave_the_lessons_names_alone(lesson):
    """A test cell's inputs must not overwrite a name the lesson's other cells use (X, W, J ...)."""
    nb = build_notebook(lesson.source)
    test_ids = {f"test_{f}" for f in graded_functions(nb)}
    lesson_names = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade_id") not in test_ids:
            try:
                lesson_names |= {n.id for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Name)}
            except SyntaxError:  # a cell with IPython magics
                pass
    for function in graded_functions(nb):
        clash = assigned_names(public_part(graded_test_cell(nb, function).source)) & lesson_names
        assert not clash, f"test_{function} overwrites {sorted(clash)}, which the lesson uses elsewhere"


def named_before():
    """{lesson: {function: {mistake a test cell named before issue 15: how it is named now}}}, from
    tests/fixtures/named_mistakes/<lesson>.json."""
    return {path.stem: json.loads(path.read_text()) for path in sorted((FIXTURES / "named_mistakes").glob("*.json"))}


@pytest.mark.parametrize(
    "lesson_id, function, old, new",
    [
        pytest.param(lesson_id, function, old, new, id=f"{lesson_id}-{function}-{old[:40]}")
        for lesson_id, functions in named_before().items()
        for function, mistakes in functions.items()
        for old, new in mistakes.items()
    ],
)
def test_every_mistake_a_test_cell_named_is_still_named(lesson_id, function, old, new):
    """``new`` is a catalogued mistake whose run of the test cell names it, or {"hint": text} for a
    mistake that the cell describes in a hint."""
    from nncourse.course.lessons import get_lesson

    lesson = get_lesson(lesson_id)
    assert new, (
        f"{lesson_id} {function}: map {old!r} to a catalogued mistake in tests/fixtures/named_mistakes/{lesson_id}.json"
    )
    if isinstance(new, dict):
        assert new["hint"] in released_test_cells(lesson)[f"test_{function}"], new["hint"]
        return
    nb = build_notebook(lesson.source)
    code = catalogue(lesson).WRONG[function][new]
    with pytest.raises(AssertionError) as failure:
        run_public_test(nb, function, variant_namespace(nb, function, code))
    message = str(failure.value)
    assert "known mistake" in message and new in message.split("known mistake", 1)[1], message


def test_the_install_cell_is_collapsed(lesson):
    first_code = next(c for c in read_notebook(lesson.release).cells if c.cell_type == "code")
    assert first_code.metadata["jupyter"]["source_hidden"] is True
    assert not is_setup(first_code) and not is_solution(first_code)
