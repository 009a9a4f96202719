"""nbgrader itself, run on the course: autograde scores, and TensorFlow's stderr log lines."""
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from nbgrader_class import NbgraderClass
from submissions import mixed_answers, with_answers, write
from nncourse.autograder.grader import grade_notebook

pytestmark = pytest.mark.slow


def max_points(path):
    """Points of the autograded cells (test cells); written answers are graded by hand."""
    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
            for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")}


def test_autograde_scores_and_nncourse_grade_agrees(lesson, tmp_path):
    """nbgrader gives the solution full points and the blank release none; on those and on an honest,
    partly correct submission (catalogued mistakes in every other function), `nncourse grade` gives
    exactly nbgrader's points, cell by cell."""
    course = NbgraderClass(tmp_path)
    release = course.add_assignment(lesson.id, lesson.solution)
    mixed = write(with_answers(nbformat.read(lesson.solution, as_version=4), mixed_answers(lesson)),
                  tmp_path / "mixed.ipynb")
    students = {"correct": lesson.solution, "blank": release, "mixed": mixed}
    for student, notebook in students.items():
        course.submit(student, lesson.id, notebook, lesson.solution.name)
    course.autograde(lesson.id)
    points = max_points(lesson.solution)
    scores = {student: course.cell_scores(lesson.id, student, lesson.name) for student in students}
    assert {cell: scores["correct"][cell] for cell in points} == points
    assert {cell: scores["blank"][cell] for cell in points} == {cell: 0 for cell in points}
    assert 0 < sum(scores["mixed"][cell] for cell in points) < sum(points.values())
    for student in students:
        grade = grade_notebook(str(tmp_path / "submitted" / student / lesson.id / lesson.solution.name))
        assert grade.status == "ok"
        assert {e.cell_id: e.points for e in grade.exercises} == {cell: scores[student][cell] for cell in points}, student


def graded_cell(grade_id, source, solution=False):
    meta = {"grade": not solution, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution, "task": False}
    if not solution:
        meta["points"] = 1
    return new_code_cell(source, metadata={"nbgrader": meta})


# What TensorFlow 2.21 printed on stderr when imported in a kernel here.  The C++ lines reach the
# kernel asynchronously (they may land in a later cell, or after it), so the test cell also prints
# them itself, synchronously, to make the check deterministic.
TF_LOG_LINES = """\
WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
I0000 00:00:1795385520.474793    3262 cudart_stub.cc:31] Could not find cuda drivers on your machine, GPU will not be used.
I0000 00:00:1795385520.570519    3262 cpu_feature_guard.cc:227] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.
To enable the following instructions: AVX2 FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.
E0000 00:00:1795385526.105019    3262 cuda_platform.cc:52] failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)
2026-11-22 22:31:05.123456: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on.
"""


def test_tensorflow_log_lines_do_not_zero_a_test_cell(tmp_path):
    nb = new_notebook(cells=[
        graded_cell("answer", "def answer():\n    ### BEGIN SOLUTION\n    return 3.0\n    ### END SOLUTION",
                    solution=True),
        graded_cell("test_with_tensorflow",
                    f"import sys\nsys.stderr.write({TF_LOG_LINES!r})\nimport tensorflow as tf\n"
                    "assert float(tf.reduce_sum(tf.constant([1.0, 2.0]))) == answer()"),
        graded_cell("test_other_stderr", "import sys\nprint('a real problem', file=sys.stderr)"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    source = tmp_path / "tf.ipynb"
    nbformat.write(nb, source)
    course = NbgraderClass(tmp_path / "class")
    course.add_assignment("tf_quiet", source)
    course.submit("student", "tf_quiet", source, "tf.ipynb")

    course.autograde("tf_quiet")
    scores = course.cell_scores("tf_quiet", "student", "tf")
    assert scores["test_with_tensorflow"] == 1, "TensorFlow's log lines cost the test cell its points"
    assert scores["test_other_stderr"] == 0, "other stderr output must still count, as nbgrader intends"

    course.configure("c.IgnorePattern.enabled = False")  # control: TF really writes to stderr
    course.autograde("tf_quiet")
    assert course.cell_scores("tf_quiet", "student", "tf")["test_with_tensorflow"] == 0
