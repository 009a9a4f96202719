"""The generated files are exactly what their sources and the release command make (no drift)."""

import filecmp

import pytest

from nncourse.autograder.cases import cases_for
from nncourse.autograder.hidden import check_hidden
from nncourse.autograder.references import reference_path
from nncourse.course.notebooks import graded_functions, graded_test_cell
from nncourse.notebooks import build_notebook, load_definitions, notebook_json
from nncourse.release import build_references, generate_release
from nncourse.utils import plain
from nncourse.utils.compare import mismatch


def test_solution_ipynb_matches_its_text_source(lesson):
    expected = notebook_json(build_notebook(lesson.source))
    assert lesson.solution.read_text(encoding="utf-8") == expected, (
        f"{lesson.solution} is out of date with {lesson.source.name}: run `nncourse release {lesson.id}`"
    )


@pytest.mark.slow
def test_release_is_what_generate_assignment_makes(lesson, tmp_path):
    generated = generate_release(lesson, tmp_path)
    committed = lesson.release.parent
    compare = filecmp.dircmp(generated, committed, ignore=filecmp.DEFAULT_IGNORES + [".ipynb_checkpoints"])
    assert not compare.left_only and not compare.right_only, "release folder holds different files"
    for name in compare.common_files:
        assert (generated / name).read_bytes() == (committed / name).read_bytes(), (
            f"notebooks/{lesson.id}/{name} differs from nbgrader's output: run `nncourse release {lesson.id}`"
        )


REFERENCE_DRIFT = 4  # a rebuilt reference may move by a quarter of the tolerance its case grades with


def test_references_rebuild_identically(lesson, tmp_path):
    """The stored references are what the solution computes: shapes, dtypes, integers and truth
    values exactly, floats to a quarter of each case's own tolerance.  (Bit for bit they differ
    between processors: numpy's and TensorFlow's kernels round differently on AMD and Intel CPUs,
    by about 1e-14 relative in float64; a reference that moved by more would change grades.)"""
    rebuilt = plain.loads(build_references(lesson, tmp_path).read_text())
    stored = plain.loads(reference_path(lesson).read_text())
    assert set(rebuilt) == set(stored), (
        f"stored references of {lesson.id} are stale: run `nncourse release {lesson.id}`"
    )
    for name, cases in cases_for(lesson).items():
        for i, case in enumerate(cases):
            problem = mismatch(
                rebuilt[name][i], stored[name][i], case.rtol / REFERENCE_DRIFT, case.atol / REFERENCE_DRIFT
            )
            assert problem is None, (
                f"stored reference of {name} ({case.description}) is stale: {problem}; run "
                f"`nncourse release {lesson.id}`"
            )


def test_every_graded_function_has_cases_references_and_a_hidden_test(lesson):
    nb = build_notebook(lesson.source)
    functions = graded_functions(nb)
    assert functions, f"{lesson.id} grades nothing"
    cases = cases_for(lesson)
    for name in functions:
        assert len(cases.get(name, [])) >= 2, f"{name} needs at least two hidden cases"
        source = graded_test_cell(nb, name).source
        hidden = source.split("### BEGIN HIDDEN TESTS", 1)
        uses = "".join(f", {u}" for u in cases[name].uses)
        assert len(hidden) == 2 and f'check_hidden("{lesson.id}", "{name}", {name}{uses})' in hidden[1], (
            f"the test cell of {name} must end with a hidden check_hidden call"
        )
        assert hidden[0].strip().splitlines()[-1].startswith("passed("), (
            f"the public test of {name} must end with passed(...): its guard catches a patched numpy anywhere above"
        )
        assert graded_test_cell(nb, name).metadata["nbgrader"]["points"] > 0


def test_hidden_checks_pass_the_solution(lesson):
    namespace = load_definitions(build_notebook(lesson.source))
    cases = cases_for(lesson)
    for name in graded_functions(build_notebook(lesson.source)):
        check_hidden(lesson.id, name, namespace[name], *(namespace[u] for u in cases[name].uses))


def written_questions(nb):
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")
    }


def test_written_questions_carry_a_rubric_that_the_release_hides(lesson):
    import nbformat

    solution = written_questions(build_notebook(lesson.source))
    assert solution, f"{lesson.id} has no manually graded written question"
    release = written_questions(nbformat.read(lesson.release, as_version=4))
    assert set(release) == set(solution)
    for grade_id, cell in solution.items():
        meta = cell.metadata["nbgrader"]
        assert meta["solution"] and meta["points"] > 0, f"{grade_id}: an answer cell with points"
        assert "### BEGIN SOLUTION" in cell.source and "**Model answer.**" in cell.source, grade_id
        assert "**Rubric (" in cell.source, f"{grade_id}: the solution states a rubric"
        released = release[grade_id].source
        assert "Rubric" not in released and "Model answer" not in released, f"{grade_id}: rubric leaked"
