"""Submissions that patch what grades them, graded with `nbgrader autograde` (docs/instructors.md,
"What nbgrader cannot protect against").

Without the checks' guard, a cell that replaces numpy's comparisons got the points of an exercise it
got wrong, one that broke `abs` and `max` zeroed the whole notebook, and one that silenced the course's
checks passed them.  Now the test cell of the exercise that tampered fails and says what was
replaced, the originals are put back, and every other exercise keeps the honest solution's points.
"""

import nbformat
import pytest
from testkit.catalogue import Mutant
from testkit.catalogue.lesson_01_backprop import WRONG
from testkit.nbgrader_class import NbgraderClass, autograded_points
from testkit.submissions import with_answers, write

from nncourse.course.lessons import get_lesson

pytestmark = pytest.mark.slow

LESSON = get_lesson("01_backprop")

PATCH_NUMPY = """\
import numpy as np
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
np.testing.assert_allclose = lambda *a, **k: None
"""

PATCH_BUILTINS = """\
import builtins
builtins.abs = lambda x: 0
builtins.max = lambda *a, **k: 0
"""

PATCH_CHECKS_WHEN_CALLED = """\
def accuracy(weights, biases, X, y):
    import nncourse.autograder.hidden as hidden, nncourse.utils.checks as checks
    checks.fail = lambda message: None
    hidden.check_hidden = lambda *a, **k: None
    return float(np.sum(np.argmax(feedforward(weights, biases, X), axis=0) == y))  # the count, not the fraction
"""

# student: (the exercise whose cell cheats, that cell's code, what the test cell must say was replaced)
CHEATS = {
    "wrong_and_patches_numpy": (
        "relative_error",
        PATCH_NUMPY + WRONG["relative_error"]["mean instead of max"],
        "numpy.allclose, numpy.isclose, numpy.testing.assert_allclose",
    ),
    "right_and_patches_builtins": (
        "sigmoid",
        Mutant("def sigmoid(z):", PATCH_BUILTINS + "def sigmoid(z):"),
        "builtins.abs, builtins.max",
    ),
    "wrong_and_patches_checks": (
        "accuracy",
        PATCH_CHECKS_WHEN_CALLED,
        "nncourse.utils.checks.fail, nncourse.autograder.hidden.check_hidden",
    ),
}


def error_text(notebook, grade_id) -> str:
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "\n".join(o.get("evalue", "") for o in cell.outputs if o.output_type == "error")


def test_a_cheat_loses_its_own_exercise_and_nothing_else(tmp_path):
    course = NbgraderClass(tmp_path / "class")
    course.add_assignment(LESSON.id, LESSON.solution)
    for student, (function, code, _) in CHEATS.items():
        cheat = with_answers(nbformat.read(LESSON.solution, as_version=4), {function: code})
        course.submit(student, LESSON.id, write(cheat, tmp_path / f"{student}.ipynb"), LESSON.solution.name)

    course.autograde(LESSON.id)

    honest = autograded_points(LESSON.solution)  # the solution gets every point (test_instructor_workflow)
    for student, (function, _, replaced) in CHEATS.items():
        scores = course.cell_scores(LESSON.id, student, LESSON.name)
        cheat = f"test_{function}"
        assert scores[cheat] == 0, f"{student}: the tampering exercise kept its points"
        assert {c: scores[c] for c in honest if c != cheat} == {c: p for c, p in honest.items() if c != cheat}, (
            f"{student}: the other exercises must keep the honest solution's points"
        )
        graded = nbformat.read(course.folder / "autograded" / student / LESSON.id / LESSON.solution.name, as_version=4)
        assert f"your code replaced {replaced}: graded checks cannot be patched" in error_text(graded, cheat)


def test_a_deleted_test_cell_is_put_back_and_graded_by_nbgrader_and_nncourse_alike(tmp_path):
    """A student who deletes a test cell loses nothing: nbgrader puts the cell back from the release
    (``OverwriteCells.add_missing_cells`` in nbgrader_config.py) and runs it, and ``nncourse grade``
    runs the release's test anyway."""
    from nncourse.autograder.grader import Grader

    course = NbgraderClass(tmp_path / "class")
    course.add_assignment(LESSON.id, LESSON.solution)
    submission = nbformat.read(LESSON.solution, as_version=4)
    deleted = "test_sigmoid"
    submission.cells = [c for c in submission.cells if c.metadata.get("nbgrader", {}).get("grade_id") != deleted]
    course.submit("deleter", LESSON.id, write(submission, tmp_path / "deleter.ipynb"), LESSON.solution.name)

    course.autograde(LESSON.id)

    honest = autograded_points(LESSON.solution)
    scores = course.cell_scores(LESSON.id, "deleter", LESSON.name)
    assert {c: scores[c] for c in honest} == honest, "nbgrader gives the full points, the deleted cell's included"
    graded = nbformat.read(course.folder / "autograded" / "deleter" / LESSON.id / LESSON.solution.name, as_version=4)
    restored = [c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == deleted]
    assert len(restored) == 1 and "was missing from the submission" in restored[0].source
    with Grader() as grader:
        grade = grader.grade(str(course.folder / "submitted" / "deleter" / LESSON.id / LESSON.solution.name))
    assert {e.cell_id: e.points for e in grade.exercises} == honest
